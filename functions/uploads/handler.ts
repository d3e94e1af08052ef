import { apiHandler } from '../../shared/http/api.js';
import { uploadsRoutes } from '../../shared/routes/uploads.js';
import { requestUpload, unitReportContent, uploadContext, uploadStatus } from '../../shared/usecases/uploads.js';

/**
 * Contractor uploads through an upload link: what is due (and overdue, and which reports and draft circulars concern
 * the unit), a presigned POST, the verification status, the unit's inspection reports.
 */
export const handler = apiHandler(uploadsRoutes, {
  getUploadContext: async (_input, ctx) => ({ status: 200, body: await uploadContext(ctx) }),
  requestUpload: async ({ body }, ctx) => requestUpload(body, ctx),
  getUpload: async ({ params }, ctx) => ({ status: 200, body: await uploadStatus(params.documentId, ctx) }),
  getUploadReport: async ({ params }, ctx) => unitReportContent(params.inspectionId, ctx),
});
