/**
 * The documents the agency issues (文书) as the API lists them: with their SHA-256 and `documentStatus`
 * (`pending` until the document renderer has stored the PDF, `rendered` after) and the route serving each. Pure
 * views over records: no S3 here, so any function may show them.
 */
import { ISSUED_DOCUMENT_TITLES, type IssuedDocumentKind } from '../domain/vocabulary.js';
import type { GroupOrderRecord, InspectionReportRecord, ProjectSnapshot } from '../store/snapshot.js';

/** `pending` until the renderer stored the PDF and recorded its SHA-256, `rendered` after. */
export function documentStatusOf(record: { documentSha256?: string | null }): 'pending' | 'rendered' {
  return record.documentSha256 ? 'rendered' : 'pending';
}

/** A document of a case as `GET /v1/cases/{caseId}` lists it (`issuedDocuments`), oldest first. */
export interface IssuedDocumentView {
  id: string;
  kind: Exclude<IssuedDocumentKind, 'inspection_report'>;
  title: string;
  number: string | null;
  issuedOn: string;
  recipients: string[];
  documentSha256: string | null;
  documentStatus: 'pending' | 'rendered';
  href: string;
}

/**
 * Every document issued for the case: its notices, its group orders and its municipal report, with where each is
 * served. Group orders recorded before they were documents (no id, no PDF) are not listed; their measures are.
 */
export function issuedDocumentsOf(snapshot: ProjectSnapshot, caseId: string): IssuedDocumentView[] {
  const documents: IssuedDocumentView[] = [
    ...snapshot.notices
      .filter((notice) => notice.caseId === caseId)
      .map((notice) => {
        const kind = notice.noticeType === 'inclusion' ? ('inclusion_notice' as const) : ('release_notice' as const);
        return {
          id: notice.id,
          kind,
          title: ISSUED_DOCUMENT_TITLES[kind],
          number: notice.number,
          issuedOn: notice.issuedOn,
          recipients: notice.recipients,
          documentSha256: notice.documentSha256,
          documentStatus: documentStatusOf(notice),
          href: `/v1/notices/${notice.id}/document`,
        };
      }),
    ...snapshot.groupOrders
      .filter((order): order is GroupOrderRecord & { id: string } => order.caseId === caseId && Boolean(order.id))
      .map((order) => ({
        id: order.id,
        kind: 'group_order' as const,
        title: ISSUED_DOCUMENT_TITLES.group_order,
        number: null,
        issuedOn: order.orderedOn,
        recipients: [order.groupCompany],
        documentSha256: order.documentSha256 ?? null,
        documentStatus: documentStatusOf(order),
        href: `/v1/cases/${caseId}/orders/${order.id}/document`,
      })),
    ...snapshot.municipalReports
      .filter((report) => report.caseId === caseId)
      .map((report) => ({
        id: report.id,
        kind: 'municipal_report' as const,
        title: ISSUED_DOCUMENT_TITLES.municipal_report,
        number: null,
        issuedOn: report.reportedOn,
        recipients: [report.recipient],
        documentSha256: report.documentSha256,
        documentStatus: documentStatusOf(report),
        href: `/v1/cases/${caseId}/municipal-report/document`,
      })),
  ];
  return documents.sort((a, b) => a.issuedOn.localeCompare(b.issuedOn) || a.id.localeCompare(b.id));
}

/** An inspection report as the API shows it (the upload context, the project): what it asks, and its PDF. */
export function inspectionReportView(report: InspectionReportRecord) {
  return {
    inspectionId: report.inspectionId,
    projectId: report.projectId,
    title: ISSUED_DOCUMENT_TITLES.inspection_report,
    issuedOn: report.issuedOn,
    kind: report.kind,
    findingCount: report.findingCount,
    units: report.units,
    rectificationPlanDueOn: report.rectificationPlanDueOn,
    rectificationPlanDueAt: report.rectificationPlanDueAt,
    ruleSetVersion: report.ruleSetVersion ?? null,
    documentSha256: report.documentSha256,
    documentStatus: documentStatusOf(report),
    href: `/v1/inspections/${report.inspectionId}/report`,
  };
}
