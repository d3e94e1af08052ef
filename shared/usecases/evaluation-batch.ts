/**
 * The monthly evaluation's batch work (the `evaluation-worker` function, one SQS message at a time): judge the
 * cases of a batch, or re-examine its projects, then close the batch in one transaction — counted once — with its
 * cases' lines of the month's statistics. The plan, the run item and the finish are in `evaluation-run.ts`.
 */
import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { addWorkingDays } from '../domain/calendar.js';
import { evaluateConditions, lookbackStart } from '../domain/conditions.js';
import { nextCycle } from '../domain/cycles.js';
import { addDays } from '../domain/dates.js';
import { formatNoticeNumber, noticeCounterName } from '../domain/notice-number.js';
import { type RuleSetVersion, ruleSetInForce } from '../domain/rule-set.js';
import { measuresAdded } from '../domain/verdict.js';
import { AGENCY_INSPECTIONS_PER_MONTH, AGENCY_JOINT_INSPECTIONS_PER_MONTH } from '../domain/vocabulary.js';
import { decideProposal, evidenceCited, evidenceStillMaturing } from '../domain/weighed-evidence.js';
import { newId } from '../ids.js';
import { dynamo, TABLE_NAME } from '../store/client.js';
import { keys } from '../store/keys.js';
import { readItem, readItems, referenceItem } from '../store/project-collection.js';
import { probeProject, readCovered, readProjectWindow } from '../store/project-window.js';
import { RuleSets } from '../store/rule-sets.js';
import {
  type CaseRecord,
  type CycleEvaluationRecord,
  factsOf,
  type NoticeRecord,
  type ProjectSnapshot,
} from '../store/snapshot.js';
import { ConditionFailed, UnitOfWork } from '../store/unit-of-work.js';
import { CASE_VERSION, changeCase, OPEN_CASE, proposeCase, weighingsOfProject, withWeighing } from './case-records.js';
import { NOTICE_COUNTER, noticePrefix, takeNumber } from './cases.js';
import { judgeCycle, verdictWindow } from './evaluation.js';
import {
  type BatchMessage,
  type CaseRef,
  doneKey,
  type EvaluationRun,
  finishRun,
  inParallel,
  lastDayOf,
  type PlanOptions,
  planEvaluation,
  planKey,
  readRun,
  runKey,
  type StoredPlan,
} from './evaluation-run.js';

const ACTOR = 'system:monthly-evaluation';
const CYCLE_RECORD = 'cycle-record';
const BATCH_DONE = 'batch-done';
/** cases judged at once in one batch */
const PARALLEL_CASES = 8;

// ---------------------------------------------------------------------------------------------------------------
// 2. work
// ---------------------------------------------------------------------------------------------------------------

type Outcome = 'release' | 'escalate' | 'continue' | 'skipped';

/** One month's statistics line of a case (`STATS#month#n / CASE#id`). */
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
  // the batch's plan and its done marker, in one request
  const [plan, done] = await readItems([planKey(runId, message.plan, batch), doneKey(runId, batch)]).then((items) =>
    ['PLAN#', 'DONE#'].map((prefix) => items.find((item) => item.sk.startsWith(prefix))),
  );
  if (done) return; // counted by an earlier delivery
  const stored = plan as unknown as StoredPlan | undefined;
  if (!stored) throw new Error(`evaluation run ${runId} has no batch ${batch}`);
  const month = message.month;
  // the rule-set versions the planner read for the whole run (a plan stored without them: read once for the batch)
  const ruleSets = stored.ruleSets ?? (await new RuleSets().all());
  // the batch's releases take the year's next release number one after another, not racing each other for it
  const releases = oneAtATime();
  const counters = new Map<string, number>();
  const counts = { cases: 0, evaluated: 0, escalated: 0, released: 0, continued: 0, skipped: 0, proposed: 0 };
  const lines: StatsLine[] = [];
  if (stored.kind === 'cases') {
    await inParallel(stored.cases, PARALLEL_CASES, async (ref) => {
      const result = await evaluateCase(ref, {
        runId,
        month,
        lastDay: stored.lastDay,
        now,
        ruleSets,
        releases,
        counters,
      });
      // a due case, judged (or found judged) in one or more cycles: once for the run's progress
      if (result.outcomes.length > 0) counts.cases += 1;
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
      if (await proposeIfConditionsHold(projectId, stored.lastDay, now, ruleSets)) counts.proposed += 1;
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
      'ADD batchesDone :one, casesDone :casesDone, evaluated :evaluated, escalated :escalated, released :released, continued :continued, ' +
      'skipped :skipped, proposed :proposed, statCases :cases, statOverdue :overdue, statMeeting :meeting, ' +
      'statLevel0 :l0, statLevel1 :l1, statLevel2 :l2, statLevel3 :l3',
    values: {
      ':one': 1,
      ':casesDone': counts.cases,
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
  for (const line of lines) uow.put({ ...keys.monthStatsLine(month, line.caseId), type: 'stats-line', month, ...line });
  try {
    await uow.commit();
  } catch (error) {
    if (error instanceof ConditionFailed && error.label === BATCH_DONE) return; // a concurrent delivery counted it
    throw error;
  }
  const run = await readRun(runId);
  if (run && run.status === 'running' && run.batchesTotal !== null && run.batchesDone >= run.batchesTotal) {
    await finishRun(run, now);
  }
}

interface RunContext {
  runId: string;
  month: string;
  lastDay: string;
  now: Date;
  /** every rule-set version: each cycle is judged by the one in force on its evaluation day */
  ruleSets: readonly RuleSetVersion[];
  /** where the batch's releases commit, one at a time (the release counter is one item) */
  releases: <T>(work: () => Promise<T>) => Promise<T>;
  /**
   * The release counters' values as this batch last knew them (by counter name): the batch's last release took that
   * number, or a lost race answered with it. A value gone stale fails the transaction's condition, which answers
   * with the current one: no read of the counter before a release but the batch's first.
   */
  counters: Map<string, number>;
}

/** Run the works given to it one after another, in the order given; a failed one does not stop the next. */
function oneAtATime(): <T>(work: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(work: () => Promise<T>) => {
    const result = tail.then(work);
    tail = result.catch(() => undefined);
    return result;
  };
}

/**
 * Judge every cycle of one case that ended by the month's last day (normally one; more for a case a crashed run
 * left behind), each in its own transaction, and give the case's statistics line for the month. One read of the
 * project's collection, one transaction per cycle; a conflict re-reads, but for a release number a concurrent release
 * took: that failure answers with the counter's value, and nothing is read again.
 */
async function evaluateCase(ref: CaseRef, run: RunContext): Promise<{ outcomes: Outcome[]; line: StatsLine | null }> {
  let snapshot = await readCaseForRun(ref, run);
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
    if (result.conflict !== 'judged') {
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(200, 5 * attempt)));
    }
    // the next attempt takes the number after the one the failure answered with; the records are as they were read
    if (result.conflict === 'counter') continue;
    const index = record.cycle.index;
    snapshot = await readCaseForRun(ref, run);
    if (result.conflict === 'judged') {
      // judged by another delivery: counted here only if that was this run (a redelivered batch)
      const judged = snapshot?.cycleEvaluations.find((cycle) => cycle.caseId === ref.caseId && cycle.index === index);
      outcomes.push(judged && judged.runId === run.runId ? judged.verdict : 'skipped');
    }
  }
  throw new Error(`could not evaluate case ${ref.caseId}: too many concurrent changes`);
}

/**
 * The case's project as far as the run needs it (shared/store/project-window.ts): a small partition whole, in one
 * request; a larger one by the case item first (its cycle says how far back the verdict looks), then the window of
 * its cycle and of the month's statistics line.
 */
async function readCaseForRun(ref: CaseRef, run: RunContext): Promise<ProjectSnapshot | undefined> {
  // a young project in one request, its case inside; a larger one by the windows of its case's cycle, with what
  // the probe's page holds (usually the case item and its judged cycles) taken from it
  const probe = await probeProject(ref.projectId);
  if (probe.small) return probe.snapshot;
  const { firstPage } = probe;
  const stored = await readCovered(keys.supervisionCase(ref.projectId, ref.caseId), firstPage);
  const record = stored as unknown as CaseRecord | undefined;
  const monthStart = `${run.month}-01`;
  if (!record?.cycle) {
    return readProjectWindow(ref.projectId, { from: monthStart, now: run.now, caseId: ref.caseId }, firstPage);
  }
  const decidedOn = addDays(record.cycle.end, 1);
  return readProjectWindow(
    ref.projectId,
    verdictWindow(record, record.cycle, decidedOn, run.ruleSets, run.now, monthStart),
    firstPage,
  );
}

type Judged =
  | { verdict: 'release' | 'escalate' | 'continue'; snapshot: ProjectSnapshot }
  | { conflict: 'judged' | 'busy' | 'counter' };

/** Judge the case's current cycle and commit the judgement with its consequences, in one transaction. */
async function judgeAndCommit(snapshot: ProjectSnapshot, record: CaseRecord, run: RunContext): Promise<Judged> {
  const cycle = record.cycle as NonNullable<CaseRecord['cycle']>;
  const judged = judgeCycle(snapshot, record, cycle, cycle.end, run.ruleSets, addDays(cycle.end, 1));
  const commit = () => commitJudgement(snapshot, record, run, judged);
  // a release takes the year's next release number: the batch's releases take theirs one after another
  return judged.verdict === 'release' ? run.releases(commit) : commit();
}

/** The judgement of the case's current cycle, with its consequences, in one transaction. */
async function commitJudgement(
  snapshot: ProjectSnapshot,
  record: CaseRecord,
  run: RunContext,
  judged: ReturnType<typeof judgeCycle>,
): Promise<Judged> {
  const { runId, now } = run;
  const { projectId, id: caseId } = record;
  const cycle = record.cycle as NonNullable<CaseRecord['cycle']>;
  const evaluatedOn = addDays(cycle.end, 1);
  // a release takes the next number of its year's release sequence (run.counters remembers the last one known)
  const releaseCounter = noticeCounterName('release', Number(evaluatedOn.slice(0, 4)));
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
    // the release weighs what the case's life weighed: the conditions on the records as they stand on the day of
    // release and those of every cycle; none of it proposes the project again (SPEC §2.1)
    const ruleSet = ruleSetInForce(run.ruleSets, evaluatedOn);
    const standing = evaluateConditions(factsOf(snapshot), { asOf: evaluatedOn, ruleSet }).conditions;
    const cycles = snapshot.cycleEvaluations
      .filter((evaluation) => evaluation.caseId === caseId)
      .map((evaluation) => (evaluation.conditions ?? []) as typeof standing);
    const weighings = withWeighing(record, {
      caseId,
      decision: 'release',
      on: evaluatedOn,
      evidence: evidenceCited(standing, judged.conditions, ...cycles),
    });
    Object.assign(set, { status: 'released', releasedAt: now.toISOString(), releasedOn: evaluatedOn, weighings });
    releaseNotice = await prepareReleaseNotice(uow, snapshot, record, evaluatedOn, now, ruleSet, {
      name: releaseCounter,
      known: run.counters.get(releaseCounter),
    });
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
    // the year's release number taken by a concurrent release: nothing this judgement read has changed, and the
    // failed condition answered with the counter as it stands
    if (error instanceof ConditionFailed && error.label === NOTICE_COUNTER) {
      if (typeof error.item?.value === 'number') run.counters.set(releaseCounter, error.item.value);
      else run.counters.delete(releaseCounter);
      return { conflict: 'counter' };
    }
    if (error instanceof ConditionFailed && [CASE_VERSION, OPEN_CASE].includes(error.label)) {
      return { conflict: 'busy' };
    }
    throw error;
  }
  if (releaseNotice) run.counters.set(releaseCounter, releaseNotice.sequence);
  const after: ProjectSnapshot = {
    ...snapshot,
    cases: snapshot.cases.map((candidate) => (candidate.id === caseId ? next : candidate)),
    cycleEvaluations: [...snapshot.cycleEvaluations, cycleRecord],
    notices: releaseNotice ? [...snapshot.notices, releaseNotice] : snapshot.notices,
  };
  return { verdict: judged.verdict, snapshot: after };
}

/**
 * The release notice (附件2): the next number of the year's release sequence (`counter`: its name, and its value if
 * the batch knows it, else it is read), taken in the same transaction.
 */
async function prepareReleaseNotice(
  uow: UnitOfWork,
  snapshot: ProjectSnapshot,
  record: CaseRecord,
  issuedOn: string,
  now: Date,
  ruleSet: RuleSetVersion,
  counter: { name: string; known: number | undefined },
) {
  const year = Number(issuedOn.slice(0, 4));
  const counterKey = keys.counter(counter.name);
  const current = counter.known ?? (await readItem<{ value: number }>(counterKey))?.value ?? 0;
  const sequence = current + 1;
  takeNumber(uow, counterKey, current, sequence);
  const due = addWorkingDays(issuedOn, ruleSet.thresholds.receiptWorkingDays);
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
    ruleSetVersion: ruleSet.id,
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

/**
 * A project not under supervision whose conditions hold at the month's end on evidence no earlier decision weighed
 * gets a proposed case — the same rule as intake (weighed-evidence.ts, SPEC §2.1), with the rule-set version in
 * force on that day.
 */
async function proposeIfConditionsHold(
  projectId: string,
  asOf: string,
  now: Date,
  ruleSets: readonly RuleSetVersion[],
): Promise<boolean> {
  // the look-back window of the rule set in force on the month's last day, what is open, every case
  const from = lookbackStart(asOf, ruleSetInForce(ruleSets, asOf).thresholds.lookbackDays);
  const probe = await probeProject(projectId);
  const snapshot = probe.small ? probe.snapshot : await readProjectWindow(projectId, { from, now }, probe.firstPage);
  if (!snapshot) return false;
  if (snapshot.openCase) {
    // nothing to propose while a case is open; the decision closing it marks the project again (run-index.ts)
    await clearUnweighedMarker(snapshot);
    return false;
  }
  const ruleSet = ruleSetInForce(ruleSets, asOf);
  const decision = decideProposal(factsOf(snapshot), weighingsOfProject(snapshot), { asOf, ruleSet });
  if (!decision.propose) {
    // leave the project in the sweep's index while something can still become evidence without an intake, or
    // while it holds evidence recorded after the month this run judges
    const maturing = evidenceStillMaturing(factsOf(snapshot), asOf);
    if (maturing.length === 0 && (snapshot.unweighedMarker?.markedOn ?? '') <= asOf)
      await clearUnweighedMarker(snapshot);
    return false;
  }
  const uow = new UnitOfWork(now);
  proposeCase(uow, snapshot, decision.unweighed, ACTOR, now);
  // out of the sweep's index with the proposal: the case's closing marks the project again (run-index.ts)
  if (snapshot.unweighedMarker) uow.delete(keys.unweighedMarker(projectId));
  try {
    await uow.commit();
    return true;
  } catch (error) {
    if (error instanceof ConditionFailed && error.label === OPEN_CASE) return false;
    throw error;
  }
}

/**
 * Take the project out of the proposal sweep's index: only the marker this read saw (an intake since has written a
 * new token, and its evidence is looked at next month). Not a state change with an event: the marker only says
 * where the next sweep looks, and a lost removal costs that sweep one read.
 */
async function clearUnweighedMarker(snapshot: ProjectSnapshot): Promise<void> {
  const marker = snapshot.unweighedMarker;
  if (!marker) return;
  try {
    await dynamo.send(
      new DeleteCommand({
        TableName: TABLE_NAME,
        Key: keys.unweighedMarker(snapshot.project.id),
        ConditionExpression: '#token = :token',
        ExpressionAttributeNames: { '#token': 'token' },
        ExpressionAttributeValues: { ':token': marker.token },
      }),
    );
  } catch (error) {
    if (!(error instanceof Error && error.name === 'ConditionalCheckFailedException')) throw error;
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
