/**
 * Unified social credit code (统一社会信用代码), GB 32100-2015: 18 characters from a 31-character alphabet
 * (no I, O, S, V, Z); characters 3–8 are the administrative division code; the 18th is a check character
 * computed from the first 17 with fixed weights, modulo 31.
 */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The check character for the first 17 characters of a code, or null if they are not in the alphabet. */
export function creditCodeCheckCharacter(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = ALPHABET.indexOf(first17.charAt(i));
    if (value < 0) return null;
    sum += value * (WEIGHTS[i] ?? 0);
  }
  const check = (31 - (sum % 31)) % 31;
  return ALPHABET.charAt(check);
}

export type CreditCodeProblem = 'length' | 'alphabet' | 'division' | 'check';

/** Why a string is not a valid unified social credit code, or null when it is one. */
export function creditCodeProblem(code: string): CreditCodeProblem | null {
  if (code.length !== 18) return 'length';
  for (const ch of code) if (!ALPHABET.includes(ch)) return 'alphabet';
  if (!/^[0-9]{6}$/.test(code.slice(2, 8))) return 'division';
  return creditCodeCheckCharacter(code.slice(0, 17)) === code.charAt(17) ? null : 'check';
}

export const CREDIT_CODE_PROBLEM_MESSAGES: Record<CreditCodeProblem, string> = {
  length: 'a unified social credit code has exactly 18 characters',
  alphabet: 'a unified social credit code uses only digits and the capital letters A–Y without I, O, S, V and Z',
  division: 'characters 3 to 8 of a unified social credit code are the administrative division code (digits)',
  check: 'the last character is not the GB 32100-2015 check character of the first 17 (typo?)',
};

/** The same, in the two languages the API answers in (Chinese first, SPEC §4 "Errors"). */
export const CREDIT_CODE_PROBLEM_TEXTS: Record<CreditCodeProblem, { zh: string; en: string }> = {
  length: { zh: '统一社会信用代码应为18位', en: CREDIT_CODE_PROBLEM_MESSAGES.length },
  alphabet: {
    zh: '统一社会信用代码只含数字和大写英文字母（不含 I、O、S、V、Z）',
    en: CREDIT_CODE_PROBLEM_MESSAGES.alphabet,
  },
  division: { zh: '统一社会信用代码第3至8位为行政区划码，应为数字', en: CREDIT_CODE_PROBLEM_MESSAGES.division },
  check: {
    zh: '最后一位不是按 GB 32100-2015 计算的校验码，请核对是否输错',
    en: CREDIT_CODE_PROBLEM_MESSAGES.check,
  },
};
