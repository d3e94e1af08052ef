/**
 * A project's quarter score and grade from the tiers present (SPEC §6.2; seed 004: 项目自评、企业再评、政府评估的三级
 * 安全质量管理体系), and the fatal-incident rule the ranking applies (SPEC §6.2: ranked last whatever its score).
 */
import { InvalidInputError } from '../errors.js';
import { quarterDays, quarterOfPeriod } from './periods.js';
import type { Scheme } from './scheme.js';
import { type Grade, gradeOfScore, roundScore } from './scoring.js';
import { ASSESSMENT_TIERS, type AssessmentThresholds, type AssessmentTier } from './thresholds.js';

/** An assessment in force for the quarter (the latest submission of its tier, period and unit). */
export interface AssessmentInForce {
  tier: AssessmentTier;
  /** 'YYYY-MM' for self, 'YYYYQn' otherwise */
  period: string;
  score: number;
  grade: Grade;
}

/** One tier's part in the quarter score. */
export interface TierPart {
  tier: AssessmentTier;
  /** assessments counted */
  count: number;
  /** their mean, to one decimal; null when the tier is absent */
  mean: number | null;
  /** the tier's weight, and its share after renormalisation over the tiers present (0 when absent) */
  weight: number;
  share: number;
}

/** The quarter score (null when no tier is present) with the parts it was made of. */
export interface QuarterScore {
  quarter: string;
  score: number | null;
  tiers: TierPart[];
}

/**
 * The quarter score of a project (SPEC §6.2): the weighted mean of the tiers present — government 0.6, enterprise
 * (mean of the units' re-assessments) 0.2, self (mean of the monthly self-assessments) 0.2 by default — with absent
 * tiers dropped and the rest renormalised (absence is punished by points, not by the score). Several government
 * assessments in a quarter count by their mean. Each tier mean and the result are rounded to one decimal
 * (GB/T 8170), so the figure can be recomputed from the figures shown.
 *
 * `assessments` are the ones in force (a resubmission replaces the earlier one before it reaches here); one of
 * another quarter is refused, since it would silently change the score.
 */
export function quarterScore(
  quarter: string,
  assessments: AssessmentInForce[],
  thresholds: Pick<AssessmentThresholds, 'tierWeights'>,
): QuarterScore {
  assessments.forEach((a, i) => {
    if (quarterOfPeriod(a.tier, a.period) !== quarter) {
      throw new InvalidInputError(
        {
          zh: `第${i + 1}份评估（${a.period}）不属于 ${quarter}`,
          en: `assessment ${i + 1} (${a.tier} ${a.period}) is not of ${quarter}`,
        },
        [{ field: `assessments[${i}].period`, message: { zh: `不在 ${quarter} 内`, en: `not in ${quarter}` } }],
      );
    }
  });
  const parts = ASSESSMENT_TIERS.map((tier) => {
    const scores = assessments.filter((a) => a.tier === tier).map((a) => a.score);
    const mean = scores.length === 0 ? null : roundScore(scores.reduce((s, x) => s + x, 0) / scores.length);
    return { tier, count: scores.length, mean, weight: thresholds.tierWeights[tier] };
  });
  const present = parts.filter((p) => p.mean !== null && p.weight > 0);
  const totalWeight = present.reduce((s, p) => s + p.weight, 0);
  const score =
    present.length === 0 ? null : roundScore(present.reduce((s, p) => s + p.mean! * p.weight, 0) / totalWeight);
  return {
    quarter,
    score,
    tiers: parts.map((p) => ({
      ...p,
      share: p.mean !== null && p.weight > 0 ? p.weight / totalWeight : 0,
    })),
  };
}

/**
 * A project's quarter grade (SPEC §6.2): the grade of its quarter score by the scheme's boundaries, and 不合格
 * whenever a government assessment of the quarter graded 不合格 — whatever the other tiers said. Null when nothing
 * was assessed.
 */
export function quarterGrade(
  score: number | null,
  governmentGrades: Grade[],
  scoring: Pick<Scheme['scoring'], 'excellentFrom' | 'passFrom'>,
): Grade | null {
  if (governmentGrades.includes('fail')) return 'fail';
  return score === null ? null : gradeOfScore(score, scoring);
}

/** An incident (事故) as recorded on the project. */
export interface IncidentRecord {
  date: string;
  fatalities: number;
}

/**
 * Whether the project had a fatal incident (亡人事故) in the quarter (SPEC §6.2: such a project is ranked last
 * whatever its score; the seed's plan makes it a condition of differentiated supervision too, SPEC §2.1 C6).
 */
export function fatalIncidentInQuarter(incidents: IncidentRecord[], quarter: string): boolean {
  const { first, last } = quarterDays(quarter);
  return incidents.some((i) => i.fatalities > 0 && i.date >= first && i.date <= last);
}
