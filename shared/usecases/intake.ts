import type * as z from 'zod/mini';
import { quarterOfDate } from '../domain/assessment/periods.js';
import { type ConditionsEvaluation, isOverdue, lookbackStart } from '../domain/conditions.js';
import { shanghaiDate } from '../domain/dates.js';
import { measureProblems, verificationDueOn } from '../domain/enforcement.js';
import { ConflictError, InvalidInputError } from '../domain/errors.js';
import type { TimelineEntryContent } from '../domain/timeline.js';
import { HAZARD_STATUS_NAMES, type HazardStatus } from '../domain/vocabulary.js';
import { decideProposal } from '../domain/weighed-evidence.js';
import type { RequestContext } from '../http/api.js';
import { principalId } from '../http/principal.js';
import { newId } from '../ids.js';
import type * as intakeSchemas from '../schemas/intake.js';
import { keys, listings } from '../store/keys.js';
import { readItem, referenceItem, resolveReference } from '../store/project-collection.js';
import { readProjectWindow, standingFindingItem } from '../store/project-window.js';
import { type FindingRecord, factsOf, type InspectionRecord, type ProjectSnapshot } from '../store/snapshot.js';
import { ConditionFailed, type UnitOfWork } from '../store/unit-of-work.js';
import { CASE_VERSION, changeCase, OPEN_CASE, proposeCase, weighingsOfProject } from './case-records.js';
import { recordInspectionReport } from './inspection-reports.js';
import { inspectionReportView } from './issued-document-views.js';
import { UNLIST_OVERDUE } from './overdue.js';
import { recordNotFound } from './record-not-found.js';
import { markUnweighed } from './run-index.js';

type Out<S extends z.ZodMiniType> = z.output<S>;

const HAZARD_VERSION = 'hazard-version';

/** A finding as the API shows it, with `overdue` derived as of today. */
export function hazardView(finding: FindingRecord, today: string) {
  return {
    id: finding.id,
    projectId: finding.projectId,
    inspectionId: finding.inspectionId,
    kind: finding.kind,
    category: finding.category,
    severity: finding.severity,
    unitCreditCode: finding.unitCreditCode,
    description: finding.description,
    foundOn: finding.foundOn,
    deadline: finding.deadline,
    status: finding.status,
    overdue: isOverdue(finding, today),
    history: finding.history,
  };
}

/** A project's inspections as its view lists them, newest first, with their enforcement measures (SPEC §6.7). */
export function inspectionSummaries(inspections: readonly InspectionRecord[]) {
  return [...inspections]
    .sort((a, b) => b.date.localeCompare(a.date) || b.id.localeCompare(a.id))
    .map((inspection) => ({
      id: inspection.id,
      date: inspection.date,
      kind: inspection.kind,
      inspectors: inspection.inspectors,
      keyPersonnelPresent: inspection.keyPersonnelPresent,
      findings: inspection.findingIds.length,
      measures: (inspection.measures ?? []).map((measure) => ({
        kind: measure.kind,
        unitCreditCode: measure.unitCreditCode,
        amountYuan: measure.amountYuan ?? null,
        documentNo: measure.documentNo,
      })),
    }));
}

interface IntakeOutcome {
  conditions: ConditionsEvaluation['conditions'];
  /** the rule-set version the conditions were evaluated with */
  ruleSetVersion: string;
  caseId?: string;
  /** conditions hold, but only on evidence an earlier decision weighed: why no case was proposed */
  notProposed?: { reason: string; weighedBy: Array<{ caseId: string; decision: string; on: string }> };
}

/**
 * The shape every intake shares: read the project as far as the conditions look (the look-back window of the rule
 * set in force today, what is still open, every case: shared/store/project-window.ts), let `record` add its writes,
 * re-evaluate the six conditions with the new facts, open a proposed case if one now holds on evidence no earlier
 * decision weighed and none is open (or note the intake on the open case's timeline), and commit it all at once.
 * A race with another intake on the same project is retried on a fresh read. `target` may name, beside the
 * project, older records the intake itself needs (`reach`: the finding a verification changes and its inspection).
 */
async function intake<R extends Record<string, unknown>>(
  target: string | { projectId: string; reach: { findingIds?: string[]; inspectionIds?: string[] } },
  ctx: RequestContext,
  record: (
    uow: UnitOfWork,
    snapshot: ProjectSnapshot,
    today: string,
  ) => {
    response: R;
    /** the snapshot as it will be once committed */
    after: ProjectSnapshot;
    timeline: Omit<TimelineEntryContent, 'at' | 'actor'>;
  },
): Promise<R & IntakeOutcome> {
  const { projectId, reach } = typeof target === 'string' ? { projectId: target, reach: {} } : target;
  const actor = principalId(ctx.principal);
  const today = shanghaiDate(ctx.now);
  const ruleSet = await ctx.ruleSets.inForce(today);
  const from = lookbackStart(today, ruleSet.thresholds.lookbackDays);
  for (let attempt = 1; ; attempt++) {
    const snapshot = await readProjectWindow(projectId, { from, now: ctx.now, ...reach });
    if (!snapshot) throw recordNotFound('project', projectId);
    const uow = ctx.unitOfWork();
    const { response, after, timeline } = record(uow, snapshot, today);
    // SPEC §2.1: the same rule as the monthly run — a proposal only on evidence no earlier decision weighed
    const decision = decideProposal(factsOf(after), weighingsOfProject(after), { asOf: today, ruleSet });
    let caseId = snapshot.openCase?.id;
    let notProposed: IntakeOutcome['notProposed'];
    if (snapshot.openCase) {
      changeCase(uow, snapshot.openCase, { entries: [{ ...timeline, at: ctx.now.toISOString(), actor }] });
    } else if (decision.propose) {
      caseId = proposeCase(uow, after, decision.unweighed, actor, ctx.now).id;
    } else if (decision.reason) {
      const weighedBy = decision.weighedBy.map((w) => ({ caseId: w.caseId, decision: w.decision, on: w.on }));
      notProposed = { reason: decision.reason, weighedBy };
    }
    // evidence no decision weighed, on a project without an open case: the monthly proposal sweep looks at it
    if (!caseId) markUnweighed(uow, projectId);
    const body = {
      ...response,
      conditions: decision.conditions.conditions,
      ruleSetVersion: ruleSet.id,
      ...(caseId ? { caseId } : {}),
      ...(notProposed ? { notProposed } : {}),
    };
    try {
      await uow.commit({ status: 201, body });
      return body;
    } catch (error) {
      const raced = error instanceof ConditionFailed && [OPEN_CASE, CASE_VERSION, HAZARD_VERSION].includes(error.label);
      if (!raced || attempt >= 5) throw error;
    }
  }
}

/** The `date` of what is recorded: it has happened, so it is today at the latest. */
function assertNotFuture(date: string, today: string) {
  if (date > today) {
    throw new InvalidInputError(
      {
        zh: `日期 ${date} 晚于今天（${today}）：只能登记今天或以前发生的事项。`,
        en: `The date ${date} is in the future (today is ${today}).`,
      },
      [{ field: 'date', message: { zh: `不能晚于今天（${today}）`, en: `must not be after today (${today})` } }],
    );
  }
}

/**
 * `POST /v1/projects/{projectId}/inspections`: the inspection, its findings as hazards, its report (检查报告), the
 * conditions.
 */
export async function recordInspection(
  projectId: string,
  body: Out<typeof intakeSchemas.recordInspectionBody>,
  ctx: RequestContext,
) {
  // the report's plan deadline takes the rule set in force on the inspection's day (read once per request)
  const ruleSets = await ctx.ruleSets.all();
  return intake(projectId, ctx, (uow, snapshot, today) => {
    assertNotFuture(body.date, today);
    const unitCodes = new Set(snapshot.project.units.map((unit) => unit.creditCode));
    const unknownUnits = body.findings
      .map((finding, index) => ({ finding, index }))
      .filter(({ finding }) => !unitCodes.has(finding.unitCreditCode));
    if (unknownUnits.length) {
      throw new InvalidInputError(
        {
          zh: '检查发现的责任单位须为本项目的参建单位：请填写本项目某一参建单位的统一社会信用代码。',
          en: 'A finding names a responsible unit that is not a unit of this project.',
        },
        unknownUnits.map(({ index }) => ({
          field: `findings[${index}].unitCreditCode`,
          message: {
            zh: '不是本项目参建单位的统一社会信用代码',
            en: 'not the credit code of a unit of this project',
          },
        })),
      );
    }
    // SPEC §6.7: a fine with its amount, no amount on any other measure, imposed on a unit of this project
    const wrongMeasures = measureProblems(body.measures, unitCodes);
    if (wrongMeasures.length) {
      throw new InvalidInputError(
        { zh: '执法措施填写有误，请按提示修改后重新提交', en: 'An enforcement measure is not right: see each field.' },
        wrongMeasures,
      );
    }
    const inspectionId = newId('ins');
    const at = ctx.now.toISOString();
    const by = principalId(ctx.principal);
    const findings: FindingRecord[] = body.findings.map((finding) => ({
      id: newId('haz'),
      projectId,
      inspectionId,
      kind: finding.kind,
      category: finding.category,
      severity: finding.severity,
      unitCreditCode: finding.unitCreditCode,
      description: finding.description,
      foundOn: body.date,
      deadline: finding.deadline,
      status: 'open',
      version: 1,
      history: [],
    }));
    const inspection: InspectionRecord = {
      id: inspectionId,
      projectId,
      date: body.date,
      kind: body.kind,
      inspectors: body.inspectors,
      keyPersonnelPresent: body.keyPersonnelPresent,
      summary: body.summary,
      findingIds: findings.map((finding) => finding.id),
      measures: body.measures.map((measure) => ({
        kind: measure.kind,
        unitCreditCode: measure.unitCreditCode,
        ...(measure.kind === 'fine' ? { amountYuan: measure.amountYuan } : {}),
        documentNo: measure.documentNo,
      })),
      enforcement: {
        district: snapshot.project.district,
        phase: snapshot.project.phase,
        findings: findings.map((finding) => ({
          hazardId: finding.id,
          category: finding.category,
          dueOn: verificationDueOn(finding),
        })),
        verifiedOn: {},
      },
      recordedAt: at,
      recordedBy: by,
    };
    uow.put(
      {
        ...keys.inspection(projectId, inspectionId),
        type: 'inspection',
        // listed under the quarter of its date: the quarter's enforcement statistics read it there (SPEC §6.7)
        gsi1pk: listings.inspectionsOfQuarter(quarterOfDate(body.date), inspectionId),
        gsi1sk: `${body.date}#${inspectionId}`,
        ...inspection,
      },
      { mustBeNew: true },
    );
    for (const finding of findings) {
      uow.put({ ...keys.hazard(projectId, finding.id), type: 'finding', ...finding }, { mustBeNew: true });
      // open: the windowed reads find it until it is accepted, however old it gets (project-window.ts)
      uow.put(standingFindingItem(projectId, finding), { mustBeNew: true });
      uow.put(referenceItem({ id: finding.id, projectId, recordType: 'finding' }), { mustBeNew: true });
    }
    // the inspection report (检查报告): its record, pending until the document renderer has stored its PDF
    const report = recordInspectionReport(uow, snapshot.project, inspection, findings, ruleSets);
    return {
      response: {
        inspectionId,
        hazardIds: findings.map((finding) => finding.id),
        report: inspectionReportView(report),
      },
      after: {
        ...snapshot,
        inspections: [...snapshot.inspections, inspection],
        findings: [...snapshot.findings, ...findings],
        inspectionReports: [...snapshot.inspectionReports, report],
      },
      timeline: {
        action: 'inspection_recorded',
        detail: {
          date: body.date,
          kind: body.kind,
          findings: findings.length,
          ...(body.measures.length ? { measures: body.measures.map((measure) => measure.kind) } : {}),
        },
        evidence: [inspectionId, ...findings.map((finding) => finding.id)],
      },
    };
  });
}

/** `POST /v1/projects/{projectId}/incidents` */
export function recordIncident(
  projectId: string,
  body: Out<typeof intakeSchemas.recordIncidentBody>,
  ctx: RequestContext,
) {
  return intake(projectId, ctx, (uow, snapshot, today) => {
    assertNotFuture(body.date, today);
    const incident = {
      id: newId('inc'),
      projectId,
      ...body,
      recordedAt: ctx.now.toISOString(),
      recordedBy: principalId(ctx.principal),
    };
    uow.put({ ...keys.incident(projectId, incident.id), type: 'incident', ...incident }, { mustBeNew: true });
    return {
      response: { id: incident.id, ...body },
      after: { ...snapshot, incidents: [...snapshot.incidents, incident] },
      timeline: {
        action: 'incident_recorded',
        detail: { date: body.date, fatalities: body.fatalities },
        evidence: [incident.id],
      },
    };
  });
}

/** `POST /v1/projects/{projectId}/criticisms` */
export function recordCriticism(
  projectId: string,
  body: Out<typeof intakeSchemas.recordCriticismBody>,
  ctx: RequestContext,
) {
  return intake(projectId, ctx, (uow, snapshot, today) => {
    assertNotFuture(body.date, today);
    const criticism = {
      id: newId('crt'),
      projectId,
      ...body,
      recordedAt: ctx.now.toISOString(),
      recordedBy: principalId(ctx.principal),
    };
    uow.put({ ...keys.criticism(projectId, criticism.id), type: 'criticism', ...criticism }, { mustBeNew: true });
    return {
      response: { id: criticism.id, ...body },
      after: { ...snapshot, criticisms: [...snapshot.criticisms, criticism] },
      timeline: {
        action: 'criticism_recorded',
        detail: { date: body.date, issuer: body.issuer, documentNo: body.documentNo },
        evidence: [criticism.id],
      },
    };
  });
}

/** Which transitions a hazard allows (SPEC §3): accepted is final; a refused hazard may still be fixed later. */
const NEXT_STATUS: Record<'accepted' | 'rejected' | 'refused', HazardStatus[]> = {
  accepted: ['open', 'submitted', 'rejected', 'refused'],
  rejected: ['open', 'submitted', 'rejected', 'refused'],
  refused: ['open', 'submitted', 'rejected'],
};

/** The changes as a refusal names them ("不能再验收通过"). */
const HAZARD_CHANGE_NAMES: Record<keyof typeof NEXT_STATUS, string> = {
  accepted: '验收通过',
  rejected: '判为验收不通过',
  refused: '登记为拒不整改',
};

/** Verification (`accepted` | `rejected`) or refusal of one hazard: a conditional status change plus its history. */
export async function changeHazardStatus(
  hazardId: string,
  change: { status: 'accepted' | 'rejected' | 'refused'; on: string; note?: string },
  ctx: RequestContext,
) {
  const reference = await resolveReference(hazardId);
  if (reference?.recordType !== 'finding') throw recordNotFound('hazard', hazardId);
  // the finding and its inspection are read whatever their age (an accepted one of years ago answers 409, not 404)
  const stored = await readItem<{ inspectionId?: string }>(keys.hazard(reference.projectId, hazardId));
  const reach = { findingIds: [hazardId], inspectionIds: stored?.inspectionId ? [String(stored.inspectionId)] : [] };
  const result = await intake({ projectId: reference.projectId, reach }, ctx, (uow, snapshot, today) => {
    const finding = snapshot.findings.find((candidate) => candidate.id === hazardId);
    if (!finding) throw recordNotFound('hazard', hazardId);
    assertNotFuture(change.on, today);
    if (change.on < finding.foundOn) {
      throw new InvalidInputError(
        {
          zh: `日期 ${change.on} 早于发现该隐患的日期（${finding.foundOn}）：请填写 ${finding.foundOn} 或之后的日期。`,
          en: `The date ${change.on} is before the hazard was found (${finding.foundOn}).`,
        },
        [
          {
            field: 'date',
            message: { zh: `不能早于 ${finding.foundOn}`, en: `must be on or after ${finding.foundOn}` },
          },
        ],
      );
    }
    const lastChange = finding.history.at(-1)?.on;
    if (lastChange && change.on < lastChange) {
      throw new InvalidInputError(
        {
          zh: `日期 ${change.on} 早于该隐患上一次状态变更（${lastChange}）：请填写 ${lastChange} 或之后的日期。`,
          en: `The date ${change.on} is before the hazard's last change (${lastChange}).`,
        },
        [{ field: 'date', message: { zh: `不能早于 ${lastChange}`, en: `must be on or after ${lastChange}` } }],
      );
    }
    if (!NEXT_STATUS[change.status].includes(finding.status)) {
      throw new ConflictError(
        finding.status === 'accepted'
          ? {
              zh: `隐患 ${hazardId} 已于 ${lastChange} 验收闭合，不能再${HAZARD_CHANGE_NAMES[change.status]}。`,
              en: `Hazard ${hazardId} was already accepted (closed) on ${lastChange}; it cannot be ${change.status}.`,
            }
          : {
              zh: `隐患 ${hazardId} 当前已是“${HAZARD_STATUS_NAMES[finding.status]}”，无需重复登记；整改后可验收通过或判为验收不通过。`,
              en: `Hazard ${hazardId} is already ${finding.status}.`,
            },
      );
    }
    const entry = {
      on: change.on,
      status: change.status,
      at: ctx.now.toISOString(),
      by: principalId(ctx.principal),
      ...(change.note ? { note: change.note } : {}),
    };
    const updated: FindingRecord = {
      ...finding,
      status: change.status,
      version: finding.version + 1,
      history: [...finding.history, entry],
    };
    uow.update(
      keys.hazard(finding.projectId, finding.id),
      {
        // accepted is final: out of the overdue listing (usecases/overdue.ts) if it was in it
        expression: `SET #status = :status, #version = :next, #history = list_append(#history, :entry)${
          change.status === 'accepted' ? ` ${UNLIST_OVERDUE}` : ''
        }`,
        names: { '#status': 'status', '#version': 'version', '#history': 'history' },
        values: { ':status': change.status, ':next': updated.version, ':entry': [entry] },
      },
      {
        condition: { expression: '#version = :current', values: { ':current': finding.version } },
        label: HAZARD_VERSION,
      },
    );
    if (change.status === 'accepted') {
      // accepted is final: from now on the windowed reads find it only while a window reaches its acceptance day
      uow.delete(keys.standingOpenFinding(finding.projectId, finding.id));
      uow.put(standingFindingItem(finding.projectId, updated));
    }
    // the first verification (复查) of the finding, for the quarter's enforcement statistics (SPEC §6.7: on time or
    // late); a path of its own per finding, so two findings of one inspection verified at once both land
    const inspection = snapshot.inspections.find((candidate) => candidate.id === finding.inspectionId);
    if (change.status !== 'refused' && inspection?.enforcement) {
      uow.update(keys.inspection(finding.projectId, inspection.id), {
        expression: 'SET #enforcement.#verifiedOn.#finding = if_not_exists(#enforcement.#verifiedOn.#finding, :on)',
        names: { '#enforcement': 'enforcement', '#verifiedOn': 'verifiedOn', '#finding': finding.id },
        values: { ':on': change.on },
      });
    }
    return {
      response: hazardView(updated, today),
      after: {
        ...snapshot,
        findings: snapshot.findings.map((candidate) => (candidate.id === hazardId ? updated : candidate)),
      },
      timeline: {
        action: change.status === 'refused' ? 'hazard_refused' : `hazard_${change.status}`,
        detail: { hazardId, on: change.on, ...(change.note ? { note: change.note } : {}) },
        evidence: [hazardId],
      },
    };
  });
  return result;
}
