/**
 * The numbers of the status assessment's rules (SPEC §6.2–6.5), in one place: the rule set (shared/domain/rule-set.ts)
 * includes them, and every rule here takes them as an argument, so a decision record can name the numbers it used
 * and be recomputed after they change.
 *
 * The scoring numbers of a check-table scheme (JGJ 59-2011 §4.0.3 and §5.0.2: 100 per table, the 40-point guaranteed
 * subtotal, the 80/70 grade boundaries) are part of the scheme's own data (`scheme.ts`), because a scheme is a
 * transcription of a standard and another scheme may score differently.
 *
 * Where the seed (004_b298160806078493.txt) gives no number, the default is SPEC §6's (see the clause beside each).
 */
import type { ProjectPhase } from '../vocabulary.js';
import { deepFreeze } from './frozen.js';

/**
 * The version of the assessment rules in this folder, ranking.ts and penalty-points.ts: the seed and a revision of
 * our reading of it, for the rule set to name beside the thresholds. Bump the revision when a rule's logic changes
 * (not for threshold changes: those are recorded with the thresholds; not for scheme data: schemes carry their own).
 */
export const ASSESSMENT_RULES_VERSION = '三位一体监督执法模式(2014-10-09)+SPEC§6/r1';

/** The three tiers of the assessment (三级评估: 项目自评、企业再评、政府评估), seed ¶“三是…”. */
export const ASSESSMENT_TIERS = ['self', 'enterprise', 'government'] as const;
export type AssessmentTier = (typeof ASSESSMENT_TIERS)[number];

/** The configurable numbers of SPEC §6. */
export interface AssessmentThresholds {
  /** SPEC §6.2: weights of the tiers in a project's quarter score; absent tiers drop out and the rest renormalise. */
  tierWeights: Readonly<Record<AssessmentTier, number>>;
  falsification: Readonly<{
    /** SPEC §6.2: a self or enterprise assessment is suspected when it exceeds the government's by more than this. */
    marginPoints: number;
    /** SPEC §6.2: working days the unit has for its statement (陈述) after the suspicion. */
    statementWorkingDays: number;
  }>;
  dueDates: Readonly<{
    /** SPEC §6.2: the enterprise re-assessment is due this many working days after the quarter. */
    enterpriseWorkingDaysAfterQuarter: number;
  }>;
  penalty: Readonly<{
    /** SPEC §6.3: points count for this many months from their date. */
    windowMonths: number;
    /** SPEC §6.3 (京建法〔2007〕825号 as amended): 8 warning, 16 tendering market, 24 review, 30 downgrade. */
    levels: readonly number[];
    /** SPEC §6.3: a self-assessment submitted late (to the general contractor, and to the project manager). */
    lateSelf: Readonly<{ enterprise: number; person: number }>;
    /** SPEC §6.3: an enterprise re-assessment submitted late (to the enterprise that owed it). */
    lateEnterprise: Readonly<{ enterprise: number }>;
    /** SPEC §6.3: a tier still missing when the quarter is ranked (the person only for the self tier). */
    missingTier: Readonly<{ enterprise: number; person: number }>;
    /** SPEC §6.3: a confirmed falsification (弄虚作假). */
    falsification: Readonly<{ enterprise: number; person: number }>;
    /** SPEC §6.3: officer-recorded enforcement measures: 1 责令改正, 2 a fine below the amount, 3 a fine of it or more. */
    measures: Readonly<{ rectificationOrder: number; smallFine: number; largeFine: number; largeFineFromYuan: number }>;
  }>;
  ranking: Readonly<{
    /** SPEC §6.4: phases at the quarter's end that leave a project out of the ranking (not yet building, pre-acceptance). */
    excludedPhases: readonly ProjectPhase[];
    /** SPEC §6.4 (Beijing's 2022 credit rule): ranks 1–50 get 10, 0.5 less per further 50 ranks, never below 0.5. */
    rankPoints: Readonly<{ full: number; ranksPerStep: number; step: number; floor: number }>;
    /** SPEC §6.5: the bottom share of a list proposed for supervision … */
    bottomShare: number;
    /** … where at least this many are ranked (none below). */
    bottomMinimumRanked: number;
  }>;
  enterpriseSupervision: Readonly<{
    /** SPEC §6.5: an enterprise with this many projects under differentiated supervision at once is proposed. */
    supervisedProjectsAtOnce: number;
    /** SPEC §6.5: an enterprise whose points in the window reach this is proposed (the 16-point level). */
    pointsInWindow: number;
    /** SPEC §6.5: while active, agency inspections each of its projects is owed a month (网格执法). */
    agencyInspectionsPerProjectPerMonth: number;
    /** SPEC §6.5: while active, the enterprise's own inspections of each of its active projects a quarter. */
    enterpriseInspectionsPerProjectPerQuarter: number;
  }>;
  /** SPEC §6.2: government assessments the agency owes each assessed project per quarter. */
  governmentAssessmentsPerQuarter: number;
}

/** SPEC §6 defaults. */
export const DEFAULT_ASSESSMENT_THRESHOLDS: Readonly<AssessmentThresholds> = deepFreeze({
  tierWeights: { government: 0.6, enterprise: 0.2, self: 0.2 },
  falsification: { marginPoints: 15, statementWorkingDays: 5 },
  dueDates: { enterpriseWorkingDaysAfterQuarter: 5 },
  penalty: {
    windowMonths: 12,
    levels: [8, 16, 24, 30],
    lateSelf: { enterprise: 1, person: 1 },
    lateEnterprise: { enterprise: 1 },
    missingTier: { enterprise: 2, person: 2 },
    falsification: { enterprise: 3, person: 3 },
    measures: { rectificationOrder: 1, smallFine: 2, largeFine: 3, largeFineFromYuan: 10_000 },
  },
  ranking: {
    excludedPhases: ['preparation', 'completion'],
    rankPoints: { full: 10, ranksPerStep: 50, step: 0.5, floor: 0.5 },
    bottomShare: 0.05,
    bottomMinimumRanked: 10,
  },
  enterpriseSupervision: {
    supervisedProjectsAtOnce: 2,
    pointsInWindow: 16,
    agencyInspectionsPerProjectPerMonth: 2,
    enterpriseInspectionsPerProjectPerQuarter: 2,
  },
  governmentAssessmentsPerQuarter: 1,
});
