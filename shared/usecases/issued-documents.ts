/**
 * The documents the agency issues (文书) as the API shows and serves them: the notices (告知单), the inspection
 * reports (检查报告), the level-2 orders to the group companies (责令通知书) and the level-3 report to the municipal
 * commission. Each is rendered by the document renderer after the commit that issued it (see
 * document-rendering.ts); until its SHA-256 is recorded it is `pending`, and its route answers 409.
 *
 * The routes read only the record they serve (its reference, then the item), never the project's whole history.
 */
import { NotFoundError } from '../domain/errors.js';
import { ISSUED_DOCUMENT_TITLES } from '../domain/vocabulary.js';
import type { RequestContext } from '../http/api.js';
import { documentLocation } from '../http/document-location.js';
import { keys } from '../store/keys.js';
import { readItem, readProjectItems, resolveReference } from '../store/project-collection.js';
import type {
  GroupOrderRecord,
  InspectionReportRecord,
  MunicipalReportRecord,
  NoticeRecord,
} from '../store/snapshot.js';

type DocumentContext = Pick<RequestContext, 'event' | 'now'>;

/** `GET /v1/notices/{noticeId}/document`: the notice's PDF (302 or `{url, expiresAt}`); 409 while being prepared. */
export async function noticeDocument(noticeId: string, ctx: DocumentContext) {
  const reference = await resolveReference(noticeId);
  const notice =
    reference?.recordType === 'notice' && reference.caseId
      ? await readItem<NoticeRecord & Record<string, unknown>>(
          keys.notice(reference.projectId, reference.caseId, noticeId),
        )
      : undefined;
  if (!notice)
    throw new NotFoundError({ zh: `没有编号为 ${noticeId} 的告知单。`, en: `There is no notice ${noticeId}.` });
  const title = ISSUED_DOCUMENT_TITLES[notice.noticeType === 'inclusion' ? 'inclusion_notice' : 'release_notice'];
  return documentLocation(ctx, {
    key: notice.documentKey,
    fileName: `${notice.number}.pdf`,
    sha256: notice.documentSha256,
    name: { zh: `${title} ${notice.number} 的 PDF`, en: `The PDF of notice ${notice.number}` },
  });
}

/** `GET /v1/inspections/{inspectionId}/report`: the inspection report's PDF (302 or `{url, expiresAt}`). */
export async function inspectionReportDocument(inspectionId: string, ctx: DocumentContext) {
  const reference = await resolveReference(inspectionId);
  const report =
    reference?.recordType === 'inspection'
      ? await readItem<InspectionReportRecord & Record<string, unknown>>(
          keys.inspectionReport(reference.projectId, inspectionId),
        )
      : undefined;
  if (!report) {
    throw new NotFoundError({
      zh: `检查 ${inspectionId} 没有检查报告：该检查不存在，或记录于检查报告功能启用之前。`,
      en: `Inspection ${inspectionId} has no report: it does not exist, or it was recorded before inspection reports existed.`,
    });
  }
  return documentLocation(ctx, {
    key: report.documentKey,
    fileName: `${ISSUED_DOCUMENT_TITLES.inspection_report}-${report.issuedOn}.pdf`,
    sha256: report.documentSha256,
    name: {
      zh: `${report.issuedOn} 检查的检查报告 PDF`,
      en: `The report of the inspection of ${report.issuedOn}`,
    },
  });
}

/** `GET /v1/cases/{caseId}/orders/{orderId}/document`: a level-2 order to a group company (302 or `{url, expiresAt}`). */
export async function groupOrderDocument(caseId: string, orderId: string, ctx: DocumentContext) {
  const reference = await resolveReference(caseId);
  const orders =
    reference?.recordType === 'case'
      ? ((await readProjectItems(reference.projectId, keys.groupOrderPrefix(caseId))) as unknown as GroupOrderRecord[])
      : [];
  const order = orders.find((candidate) => candidate.id === orderId);
  if (!order?.documentKey) {
    throw new NotFoundError({
      zh: `案件 ${caseId} 没有编号为 ${orderId} 的责令通知书。`,
      en: `Case ${caseId} has no group order ${orderId}.`,
    });
  }
  return documentLocation(ctx, {
    key: order.documentKey,
    fileName: `${ISSUED_DOCUMENT_TITLES.group_order}-${order.groupCompany}.pdf`,
    sha256: order.documentSha256 ?? null,
    name: {
      zh: `致${order.groupCompany}的责令通知书 PDF`,
      en: `The order to ${order.groupCompany}`,
    },
  });
}

/** `GET /v1/cases/{caseId}/municipal-report/document`: the level-3 report (302 or `{url, expiresAt}`). */
export async function municipalReportDocument(caseId: string, ctx: DocumentContext) {
  const reference = await resolveReference(caseId);
  const report =
    reference?.recordType === 'case'
      ? await readItem<MunicipalReportRecord & Record<string, unknown>>(
          keys.municipalReport(reference.projectId, caseId),
        )
      : undefined;
  if (!report) {
    throw new NotFoundError({
      zh: `案件 ${caseId} 没有上报市住房城乡建设委的报告（案件升至三级时才上报）。`,
      en: `Case ${caseId} has no report to the municipal commission (it is made when a case reaches level 3).`,
    });
  }
  return documentLocation(ctx, {
    key: report.documentKey,
    fileName: `${ISSUED_DOCUMENT_TITLES.municipal_report}-${report.reportedOn}.pdf`,
    sha256: report.documentSha256,
    name: { zh: '上报市住房城乡建设委的报告 PDF', en: 'The report to the municipal commission' },
  });
}
