/**
 * `npm run bench:load [-- --duration 60 --connections 32 --projects 20] [--print-only]`
 *
 * Intake under load, against the floor of the same machine:
 *
 * 1. a fresh local twin in process (`startLocalStack({ port: 0, fresh: true, quiet: true })`), a set of registered
 *    projects, and autocannon driving `POST /v1/projects/{id}/inspections` (a routine inspection, two inspectors,
 *    no findings) for `--duration` seconds over `--connections` connections, each request with its own
 *    Idempotency-Key and a project taken in turn;
 * 2. in the SAME run, a bare handler that does one PutItem on the same DynamoDB Local, behind a plain node:http
 *    server, driven the same way;
 * 3. throughput and p50/p99 latency of both, and the ratios; then every 2xx of (1) is checked to be stored exactly
 *    once: the inspections of each project are counted and compared with the 2xx answers counted for it.
 *
 * Results are printed and, unless `--print-only`, written between the bench:load markers of docs/benchmarks.md.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DynamoDBClient, PutItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { startLocalStack } from '../infra/local/stack.js';
import { projectBody } from '../test/integration/support/fixtures.js';

/** The part of autocannon's API used here (the package ships no types, and none are installed). */
declare namespace autocannon {
  interface Context {
    projectId?: string;
  }
  interface Request {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: string;
    setupRequest?: (request: Request, context: Context) => Request;
    onResponse?: (status: number, body: string, context: Context) => void;
  }
  interface Options {
    url: string;
    duration: number;
    connections: number;
    timeout?: number;
    requests: Request[];
  }
  interface Result {
    requests: { average: number; total: number };
    latency: { p50: number; p99: number };
    non2xx: number;
    errors: number;
    timeouts: number;
  }
}
const autocannon = createRequire(import.meta.url)('autocannon') as (
  options: autocannon.Options,
  done: (error: Error | null, result: autocannon.Result) => void,
) => unknown;

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const RESULTS_FILE = join(ROOT, 'docs', 'benchmarks.md');
const START = '<!-- bench:load:start -->';
const END = '<!-- bench:load:end -->';
const CLOCK = '2026-09-10T10:00:00+08:00';

const INSPECTION = JSON.stringify({
  date: '2026-09-10',
  kind: 'routine',
  inspectors: ['王五', '赵六'],
  keyPersonnelPresent: { projectManager: true, chiefSupervisingEngineer: true },
  findings: [],
  summary: '例行检查，未发现问题',
});

interface Figures {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  total: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

function figuresOf(result: autocannon.Result, ok: number): Figures {
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    total: result.requests.total,
    ok,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

async function main() {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string', default: '60' },
      connections: { type: 'string', default: '32' },
      projects: { type: 'string', default: '20' },
      'print-only': { type: 'boolean', default: false },
    },
  });
  const duration = Math.max(1, Math.min(3600, Number(values.duration)));
  const connections = Math.max(1, Math.min(1000, Number(values.connections)));
  const projectCount = Math.max(1, Math.min(1000, Number(values.projects)));

  process.stderr.write('starting a fresh local twin…\n');
  const stack = await startLocalStack({ port: 0, fresh: true, quiet: true });
  // the floor's own DynamoDB client reaches DynamoDB Local as the functions do
  Object.assign(process.env, stack.environment);
  const bare = createServer();
  try {
    const call = async (path: string, init: RequestInit = {}) => {
      const response = await fetch(new URL(path, stack.url), init);
      const text = await response.text();
      if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status} ${text}`);
      return JSON.parse(text || '{}') as Record<string, unknown>;
    };
    const json = { 'content-type': 'application/json' };
    await call('/_local/clock', { method: 'PUT', headers: json, body: JSON.stringify({ now: CLOCK, mode: 'fixed' }) });
    const { token } = (await call('/_local/tokens', {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ role: 'inspector', sub: 'bench-load' }),
    })) as { token: string };
    const projectIds: string[] = [];
    for (let i = 0; i < projectCount; i++) {
      const project = await call('/v1/projects', {
        method: 'POST',
        headers: { ...json, authorization: `Bearer ${token}` },
        body: JSON.stringify(projectBody()),
      });
      projectIds.push(project.id as string);
    }

    // 1. intake through the gateway
    process.stderr.write(`intake: ${duration} s, ${connections} connections, ${projectCount} projects…\n`);
    const okPerProject = new Map<string, number>(projectIds.map((id) => [id, 0]));
    const sentPerProject = new Map<string, number>(projectIds.map((id) => [id, 0]));
    let next = 0;
    const intake = await run({
      url: stack.url,
      duration,
      connections,
      requests: [
        {
          method: 'POST',
          setupRequest: (request, context) => {
            const projectId = projectIds[next++ % projectIds.length] as string;
            context.projectId = projectId;
            sentPerProject.set(projectId, (sentPerProject.get(projectId) ?? 0) + 1);
            return {
              ...request,
              path: `/v1/projects/${projectId}/inspections`,
              headers: { ...json, authorization: `Bearer ${token}`, 'idempotency-key': randomUUID() },
              body: INSPECTION,
            };
          },
          onResponse: (status, _body, context) => {
            const projectId = context.projectId;
            if (projectId && status >= 200 && status < 300) {
              okPerProject.set(projectId, (okPerProject.get(projectId) ?? 0) + 1);
            }
          },
        },
      ],
    });
    const intakeOk = [...okPerProject.values()].reduce((a, b) => a + b, 0);

    // 2. the floor: one PutItem behind node:http, on the same DynamoDB Local
    const dynamodb = new DynamoDBClient({});
    const table = stack.environment.TABLE_NAME as string;
    let bareOk = 0;
    bare.on('request', (request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const id = randomUUID();
        dynamodb
          .send(
            new PutItemCommand({
              TableName: table,
              Item: {
                pk: { S: `BENCH#${id}` },
                sk: { S: 'BENCH' },
                type: { S: 'bench' },
                body: { S: Buffer.concat(chunks).toString('utf8') },
              },
              ConditionExpression: 'attribute_not_exists(pk)',
            }),
          )
          .then(
            () => {
              bareOk += 1;
              response.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ id }));
            },
            (error: unknown) => {
              response
                .writeHead(500, { 'content-type': 'application/json' })
                .end(JSON.stringify({ error: String(error) }));
            },
          );
      });
    });
    await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
    const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}`;
    process.stderr.write(`bare PutItem: ${duration} s, ${connections} connections…\n`);
    const floor = await run({
      url: bareUrl,
      duration,
      connections,
      requests: [
        {
          method: 'POST',
          path: '/inspections',
          setupRequest: (request) => ({
            ...request,
            headers: { ...json, authorization: `Bearer ${token}`, 'idempotency-key': randomUUID() },
            body: INSPECTION,
          }),
        },
      ],
    });

    // 3. every 2xx stored exactly once. autocannon stops at the end of the duration without waiting for the
    // requests in flight (up to one per connection); the server still completes them. So per project:
    // 2xx answered ≤ stored ≤ sent, and what is stored beyond the 2xx is at most what was left in flight.
    process.stderr.write('counting the stored inspections…\n');
    await new Promise((resolve) => setTimeout(resolve, 2_000)); // let the abandoned requests finish
    const mismatches: string[] = [];
    let stored = 0;
    let sent = 0;
    for (const projectId of projectIds) {
      const count = await countInspections(dynamodb, table, projectId);
      stored += count;
      const answered = okPerProject.get(projectId) ?? 0;
      const attempted = sentPerProject.get(projectId) ?? 0;
      sent += attempted;
      if (count < answered || count > attempted) {
        mismatches.push(`${projectId}: ${attempted} sent, ${answered} answered 2xx, ${count} stored`);
      }
    }
    if (stored - intakeOk > connections) mismatches.push(`${stored - intakeOk} stored beyond the 2xx answers`);

    const report = render({
      duration,
      connections,
      projectCount,
      intake: figuresOf(intake, intakeOk),
      floor: figuresOf(floor, bareOk),
      stored,
      sent,
      mismatches,
    });
    process.stdout.write(`${report}\n`);
    if (!values['print-only']) writeResults(report);
    if (mismatches.length) process.exitCode = 1;
  } finally {
    await new Promise<void>((resolve) => (bare.listening ? bare.close(() => resolve()) : resolve()));
    await stack.stop();
  }
}

function run(options: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon({ timeout: 30, ...options }, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

async function countInspections(client: DynamoDBClient, table: string, projectId: string): Promise<number> {
  let count = 0;
  let start: Record<string, import('@aws-sdk/client-dynamodb').AttributeValue> | undefined;
  do {
    const page = await client.send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
        FilterExpression: '#type = :inspection',
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: {
          ':pk': { S: `PROJECT#${projectId}` },
          ':sk': { S: 'INSPECTION#' },
          ':inspection': { S: 'inspection' },
        },
        Select: 'COUNT',
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }),
    );
    count += page.Count ?? 0;
    start = page.LastEvaluatedKey;
  } while (start);
  return count;
}

function render(r: {
  duration: number;
  connections: number;
  projectCount: number;
  intake: Figures;
  floor: Figures;
  stored: number;
  sent: number;
  mismatches: string[];
}): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const row = (name: string, f: Figures) =>
    `| ${name} | ${f.requestsPerSecond.toFixed(1)} | ${f.p50} ms | ${f.p99} ms | ${f.total} | ${f.ok} | ${f.non2xx} | ${f.errors} (${f.timeouts} timeouts) |`;
  return [
    `Measured ${new Date().toISOString().slice(0, 10)} on ${cpu} (${os.cpus().length} CPUs, shared with other jobs), ` +
      `Node ${process.version}: \`npm run bench:load -- --duration ${r.duration} --connections ${r.connections}\`, ` +
      `${r.projectCount} projects.`,
    '',
    '| target | requests/s | p50 | p99 | requests | 2xx | non-2xx | errors |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    row('intake `POST /v1/projects/{id}/inspections` (gateway → projects function)', r.intake),
    row('floor: one PutItem behind node:http', r.floor),
    '',
    `Ratios: throughput ${(r.intake.requestsPerSecond / r.floor.requestsPerSecond).toFixed(2)}× of the floor; ` +
      `p50 ${(r.intake.p50 / Math.max(1, r.floor.p50)).toFixed(1)}×, p99 ${(r.intake.p99 / Math.max(1, r.floor.p99)).toFixed(1)}× the floor's.`,
    '',
    r.mismatches.length
      ? `**Stored ≠ answered** for ${r.mismatches.length} project(s): ${r.mismatches.slice(0, 5).join('; ')}`
      : `Every 2xx stored exactly once: ${r.intake.ok} 2xx answers, ${r.stored} inspections stored, ${r.sent} requests ` +
        `sent; per project 2xx ≤ stored ≤ sent (the ${r.stored - r.intake.ok} stored beyond the 2xx were in flight ` +
        'when autocannon stopped: it does not wait for them; none was stored twice).',
  ].join('\n');
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
