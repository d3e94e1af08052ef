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

/** Non-empty human text, trimmed. */
export const text = (max = 2000) => z.string().trim().min(1, 'must not be empty').max(max);

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
