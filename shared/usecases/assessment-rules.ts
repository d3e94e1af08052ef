/**
 * The one door through which every use case of the status assessment, the penalty points and the rankings (SPEC
 * §6.2–6.5) reads its numbers: margins, due dates, tier weights, points, thresholds, rank points, the bottom share.
 * They are rows of the versioned rule set (SPEC §2.1 "Rule sets", `shared/domain/rule-set.ts`), read through the one
 * reader (`RuleSets`): the version in force on the decision's date, whose id every assessment, suspicion, decision,
 * ledger entry and ranking records as its `ruleSetVersion`, beside the revision of the rules' logic.
 */
import { ASSESSMENT_RULES_VERSION, type AssessmentThresholds } from '../domain/assessment/thresholds.js';
import { assessmentThresholdsOf } from '../domain/rule-set.js';
import { RuleSets } from '../store/rule-sets.js';

/** The assessment rules in force on a day, and the version a decision records. */
export interface AssessmentRules {
  /** the rule-set version in force (`v1`, `v2` …): what a decision records */
  ruleSetVersion: string;
  /** the revision of the rules' logic (seed and our reading of it), for the record */
  rulesRevision: string;
  thresholds: AssessmentThresholds;
}

/**
 * The rules in force on `date` ('YYYY-MM-DD', Asia/Shanghai): the decision's own date (the day an assessment is
 * submitted, points are charged, a suspicion raised, a quarter ranked), never "now" for a decision about the past.
 * Pass the piece of work's `RuleSets` (a request's `ctx.ruleSets`, a batch's) so the versions are read once for it;
 * without one, they are read now.
 */
export async function assessmentRulesOn(date: string, ruleSets: RuleSets = new RuleSets()): Promise<AssessmentRules> {
  const version = await ruleSets.inForce(date);
  return {
    ruleSetVersion: version.id,
    rulesRevision: ASSESSMENT_RULES_VERSION,
    thresholds: assessmentThresholdsOf(version.thresholds),
  };
}
