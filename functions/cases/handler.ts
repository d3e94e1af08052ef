import { apiHandler } from '../../shared/http/api.js';
import { casesRoutes } from '../../shared/routes/cases.js';
import { confirmCase, dismissCase, getCase, getNotice, listCases } from '../../shared/usecases/cases.js';
import { documentContent, getDocument, listCaseDocuments } from '../../shared/usecases/documents.js';
import { extendCycle, previewCase } from '../../shared/usecases/evaluation.js';
import {
  groupOrderDocument,
  inspectionReportDocument,
  municipalReportDocument,
  noticeDocument,
} from '../../shared/usecases/issued-documents.js';
import { listOverdueHazards, listOverdueNotices } from '../../shared/usecases/overdue.js';
import { createUploadLink, revokeUploadLink } from '../../shared/usecases/upload-links.js';

/**
 * Cases: list, read, confirm (inclusion notice), dismiss, extend; upload links; the units' documents; the documents
 * the agency issues (notices, inspection reports, the ladder's orders and report), as links to their PDFs; what is overdue across the cases.
 */
export const handler = apiHandler(casesRoutes, {
  listCases: async ({ query }) => ({ status: 200, body: await listCases(query) }),
  listOverdueHazards: async ({ query }) => ({ status: 200, body: await listOverdueHazards(query) }),
  listOverdueNotices: async ({ query }) => ({ status: 200, body: await listOverdueNotices(query) }),
  getCase: async ({ params }, ctx) => ({ status: 200, body: await getCase(params.caseId, ctx) }),
  confirmCase: async ({ params }, ctx) => ({ status: 200, body: await confirmCase(params.caseId, ctx) }),
  dismissCase: async ({ params, body }, ctx) => ({
    status: 200,
    body: await dismissCase(params.caseId, body.reason, ctx),
  }),
  previewCase: async ({ params }, ctx) => ({ status: 200, body: await previewCase(params.caseId, ctx) }),
  extendCycle: async ({ params, body }, ctx) => ({ status: 200, body: await extendCycle(params.caseId, body, ctx) }),
  createUploadLink: async ({ params, body }, ctx) => createUploadLink(params.caseId, body, ctx),
  revokeUploadLink: async ({ params }, ctx) => revokeUploadLink(params.caseId, params.linkId, ctx),
  getNotice: async ({ params }) => ({ status: 200, body: await getNotice(params.noticeId) }),
  listCaseDocuments: async ({ params, query }) => ({
    status: 200,
    body: await listCaseDocuments(params.caseId, query),
  }),
  getDocument: async ({ params }) => ({ status: 200, body: await getDocument(params.documentId) }),
  getDocumentContent: async ({ params }, ctx) => documentContent(params.documentId, ctx),
  getNoticeDocument: ({ params }, ctx) => noticeDocument(params.noticeId, ctx),
  getInspectionReport: ({ params }, ctx) => inspectionReportDocument(params.inspectionId, ctx),
  getGroupOrderDocument: ({ params }, ctx) => groupOrderDocument(params.caseId, params.orderId, ctx),
  getMunicipalReportDocument: ({ params }, ctx) => municipalReportDocument(params.caseId, ctx),
});
