import { describe, expect, it } from 'vitest';
import { creditCodeCheckCharacter, creditCodeProblem } from '../../../shared/domain/credit-code.js';

/** The first is the published code of a real enterprise (an independent check of the weights); the others are made up. */
const valid = ['91110000802100433B', '91110112MA01ABCD04', '12110000400000100N'];

describe('unified social credit code (GB 32100-2015)', () => {
  it.each(valid)('accepts %s', (code) => {
    expect(creditCodeProblem(code)).toBeNull();
  });

  it('computes the check character from the 17 leading characters', () => {
    for (const code of valid) expect(creditCodeCheckCharacter(code.slice(0, 17))).toBe(code.charAt(17));
  });

  it.each([
    ['91110000802100433A', 'check'],
    ['9111000080210043', 'length'],
    ['91110000802100433BB', 'length'],
    ['9111000080210O433B', 'alphabet'],
    ['91AB0000802100433B', 'division'],
    ['91110000802100433b', 'alphabet'],
  ])('refuses %s (%s)', (code, problem) => {
    expect(creditCodeProblem(code)).toBe(problem);
  });

  it('detects every single-character substitution in the first 17 positions', () => {
    const code = valid[0] as string;
    const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
    for (let i = 2; i < 17; i++) {
      for (const ch of alphabet) {
        if (ch === code.charAt(i)) continue;
        if (i >= 2 && i < 8 && !/[0-9]/.test(ch)) continue;
        const mutated = code.slice(0, i) + ch + code.slice(i + 1);
        expect(creditCodeProblem(mutated), mutated).toBe('check');
      }
    }
  });
});
