/**
 * Rankings (SPEC §6.4) and enterprise-level supervision (SPEC §6.5): requests and response shapes. The responses
 * are loose (`z.looseObject`) where the API adds fields beyond SPEC's minimum.
 */
import * as z from 'zod/mini';
import { GRADES } from '../domain/assessment/scoring.js';
import { ENTERPRISE_CASE_STATUSES, ENTERPRISE_GROUNDS } from '../domain/enterprise-case.js';
import { LIST_KEYS, RANKED_UNIT_ROLES } from '../domain/ranking.js';
import { PROJECT_CATEGORIES } from '../domain/vocabulary.js';
import { timelineEntry } from './cases.js';
import { creditCode, isoDate, paginationQuery, isoQuarter as quarter, recordId, text, timestamp } from './common.js';
import { described } from './described.js';

export const quarterParams = z.object({ quarter });
export const rankingRunParams = z.object({ runId: recordId('rkr') });
export const rankingListParams = z.object({ quarter, list: z.enum(LIST_KEYS) });

export const startRankingBody = described(
  z.strictObject({
    quarter,
    reason: described(z.optional(text(2000)), {
      description: 'required once the quarter is published: the run makes the next revision, a correction',
    }),
  }),
  { id: 'StartRanking' },
);

export const publishRankingBody = described(
  z._default(
    z.strictObject({
      revision: described(z.optional(z.number().check(z.int(), z.gte(1))), {
        description: 'the revision the officer reviewed: refused (409) unless it is the latest',
      }),
    }),
    {},
  ),
  { id: 'PublishRanking' },
);

const revisionParam = z.optional(z.coerce.number().check(z.int(), z.gte(1), z.lte(9999)));
const limitParam = z.optional(z.coerce.number().check(z.int(), z.gte(1), z.lte(1000)));

export const rankingQuery = z.object({
  revision: described(revisionParam, { description: 'a revision of the quarter; the latest when absent' }),
  limit: described(limitParam, { description: 'entries per list, at most (1000 by default)' }),
});

export const rankingListQuery = z.object({
  revision: revisionParam,
  limit: limitParam,
  nextToken: z.optional(z.string().check(z.maxLength(200))),
  district: described(z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(50))), {
    description:
      'only the entries of this district (区县), each with its place in the whole list; `total` counts them. ' +
      'Project lists and the districts list; refused (400) for enterprises and persons, which are ranked city-wide',
    example: '通州区',
  }),
});

const grade = z.enum(GRADES);
const place = z.object({ rank: z.number().check(z.int(), z.gte(1)), of: z.number().check(z.int(), z.gte(1)) });

export const projectRankEntry = described(
  z.object({
    rank: z.number().check(z.int(), z.gte(1)),
    of: z.number().check(z.int(), z.gte(1)),
    score: z.number(),
    grade: z.nullable(grade),
    projectId: recordId('prj'),
    name: z.string(),
    district: z.string(),
    category: z.enum(PROJECT_CATEGORIES),
    fatalIncident: z.boolean(),
    districtRank: described(place, { description: 'its place within its district in its category (SPEC §6.5 cut)' }),
  }),
  { id: 'ProjectRankEntry' },
);

export const enterpriseRankEntry = described(
  z.object({
    rank: z.number().check(z.int(), z.gte(1)),
    of: z.number().check(z.int(), z.gte(1)),
    score: z.number(),
    grade,
    creditCode: z.string(),
    name: z.string(),
    projects: z.number().check(z.int(), z.gte(1)),
    rankPoints: z.number(),
  }),
  { id: 'EnterpriseRankEntry' },
);

export const personRankEntry = described(
  z.object({
    rank: z.number().check(z.int(), z.gte(1)),
    of: z.number().check(z.int(), z.gte(1)),
    score: z.number(),
    grade,
    registrationNo: z.string(),
    name: z.string(),
    enterpriseCreditCode: z.string(),
    enterpriseName: z.string(),
    projects: z.number().check(z.int(), z.gte(1)),
    rankPoints: z.number(),
  }),
  { id: 'PersonRankEntry' },
);

export const districtRankEntry = described(
  z.object({
    rank: z.number().check(z.int(), z.gte(1)),
    of: z.number().check(z.int(), z.gte(1)),
    score: z.number(),
    grade,
    district: z.string(),
    projects: z.number().check(z.int(), z.gte(1)),
    excellentShare: described(z.number().check(z.gte(0), z.lte(1)), {
      description: 'share of its ranked projects graded 优良',
    }),
  }),
  { id: 'DistrictRankEntry' },
);

const publication = z.object({
  revision: z.number().check(z.int(), z.gte(1)),
  publishedOn: isoDate,
  publishedAt: z.nullable(timestamp),
  reason: z.nullable(z.string()),
});

const rankingSummaryShape = {
  quarter,
  status: z.enum(['draft', 'published']),
  revision: z.number().check(z.int(), z.gte(1)),
  reason: described(z.nullable(z.string()), { description: 'why this revision was computed (a correction’s reason)' }),
  runId: recordId('rkr'),
  rankedOn: isoDate,
  computedAt: z.nullable(timestamp),
  publishedAt: z.nullable(timestamp),
  publishedOn: z.nullable(isoDate),
  ruleSetVersion: z.string(),
  totals: z.record(z.string(), z.number().check(z.int(), z.gte(0))),
  publications: z.array(publication),
  latestRevision: z.number().check(z.int(), z.gte(1)),
  runInFlight: z.nullable(z.string()),
};

export const rankingSummary = described(z.object(rankingSummaryShape), { id: 'RankingSummary' });

export const ranking = described(
  z.object({
    ...rankingSummaryShape,
    lists: z.object({
      projects: z.object(
        Object.fromEntries(PROJECT_CATEGORIES.map((category) => [category, z.array(projectRankEntry)])) as Record<
          (typeof PROJECT_CATEGORIES)[number],
          z.ZodMiniArray<typeof projectRankEntry>
        >,
      ),
      enterprises: z.object(
        Object.fromEntries(RANKED_UNIT_ROLES.map((role) => [role, z.array(enterpriseRankEntry)])) as Record<
          (typeof RANKED_UNIT_ROLES)[number],
          z.ZodMiniArray<typeof enterpriseRankEntry>
        >,
      ),
      persons: z.object({
        project_manager: z.array(personRankEntry),
        chief_supervising_engineer: z.array(personRankEntry),
      }),
      districts: z.array(districtRankEntry),
    }),
    more: described(z.record(z.string(), z.string()), {
      description: 'lists longer than `limit`: the token of their next page (GET …/lists/{list})',
    }),
  }),
  { id: 'Ranking' },
);

export const rankingListPage = described(
  z.object({
    quarter,
    revision: z.number().check(z.int(), z.gte(1)),
    status: z.enum(['draft', 'published']),
    list: z.enum(LIST_KEYS),
    total: z.number().check(z.int(), z.gte(0)),
    items: z.array(z.union([projectRankEntry, enterpriseRankEntry, personRankEntry, districtRankEntry])),
    nextToken: z.nullable(z.string()),
  }),
  { id: 'RankingListPage' },
);

export const rankingQuarters = described(
  z.object({
    items: z.array(
      z.object({
        quarter,
        revision: z.number().check(z.int(), z.gte(1)),
        status: z.enum(['draft', 'published']),
        publishedRevision: z.nullable(z.number().check(z.int(), z.gte(1))),
        publishedOn: z.nullable(isoDate),
        runInFlight: z.nullable(z.string()),
      }),
    ),
    nextToken: z.null(),
  }),
  { id: 'RankingQuarters' },
);

export const rankingRun = described(
  z.object({
    runId: recordId('rkr'),
    quarter,
    revision: z.number().check(z.int(), z.gte(1)),
    recomputesDraft: z.boolean(),
    reason: z.nullable(z.string()),
    trigger: z.enum(['schedule', 'officer']),
    status: z.enum(['running', 'succeeded', 'failed']),
    startedAt: timestamp,
    finishedAt: z.nullable(timestamp),
    rankedOn: isoDate,
    progress: z.object({
      batches: z.nullable(z.number().check(z.int())),
      batchesDone: z.number().check(z.int()),
      projects: z.nullable(z.number().check(z.int())),
      projectsDone: z.number().check(z.int()),
    }),
    projectsAssessed: z.number().check(z.int()),
    pointsCharged: described(z.number().check(z.int()), {
      description: 'ledger entries charged for missing assessments',
    }),
    ranked: z.nullable(z.record(z.string(), z.number().check(z.int()))),
    error: z.nullable(z.string()),
  }),
  { id: 'RankingRun' },
);

// ---------------------------------------------------------------------------------------------------------------
// enterprise-level supervision

export const enterpriseCaseParams = z.object({ enterpriseCaseId: recordId('ecs') });
export const listEnterpriseCasesQuery = z.extend(paginationQuery, {
  status: z.optional(z.enum(ENTERPRISE_CASE_STATUSES)),
});
export const dismissEnterpriseCaseBody = described(z.object({ reason: text(2000) }), { id: 'DismissEnterpriseCase' });
export const confirmEnterpriseCaseBody = described(z._default(z.object({ note: z.optional(text(2000)) }), {}), {
  id: 'ConfirmEnterpriseCase',
});
export const recordTalkBody = described(
  z.strictObject({
    date: isoDate,
    attendees: described(z.array(text(100)).check(z.minLength(1), z.maxLength(50)), {
      description: 'who took part (names, in Chinese)',
    }),
    summary: text(4000),
  }),
  { id: 'RecordTalk' },
);

const ground = z.object({
  ground: z.enum(ENTERPRISE_GROUNDS),
  name: z.string(),
  explanation: z.string(),
  evidence: z.array(z.string()),
});

export const enterpriseCaseSummary = described(
  z.object({
    id: recordId('ecs'),
    creditCode,
    name: z.string(),
    status: z.enum(ENTERPRISE_CASE_STATUSES),
    grounds: z.array(z.enum(ENTERPRISE_GROUNDS)),
    proposedAt: timestamp,
    includedOn: z.nullable(isoDate),
    releasedOn: z.nullable(isoDate),
  }),
  { id: 'EnterpriseCaseSummary' },
);

export const enterpriseCasePage = described(
  z.object({ items: z.array(enterpriseCaseSummary), nextToken: z.nullable(z.string()) }),
  { id: 'EnterpriseCasePage' },
);

export const enterpriseTalk = described(
  z.object({
    id: recordId('tlk'),
    date: isoDate,
    attendees: z.array(z.string()),
    summary: z.string(),
    recordedAt: timestamp,
    recordedBy: z.string(),
  }),
  { id: 'EnterpriseTalk' },
);

export const enterpriseCase = described(
  z.looseObject({
    id: recordId('ecs'),
    creditCode,
    name: z.string(),
    roles: z.array(z.enum(RANKED_UNIT_ROLES)),
    status: z.enum(ENTERPRISE_CASE_STATUSES),
    grounds: z.array(ground),
    proposedAt: timestamp,
    proposedOn: isoDate,
    includedOn: z.nullable(isoDate),
    dismissedOn: z.nullable(isoDate),
    dismissReason: z.nullable(z.string()),
    releasedOn: z.nullable(isoDate),
    ruleSetVersion: z.string(),
    projects: described(
      z.array(
        z.object({
          projectId: z.string(),
          name: z.string(),
          district: z.string(),
          phase: z.string(),
          role: z.enum(RANKED_UNIT_ROLES),
          caseId: described(z.nullable(z.string()), {
            description: 'its differentiated-supervision case while active',
          }),
        }),
      ),
      { description: 'the projects it takes part in (developer, general contractor, supervisor)' },
    ),
    talks: z.array(enterpriseTalk),
    timeline: z.array(timelineEntry),
    timelineIntact: z.boolean(),
  }),
  { id: 'EnterpriseCase' },
);
