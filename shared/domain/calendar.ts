/**
 * The PRC working-day calendar (工作日历) and deadline arithmetic for notices and obligations.
 *
 * Dates are calendar dates in Asia/Shanghai written 'YYYY-MM-DD'; nothing here reads a clock. A year whose
 * State Council schedule (国务院办公厅关于部分节假日安排的通知) is in `shared/calendar/prc-working-days.json` uses it;
 * any other year falls back to weekends plus the fixed statutory holidays of 《全国年节及纪念日放假办法》 and every
 * result says so. Adding a year is an edit of the JSON file only.
 */
import prcWorkingDays from '../calendar/prc-working-days.json' with { type: 'json' };
import type { CalendarData } from './calendar-data.js';
import { isCalendarDate } from './dates.js';
import { InvalidInputError } from './errors.js';

const DAY_MS = 86_400_000;

function toUtcMs(date: string): number {
  if (!isCalendarDate(date)) {
    throw new InvalidInputError({
      zh: `日期无效：${date}（应为日历上存在的日期 YYYY-MM-DD）`,
      en: `not a calendar date (YYYY-MM-DD): ${date}`,
    });
  }
  return Date.parse(`${date}T00:00:00Z`);
}

function fromUtcMs(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The date `n` calendar days after `date` (n may be negative); refuses a string that is not a date. */
export function addCalendarDays(date: string, n: number): string {
  return fromUtcMs(toUtcMs(date) + n * DAY_MS);
}

export type { CalendarData };
export { isCalendarDate };

/** Day of the week, 0 = Sunday … 6 = Saturday. */
function weekday(date: string): number {
  return new Date(toUtcMs(date)).getUTCDay();
}

function isWeekend(date: string): boolean {
  const day = weekday(date);
  return day === 0 || day === 6;
}

/** A deadline that ends at 23:59:59 Asia/Shanghai on `dueOn`, with the calendar data it was computed from. */
export interface WorkingDayDeadline {
  /** the last day of the period, 'YYYY-MM-DD' */
  dueOn: string;
  /** the end of that day as an ISO timestamp with offset, e.g. '2026-05-11T23:59:59+08:00' */
  dueAt: string;
  /** which data decided the days counted, e.g. 'prc-2026@2025-11-04' or 'prc-2026@2025-11-04+fallback-statutory@2024' */
  calendarVersion: string;
  /** true when some day counted lies in a year without a published schedule */
  fallback: boolean;
  /** when `fallback`: which years were estimated, in Chinese and English */
  note?: string;
}

/** What the calendar says about one day. */
export interface CalendarDay {
  date: string;
  working: boolean;
  /** the data that decided it */
  version: string;
  /** decided by the statutory fallback, not a published schedule */
  fallback: boolean;
}

/** Working-day arithmetic over one set of calendar data. */
export interface WorkingDayCalendar {
  /** What the calendar says about `date`. */
  day(date: string): CalendarDay;
  /** True on a working day: a weekday that is not a holiday, or an adjusted working day (调休上班). */
  isWorkingDay(date: string): boolean;
  /** The deadline `n` working days after `issuedOn`, counted as the Civil Code (art. 201) requires. */
  addWorkingDays(issuedOn: string, n: number): WorkingDayDeadline;
  /** `date` itself if it is a working day, else the first working day after it. */
  nextWorkingDayOnOrAfter(date: string): string;
  /** The number of working days after `from` up to and including `to` (0 when `to` ≤ `from`). */
  workingDaysBetween(from: string, to: string): number;
  /** A deadline that falls on `date`, moved to the next working day when `date` is not one (Civil Code art. 203). */
  deadlineOnOrNextWorkingDay(date: string): WorkingDayDeadline;
}

/** Enough to cover any realistic period; a longer search means the data is broken. */
const MAX_SEARCH_DAYS = 366;

/**
 * A calendar over `data`, taken as valid: the bundled file is checked against `calendarDataSchema` by the unit tests
 * every edit of it goes through (test/unit/domain/calendar-data.test.ts), so no function carries zod to check it again
 * at each cold start (issue 13 item 3). Other data goes through `createWorkingDayCalendar` (calendar-data.ts), which
 * validates it first. The exported functions below use the bundled data.
 */
export function workingDayCalendarOf(data: CalendarData): WorkingDayCalendar {
  const published = new Map<string, { working: boolean; version: string }>();
  for (const schedule of Object.values(data.schedules)) {
    for (const date of schedule.holidays) published.set(date, { working: false, version: schedule.version });
    for (const date of schedule.workdays) published.set(date, { working: true, version: schedule.version });
  }
  const statutoryDaysOff = new Map<string, Set<string>>();

  /**
   * The statutory days off of a year: the fixed holidays, plus a make-up day (补假) on the next free weekday for
   * each holiday that falls on a Saturday or Sunday, as the regulation requires.
   */
  function statutoryDaysOffOf(year: string): Set<string> {
    const cached = statutoryDaysOff.get(year);
    if (cached) return cached;
    const lunar = data.statutory.lunarDates[year];
    if (!lunar) {
      throw new InvalidInputError({
        zh: `没有 ${year} 年的工作日历（既无国务院节假日安排，也无法定节假日的农历日期），无法计算期限：请在 shared/calendar/prc-working-days.json 中补充。`,
        en: `no working-day calendar for ${year}: neither a published schedule nor statutory lunar dates; add them to shared/calendar/prc-working-days.json`,
      });
    }
    const holidays: string[] = [];
    for (const holiday of data.statutory.holidays) {
      const first =
        holiday.rule === 'fixed'
          ? `${year}-${String(holiday.month).padStart(2, '0')}-${String(holiday.day).padStart(2, '0')}`
          : lunar[holiday.rule];
      for (let i = 0; i < holiday.days; i++) holidays.push(addCalendarDays(first, i));
    }
    const off = new Set(holidays);
    for (const holiday of holidays.sort()) {
      if (!isWeekend(holiday)) continue;
      let makeUp = addCalendarDays(holiday, 1);
      while (isWeekend(makeUp) || off.has(makeUp)) makeUp = addCalendarDays(makeUp, 1);
      off.add(makeUp);
    }
    statutoryDaysOff.set(year, off);
    return off;
  }

  function day(date: string): CalendarDay {
    toUtcMs(date);
    const listed = published.get(date);
    if (listed) return { date, working: listed.working, version: listed.version, fallback: false };
    const year = date.slice(0, 4);
    const schedule = data.schedules[year];
    if (schedule) return { date, working: !isWeekend(date), version: schedule.version, fallback: false };
    const off = statutoryDaysOffOf(year);
    return { date, working: !isWeekend(date) && !off.has(date), version: data.statutory.version, fallback: true };
  }

  function deadline(dueOn: string, counted: CalendarDay[]): WorkingDayDeadline {
    const versions = [...new Set(counted.map((d) => d.version))];
    const fallbackYears = [...new Set(counted.filter((d) => d.fallback).map((d) => d.date.slice(0, 4)))];
    const result: WorkingDayDeadline = {
      dueOn,
      dueAt: `${dueOn}T23:59:59+08:00`,
      calendarVersion: versions.join('+'),
      fallback: fallbackYears.length > 0,
    };
    if (fallbackYears.length > 0) {
      const years = fallbackYears.join('、');
      result.note =
        `${years}年国务院节假日安排尚未发布，按周末及《全国年节及纪念日放假办法》规定的法定节假日推算，发布后应重新核定。` +
        ` No published State Council holiday schedule for ${fallbackYears.join(', ')}; estimated from weekends and the statutory holidays.`;
    }
    return result;
  }

  function addWorkingDays(issuedOn: string, n: number): WorkingDayDeadline {
    if (!Number.isInteger(n) || n < 1) {
      throw new InvalidInputError({
        zh: `工作日数须为正整数：${n}`,
        en: `working days must be a positive integer: ${n}`,
      });
    }
    const counted: CalendarDay[] = [];
    let remaining = n;
    let date = issuedOn;
    while (remaining > 0) {
      date = addCalendarDays(date, 1);
      const today = day(date);
      counted.push(today);
      if (today.working) remaining--;
    }
    return deadline(date, counted);
  }

  function nextWorkingDayOnOrAfter(date: string): string {
    let candidate = date;
    for (let i = 0; i <= MAX_SEARCH_DAYS; i++) {
      if (day(candidate).working) return candidate;
      candidate = addCalendarDays(candidate, 1);
    }
    throw new InvalidInputError({
      zh: `${date} 之后一年内没有工作日：工作日历数据有误，请核对 shared/calendar/prc-working-days.json。`,
      en: `no working day within a year after ${date}; the calendar data is wrong`,
    });
  }

  function workingDaysBetween(from: string, to: string): number {
    toUtcMs(to);
    let count = 0;
    for (let date = addCalendarDays(from, 1); date <= to; date = addCalendarDays(date, 1)) {
      if (day(date).working) count++;
    }
    return count;
  }

  function deadlineOnOrNextWorkingDay(date: string): WorkingDayDeadline {
    const dueOn = nextWorkingDayOnOrAfter(date);
    const counted: CalendarDay[] = [];
    for (let d = date; d <= dueOn; d = addCalendarDays(d, 1)) counted.push(day(d));
    return deadline(dueOn, counted);
  }

  return {
    day,
    isWorkingDay: (date) => day(date).working,
    addWorkingDays,
    nextWorkingDayOnOrAfter,
    workingDaysBetween,
    deadlineOnOrNextWorkingDay,
  };
}

/** The calendar over the bundled data (`shared/calendar/prc-working-days.json`). */
export const prcWorkingDayCalendar: WorkingDayCalendar = workingDayCalendarOf(prcWorkingDays as CalendarData);

/** True on a PRC working day: a weekday that is not a holiday, or an adjusted working day (调休上班). */
export function isWorkingDay(date: string): boolean {
  return prcWorkingDayCalendar.isWorkingDay(date);
}

/**
 * The deadline `n` working days after `issuedOn` (e.g. the 5-working-day receipt of a notice). Civil Code art. 201:
 * the day of issue is not counted; the period ends at 23:59:59 Asia/Shanghai of the n-th working day after it.
 */
export function addWorkingDays(issuedOn: string, n: number): WorkingDayDeadline {
  return prcWorkingDayCalendar.addWorkingDays(issuedOn, n);
}

/** `date` itself if it is a working day, else the first working day after it. */
export function nextWorkingDayOnOrAfter(date: string): string {
  return prcWorkingDayCalendar.nextWorkingDayOnOrAfter(date);
}

/** The number of working days after `from` up to and including `to` (0 when `to` ≤ `from`). */
export function workingDaysBetween(from: string, to: string): number {
  return prcWorkingDayCalendar.workingDaysBetween(from, to);
}

/**
 * A deadline fixed to a calendar day, e.g. the weekly report (周报) due Friday 23:59: when that day is a holiday or
 * weekend the deadline moves to the end of the next working day (Civil Code art. 203).
 */
export function deadlineOnOrNextWorkingDay(date: string): WorkingDayDeadline {
  return prcWorkingDayCalendar.deadlineOnOrNextWorkingDay(date);
}
