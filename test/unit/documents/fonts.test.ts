import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  FONT_DIR_ENV,
  FONT_FILES,
  fontDirectoryCandidates,
  loadNoticeFonts,
  resolveFontDirectory,
} from '../../../shared/documents/fonts.js';

const empty = mkdtempSync(join(tmpdir(), 'no-fonts-'));
afterAll(() => rmSync(empty, { recursive: true, force: true }));

describe('notice fonts', () => {
  it('looks beside the module, under the Lambda task root and the working directory, then in the npm package', () => {
    const candidates = fontDirectoryCandidates({ LAMBDA_TASK_ROOT: '/var/task' });
    expect(candidates).toContain(join('/var/task', 'fonts'));
    expect(candidates).toContain(join(process.cwd(), 'fonts'));
    expect(candidates.at(-1)).toMatch(/@embedpdf[/\\]fonts-sc[/\\]fonts$/);
  });

  it('takes DOCUMENT_FONT_DIR alone when it is set', () => {
    expect(fontDirectoryCandidates({ [FONT_DIR_ENV]: empty })).toEqual([resolve(empty)]);
  });

  it('finds the npm package fonts when nothing else holds them', async () => {
    const directory = await resolveFontDirectory({});
    for (const file of Object.values(FONT_FILES)) expect(existsSync(join(directory, file))).toBe(true);
  });

  it('fails naming where it looked when DOCUMENT_FONT_DIR holds no fonts, rather than falling back', async () => {
    await expect(resolveFontDirectory({ [FONT_DIR_ENV]: empty })).rejects.toThrow(
      new RegExp(`Notice fonts not found.*${empty.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')}`),
    );
  });

  it('parses the fonts once per process', async () => {
    const first = await loadNoticeFonts();
    expect(await loadNoticeFonts()).toBe(first);
    expect(first.regular.postscriptName).toMatch(/Regular/);
    expect(first.bold.postscriptName).toMatch(/Bold/);
    // the CJK glyphs the notices need are there
    expect(first.regular.hasGlyphForCodePoint('差'.codePointAt(0) as number)).toBe(true);
  });
});
