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
 * Every step may run twice: a case's cycle is judged once (its cycle record is conditional), a batch is counted
 * once (its done marker is conditional), a re-planned run sends the same stored batches again. A crash anywhere
 * leaves no case half-evaluated; the queue redelivers the batch and the re-run finishes it.
 */
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { addWorkingDays } from '../domain/calendar.js';
import { evaluateConditions } from '../domain/conditions.js';
import { nextCycle } from '../domain/cycles.js';
import { addDays, shanghaiDate } from '../domain/dates.js';
import { ConflictError, InvalidInputError, NotFoundError } from '../domain/errors.js';
import { formatNoticeNumber, noticeCounterName } from '../domain/notice-number.js';
import { measuresAdded } from '../domain/verdict.js';
import { RECEIPT_WORKING_DAYS } from '../domain/vocabulary.js';
import type { RequestContext } from '../http/api.js';
import { principalId } from '../http/principal.js';
import { derivedId, newId } from '../ids.js';
import { log } from '../log.js';
import { dynamo, TABLE_NAME } from '../store/client.js';
import { keys, listings, PROJECT_SHARDS } from '../store/keys.js';
import { type ListingFilter, listingItems } from '../store/listing.js';
import { readItem, referenceItem } from '../store/project-collection.js';
import {
  type CaseRecord,
  type CycleEvaluationRecord,
  factsOf,
  type NoticeRecord,
  type ProjectSnapshot,
  readSnapshot,
} from '../store/snapshot.js';
import { ConditionFailed, UnitOfWork } from '../store/unit-of-work.js';
import { CASE_VERSION, changeCase, OPEN_CASE, proposeCase } from './case-records.js';
import { completeNoticeDocuments, NOTICE_COUNTER, noticePrefix, takeNumber } from './cases.js';
import { AGENCY_INSPECTIONS_PER_MONTH, AGENCY_JOINT_INSPECTIONS_PER_MONTH, judgeCycle } from './evaluation.js';

const ACTOR = 'system:monthly-evaluation';
const CYCLE_RECORD = 'cycle-record';
const BATCH_DONE = 'batch-done';
/** Cases per batch: one worker judges them 8 at a time; the batch's closing transaction holds 50 lines + 2 items. */
export const CASES_PER_BATCH = 50;
/** Projects per batch (a proposal is a read, rarely a write). */
export const PROJECTS_PER_BATCH = 100;
const PARALLEL_CASES = 8;
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

type CaseRef = { projectId: string; caseId: string };
/** How a run is planned (the defaults are the production ones; tests make batches small or the lease short). */
export interface PlanOptions {
  /** cases per batch, at most CASES_PER_BATCH (the closing transaction holds a statistics line per case) */
  cases?: number;
  projects?: number;
  /** how long a planner's lease lasts (default PLANNER_LEASE_MS) */
  leaseMs?: number;
}
type Plan = { kind: 'cases'; cases: CaseRef[] } | { kind: 'projects'; projects: string[] };

const pad = (n: number) => String(n).padStart(6, '0');
const runKey = (runId: string) => ({ pk: `RUN#${runId}`, sk: 'RUN' });
const planKey = (runId: string, plan: string, batch: number) => ({
  pk: `RUN#${runId}`,
  sk: `PLAN#${plan}#${pad(batch)}`,
});
const doneKey = (runId: string, batch: number) => ({ pk: `RUN#${runId}`, sk: `DONE#${pad(batch)}` });
export const statsKey = (month: string) => ({ pk: `STATS#${month}`, sk: 'STATS' });
export const statsLineKey = (month: string, caseId: string) => ({ pk: `STATS#${month}`, sk: `CASE#${caseId}` });

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
      done: evaluated + run.skipped,
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
    throw new ConflictError(`The month ${month} has not ended yet (its cycles end on ${lastDay}; today is ${today}).`, [
      { field: 'month', message: `must be a month that ended before ${today}` },
    ]);
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
  if (!item) throw new NotFoundError(`There is no evaluation run ${runId}.`);
  return runView(item);
}

async function readRun(runId: string): Promise<EvaluationRun | undefined> {
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
  const run = newRun(scheduledRunId(month, occurrence), month, 'schedule', now);
  try {
    await dynamo.send(
      new PutCommand({
        TableName: TABLE_NAME,
        Item: { ...runKey(run.runId), type: 'evaluation-run', ...run },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  } catch (error) {
    // a retried occurrence: the run exists, planning it again sends its batches again
    if (!(error instanceof Error && error.name === 'ConditionalCheckFailedException')) throw error;
  }
  return planEvaluation(run.runId, month, now, send);
}

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
  let run = await readRun(runId);
  if (!run) {
    run = newRun(runId, month, 'officer', now);
    await dynamo.send(
      new PutCommand({
        TableName: TABLE_NAME,
        Item: { ...runKey(runId), type: 'evaluation-run', ...run },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }
  if (run.status !== 'running') return run;
  if (run.batchesTotal === null) {
    run = await writePlan(run, now, options);
    if (run.status !== 'running') return run;
  }
  const total = run.batchesTotal ?? 0;
  if (total === 0) return finishRun(runId, now);
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
      if (!(error instanceof Error && error.name === 'ConditionalCheckFailedException')) throw error;
    }
    const current = await readRun(run.runId);
    if (!current || current.batchesTotal !== null || current.status !== 'running') return current ?? run;
    if (Date.now() > giveUpAt) throw new Error(`evaluation run ${run.runId}: its planner's lease is held`);
    await new Promise((resolve) => setTimeout(resolve, Math.min(LEASE_POLL_MS, leaseMs + 1)));
  }
  try {
    const lastDay = lastDayOf(run.month);
    const { cases, due } = await casesOfTheMonth(run.month);
    const projects = await registeredProjects();
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
            Item: { ...planKey(run.runId, planner, batch), type: 'evaluation-plan', lastDay, ...plan },
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
          ':due': due,
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

/**
 * Every active case (the due ones are judged, all of them are counted in the month's statistics) and every case
 * released during the month (counted at level 0), from the sharded status listings, read in parallel.
 */
async function casesOfTheMonth(month: string): Promise<{ cases: CaseRef[]; due: number }> {
  const lastDay = lastDayOf(month);
  const from = `${month}-01`;
  const attributes = ['id', 'projectId', 'cycleEnd'];
  const read = async (partition: string, filter?: ListingFilter) => {
    const items: Array<Record<string, unknown>> = [];
    for await (const item of listingItems(partition, { attributes, ...(filter ? { filter } : {}) })) items.push(item);
    return items;
  };
  const releasedInMonth = { expression: 'releasedOn >= :from', values: { ':from': from } };
  const [active, released] = await Promise.all([
    Promise.all(listings.casesByStatus('active').map((partition) => read(partition))),
    Promise.all(listings.casesByStatus('released').map((partition) => read(partition, releasedInMonth))),
  ]);
  const due = active.flat().filter((item) => typeof item.cycleEnd === 'string' && item.cycleEnd <= lastDay).length;
  const cases = [...active.flat(), ...released.flat()]
    .map((item) => ({ projectId: String(item.projectId), caseId: String(item.id) }))
    .sort((a, b) => a.caseId.localeCompare(b.caseId));
  return { cases, due };
}

async function registeredProjects(): Promise<string[]> {
  const shards = await Promise.all(
    Array.from({ length: PROJECT_SHARDS }, async (_, shard) => {
      const ids: string[] = [];
      for await (const item of listingItems(listings.projectShardKey(shard), { attributes: ['gsi1sk'] })) {
        ids.push(String(item.gsi1sk));
      }
      return ids;
    }),
  );
  return shards.flat().sort();
}

// ---------------------------------------------------------------------------------------------------------------
// 2. work
// ---------------------------------------------------------------------------------------------------------------

type Outcome = 'release' | 'escalate' | 'continue' | 'skipped';

/** One month's statistics line of a case (`STATS#month / CASE#id`). */
export interface StatsLine {
  caseId: string;
  projectId: string;
  projectName: string;
  level: number;
  noticesOverdue: number;
  inspections: number;
  joint: number;
  required: number;
  requiredJoint: number;
  meetsTarget: boolean;
}

/**
 * Work one batch of a run. Resolves when the batch is counted (now or by an earlier delivery); throws when it
 * could not be finished (the queue delivers it again, then to its DLQ).
 */
export async function workBatch(message: BatchMessage, now: Date): Promise<void> {
  const { runId, batch } = message;
  const [plan, done] = await Promise.all([
    dynamo.send(new GetCommand({ TableName: TABLE_NAME, Key: planKey(runId, message.plan, batch) })),
    dynamo.send(new GetCommand({ TableName: TABLE_NAME, Key: doneKey(runId, batch) })),
  ]);
  if (done.Item) return; // counted by an earlier delivery
  const stored = plan.Item as (Plan & { lastDay: string }) | undefined;
  if (!stored) throw new Error(`evaluation run ${runId} has no batch ${batch}`);
  const month = message.month;
  const counts = { evaluated: 0, escalated: 0, released: 0, continued: 0, skipped: 0, proposed: 0 };
  const lines: StatsLine[] = [];
  if (stored.kind === 'cases') {
    await inParallel(stored.cases, PARALLEL_CASES, async (ref) => {
      const result = await evaluateCase(ref, { runId, month, lastDay: stored.lastDay, now });
      for (const outcome of result.outcomes) {
        if (outcome === 'skipped') counts.skipped += 1;
        else {
          counts.evaluated += 1;
          if (outcome === 'escalate') counts.escalated += 1;
          else if (outcome === 'release') counts.released += 1;
          else counts.continued += 1;
        }
      }
      if (result.line) lines.push(result.line);
    });
  } else {
    await inParallel(stored.projects, PARALLEL_CASES, async (projectId) => {
      if (await proposeIfConditionsHold(projectId, stored.lastDay, now)) counts.proposed += 1;
    });
  }
  const uow = new UnitOfWork(now);
  uow.put(
    { ...doneKey(runId, batch), type: 'evaluation-batch', ...counts, lines: lines.length },
    {
      mustBeNew: true,
      label: BATCH_DONE,
    },
  );
  const levels = [0, 1, 2, 3].map((level) => lines.filter((line) => line.level === level).length);
  uow.update(runKey(runId), {
    expression:
      'ADD batchesDone :one, evaluated :evaluated, escalated :escalated, released :released, continued :continued, ' +
      'skipped :skipped, proposed :proposed, statCases :cases, statOverdue :overdue, statMeeting :meeting, ' +
      'statLevel0 :l0, statLevel1 :l1, statLevel2 :l2, statLevel3 :l3',
    values: {
      ':one': 1,
      ':evaluated': counts.evaluated,
      ':escalated': counts.escalated,
      ':released': counts.released,
      ':continued': counts.continued,
      ':skipped': counts.skipped,
      ':proposed': counts.proposed,
      ':cases': lines.length,
      ':overdue': lines.reduce((sum, line) => sum + line.noticesOverdue, 0),
      ':meeting': lines.filter((line) => line.meetsTarget).length,
      ':l0': levels[0],
      ':l1': levels[1],
      ':l2': levels[2],
      ':l3': levels[3],
    },
  });
  for (const line of lines) uow.put({ ...statsLineKey(month, line.caseId), type: 'stats-line', month, ...line });
  try {
    await uow.commit();
  } catch (error) {
    if (error instanceof ConditionFailed && error.label === BATCH_DONE) return; // a concurrent delivery counted it
    throw error;
  }
  const run = await readRun(runId);
  if (run && run.status === 'running' && run.batchesTotal !== null && run.batchesDone >= run.batchesTotal) {
    await finishRun(runId, now);
  }
}

async function inParallel<T>(items: readonly T[], width: number, work: (item: T) => Promise<void>) {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: Math.min(width, queue.length) }, async () => {
      for (let next = queue.shift(); next !== undefined; next = queue.shift()) await work(next);
    }),
  );
}

interface RunContext {
  runId: string;
  month: string;
  lastDay: string;
  now: Date;
}

/**
 * Judge every cycle of one case that ended by the month's last day (normally one; more for a case a crashed run
 * left behind), each in its own transaction, and give the case's statistics line for the month. One read of the
 * project's collection, one transaction per cycle; a conflict re-reads.
 */
async function evaluateCase(ref: CaseRef, run: RunContext): Promise<{ outcomes: Outcome[]; line: StatsLine | null }> {
  let snapshot = await readSnapshot(ref.projectId);
  const released = snapshot?.cases.find((candidate) => candidate.id === ref.caseId);
  if (snapshot && released && snapshot.notices.some((n) => n.caseId === released.id && !n.documentSha256)) {
    // a worker died between a release and its notice's PDF: this delivery of the batch finishes it
    await completeNoticeDocuments(snapshot, released);
  }
  // a case appears in one batch of a run: cycles this run judged already were judged by an earlier delivery of
  // this batch (a worker that died before counting it), and count now
  const outcomes: Outcome[] = (snapshot?.cycleEvaluations ?? [])
    .filter((cycle) => cycle.caseId === ref.caseId && cycle.runId === run.runId)
    .map((cycle) => cycle.verdict);
  for (let attempt = 1; attempt <= 60; attempt++) {
    const record = snapshot?.cases.find((candidate) => candidate.id === ref.caseId);
    if (!snapshot || !record) return { outcomes, line: null };
    if (record.status !== 'active' || !record.cycle || record.cycle.end > run.lastDay) {
      return { outcomes, line: statsLineOf(snapshot, record, run.month) };
    }
    const result = await judgeAndCommit(snapshot, record, run);
    if ('snapshot' in result) {
      outcomes.push(result.verdict);
      snapshot = result.snapshot;
      continue;
    }
    if (result.conflict === 'busy') {
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(200, 5 * attempt)));
    }
    const index = record.cycle.index;
    snapshot = await readSnapshot(ref.projectId);
    if (result.conflict === 'judged') {
      // judged by another delivery: counted here only if that was this run (a redelivered batch)
      const judged = snapshot?.cycleEvaluations.find((cycle) => cycle.caseId === ref.caseId && cycle.index === index);
      outcomes.push(judged && judged.runId === run.runId ? judged.verdict : 'skipped');
    }
  }
  throw new Error(`could not evaluate case ${ref.caseId}: too many concurrent changes`);
}

type Judged =
  | { verdict: 'release' | 'escalate' | 'continue'; snapshot: ProjectSnapshot }
  | { conflict: 'judged' | 'busy' };

/** Judge the case's current cycle and commit the judgement with its consequences, in one transaction. */
async function judgeAndCommit(snapshot: ProjectSnapshot, record: CaseRecord, run: RunContext): Promise<Judged> {
  const { runId, now } = run;
  const { projectId, id: caseId } = record;
  const cycle = record.cycle as NonNullable<CaseRecord['cycle']>;
  const judged = judgeCycle(snapshot, record, cycle, cycle.end);
  const evaluatedOn = addDays(cycle.end, 1);
  const uow = new UnitOfWork(now);
  const levelBefore = record.level;
  const levelAfter = judged.verdict === 'release' ? 0 : judged.levelAfter;
  const cycleRecord: CycleEvaluationRecord = {
    caseId,
    projectId,
    ...cycle,
    month: cycle.end.slice(0, 7),
    runId,
    verdict: judged.verdict,
    levelBefore,
    levelAfter,
    reasons: judged.reasons,
    conditions: judged.conditions,
    hazards: judged.hazards,
    compliance: judged.compliance,
    inspections: judged.inspections,
    thresholds: judged.thresholds,
    ruleSetVersion: judged.ruleSetVersion,
    evaluatedOn,
    evaluatedAt: now.toISOString(),
  };
  uow.put(
    { ...keys.cycle(projectId, caseId, cycle.index), type: 'cycle', ...cycleRecord },
    { mustBeNew: true, label: CYCLE_RECORD },
  );
  const set: Partial<CaseRecord> = { level: levelAfter };
  let releaseNotice: NoticeRecord | undefined;
  if (judged.verdict === 'release') {
    Object.assign(set, { status: 'released', releasedAt: now.toISOString(), releasedOn: evaluatedOn });
    releaseNotice = await prepareReleaseNotice(uow, snapshot, record, evaluatedOn, now);
    uow.delete(keys.openCaseLock(projectId));
  } else {
    set.cycle = nextCycle(cycle);
    if (levelAfter > levelBefore) set.levelReachedOn = { ...record.levelReachedOn, [String(levelAfter)]: evaluatedOn };
  }
  const evidence = [...new Set(judged.conditions.flatMap((condition) => condition.evidence))].sort();
  const next = changeCase(uow, record, {
    set,
    entries: [
      {
        at: now.toISOString(),
        actor: ACTOR,
        action: 'cycle_evaluated',
        detail: {
          cycle: cycle.index,
          start: cycle.start,
          end: cycle.end,
          verdict: judged.verdict,
          levelBefore,
          levelAfter,
          reasons: judged.reasons,
          runId,
        },
        evidence,
      },
      ...(releaseNotice
        ? [
            {
              at: now.toISOString(),
              actor: ACTOR,
              action: 'notice_issued',
              detail: {
                type: 'release',
                number: releaseNotice.number,
                issuedOn: releaseNotice.issuedOn,
                receiptDueOn: releaseNotice.receiptDueOn,
              },
              evidence: [releaseNotice.id],
            },
          ]
        : []),
    ],
  });
  uow.emit('CycleEvaluated', caseId, {
    caseId,
    projectId,
    cycleIndex: cycle.index,
    month: cycle.end.slice(0, 7),
    verdict: judged.verdict,
    levelBefore,
    levelAfter,
    compliance: judged.compliance?.overall.ratio ?? null,
  });
  if (judged.verdict === 'escalate' && levelAfter > levelBefore) {
    uow.emit('CaseEscalated', caseId, {
      caseId,
      projectId,
      level: levelAfter,
      levelBefore,
      cycleIndex: cycle.index,
      month: cycle.end.slice(0, 7),
      evaluatedOn,
      conditionsMet: judged.conditions.filter((condition) => condition.met).map((condition) => condition.id),
      reasons: judged.reasons,
      measures: measuresAdded(levelBefore, levelAfter),
    });
  }
  if (releaseNotice) {
    uow.emit('CaseReleased', caseId, {
      caseId,
      projectId,
      cycleIndex: cycle.index,
      noticeId: releaseNotice.id,
      releasedOn: evaluatedOn,
    });
    uow.emit('NoticeIssued', releaseNotice.id, {
      noticeId: releaseNotice.id,
      caseId,
      projectId,
      type: 'release',
      number: releaseNotice.number,
      issuedOn: releaseNotice.issuedOn,
      receiptDueOn: releaseNotice.receiptDueOn,
    });
  }
  try {
    await uow.commit();
  } catch (error) {
    if (error instanceof ConditionFailed && error.label === CYCLE_RECORD) return { conflict: 'judged' };
    if (error instanceof ConditionFailed && [CASE_VERSION, NOTICE_COUNTER, OPEN_CASE].includes(error.label)) {
      return { conflict: 'busy' };
    }
    throw error;
  }
  const after: ProjectSnapshot = {
    ...snapshot,
    cases: snapshot.cases.map((candidate) => (candidate.id === caseId ? next : candidate)),
    cycleEvaluations: [...snapshot.cycleEvaluations, cycleRecord],
    notices: releaseNotice ? [...snapshot.notices, releaseNotice] : snapshot.notices,
  };
  if (releaseNotice) await completeNoticeDocuments(after, record);
  return { verdict: judged.verdict, snapshot: after };
}

/** The release notice (附件2): the next number of the year's release sequence, taken in the same transaction. */
async function prepareReleaseNotice(
  uow: UnitOfWork,
  snapshot: ProjectSnapshot,
  record: CaseRecord,
  issuedOn: string,
  now: Date,
) {
  const year = Number(issuedOn.slice(0, 4));
  const counterKey = keys.counter(noticeCounterName('release', year));
  const counter = await readItem<{ value: number }>(counterKey);
  const sequence = (counter?.value ?? 0) + 1;
  takeNumber(uow, counterKey, counter?.value ?? 0, sequence);
  const due = addWorkingDays(issuedOn, RECEIPT_WORKING_DAYS);
  const noticeId = newId('ntc');
  const notice: NoticeRecord = {
    id: noticeId,
    caseId: record.id,
    projectId: record.projectId,
    noticeType: 'release',
    number: formatNoticeNumber(noticePrefix('release'), year, sequence),
    sequence,
    issuedOn,
    issuedAt: now.toISOString(),
    receiptDueOn: due.dueOn,
    receiptDueAt: due.dueAt,
    calendarVersion: due.calendarVersion,
    calendarFallback: due.fallback,
    acknowledgedAt: null,
    documentKey: `notices/${record.id}/${noticeId}.pdf`,
    documentSha256: null,
    recipients: snapshot.project.units.map((unit) => unit.name),
    conditionsMet: [],
  };
  uow.put({ ...keys.notice(record.projectId, record.id, noticeId), type: 'notice', ...notice }, { mustBeNew: true });
  uow.put(referenceItem({ id: noticeId, projectId: record.projectId, caseId: record.id, recordType: 'notice' }), {
    mustBeNew: true,
  });
  return notice;
}

/** A project not under supervision whose conditions hold at the month's end gets a proposed case. */
async function proposeIfConditionsHold(projectId: string, asOf: string, now: Date): Promise<boolean> {
  const snapshot = await readSnapshot(projectId);
  if (!snapshot || snapshot.openCase) return false;
  const evaluation = evaluateConditions(factsOf(snapshot), { asOf });
  const met = evaluation.conditions.filter((condition) => condition.met);
  if (!met.length) return false;
  // Evidence an officer already weighed (a dismissed or released case) does not propose the project again.
  const judged = new Set(
    snapshot.cases.flatMap((c) =>
      (c.proposedConditions as Array<{ evidence?: string[] }>).flatMap((condition) => condition.evidence ?? []),
    ),
  );
  if (met.every((condition) => condition.evidence.every((id) => judged.has(id)))) return false;
  const uow = new UnitOfWork(now);
  proposeCase(uow, snapshot, evaluation, ACTOR, now);
  try {
    await uow.commit();
    return true;
  } catch (error) {
    if (error instanceof ConditionFailed && error.label === OPEN_CASE) return false;
    throw error;
  }
}

/**
 * A case's line in the month's statistics: the level the month's evaluation (on the 1st of the next month) left
 * it at, its notices whose receipt is overdue, and the agency's own inspections in the month against ≥ 4 with
 * ≥ 1 joint enforcement — the agency's shortfall, not the project's. null for a case not under supervision in the
 * month.
 */
export function statsLineOf(snapshot: ProjectSnapshot, record: CaseRecord, month: string): StatsLine | null {
  const lastDay = lastDayOf(month);
  const from = `${month}-01`;
  if (!record.includedOn || record.includedOn > lastDay) return null;
  if (record.releasedOn && record.releasedOn < from) return null;
  const monthInspections = snapshot.inspections.filter(
    (inspection) => inspection.date >= from && inspection.date <= lastDay,
  );
  const joint = monthInspections.filter((inspection) => inspection.kind === 'joint').length;
  return {
    caseId: record.id,
    projectId: record.projectId,
    projectName: String(record.projectName),
    level: levelOnDate(snapshot, record, addDays(lastDay, 1)),
    noticesOverdue: snapshot.notices.filter(
      (notice) =>
        notice.caseId === record.id &&
        notice.receiptDueOn <= lastDay &&
        (!notice.acknowledgedAt || notice.acknowledgedAt > notice.receiptDueAt),
    ).length,
    inspections: monthInspections.length,
    joint,
    required: AGENCY_INSPECTIONS_PER_MONTH,
    requiredJoint: AGENCY_JOINT_INSPECTIONS_PER_MONTH,
    meetsTarget: monthInspections.length >= AGENCY_INSPECTIONS_PER_MONTH && joint >= AGENCY_JOINT_INSPECTIONS_PER_MONTH,
  };
}

/** The level a case had at the end of a day, from its evaluations (the level only changes when a cycle is judged). */
function levelOnDate(snapshot: ProjectSnapshot, record: CaseRecord, date: string): number {
  const judged = snapshot.cycleEvaluations
    .filter((evaluation) => evaluation.caseId === record.id && String(evaluation.evaluatedOn) <= date)
    .sort((a, b) => a.index - b.index)
    .at(-1);
  return judged?.levelAfter ?? 0;
}

// ---------------------------------------------------------------------------------------------------------------
// 3. finish
// ---------------------------------------------------------------------------------------------------------------

/** Write the month's statistics from the run's totals and mark the run succeeded (once). */
async function finishRun(runId: string, now: Date): Promise<EvaluationRun> {
  const run = (await readRun(runId)) as EvaluationRun & Record<string, number>;
  if (run.status !== 'running') return run;
  const stat = (name: string) => Number(run[name] ?? 0);
  await dynamo.send(
    new PutCommand({
      TableName: TABLE_NAME,
      Item: {
        ...statsKey(run.month),
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
          ':at': new Date().toISOString(),
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    log.info('evaluation run finished', { runId, month: run.month });
    return finished.Attributes as EvaluationRun;
  } catch (error) {
    if (error instanceof Error && error.name === 'ConditionalCheckFailedException') {
      return (await readRun(runId)) as EvaluationRun;
    }
    throw error;
  }
}

/** `GET /v1/stats?month=`: the month's figures, with the per-case lines a page at a time. */
export async function getMonthStatistics(month: string, page: { nextToken?: string | undefined } = {}) {
  const item = await dynamo.send(new GetCommand({ TableName: TABLE_NAME, Key: statsKey(month) }));
  if (!item.Item) {
    throw new NotFoundError(
      `No statistics for ${month} yet: they are written by the monthly evaluation of that month.`,
    );
  }
  const { pk: _pk, sk: _sk, type: _type, runId: _runId, ...stats } = item.Item;
  let startKey: Record<string, unknown> | undefined;
  if (page.nextToken) {
    const caseId = Buffer.from(page.nextToken, 'base64url').toString('utf8');
    if (!/^cas_[0-9A-HJKMNP-TV-Z]{26}$/.test(caseId)) {
      throw new InvalidInputError('nextToken is not a token this API handed out.', [
        { field: 'nextToken', message: 'pass back the nextToken of the previous page unchanged' },
      ]);
    }
    startKey = statsLineKey(month, caseId);
  }
  const lines = await dynamo.send(
    new QueryCommand({
      TableName: TABLE_NAME,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :line)',
      ExpressionAttributeValues: { ':pk': statsKey(month).pk, ':line': 'CASE#' },
      Limit: 1000,
      ...(startKey ? { ExclusiveStartKey: startKey } : {}),
    }),
  );
  const perCase = (lines.Items ?? []).map(({ pk: _p, sk: _s, type: _t, month: _m, ...line }) => line);
  const last = lines.LastEvaluatedKey?.sk;
  return {
    ...stats,
    agencyInspections: {
      ...(stats.agencyInspections as Record<string, unknown>),
      perCase,
      nextToken: last ? Buffer.from(String(last).slice('CASE#'.length)).toString('base64url') : null,
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// in process
// ---------------------------------------------------------------------------------------------------------------

/**
 * Run a whole month in this process — the same plan and the same batch work the queue drives, with the batches
 * worked here, a few at once (the benchmark, fault-injection tests, a run against a table from a shell). Resumes a
 * run that was planned before.
 */
export async function runEvaluation(
  runId: string,
  month: string,
  now: Date,
  options: { parallelBatches?: number; plan?: PlanOptions } = {},
): Promise<EvaluationRun> {
  const existing = await readRun(runId);
  if (existing?.status === 'succeeded') return existing;
  const batches: BatchMessage[] = [];
  await planEvaluation(
    runId,
    month,
    now,
    async (messages) => {
      batches.push(...messages);
    },
    options.plan,
  );
  await inParallel(batches, options.parallelBatches ?? 2, (message) => workBatch(message, now));
  return (await readRun(runId)) as EvaluationRun;
}
