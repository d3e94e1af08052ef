import { describe, expect, it } from 'vitest';
import calendarData from '../../../shared/calendar/prc-working-days.json' with { type: 'json' };
import {
  addCalendarDays,
  addWorkingDays,
  deadlineOnOrNextWorkingDay,
  isCalendarDate,
  isWorkingDay,
  nextWorkingDayOnOrAfter,
  workingDaysBetween,
} from '../../../shared/domain/calendar.js';
import { createWorkingDayCalendar } from '../../../shared/domain/calendar-data.js';
import { InvalidInputError } from '../../../shared/domain/errors.js';

const V2025 = 'prc-2025@2024-11-12';
const V2026 = 'prc-2026@2025-11-04';
const FALLBACK = 'fallback-statutory@2024';

describe('addWorkingDays (Civil Code art. 201: issue day not counted, ends 23:59:59 of the n-th working day)', () => {
  it.each([
    // [case, issuedOn, n, dueOn, calendarVersion]
    ['Labour Day: May 1–5 off, Sat May 9 worked', '2026-04-30', 5, '2026-05-11', V2026],
    ['National Day: Oct 1–7 off, Sat Oct 10 worked', '2026-09-30', 5, '2026-10-13', V2026],
    ['issued on the last day of National Day', '2026-10-07', 1, '2026-10-08', V2026],
    ['Spring Festival: Sat Feb 14 worked, Feb 15–23 off', '2026-02-13', 5, '2026-02-27', V2026],
    ['Spring Festival from Thursday', '2026-02-12', 5, '2026-02-26', V2026],
    ['issued on a Saturday', '2026-03-07', 5, '2026-03-13', V2026],
    ['issued on a Sunday', '2026-03-08', 5, '2026-03-13', V2026],
    ['adjusted working day Sun Sep 20 counts', '2026-09-18', 1, '2026-09-20', V2026],
    ['adjusted working day, then Mid-autumn Sep 25–27', '2026-09-18', 5, '2026-09-24', V2026],
    ['across Mid-autumn', '2026-09-21', 5, '2026-09-29', V2026],
    ['issued on an adjusted working day (not counted)', '2026-09-20', 1, '2026-09-21', V2026],
    ['an ordinary week', '2026-03-09', 5, '2026-03-16', V2026],
    ['2025 National Day + Mid-autumn Oct 1–8, Sat Oct 11 worked', '2025-09-30', 3, '2025-10-11', V2025],
    ['year boundary: New Year off, Sun Jan 4 2026 worked', '2025-12-29', 5, '2026-01-06', `${V2025}+${V2026}`],
    ['year boundary into a year without schedule', '2026-12-29', 5, '2027-01-06', `${V2026}+${FALLBACK}`],
  ])('%s: %s + %i → %s', (_case, issuedOn, n, dueOn, calendarVersion) => {
    const deadline = addWorkingDays(issuedOn, n);
    expect(deadline.dueOn).toBe(dueOn);
    expect(deadline.dueAt).toBe(`${dueOn}T23:59:59+08:00`);
    expect(deadline.calendarVersion).toBe(calendarVersion);
    expect(deadline.fallback).toBe(calendarVersion.includes(FALLBACK));
  });

  it('a year without a published schedule falls back to the statutory holidays and says so', () => {
    // 2031: 除夕 Wed Jan 22 → Jan 22–25 off, Sat Jan 25 is a holiday on a weekend → make-up day Mon Jan 27
    const deadline = addWorkingDays('2031-01-20', 5);
    expect(deadline).toMatchObject({
      dueOn: '2031-01-31',
      dueAt: '2031-01-31T23:59:59+08:00',
      calendarVersion: FALLBACK,
      fallback: true,
    });
    expect(deadline.note).toContain('2031年国务院节假日安排尚未发布');
    expect(deadline.note).toContain('No published State Council holiday schedule for 2031');
  });

  it('a published year carries no note', () => {
    expect(addWorkingDays('2026-04-30', 5).note).toBeUndefined();
  });

  it('the due day is the first day on which exactly n working days have passed (every issue day of 2025–2026)', () => {
    for (let issuedOn = '2025-01-01'; issuedOn <= '2026-12-20'; issuedOn = addCalendarDays(issuedOn, 1)) {
      const { dueOn } = addWorkingDays(issuedOn, 5);
      expect(isWorkingDay(dueOn)).toBe(true);
      expect(workingDaysBetween(issuedOn, dueOn)).toBe(5);
      expect(workingDaysBetween(issuedOn, addCalendarDays(dueOn, -1))).toBe(4);
    }
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses n = %s', (n) => {
    expect(() => addWorkingDays('2026-04-30', n)).toThrow(InvalidInputError);
  });

  it.each(['2026-02-30', '2026-4-30', '20260430', ''])('refuses the date %j', (date) => {
    expect(() => addWorkingDays(date, 5)).toThrow(InvalidInputError);
  });

  it('refuses a year with neither a schedule nor statutory lunar dates', () => {
    expect(() => addWorkingDays('2051-03-01', 5)).toThrow(/no working-day calendar for 2051/);
  });
});

describe('isWorkingDay', () => {
  it.each([
    ['2026-09-20', true, 'Sunday, adjusted working day'],
    ['2026-10-10', true, 'Saturday, adjusted working day'],
    ['2026-01-04', true, 'Sunday, adjusted working day'],
    ['2026-05-09', true, 'Saturday, adjusted working day'],
    ['2026-05-10', false, 'ordinary Sunday'],
    ['2026-10-01', false, 'National Day'],
    ['2026-10-07', false, 'National Day break'],
    ['2026-10-08', true, 'first day after National Day'],
    ['2026-02-23', false, 'last day of Spring Festival'],
    ['2026-03-09', true, 'ordinary Monday'],
    ['2031-10-01', false, 'fallback: National Day'],
    ['2031-10-06', true, 'fallback: no 调休 is invented'],
    ['2031-01-27', false, 'fallback: make-up day (补假) for Sat Jan 25'],
    ['2031-01-28', true, 'fallback: after the make-up day'],
  ])('%s → %s (%s)', (date, working) => {
    expect(isWorkingDay(date)).toBe(working);
  });
});

describe('nextWorkingDayOnOrAfter and workingDaysBetween', () => {
  it.each([
    ['2026-10-01', '2026-10-08'],
    ['2026-10-09', '2026-10-09'],
    ['2026-10-10', '2026-10-10'],
    ['2026-10-11', '2026-10-12'],
    ['2025-12-31', '2025-12-31'],
    ['2026-01-01', '2026-01-04'],
  ])('next working day on or after %s is %s', (date, expected) => {
    expect(nextWorkingDayOnOrAfter(date)).toBe(expected);
  });

  it.each([
    ['2026-04-30', '2026-05-11', 5],
    ['2026-04-30', '2026-04-30', 0],
    ['2026-05-11', '2026-04-30', 0],
    ['2026-09-30', '2026-10-09', 2],
    ['2025-12-31', '2026-01-05', 2],
  ])('working days after %s up to %s: %i', (from, to, count) => {
    expect(workingDaysBetween(from, to)).toBe(count);
  });
});

describe('deadlineOnOrNextWorkingDay (weekly report due Friday 23:59, or the next working day)', () => {
  it.each([
    ['ordinary Friday', '2026-10-09', '2026-10-09'],
    ['Friday in National Day', '2026-10-02', '2026-10-08'],
    ['Friday in Mid-autumn', '2026-09-25', '2026-09-28'],
    ['Friday of Labour Day → Sat May 9 is worked', '2026-05-08', '2026-05-08'],
    ['Friday Jan 2 2026 → Sun Jan 4 is worked', '2026-01-02', '2026-01-04'],
  ])('%s: %s → %s', (_case, date, dueOn) => {
    expect(deadlineOnOrNextWorkingDay(date)).toMatchObject({
      dueOn,
      dueAt: `${dueOn}T23:59:59+08:00`,
      calendarVersion: V2026,
      fallback: false,
    });
  });

  it('says when it used the fallback', () => {
    expect(deadlineOnOrNextWorkingDay('2031-10-03')).toMatchObject({
      dueOn: '2031-10-06',
      calendarVersion: FALLBACK,
      fallback: true,
    });
  });
});

describe('calendar data is edited, not code', () => {
  it('a new year in the data is used as soon as it is there', () => {
    const calendar = createWorkingDayCalendar({
      ...calendarData,
      schedules: {
        ...calendarData.schedules,
        '2031': {
          version: 'prc-2031@2030-11-01',
          source: { title: '国务院办公厅关于2031年部分节假日安排的通知（测试数据）', publishedOn: '2030-11-01' },
          holidays: ['2031-01-01', '2031-01-02', '2031-01-03'],
          workdays: ['2031-01-04'],
        },
      },
    });
    expect(calendar.addWorkingDays('2030-12-31', 2)).toMatchObject({
      dueOn: '2031-01-06',
      calendarVersion: 'prc-2031@2030-11-01',
      fallback: false,
    });
    expect(calendar.isWorkingDay('2031-01-04')).toBe(true);
  });

  it('a schedule may list a day of the previous year (e.g. Sat Dec 31 2011 worked, in the 2012 notice)', () => {
    const calendar = createWorkingDayCalendar({
      ...calendarData,
      schedules: {
        ...calendarData.schedules,
        '2027': {
          version: 'prc-2027@test',
          source: { title: 'test', publishedOn: '2026-11-01' },
          holidays: [],
          workdays: ['2026-12-27'],
        },
      },
    });
    expect(calendar.day('2026-12-27')).toMatchObject({ working: true, version: 'prc-2027@test', fallback: false });
  });

  it('refuses malformed data at load', () => {
    expect(() =>
      createWorkingDayCalendar({
        ...calendarData,
        schedules: {
          '2031': {
            version: 'x',
            source: { title: 't', publishedOn: '2030-11-01' },
            holidays: ['2031-02-30'],
            workdays: [],
          },
        },
      }),
    ).toThrow();
  });

  it('the statutory fallback of 2025 and 2026 is contained in the published days off (the fallback is never stricter)', () => {
    const statutoryOnly = createWorkingDayCalendar({ ...calendarData, schedules: {} });
    const published = createWorkingDayCalendar(calendarData);
    for (let date = '2025-01-01'; date <= '2026-12-31'; date = addCalendarDays(date, 1)) {
      const fallbackDay = statutoryOnly.day(date);
      expect(fallbackDay.fallback).toBe(true);
      // a statutory holiday on a weekday is off in the published schedule as well
      const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
      if (!fallbackDay.working && weekday !== 0 && weekday !== 6) {
        expect(published.isWorkingDay(date), date).toBe(false);
      }
    }
  });
});

describe('isCalendarDate', () => {
  it.each([
    ['2026-02-28', true],
    ['2024-02-29', true],
    ['2026-02-29', false],
    ['2026-13-01', false],
    ['2026-1-01', false],
    ['2026-01-01T00:00:00Z', false],
  ])('%s → %s', (value, ok) => {
    expect(isCalendarDate(value)).toBe(ok);
  });
});
