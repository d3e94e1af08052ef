import { apiHandler } from '../../shared/http/api.js';
import { requestUpload, uploadContext, uploadStatus } from '../../shared/usecases/uploads.js';

/** Contractor uploads through an upload link: what is due, a presigned POST, the verification status. */
export const handler = apiHandler('uploads', {
  getUploadContext: async (_input, ctx) => ({ status: 200, body: await uploadContext(ctx) }),
  requestUpload: async ({ body }, ctx) => requestUpload(body, ctx),
  getUpload: async ({ params }, ctx) => ({ status: 200, body: await uploadStatus(params.documentId, ctx) }),
});
