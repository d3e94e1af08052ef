/**
 * The status assessment's API shapes (SPEC §6.1–6.3). Deductions are checked against the scheme by the domain
 * (shared/domain/assessment/scoring.ts): the schema checks the shape, the scheme decides what a table holds.
 */
import * as z from 'zod/mini';
import { GRADES } from '../domain/assessment/scoring.js';
import { ASSESSMENT_TIERS } from '../domain/assessment/thresholds.js';
import { PENALTY_CODES, PENALTY_SUBJECT_KINDS } from '../domain/penalty-points.js';
import { PROJECT_PHASES, UNIT_ROLES } from '../domain/vocabulary.js';
import { creditCode, isoDate, recordId, text, timestamp } from './common.js';
import { described } from './described.js';
import { issueMessage, message } from './messages.js';

const period = described(
  z.string().check(
    z.regex(
      /^\d{4}-(0[1-9]|1[0-2])$|^\d{4}Q[1-4]$/,
      message({
        zh: '评估期间应为月份 YYYY-MM（项目自评，如 2026-10）或季度 YYYYQn（企业再评、政府评估，如 2026Q4）',
        en: 'a month YYYY-MM (self) or a quarter YYYYQn (enterprise, government)',
      }),
    ),
  ),
  { example: '2026-10' },
);
const schemeId = described(
  z
    .string()
    .check(
      z.regex(
        /^[a-z0-9][a-z0-9.-]{0,63}$/,
        message({ zh: '评估指标体系编号格式不正确，如 jgj59-2011', en: 'a scheme id such as jgj59-2011' }),
      ),
    ),
  { example: 'jgj59-2011' },
);
const entityId = z
  .string()
  .check(
    z.regex(
      /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/,
      message({ zh: '应为评估指标体系中的编号，如 B.3.7', en: 'an id of the scheme, such as B.3.7' }),
    ),
  );
const score = z.number().check(z.gte(0), z.lte(100));

export const schemeIdParams = z.object({ schemeId });
export const assessmentIdParams = z.object({ assessmentId: recordId('asm') });
export const assessmentLinkParams = z.object({ projectId: recordId('prj'), linkId: recordId('alk') });

export const createAssessmentLinkBody = described(
  z.object({
    unitCreditCode: creditCode,
    validDays: described(
      z.number().check(
        z.int(),
        z.gte(1),
        z.lte(
          93,
          message({
            zh: '最长 93 天（一个季度及其企业再评）',
            en: 'at most 93 days (a quarter and its re-assessment)',
          }),
        ),
      ),
      { description: 'days the link works: at most 93' },
    ),
  }),
  { id: 'CreateAssessmentLink' },
);

export const assessmentLink = described(z.looseObject({ url: z.string(), token: z.string(), expiresAt: timestamp }), {
  id: 'AssessmentLink',
});

const itemInput = z.object({
  itemId: entityId,
  deduction: described(z.number().check(z.gte(0), z.lte(100)), {
    description: '扣减分数: at most the item’s maximum (400 above it)',
  }),
  notApplicable: described(z.optional(z.boolean()), { description: '不涉及' }),
  note: z.optional(text(500)),
});
const tableInput = z.object({
  tableId: entityId,
  notApplicable: described(z.optional(z.boolean()), { description: '不涉及: the whole table drops out' }),
  items: z.array(itemInput).check(z.maxLength(40)),
});

const assessmentFields = {
  period,
  schemeId,
  tables: described(z.array(tableInput).check(z.minLength(1), z.maxLength(60)), {
    description: 'every table of the scheme, 不涉及 ones marked: a table left out is refused',
  }),
  signedBy: z.object({ name: text(50), registrationNo: z.optional(text(50)) }),
};

/** `POST /v1/assessments` (an assessment link's token): a self-assessment or an enterprise re-assessment. */
export const submitAssessmentBody = described(z.object({ tier: z.enum(['self', 'enterprise']), ...assessmentFields }), {
  id: 'SubmitAssessment',
});

/** `POST /v1/projects/{projectId}/assessments` (inspector): a government assessment, tied to an inspection. */
export const submitGovernmentAssessmentBody = described(
  z.object({
    tier: z.literal('government'),
    ...assessmentFields,
    inspectionId: recordId('ins'),
    inspectors: z.array(text(50)).check(
      z.minLength(
        2,
        message({
          zh: '政府评估须由两名以上监督人员进行（双人执法），请填写全部检查人员',
          en: 'a government assessment is made by two or more inspectors',
        }),
      ),
      z.maxLength(20),
      z.refine(
        (names) => new Set(names).size === names.length,
        message({ zh: '同一检查人员填写了两次，请删去重复的姓名', en: 'the same inspector is listed twice' }),
      ),
    ),
  }),
  { id: 'SubmitGovernmentAssessment' },
);

export const listAssessmentsQuery = z.object({
  period: described(z.optional(period), { description: 'a month (its self-assessments) or a quarter (all of it)' }),
});

export const statementBody = described(
  z.object({ statement: described(text(5000), { description: '陈述: the unit’s explanation' }) }),
  { id: 'FalsificationStatement' },
);

export const falsificationDecisionBody = described(
  z.object({ finding: z.enum(['confirmed', 'cleared']), reason: text(2000) }),
  { id: 'FalsificationDecision' },
);

const falsification = z.nullable(
  z.object({
    status: z.enum(['suspected', 'confirmed', 'cleared']),
    suspectedAt: timestamp,
    statementDueAt: timestamp,
    grounds: z.array(z.string()),
    governmentAssessmentId: z.string(),
    statement: z.nullable(z.object({ text: z.string(), madeAt: timestamp })),
    decision: z.nullable(
      z.looseObject({ finding: z.enum(['confirmed', 'cleared']), reason: z.string(), decidedAt: timestamp }),
    ),
  }),
);

export const assessment = described(
  z.looseObject({
    id: recordId('asm'),
    projectId: recordId('prj'),
    tier: z.enum(ASSESSMENT_TIERS),
    period,
    quarter: z.string(),
    unitCreditCode: z.optional(z.string()),
    score,
    grade: z.enum(GRADES),
    tables: z.array(z.object({ tableId: z.string(), score: z.nullable(score), zeroed: z.boolean() })),
    categories: z.array(
      z.object({ categoryId: z.string(), score: z.nullable(score), weight: z.number(), applicable: z.boolean() }),
    ),
    submittedAt: timestamp,
    dueAt: z.nullable(timestamp),
    late: z.boolean(),
    falsification,
    inForce: z.boolean(),
    ruleSetVersion: z.string(),
  }),
  { id: 'Assessment' },
);

const tierPart = z.object({
  tier: z.enum(ASSESSMENT_TIERS),
  count: z.number().check(z.int()),
  mean: z.nullable(score),
  weight: z.number(),
  share: z.number(),
});

export const quarterStanding = described(
  z.looseObject({
    projectId: recordId('prj'),
    quarter: z.string(),
    score: z.nullable(score),
    grade: z.nullable(z.enum(GRADES)),
    tiers: z.array(tierPart),
    fatalIncident: z.boolean(),
    ruleSetVersion: z.string(),
  }),
  { id: 'QuarterStanding' },
);

export const projectAssessments = described(
  z.object({
    projectId: recordId('prj'),
    period: z.nullable(z.string()),
    items: z.array(assessment),
    quarter: z.nullable(quarterStanding),
  }),
  { id: 'ProjectAssessments' },
);

export const assessmentContext = described(
  z.looseObject({
    project: z.looseObject({ id: z.string(), name: z.string(), phase: z.enum(PROJECT_PHASES) }),
    unit: z.looseObject({ name: z.string(), role: z.enum(UNIT_ROLES), creditCode: z.string() }),
    schemeId: z.string(),
    today: isoDate,
    due: z.array(
      z.looseObject({
        tier: z.enum(['self', 'enterprise']),
        period: z.string(),
        dueAt: timestamp,
        overdue: z.boolean(),
      }),
    ),
    phaseDefaults: z.array(z.object({ tableId: z.string(), applicable: z.boolean(), reason: z.string() })),
    assessments: z.array(assessment),
  }),
  { id: 'AssessmentContext' },
);

export const scheme = described(
  z.looseObject({
    id: z.string(),
    revision: z.number().check(z.int()),
    name: z.string(),
    standard: z.string(),
    categories: z.array(
      z.looseObject({ id: z.string(), name: z.string(), weight: z.number(), tableIds: z.array(z.string()) }),
    ),
    tables: z.array(
      z.looseObject({
        id: z.string(),
        name: z.string(),
        items: z.array(
          z.looseObject({
            id: z.string(),
            name: z.string(),
            kind: z.enum(['guaranteed', 'general']),
            maximum: z.number(),
          }),
        ),
      }),
    ),
  }),
  { id: 'AssessmentScheme' },
);

// penalty points (SPEC §6.3)

const subject = z.object({
  kind: z.enum(PENALTY_SUBJECT_KINDS),
  id: described(text(50), { description: 'the credit code of an enterprise, the registration number of a person' }),
  name: text(200),
});

const ENTERPRISE_BY_CREDIT_CODE = {
  zh: '企业以统一社会信用代码标识：请填写18位统一社会信用代码',
  en: 'an enterprise is named by its credit code',
};

export const penaltyPointsQuery = z
  .object({
    subjectKind: z.enum(PENALTY_SUBJECT_KINDS),
    subjectId: text(50),
    asOf: described(z.optional(isoDate), { description: 'the day the standing is counted on (default today)' }),
  })
  .check(
    z.superRefine((query, ctx) => {
      if (query.subjectKind === 'enterprise' && !creditCode.safeParse(query.subjectId).success) {
        ctx.addIssue({ code: 'custom', path: ['subjectId'], ...issueMessage(ENTERPRISE_BY_CREDIT_CODE) });
      }
    }),
  );

export const recordPenaltyPointsBody = described(
  z.object({
    subject: subject.check(
      z.superRefine((value, ctx) => {
        if (value.kind === 'enterprise' && !creditCode.safeParse(value.id).success) {
          ctx.addIssue({ code: 'custom', path: ['id'], ...issueMessage(ENTERPRISE_BY_CREDIT_CODE) });
        }
      }),
    ),
    points: described(z.union([z.literal(1), z.literal(2), z.literal(3)]), {
      description: '1 责令改正, 2 a fine under ¥10,000, 3 a fine of ¥10,000 or more',
    }),
    reason: text(2000),
    documentNo: described(text(100), { description: 'the document that imposed the measure (文书编号)' }),
  }),
  { id: 'RecordPenaltyPoints' },
);

export const penaltyEntryParams = z.object({ entryId: recordId('pts') });
export const revokePenaltyPointsBody = described(z.object({ reason: text(2000) }), { id: 'RevokePenaltyPoints' });

export const penaltyEntry = described(
  z.looseObject({
    id: recordId('pts'),
    subject: z.object({ kind: z.enum(PENALTY_SUBJECT_KINDS), id: z.string(), name: z.string() }),
    points: z.number().check(z.int()),
    code: z.enum(PENALTY_CODES),
    reason: z.string(),
    source: z.looseObject({ kind: z.string() }),
    on: isoDate,
    ruleSetVersion: z.string(),
    revoked: z.boolean(),
  }),
  { id: 'PenaltyEntry' },
);

export const penaltyLedger = described(
  z.looseObject({
    subject: z.object({ kind: z.enum(PENALTY_SUBJECT_KINDS), id: z.string(), name: z.nullable(z.string()) }),
    entries: z.array(penaltyEntry),
    totalInWindow: z.number().check(z.int()),
    thresholdsReached: z.array(z.number().check(z.int())),
  }),
  { id: 'PenaltyLedger' },
);
