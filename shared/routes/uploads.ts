/** The routes of the `uploads` function (rows of the wiring table, shared/wiring.ts); its handler serves exactly these. */

import * as uploads from '../schemas/uploads.js';
import { documentResponse } from './document-response.js';
import { type RouteSpec, uploadToken } from './route-spec.js';

export const uploadsRoutes = {
  getUploadContext: {
    method: 'GET',
    path: '/v1/uploads/context',
    summary:
      "What this upload link allows; the unit's obligations due or missing, hazards (overdue first), inspection " +
      'reports and any draft circular naming it with its statement deadline',
    function: 'uploads',
    access: uploadToken,
    response: { status: 200, schema: uploads.uploadContext },
  },
  getUploadReport: {
    method: 'GET',
    path: '/v1/uploads/reports/{inspectionId}',
    summary: "The PDF of an inspection report that found hazards for the link's unit",
    function: 'uploads',
    access: uploadToken,
    params: uploads.uploadReportParams,
    response: documentResponse,
  },
  requestUpload: {
    method: 'POST',
    path: '/v1/uploads',
    summary: 'Declare a document and get a presigned POST for it',
    function: 'uploads',
    access: uploadToken,
    body: uploads.requestUploadBody,
    response: { status: 201, schema: uploads.uploadGranted },
    idempotent: true,
  },
  getUpload: {
    method: 'GET',
    path: '/v1/uploads/{documentId}',
    summary: 'The verification status of an uploaded document',
    function: 'uploads',
    access: uploadToken,
    params: uploads.documentIdParams,
    response: { status: 200, schema: uploads.uploadStatus },
  },
} as const satisfies Record<string, RouteSpec>;
