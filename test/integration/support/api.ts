/**
 * What integration tests use to talk to the local twin the way a user does: HTTP to the gateway with tokens from
 * `/_local/tokens`, and the table read directly (DynamoDB Local, through the same environment the functions have)
 * to check what was stored. The suite's global setup starts the twin; these helpers refuse to run without it.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { AgencyRole } from '../../../shared/wiring.js';

/** The gateway's base URL, e.g. `http://127.0.0.1:41234` (set by setup-env.ts from the global setup). */
export function baseUrl(): string {
  const url = process.env.LOCAL_BASE_URL;
  if (!url) {
    throw new Error(
      'LOCAL_BASE_URL is not set: run integration tests with `vitest run --project integration`, which starts the local twin',
    );
  }
  return url;
}

export interface ApiOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'HEAD';
  /** a bearer token: an agency JWT from tokenFor(), or an upload token */
  token?: string;
  /** JSON-encoded, with `content-type: application/json` */
  body?: unknown;
  /** sent as is (for malformed bodies); set the content type in `headers` */
  rawBody?: string | Uint8Array;
  headers?: Record<string, string>;
  /** 'manual' (default) keeps redirects visible: a 302 answers with its Location */
  redirect?: 'manual' | 'follow' | 'error';
}

export interface ApiResponse {
  status: number;
  headers: Headers;
  /** the body parsed as JSON, or undefined when it is empty or not JSON */
  json: unknown;
  text: string;
}

/** Call the local API like a client would; never throws for an HTTP error status. */
export async function api(path: string, options: ApiOptions = {}): Promise<ApiResponse> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | Uint8Array | undefined = options.rawBody;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  const response = await fetch(new URL(path, baseUrl()), {
    method: options.method ?? (body === undefined ? 'GET' : 'POST'),
    headers,
    ...(body === undefined ? {} : { body }),
    redirect: options.redirect ?? 'manual',
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, json, text };
}

const tokens = new Map<string, Promise<string>>();

/** An agency token (JWT) for a role, from `POST /_local/tokens`; one per role and user, cached. */
export function tokenFor(role: AgencyRole, sub = `test-${role}`, name?: string): Promise<string> {
  const key = `${role} ${sub} ${name ?? ''}`;
  let token = tokens.get(key);
  if (!token) {
    token = api('/_local/tokens', { method: 'POST', body: { role, sub, ...(name ? { name } : {}) } }).then((r) => {
      if (r.status !== 201) throw new Error(`POST /_local/tokens answered ${r.status}: ${r.text}`);
      return (r.json as { token: string }).token;
    });
    tokens.set(key, token);
    token.catch(() => tokens.delete(key));
  }
  return token;
}

/** Set the local clock every handler reads (`null`: back to the system clock). */
export async function setClock(now: string | Date | null, mode: 'fixed' | 'running' = 'fixed'): Promise<void> {
  const response = await api('/_local/clock', {
    method: 'PUT',
    body: { now: now instanceof Date ? now.toISOString() : now, mode },
  });
  if (response.status !== 200) throw new Error(`PUT /_local/clock answered ${response.status}: ${response.text}`);
}

/** Run a schedule of the wiring table now (`POST /_local/schedules/{name}/trigger`). */
export function triggerSchedule(name: string): Promise<ApiResponse> {
  return api(`/_local/schedules/${encodeURIComponent(name)}/trigger`, { method: 'POST' });
}

type Item = Record<string, unknown>;

let documentClient: DynamoDBDocumentClient | undefined;

/** The table the local twin's functions use, read through the SDK with the functions' environment. */
export const table = {
  get name(): string {
    const name = process.env.TABLE_NAME;
    if (!name) throw new Error('TABLE_NAME is not set: integration tests need the local twin (see setup-env.ts)');
    return name;
  },
  get client(): DynamoDBDocumentClient {
    baseUrl();
    documentClient ??= DynamoDBDocumentClient.from(new DynamoDBClient({}));
    return documentClient;
  },
};

/** Every item of a partition, in sort-key order (`PROJECT#prj_…`, `JOURNAL#…`). */
export async function partitionItems(pk: string, options: { skPrefix?: string } = {}): Promise<Item[]> {
  const items: Item[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await table.client.send(
      new QueryCommand({
        TableName: table.name,
        KeyConditionExpression: options.skPrefix ? 'pk = :pk AND begins_with(sk, :sk)' : 'pk = :pk',
        ExpressionAttributeValues: { ':pk': pk, ...(options.skPrefix ? { ':sk': options.skPrefix } : {}) },
        ExclusiveStartKey: start,
        ConsistentRead: true,
      }),
    );
    items.push(...((page.Items ?? []) as Item[]));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

/**
 * Every item of the table that `filter` (a DynamoDB filter expression) keeps: a full scan, every page (one page is
 * the first megabyte of a table every suite shares, which may hold none of them). Fine for a local table.
 */
export async function scanItems(
  filter: string,
  names: Record<string, string>,
  values: Record<string, unknown>,
): Promise<Item[]> {
  const found: Item[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await table.client.send(
      new ScanCommand({
        TableName: table.name,
        FilterExpression: filter,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }),
    );
    found.push(...((page.Items ?? []) as Item[]));
    start = page.LastEvaluatedKey;
  } while (start);
  return found;
}

/** How many items of a `type` (or, without one, in all) the table holds (a full scan: fine for a local table). */
export async function countItems(type?: string): Promise<number> {
  let count = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await table.client.send(
      new ScanCommand({
        TableName: table.name,
        ...(type === undefined
          ? {}
          : {
              FilterExpression: '#type = :type',
              ExpressionAttributeNames: { '#type': 'type' },
              ExpressionAttributeValues: { ':type': type },
            }),
        Select: 'COUNT',
        ExclusiveStartKey: start,
        ConsistentRead: true,
      }),
    );
    count += page.Count ?? 0;
    start = page.LastEvaluatedKey;
  } while (start);
  return count;
}

/**
 * Poll until `read` returns a value `done` accepts, or fail after `timeoutMs` with the last value in the message.
 * Events travel asynchronously (outbox → stream → relay → bus → consumer), so tests wait by polling, never sleep.
 */
export async function eventually<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  { timeoutMs = 30_000, intervalMs = 100, what = 'the condition' } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) {
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}; last value: ${JSON.stringify(value)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/**
 * Wait until every document of a project's partition (every item with a `documentKey`: notices, inspection reports,
 * group orders, the municipal report) has its SHA-256 recorded by the local twin's document renderer, which works
 * after the commit. Tests that compare a partition before and after a request settle it first.
 */
export async function documentsRendered(projectId: string, { timeoutMs = 60_000 } = {}): Promise<Item[]> {
  const pending = (items: Item[]) =>
    items.filter((item) => typeof item.documentKey === 'string' && !item.documentSha256).map((item) => item.sk);
  return eventually(
    () => partitionItems(`PROJECT#${projectId}`),
    (items) => pending(items).length === 0,
    { timeoutMs, intervalMs: 200, what: `the documents of ${projectId} rendered` },
  );
}

/**
 * A partition's items once the documents in it are rendered: a project's partition (`PROJECT#…`) settles its
 * documents first ({@link documentsRendered}); any other partition holds none and is read as it is.
 */
export function settledPartition(pk: string): Promise<Item[]> {
  return pk.startsWith('PROJECT#') ? documentsRendered(pk.slice('PROJECT#'.length)) : partitionItems(pk);
}

/**
 * Wait until the twin's work queues have nothing waiting or in flight: the document renderer has caught up with
 * every document issued so far (a file after one that issued hundreds would otherwise share the machine with their
 * rendering). For suites whose properties time themselves against the table as a whole (full scans).
 */
export async function workQueuesIdle({ timeoutMs = 300_000 } = {}): Promise<void> {
  type Queue = { name: string; waiting: number; inFlight: number };
  await eventually(
    async () => ((await api('/health')).json as { queues?: Queue[] }).queues ?? [],
    (queues) => queues.every((queue) => queue.waiting === 0 && queue.inFlight === 0),
    { timeoutMs, intervalMs: 500, what: "the twin's work queues idle" },
  );
}

/** The event journal of a subject (`JOURNAL#<id>`), once it holds at least `atLeast` entries. */
export function journalOf(
  subjectId: string,
  { atLeast = 1, timeoutMs = 30_000 }: { atLeast?: number; timeoutMs?: number } = {},
): Promise<Array<Item & { eventType: string; data: unknown }>> {
  return eventually(
    () => partitionItems(`JOURNAL#${subjectId}`) as Promise<Array<Item & { eventType: string; data: unknown }>>,
    (items) => items.length >= atLeast,
    { timeoutMs, what: `${atLeast} journal entr${atLeast === 1 ? 'y' : 'ies'} of ${subjectId}` },
  );
}
