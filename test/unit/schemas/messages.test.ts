import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { issueMessage, message, parseIn, parseInput } from '../../../shared/schemas/messages.js';

const schema = z.object({
  name: z.string().min(1, message({ zh: '名称不能为空', en: 'a name is needed' })),
  count: z.number().int().max(3),
  pair: z.array(z.string()).superRefine((value, ctx) => {
    if (value.length !== 2) ctx.addIssue({ code: 'custom', ...issueMessage({ zh: '须为两项', en: 'two items' }) });
  }),
});

describe('field messages in the language of the parse (SPEC §4 "Errors")', () => {
  it('words zod’s issues and the schema’s own messages in Chinese, and in English', () => {
    const input = { name: '', count: 7, pair: ['a'] };
    const messages = (language: 'zh' | 'en') => {
      const result = parseIn(schema, input, language);
      return result.success ? [] : result.error.issues.map((issue) => issue.message);
    };
    expect(messages('zh')).toEqual(['名称不能为空', '不能大于 3', '须为两项']);
    expect(messages('en')).toEqual(['a name is needed', 'must be at most 3', 'two items']);
  });

  it('gives a check without its own message the message of its schema', () => {
    const code = z.string(message({ zh: '请填写六位代码', en: 'six characters' })).length(6);
    const messages = (language: 'zh' | 'en') => {
      const result = parseIn(code, 'abc', language);
      return result.success ? [] : result.error.issues.map((issue) => issue.message);
    };
    expect(messages('zh')).toEqual(['请填写六位代码']);
    expect(messages('en')).toEqual(['six characters']);
  });

  it('holds no language between parses: Chinese and English alternate without leaking into each other', () => {
    for (const language of ['en', 'zh', 'en', 'zh'] as const) {
      const result = parseIn(schema, {}, language);
      expect(result.success).toBe(false);
      const first = result.success ? '' : result.error.issues[0]?.message;
      expect(first).toBe(language === 'zh' ? '必填，请填写' : 'required');
    }
  });

  it('gives each refused field both languages, named as a JSON path', () => {
    const result = parseInput(z.object({ units: z.array(z.object({ code: z.string() })) }), { units: [{ code: 5 }] });
    expect(result).toEqual({
      success: false,
      fields: [
        {
          field: 'units[0].code',
          message: { zh: '应为文字，收到的是数字', en: 'expected a string, received a number' },
        },
      ],
    });
  });
});
