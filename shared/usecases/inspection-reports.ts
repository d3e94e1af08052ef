/**
 * The inspection report (检查报告, seed §3(2), SPEC §2.2) recorded with its inspection: every inspection yields
 * one. The record (item `REPORT#{inspectionId}` of the project) says whom the report asks for a rectification plan
 * (一厂一策) by when — the working days of the rule-set version in force on the report's day, as the obligations
 * count them; the `InspectionRecorded` event committed with it has the document renderer print the PDF.
 */
import { addWorkingDays } from '../domain/calendar.js';
import { type RuleSetVersion, ruleSetInForce } from '../domain/rule-set.js';
import { keys } from '../store/keys.js';
import { registeredProjectIds } from '../store/listing.js';
import { readItem, readProjectItems, referenceItem, withoutStorageAttributes } from '../store/project-collection.js';
import { readRuleSetHistory } from '../store/rule-sets.js';
import type { FindingRecord, InspectionRecord, InspectionReportRecord } from '../store/snapshot.js';
import { ConditionFailed, UnitOfWork } from '../store/unit-of-work.js';
import { type Project, toProject } from './projects.js';

/** Where an inspection report's PDF is stored (never overwritten). */
export function inspectionReportKey(projectId: string, inspectionId: string): string {
  return `reports/${projectId}/${inspectionId}.pdf`;
}

/**
 * The report of an inspection as recorded with it: pending until the renderer stores its PDF. `ruleSets`: every
 * rule-set version (the one in force on the inspection's day sets the plan's deadline).
 */
export function inspectionReportOf(
  project: Pick<Project, 'units'>,
  inspection: InspectionRecord,
  findings: readonly FindingRecord[],
  ruleSets: readonly RuleSetVersion[],
): InspectionReportRecord {
  const units = project.units.flatMap((unit) => {
    const findingIds = findings.filter((f) => f.unitCreditCode === unit.creditCode).map((f) => f.id);
    return findingIds.length ? [{ creditCode: unit.creditCode, name: unit.name, role: unit.role, findingIds }] : [];
  });
  // seed §3(2): 要求各参建单位对照检查报告，“一厂一策”做好整改方案 — within the rule set's working days (5) of the
  // report's day, the version in force on that day (SPEC §2.1), as obligations.ts judges the plans
  const ruleSet = ruleSetInForce(ruleSets, inspection.date);
  const due = findings.length ? addWorkingDays(inspection.date, ruleSet.thresholds.rectificationPlanWorkingDays) : null;
  return {
    inspectionId: inspection.id,
    projectId: inspection.projectId,
    issuedOn: inspection.date,
    issuedAt: inspection.recordedAt,
    kind: inspection.kind,
    findingCount: findings.length,
    units,
    rectificationPlanDueOn: due?.dueOn ?? null,
    rectificationPlanDueAt: due?.dueAt ?? null,
    calendarVersion: due?.calendarVersion ?? null,
    calendarFallback: due?.fallback ?? null,
    ruleSetVersion: ruleSet.id,
    documentKey: inspectionReportKey(inspection.projectId, inspection.id),
    documentSha256: null,
  };
}

/**
 * Add the inspection's report to `uow`: the report record, the inspection's reference (so `GET
 * /v1/inspections/{id}/report` finds it by id alone) and `InspectionRecorded`. Three items of the transaction.
 */
export function recordInspectionReport(
  uow: UnitOfWork,
  project: Pick<Project, 'units'>,
  inspection: InspectionRecord,
  findings: readonly FindingRecord[],
  ruleSets: readonly RuleSetVersion[],
): InspectionReportRecord {
  const report = inspectionReportOf(project, inspection, findings, ruleSets);
  const { projectId, id: inspectionId } = inspection;
  uow.put(
    { ...keys.inspectionReport(projectId, inspectionId), type: 'inspection-report', ...report },
    { mustBeNew: true },
  );
  uow.put(referenceItem({ id: inspectionId, projectId, recordType: 'inspection' }), { mustBeNew: true });
  uow.emit('InspectionRecorded', inspectionId, {
    inspectionId,
    projectId,
    date: inspection.date,
    kind: inspection.kind,
    hazardIds: inspection.findingIds,
    rectificationPlanDueOn: report.rectificationPlanDueOn,
    units: report.units.map((unit) => ({ creditCode: unit.creditCode, findings: unit.findingIds.length })),
  });
  return report;
}

/** What a backfill did. */
export interface ReportBackfill {
  projects: number;
  inspections: number;
  /** reports recorded now (their PDFs follow from their `InspectionRecorded`) */
  recorded: number;
}

/**
 * Give every inspection recorded before reports existed its report: the record, the inspection's reference and
 * `InspectionRecorded` (so the document renderer prints the PDF), one transaction per inspection, each write only if
 * new — running it again, or while inspections are being recorded, records nothing twice. Reads each project's
 * inspections and reports by key prefix, and only the findings and project of an inspection that needs a report.
 * Every registered project, or those of `projectIds`.
 */
export async function backfillInspectionReports(
  now: Date,
  options: { projectIds?: readonly string[] } = {},
): Promise<ReportBackfill> {
  const result: ReportBackfill = { projects: 0, inspections: 0, recorded: 0 };
  const ruleSets = await readRuleSetHistory();
  for (const projectId of options.projectIds ?? (await registeredProjectIds())) {
    result.projects += 1;
    const [inspections, reports] = await Promise.all([
      readProjectItems(projectId, 'INSPECTION#'),
      readProjectItems(projectId, keys.inspectionReportPrefix()),
    ]);
    result.inspections += inspections.length;
    const reported = new Set(reports.map((report) => String(report.inspectionId)));
    const missing = inspections.filter((item) => item.type === 'inspection' && !reported.has(String(item.id)));
    if (missing.length === 0) continue;
    const projectItem = await readItem(keys.project(projectId));
    if (!projectItem) continue;
    const project = toProject(projectItem);
    for (const item of missing) {
      const inspection = withoutStorageAttributes(item) as unknown as InspectionRecord;
      const findings = await Promise.all(
        inspection.findingIds.map(async (id) =>
          readItem<FindingRecord & Record<string, unknown>>(keys.hazard(projectId, id)),
        ),
      );
      const uow = new UnitOfWork(now);
      recordInspectionReport(
        uow,
        project,
        inspection,
        findings.filter((finding): finding is NonNullable<typeof finding> => finding !== undefined),
        ruleSets,
      );
      try {
        await uow.commit();
        result.recorded += 1;
      } catch (error) {
        // recorded meanwhile (a concurrent backfill): nothing to do
        if (!(error instanceof ConditionFailed)) throw error;
      }
    }
  }
  return result;
}
