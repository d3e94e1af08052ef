/**
 * `npm run bench:bundles [-- --runs 7] [--print-only]`
 *
 * How much each Lambda bundle weighs, and how long it takes to import (the part of a cold start that is ours),
 * against a FLOOR: a tiny entry that imports only the AWS SDK clients the function uses and makes one call with
 * each. Both are bundled with the options of infra/constructs/supervision-function.ts (ESM, node20, minified,
 * platform node, mainFields module/main, the AWS SDK bundled, the createRequire banner). The target is ≤ 1.25× the
 * floor on size and on import time.
 *
 * Import time: `node -e "const t = performance.now(); await import(file); …"` spawned `--runs` times per bundle
 * (interleaved with its floor, so a busy machine slows both alike), the median taken. The functions' environment
 * variables get dummy values (a function without them fails at cold start, by design).
 *
 * Results are printed and, unless `--print-only`, written between the bench:bundles markers of docs/benchmarks.md.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { build, type Metafile } from 'esbuild';
import { ENV } from '../shared/config.js';
import { type FunctionName, functions } from '../shared/wiring.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const RESULTS_FILE = join(ROOT, 'docs', 'benchmarks.md');
const START = '<!-- bench:bundles:start -->';
const END = '<!-- bench:bundles:end -->';
const TARGET = 1.25;

/** As in infra/constructs/supervision-function.ts: CommonJS dependencies bundled into ESM still call `require`. */
const ESM_REQUIRE_BANNER =
  "import { createRequire as __bannerCreateRequire } from 'module'; const require = __bannerCreateRequire(import.meta.url);";

/** One call with each SDK package a function may use: what the floor entry is made of. */
const SDK_CALLS: Record<string, { imports: string; call: string }> = {
  '@aws-sdk/client-dynamodb': {
    imports: "import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';",
    call: "await new DynamoDBClient({}).send(new GetItemCommand({ TableName: 't', Key: { pk: { S: 'x' } } }));",
  },
  '@aws-sdk/lib-dynamodb': {
    imports:
      "import { DynamoDBClient as DocBase } from '@aws-sdk/client-dynamodb'; import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';",
    call: "await DynamoDBDocumentClient.from(new DocBase({})).send(new GetCommand({ TableName: 't', Key: { pk: 'x' } }));",
  },
  '@aws-sdk/util-dynamodb': {
    imports: "import { unmarshall } from '@aws-sdk/util-dynamodb';",
    call: "unmarshall({ pk: { S: 'x' } });",
  },
  '@aws-sdk/client-s3': {
    imports: "import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';",
    call: "await new S3Client({}).send(new GetObjectCommand({ Bucket: 'b', Key: 'k' }));",
  },
  '@aws-sdk/s3-request-presigner': {
    imports:
      "import { S3Client as PresignS3, GetObjectCommand as PresignGet } from '@aws-sdk/client-s3'; import { getSignedUrl } from '@aws-sdk/s3-request-presigner';",
    call: "await getSignedUrl(new PresignS3({}), new PresignGet({ Bucket: 'b', Key: 'k' }), { expiresIn: 300 });",
  },
  '@aws-sdk/s3-presigned-post': {
    imports:
      "import { S3Client as PostS3 } from '@aws-sdk/client-s3'; import { createPresignedPost } from '@aws-sdk/s3-presigned-post';",
    call: "await createPresignedPost(new PostS3({}), { Bucket: 'b', Key: 'k' });",
  },
  '@aws-sdk/client-sqs': {
    imports: "import { SQSClient, SendMessageBatchCommand } from '@aws-sdk/client-sqs';",
    call: "await new SQSClient({}).send(new SendMessageBatchCommand({ QueueUrl: 'https://sqs.us-east-1.amazonaws.com/1/q', Entries: [] }));",
  },
  '@aws-sdk/client-eventbridge': {
    imports: "import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';",
    call: 'await new EventBridgeClient({}).send(new PutEventsCommand({ Entries: [] }));',
  },
};

interface Row {
  name: FunctionName;
  clients: string[];
  bytes: number;
  floorBytes: number;
  importMs: number;
  floorImportMs: number;
  topInputs: Array<{ module: string; bytes: number }>;
  error?: string;
}

async function bundle(entry: string, outfile: string): Promise<Metafile> {
  const result = await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    format: 'esm',
    target: 'node20',
    platform: 'node',
    minify: true,
    sourcemap: true,
    mainFields: ['module', 'main'],
    banner: { js: ESM_REQUIRE_BANNER },
    metafile: true,
    logLevel: 'error',
    absWorkingDir: ROOT,
  });
  return result.metafile;
}

/** The AWS SDK packages (the ones a function calls) among a bundle's inputs. */
function sdkPackagesOf(metafile: Metafile): string[] {
  const found = new Set<string>();
  for (const input of Object.keys(metafile.inputs)) {
    const match = /node_modules\/(@aws-sdk\/[^/]+)\//.exec(input);
    if (match?.[1] && match[1] in SDK_CALLS) found.add(match[1]);
  }
  return [...found].sort();
}

/** Bytes of output per package (or source folder), largest first. */
function heaviest(metafile: Metafile, outfile: string, top = 4): Array<{ module: string; bytes: number }> {
  const output = Object.entries(metafile.outputs).find(([path]) => path.endsWith(outfile.split('/').at(-1) ?? ''));
  const byModule = new Map<string, number>();
  for (const [input, { bytesInOutput }] of Object.entries(output?.[1].inputs ?? {})) {
    const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
    const module = match?.[1] ?? input.split('/').slice(0, 2).join('/');
    byModule.set(module, (byModule.get(module) ?? 0) + bytesInOutput);
  }
  return [...byModule.entries()]
    .map(([module, bytes]) => ({ module, bytes }))
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, top);
}

const IMPORT_SCRIPT =
  'const t = performance.now(); await import(process.argv[1]); process.stdout.write(String(performance.now() - t));';

const dummyEnvironment: Record<string, string> = {
  ...Object.fromEntries(Object.values(ENV).map((name) => [name, name === ENV.s3ForcePathStyle ? 'false' : 'x'])),
  [ENV.publicBaseUrl]: 'https://example.invalid',
  [ENV.publicSiteUrl]: 'https://example.invalid',
  [ENV.documentLockMode]: 'GOVERNANCE',
  [ENV.documentRetentionYears]: '30',
  AWS_REGION: 'cn-north-1',
  AWS_ACCESS_KEY_ID: 'x',
  AWS_SECRET_ACCESS_KEY: 'x',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};

/** Milliseconds to import the module once, in a fresh Node process. */
function importOnce(file: string): number {
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', IMPORT_SCRIPT, pathToFileURL(file).href], {
    env: { PATH: process.env.PATH ?? '', ...dummyEnvironment },
    encoding: 'utf8',
    timeout: 60_000,
  });
  const ms = Number(result.stdout);
  if (result.status !== 0 || !Number.isFinite(ms)) {
    throw new Error(`importing ${file} failed: ${result.stderr.split('\n').slice(0, 5).join(' ')}`);
  }
  return ms;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

async function main() {
  const { values } = parseArgs({
    options: { runs: { type: 'string', default: '7' }, 'print-only': { type: 'boolean', default: false } },
  });
  const runs = Math.max(1, Math.min(50, Number(values.runs)));
  const dir = mkdtempSync(join(os.tmpdir(), 'bench-bundles-'));
  const floors = new Map<string, { file: string; bytes: number }>();
  const rows: Row[] = [];

  for (const [name, spec] of Object.entries(functions) as Array<[FunctionName, (typeof functions)[FunctionName]]>) {
    const outfile = join(dir, name, 'index.mjs');
    mkdirSync(dirname(outfile), { recursive: true });
    const metafile = await bundle(join(ROOT, spec.entry), outfile);
    const clients = sdkPackagesOf(metafile);
    const floorKey = clients.join('+') || '(no SDK)';
    let floor = floors.get(floorKey);
    if (!floor) {
      const floorDir = join(dir, `floor-${floors.size}`);
      mkdirSync(floorDir, { recursive: true });
      const entry = join(floorDir, 'entry.mjs');
      writeFileSync(
        entry,
        `${clients.map((client) => SDK_CALLS[client]?.imports).join('\n')}\n` +
          `export const handler = async () => {\n${clients.map((client) => SDK_CALLS[client]?.call).join('\n')}\nreturn { ok: true };\n};\n`,
      );
      // resolve the SDK from the repository's node_modules
      const file = join(floorDir, 'index.mjs');
      await build({
        entryPoints: [entry],
        outfile: file,
        bundle: true,
        format: 'esm',
        target: 'node20',
        platform: 'node',
        minify: true,
        sourcemap: true,
        mainFields: ['module', 'main'],
        banner: { js: ESM_REQUIRE_BANNER },
        nodePaths: [join(ROOT, 'node_modules')],
        logLevel: 'error',
      });
      floor = { file, bytes: statSync(file).size };
      floors.set(floorKey, floor);
    }
    rows.push({
      name,
      clients,
      bytes: statSync(outfile).size,
      floorBytes: floor.bytes,
      importMs: Number.NaN,
      floorImportMs: Number.NaN,
      topInputs: heaviest(metafile, outfile),
    });
    process.stderr.write(`bundled ${name}\n`);
  }

  for (const row of rows) {
    const file = join(dir, row.name, 'index.mjs');
    const floorFile = floors.get(row.clients.join('+') || '(no SDK)')?.file as string;
    const own: number[] = [];
    const base: number[] = [];
    try {
      for (let i = 0; i < runs; i++) {
        own.push(importOnce(file));
        base.push(importOnce(floorFile));
      }
      row.importMs = median(own);
      row.floorImportMs = median(base);
    } catch (error) {
      row.error = error instanceof Error ? error.message : String(error);
    }
    process.stderr.write(`imported ${row.name}\n`);
  }

  const report = render(rows, runs);
  process.stdout.write(`${report}\n`);
  if (!values['print-only']) writeResults(report);
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;
const ratio = (a: number, b: number) => (Number.isFinite(a) && b > 0 ? `${(a / b).toFixed(2)}×` : 'n/a');
const flag = (a: number, b: number) => (Number.isFinite(a) && b > 0 && a / b > TARGET ? ' ⚠' : '');

function render(rows: Row[], runs: number): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const lines = [
    `Measured ${new Date().toISOString().slice(0, 10)} on ${cpu} (${os.cpus().length} CPUs, shared with other jobs), ` +
      `Node ${process.version}, esbuild options of infra/constructs/supervision-function.ts; import time = median of ` +
      `${runs} fresh \`node\` processes each. ⚠ = over the ${TARGET}× target.`,
    '',
    '| function | AWS SDK packages | bundle | floor | size ratio | import | floor import | import ratio | heaviest parts |',
    '|---|---|---:|---:|---:|---:|---:|---:|---|',
    ...rows.map(
      (row) =>
        `| ${row.name} | ${row.clients.map((c) => c.replace('@aws-sdk/', '')).join(', ') || '—'} | ${kib(row.bytes)} | ` +
        `${kib(row.floorBytes)} | ${ratio(row.bytes, row.floorBytes)}${flag(row.bytes, row.floorBytes)} | ` +
        `${row.error ? 'failed' : `${row.importMs.toFixed(0)} ms`} | ${row.error ? '—' : `${row.floorImportMs.toFixed(0)} ms`} | ` +
        `${ratio(row.importMs, row.floorImportMs)}${flag(row.importMs, row.floorImportMs)} | ` +
        `${row.topInputs.map((input) => `${input.module} ${kib(input.bytes)}`).join(', ')} |`,
    ),
  ];
  const errors = rows.filter((row) => row.error);
  if (errors.length) lines.push('', ...errors.map((row) => `- ${row.name}: ${row.error}`));
  return lines.join('\n');
}

function writeResults(report: string) {
  const text = readFileSync(RESULTS_FILE, 'utf8');
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  if (start < 0 || end < start) {
    process.stderr.write(`no ${START} … ${END} block in docs/benchmarks.md: results printed only\n`);
    return;
  }
  writeFileSync(RESULTS_FILE, `${text.slice(0, start + START.length)}\n${report}\n${text.slice(end)}`);
  process.stderr.write('results written to docs/benchmarks.md\n');
}

await main();
