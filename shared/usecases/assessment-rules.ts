/**
 * The one door through which every use case of the status assessment and the penalty points (SPEC §6.2–6.3) reads
 * its numbers: margins, due dates, tier weights, points, thresholds. Today it answers the defaults of
 * `shared/domain/assessment/thresholds.ts`; once rule sets are versioned and stored (SPEC §2.1 "Rule sets"), it
 * answers the version in force on the date asked — and nothing else has to change, because every decision already
 * records the `ruleSetVersion` this returns.
 */
import {
  ASSESSMENT_RULES_VERSION,
  type AssessmentThresholds,
  DEFAULT_ASSESSMENT_THRESHOLDS,
} from '../domain/assessment/thresholds.js';

/** The assessment rules in force on a day, and the version a decision records. */
export interface AssessmentRules {
  ruleSetVersion: string;
  thresholds: AssessmentThresholds;
}

/**
 * The rules in force on `date` ('YYYY-MM-DD', Asia/Shanghai): the decision's own date (the day an assessment is
 * submitted, points are charged, a suspicion raised), never "now" for a decision about the past.
 */
export async function assessmentRulesOn(_date: string): Promise<AssessmentRules> {
  return { ruleSetVersion: ASSESSMENT_RULES_VERSION, thresholds: DEFAULT_ASSESSMENT_THRESHOLDS };
}
