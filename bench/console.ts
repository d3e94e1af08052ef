/**
 * `npm run bench:console [-- --runs 3] [--print-only] [--reports-to <folder>]`
 *
 * The agency console's dashboard under Lighthouse 12.2.3's mobile profile (a mid-range phone: Moto G Power
 * screen, simulated slow 4G — 150 ms RTT, 1.6 Mbit/s — and a 4× CPU slowdown) against a fresh local twin seeded
 * with a few cases, in Debian's Chromium. Reports, per run and as the median: First Contentful Paint, Largest
 * Contentful Paint, Time to Interactive, Total Blocking Time, the performance score, and the JavaScript and CSS the
 * first screen transfers (gzip), against the budgets of issue 14 (usable within 2.5 s, ≤ 400 KB).
 *
 * Not a test: figures depend on the machine. Results are printed and, unless `--print-only`, written between the
 * bench:console markers of docs/benchmarks.md.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { ensureConsoleBuilt } from '../console/scripts/build.js';
import { startLocalStack } from '../infra/local/stack.js';
import { creditCodeCheckCharacter } from '../shared/domain/credit-code.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const RESULTS_FILE = join(ROOT, 'docs', 'benchmarks.md');
const START = '<!-- bench:console:start -->';
const END = '<!-- bench:console:end -->';
const CHROMIUM = '/usr/bin/chromium';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    'print-only': { type: 'boolean', default: false },
    /** a folder to keep each run's whole Lighthouse report in (JSON), to see where the time goes */
    'reports-to': { type: 'string' },
  },
});
const runs = Math.max(1, Number(values.runs));

let serial = 0;
function creditCode(): string {
  serial += 1;
  const body = `911101${String(Date.now() % 1_000_000).padStart(6, '0')}${String(serial).padStart(5, '0')}`.slice(
    0,
    17,
  );
  return body + creditCodeCheckCharacter(body);
}

async function call(base: string, path: string, token: string | undefined, body?: unknown) {
  const response = await fetch(`${base}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${path} answered ${response.status}: ${await response.text()}`);
  return response.json() as Promise<Record<string, unknown>>;
}

/** A few projects, each with a failing inspection; most of them confirmed (active cases), one left proposed. */
async function seed(base: string, cases: number) {
  const officer = (await call(base, '/_local/tokens', undefined, { role: 'officer', sub: 'bench' })).token as string;
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  for (let index = 0; index < cases; index += 1) {
    const codes = [creditCode(), creditCode(), creditCode()];
    const project = await call(base, '/v1/projects', officer, {
      name: `性能测试项目 ${index + 1}`,
      district: '通州区',
      address: '北京市通州区',
      category: 'building',
      phase: 'structure',
      units: ['developer', 'general_contractor', 'supervisor'].map((role, unit) => ({
        role,
        name: `单位 ${index + 1}-${unit + 1}`,
        creditCode: codes[unit],
      })),
    });
    const recorded = await call(base, `/v1/projects/${project.id}/inspections`, officer, {
      date: today,
      kind: 'routine',
      inspectors: ['甲', '乙'],
      keyPersonnelPresent: { projectManager: true, chiefSupervisingEngineer: true },
      findings: [
        {
          kind: 'safety_org_incomplete',
          category: 'management',
          severity: 'major',
          unitCreditCode: codes[1],
          description: '安全管理机构不健全',
          deadline: today,
        },
      ],
      summary: '性能测试',
    });
    if (index > 0 && recorded.caseId) await call(base, `/v1/cases/${recorded.caseId}/confirm`, officer, {});
  }
}

interface Figures {
  fcp: number;
  lcp: number;
  tti: number;
  tbt: number;
  score: number;
  jsKb: number;
  cssKb: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

ensureConsoleBuilt();
process.env.LOG_LEVEL ??= 'warn';
const stack = await startLocalStack({ port: 0, fresh: true, quiet: true });
const results: Figures[] = [];
try {
  await seed(stack.url, 6);
  const url = `${stack.url}/console/#as=officer`;
  for (let run = 0; run < runs; run += 1) {
    const chrome = await chromeLauncher.launch({
      chromePath: CHROMIUM,
      chromeFlags: [
        '--headless=new',
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
      ],
    });
    try {
      const result = await lighthouse(url, {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: ['performance'],
      });
      const lhr = result?.lhr;
      if (!lhr) throw new Error('Lighthouse returned no result');
      if (values['reports-to']) {
        mkdirSync(values['reports-to'], { recursive: true });
        writeFileSync(join(values['reports-to'], `run-${run + 1}.json`), JSON.stringify(lhr));
      }
      const audit = (id: string) => lhr.audits[id]?.numericValue ?? Number.NaN;
      const items =
        (
          lhr.audits['network-requests']?.details as
            | { items?: Array<{ url: string; transferSize?: number; resourceType?: string }> }
            | undefined
        )?.items ?? [];
      const sum = (type: string) =>
        items
          .filter((item) => item.resourceType === type)
          .reduce((total, item) => total + (item.transferSize ?? 0), 0) / 1024;
      results.push({
        fcp: audit('first-contentful-paint'),
        lcp: audit('largest-contentful-paint'),
        tti: audit('interactive'),
        tbt: audit('total-blocking-time'),
        score: Math.round((lhr.categories.performance?.score ?? 0) * 100),
        jsKb: sum('Script'),
        cssKb: sum('Stylesheet'),
      });
      console.log(`run ${run + 1}: ${JSON.stringify(results.at(-1))}`);
    } finally {
      await chrome.kill();
    }
  }
} finally {
  await stack.stop();
}

const pick = (key: keyof Figures) => median(results.map((result) => result[key]));
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const load = os.loadavg()[0]?.toFixed(1);
const lines = [
  `- machine: ${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${CHROMIUM}; load average ${load} when the runs ended (Lighthouse scales the CPU time it observes, so a shared, loaded machine inflates the blocking time and the time to interactive)`,
  `- command: \`npm run bench:console -- --runs ${runs}\` (Lighthouse 12.2.3, mobile profile: simulated slow 4G, 4× CPU slowdown; ${new Date().toISOString().slice(0, 10)})`,
  '',
  '| figure (median of the runs) | dashboard | budget |',
  '|---|---|---|',
  `| First Contentful Paint | ${seconds(pick('fcp'))} | |`,
  `| Largest Contentful Paint | ${seconds(pick('lcp'))} | |`,
  `| Time to Interactive | ${seconds(pick('tti'))} | usable within 2.5 s |`,
  `| Total Blocking Time | ${Math.round(pick('tbt'))} ms | |`,
  `| performance score | ${pick('score')} | |`,
  `| JavaScript transferred | ${Math.round(pick('jsKb'))} KB | JS + CSS ≤ 400 KB |`,
  `| CSS transferred | ${Math.round(pick('cssKb'))} KB | |`,
];
console.log(lines.join('\n'));
if (!values['print-only']) {
  const document = readFileSync(RESULTS_FILE, 'utf8');
  const block = `${START}\n${lines.join('\n')}\n${END}`;
  const updated = document.includes(START)
    ? document.replace(new RegExp(`${START}[\\s\\S]*?${END}`), block)
    : `${document.trimEnd()}\n\n## The agency console (\`npm run bench:console\`)\n\nThe dashboard (\`/console/#as=officer\`) of a fresh local twin seeded with six projects (five active cases, one proposal), under Lighthouse's mobile profile. The local gateway compresses the console's files with gzip as CloudFront does (CloudFront may also use Brotli): the transfer sizes are gzip sizes.\n\n${block}\n`;
  writeFileSync(RESULTS_FILE, updated);
}
process.exit(0);
