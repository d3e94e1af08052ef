import { firstCycle } from '../domain/cycles.js';
import { shanghaiTimestamp } from '../domain/dates.js';
import { computeObligations, type ObligationReport } from '../domain/obligations.js';
import type { RuleSetVersion } from '../domain/rule-set.js';
import type { CaseRecord, ProjectSnapshot } from '../store/snapshot.js';

/** The obligations of the case's current cycle (first cycle until the monthly evaluation keeps cycles), as of now. */
export function currentObligations(
  snapshot: ProjectSnapshot,
  record: CaseRecord,
  now: Date,
  ruleSets: readonly RuleSetVersion[],
): ObligationReport | null {
  if (!record.includedOn) return null;
  const cycle = record.cycle ?? firstCycle(record.includedOn);
  return obligationsOfCycle(snapshot, record, cycle, shanghaiTimestamp(now), ruleSets);
}

/**
 * The obligations of one cycle of the case, as of a cut-off (a date, or a timestamp with offset): what each unit
 * owes (SPEC §2.3), including the group report from the day the case reached level 2 (seed §3(5)), with working
 * days counted by the rule-set version in force on the day each deadline starts from.
 */
export function obligationsOfCycle(
  snapshot: ProjectSnapshot,
  record: CaseRecord,
  cycle: { start: string; end: string },
  asOf: string,
  ruleSets: readonly RuleSetVersion[],
): ObligationReport | null {
  if (!record.includedOn) return null;
  const level2ReachedOn = record.levelReachedOn?.['2'];
  return computeObligations(
    {
      includedOn: record.includedOn,
      period: { from: cycle.start, to: cycle.end },
      asOf,
      units: snapshot.project.units,
      inspectionReports: snapshot.inspections
        .filter((inspection) => inspection.date >= (record.includedOn as string))
        .map((inspection) => ({
          inspectionId: inspection.id,
          date: inspection.date,
          hazardCount: inspection.findingIds.length,
        })),
      notices: snapshot.notices
        .filter((notice) => notice.caseId === record.id)
        .map((notice) => ({
          id: notice.id,
          type: notice.noticeType,
          issuedOn: notice.issuedOn,
          receiptDueAt: notice.receiptDueAt,
        })),
      ...(level2ReachedOn ? { level2ReachedOn } : {}),
      ruleSets,
    },
    snapshot.documents
      .filter((document) => document.caseId === record.id && document.uploadedAt)
      .map((document) => ({
        id: document.id,
        docType: document.docType,
        unitCreditCode: document.unitCreditCode,
        ...(document.reportDate ? { reportDate: document.reportDate } : {}),
        ...(document.hazardId ? { hazardId: document.hazardId } : {}),
        ...(document.noticeId ? { noticeId: document.noticeId } : {}),
        uploadedAt: document.uploadedAt as string,
        status: document.status,
      })),
  );
}
