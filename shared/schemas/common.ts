import * as z from 'zod';
import { CREDIT_CODE_PROBLEM_MESSAGES, creditCodeProblem } from '../domain/credit-code.js';
import { isCalendarDate } from '../domain/dates.js';

/** A calendar date `YYYY-MM-DD` (Asia/Shanghai) that exists: 2026-02-30 is refused. */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
  .refine(isCalendarDate, 'this date does not exist in the calendar')
  .meta({ format: 'date', example: '2026-09-10' });

/** A calendar month `YYYY-MM`. */
export const isoMonth = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected a month as YYYY-MM')
  .meta({ example: '2026-10' });

/** An ISO 8601 timestamp with offset. */
export const timestamp = z.string().meta({ format: 'date-time', example: '2026-09-10T10:00:00+08:00' });

/** A unified social credit code (GB 32100-2015) whose check character is right. */
export const creditCode = z
  .string()
  .trim()
  .toUpperCase()
  .superRefine((value, ctx) => {
    const problem = creditCodeProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: CREDIT_CODE_PROBLEM_MESSAGES[problem] });
  })
  .meta({ description: 'unified social credit code (统一社会信用代码), GB 32100-2015', example: '91110112MA01ABCD04' });

/**
 * Characters no text field takes (SPEC §4 "Errors"): the C0 and C1 control characters but tab, line feed and
 * carriage return, DEL, and the bidirectional formatting characters (embeddings, overrides, isolates and the
 * invisible direction marks), which make a published name or reason read differently from what is stored
 * ("Trojan Source", CVE-2021-42574). Chinese text needs none of them.
 */
const FORBIDDEN_IN_TEXT =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters refused
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

const FORBIDDEN_NAMES: Record<string, string> = {
  '\u061c': '阿拉伯字母标记',
  '\u200e': '从左至右标记',
  '\u200f': '从右至左标记',
  '\u202a': '从左至右嵌入',
  '\u202b': '从右至左嵌入',
  '\u202c': '嵌入结束',
  '\u202d': '从左至右强制',
  '\u202e': '从右至左强制',
  '\u2066': '从左至右隔离',
  '\u2067': '从右至左隔离',
  '\u2068': '首字符方向隔离',
  '\u2069': '隔离结束',
};

/**
 * The first character a text field may not hold, with its 1-based position, and a Chinese message that says which
 * and where; undefined when the text is clean.
 */
export function forbiddenTextCharacter(
  value: string,
): { position: number; codePoint: string; message: string } | undefined {
  const match = FORBIDDEN_IN_TEXT.exec(value);
  if (!match) return undefined;
  const character = match[0];
  const position = [...value.slice(0, match.index)].length + 1;
  const codePoint = `U+${(character.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0')}`;
  const kind = FORBIDDEN_NAMES[character] ? `双向排版控制符“${FORBIDDEN_NAMES[character]}”` : '控制字符';
  return {
    position,
    codePoint,
    message: `不能含有控制字符或双向排版控制符：第 ${position} 个字符是${kind}（${codePoint}），请删除后重新提交`,
  };
}

/** Non-empty human text, trimmed, without control or bidirectional formatting characters. */
export const text = (max = 2000) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max)
    .superRefine((value, ctx) => {
      const forbidden = forbiddenTextCharacter(value);
      if (forbidden) ctx.addIssue({ code: 'custom', message: forbidden.message });
    });

/** A record id as the API hands them out: a type prefix and a ULID. */
export const recordId = (prefix: string) =>
  z
    .string()
    .regex(new RegExp(`^${prefix}_[0-9A-HJKMNP-TV-Z]{26}$`), `expected an id like ${prefix}_01J…`)
    .meta({ example: `${prefix}_01JD5Z3X8K9Q2W4E6R7T8Y9V0P` });

/** RFC 9457 problem details, as every error of the API is shaped. */
export const problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string().optional(),
    errors: z
      .array(z.object({ field: z.string(), message: z.string() }))
      .optional()
      .meta({ description: 'for validation problems: each failing field, as a JSON path, and what is wrong' }),
  })
  .meta({ id: 'Problem' });

/** A page of a list: `nextToken` is opaque; pass it back as `?nextToken=` for the next page. */
export const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextToken: z.string().nullable() });

export const paginationQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  nextToken: z.string().max(2048).optional(),
});
