import * as z from 'zod/mini';
import {
  DOCUMENT_TYPES,
  FINDING_KINDS,
  HAZARD_CATEGORIES,
  HAZARD_STATUSES,
  INSPECTION_KINDS,
  MAX_UPLOAD_BYTES,
  SEVERITIES,
  UPLOAD_CONTENT_TYPES,
} from '../domain/vocabulary.js';
import { isoDate, recordId, text, timestamp } from './common.js';
import { described } from './described.js';
import { message } from './messages.js';

/** `POST /v1/uploads` */
export const requestUploadBody = described(
  z.object({
    docType: z.enum(DOCUMENT_TYPES),
    fileName: text(200),
    contentType: z.enum(UPLOAD_CONTENT_TYPES),
    size: z.number().check(
      z.int(),
      z.gte(1),
      z.lte(
        MAX_UPLOAD_BYTES,
        message({
          zh: '文件最大 20 MiB，请压缩或分成几份上传',
          en: 'at most 20 MiB: compress it or send it in parts',
        }),
      ),
    ),
    sha256: z.string().check(z.regex(/^[0-9a-f]{64}$/, "the file's SHA-256 as 64 lowercase hex characters")),
    reportDate: z.optional(isoDate),
    hazardId: z.optional(recordId('haz')),
  }),
  { id: 'RequestUpload' },
);

export const documentIdParams = z.object({ documentId: recordId('doc') });

export const uploadGranted = described(
  z.object({
    documentId: recordId('doc'),
    upload: z.object({ url: z.string(), fields: z.record(z.string(), z.string()) }),
    expiresAt: timestamp,
  }),
  { id: 'UploadGranted' },
);

export const uploadStatus = described(
  z.object({
    documentId: recordId('doc'),
    status: z.enum(['pending', 'accepted', 'rejected']),
    reason: z.nullable(z.string()),
  }),
  { id: 'UploadStatus' },
);

/** `GET /v1/uploads/reports/{inspectionId}` */
export const uploadReportParams = z.object({ inspectionId: recordId('ins') });

/** `GET /v1/uploads/context`: what the link allows and what the unit has to do (the fields the upload page reads). */
export const uploadContext = described(
  z.object({
    case: z.object({
      id: recordId('cas'),
      projectName: z.string(),
      status: z.string(),
      level: z.number().check(z.int()),
    }),
    unit: z.object({ name: z.string(), role: z.string(), roleName: z.string(), creditCode: z.string() }),
    link: z.object({ expiresAt: z.nullable(timestamp), docTypes: z.array(z.enum(DOCUMENT_TYPES)) }),
    today: isoDate,
    documentTypes: z.array(
      z.object({
        docType: z.enum(DOCUMENT_TYPES),
        name: z.string(),
        needs: z.nullable(z.enum(['reportDate', 'hazardId'])),
      }),
    ),
    due: z.array(z.object({ key: z.string(), docType: z.string(), description: z.string(), dueAt: z.string() })),
    missing: z.array(z.object({ key: z.string(), docType: z.string(), description: z.string(), dueAt: z.string() })),
    hazards: described(
      z.array(
        z.object({
          id: recordId('haz'),
          inspectionId: recordId('ins'),
          kind: z.enum(FINDING_KINDS),
          category: z.enum(HAZARD_CATEGORIES),
          severity: z.enum(SEVERITIES),
          description: z.string(),
          foundOn: isoDate,
          deadline: isoDate,
          status: z.enum(HAZARD_STATUSES),
          overdue: z.boolean(),
          daysOverdue: z.number().check(z.int(), z.gte(0)),
          evidence: z.nullable(
            z.object({ documentId: recordId('doc'), status: z.enum(['pending', 'accepted', 'rejected']) }),
          ),
        }),
      ),
      { description: "the unit's hazards not yet accepted, overdue ones first, then by deadline" },
    ),
    reports: described(
      z.array(
        z.object({
          inspectionId: recordId('ins'),
          date: isoDate,
          kind: z.enum(INSPECTION_KINDS),
          hazardCount: z.number().check(z.int(), z.gte(1)),
          openHazardCount: z.number().check(z.int(), z.gte(0)),
          rectificationPlanDueOn: described(z.nullable(isoDate), {
            description: 'the day the rectification plans (一厂一策) the report asks for are due',
          }),
          report: z.object({
            status: z.enum(['ready', 'preparing']),
            sha256: z.nullable(z.string()),
            href: described(z.nullable(z.string()), { description: 'GET with the upload token: the PDF' }),
          }),
        }),
      ),
      {
        description: 'inspection reports (检查报告) of inspections that found hazards for the unit, newest first',
      },
    ),
    circulars: described(
      z.array(
        z.object({
          id: recordId('cir'),
          title: z.string(),
          body: z.string(),
          draftedOn: isoDate,
          statementWindowEndsOn: isoDate,
          statementWindowEndsAt: timestamp,
          statementWindowOpen: z.boolean(),
          statementMade: z.boolean(),
        }),
      ),
      { description: 'draft circulars (通报) naming the unit: its right of statement and defence (陈述申辩)' },
    ),
    documents: z.array(z.object({ documentId: recordId('doc'), docType: z.string(), status: z.string() })),
  }),
  { id: 'UploadContext' },
);
