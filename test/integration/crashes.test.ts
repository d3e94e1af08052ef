/**
 * Crash injection (issue #7, "Proof under stress", item 3). Each flow runs in this worker, on the same DynamoDB Local
 * and S3 server as the local twin, with a fault injector on the SDK clients the use cases share
 * (test/support/faults.ts) — and on the outbox relay's EventBridge client:
 *
 * 1. a clean run counts the SDK calls the flow makes;
 * 2. for N in 1..count (all of them when few, otherwise the first and last few, the flow's transactions and a seeded
 *    sample), a fresh run crashes at call N — the N-th call never sent (`before-send`) or sent and its response lost
 *    (`after-send`) — and nothing after it happens;
 * 3. the system recovers the way it does in AWS: the client retries the HTTP request with the same Idempotency-Key,
 *    EventBridge redelivers the event, the monthly run runs again, a daily schedule runs again, the stream's event
 *    source mapping redelivers the batch;
 * 4. the invariants hold: the state is consistent (timeline hash chains intact and the case's head on the last
 *    entry, notice numbers gap-free and unique, no half-written record, no PDF or quarantine move left undone), every
 *    committed change has its outbox event exactly once, and no outbox event exists without its change; at the end
 *    of each flow, every event its runs committed has reached the event journal through the stream relay.
 *
 * Years of their own (2031–2038 and, for the monthly runs, 2024–2025 going backwards) keep these records, notice
 * sequences and evaluation months apart from the other tests on the shared stack. The daily schedules (deadlines,
 * circular expiry) go through the whole table: each first runs once unbroken on its day, flagging or expiring what
 * older records (of every file) are due, so that each crash run then finds its own records only.
 *
 * `CRASH_ALL=1` crashes at every call of every flow; `CRASH_RUNS` sets the crash runs per flow (default 6, or the
 * flow's own when its fixtures are slow), `CRASH_SEED` the seed of their sample.
 */
import { createHash, randomUUID } from 'node:crypto';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { BatchGetCommand, BatchWriteCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2,
  Context,
  DynamoDBRecord,
  SQSRecord,
} from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { handler as casesHandler } from '../../functions/cases/handler.js';
import { handler as circularsHandler } from '../../functions/circulars/handler.js';
import { handler as deadlinesHandler } from '../../functions/deadlines/handler.js';
import { handler as rendererHandler } from '../../functions/document-renderer/handler.js';
import { handler as verifierHandler } from '../../functions/document-verifier/handler.js';
import { handler as escalationHandler } from '../../functions/escalation-measures/handler.js';
import { eventBridge as relayEventBridge, handler as relayHandler } from '../../functions/outbox-relay/handler.js';
import { handler as projectsHandler } from '../../functions/projects/handler.js';
import { handler as publisherHandler } from '../../functions/public-publisher/handler.js';
import { toHttpApiEvent } from '../../infra/local/http-api-event.js';
import { setClock as setWorkerClock } from '../../shared/clock.js';
import { publicKeys } from '../../shared/documents/public-site.js';
import { addDays } from '../../shared/domain/dates.js';
import { noticeCounterName } from '../../shared/domain/notice-number.js';
import { DEFAULT_RULE_SET } from '../../shared/domain/rule-set.js';
import { findBrokenLink, type TimelineEntry } from '../../shared/domain/timeline.js';
import { measuresAdded } from '../../shared/domain/verdict.js';
import type { EventDetail, EventType } from '../../shared/events.js';
import { s3 } from '../../shared/files/s3.js';
import { newId } from '../../shared/ids.js';
import { dynamo } from '../../shared/store/client.js';
import { keys, listings } from '../../shared/store/keys.js';
import { readRuleSetHistory } from '../../shared/store/rule-sets.js';
import {
  type DocumentRecord,
  type FindingRecord,
  type InspectionRecord,
  readSnapshot,
} from '../../shared/store/snapshot.js';
import { obligationsOfCycle } from '../../shared/usecases/case-obligations.js';
import { applyEscalation } from '../../shared/usecases/escalation.js';
import { runEvaluation } from '../../shared/usecases/evaluation-batch.js';
import { inspectionReportOf } from '../../shared/usecases/inspection-reports.js';
import type { Project } from '../../shared/usecases/projects.js';
import { authorizeUploadToken, hashToken } from '../../shared/usecases/upload-tokens.js';
import {
  type CrashTiming,
  type FaultPlan,
  injectFaults,
  type RunResult,
  type SdkCall,
  sampleCalls,
} from '../support/faults.js';
import { api, eventually, partitionItems, table } from './support/api.js';
import { failingInspection, projectBody } from './support/fixtures.js';

type Item = Record<string, unknown>;

const CRASH_ALL = process.env.CRASH_ALL === '1';
/** Crash runs per flow by default: its transactions first (both timings), then the flow's own points, the first
 * call, the last one, and a seeded sample of the rest. */
const RUNS_PER_FLOW = Math.max(1, Number(process.env.CRASH_RUNS ?? 6));
/** Whether `CRASH_RUNS` was given: it then overrides a flow's own default (see `runs` of `crashEverywhere`). */
const RUNS_GIVEN = process.env.CRASH_RUNS !== undefined;
const SEED = Number(process.env.CRASH_SEED ?? 7);

// the outbox relay's own EventBridge client too: its PutEvents are calls of the runs like any other
const faults = injectFaults({ dynamodb: dynamo, s3, eventbridge: relayEventBridge });
/** The test's own S3 client, without the injector: to upload fixtures and look at what the flows stored. */
const s3Direct = new S3Client({ forcePathStyle: true });

beforeAll(() => {
  // a crashed request is a 500 the pipeline logs with its stack; hundreds of them would bury the report
  vi.spyOn(console, 'error').mockImplementation(() => {});
});

afterAll(() => {
  faults.detach();
  setWorkerClock(null);
  vi.restoreAllMocks();
});

// ---------------------------------------------------------------------------------------------------------------
// the harness

/** One flow under crash injection: fresh records for a run, the attempt the system makes, the invariants. */
interface Flow<S, R> {
  setup(): Promise<S>;
  /** One attempt, as the caller makes it; throws when the caller would try again (a crash, a 5xx). */
  attempt(state: S): Promise<R>;
  check(state: S, outcome: { result: R; calls: SdkCall[] }): Promise<void>;
}

/** Attempt, and retry as the system would (at most `retries` more times) until an attempt succeeds. */
async function runToCompletion<S, R>(flow: Flow<S, R>, state: S, plan: FaultPlan, retries = 3) {
  const first = await faults.run(plan, () => flow.attempt(state));
  const calls = [...first.calls];
  let last: RunResult<R> = first;
  for (let retry = 1; last.error !== undefined; retry++) {
    if (retry > retries) throw new Error(`not recovered after ${retries} retries: ${String(last.error)}`);
    last = await faults.run({ mode: 'count' }, () => flow.attempt(state));
    calls.push(...last.calls);
  }
  return { first, result: last.value as R, calls };
}

/**
 * The crash runs for a clean run's calls. A crash `after-send` at call N leaves the state a crash `before-send` at
 * call N+1 leaves (call N applied, nothing after it), unless calls overlap; so `after-send` is a case of its own
 * only for a transaction (committed, the answer lost) and for the last call (everything done, the answer lost).
 * `CRASH_ALL=1`: every call, both timings (`maxRuns` still caps a flow whose runs each need a month of their own).
 * Otherwise the first `RUNS_PER_FLOW` by priority: the transactions, the flow's own points (`extra`), the first
 * call, the last one, then a seeded sample.
 */
function crashRuns(calls: SdkCall[], extra: number[], maxRuns = Number.POSITIVE_INFINITY, runs = RUNS_PER_FLOW) {
  const count = calls.length;
  const all = Array.from({ length: count }, (_, i) => i + 1);
  const candidates: Array<{ at: number; timing: CrashTiming }> = CRASH_ALL
    ? all.flatMap((at) => [
        { at, timing: 'before-send' as const },
        { at, timing: 'after-send' as const },
      ])
    : [
        ...all
          .filter((at) => calls[at - 1]?.command === 'TransactWriteItems')
          .flatMap((at) => [
            { at, timing: 'before-send' as const },
            { at, timing: 'after-send' as const },
          ]),
        ...extra.map((at) => ({ at, timing: 'before-send' as const })),
        { at: 1, timing: 'before-send' },
        { at: count, timing: 'after-send' },
        ...sampleCalls(count, count, SEED).map((at) => ({ at, timing: 'before-send' as const })),
      ];
  const seen = new Set<string>();
  const unique = candidates.filter(({ at, timing }) => {
    const key = `${at} ${timing}`;
    if (at < 1 || at > count || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const limit = Math.min(maxRuns, CRASH_ALL ? Number.POSITIVE_INFINITY : RUNS_GIVEN ? RUNS_PER_FLOW : runs);
  // capped: evenly spread over the candidates (in CRASH_ALL order: over the whole flow), else by priority
  const kept =
    unique.length <= limit
      ? unique
      : CRASH_ALL
        ? unique.filter(
            (_, i) => Math.floor((i * limit) / unique.length) !== Math.floor(((i - 1) * limit) / unique.length),
          )
        : unique.slice(0, limit);
  return kept.sort((x, y) => x.at - y.at || x.timing.localeCompare(y.timing));
}

/** Run `work` over `inputs`, `size` at a time. */
async function inWaves<T, R>(inputs: T[], size: number, work: (input: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < inputs.length; i += size)
    results.push(...(await Promise.all(inputs.slice(i, i + size).map(work))));
  return results;
}

/**
 * Count the clean run (and check it), then crash at the chosen calls, recover, and check each. The fixtures of the
 * crash runs are made beforehand, a few at a time (`setupWaves: 1` when a setup moves the worker's clock). Returns
 * the calls of every run, for the journal check.
 */
async function crashEverywhere<S, R>(
  name: string,
  flow: Flow<S, R>,
  options: {
    extra?: (calls: SdkCall[]) => number[];
    setupWaves?: number;
    maxRuns?: number;
    /** the crash runs by default, when `CRASH_RUNS` is not set: fewer for a flow whose fixtures are slow */
    runs?: number;
    /**
     * The flow's calls interleave (parallel workers), so call N is another call from one run to the next: a crash
     * chosen at a transaction of the clean run crashes at the same transaction by its number among the run's
     * transactions (the other points stay call numbers).
     */
    interleaved?: boolean;
  } = {},
) {
  const started = Date.now();
  const cleanState = await flow.setup();
  const clean = await runToCompletion(flow, cleanState, { mode: 'count' }, 0);
  expect(clean.first.error, 'the clean run succeeds').toBeUndefined();
  const count = clean.first.calls.length;
  expect(count).toBeGreaterThan(0);
  await flow.check(cleanState, { result: clean.result, calls: clean.calls });

  const runs = crashRuns(clean.first.calls, options.extra?.(clean.first.calls) ?? [], options.maxRuns, options.runs);
  // the fixtures of every run beforehand, a few at a time; `setupWaves: 0`: each just before its run
  const lazy = options.setupWaves === 0;
  const setupStarted = Date.now();
  const states = lazy ? [] : await inWaves(runs, options.setupWaves ?? 3, () => flow.setup());
  let setupSeconds = (Date.now() - setupStarted) / 1000;
  const allCalls = [...clean.calls];
  let unreached = 0;
  for (const [index, { at, timing }] of runs.entries()) {
    const lazyStarted = Date.now();
    const state = lazy ? await flow.setup() : (states[index] as S);
    setupSeconds += lazy ? (Date.now() - lazyStarted) / 1000 : 0;
    const cleanCall = clean.first.calls[at - 1];
    const transaction =
      options.interleaved && cleanCall?.command === 'TransactWriteItems'
        ? clean.first.calls.slice(0, at).filter((c) => c.command === 'TransactWriteItems').length
        : undefined;
    const plan: FaultPlan =
      transaction === undefined
        ? { mode: 'crash', at, timing }
        : { mode: 'crash', at: transaction, timing, command: 'TransactWriteItems' };
    const point =
      transaction === undefined ? `call ${at}/${count}` : `transaction ${transaction} (call ${at}/${count})`;
    let where = `${name}: crash at ${point} ${timing} (in the clean run: ${cleanCall?.command} ${cleanCall?.summary.slice(0, 160)})`;
    const recovered = await runToCompletion(flow, state, plan).catch((error: unknown) => {
      if (error instanceof Error) error.message = `${where}\n${error.message}`;
      throw error;
    });
    const crashedCall = recovered.first.calls[(recovered.first.crashedAt ?? at) - 1];
    where = `${name}: crash at ${point} ${timing} (${crashedCall?.command} ${crashedCall?.summary.slice(0, 160)})`;
    // a run can make fewer calls than the clean one (the publisher skips objects whose bytes did not change)
    if (recovered.first.crashedAt === null) {
      if (transaction === undefined) expect(recovered.first.calls.length, where).toBeLessThan(at);
      else {
        const made = recovered.first.calls.filter((c) => c.command === 'TransactWriteItems').length;
        expect(made, where).toBeLessThan(transaction);
      }
      unreached += 1;
    } else if (transaction === undefined) expect(recovered.first.crashedAt, where).toBe(at);
    else expect(crashedCall?.command, where).toBe('TransactWriteItems');
    try {
      await flow.check(state, { result: recovered.result, calls: recovered.calls });
    } catch (error) {
      if (error instanceof Error) error.message = `${where}\n${error.message}`;
      throw error;
    }
    allCalls.push(...recovered.calls);
  }
  console.log(
    `crashes: ${name}: a clean run makes ${count} SDK calls; ${runs.length} crash runs at ${new Set(runs.map((r) => r.at)).size} of them` +
      `${unreached ? ` (${unreached} ended before the call)` : ''}, recovered and checked in ${((Date.now() - started) / 1000).toFixed(1)} s (fixtures ${setupSeconds.toFixed(1)} s)`,
  );
  return { count, crashes: runs.length, allCalls };
}

// ---------------------------------------------------------------------------------------------------------------
// calling the functions in this worker

const context = { awsRequestId: 'crash-test', functionName: 'crash-test' } as Context;

interface Caller {
  role: 'inspector' | 'officer';
  sub: string;
}
const inspector: Caller = { role: 'inspector', sub: 'crash-inspector' };
const officer: Caller = { role: 'officer', sub: 'crash-officer' };

/** An HTTP API request as API Gateway hands it to the function, with the JWT authorizer's claims. */
function httpEvent(
  caller: Caller,
  route: {
    method: 'POST' | 'GET' | 'DELETE';
    path: string;
    routeKey: string;
    pathParameters?: Record<string, string>;
  },
  body: unknown,
  idempotencyKey?: string,
): APIGatewayProxyEventV2 {
  return toHttpApiEvent(
    {
      method: route.method,
      url: route.path,
      headers: {
        host: '127.0.0.1',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
      },
      body: Buffer.from(body === undefined ? '' : JSON.stringify(body)),
      sourceIp: '127.0.0.1',
      requestId: randomUUID(),
      receivedAt: new Date(),
    },
    { routeKey: route.routeKey, pathParameters: route.pathParameters ?? {} },
    { jwt: { claims: { sub: caller.sub, token_use: 'access', 'cognito:groups': `[${caller.role}]` }, scopes: null } },
  );
}

type ApiHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<unknown>;

/** Call an API function; a 5xx throws (the client retries it), anything else is the answer. */
async function call(
  handler: ApiHandler,
  caller: Caller,
  route: Parameters<typeof httpEvent>[1],
  body: unknown,
  idempotencyKey?: string,
): Promise<{ status: number; body: Item; headers: Record<string, unknown> }> {
  const result = (await handler(
    httpEvent(caller, route, body, idempotencyKey),
    context,
  )) as APIGatewayProxyStructuredResultV2;
  const status = Number(result.statusCode);
  const parsed = result.body ? (JSON.parse(result.body) as Item) : {};
  if (status >= 500) throw new Error(`${route.routeKey} answered ${status}: ${result.body}`);
  return { status, body: parsed, headers: (result.headers ?? {}) as Record<string, unknown> };
}

const routes = {
  registerProject: () => ({ method: 'POST' as const, path: '/v1/projects', routeKey: 'POST /v1/projects' }),
  recordInspection: (projectId: string) => ({
    method: 'POST' as const,
    path: `/v1/projects/${projectId}/inspections`,
    routeKey: 'POST /v1/projects/{projectId}/inspections',
    pathParameters: { projectId },
  }),
  recordCriticism: (projectId: string) => ({
    method: 'POST' as const,
    path: `/v1/projects/${projectId}/criticisms`,
    routeKey: 'POST /v1/projects/{projectId}/criticisms',
    pathParameters: { projectId },
  }),
  confirmCase: (caseId: string) => ({
    method: 'POST' as const,
    path: `/v1/cases/${caseId}/confirm`,
    routeKey: 'POST /v1/cases/{caseId}/confirm',
    pathParameters: { caseId },
  }),
  dismissCase: (caseId: string) => ({
    method: 'POST' as const,
    path: `/v1/cases/${caseId}/dismiss`,
    routeKey: 'POST /v1/cases/{caseId}/dismiss',
    pathParameters: { caseId },
  }),
  extendCycle: (caseId: string) => ({
    method: 'POST' as const,
    path: `/v1/cases/${caseId}/extension`,
    routeKey: 'POST /v1/cases/{caseId}/extension',
    pathParameters: { caseId },
  }),
  createUploadLink: (caseId: string) => ({
    method: 'POST' as const,
    path: `/v1/cases/${caseId}/upload-links`,
    routeKey: 'POST /v1/cases/{caseId}/upload-links',
    pathParameters: { caseId },
  }),
  revokeUploadLink: (caseId: string, linkId: string) => ({
    method: 'DELETE' as const,
    path: `/v1/cases/${caseId}/upload-links/${linkId}`,
    routeKey: 'DELETE /v1/cases/{caseId}/upload-links/{linkId}',
    pathParameters: { caseId, linkId },
  }),
  noticeDocument: (noticeId: string) => ({
    method: 'GET' as const,
    path: `/v1/notices/${noticeId}/document`,
    routeKey: 'GET /v1/notices/{noticeId}/document',
    pathParameters: { noticeId },
  }),
  publishCircular: (circularId: string) => ({
    method: 'POST' as const,
    path: `/v1/circulars/${circularId}/publish`,
    routeKey: 'POST /v1/circulars/{circularId}/publish',
    pathParameters: { circularId },
  }),
};

/** The worker's clock (the one the in-process handlers read), fixed at an instant in Beijing time. */
function setClockAt(instant: string) {
  setWorkerClock(new Date(instant));
}

// ---------------------------------------------------------------------------------------------------------------
// fixtures, made through the same handlers outside any fault run

/** A project whose units belong to group companies (the escalation ladder orders them), as an inspector registers it. */
function groupedProject() {
  const body = projectBody();
  body.units = body.units.map((unit) => ({
    ...unit,
    groupCompany: unit.role === 'supervisor' ? '北京某监理集团有限公司' : '北京城建集团有限责任公司',
  }));
  return body;
}

/** A failing inspection on `date` whose hazards are due the same day. */
function inspectionOn(body: ReturnType<typeof projectBody>, date: string) {
  const inspection = failingInspection(body, date);
  inspection.findings = inspection.findings.map((finding) => ({ ...finding, deadline: date }));
  return inspection;
}

async function proposedCase(date: string) {
  const body = groupedProject();
  const project = await call(projectsHandler, inspector, routes.registerProject(), body);
  expect(project.status).toBe(201);
  const projectId = String(project.body.id);
  const inspection = await call(
    projectsHandler,
    inspector,
    routes.recordInspection(projectId),
    inspectionOn(body, date),
  );
  expect(inspection.status).toBe(201);
  return { body, projectId, caseId: String(inspection.body.caseId) };
}

async function activeCase(date: string) {
  const proposed = await proposedCase(date);
  const confirmed = await call(casesHandler, officer, routes.confirmCase(proposed.caseId), {});
  expect(confirmed.status).toBe(200);
  const notice = (confirmed.body.notices as Item[])[0] as Item;
  return { ...proposed, noticeId: String(notice.id) };
}

// ---------------------------------------------------------------------------------------------------------------
// what the invariants read

const itemsOf = (projectId: string) => partitionItems(keys.projectPartition(projectId));

/** The case's timeline is a whole hash chain, and the case record points at its last entry. */
function expectCaseConsistent(items: Item[], caseId: string) {
  const record = items.find((item) => item.type === 'case' && item.id === caseId);
  expect(record, `case ${caseId}`).toBeDefined();
  const timeline = items
    .filter((item) => item.type === 'timeline' && item.caseId === caseId)
    .sort((a, b) => Number(a.seq) - Number(b.seq)) as unknown as TimelineEntry[];
  expect(findBrokenLink(timeline), 'the timeline hash chain is intact').toBeNull();
  expect(record?.timelineSeq).toBe(timeline.length);
  expect(record?.timelineHead).toBe(timeline.at(-1)?.hash);
  return { record: record as Item, timeline };
}

/** How many timeline entries of the case have each action. */
function actions(timeline: TimelineEntry[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const entry of timeline) counts[entry.action] = (counts[entry.action] ?? 0) + 1;
  return counts;
}

/** A gap-free counter's value (0 when it was never taken). */
async function counterValue(name: string): Promise<number> {
  const result = await table.client.send(new GetCommand({ TableName: table.name, Key: keys.counter(name) }));
  return Number(result.Item?.value ?? 0);
}

interface CommittedEvent {
  eventId: string;
  detailType: string;
  subjectId: string;
  data: Item;
}

/** The outbox events the calls' transactions tried to write, and of those the ones that exist: committed. */
async function committedEvents(calls: SdkCall[]): Promise<CommittedEvent[]> {
  const eventIds = new Set<string>();
  for (const sdkCall of calls) {
    const items = (sdkCall.input?.TransactItems ?? []) as Array<{ Put?: { Item?: Item } }>;
    for (const { Put } of items) {
      const pk = Put?.Item?.pk;
      if (typeof pk === 'string' && pk.startsWith('OUTBOX#')) eventIds.add(pk.slice('OUTBOX#'.length));
    }
  }
  const found: CommittedEvent[] = [];
  const ids = [...eventIds];
  for (let i = 0; i < ids.length; i += 100) {
    const result = await table.client.send(
      new BatchGetCommand({
        RequestItems: {
          [table.name]: { Keys: ids.slice(i, i + 100).map((id) => keys.outbox(id)), ConsistentRead: true },
        },
      }),
    );
    for (const item of result.Responses?.[table.name] ?? []) {
      const detail = item.detail as { eventId: string; subjectId: string; data: Item };
      found.push({
        eventId: detail.eventId,
        detailType: String(item.detailType),
        subjectId: detail.subjectId,
        data: detail.data,
      });
    }
  }
  return found;
}

/** Exactly these events (type and subject) were committed, each once: none lost, none duplicated, none extra. */
function expectEvents(committed: CommittedEvent[], expected: Array<[string, string]>) {
  const seen = committed.map((event) => `${event.detailType} ${event.subjectId}`).sort();
  expect(seen, 'the committed outbox events').toEqual(expected.map(([type, subject]) => `${type} ${subject}`).sort());
}

/** Every event the runs committed reaches the journal (outbox → stream → relay → bus → event-journal). */
async function expectJournaled(calls: SdkCall[]) {
  const events = await committedEvents(calls);
  const subjects = [...new Set(events.map((event) => event.subjectId))];
  const missing = async () => {
    const journaled = new Set<string>();
    for (const subject of subjects) {
      for (const entry of await partitionItems(`JOURNAL#${subject}`)) journaled.add(String(entry.eventId));
    }
    return events.filter((event) => !journaled.has(event.eventId)).map((e) => `${e.detailType} ${e.eventId}`);
  };
  const started = Date.now();
  await eventually(missing, (left) => left.length === 0, {
    timeoutMs: 30_000,
    intervalMs: 250,
    what: 'every committed event in the journal',
  });
  console.log(
    `crashes: ${events.length} committed events journaled, waited ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  return events.length;
}

/** The SHA-256 of a stored object, or null when there is none. */
async function objectSha256(bucket: string, key: string): Promise<string | null> {
  try {
    const object = await s3Direct.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return createHash('sha256')
      .update(await (object.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray())
      .digest('hex');
  } catch (error) {
    if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) return null;
    throw error;
  }
}

async function objectExists(bucket: string, key: string): Promise<boolean> {
  try {
    await s3Direct.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    return true;
  } catch (error) {
    if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) return false;
    throw error;
  }
}

const documentsBucket = () => process.env.DOCUMENTS_BUCKET as string;
const publicBucket = () => process.env.PUBLIC_BUCKET as string;

/**
 * A document whose PDF was stored and its SHA-256 recorded: the twin's document renderer, fed by the committed
 * event through its queue, did the step after the commit (its own crashes are the `document rendering` flow's).
 */
async function expectRenderedDocument(projectId: string, recordSk: string) {
  const [record] = await eventually(
    () => partitionItems(keys.projectPartition(projectId), { skPrefix: recordSk }),
    (items) => Boolean(items[0]?.documentSha256),
    { timeoutMs: 60_000, intervalMs: 250, what: `the document of ${recordSk} rendered` },
  );
  expect(record?.documentSha256, `${recordSk} has its document`).toMatch(/^[0-9a-f]{64}$/);
  expect(await objectSha256(documentsBucket(), String(record?.documentKey))).toBe(record?.documentSha256);
}

// ---------------------------------------------------------------------------------------------------------------
// the flows

/** Intake: `POST /v1/projects`, then a failing inspection that proposes a case; both with Idempotency-Keys. */
const intakeFlow: Flow<
  { body: ReturnType<typeof projectBody>; keys: [string, string] },
  { projectId: string; caseId: string }
> = {
  setup: async () => ({ body: groupedProject(), keys: [randomUUID(), randomUUID()] }),
  attempt: async ({ body, keys: [projectKey, inspectionKey] }) => {
    const project = await call(projectsHandler, inspector, routes.registerProject(), body, projectKey);
    expect(project.status).toBe(201);
    const projectId = String(project.body.id);
    const inspection = await call(
      projectsHandler,
      inspector,
      routes.recordInspection(projectId),
      inspectionOn(body, '2031-03-10'),
      inspectionKey,
    );
    expect(inspection.status).toBe(201);
    return { projectId, caseId: String(inspection.body.caseId) };
  },
  check: async (_state, { result, calls }) => {
    // one project: a lost answer retried with its key replays it, it does not register a second one
    const attempted = new Set(
      calls.flatMap((c) => [...c.summary.matchAll(/Put PROJECT#(prj_\w+) PROJECT/g)].map((m) => m[1] as string)),
    );
    const existing: string[] = [];
    for (const projectId of attempted) if ((await itemsOf(projectId)).length) existing.push(projectId);
    expect(existing).toEqual([result.projectId]);
    const items = await itemsOf(result.projectId);
    const count = (type: string) => items.filter((item) => item.type === type).length;
    expect(count('project')).toBe(1);
    expect(count('inspection')).toBe(1);
    expect(count('inspection-report')).toBe(1);
    expect(count('finding')).toBe(4);
    expect(count('case')).toBe(1);
    expect(items.find((item) => item.sk === 'OPENCASE')?.caseId).toBe(result.caseId);
    const { timeline } = expectCaseConsistent(items, result.caseId);
    expect(actions(timeline)).toEqual({ proposed: 1 });
    for (const finding of items.filter((item) => item.type === 'finding')) {
      expect((await partitionItems(`REF#${finding.id}`)).length, 'the hazard is findable by id').toBe(1);
    }
    const inspection = items.find((item) => item.type === 'inspection') as Item;
    expect((await partitionItems(`REF#${inspection.id}`)).length, 'the inspection is findable by id').toBe(1);
    expectEvents(await committedEvents(calls), [
      ['ProjectRegistered', result.projectId],
      ['InspectionRecorded', String(inspection.id)],
      ['CaseProposed', result.caseId],
    ]);
  },
};

describe('crash injection: every flow recovers with its state consistent and its events exactly once', () => {
  it('intake: POST /v1/projects, then an inspection that proposes a case', async () => {
    setClockAt('2031-03-10T10:00:00+08:00');
    const flow = intakeFlow;
    const { allCalls } = await crashEverywhere('intake', flow);
    expect(await expectJournaled(allCalls)).toBeGreaterThan(0);
  }, 120_000);

  it('throttling: the SDK retries a throttled call, the unit of work a throttled transaction; throttled throughout, a 5xx the client retries', async () => {
    setClockAt('2031-03-11T10:00:00+08:00');
    // one throttled attempt on every call: the SDK's own retries absorb them
    const absorbedState = await intakeFlow.setup();
    const absorbed = await faults.run(
      { mode: 'throttle', proportion: 1, attempts: 1, kind: 'ProvisionedThroughputExceededException' },
      () => intakeFlow.attempt(absorbedState),
    );
    expect(absorbed.error).toBeUndefined();
    expect(absorbed.calls.map((c) => [c.outcome, c.throttledAttempts])).toEqual(absorbed.calls.map(() => ['ok', 1]));
    await intakeFlow.check(absorbedState, {
      result: absorbed.value as { projectId: string; caseId: string },
      calls: absorbed.calls,
    });

    // a transaction cancelled for throttling once (the SDK does not retry a cancelled transaction): the unit of
    // work tries it again, and the request succeeds
    const transactions = absorbed.calls.flatMap((c) => (c.command === 'TransactWriteItems' ? [c.index] : []));
    const onceState = await intakeFlow.setup();
    const once = await faults.run(
      { mode: 'throttle', calls: transactions.slice(0, 1), attempts: 1, kind: 'TransactionThrottled' },
      () => intakeFlow.attempt(onceState),
    );
    expect(once.error).toBeUndefined();
    expect(once.calls.filter((c) => c.command === 'TransactWriteItems').length).toBe(transactions.length + 1);
    await intakeFlow.check(onceState, {
      result: once.value as { projectId: string; caseId: string },
      calls: once.calls,
    });

    // every transaction cancelled for throttling, whatever the retries: the request fails, the client retries it
    const state = await intakeFlow.setup();
    const recovered = await runToCompletion(intakeFlow, state, {
      mode: 'throttle',
      calls: transactions,
      attempts: 'all',
      kind: 'TransactionThrottled',
    });
    expect(String(recovered.first.error)).toMatch(/answered 500/);
    await intakeFlow.check(state, { result: recovered.result, calls: recovered.calls });
  }, 60_000);

  it('confirm: the inclusion notice, its number and its PDF', async () => {
    setClockAt('2032-03-10T10:00:00+08:00');
    const sequences: number[] = [];
    const flow: Flow<{ caseId: string; projectId: string; key: string }, Item> = {
      setup: async () => ({ ...(await proposedCase('2032-03-10')), key: randomUUID() }),
      attempt: async ({ caseId, key }) => {
        const confirmed = await call(casesHandler, officer, routes.confirmCase(caseId), {}, key);
        expect(confirmed.status).toBe(200);
        return confirmed.body;
      },
      check: async ({ caseId, projectId }, { result, calls }) => {
        const items = await itemsOf(projectId);
        const { record, timeline } = expectCaseConsistent(items, caseId);
        expect(record.status).toBe('active');
        expect(actions(timeline)).toEqual({ proposed: 1, included: 1, notice_issued: 1 });
        const notices = items.filter((item) => item.type === 'notice');
        expect(notices).toHaveLength(1);
        const notice = notices[0] as Item;
        // the answer the client finally got shows the notice as stored (its PDF pending or, if quick, rendered)
        expect(result).toMatchObject({ status: 'active', notices: [{ id: notice.id, number: notice.number }] });
        await expectRenderedDocument(projectId, String(notice.sk));
        expect((await partitionItems(`REF#${notice.id}`)).length).toBe(1);
        sequences.push(Number(notice.sequence));
        expectEvents(await committedEvents(calls), [
          ['CaseIncluded', caseId],
          ['NoticeIssued', String(notice.id)],
        ]);
      },
    };
    const { allCalls } = await crashEverywhere('confirm', flow);
    // the confirmation renders nothing itself (the document renderer does, after the commit): no S3 call
    expect(allCalls.filter((c) => c.client === 's3')).toEqual([]);
    // every number of the year was taken by exactly one notice, and the counter stands on the last
    const numbers = [...sequences].sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: numbers.length }, (_, i) => i + 1));
    expect(await counterValue(noticeCounterName('inclusion', 2032))).toBe(numbers.length);
    expect(await expectJournaled(allCalls)).toBeGreaterThan(0);
  }, 180_000);

  it('upload verification: a signed receipt accepted (its notice acknowledged), a false PDF quarantined', async () => {
    setClockAt('2033-03-10T10:00:00+08:00');
    const flow: Flow<VerifierState, string[]> = {
      setup: async () => {
        setClockAt('2033-03-10T10:00:00+08:00');
        const active = await activeCase('2033-03-10');
        const units = Object.fromEntries(active.body.units.map((unit) => [unit.role, unit.creditCode]));
        const receipt = await declaredUpload(active, {
          docType: 'notice_receipt',
          unitCreditCode: units.developer as string,
          bytes: Buffer.from('%PDF-1.4\n% signed and stamped receipt\n%%EOF\n'),
          contentType: 'application/pdf',
          noticeId: active.noticeId,
        });
        // declared a PDF, but the bytes are a PNG: quarantined
        const forged = await declaredUpload(active, {
          docType: 'daily_report',
          unitCreditCode: units.general_contractor as string,
          bytes: Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'),
          contentType: 'application/pdf',
          reportDate: '2033-03-10',
          declaredAs: Buffer.from('%PDF-1.4\n% a daily report\n%%EOF\n'),
        });
        return { ...active, receipt, forged };
      },
      attempt: async ({ receipt, forged }) => {
        const outcomes: string[] = [];
        // S3 "Object Created" through EventBridge, as the rule delivers it: each object in turn
        for (const document of [receipt, forged]) {
          const result = await verifierHandler(objectCreated(document.key, '2033-03-11T10:00:00+08:00'));
          outcomes.push(result.outcome);
        }
        return outcomes;
      },
      check: async ({ projectId, caseId, noticeId, receipt, forged }, { calls }) => {
        const items = await itemsOf(projectId);
        const { timeline } = expectCaseConsistent(items, caseId);
        expect(actions(timeline)).toEqual({
          proposed: 1,
          included: 1,
          notice_issued: 1,
          document_accepted: 1,
          notice_acknowledged: 1,
          document_rejected: 1,
        });
        const document = (id: string) => items.find((item) => item.type === 'document' && item.id === id) as Item;
        expect(document(receipt.id)).toMatchObject({ status: 'accepted', uploadedAt: '2033-03-11T02:00:00.000Z' });
        expect(items.find((item) => item.type === 'notice' && item.id === noticeId)).toMatchObject({
          acknowledgedAt: '2033-03-11T02:00:00.000Z',
          acknowledgedBy: receipt.id,
        });
        expect(document(forged.id)).toMatchObject({ status: 'rejected', quarantineKey: `quarantine/${forged.key}` });
        expect(document(forged.id).reason).toMatch(/image\/png/);
        // the move to quarantine was finished: the unit's key is empty, the agency's copy is there
        expect(await objectExists(documentsBucket(), forged.key), 'the forged object left the unit’s key').toBe(false);
        expect(await objectSha256(documentsBucket(), `quarantine/${forged.key}`)).toBe(forged.sha256);
        expect(await objectSha256(documentsBucket(), receipt.key)).toBe(receipt.sha256);
        expectEvents(await committedEvents(calls), [
          ['DocumentAccepted', receipt.id],
          ['NoticeAcknowledged', noticeId],
          ['DocumentRejected', forged.id],
        ]);
        // each verification read its document, case and project by key (a receipt its case's notices too), never
        // the project's whole collection, which grows with every upload (issue 13)
        const projectReads = calls.filter((c) => ['Query', 'BatchGetItem'].includes(c.command));
        expect(projectReads.filter((c) => c.command === 'BatchGetItem').length).toBeGreaterThanOrEqual(2);
        expect(projectReads.filter((c) => c.summary.endsWith('(whole partition)'))).toEqual([]);
        for (const query of projectReads.filter((c) => c.command === 'Query')) {
          expect(query.summary.replace(/prj_\w+|cas_\w+/g, '…')).toBe('PROJECT#… sk CASE#…#NOTICE#…');
        }
      },
    };
    const { allCalls } = await crashEverywhere('upload verification', flow, {
      // between the commit and the quarantine copy, between the copy and the delete
      extra: (calls) =>
        calls.flatMap((c, i) => (c.command === 'CopyObject' || c.command === 'DeleteObject' ? [i + 1] : [])),
    });
    expect(await expectJournaled(allCalls)).toBeGreaterThan(0);
  }, 180_000);

  it('escalation: CaseEscalated to level 3 → the measures, the group orders, the draft circular', async () => {
    const flow: Flow<Awaited<ReturnType<typeof activeCase>> & { event: ReturnType<typeof caseEscalated> }, unknown> = {
      setup: async () => {
        setClockAt('2034-03-10T10:00:00+08:00');
        const active = await activeCase('2034-03-10');
        return { ...active, event: caseEscalated(active, '2034-03') };
      },
      attempt: async ({ event }) => {
        setClockAt('2034-04-01T02:31:00+08:00');
        return escalationHandler(event);
      },
      check: async ({ projectId, caseId, event }, { calls }) => {
        const items = await itemsOf(projectId);
        const { timeline } = expectCaseConsistent(items, caseId);
        const measures = items.filter((item) => item.type === 'measure');
        const expected = [1, 2, 3].flatMap((level) => measuresAdded(level - 1, level).map((m) => `${level} ${m.code}`));
        expect(measures.map((m) => `${m.level} ${m.code}`).sort()).toEqual(expected.sort());
        const orders = items.filter((item) => item.type === 'group-order');
        expect(orders).toHaveLength(2);
        // each order and the municipal report are documents, pending until the renderer stores them
        for (const order of orders) expect(order.documentKey).toBe(`orders/${caseId}/${order.id}.pdf`);
        const reports = items.filter((item) => item.type === 'municipal-report');
        expect(reports).toHaveLength(1);
        const circulars = items.filter((item) => item.type === 'circular');
        expect(circulars).toHaveLength(1);
        const circular = circulars[0] as Item;
        expect((await partitionItems(`REF#${circular.id}`)).length).toBe(1);
        expect(actions(timeline)).toEqual({
          proposed: 1,
          included: 1,
          notice_issued: 1,
          measure_started: expected.length,
          group_orders_issued: 1,
        });
        // the consumed-event marker was committed with the measures: a redelivery is recognised
        expect((await partitionItems(keys.consumed('escalation-measures', event.detail.eventId).pk)).length).toBe(1);
        // a draft takes no number (SPEC §2.2: it is numbered when published)
        expect(circular).toMatchObject({ status: 'draft', number: null, sequence: null });
        expectEvents(await committedEvents(calls), [
          ['GroupOrdersIssued', caseId],
          ['CircularDrafted', String(circular.id)],
          ['MunicipalReportRequested', caseId],
        ]);
      },
    };
    const { allCalls } = await crashEverywhere('escalation', flow);
    expect(await counterValue(noticeCounterName('circular', 2034))).toBe(0);
    expect(await expectJournaled(allCalls)).toBeGreaterThan(0);
  }, 180_000);

  it('publication: an officer publishes a circular (numbered then), the public publisher rewrites the site', async () => {
    const sequences: number[] = [];
    const flow: Flow<PublicationState, unknown> = {
      setup: async () => {
        setClockAt('2035-03-10T10:00:00+08:00');
        const active = await activeCase('2035-03-10');
        const drafted = await applyEscalation(
          caseEscalated(active, '2035-03').detail,
          new Date('2035-04-01T02:31:00+08:00'),
        );
        expect(drafted.outcome).toBe('recorded');
        return { ...active, circularId: drafted.circular?.id as string, key: randomUUID() };
      },
      attempt: async ({ circularId, caseId, projectId, key }) => {
        // after the units' statement window (5 working days from 04-01)
        setClockAt('2035-04-20T10:00:00+08:00');
        const published = await call(
          circularsHandler as ApiHandler,
          officer,
          routes.publishCircular(circularId),
          { publicationMonths: 12 },
          key,
        );
        expect(published.status).toBe(200);
        // CircularPublished, as the rule delivers it to the publisher (its data is all the publisher reads)
        return publisherHandler({
          ...envelope('CircularPublished'),
          detail: {
            eventId: newId('evt'),
            occurredAt: new Date().toISOString(),
            subjectId: circularId,
            data: { circularId, caseId, projectId },
          },
        });
      },
      check: async ({ projectId, caseId, circularId }, { calls }) => {
        const items = await itemsOf(projectId);
        const { timeline } = expectCaseConsistent(items, caseId);
        expect(actions(timeline).circular_published).toBe(1);
        const circular = items.find((item) => item.type === 'circular' && item.id === circularId);
        expect(circular).toMatchObject({
          status: 'published',
          publishedOn: '2035-04-20',
          validUntil: '2036-04-19',
          number: `通住建安通〔2035〕${circular?.sequence}号`,
        });
        sequences.push(Number(circular?.sequence));
        expectEvents(await committedEvents(calls), [['CircularPublished', circularId]]);
        // the page exists, and the index and every feed name the circular
        expect(await objectExists(publicBucket(), publicKeys.circular(circularId)), 'the circular’s page').toBe(true);
        for (const key of [publicKeys.index, publicKeys.jsonFeed, publicKeys.atom, publicKeys.rss]) {
          const object = await s3Direct.send(new GetObjectCommand({ Bucket: publicBucket(), Key: key }));
          expect(await object.Body?.transformToString(), key).toContain(circularId);
        }
      },
    };
    const { allCalls } = await crashEverywhere('publication', flow);
    // a number is consumed exactly when a circular is published, whatever crashed: gap-free and unique
    const numbers = [...sequences].sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: numbers.length }, (_, i) => i + 1));
    expect(await counterValue(noticeCounterName('circular', 2035))).toBe(numbers.length);
    expect(await expectJournaled(allCalls)).toBeGreaterThan(0);
  }, 240_000);

  // The whole month in this process (`runEvaluation`: the planner's and the workers' code, the batches worked here)
  // and kept to what is observable: the run's answer, the cases, their records and events.
  it('evaluation: the monthly run, crashed and run again, judges each case once (a release, an escalation)', async () => {
    // each run its own month, going back from 2025-11: a run takes every active case whose cycle ended by the month's
    // end, so a later month would catch the cases of the runs before (and 2026 on is the other tests')
    const months = Array.from({ length: 60 }, (_, i) => {
      const index = 2025 * 12 + 10 - i; // 2025-11, 2025-10, …
      return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
    });
    const monthsUsed = new Set<string>();
    const releases: Array<[number, number]> = [];
    const flow: Flow<EvaluationState, { status: string }> = {
      setup: async () => {
        const month = months.find((candidate) => !monthsUsed.has(candidate));
        if (!month) throw new Error('no month left for another evaluation run');
        monthsUsed.add(month);
        return { month, runId: newId('run'), ...(await casesDueIn(month)) };
      },
      attempt: async (state) => {
        const now = new Date(`${addDays(`${state.month}-28`, 5).slice(0, 7)}-01T02:30:00+08:00`);
        // a crashed run is run again with its id (the redelivered EvaluationRequested, the queue's redeliveries);
        // the lease of a planner that died has expired by then (0 here: the redelivery comes after it in AWS)
        const run = await runEvaluation(state.runId, state.month, now, { plan: { leaseMs: 0 } });
        expect(run.status, `the run ${state.runId} for ${state.month} when run again`).toBe('succeeded');
        return run;
      },
      check: async ({ month, released, escalated }, { calls }) => {
        const evaluatedOn = `${addDays(`${month}-28`, 5).slice(0, 7)}-01`;
        // released: judged once, level 0, the release notice numbered and its PDF stored
        const releasedItems = await itemsOf(released.projectId);
        const a = expectCaseConsistent(releasedItems, released.caseId);
        expect(a.record).toMatchObject({ status: 'released', level: 0 });
        const ownActions = (timeline: TimelineEntry[]) =>
          actions(timeline.filter((entry) => entry.actor !== 'system:escalation-measures'));
        expect(ownActions(a.timeline)).toEqual({ proposed: 1, included: 1, notice_issued: 2, cycle_evaluated: 1 });
        expect(releasedItems.filter((item) => item.type === 'cycle').map((c) => [c.index, c.verdict])).toEqual([
          [1, 'release'],
        ]);
        expect(
          releasedItems.some((item) => item.sk === 'OPENCASE'),
          'the released project has no open case',
        ).toBe(false);
        const releaseNotices = releasedItems.filter((item) => item.type === 'notice' && item.noticeType === 'release');
        expect(releaseNotices).toHaveLength(1);
        const releaseNotice = releaseNotices[0] as Item;
        expect(releaseNotice.issuedOn).toBe(evaluatedOn);
        // the run renders nothing itself: the document renderer does, from the committed NoticeIssued
        await expectRenderedDocument(released.projectId, String(releaseNotice.sk));
        releases.push([Number(String(releaseNotice.issuedOn).slice(0, 4)), Number(releaseNotice.sequence)]);
        // escalated: judged once, level 1, its next cycle open
        const escalatedItems = await itemsOf(escalated.projectId);
        const b = expectCaseConsistent(escalatedItems, escalated.caseId);
        expect(b.record).toMatchObject({ status: 'active', level: 1, cycle: { index: 2 } });
        expect(ownActions(b.timeline)).toEqual({ proposed: 1, included: 1, notice_issued: 1, cycle_evaluated: 1 });
        expect(escalatedItems.filter((item) => item.type === 'cycle').map((c) => [c.index, c.verdict])).toEqual([
          [1, 'escalate'],
        ]);
        // the events of both decisions, each once; none about these cases beyond them
        const ours = new Set([released.caseId, escalated.caseId, String(releaseNotice.id)]);
        expectEvents(
          (await committedEvents(calls)).filter((event) => ours.has(event.subjectId)),
          [
            ['CycleEvaluated', released.caseId],
            ['CaseReleased', released.caseId],
            ['NoticeIssued', String(releaseNotice.id)],
            ['CycleEvaluated', escalated.caseId],
            ['CaseEscalated', escalated.caseId],
          ],
        );
      },
    };
    const { allCalls } = await crashEverywhere('evaluation', flow, {
      setupWaves: 0,
      maxRuns: 48,
    });
    expect(
      allCalls.filter((c) => c.client === 's3'),
      'the monthly run renders nothing',
    ).toEqual([]);
    // each year's release numbers: taken once each, no gap, the counter on the last
    for (const year of new Set(releases.map(([y]) => y))) {
      const numbers = releases
        .filter(([y]) => y === year)
        .map(([, n]) => n)
        .sort((x, y) => x - y);
      expect(numbers).toEqual(Array.from({ length: numbers.length }, (_, i) => i + 1));
      expect(await counterValue(noticeCounterName('release', year))).toBe(numbers.length);
    }
    expect(await expectJournaled(allCalls)).toBeGreaterThan(0);
  }, 300_000);

  it('dismissal: an officer dismisses a proposed case (Idempotency-Key)', async () => {
    setClockAt('2037-03-10T10:00:00+08:00');
    const reason = '经核查，通报所述隐患已于检查前整改完毕';
    const flow: Flow<{ projectId: string; caseId: string; key: string }, Item> = {
      setup: async () => ({ ...(await proposedCase('2037-03-10')), key: randomUUID() }),
      attempt: async ({ caseId, key }) => {
        const dismissed = await call(casesHandler, officer, routes.dismissCase(caseId), { reason }, key);
        expect(dismissed.status, JSON.stringify(dismissed.body)).toBe(200);
        return dismissed.body;
      },
      check: async ({ projectId, caseId }, { result, calls }) => {
        const items = await itemsOf(projectId);
        const { record, timeline } = expectCaseConsistent(items, caseId);
        expect(record).toMatchObject({
          status: 'dismissed',
          dismissReason: reason,
          // the case left the proposed listing for the dismissed one in the same write
          gsi1pk: listings.caseShard('dismissed', caseId),
        });
        expect(actions(timeline)).toEqual({ proposed: 1, dismissed: 1 });
        expect(
          items.some((item) => item.sk === 'OPENCASE'),
          'the project has no open case',
        ).toBe(false);
        // the answer the client finally got shows the case dismissed
        expect(result).toMatchObject({ id: caseId, status: 'dismissed' });
        expect((result.timeline as unknown[]).length).toBe(timeline.length);
        expectEvents(await committedEvents(calls), [['CaseDismissed', caseId]]);
      },
    };
    const { allCalls } = await crashEverywhere('dismissal', flow);
    expect(await expectJournaled(allCalls)).toBeGreaterThan(0);
  }, 120_000);

  it('extension: an officer extends the cycle by 2 months (Idempotency-Key); extended once, never refused', async () => {
    const flow: Flow<Awaited<ReturnType<typeof activeCase>> & { key: string; end: string }, Item> = {
      setup: async () => {
        setClockAt('2037-05-10T10:00:00+08:00');
        const active = await activeCase('2037-05-10');
        const record = (await itemsOf(active.projectId)).find((item) => item.type === 'case') as Item;
        return { ...active, key: randomUUID(), end: String((record.cycle as { end: string }).end) };
      },
      attempt: async ({ caseId, key }) => {
        setClockAt('2037-05-20T10:00:00+08:00');
        // 2 more months: the first cycle then lasts the 3 months allowed, so extending twice would be a 409
        const extended = await call(
          casesHandler,
          officer,
          routes.extendCycle(caseId),
          { months: 2, reason: '整改关键期，延长考核周期' },
          key,
        );
        expect(extended.status, JSON.stringify(extended.body)).toBe(200);
        return extended.body;
      },
      check: async ({ projectId, caseId, end }, { result, calls }) => {
        const items = await itemsOf(projectId);
        const { record, timeline } = expectCaseConsistent(items, caseId);
        const cycle = record.cycle as { index: number; end: string; extendedMonths: number };
        expect(cycle).toMatchObject({ index: 1, extendedMonths: 2 });
        expect(cycle.end > end, `the cycle ends after ${end}`).toBe(true);
        // the listing's copy of the end moved with it (the monthly run selects due cases by it)
        expect(record.cycleEnd).toBe(cycle.end);
        expect(actions(timeline)).toEqual({ proposed: 1, included: 1, notice_issued: 1, cycle_extended: 1 });
        expect(timeline.find((entry) => entry.action === 'cycle_extended')?.detail).toMatchObject({
          months: 2,
          from: end,
          to: cycle.end,
        });
        expect(result).toMatchObject({ id: caseId, status: 'active' });
        expect((result.cycles as Item[]).at(-1)).toMatchObject({ index: 1, end: cycle.end, extendedMonths: 2 });
        // an extension announces nothing
        expectEvents(await committedEvents(calls), []);
      },
    };
    await crashEverywhere('extension', flow, { runs: 4 });
  }, 120_000);

  it('upload links: an inspector creates a link, then revokes it (Idempotency-Keys); one link, its token revoked', async () => {
    const flow: Flow<
      Awaited<ReturnType<typeof activeCase>> & { keys: [string, string]; unit: string },
      { linkId: string; token: string }
    > = {
      setup: async () => {
        setClockAt('2037-07-10T10:00:00+08:00');
        const active = await activeCase('2037-07-10');
        const unit = active.body.units.find((candidate) => candidate.role === 'general_contractor')?.creditCode;
        return { ...active, keys: [randomUUID(), randomUUID()], unit: String(unit) };
      },
      attempt: async ({ caseId, unit, keys: [createKey, revokeKey] }) => {
        setClockAt('2037-07-11T10:00:00+08:00');
        const created = await call(
          casesHandler,
          inspector,
          routes.createUploadLink(caseId),
          { unitCreditCode: unit, validDays: 7 },
          createKey,
        );
        expect(created.status, JSON.stringify(created.body)).toBe(201);
        const linkId = String(created.body.linkId);
        const revoked = await call(
          casesHandler,
          inspector,
          routes.revokeUploadLink(caseId, linkId),
          undefined,
          revokeKey,
        );
        expect(revoked.status, JSON.stringify(revoked.body)).toBe(204);
        return { linkId, token: String(created.body.token) };
      },
      check: async ({ projectId, caseId }, { result, calls }) => {
        const items = await itemsOf(projectId);
        // one link: a lost answer retried with its key gets the same link (and token) back, not a second one
        const links = items.filter((item) => item.type === 'upload-link' && item.caseId === caseId);
        expect(links.map((link) => link.id)).toEqual([result.linkId]);
        const link = links[0] as Item;
        expect(link.tokenHash).toBe(hashToken(result.token));
        expect(link.revokedAt).toBe('2037-07-11T02:00:00.000Z');
        // the token record the authorizer reads says revoked too: the link stopped working
        const token = await table.client.send(
          new GetCommand({
            TableName: table.name,
            Key: keys.uploadToken(hashToken(result.token)),
            ConsistentRead: true,
          }),
        );
        expect(token.Item).toMatchObject({ linkId: result.linkId, revokedAt: link.revokedAt });
        expect(await authorizeUploadToken(result.token, new Date('2037-07-11T03:00:00Z'))).toEqual({
          ok: false,
          reason: 'revoked',
        });
        // no token of a link that does not exist: every token a run's transactions wrote belongs to this link
        const tokens = new Set(
          calls.flatMap((c) => [...c.summary.matchAll(/Put (UPLOADTOKEN#[0-9a-f]+) LINK/g)].map((m) => m[1] as string)),
        );
        for (const pk of tokens) {
          for (const item of await partitionItems(pk)) expect(item.linkId, pk).toBe(result.linkId);
        }
        expectEvents(await committedEvents(calls), []);
      },
    };
    await crashEverywhere('upload links', flow, { runs: 4 });
  }, 120_000);

  it('deadlines: the daily sweep, crashed and run again, flags each overdue hazard and receipt once', async () => {
    const sweepAt = '2036-04-01T00:10:00+08:00';
    // The days before: whatever is overdue on 04-01 already (the records of the other flows and files, all older)
    // is flagged first, as the daily schedule would have done. Each run then finds its own records only.
    setClockAt(sweepAt);
    await deadlinesHandler({ task: 'deadline-sweep' });
    const flow: Flow<
      { active: Awaited<ReturnType<typeof activeCase>>; proposed: Awaited<ReturnType<typeof proposedCase>> },
      unknown
    > = {
      setup: async () => {
        setClockAt('2036-03-10T10:00:00+08:00');
        // two projects (two transactions): an active case with its notice, a proposed case; hazards due 03-10
        const [active, proposed] = await Promise.all([activeCase('2036-03-10'), proposedCase('2036-03-10')]);
        return { active, proposed };
      },
      attempt: async () => {
        // the schedule again (its retry, or the next day's): the sweep goes through every project of the table
        setClockAt(sweepAt);
        return deadlinesHandler({ task: 'deadline-sweep' });
      },
      check: async ({ active, proposed }, { calls }) => {
        const expected: Array<[string, string]> = [];
        for (const ids of [active, proposed]) {
          const items = await itemsOf(ids.projectId);
          const { timeline } = expectCaseConsistent(items, ids.caseId);
          const hazards = items.filter((item) => item.type === 'finding');
          expect(hazards).toHaveLength(4);
          for (const hazard of hazards) {
            expect(hazard.overdueFlaggedOn, String(hazard.id)).toBe('2036-04-01');
            expected.push(['HazardOverdue', String(hazard.id)]);
          }
          const notices = items.filter((item) => item.type === 'notice');
          for (const notice of notices) {
            expect(notice.receiptOverdueFlaggedAt, String(notice.id)).toBe(new Date(sweepAt).toISOString());
            expected.push(['NoticeReceiptOverdue', String(notice.id)]);
          }
          // one timeline entry per project, naming each flagged hazard and receipt once
          const passed = timeline.filter((entry) => entry.action === 'deadlines_passed');
          expect(passed).toHaveLength(1);
          expect([...(passed[0]?.evidence ?? [])].sort()).toEqual(
            [...hazards, ...notices].map((item) => String(item.id)).sort(),
          );
        }
        expect(expected.filter(([type]) => type === 'NoticeReceiptOverdue')).toHaveLength(1);
        expectEvents(await committedEvents(calls), expected);
        // every project of the table read by what it has open (the standing index), none whole (issue 13)
        const partitionQueries = calls.filter((c) => c.command === 'Query' && c.summary.startsWith('PROJECT#'));
        expect(partitionQueries.length).toBeGreaterThan(0);
        expect(partitionQueries.filter((c) => c.summary.endsWith('(whole partition)'))).toEqual([]);
      },
    };
    const { allCalls } = await crashEverywhere('deadlines sweep', flow, {
      setupWaves: 0,
      interleaved: true,
      runs: 4,
    });
    expect(await expectJournaled(allCalls)).toBeGreaterThan(0);
  }, 240_000);

  it('circular expiry: the daily expiry, crashed and run again, expires each circular once', async () => {
    // the occurrence of 2038-11-01 00:05 in Beijing: circulars published 2038-04-20 for 6 months (to 10-19) are due
    const scheduledTime = '2038-10-31T16:05:00.000Z';
    const expire = () =>
      circularsHandler({ task: 'expire-circulars', scheduledTime }, context) as Promise<{ expired: Item[] }>;
    // the days before: every published circular already due (the other flows' and files') is expired first
    setClockAt('2038-11-01T00:05:30+08:00');
    await expire();
    const flow: Flow<PublicationState[], unknown> = {
      // two circulars of two cases: a crash between the two expirations is a point of its own
      setup: () => publishedCirculars('2038-03', 2),
      attempt: async () => {
        setClockAt('2038-11-01T00:05:30+08:00');
        return expire();
      },
      check: async (circulars, { calls }) => {
        for (const { projectId, caseId, circularId } of circulars) {
          const items = await itemsOf(projectId);
          const { timeline } = expectCaseConsistent(items, caseId);
          expect(actions(timeline).circular_expired, `circular ${circularId} expired once`).toBe(1);
          expect(items.find((item) => item.type === 'circular' && item.id === circularId)).toMatchObject({
            status: 'expired',
            validUntil: '2038-10-19',
            expiredOn: '2038-10-20',
            gsi1pk: listings.circularsByStatus('expired'),
          });
        }
        expectEvents(
          await committedEvents(calls),
          circulars.map(({ circularId }) => ['CircularExpired', circularId]),
        );
      },
    };
    const { allCalls } = await crashEverywhere('circular expiry', flow, { setupWaves: 0, runs: 4 });
    expect(await expectJournaled(allCalls)).toBeGreaterThan(0);
  }, 240_000);

  it('document rendering: the renderer, crashed and its messages redelivered, stores each PDF once and records its SHA-256', async () => {
    setClockAt('2038-05-10T10:00:00+08:00');
    const flow: Flow<PendingDocuments, unknown> = {
      setup: () => pendingDocuments('2038-05-10'),
      attempt: async (state) => {
        const result = await rendererHandler({ Records: state.pending });
        const failed = new Set(result.batchItemFailures.map((failure) => failure.itemIdentifier));
        // the queue redelivers the messages reported failed (and only those), after their visibility timeout
        state.pending = state.pending.filter((record) => failed.has(record.messageId));
        if (state.pending.length) throw new Error(`${state.pending.length} render messages failed: redelivered`);
        return result;
      },
      check: async ({ projectId, recordKeys }) => {
        const items = await itemsOf(projectId);
        for (const sk of recordKeys) {
          const record = items.find((item) => item.sk === sk);
          expect(record?.documentSha256, `${sk} recorded`).toMatch(/^[0-9a-f]{64}$/);
          expect(record?.documentRenderedAt, `${sk} recorded`).toEqual(expect.any(String));
          // the object of record: stored once, never overwritten, and the hash on the record is its hash
          expect(await objectSha256(documentsBucket(), String(record?.documentKey)), sk).toBe(record?.documentSha256);
        }
      },
    };
    await crashEverywhere('document rendering', flow, {
      setupWaves: 1,
      runs: 10,
      // the put of each PDF (sent, or its answer lost) and the record of its hash after it
      extra: (calls) => calls.flatMap((c, i) => (c.command === 'PutObject' ? [i + 1, i + 2] : [])),
    });
  }, 300_000);

  it('outbox relay: a stream batch, its PutEvents crashed, redelivered: every event journaled once', async () => {
    let batches = 0;
    const flow: Flow<RelayState, unknown> = {
      setup: async () => {
        batches += 1;
        // 25 outbox items (3 PutEvents of at most 10) about 5 subjects of their own; half the runs are redelivered
        // from the record the relay reports failed, the other half whole (as after a relay that died or timed out)
        const subjects = Array.from({ length: 5 }, () => newId('haz'));
        const records = Array.from({ length: 25 }, (_, i) =>
          outboxRecord(RELAYED_TYPES[i % RELAYED_TYPES.length] as EventType, subjects[i % 5] as string),
        );
        return { records, from: 0, redelivery: batches % 2 ? 'reported' : 'whole' };
      },
      attempt: async (state) => {
        const result = await relayHandler({ Records: state.records.slice(state.from) });
        const failure = result.batchItemFailures[0];
        if (!failure) return result;
        if (state.redelivery === 'reported') {
          state.from = state.records.findIndex((record) => record.dynamodb?.SequenceNumber === failure.itemIdentifier);
          expect(state.from, 'the reported record is one of the batch').toBeGreaterThanOrEqual(0);
        }
        throw new Error(`the relay reported ${failure.itemIdentifier} failed: the batch is redelivered`);
      },
      check: async ({ records }) => {
        const events = records.map((record) => relayedDetail(record));
        const subjects = [...new Set(events.map((event) => event.subjectId))];
        const journal = async () => (await Promise.all(subjects.map((s) => partitionItems(`JOURNAL#${s}`)))).flat();
        const entries = await eventually(journal, (found) => found.length >= events.length, {
          timeoutMs: 30_000,
          intervalMs: 250,
          what: 'every relayed event in the journal',
        });
        // each event once (the bus may have had it twice), and nothing else about these subjects
        expect(entries.map((entry) => `${entry.eventType} ${entry.eventId}`).sort()).toEqual(
          events.map((event) => `${event.type} ${event.eventId}`).sort(),
        );
      },
    };
    await crashEverywhere('outbox relay', flow);
  }, 120_000);
});

interface PendingDocuments {
  projectId: string;
  /** the sort keys of the four document records */
  recordKeys: string[];
  /** the render messages not yet worked (the queue's redeliveries) */
  pending: SQSRecord[];
}

/**
 * Four documents issued but not rendered — a notice, an inspection report, a group order, a municipal report — and
 * the queue's messages for them. The records are written directly, without their events, so the local twin's own
 * renderer leaves them to the renderer under test.
 */
async function pendingDocuments(date: string): Promise<PendingDocuments> {
  const body = groupedProject();
  const registered = await call(projectsHandler, inspector, routes.registerProject(), body);
  const projectId = String(registered.body.id);
  const project = registered.body as unknown as Project;
  const contractor = body.units.find((unit) => unit.role === 'general_contractor') as (typeof body.units)[number];
  const caseId = newId('cas');
  const noticeId = newId('ntc');
  const inspectionId = newId('ins');
  const at = new Date(`${date}T10:00:00+08:00`).toISOString();
  const findings: FindingRecord[] = [1, 2].map((n) => ({
    id: newId('haz'),
    projectId,
    inspectionId,
    kind: 'hazard',
    category: 'scaffolding',
    severity: 'general',
    unitCreditCode: contractor.creditCode,
    description: `${n} 号楼外脚手架连墙件缺失`,
    foundOn: date,
    deadline: addDays(date, 7),
    status: 'open',
    version: 1,
    history: [],
  }));
  const inspection: InspectionRecord = {
    id: inspectionId,
    projectId,
    date,
    kind: 'joint',
    inspectors: ['王五', '赵六'],
    keyPersonnelPresent: { projectManager: true, chiefSupervisingEngineer: false },
    summary: '联合执法检查，脚手架问题突出',
    findingIds: findings.map((finding) => finding.id),
    recordedAt: at,
    recordedBy: 'crash-inspector',
  };
  const orderId = newId('ord');
  const reportId = newId('mrp');
  const units = project.units.map((unit) => ({ role: unit.role, name: unit.name, creditCode: unit.creditCode }));
  const records: Item[] = [
    {
      ...keys.notice(projectId, caseId, noticeId),
      type: 'notice',
      id: noticeId,
      caseId,
      projectId,
      noticeType: 'inclusion',
      number: `通住建差监告〔2038〕${noticeId.slice(-4)}号`,
      issuedOn: date,
      receiptDueOn: addDays(date, 7),
      documentKey: `notices/${caseId}/${noticeId}.pdf`,
      documentSha256: null,
      recipients: units.map((unit) => unit.name),
      conditionsMet: ['C1'],
    },
    { ...keys.inspection(projectId, inspectionId), type: 'inspection', ...inspection },
    ...findings.map((finding) => ({ ...keys.hazard(projectId, finding.id), type: 'finding', ...finding })),
    {
      ...keys.inspectionReport(projectId, inspectionId),
      type: 'inspection-report',
      ...inspectionReportOf(project, inspection, findings, [DEFAULT_RULE_SET]),
    },
    {
      ...keys.groupOrder(projectId, caseId, 2, 'crashgroup'),
      type: 'group-order',
      id: orderId,
      caseId,
      projectId,
      level: 2,
      groupCompany: '北京城建集团有限责任公司',
      units: units.filter((unit) => unit.role !== 'subcontractor' && unit.role !== 'supervisor'),
      orders: ['group_replace_responsible_persons', 'group_staff_on_site'],
      orderedOn: addDays(date, 1),
      groupReportDueOn: addDays(date, 15),
      groupReportDueAt: `${addDays(date, 15)}T23:59:59+08:00`,
      grounds: ['1项隐患逾期未整改闭合'],
      includedOn: date,
      documentKey: `orders/${caseId}/${orderId}.pdf`,
      documentSha256: null,
    },
    {
      ...keys.municipalReport(projectId, caseId),
      type: 'municipal-report',
      id: reportId,
      caseId,
      projectId,
      recipient: '北京市住房和城乡建设委员会',
      reportedOn: addDays(date, 2),
      level: 3,
      month: date.slice(0, 7),
      cycleIndex: 3,
      includedOn: date,
      projectName: project.name,
      units,
      conditionsMet: ['C1', 'C4'],
      violations: ['1项隐患逾期未整改闭合'],
      measures: [{ level: 1, code: 'resident_supervision', name: '驻场监督', startedOn: date }],
      circularId: newId('cir'),
      circularNumber: '通住建安通〔2038〕1号',
      eventId: newId('evt'),
      documentKey: `municipal-reports/${caseId}/${reportId}.pdf`,
      documentSha256: null,
    },
  ];
  await table.client.send(
    new BatchWriteCommand({ RequestItems: { [table.name]: records.map((Item) => ({ PutRequest: { Item } })) } }),
  );
  const message = (type: string, subjectId: string, data: Item): SQSRecord => {
    const messageId = randomUUID();
    const envelope = {
      version: '0',
      id: randomUUID(),
      'detail-type': type,
      source: 'supervision',
      account: '000000000000',
      time: at,
      region: 'us-east-1',
      resources: [],
      detail: { eventId: newId('evt'), occurredAt: at, subjectId, data: { projectId, ...data } },
    };
    return {
      messageId,
      receiptHandle: messageId,
      body: JSON.stringify(envelope),
      attributes: {
        ApproximateReceiveCount: '1',
        SentTimestamp: String(Date.now()),
        SenderId: 'events.amazonaws.com',
        ApproximateFirstReceiveTimestamp: String(Date.now()),
      },
      messageAttributes: {},
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:document-renders',
      awsRegion: 'us-east-1',
    };
  };
  return {
    projectId,
    recordKeys: records.filter((record) => 'documentKey' in record).map((record) => String(record.sk)),
    pending: [
      message('NoticeIssued', noticeId, { noticeId, caseId, type: 'inclusion' }),
      message('InspectionRecorded', inspectionId, { inspectionId }),
      message('GroupOrdersIssued', caseId, { caseId, level: 2, orderIds: [orderId] }),
      message('MunicipalReportRequested', caseId, { caseId, reportId }),
    ],
  };
}

interface DeclaredUpload {
  id: string;
  key: string;
  sha256: string;
}

type VerifierState = Awaited<ReturnType<typeof activeCase>> & { receipt: DeclaredUpload; forged: DeclaredUpload };
type PublicationState = Awaited<ReturnType<typeof activeCase>> & { circularId: string; key: string };

/**
 * An upload as the unit makes it, in the order that keeps the local twin's own verifier out of the way: the object
 * is put under its key first (the twin's verifier, on its "Object Created", finds no declaration and ignores it),
 * then declared as `POST /v1/uploads` records it. The verifier under test then gets the object's event.
 */
async function declaredUpload(
  active: { projectId: string; caseId: string },
  upload: {
    docType: DocumentRecord['docType'];
    unitCreditCode: string;
    bytes: Buffer;
    contentType: 'application/pdf';
    reportDate?: string;
    noticeId?: string;
    /** the bytes the unit declared (size and SHA-256), when they are not the ones uploaded */
    declaredAs?: Buffer;
  },
): Promise<DeclaredUpload> {
  const id = newId('doc');
  const key = `cases/${active.caseId}/${upload.unitCreditCode}/${upload.docType}/${id}.pdf`;
  await s3Direct.send(
    new PutObjectCommand({ Bucket: documentsBucket(), Key: key, Body: upload.bytes, ContentType: upload.contentType }),
  );
  await eventually(
    async () => ((await api('/_local/events')).json as { items: LocalEvent[] }).items,
    (events) =>
      events.some(
        (event) =>
          event.event.detail?.object?.key === key &&
          event.deliveries.every((delivery) => delivery.status !== 'pending'),
      ),
    { what: `the twin's verifier to pass over ${key}` },
  );
  const declared = upload.declaredAs ?? upload.bytes;
  const sha256 = createHash('sha256').update(declared).digest('hex');
  const document: DocumentRecord = {
    id,
    caseId: active.caseId,
    projectId: active.projectId,
    linkId: 'lnk_crashtest',
    unitCreditCode: upload.unitCreditCode,
    unitRole: upload.docType === 'daily_report' ? 'general_contractor' : 'developer',
    docType: upload.docType,
    fileName: `${upload.docType}.pdf`,
    contentType: upload.contentType,
    size: declared.length,
    sha256,
    ...(upload.reportDate ? { reportDate: upload.reportDate } : {}),
    ...(upload.noticeId ? { noticeId: upload.noticeId } : {}),
    key,
    status: 'pending',
    reason: null,
    requestedAt: new Date('2033-03-11T01:55:00Z').toISOString(),
  };
  await table.client.send(
    new BatchWriteCommand({
      RequestItems: {
        [table.name]: [
          {
            PutRequest: {
              Item: { ...keys.document(active.projectId, active.caseId, id), type: 'document', ...document },
            },
          },
          {
            PutRequest: {
              Item: {
                ...keys.reference(id),
                type: 'reference',
                id,
                projectId: active.projectId,
                caseId: active.caseId,
                recordType: 'document',
              },
            },
          },
        ],
      },
    }),
  );
  return { id, key, sha256: createHash('sha256').update(upload.bytes).digest('hex') };
}

interface LocalEvent {
  event: { detail?: { object?: { key?: string } } };
  deliveries: Array<{ status: string }>;
}

function envelope<T extends string>(detailType: T) {
  return {
    id: randomUUID(),
    version: '0',
    account: '000000000000',
    time: new Date().toISOString(),
    region: 'cn-north-1',
    resources: [],
    source: 'supervision',
    'detail-type': detailType,
  };
}

/** S3's "Object Created" for an uploaded object, as the rule on the default bus delivers it. */
function objectCreated(key: string, time: string) {
  return {
    ...envelope('Object Created' as const),
    source: 'aws.s3',
    time: new Date(time).toISOString(),
    detail: { bucket: { name: documentsBucket() }, object: { key, size: 0 } },
  };
}

/** `CaseEscalated` of a failed first cycle that takes the case from level 0 straight to 3 (the whole ladder at once). */
function caseEscalated(ids: { projectId: string; caseId: string }, month: string) {
  const evaluatedOn = addDays(`${month}-01`, 32).slice(0, 7).concat('-01');
  return {
    ...envelope('CaseEscalated' as const),
    detail: {
      eventId: newId('evt'),
      occurredAt: new Date(`${evaluatedOn}T02:30:00+08:00`).toISOString(),
      subjectId: ids.caseId,
      data: {
        caseId: ids.caseId,
        projectId: ids.projectId,
        level: 3,
        levelBefore: 0,
        cycleIndex: 1,
        month,
        evaluatedOn,
        conditionsMet: ['C1' as const],
        reasons: ['周期内仍具备差别化监管条件（C1）'],
        measures: measuresAdded(0, 3),
      },
    },
  };
}

interface EvaluationState {
  month: string;
  runId: string;
  released: { projectId: string; caseId: string };
  escalated: { projectId: string; caseId: string };
}

/**
 * Two cases whose first cycle ends with `month`, both included on the 10th on a criticism of the 5th (before the
 * cycle, so no condition holds inside it): one whose units delivered every obligation of the cycle on time (→
 * release), one whose units delivered nothing (compliance 0 → escalation to level 1).
 */
async function casesDueIn(month: string) {
  const proposed = async () => {
    setClockAt(`${month}-05T10:00:00+08:00`);
    const body = groupedProject();
    const project = await call(projectsHandler, inspector, routes.registerProject(), body);
    const projectId = String(project.body.id);
    const criticism = await call(projectsHandler, inspector, routes.recordCriticism(projectId), {
      date: `${month}-05`,
      issuer: 'district_government',
      documentNo: `通政通〔${month.slice(0, 4)}〕${month.slice(5)}号`,
      summary: '区政府通报批评：安全管理混乱',
    });
    expect(criticism.status, JSON.stringify(criticism.body)).toBe(201);
    return { body, projectId, caseId: String(criticism.body.caseId) };
  };
  const released = await proposed();
  const escalated = await proposed();
  setClockAt(`${month}-10T10:00:00+08:00`);
  for (const { caseId } of [released, escalated]) {
    expect((await call(casesHandler, officer, routes.confirmCase(caseId), {})).status).toBe(200);
  }
  await deliverEveryObligation(released.projectId, released.caseId, released.body);
  return { released, escalated };
}

/** Accepted documents for every obligation of the case's current cycle, each an hour before it was due. */
async function deliverEveryObligation(projectId: string, caseId: string, body: ReturnType<typeof projectBody>) {
  const snapshot = await readSnapshot(projectId);
  const record = snapshot?.cases.find((candidate) => candidate.id === caseId);
  if (!snapshot || !record?.cycle) throw new Error(`case ${caseId} has no cycle`);
  const report = obligationsOfCycle(
    snapshot,
    record,
    record.cycle,
    `${record.cycle.end}T23:59:59+08:00`,
    await readRuleSetHistory(),
  );
  const developer = body.units.find((unit) => unit.role === 'developer')?.creditCode as string;
  const notice = snapshot.notices.find((candidate) => candidate.caseId === caseId);
  const documents = (report?.obligations ?? []).map((obligation) => {
    const id = newId('doc');
    const unitCreditCode = obligation.unitCreditCode ?? developer;
    const uploadedAt = new Date(Date.parse(obligation.dueAt) - 3_600_000).toISOString();
    const document: DocumentRecord = {
      id,
      caseId,
      projectId,
      linkId: 'lnk_crashtest',
      unitCreditCode,
      unitRole: obligation.unitRole ?? 'developer',
      docType: obligation.type,
      fileName: `${obligation.type}.pdf`,
      contentType: 'application/pdf',
      size: 1024,
      sha256: '0'.repeat(64),
      ...(obligation.reportDate ? { reportDate: obligation.reportDate } : {}),
      ...(obligation.type === 'notice_receipt' && notice ? { noticeId: notice.id } : {}),
      key: `cases/${caseId}/${unitCreditCode}/${obligation.type}/${id}.pdf`,
      status: 'accepted',
      reason: null,
      requestedAt: uploadedAt,
      uploadedAt,
      verifiedAt: uploadedAt,
    };
    return { ...keys.document(projectId, caseId, id), type: 'document', ...document };
  });
  expect(documents.length, 'the cycle has obligations to deliver').toBeGreaterThan(10);
  for (let i = 0; i < documents.length; i += 25) {
    await table.client.send(
      new BatchWriteCommand({
        RequestItems: { [table.name]: documents.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) },
      }),
    );
  }
}

/**
 * `count` published circulars, each of its own case: active cases included on the 10th of `month`, escalated to
 * level 3 on the next month's first (the draft circular), published by an officer on the 20th for 6 months. Step by
 * step, the cases in parallel within a step (the worker's clock is one for all).
 */
async function publishedCirculars(month: string, count: number): Promise<PublicationState[]> {
  setClockAt(`${month}-10T10:00:00+08:00`);
  const cases = await Promise.all(Array.from({ length: count }, () => activeCase(`${month}-10`)));
  const evaluatedOn = addDays(`${month}-28`, 5).slice(0, 7);
  const drafted = await Promise.all(
    cases.map((active) =>
      applyEscalation(caseEscalated(active, month).detail, new Date(`${evaluatedOn}-01T02:31:00+08:00`)),
    ),
  );
  // after the units' statement window (5 working days from the 1st)
  setClockAt(`${evaluatedOn}-20T10:00:00+08:00`);
  return Promise.all(
    cases.map(async (active, i) => {
      expect(drafted[i]?.outcome).toBe('recorded');
      const circularId = drafted[i]?.circular?.id as string;
      const published = await call(circularsHandler as ApiHandler, officer, routes.publishCircular(circularId), {
        publicationMonths: 6,
      });
      expect(published.status, JSON.stringify(published.body)).toBe(200);
      return { ...active, circularId, key: randomUUID() };
    }),
  );
}

interface RelayState {
  /** the stream batch the event source mapping hands to the relay */
  records: DynamoDBRecord[];
  /** where the next delivery starts */
  from: number;
  /** after a failure: from the record the relay reported, or the whole batch again */
  redelivery: 'reported' | 'whole';
}

/** Types only the journal consumes, so relaying them has no effect beyond it. */
const RELAYED_TYPES: EventType[] = ['HazardOverdue', 'NoticeReceiptOverdue', 'CaseDismissed'];
let streamSequence = 0;

/**
 * A new outbox item as the unit of work writes it (never written to the table, so the twin's own stream relay
 * never sees it: only the relay under test can bring it to the bus), as its INSERT record on the table's stream.
 */
function outboxRecord(type: EventType, subjectId: string): DynamoDBRecord {
  const detail = {
    eventId: newId('evt'),
    occurredAt: new Date('2036-06-01T02:00:00Z').toISOString(),
    subjectId,
    data: { subjectId, note: 'the outbox relay under crash injection' },
  };
  const item = {
    ...keys.outbox(detail.eventId),
    type: 'outbox',
    source: 'supervision',
    detailType: type,
    detail,
    expiresAt: 2_096_000_000,
  };
  streamSequence += 1;
  return {
    eventID: randomUUID(),
    eventName: 'INSERT',
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: 'us-east-1',
    dynamodb: {
      Keys: marshall(keys.outbox(detail.eventId)) as never,
      NewImage: marshall(item) as never,
      SequenceNumber: String(streamSequence).padStart(21, '0'),
      SizeBytes: 512,
      StreamViewType: 'NEW_IMAGE',
    },
  };
}

/** What a stream record of an outbox item announces. */
function relayedDetail(record: DynamoDBRecord): { type: string; eventId: string; subjectId: string } {
  const item = unmarshall(record.dynamodb?.NewImage as never) as { detailType: string; detail: EventDetail };
  return { type: item.detailType, eventId: item.detail.eventId, subjectId: item.detail.subjectId };
}
