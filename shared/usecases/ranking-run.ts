/**
 * The quarterly ranking run (SPEC §6.4), fanned out like the monthly evaluation (docs/rankings-at-scale.md):
 *
 * 1. **request** — an officer's `POST /v1/rankings {quarter, reason?}` or the daily schedule on the quarter's
 *    ranking day (03:30 the day after the enterprise re-assessments fall due): a run item and the quarter's head
 *    (which revision it computes; one run of a quarter at a time) in one transaction, with `RankingRequested`.
 * 2. **plan** (the `rankings` function) — list every registered project (16 shards), cut them into batches stored
 *    with the run, fix the plan (the first planner to fix it wins), put one message per batch on `ranking-batches`.
 * 3. **work** (the `ranking-worker` function, `ranking-batch.ts`) — per project: one read of its item collection,
 *    the missing assessments' points charged (once per tier, project and quarter), its quarter standing recomputed;
 *    the batch's rows and counts committed once (its done marker is conditional).
 * 4. **finish** (the worker that counts the last batch) — every list computed in memory from the rows, written in
 *    pages, the enterprises' entries written to their partitions, the revision stored as a draft, the run done.
 *
 * This module is the requesting and planning side (what the `rankings` function loads).
 */
import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { previousQuarter, quarterDays, quarterOfDate, rankingRun } from '../domain/assessment/periods.js';
import { shanghaiDate, shanghaiTimestamp } from '../domain/dates.js';
import { ConflictError, NotFoundError } from '../domain/errors.js';
import { nextRankingRun } from '../domain/ranking-revisions.js';
import type { RequestContext } from '../http/api.js';
import { principalId } from '../http/principal.js';
import { derivedId, newId } from '../ids.js';
import { log } from '../log.js';
import { dynamo, TABLE_NAME } from '../store/client.js';
import { keys, listings } from '../store/keys.js';
import { registeredProjectIds } from '../store/listing.js';
import { readItem } from '../store/project-collection.js';
import { RuleSets } from '../store/rule-sets.js';
import { ConditionFailed, IdempotentReplay, UnitOfWork } from '../store/unit-of-work.js';
import { assessmentRulesOn } from './assessment-rules.js';
import { inParallel } from './evaluation-run.js';
import { type RankingHeadItem, readRankingHead } from './rankings.js';

/** Projects per batch: one read each (8 at once), the batch's rows one item of ≤ 400 KB (≈ 1.2 KB a row). */
export const PROJECTS_PER_BATCH = 100;
/**
 * How long a run holds its quarter: no other run of it may start meanwhile (409). A run whose batch went to the
 * dead-letter queue lets go after this; a run started then replaces it, and the old one fails at its finish.
 */
export const RUN_HOLD_MS = 2 * 3600_000;
const PARALLEL_PLAN_WRITES = 32;
const HEAD = 'ranking-head';

/** A ranking run as stored. */
export interface RankingRun extends Record<string, unknown> {
  runId: string;
  quarter: string;
  /** the revision it computes */
  revision: number;
  /** whether it recomputes the quarter's draft (else it makes a new revision) */
  recomputesDraft: boolean;
  reason: string | null;
  trigger: 'schedule' | 'officer';
  requestedBy: string;
  status: 'running' | 'succeeded' | 'failed';
  startedAt: string;
  /** the run's day: every decision of the run (points, scores, ranks) uses the rules in force on it */
  rankedOn: string;
  finishedAt: string | null;
  error: string | null;
  /** the plan fixed (its planner's token) and its size; null until planned */
  plan: string | null;
  batchesTotal: number | null;
  projectsTotal: number | null;
  batchesDone: number;
  projectsRead: number;
  projectsAssessed: number;
  pointsCharged: number;
  /** the lists' sizes, once finished */
  ranked: Record<string, number> | null;
}

/** One message of the ranking queue: a batch of a run's plan. */
export interface RankingBatchMessage {
  runId: string;
  quarter: string;
  plan: string;
  batch: number;
}

/** Where the plan's messages go: the ranking queue, or (in-process runs) a worker right here. */
export type RankingBatchSink = (messages: RankingBatchMessage[]) => Promise<void>;

export async function readRankingRun(runId: string): Promise<RankingRun | undefined> {
  return readItem<RankingRun>(keys.rankingRun(runId));
}

/** The run as `GET /v1/rankings/runs/{runId}` shows it: status, progress, counts. */
export function rankingRunView(run: RankingRun) {
  return {
    runId: run.runId,
    quarter: run.quarter,
    revision: run.revision,
    recomputesDraft: run.recomputesDraft,
    reason: run.reason,
    trigger: run.trigger,
    status: run.status,
    startedAt: shanghaiTimestamp(new Date(run.startedAt)),
    finishedAt: run.finishedAt ? shanghaiTimestamp(new Date(run.finishedAt)) : null,
    rankedOn: run.rankedOn,
    progress: {
      batches: run.batchesTotal,
      batchesDone: run.batchesDone,
      projects: run.projectsTotal,
      projectsDone: run.projectsRead,
    },
    projectsAssessed: run.projectsAssessed,
    pointsCharged: run.pointsCharged,
    ranked: run.ranked,
    error: run.error,
  };
}

function newRun(
  fields: Pick<RankingRun, 'runId' | 'quarter' | 'revision' | 'recomputesDraft' | 'reason' | 'trigger' | 'requestedBy'>,
  now: Date,
): RankingRun {
  return {
    ...fields,
    status: 'running',
    startedAt: now.toISOString(),
    rankedOn: shanghaiDate(now),
    finishedAt: null,
    error: null,
    plan: null,
    batchesTotal: null,
    projectsTotal: null,
    batchesDone: 0,
    projectsRead: 0,
    projectsAssessed: 0,
    pointsCharged: 0,
    ranked: null,
  };
}

/** Stage the run and the quarter's head that now names it (conditional on the head read: one run at a time). */
function stageRunStart(uow: UnitOfWork, run: RankingRun, head: RankingHeadItem | undefined, now: Date) {
  const next: RankingHeadItem = {
    quarter: run.quarter,
    revision: head?.revision ?? run.revision,
    status: head?.status ?? 'draft',
    publications: head?.publications ?? [],
    runInFlight: { runId: run.runId, until: new Date(now.getTime() + RUN_HOLD_MS).toISOString() },
    version: (head?.version ?? 0) + 1,
  };
  uow.put({ ...keys.rankingRun(run.runId), type: 'ranking-run', ...run }, { mustBeNew: true, label: 'ranking-run' });
  uow.put(
    { ...keys.rankingHead(run.quarter), type: 'ranking-head', gsi1pk: listings.rankings, gsi1sk: run.quarter, ...next },
    {
      label: HEAD,
      condition: head
        ? { expression: '#version = :version', names: { '#version': 'version' }, values: { ':version': head.version } }
        : { expression: 'attribute_not_exists(pk)' },
    },
  );
  uow.emit('RankingRequested', run.runId, {
    runId: run.runId,
    quarter: run.quarter,
    revision: run.revision,
    recomputesDraft: run.recomputesDraft,
    reason: run.reason,
    trigger: run.trigger,
    requestedBy: run.requestedBy,
  });
}

/**
 * `POST /v1/rankings {quarter, reason?}` (officer) → 202 `{runId}`: a run of a quarter that has ended. While the
 * quarter's latest revision is a draft the run recomputes it; once published, a run needs a reason and makes the
 * next revision (422 without); 409 while a run of the quarter is in flight.
 */
export async function requestRanking(quarter: string, reason: string | undefined, ctx: RequestContext) {
  const today = shanghaiDate(ctx.now);
  const { last } = quarterDays(quarter);
  if (last >= today) {
    throw new ConflictError(
      {
        zh: `${quarter} 尚未结束（至 ${last}），不能排名`,
        en: `${quarter} has not ended yet (it ends on ${last}): it cannot be ranked`,
      },
      [{ field: 'quarter', message: { zh: `须为 ${today} 前已结束的季度`, en: `must have ended before ${today}` } }],
    );
  }
  for (let attempt = 1; ; attempt++) {
    const head = await readRankingHead(quarter);
    const target = nextRankingRun(head ?? null, { reason: reason ?? null, at: ctx.now.toISOString() });
    const run = newRun(
      {
        runId: newId('rkr'),
        quarter,
        revision: target.revision,
        recomputesDraft: target.recomputesDraft,
        reason: reason?.trim() || null,
        trigger: 'officer',
        requestedBy: principalId(ctx.principal),
      },
      ctx.now,
    );
    const uow = ctx.unitOfWork();
    stageRunStart(uow, run, head, ctx.now);
    const response = {
      status: 202,
      body: rankingRunView(run),
      headers: { location: `/v1/rankings/runs/${run.runId}` },
    };
    try {
      await uow.commit(response);
      return response;
    } catch (error) {
      // IdempotentReplay goes to the pipeline, which answers the first response
      if (error instanceof IdempotentReplay) throw error;
      if (!(error instanceof ConditionFailed && error.label === HEAD) || attempt >= 5) throw error;
    }
  }
}

/** `GET /v1/rankings/runs/{runId}` (inspector): a run's status, progress and counts. */
export async function getRankingRun(runId: string) {
  const run = await readRankingRun(runId);
  if (!run) throw new NotFoundError({ zh: `没有编号为 ${runId} 的排名计算`, en: `there is no ranking run ${runId}` });
  return rankingRunView(run);
}

/**
 * The daily schedule (03:30 Asia/Shanghai): on the ranking day of the quarter before (the day after its enterprise
 * re-assessments fell due, by the PRC working-day calendar and the rule set in force), start its run — unless the
 * quarter is published already or a run of it is in flight; on any other day, nothing. The run's id is derived from
 * the occurrence, so Scheduler's retry of it continues the same run.
 */
export async function startScheduledRanking(occurrence: Date, now: Date, send: RankingBatchSink) {
  const today = shanghaiDate(occurrence);
  const quarter = previousQuarter(quarterOfDate(today));
  const rules = await assessmentRulesOn(today, new RuleSets());
  const { runOn } = rankingRun(quarter, rules.thresholds);
  if (runOn !== today) return { started: false as const, quarter, runOn };
  const runId = derivedId('rkr', occurrence, `quarterly-ranking ${quarter}`);
  let run = await readRankingRun(runId);
  if (!run) {
    const head = await readRankingHead(quarter);
    if (head?.status === 'published') {
      log.info('ranking day: the quarter is published already', { quarter, revision: head.revision });
      return { started: false as const, quarter, runOn, reason: 'published' };
    }
    let target: { revision: number; recomputesDraft: boolean };
    try {
      target = nextRankingRun(head ?? null, { at: now.toISOString() });
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      log.info('ranking day: a run of the quarter is in flight', { quarter, runInFlight: head?.runInFlight });
      return { started: false as const, quarter, runOn, reason: 'in_flight' };
    }
    const created = newRun(
      {
        runId,
        quarter,
        revision: target.revision,
        recomputesDraft: target.recomputesDraft,
        reason: null,
        trigger: 'schedule',
        requestedBy: 'system:schedule',
      },
      now,
    );
    const uow = new UnitOfWork(now);
    stageRunStart(uow, created, head, now);
    try {
      await uow.commit();
      run = created;
    } catch (error) {
      if (!(error instanceof ConditionFailed)) throw error;
      // a retry of this occurrence (or an officer) got there first
      run = await readRankingRun(runId);
      if (!run) return { started: false as const, quarter, runOn, reason: 'in_flight' };
    }
  }
  await planRanking(run.runId, now, send);
  return { started: true as const, quarter, runOn, runId: run.runId };
}

/**
 * Plan a run: store its batches and put them on the queue. The first planner to fix its plan wins; a planner that
 * finds a plan fixed (a redelivered request, a retried schedule, a planner that crashed while sending) sends that
 * plan's batches again — a batch counted once changes nothing the second time.
 */
export async function planRanking(
  runId: string,
  now: Date,
  send: RankingBatchSink,
  options: { projectsPerBatch?: number } = {},
): Promise<RankingRun | undefined> {
  let run = await readRankingRun(runId);
  if (run?.status !== 'running') return run;
  if (run.plan === null) {
    const perBatch = options.projectsPerBatch ?? PROJECTS_PER_BATCH;
    const planner = newId('req');
    const projects = await registeredProjectIds();
    const batches: string[][] = [];
    for (let i = 0; i < projects.length; i += perBatch) batches.push(projects.slice(i, i + perBatch));
    await inParallel(
      batches.map((projectIds, index) => ({ projectIds, batch: index + 1 })),
      PARALLEL_PLAN_WRITES,
      async ({ projectIds, batch }) => {
        await dynamo.send(
          new PutCommand({
            TableName: TABLE_NAME,
            Item: { ...keys.rankingPlan(runId, planner, batch), type: 'ranking-plan', projectIds },
          }),
        );
      },
    );
    try {
      const fixed = await dynamo.send(
        new UpdateCommand({
          TableName: TABLE_NAME,
          Key: keys.rankingRun(runId),
          UpdateExpression: 'SET #plan = :plan, batchesTotal = :batches, projectsTotal = :projects, plannedAt = :at',
          ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(#plan) OR #plan = :null)',
          ExpressionAttributeNames: { '#plan': 'plan' },
          ExpressionAttributeValues: {
            ':plan': planner,
            ':batches': batches.length,
            ':projects': projects.length,
            ':at': now.toISOString(),
            ':null': null,
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      run = fixed.Attributes as RankingRun;
    } catch (error) {
      if ((error as { name?: string }).name !== 'ConditionalCheckFailedException') throw error;
      run = (await readRankingRun(runId)) as RankingRun;
    }
  }
  if (run.status !== 'running' || run.plan === null) return run;
  const total = run.batchesTotal ?? 0;
  const plan = run.plan;
  if (total === 0) {
    // nothing registered: the finish computes empty lists
    const { finishRanking } = await import('./ranking-batch.js');
    return finishRanking(runId, now);
  }
  await send(Array.from({ length: total }, (_, index) => ({ runId, quarter: run.quarter, plan, batch: index + 1 })));
  log.info('ranking run planned', { runId, quarter: run.quarter, batches: total, projects: run.projectsTotal });
  return run;
}
