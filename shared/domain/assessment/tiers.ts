/**
 * Who assesses what, and when (SPEC §6.2's table of tiers; seed 004: 项目自评、企业再评、政府评估): which tiers a
 * participating unit submits, the periods its link shows, and the refusal of a period that has not begun.
 */
import { InvalidInputError, RuleViolationError } from '../errors.js';
import { UNIT_ROLE_NAMES, type UnitRole } from '../vocabulary.js';
import { isMonthPeriod, monthsOfQuarter, previousQuarter, quarterOfDate, requirePeriodOfTier } from './periods.js';
import type { AssessmentTier } from './thresholds.js';

/** The tiers a unit submits through its link. */
export type UnitTier = Exclude<AssessmentTier, 'government'>;

/** Chinese names of the tiers, for pages and messages. */
export const TIER_NAMES: Readonly<Record<AssessmentTier, string>> = Object.freeze({
  self: '项目自评',
  enterprise: '企业再评',
  government: '政府评估',
});

/**
 * SPEC §6.2: the general contractor's project department assesses itself monthly (自评) and the general contractor
 * re-assesses as an enterprise quarterly; the developer and the supervising firm re-assess quarterly; a
 * subcontractor does neither (its work is in the general contractor's tables).
 */
export function assessedTiersOf(role: UnitRole): UnitTier[] {
  if (role === 'general_contractor') return ['self', 'enterprise'];
  if (role === 'developer' || role === 'supervisor') return ['enterprise'];
  return [];
}

/** Refuses a tier the unit does not submit (422 by its kind: a rule, not a malformed request). */
export function requireUnitTier(role: UnitRole, tier: AssessmentTier): asserts tier is UnitTier {
  if ((assessedTiersOf(role) as AssessmentTier[]).includes(tier)) return;
  throw new RuleViolationError(
    tier === 'government'
      ? {
          zh: '政府评估由监督人员提交（POST /v1/projects/{projectId}/assessments），不能通过单位的评估链接提交',
          en: 'government assessments are submitted by inspectors, not through a unit’s link',
        }
      : {
          zh: `${UNIT_ROLE_NAMES[role]}不进行${TIER_NAMES[tier]}${tier === 'self' ? '：项目自评由施工总承包单位项目部进行' : ''}`,
          en: `a ${role} does not submit the ${tier} tier`,
        },
    [{ field: 'tier', message: { zh: '本单位不进行该层级的评估', en: 'not a tier of this unit' } }],
  );
}

/** The month 'YYYY-MM' of a date and the month before it. */
function monthsAround(today: string): [string, string] {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  const previous = month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
  return [today.slice(0, 7), previous];
}

/**
 * The periods a unit's link shows for a tier on `today`, the current one first: this month and last month for the
 * self-assessment (last month's may still be missing, then late); this quarter and last quarter for the enterprise
 * re-assessment (last quarter's is due in the first working days of this one).
 */
export function periodsOnLink(tier: UnitTier, today: string): string[] {
  if (tier === 'self') return monthsAround(today);
  const quarter = quarterOfDate(today);
  return [quarter, previousQuarter(quarter)];
}

/** Refuses a period that has not begun on `today`: nobody can have assessed a month that has not started. */
export function requirePeriodStarted(tier: AssessmentTier, period: string, today: string): void {
  requirePeriodOfTier(tier, period);
  const first = isMonthPeriod(period) ? `${period}-01` : `${monthsOfQuarter(period)[0]}-01`;
  if (first <= today) return;
  throw new InvalidInputError(
    {
      zh: `评估期间 ${period} 尚未开始（今天是 ${today}）`,
      en: `the period ${period} has not begun (today is ${today})`,
    },
    [{ field: 'period', message: { zh: '期间尚未开始', en: 'not begun yet' } }],
  );
}
