/** The console's month arithmetic (console/src/lib/dates.ts): months in Asia/Shanghai across year ends. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatTimestamp, shanghaiMonth, shanghaiToday } from '../../console/src/lib/dates.js';

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
