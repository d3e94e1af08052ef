/**
 * The documents the agency issues (文书): notices, inspection reports, group orders, the municipal report. Each is
 * rendered after its commit by the document renderer; until then it is `pending` and its SHA-256 is null.
 */
import * as z from 'zod/mini';
import { isoDate, recordId, timestamp } from './common.js';
import { described } from './described.js';

export const inspectionIdParams = z.object({ inspectionId: recordId('ins') });
export const groupOrderParams = z.object({ caseId: recordId('cas'), orderId: recordId('ord') });

/** `pending` until the renderer stored the PDF and recorded its SHA-256; `rendered` after. */
export const documentStatus = described(z.enum(['pending', 'rendered']), {
  id: 'DocumentStatus',
  description: 'pending until the PDF is stored and its SHA-256 recorded',
});

/** A document's bytes, as `{url, expiresAt}` when the request's Accept prefers application/json. */
export const documentLocation = described(
  z.object({
    url: described(z.string(), { description: 'a presigned GET of the document, valid until expiresAt' }),
    expiresAt: timestamp,
  }),
  { id: 'DocumentLocation' },
);

/** A document the agency issued for a case, as `GET /v1/cases/{caseId}` lists them (`issuedDocuments`). */
export const issuedDocument = described(
  z.object({
    id: z.string(),
    kind: z.enum(['inclusion_notice', 'release_notice', 'group_order', 'municipal_report']),
    /** in Chinese, as printed */
    title: z.string(),
    number: described(z.nullable(z.string()), { description: 'the 文号 of a notice; null for the others' }),
    issuedOn: isoDate,
    recipients: z.array(z.string()),
    documentSha256: z.nullable(z.string()),
    documentStatus,
    href: described(z.string(), {
      description: "the route answering with the document's bytes (302, or {url, expiresAt})",
    }),
  }),
  { id: 'IssuedDocument' },
);

/** An inspection report (检查报告) as the API shows it: whom it asks for rectification plans by when, and its PDF. */
export const inspectionReport = described(
  z.object({
    inspectionId: recordId('ins'),
    projectId: recordId('prj'),
    title: z.string(),
    issuedOn: isoDate,
    kind: z.string(),
    findingCount: z.number().check(z.int(), z.gte(0)),
    units: z.array(
      z.object({ creditCode: z.string(), name: z.string(), role: z.string(), findingIds: z.array(z.string()) }),
    ),
    rectificationPlanDueOn: z.nullable(isoDate),
    rectificationPlanDueAt: z.nullable(timestamp),
    ruleSetVersion: described(z.nullable(z.string()), {
      description: 'the rule-set version whose working days gave the plan deadline (null: recorded before)',
    }),
    documentSha256: z.nullable(z.string()),
    documentStatus,
    href: z.string(),
  }),
  { id: 'InspectionReport' },
);
