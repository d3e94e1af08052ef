import { createHash } from 'node:crypto';
import middy from '@middy/core';
import httpRouterHandler, { type Route } from '@middy/http-router';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import type * as z from 'zod/mini';
import { clock } from '../clock.js';
import { withShanghaiOffset } from '../domain/dates.js';
import { log } from '../log.js';
import type { RouteSpec } from '../routes/route-spec.js';
import { parseInput } from '../schemas/messages.js';
import { RuleSets } from '../store/rule-sets.js';
import {
  findStoredResponse,
  IdempotencyMismatch,
  type IdempotencyScope,
  IdempotentReplay,
  type StoredResponse,
  UnitOfWork,
} from '../store/unit-of-work.js';
import { CONTENT_LANGUAGE, negotiateLanguage } from './language.js';
import { authorize, type Principal, principalId, principalOf } from './principal.js';
import { HttpProblem, problems, type RequestPart, toProblem } from './problem.js';
import { apiSecurityHeaders } from './security-headers.js';

type Out<S> = S extends z.ZodMiniType ? z.output<S> : undefined;

/** The parsed, validated input of an operation, typed from its row in the wiring table. */
export interface OperationInput<R extends RouteSpec> {
  params: Out<R['params']>;
  query: Out<R['query']>;
  body: Out<R['body']>;
}

export interface RequestContext {
  principal: Principal;
  requestId: string;
  /** the instant of the request, from the one clock */
  now: Date;
  /** a unit of work bound to this request's Idempotency-Key, if it sent one */
  unitOfWork(): UnitOfWork;
  /** the rule-set versions (SPEC §2.1), read once for this request when first needed */
  ruleSets: RuleSets;
  /**
   * This request's Idempotency-Key was already committed by an earlier request of a `reread` operation (confirm,
   * dismiss, extension…): answer the current state and change nothing, even if the state no longer allows the change.
   */
  replay?: boolean;
  event: APIGatewayProxyEventV2;
}

/** What an operation answers; `body` is JSON-encoded. */
export interface HttpResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** The implementation of a route: its parsed input in, its answer out. */
export type Operation<R extends RouteSpec> = (input: OperationInput<R>, context: RequestContext) => Promise<HttpResult>;

type AnyOperation = (input: OperationInput<RouteSpec>, context: RequestContext) => Promise<HttpResult>;

/**
 * The Lambda handler of one function of the wiring table: a router over its routes (its module of shared/routes/,
 * and nothing else, so the function builds no other function's schemas), each route its own middy stack (parse and
 * validate → authorize → idempotency → operation), problem+json for every error.
 * An operation of the table that the function does not implement yet answers 501.
 */
export function apiHandler<Routes extends Record<string, RouteSpec>>(
  routes: Routes,
  operations: { [K in keyof Routes]?: Operation<Routes[K]> },
) {
  const table = operations as Partial<Record<string, AnyOperation>>;
  const routerRoutes = Object.entries(routes).map(
    ([operationId, route]): Route<APIGatewayProxyEventV2, APIGatewayProxyResultV2> => ({
      method: route.method,
      path: route.path,
      handler: routeHandler({ ...route, operationId }, table[operationId]),
    }),
  );
  return middy<APIGatewayProxyEventV2, APIGatewayProxyResultV2>()
    .use(problemResponses())
    .handler(
      httpRouterHandler({
        routes: routerRoutes,
        notFoundResponse: ({ method, path }) => {
          throw problems.noRoute(method, path);
        },
      }) as unknown as (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyResultV2>,
    );
}

function routeHandler(route: RouteSpec & { operationId: string }, operation: AnyOperation | undefined) {
  return middy<APIGatewayProxyEventV2, APIGatewayProxyResultV2>()
    .use(securityHeaders(route.access.kind))
    .use(problemResponses())
    .handler(async (event, context) => {
      const requestId = context?.awsRequestId ?? event.requestContext?.requestId ?? 'unknown';
      const principal = principalOf(event);
      authorize(principal, route.access);
      if (!operation) throw problems.notImplemented(route.operationId);

      const input = {
        params: parsePart(route.params, event.pathParameters ?? {}, 'path'),
        query: parsePart(route.query, event.queryStringParameters ?? {}, 'query'),
        body: route.body ? parsePart(route.body, readJsonBody(event), 'body') : undefined,
      } as OperationInput<RouteSpec>;

      const idempotency = route.idempotent ? idempotencyScope(event, route.operationId, principal) : undefined;
      let storedReread = false;
      if (idempotency) {
        const stored = await findStoredResponse(idempotency).catch(mapIdempotencyError);
        if (stored && !stored.reread) return replay(stored);
        storedReread = stored !== null;
      }
      const now = clock.now();
      const ruleSets = new RuleSets();
      const run = async (replayOfReread: boolean) => {
        const result = await operation(input, {
          principal,
          requestId,
          now,
          ruleSets,
          event,
          unitOfWork: () => new UnitOfWork(now, idempotency),
          ...(replayOfReread ? { replay: true } : {}),
        });
        return jsonResponse(result.status, result.body, result.headers);
      };
      try {
        return await run(storedReread);
      } catch (error) {
        // another request with this key committed first: its answer, or for a reread operation the current state
        if (error instanceof IdempotentReplay) return error.response.reread ? run(true) : replay(error.response);
        // A concurrent request with the same key committed after this one looked the key up, and this one then
        // failed on the state that request had just changed (e.g. 409 "already refused"): answer as a retry
        // arriving after it would, not with the error.
        if (idempotency && !storedReread && !(error instanceof IdempotencyMismatch)) {
          const stored = await findStoredResponse(idempotency).catch(mapIdempotencyError);
          if (stored && !stored.reread) return replay(stored);
          if (stored) return run(true);
        }
        throw mapIdempotencyError(error);
      }
    });
}

function mapIdempotencyError(error: unknown): never {
  if (error instanceof IdempotencyMismatch) throw problems.idempotencyMismatch();
  throw error;
}

function replay(stored: StoredResponse): APIGatewayProxyResultV2 {
  return jsonResponse(stored.status, stored.body, { ...stored.headers, 'idempotent-replayed': 'true' });
}

function parsePart(schema: z.ZodMiniType | undefined, value: unknown, part: RequestPart): unknown {
  if (!schema) return undefined;
  const result = parseInput(schema, value);
  if (!result.success) throw problems.validation(part, result.fields);
  return result.data;
}

function readJsonBody(event: APIGatewayProxyEventV2): unknown {
  if (event.body === undefined || event.body === null || event.body === '') return undefined;
  const contentType = event.headers?.['content-type'] ?? '';
  if (contentType && !/^application\/([\w.+-]*\+)?json\b/i.test(contentType)) throw problems.unsupportedMediaType();
  const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  try {
    return JSON.parse(text);
  } catch (error) {
    throw problems.malformedJson(error instanceof Error ? error.message : 'unparseable');
  }
}

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,128}$/;

function idempotencyScope(
  event: APIGatewayProxyEventV2,
  operationId: string,
  principal: Principal,
): IdempotencyScope | undefined {
  const key = event.headers?.['idempotency-key'];
  if (key === undefined) return undefined;
  if (!IDEMPOTENCY_KEY.test(key)) {
    throw problems.validation('headers', [
      {
        field: 'Idempotency-Key',
        message: {
          zh: '须为 1 至 128 个可打印 ASCII 字符（不含空格），建议用 UUID',
          en: 'use 1 to 128 printable ASCII characters, e.g. a UUID',
        },
      },
    ]);
  }
  const body =
    event.isBase64Encoded && event.body ? Buffer.from(event.body, 'base64').toString('utf8') : (event.body ?? '');
  const requestHash = createHash('sha256')
    .update(`${event.requestContext.http.method} ${event.rawPath}\n${body}`)
    .digest('hex');
  return { scope: `${operationId}#${principalId(principal)}`, key, requestHash };
}

export function jsonResponse(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): APIGatewayProxyResultV2 {
  const isProblem = status >= 400;
  return {
    statusCode: status,
    headers: {
      'content-type': isProblem ? 'application/problem+json' : 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      ...headers,
      // last, so no operation can drop it
      'x-content-type-options': 'nosniff',
    },
    // every instant the API returns is shown in Asia/Shanghai (+08:00), whatever form it was stored in (SPEC §4)
    body: body === undefined ? '' : JSON.stringify(body, shanghaiInstants),
  };
}

/**
 * Middy middleware: the security headers of shared/http/security-headers.ts on every answer of the route, errors
 * included (it runs after the error middleware has shaped the problem). For agency and upload routes they override
 * what the operation set: those answers are personal and must never be cached.
 */
function securityHeaders(
  access: RouteSpec['access']['kind'],
): middy.MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyResultV2> {
  const add = async (request: middy.Request<APIGatewayProxyEventV2, APIGatewayProxyResultV2>) => {
    const response = request.response;
    if (typeof response !== 'object' || response === null) return;
    response.headers = { ...response.headers, ...apiSecurityHeaders(access) };
  };
  return { after: add, onError: add };
}

function shanghaiInstants(_key: string, value: unknown): unknown {
  return typeof value === 'string' ? withShanghaiOffset(value) : value;
}

/**
 * Middy error middleware: every error becomes problem+json in the language the request's `Accept-Language` prefers
 * (Chinese unless it prefers English, SPEC §4 "Errors"); a 500 is logged with its cause and never leaks it.
 */
export function problemResponses(): middy.MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyResultV2> {
  return {
    onError: async (request) => {
      if (request.response && (request.response as { statusCode?: number }).statusCode) return;
      const requestId = request.context?.awsRequestId ?? request.event?.requestContext?.requestId ?? 'unknown';
      const problem = toProblem(request.error, requestId);
      if (problem.status >= 500 && !(request.error instanceof HttpProblem)) {
        log.error('unhandled error', { requestId, path: request.event?.rawPath, error: request.error });
      }
      const language = negotiateLanguage(request.event?.headers?.['accept-language']);
      request.response = jsonResponse(problem.status, problem.render(language, request.event?.rawPath), {
        ...problem.headers,
        'content-language': CONTENT_LANGUAGE[language],
        vary: 'Accept-Language',
      });
    },
  };
}
