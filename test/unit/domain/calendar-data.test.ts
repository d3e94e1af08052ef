/**
 * The calendar data checked against the `chinese-days` package (a reviewed, independently maintained copy of the
 * State Council schedules and a lunar calendar). Used here only; shared/ never imports it.
 */
import chineseDays from 'chinese-days';
import { describe, expect, it } from 'vitest';
import calendarData from '../../../shared/calendar/prc-working-days.json' with { type: 'json' };
import { addCalendarDays, isWorkingDay } from '../../../shared/domain/calendar.js';
import { calendarDataSchema } from '../../../shared/domain/calendar-data.js';

const data = calendarDataSchema.parse(calendarData);
const publishedYears = Object.keys(data.schedules);

function daysOf(year: string): string[] {
  const days: string[] = [];
  for (let date = `${year}-01-01`; date <= `${year}-12-31`; date = addCalendarDays(date, 1)) days.push(date);
  return days;
}

function isWeekend(date: string): boolean {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 || day === 6;
}

describe('the bundled file', () => {
  it('has the shape the calendar reads (the functions take it as valid: this is its only check)', () => {
    expect(calendarDataSchema.safeParse(calendarData).error).toBeUndefined();
  });
});

describe('published schedules', () => {
  it('include 2025 and 2026', () => {
    expect(publishedYears).toEqual(expect.arrayContaining(['2025', '2026']));
  });

  it.each(publishedYears)('%s: every day agrees with chinese-days', (year) => {
    const disagreements = daysOf(year).filter((date) => isWorkingDay(date) !== chineseDays.isWorkday(date));
    expect(disagreements).toEqual([]);
  });

  it.each(publishedYears)('%s: adjusted working days fall on weekends, and no day is both off and worked', (year) => {
    const schedule = data.schedules[year];
    expect(schedule).toBeDefined();
    if (!schedule) return;
    for (const date of schedule.workdays) expect(isWeekend(date), date).toBe(true);
    expect(schedule.holidays.filter((date) => schedule.workdays.includes(date))).toEqual([]);
    expect(new Set(schedule.holidays).size).toBe(schedule.holidays.length);
    expect(schedule.version).toBe(`prc-${year}@${schedule.source.publishedOn}`);
  });

  it('2026 is the schedule of the State Council notice of 2025-11-04', () => {
    const schedule = data.schedules['2026'];
    expect(schedule?.source.publishedOn).toBe('2025-11-04');
    expect(schedule?.workdays).toEqual([
      '2026-01-04',
      '2026-02-14',
      '2026-02-28',
      '2026-05-09',
      '2026-09-20',
      '2026-10-10',
    ]);
    expect(schedule?.holidays).toHaveLength(3 + 9 + 3 + 5 + 3 + 3 + 7);
  });
});

describe('statutory fallback: lunar festivals and Qingming', () => {
  const years = Object.keys(data.statutory.lunarDates);

  it('covers 2020–2050 without gaps', () => {
    expect(years).toEqual(Array.from({ length: 31 }, (_, i) => String(2020 + i)));
  });

  it.each(years)('%s agrees with the lunar calendar of chinese-days', (year) => {
    const dates = data.statutory.lunarDates[year];
    expect(dates).toBeDefined();
    if (!dates) return;
    const newYear = chineseDays.getLunarDate(addCalendarDays(dates.lunarNewYearsEve, 1));
    expect([newYear.lunarMon, newYear.lunarDay, newYear.isLeap]).toEqual([1, 1, false]);
    expect(newYear.lunarYear).toBe(Number(year));
    const dragonBoat = chineseDays.getLunarDate(dates.dragonBoat);
    expect([dragonBoat.lunarMon, dragonBoat.lunarDay, dragonBoat.isLeap]).toEqual([5, 5, false]);
    const midAutumn = chineseDays.getLunarDate(dates.midAutumn);
    expect([midAutumn.lunarMon, midAutumn.lunarDay, midAutumn.isLeap]).toEqual([8, 15, false]);
    expect(dates.qingming).toBe(chineseDays.getSolarTermDate(Number(year), 4, 'pure_brightness'));
    for (const date of Object.values(dates)) expect(date.startsWith(year), date).toBe(true);
  });

  it('lists the holidays of the 2024 amendment (元旦1, 春节4, 清明1, 劳动节2, 端午1, 中秋1, 国庆3)', () => {
    expect(data.statutory.holidays.map((holiday) => [holiday.name, holiday.days])).toEqual([
      ['元旦', 1],
      ['春节', 4],
      ['清明节', 1],
      ['劳动节', 2],
      ['端午节', 1],
      ['中秋节', 1],
      ['国庆节', 3],
    ]);
  });
});
