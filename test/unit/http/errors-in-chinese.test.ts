import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FunctionName, RouteSpec } from '../../../shared/wiring.js';

/**
 * The guard of SPEC §4 "Errors" over the whole wiring table: whatever bad input a route gets, its 4xx problem is in
 * Chinese (`title`, `detail`, every field message, `Content-Language: zh-CN`) unless the request prefers English,
 * and then it has no Chinese at all. The real pipeline and the real schemas of every route; the operations are
 * stand-ins that answer 200, so a refusal can only come from the pipeline (authorization, parsing, validation), and
 * no input here reaches a store.
 */

// The pipeline reads its configuration at import (cold start); these paths never reach DynamoDB.
process.env.TABLE_NAME ??= 'unit-test-table';

type Handler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;
type Route = RouteSpec & { operationId: string };

const CJK = /[\u3400-\u9fff\uff01-\uff5e\u3000-\u303f]/;
const context = { awsRequestId: 'req-1', getRemainingTimeInMillis: () => 10_000 } as unknown as Context;

let routeList: readonly Route[];
const handlers = new Map<FunctionName, Handler>();

beforeAll(async () => {
  const wiring = await import('../../../shared/wiring.js');
  const { apiHandler } = await import('../../../shared/http/api.js');
  routeList = wiring.routeList;
  for (const [name, routes] of Object.entries(wiring.routesByFunction)) {
    const operations = Object.fromEntries(Object.keys(routes).map((operationId) => [operationId, stand_in]));
    handlers.set(name as FunctionName, apiHandler(routes, operations as never) as unknown as Handler);
  }
});

async function stand_in() {
  return { status: 200, body: {} };
}

/** The authorizer output that lets a caller through to the route (so the schemas are what refuses). */
function authorizerFor(route: Route): object | undefined {
  const link = { linkId: 'lnk_1', projectId: 'prj_1', unitCreditCode: '91110112MA01ABCD04', validUntil: null };
  switch (route.access.kind) {
    case 'agency':
      return { jwt: { claims: { sub: 'u1', token_use: 'access', 'cognito:groups': '[officer]' }, scopes: [] } };
    case 'upload':
      return { lambda: { ...link, caseId: 'cas_1' } };
    case 'assessment':
      return { lambda: { ...link, linkKind: 'assessment' } };
    case 'public':
      return undefined;
  }
}

interface Request {
  path?: string;
  query?: Record<string, string>;
  body?: string;
  headers?: Record<string, string>;
  authorized?: boolean;
}

async function send(route: Route, request: Request, acceptLanguage?: string) {
  const path = request.path ?? route.path.replace(/\{[^}]+\}/g, '~bad~');
  const query = request.query ?? {};
  const headers: Record<string, string> = { 'content-type': 'application/json', ...request.headers };
  if (acceptLanguage !== undefined) headers['accept-language'] = acceptLanguage;
  const authorizer = request.authorized === false ? undefined : authorizerFor(route);
  const event = {
    version: '2.0',
    routeKey: `${route.method} ${route.path}`,
    rawPath: path,
    rawQueryString: new URLSearchParams(query).toString(),
    queryStringParameters: Object.keys(query).length ? query : undefined,
    headers,
    body: request.body,
    isBase64Encoded: false,
    requestContext: {
      requestId: 'req-1',
      http: { method: route.method, path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'test' },
      ...(authorizer ? { authorizer } : {}),
    },
  } as unknown as APIGatewayProxyEventV2;
  const handler = handlers.get(route.function) as Handler;
  return handler(event, context);
}

/** Every text of a problem a person reads. */
function textsOf(body: { title: string; detail: string; errors?: Array<{ message: string }> }): string[] {
  return [body.title, body.detail, ...(body.errors ?? []).map((error) => error.message)];
}

/** Asserts the language of a 4xx answer; returns whether it was one. */
function expectLanguage(response: APIGatewayProxyStructuredResultV2, language: 'zh' | 'en'): boolean {
  const status = response.statusCode ?? 0;
  expect(status, String(response.body)).toBeLessThan(500);
  if (status < 400) return false;
  expect(response.headers?.['content-type']).toBe('application/problem+json');
  expect(response.headers?.['content-language']).toBe(language === 'zh' ? 'zh-CN' : 'en');
  const body = JSON.parse(String(response.body));
  for (const text of textsOf(body)) {
    expect(typeof text).toBe('string');
    if (language === 'zh') expect(text, `${body.type}: ${text}`).toMatch(CJK);
    else expect(text, `${body.type}: ${text}`).not.toMatch(CJK);
  }
  return true;
}

/** `Accept-Language` headers that prefer Chinese (or nothing we write: Chinese is the default), and English. */
const CHINESE_PREFERRED = [
  undefined,
  '',
  'zh-CN',
  'zh-CN,zh;q=0.9,en;q=0.8',
  '*',
  'fr-FR',
  'en;q=0',
  'de, zh-TW;q=0.5',
];
const ENGLISH_PREFERRED = ['en', 'en-US,en;q=0.9,zh-CN;q=0.8', 'fr, en;q=0.5', 'zh-CN;q=0.3, en-GB;q=0.7'];

/**
 * The bad requests every route must refuse, with what each refusal is about; `{}` is also sent, and may be
 * accepted by a body whose fields are all optional.
 */
function badRequests(route: Route): Array<[string, Request, 'refused' | 'maybe']> {
  const requests: Array<[string, Request, 'refused' | 'maybe']> = [];
  if (route.access.kind !== 'public') requests.push(['no credentials', { authorized: false }, 'refused']);
  if (route.params) requests.push(['an id that is no id', {}, 'refused']);
  const path = route.path.replace(/\{[^}]+\}/g, 'x');
  // a path that routes to no operation of this function
  requests.push(['no such route', { path: `${path}/nothing-here` }, 'refused']);
  if (route.body) {
    const valid = (request: Request): Request => ({ path: validPath(route), ...request });
    requests.push(['malformed JSON', valid({ body: '{"name": ' }), 'refused']);
    requests.push(['not JSON', valid({ body: 'name=x', headers: { 'content-type': 'text/plain' } }), 'refused']);
    requests.push(['an empty object', valid({ body: '{}' }), 'maybe']);
    requests.push(['an array', valid({ body: '[1, "two"]' }), 'refused']);
  }
  if (route.idempotent) {
    const request = { path: validPath(route), headers: { 'idempotency-key': 'two words' } };
    requests.push(['a bad Idempotency-Key', request, 'refused']);
  }
  return requests;
}

/** The route's path with ids its schemas accept, so a refusal is about the body or headers. */
function validPath(route: Route): string {
  return route.path.replace(/\{([^}]+)\}/g, (_whole, name: string) => VALID_PARAMS[name] ?? 'x');
}

const ULID = '01JD5Z3X8K9Q2W4E6R7T8Y9V0P';
const VALID_PARAMS: Record<string, string> = {};
beforeAll(async () => {
  // a record id of each prefix the paths use, as the API hands them out (`prj_01J…`)
  for (const route of routeList) {
    if (!route.params) continue;
    for (const [, name] of route.path.matchAll(/\{([^}]+)\}/g)) {
      if (!name || VALID_PARAMS[name]) continue;
      for (const candidate of idCandidates()) {
        const parsed = (route.params as import('zod').ZodType).safeParse({ ...VALID_PARAMS, [name]: candidate });
        const issues = parsed.success ? [] : parsed.error.issues.filter((issue) => issue.path[0] === name);
        if (issues.length === 0) {
          VALID_PARAMS[name] = candidate;
          break;
        }
      }
    }
  }
});

function idCandidates(): string[] {
  const prefixes = ['prj', 'cas', 'ntc', 'hzd', 'doc', 'run', 'cir', 'ins', 'lnk', 'asm', 'rul', 'unt', 'rpt'];
  return [...prefixes.map((prefix) => `${prefix}_${ULID}`), '91110112MA01ABCD04', 'jgj59-2011', '2026-10', 'x'];
}

describe('every 4xx of every route is in Chinese by default, and in English on Accept-Language: en (SPEC §4)', () => {
  it('refuses the bad requests of every route of the wiring table in the language asked for', async () => {
    let refusals = 0;
    for (const route of routeList) {
      for (const [about, request, outcome] of badRequests(route)) {
        for (const [language, header] of [
          ['zh', CHINESE_PREFERRED[refusals % CHINESE_PREFERRED.length]],
          ['en', ENGLISH_PREFERRED[refusals % ENGLISH_PREFERRED.length]],
        ] as const) {
          const response = await send(route, request, header);
          const refused = expectLanguage(response, language);
          // these requests are bad: each must be refused, not just answered in the right language
          if (outcome === 'refused') {
            expect(refused, `${route.method} ${route.path}: ${about} (${header}) → ${response.statusCode}`).toBe(true);
          }
          if (refused) refusals++;
        }
      }
    }
    expect(refusals).toBeGreaterThan(routeList.length);
  });

  it('fuzz: any JSON body, query and Accept-Language; every refusal in the language the header prefers', async () => {
    const withBody = routeList.filter((route) => route.body || route.query);
    expect(withBody.length).toBeGreaterThan(0);
    // ASCII only, so nothing of the input echoed in a message could be the Chinese the English answer must lack
    const json = fc.jsonValue({ maxDepth: 3 });
    const asciiJson = json.filter((value) => !CJK.test(JSON.stringify(value)));
    const language = fc.oneof(
      fc.constantFrom(...CHINESE_PREFERRED).map((header) => ['zh', header] as const),
      fc.constantFrom(...ENGLISH_PREFERRED).map((header) => ['en', header] as const),
    );
    const query = fc.dictionary(
      fc.constantFrom('asOf', 'limit', 'cursor', 'status', 'q', 'month', 'subjectKind', 'subjectId', 'district'),
      fc.string({ maxLength: 12 }).filter((value) => !CJK.test(value)),
      { maxKeys: 3 },
    );
    let refusals = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...withBody),
        asciiJson,
        query,
        language,
        async (route, body, query, [expected, header]) => {
          const request: Request = { path: validPath(route), query };
          if (route.body) request.body = JSON.stringify(body);
          if (expectLanguage(await send(route, request, header), expected)) refusals++;
        },
      ),
      { numRuns: 300 },
    );
    // most random bodies are wrong somewhere; a run that refused none tested nothing
    expect(refusals).toBeGreaterThan(100);
  });

  it('no English message holds Chinese: the en half of every { zh, en } written in the code', () => {
    // the random inputs above rarely reach a schema's own messages; every one is written as a literal, so read them
    const root = join(import.meta.dirname, '../../..');
    const files = ['shared', 'functions', 'infra'].flatMap((directory) =>
      readdirSync(join(root, directory), { recursive: true, encoding: 'utf8' })
        .filter((file) => file.endsWith('.ts'))
        .map((file) => join(directory, file)),
    );
    expect(files.length).toBeGreaterThan(50);
    const english = /\ben: (['`"])((?:(?!\1)[^\\]|\\.)*)\1/g;
    const offending = files.flatMap((file) =>
      [...readFileSync(join(root, file), 'utf8').matchAll(english)]
        .filter(([, , text]) => CJK.test(text?.replace(/\$\{[^}]*\}/g, '') ?? ''))
        .map(([literal]) => `${file}: ${literal}`),
    );
    expect(offending).toEqual([]);
  });
});
