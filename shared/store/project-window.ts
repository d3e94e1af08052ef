/**
 * A project's records as far as the rules look (issue 13: reads bounded by the rules' windows): what intake, the
 * conditions, the case preview and the monthly verdict read instead of the project's whole item collection.
 *
 * Record ids are ULIDs whose first ten characters are the instant they were recorded, and a record's own date (an
 * inspection's day, a finding's `foundOn`, a criticism's date) is never after the day it was recorded (intake
 * refuses future dates), so the sort-key range `INSPECTION#ins_<instant of the window's first day> …` holds every
 * inspection dated inside the window. What is older and still counts is named by the standing index
 * (`keys.standing…`): findings not yet accepted (C4's overdue and refused findings, the verdict's open hazards),
 * findings accepted on or after the window's first day (overdue inside the window until then), and every case (the
 * evidence their decisions weighed, SPEC §2.1). Incidents are read whole: C6 has no window ("发生过"), and they are
 * few. A case's documents are read from the first day an answer to the cycle's obligations can have arrived; its
 * notices and judged cycles whole (one a month at most); its timeline not at all (the case item holds the head of
 * the hash chain, which is all an append needs).
 *
 * The monthly run first reads one page of {@link SMALL_PARTITION_ITEMS} items ({@link probeProject}): a young
 * project's whole partition fits, in one request; a larger one is read by windows after it, and what that first page
 * holds (the partition's sort keys up to its last one: usually the open case, its judged cycles and its first
 * documents) is taken from the page instead of being asked again ({@link FirstPage}).
 *
 * Until the standing index has been backfilled on a table (`npm run backfill:standing-index`, recorded as the
 * `standing-index` migration), the whole collection is read, as before: items written before the index existed
 * have no standing entries.
 */
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { encodeTime } from 'ulid';
import { dynamo, TABLE_NAME } from './client.js';
import { type Key, keys } from './keys.js';
import { readItems, readProjectCollection, type StoredItem } from './project-collection.js';
import { type ProjectSnapshot, snapshotOf } from './snapshot.js';

/** The migration that gives every finding and case its standing entry (scripts/backfill-standing-index.ts). */
export const STANDING_INDEX_MIGRATION = 'standing-index';

/**
 * A partition of at most this many items is read whole, in one request (about 25–70 KB: a project registered with
 * its first inspections, or the bench's seeded cases); a larger one is read by windows after that first page.
 */
export const SMALL_PARTITION_ITEMS = 100;

/** What a bounded read covers. */
export interface ProjectWindow {
  /** the first day whose inspections, findings and criticisms count (a look-back window's, a cycle's) */
  from: string;
  /** the instant of the request, on the clock the use case runs on */
  now: Date;
  /** a case whose notices and judged cycles are read, and its documents from `documentsFrom` */
  caseId?: string;
  /** the first day whose documents of `caseId` are read; none without it */
  documentsFrom?: string;
  /** findings read whatever their age (the one a verification names) */
  findingIds?: readonly string[];
  /** inspections read whatever their age (the inspection of such a finding) */
  inspectionIds?: readonly string[];
}

/** A bounded snapshot: what the window covers, sorted like the whole collection's (`snapshotOf`). */
export interface WindowedSnapshot extends ProjectSnapshot {
  /** the window read, or null when the whole collection was read (the standing index not yet backfilled) */
  window: ProjectWindow | null;
  /** items this read returned (each once; those taken from a probe's first page included), for tests and benchmarks */
  itemsRead: number;
}

let standingIndexReady = false;

/** Whether the standing index is complete on this table (once seen, for the life of the process: it stays so). */
export async function standingIndexComplete(): Promise<boolean> {
  if (standingIndexReady) return true;
  const result = await dynamo.send(
    new GetCommand({ TableName: TABLE_NAME, Key: keys.migration(STANDING_INDEX_MIGRATION), ConsistentRead: true }),
  );
  standingIndexReady = result.Item !== undefined;
  return standingIndexReady;
}

const DAY_MS = 86_400_000;

/**
 * The smallest id a record dated on or after `from` can have. Ids take their instant from the machine's clock; the
 * use case's clock (`now`) may run ahead of it (the local twin's clock set to a later day), so the window's first
 * instant is moved back by that much as well, and by one more day for clocks a little apart: reading a few records
 * too many costs little, missing one would be wrong.
 */
export function idFloor(prefix: string, from: string, now: Date): string {
  const first = Date.parse(`${from}T00:00:00+08:00`);
  const ahead = Math.max(0, now.getTime() - Date.now());
  const instant = Math.max(0, first - ahead - DAY_MS);
  return `${prefix}_${encodeTime(instant, 10)}`;
}

/**
 * The first page of a project's partition as the probe read it: its items in sort-key order, and the last sort key
 * it reached. Every item whose sort key is at most `lastSk` is in `items`, so a range or a key up to there is known
 * without another request (absent if it is not in the page).
 */
export interface FirstPage {
  pk: string;
  items: StoredItem[];
  lastSk: string;
}

/**
 * Every page of one Query of the project's partition over `[low, high]` (strongly consistent); the part of the range
 * that `firstPage` covers is taken from it, and the Query (if any is left to make) starts after its last key.
 */
async function readRange(projectId: string, low: string, high: string, firstPage?: FirstPage): Promise<StoredItem[]> {
  const known = firstPage && low <= firstPage.lastSk;
  const items: StoredItem[] = known ? firstPage.items.filter((item) => item.sk >= low && item.sk <= high) : [];
  if (known && high <= firstPage.lastSk) return items;
  let startKey: Record<string, unknown> | undefined = known
    ? { pk: keys.projectPartition(projectId), sk: firstPage.lastSk }
    : undefined;
  do {
    const page = await dynamo.send(
      new QueryCommand({
        TableName: TABLE_NAME,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :low AND :high',
        ExpressionAttributeValues: { ':pk': keys.projectPartition(projectId), ':low': low, ':high': high },
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
      }),
    );
    items.push(...((page.Items ?? []) as StoredItem[]));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}

/** Items by key: those `firstPage` covers from it (present or known absent), the rest in BatchGetItem requests. */
async function readKeys(wanted: readonly Key[], firstPage?: FirstPage): Promise<StoredItem[]> {
  const covered = (key: Key) => firstPage !== undefined && key.pk === firstPage.pk && key.sk <= firstPage.lastSk;
  const fromPage = wanted.filter(covered).flatMap((key) => firstPage?.items.filter((item) => item.sk === key.sk) ?? []);
  const rest = wanted.filter((key) => !covered(key));
  return [...fromPage, ...(rest.length ? await readItems(rest) : [])];
}

/**
 * What the probe found: a young project's whole partition (`snapshot`, undefined when there is no such project), or
 * the first page of a larger one, to read it by windows with.
 */
export type Probe = { small: true; snapshot: WindowedSnapshot | undefined } | { small: false; firstPage: FirstPage };

/**
 * A young project's whole partition is one small page: read so, it costs one request where the windowed ranges cost
 * six or more (the monthly run's aim of ≤ 3 requests a case, issue 13 item 4). A larger partition costs this bounded page,
 * whatever its history, and the page is kept for the windowed read ({@link readProjectWindow}'s `firstPage`).
 * Correct before and after the standing index.
 */
export async function probeProject(projectId: string): Promise<Probe> {
  const probe = await dynamo.send(
    new QueryCommand({
      TableName: TABLE_NAME,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.projectPartition(projectId) },
      ConsistentRead: true,
      Limit: SMALL_PARTITION_ITEMS,
    }),
  );
  const items = (probe.Items ?? []) as StoredItem[];
  if (probe.LastEvaluatedKey) {
    const pk = keys.projectPartition(projectId);
    return { small: false, firstPage: { pk, items, lastSk: String(probe.LastEvaluatedKey.sk) } };
  }
  const snapshot = snapshotOf(items);
  return { small: true, snapshot: snapshot && { ...snapshot, window: null, itemsRead: items.length } };
}

/** The item of `key` from the first page when the page reaches its sort key, or by one GetItem. */
export async function readCovered(key: Key, firstPage: FirstPage): Promise<StoredItem | undefined> {
  return (await readKeys([key], firstPage))[0];
}

/**
 * Read a project's records as far as `window` reaches (see the module's comment); undefined when the project does
 * not exist. Two rounds of requests: the ranges and the project's singletons in parallel, then by key what the
 * standing index named (cases, older findings) and what the caller asked for by id. What `firstPage` (the probe's
 * page of this partition, read just before) covers is taken from it: a range inside it costs no request.
 */
export async function readProjectWindow(
  projectId: string,
  window: ProjectWindow,
  firstPage?: FirstPage,
): Promise<WindowedSnapshot | undefined> {
  if (!(await standingIndexComplete())) {
    const items = await readProjectCollection(projectId);
    const snapshot = snapshotOf(items);
    return snapshot && { ...snapshot, window: null, itemsRead: items.length };
  }
  const { from, now, caseId } = window;
  const range = (type: string, idPrefix: string) =>
    readRange(projectId, `${type}#${idFloor(idPrefix, from, now)}`, `${type}#~`, firstPage);
  // every record under a sort-key prefix (record ids and padded numbers sort before '~')
  const all = (prefix: string) => readRange(projectId, prefix, `${prefix}~`, firstPage);
  // Ranges whose ends meet in the partition's order go out as one Query, its items told apart by prefix after:
  // the window's findings and every incident (`HAZARD#haz_<floor>` … `INCIDENT#~`), and a case's documents of the
  // window and its notices (`…#DOC#doc_<floor>` … `…#NOTICE#~`, with the case's few links, measures and municipal
  // report between them, read and left out). One request each instead of two (issue 13 item 4).
  const documentsFloor =
    caseId && window.documentsFrom ? `${keys.documentPrefix(caseId)}${idFloor('doc', window.documentsFrom, now)}` : '';
  const [standing, inspections, findingsAndIncidents, criticisms, singletons, documentsAndNotices, cycles] =
    await Promise.all([
      readRange(projectId, keys.standingFrom(from), keys.standingEnd, firstPage),
      range('INSPECTION', 'ins'),
      readRange(projectId, `HAZARD#${idFloor('haz', from, now)}`, 'INCIDENT#~', firstPage),
      range('CRITICISM', 'crt'),
      readKeys([keys.project(projectId), keys.openCaseLock(projectId), keys.unweighedMarker(projectId)], firstPage),
      caseId
        ? documentsFloor
          ? readRange(projectId, documentsFloor, `${keys.noticePrefix(caseId)}~`, firstPage)
          : all(keys.noticePrefix(caseId))
        : [],
      caseId ? all(keys.cyclePrefix(caseId)) : [],
    ]);
  const under = (items: StoredItem[], prefix: string) => items.filter((item) => item.sk.startsWith(prefix));
  const findings = under(findingsAndIncidents, 'HAZARD#');
  const incidents = under(findingsAndIncidents, 'INCIDENT#');
  const notices = caseId ? under(documentsAndNotices, keys.noticePrefix(caseId)) : [];
  const documents = caseId && documentsFloor ? under(documentsAndNotices, keys.documentPrefix(caseId)) : [];
  const leftOut = documentsAndNotices.length - notices.length - documents.length;
  if (!singletons.some((item) => item.type === 'project')) return undefined;

  // by key: every case, findings the standing index names that the range did not hold, what was asked for by id
  const haveFindings = new Set(findings.map((item) => String(item.id)));
  const haveInspections = new Set(inspections.map((item) => String(item.id)));
  const caseIds = new Set<string>(caseId ? [caseId] : []);
  const lock = singletons.find((item) => item.type === 'open-case');
  if (lock) caseIds.add(String(lock.caseId));
  const olderFindings = new Set<string>(window.findingIds ?? []);
  for (const entry of standing) {
    if (entry.caseId) caseIds.add(String(entry.caseId));
    if (entry.findingId) olderFindings.add(String(entry.findingId));
  }
  const wanted: Key[] = [
    ...[...caseIds].map((id) => keys.supervisionCase(projectId, id)),
    ...[...olderFindings].filter((id) => !haveFindings.has(id)).map((id) => keys.hazard(projectId, id)),
    ...(window.inspectionIds ?? [])
      .filter((id) => !haveInspections.has(id))
      .map((id) => keys.inspection(projectId, id)),
  ];
  const byKey = wanted.length ? await readKeys(wanted, firstPage) : [];
  const items = [
    ...singletons,
    ...inspections,
    ...findings,
    ...criticisms,
    ...incidents,
    ...notices,
    ...cycles,
    ...documents,
    ...byKey,
  ];
  // in the partition's order, as a whole read returns them: lists built from the snapshot come out the same
  items.sort((a, b) => (a.sk < b.sk ? -1 : a.sk > b.sk ? 1 : 0));
  const snapshot = snapshotOf(items);
  return snapshot && { ...snapshot, window, itemsRead: items.length + standing.length + leftOut };
}

/**
 * A project's records named by key, with the whole of some small sub-collections (a case's notices, its circulars:
 * a few items each), as a snapshot holding only those: what a use case that knows which records it weighs reads
 * instead of the whole collection. The project item always (undefined when the project does not exist). One round:
 * one BatchGetItem and a Query a prefix, in parallel.
 */
export async function readProjectRecords(
  projectId: string,
  wanted: readonly Key[],
  prefixes: readonly string[] = [],
): Promise<ProjectSnapshot | undefined> {
  const [byKey, ...collections] = await Promise.all([
    readItems([keys.project(projectId), ...wanted]),
    ...prefixes.map((prefix) => readRange(projectId, prefix, `${prefix}~`)),
  ]);
  return snapshotOf([...byKey, ...collections.flat()]);
}

/**
 * What a project has open: its findings not yet accepted and every case, as the standing index names them — one
 * Query over `STANDING#FINDING#OPEN#` … `STANDING#SUPERVISION#~`, which holds exactly those entries (accepted
 * findings sort before it). Only once the standing index is complete on the table (the caller checks).
 */
export async function readOpenStanding(projectId: string): Promise<{ findingIds: string[]; caseIds: string[] }> {
  const low = keys.standingOpenFinding(projectId, '').sk;
  const entries = await readRange(projectId, low, `${keys.standingCase(projectId, '').sk}~`);
  return {
    findingIds: entries.flatMap((entry) => (entry.findingId ? [String(entry.findingId)] : [])),
    caseIds: entries.flatMap((entry) => (entry.caseId ? [String(entry.caseId)] : [])),
  };
}

/** The standing entry of a finding as it stands: open, or accepted on the day of its acceptance. */
export function standingFindingItem(
  projectId: string,
  finding: { id: string; status: string; history: ReadonlyArray<{ on: string; status: string }> },
): StoredItem {
  const acceptedOn =
    finding.status === 'accepted' ? finding.history.findLast((h) => h.status === 'accepted')?.on : undefined;
  const key = acceptedOn
    ? keys.standingAcceptedFinding(projectId, acceptedOn, finding.id)
    : keys.standingOpenFinding(projectId, finding.id);
  return { ...key, type: 'standing', findingId: finding.id };
}

/** The standing entry of a case (written with its proposal). */
export function standingCaseItem(projectId: string, caseId: string): StoredItem {
  return { ...keys.standingCase(projectId, caseId), type: 'standing', caseId };
}
