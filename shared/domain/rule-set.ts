/**
 * The rule set of the six inclusion conditions (差别化监管条件): its version and its thresholds. Every decision
 * record names both, so a decision can be explained and recomputed after the thresholds change.
 */
import { InvalidInputError } from './errors.js';
import type { ConditionId } from './vocabulary.js';

/**
 * The version of the condition rules in `conditions.ts`: the source plan and a revision of our reading of it.
 * Bump the revision whenever a rule's logic changes (not for threshold changes: those are recorded separately).
 */
export const RULE_SET_VERSION = '差别化监管实施方案(2022-08-15)/r1';

/** The configurable numbers of the condition rules. */
export interface Thresholds {
  /** The look-back window (回溯期) in calendar days ending on the evaluation date, inclusive. */
  lookbackDays: number;
  /** C3: absences of the same key person (项目经理 or 总监理工程师) at inspections in the window. */
  keyPersonAbsenceCount: number;
  /** C4: hazards (隐患) of the same category in the window that count as "frequently recurring" (频繁出现). */
  recurrenceCount: number;
}

/** SPEC §2.1 defaults. */
export const DEFAULT_THRESHOLDS: Readonly<Thresholds> = Object.freeze({
  lookbackDays: 90,
  keyPersonAbsenceCount: 2,
  recurrenceCount: 3,
});

/** The defaults overridden by `overrides`; every value must be a positive integer. */
export function resolveThresholds(overrides: Partial<Thresholds> = {}): Thresholds {
  const thresholds: Thresholds = { ...DEFAULT_THRESHOLDS };
  for (const key of Object.keys(DEFAULT_THRESHOLDS) as Array<keyof Thresholds>) {
    const value = overrides[key];
    if (value === undefined) continue;
    if (!Number.isInteger(value) || value < 1) {
      throw new InvalidInputError(`threshold ${key} must be a positive integer`, [
        { field: `thresholds.${key}`, message: 'must be a positive integer' },
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
