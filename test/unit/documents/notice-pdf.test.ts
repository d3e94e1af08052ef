import { execFile, execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FONT_FILES, resolveFontDirectory } from '../../../shared/documents/fonts.js';
import {
  DEFAULT_INCLUSION_ISSUER,
  DEFAULT_RELEASE_ISSUER,
  formatChineseDate,
  INCLUSION_CONDITION_TEXTS,
  type InclusionNoticeInput,
  renderInclusionNotice,
  renderReleaseNotice,
} from '../../../shared/documents/notice-pdf.js';
import { CONDITION_IDS } from '../../../shared/domain/vocabulary.js';

/*
 * The PDFs are read back with poppler-utils (pdftotext, pdfinfo, pdftoppm): an independent reader, so these tests
 * check what a viewer shows rather than what pdfkit was asked to draw. poppler-utils must be installed.
 */

const repoRoot = resolve(import.meta.dirname, '../../..');
const scratch = mkdtempSync(join(tmpdir(), 'notice-pdf-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let fileCount = 0;
function pdfFile(pdf: Buffer): string {
  const file = join(scratch, `notice-${++fileCount}.pdf`);
  writeFileSync(file, pdf);
  return file;
}

function pdfText(pdf: Buffer): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', pdfFile(pdf), '-'], { encoding: 'utf8' });
}

function pdfPageCount(pdf: Buffer): number {
  return Number(/^Pages:\s+(\d+)/m.exec(execFileSync('pdfinfo', [pdfFile(pdf)], { encoding: 'utf8' }))?.[1]);
}

/** pdftotext's words with their boxes, in points from the top left of the page. */
function pdfWords(pdf: Buffer): { text: string; xMin: number; yMin: number; yMax: number }[] {
  const html = execFileSync('pdftotext', ['-bbox', pdfFile(pdf), '-'], { encoding: 'utf8' });
  const word = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<\/word>/g;
  return [...html.matchAll(word)].map((m) => ({
    xMin: Number(m[1]),
    yMin: Number(m[2]),
    yMax: Number(m[3]),
    text: m[4] ?? '',
  }));
}

/** The page as a grey-scale raster; `dark` counts the pixels darker than mid-grey in a rectangle given in points. */
function pdfRaster(pdf: Buffer, dpi: number) {
  const prefix = join(scratch, `page-${++fileCount}`);
  execFileSync('pdftoppm', ['-gray', '-r', String(dpi), '-singlefile', pdfFile(pdf), prefix]);
  const pgm = readFileSync(`${prefix}.pgm`);
  // Binary PGM: "P5 <width> <height> <maxval>" and one whitespace, then one byte per pixel.
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 64).toString('latin1'));
  if (!header) throw new Error('pdftoppm did not write a binary PGM');
  const width = Number(header[1]);
  const pixels = pgm.subarray(header[0].length);
  const scale = dpi / 72;
  return {
    dark(x0: number, y0: number, x1: number, y1: number): number {
      let count = 0;
      for (let y = Math.floor(y0 * scale); y < Math.ceil(y1 * scale); y++) {
        for (let x = Math.floor(x0 * scale); x < Math.ceil(x1 * scale); x++) {
          if ((pixels[y * width + x] ?? 255) < 128) count++;
        }
      }
      return count;
    },
  };
}

const inclusion: InclusionNoticeInput = {
  number: '通住建差监告〔2026〕1号',
  issuedOn: '2026-09-10',
  receiptDueOn: '2026-09-17',
  recipients: [
    '北京某某房地产开发有限公司（建设单位）',
    '中国某某建设集团有限公司（施工总承包单位）',
    '北京某某工程监理有限公司（监理单位）',
  ],
  projectName: '通州区台湖镇某某地块R2二类居住用地项目',
  conditionsMet: ['C1', 'C4'],
};

/** pdftotext breaks lines where the page does; compare text with the line breaks (and their spaces) taken out. */
const flat = (text: string) => text.replace(/\s*\n\s*/g, '');

describe('inclusion notice (附件1 差别化监管告知单)', () => {
  let pdf: Buffer;
  let text: string;
  beforeAll(async () => {
    pdf = await renderInclusionNotice(inclusion);
    text = flat(pdfText(pdf));
  }, 30_000);

  it('is a one-page PDF with the font embedded as a subset', () => {
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdfPageCount(pdf)).toBe(1);
    // The full font is ~8 MB per weight: anything near that size means the subset was lost.
    expect(pdf.length).toBeLessThan(200 * 1024);
    const fonts = execFileSync('pdffonts', [pdfFile(pdf)], { encoding: 'utf8' });
    expect(fonts).toMatch(/\+NotoSansHans-Regular\s.*\byes\s+yes\s+yes\b/);
    expect(fonts).not.toMatch(/Helvetica/);
  });

  it('carries the seed text with the notice filled in', () => {
    expect(text).toContain('差别化监管告知单');
    expect(text).toContain(`编号：${inclusion.number}`);
    expect(text).toMatch(new RegExp(`告 知 方：\\s*${DEFAULT_INCLUSION_ISSUER}`));
    for (const recipient of inclusion.recipients) expect(text).toContain(recipient);
    expect(text).toContain(
      `按照《建筑工程施工现场安全生产差别化监管实施方案》，对贵单位负责管理的工程建设项目：${inclusion.projectName}进行检查。`,
    );
    expect(text).toContain('经现场检查发现，该项目具备下列差别化监管条件之一：');
    CONDITION_IDS.forEach((id, index) => {
      expect(text).toContain(`（${index + 1}） ${INCLUSION_CONDITION_TEXTS[id]}`);
    });
    expect(text).toContain('决定将其纳入差别化监管，现向贵单位书面告知。');
    expect(text).toContain('请贵单位领导高度重视，承担起相应的管理责任。');
    expect(text).toContain('被告知方（盖章）：');
    expect(text).toContain('告知书接收人签字：');
    expect(text).toContain('2026年9月10日');
    expect(text).toContain('注：本告知单一式两份，需被告知方签字盖章后，于5个工作日内报送至告知方。');
    expect(text).toContain('请于2026年9月17日（含当日）前报送。');
  });

  it('ticks the boxes of the conditions met and only those', () => {
    // Each condition's "（n）" word has its checkbox just to its left; a ticked box has the tick's ink on top of
    // the frame's, an empty box only the frame.
    const raster = pdfRaster(pdf, 144);
    const words = pdfWords(pdf);
    const ink = CONDITION_IDS.map((id, index) => {
      const word = words.find((w) => w.text.startsWith(`（${index + 1}）`));
      if (!word) throw new Error(`no word for condition ${id}`);
      const em = word.yMax - word.yMin;
      return { id, ink: raster.dark(word.xMin - 1.8 * em, word.yMin - 0.3 * em, word.xMin - 0.2 * em, word.yMax) };
    });
    const empty = ink.filter((box) => !inclusion.conditionsMet.includes(box.id));
    const ticked = ink.filter((box) => inclusion.conditionsMet.includes(box.id));
    expect(ticked.map((box) => box.id)).toEqual(['C1', 'C4']);
    const emptyMin = Math.min(...empty.map((box) => box.ink));
    const emptyMax = Math.max(...empty.map((box) => box.ink));
    expect(emptyMin).toBeGreaterThan(0); // the frame is drawn
    for (const box of ticked) expect(box.ink, box.id).toBeGreaterThan(1.3 * emptyMax);
  });

  it('renders the same bytes for the same input', async () => {
    const again = await renderInclusionNotice({ ...inclusion, conditionsMet: [...inclusion.conditionsMet] });
    expect(again.equals(pdf)).toBe(true);
  }, 30_000);

  it('takes the issuer and a project address when given', async () => {
    const custom = await renderInclusionNotice({
      ...inclusion,
      issuer: '某区住房和城乡建设委员会',
      projectAddress: '通州区台湖镇某某路1号',
      conditionsMet: ['C6'],
    });
    const customText = flat(pdfText(custom));
    expect(customText).toMatch(/告 知 方：\s*某区住房和城乡建设委员会/);
    expect(customText).toContain(`${inclusion.projectName}（通州区台湖镇某某路1号）进行检查。`);
    expect(custom.equals(pdf)).toBe(false);
  }, 30_000);

  it('keeps to one page when the project and the units are long, by setting the type smaller', async () => {
    const long = await renderInclusionNotice({
      ...inclusion,
      projectName: `${'通州区台湖镇某某地块R2二类居住用地项目'.repeat(4)}（1#—8#住宅楼及地下车库）`,
      recipients: [...inclusion.recipients, ...inclusion.recipients.map((name) => `${name}第二标段`)],
      conditionsMet: [...CONDITION_IDS],
    });
    expect(pdfPageCount(long)).toBe(1);
  }, 30_000);

  it('states the ranking of a project proposed by it (SPEC §6.5), with or without a condition met', async () => {
    const rankingBasis =
      '2041年第1季度安全质量状况评估排名中，该项目在密云区房建类项目中排名第12名（共12名），位于后5%';
    const byRanking = flat(pdfText(await renderInclusionNotice({ ...inclusion, conditionsMet: [], rankingBasis })));
    expect(byRanking).toContain(`根据安全质量状况评估排名结果：${rankingBasis}。`);
    expect(byRanking).toContain('进行安全质量状况评估。');
    expect(byRanking).not.toContain('具备下列差别化监管条件之一');
    const both = flat(pdfText(await renderInclusionNotice({ ...inclusion, conditionsMet: ['C5'], rankingBasis })));
    expect(both).toContain('具备下列差别化监管条件之一');
    expect(both).toContain(`根据安全质量状况评估排名结果：${rankingBasis}。`);
  }, 30_000);

  it('refuses a notice with no condition met, no recipient or a malformed date', async () => {
    await expect(renderInclusionNotice({ ...inclusion, conditionsMet: [] })).rejects.toThrow(RangeError);
    await expect(renderInclusionNotice({ ...inclusion, recipients: [] })).rejects.toThrow(RangeError);
    await expect(renderInclusionNotice({ ...inclusion, issuedOn: '2026-02-30' })).rejects.toThrow(RangeError);
  });
});

describe('release notice (附件2 差别化监管解除告知单)', () => {
  it('carries the seed text, with the seed typos corrected (委员会, 解除)', async () => {
    const pdf = await renderReleaseNotice({
      number: '通住建差监解〔2026〕3号',
      issuedOn: '2026-12-01',
      receiptDueOn: '2026-12-08',
      recipients: inclusion.recipients,
      projectName: inclusion.projectName,
    });
    expect(pdfPageCount(pdf)).toBe(1);
    const text = flat(pdfText(pdf));
    expect(text).toContain('差别化监管解除告知单');
    expect(text).toContain('编号：通住建差监解〔2026〕3号');
    expect(text).toMatch(new RegExp(`告 知 方：\\s*${DEFAULT_RELEASE_ISSUER}`));
    expect(DEFAULT_RELEASE_ISSUER).toBe('通州区住房和城乡建设委员会');
    expect(text).toContain(`工程建设项目：${inclusion.projectName}进行差别化监管周期评定检查。`);
    expect(text).toContain('已不符合差别化监管条件，现我委决定解除其差别化监管措施，现向贵单位书面告知。');
    expect(text).not.toContain('解决其');
    expect(text).toContain('确保安全生产管理责任落到实处。');
    expect(text).toContain('2026年12月1日');
    expect(text).toContain('请于2026年12月8日（含当日）前报送。');
    expect(text).not.toContain('（1）'); // no conditions on a release
  }, 30_000);
});

describe('formatChineseDate', () => {
  it('writes the date the way the notices print it', () => {
    expect(formatChineseDate('2026-09-07')).toBe('2026年9月7日');
    expect(formatChineseDate('2026-12-31')).toBe('2026年12月31日');
  });

  it.each(['2026-9-7', '2026-13-01', '2026-02-29', '20260907', ''])('refuses %j', (date) => {
    expect(() => formatChineseDate(date)).toThrow(RangeError);
  });
});

describe('bundled as the Lambda is', () => {
  it('renders with the fonts in fonts/ beside the bundle, and without pdfkit data files', async () => {
    const dir = join(scratch, 'lambda');
    const entry = join(dir, 'entry.ts');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      entry,
      [
        `import { writeFileSync } from 'node:fs';`,
        `import { renderInclusionNotice } from ${JSON.stringify(join(repoRoot, 'shared/documents/notice-pdf.ts'))};`,
        `const pdf = await renderInclusionNotice(${JSON.stringify(inclusion)});`,
        `writeFileSync(process.argv[2], pdf);`,
      ].join('\n'),
    );
    // The options of infra/constructs/supervision-function.ts. `minify` matters: pdfkit's ESM build itself does
    // `import { createRequire } from 'module'`, which, unminified, collides with the banner's own `createRequire`
    // ("Identifier 'createRequire' has already been declared"); minified, esbuild renames pdfkit's binding.
    await build({
      entryPoints: [entry],
      outfile: join(dir, 'out', 'index.mjs'),
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      minify: true,
      mainFields: ['module', 'main'],
      logLevel: 'silent',
      banner: { js: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);" },
    });
    const run = (output: string) => {
      // Neither the override nor a task root: the bundle must find fonts/ beside itself. The working directory
      // is outside the bundle, so process.cwd() is not what finds them.
      const { DOCUMENT_FONT_DIR: _dir, LAMBDA_TASK_ROOT: _root, ...env } = process.env;
      return promisify(execFile)(process.execPath, [join(dir, 'out', 'index.mjs'), output], { cwd: dir, env });
    };

    // Without the fonts beside it, the bundle has nothing to fall back on and says where it looked.
    await expect(run(join(dir, 'none.pdf'))).rejects.toThrow(/Notice fonts not found/);

    const fontDir = await resolveFontDirectory({});
    mkdirSync(join(dir, 'out', 'fonts'));
    for (const file of Object.values(FONT_FILES)) copyFileSync(join(fontDir, file), join(dir, 'out', 'fonts', file));
    await run(join(dir, 'notice.pdf'));
    const pdf = readFileSync(join(dir, 'notice.pdf'));
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdfPageCount(pdf)).toBe(1);
    expect(flat(pdfText(pdf))).toContain(inclusion.number);
    // Same code, same input: the bundle's output is the unbundled output, byte for byte.
    expect(pdf.equals(await renderInclusionNotice(inclusion))).toBe(true);
  }, 60_000);
});
