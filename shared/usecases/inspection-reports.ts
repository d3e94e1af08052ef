/**
 * The inspection report (检查报告, seed §3(2), SPEC §2.2) recorded with its inspection: every inspection yields
 * one. The record (item `REPORT#{inspectionId}` of the project) says whom the report asks for a rectification plan
 * (一厂一策) by when; the `InspectionRecorded` event committed with it has the document renderer print the PDF.
 */
import { addWorkingDays } from '../domain/calendar.js';
import { RECTIFICATION_PLAN_WORKING_DAYS } from '../domain/obligations.js';
import { keys } from '../store/keys.js';
import { referenceItem } from '../store/project-collection.js';
import type { FindingRecord, InspectionRecord, InspectionReportRecord } from '../store/snapshot.js';
import type { UnitOfWork } from '../store/unit-of-work.js';
import type { Project } from './projects.js';

/** Where an inspection report's PDF is stored (never overwritten). */
export function inspectionReportKey(projectId: string, inspectionId: string): string {
  return `reports/${projectId}/${inspectionId}.pdf`;
}

/** The report of an inspection as recorded with it: pending until the renderer stores its PDF. */
export function inspectionReportOf(
  project: Pick<Project, 'units'>,
  inspection: InspectionRecord,
  findings: readonly FindingRecord[],
): InspectionReportRecord {
  const units = project.units.flatMap((unit) => {
    const findingIds = findings.filter((f) => f.unitCreditCode === unit.creditCode).map((f) => f.id);
    return findingIds.length ? [{ creditCode: unit.creditCode, name: unit.name, role: unit.role, findingIds }] : [];
  });
  // seed §3(2): 要求各参建单位对照检查报告，“一厂一策”做好整改方案 — within 5 working days of the report's day
  const due = findings.length ? addWorkingDays(inspection.date, RECTIFICATION_PLAN_WORKING_DAYS) : null;
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
): InspectionReportRecord {
  const report = inspectionReportOf(project, inspection, findings);
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
