import { describe, expect, it } from 'vitest';
import {
  assessmentDue,
  isLate,
  lastDayOfMonth,
  monthsOfQuarter,
  previousQuarter,
  quarterDays,
  quarterOfDate,
  quarterOfMonth,
  quarterOfPeriod,
  rankingRun,
} from '../../../shared/domain/assessment/periods.js';
import { resolveAssessmentThresholds } from '../../../shared/domain/assessment/threshold-overrides.js';
import { DEFAULT_ASSESSMENT_THRESHOLDS } from '../../../shared/domain/assessment/thresholds.js';
import { InvalidInputError } from '../../../shared/domain/errors.js';

describe('periods', () => {
  it('maps months and dates to quarters', () => {
    expect(quarterOfMonth('2026-01')).toBe('2026Q1');
    expect(quarterOfMonth('2026-03')).toBe('2026Q1');
    expect(quarterOfMonth('2026-04')).toBe('2026Q2');
    expect(quarterOfMonth('2026-12')).toBe('2026Q4');
    expect(quarterOfDate('2026-11-03')).toBe('2026Q4');
    expect(monthsOfQuarter('2026Q4')).toEqual(['2026-10', '2026-11', '2026-12']);
    expect(quarterDays('2026Q1')).toEqual({ first: '2026-01-01', last: '2026-03-31' });
    expect(previousQuarter('2027Q1')).toBe('2026Q4');
    expect(lastDayOfMonth('2028-02')).toBe('2028-02-29');
    expect(lastDayOfMonth('2026-02')).toBe('2026-02-28');
  });

  it('refuses a period of the wrong kind for its tier, in Chinese', () => {
    expect(() => quarterOfPeriod('self', '2026Q4')).toThrow(InvalidInputError);
    expect(() => quarterOfPeriod('enterprise', '2026-10')).toThrow(/quarterly/);
    expect(() => quarterOfPeriod('government', '2026Q5')).toThrow(InvalidInputError);
    expect(() => quarterOfMonth('2026-13')).toThrow(/YYYY-MM/);
    expect(quarterOfPeriod('self', '2026-10')).toBe('2026Q4');
    expect(quarterOfPeriod('government', '2026Q4')).toBe('2026Q4');
  });
});

describe('due dates (SPEC §6.2)', () => {
  it('a self-assessment is due on the month’s last day at 23:59 Asia/Shanghai, weekend or not', () => {
    // 2026-10-31 is a Saturday: the period is the calendar month, the due day does not move
    expect(assessmentDue('self', '2026-10')).toEqual({ dueOn: '2026-10-31', dueAt: '2026-10-31T23:59:59+08:00' });
    expect(assessmentDue('self', '2028-02')?.dueOn).toBe('2028-02-29');
  });

  it.each([
    // Q1 ends Tue 03-31: 04-01, 04-02, 04-03 work; 04-04..06 清明; 04-07, 04-08 → the 5th working day is 04-08
    ['2026Q1', '2026-04-08'],
    // Q2 ends Tue 06-30: 07-01, 07-02, 07-03, (weekend), 07-06, 07-07
    ['2026Q2', '2026-07-07'],
    // Q3 ends Wed 09-30: 10-01..07 国庆; 10-08, 10-09, 10-10 (调休上班, a Saturday), (Sunday), 10-12, 10-13
    ['2026Q3', '2026-10-13'],
  ])('an enterprise re-assessment of %s is due %s (5 working days after the quarter)', (quarter, dueOn) => {
    const due = assessmentDue('enterprise', quarter)!;
    expect(due.dueOn).toBe(dueOn);
    expect(due.dueAt).toBe(`${dueOn}T23:59:59+08:00`);
    expect(due.calendarVersion).toBeTruthy();
    expect(due.note).toBeUndefined();
  });

  it('says so when the next year’s holiday schedule is not yet published', () => {
    // Q4 2026 ends Thu 12-31; 2027 is estimated: 01-01 元旦, weekend, 01-04 … 01-08
    const due = assessmentDue('enterprise', '2026Q4')!;
    expect(due.dueOn).toBe('2027-01-08');
    expect(due.note).toMatch(/2027年国务院节假日安排尚未发布/);
  });

  it('takes the number of working days from the thresholds', () => {
    const thresholds = resolveAssessmentThresholds({ dueDates: { enterpriseWorkingDaysAfterQuarter: 10 } });
    expect(assessmentDue('enterprise', '2026Q1', thresholds)?.dueOn).toBe('2026-04-15');
  });

  it('a government assessment has no due time', () => {
    expect(assessmentDue('government', '2026Q4')).toBeNull();
  });

  it('is late only after the due day in Shanghai', () => {
    expect(isLate('2026-10-31T23:59:59.999+08:00', '2026-10-31')).toBe(false);
    expect(isLate('2026-10-31T15:59:59Z', '2026-10-31')).toBe(false); // 23:59:59 in Shanghai
    expect(isLate('2026-10-31T16:00:00Z', '2026-10-31')).toBe(true); // 00:00 on 11-01 in Shanghai
    expect(isLate('2026-11-01T00:00:00+08:00', '2026-10-31')).toBe(true);
    expect(() => isLate('2026-11-01T00:00:00', '2026-10-31')).toThrow(InvalidInputError);
  });

  it('the ranking runs at 03:30 the day after the enterprise re-assessments fall due (SPEC §6.4)', () => {
    expect(rankingRun('2026Q3', DEFAULT_ASSESSMENT_THRESHOLDS)).toEqual({
      runOn: '2026-10-14',
      runAt: '2026-10-14T03:30:00+08:00',
    });
  });
});
