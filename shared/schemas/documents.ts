import * as z from 'zod/mini';
import { DOCUMENT_TYPES, UNIT_ROLES, UPLOAD_CONTENT_TYPES } from '../domain/vocabulary.js';
import { creditCode, isoDate, page, paginationQuery, recordId, timestamp } from './common.js';
import { described } from './described.js';

export const DOCUMENT_STATUSES = ['pending', 'accepted', 'rejected'] as const;

/** A document a unit uploaded, as the agency reads it (`GET /v1/documents/{id}`, a case's documents, a hazard). */
export const documentRecord = described(
  z.object({
    id: recordId('doc'),
    caseId: recordId('cas'),
    projectId: recordId('prj'),
    unit: z.object({ creditCode: z.string(), name: z.nullable(z.string()), role: z.enum(UNIT_ROLES) }),
    docType: z.enum(DOCUMENT_TYPES),
    docTypeName: described(z.string(), { example: '整改方案（一厂一策）' }),
    fileName: z.string(),
    contentType: z.enum(UPLOAD_CONTENT_TYPES),
    size: z.number().check(z.int(), z.gte(1)),
    sha256: z.string().check(z.regex(/^[0-9a-f]{64}$/)),
    status: described(z.enum(DOCUMENT_STATUSES), { description: 'pending until the verifier checked the bytes' }),
    reason: described(z.nullable(z.string()), { description: 'why the verifier rejected it' }),
    reportDate: z.nullable(isoDate),
    hazardId: z.nullable(recordId('haz')),
    noticeId: z.nullable(recordId('ntc')),
    requestedAt: timestamp,
    uploadedAt: described(z.nullable(timestamp), { description: 'when the bytes arrived (decides on time or late)' }),
    verifiedAt: z.nullable(timestamp),
    content: described(z.nullable(z.string()), {
      description: 'where its bytes are (GET, a presigned redirect), once accepted',
    }),
  }),
  { id: 'DocumentRecord' },
);

/** `GET /v1/cases/{caseId}/documents` */
export const caseDocumentsQuery = z.extend(paginationQuery, {
  status: z.optional(z.enum(DOCUMENT_STATUSES)),
  docType: z.optional(z.enum(DOCUMENT_TYPES)),
  unitCreditCode: z.optional(creditCode),
});

export const documentPage = described(page(documentRecord), { id: 'DocumentPage' });
