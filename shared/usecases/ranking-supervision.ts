/**
 * From ranking to supervision (SPEC §6.5), when a revision is published (`RankingPublished`):
 *
 * - **projects**: in each district and category the bottom 5 % (≥ 10 ranked, rounded up, ties inside), and every
 *   project whose government assessment that quarter graded 不合格, are proposed unless already supervised — a
 *   `proposed` case with basis `ranking` through the SAME case life cycle (`proposeCase`, the OPENCASE guard, the
 *   evidence weighed once: a project whose ranking of the quarter an officer already weighed is not proposed again
 *   by a correction);
 * - **enterprises**: the bottom 5 % of each role's list are proposed (enterprise-level supervision); every active
 *   enterprise case is reviewed: released when none of the three grounds holds, noted when one still does.
 *
 * Idempotent: a proposal is conditional on the project's (or enterprise's) open-case guard and on the evidence not
 * being weighed; a release or review carries a consumed marker per event and case. A redelivered event changes
 * nothing.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { quarterName } from '../domain/assessment/periods.js';
import { evaluateConditions } from '../domain/conditions.js';
import { bottomOfListFinding } from '../domain/enterprise-case.js';
import {
  bottomOfList,
  RANKED_UNIT_ROLES,
  type RankedUnitRole,
  type RankingProposal,
  rankingProposals,
} from '../domain/ranking.js';
import { ruleSetInForce } from '../domain/rule-set.js';
import { PROJECT_CATEGORY_NAMES } from '../domain/vocabulary.js';
import { log } from '../log.js';
import { dynamo, TABLE_NAME } from '../store/client.js';
import { keys, listings } from '../store/keys.js';
import { allListingItems } from '../store/listing.js';
import { readItem } from '../store/project-collection.js';
import { RuleSets } from '../store/rule-sets.js';
import { factsOf, type RankingCaseBasis, readSnapshot } from '../store/snapshot.js';
import { ConditionFailed, UnitOfWork } from '../store/unit-of-work.js';
import { assessmentRulesOn } from './assessment-rules.js';
import { OPEN_CASE, proposeCase, weighingsOfProject } from './case-records.js';
import {
  type EnterpriseCaseRecord,
  enterpriseCasesOf,
  groundsNow,
  noteStillHolding,
  proposeEnterpriseCase,
  RANKING_CONSUMER,
  rankingReviewId,
  releaseEnterpriseCase,
} from './enterprise-cases.js';
import { inParallel } from './evaluation-run.js';
import { computeLists, type RankingRow, rankableOf, readRunRows } from './ranking-batch.js';
import { readRankingRun } from './ranking-run.js';
import type { RankingRevisionRecord } from './rankings.js';

const ACTOR = 'system:ranking-publication';
const PARALLEL = 8;

/** The data of `RankingPublished`. */
export interface RankingPublishedEvent {
  eventId: string;
  quarter: string;
  revision: number;
  runId: string;
  publishedOn: string;
}

/** The id of a project's ranking entry record of a quarter's revision; the prefix ties a quarter's revisions. */
export function rankingEntryId(projectId: string, quarter: string, revision: number): string {
  return `${rankingEntryPrefix(projectId, quarter)}r${revision}`;
}
const rankingEntryPrefix = (projectId: string, quarter: string) => `rke_${projectId.replace(/^prj_/, '')}_${quarter}_`;

/** The ranking a proposal rests on, in one sentence, as the inclusion notice states it (SPEC §6.5). */
export function rankingStatement(
  row: RankingRow,
  proposal: RankingProposal,
  quarter: string,
  bottomShare: number,
): string {
  const parts: string[] = [];
  if (proposal.grounds.includes('bottom_of_ranking') && proposal.districtRank) {
    const share = `${Math.round(bottomShare * 1000) / 10}%`;
    parts.push(
      `该项目在${row.district}${PROJECT_CATEGORY_NAMES[row.category]}类项目中排名第${proposal.districtRank.rank}名（共${proposal.districtRank.of}名），位于后${share}`,
    );
  }
  if (proposal.grounds.includes('government_fail')) parts.push('该项目本季度政府评估结论为不合格');
  return `${quarterName(quarter)}安全质量状况评估排名中，${parts.join('；')}`;
}

type ProjectOutcome = 'proposed' | 'supervised' | 'weighed' | 'gone';

/** Propose one project (SPEC §6.5) in one transaction: its ranking entry record and the `proposed` case. */
async function proposeFromRanking(
  row: RankingRow,
  proposal: RankingProposal,
  event: RankingPublishedEvent,
  now: Date,
  ruleSets: RuleSets,
  bottomShare: number,
): Promise<ProjectOutcome> {
  const snapshot = await readSnapshot(row.projectId);
  if (!snapshot) return 'gone';
  if (snapshot.openCase) return 'supervised';
  // evidence weighed once: an officer who dismissed (or included) on this quarter's ranking has weighed it, and a
  // correction of the same quarter does not propose the project again
  const prefix = rankingEntryPrefix(row.projectId, event.quarter);
  if (weighingsOfProject(snapshot).some((weighing) => weighing.evidence.some((id) => id.startsWith(prefix)))) {
    return 'weighed';
  }
  const ruleSet = ruleSetInForce(await ruleSets.all(), event.publishedOn);
  const conditions = evaluateConditions(factsOf(snapshot), { asOf: event.publishedOn, ruleSet });
  const entryId = rankingEntryId(row.projectId, event.quarter, event.revision);
  const basis: RankingCaseBasis = {
    quarter: event.quarter,
    revision: event.revision,
    grounds: proposal.grounds,
    entryId,
    category: row.category,
    district: row.district,
    score: row.score,
    grade: row.grade,
    categoryRank: proposal.categoryRank,
    districtRank: proposal.districtRank,
    assessmentIds: row.assessmentIds,
    statement: rankingStatement(row, proposal, event.quarter, bottomShare),
  };
  const uow = new UnitOfWork(now);
  uow.put(
    {
      ...keys.rankingEntry(row.projectId, event.quarter, event.revision),
      type: 'ranking-entry',
      id: entryId,
      projectId: row.projectId,
      quarter: event.quarter,
      revision: event.revision,
      runId: event.runId,
      score: row.score,
      grade: row.grade,
      categoryRank: proposal.categoryRank,
      districtRank: proposal.districtRank,
      grounds: proposal.grounds,
      assessmentIds: row.assessmentIds,
      publishedOn: event.publishedOn,
    },
    { mustBeNew: true, label: 'ranking-entry' },
  );
  proposeCase(uow, snapshot, conditions, ACTOR, now, basis);
  try {
    await uow.commit();
    return 'proposed';
  } catch (error) {
    if (error instanceof ConditionFailed && [OPEN_CASE, 'ranking-entry'].includes(error.label)) return 'supervised';
    throw error;
  }
}

/** Put an item unless one is there under its key already. */
async function putOnce(item: Record<string, unknown>) {
  try {
    await dynamo.send(
      new PutCommand({ TableName: TABLE_NAME, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }),
    );
  } catch (error) {
    if ((error as { name?: string }).name !== 'ConditionalCheckFailedException') throw error;
  }
}

/**
 * What a published revision sets in motion (SPEC §6.5): the project proposals, the enterprise proposals, the
 * review of every active enterprise case. Counts what it did (a redelivery counts nothing new).
 */
export async function superviseFromRanking(event: RankingPublishedEvent, now: Date) {
  const revision = await readItem<RankingRevisionRecord & Record<string, unknown>>(
    keys.rankingRevision(event.quarter, event.revision),
  );
  if (revision?.status !== 'published' || revision.runId !== event.runId) {
    throw new Error(`RankingPublished for ${event.quarter} revision ${event.revision}: no such published revision`);
  }
  const run = await readRankingRun(event.runId);
  if (!run) throw new Error(`RankingPublished: run ${event.runId} is gone`);
  const ruleSets = new RuleSets();
  const rules = await assessmentRulesOn(revision.rankedOn, ruleSets);
  const rows = await readRunRows(run);
  const byId = new Map(rows.map((row) => [row.projectId, row]));

  // projects: whether one is supervised is read when it is proposed (the OPENCASE guard decides)
  const proposals = rankingProposals(
    rows.map((row) => rankableOf(row, false)),
    rules.thresholds,
  );
  const outcomes: Record<ProjectOutcome, number> = { proposed: 0, supervised: 0, weighed: 0, gone: 0 };
  await inParallel(proposals, PARALLEL, async (proposal) => {
    const row = byId.get(proposal.projectId) as RankingRow;
    const outcome = await proposeFromRanking(row, proposal, event, now, ruleSets, rules.thresholds.ranking.bottomShare);
    outcomes[outcome] += 1;
  });

  // enterprises at the bottom of a role's list
  const lists = computeLists(rows, rules);
  const bottom = new Map<string, { name: string; places: Array<{ role: RankedUnitRole; rank: number; of: number }> }>();
  for (const role of RANKED_UNIT_ROLES) {
    for (const entry of bottomOfList(lists.enterprises[role], rules.thresholds)) {
      const known = bottom.get(entry.creditCode) ?? { name: entry.name, places: [] };
      known.places.push({ role, rank: entry.rank, of: entry.of });
      bottom.set(entry.creditCode, known);
    }
  }
  const enterprisesProposed: string[] = [];
  await inParallel([...bottom.entries()], PARALLEL, async ([creditCode, { name, places }]) => {
    const record = await proposeEnterpriseCase({
      creditCode,
      name,
      roles: places.map((place) => place.role),
      findings: [bottomOfListFinding(event.quarter, places, rules.thresholds)],
      actor: ACTOR,
      now,
      ruleSetVersion: rules.ruleSetVersion,
    });
    if (record) enterprisesProposed.push(record.id);
  });

  // every active enterprise case: released when none of the three grounds holds now
  const active = await allListingItems(listings.enterpriseCasesByStatus('active'), {
    attributes: ['id', 'creditCode'],
  });
  let released = 0;
  let kept = 0;
  await inParallel(active, PARALLEL, async (item) => {
    const creditCode = String(item.creditCode);
    const record = (await enterpriseCasesOf(creditCode)).find((candidate) => candidate.id === item.id) as
      | EnterpriseCaseRecord
      | undefined;
    if (record?.status !== 'active') return;
    if (await readItem(keys.consumed(RANKING_CONSUMER, rankingReviewId(event, record.id)))) return;
    const places = bottom.get(creditCode);
    const findings = await groundsNow(
      creditCode,
      places ? bottomOfListFinding(event.quarter, places.places, rules.thresholds) : null,
      event.publishedOn,
      ruleSets,
    );
    const ranking = { quarter: event.quarter, revision: event.revision, eventId: event.eventId };
    if (findings.length === 0) {
      if (await releaseEnterpriseCase(record, ranking, now)) released += 1;
    } else {
      await noteStillHolding(record, ranking, findings, now);
      kept += 1;
    }
  });
  // the quarter's supervision is done: a marker for the statistics and the console (what this publication did),
  // written once — a duplicate delivery leaves the first account as it was
  await putOnce({
    ...keys.rankingSupervision(event.quarter, event.revision),
    type: 'ranking-supervision',
    quarter: event.quarter,
    revision: event.revision,
    eventId: event.eventId,
    projects: outcomes,
    enterprisesProposed: enterprisesProposed.length,
    enterprisesReleased: released,
    enterprisesKept: kept,
    doneAt: now.toISOString(),
  });
  const summary = {
    quarter: event.quarter,
    revision: event.revision,
    projects: outcomes,
    enterprisesProposed,
    enterprisesReleased: released,
    enterprisesKept: kept,
  };
  log.info('ranking published: supervision proposed', summary);
  return summary;
}
