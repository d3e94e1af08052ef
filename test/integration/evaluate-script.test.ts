/**
 * `npm run evaluate` (scripts/evaluate.ts) against the running twin, as an officer would use it from a shell: the
 * first run of a month prints its summary; the second says plainly, in one line of Chinese, that the month was
 * evaluated already (and changes nothing).
 */
import { execFile } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { baseUrl, setClock } from './support/api.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const MONTH = '2023-02';

async function evaluate(month: string) {
  const { stdout, stderr } = await promisify(execFile)(
    join(ROOT, 'node_modules/.bin/tsx'),
    [join(ROOT, 'scripts/evaluate.ts'), '--month', month, '--url', baseUrl(), '--timeout', '180'],
    { cwd: ROOT, timeout: 240_000 },
  );
  return { stdout, stderr };
}

afterAll(async () => {
  await setClock(null);
});

describe('npm run evaluate', () => {
  it('says in one line of Chinese when the month was evaluated already', async () => {
    // before the schedule's 02:30 run of the 1st
    await setClock('2023-03-01T01:00:00+08:00');
    const first = await evaluate(MONTH);
    expect(first.stdout).toMatch(/^run\s+run_/m);
    expect(first.stdout).toMatch(/^status\s+succeeded$/m);
    expect(first.stdout).not.toContain('已评定过');

    const second = await evaluate(MONTH);
    const lines = second.stdout.split('\n').filter((line) => line.includes('已评定过'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^2023-02 已评定过（2023-03-01 01:\d{2}:\d{2} 完成）：再次评定不会重复评定任何案件/);
    expect(second.stdout).toMatch(/^evaluated\s+0\b/m);
  }, 300_000);
});
