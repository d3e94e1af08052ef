import * as z from 'zod';
import { DOCUMENT_TYPES, UNIT_ROLES, UPLOAD_CONTENT_TYPES } from '../domain/vocabulary.js';
import { creditCode, isoDate, page, paginationQuery, recordId, timestamp } from './common.js';

export const DOCUMENT_STATUSES = ['pending', 'accepted', 'rejected'] as const;

/** A document a unit uploaded, as the agency reads it (`GET /v1/documents/{id}`, a case's documents, a hazard). */
export const documentRecord = z
  .object({
    id: recordId('doc'),
    caseId: recordId('cas'),
    projectId: recordId('prj'),
    unit: z.object({ creditCode: z.string(), name: z.string().nullable(), role: z.enum(UNIT_ROLES) }),
    docType: z.enum(DOCUMENT_TYPES),
    docTypeName: z.string().meta({ example: '整改方案（一厂一策）' }),
    fileName: z.string(),
    contentType: z.enum(UPLOAD_CONTENT_TYPES),
    size: z.number().int().min(1),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    status: z.enum(DOCUMENT_STATUSES).meta({ description: 'pending until the verifier checked the bytes' }),
    reason: z.string().nullable().meta({ description: 'why the verifier rejected it' }),
    reportDate: isoDate.nullable(),
    hazardId: recordId('haz').nullable(),
    noticeId: recordId('ntc').nullable(),
    requestedAt: timestamp,
    uploadedAt: timestamp.nullable().meta({ description: 'when the bytes arrived (decides on time or late)' }),
    verifiedAt: timestamp.nullable(),
    content: z
      .string()
      .nullable()
      .meta({ description: 'where its bytes are (GET, a presigned redirect), once accepted' }),
  })
  .meta({ id: 'DocumentRecord' });

/** `GET /v1/cases/{caseId}/documents` */
export const caseDocumentsQuery = paginationQuery.extend({
  status: z.enum(DOCUMENT_STATUSES).optional(),
  docType: z.enum(DOCUMENT_TYPES).optional(),
  unitCreditCode: creditCode.optional(),
});

export const documentPage = page(documentRecord).meta({ id: 'DocumentPage' });
