/**
 * Personal data in what the public sees (SPEC §2.5): names of persons are masked to the surname (`张*`), and resident
 * ID numbers (居民身份证号码) and telephone numbers never appear. Everything published passes through here, and a
 * scan of every public object uses `findPersonalData`.
 */

import { isCalendarDate } from './calendar.js';
import { creditCodeProblem } from './credit-code.js';

/** Common two-character surnames (复姓); the whole surname stays visible. */
const COMPOUND_SURNAMES = new Set([
  '欧阳',
  '司马',
  '诸葛',
  '上官',
  '东方',
  '皇甫',
  '尉迟',
  '公孙',
  '慕容',
  '长孙',
  '宇文',
  '司徒',
  '司空',
  '令狐',
  '夏侯',
  '轩辕',
  '端木',
  '南宫',
  '西门',
  '独孤',
  '澹台',
  '公冶',
  '宗政',
  '濮阳',
  '淳于',
  '单于',
  '太叔',
  '申屠',
  '仲孙',
  '钟离',
  '闻人',
  '赫连',
  '百里',
  '东郭',
  '呼延',
  '万俟',
  '拓跋',
  '第五',
  '左丘',
  '公羊',
  '羊舌',
  '梁丘',
  '谷梁',
  '乐正',
  '漆雕',
  '壤驷',
  '公西',
  '巫马',
  '亓官',
  '司寇',
  '子车',
  '颛孙',
]);

/** Separators inside a name (ethnic-minority and foreign names) stay as they are. */
const NAME_SEPARATORS = new Set(['·', '•', '・', '.', ' ', '\u3000', '-']);

/**
 * Mask a person's name to its surname: '张三' → '张*', '张三丰' → '张**', '欧阳娜娜' → '欧阳**'. A compound surname
 * is recognised only in names of three or more characters ('欧阳' alone is read as 欧 + 阳). A single character is
 * already just a surname and is returned as is.
 */
export function maskPersonName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length <= 1) return chars.join('');
  const keep = chars.length >= 3 && COMPOUND_SURNAMES.has(`${chars[0]}${chars[1]}`) ? 2 : 1;
  return chars.map((ch, i) => (i < keep || NAME_SEPARATORS.has(ch) ? ch : '*')).join('');
}

/** What `findPersonalData` recognises. */
export type PersonalDataKind = 'resident_id' | 'mobile' | 'landline';

/** One piece of personal data found in a text: `text.slice(start, end) === value`. */
export interface PersonalDataMatch {
  kind: PersonalDataKind;
  value: string;
  start: number;
  end: number;
}

/** What replaces removed personal data; it does not say what was there. */
export const REDACTION_MARKER = '[已隐去]';

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** The GB 11643 check character (ISO 7064 MOD 11-2) of the first 17 digits of a resident ID number. */
function residentIdCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17.charAt(i)) * (ID_WEIGHTS[i] ?? 0);
  return '10X98765432'.charAt(sum % 11);
}

/**
 * An 18-character candidate (division, birth date, sequence, check) is taken for a resident ID unless it can be told
 * apart as a unified social credit code: its ID check character is wrong AND its GB 32100 check character is right.
 * A candidate that fails both checks is still removed (most likely a mistyped ID number: privacy first).
 */
function isResidentId18(compact: string): boolean {
  const first17 = compact.slice(0, 17);
  const check = compact.charAt(17).toUpperCase();
  if (residentIdCheckCharacter(first17) === check) return true;
  return creditCodeProblem(compact.toUpperCase()) !== null;
}

const NOT_ALNUM_BEFORE = '(?<![0-9A-Za-z])';
const NOT_ALNUM_AFTER = '(?![0-9A-Za-z])';
const BIRTH_MONTH_DAY = '(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01])';

interface Detector {
  kind: PersonalDataKind;
  pattern: RegExp;
  /** further checks a regular expression cannot express */
  accept?: (match: RegExpExecArray) => boolean;
}

const DETECTORS: Detector[] = [
  {
    // 18 characters, optionally grouped 6-8-4 by a space or hyphen
    kind: 'resident_id',
    pattern: new RegExp(
      `${NOT_ALNUM_BEFORE}([1-8]\\d{5})[ -]?((?:18|19|20)\\d{2}${BIRTH_MONTH_DAY})[ -]?(\\d{3}[0-9Xx])${NOT_ALNUM_AFTER}`,
      'g',
    ),
    accept: (m) => {
      const [, division = '', birth = '', rest = ''] = m;
      const birthDate = `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}`;
      return isCalendarDate(birthDate) && isResidentId18(`${division}${birth}${rest}`);
    },
  },
  {
    // the first-generation 15-digit number: division, YYMMDD, sequence; no check digit to lean on
    kind: 'resident_id',
    pattern: new RegExp(`${NOT_ALNUM_BEFORE}[1-8]\\d{5}(\\d{2}${BIRTH_MONTH_DAY})\\d{3}${NOT_ALNUM_AFTER}`, 'g'),
    accept: (m) => {
      const birth = m[1] ?? '';
      return isCalendarDate(`19${birth.slice(0, 2)}-${birth.slice(2, 4)}-${birth.slice(4, 6)}`);
    },
  },
  {
    // 1[3-9]x xxxx xxxx with an optional +86 / 0086 / (+86) and space or hyphen groups
    kind: 'mobile',
    pattern: new RegExp(
      `${NOT_ALNUM_BEFORE}(?:(?:\\+|00)?86[ -]?|[(（]\\+?86[)）] ?)?1[3-9]\\d(?:[ -]?\\d{4}){2}${NOT_ALNUM_AFTER}`,
      'g',
    ),
  },
  {
    // area code (010, 02x, 0xxx), optionally in brackets, then a 7–8 digit local number and an optional extension
    kind: 'landline',
    pattern: new RegExp(
      `${NOT_ALNUM_BEFORE}(?:[(（]0(?:10|2\\d|[3-9]\\d{2})[)）] ?|0(?:10|2\\d|[3-9]\\d{2})[ -]?)[2-9]\\d{2,3}[ -]?\\d{4}(?:(?:转|-|ext\\.? ?)\\d{1,6})?${NOT_ALNUM_AFTER}`,
      'g',
    ),
  },
  {
    // a local number without area code only where the text says it is a telephone number
    kind: 'landline',
    pattern: new RegExp(`(?<=(?:电话|座机|传真|Tel|TEL|tel)[:：]? ?)[2-9]\\d{2,3}[ -]?\\d{4}${NOT_ALNUM_AFTER}`, 'g'),
  },
];

/** What the caller knows about a text that the text alone cannot say. */
export interface PersonalDataOptions {
  /**
   * Unified social credit codes (统一社会信用代码) of the units the text is about. A unit's code is public by law
   * (SPEC §4 "Security") and is never taken for a resident ID number, even where its digits read like one
   * (`121101197401250599` passes both check characters). Only an exact code is exempt, and only from the ID
   * detector: a telephone number stays personal data whatever list it is in.
   */
  publicCodes?: Iterable<string>;
}

/** An 18-character candidate without its grouping, upper case: how it is compared with a credit code. */
function compactCode(value: string): string {
  return value.replace(/[ -]/g, '').toUpperCase();
}

/**
 * The resident ID numbers and telephone numbers in `text`, in order of position. Numbers inside longer runs of
 * letters and digits (credit codes, account numbers) are not taken; public service numbers (12345, 400-…) are not
 * personal data and are left alone. A 15-digit business registration number (注册号) whose middle reads as a date is
 * taken for an old ID number: a false alarm is cheaper than a leak. The credit codes named in `options.publicCodes`
 * are not taken.
 */
export function findPersonalData(text: string, options: PersonalDataOptions = {}): PersonalDataMatch[] {
  const publicCodes = new Set([...(options.publicCodes ?? [])].map(compactCode));
  const candidates: PersonalDataMatch[] = [];
  for (const detector of DETECTORS) {
    for (const match of text.matchAll(detector.pattern)) {
      if (detector.accept && !detector.accept(match)) continue;
      if (detector.kind === 'resident_id' && publicCodes.has(compactCode(match[0]))) continue;
      const start = match.index;
      candidates.push({ kind: detector.kind, value: match[0], start, end: start + match[0].length });
    }
  }
  // Overlaps: the earliest, then the longest, wins.
  candidates.sort((a, b) => a.start - b.start || b.end - a.end);
  const found: PersonalDataMatch[] = [];
  for (const candidate of candidates) {
    const previous = found[found.length - 1];
    if (previous && candidate.start < previous.end) continue;
    found.push(candidate);
  }
  return found;
}

/** `text` with every match of `findPersonalData` replaced by `REDACTION_MARKER`. */
export function redactPersonalData(text: string, options: PersonalDataOptions = {}): string {
  let redacted = '';
  let cursor = 0;
  for (const match of findPersonalData(text, options)) {
    redacted += text.slice(cursor, match.start) + REDACTION_MARKER;
    cursor = match.end;
  }
  return redacted + text.slice(cursor);
}
