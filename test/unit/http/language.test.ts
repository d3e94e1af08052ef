import { describe, expect, it } from 'vitest';
import { negotiateLanguage } from '../../../shared/http/language.js';

describe('the language of an answer (Accept-Language, RFC 9110 §12.5.4; SPEC §4 "Errors")', () => {
  it.each([
    [undefined, 'zh'],
    ['', 'zh'],
    ['zh-CN', 'zh'],
    ['en', 'en'],
    ['EN-us', 'en'],
    ['en-US,en;q=0.9,zh-CN;q=0.8', 'en'],
    ['zh-CN,zh;q=0.9,en;q=0.8', 'zh'],
    ['zh-CN;q=0.3, en-GB;q=0.7', 'en'],
    ['fr, en;q=0.5', 'en'],
    ['fr', 'zh'],
    ['*', 'zh'],
    ['en;q=0, *', 'zh'],
    ['en;q=0', 'zh'],
    ['en;q=0.5, zh;q=0.5', 'en'],
    ['zh;q=0.5, en;q=0.5', 'zh'],
    ['en;q=banana', 'en'],
    [',,;;q=,', 'zh'],
  ] as Array<[string | undefined, 'zh' | 'en']>)('%j → %s', (header, language) => {
    expect(negotiateLanguage(header)).toBe(language);
  });

  it('reads no further than a browser would send (the header is the caller’s)', () => {
    expect(negotiateLanguage(`${'x-y;q=0.1,'.repeat(200)}en`)).toBe('zh');
  });
});
