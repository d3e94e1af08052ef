/**
 * `npm run bench:evaluation [-- --cases 1000,10000] [--print-only]`
 *
 * How fast the monthly evaluation judges cases, and how many DynamoDB requests it spends per case. Each size runs
 * in its own child process with a fresh local twin (DynamoDB Local in memory, S3 in a temporary directory): the
 * functions' SDK clients are created once per process, against that process's twin. The child seeds N active cases
 * whose first cycle ran 2026-09-01 … 2026-09-30 straight into the table with BatchWriteItem — items built by the
 * use cases' own builders (`registerProject`, `proposeCase`, `changeCase`) or copied field for field from them
 * (inspection, findings, notice, documents), so they are shaped exactly as an intake, a confirmation and the upload
 * verifier write them — then runs the month `2026-09` at 2026-10-01T02:30+08:00 in process through the run's own
 * code path: `planEvaluation` (the `evaluations` Lambda's) stores the batches and hands their messages to the bench
 * instead of SQS; `workBatch` (the `evaluation-worker` Lambda's, per SQS message) works them, the case batches
 * before the project batches.
 *
 * Requests are counted by a middleware on the document client the functions use (`shared/store/client.ts`), by
 * command and by what they touch, and split by the phases of the run (plan → judge the due cases → propose new
 * cases → finish). The stream relay and the scheduler are stopped before the run: the consumers of the run's
 * events (journal, escalation measures) share this process and that client, and would pollute the count.
 *
 * The mix is fixed so runs compare: of every 20 cases one delivered everything and had its hazards accepted
 * (→ release), one delivered everything but has a hazard due only in October (→ continue), and 18 delivered
 * nothing and let their hazards run overdue (→ escalate). Beside every 10th case, a project not under supervision
 * had a clean inspection in September (no finding): evidence no decision weighed, so the proposal sweep re-examines
 * it (and proposes nothing); the other projects, all under supervision, are not swept. Results are printed and, unless `--print-only`, written
 * into the results section of docs/benchmarks.md (one block per size, replaced when that size runs again).
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { startLocalStack } from '../infra/local/stack.js';
import { addWorkingDays } from '../shared/domain/calendar.js';
import { evaluateConditions } from '../shared/domain/conditions.js';
import { firstCycle } from '../shared/domain/cycles.js';
import { DEFAULT_NOTICE_PREFIXES, formatNoticeNumber, noticeCounterName } from '../shared/domain/notice-number.js';
import { computeObligations } from '../shared/domain/obligations.js';
import { DEFAULT_RULE_SET } from '../shared/domain/rule-set.js';
import type { TimelineEntryContent } from '../shared/domain/timeline.js';
import { newId } from '../shared/ids.js';
import { keys } from '../shared/store/keys.js';
import type {
  CaseRecord,
  DocumentRecord,
  FindingRecord,
  InspectionRecord,
  NoticeRecord,
} from '../shared/store/snapshot.js';
import type { UnitOfWork } from '../shared/store/unit-of-work.js';
import { type CountedRow, countRequests, plain, type RequestLabel } from './sdk-request-counter.js';
import { batchWriter, type Item, ItemCollector, machine, seededProjectBody } from './support/seeding.js';

const SELF = fileURLToPath(import.meta.url);
const RESULTS_FILE = join(dirname(SELF), '..', 'docs', 'benchmarks.md');
const DEFAULT_SIZES = [1_000, 10_000];
const MONTH = '2026-09';
const REGISTERED_AT = new Date('2026-08-03T09:00:00+08:00');
const INSPECTED_ON = '2026-08-25';
const INSPECTED_AT = new Date(`${INSPECTED_ON}T10:00:00+08:00`);
const INCLUDED_ON = '2026-09-01';
const INCLUDED_AT = new Date(`${INCLUDED_ON}T10:00:00+08:00`);
const HAZARDS_ACCEPTED_ON = '2026-09-08';
const RUN_AT = new Date('2026-10-01T02:30:00+08:00');
/** batches worked at once (each judges 8 cases at once), as the in-process driver does */
const PARALLEL_BATCHES = 2;
const INSPECTOR = 'user:bench-inspector';
const OFFICER = 'user:bench-officer';
const VERIFIER = 'system:document-verifier';
/** cases built in memory, then written, at a time */
const SEED_CHUNK = 200;
/** BatchWriteItem requests in flight while seeding */
const SEED_PARALLEL = 6;
/** cases (the first ones: every flavour) whose sizes and judging CPU are profiled after the run */
const PROFILE_SAMPLES = 60;
const RESULTS_START = '<!-- bench:evaluation:results:start -->';
const RESULTS_END = '<!-- bench:evaluation:results:end -->';

type Flavour = 'release' | 'continue' | 'escalate';

/**
 * `windowed`: the run as it is. `whole`: the same run with the standing index's migration record deleted before it,
 * so every project larger than the probe's page is read whole (`readProjectCollection`) as before issue 13 item 1,
 * after the same probe and case read — the other side of the trade between requests and read units.
 */
type Reads = 'windowed' | 'whole';
const READS: readonly Reads[] = ['windowed', 'whole'];

/** What one size measured; the child process hands it to the parent as JSON. */
interface SizeResult {
  cases: number;
  /** how the judged cases' projects were read: by their windows, or whole (the standing index taken away) */
  reads: Reads;
  /** the reads of the projects larger than the probe's page (the cases that delivered), in the judge phase */
  largeProjects?: { cases: number; requests: number; readUnits: number };
  seededItems: number;
  seedSeconds: number;
  runSeconds: number;
  phases: Array<{ phase: string; seconds: number }>;
  run: {
    status: string;
    evaluated: number;
    released: number;
    escalated: number;
    continued: number;
    proposed: number;
    skipped: number;
    error: string | null;
    /** the year's release counter after the run: each release takes the next number in its transaction */
    releaseNumbers: number;
  };
  expected: Record<Flavour, number>;
  rows: CountedRow[];
  rssMiB: number;
  /** per flavour: item sizes (JSON bytes, close to DynamoDB's count) and the CPU one judgement takes */
  profile: Array<{
    flavour: Flavour;
    samples: number;
    collectionItems: number;
    collectionKiB: number;
    caseItemBytes: number;
    cycleRecordBytes: number;
    judgeMs: number;
  }>;
}

function flavourOf(index: number): Flavour {
  if (index % 20 === 0) return 'release';
  if (index % 20 === 1) return 'continue';
  return 'escalate';
}

// ---------------------------------------------------------------------------------------------------------------
// The parent: one child per size, then the report.

async function main() {
  const { values } = parseArgs({
    options: {
      cases: { type: 'string' },
      reads: { type: 'string' },
      'print-only': { type: 'boolean', default: false },
      child: { type: 'string' },
      'result-file': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(
      'usage: npm run bench:evaluation [-- --cases 1000,10000] [--reads windowed,whole] [--print-only]\n',
    );
    return;
  }
  const reads = (values.reads ?? 'windowed').split(',') as Reads[];
  if (!reads.length || reads.some((value) => !READS.includes(value))) {
    throw new Error(`--reads takes windowed, whole or both separated by a comma (got ${values.reads})`);
  }
  if (values.child) {
    await child(Number(values.child), reads[0] as Reads, values['result-file'] as string);
    return;
  }
  const sizes = values.cases
    ? values.cases.split(',').map((size) => Number(size.replace(/[_\s]/g, '')))
    : DEFAULT_SIZES;
  if (!sizes.length || sizes.some((size) => !Number.isInteger(size) || size < 1 || size > 1_000_000)) {
    throw new Error(`--cases takes sizes separated by commas, e.g. --cases 1000,10000 (got ${values.cases})`);
  }
  const options = [values.cases && `--cases ${values.cases}`, values.reads && `--reads ${values.reads}`].filter(
    Boolean,
  );
  const command = `npm run bench:evaluation${options.length ? ` -- ${options.join(' ')}` : ''}`;
  const results: SizeResult[] = [];
  for (const size of sizes) {
    for (const read of reads) {
      const resultFile = join(mkdtempSync(join(os.tmpdir(), 'bench-evaluation-')), 'result.json');
      process.stderr.write(`\n== ${size.toLocaleString('en')} cases, ${read} reads ==\n`);
      const code = await new Promise<number | null>((resolve) => {
        const running = spawn(
          process.execPath,
          [...process.execArgv, SELF, '--child', String(size), '--reads', read, '--result-file', resultFile],
          { stdio: ['ignore', 'inherit', 'inherit'] },
        );
        running.on('exit', (exitCode) => resolve(exitCode));
      });
      if (code !== 0 || !existsSync(resultFile)) {
        throw new Error(`the run of ${size} cases (${read} reads) failed (exit ${code})`);
      }
      const result = JSON.parse(readFileSync(resultFile, 'utf8')) as SizeResult;
      results.push(result);
      process.stdout.write(`\n${report(result)}\n`);
    }
  }
  process.stdout.write(`\n${summaryTable(results)}\n`);
  if (!values['print-only']) {
    recordResults(results, command);
    process.stdout.write(`\nresults written to ${RESULTS_FILE}\n`);
  }
}

const int = (n: number) => Math.round(n).toLocaleString('en');
const fixed = (n: number, digits = 2) => n.toFixed(digits);

function judgeSeconds(result: SizeResult) {
  return result.phases.find((phase) => phase.phase === 'judge')?.seconds ?? result.runSeconds;
}

function summaryTable(results: SizeResult[]): string {
  const lines = [
    '| cases | reads | verdicts (release / continue / escalate) | run | judge phase | cases/s (judge) | cases/s (whole run) | DynamoDB requests | per case, whole run | per case, judge phase | read units per case, whole run | read units per case, large projects (judge) |',
    '|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const result of results) {
    const { run } = result;
    const total = result.rows.reduce((sum, row) => sum + row.requests, 0);
    const judge = result.rows.filter((row) => row.phase === 'judge').reduce((sum, row) => sum + row.requests, 0);
    const readUnits = result.rows.reduce((sum, row) => sum + row.readUnits, 0);
    const judged = judgeSeconds(result);
    const large = result.largeProjects;
    lines.push(
      `| ${int(result.cases)} | ${result.reads ?? 'windowed'} | ${run.released} / ${run.continued} / ${run.escalated}` +
        `${run.evaluated === result.cases ? '' : ` (evaluated ${run.evaluated})`} | ${fixed(result.runSeconds, 1)} s | ` +
        `${fixed(judged, 1)} s | ${fixed(run.evaluated / judged, 1)} | ${fixed(run.evaluated / result.runSeconds, 1)} | ` +
        `${int(total)} | ${fixed(total / run.evaluated)} | ${fixed(judge / run.evaluated)} | ` +
        `${fixed(readUnits / run.evaluated, 1)} | ${large ? `${fixed(large.readUnits / large.cases, 1)} (${fixed(large.requests / large.cases, 1)} requests)` : ''} |`,
    );
  }
  return lines.join('\n');
}

function report(result: SizeResult): string {
  const { run } = result;
  const evaluated = Math.max(run.evaluated, 1);
  const lines = [
    `${int(result.cases)} cases: seeded ${int(result.seededItems)} items in ${fixed(result.seedSeconds, 1)} s; ` +
      `run ${run.status} in ${fixed(result.runSeconds, 1)} s ` +
      `(${result.phases.map((phase) => `${phase.phase} ${fixed(phase.seconds, 1)} s`).join(', ')}); ` +
      `peak RSS ${int(result.rssMiB)} MiB`,
    `verdicts: release ${run.released} (seeded ${result.expected.release}), continue ${run.continued} ` +
      `(seeded ${result.expected.continue}), escalate ${run.escalated} (seeded ${result.expected.escalate}); ` +
      `proposed ${run.proposed}${run.error ? `; error: ${run.error}` : ''}; ` +
      `release numbers taken ${run.releaseNumbers} (${run.releaseNumbers === run.released ? 'one each, no gap' : '⚠ not one per release'})`,
    '',
    '| phase | request | what it touches | requests | per evaluated case | failed (condition/conflict) | items written | mean latency |',
    '|---|---|---|---:|---:|---:|---:|---:|',
  ];
  for (const row of result.rows) {
    lines.push(
      `| ${row.phase} | ${row.command} | ${row.target} | ${int(row.requests)} | ${fixed(row.requests / evaluated, 3)} | ` +
        `${int(row.failed)} | ${row.items ? int(row.items) : ''} | ${fixed(row.milliseconds / row.requests, 1)} ms |`,
    );
  }
  const total = result.rows.reduce((sum, row) => sum + row.requests, 0);
  const profileLines = [
    '',
    "Per case after the run (means over the first cases of each flavour; sizes as JSON bytes, close to DynamoDB's count):",
    '',
    '| flavour | sampled | items in the collection | collection | case item | cycle record | CPU of judgeCycle |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...(result.profile ?? []).map(
      (entry) =>
        `| ${entry.flavour} | ${entry.samples} | ${fixed(entry.collectionItems, 0)} | ${fixed(entry.collectionKiB, 1)} KiB | ` +
        `${int(entry.caseItemBytes)} B | ${int(entry.cycleRecordBytes)} B | ${fixed(entry.judgeMs, 2)} ms |`,
    ),
  ];
  lines.push(`| **all** | | | **${int(total)}** | **${fixed(total / evaluated, 3)}** | | | |`);
  return [...lines, ...profileLines].join('\n');
}

/** Replace (or add) the block of each size in the results section of docs/benchmarks.md. */
function recordResults(results: SizeResult[], command: string) {
  const host = machine();
  let text = existsSync(RESULTS_FILE) ? readFileSync(RESULTS_FILE, 'utf8') : '# Benchmarks\n';
  if (!text.includes(RESULTS_START)) {
    text = `${text.trimEnd()}\n\n## Results: monthly evaluation (latest run of each size)\n\n${RESULTS_START}\n${RESULTS_END}\n`;
  }
  const [head, rest] = text.split(RESULTS_START) as [string, string];
  const [section, tail] = rest.split(RESULTS_END) as [string, string];
  const blocks = new Map<number, string>();
  for (const match of section.matchAll(/<!-- cases=(\d+) -->\n([\s\S]*?)<!-- \/cases=\1 -->\n?/g)) {
    blocks.set(Number(match[1]), match[2] as string);
  }
  // one block a size, with every way of reading it was run with (side by side, from one invocation)
  for (const cases of new Set(results.map((result) => result.cases))) {
    const ofSize = results.filter((result) => result.cases === cases);
    blocks.set(
      cases,
      [
        `### ${int(cases)} cases`,
        '',
        `- command: \`${command}\``,
        `- machine: ${host.nproc} CPUs (nproc; ${host.cpu}), ${host.memory} memory, ${host.os}`,
        `- node ${host.node}; DynamoDB Local under ${host.java}`,
        `- date: ${host.date}`,
        '',
        summaryTable(ofSize),
        '',
        ...ofSize.flatMap((result) => [`#### ${result.reads ?? 'windowed'} reads`, '', report(result), '']),
      ].join('\n'),
    );
  }
  const body = [...blocks.entries()]
    .sort(([a], [b]) => a - b)
    .map(([cases, block]) => `<!-- cases=${cases} -->\n${block.trimEnd()}\n<!-- /cases=${cases} -->\n`)
    .join('\n');
  writeFileSync(RESULTS_FILE, `${head}${RESULTS_START}\n${body}${RESULTS_END}${tail}`);
}

// ---------------------------------------------------------------------------------------------------------------
// The child: one fresh twin, one size.

async function child(size: number, reads: Reads, resultFile: string) {
  const log = (line: string) => process.stderr.write(`${line}\n`);
  log(`starting a fresh local twin…`);
  const stack = await startLocalStack({ port: 0, fresh: true, quiet: true });
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 500);
  sampler.unref();
  try {
    // this process reaches the twin's services as its functions do; the modules that read it at import load after
    Object.assign(process.env, stack.environment);
    const useCases = await loadUseCases();
    await stack.relay.stop();
    await stack.scheduler.stop();

    const seeded = await seed(size, useCases, log);
    log(`seeded ${int(size)} cases (${int(seeded.items)} items) in ${fixed(seeded.seconds, 1)} s`);

    const phases: Array<{ phase: string; at: number }> = [];
    let phase = 'plan';
    const enter = (next: string) => {
      phase = next;
      phases.push({ phase, at: performance.now() });
    };
    if (reads === 'whole') {
      // the table as it was before the standing index's backfill: larger projects are read whole
      const { DeleteCommand } = await import('@aws-sdk/lib-dynamodb');
      const admin = DynamoDBDocumentClient.from(new DynamoDBClient({}));
      await admin.send(
        new DeleteCommand({
          TableName: useCases.client.TABLE_NAME,
          Key: keys.migration(useCases.window.STANDING_INDEX_MIGRATION),
        }),
      );
      admin.destroy();
    }
    const counter = countRequests(
      useCases.client.dynamo as never,
      (command, input) => label(command, input, phase, seeded.largeProjects),
      { capacity: true },
    );
    const runId = newId('run');
    const started = performance.now();
    phases.push({ phase, at: started });
    // progress, read with a client of its own so that it is not counted
    const reader = DynamoDBDocumentClient.from(new DynamoDBClient({}));
    const progress = setInterval(async () => {
      const { Item: item } = await reader.send(
        new GetCommand({ TableName: useCases.client.TABLE_NAME, Key: { pk: `RUN#${runId}`, sk: 'RUN' } }),
      );
      if (item) log(`  ${phase}: ${int(Number(item.batchesDone))}/${int(Number(item.batchesTotal))} batches done`);
    }, 10_000);
    // the run's own code path (plan → batches → workers), with the batches worked here instead of by the queue's
    // workers: the case batches first, then the project batches, so the phases can be told apart
    const messages: Array<import('../shared/usecases/evaluation-run.js').BatchMessage> = [];
    await useCases.run.planEvaluation(runId, MONTH, RUN_AT, async (sent) => {
      messages.push(...sent);
    });
    const kinds = await Promise.all(
      messages.map(async (message) => {
        const key = { pk: `RUN#${runId}`, sk: `PLAN#${message.plan}#${String(message.batch).padStart(6, '0')}` };
        const { Item: plan } = await reader.send(new GetCommand({ TableName: useCases.client.TABLE_NAME, Key: key }));
        return plan?.kind;
      }),
    );
    const work = (batch: typeof messages) =>
      useCases.run.inParallel(batch, PARALLEL_BATCHES, (message) => useCases.batch.workBatch(message, RUN_AT));
    enter('judge');
    await work(messages.filter((_, index) => kinds[index] === 'cases'));
    enter('propose');
    await work(messages.filter((_, index) => kinds[index] === 'projects'));
    const { Item: stored } = await reader.send(
      new GetCommand({
        TableName: useCases.client.TABLE_NAME,
        Key: { pk: `RUN#${runId}`, sk: 'RUN' },
        ConsistentRead: true,
      }),
    );
    const run = stored as import('../shared/usecases/evaluation-run.js').EvaluationRun;
    const { Item: counterItem } = await reader.send(
      new GetCommand({
        TableName: useCases.client.TABLE_NAME,
        Key: keys.counter(noticeCounterName('release', Number(RUN_AT.toISOString().slice(0, 4)))),
        ConsistentRead: true,
      }),
    );
    clearInterval(progress);
    reader.destroy();
    const ended = performance.now();
    counter.stop();
    const rows = counter.rows();
    const profile = await profileCases(seeded.samples, useCases);

    const expected: Record<Flavour, number> = { release: 0, continue: 0, escalate: 0 };
    for (let i = 0; i < size; i++) expected[flavourOf(i)] += 1;
    const largeRows = rows.filter((row) => row.phase === 'judge' && row.target.endsWith(LARGE_SUFFIX));
    const result: SizeResult = {
      cases: size,
      reads,
      largeProjects: {
        cases: expected.release + expected.continue,
        requests: largeRows.reduce((sum, row) => sum + row.requests, 0),
        readUnits: largeRows.reduce((sum, row) => sum + row.readUnits, 0),
      },
      seededItems: seeded.items,
      seedSeconds: seeded.seconds,
      runSeconds: (ended - started) / 1000,
      phases: phases.map((entry, index) => ({
        phase: entry.phase,
        seconds: ((phases[index + 1]?.at ?? ended) - entry.at) / 1000,
      })),
      run: {
        status: run.status,
        evaluated: run.evaluated,
        released: run.released,
        escalated: run.escalated,
        continued: run.continued,
        proposed: run.proposed,
        skipped: run.skipped,
        error: run.error,
        releaseNumbers: Number(counterItem?.value ?? 0),
      },
      expected,
      rows,
      rssMiB: Math.max(peakRss, process.memoryUsage().rss) / 2 ** 20,
      profile,
    };
    writeFileSync(resultFile, JSON.stringify(result));
  } finally {
    clearInterval(sampler);
    await stack.stop();
  }
}

/** The modules that read the functions' environment when imported: only after this process has it. */
async function loadUseCases() {
  const [evaluation, run, batch, caseRecords, projects, store, snapshot, client, runIndex, window] = await Promise.all([
    import('../shared/usecases/evaluation.js'),
    import('../shared/usecases/evaluation-run.js'),
    import('../shared/usecases/evaluation-batch.js'),
    import('../shared/usecases/case-records.js'),
    import('../shared/usecases/projects.js'),
    import('../shared/store/project-collection.js'),
    import('../shared/store/snapshot.js'),
    import('../shared/store/client.js'),
    import('../shared/usecases/run-index.js'),
    import('../shared/store/project-window.js'),
  ]);
  return { evaluation, run, batch, caseRecords, projects, store, snapshot, client, runIndex, window };
}

type UseCases = Awaited<ReturnType<typeof loadUseCases>>;

/**
 * After the run, uncounted: how big a case's item collection, its case item and its cycle record are, and how much
 * CPU judging cycle 1 takes (`judgeCycle` on the snapshot, the pure part of the per-case work), per flavour.
 */
async function profileCases(samples: Array<{ flavour: Flavour; projectId: string }>, useCases: UseCases) {
  const byFlavour = new Map<Flavour, SizeResult['profile'][number]>();
  const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value));
  const cycleOne = { index: 1, start: INCLUDED_ON, end: '2026-09-30', extendedMonths: 0 };
  for (const sample of samples) {
    const items = await useCases.store.readProjectCollection(sample.projectId);
    const snapshot = useCases.snapshot.snapshotOf(items);
    const record = snapshot?.cases[0];
    if (!snapshot || !record) continue;
    const caseItem = items.find((item) => item.type === 'case');
    const cycleItem = items.find((item) => item.type === 'cycle');
    const repeats = 20;
    const started = performance.now();
    for (let i = 0; i < repeats; i++)
      useCases.evaluation.judgeCycle(snapshot, record, cycleOne, cycleOne.end, [DEFAULT_RULE_SET], '2026-10-01');
    const judgeMs = (performance.now() - started) / repeats;
    const entry = byFlavour.get(sample.flavour) ?? {
      flavour: sample.flavour,
      samples: 0,
      collectionItems: 0,
      collectionKiB: 0,
      caseItemBytes: 0,
      cycleRecordBytes: 0,
      judgeMs: 0,
    };
    // running means
    const n = ++entry.samples;
    const mean = (previous: number, value: number) => previous + (value - previous) / n;
    entry.collectionItems = mean(entry.collectionItems, items.length);
    entry.collectionKiB = mean(entry.collectionKiB, bytes(items) / 1024);
    entry.caseItemBytes = mean(entry.caseItemBytes, caseItem ? bytes(caseItem) : 0);
    entry.cycleRecordBytes = mean(entry.cycleRecordBytes, cycleItem ? bytes(cycleItem) : 0);
    entry.judgeMs = mean(entry.judgeMs, judgeMs);
    byFlavour.set(sample.flavour, entry);
  }
  return [...byFlavour.values()];
}

/** The mark of a read of a project larger than the probe's page (a case that delivered its obligations). */
const LARGE_SUFFIX = ' · large project';

/**
 * What a request touches, from its input, in the phase the bench is driving (the run's finish is told apart); a
 * read of one of `largeProjects` (their partitions) is filed apart.
 */
function label(
  command: string,
  input: Record<string, unknown>,
  phase: string,
  largeProjects: ReadonlySet<string>,
): RequestLabel {
  const filed = labelOf(command, input, phase);
  const batchKeys = Object.values((input.RequestItems ?? {}) as Record<string, { Keys?: Array<{ pk?: unknown }> }>)[0]
    ?.Keys;
  const pk = String(
    plain(
      ((input.ExpressionAttributeValues ?? {}) as Record<string, unknown>)[':pk'] ??
        (input.Key as Record<string, unknown> | undefined)?.pk ??
        batchKeys?.[0]?.pk,
    ) ?? '',
  );
  const read = ['Query', 'GetItem', 'BatchGetItem'].includes(command);
  return read && largeProjects.has(pk) ? { ...filed, target: `${filed.target}${LARGE_SUFFIX}` } : filed;
}

function labelOf(command: string, input: Record<string, unknown>, phase: string): RequestLabel {
  const values = (input.ExpressionAttributeValues ?? {}) as Record<string, unknown>;
  const pk = String(plain(values[':pk']) ?? '');
  const keyPk = String(plain((input.Key as Record<string, unknown> | undefined)?.pk) ?? '');
  const itemPk = String(plain((input.Item as Record<string, unknown> | undefined)?.pk) ?? '');
  const itemSk = String(plain((input.Item as Record<string, unknown> | undefined)?.sk) ?? '');
  const prefix = (value: string) => value.split('#')[0] ?? value;
  if (command === 'Query' && input.IndexName === 'gsi1') {
    if (pk.startsWith('PROJECTS#')) return { phase, target: 'gsi1 PROJECTS#n (the projects to re-examine)' };
    if (pk.startsWith('UNWEIGHED#')) return { phase, target: 'gsi1 UNWEIGHED#n (projects with unweighed evidence)' };
    return { phase, target: `gsi1 ${pk.replace(/#\d+$/, '#n')} (cases of the month)` };
  }
  if (command === 'PutItem' && itemSk.startsWith('PLAN#')) return { phase, target: 'RUN# plan of a batch', items: 1 };
  if (command === 'PutItem' && prefix(itemPk) === 'STATS') return { phase: 'finish', target: 'STATS', items: 1 };
  if (command === 'UpdateItem' && String(input.UpdateExpression).includes('#status')) {
    return { phase: 'finish', target: 'RUN (succeeded)' };
  }
  if (command === 'GetItem') {
    const sk = String(plain((input.Key as Record<string, unknown> | undefined)?.sk) ?? '');
    return { phase, target: `${prefix(keyPk)} ${sk.split('#')[0]}` };
  }
  if (command === 'Query' && pk.startsWith('PROJECT#')) return { phase, target: 'PROJECT# item collection' };
  if (command === 'TransactWriteItems') {
    const items = (input.TransactItems as unknown[] | undefined)?.length ?? 0;
    const first = (input.TransactItems as Array<Record<string, { Item?: { sk?: unknown } }>> | undefined)?.[0];
    const batchDone = String(plain(first?.Put?.Item?.sk) ?? '').startsWith('DONE#');
    return { phase, target: batchDone ? 'batch done (counts, statistics lines)' : 'case transaction', items };
  }
  if (command === 'GetItem') return { phase, target: prefix(keyPk) };
  if (command === 'PutItem') return { phase, target: prefix(itemPk), items: 1 };
  if (command === 'UpdateItem')
    return { phase, target: `${prefix(keyPk)} (${String(input.UpdateExpression).slice(0, 30)})` };
  return { phase, target: prefix(keyPk || itemPk || pk) };
}

// ---------------------------------------------------------------------------------------------------------------
// Seeding: the items an intake, a confirmation and the verifier would have written, built in memory.

function projectBody(index: number) {
  return seededProjectBody(
    {
      name: `通州区运河商务区 ${index + 1} 号地块办公楼项目`,
      district: '通州区',
      address: `北京市通州区运河东大街 ${index + 1} 号`,
    },
    {
      developer: '北京运河置业有限公司',
      contractor: '北京城建某建筑工程有限公司',
      groupCompany: '北京城建集团有限责任公司',
    },
  );
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Beside every this many cases, a project not under supervision with a new (clean) inspection in September. */
const UNWEIGHED_EVERY = 10;
const SWEPT_INSPECTED_ON = '2026-09-15';

/**
 * A project without a case whose September inspection found nothing (recordInspection): the inspection and the
 * marker the intake writes with it (run-index.ts), so the month's proposal sweep looks at the project.
 */
function unweighedProjectItems(index: number, useCases: UseCases): Item[] {
  const items = new Map<string, Item>();
  const collector = new ItemCollector(items);
  const { body } = projectBody(index + 1_000_000);
  const project = useCases.projects.registerProject(collector as unknown as UnitOfWork, body, INSPECTOR, REGISTERED_AT);
  const inspectedAt = new Date(`${SWEPT_INSPECTED_ON}T10:00:00+08:00`);
  const inspection: InspectionRecord = {
    id: newId('ins'),
    projectId: project.id,
    date: SWEPT_INSPECTED_ON,
    kind: 'routine',
    inspectors: ['王五', '赵六'],
    keyPersonnelPresent: { projectManager: true, chiefSupervisingEngineer: true },
    summary: '对项目安全管理进行检查，未发现问题',
    findingIds: [],
    recordedAt: inspectedAt.toISOString(),
    recordedBy: INSPECTOR,
  };
  collector.put({ ...keys.inspection(project.id, inspection.id), type: 'inspection', ...inspection });
  collector.put(useCases.runIndex.unweighedMarkerItem(project.id, inspectedAt) as Item);
  return [...items.values()];
}

/** One project with its active case, as the API would have left it on 2026-09-30. */
function caseItems(index: number, useCases: UseCases): Item[] {
  const flavour = flavourOf(index);
  const items = new Map<string, Item>();
  const collector = new ItemCollector(items);
  const uow = collector as unknown as UnitOfWork;
  const { body, contractor } = projectBody(index);
  const project = useCases.projects.registerProject(uow, body, INSPECTOR, REGISTERED_AT);
  const projectId = project.id;

  // The inspection of 08-25 (recordInspection): a management finding and three scaffolding hazards.
  const inspectionId = newId('ins');
  const findings: FindingRecord[] = [
    {
      kind: 'safety_org_incomplete',
      category: 'management',
      description: '项目安全管理机构不健全，专职安全员配备不足',
    },
    ...[1, 2, 3].map((n) => ({ kind: 'hazard', category: 'scaffolding', description: `${n} 号楼外脚手架连墙件缺失` })),
  ].map((finding, n) => ({
    id: newId('haz'),
    projectId,
    inspectionId,
    kind: finding.kind as FindingRecord['kind'],
    category: finding.category as FindingRecord['category'],
    severity: n === 0 ? 'major' : 'general',
    unitCreditCode: contractor,
    description: finding.description,
    foundOn: INSPECTED_ON,
    // the case that continues has one hazard not due before October
    deadline: flavour === 'continue' && n === 3 ? '2026-10-15' : '2026-09-10',
    status: 'open',
    version: 1,
    history: [],
  }));
  const inspection: InspectionRecord = {
    id: inspectionId,
    projectId,
    date: INSPECTED_ON,
    kind: 'routine',
    inspectors: ['王五', '赵六'],
    keyPersonnelPresent: { projectManager: true, chiefSupervisingEngineer: true },
    summary: '对项目安全管理及脚手架进行检查',
    findingIds: findings.map((finding) => finding.id),
    recordedAt: INSPECTED_AT.toISOString(),
    recordedBy: INSPECTOR,
  };
  collector.put({ ...keys.inspection(projectId, inspectionId), type: 'inspection', ...inspection });
  for (const finding of findings) {
    collector.put({ ...keys.hazard(projectId, finding.id), type: 'finding', ...finding });
    collector.put({
      ...keys.reference(finding.id),
      type: 'reference',
      id: finding.id,
      projectId,
      recordType: 'finding',
    });
  }
  const after = useCases.snapshot.snapshotOf([...items.values()]);
  if (!after) throw new Error('the seeded project has no project item');
  const evaluation = evaluateConditions(useCases.snapshot.factsOf(after), { asOf: INSPECTED_ON });
  let record: CaseRecord = useCases.caseRecords.proposeCase(uow, after, evaluation, INSPECTOR, INSPECTED_AT);
  const caseId = record.id;

  // The confirmation of 09-01 (confirmCase): active, first cycle, the numbered inclusion notice.
  const due = addWorkingDays(INCLUDED_ON, 5);
  const noticeId = newId('ntc');
  const notice: NoticeRecord = {
    id: noticeId,
    caseId,
    projectId,
    noticeType: 'inclusion',
    number: formatNoticeNumber(DEFAULT_NOTICE_PREFIXES.inclusion, 2026, index + 1),
    sequence: index + 1,
    issuedOn: INCLUDED_ON,
    issuedAt: INCLUDED_AT.toISOString(),
    receiptDueOn: due.dueOn,
    receiptDueAt: due.dueAt,
    calendarVersion: due.calendarVersion,
    calendarFallback: due.fallback,
    acknowledgedAt: null,
    documentKey: `notices/${caseId}/${noticeId}.pdf`,
    // the PDF was rendered at confirmation; the evaluation only renders notices that lack one
    documentSha256: sha256(noticeId),
    recipients: body.units.map((unit) => unit.name),
    conditionsMet: ['C1'],
  };
  record = useCases.caseRecords.changeCase(uow, record, {
    set: {
      status: 'active',
      includedAt: INCLUDED_AT.toISOString(),
      includedOn: INCLUDED_ON,
      cycle: firstCycle(INCLUDED_ON),
    },
    entries: [
      {
        at: INCLUDED_AT.toISOString(),
        actor: OFFICER,
        action: 'included',
        detail: { conditionsMet: ['C1'] },
        evidence: [],
      },
      {
        at: INCLUDED_AT.toISOString(),
        actor: OFFICER,
        action: 'notice_issued',
        detail: {
          type: 'inclusion',
          number: notice.number,
          issuedOn: notice.issuedOn,
          receiptDueOn: notice.receiptDueOn,
          calendarVersion: notice.calendarVersion,
        },
        evidence: [noticeId],
      },
    ],
  });
  collector.put({ ...keys.notice(projectId, caseId, noticeId), type: 'notice', ...notice });
  collector.put({
    ...keys.reference(noticeId),
    type: 'reference',
    id: noticeId,
    projectId,
    caseId,
    recordType: 'notice',
  });
  if (flavour === 'escalate') return [...items.values()];

  // Verification on 09-08 (changeHazardStatus): every hazard accepted, but the one not yet due of a `continue` case.
  const verifiedAt = new Date(`${HAZARDS_ACCEPTED_ON}T15:00:00+08:00`).toISOString();
  for (const finding of findings) {
    if (finding.deadline > '2026-09-30') continue;
    const stored = collector.get(keys.hazard(projectId, finding.id));
    stored.status = 'accepted';
    stored.version = 2;
    stored.history = [{ on: HAZARDS_ACCEPTED_ON, status: 'accepted', at: verifiedAt, by: INSPECTOR }];
    record = useCases.caseRecords.changeCase(uow, record, {
      entries: [
        {
          at: verifiedAt,
          actor: INSPECTOR,
          action: 'hazard_accepted',
          detail: { hazardId: finding.id, on: HAZARDS_ACCEPTED_ON },
          evidence: [finding.id],
        },
      ],
    });
  }

  // Every obligation of the cycle answered at noon on its due day, accepted by the verifier (verifyUploadedObject).
  const obligations = computeObligations(
    {
      includedOn: INCLUDED_ON,
      period: { from: INCLUDED_ON, to: '2026-09-30' },
      asOf: '2026-09-30',
      units: body.units,
      inspectionReports: [],
      notices: [{ id: noticeId, type: 'inclusion', issuedOn: INCLUDED_ON, receiptDueAt: notice.receiptDueAt }],
    },
    [],
  ).obligations;
  const linkIds = new Map(body.units.map((unit) => [unit.creditCode, newId('lnk')]));
  for (const obligation of obligations) {
    const unitCreditCode = obligation.unitCreditCode ?? contractor;
    const role = body.units.find((candidate) => candidate.creditCode === unitCreditCode)?.role ?? 'general_contractor';
    const arrived = new Date(`${obligation.dueOn}T12:00:00+08:00`).toISOString();
    const documentId = newId('doc');
    const document: DocumentRecord = {
      id: documentId,
      caseId,
      projectId,
      linkId: linkIds.get(unitCreditCode) as string,
      unitCreditCode,
      unitRole: role,
      docType: obligation.type,
      fileName: `${obligation.type}.pdf`,
      contentType: 'application/pdf',
      size: 48_213,
      sha256: sha256(documentId),
      ...(obligation.reportDate && obligation.type !== 'rectification_plan'
        ? { reportDate: obligation.reportDate }
        : {}),
      ...(obligation.type === 'notice_receipt' ? { noticeId } : {}),
      key: `cases/${caseId}/${unitCreditCode}/${obligation.type}/${documentId}.pdf`,
      status: 'accepted',
      reason: null,
      requestedAt: new Date(`${obligation.dueOn}T11:58:00+08:00`).toISOString(),
      uploadedAt: arrived,
      verifiedAt: arrived,
    };
    collector.put({ ...keys.document(projectId, caseId, documentId), type: 'document', ...document });
    collector.put({
      ...keys.reference(documentId),
      type: 'reference',
      id: documentId,
      projectId,
      caseId,
      recordType: 'document',
    });
    const entries: TimelineEntryContent[] = [
      {
        at: arrived,
        actor: VERIFIER,
        action: 'document_accepted',
        detail: { documentId, docType: document.docType, unitCreditCode, reportDate: document.reportDate ?? null },
        evidence: [documentId],
      },
    ];
    if (obligation.type === 'notice_receipt') {
      const stored = collector.get(keys.notice(projectId, caseId, noticeId));
      stored.acknowledgedAt = arrived;
      stored.acknowledgedBy = documentId;
      entries.push({
        at: arrived,
        actor: VERIFIER,
        action: 'notice_acknowledged',
        detail: { noticeId, number: notice.number, acknowledgedAt: arrived },
        evidence: [documentId, noticeId],
      });
    }
    record = useCases.caseRecords.changeCase(uow, record, { entries });
  }
  return [...items.values()];
}

async function seed(size: number, useCases: UseCases, log: (line: string) => void) {
  // a client of its own, not the functions': seeding is not what is measured
  const writer = batchWriter(useCases.client.TABLE_NAME, SEED_PARALLEL);
  const writeAll = (items: Array<Record<string, unknown>>) => writer.writeAll(items);
  const started = performance.now();
  let lastLog = started;
  const samples: Array<{ flavour: Flavour; projectId: string }> = [];
  /** the partitions of the projects whose cases delivered their obligations: larger than the probe's page */
  const largeProjects = new Set<string>();
  for (let from = 0; from < size; from += SEED_CHUNK) {
    const items: Item[] = [];
    for (let index = from; index < Math.min(size, from + SEED_CHUNK); index++) {
      const built = caseItems(index, useCases);
      const project = built.find((item) => item.type === 'project');
      if (index < PROFILE_SAMPLES) samples.push({ flavour: flavourOf(index), projectId: String(project?.id) });
      if (flavourOf(index) !== 'escalate') largeProjects.add(String(project?.pk));
      items.push(...built);
      if (index % UNWEIGHED_EVERY === 0) items.push(...unweighedProjectItems(index, useCases));
    }
    await writeAll(items);
    if (performance.now() - lastLog > 10_000) {
      lastLog = performance.now();
      log(`  seeded ${int(Math.min(size, from + SEED_CHUNK))}/${int(size)} cases (${int(writer.written)} items)`);
    }
  }
  // the inclusion numbers taken (the counter confirmCase advances)
  await writeAll([{ ...keys.counter(noticeCounterName('inclusion', 2026)), value: size }]);
  writer.destroy();
  return { items: writer.written, seconds: (performance.now() - started) / 1000, samples, largeProjects };
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
