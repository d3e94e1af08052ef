/**
 * Rankings (SPEC §6.4) and enterprise-level supervision (SPEC §6.5): requests and response shapes. The responses
 * are `passthrough` where the API adds fields beyond SPEC's minimum.
 */
import * as z from 'zod';
import { GRADES } from '../domain/assessment/scoring.js';
import { ENTERPRISE_CASE_STATUSES, ENTERPRISE_GROUNDS } from '../domain/enterprise-case.js';
import { LIST_KEYS, RANKED_UNIT_ROLES } from '../domain/ranking.js';
import { PROJECT_CATEGORIES } from '../domain/vocabulary.js';
import { timelineEntry } from './cases.js';
import { creditCode, isoDate, paginationQuery, recordId, text, timestamp } from './common.js';
import { message } from './messages.js';

export const quarter = z
  .string()
  .regex(/^\d{4}Q[1-4]$/, message({ zh: '季度应写作“年份Q季度”，如 2026Q3', en: 'a quarter as YYYYQn, e.g. 2026Q3' }))
  .meta({ example: '2026Q3' });

export const quarterParams = z.object({ quarter });
export const rankingRunParams = z.object({ runId: recordId('rkr') });
export const rankingListParams = z.object({ quarter, list: z.enum(LIST_KEYS) });

export const startRankingBody = z
  .strictObject({
    quarter,
    reason: text(2000)
      .optional()
      .meta({ description: 'required once the quarter is published: the run makes the next revision, a correction' }),
  })
  .meta({ id: 'StartRanking' });

export const publishRankingBody = z
  .strictObject({
    revision: z
      .number()
      .int()
      .min(1)
      .optional()
      .meta({ description: 'the revision the officer reviewed: refused (409) unless it is the latest' }),
  })
  .default({})
  .meta({ id: 'PublishRanking' });

const revisionParam = z.coerce.number().int().min(1).max(9999).optional();
const limitParam = z.coerce.number().int().min(1).max(1000).optional();

export const rankingQuery = z.object({
  revision: revisionParam.meta({ description: 'a revision of the quarter; the latest when absent' }),
  limit: limitParam.meta({ description: 'entries per list, at most (1000 by default)' }),
});

export const rankingListQuery = z.object({
  revision: revisionParam,
  limit: limitParam,
  nextToken: z.string().max(200).optional(),
  district: z
    .string()
    .trim()
    .min(1)
    .max(50)
    .optional()
    .meta({
      description:
        'only the entries of this district (区县), each with its place in the whole list; `total` counts them. ' +
        'Project lists and the districts list; refused (400) for enterprises and persons, which are ranked city-wide',
      example: '通州区',
    }),
});

const grade = z.enum(GRADES);
const place = z.object({ rank: z.number().int().min(1), of: z.number().int().min(1) });

export const projectRankEntry = z
  .object({
    rank: z.number().int().min(1),
    of: z.number().int().min(1),
    score: z.number(),
    grade: grade.nullable(),
    projectId: recordId('prj'),
    name: z.string(),
    district: z.string(),
    category: z.enum(PROJECT_CATEGORIES),
    fatalIncident: z.boolean(),
    districtRank: place.meta({ description: 'its place within its district in its category (SPEC §6.5 cut)' }),
  })
  .meta({ id: 'ProjectRankEntry' });

export const enterpriseRankEntry = z
  .object({
    rank: z.number().int().min(1),
    of: z.number().int().min(1),
    score: z.number(),
    grade,
    creditCode: z.string(),
    name: z.string(),
    projects: z.number().int().min(1),
    rankPoints: z.number(),
  })
  .meta({ id: 'EnterpriseRankEntry' });

export const personRankEntry = z
  .object({
    rank: z.number().int().min(1),
    of: z.number().int().min(1),
    score: z.number(),
    grade,
    registrationNo: z.string(),
    name: z.string(),
    enterpriseCreditCode: z.string(),
    enterpriseName: z.string(),
    projects: z.number().int().min(1),
    rankPoints: z.number(),
  })
  .meta({ id: 'PersonRankEntry' });

export const districtRankEntry = z
  .object({
    rank: z.number().int().min(1),
    of: z.number().int().min(1),
    score: z.number(),
    grade,
    district: z.string(),
    projects: z.number().int().min(1),
    excellentShare: z.number().min(0).max(1).meta({ description: 'share of its ranked projects graded 优良' }),
  })
  .meta({ id: 'DistrictRankEntry' });

const publication = z.object({
  revision: z.number().int().min(1),
  publishedOn: isoDate,
  publishedAt: timestamp.nullable(),
  reason: z.string().nullable(),
});

const rankingSummaryShape = {
  quarter,
  status: z.enum(['draft', 'published']),
  revision: z.number().int().min(1),
  reason: z.string().nullable().meta({ description: 'why this revision was computed (a correction’s reason)' }),
  runId: recordId('rkr'),
  rankedOn: isoDate,
  computedAt: timestamp.nullable(),
  publishedAt: timestamp.nullable(),
  publishedOn: isoDate.nullable(),
  ruleSetVersion: z.string(),
  totals: z.record(z.string(), z.number().int().min(0)),
  publications: z.array(publication),
  latestRevision: z.number().int().min(1),
  runInFlight: z.string().nullable(),
};

export const rankingSummary = z.object(rankingSummaryShape).meta({ id: 'RankingSummary' });

export const ranking = z
  .object({
    ...rankingSummaryShape,
    lists: z.object({
      projects: z.object(
        Object.fromEntries(PROJECT_CATEGORIES.map((category) => [category, z.array(projectRankEntry)])) as Record<
          (typeof PROJECT_CATEGORIES)[number],
          z.ZodArray<typeof projectRankEntry>
        >,
      ),
      enterprises: z.object(
        Object.fromEntries(RANKED_UNIT_ROLES.map((role) => [role, z.array(enterpriseRankEntry)])) as Record<
          (typeof RANKED_UNIT_ROLES)[number],
          z.ZodArray<typeof enterpriseRankEntry>
        >,
      ),
      persons: z.object({
        project_manager: z.array(personRankEntry),
        chief_supervising_engineer: z.array(personRankEntry),
      }),
      districts: z.array(districtRankEntry),
    }),
    more: z
      .record(z.string(), z.string())
      .meta({ description: 'lists longer than `limit`: the token of their next page (GET …/lists/{list})' }),
  })
  .meta({ id: 'Ranking' });

export const rankingListPage = z
  .object({
    quarter,
    revision: z.number().int().min(1),
    status: z.enum(['draft', 'published']),
    list: z.enum(LIST_KEYS),
    total: z.number().int().min(0),
    items: z.array(z.union([projectRankEntry, enterpriseRankEntry, personRankEntry, districtRankEntry])),
    nextToken: z.string().nullable(),
  })
  .meta({ id: 'RankingListPage' });

export const rankingQuarters = z
  .object({
    items: z.array(
      z.object({
        quarter,
        revision: z.number().int().min(1),
        status: z.enum(['draft', 'published']),
        publishedRevision: z.number().int().min(1).nullable(),
        publishedOn: isoDate.nullable(),
        runInFlight: z.string().nullable(),
      }),
    ),
    nextToken: z.null(),
  })
  .meta({ id: 'RankingQuarters' });

export const rankingRun = z
  .object({
    runId: recordId('rkr'),
    quarter,
    revision: z.number().int().min(1),
    recomputesDraft: z.boolean(),
    reason: z.string().nullable(),
    trigger: z.enum(['schedule', 'officer']),
    status: z.enum(['running', 'succeeded', 'failed']),
    startedAt: timestamp,
    finishedAt: timestamp.nullable(),
    rankedOn: isoDate,
    progress: z.object({
      batches: z.number().int().nullable(),
      batchesDone: z.number().int(),
      projects: z.number().int().nullable(),
      projectsDone: z.number().int(),
    }),
    projectsAssessed: z.number().int(),
    pointsCharged: z.number().int().meta({ description: 'ledger entries charged for missing assessments' }),
    ranked: z.record(z.string(), z.number().int()).nullable(),
    error: z.string().nullable(),
  })
  .meta({ id: 'RankingRun' });

// ---------------------------------------------------------------------------------------------------------------
// enterprise-level supervision

export const enterpriseCaseParams = z.object({ enterpriseCaseId: recordId('ecs') });
export const listEnterpriseCasesQuery = paginationQuery.extend({ status: z.enum(ENTERPRISE_CASE_STATUSES).optional() });
export const dismissEnterpriseCaseBody = z.object({ reason: text(2000) }).meta({ id: 'DismissEnterpriseCase' });
export const confirmEnterpriseCaseBody = z
  .object({ note: text(2000).optional() })
  .default({})
  .meta({ id: 'ConfirmEnterpriseCase' });
export const recordTalkBody = z
  .strictObject({
    date: isoDate,
    attendees: z.array(text(100)).min(1).max(50).meta({ description: 'who took part (names, in Chinese)' }),
    summary: text(4000),
  })
  .meta({ id: 'RecordTalk' });

const ground = z.object({
  ground: z.enum(ENTERPRISE_GROUNDS),
  name: z.string(),
  explanation: z.string(),
  evidence: z.array(z.string()),
});

export const enterpriseCaseSummary = z
  .object({
    id: recordId('ecs'),
    creditCode,
    name: z.string(),
    status: z.enum(ENTERPRISE_CASE_STATUSES),
    grounds: z.array(z.enum(ENTERPRISE_GROUNDS)),
    proposedAt: timestamp,
    includedOn: isoDate.nullable(),
    releasedOn: isoDate.nullable(),
  })
  .meta({ id: 'EnterpriseCaseSummary' });

export const enterpriseCasePage = z
  .object({ items: z.array(enterpriseCaseSummary), nextToken: z.string().nullable() })
  .meta({ id: 'EnterpriseCasePage' });

export const enterpriseTalk = z
  .object({
    id: recordId('tlk'),
    date: isoDate,
    attendees: z.array(z.string()),
    summary: z.string(),
    recordedAt: timestamp,
    recordedBy: z.string(),
  })
  .meta({ id: 'EnterpriseTalk' });

export const enterpriseCase = z
  .object({
    id: recordId('ecs'),
    creditCode,
    name: z.string(),
    roles: z.array(z.enum(RANKED_UNIT_ROLES)),
    status: z.enum(ENTERPRISE_CASE_STATUSES),
    grounds: z.array(ground),
    proposedAt: timestamp,
    proposedOn: isoDate,
    includedOn: isoDate.nullable(),
    dismissedOn: isoDate.nullable(),
    dismissReason: z.string().nullable(),
    releasedOn: isoDate.nullable(),
    ruleSetVersion: z.string(),
    projects: z
      .array(
        z.object({
          projectId: z.string(),
          name: z.string(),
          district: z.string(),
          phase: z.string(),
          role: z.enum(RANKED_UNIT_ROLES),
          caseId: z.string().nullable().meta({ description: 'its differentiated-supervision case while active' }),
        }),
      )
      .meta({ description: 'the projects it takes part in (developer, general contractor, supervisor)' }),
    talks: z.array(enterpriseTalk),
    timeline: z.array(timelineEntry),
    timelineIntact: z.boolean(),
  })
  .passthrough()
  .meta({ id: 'EnterpriseCase' });
