import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { addWorkingDays } from '../domain/calendar.js';
import { evaluateConditions, hazardStatusOn, isOverdue } from '../domain/conditions.js';
import { type Cycle, extendCycle as extendDomainCycle, nextCycle } from '../domain/cycles.js';
import { addDays, shanghaiDate } from '../domain/dates.js';
import { ConflictError, NotFoundError, RuleViolationError } from '../domain/errors.js';
import { formatNoticeNumber, noticeCounterName } from '../domain/notice-number.js';
import { decideVerdict, measuresAdded } from '../domain/verdict.js';
import { RECEIPT_WORKING_DAYS } from '../domain/vocabulary.js';
import type { RequestContext } from '../http/api.js';
import { principalId } from '../http/principal.js';
import { newId } from '../ids.js';
import { log } from '../log.js';
import { dynamo, TABLE_NAME } from '../store/client.js';
import { keys, listings, PROJECT_SHARDS } from '../store/keys.js';
import { listingItems } from '../store/listing.js';
import { readItem, referenceItem, resolveReference } from '../store/project-collection.js';
import { type CaseRecord, factsOf, type NoticeRecord, type ProjectSnapshot, readSnapshot } from '../store/snapshot.js';
import { ConditionFailed, UnitOfWork } from '../store/unit-of-work.js';
import { obligationsOfCycle } from './case-obligations.js';
import { CASE_VERSION, changeCase, OPEN_CASE, proposeCase } from './case-records.js';
import { completeNoticeDocuments, getCase, NOTICE_COUNTER, noticePrefix, takeNumber } from './cases.js';

const ACTOR = 'system:monthly-evaluation';
const CYCLE_RECORD = 'cycle-record';
/** Agency duty per case and calendar month (seed §3(2)): at least 4 inspections, 1 of them joint enforcement. */
export const AGENCY_INSPECTIONS_PER_MONTH = 4;
export const AGENCY_JOINT_INSPECTIONS_PER_MONTH = 1;
const PARALLEL_CASES = 8;
const PROGRESS_EVERY = 25;

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

/** What the agency did on a case in one cycle, per calendar month (its own duty, not the project's). */
function agencyInspections(snapshot: ProjectSnapshot, cycle: { start: string; end: string }) {
  const months = new Map<string, { month: string; total: number; joint: number }>();
  for (let day = cycle.start; day <= cycle.end; day = `${addDays(`${day.slice(0, 7)}-01`, 32).slice(0, 7)}-01`) {
    months.set(day.slice(0, 7), { month: day.slice(0, 7), total: 0, joint: 0 });
  }
  for (const inspection of snapshot.inspections) {
    if (inspection.date < cycle.start || inspection.date > cycle.end) continue;
    const entry = months.get(inspection.date.slice(0, 7));
    if (!entry) continue;
    entry.total += 1;
    if (inspection.kind === 'joint') entry.joint += 1;
  }
  return [...months.values()].map((entry) => ({
    ...entry,
    required: AGENCY_INSPECTIONS_PER_MONTH,
    requiredJoint: AGENCY_JOINT_INSPECTIONS_PER_MONTH,
    agencyShortfall: entry.total < AGENCY_INSPECTIONS_PER_MONTH || entry.joint < AGENCY_JOINT_INSPECTIONS_PER_MONTH,
  }));
}

/**
 * Judge a case on a cycle as of a date: the six conditions on evidence dated inside the cycle, the hazards open and
 * overdue, the obligations' compliance, the agency's own inspections; and the verdict (SPEC §2.4). Pure over the
 * snapshot: the evaluation and the preview both use it.
 */
export function judgeCycle(snapshot: ProjectSnapshot, record: CaseRecord, cycle: Cycle, asOf: string) {
  const window = { from: cycle.start, to: asOf < cycle.end ? asOf : cycle.end };
  const conditions = evaluateConditions(factsOf(snapshot), { asOf: window.to, window });
  const open = snapshot.findings.filter(
    (finding) => finding.foundOn <= window.to && hazardStatusOn(finding, window.to) !== 'accepted',
  );
  const overdue = open.filter((finding) => isOverdue(finding, window.to));
  const obligations = obligationsOfCycle(snapshot, record, cycle, window.to);
  const compliance = obligations?.compliance.overall.ratio ?? null;
  const decision = decideVerdict({
    level: record.level,
    conditions: conditions.conditions,
    hazards: { open: open.length, overdue: overdue.length },
    compliance,
  });
  return {
    window,
    conditions: conditions.conditions,
    ruleSetVersion: conditions.ruleSetVersion,
    thresholds: { ...conditions.thresholds, releaseCompliance: 0.9 },
    hazards: {
      open: open.length,
      overdue: overdue.length,
      openIds: open.map((f) => f.id),
      overdueIds: overdue.map((f) => f.id),
    },
    compliance: obligations?.compliance ?? null,
    inspections: agencyInspections(snapshot, { start: window.from, end: window.to }),
    ...decision,
  };
}

/** `GET /v1/cases/{caseId}/preview`: the current cycle's verdict and level if it ended now, with the reasons. */
export async function previewCase(caseId: string, ctx: RequestContext) {
  const { snapshot, record } = await loadCase(caseId);
  if (record.status !== 'active' || !record.cycle) {
    throw new ConflictError(`Case ${caseId} is ${record.status}: only an active case has a cycle under way.`);
  }
  const today = shanghaiDate(ctx.now);
  const judged = judgeCycle(snapshot, record, record.cycle, today);
  return { caseId, cycle: record.cycle, asOf: judged.window.to, levelBefore: record.level, ...judged };
}

async function loadCase(caseId: string) {
  const reference = await resolveReference(caseId);
  const snapshot = reference?.recordType === 'case' ? await readSnapshot(reference.projectId) : undefined;
  const record = snapshot?.cases.find((candidate) => candidate.id === caseId);
  if (!snapshot || !record) throw new NotFoundError(`There is no case ${caseId}.`);
  return { snapshot, record };
}

/** `POST /v1/cases/{caseId}/extension` (officer): lengthen the current cycle, to at most 3 months in all. */
export async function extendCycle(caseId: string, body: { months: 1 | 2; reason: string }, ctx: RequestContext) {
  // a retry of an extension that was made: show the case (extending again could now exceed 3 months and be refused)
  if (ctx.replay) return getCase(caseId, ctx);
  for (let attempt = 1; ; attempt++) {
    const { record } = await loadCase(caseId);
    if (record.status !== 'active' || !record.cycle) {
      throw new ConflictError(`Case ${caseId} is ${record.status}: only the cycle of an active case can be extended.`);
    }
    let extended: Cycle;
    try {
      extended = extendDomainCycle(record.cycle, body.months, shanghaiDate(ctx.now));
    } catch (error) {
      // more than 3 months in all is refused as a conflict with the case's state, with the reason
      if (error instanceof RuleViolationError) throw new ConflictError(error.message, error.fields);
      throw error;
    }
    const uow = ctx.unitOfWork();
    changeCase(uow, record, {
      set: { cycle: extended },
      entries: [
        {
          at: ctx.now.toISOString(),
          actor: principalId(ctx.principal),
          action: 'cycle_extended',
          detail: {
            cycle: extended.index,
            months: body.months,
            reason: body.reason,
            from: record.cycle.end,
            to: extended.end,
          },
          evidence: [],
        },
      ],
    });
    try {
      await uow.commit({ status: 200, body: { caseId }, reread: true });
    } catch (error) {
      if (error instanceof ConditionFailed && error.label === CASE_VERSION && attempt < 5) continue;
      if (!(error instanceof Error && error.name === 'IdempotentReplay')) throw error;
    }
    return getCase(caseId, ctx);
  }
}

export interface EvaluationRun extends Record<string, unknown> {
  runId: string;
  month: string;
  status: 'running' | 'succeeded' | 'failed';
  trigger: 'schedule' | 'officer';
  startedAt: string;
  finishedAt: string | null;
  casesDue: number | null;
  evaluated: number;
  escalated: number;
  released: number;
  continued: number;
  proposed: number;
  skipped: number;
  error: string | null;
}

const runKey = (runId: string) => ({ pk: `RUN#${runId}`, sk: 'RUN' });

/** `POST /v1/evaluations` (officer): record the run and let the bus start it (off the request, at least once). */
export async function requestEvaluation(month: string, ctx: RequestContext) {
  const lastDay = lastDayOf(month);
  const today = shanghaiDate(ctx.now);
  if (lastDay >= today) {
    throw new ConflictError(`The month ${month} has not ended yet (its cycles end on ${lastDay}; today is ${today}).`, [
      { field: 'month', message: `must be a month that ended before ${today}` },
    ]);
  }
  const run = newRun(month, 'officer', ctx.now);
  const uow = ctx.unitOfWork();
  uow.put({ ...runKey(run.runId), type: 'evaluation-run', ...run }, { mustBeNew: true });
  uow.emit('EvaluationRequested', run.runId, { runId: run.runId, month, requestedBy: principalId(ctx.principal) });
  const response = { status: 202, body: runView(run), headers: { location: `/v1/evaluations/${run.runId}` } };
  await uow.commit(response);
  return response;
}

function newRun(month: string, trigger: EvaluationRun['trigger'], now: Date): EvaluationRun {
  return {
    runId: newId('run'),
    month,
    status: 'running',
    trigger,
    startedAt: now.toISOString(),
    finishedAt: null,
    casesDue: null,
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
    progress: { casesDue: run.casesDue, done: evaluated + run.skipped },
    error: run.error,
  };
}

/** `GET /v1/evaluations/{runId}` */
export async function getEvaluationRun(runId: string) {
  const item = await readItem<EvaluationRun>(runKey(runId));
  if (!item) throw new NotFoundError(`There is no evaluation run ${runId}.`);
  return runView(item);
}

/** The scheduled run (02:30 on the 1st): the month that ended the day before the occurrence. */
export async function runScheduledEvaluation(occurrence: Date, now: Date) {
  const run = newRun(previousMonth(occurrence), 'schedule', now);
  await dynamo.send(
    new PutCommand({ TableName: TABLE_NAME, Item: { ...runKey(run.runId), type: 'evaluation-run', ...run } }),
  );
  return runEvaluation(run.runId, run.month, now);
}

/**
 * Run the monthly evaluation of `month`: every active case whose cycle ended on or before the month's last day
 * (a case a crashed run left behind is caught up, cycle by cycle), then the projects not under supervision, then
 * the month's statistics. Each case's cycle is one transaction, conditional on the cycle not being judged yet, so
 * a second run — or a redelivered request — changes nothing and emits nothing.
 */
export async function runEvaluation(runId: string, month: string, now: Date): Promise<EvaluationRun> {
  const lastDay = lastDayOf(month);
  const stored = await readItem<EvaluationRun>(runKey(runId));
  const run: EvaluationRun = stored ? { ...stored } : newRun(month, 'officer', now);
  if (stored?.status === 'succeeded') return stored;
  run.runId = runId;
  try {
    const due = await activeCasesDue(lastDay);
    run.casesDue = due.length;
    await saveRun(run);
    const queue = [...due];
    let sinceSave = 0;
    await Promise.all(
      Array.from({ length: PARALLEL_CASES }, async () => {
        for (let next = queue.shift(); next; next = queue.shift()) {
          const outcomes = await evaluateCaseThrough(next.projectId, next.caseId, lastDay, runId, now);
          for (const outcome of outcomes) {
            if (outcome === 'skipped') run.skipped += 1;
            else {
              run.evaluated += 1;
              if (outcome === 'escalate') run.escalated += 1;
              else if (outcome === 'release') run.released += 1;
              else run.continued += 1;
            }
          }
          if (++sinceSave >= PROGRESS_EVERY) {
            sinceSave = 0;
            await saveRun(run);
          }
        }
      }),
    );
    run.proposed = await proposeNewCases(lastDay, now);
    await writeMonthStatistics(month, now);
    run.status = 'succeeded';
  } catch (error) {
    log.error('evaluation run failed', { runId, month, error });
    run.status = 'failed';
    run.error = error instanceof Error ? error.message : String(error);
  }
  run.finishedAt = new Date().toISOString();
  await saveRun(run);
  return run;
}

async function saveRun(run: EvaluationRun) {
  await dynamo.send(
    new PutCommand({ TableName: TABLE_NAME, Item: { ...runKey(run.runId), type: 'evaluation-run', ...run } }),
  );
}

/** Active cases (GSI `CASES#active`) whose current cycle ended on or before `lastDay`. */
async function activeCasesDue(lastDay: string) {
  const due: Array<{ caseId: string; projectId: string }> = [];
  const filter = { expression: 'cycleEnd <= :lastDay', values: { ':lastDay': lastDay } };
  for await (const item of listingItems(listings.casesByStatus('active'), { filter })) {
    due.push({ caseId: String(item.id), projectId: String(item.projectId) });
  }
  return due;
}

type Outcome = 'release' | 'escalate' | 'continue' | 'skipped';

/** Judge every cycle of one case that ended by `lastDay` (normally one), in order. */
async function evaluateCaseThrough(
  projectId: string,
  caseId: string,
  lastDay: string,
  runId: string,
  now: Date,
): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  for (let guard = 0; guard < 24; guard++) {
    const judged = await evaluateCurrentCycle(projectId, caseId, lastDay, runId, now);
    if (judged === null) break;
    outcomes.push(judged.outcome);
    // only a case a crashed run left behind has a further cycle due: don't re-read the others to find out
    if (judged.outcome === 'skipped' || judged.outcome === 'release' || !judged.nextEnd || judged.nextEnd > lastDay)
      break;
  }
  return outcomes;
}

/** One cycle of one case, in one transaction. null when the case has no cycle that ended by `lastDay`. */
async function evaluateCurrentCycle(
  projectId: string,
  caseId: string,
  lastDay: string,
  runId: string,
  now: Date,
): Promise<{ outcome: Outcome; nextEnd?: string } | null> {
  for (let attempt = 1; attempt <= 50; attempt++) {
    const snapshot = await readSnapshot(projectId);
    const record = snapshot?.cases.find((candidate) => candidate.id === caseId);
    if (!snapshot || !record || record.status !== 'active' || !record.cycle || record.cycle.end > lastDay) return null;
    const cycle = record.cycle;
    const judged = judgeCycle(snapshot, record, cycle, cycle.end);
    const evaluatedOn = addDays(cycle.end, 1);
    const uow = new UnitOfWork(now);
    const levelBefore = record.level;
    const levelAfter = judged.verdict === 'release' ? 0 : judged.levelAfter;
    uow.put(
      {
        ...keys.cycle(projectId, caseId, cycle.index),
        type: 'cycle',
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
      },
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
      if (levelAfter > levelBefore)
        set.levelReachedOn = { ...record.levelReachedOn, [String(levelAfter)]: evaluatedOn };
    }
    const evidence = [...new Set(judged.conditions.flatMap((condition) => condition.evidence))].sort();
    changeCase(uow, record, {
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
      if (error instanceof ConditionFailed && error.label === CYCLE_RECORD) return { outcome: 'skipped' };
      if (error instanceof ConditionFailed && [CASE_VERSION, NOTICE_COUNTER, OPEN_CASE].includes(error.label)) {
        await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(200, 5 * attempt)));
        continue;
      }
      throw error;
    }
    if (releaseNotice) {
      await completeNoticeDocuments({ ...snapshot, notices: [...snapshot.notices, releaseNotice] }, record);
    }
    return { outcome: judged.verdict, ...(set.cycle ? { nextEnd: set.cycle.end } : {}) };
  }
  throw new Error(`could not evaluate case ${caseId}: too many concurrent changes`);
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

/** Projects not under supervision whose conditions hold at the month's end get a proposed case. */
async function proposeNewCases(lastDay: string, now: Date): Promise<number> {
  let proposed = 0;
  for (let shard = 0; shard < PROJECT_SHARDS; shard++) {
    for await (const item of listingItems(listings.projectShardKey(shard), { projection: 'gsi1sk' })) {
      if (await proposeIfConditionsHold(String(item.gsi1sk), lastDay, now)) proposed += 1;
    }
  }
  return proposed;
}

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

const statsKey = (month: string) => ({ pk: `STATS#${month}`, sk: 'STATS' });

/**
 * The month's statistics (`GET /v1/stats`): cases by level, notices whose receipt is overdue, and the agency's
 * inspections per active case against ≥ 4 a month with ≥ 1 joint enforcement — the agency's shortfall, not the
 * project's. Written by the run; reading them again gives the same figures.
 */
export async function writeMonthStatistics(month: string, now: Date) {
  const lastDay = lastDayOf(month);
  const from = `${month}-01`;
  const byLevel: Record<string, number> = { '0': 0, '1': 0, '2': 0, '3': 0 };
  const inspections: Array<Record<string, unknown>> = [];
  let noticesOverdue = 0;
  const caseIds = new Set<string>();
  for (const status of ['active', 'released'] as const) {
    for await (const item of listingItems(listings.casesByStatus(status))) caseIds.add(`${item.projectId}|${item.id}`);
  }
  for (const entry of caseIds) {
    const [projectId, caseId] = entry.split('|') as [string, string];
    const snapshot = await readSnapshot(projectId);
    const record = snapshot?.cases.find((candidate) => candidate.id === caseId);
    if (!snapshot || !record?.includedOn || record.includedOn > lastDay) continue;
    if (record.releasedOn && record.releasedOn < from) continue;
    // the level the month's evaluation (on the 1st of the next month) left the case at
    const levelAtEnd = levelOnDate(snapshot, record, addDays(lastDay, 1));
    byLevel[String(levelAtEnd)] = (byLevel[String(levelAtEnd)] ?? 0) + 1;
    noticesOverdue += snapshot.notices.filter(
      (notice) =>
        notice.caseId === caseId &&
        notice.receiptDueOn <= lastDay &&
        (!notice.acknowledgedAt || notice.acknowledgedAt > notice.receiptDueAt),
    ).length;
    const monthInspections = snapshot.inspections.filter(
      (inspection) => inspection.date >= from && inspection.date <= lastDay,
    );
    const joint = monthInspections.filter((inspection) => inspection.kind === 'joint').length;
    inspections.push({
      caseId,
      projectId,
      projectName: record.projectName,
      inspections: monthInspections.length,
      joint,
      required: AGENCY_INSPECTIONS_PER_MONTH,
      requiredJoint: AGENCY_JOINT_INSPECTIONS_PER_MONTH,
      meetsTarget:
        monthInspections.length >= AGENCY_INSPECTIONS_PER_MONTH && joint >= AGENCY_JOINT_INSPECTIONS_PER_MONTH,
    });
  }
  inspections.sort((a, b) => String(a.caseId).localeCompare(String(b.caseId)));
  const stats = {
    month,
    casesByLevel: byLevel,
    casesUnderSupervision: inspections.length,
    noticesOverdue,
    agencyInspections: {
      target: { perMonth: AGENCY_INSPECTIONS_PER_MONTH, joint: AGENCY_JOINT_INSPECTIONS_PER_MONTH },
      casesMeetingTarget: inspections.filter((entry) => entry.meetsTarget).length,
      perCase: inspections,
    },
    computedAt: now.toISOString(),
  };
  await dynamo.send(new PutCommand({ TableName: TABLE_NAME, Item: { ...statsKey(month), type: 'stats', ...stats } }));
  return stats;
}

/** The level a case had at the end of a day, from its evaluations (the level only changes when a cycle is judged). */
function levelOnDate(snapshot: ProjectSnapshot, record: CaseRecord, date: string): number {
  const judged = snapshot.cycleEvaluations
    .filter((evaluation) => evaluation.caseId === record.id && String(evaluation.evaluatedOn) <= date)
    .sort((a, b) => a.index - b.index)
    .at(-1);
  return judged?.levelAfter ?? 0;
}

/** `GET /v1/stats?month=` */
export async function getMonthStatistics(month: string) {
  const item = await dynamo.send(new GetCommand({ TableName: TABLE_NAME, Key: statsKey(month) }));
  if (!item.Item) {
    throw new NotFoundError(
      `No statistics for ${month} yet: they are written by the monthly evaluation of that month.`,
    );
  }
  const { pk: _pk, sk: _sk, type: _type, ...stats } = item.Item;
  return stats;
}
