/**
 * Evaluation cycles (评定周期) of a supervision case. The source plan (实施方案 §3(4)) evaluates "以月度为一周期
 * （最长延期为三个月）": a cycle is a calendar month, and an officer may extend the current one so that it lasts at most
 * three months in total. Dates are 'YYYY-MM-DD' in Asia/Shanghai; nothing here reads a clock.
 */
import { isCalendarDate } from './calendar.js';
import { addDays } from './dates.js';
import { ConflictError, InvalidInputError, RuleViolationError } from './errors.js';

/** One evaluation cycle; `start` and `end` are both inclusive. */
export interface Cycle {
  /** 1 for the cycle that starts on the inclusion day, then 2, 3 … */
  index: number;
  start: string;
  /** always the last day of a calendar month */
  end: string;
  /** whole months added by officers' extensions (0–2) */
  extendedMonths: number;
}

/**
 * The first cycle keeps the inclusion month only when at least this many days of it remain, counting the inclusion
 * day itself through the month's last day (SPEC §2.4). Fewer days would be too short to judge a change in safety
 * management, so the first cycle then also takes the whole next month.
 */
export const FIRST_CYCLE_MIN_DAYS = 15;

/**
 * The longest a cycle may last, in months (最长延期为三个月). A cycle's base counts as one month — including the
 * first cycle's extra part-month, which is a rule of the first cycle, not an extension — so a cycle can be extended by
 * at most `MAX_CYCLE_MONTHS - 1` months in all.
 */
export const MAX_CYCLE_MONTHS = 3;

function requireDate(value: string, field: string): void {
  if (!isCalendarDate(value)) {
    throw new InvalidInputError(
      { zh: `${field} 应为有效日期 YYYY-MM-DD：${value}`, en: `${field} must be a calendar date YYYY-MM-DD: ${value}` },
      [{ field, message: { zh: '应为日历上存在的日期 YYYY-MM-DD', en: 'expected YYYY-MM-DD' } }],
    );
  }
}

/** The last day of the month `monthsLater` months after the month of `date`. */
function endOfMonth(date: string, monthsLater = 0): string {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7)); // 1-based; Date.UTC(y, m, 0) is the last day of month m
  return new Date(Date.UTC(year, month + monthsLater, 0)).toISOString().slice(0, 10);
}

/** Days from `date` through the last day of its month, both counted (31 on 1 January, 1 on 31 January). */
export function daysLeftInMonth(date: string): number {
  requireDate(date, 'date');
  return Number(endOfMonth(date).slice(8, 10)) - Number(date.slice(8, 10)) + 1;
}

/**
 * The first cycle of a case included on `includedOn`: it starts that day and ends on the last day of the inclusion
 * month when at least {@link FIRST_CYCLE_MIN_DAYS} days of it remain (inclusion day counted), otherwise on the last
 * day of the next month. E.g. 2026-01-17 → 2026-01-31 (15 days), 2026-01-18 → 2026-02-28 (14 days).
 */
export function firstCycle(includedOn: string): Cycle {
  requireDate(includedOn, 'includedOn');
  const monthsLater = daysLeftInMonth(includedOn) >= FIRST_CYCLE_MIN_DAYS ? 0 : 1;
  return { index: 1, start: includedOn, end: endOfMonth(includedOn, monthsLater), extendedMonths: 0 };
}

/** The cycle after `previous`: the calendar month that follows its end. */
export function nextCycle(previous: Cycle): Cycle {
  requireDate(previous.end, 'cycle.end');
  const start = addDays(previous.end, 1);
  return { index: previous.index + 1, start, end: endOfMonth(start), extendedMonths: 0 };
}

/** How many more months `cycle` may still be extended by (0, 1 or 2). */
export function remainingExtensionMonths(cycle: Cycle): number {
  return Math.max(0, MAX_CYCLE_MONTHS - 1 - cycle.extendedMonths);
}

/**
 * `cycle` extended by `months` whole months (延期): its end moves to the last day of the month `months` later.
 * Refused with a {@link RuleViolationError} that says how many months remain when the cycle would last more than
 * {@link MAX_CYCLE_MONTHS} months; and, when `asOf` is given, with a {@link ConflictError} once the cycle has ended
 * (it has been, or is about to be, evaluated on the day after its end — extending it then would rewrite a verdict).
 */
export function extendCycle(cycle: Cycle, months: 1 | 2, asOf?: string): Cycle {
  if (months !== 1 && months !== 2) {
    throw new InvalidInputError(
      { zh: `延期只能是 1 或 2 个月：${String(months)}`, en: `an extension is 1 or 2 months: ${String(months)}` },
      [{ field: 'months', message: { zh: '只能是 1 或 2', en: 'must be 1 or 2' } }],
    );
  }
  requireDate(cycle.end, 'cycle.end');
  if (asOf !== undefined) {
    requireDate(asOf, 'asOf');
    if (asOf > cycle.end) {
      throw new ConflictError({
        zh: `第${cycle.index}周期已于 ${cycle.end} 结束，不能再延期：周期结束后即行评估，延期须在周期结束前办理。`,
        en: `Cycle ${cycle.index} ended on ${cycle.end} and can no longer be extended: extend a cycle before it ends.`,
      });
    }
  }
  const remaining = remainingExtensionMonths(cycle);
  if (months > remaining) {
    throw new RuleViolationError(
      {
        zh: `一个周期最长为${MAX_CYCLE_MONTHS}个月：第${cycle.index}周期已延期${cycle.extendedMonths}个月，最多还可延期${remaining}个月。`,
        en: `A cycle lasts at most ${MAX_CYCLE_MONTHS} months: cycle ${cycle.index} was extended by ${cycle.extendedMonths} month(s); ${remaining} month(s) of extension remain.`,
      },
      [{ field: 'months', message: { zh: `最多 ${remaining}`, en: `at most ${remaining}` } }],
    );
  }
  return { ...cycle, end: endOfMonth(cycle.end, months), extendedMonths: cycle.extendedMonths + months };
}

/** The cycle of `cycles` whose dates include `date`, if any. */
export function cycleContaining(cycles: readonly Cycle[], date: string): Cycle | undefined {
  requireDate(date, 'date');
  return cycles.find((cycle) => cycle.start <= date && date <= cycle.end);
}

/**
 * The cycle that ended the day before `evaluationDate`: the one the scheduled evaluation on the 1st of a month
 * judges (SPEC §2.4). Undefined when no cycle ended then — e.g. an extended cycle still running.
 */
export function cycleEndedBefore(cycles: readonly Cycle[], evaluationDate: string): Cycle | undefined {
  requireDate(evaluationDate, 'evaluationDate');
  const dayBefore = addDays(evaluationDate, -1);
  return cycles.find((cycle) => cycle.end === dayBefore);
}
