import * as z from 'zod/mini';
import { CREDIT_CODE_PROBLEM_TEXTS, creditCodeProblem } from '../domain/credit-code.js';
import { isCalendarDate } from '../domain/dates.js';
import type { Bilingual } from '../domain/errors.js';
import { described } from './described.js';
import { issueMessage, message } from './messages.js';

/** A calendar date `YYYY-MM-DD` (Asia/Shanghai) that exists: 2026-02-30 is refused. */
export const isoDate = described(
  z
    .string()
    .check(
      z.regex(
        /^\d{4}-\d{2}-\d{2}$/,
        message({ zh: '日期格式应为 YYYY-MM-DD，如 2026-09-10', en: 'expected a date as YYYY-MM-DD' }),
      ),
      z.refine(
        isCalendarDate,
        message({ zh: '日历上没有这一天，请核对月份和日期', en: 'this date does not exist in the calendar' }),
      ),
    ),
  { format: 'date', example: '2026-09-10' },
);

/** A calendar month `YYYY-MM`. */
export const isoMonth = described(
  z
    .string()
    .check(
      z.regex(
        /^\d{4}-(0[1-9]|1[0-2])$/,
        message({ zh: '月份格式应为 YYYY-MM，如 2026-10', en: 'expected a month as YYYY-MM' }),
      ),
    ),
  { example: '2026-10' },
);

/** A quarter `YYYYQn` (2026Q3). */
export const isoQuarter = described(
  z
    .string()
    .check(
      z.regex(
        /^\d{4}Q[1-4]$/,
        message({ zh: '季度应写作“年份Q季度”，如 2026Q3', en: 'a quarter as YYYYQn, e.g. 2026Q3' }),
      ),
    ),
  { example: '2026Q3' },
);

/** An ISO 8601 timestamp with offset. */
export const timestamp = described(z.string(), { format: 'date-time', example: '2026-09-10T10:00:00+08:00' });

/** A unified social credit code (GB 32100-2015) whose check character is right. */
export const creditCode = described(
  z.string().check(
    z.trim(),
    z.toUpperCase(),
    z.superRefine((value, ctx) => {
      const problem = creditCodeProblem(value);
      if (problem) ctx.addIssue({ code: 'custom', ...issueMessage(CREDIT_CODE_PROBLEM_TEXTS[problem]) });
    }),
  ),
  { description: 'unified social credit code (统一社会信用代码), GB 32100-2015', example: '91110112MA01ABCD04' },
);

/**
 * Characters no text field takes (SPEC §4 "Errors"): the C0 and C1 control characters but tab, line feed and
 * carriage return, DEL, and the bidirectional formatting characters (embeddings, overrides, isolates and the
 * invisible direction marks), which make a published name or reason read differently from what is stored
 * ("Trojan Source", CVE-2021-42574). Chinese text needs none of them.
 */
const FORBIDDEN_IN_TEXT =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters refused
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

const FORBIDDEN_NAMES: Record<string, Bilingual> = {
  '\u061c': { zh: '阿拉伯字母标记', en: 'Arabic letter mark' },
  '\u200e': { zh: '从左至右标记', en: 'left-to-right mark' },
  '\u200f': { zh: '从右至左标记', en: 'right-to-left mark' },
  '\u202a': { zh: '从左至右嵌入', en: 'left-to-right embedding' },
  '\u202b': { zh: '从右至左嵌入', en: 'right-to-left embedding' },
  '\u202c': { zh: '嵌入结束', en: 'pop directional formatting' },
  '\u202d': { zh: '从左至右强制', en: 'left-to-right override' },
  '\u202e': { zh: '从右至左强制', en: 'right-to-left override' },
  '\u2066': { zh: '从左至右隔离', en: 'left-to-right isolate' },
  '\u2067': { zh: '从右至左隔离', en: 'right-to-left isolate' },
  '\u2068': { zh: '首字符方向隔离', en: 'first strong isolate' },
  '\u2069': { zh: '隔离结束', en: 'pop directional isolate' },
};

/**
 * The first character a text field may not hold, with its 1-based position, and a message that says which and
 * where; undefined when the text is clean.
 */
export function forbiddenTextCharacter(
  value: string,
): { position: number; codePoint: string; message: Bilingual } | undefined {
  const match = FORBIDDEN_IN_TEXT.exec(value);
  if (!match) return undefined;
  const character = match[0];
  const position = [...value.slice(0, match.index)].length + 1;
  const codePoint = `U+${(character.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0')}`;
  const name = FORBIDDEN_NAMES[character];
  return {
    position,
    codePoint,
    message: {
      zh: `不能含有控制字符或双向排版控制符：第 ${position} 个字符是${name ? `双向排版控制符“${name.zh}”` : '控制字符'}（${codePoint}），请删除后重新提交`,
      en: `must not contain control or bidirectional formatting characters: character ${position} is ${name ? `the bidirectional ${name.en}` : 'a control character'} (${codePoint}); delete it and send again`,
    },
  };
}

/** Non-empty human text, trimmed, without control or bidirectional formatting characters. */
export const text = (max = 2000) =>
  z.string().check(
    z.trim(),
    z.minLength(1, message({ zh: '不能为空', en: 'must not be empty' })),
    z.maxLength(max),
    z.superRefine((value, ctx) => {
      const forbidden = forbiddenTextCharacter(value);
      if (forbidden) ctx.addIssue({ code: 'custom', ...issueMessage(forbidden.message) });
    }),
  );

/** A record id as the API hands them out: a type prefix and a ULID. */
export const recordId = (prefix: string) =>
  described(
    z.string().check(
      z.regex(
        new RegExp(`^${prefix}_[0-9A-HJKMNP-TV-Z]{26}$`),
        message({
          zh: `编号格式不正确：应为 ${prefix}_ 加 26 位字符，如 ${prefix}_01JD5Z3X8K9Q2W4E6R7T8Y9V0P（请从系统返回的记录中复制）`,
          en: `expected an id like ${prefix}_01J… (copy it from the record the API returned)`,
        }),
      ),
    ),
    { example: `${prefix}_01JD5Z3X8K9Q2W4E6R7T8Y9V0P` },
  );

/** RFC 9457 problem details, as every error of the API is shaped. */
export const problem = described(
  z.object({
    type: z.string(),
    title: z.string(),
    status: z.number().check(z.int()),
    detail: z.string(),
    instance: z.optional(z.string()),
    errors: described(z.optional(z.array(z.object({ field: z.string(), message: z.string() }))), {
      description: 'for validation problems: each failing field, as a JSON path, and what is wrong',
    }),
  }),
  { id: 'Problem' },
);

/** A page of a list: `nextToken` is opaque; pass it back as `?nextToken=` for the next page. */
export const page = <T extends z.ZodMiniType>(item: T) =>
  z.object({ items: z.array(item), nextToken: z.nullable(z.string()) });

export const paginationQuery = z.object({
  limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(100)), 50),
  nextToken: z.optional(z.string().check(z.maxLength(2048))),
});
