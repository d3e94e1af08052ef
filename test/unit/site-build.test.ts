/**
 * The generated files of site/ (scripts/build-site.ts) are committed: they must be exactly what the build makes
 * from the code today, so the assessment page never scores with stale rules and the published scheme is the one
 * the API scores with.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { siteFiles } from '../../scripts/build-site.js';
import { schemeById } from '../../shared/domain/assessment/schemes.js';
import * as scoring from '../../shared/domain/assessment/scoring.js';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');

describe('the generated files of site/', () => {
  it('are up to date (run `npm run build:site` and commit)', async () => {
    const files = await siteFiles();
    expect([...files.keys()]).toEqual(['site/shared/scoring.js', 'site/assessment-schemes/jgj59-2011.json']);
    for (const [path, contents] of files) expect(readFileSync(join(ROOT, path), 'utf8'), path).toBe(contents);
  }, 30_000);

  it('give the page the scoring the server uses', async () => {
    const page = (await import(pathToFileURL(join(ROOT, 'site/shared/scoring.js')).href)) as typeof scoring;
    const scheme = JSON.parse(readFileSync(join(ROOT, 'site/assessment-schemes/jgj59-2011.json'), 'utf8'));
    expect(scheme).toEqual(JSON.parse(JSON.stringify(schemeById('jgj59-2011'))));
    const input = {
      tables: scheme.tables.map((table: { id: string; items: Array<{ id: string; maximum: number }> }, t: number) => ({
        tableId: table.id,
        items: table.items.map((item, i) => ({ itemId: item.id, deduction: (t + i) % 3 === 0 ? item.maximum / 2 : 0 })),
      })),
    };
    expect(page.scoreAssessment(scheme, input)).toEqual(scoring.scoreAssessment(schemeById('jgj59-2011'), input));
  });
});
