import * as z from 'zod';
import {
  CASE_STATUSES,
  DOCUMENT_TYPES,
  HAZARD_CATEGORIES,
  HAZARD_STATUSES,
  NOTICE_TYPES,
  SEVERITIES,
  VERDICTS,
} from '../domain/vocabulary.js';
import { creditCode, isoDate, page, paginationQuery, recordId, text, timestamp } from './common.js';
import { condition } from './intake.js';
import { documentStatus, issuedDocument } from './issued-documents.js';

export const caseIdParams = z.object({ caseId: recordId('cas') });
export const uploadLinkParams = z.object({ caseId: recordId('cas'), linkId: recordId('lnk') });
export const noticeIdParams = z.object({ noticeId: recordId('ntc') });

export const listCasesQuery = paginationQuery.extend({
  status: z.enum(CASE_STATUSES).optional(),
  level: z.coerce.number().int().min(0).max(3).optional(),
  district: z.string().trim().min(1).max(50).optional(),
});

export const dismissCaseBody = z.object({ reason: text(2000) }).meta({ id: 'DismissCase' });
export const confirmCaseBody = z
  .object({ note: text(2000).optional() })
  .default({})
  .meta({ id: 'ConfirmCase' });

export const extendCycleBody = z
  .object({ months: z.union([z.literal(1), z.literal(2)]), reason: text(2000) })
  .meta({ id: 'ExtendCycle' });

export const createUploadLinkBody = z
  .object({
    unitCreditCode: creditCode,
    docTypes: z.array(z.enum(DOCUMENT_TYPES)).min(1).optional(),
    validDays: z.number().int().min(1).max(31),
  })
  .meta({ id: 'CreateUploadLink' });

export const notice = z
  .object({
    id: recordId('ntc'),
    caseId: recordId('cas'),
    type: z.enum(NOTICE_TYPES),
    number: z.string().meta({ example: '通住建差监告〔2026〕1号' }),
    issuedOn: isoDate,
    receiptDueOn: isoDate,
    receiptDueAt: timestamp,
    calendarVersion: z.string(),
    ruleSetVersion: z
      .string()
      .nullable()
      .meta({ description: 'the rule-set version whose receipt working days the deadline counts' }),
    acknowledgedAt: timestamp.nullable(),
    documentSha256: z.string().nullable().meta({ description: 'null until the PDF is rendered' }),
    documentStatus,
    rankingBasis: z.string().nullable().meta({
      description: 'an inclusion notice of a case proposed by a published ranking: the ranking it states (SPEC §6.5)',
    }),
  })
  .meta({ id: 'Notice' });

export const cycle = z
  .object({
    index: z.number().int().min(1),
    start: isoDate,
    end: isoDate,
    extendedMonths: z.number().int().min(0).max(2),
    verdict: z.enum(VERDICTS).nullable(),
    levelAfter: z.number().int().min(0).max(3).nullable(),
    evaluatedAt: timestamp.nullable(),
    ruleSetVersion: z.string().nullable().meta({ description: 'the rule-set version the verdict was judged by' }),
  })
  .meta({ id: 'Cycle' });

export const timelineEntry = z
  .object({
    seq: z.number().int().min(1),
    at: timestamp,
    actor: z.string(),
    action: z.string(),
    detail: z.record(z.string(), z.unknown()),
    evidence: z.array(z.string()),
    previousHash: z.string(),
    hash: z.string(),
  })
  .meta({ id: 'TimelineEntry' });

export const supervisionCase = z
  .object({
    id: recordId('cas'),
    projectId: recordId('prj'),
    projectName: z.string(),
    district: z.string(),
    status: z.enum(CASE_STATUSES),
    level: z.number().int().min(0).max(3),
    conditions: z.array(condition),
    ruleSetVersion: z.string().meta({ description: 'the rule-set version in force today, used for `conditions`' }),
    proposedRuleSetVersion: z.string().meta({ description: 'the rule-set version of the proposal' }),
    includedRuleSetVersion: z.string().nullable().meta({ description: 'the rule-set version of the inclusion' }),
    basis: z
      .enum(['conditions', 'ranking'])
      .meta({ description: 'what the proposal rests on: the six conditions, or a published ranking (SPEC §6.5)' }),
    ranking: z
      .object({
        quarter: z.string().meta({ example: '2026Q3' }),
        revision: z.number().int().min(1),
        grounds: z.array(z.enum(['bottom_of_ranking', 'government_fail'])),
        entryId: z.string().meta({ description: 'the ranking entry record: evidence' }),
        category: z.string(),
        district: z.string(),
        score: z.number(),
        grade: z.string().nullable(),
        categoryRank: z.object({ rank: z.number().int(), of: z.number().int() }).nullable(),
        districtRank: z.object({ rank: z.number().int(), of: z.number().int() }).nullable(),
        assessmentIds: z
          .array(z.string())
          .meta({ description: "the quarter's assessments it was scored on: evidence" }),
        statement: z.string().meta({ description: 'the ranking in one sentence, as the inclusion notice states it' }),
      })
      .nullable()
      .meta({ description: 'for basis `ranking`: the published ranking the proposal rests on' }),
    proposedAt: timestamp,
    notices: z.array(notice),
    issuedDocuments: z
      .array(issuedDocument)
      .meta({ description: 'the documents issued for the case: notices, group orders, the municipal report' }),
    cycles: z.array(cycle),
    timeline: z.array(timelineEntry),
  })
  .passthrough()
  .meta({ id: 'Case' });

export const uploadLink = z
  .object({ url: z.string(), token: z.string(), expiresAt: timestamp })
  .meta({ id: 'UploadLink' });

/** `GET /v1/overdue/hazards` and `/v1/overdue/notices` (SPEC §7 dashboard): a page, the latest deadline first. */
export const overdueQuery = paginationQuery;

export const overdueHazard = z
  .object({
    id: recordId('haz'),
    projectId: recordId('prj'),
    projectName: z.string(),
    caseId: recordId('cas').nullable().meta({ description: 'the case it counts against; null without an open case' }),
    category: z.enum(HAZARD_CATEGORIES),
    severity: z.enum(SEVERITIES),
    unitCreditCode: creditCode,
    description: z.string(),
    deadline: isoDate,
    status: z.enum(HAZARD_STATUSES),
    overdueSince: isoDate.meta({ description: 'the day the daily deadline sweep flagged it' }),
  })
  .meta({ id: 'OverdueHazard' });
export const overdueHazardPage = page(overdueHazard).meta({ id: 'OverdueHazardPage' });

export const overdueNotice = z
  .object({
    id: recordId('ntc'),
    caseId: recordId('cas'),
    projectId: recordId('prj'),
    projectName: z.string(),
    noticeType: z.enum(NOTICE_TYPES),
    number: z.string(),
    receiptDueOn: isoDate,
    receiptDueAt: timestamp,
    overdueSince: timestamp.meta({ description: 'when the daily deadline sweep flagged the receipt overdue' }),
  })
  .meta({ id: 'OverdueNotice' });
export const overdueNoticePage = page(overdueNotice).meta({ id: 'OverdueNoticePage' });
