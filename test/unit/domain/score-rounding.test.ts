import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { roundScore } from '../../../shared/domain/assessment/scoring.js';

/**
 * One-decimal rounding of scores and means (SPEC §6.1 "scores to one decimal", §6.4 means): half-up (四舍五入) on the
 * decimal value a person computes by hand, whatever binary value the division left behind.
 */
describe('rounding a score to one decimal (四舍五入)', () => {
  it.each([
    [78.25, 78.3],
    [(78.2 + 78.3) / 2, 78.3],
    [(70.1 + 70.2 + 70.3 + 70.4) / 4, 70.3],
    [83.25, 83.3],
    [83.35, 83.4],
    [83.34, 83.3],
    [83.36, 83.4],
    [93.05, 93.1],
    [5583 / 60, 93.1],
    [(85 / 90) * 100, 94.4],
    [79.95, 80],
    [69.95, 70],
    [0.05, 0.1],
    [100, 100],
    [0, 0],
  ])('%d → %d', (value, rounded) => {
    expect(roundScore(value)).toBe(rounded);
  });

  it('a value given to two decimals rounds as its decimal digits say (fast-check)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), (hundredths) => {
        // by hand, in integers: add 5 hundredths and drop the last digit
        const expected = Math.floor((hundredths + 5) / 10) / 10;
        expect(roundScore(hundredths / 100)).toBe(expected);
      }),
    );
  });

  it('the mean of one-decimal scores rounds as its exact fraction says (fast-check)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 200 }), (tenths) => {
        // the scores as the API holds them (binary doubles), summed and divided as the ranking does
        const mean = tenths.map((t) => t / 10).reduce((s, x) => s + x, 0) / tenths.length;
        // by hand: the mean in tenths is sum ÷ n; half-up is ⌊(2·sum + n) ÷ 2n⌋, in exact integers
        const sum = tenths.reduce((s, t) => s + t, 0);
        const expected = Math.floor((2 * sum + tenths.length) / (2 * tenths.length)) / 10;
        expect(roundScore(mean)).toBe(expected);
      }),
    );
  });
});
