import { evaluateConditions, hazardStatusOn, isOverdue, lookbackStart } from '../domain/conditions.js';
import { type Cycle, extendCycle as extendDomainCycle } from '../domain/cycles.js';
import { addDays, shanghaiDate } from '../domain/dates.js';
import { ConflictError, RuleViolationError } from '../domain/errors.js';
import { earliestAnswerDay } from '../domain/obligations.js';
import { type RuleSetVersion, ruleSetInForce } from '../domain/rule-set.js';
import { decideVerdict } from '../domain/verdict.js';
import {
  AGENCY_INSPECTIONS_PER_MONTH,
  AGENCY_JOINT_INSPECTIONS_PER_MONTH,
  CASE_STATUS_NAMES,
} from '../domain/vocabulary.js';
import { weighedEvidenceOf } from '../domain/weighed-evidence.js';
import type { RequestContext } from '../http/api.js';
import { principalId } from '../http/principal.js';
import { keys } from '../store/keys.js';
import { readItem, resolveReference } from '../store/project-collection.js';
import { type ProjectWindow, readProjectWindow } from '../store/project-window.js';
import { type CaseRecord, factsOf, type ProjectSnapshot, readSnapshot } from '../store/snapshot.js';
import { ConditionFailed } from '../store/unit-of-work.js';
import { obligationsOfCycle } from './case-obligations.js';
import { CASE_VERSION, changeCase, weighingsOfProject } from './case-records.js';
import { getCase } from './cases.js';
import { recordNotFound } from './record-not-found.js';

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
 * overdue, the obligations' compliance, the agency's own inspections; and the verdict (SPEC §2.4). The thresholds
 * are those of the rule-set version in force on `decidedOn` (the evaluation's day; today for a preview), which the
 * result names. The records cited at inclusion (and any other decision before the cycle) are not evidence of the
 * cycle: seed §3(4) judges whether the project improved after inclusion (SPEC §2.1). Pure over the snapshot: the
 * evaluation and the preview both use it.
 */
export function judgeCycle(
  snapshot: ProjectSnapshot,
  record: CaseRecord,
  cycle: Cycle,
  asOf: string,
  ruleSets: readonly RuleSetVersion[],
  decidedOn: string,
) {
  const window = { from: cycle.start, to: asOf < cycle.end ? asOf : cycle.end };
  const ruleSet = ruleSetInForce(ruleSets, decidedOn);
  const weighed = weighedEvidenceOf(weighingsOfProject(snapshot).filter((weighing) => weighing.on <= cycle.start));
  const conditions = evaluateConditions(factsOf(snapshot), { asOf: window.to, window, ruleSet, weighed });
  const open = snapshot.findings.filter(
    (finding) => finding.foundOn <= window.to && hazardStatusOn(finding, window.to) !== 'accepted',
  );
  const overdue = open.filter((finding) => isOverdue(finding, window.to));
  const obligations = obligationsOfCycle(snapshot, record, cycle, window.to, ruleSets);
  const compliance = obligations?.compliance.overall.ratio ?? null;
  const releaseCompliance = ruleSet.thresholds.releaseCompliance;
  const decision = decideVerdict({
    level: record.level,
    conditions: conditions.conditions,
    hazards: { open: open.length, overdue: overdue.length },
    compliance,
    thresholds: { releaseCompliance },
  });
  return {
    window,
    conditions: conditions.conditions,
    ruleSetVersion: ruleSet.id,
    thresholds: { ...conditions.thresholds, releaseCompliance },
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
  const { snapshot, record } = await loadCaseForVerdict(caseId, ctx);
  if (record.status !== 'active' || !record.cycle) {
    throw new ConflictError({
      zh: `案件 ${caseId} 当前状态为“${CASE_STATUS_NAMES[record.status]}”，只有监管中的案件才有进行中的周期可预览。`,
      en: `Case ${caseId} is ${record.status}: only an active case has a cycle under way.`,
    });
  }
  const today = shanghaiDate(ctx.now);
  const judged = judgeCycle(snapshot, record, record.cycle, today, await ctx.ruleSets.all(), today);
  return { caseId, cycle: record.cycle, asOf: judged.window.to, levelBefore: record.level, ...judged };
}

async function loadCase(caseId: string) {
  const reference = await resolveReference(caseId);
  const snapshot = reference?.recordType === 'case' ? await readSnapshot(reference.projectId) : undefined;
  const record = snapshot?.cases.find((candidate) => candidate.id === caseId);
  if (!snapshot || !record) throw recordNotFound('case', caseId);
  return { snapshot, record };
}

/**
 * What judging `record`'s cycle as of `asOf` reads (shared/store/project-window.ts): the records from the earliest
 * of the cycle's start, the look-back window of the day the verdict is given (a release weighs the conditions as
 * they stand that day) and the first day a document answering the cycle's obligations can have come; the case's
 * documents from that day; its notices and judged cycles. `also` reaches back further (a statistics month).
 */
export function verdictWindow(
  record: CaseRecord,
  cycle: Cycle,
  decidedOn: string,
  ruleSets: readonly RuleSetVersion[],
  now: Date,
  also?: string,
): ProjectWindow {
  const { thresholds } = ruleSetInForce(ruleSets, decidedOn);
  const documentsFrom = earliestAnswerDay({ from: cycle.start }, thresholds, record.levelReachedOn?.['2']);
  const from = [cycle.start, documentsFrom, lookbackStart(decidedOn, thresholds.lookbackDays), ...(also ? [also] : [])]
    .sort()
    .at(0) as string;
  return { from, now, caseId: record.id, documentsFrom };
}

/** The case and its project read as far as judging its current cycle today needs (the preview). */
async function loadCaseForVerdict(caseId: string, ctx: RequestContext) {
  const reference = await resolveReference(caseId);
  const stored =
    reference?.recordType === 'case'
      ? await readItem<Record<string, unknown>>(keys.supervisionCase(reference.projectId, caseId))
      : undefined;
  if (!reference || !stored) throw recordNotFound('case', caseId);
  const current = stored as unknown as CaseRecord;
  if (!current.cycle) return loadCase(caseId);
  const today = shanghaiDate(ctx.now);
  const window = verdictWindow(current, current.cycle, today, await ctx.ruleSets.all(), ctx.now);
  const snapshot = await readProjectWindow(reference.projectId, window);
  const record = snapshot?.cases.find((candidate) => candidate.id === caseId);
  if (!snapshot || !record) throw recordNotFound('case', caseId);
  return { snapshot, record };
}

/** `POST /v1/cases/{caseId}/extension` (officer): lengthen the current cycle, to at most 3 months in all. */
export async function extendCycle(caseId: string, body: { months: 1 | 2; reason: string }, ctx: RequestContext) {
  // a retry of an extension that was made: show the case (extending again could now exceed 3 months and be refused)
  if (ctx.replay) return getCase(caseId, ctx);
  for (let attempt = 1; ; attempt++) {
    const { record } = await loadCase(caseId);
    if (record.status !== 'active' || !record.cycle) {
      throw new ConflictError({
        zh: `案件 ${caseId} 当前状态为“${CASE_STATUS_NAMES[record.status]}”，只有监管中案件的当前周期才能延期。`,
        en: `Case ${caseId} is ${record.status}: only the cycle of an active case can be extended.`,
      });
    }
    let extended: Cycle;
    try {
      extended = extendDomainCycle(record.cycle, body.months, shanghaiDate(ctx.now));
    } catch (error) {
      // more than 3 months in all is refused as a conflict with the case's state, with the reason
      if (error instanceof RuleViolationError) throw new ConflictError(error.text, error.fields);
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
