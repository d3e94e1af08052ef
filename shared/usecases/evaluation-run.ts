/**
 * The monthly evaluation run, fanned out (docs/evaluation-at-scale.md):
 *
 * 1. **plan** (the `evaluations` function, on the schedule or an officer's `EvaluationRequested`): list every active
 *    case and every case released during the month (the month's statistics count them), and every registered
 *    project (to propose new cases); cut them into batches stored with the run (`RUN#id / PLAN#n`), fix the number
 *    of batches, then put one message per batch on the evaluation queue.
 * 2. **work** (the `evaluation-worker` function, one SQS message at a time, many at once): judge each case of the
 *    batch whose cycle ended by the month's last day — one read of the project's item collection, one transaction —
 *    or propose each project of the batch; then, in one transaction, mark the batch done (`RUN#id / DONE#n`, once),
 *    add its counts to the run and write the month's statistics line of each case.
 * 3. **finish** (whichever worker completes the last batch): the month's statistics from the run's totals; the run
 *    succeeds.
 *
 * This module is the planner's side (what the `evaluations` function loads: no PDF renderer, no S3); the batch
 * work is in `evaluation-batch.ts` (the `evaluation-worker` function).
 *
 * Every step may run twice: a case's cycle is judged once (its cycle record is conditional), a batch is counted
 * once (its done marker is conditional), a re-planned run sends the same stored batches again. A crash anywhere
 * leaves no case half-evaluated; the queue redelivers the batch and the re-run finishes it.
 */
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { addDays, shanghaiDate } from '../domain/dates.js';
import { ConflictError, NotFoundError } from '../domain/errors.js';
import type { RuleSetVersion } from '../domain/rule-set.js';
import { AGENCY_INSPECTIONS_PER_MONTH, AGENCY_JOINT_INSPECTIONS_PER_MONTH } from '../domain/vocabulary.js';
import type { RequestContext } from '../http/api.js';
import { principalId } from '../http/principal.js';
import { derivedId, newId } from '../ids.js';
import { log } from '../log.js';
import { dynamo, TABLE_NAME } from '../store/client.js';
import { keys, listings, runListings, STATS_SHARDS } from '../store/keys.js';
import { allListingItems, invalidToken, type ListingFilter, registeredProjectIds } from '../store/listing.js';
import { readItem } from '../store/project-collection.js';
import { RuleSets } from '../store/rule-sets.js';
import { recordNotFound } from './record-not-found.js';
import { runIndexMigrated } from './run-index-backfill.js';

/** Cases per batch: one worker judges them 8 at a time; the batch's closing transaction holds 50 lines + 2 items. */
export const CASES_PER_BATCH = 50;
/** Projects per batch (a proposal is a read, rarely a write). */
export const PROJECTS_PER_BATCH = 100;
/**
 * A planner that has not fixed its plan within this long is presumed dead and another may plan the run. Planning
 * 500,000 cases takes well under a minute; the planner's function has 300 s, so a planner that finds the lease held
 * can wait it out.
 */
const PLANNER_LEASE_MS = 120_000;
const LEASE_POLL_MS = 1_000;
const PARALLEL_PLAN_WRITES = 32;

export interface EvaluationRun extends Record<string, unknown> {
  runId: string;
  month: string;
  status: 'running' | 'succeeded' | 'failed';
  trigger: 'schedule' | 'officer';
  startedAt: string;
  finishedAt: string | null;
  /** cases whose cycle ended by the month's last day, when the run was planned */
  casesDue: number | null;
  /** batches planned (null until the plan is complete) */
  batchesTotal: number | null;
  /** the plan whose batches are sent (its planner's token), once fixed */
  plan?: string;
  batchesDone: number;
  /**
   * due cases judged or found judged, each once (a case whose cycles no run judged for months is judged cycle by
   * cycle: `evaluated` counts the cycles); absent on runs recorded before it was kept
   */
  casesDone?: number;
  evaluated: number;
  escalated: number;
  released: number;
  continued: number;
  proposed: number;
  skipped: number;
  error: string | null;
}

/** The message of one batch on the evaluation queue. */
export interface BatchMessage {
  runId: string;
  month: string;
  /** the plan (its planner's token): batches of a plan that was never fixed are never sent */
  plan: string;
  batch: number;
}

/** Where the planner puts the batches: SQS in AWS and in the local twin; a list for the in-process driver. */
export type BatchSink = (messages: BatchMessage[]) => Promise<void>;

export type CaseRef = { projectId: string; caseId: string };
/** How a run is planned (the defaults are the production ones; tests make batches small or the lease short). */
export interface PlanOptions {
  /** cases per batch, at most CASES_PER_BATCH (the closing transaction holds a statistics line per case) */
  cases?: number;
  projects?: number;
  /** how long a planner's lease lasts (default PLANNER_LEASE_MS) */
  leaseMs?: number;
}
export type Plan = { kind: 'cases'; cases: CaseRef[] } | { kind: 'projects'; projects: string[] };

/**
 * A batch's stored plan: its work, the month's last day, and the rule-set versions as the planner read them, so every
 * batch of a run judges by one reading of the versions, without a read of its own (a plan stored before the versions
 * were carried has none: its batch reads them).
 */
export type StoredPlan = Plan & { lastDay: string; ruleSets?: RuleSetVersion[] };

const pad = (n: number) => String(n).padStart(6, '0');
export const runKey = (runId: string) => ({ pk: `RUN#${runId}`, sk: 'RUN' });
export const planKey = (runId: string, plan: string, batch: number) => ({
  pk: `RUN#${runId}`,
  sk: `PLAN#${plan}#${pad(batch)}`,
});
export const doneKey = (runId: string, batch: number) => ({ pk: `RUN#${runId}`, sk: `DONE#${pad(batch)}` });

/** The last day of a month `YYYY-MM`. */
export function lastDayOf(month: string): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, m, 0)).toISOString().slice(0, 10);
}

/** The month before the one an instant falls in (Shanghai): what the scheduled run on the 1st evaluates. */
export function previousMonth(now: Date): string {
  const today = shanghaiDate(now);
  return addDays(`${today.slice(0, 7)}-01`, -1).slice(0, 7);
}

// ---------------------------------------------------------------------------------------------------------------
// starting a run, reading it
// ---------------------------------------------------------------------------------------------------------------

function newRun(runId: string, month: string, trigger: EvaluationRun['trigger'], now: Date): EvaluationRun {
  return {
    runId,
    month,
    status: 'running',
    trigger,
    startedAt: now.toISOString(),
    finishedAt: null,
    casesDue: null,
    batchesTotal: null,
    batchesDone: 0,
    casesDone: 0,
    evaluated: 0,
    escalated: 0,
    released: 0,
    continued: 0,
    proposed: 0,
    skipped: 0,
    error: null,
  };
}

function runView(run: EvaluationRun) {
  const { runId, month, status, evaluated, escalated, released, continued, proposed } = run;
  return {
    runId,
    month,
    status,
    evaluated,
    escalated,
    released,
    continued,
    proposed,
    trigger: run.trigger,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    progress: {
      casesDue: run.casesDue,
      // cases, as casesDue counts them (a case caught up over several cycles counts once)
      done: run.casesDone ?? evaluated + run.skipped,
      batches: run.batchesTotal,
      batchesDone: run.batchesDone,
    },
    error: run.error,
  };
}

/** `POST /v1/evaluations` (officer): record the run and let the bus start it (off the request, at least once). */
export async function requestEvaluation(month: string, ctx: RequestContext) {
  const lastDay = lastDayOf(month);
  const today = shanghaiDate(ctx.now);
  if (lastDay >= today) {
    throw new ConflictError(
      {
        zh: `${month} 尚未结束（本月周期至 ${lastDay} 结束，今天是 ${today}），月度评估须在月份结束后进行：请选择已结束的月份。`,
        en: `The month ${month} has not ended yet (its cycles end on ${lastDay}; today is ${today}).`,
      },
      [
        {
          field: 'month',
          message: { zh: `须为 ${today} 之前已结束的月份`, en: `must be a month that ended before ${today}` },
        },
      ],
    );
  }
  const run = newRun(newId('run'), month, 'officer', ctx.now);
  const uow = ctx.unitOfWork();
  uow.put({ ...runKey(run.runId), type: 'evaluation-run', ...run }, { mustBeNew: true });
  uow.emit('EvaluationRequested', run.runId, { runId: run.runId, month, requestedBy: principalId(ctx.principal) });
  const response = { status: 202, body: runView(run), headers: { location: `/v1/evaluations/${run.runId}` } };
  await uow.commit(response);
  return response;
}

/** `GET /v1/evaluations/{runId}` */
export async function getEvaluationRun(runId: string) {
  const item = await readItem<EvaluationRun>(runKey(runId));
  if (!item) throw recordNotFound('evaluationRun', runId);
  return runView(item);
}

export async function readRun(runId: string): Promise<EvaluationRun | undefined> {
  const item = await dynamo.send(new GetCommand({ TableName: TABLE_NAME, Key: runKey(runId), ConsistentRead: true }));
  return item.Item as EvaluationRun | undefined;
}

/**
 * The scheduled run's id is derived from its occurrence (a ULID whose time is the occurrence and whose randomness
 * is the month's), so Scheduler's retry of an occurrence continues the same run instead of starting another.
 */
export function scheduledRunId(month: string, occurrence: Date): string {
  return derivedId('run', occurrence, `monthly-evaluation ${month}`);
}

/** The scheduled run (02:30 on the 1st): the month that ended the day before the occurrence. */
export async function startScheduledEvaluation(occurrence: Date, now: Date, send: BatchSink) {
  const month = previousMonth(occurrence);
  // a retried occurrence finds its run: planning it again sends its batches again
  const run = await createRun(newRun(scheduledRunId(month, occurrence), month, 'schedule', now));
  return planEvaluation(run.runId, month, now, send);
}

/** Store a new run; if a run with its id exists already (a retry, a race), that one. */
async function createRun(run: EvaluationRun): Promise<EvaluationRun> {
  try {
    await dynamo.send(
      new PutCommand({
        TableName: TABLE_NAME,
        Item: { ...runKey(run.runId), type: 'evaluation-run', ...run },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return run;
  } catch (error) {
    if (!isConditionFailed(error)) throw error;
    return (await readRun(run.runId)) as EvaluationRun;
  }
}

const isConditionFailed = (error: unknown) =>
  error instanceof Error && error.name === 'ConditionalCheckFailedException';

// ---------------------------------------------------------------------------------------------------------------
// 1. plan
// ---------------------------------------------------------------------------------------------------------------

/**
 * Plan a run: store its batches and put them on the queue. A run already planned (a redelivered request, a retried
 * schedule, a planner that crashed while sending) has its stored batches sent again; a run finished sends nothing.
 */
export async function planEvaluation(
  runId: string,
  month: string,
  now: Date,
  send: BatchSink,
  options: PlanOptions = {},
): Promise<EvaluationRun> {
  let run = (await readRun(runId)) ?? (await createRun(newRun(runId, month, 'officer', now)));
  if (run.status !== 'running') return run;
  if (run.batchesTotal === null) {
    run = await writePlan(run, now, options);
    if (run.status !== 'running') return run;
  }
  const total = run.batchesTotal ?? 0;
  if (total === 0) return finishRun(run, now);
  const plan = String(run.plan);
  const messages = Array.from({ length: total }, (_, index) => ({ runId, month: run.month, plan, batch: index + 1 }));
  await send(messages);
  log.info('evaluation run planned', { runId, month: run.month, batches: total, casesDue: run.casesDue });
  return run;
}

/**
 * Take the planner's lease, list the work, store the batches under this planner's token, then fix the plan (its
 * token and the number of batches) — all conditional on still holding the lease. A planner finding the lease held
 * waits until the holder fixes its plan (and returns that run) or the lease expires (and takes it over): the plan
 * of a planner that died is never sent, its stored batches are left unread.
 */
async function writePlan(run: EvaluationRun, now: Date, options: PlanOptions): Promise<EvaluationRun> {
  const casesPerBatch = Math.min(options.cases ?? CASES_PER_BATCH, CASES_PER_BATCH);
  const projectsPerBatch = options.projects ?? PROJECTS_PER_BATCH;
  const leaseMs = options.leaseMs ?? PLANNER_LEASE_MS;
  const planner = newId('req');
  const giveUpAt = Date.now() + leaseMs + 10 * LEASE_POLL_MS;
  for (;;) {
    try {
      await dynamo.send(
        new UpdateCommand({
          TableName: TABLE_NAME,
          Key: runKey(run.runId),
          UpdateExpression: 'SET planner = :planner, plannerUntil = :until',
          ConditionExpression:
            'attribute_exists(pk) AND (attribute_not_exists(batchesTotal) OR attribute_type(batchesTotal, :null)) ' +
            'AND (attribute_not_exists(plannerUntil) OR plannerUntil < :now)',
          ExpressionAttributeValues: {
            ':planner': planner,
            ':until': Date.now() + leaseMs,
            ':now': Date.now(),
            ':null': 'NULL',
          },
        }),
      );
      break;
    } catch (error) {
      if (!isConditionFailed(error)) throw error;
    }
    const current = await readRun(run.runId);
    if (!current || current.batchesTotal !== null || current.status !== 'running') return current ?? run;
    if (Date.now() > giveUpAt) throw new Error(`evaluation run ${run.runId}: its planner's lease is held`);
    await new Promise((resolve) => setTimeout(resolve, Math.min(LEASE_POLL_MS, leaseMs + 1)));
  }
  try {
    const lastDay = lastDayOf(run.month);
    const ruleSets = await new RuleSets().all();
    const { cases, due, projects } = await workOfTheMonth(run.month, ruleSets);
    const plans: Plan[] = [];
    for (let i = 0; i < cases.length; i += casesPerBatch) {
      plans.push({ kind: 'cases', cases: cases.slice(i, i + casesPerBatch) });
    }
    for (let i = 0; i < projects.length; i += projectsPerBatch) {
      plans.push({ kind: 'projects', projects: projects.slice(i, i + projectsPerBatch) });
    }
    await inParallel(
      plans.map((plan, index) => ({ plan, batch: index + 1 })),
      PARALLEL_PLAN_WRITES,
      async ({ plan, batch }) => {
        await dynamo.send(
          new PutCommand({
            TableName: TABLE_NAME,
            Item: { ...planKey(run.runId, planner, batch), type: 'evaluation-plan', lastDay, ruleSets, ...plan },
          }),
        );
      },
    );
    const updated = await dynamo.send(
      new UpdateCommand({
        TableName: TABLE_NAME,
        Key: runKey(run.runId),
        UpdateExpression: 'SET batchesTotal = :total, casesDue = :due, plannedAt = :at, #plan = :planner',
        ConditionExpression: 'planner = :planner',
        ExpressionAttributeNames: { '#plan': 'plan' },
        ExpressionAttributeValues: {
          ':total': plans.length,
          ':due': due.length,
          ':at': now.toISOString(),
          ':planner': planner,
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return updated.Attributes as EvaluationRun;
  } catch (error) {
    // let the next attempt plan at once
    await dynamo
      .send(
        new UpdateCommand({
          TableName: TABLE_NAME,
          Key: runKey(run.runId),
          UpdateExpression: 'REMOVE plannerUntil',
          ConditionExpression: 'planner = :planner',
          ExpressionAttributeValues: { ':planner': planner },
        }),
      )
      .catch(() => undefined);
    throw error;
  }
}

/** What a run of the month has to look at, as the planner lists it (exported for the tests of the indexes). */
export interface WorkOfTheMonth {
  /** every active case and every case released in the month (each has a line in the month's statistics), by id */
  cases: CaseRef[];
  /** of those, the active cases whose cycle ended by the month's last day: the ones judged */
  due: CaseRef[];
  /** the projects the proposal sweep re-examines */
  projects: string[];
}

/** List the run's work from the sparse indexes (and, until the backfill has run, the old listings too). */
export async function workOfTheMonth(month: string, ruleSets?: readonly RuleSetVersion[]): Promise<WorkOfTheMonth> {
  const migrated = await runIndexMigrated();
  const [{ cases, due }, projects] = await Promise.all([
    casesOfTheMonth(month, migrated),
    projectsToSweep(month, migrated, ruleSets ?? (await new RuleSets().all())),
  ]);
  return { cases, due, projects };
}

/**
 * Every active case (the due ones are judged, all of them are counted in the month's statistics) and every case
 * released during the month (counted at level 0), from the run's sparse indexes (run-index.ts): small entries, not
 * the case items, 16 shards of each read in parallel.
 */
async function casesOfTheMonth(month: string, migrated: boolean): Promise<{ cases: CaseRef[]; due: CaseRef[] }> {
  const lastDay = lastDayOf(month);
  const attributes = ['id', 'projectId', 'cycleEnd'];
  const read = (partitions: string[], filter?: ListingFilter) =>
    Promise.all(
      partitions.map((partition) => allListingItems(partition, { attributes, ...(filter ? { filter } : {}) })),
    );
  const releasedInMonth = { expression: 'releasedOn >= :from', values: { ':from': `${month}-01` } };
  const [active, released, oldActive, oldReleased] = await Promise.all([
    read(runListings.dueShards()),
    read(runListings.releasedInShards(month)),
    // until the backfill has run, cases written before the index are found on the case listings as before
    migrated ? [] : read(listings.casesByStatus('active')),
    migrated ? [] : read(listings.casesByStatus('released'), releasedInMonth),
  ]);
  const byId = new Map<string, Record<string, unknown>>();
  // a released case is never due (an old-shape released case item still carries its last cycle's end)
  for (const item of [...oldReleased.flat(), ...released.flat()])
    byId.set(String(item.id), { ...item, cycleEnd: null });
  for (const item of [...oldActive.flat(), ...active.flat()]) byId.set(String(item.id), item);
  const sorted = [...byId.values()].sort((a, b) => String(a.id).localeCompare(String(b.id)));
  const ref = (item: Record<string, unknown>) => ({ projectId: String(item.projectId), caseId: String(item.id) });
  const isDue = (item: Record<string, unknown>) => typeof item.cycleEnd === 'string' && item.cycleEnd <= lastDay;
  return { cases: sorted.map(ref), due: sorted.filter(isDue).map(ref) };
}

/**
 * The projects the proposal sweep re-examines: those with evidence not yet weighed (the `UNWEIGHED` markers). A
 * rule-set version that took effect during the month can make the conditions hold on evidence already looked at
 * (lower thresholds), so that month every registered project is re-examined, as before the index.
 */
async function projectsToSweep(
  month: string,
  migrated: boolean,
  versions: readonly RuleSetVersion[],
): Promise<string[]> {
  const from = `${month}-01`;
  const lastDay = lastDayOf(month);
  const changed = versions.some(
    (version) => version.effectiveFrom && version.effectiveFrom >= from && version.effectiveFrom <= lastDay,
  );
  // before the backfill, a project's evidence may predate the markers: every project, as before the index
  if (changed || !migrated) return registeredProjectIds();
  const shards = await Promise.all(
    runListings.unweighedShards().map((partition) => allListingItems(partition, { attributes: ['projectId'] })),
  );
  return shards.flatMap((items) => items.map((item) => String(item.projectId))).sort();
}

// ---------------------------------------------------------------------------------------------------------------
// 3. finish
// ---------------------------------------------------------------------------------------------------------------

/** Write the month's statistics from the run's totals and mark the run succeeded (once). */
export async function finishRun(run: EvaluationRun, now: Date): Promise<EvaluationRun> {
  const { runId } = run;
  if (run.status !== 'running') return run;
  const stat = (name: string) => Number(run[name] ?? 0);
  await dynamo.send(
    new PutCommand({
      TableName: TABLE_NAME,
      Item: {
        ...keys.monthStats(run.month),
        type: 'stats',
        month: run.month,
        runId,
        casesByLevel: {
          '0': stat('statLevel0'),
          '1': stat('statLevel1'),
          '2': stat('statLevel2'),
          '3': stat('statLevel3'),
        },
        casesUnderSupervision: stat('statCases'),
        noticesOverdue: stat('statOverdue'),
        agencyInspections: {
          target: { perMonth: AGENCY_INSPECTIONS_PER_MONTH, joint: AGENCY_JOINT_INSPECTIONS_PER_MONTH },
          casesMeetingTarget: stat('statMeeting'),
        },
        computedAt: now.toISOString(),
      },
    }),
  );
  try {
    const finished = await dynamo.send(
      new UpdateCommand({
        TableName: TABLE_NAME,
        Key: runKey(runId),
        UpdateExpression: 'SET #status = :succeeded, finishedAt = :at',
        ConditionExpression: '#status = :running',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':succeeded': 'succeeded',
          ':running': 'running',
          // the handlers' one clock, like every other timestamp (a run under the local clock finishes on its date)
          ':at': now.toISOString(),
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    log.info('evaluation run finished', { runId, month: run.month });
    return finished.Attributes as EvaluationRun;
  } catch (error) {
    if (isConditionFailed(error)) return (await readRun(runId)) as EvaluationRun;
    throw error;
  }
}

/** Per-case lines a page of `GET /v1/stats` holds. */
const STATS_PAGE = 1000;

/**
 * `GET /v1/stats?month=`: the month's figures, with the per-case lines (of every shard, by shard then case id) a
 * page at a time; `agencyInspections.nextToken` resumes them.
 */
export async function getMonthStatistics(month: string, page: { nextToken?: string | undefined } = {}) {
  const item = await dynamo.send(new GetCommand({ TableName: TABLE_NAME, Key: keys.monthStats(month) }));
  if (!item.Item) {
    throw new NotFoundError({
      zh: `${month} 还没有统计数据：统计由该月的月度评估生成，请先运行 ${month} 的月度评估。`,
      en: `No statistics for ${month} yet: they are written by the monthly evaluation of that month.`,
    });
  }
  const { pk: _pk, sk: _sk, type: _type, runId: _runId, ...stats } = item.Item;
  let cursor: { s: number; k?: string } | null = decodeStatsToken(page.nextToken);
  const perCase: Array<Record<string, unknown>> = [];
  while (cursor && perCase.length < STATS_PAGE) {
    const shard: number = cursor.s;
    const after: string | undefined = cursor.k;
    const lines = await dynamo.send(
      new QueryCommand({
        TableName: TABLE_NAME,
        KeyConditionExpression: after ? 'pk = :pk AND sk > :after' : 'pk = :pk',
        ExpressionAttributeValues: {
          ':pk': keys.monthStatsShard(month, shard),
          ...(after ? { ':after': `CASE#${after}` } : {}),
        },
        Limit: STATS_PAGE - perCase.length,
      }),
    );
    for (const { pk: _p, sk: _s, type: _t, month: _m, ...line } of lines.Items ?? []) perCase.push(line);
    const last = perCase.at(-1)?.caseId;
    if (lines.LastEvaluatedKey && typeof last === 'string') cursor = { s: shard, k: last };
    else cursor = shard + 1 < STATS_SHARDS ? { s: shard + 1 } : null;
  }
  return {
    ...stats,
    agencyInspections: {
      ...(stats.agencyInspections as Record<string, unknown>),
      perCase,
      nextToken: cursor ? Buffer.from(JSON.stringify(cursor)).toString('base64url') : null,
    },
  };
}

function decodeStatsToken(token: string | undefined): { s: number; k?: string } {
  if (!token) return { s: 0 };
  try {
    const cursor = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { s?: unknown; k?: unknown };
    const validShard = Number.isInteger(cursor?.s) && Number(cursor.s) >= 0 && Number(cursor.s) < STATS_SHARDS;
    const validKey =
      cursor?.k === undefined || (typeof cursor.k === 'string' && /^cas_[0-9A-HJKMNP-TV-Z]{26}$/.test(cursor.k));
    if (validShard && validKey && Object.keys(cursor).every((key) => key === 's' || key === 'k')) {
      return cursor.k === undefined ? { s: Number(cursor.s) } : { s: Number(cursor.s), k: String(cursor.k) };
    }
  } catch {
    // fall through to the problem below
  }
  throw invalidToken();
}

/** Work items a few at a time. */
export async function inParallel<T>(items: readonly T[], width: number, work: (item: T) => Promise<void>) {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: Math.min(width, queue.length) }, async () => {
      for (let next = queue.shift(); next !== undefined; next = queue.shift()) await work(next);
    }),
  );
}
