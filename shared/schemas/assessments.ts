/**
 * The status assessment's API shapes (SPEC §6.1–6.3). Deductions are checked against the scheme by the domain
 * (shared/domain/assessment/scoring.ts): the schema checks the shape, the scheme decides what a table holds.
 */
import * as z from 'zod';
import { GRADES } from '../domain/assessment/scoring.js';
import { ASSESSMENT_TIERS } from '../domain/assessment/thresholds.js';
import { PENALTY_CODES, PENALTY_SUBJECT_KINDS } from '../domain/penalty-points.js';
import { PROJECT_PHASES, UNIT_ROLES } from '../domain/vocabulary.js';
import { creditCode, isoDate, recordId, text, timestamp } from './common.js';

const period = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$|^\d{4}Q[1-4]$/, 'a month YYYY-MM (self) or a quarter YYYYQn (enterprise, government)')
  .meta({ example: '2026-10' });
const schemeId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9.-]{0,63}$/, 'a scheme id such as jgj59-2011')
  .meta({ example: 'jgj59-2011' });
const entityId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'an id of the scheme, such as B.3.7');
const score = z.number().min(0).max(100);

export const schemeIdParams = z.object({ schemeId });
export const assessmentIdParams = z.object({ assessmentId: recordId('asm') });
export const assessmentLinkParams = z.object({ projectId: recordId('prj'), linkId: recordId('alk') });

export const createAssessmentLinkBody = z
  .object({
    unitCreditCode: creditCode,
    validDays: z
      .number()
      .int()
      .min(1)
      .max(93, 'at most 93 days (a quarter and its re-assessment)')
      .meta({ description: 'days the link works: at most 93' }),
  })
  .meta({ id: 'CreateAssessmentLink' });

export const assessmentLink = z
  .object({ url: z.string(), token: z.string(), expiresAt: timestamp })
  .passthrough()
  .meta({ id: 'AssessmentLink' });

const itemInput = z.object({
  itemId: entityId,
  deduction: z.number().min(0).max(100).meta({ description: '扣减分数: at most the item’s maximum (400 above it)' }),
  notApplicable: z.boolean().optional().meta({ description: '不涉及' }),
  note: text(500).optional(),
});
const tableInput = z.object({
  tableId: entityId,
  notApplicable: z.boolean().optional().meta({ description: '不涉及: the whole table drops out' }),
  items: z.array(itemInput).max(40),
});

const assessmentFields = {
  period,
  schemeId,
  tables: z
    .array(tableInput)
    .min(1)
    .max(60)
    .meta({ description: 'every table of the scheme, 不涉及 ones marked: a table left out is refused' }),
  signedBy: z.object({ name: text(50), registrationNo: text(50).optional() }),
};

/** `POST /v1/assessments` (an assessment link's token): a self-assessment or an enterprise re-assessment. */
export const submitAssessmentBody = z
  .object({ tier: z.enum(['self', 'enterprise']), ...assessmentFields })
  .meta({ id: 'SubmitAssessment' });

/** `POST /v1/projects/{projectId}/assessments` (inspector): a government assessment, tied to an inspection. */
export const submitGovernmentAssessmentBody = z
  .object({
    tier: z.literal('government'),
    ...assessmentFields,
    inspectionId: recordId('ins'),
    inspectors: z
      .array(text(50))
      .min(2, 'a government assessment is made by two or more inspectors (双人执法)')
      .max(20)
      .refine((names) => new Set(names).size === names.length, 'the same inspector is listed twice'),
  })
  .meta({ id: 'SubmitGovernmentAssessment' });

export const listAssessmentsQuery = z.object({
  period: period.optional().meta({ description: 'a month (its self-assessments) or a quarter (all of it)' }),
});

export const statementBody = z
  .object({ statement: text(5000).meta({ description: '陈述: the unit’s explanation' }) })
  .meta({ id: 'FalsificationStatement' });

export const falsificationDecisionBody = z
  .object({ finding: z.enum(['confirmed', 'cleared']), reason: text(2000) })
  .meta({ id: 'FalsificationDecision' });

const falsification = z
  .object({
    status: z.enum(['suspected', 'confirmed', 'cleared']),
    suspectedAt: timestamp,
    statementDueAt: timestamp,
    grounds: z.array(z.string()),
    governmentAssessmentId: z.string(),
    statement: z.object({ text: z.string(), madeAt: timestamp }).nullable(),
    decision: z
      .object({ finding: z.enum(['confirmed', 'cleared']), reason: z.string(), decidedAt: timestamp })
      .passthrough()
      .nullable(),
  })
  .nullable();

export const assessment = z
  .object({
    id: recordId('asm'),
    projectId: recordId('prj'),
    tier: z.enum(ASSESSMENT_TIERS),
    period,
    quarter: z.string(),
    unitCreditCode: z.string().optional(),
    score,
    grade: z.enum(GRADES),
    tables: z.array(z.object({ tableId: z.string(), score: score.nullable(), zeroed: z.boolean() })),
    categories: z.array(
      z.object({ categoryId: z.string(), score: score.nullable(), weight: z.number(), applicable: z.boolean() }),
    ),
    submittedAt: timestamp,
    dueAt: timestamp.nullable(),
    late: z.boolean(),
    falsification,
    inForce: z.boolean(),
    ruleSetVersion: z.string(),
  })
  .passthrough()
  .meta({ id: 'Assessment' });

const tierPart = z.object({
  tier: z.enum(ASSESSMENT_TIERS),
  count: z.number().int(),
  mean: score.nullable(),
  weight: z.number(),
  share: z.number(),
});

export const quarterStanding = z
  .object({
    projectId: recordId('prj'),
    quarter: z.string(),
    score: score.nullable(),
    grade: z.enum(GRADES).nullable(),
    tiers: z.array(tierPart),
    fatalIncident: z.boolean(),
    ruleSetVersion: z.string(),
  })
  .passthrough()
  .meta({ id: 'QuarterStanding' });

export const projectAssessments = z
  .object({
    projectId: recordId('prj'),
    period: z.string().nullable(),
    items: z.array(assessment),
    quarter: quarterStanding.nullable(),
  })
  .meta({ id: 'ProjectAssessments' });

export const assessmentContext = z
  .object({
    project: z.object({ id: z.string(), name: z.string(), phase: z.enum(PROJECT_PHASES) }).passthrough(),
    unit: z.object({ name: z.string(), role: z.enum(UNIT_ROLES), creditCode: z.string() }).passthrough(),
    schemeId: z.string(),
    today: isoDate,
    due: z.array(
      z
        .object({ tier: z.enum(['self', 'enterprise']), period: z.string(), dueAt: timestamp, overdue: z.boolean() })
        .passthrough(),
    ),
    phaseDefaults: z.array(z.object({ tableId: z.string(), applicable: z.boolean(), reason: z.string() })),
    assessments: z.array(assessment),
  })
  .passthrough()
  .meta({ id: 'AssessmentContext' });

export const scheme = z
  .object({
    id: z.string(),
    revision: z.number().int(),
    name: z.string(),
    standard: z.string(),
    categories: z.array(
      z.object({ id: z.string(), name: z.string(), weight: z.number(), tableIds: z.array(z.string()) }).passthrough(),
    ),
    tables: z.array(
      z
        .object({
          id: z.string(),
          name: z.string(),
          items: z.array(
            z
              .object({
                id: z.string(),
                name: z.string(),
                kind: z.enum(['guaranteed', 'general']),
                maximum: z.number(),
              })
              .passthrough(),
          ),
        })
        .passthrough(),
    ),
  })
  .passthrough()
  .meta({ id: 'AssessmentScheme' });

// penalty points (SPEC §6.3)

const subject = z.object({
  kind: z.enum(PENALTY_SUBJECT_KINDS),
  id: text(50).meta({ description: 'the credit code of an enterprise, the registration number of a person' }),
  name: text(200),
});

export const penaltyPointsQuery = z
  .object({
    subjectKind: z.enum(PENALTY_SUBJECT_KINDS),
    subjectId: text(50),
    asOf: isoDate.optional().meta({ description: 'the day the standing is counted on (default today)' }),
  })
  .superRefine((query, ctx) => {
    if (query.subjectKind === 'enterprise' && !creditCode.safeParse(query.subjectId).success) {
      ctx.addIssue({ code: 'custom', path: ['subjectId'], message: 'an enterprise is named by its credit code' });
    }
  });

export const recordPenaltyPointsBody = z
  .object({
    subject: subject.superRefine((value, ctx) => {
      if (value.kind === 'enterprise' && !creditCode.safeParse(value.id).success) {
        ctx.addIssue({ code: 'custom', path: ['id'], message: 'an enterprise is named by its credit code' });
      }
    }),
    points: z.union([z.literal(1), z.literal(2), z.literal(3)]).meta({
      description: '1 责令改正, 2 a fine under ¥10,000, 3 a fine of ¥10,000 or more',
    }),
    reason: text(2000),
    documentNo: text(100).meta({ description: 'the document that imposed the measure (文书编号)' }),
  })
  .meta({ id: 'RecordPenaltyPoints' });

export const penaltyEntryParams = z.object({ entryId: recordId('pts') });
export const revokePenaltyPointsBody = z.object({ reason: text(2000) }).meta({ id: 'RevokePenaltyPoints' });

export const penaltyEntry = z
  .object({
    id: recordId('pts'),
    subject: z.object({ kind: z.enum(PENALTY_SUBJECT_KINDS), id: z.string(), name: z.string() }),
    points: z.number().int(),
    code: z.enum(PENALTY_CODES),
    reason: z.string(),
    source: z.object({ kind: z.string() }).passthrough(),
    on: isoDate,
    ruleSetVersion: z.string(),
    revoked: z.boolean(),
  })
  .passthrough()
  .meta({ id: 'PenaltyEntry' });

export const penaltyLedger = z
  .object({
    subject: z.object({ kind: z.enum(PENALTY_SUBJECT_KINDS), id: z.string(), name: z.string().nullable() }),
    entries: z.array(penaltyEntry),
    totalInWindow: z.number().int(),
    thresholdsReached: z.array(z.number().int()),
  })
  .passthrough()
  .meta({ id: 'PenaltyLedger' });
