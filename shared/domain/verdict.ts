/**
 * The monthly verdict (周期评定) of a case and the escalation ladder's measures (SPEC §2.4, 实施方案 §3(4)–(7)).
 * Pure: the conditions, hazards and compliance of the cycle come in already computed.
 */
import type { ConditionResult } from './conditions.js';
import { InvalidInputError } from './errors.js';
import { conditionLabel } from './rule-set.js';
import type { Verdict } from './vocabulary.js';

/** The highest level of the ladder; further failed cycles keep it. */
export const MAX_LEVEL = 3;
/** Overall compliance (按时完成率) a cycle needs for release. */
export const DEFAULT_RELEASE_COMPLIANCE = 0.9;
/** Ratios are quotients of counts (27/30): compare with a little slack so 0.9 computed is not 0.8999…. */
const RATIO_EPSILON = 1e-9;

/** What the verdict looks at, for one cycle. */
export interface VerdictInput {
  /** the case's level (0–3) when the cycle ended */
  level: number;
  /** the six conditions, evaluated on evidence dated inside the cycle */
  conditions: ConditionResult[];
  /** hazards (隐患) still open at the cycle's end, and how many of those are past their deadline */
  hazards: { open: number; overdue: number };
  /** overall compliance of the cycle's obligations; null when nothing was due */
  compliance: number | null;
  thresholds?: { releaseCompliance: number };
}

/** The verdict, the level it leads to, and the grounds in Chinese, one per line. */
export interface VerdictDecision {
  verdict: Verdict;
  levelAfter: number;
  reasons: string[];
}

/** A supervision measure (监管措施) of the ladder. */
export interface Measure {
  code: string;
  /** in Chinese */
  name: string;
}

const LEVEL_NAMES = ['零级', '一级', '二级', '三级'] as const;

/** The measures each level adds; a level's measures include those of every level below it (措施累加). */
const MEASURES_ADDED: Readonly<Record<1 | 2 | 3, readonly Measure[]>> = Object.freeze({
  1: [{ code: 'resident_supervision', name: '驻场监督' }],
  2: [
    { code: 'heavy_penalty', name: '对违法违规行为高限高额处罚' },
    { code: 'group_replace_responsible_persons', name: '责令参建三方集团公司更换相关责任人员' },
    { code: 'group_staff_on_site', name: '责令参建三方集团公司派专人进驻施工现场督促整改落实' },
    { code: 'group_report', name: '参建三方集团公司以集团名义报送整改情况及后续措施' },
  ],
  3: [
    { code: 'district_circular', name: '全区通报批评' },
    { code: 'municipal_report', name: '违法违规情况上报市住房城乡建设委' },
    { code: 'credit_platform_publication', name: '报送“信用通州”曝光台公示' },
  ],
});

function requireLevel(level: number): void {
  if (!Number.isInteger(level) || level < 0 || level > MAX_LEVEL) {
    throw new InvalidInputError(
      {
        zh: `监管级别须为 0 至 ${MAX_LEVEL} 的整数：${level}`,
        en: `level must be an integer from 0 to ${MAX_LEVEL}: ${level}`,
      },
      [{ field: 'level', message: { zh: `0–${MAX_LEVEL} 的整数`, en: `an integer 0–${MAX_LEVEL}` } }],
    );
  }
}

function requireCount(value: number, field: string): void {
  if (!Number.isInteger(value) || value < 0) {
    throw new InvalidInputError(
      { zh: `${field} 须为非负整数：${value}`, en: `${field} must be a non-negative integer: ${value}` },
      [{ field, message: { zh: '须为非负整数', en: 'non-negative integer' } }],
    );
  }
}

function requireRatio(value: number, field: string): void {
  if (!Number.isFinite(value) || value < 0 || value > 1) {
    throw new InvalidInputError(
      { zh: `${field} 须为 0 至 1 之间的比例：${value}`, en: `${field} must be a ratio from 0 to 1: ${value}` },
      [{ field, message: { zh: '0 至 1 之间', en: 'from 0 to 1' } }],
    );
  }
}

/** 0.8966 → '89.7%', 0.9 → '90%'. */
function percent(ratio: number): string {
  return `${Number((ratio * 100).toFixed(1))}%`;
}

/**
 * The verdict of a cycle that has ended:
 * - `release` (解除) — no condition held, no hazard open, and overall compliance ≥ the threshold (90 %); a null
 *   compliance means nothing was due, which meets it (the reasons say so). The level drops to 0.
 * - `escalate` (升级) — a condition held, or a hazard is overdue, or compliance is below the threshold. The level
 *   rises by one, at most to {@link MAX_LEVEL}; at level 3 a further failed cycle keeps 3.
 * - `continue` (继续监管) — otherwise, e.g. hazards still open but none past its deadline. The level stays.
 *
 * Every ground that applies is listed (not just the first), so the decision record explains itself.
 */
export function decideVerdict(input: VerdictInput): VerdictDecision {
  const { level, hazards, compliance } = input;
  requireLevel(level);
  requireCount(hazards.open, 'hazards.open');
  requireCount(hazards.overdue, 'hazards.overdue');
  if (hazards.overdue > hazards.open) {
    throw new InvalidInputError(
      {
        zh: '逾期隐患也是未闭合隐患：hazards.overdue 不能大于 hazards.open',
        en: 'an overdue hazard is an open hazard: hazards.overdue cannot exceed hazards.open',
      },
      [{ field: 'hazards.overdue', message: { zh: '不能大于 hazards.open', en: 'at most hazards.open' } }],
    );
  }
  const threshold = input.thresholds?.releaseCompliance ?? DEFAULT_RELEASE_COMPLIANCE;
  requireRatio(threshold, 'thresholds.releaseCompliance');
  if (compliance !== null) requireRatio(compliance, 'compliance');

  const held = input.conditions.filter((condition) => condition.met);
  const complianceMet = compliance === null || compliance + RATIO_EPSILON >= threshold;
  const failures: string[] = [];
  for (const condition of held) {
    failures.push(`周期内仍具备差别化监管条件${conditionLabel(condition.id)}：${condition.explanation}`);
  }
  if (hazards.overdue > 0) failures.push(`${hazards.overdue}项隐患逾期未整改闭合`);
  if (!complianceMet && compliance !== null) {
    failures.push(`报送义务按时完成率${percent(compliance)}，低于${percent(threshold)}`);
  }

  if (failures.length > 0) {
    const levelAfter = Math.min(level + 1, MAX_LEVEL);
    const ladder =
      level === MAX_LEVEL
        ? `已处最高监管等级（${LEVEL_NAMES[MAX_LEVEL]}），维持${LEVEL_NAMES[MAX_LEVEL]}监管措施`
        : `监管等级由${LEVEL_NAMES[level]}升至${LEVEL_NAMES[levelAfter]}`;
    return { verdict: 'escalate', levelAfter, reasons: [...failures, ladder] };
  }

  const passed: string[] = ['周期内未发现差别化监管条件'];
  passed.push(
    compliance === null
      ? '本周期无到期报送义务，按时完成率视为达标'
      : `报送义务按时完成率${percent(compliance)}，达到${percent(threshold)}`,
  );
  if (hazards.open > 0) {
    return {
      verdict: 'continue',
      levelAfter: level,
      reasons: [`尚有${hazards.open}项隐患未整改闭合（均未逾期），继续差别化监管`, ...passed],
    };
  }
  return { verdict: 'release', levelAfter: 0, reasons: [...passed, '隐患均已整改验收闭合，解除差别化监管'] };
}

/**
 * The measures in force at `level` (0–3), cumulative: level 1 resident supervision (驻场监督); level 2 adds heavy
 * penalties (高限高额处罚), the order to the group companies to replace the responsible persons and send staff on site,
 * and the group report; level 3 adds the district-wide circular of criticism (全区通报批评), the report to the
 * municipal commission (上报市住房城乡建设委) and publication on the credit exposure platform (信用通州曝光台).
 */
export function measuresFor(level: number): Measure[] {
  requireLevel(level);
  const measures: Measure[] = [];
  for (let step = 1; step <= level; step++) measures.push(...MEASURES_ADDED[step as 1 | 2 | 3]);
  return measures.map((measure) => ({ ...measure }));
}

/** The measures a move from `levelBefore` to `levelAfter` starts (empty when the level does not rise). */
export function measuresAdded(levelBefore: number, levelAfter: number): Measure[] {
  const before = new Set(measuresFor(levelBefore).map((measure) => measure.code));
  return measuresFor(levelAfter).filter((measure) => !before.has(measure.code));
}
