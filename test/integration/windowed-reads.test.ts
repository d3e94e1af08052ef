/**
 * Issue 13 item 1, reads bounded by the rules' windows (shared/store/project-window.ts). A project with years of
 * history written as the API wrote it before the standing index existed (items with ids of their day, no standing
 * entries), then given its entries by the backfill: intake and the case preview answer exactly what a read of the
 * whole collection gives, a hazard still open from before the look-back window is seen (C4's overdue hazard, the
 * verdict's open hazards), one accepted inside the window after being found before it too, and the records the
 * windows do not reach — old inspections and findings, a closed case's documents and timeline — are not read.
 */
import { BatchWriteCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRequests } from '../../bench/sdk-request-counter.js';
import { evaluateConditions } from '../../shared/domain/conditions.js';
import { addDays, shanghaiDate } from '../../shared/domain/dates.js';
import { type RuleSetVersion, ruleSetInForce } from '../../shared/domain/rule-set.js';
import type { IdPrefix } from '../../shared/ids.js';
import { dynamo } from '../../shared/store/client.js';
import { keys } from '../../shared/store/keys.js';
import { readProjectCollection, type StoredItem } from '../../shared/store/project-collection.js';
import { type FirstPage, readProjectWindow } from '../../shared/store/project-window.js';
import { RuleSets } from '../../shared/store/rule-sets.js';
import { factsOf, snapshotOf } from '../../shared/store/snapshot.js';
import { judgeCycle, verdictWindow } from '../../shared/usecases/evaluation.js';
import { backfillStandingIndex } from '../../shared/usecases/standing-index-backfill.js';
import { api, documentsRendered, partitionItems, setClock, table, tokenFor } from './support/api.js';
import { contractorOf, projectBody } from './support/fixtures.js';

const DAY_MS = 86_400_000;
/** now, on the twin's clock and the machine's alike: ids and dates agree as they do in production */
const now = new Date();
const today = shanghaiDate(now);
/** the rule-set versions as the table holds them (other suites may have added some): set in beforeAll */
let ruleSets: RuleSetVersion[];
let ruleSet: RuleSetVersion;
/** the look-back window of the rule set in force today: its days and first day */
let lookback = 90;
let windowStart: string;
let proposedCaseId: string;
const project = projectBody();
const contractor = contractorOf(project);
let projectId: string;
let inspector: string;
let officer: string;

/** An id recorded `daysAgo` days before now (ids are ULIDs of the instant they were recorded). */
const idOf = (prefix: IdPrefix, daysAgo: number) => `${prefix}_${ulid(now.getTime() - daysAgo * DAY_MS)}`;

const old = {
  /** accepted management findings of two years ago (C1 kinds): outside every window */
  inspections: [] as string[],
  findings: [] as string[],
  /** found 400 days ago, never rectified: open, overdue */
  openHazard: idOf('haz', 400),
  /** found before the window, accepted inside it after its deadline: overdue inside the window until then */
  lateHazard: '',
  lateAcceptedOn: addDays(today, -10),
  /** a case dismissed two years ago, with documents and timeline entries */
  caseId: idOf('cas', 700),
  documents: [] as string[],
};

/** Where a finding lives (`REF#…`), as intake writes it beside the finding. */
const referenceOf = (id: string) => ({
  ...keys.reference(id),
  type: 'reference',
  id,
  projectId,
  recordType: 'finding',
});

function finding(id: string, inspectionId: string, daysAgo: number, fields: Record<string, unknown>) {
  const foundOn = addDays(today, -daysAgo);
  return {
    ...keys.hazard(projectId, id),
    type: 'finding',
    id,
    projectId,
    inspectionId,
    kind: 'hazard',
    category: 'scaffolding',
    severity: 'general',
    unitCreditCode: contractor,
    description: '外脚手架连墙件缺失',
    foundOn,
    deadline: addDays(foundOn, 7),
    status: 'open',
    version: 1,
    history: [],
    ...fields,
  };
}

function inspection(id: string, daysAgo: number, findingIds: string[]) {
  return {
    ...keys.inspection(projectId, id),
    type: 'inspection',
    id,
    projectId,
    date: addDays(today, -daysAgo),
    kind: 'routine',
    inspectors: ['王五', '赵六'],
    keyPersonnelPresent: { projectManager: true, chiefSupervisingEngineer: true },
    summary: '日常检查',
    findingIds,
    recordedAt: new Date(now.getTime() - daysAgo * DAY_MS).toISOString(),
    recordedBy: 'user:inspector',
  };
}

/** Items of the old history, shaped as the API wrote them before the standing index existed. */
function oldHistory(): Array<Record<string, unknown>> {
  old.lateHazard = idOf('haz', lookback + 20);
  const items: Array<Record<string, unknown>> = [];
  for (let week = 0; week < 40; week++) {
    const daysAgo = 730 - week * 7;
    const inspectionId = idOf('ins', daysAgo);
    const findingId = idOf('haz', daysAgo);
    old.inspections.push(inspectionId);
    old.findings.push(findingId);
    const acceptedOn = addDays(today, -daysAgo + 3);
    items.push(inspection(inspectionId, daysAgo, [findingId]));
    items.push(
      finding(findingId, inspectionId, daysAgo, {
        kind: 'safety_org_incomplete',
        category: 'management',
        status: 'accepted',
        version: 2,
        history: [{ on: acceptedOn, status: 'accepted', at: `${acceptedOn}T07:00:00.000Z`, by: 'user:inspector' }],
      }),
    );
  }
  const openInspection = idOf('ins', 400);
  items.push(inspection(openInspection, 400, [old.openHazard]));
  items.push(finding(old.openHazard, openInspection, 400, {}));
  const lateInspection = idOf('ins', lookback + 20);
  items.push(inspection(lateInspection, lookback + 20, [old.lateHazard]));
  items.push(
    finding(old.lateHazard, lateInspection, lookback + 20, {
      status: 'accepted',
      version: 2,
      history: [
        { on: old.lateAcceptedOn, status: 'accepted', at: `${old.lateAcceptedOn}T07:00:00.000Z`, by: 'user:x' },
      ],
    }),
  );
  // a case dismissed two years ago that weighed the findings of its day, with uploads and a timeline
  const proposedOn = addDays(today, -700);
  items.push({
    ...keys.supervisionCase(projectId, old.caseId),
    type: 'case',
    id: old.caseId,
    projectId,
    projectName: project.name,
    district: project.district,
    status: 'dismissed',
    level: 0,
    proposedAt: `${proposedOn}T02:00:00.000Z`,
    proposedOn,
    ruleSetVersion: 'v1',
    proposedConditions: [],
    basis: 'conditions',
    dismissedAt: `${addDays(proposedOn, 2)}T02:00:00.000Z`,
    dismissedOn: addDays(proposedOn, 2),
    dismissReason: '已整改',
    weighings: [
      { caseId: old.caseId, decision: 'dismissal', on: addDays(proposedOn, 2), evidence: old.findings.slice(0, 5) },
    ],
    timelineSeq: 30,
    timelineHead: 'a'.repeat(64),
  });
  for (let n = 1; n <= 30; n++) {
    const documentId = idOf('doc', 700 - n);
    old.documents.push(documentId);
    items.push({
      ...keys.document(projectId, old.caseId, documentId),
      type: 'document',
      id: documentId,
      caseId: old.caseId,
      projectId,
      status: 'accepted',
      docType: 'daily_report',
      uploadedAt: new Date(now.getTime() - (700 - n) * DAY_MS).toISOString(),
    });
    items.push({
      ...keys.timelineEntry(projectId, old.caseId, n),
      type: 'timeline',
      caseId: old.caseId,
      seq: n,
      at: new Date(now.getTime() - (700 - n) * DAY_MS).toISOString(),
      action: 'document_accepted',
      evidence: [documentId],
    });
  }
  items.push(...items.filter((item) => item.type === 'finding').map((item) => referenceOf(String(item.id))));
  return items;
}

async function writeItems(items: Array<Record<string, unknown>>) {
  for (let start = 0; start < items.length; start += 25) {
    const requests = items.slice(start, start + 25).map((Item) => ({ PutRequest: { Item } }));
    const answer = await table.client.send(new BatchWriteCommand({ RequestItems: { [table.name]: requests } }));
    expect(Object.keys(answer.UnprocessedItems ?? {})).toHaveLength(0);
  }
}

/** A scaffolding hazard recorded through the API today's inspection. */
async function recordInspection(date: string) {
  const response = await api(`/v1/projects/${projectId}/inspections`, {
    method: 'POST',
    token: inspector,
    body: {
      date,
      kind: 'routine',
      inspectors: ['王五', '赵六'],
      keyPersonnelPresent: { projectManager: true, chiefSupervisingEngineer: true },
      summary: '对脚手架进行检查',
      findings: [
        {
          kind: 'hazard',
          category: 'scaffolding',
          severity: 'general',
          unitCreditCode: contractor,
          description: '外脚手架剪刀撑缺失',
          deadline: addDays(today, 14),
        },
      ],
    },
  });
  expect(response.status, response.text).toBe(201);
  return response.json as {
    inspectionId: string;
    hazardIds: string[];
    caseId?: string;
    conditions: Array<{ id: string; met: boolean; evidence: string[] }>;
  };
}

beforeAll(async () => {
  await setClock(now);
  ruleSets = await new RuleSets().all();
  ruleSet = ruleSetInForce(ruleSets, today);
  lookback = ruleSet.thresholds.lookbackDays;
  windowStart = addDays(today, 1 - lookback);
  inspector = await tokenFor('inspector');
  officer = await tokenFor('officer');
  const registered = await api('/v1/projects', { method: 'POST', token: inspector, body: project });
  expect(registered.status, registered.text).toBe(201);
  projectId = (registered.json as { id: string }).id;
  await writeItems(oldHistory());
});

afterAll(async () => {
  await setClock(null);
});

describe('a project with years of history, before and after the standing index backfill', () => {
  it('the backfill gives every old finding and case its standing entry, and a second run writes nothing', async () => {
    const first = await backfillStandingIndex(projectId);
    expect(first).toEqual({ projectId, findings: old.findings.length + 2, cases: 1 });
    const standing = await partitionItems(keys.projectPartition(projectId), { skPrefix: 'STANDING#' });
    const skOf = (item: Record<string, unknown>) => String(item.sk);
    expect(standing.map(skOf)).toContain(keys.standingOpenFinding(projectId, old.openHazard).sk);
    expect(standing.map(skOf)).toContain(
      keys.standingAcceptedFinding(projectId, old.lateAcceptedOn, old.lateHazard).sk,
    );
    expect(standing.map(skOf)).toContain(keys.standingCase(projectId, old.caseId).sk);
    expect(await backfillStandingIndex(projectId)).toEqual({ projectId, findings: 0, cases: 0 });
  });

  it('intake sees the open hazard of 400 days ago and the late one, and proposes on them (C4)', async () => {
    // three scaffolding hazards inside the window: recurrence; the old hazards: poor rectification
    await recordInspection(addDays(today, -20));
    await recordInspection(addDays(today, -10));
    const third = await recordInspection(today);
    const c4 = third.conditions.find((condition) => condition.id === 'C4');
    expect(c4?.met).toBe(true);
    expect(c4?.evidence).toContain(old.openHazard);
    expect(c4?.evidence).toContain(old.lateHazard);
    // the old management findings are outside the look-back window: C1 does not hold on them
    expect(third.conditions.find((condition) => condition.id === 'C1')?.met).toBe(false);
    expect(third.caseId).toMatch(/^cas_/);
    proposedCaseId = third.caseId as string;
  });

  it('the windowed read gives the conditions a whole read gives, and reads none of what the window leaves out', async () => {
    const windowed = await readProjectWindow(projectId, { from: windowStart, now });
    const whole = snapshotOf(await readProjectCollection(projectId));
    if (!windowed || !whole) throw new Error('the project is missing');
    expect(windowed.window).not.toBeNull();
    expect(evaluateConditions(factsOf(windowed), { asOf: today, ruleSet })).toEqual(
      evaluateConditions(factsOf(whole), { asOf: today, ruleSet }),
    );
    const read = new Set([...windowed.findings.map((f) => f.id), ...windowed.inspections.map((i) => i.id)]);
    for (const id of [...old.findings, ...old.inspections]) expect(read.has(id)).toBe(false);
    expect(read.has(old.openHazard)).toBe(true);
    expect(read.has(old.lateHazard)).toBe(true);
    // both cases (the weighings of the dismissed one), but none of the dismissed case's documents or timeline
    expect(windowed.cases.map((c) => c.id).sort()).toEqual(whole.cases.map((c) => c.id).sort());
    expect(windowed.documents).toHaveLength(0);
    expect(windowed.timelines.size).toBe(0);
    // what came back: a small part of the partition (two years of weekly records and a case's uploads left out)
    const partition = await partitionItems(keys.projectPartition(projectId));
    expect(partition.length).toBeGreaterThan(150);
    expect(windowed.itemsRead).toBeLessThan(40);
  });

  it('a verification of a finding accepted two years ago still answers 409 (read by id, whatever its age)', async () => {
    const response = await api(`/v1/hazards/${old.findings[0]}/verifications`, {
      method: 'POST',
      token: inspector,
      body: { result: 'accepted', date: today },
    });
    expect(response.status, response.text).toBe(409);
  });

  it('accepting the old open hazard moves its standing entry; the windows still see it while they reach that day', async () => {
    const response = await api(`/v1/hazards/${old.openHazard}/verifications`, {
      method: 'POST',
      token: inspector,
      body: { result: 'accepted', date: today },
    });
    expect(response.status, response.text).toBe(201);
    const standing = (await partitionItems(keys.projectPartition(projectId), { skPrefix: 'STANDING#FINDING#' })).map(
      (item) => String(item.sk),
    );
    expect(standing).not.toContain(keys.standingOpenFinding(projectId, old.openHazard).sk);
    expect(standing).toContain(keys.standingAcceptedFinding(projectId, today, old.openHazard).sk);
    const windowed = await readProjectWindow(projectId, { from: windowStart, now });
    expect(windowed?.findings.find((f) => f.id === old.openHazard)?.status).toBe('accepted');
  });

  it("the case preview judges the cycle as a whole read would, without the closed case's records", async () => {
    const openCaseId = proposedCaseId;
    const confirmed = await api(`/v1/cases/${openCaseId}/confirm`, { method: 'POST', token: officer, body: {} });
    expect(confirmed.status, confirmed.text).toBe(200);
    const preview = await api(`/v1/cases/${openCaseId}/preview`, { token: officer });
    expect(preview.status, preview.text).toBe(200);
    const whole = snapshotOf(await readProjectCollection(projectId));
    const record = whole?.cases.find((c) => c.id === openCaseId);
    if (!whole || !record?.cycle) throw new Error('the case is not active');
    const expected = judgeCycle(whole, record, record.cycle, today, ruleSets, today);
    const body = preview.json as Record<string, unknown>;
    expect(body.verdict).toBe(expected.verdict);
    expect(body.hazards).toEqual(expected.hazards);
    expect(body.conditions).toEqual(expected.conditions);
    expect(body.compliance).toEqual(JSON.parse(JSON.stringify(expected.compliance)));
  });
});

describe('the monthly verdict', () => {
  it("reads the cycle's window and judges the cycle as a whole read does", async () => {
    const whole = snapshotOf(await readProjectCollection(projectId));
    const record = whole?.cases.find((c) => c.id === proposedCaseId);
    if (!whole || !record?.cycle) throw new Error('the case is not active');
    const cycle = record.cycle;
    const decidedOn = addDays(cycle.end, 1);
    const window = verdictWindow(record, cycle, decidedOn, ruleSets, now, `${cycle.end.slice(0, 7)}-01`);
    expect(window.from <= cycle.start).toBe(true);
    const windowed = await readProjectWindow(projectId, window);
    const windowedRecord = windowed?.cases.find((c) => c.id === proposedCaseId);
    if (!windowed || !windowedRecord) throw new Error('the windowed read lost the case');
    expect(judgeCycle(windowed, windowedRecord, cycle, cycle.end, ruleSets, decidedOn)).toEqual(
      judgeCycle(whole, record, cycle, cycle.end, ruleSets, decidedOn),
    );
    // the release's standing conditions (the look-back window of the verdict's day) come out the same too
    const ruleSetThen = ruleSetInForce(ruleSets, decidedOn);
    expect(evaluateConditions(factsOf(windowed), { asOf: decidedOn, ruleSet: ruleSetThen })).toEqual(
      evaluateConditions(factsOf(whole), { asOf: decidedOn, ruleSet: ruleSetThen }),
    );
    expect(windowed.notices.map((n) => n.id)).toEqual(
      whole.notices.filter((n) => n.caseId === proposedCaseId).map((n) => n.id),
    );
    const readIds = new Set(windowed.documents.map((d) => d.id));
    for (const id of old.documents) expect(readIds.has(id)).toBe(false);
  });

  it("with the probe's first page, reads the same records, and asks DynamoDB only for what the page does not hold", async () => {
    // the renderer stamps a notice's PDF hash after its commit: settled first, so every read below sees one state
    await documentsRendered(projectId);
    const whole = snapshotOf(await readProjectCollection(projectId));
    const record = whole?.cases.find((c) => c.id === proposedCaseId);
    if (!whole || !record?.cycle) throw new Error('the case is not active');
    const window = verdictWindow(record, record.cycle, addDays(record.cycle.end, 1), ruleSets, now, today);
    const partition = await partitionItems(keys.projectPartition(projectId));
    /** the partition's first `limit` items, as the monthly run's probe reads its first page */
    const firstPageOf = async (limit: number): Promise<FirstPage> => {
      const page = await table.client.send(
        new QueryCommand({
          TableName: table.name,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': keys.projectPartition(projectId) },
          ConsistentRead: true,
          Limit: limit,
        }),
      );
      const items = (page.Items ?? []) as StoredItem[];
      return { pk: keys.projectPartition(projectId), items, lastSk: String(items.at(-1)?.sk) };
    };
    const counted = async (firstPage?: FirstPage) => {
      const counter = countRequests(dynamo as never, () => ({ phase: 'read', target: 'partition' }));
      try {
        const snapshot = await readProjectWindow(projectId, window, firstPage);
        if (!snapshot) throw new Error('the project is missing');
        return { snapshot: { ...snapshot, itemsRead: 0 }, requests: counter.total() };
      } finally {
        counter.stop();
      }
    };
    const alone = await counted();
    // pages ending anywhere: before the cases, inside one, past the records, one short of the whole partition
    for (const limit of [1, 7, 60, 150, Math.floor(partition.length / 2), partition.length - 1]) {
      const read = await counted(await firstPageOf(limit));
      expect(read.snapshot, `a first page of ${limit} items`).toEqual(alone.snapshot);
      expect(read.requests, `a first page of ${limit} items`).toBeLessThanOrEqual(alone.requests);
    }
    // a page that reaches past every record the window reads leaves only the singletons after it to ask for
    const nearlyAll = await counted(await firstPageOf(partition.length - 1));
    expect(nearlyAll.requests).toBeLessThanOrEqual(2);
    // without a page: one round of six Queries (the standing entries; inspections; findings with incidents;
    // criticisms; the case's documents with its notices; its cycles) and the singletons' BatchGetItem, then one
    // BatchGetItem of what the standing index named
    expect(alone.requests).toBeGreaterThan(6);
    expect(alone.requests).toBeLessThanOrEqual(8);
  });
});

describe('GET /v1/projects/{projectId}/conditions', () => {
  it('as of today and of a past day, answers what a whole read gives', async () => {
    const whole = snapshotOf(await readProjectCollection(projectId));
    if (!whole) throw new Error('the project is missing');
    for (const asOf of [today, addDays(today, -30), addDays(today, -400)]) {
      const response = await api(`/v1/projects/${projectId}/conditions?asOf=${asOf}`, { token: inspector });
      expect(response.status, response.text).toBe(200);
      const expected = evaluateConditions(factsOf(whole), { asOf, ruleSet: ruleSetInForce(ruleSets, asOf) });
      expect((response.json as { conditions: unknown }).conditions).toEqual(expected.conditions);
    }
  });
});
