/**
 * What the fuzzing suites (fuzz.test.ts for the write routes, fuzz-reads.test.ts for the read routes) share: the
 * run count and seed, odd strings, mutated path ids, and the property every answer must have.
 *
 * `FUZZ_RUNS` sets the runs per route (default 20), `FUZZ_SEED` the seed (default fixed, so CI reproduces),
 * `FUZZ_VERBOSE=1` prints the status counts per route.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import type { ApiResponse } from './api.js';

export const RUNS = Math.max(1, Number(process.env.FUZZ_RUNS ?? 20));
export const SEED = Number(process.env.FUZZ_SEED ?? 20260910);

export const ODD_STRINGS = [
  '',
  ' ',
  '\u0000',
  '\uD800', // a lone surrogate
  '\uDFFF\uD800',
  '\u202Egnp.exe', // right-to-left override
  '\u200B\u200C\u200D\uFEFF',
  '𠮷𠮷𠮷', // outside the BMP
  '👨‍👩‍👧‍👦',
  'é'.normalize('NFD'),
  '<script>alert(1)</script>',
  "'; DROP TABLE x; --",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a log-injection probe, meant literally
  '${jndi:ldap://x}',
  '../../etc/passwd',
  '%00%2e%2e%2f',
  'null',
  '1e309',
  '-0',
  '__proto__',
  'constructor',
];

export const oddString = fc.oneof(
  fc.constantFrom(...ODD_STRINGS),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
);

/** Path ids: the real one mostly, sometimes another shape (unknown, mangled, traversal, huge). */
export function pathId(real: string): fc.Arbitrary<string> {
  const prefix = real.slice(0, real.indexOf('_') + 1);
  return fc.oneof(
    { weight: 6, arbitrary: fc.constant(real) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        real.toLowerCase(),
        `${real}x`,
        real.slice(0, -1),
        `${prefix}01JD5Z3X8K9Q2W4E6R7T8Y9V0P`,
        `prj_${real.slice(4)}`,
        '..%2F..%2Fetc',
        '%00',
        encodeURIComponent('案件'),
        'x'.repeat(3_000),
        `${real}%20`,
      ),
    },
    { weight: 1, arbitrary: fc.string({ maxLength: 30 }).map((s) => encodeURIComponent(s) || 'empty') },
  );
}

/** Paths to the values inside a JSON value (the root is []), down to a few levels: deep garbage stays opaque. */
export function pathsOf(
  value: unknown,
  prefix: Array<string | number> = [],
  out: Array<Array<string | number>> = [],
): Array<Array<string | number>> {
  out.push(prefix);
  if (prefix.length >= 6 || out.length > 500) return out;
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) pathsOf(v, [...prefix, i], out);
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) pathsOf(v, [...prefix, k], out);
  }
  return out;
}

/** A path template with its `{name}` parameters filled in. */
export function fillPath(template: string, ids: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => ids[name] ?? name);
}

/**
 * Never a 5xx; every 4xx is `application/problem+json` with type, title, status (the answer's) and detail, the title
 * and detail in Chinese.
 */
export function assertProblem(response: ApiResponse, what: string): void {
  expect(response.status, `${what} → ${response.status} ${response.text.slice(0, 500)}`).toBeLessThan(500);
  if (response.status < 400) return;
  expect(response.headers.get('content-type'), what).toContain('application/problem+json');
  const problem = response.json as Record<string, unknown>;
  expect(typeof problem?.type, `${what}: ${response.text.slice(0, 300)}`).toBe('string');
  expect(typeof problem?.title, what).toBe('string');
  expect(problem?.status, what).toBe(response.status);
  expect(typeof problem?.detail, what).toBe('string');
  // in Chinese, as every request here asks for no language (SPEC §4 "Errors")
  expect(response.headers.get('content-language'), what).toBe('zh-CN');
  expect(`${problem?.title}`, `${what}: ${response.text.slice(0, 300)}`).toMatch(CHINESE);
  expect(`${problem?.detail}`, `${what}: ${response.text.slice(0, 300)}`).toMatch(CHINESE);
}

const CHINESE = /[\u3400-\u9fff]/;

/** Status counts per route, printed with FUZZ_VERBOSE=1 (to see that the fuzzing reaches past validation). */
export class StatusCounts {
  private readonly counts = new Map<string, Record<number, number>>();
  add(route: string, status: number): void {
    const seen = this.counts.get(route) ?? {};
    seen[status] = (seen[status] ?? 0) + 1;
    this.counts.set(route, seen);
  }
  print(): void {
    if (process.env.FUZZ_VERBOSE) console.log(JSON.stringify(Object.fromEntries(this.counts), null, 1));
  }
}
