/**
 * Assessment periods and due dates (SPEC §6.2): a self-assessment (项目自评) per month `2026-10`, due the month's last
 * day 23:59 Asia/Shanghai; an enterprise re-assessment (企业再评) per quarter `2026Q4`, due 5 working days after the
 * quarter (the PRC working-day calendar decides); a government assessment per quarter, with no due time of its own.
 * The quarterly ranking runs the day after the enterprise re-assessments fall due (SPEC §6.4).
 *
 * Dates are 'YYYY-MM-DD' in Asia/Shanghai; instants are ISO 8601 with an offset. Nothing here reads a clock.
 */
import { prcWorkingDayCalendar, type WorkingDayCalendar, type WorkingDayDeadline } from '../calendar.js';
import { addDays, isCalendarDate, shanghaiDate } from '../dates.js';
import { InvalidInputError } from '../errors.js';
import { type AssessmentThresholds, type AssessmentTier, DEFAULT_ASSESSMENT_THRESHOLDS } from './thresholds.js';

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const QUARTER = /^(\d{4})Q([1-4])$/;

/** True for a month period written 'YYYY-MM'. */
export function isMonthPeriod(value: string): boolean {
  return MONTH.test(value);
}

/** True for a quarter period written 'YYYYQn'. */
export function isQuarterPeriod(value: string): boolean {
  return QUARTER.test(value);
}

function requireMonth(month: string): [number, number] {
  const match = MONTH.exec(month);
  if (!match) {
    throw new InvalidInputError(
      { zh: `月份须写作“年-月”，如 2026-10：${month}`, en: `a month is written YYYY-MM: ${month}` },
      [{ field: 'period', message: { zh: '月份格式应为 YYYY-MM', en: 'expected YYYY-MM' } }],
    );
  }
  return [Number(match[1]), Number(match[2])];
}

function requireQuarter(quarter: string): [number, number] {
  const match = QUARTER.exec(quarter);
  if (!match) {
    throw new InvalidInputError(
      { zh: `季度须写作“年Q季”，如 2026Q4：${quarter}`, en: `a quarter is written YYYYQn: ${quarter}` },
      [{ field: 'period', message: { zh: '季度格式应为 YYYYQn', en: 'expected YYYYQn' } }],
    );
  }
  return [Number(match[1]), Number(match[2])];
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The last day of a month period: '2028-02' → '2028-02-29'. */
export function lastDayOfMonth(month: string): string {
  const [year, m] = requireMonth(month);
  return new Date(Date.UTC(year, m, 0)).toISOString().slice(0, 10);
}

/** The quarter a month belongs to: '2026-11' → '2026Q4'. */
export function quarterOfMonth(month: string): string {
  const [year, m] = requireMonth(month);
  return `${year}Q${Math.ceil(m / 3)}`;
}

/** A quarter as Chinese text reads it: '2026Q3' → '2026年第3季度'. */
export function quarterName(quarter: string): string {
  return `${quarter.slice(0, 4)}年第${quarter.slice(5)}季度`;
}

/** The quarter a date falls in: '2026-11-03' → '2026Q4'. */
export function quarterOfDate(date: string): string {
  if (!isCalendarDate(date)) {
    throw new InvalidInputError({ zh: `日期无效：${date}`, en: `not a calendar date: ${date}` });
  }
  return quarterOfMonth(date.slice(0, 7));
}

/** The three months of a quarter: '2026Q4' → ['2026-10', '2026-11', '2026-12']. */
export function monthsOfQuarter(quarter: string): string[] {
  const [year, q] = requireQuarter(quarter);
  return [1, 2, 3].map((i) => `${year}-${pad((q - 1) * 3 + i)}`);
}

/** The first and last day of a quarter: '2026Q4' → ['2026-10-01', '2026-12-31']. */
export function quarterDays(quarter: string): { first: string; last: string } {
  const months = monthsOfQuarter(quarter);
  return { first: `${months[0]}-01`, last: lastDayOfMonth(months[2]!) };
}

/** The quarter before: '2027Q1' → '2026Q4'. */
export function previousQuarter(quarter: string): string {
  const [year, q] = requireQuarter(quarter);
  return q === 1 ? `${year - 1}Q4` : `${year}Q${q - 1}`;
}

/**
 * Refuses a period of the wrong kind for its tier: `self` is assessed per month, `enterprise` and `government` per
 * quarter (SPEC §6.2).
 */
export function requirePeriodOfTier(tier: AssessmentTier, period: string): void {
  const monthly = tier === 'self';
  if (monthly ? isMonthPeriod(period) : isQuarterPeriod(period)) return;
  throw new InvalidInputError(
    monthly
      ? {
          zh: `项目自评按月进行，期间应写作 2026-10：${period}`,
          en: `a self-assessment is monthly (YYYY-MM): ${period}`,
        }
      : {
          zh: `${tier === 'enterprise' ? '企业再评' : '政府评估'}按季度进行，期间应写作 2026Q4：${period}`,
          en: `a ${tier} assessment is quarterly (YYYYQn): ${period}`,
        },
    [
      {
        field: 'period',
        message: monthly
          ? { zh: '应为月份 YYYY-MM', en: 'expected YYYY-MM' }
          : { zh: '应为季度 YYYYQn', en: 'expected YYYYQn' },
      },
    ],
  );
}

/** The quarter an assessment of `tier` for `period` counts in. */
export function quarterOfPeriod(tier: AssessmentTier, period: string): string {
  requirePeriodOfTier(tier, period);
  return tier === 'self' ? quarterOfMonth(period) : period;
}

/** When an assessment is due: the last day and its end (23:59:59 Asia/Shanghai), with the calendar that decided it. */
export interface AssessmentDue {
  dueOn: string;
  dueAt: string;
  /** set for a deadline counted in working days */
  calendarVersion?: string;
  /** a deadline counted on an estimated (not yet published) holiday schedule, and why */
  note?: string;
}

/**
 * When an assessment of `tier` for `period` is due (SPEC §6.2), or null for the government tier (the agency's own
 * quarterly duty, reported as a shortfall, not a deadline). Self: the month's last day, whatever day of the week
 * (the period is the calendar month). Enterprise: the n-th working day after the quarter's last day (Civil Code
 * art. 201: the day the period ends is not counted).
 */
export function assessmentDue(
  tier: AssessmentTier,
  period: string,
  thresholds: AssessmentThresholds = DEFAULT_ASSESSMENT_THRESHOLDS,
  calendar: WorkingDayCalendar = prcWorkingDayCalendar,
): AssessmentDue | null {
  requirePeriodOfTier(tier, period);
  if (tier === 'government') return null;
  if (tier === 'self') {
    const dueOn = lastDayOfMonth(period);
    return { dueOn, dueAt: `${dueOn}T23:59:59+08:00` };
  }
  const deadline: WorkingDayDeadline = calendar.addWorkingDays(
    quarterDays(period).last,
    thresholds.dueDates.enterpriseWorkingDaysAfterQuarter,
  );
  return {
    dueOn: deadline.dueOn,
    dueAt: deadline.dueAt,
    calendarVersion: deadline.calendarVersion,
    ...(deadline.note ? { note: deadline.note } : {}),
  };
}

/**
 * Whether a submission at `submittedAt` (an instant) is late for a due day `dueOn`: it is late when its Shanghai
 * date is after the due day — the whole due day, to 23:59:59.999, is on time.
 */
export function isLate(submittedAt: string, dueOn: string): boolean {
  const instant = Date.parse(submittedAt);
  if (!Number.isFinite(instant) || !/[Zz]|[+-]\d{2}:?\d{2}$/.test(submittedAt)) {
    throw new InvalidInputError({
      zh: `提交时间须为带时区的 ISO 8601 时间：${submittedAt}`,
      en: `submittedAt must be an ISO 8601 instant with an offset: ${submittedAt}`,
    });
  }
  return shanghaiDate(new Date(instant)) > dueOn;
}

/**
 * The day the quarter's ranking runs (SPEC §6.4: 03:30 Asia/Shanghai on the day after the enterprise re-assessments
 * fall due), and that instant.
 */
export function rankingRun(
  quarter: string,
  thresholds: AssessmentThresholds = DEFAULT_ASSESSMENT_THRESHOLDS,
  calendar: WorkingDayCalendar = prcWorkingDayCalendar,
): { runOn: string; runAt: string } {
  const due = assessmentDue('enterprise', quarter, thresholds, calendar)!;
  const runOn = addDays(due.dueOn, 1);
  return { runOn, runAt: `${runOn}T03:30:00+08:00` };
}
