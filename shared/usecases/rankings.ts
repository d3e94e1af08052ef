/**
 * Reading the quarterly rankings (SPEC §6.4): a quarter's revision with its lists, the quarters ranked, and — for
 * the credit lookup of tender platforms (SPEC §6.6 `ranks`) — an enterprise's ranks as they stood on a day.
 *
 * A revision's lists live in pages (`RANKLIST#{runId}#{list}#{page}`, each ≤ 400 KB) written by the run that
 * computed them; a revision names its run. An enterprise's entries are also written to its own partition
 * (`ENTERPRISE#{creditCode}` / `RANK#{quarter}#{runId}#{role}`), so its standing is read without the lists.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Grade } from '../domain/assessment/scoring.js';
import { shanghaiDate, shanghaiTimestamp } from '../domain/dates.js';
import { ConflictError, InvalidInputError, NotFoundError } from '../domain/errors.js';
import { LIST_KEYS, type ListKey, type ListSummary, nestLists, type RankedUnitRole } from '../domain/ranking.js';
import {
  assertPublishable,
  publicationOn,
  type RankingHeadState,
  type RankingPublication,
} from '../domain/ranking-revisions.js';
import type { RequestContext } from '../http/api.js';
import { principalId } from '../http/principal.js';
import { dynamo, TABLE_NAME } from '../store/client.js';
import { keys, listings } from '../store/keys.js';
import { allListingItems } from '../store/listing.js';
import { readItem, readItems } from '../store/project-collection.js';
import { ConditionFailed } from '../store/unit-of-work.js';
import { listSlice, type PageReader } from './ranking-list-pages.js';

/** An enterprise's rank in one role's list, as the credit lookup shows it (SPEC §6.6 `ranks[]`). */
export interface EnterpriseRank {
  role: RankedUnitRole;
  quarter: string;
  revision: number;
  rank: number;
  of: number;
  score: number;
  grade: Grade;
  rankPoints: number;
  /** its ranked projects in that role */
  projects: number;
  publishedOn: string;
}

/** The stored entry of an enterprise in one role's list of one run. */
export interface EnterpriseRankItem {
  creditCode: string;
  name: string;
  quarter: string;
  runId: string;
  role: RankedUnitRole;
  rank: number;
  of: number;
  score: number;
  grade: Grade;
  rankPoints: number;
  projects: number;
}

/** A quarter's head as stored. */
export type RankingHeadItem = RankingHeadState & { version: number } & Record<string, unknown>;

/** A quarter's head (strongly consistent), or undefined when it was never ranked. */
export async function readRankingHead(quarter: string): Promise<RankingHeadItem | undefined> {
  return readItem<RankingHeadItem>(keys.rankingHead(quarter));
}

/** Quarters' heads, read together (a few a year per enterprise). */
export async function readRankingHeads(quarters: readonly string[]): Promise<Map<string, RankingHeadState>> {
  const items = await readItems(quarters.map((quarter) => keys.rankingHead(quarter)));
  return new Map(items.map((item) => [String(item.quarter), item as unknown as RankingHeadState]));
}

/**
 * An enterprise's ranks as they stood on `date` (SPEC §6.6: "latest published ranking per role"): for each role, its
 * entry in the most recent quarter whose ranking — the revision published by that day; a later correction counts
 * from its own publication — lists it in that role. Empty when no published ranking lists it.
 */
export async function latestPublishedRanks(creditCode: string, date: string): Promise<EnterpriseRank[]> {
  const items: EnterpriseRankItem[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamo.send(
      new QueryCommand({
        TableName: TABLE_NAME,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :rank)',
        ExpressionAttributeValues: { ':pk': keys.enterprisePartition(creditCode), ':rank': 'RANK#' },
        ExclusiveStartKey: startKey,
      }),
    );
    items.push(...((page.Items ?? []) as unknown as EnterpriseRankItem[]));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  if (!items.length) return [];
  const heads = await readRankingHeads(items.map((item) => item.quarter));
  const standing = new Map<string, RankingPublication>();
  for (const [quarter, head] of heads) {
    const publication = publicationOn(head.publications ?? [], date);
    if (publication) standing.set(quarter, publication);
  }
  const byRole = new Map<RankedUnitRole, EnterpriseRank>();
  for (const item of items) {
    const publication = standing.get(item.quarter);
    if (!publication || publication.runId !== item.runId) continue;
    const known = byRole.get(item.role);
    if (known && known.quarter >= item.quarter) continue;
    byRole.set(item.role, {
      role: item.role,
      quarter: item.quarter,
      revision: publication.revision,
      rank: item.rank,
      of: item.of,
      score: item.score,
      grade: item.grade,
      rankPoints: item.rankPoints,
      projects: item.projects,
      publishedOn: publication.publishedOn,
    });
  }
  const order: RankedUnitRole[] = ['general_contractor', 'supervisor', 'developer'];
  return [...byRole.values()].sort((a, b) => order.indexOf(a.role) - order.indexOf(b.role));
}

// ---------------------------------------------------------------------------------------------------------------
// a quarter's revisions
// ---------------------------------------------------------------------------------------------------------------

/** A revision as stored (`RANKING#{quarter}` / `REV#n`). */
export interface RankingRevisionRecord {
  quarter: string;
  revision: number;
  status: 'draft' | 'published';
  runId: string;
  reason: string | null;
  trigger: 'schedule' | 'officer';
  requestedBy: string;
  rankedOn: string;
  computedAt: string;
  ruleSetVersion: string;
  rulesRevision: string;
  thresholds: Record<string, unknown>;
  lists: Record<ListKey, ListSummary>;
  counts: Record<string, number>;
  publishedAt: string | null;
  publishedOn: string | null;
  publishedBy: string | null;
}

/** Entries a list carries in `GET /v1/rankings/{quarter}` (and a page of `…/lists/{list}`), at most. */
export const LIST_LIMIT = 1000;

const noRanking = (quarter: string, revision?: number) =>
  new NotFoundError(
    revision === undefined
      ? { zh: `${quarter} 尚无排名`, en: `${quarter} has no ranking yet` }
      : { zh: `${quarter} 没有第${revision}版排名`, en: `${quarter} has no revision ${revision}` },
  );

/** A quarter's revision: the one asked for, or the latest. */
export async function readRevision(quarter: string, revision?: number) {
  const head = await readRankingHead(quarter);
  const wanted = revision ?? head?.revision;
  if (!head || wanted === undefined || wanted > head.revision) throw noRanking(quarter, revision);
  const record = await readItem<RankingRevisionRecord & Record<string, unknown>>(keys.rankingRevision(quarter, wanted));
  // a revision whose first run has not finished yet has no record: the quarter has nothing to show for it
  if (!record) throw noRanking(quarter, revision);
  return { head, record };
}

/** The stored pages of one list of a run, read together (BatchGet), by page number. */
function pageReader(runId: string, key: ListKey): PageReader {
  return async (pages) => {
    const items = await readItems(pages.map((p) => keys.rankingListPage(runId, key, p)));
    return new Map(items.map((item) => [Number(item.page), JSON.parse(String(item.entries)) as unknown[]]));
  };
}

/**
 * How many entries of a district a filtered list holds, read off one of them: a project's place within its district
 * in its category (`districtRank.of`), or the district's own entry in the districts list.
 */
function districtTotal(entry: unknown): number {
  const place = (entry as { districtRank?: { of?: unknown } }).districtRank;
  return typeof place?.of === 'number' ? place.of : 1;
}

/** Up to `limit` entries of one list of a run, from a cursor (of one district only when given); what follows. */
async function listEntries(
  runId: string,
  key: ListKey,
  summary: ListSummary,
  limit: number,
  token?: string,
  district?: string,
) {
  const slice = await listSlice({ summary, limit, token, district, read: pageReader(runId, key), districtTotal });
  return { entries: slice.entries, total: slice.total, nextToken: slice.nextToken };
}

/**
 * Lists whose entries carry a district (SPEC §6.4): the projects of each category and the districts. Enterprises and
 * registered persons are ranked city-wide over projects in any district, so a district filter has no meaning there.
 */
function filterableByDistrict(list: ListKey): boolean {
  return list.startsWith('projects.') || list === 'districts';
}

/** The revision's fields besides its lists: what it is, where it stands, what it was computed under. */
export function revisionSummary(record: RankingRevisionRecord, head: RankingHeadState) {
  const timestamp = (value: string | null) => (value ? shanghaiTimestamp(new Date(value)) : null);
  return {
    quarter: record.quarter,
    status: record.status,
    revision: record.revision,
    reason: record.reason,
    runId: record.runId,
    rankedOn: record.rankedOn,
    computedAt: timestamp(record.computedAt),
    publishedAt: timestamp(record.publishedAt),
    publishedOn: record.publishedOn,
    ruleSetVersion: record.ruleSetVersion,
    totals: Object.fromEntries(LIST_KEYS.map((key) => [key, record.lists[key]?.count ?? 0])),
    /** every publication of the quarter: a correction is a later revision with its reason */
    publications: (head.publications ?? []).map((publication) => ({
      revision: publication.revision,
      publishedOn: publication.publishedOn,
      publishedAt: timestamp(publication.publishedAt),
      reason: publication.reason,
    })),
    latestRevision: head.revision,
    runInFlight: head.runInFlight?.runId ?? null,
  };
}

/**
 * `GET /v1/rankings/{quarter}?revision=&limit=` (inspector): SPEC §6.4's `{quarter, status, revision, reason, lists:
 * {projects: {building: […], …}, enterprises: {…}, persons: {…}, districts: […]}}`, each list its first `limit`
 * entries (1000 by default: a national list is paged through `GET …/lists/{list}`, whose token `more` gives).
 */
export async function getRanking(
  quarter: string,
  query: { revision?: number | undefined; limit?: number | undefined },
) {
  const { head, record } = await readRevision(quarter, query.revision);
  const limit = query.limit ?? LIST_LIMIT;
  const read = await Promise.all(
    LIST_KEYS.map(async (key) => ({ key, ...(await listEntries(record.runId, key, record.lists[key], limit)) })),
  );
  const of = (key: ListKey) => read.find((list) => list.key === key)?.entries ?? [];
  return {
    ...revisionSummary(record, head),
    lists: nestLists(of),
    /** the lists longer than `limit`: the token of their next page (`GET …/lists/{list}?nextToken=`) */
    more: Object.fromEntries(read.filter((list) => list.nextToken).map((list) => [list.key, list.nextToken])),
  };
}

/**
 * `GET /v1/rankings/{quarter}/lists/{list}?revision=&nextToken=&limit=&district=` (inspector): one list, page by
 * page; with `district`, only that district's entries (project lists and the districts list), each with its place in
 * the whole list, and `total` counts the district's entries.
 */
export async function getRankingList(
  quarter: string,
  list: ListKey,
  query: {
    revision?: number | undefined;
    limit?: number | undefined;
    nextToken?: string | undefined;
    district?: string | undefined;
  },
) {
  if (query.district !== undefined && !filterableByDistrict(list)) {
    throw new InvalidInputError(
      {
        zh: '企业、人员排名为全市排名（其项目可分布在多个区），不能按区域筛选；请去掉 district，或查看项目、区域排名。',
        en: 'enterprises and persons are ranked city-wide (their projects may lie in several districts): drop district, or filter a project list or the districts list.',
      },
      [
        {
          field: 'district',
          message: {
            zh: '仅项目排名与区域排名可按区域筛选',
            en: 'only project lists and the districts list filter by district',
          },
        },
      ],
    );
  }
  const { record } = await readRevision(quarter, query.revision);
  const { entries, total, nextToken } = await listEntries(
    record.runId,
    list,
    record.lists[list],
    query.limit ?? LIST_LIMIT,
    query.nextToken,
    query.district,
  );
  return {
    quarter,
    revision: record.revision,
    status: record.status,
    list,
    total,
    items: entries,
    nextToken,
  };
}

/** `GET /v1/rankings` (inspector): the quarters ranked, newest first, each with its latest revision and status. */
export async function listRankings() {
  const items = await allListingItems(listings.rankings);
  return {
    items: items
      .map((item) => item as unknown as RankingHeadState)
      .sort((a, b) => b.quarter.localeCompare(a.quarter))
      .map((head) => {
        const published = publicationOn(head.publications ?? [], '9999-12-31');
        return {
          quarter: head.quarter,
          revision: head.revision,
          status: head.status,
          publishedRevision: published?.revision ?? null,
          publishedOn: published?.publishedOn ?? null,
          runInFlight: head.runInFlight?.runId ?? null,
        };
      }),
    nextToken: null,
  };
}

/**
 * `POST /v1/rankings/{quarter}/publish {revision?}` (officer): the latest revision, a draft, becomes published and
 * immutable (SPEC §6.4); `RankingPublished` puts it on the public site and sets the supervision it proposes in
 * motion (SPEC §6.5). Publishing what is already published answers it again and changes nothing; 409 while a run
 * of the quarter is in flight or for a revision that is not the latest.
 */
export async function publishRanking(quarter: string, body: { revision?: number | undefined }, ctx: RequestContext) {
  for (let attempt = 1; ; attempt++) {
    const head = assertPublishable((await readRankingHead(quarter)) ?? null, quarter, ctx.now.toISOString());
    const version = (head as RankingHeadItem).version;
    if (body.revision !== undefined && body.revision !== head.revision) {
      throw new ConflictError(
        {
          zh: `只能公布 ${quarter} 的最新一版（第${head.revision}版），不能公布第${body.revision}版`,
          en: `only the latest revision of ${quarter} (${head.revision}) can be published, not ${body.revision}`,
        },
        [{ field: 'revision', message: { zh: `应为 ${head.revision}`, en: `must be ${head.revision}` } }],
      );
    }
    const { record } = await readRevision(quarter, head.revision);
    if (record.status === 'published') {
      // a repeat: nothing to do; through the unit of work all the same, so a retry with the first request's
      // Idempotency-Key gets its answer
      const response = { status: 200, body: revisionSummary(record, head) };
      await ctx.unitOfWork().commit(response);
      return response;
    }
    const publishedAt = ctx.now.toISOString();
    const publishedOn = shanghaiDate(ctx.now);
    const publishedBy = principalId(ctx.principal);
    const publication = {
      revision: record.revision,
      runId: record.runId,
      publishedOn,
      publishedAt,
      reason: record.reason,
    };
    const uow = ctx.unitOfWork();
    uow.update(
      keys.rankingRevision(quarter, record.revision),
      {
        expression: 'SET #status = :published, publishedAt = :at, publishedOn = :on, publishedBy = :by',
        names: { '#status': 'status' },
        values: { ':published': 'published', ':at': publishedAt, ':on': publishedOn, ':by': publishedBy },
      },
      {
        label: PUBLISH,
        condition: {
          expression: '#status = :draft AND runId = :runId',
          values: { ':draft': 'draft', ':runId': record.runId },
        },
      },
    );
    uow.update(
      keys.rankingHead(quarter),
      {
        expression:
          'SET #status = :published, publications = list_append(if_not_exists(publications, :empty), :publication), ' +
          '#version = :next',
        names: { '#status': 'status', '#version': 'version' },
        values: { ':published': 'published', ':empty': [], ':publication': [publication], ':next': version + 1 },
      },
      { label: PUBLISH, condition: { expression: '#version = :version', values: { ':version': version } } },
    );
    uow.emit('RankingPublished', `ranking-${quarter}`, {
      quarter,
      revision: record.revision,
      runId: record.runId,
      publishedOn,
      reason: record.reason,
      publishedBy,
      corrects: record.revision > 1 ? record.revision - 1 : null,
    });
    const published = { ...record, status: 'published' as const, publishedAt, publishedOn, publishedBy };
    const nextHead = {
      ...head,
      status: 'published' as const,
      publications: [...(head.publications ?? []), publication],
    };
    const response = { status: 200, body: revisionSummary(published, nextHead) };
    try {
      await uow.commit(response);
      return response;
    } catch (error) {
      if (!(error instanceof ConditionFailed && error.label === PUBLISH) || attempt >= 5) throw error;
    }
  }
}

const PUBLISH = 'ranking-publish';
