/**
 * The shape of the working-day calendar's data (`shared/calendar/prc-working-days.json`), as a zod schema: what the
 * unit tests check the bundled file against, and what a calendar over other data is validated with. Kept apart from
 * calendar.ts so the functions that count working days do not carry zod for it (issue 13 item 3).
 */
import * as z from 'zod/mini';
import { type WorkingDayCalendar, workingDayCalendarOf } from './calendar.js';
import { isCalendarDate } from './dates.js';

const calendarDate = z.string().check(z.refine(isCalendarDate, 'expected a calendar date YYYY-MM-DD'));
const source = z.object({ title: z.string().check(z.minLength(1)), publishedOn: calendarDate });
const lunarDatesOfYear = z.object({
  /** 除夕, the first day of the Spring Festival holiday since the 2024 amendment */
  lunarNewYearsEve: calendarDate,
  /** 清明 (the solar term) */
  qingming: calendarDate,
  /** 端午 (5th day of the 5th lunar month) */
  dragonBoat: calendarDate,
  /** 中秋 (15th day of the 8th lunar month) */
  midAutumn: calendarDate,
});
const statutoryHoliday = z.discriminatedUnion('rule', [
  z.object({
    name: z.string(),
    rule: z.literal('fixed'),
    month: z.number().check(z.int(), z.gte(1), z.lte(12)),
    day: z.number().check(z.int(), z.gte(1), z.lte(31)),
    days: z.number().check(z.int(), z.gte(1)),
  }),
  z.object({ name: z.string(), rule: z.keyof(lunarDatesOfYear), days: z.number().check(z.int(), z.gte(1)) }),
]);

/**
 * The shape of the calendar data file: published schedules by year, and the statutory fallback. The bundled file is
 * checked against it by the unit tests (a bad edit fails CI rather than producing wrong deadlines); other data is
 * checked by {@link createWorkingDayCalendar}.
 */
export const calendarDataSchema = z.object({
  schedules: z.record(
    z.string().check(z.regex(/^\d{4}$/)),
    z.object({
      version: z.string().check(z.minLength(1)),
      source,
      holidays: z.array(calendarDate),
      workdays: z.array(calendarDate),
    }),
  ),
  statutory: z.object({
    version: z.string().check(z.minLength(1)),
    source,
    holidays: z.array(statutoryHoliday),
    lunarDates: z.record(z.string().check(z.regex(/^\d{4}$/)), lunarDatesOfYear),
  }),
});
/** Calendar data as in `shared/calendar/prc-working-days.json`. */
export type CalendarData = z.infer<typeof calendarDataSchema>;

/** A calendar over `input`, validated first (a malformed file is refused before any deadline is computed). */
export function createWorkingDayCalendar(input: unknown): WorkingDayCalendar {
  return workingDayCalendarOf(calendarDataSchema.parse(input));
}
