/**
 * Evidence is weighed once (SPEC §2.1). Detection proposes and a person decides (seed §3(1): "经确认"); once an
 * officer has weighed a record — by including the project, by dismissing the proposal — and once a release has
 * found the project no longer meets the conditions (seed §3(7)), that record proposes nothing again:
 *
 * - a proposal is made only from evidence that no earlier inclusion, dismissal or release of the same project has
 *   weighed — the same rule at intake and in the monthly run, so a dismissed project is not proposed again by its
 *   next inspection because of an old fatal accident (C6 "发生过" has no window);
 * - the records cited at inclusion are not evidence of the cycles (seed §3(4) judges whether the project improved
 *   after inclusion, "未能有效改进"), so a case confirmed on its inspection day is not judged on the finding that
 *   caused it.
 *
 * What happened to a weighed record after the decision is new evidence: a hazard refused, rejected at verification,
 * or past its deadline since (conditions.ts applies this per condition). Pure: decisions and facts come in.
 */
import {
  type ConditionResult,
  type ConditionsEvaluation,
  evaluateConditions,
  hazardStatusOn,
  type ProjectFacts,
  type WeighedEvidence,
} from './conditions.js';
import type { RuleSetVersion } from './rule-set.js';

/** The decisions that weigh evidence. */
export type WeighingDecision = 'inclusion' | 'dismissal' | 'release';

/** A decision on a case of the project and the records it weighed. */
export interface Weighing {
  caseId: string;
  decision: WeighingDecision;
  /** the day of the decision: facts of that day were before the person (or the run) deciding */
  on: string;
  /** ids of the records weighed */
  evidence: string[];
}

/** How a decision is named in Chinese. */
export const WEIGHING_DECISION_NAMES: Readonly<Record<WeighingDecision, string>> = Object.freeze({
  inclusion: '纳入差别化监管',
  dismissal: '不予纳入',
  release: '解除差别化监管',
});

/** Record id → the day of the last decision that weighed it. */
export function weighedEvidenceOf(weighings: readonly Weighing[]): WeighedEvidence {
  const weighed = new Map<string, string>();
  for (const weighing of weighings) {
    for (const id of weighing.evidence) {
      const previous = weighed.get(id);
      if (previous === undefined || weighing.on > previous) weighed.set(id, weighing.on);
    }
  }
  return weighed;
}

/**
 * The records a decision weighs: every record cited by a condition that held in what the decision had before it —
 * the proposal, and the conditions as they stood on the day of the decision. Sorted, each once.
 */
export function evidenceCited(...conditionSets: ReadonlyArray<readonly ConditionResult[]>): string[] {
  const cited = new Set<string>();
  for (const conditions of conditionSets) {
    for (const condition of conditions) if (condition.met) for (const id of condition.evidence) cited.add(id);
  }
  return [...cited].sort();
}

/** What intake and the monthly run decide for a project not under supervision. */
export interface ProposalDecision {
  /** the six conditions on the records as they stand: what the API shows */
  conditions: ConditionsEvaluation;
  /** the six conditions on the evidence no decision has weighed: what a proposal rests on */
  unweighed: ConditionsEvaluation;
  /** true when a condition holds on evidence not yet weighed */
  propose: boolean;
  /**
   * When conditions hold but only on weighed evidence: the decisions that weighed it, in date order, and why no
   * proposal is made, in Chinese. Empty / null otherwise.
   */
  weighedBy: Weighing[];
  reason: string | null;
}

/**
 * Whether a project not under supervision is proposed (SPEC §2.1): only when one of the six conditions holds on
 * evidence that no earlier inclusion, dismissal or release of the project weighed.
 */
export function decideProposal(
  facts: ProjectFacts,
  weighings: readonly Weighing[],
  options: { asOf: string; ruleSet: Pick<RuleSetVersion, 'id' | 'thresholds'> },
): ProposalDecision {
  const conditions = evaluateConditions(facts, options);
  const weighed = weighedEvidenceOf(weighings);
  const unweighed = weighed.size === 0 ? conditions : evaluateConditions(facts, { ...options, weighed });
  const propose = unweighed.conditions.some((condition) => condition.met);
  const held = conditions.conditions.filter((condition) => condition.met);
  if (propose || held.length === 0) return { conditions, unweighed, propose, weighedBy: [], reason: null };

  const setAside = new Set(held.flatMap((condition) => condition.evidence));
  const weighedBy = weighings
    .filter((weighing) => weighing.evidence.some((id) => setAside.has(id)))
    .sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
  const labels = held.map((condition) => `（${condition.id.slice(1)}）`).join('');
  const decisions = weighedBy.map((w) => `${w.on}${WEIGHING_DECISION_NAMES[w.decision]}`).join('、');
  const reason =
    `符合条件${labels}所依据的记录已经在此前的决定（${decisions}）中审查，` +
    '不再据此提出纳入差别化监管的建议；出现新的情况时将重新提出';
  return { conditions, unweighed, propose, weighedBy, reason };
}

/**
 * Records that can still become evidence with no new record: findings not accepted by `asOf` whose rectification
 * deadline has not passed. Time alone turns such a finding overdue (逾期, C4 "不认真整改", SPEC §2.1) — for a weighed
 * finding too, when its deadline passes after the decision (conditions.ts). Everything else a condition counts is a
 * record or a status change, which arrives through an intake. So a project whose conditions hold on no unweighed
 * evidence at `asOf` and that has none of these needs no further look until its next intake (the monthly proposal
 * sweep's index, docs/evaluation-at-scale.md). Sorted ids.
 */
export function evidenceStillMaturing(facts: Pick<ProjectFacts, 'findings'>, asOf: string): string[] {
  return facts.findings
    .filter((finding) => finding.deadline >= asOf && hazardStatusOn(finding, asOf) !== 'accepted')
    .map((finding) => finding.id)
    .sort();
}
