import { describe, expect, it } from 'vitest';
import {
  type Cycle,
  cycleContaining,
  cycleEndedBefore,
  daysLeftInMonth,
  extendCycle,
  firstCycle,
  nextCycle,
  remainingExtensionMonths,
} from '../../../shared/domain/cycles.js';
import { ConflictError, InvalidInputError, RuleViolationError } from '../../../shared/domain/errors.js';

describe('first cycle (15 days left in the inclusion month, the inclusion day counted)', () => {
  it.each([
    // 31-day month: the 17th leaves 15 days (17..31), the 18th leaves 14
    ['2026-01-17', 15, '2026-01-31'],
    ['2026-01-18', 14, '2026-02-28'],
    ['2026-01-01', 31, '2026-01-31'],
    ['2026-01-31', 1, '2026-02-28'],
    // 30-day month
    ['2026-09-16', 15, '2026-09-30'],
    ['2026-09-17', 14, '2026-10-31'],
    // February, common year (28 days): the 14th leaves 15
    ['2026-02-14', 15, '2026-02-28'],
    ['2026-02-15', 14, '2026-03-31'],
    // February, leap year (29 days): the 15th leaves 15
    ['2028-02-15', 15, '2028-02-29'],
    ['2028-02-16', 14, '2028-03-31'],
    // December rolls into the next year
    ['2026-12-20', 12, '2027-01-31'],
  ])('included on %s (%i days left) → ends %s', (includedOn, left, end) => {
    expect(daysLeftInMonth(includedOn)).toBe(left);
    expect(firstCycle(includedOn)).toEqual({ index: 1, start: includedOn, end, extendedMonths: 0 });
  });

  it('refuses a date that is not a calendar date', () => {
    expect(() => firstCycle('2026-02-30')).toThrow(InvalidInputError);
  });
});

describe('next cycle', () => {
  it.each([
    [{ index: 1, start: '2026-01-18', end: '2026-02-28', extendedMonths: 0 }, '2026-03-01', '2026-03-31'],
    [{ index: 2, start: '2026-12-01', end: '2026-12-31', extendedMonths: 0 }, '2027-01-01', '2027-01-31'],
    [{ index: 3, start: '2028-01-01', end: '2028-01-31', extendedMonths: 0 }, '2028-02-01', '2028-02-29'],
    // after an extended cycle the next one is a plain month again
    [{ index: 2, start: '2026-03-01', end: '2026-05-31', extendedMonths: 2 }, '2026-06-01', '2026-06-30'],
  ] as Array<[Cycle, string, string]>)('after %o: %s .. %s', (previous, start, end) => {
    expect(nextCycle(previous)).toEqual({ index: previous.index + 1, start, end, extendedMonths: 0 });
  });
});

describe('extending a cycle (at most 3 months in total)', () => {
  const march: Cycle = { index: 2, start: '2026-03-01', end: '2026-03-31', extendedMonths: 0 };

  it.each([
    [march, 1, '2026-04-30', 1],
    [march, 2, '2026-05-31', 2],
    [{ ...march, end: '2026-04-30', extendedMonths: 1 }, 1, '2026-05-31', 2],
    // month ends are recomputed, not day-shifted: Jan 31 + 1 → Feb 28
    [{ index: 3, start: '2026-01-01', end: '2026-01-31', extendedMonths: 0 }, 1, '2026-02-28', 1],
    [{ index: 3, start: '2027-12-01', end: '2027-12-31', extendedMonths: 0 }, 2, '2028-02-29', 2],
  ] as Array<[Cycle, 1 | 2, string, number]>)('%o + %i month(s) → ends %s', (cycle, months, end, extended) => {
    expect(extendCycle(cycle, months)).toEqual({ ...cycle, end, extendedMonths: extended });
  });

  it("counts the first cycle's extra part-month as its base, not as an extension", () => {
    const first = firstCycle('2026-01-20'); // 2026-01-20 .. 2026-02-28
    expect(remainingExtensionMonths(first)).toBe(2);
    expect(extendCycle(first, 2)).toMatchObject({ start: '2026-01-20', end: '2026-04-30', extendedMonths: 2 });
  });

  it.each([
    [{ ...march, end: '2026-04-30', extendedMonths: 1 }, 2, '最多还可延期1个月'],
    [{ ...march, end: '2026-05-31', extendedMonths: 2 }, 1, '最多还可延期0个月'],
  ] as Array<[Cycle, 1 | 2, string]>)('refuses past 3 months and says how many remain', (cycle, months, message) => {
    const attempt = () => extendCycle(cycle, months);
    expect(attempt).toThrow(RuleViolationError);
    // the Chinese a person reads (Error.message holds the English, for logs)
    expect(attempt).toThrow(
      expect.objectContaining({ text: expect.objectContaining({ zh: expect.stringContaining(message) }) }),
    );
  });

  it('refuses to extend a cycle that has already ended', () => {
    expect(extendCycle(march, 1, '2026-03-31').end).toBe('2026-04-30');
    expect(() => extendCycle(march, 1, '2026-04-01')).toThrow(ConflictError);
  });

  it('refuses months other than 1 or 2', () => {
    expect(() => extendCycle(march, 3 as 1)).toThrow(InvalidInputError);
  });
});

describe('finding cycles', () => {
  const cycles: Cycle[] = [
    { index: 1, start: '2026-01-20', end: '2026-02-28', extendedMonths: 0 },
    { index: 2, start: '2026-03-01', end: '2026-05-31', extendedMonths: 2 },
    { index: 3, start: '2026-06-01', end: '2026-06-30', extendedMonths: 0 },
  ];

  it.each([
    ['2026-03-01', 1],
    ['2026-06-01', 2],
    ['2026-07-01', 3],
    // the 1st of April and May: cycle 2 was extended and is still running
    ['2026-04-01', undefined],
    ['2026-05-01', undefined],
    ['2026-02-01', undefined],
  ])('evaluated on %s → the cycle that ended the day before: %s', (date, index) => {
    expect(cycleEndedBefore(cycles, date)?.index).toBe(index);
  });

  it.each([
    ['2026-01-20', 1],
    ['2026-02-28', 1],
    ['2026-04-15', 2],
    ['2026-06-30', 3],
    ['2026-01-19', undefined],
    ['2026-07-01', undefined],
  ])('%s lies in cycle %s', (date, index) => {
    expect(cycleContaining(cycles, date)?.index).toBe(index);
  });
});
