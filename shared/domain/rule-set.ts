/**
 * Versioned rule sets (规则版本, SPEC §2.1 "Rule sets"): every threshold of supervision belongs to a numbered version
 * with the day it takes effect. Version 1 holds the seed's and SPEC's defaults and is in force from the beginning
 * of time; an officer adds a version from a future day, never retroactively. Every decision (proposal, inclusion,
 * verdict, a computed deadline) uses the version in force on its date and records its id, so it can be explained and
 * recomputed after the thresholds change. Pure: the versions and the dates come in as arguments.
 */
import { type AssessmentThresholds, DEFAULT_ASSESSMENT_THRESHOLDS } from './assessment/thresholds.js';
import { addDays } from './dates.js';
import { type FieldProblem, InvalidInputError, RuleViolationError } from './errors.js';
import type { ConditionId } from './vocabulary.js';

/**
 * The revision of our reading of the rules (the logic in conditions.ts, weighed-evidence.ts, verdict.ts, obligations
 * .ts), recorded beside the rule-set version: the version says which numbers, the revision which logic. Bump it when
 * a rule's logic changes, never for a threshold (thresholds change by adding a rule-set version).
 */
export const RULES_REVISION = '差别化监管实施方案(2022-08-15)/r2';

/** The numbers of the six conditions (SPEC §2.1), as evaluateConditions takes them. */
export interface Thresholds {
  /** The look-back window (回溯期) in calendar days ending on the evaluation date, inclusive. */
  lookbackDays: number;
  /** C3: absences of the same key person (项目经理 or 总监理工程师) at inspections in the window. */
  keyPersonAbsenceCount: number;
  /** C4: hazards (隐患) of the same category in the window that count as "frequently recurring" (频繁出现). */
  recurrenceCount: number;
}

/**
 * The numbers of the status assessment, points and rankings (SPEC §6.2–6.5), flat as the rule set stores and the API
 * takes them; `assessmentThresholdsOf` gives them the shape the pure rules of `assessment/`, `penalty-points.ts`
 * and `ranking.ts` take. The phases left out of the ranking (施工准备, 竣工收尾) are a rule, not a number: they stay
 * in `assessment/thresholds.ts`.
 */
export interface AssessmentRuleSetThresholds {
  /** SPEC §6.2: weight of the government assessment (政府评估) in a project's quarter score. */
  tierWeightGovernment: number;
  /** SPEC §6.2: weight of the enterprise re-assessments (企业再评). */
  tierWeightEnterprise: number;
  /** SPEC §6.2: weight of the monthly self-assessments (项目自评). */
  tierWeightSelf: number;
  /** SPEC §6.2: a self or enterprise assessment above the government's by more than this is suspected (弄虚作假). */
  falsificationMarginPoints: number;
  /** SPEC §6.2: working days of the unit's statement (陈述) on a suspicion. */
  falsificationStatementWorkingDays: number;
  /** SPEC §6.2: the enterprise re-assessment is due this many working days after the quarter. */
  enterpriseAssessmentWorkingDays: number;
  /** SPEC §6.3: points count for this many months. */
  penaltyWindowMonths: number;
  /** SPEC §6.3 (京建法〔2007〕825号 as amended): the written warning level. */
  penaltyWarningPoints: number;
  /** … posted to the tendering market, qualification upgrades restricted. */
  penaltyTenderingPoints: number;
  /** … review of safety-production conditions and qualifications. */
  penaltyReviewPoints: number;
  /** … recommendation to downgrade or revoke. */
  penaltyDowngradePoints: number;
  /** SPEC §6.3: a self-assessment submitted late, to the general contractor … */
  pointsLateSelfEnterprise: number;
  /** … and to the project manager. */
  pointsLateSelfPerson: number;
  /** SPEC §6.3: an enterprise re-assessment submitted late, to that enterprise. */
  pointsLateEnterprise: number;
  /** SPEC §6.3: a tier missing at the ranking, to the enterprise that owed it … */
  pointsMissingEnterprise: number;
  /** … and to the project manager (self tier). */
  pointsMissingPerson: number;
  /** SPEC §6.3: a confirmed falsification, to the enterprise … */
  pointsFalsificationEnterprise: number;
  /** … and to the person responsible. */
  pointsFalsificationPerson: number;
  /** SPEC §6.3: 责令改正. */
  pointsRectificationOrder: number;
  /** SPEC §6.3: a fine below `largeFineFromYuan`. */
  pointsSmallFine: number;
  /** SPEC §6.3: a fine of `largeFineFromYuan` or more. */
  pointsLargeFine: number;
  /** SPEC §6.3: where a large fine begins, in yuan. */
  largeFineFromYuan: number;
  /** SPEC §6.4 (Beijing's 2022 credit rule): rank points of the first ranks … */
  rankPointsFull: number;
  /** … for this many ranks, then … */
  rankPointsRanksPerStep: number;
  /** … this much less per further step … */
  rankPointsStep: number;
  /** … never below this. */
  rankPointsFloor: number;
  /** SPEC §6.5: the bottom share of a list proposed for supervision … */
  rankingBottomShare: number;
  /** … where at least this many are ranked. */
  rankingBottomMinimumRanked: number;
  /** SPEC §6.5: an enterprise with this many projects under differentiated supervision at once is proposed. */
  enterpriseSupervisedProjects: number;
  /** SPEC §6.5: an enterprise whose points in window reach this is proposed. */
  enterprisePointsInWindow: number;
  /** SPEC §6.5: agency inspections each project of an enterprise under supervision is owed a month. */
  enterpriseAgencyInspectionsPerMonth: number;
  /** SPEC §6.5: the enterprise's own inspections of each of its active projects a quarter. */
  enterpriseSelfInspectionsPerQuarter: number;
  /** SPEC §6.2: government assessments the agency owes each assessed project per quarter. */
  governmentAssessmentsPerQuarter: number;
}

/**
 * Every threshold of a rule set: the six conditions and the case life cycle (SPEC §2.1–2.5), and the status
 * assessment, points and rankings (SPEC §6). One row each in {@link THRESHOLD_RULES}.
 */
export interface RuleSetThresholds extends Thresholds, AssessmentRuleSetThresholds {
  /** Overall compliance (按时完成率) a cycle needs for release (SPEC §2.4): a ratio in (0, 1]. */
  releaseCompliance: number;
  /** Working days to return a notice signed and stamped (附件1/2 注：于5个工作日内报送). */
  receiptWorkingDays: number;
  /** Working days of the units' statement and defence (陈述申辩) after a circular's draft (SPEC §2.5). */
  statementWorkingDays: number;
  /** Working days a unit has for its rectification plan (整改方案, 一厂一策) after an inspection report with hazards. */
  rectificationPlanWorkingDays: number;
  /** Working days the group companies have for their report after the level-2 escalation (seed §3(5)). */
  groupReportWorkingDays: number;
  /** The shortest publication period of a circular, in months. */
  publicationMonthsMin: number;
  /** The longest publication period of a circular, in months. */
  publicationMonthsMax: number;
  /** The publication period when the officer names none, in months. */
  publicationMonthsDefault: number;
}

export type ThresholdName = keyof RuleSetThresholds;

/** How one threshold may be set, and where its default comes from. */
export interface ThresholdRule {
  default: number;
  min: number;
  max: number;
  integer: boolean;
  /** what it is, in Chinese */
  name: string;
  /** the clause the default comes from */
  source: string;
}

/**
 * The thresholds, their defaults (version 1) and their bounds. A bound is what the law or common sense allows an
 * agency to set: the publication period of a credit record is 6 months to 3 years by the national rules on credit
 * repair (《失信行为纠正后的信用信息修复管理办法（试行）》), so an agency can narrow it, not leave it.
 */
export const THRESHOLD_RULES: Readonly<Record<ThresholdName, ThresholdRule>> = Object.freeze({
  lookbackDays: {
    default: 90,
    min: 1,
    max: 730,
    integer: true,
    name: '条件回溯期（日）',
    source: 'SPEC §2.1',
  },
  keyPersonAbsenceCount: {
    default: 2,
    min: 1,
    max: 31,
    integer: true,
    name: '条件（3）关键岗位人员未到岗次数',
    source: 'SPEC §2.1 C3',
  },
  recurrenceCount: {
    default: 3,
    min: 2,
    max: 100,
    integer: true,
    name: '条件（4）同类隐患频繁出现项数',
    source: 'SPEC §2.1 C4',
  },
  releaseCompliance: {
    default: 0.9,
    min: 0.01,
    max: 1,
    integer: false,
    name: '解除所需报送义务按时完成率',
    source: 'SPEC §2.4',
  },
  receiptWorkingDays: {
    default: 5,
    min: 1,
    max: 30,
    integer: true,
    name: '告知单回执期限（工作日）',
    source: '实施方案 附件1、附件2 注',
  },
  statementWorkingDays: {
    default: 5,
    min: 1,
    max: 30,
    integer: true,
    name: '陈述申辩期限（工作日）',
    source: 'SPEC §2.5',
  },
  rectificationPlanWorkingDays: {
    default: 5,
    min: 1,
    max: 30,
    integer: true,
    name: '整改方案报送期限（工作日）',
    source: 'SPEC §2.3, 实施方案 §3(2)',
  },
  groupReportWorkingDays: {
    default: 10,
    min: 1,
    max: 60,
    integer: true,
    name: '集团报告报送期限（工作日）',
    source: 'SPEC §2.3, 实施方案 §3(5)',
  },
  publicationMonthsMin: {
    default: 6,
    min: 6,
    max: 36,
    integer: true,
    name: '通报公示期下限（月）',
    source: 'SPEC §2.5',
  },
  publicationMonthsMax: {
    default: 36,
    min: 6,
    max: 36,
    integer: true,
    name: '通报公示期上限（月）',
    source: 'SPEC §2.5',
  },
  publicationMonthsDefault: {
    default: 12,
    min: 6,
    max: 36,
    integer: true,
    name: '通报默认公示期（月）',
    source: 'SPEC §2.5',
  },
  tierWeightGovernment: {
    default: DEFAULT_ASSESSMENT_THRESHOLDS.tierWeights.government,
    min: 0,
    max: 1,
    integer: false,
    name: '季度得分中政府评估的权重',
    source: 'SPEC §6.2',
  },
  tierWeightEnterprise: {
    default: DEFAULT_ASSESSMENT_THRESHOLDS.tierWeights.enterprise,
    min: 0,
    max: 1,
    integer: false,
    name: '季度得分中企业再评的权重',
    source: 'SPEC §6.2',
  },
  tierWeightSelf: {
    default: DEFAULT_ASSESSMENT_THRESHOLDS.tierWeights.self,
    min: 0,
    max: 1,
    integer: false,
    name: '季度得分中项目自评的权重',
    source: 'SPEC §6.2',
  },
  falsificationMarginPoints: {
    default: DEFAULT_ASSESSMENT_THRESHOLDS.falsification.marginPoints,
    min: 0,
    max: 100,
    integer: false,
    name: '自评、再评高出政府评估即怀疑弄虚作假的分差（分）',
    source: 'SPEC §6.2',
  },
  falsificationStatementWorkingDays: {
    default: DEFAULT_ASSESSMENT_THRESHOLDS.falsification.statementWorkingDays,
    min: 1,
    max: 30,
    integer: true,
    name: '弄虚作假陈述期限（工作日）',
    source: 'SPEC §6.2',
  },
  enterpriseAssessmentWorkingDays: {
    default: DEFAULT_ASSESSMENT_THRESHOLDS.dueDates.enterpriseWorkingDaysAfterQuarter,
    min: 1,
    max: 30,
    integer: true,
    name: '企业再评期限（季度结束后工作日）',
    source: 'SPEC §6.2',
  },
  penaltyWindowMonths: {
    default: DEFAULT_ASSESSMENT_THRESHOLDS.penalty.windowMonths,
    min: 1,
    max: 60,
    integer: true,
    name: '动态记分有效期（月）',
    source: 'SPEC §6.3',
  },
  penaltyWarningPoints: {
    default: DEFAULT_ASSESSMENT_THRESHOLDS.penalty.levels[0] as number,
    min: 1,
    max: 100,
    integer: true,
    name: '记分书面警示线（分）',
    source: 'SPEC §6.3，京建法〔2007〕825号',
  },
  penaltyTenderingPoints: {
    default: DEFAULT_ASSESSMENT_THRESHOLDS.penalty.levels[1] as number,
    min: 1,
    max: 100,
    integer: true,
    name: '记分在招投标市场公示、限制资质升级线（分）',
    source: 'SPEC §6.3，京建法〔2007〕825号',
  },
  penaltyReviewPoints: {
    default: DEFAULT_ASSESSMENT_THRESHOLDS.penalty.levels[2] as number,
    min: 1,
    max: 100,
    integer: true,
    name: '记分核查安全生产条件和资质线（分）',
    source: 'SPEC §6.3，京建法〔2007〕825号',
  },
  penaltyDowngradePoints: {
    default: DEFAULT_ASSESSMENT_THRESHOLDS.penalty.levels[3] as number,
    min: 1,
    max: 100,
    integer: true,
    name: '记分建议降级或吊销资质线（分）',
    source: 'SPEC §6.3，京建法〔2007〕825号',
  },
  pointsLateSelfEnterprise: {
    default: DEFAULT_ASSESSMENT_THRESHOLDS.penalty.lateSelf.enterprise,
    min: 0,
    max: 12,
    integer: true,
    name: '项目自评逾期记分：施工总承包单位（分）',
    source: 'SPEC §6.3',
  },
  pointsLateSelfPerson: {
    default: DEFAULT_ASSESSMENT_THRESHOLDS.penalty.lateSelf.person,
    min: 0,
    max: 12,
    integer: true,
    name: '项目自评逾期记分：项目经理（分）',
    source: 'SPEC §6.3',
  },
  pointsLateEnterprise: {
    default: DEFAULT_ASSESSMENT_THRESHOLDS.penalty.lateEnterprise.enterprise,
    min: 0,
    max: 12,
    integer: true,
    name: '企业再评逾期记分（分）',
    source: 'SPEC §6.3',
  },
  pointsMissingEnterprise: {
    default: DEFAULT_ASSESSMENT_THRESHOLDS.penalty.missingTier.enterprise,
    min: 0,
    max: 12,
    integer: true,
    name: '排名时评估缺报记分：应报企业（分）',
    source: 'SPEC §6.3',
  },
  pointsMissingPerson: {
    default: DEFAULT_ASSESSMENT_THRESHOLDS.penalty.missingTier.person,
    min: 0,
    max: 12,
    integer: true,
    name: '排名时项目自评缺报记分：项目经理（分）',
    source: 'SPEC §6.3',
  },
  pointsFalsificationEnterprise: {
    default: DEFAULT_ASSESSMENT_THRESHOLDS.penalty.falsification.enterprise,
    min: 0,
    max: 12,
    integer: true,
    name: '弄虚作假记分：企业（分）',
    source: 'SPEC §6.3',
  },
  pointsFalsificationPerson: {
    default: DEFAULT_ASSESSMENT_THRESHOLDS.penalty.falsification.person,
    min: 0,
    max: 12,
    integer: true,
    name: '弄虚作假记分：责任人员（分）',
    source: 'SPEC §6.3',
  },
  pointsRectificationOrder: {
    default: DEFAULT_ASSESSMENT_THRESHOLDS.penalty.measures.rectificationOrder,
    min: 0,
    max: 12,
    integer: true,
    name: '责令改正记分（分）',
    source: 'SPEC §6.3',
  },
  pointsSmallFine: {
    default: DEFAULT_ASSESSMENT_THRESHOLDS.penalty.measures.smallFine,
    min: 0,
    max: 12,
    integer: true,
    name: '较小罚款记分（分）',
    source: 'SPEC §6.3',
  },
  pointsLargeFine: {
    default: DEFAULT_ASSESSMENT_THRESHOLDS.penalty.measures.largeFine,
    min: 0,
    max: 12,
    integer: true,
    name: '较大罚款记分（分）',
    source: 'SPEC §6.3',
  },
  largeFineFromYuan: {
    default: DEFAULT_ASSESSMENT_THRESHOLDS.penalty.measures.largeFineFromYuan,
    min: 1,
    max: 10_000_000,
    integer: true,
    name: '较大罚款起点（元）',
    source: 'SPEC §6.3',
  },
  rankPointsFull: {
    default: DEFAULT_ASSESSMENT_THRESHOLDS.ranking.rankPoints.full,
    min: 0.5,
    max: 100,
    integer: false,
    name: '排名得分满分',
    source: 'SPEC §6.4（北京市2022年信用评价规则）',
  },
  rankPointsRanksPerStep: {
    default: DEFAULT_ASSESSMENT_THRESHOLDS.ranking.rankPoints.ranksPerStep,
    min: 1,
    max: 10_000,
    integer: true,
    name: '排名得分每档名次数',
    source: 'SPEC §6.4（北京市2022年信用评价规则）',
  },
  rankPointsStep: {
    default: DEFAULT_ASSESSMENT_THRESHOLDS.ranking.rankPoints.step,
    min: 0,
    max: 100,
    integer: false,
    name: '排名得分每档递减',
    source: 'SPEC §6.4（北京市2022年信用评价规则）',
  },
  rankPointsFloor: {
    default: DEFAULT_ASSESSMENT_THRESHOLDS.ranking.rankPoints.floor,
    min: 0,
    max: 100,
    integer: false,
    name: '排名得分最低分',
    source: 'SPEC §6.4（北京市2022年信用评价规则）',
  },
  rankingBottomShare: {
    default: DEFAULT_ASSESSMENT_THRESHOLDS.ranking.bottomShare,
    min: 0.01,
    max: 0.5,
    integer: false,
    name: '排名靠后纳入差别化监管的比例',
    source: 'SPEC §6.5',
  },
  rankingBottomMinimumRanked: {
    default: DEFAULT_ASSESSMENT_THRESHOLDS.ranking.bottomMinimumRanked,
    min: 1,
    max: 1000,
    integer: true,
    name: '按比例取排名靠后者的最少参评数',
    source: 'SPEC §6.5',
  },
  enterpriseSupervisedProjects: {
    default: DEFAULT_ASSESSMENT_THRESHOLDS.enterpriseSupervision.supervisedProjectsAtOnce,
    min: 1,
    max: 100,
    integer: true,
    name: '企业同时被差别化监管的项目数（个）',
    source: 'SPEC §6.5',
  },
  enterprisePointsInWindow: {
    default: DEFAULT_ASSESSMENT_THRESHOLDS.enterpriseSupervision.pointsInWindow,
    min: 1,
    max: 100,
    integer: true,
    name: '企业纳入差别化监管的记分（分）',
    source: 'SPEC §6.5',
  },
  enterpriseAgencyInspectionsPerMonth: {
    default: DEFAULT_ASSESSMENT_THRESHOLDS.enterpriseSupervision.agencyInspectionsPerProjectPerMonth,
    min: 1,
    max: 31,
    integer: true,
    name: '企业级差别化监管：监督机构每月检查其每个项目的次数',
    source: 'SPEC §6.5（网格执法）',
  },
  enterpriseSelfInspectionsPerQuarter: {
    default: DEFAULT_ASSESSMENT_THRESHOLDS.enterpriseSupervision.enterpriseInspectionsPerProjectPerQuarter,
    min: 1,
    max: 90,
    integer: true,
    name: '企业级差别化监管：企业每季度检查其每个在施项目的次数',
    source: 'SPEC §6.5',
  },
  governmentAssessmentsPerQuarter: {
    default: DEFAULT_ASSESSMENT_THRESHOLDS.governmentAssessmentsPerQuarter,
    min: 1,
    max: 12,
    integer: true,
    name: '每季度每个项目的政府评估次数',
    source: 'SPEC §6.2',
  },
});

export const THRESHOLD_NAMES = Object.keys(THRESHOLD_RULES) as ThresholdName[];

/** The defaults of every threshold: version 1. */
export const DEFAULT_RULE_SET_THRESHOLDS: Readonly<RuleSetThresholds> = Object.freeze(
  Object.fromEntries(
    THRESHOLD_NAMES.map((name) => [name, THRESHOLD_RULES[name].default]),
  ) as unknown as RuleSetThresholds,
);

/** SPEC §2.1 defaults of the six conditions (version 1). */
export const DEFAULT_THRESHOLDS: Readonly<Thresholds> = Object.freeze({
  lookbackDays: DEFAULT_RULE_SET_THRESHOLDS.lookbackDays,
  keyPersonAbsenceCount: DEFAULT_RULE_SET_THRESHOLDS.keyPersonAbsenceCount,
  recurrenceCount: DEFAULT_RULE_SET_THRESHOLDS.recurrenceCount,
});

/** One version of the rule set. */
export interface RuleSetVersion {
  /** `v1`, `v2` …: what decisions record */
  id: string;
  version: number;
  /** the first day (Asia/Shanghai) it is in force; null for version 1, in force from the beginning */
  effectiveFrom: string | null;
  thresholds: RuleSetThresholds;
  /** why it was made, in the officer's words */
  reason: string;
  createdAt: string | null;
  createdBy: string | null;
}

/** The id of version `n`. */
export function ruleSetId(version: number): string {
  return `v${version}`;
}

/** Version 1: the defaults, in force from the beginning of time while nothing else is stored. It never changes. */
export const DEFAULT_RULE_SET: Readonly<RuleSetVersion> = Object.freeze({
  id: ruleSetId(1),
  version: 1,
  effectiveFrom: null,
  thresholds: DEFAULT_RULE_SET_THRESHOLDS,
  reason:
    '《建筑工程施工现场安全生产差别化监管实施方案》（2022-08-15）、北京市“三位一体”监督执法模式（2014-10-09）及本系统规格的默认值',
  createdAt: null,
  createdBy: null,
});

/**
 * The versions in order, version 1 first (added when absent). A version stored before a threshold joined the rule
 * set (§6's numbers joined later) holds that threshold's default: the value decisions used while it was in force.
 */
export function ruleSetHistory(stored: readonly RuleSetVersion[]): RuleSetVersion[] {
  const versions = [...stored]
    .sort((a, b) => a.version - b.version)
    .map((version) =>
      THRESHOLD_NAMES.every((name) => typeof version.thresholds[name] === 'number')
        ? version
        : { ...version, thresholds: { ...DEFAULT_RULE_SET_THRESHOLDS, ...version.thresholds } },
    );
  return versions[0]?.version === 1 ? versions : [DEFAULT_RULE_SET, ...versions];
}

/**
 * The version in force on `date`: of the versions whose `effectiveFrom` is on or before it, the one made last. The
 * latest decision about a day stands: a version made later replaces, from its own `effectiveFrom` on, any version
 * made earlier for a day after that (which then never comes into force: `ruleSetStanding` says `replaced`). Nothing
 * before a new version's `effectiveFrom` changes, and that is always after the day it is made: never retroactive.
 */
export function ruleSetInForce(versions: readonly RuleSetVersion[], date: string): RuleSetVersion {
  let inForce: RuleSetVersion = DEFAULT_RULE_SET;
  for (const candidate of versions) {
    if (candidate.effectiveFrom !== null && candidate.effectiveFrom > date) continue;
    if (candidate.version >= inForce.version) inForce = candidate;
  }
  return inForce;
}

/** Where a version stands on a day: in force, scheduled, superseded by a later one, or replaced before it began. */
export type RuleSetStatus = 'in_force' | 'scheduled' | 'superseded' | 'replaced';

/**
 * The status of `version` among `versions` on `today`, and its last day in force (null while open-ended, or when it
 * never comes into force).
 */
export function ruleSetStanding(
  versions: readonly RuleSetVersion[],
  version: RuleSetVersion,
  today: string,
): { status: RuleSetStatus; effectiveUntil: string | null } {
  // the first day from which a version made later takes over
  const takenOver = versions
    .filter((candidate) => candidate.version > version.version && candidate.effectiveFrom !== null)
    .map((candidate) => candidate.effectiveFrom as string)
    .sort()[0];
  if (takenOver !== undefined && version.effectiveFrom !== null && takenOver <= version.effectiveFrom) {
    return { status: 'replaced', effectiveUntil: null };
  }
  const effectiveUntil = takenOver === undefined ? null : addDays(takenOver, -1);
  if (version.effectiveFrom !== null && version.effectiveFrom > today) return { status: 'scheduled', effectiveUntil };
  if (ruleSetInForce(versions, today).version === version.version) return { status: 'in_force', effectiveUntil };
  return { status: 'superseded', effectiveUntil };
}

/** The condition thresholds of a version, as evaluateConditions takes them. */
export function conditionThresholds(thresholds: RuleSetThresholds): Thresholds {
  return {
    lookbackDays: thresholds.lookbackDays,
    keyPersonAbsenceCount: thresholds.keyPersonAbsenceCount,
    recurrenceCount: thresholds.recurrenceCount,
  };
}

/** What an officer asks for (`POST /v1/rule-sets`): the day, any thresholds to change, and why. */
export interface RuleSetProposal {
  effectiveFrom: string;
  thresholds: Partial<RuleSetThresholds>;
  reason: string;
}

/**
 * The next version, as of `today` (SPEC §2.1: never retroactive). Refused (422, naming the field) when
 * `effectiveFrom` is not after today; refused when a threshold is out of its bounds or the publication bounds
 * contradict each other. Thresholds not named are those of the version that would otherwise be in force on
 * `effectiveFrom`.
 */
export function nextRuleSetVersion(
  versions: readonly RuleSetVersion[],
  proposal: RuleSetProposal,
  today: string,
): Omit<RuleSetVersion, 'createdAt' | 'createdBy'> {
  if (proposal.effectiveFrom <= today) {
    throw new RuleViolationError(
      {
        zh: `规则版本不能溯及既往：生效日期 ${proposal.effectiveFrom} 须晚于今天（${today}）。`,
        en: `A rule set is never retroactive: effectiveFrom ${proposal.effectiveFrom} must be after today (${today}).`,
      },
      [
        {
          field: 'effectiveFrom',
          message: { zh: `须晚于今天（${today}）`, en: `must be after today (${today})` },
        },
      ],
    );
  }
  const base = ruleSetInForce(versions, proposal.effectiveFrom);
  const thresholds = resolveRuleSetThresholds(base.thresholds, proposal.thresholds);
  const version = Math.max(1, ...versions.map((candidate) => candidate.version)) + 1;
  return {
    id: ruleSetId(version),
    version,
    effectiveFrom: proposal.effectiveFrom,
    thresholds,
    reason: proposal.reason,
  };
}

/** `base` with `changes` applied, every value checked against its bounds and the publication bounds together. */
export function resolveRuleSetThresholds(
  base: RuleSetThresholds,
  changes: Partial<RuleSetThresholds>,
): RuleSetThresholds {
  const thresholds: RuleSetThresholds = { ...base };
  const problems: FieldProblem[] = [];
  for (const name of THRESHOLD_NAMES) {
    const value = changes[name];
    if (value === undefined) continue;
    const rule = THRESHOLD_RULES[name];
    if (!Number.isFinite(value) || (rule.integer && !Number.isInteger(value)) || value < rule.min || value > rule.max) {
      const kind = rule.integer ? '整数' : '数';
      problems.push({
        field: name,
        message: {
          zh: `${rule.name}须为 ${rule.min} 至 ${rule.max} 之间的${kind}`,
          en: `must be ${rule.integer ? 'an integer' : 'a number'} from ${rule.min} to ${rule.max}`,
        },
      });
      continue;
    }
    thresholds[name] = value;
  }
  if (problems.length) {
    throw new InvalidInputError({ zh: '阈值超出允许范围。', en: 'A threshold is out of its bounds.' }, problems);
  }
  assertAssessmentNumbersCohere(thresholds, changes);
  const { publicationMonthsMin: min, publicationMonthsMax: max, publicationMonthsDefault: fallback } = thresholds;
  if (min > max || fallback < min || fallback > max) {
    const field = (['publicationMonthsDefault', 'publicationMonthsMin', 'publicationMonthsMax'] as const).find(
      (name) => changes[name] !== undefined,
    );
    throw new RuleViolationError(
      {
        zh: `通报公示期须满足 下限（${min}）≤ 默认（${fallback}）≤ 上限（${max}）。`,
        en: `The publication period must satisfy min (${min}) ≤ default (${fallback}) ≤ max (${max}).`,
      },
      [
        {
          field: field ?? 'publicationMonthsDefault',
          message: {
            zh: `须满足 ${min} ≤ 默认 ≤ ${max}，且下限不大于上限`,
            en: `needs min ≤ default ≤ max`,
          },
        },
      ],
    );
  }
  return thresholds;
}

/** The first of `names` the officer changed (the field a cross-field refusal names), else the first. */
function changedField(changes: Partial<RuleSetThresholds>, names: readonly ThresholdName[]): ThresholdName {
  return names.find((name) => changes[name] !== undefined) ?? (names[0] as ThresholdName);
}

/**
 * §6's numbers that only make sense together (SPEC §6.2–6.4): at least one tier weighed, the four penalty levels
 * rising (8 < 16 < 24 < 30), rank points never below their floor at full marks.
 */
function assertAssessmentNumbersCohere(thresholds: RuleSetThresholds, changes: Partial<RuleSetThresholds>): void {
  const weights = ['tierWeightGovernment', 'tierWeightEnterprise', 'tierWeightSelf'] as const;
  if (weights.every((name) => thresholds[name] === 0)) {
    throw new RuleViolationError(
      { zh: '季度得分至少须有一个评估层级的权重大于0。', en: 'At least one tier must have a weight above 0.' },
      [{ field: changedField(changes, weights), message: { zh: '三个权重不能都为0', en: 'not all three can be 0' } }],
    );
  }
  const levels = [
    'penaltyWarningPoints',
    'penaltyTenderingPoints',
    'penaltyReviewPoints',
    'penaltyDowngradePoints',
  ] as const;
  if (levels.some((name, i) => i > 0 && thresholds[name] <= thresholds[levels[i - 1] as ThresholdName])) {
    const shown = levels.map((name) => thresholds[name]).join(' < ');
    throw new RuleViolationError(
      {
        zh: `记分四档须依次递增（警示 < 公示 < 核查 < 降级）：${shown}`,
        en: `The four penalty levels must rise (warning < tendering < review < downgrade): ${shown}`,
      },
      [{ field: changedField(changes, levels), message: { zh: '须依次递增', en: 'must rise' } }],
    );
  }
  if (thresholds.rankPointsFloor > thresholds.rankPointsFull) {
    throw new RuleViolationError(
      {
        zh: `排名得分最低分（${thresholds.rankPointsFloor}）不能高于满分（${thresholds.rankPointsFull}）。`,
        en: `Rank points: the floor (${thresholds.rankPointsFloor}) cannot exceed full marks (${thresholds.rankPointsFull}).`,
      },
      [
        {
          field: changedField(changes, ['rankPointsFloor', 'rankPointsFull']),
          message: { zh: '最低分不能高于满分', en: 'floor above full marks' },
        },
      ],
    );
  }
}

/**
 * §6's numbers of a version in the shape the pure rules of the status assessment, points and rankings take (SPEC
 * §6.2–6.5): `assessment/thresholds.ts`'s `AssessmentThresholds`. The phases left out of the ranking are a rule of
 * the code (`DEFAULT_ASSESSMENT_THRESHOLDS.ranking.excludedPhases`), not a number of the version.
 */
export function assessmentThresholdsOf(thresholds: RuleSetThresholds): AssessmentThresholds {
  return {
    tierWeights: {
      government: thresholds.tierWeightGovernment,
      enterprise: thresholds.tierWeightEnterprise,
      self: thresholds.tierWeightSelf,
    },
    falsification: {
      marginPoints: thresholds.falsificationMarginPoints,
      statementWorkingDays: thresholds.falsificationStatementWorkingDays,
    },
    dueDates: { enterpriseWorkingDaysAfterQuarter: thresholds.enterpriseAssessmentWorkingDays },
    penalty: {
      windowMonths: thresholds.penaltyWindowMonths,
      levels: [
        thresholds.penaltyWarningPoints,
        thresholds.penaltyTenderingPoints,
        thresholds.penaltyReviewPoints,
        thresholds.penaltyDowngradePoints,
      ],
      lateSelf: { enterprise: thresholds.pointsLateSelfEnterprise, person: thresholds.pointsLateSelfPerson },
      lateEnterprise: { enterprise: thresholds.pointsLateEnterprise },
      missingTier: { enterprise: thresholds.pointsMissingEnterprise, person: thresholds.pointsMissingPerson },
      falsification: {
        enterprise: thresholds.pointsFalsificationEnterprise,
        person: thresholds.pointsFalsificationPerson,
      },
      measures: {
        rectificationOrder: thresholds.pointsRectificationOrder,
        smallFine: thresholds.pointsSmallFine,
        largeFine: thresholds.pointsLargeFine,
        largeFineFromYuan: thresholds.largeFineFromYuan,
      },
    },
    ranking: {
      excludedPhases: DEFAULT_ASSESSMENT_THRESHOLDS.ranking.excludedPhases,
      rankPoints: {
        full: thresholds.rankPointsFull,
        ranksPerStep: thresholds.rankPointsRanksPerStep,
        step: thresholds.rankPointsStep,
        floor: thresholds.rankPointsFloor,
      },
      bottomShare: thresholds.rankingBottomShare,
      bottomMinimumRanked: thresholds.rankingBottomMinimumRanked,
    },
    enterpriseSupervision: {
      supervisedProjectsAtOnce: thresholds.enterpriseSupervisedProjects,
      pointsInWindow: thresholds.enterprisePointsInWindow,
      agencyInspectionsPerProjectPerMonth: thresholds.enterpriseAgencyInspectionsPerMonth,
      enterpriseInspectionsPerProjectPerQuarter: thresholds.enterpriseSelfInspectionsPerQuarter,
    },
    governmentAssessmentsPerQuarter: thresholds.governmentAssessmentsPerQuarter,
  };
}

/**
 * The condition thresholds `overrides` applied to the defaults (for a direct call of evaluateConditions); every
 * value must be a positive integer.
 */
export function resolveThresholds(
  overrides: Partial<Thresholds> = {},
  base: Thresholds = DEFAULT_THRESHOLDS,
): Thresholds {
  const thresholds: Thresholds = { ...base };
  for (const key of Object.keys(DEFAULT_THRESHOLDS) as Array<keyof Thresholds>) {
    const value = overrides[key];
    if (value === undefined) continue;
    if (!Number.isInteger(value) || value < 1) {
      throw new InvalidInputError({ zh: `阈值 ${key} 须为正整数`, en: `threshold ${key} must be a positive integer` }, [
        { field: `thresholds.${key}`, message: { zh: '须为正整数', en: 'must be a positive integer' } },
      ]);
    }
    thresholds[key] = value;
  }
  return thresholds;
}

/**
 * The seed's wording of each condition (实施方案 §2), for notices (☑/☐) and explanations. The inclusion notice
 * template words (5) more generally ("被主管部门或有关机构通报批评"); the plan's wording is the rule.
 */
export const CONDITION_TEXTS: Readonly<Record<ConditionId, string>> = Object.freeze({
  C1: '建筑工程项目管理混乱，安全管理机构不健全，安全生产责任制落实不到位的，没有认真履行隐患排查治理制度的',
  C2: '建筑工程项目安全管理机构对项目管理制度不健全，对工程项目各项工作疏于管理的',
  C3: '施工项目部、监理项目部管理体系不健全，人员到岗履职情况差，施工现场管理混乱的',
  C4: '建筑工程项目对施工过程中存在安全隐患问题拒不整改或不认真整改且问题频繁出现的',
  C5: '建筑工程项目被市、区人民政府或行业主管部门通报批评的',
  C6: '建筑工程项目在施工过程中发生过亡人事故的',
});

/** The condition's number as the seed writes it: C1 → '（1）'. */
export function conditionLabel(id: ConditionId): string {
  return `（${id.slice(1)}）`;
}
