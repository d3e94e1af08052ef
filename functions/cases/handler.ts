import { apiHandler } from '../../shared/http/api.js';
import {
  confirmCase,
  dismissCase,
  getCase,
  getNotice,
  listCases,
  noticeDocumentUrl,
} from '../../shared/usecases/cases.js';
import { documentContent, getDocument, listCaseDocuments } from '../../shared/usecases/documents.js';
import { extendCycle, previewCase } from '../../shared/usecases/evaluation.js';
import { createUploadLink, revokeUploadLink } from '../../shared/usecases/upload-links.js';

/** Cases: list, read, confirm (inclusion notice), dismiss; notices and their documents; the units' documents. */
export const handler = apiHandler('cases', {
  listCases: async ({ query }) => ({ status: 200, body: await listCases(query) }),
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
  getNoticeDocument: async ({ params }) => ({
    status: 302,
    headers: { location: await noticeDocumentUrl(params.noticeId) },
  }),
});
