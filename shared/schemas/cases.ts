import * as z from 'zod/mini';
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
import { described } from './described.js';
import { condition } from './intake.js';
import { documentStatus, issuedDocument } from './issued-documents.js';

export const caseIdParams = z.object({ caseId: recordId('cas') });
export const uploadLinkParams = z.object({ caseId: recordId('cas'), linkId: recordId('lnk') });
export const noticeIdParams = z.object({ noticeId: recordId('ntc') });

export const listCasesQuery = z.extend(paginationQuery, {
  status: z.optional(z.enum(CASE_STATUSES)),
  level: z.optional(z.coerce.number().check(z.int(), z.gte(0), z.lte(3))),
  district: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(50))),
});

export const dismissCaseBody = described(z.object({ reason: text(2000) }), { id: 'DismissCase' });
export const confirmCaseBody = described(z._default(z.object({ note: z.optional(text(2000)) }), {}), {
  id: 'ConfirmCase',
});

export const extendCycleBody = described(
  z.object({ months: z.union([z.literal(1), z.literal(2)]), reason: text(2000) }),
  { id: 'ExtendCycle' },
);

export const createUploadLinkBody = described(
  z.object({
    unitCreditCode: creditCode,
    docTypes: z.optional(z.array(z.enum(DOCUMENT_TYPES)).check(z.minLength(1))),
    validDays: z.number().check(z.int(), z.gte(1), z.lte(31)),
  }),
  { id: 'CreateUploadLink' },
);

export const notice = described(
  z.object({
    id: recordId('ntc'),
    caseId: recordId('cas'),
    type: z.enum(NOTICE_TYPES),
    number: described(z.string(), { example: '通住建差监告〔2026〕1号' }),
    issuedOn: isoDate,
    receiptDueOn: isoDate,
    receiptDueAt: timestamp,
    calendarVersion: z.string(),
    ruleSetVersion: described(z.nullable(z.string()), {
      description: 'the rule-set version whose receipt working days the deadline counts',
    }),
    acknowledgedAt: z.nullable(timestamp),
    documentSha256: described(z.nullable(z.string()), { description: 'null until the PDF is rendered' }),
    documentStatus,
    rankingBasis: described(z.nullable(z.string()), {
      description: 'an inclusion notice of a case proposed by a published ranking: the ranking it states (SPEC §6.5)',
    }),
  }),
  { id: 'Notice' },
);

export const cycle = described(
  z.object({
    index: z.number().check(z.int(), z.gte(1)),
    start: isoDate,
    end: isoDate,
    extendedMonths: z.number().check(z.int(), z.gte(0), z.lte(2)),
    verdict: z.nullable(z.enum(VERDICTS)),
    levelAfter: z.nullable(z.number().check(z.int(), z.gte(0), z.lte(3))),
    evaluatedAt: z.nullable(timestamp),
    ruleSetVersion: described(z.nullable(z.string()), {
      description: 'the rule-set version the verdict was judged by',
    }),
  }),
  { id: 'Cycle' },
);

export const timelineEntry = described(
  z.object({
    seq: z.number().check(z.int(), z.gte(1)),
    at: timestamp,
    actor: z.string(),
    action: z.string(),
    detail: z.record(z.string(), z.unknown()),
    evidence: z.array(z.string()),
    previousHash: z.string(),
    hash: z.string(),
  }),
  { id: 'TimelineEntry' },
);

export const supervisionCase = described(
  z.looseObject({
    id: recordId('cas'),
    projectId: recordId('prj'),
    projectName: z.string(),
    district: z.string(),
    status: z.enum(CASE_STATUSES),
    level: z.number().check(z.int(), z.gte(0), z.lte(3)),
    conditions: z.array(condition),
    ruleSetVersion: described(z.string(), {
      description: 'the rule-set version in force today, used for `conditions`',
    }),
    proposedRuleSetVersion: described(z.string(), { description: 'the rule-set version of the proposal' }),
    includedRuleSetVersion: described(z.nullable(z.string()), {
      description: 'the rule-set version of the inclusion',
    }),
    basis: described(z.enum(['conditions', 'ranking']), {
      description: 'what the proposal rests on: the six conditions, or a published ranking (SPEC §6.5)',
    }),
    ranking: described(
      z.nullable(
        z.object({
          quarter: described(z.string(), { example: '2026Q3' }),
          revision: z.number().check(z.int(), z.gte(1)),
          grounds: z.array(z.enum(['bottom_of_ranking', 'government_fail'])),
          entryId: described(z.string(), { description: 'the ranking entry record: evidence' }),
          category: z.string(),
          district: z.string(),
          score: z.number(),
          grade: z.nullable(z.string()),
          categoryRank: z.nullable(z.object({ rank: z.number().check(z.int()), of: z.number().check(z.int()) })),
          districtRank: z.nullable(z.object({ rank: z.number().check(z.int()), of: z.number().check(z.int()) })),
          assessmentIds: described(z.array(z.string()), {
            description: "the quarter's assessments it was scored on: evidence",
          }),
          statement: described(z.string(), {
            description: 'the ranking in one sentence, as the inclusion notice states it',
          }),
        }),
      ),
      { description: 'for basis `ranking`: the published ranking the proposal rests on' },
    ),
    proposedAt: timestamp,
    notices: z.array(notice),
    issuedDocuments: described(z.array(issuedDocument), {
      description: 'the documents issued for the case: notices, group orders, the municipal report',
    }),
    cycles: z.array(cycle),
    timeline: z.array(timelineEntry),
  }),
  { id: 'Case' },
);

export const uploadLink = described(z.object({ url: z.string(), token: z.string(), expiresAt: timestamp }), {
  id: 'UploadLink',
});

/** `GET /v1/overdue/hazards` and `/v1/overdue/notices` (SPEC §7 dashboard): a page, the latest deadline first. */
export const overdueQuery = paginationQuery;

export const overdueHazard = described(
  z.object({
    id: recordId('haz'),
    projectId: recordId('prj'),
    projectName: z.string(),
    caseId: described(z.nullable(recordId('cas')), {
      description: 'the case it counts against; null without an open case',
    }),
    category: z.enum(HAZARD_CATEGORIES),
    severity: z.enum(SEVERITIES),
    unitCreditCode: creditCode,
    description: z.string(),
    deadline: isoDate,
    status: z.enum(HAZARD_STATUSES),
    overdueSince: described(isoDate, { description: 'the day the daily deadline sweep flagged it' }),
  }),
  { id: 'OverdueHazard' },
);
export const overdueHazardPage = described(page(overdueHazard), { id: 'OverdueHazardPage' });

export const overdueNotice = described(
  z.object({
    id: recordId('ntc'),
    caseId: recordId('cas'),
    projectId: recordId('prj'),
    projectName: z.string(),
    noticeType: z.enum(NOTICE_TYPES),
    number: z.string(),
    receiptDueOn: isoDate,
    receiptDueAt: timestamp,
    overdueSince: described(timestamp, { description: 'when the daily deadline sweep flagged the receipt overdue' }),
  }),
  { id: 'OverdueNotice' },
);
export const overdueNoticePage = described(page(overdueNotice), { id: 'OverdueNoticePage' });
