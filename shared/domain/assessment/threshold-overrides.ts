/**
 * The assessment thresholds' shape as a zod schema, and the defaults with partial overrides applied and validated:
 * what the pure rules' tests and a preview of other numbers build their thresholds with. Kept apart from
 * thresholds.ts, which every function that judges imports, so those functions do not carry zod for it (issue 13
 * item 3); the rule set stores and validates its own numbers (rule-set.ts `THRESHOLD_RULES`).
 */
import * as z from 'zod/mini';
import { issueMessage, parseInput } from '../../schemas/messages.js';
import { InvalidInputError } from '../errors.js';
import { PROJECT_PHASES } from '../vocabulary.js';
import { deepFreeze } from './frozen.js';
import { type AssessmentThresholds, DEFAULT_ASSESSMENT_THRESHOLDS } from './thresholds.js';

const positive = z.number().check(z.positive());
const positiveInt = z.number().check(z.int(), z.positive());
const points = z.number().check(z.int(), z.gte(0));

/** The shape of the thresholds, for the rule set to validate a stored or overridden set. */
export const assessmentThresholdsSchema = z
  .object({
    tierWeights: z.object({
      government: z.number().check(z.gte(0)),
      enterprise: z.number().check(z.gte(0)),
      self: z.number().check(z.gte(0)),
    }),
    falsification: z.object({ marginPoints: z.number().check(z.gte(0)), statementWorkingDays: positiveInt }),
    dueDates: z.object({ enterpriseWorkingDaysAfterQuarter: positiveInt }),
    penalty: z.object({
      windowMonths: positiveInt,
      levels: z.array(positiveInt).check(z.minLength(1)),
      lateSelf: z.object({ enterprise: points, person: points }),
      lateEnterprise: z.object({ enterprise: points }),
      missingTier: z.object({ enterprise: points, person: points }),
      falsification: z.object({ enterprise: points, person: points }),
      measures: z.object({
        rectificationOrder: points,
        smallFine: points,
        largeFine: points,
        largeFineFromYuan: positive,
      }),
    }),
    ranking: z.object({
      excludedPhases: z.array(z.enum(PROJECT_PHASES)),
      rankPoints: z.object({
        full: positive,
        ranksPerStep: positiveInt,
        step: z.number().check(z.gte(0)),
        floor: z.number().check(z.gte(0)),
      }),
      bottomShare: z.number().check(z.gt(0), z.lte(1)),
      bottomMinimumRanked: positiveInt,
    }),
    enterpriseSupervision: z.object({
      supervisedProjectsAtOnce: positiveInt,
      pointsInWindow: positiveInt,
      agencyInspectionsPerProjectPerMonth: positiveInt,
      enterpriseInspectionsPerProjectPerQuarter: positiveInt,
    }),
    governmentAssessmentsPerQuarter: positiveInt,
  })
  .check(
    z.superRefine((value, ctx) => {
      const weights = value.tierWeights;
      if (weights.government + weights.enterprise + weights.self <= 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['tierWeights'],
          ...issueMessage({ zh: '至少一种评估的权重须大于 0', en: 'at least one tier must have a weight' }),
        });
      }
      const levels = value.penalty.levels;
      if (levels.some((level, i) => i > 0 && level <= (levels[i - 1] ?? 0))) {
        ctx.addIssue({
          code: 'custom',
          path: ['penalty', 'levels'],
          ...issueMessage({ zh: '各档分值须逐档递增', en: 'levels must increase' }),
        });
      }
    }),
  );

/** Partial overrides: any group may be replaced in part. */
export type AssessmentThresholdOverrides = {
  [K in keyof AssessmentThresholds]?: AssessmentThresholds[K] extends Readonly<Record<string, unknown>>
    ? Partial<AssessmentThresholds[K]>
    : AssessmentThresholds[K];
};

/**
 * The defaults with `overrides` applied group by group, validated; refuses a set that cannot work (negative points,
 * decreasing levels, no tier weighted) with the fields at fault.
 */
export function resolveAssessmentThresholds(overrides: AssessmentThresholdOverrides = {}): AssessmentThresholds {
  const merged: Record<string, unknown> = {};
  for (const key of Object.keys(DEFAULT_ASSESSMENT_THRESHOLDS) as Array<keyof AssessmentThresholds>) {
    const base = DEFAULT_ASSESSMENT_THRESHOLDS[key];
    const override = overrides[key];
    merged[key] =
      override !== undefined && typeof base === 'object' && !Array.isArray(base)
        ? { ...(base as object), ...(override as object) }
        : (override ?? base);
  }
  const parsed = parseInput(assessmentThresholdsSchema, merged);
  if (!parsed.success) {
    const fields = parsed.fields.map(({ field, message }) => ({ field: `thresholds.${field}`, message }));
    throw new InvalidInputError(
      {
        zh: `评估规则参数无效：${fields.map((f) => `${f.field}：${f.message.zh}`).join('；')}`,
        en: `invalid assessment thresholds: ${fields.map((f) => `${f.field} ${f.message.en}`).join('; ')}`,
      },
      fields,
    );
  }
  return deepFreeze(parsed.data as AssessmentThresholds);
}
