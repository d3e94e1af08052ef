import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { zodErrors } from '../../../shared/http/problem.js';
import { text } from '../../../shared/schemas/common.js';
import { registerProjectBody } from '../../../shared/schemas/project.js';

/** Every character a text field must refuse (SPEC §4): controls but tab/LF/CR, DEL, C1, bidi formatting. */
const FORBIDDEN = [
  ...Array.from({ length: 0x20 }, (_, i) => i).filter((i) => i !== 0x09 && i !== 0x0a && i !== 0x0d),
  ...Array.from({ length: 0x21 }, (_, i) => 0x7f + i),
  0x061c,
  0x200e,
  0x200f,
  0x202a,
  0x202b,
  0x202c,
  0x202d,
  0x202e,
  0x2066,
  0x2067,
  0x2068,
  0x2069,
].map((code) => String.fromCodePoint(code));
const forbidden = new Set(FORBIDDEN);

describe('text fields refuse control and bidirectional formatting characters', () => {
  it.each(FORBIDDEN.map((character) => [character.codePointAt(0)?.toString(16).padStart(4, '0'), character]))(
    'refuses U+%s',
    (_code, character) => {
      const result = text(200).safeParse(`整改${character}完成`);
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toMatch(/^不能含有控制字符或双向排版控制符：第 3 个字符是/);
    },
  );

  it('names the field and the character: a unit name with a right-to-left override', () => {
    const body = {
      name: '某项目',
      district: '通州区',
      address: '某路 1 号',
      category: 'housing',
      phase: 'main_structure',
      units: [{ role: 'general_contractor', name: '北京\u202e司公限有工施', creditCode: '91110112MA01ABCD04' }],
      persons: [],
    };
    const result = registerProjectBody.safeParse(body);
    expect(result.success).toBe(false);
    const errors = zodErrors(result.error as never);
    expect(errors).toContainEqual({
      field: 'units[0].name',
      message:
        '不能含有控制字符或双向排版控制符：第 3 个字符是双向排版控制符“从右至左强制”（U+202E），请删除后重新提交',
    });
  });

  it('keeps tabs and line breaks, and every other character (Chinese, emoji, full-width forms)', () => {
    expect(text(200).parse('第一行\n第二行\r\n\t缩进 ＡＢＣ １２３ 😀 〔2026〕')).toBe(
      '第一行\n第二行\r\n\t缩进 ＡＢＣ １２３ 😀 〔2026〕',
    );
  });

  it('fuzz: a text is refused exactly when it holds a forbidden character', () => {
    const anyText = fc.string({ unit: 'binary', minLength: 1, maxLength: 40 });
    const withForbidden = fc
      .tuple(anyText, fc.constantFrom(...FORBIDDEN), anyText)
      .map(([before, character, after]) => `x${before}${character}${after}x`);
    fc.assert(
      fc.property(fc.oneof(anyText, withForbidden), (value) => {
        const trimmed = value.trim();
        const result = text(200).safeParse(value);
        const dirty = [...trimmed].some((character) => forbidden.has(character));
        if (dirty) {
          expect(result.success).toBe(false);
          expect(result.error?.issues.some((issue) => issue.message.startsWith('不能含有控制字符'))).toBe(true);
        } else if (trimmed.length > 0 && trimmed.length <= 200) {
          expect(result.success).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  }, 60_000);
});
