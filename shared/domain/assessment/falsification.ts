/**
 * Falsification (弄虚作假, seed 004: 对未按时评估或弄虚作假的参建企业进行企业及人员动态记分; SPEC §6.2): when a self or
 * enterprise assessment is suspected, the unit's statement window, and when an officer may decide.
 */
import { prcWorkingDayCalendar, type WorkingDayCalendar } from '../calendar.js';
import { shanghaiDate } from '../dates.js';
import { type Bilingual, ConflictError, InvalidInputError } from '../errors.js';
import type { Scheme } from './scheme.js';
import { type AssessmentInput, checkAssessmentInput } from './scoring.js';
import type { AssessmentThresholds, AssessmentTier } from './thresholds.js';

/** An assessment as compared: its tier, its (one-decimal) total and what was submitted item by item. */
export interface ComparedAssessment {
  tier: AssessmentTier;
  score: number;
  input: AssessmentInput;
}

/** One ground for suspicion, with the figures that make it, in Chinese and English. */
export type FalsificationGround =
  | { kind: 'exceeds_government'; by: number; text: Bilingual }
  | { kind: 'full_marks_where_government_zero'; tableId: string; itemId: string; text: Bilingual };

/**
 * The grounds on which a self or enterprise assessment is suspected against a government assessment of the same
 * project and quarter (SPEC §6.2); none means not suspected.
 * - its total exceeds the government's by more than the margin (15 points by default; exactly 15 is not more);
 * - it gives full marks (no deduction) to a guaranteed item (保证项目) the government scored 0 (deducted in full),
 *   both having found the item applicable.
 * Totals are compared in tenths, as shown, so 85.1 − 70.1 is exactly 15.
 */
export function falsificationGrounds(
  scheme: Scheme,
  unit: ComparedAssessment,
  government: ComparedAssessment,
  thresholds: Pick<AssessmentThresholds, 'falsification'>,
): FalsificationGround[] {
  if (unit.tier === 'government' || government.tier !== 'government') {
    throw new InvalidInputError({
      zh: '弄虚作假只比较项目自评或企业再评与政府评估',
      en: 'falsification compares a self or enterprise assessment with a government one',
    });
  }
  const grounds: FalsificationGround[] = [];
  const byTenths = Math.round(unit.score * 10) - Math.round(government.score * 10);
  const marginTenths = Math.round(thresholds.falsification.marginPoints * 10);
  if (byTenths > marginTenths) {
    const by = byTenths / 10;
    grounds.push({
      kind: 'exceeds_government',
      by,
      text: {
        zh: `${unit.tier === 'self' ? '项目自评' : '企业再评'}得分${unit.score}分，高出政府评估（${government.score}分）${by}分，超过${thresholds.falsification.marginPoints}分`,
        en: `the ${unit.tier} assessment (${unit.score}) exceeds the government's (${government.score}) by ${by}, more than ${thresholds.falsification.marginPoints}`,
      },
    });
  }
  const unitItems = new Map(
    checkAssessmentInput(scheme, unit.input).flatMap((t) => t.items.map((i) => [i.itemId, i] as const)),
  );
  for (const table of checkAssessmentInput(scheme, government.input)) {
    for (const item of table.items) {
      if (item.kind !== 'guaranteed' || !item.applicable || item.deduction < item.maximum) continue;
      const theirs = unitItems.get(item.itemId);
      if (theirs?.applicable && theirs.deduction === 0) {
        grounds.push({
          kind: 'full_marks_where_government_zero',
          tableId: table.tableId,
          itemId: item.itemId,
          text: {
            zh: `保证项目「${table.name}·${item.name}」政府评估得0分，${unit.tier === 'self' ? '项目自评' : '企业再评'}给了满分${item.maximum}分`,
            en: `guaranteed item ${item.itemId} scored 0 by the government was given full marks (${item.maximum})`,
          },
        });
      }
    }
  }
  return grounds;
}

/** The `falsification` field of an assessment while suspected (SPEC §6.2). */
export interface Suspicion {
  status: 'suspected';
  suspectedAt: string;
  /** the end of the unit's statement window: 23:59:59 Asia/Shanghai of the n-th working day after the suspicion */
  statementDueAt: string;
}

/** The suspicion raised at `suspectedAt`, with the statement window of n working days (5 by default). */
export function suspicion(
  suspectedAt: string,
  thresholds: Pick<AssessmentThresholds, 'falsification'>,
  calendar: WorkingDayCalendar = prcWorkingDayCalendar,
): Suspicion {
  const instant = Date.parse(suspectedAt);
  if (!Number.isFinite(instant)) {
    throw new InvalidInputError({ zh: `时间无效：${suspectedAt}`, en: `not an instant: ${suspectedAt}` });
  }
  const due = calendar.addWorkingDays(shanghaiDate(new Date(instant)), thresholds.falsification.statementWorkingDays);
  return { status: 'suspected', suspectedAt, statementDueAt: due.dueAt };
}

/**
 * Refuses (409) an officer's decision on a suspicion before the statement window has closed, unless the unit has
 * already made its statement (SPEC §6.2), and a decision on anything but a pending suspicion.
 */
export function assertFalsificationDecidable(state: {
  status: 'suspected' | 'confirmed' | 'cleared';
  statementDueAt: string;
  statementMadeAt: string | null;
  at: string;
}): void {
  if (state.status !== 'suspected') {
    throw new ConflictError({
      zh: `该评估的弄虚作假认定已作出（${state.status === 'confirmed' ? '认定' : '排除'}），不能再次认定`,
      en: `the falsification has already been ${state.status}`,
    });
  }
  if (state.statementMadeAt === null && Date.parse(state.at) <= Date.parse(state.statementDueAt)) {
    throw new ConflictError({
      zh: `单位陈述期至 ${state.statementDueAt.slice(0, 16).replace('T', ' ')} 止，期满或单位提交陈述后方可认定`,
      en: `the unit may make its statement until ${state.statementDueAt}; decide after that or after its statement`,
    });
  }
}
