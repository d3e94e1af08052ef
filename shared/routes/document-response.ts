import * as issuedDocuments from '../schemas/issued-documents.js';

/**
 * What a route serving a stored document answers (shared/http/document-location.ts): a 302 to a presigned GET, or
 * `{url, expiresAt}` when the request's Accept prefers JSON; 409 while the document is still being rendered.
 */
export const documentResponse = {
  status: 302,
  description: 'Location: a presigned GET of the PDF, valid for 5 minutes (409 while the document is being rendered)',
  alternatives: [
    {
      status: 200,
      schema: issuedDocuments.documentLocation,
      description: 'When the request’s Accept prefers application/json: the presigned GET and when it expires',
    },
  ],
} as const;
