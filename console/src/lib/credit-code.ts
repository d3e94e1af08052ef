/**
 * The GB 32100-2015 check of a unified social credit code, in the browser: the project's own rule
 * (shared/domain/credit-code.ts), with the messages a form shows next to the field.
 */
import {
  type CreditCodeProblem,
  creditCodeCheckCharacter,
  creditCodeProblem,
} from '../../../shared/domain/credit-code.js';

const MESSAGES: Record<CreditCodeProblem, string> = {
  length: '统一社会信用代码为 18 位',
  alphabet: '统一社会信用代码只含数字和大写字母（不含 I、O、S、V、Z）',
  division: '第 3–8 位应为行政区划码（6 位数字）',
  check: '校验码不符（GB 32100-2015），请核对是否输错',
};

/** A Chinese message for what is wrong with the code, or null when it is valid. */
export function creditCodeMessage(raw: string): string | null {
  const code = raw.trim().toUpperCase();
  const problem = creditCodeProblem(code);
  if (!problem) return null;
  if (problem === 'check') {
    const expected = creditCodeCheckCharacter(code.slice(0, 17));
    return expected ? `${MESSAGES.check}：按前 17 位，第 18 位应为 ${expected}` : MESSAGES.check;
  }
  return MESSAGES[problem];
}
