/**
 * The console's date arithmetic (console/src/lib/dates.ts): months in Asia/Shanghai across year ends, and the days a
 * deadline is overdue (逾期 N 天) counted in Shanghai days.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { daysOverdue, formatTimestamp, shanghaiMonth, shanghaiToday } from '../../console/src/lib/dates.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('shanghaiMonth', () => {
  it('counts months back and forward across a year end, in Shanghai time', () => {
    vi.useFakeTimers();
    // 2026-01-01 01:30 in Shanghai is still 2025-12-31 in UTC
    vi.setSystemTime(new Date('2025-12-31T17:30:00Z'));
    expect(shanghaiToday()).toBe('2026-01-01');
    expect([0, -1, -2, -13, 1, 12].map((offset) => shanghaiMonth(offset))).toEqual([
      '2026-01',
      '2025-12',
      '2025-11',
      '2024-12',
      '2026-02',
      '2027-01',
    ]);
    vi.setSystemTime(new Date('2026-12-15T04:00:00Z'));
    expect([0, 1, -11, -12].map((offset) => shanghaiMonth(offset))).toEqual([
      '2026-12',
      '2027-01',
      '2026-01',
      '2025-12',
    ]);
  });
});

describe('formatTimestamp', () => {
  it('shows an instant in Shanghai time, the same with one format reused', () => {
    expect(formatTimestamp('2026-09-10T02:00:00Z')).toBe('2026-09-10 10:00');
    expect(formatTimestamp('2026-12-31T16:05:00Z')).toBe('2027-01-01 00:05');
    expect(formatTimestamp(null)).toBe('—');
    expect(formatTimestamp('not a time')).toBe('not a time');
  });
});

describe('daysOverdue', () => {
  it('counts the calendar days after the last day allowed: one the day after', () => {
    expect(daysOverdue('2026-11-30', '2026-12-01')).toBe(1);
    expect(daysOverdue('2026-11-12', '2026-12-02')).toBe(20);
  });

  it('counts across a year end and February, leap year or not', () => {
    expect(daysOverdue('2026-12-31', '2027-01-01')).toBe(1);
    expect(daysOverdue('2028-02-28', '2028-03-01')).toBe(2);
    expect(daysOverdue('2027-02-28', '2027-03-01')).toBe(1);
  });

  it('is 0 on the deadline itself and before it (a device whose clock is behind the server that flagged it)', () => {
    expect(daysOverdue('2026-12-02', '2026-12-02')).toBe(0);
    expect(daysOverdue('2026-12-05', '2026-12-02')).toBe(0);
  });

  it("counts to today in Shanghai by default, not the machine's UTC date", () => {
    vi.useFakeTimers();
    // 00:30 on 2026-12-02 in Shanghai is still 2026-12-01 in UTC
    vi.setSystemTime(new Date('2026-12-01T16:30:00Z'));
    expect(daysOverdue('2026-11-30')).toBe(2);
  });
});
