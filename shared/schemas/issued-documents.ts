/**
 * The documents the agency issues (文书): notices, inspection reports, group orders, the municipal report. Each is
 * rendered after its commit by the document renderer; until then it is `pending` and its SHA-256 is null.
 */
import * as z from 'zod';
import { isoDate, recordId, timestamp } from './common.js';

export const inspectionIdParams = z.object({ inspectionId: recordId('ins') });
export const groupOrderParams = z.object({ caseId: recordId('cas'), orderId: recordId('ord') });

/** `pending` until the renderer stored the PDF and recorded its SHA-256; `rendered` after. */
export const documentStatus = z
  .enum(['pending', 'rendered'])
  .meta({ id: 'DocumentStatus', description: 'pending until the PDF is stored and its SHA-256 recorded' });

/** A document's bytes, as `{url, expiresAt}` when the request's Accept prefers application/json. */
export const documentLocation = z
  .object({
    url: z.string().meta({ description: 'a presigned GET of the document, valid until expiresAt' }),
    expiresAt: timestamp,
  })
  .meta({ id: 'DocumentLocation' });

/** A document the agency issued for a case, as `GET /v1/cases/{caseId}` lists them (`issuedDocuments`). */
export const issuedDocument = z
  .object({
    id: z.string(),
    kind: z.enum(['inclusion_notice', 'release_notice', 'group_order', 'municipal_report']),
    /** in Chinese, as printed */
    title: z.string(),
    number: z.string().nullable().meta({ description: 'the 文号 of a notice; null for the others' }),
    issuedOn: isoDate,
    recipients: z.array(z.string()),
    documentSha256: z.string().nullable(),
    documentStatus,
    href: z.string().meta({ description: "the route answering with the document's bytes (302, or {url, expiresAt})" }),
  })
  .meta({ id: 'IssuedDocument' });

/** An inspection report (检查报告) as the API shows it: whom it asks for rectification plans by when, and its PDF. */
export const inspectionReport = z
  .object({
    inspectionId: recordId('ins'),
    projectId: recordId('prj'),
    title: z.string(),
    issuedOn: isoDate,
    kind: z.string(),
    findingCount: z.number().int().min(0),
    units: z.array(
      z.object({ creditCode: z.string(), name: z.string(), role: z.string(), findingIds: z.array(z.string()) }),
    ),
    rectificationPlanDueOn: isoDate.nullable(),
    rectificationPlanDueAt: timestamp.nullable(),
    ruleSetVersion: z
      .string()
      .nullable()
      .meta({ description: 'the rule-set version whose working days gave the plan deadline (null: recorded before)' }),
    documentSha256: z.string().nullable(),
    documentStatus,
    href: z.string(),
  })
  .meta({ id: 'InspectionReport' });
