/**
 * What the zod schemas say about bad input, in both languages the API answers in (SPEC §4 "Errors"): the field
 * messages of a validation problem (`errors[].message`). Two sources:
 *
 * - zod's own issues (a missing field, a wrong type, too long …) are worded here (zod's `zh-CN` and `en` locales
 *   word the rare ones);
 * - a schema's own messages are written `message({ zh, en })` (or `issueMessage` inside a refinement).
 *
 * Both are rendered by the error map of one language, passed with each parse (`parseIn`); never through
 * `z.config`, which every request in the process shares. A bare `safeParse` outside `parseIn` leaves a schema's own
 * messages to zod's default ("Invalid input"): parse what a person sent with `parseInput`.
 *
 * `parseInput` parses once; only a refused input is parsed a second time, in English, so that the problem carries
 * each field message in both languages and is rendered in the request's language by the error middleware, like
 * every other problem.
 */
import type * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';
import zhCN from 'zod/v4/locales/zh-CN.js';
import type { Bilingual, FieldProblem, Language } from '../domain/errors.js';

/**
 * The Chinese and English of each schema's own messages, by the error function `message` hands the schema. zod
 * hands an error function the issue alone, so the function itself says nothing (it returns undefined) and the
 * parse's error map, which knows its language, finds the text here by `issue.inst`. Filled once as the schemas are
 * defined; nothing here depends on the request, so concurrent parses in two languages cannot disturb each other.
 */
const OWN_MESSAGES = new WeakMap<object, Bilingual>();

/** A schema's own message for a check or refinement, in both languages: `.check(z.minLength(1, message({ zh, en })))`. */
export function message(text: Bilingual): { error: () => undefined } {
  const error = () => undefined;
  OWN_MESSAGES.set(error, text);
  return { error };
}

/**
 * A schema's own message inside a refinement, in both languages:
 * `ctx.addIssue({ code: 'custom', path, ...issueMessage({ zh, en }) })`.
 */
export function issueMessage(text: Bilingual): { params: { message: Bilingual } } {
  return { params: { message: text } };
}

type Issue = z.core.$ZodRawIssue;

const LOCALES: Record<Language, (issue: Issue) => string | { message: string } | undefined | null> = {
  zh: zhCN().localeError as (issue: Issue) => string,
  en: en().localeError as (issue: Issue) => string,
};

const TYPE_NAMES: Record<string, Bilingual> = {
  string: { zh: '文字', en: 'a string' },
  number: { zh: '数字', en: 'a number' },
  int: { zh: '整数', en: 'an integer' },
  boolean: { zh: 'true 或 false', en: 'true or false' },
  array: { zh: '数组（列表）', en: 'an array' },
  object: { zh: '对象', en: 'an object' },
  null: { zh: 'null', en: 'null' },
  date: { zh: '日期', en: 'a date' },
};

function typeName(type: string, language: Language): string {
  return TYPE_NAMES[type]?.[language] ?? type;
}

/** What a JSON value is, as a person would say it (zod says `NaN` for numbers it cannot use). */
function receivedName(input: unknown, language: Language): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return typeName('array', language);
  if (typeof input === 'number' && !Number.isFinite(input)) return String(input);
  return typeName(typeof input, language);
}

function listed(values: readonly unknown[], language: Language): string {
  return values.map((value) => JSON.stringify(value)).join(language === 'zh' ? '、' : ', ');
}

const FORMATS: Record<string, Bilingual> = {
  datetime: {
    zh: '应为带时区的 ISO 8601 时间，如 2026-09-10T10:00:00+08:00',
    en: 'expected an ISO 8601 date-time with offset, e.g. 2026-09-10T10:00:00+08:00',
  },
  date: { zh: '应为日期，格式 YYYY-MM-DD', en: 'expected a date as YYYY-MM-DD' },
  email: { zh: '应为电子邮件地址', en: 'expected an email address' },
  url: { zh: '应为网址（URL）', en: 'expected a URL' },
};

/**
 * zod's issues, worded so a person knows what to fix ("必填", "最多 200 个字符，现有 305 个"); the locales of zod
 * word the kinds of issue our schemas rarely raise.
 */
function wordIssue(issue: Issue, language: Language): string | undefined {
  const zh = language === 'zh';
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.input === undefined) return zh ? '必填，请填写' : 'required';
      const expected = typeName(issue.expected, language);
      const received = receivedName(issue.input, language);
      return zh ? `应为${expected}，收到的是${received}` : `expected ${expected}, received ${received}`;
    }
    case 'too_small': {
      const { minimum, origin, inclusive } = issue;
      if (origin === 'string') {
        if (Number(minimum) <= 1) return zh ? '不能为空' : 'must not be empty';
        return zh ? `至少 ${minimum} 个字符` : `at least ${minimum} characters`;
      }
      if (origin === 'array' || origin === 'set') {
        return zh ? `至少填写 ${minimum} 项` : `at least ${minimum} item${Number(minimum) === 1 ? '' : 's'}`;
      }
      if (origin === 'number' || origin === 'int' || origin === 'bigint') {
        if (inclusive) return zh ? `不能小于 ${minimum}` : `must be at least ${minimum}`;
        return zh ? `须大于 ${minimum}` : `must be greater than ${minimum}`;
      }
      return undefined;
    }
    case 'too_big': {
      const { maximum, origin, inclusive } = issue;
      if (origin === 'string') {
        const length = typeof issue.input === 'string' ? [...issue.input].length : undefined;
        const now = length === undefined ? '' : zh ? `，现有 ${length} 个` : ` (it has ${length})`;
        return zh ? `最多 ${maximum} 个字符${now}，请删减` : `at most ${maximum} characters${now}`;
      }
      if (origin === 'array' || origin === 'set') {
        return zh ? `最多 ${maximum} 项` : `at most ${maximum} item${Number(maximum) === 1 ? '' : 's'}`;
      }
      if (origin === 'number' || origin === 'int' || origin === 'bigint') {
        if (inclusive) return zh ? `不能大于 ${maximum}` : `must be at most ${maximum}`;
        return zh ? `须小于 ${maximum}` : `must be less than ${maximum}`;
      }
      return undefined;
    }
    case 'invalid_value':
      if (issue.values.length === 1) {
        return zh ? `只能是 ${listed(issue.values, language)}` : `must be ${listed(issue.values, language)}`;
      }
      return zh
        ? `应为以下之一：${listed(issue.values, language)}`
        : `must be one of ${listed(issue.values, language)}`;
    case 'invalid_format':
      return (
        FORMATS[issue.format]?.[language] ??
        (issue.format === 'regex' ? (zh ? '格式不正确' : 'not in the expected format') : undefined)
      );
    case 'not_multiple_of':
      return zh ? `须为 ${issue.divisor} 的整数倍` : `must be a multiple of ${issue.divisor}`;
    case 'unrecognized_keys':
      return zh
        ? `不认识的字段：${issue.keys.join('、')}，请删除`
        : `unknown field${issue.keys.length === 1 ? '' : 's'}: ${issue.keys.join(', ')}; remove ${issue.keys.length === 1 ? 'it' : 'them'}`;
    case 'invalid_union':
      return zh ? '格式不正确：不符合任何一种允许的写法' : 'matches none of the allowed forms';
    default:
      return undefined;
  }
}

/** The schema's own message for this issue (see `message` and `issueMessage`), if it has one. */
function ownMessage(issue: Issue): Bilingual | undefined {
  if (issue.code === 'custom') {
    const text = (issue.params as { message?: Bilingual } | undefined)?.message;
    if (text && typeof text.zh === 'string' && typeof text.en === 'string') return text;
  }
  // the check's own message first, then the one of the schema the check belongs to (as zod itself ranks them)
  for (const error of [issue.inst?._zod.def.error, issue.schema?._zod.def.error]) {
    const text = error ? OWN_MESSAGES.get(error) : undefined;
    if (text) return text;
  }
  return undefined;
}

function errorMap(language: Language): z.core.$ZodErrorMap {
  return (issue) => ownMessage(issue)?.[language] ?? wordIssue(issue, language) ?? LOCALES[language](issue);
}

const ERROR_MAPS: Record<Language, z.core.$ZodErrorMap> = { zh: errorMap('zh'), en: errorMap('en') };

/**
 * `safeParse` with every message in one language, zod's and the schema's own alike, by the error map of the
 * language passed with this one parse (never `z.config`: that is shared by every request in the process).
 */
export function parseIn<S extends z.ZodMiniType>(
  schema: S,
  value: unknown,
  language: Language,
): z.util.SafeParseResult<z.output<S>> {
  return schema.safeParse(value, { error: ERROR_MAPS[language] });
}

/** The outcome of `parseInput`: the parsed value, or the fields at fault with what is wrong, in both languages. */
export type InputResult<T> = { success: true; data: T } | { success: false; fields: FieldProblem[] };

/**
 * Parse input a person sent. A refusal names each field (as a JSON path, `units[0].creditCode`) with its message
 * in Chinese and English, ready for a validation problem.
 */
export function parseInput<S extends z.ZodMiniType>(schema: S, value: unknown): InputResult<z.output<S>> {
  const zh = parseIn(schema, value, 'zh');
  if (zh.success) return { success: true, data: zh.data };
  const english = parseIn(schema, value, 'en');
  const enIssues = english.success ? [] : english.error.issues;
  return {
    success: false,
    fields: zh.error.issues.map((issue, index) => {
      const field = fieldName(issue.path);
      // the same input raises the same issues in the same order; should one ever differ, Chinese stands for both
      const twin = enIssues[index];
      const en = twin && fieldName(twin.path) === field ? twin.message : issue.message;
      return { field, message: { zh: issue.message, en } };
    }),
  };
}

/** An issue path as a JSON-path-like string: `['units', 0, 'creditCode']` → `units[0].creditCode`. */
export function fieldName(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (name, key) => (typeof key === 'number' ? `${name}[${key}]` : name ? `${name}.${String(key)}` : String(key)),
    '',
  );
}
