import * as z from 'zod';
import { DOCUMENT_TYPES, MAX_UPLOAD_BYTES, UPLOAD_CONTENT_TYPES } from '../domain/vocabulary.js';
import { isoDate, recordId, text, timestamp } from './common.js';

/** `POST /v1/uploads` */
export const requestUploadBody = z
  .object({
    docType: z.enum(DOCUMENT_TYPES),
    fileName: text(200),
    contentType: z.enum(UPLOAD_CONTENT_TYPES),
    size: z.number().int().min(1).max(MAX_UPLOAD_BYTES, 'at most 20 MiB'),
    sha256: z.string().regex(/^[0-9a-f]{64}$/, "the file's SHA-256 as 64 lowercase hex characters"),
    reportDate: isoDate.optional(),
    hazardId: recordId('haz').optional(),
  })
  .meta({ id: 'RequestUpload' });

export const documentIdParams = z.object({ documentId: recordId('doc') });

export const uploadGranted = z
  .object({
    documentId: recordId('doc'),
    upload: z.object({ url: z.string(), fields: z.record(z.string(), z.string()) }),
    expiresAt: timestamp,
  })
  .meta({ id: 'UploadGranted' });

export const uploadStatus = z
  .object({
    documentId: recordId('doc'),
    status: z.enum(['pending', 'accepted', 'rejected']),
    reason: z.string().nullable(),
  })
  .meta({ id: 'UploadStatus' });
