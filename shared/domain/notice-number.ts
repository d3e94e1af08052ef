/**
 * Document numbers (发文字号) of notices and circulars: `{prefix}〔{year}〕{n}号`, as GB/T 9704 writes them (year in
 * the fullwidth hexagonal brackets 〔〕, sequence without leading zeros). One gap-free sequence per type and year;
 * the store keeps the counter named by `noticeCounterName`.
 */
import { InvalidInputError } from './errors.js';
import type { NoticeType } from './vocabulary.js';

/** What carries a number: the two notices (告知单) and the circular of criticism (通报). */
export type NumberedDocumentType = NoticeType | 'circular';

/** Default prefixes (机关代字) of the Tongzhou housing and construction commission (通州区住房和城乡建设委员会). */
export const DEFAULT_NOTICE_PREFIXES: Readonly<Record<NumberedDocumentType, string>> = Object.freeze({
  inclusion: '通住建差监告',
  release: '通住建差监解',
  circular: '通住建安通',
});

/** A parsed document number. */
export interface NoticeNumber {
  prefix: string;
  year: number;
  n: number;
}

const BRACKETS = /[〔〕［］[\]【】()（）]/;

/** `formatNoticeNumber('通住建差监告', 2026, 1)` → '通住建差监告〔2026〕1号'. */
export function formatNoticeNumber(prefix: string, year: number, n: number): string {
  const trimmed = prefix.trim();
  if (trimmed === '' || BRACKETS.test(trimmed)) {
    throw new InvalidInputError({
      zh: `文号前缀不能为空，也不能含括号：${prefix}`,
      en: `notice prefix must be non-empty and without brackets: ${prefix}`,
    });
  }
  if (!Number.isInteger(year) || year < 1000 || year > 9999) {
    throw new InvalidInputError({ zh: `年份无效：${year}`, en: `not a year: ${year}` });
  }
  if (!Number.isInteger(n) || n < 1) {
    throw new InvalidInputError({
      zh: `文号序号须为正整数：${n}`,
      en: `notice sequence must be a positive integer: ${n}`,
    });
  }
  return `${trimmed}〔${year}〕${n}号`;
}

/**
 * Read a document number back, or null when `text` is not one. Accepts the brackets people type instead of 〔〕
 * (［］, [], 【】) so a number copied from another system is still recognised; `formatNoticeNumber` gives the
 * canonical form.
 */
export function parseNoticeNumber(text: string): NoticeNumber | null {
  const match = /^\s*([^〔［[【\s]+)\s*[〔［[【](\d{4})[〕］\]】]\s*0*(\d+)\s*号\s*$/u.exec(text);
  if (!match) return null;
  const [, prefix, year, n] = match;
  const sequence = Number(n);
  if (prefix === undefined || sequence < 1) return null;
  return { prefix, year: Number(year), n: sequence };
}

/** The name of the store's counter for one type and year: `noticeCounterName('inclusion', 2026)` → 'notice#inclusion#2026'. */
export function noticeCounterName(type: NumberedDocumentType, year: number): string {
  return `notice#${type}#${year}`;
}
