import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { APIGatewaySimpleAuthorizerWithContextResult } from 'aws-lambda';
import * as z from 'zod/mini';
import { clock, clockMode, setClock } from '../../shared/clock.js';
import type { FieldProblem, Language } from '../../shared/domain/errors.js';
import { CONTENT_LANGUAGE, negotiateLanguage } from '../../shared/http/language.js';
import { HttpProblem, problems } from '../../shared/http/problem.js';
import { type PageOrigins, pageSecurityHeaders } from '../../shared/http/security-headers.js';
import { log } from '../../shared/log.js';
import { parseInput } from '../../shared/schemas/messages.js';
import { type RouteSpec, routeList } from '../../shared/wiring.js';
import type { AgencyTokens } from './agency-tokens.js';
import type { DeadLetterQueue } from './async-invocation.js';
import { readBodyBytes } from './aws-json-endpoint.js';
import { consoleResponse } from './console-site.js';
import { LocalStartError } from './dynamodb-local.js';
import type { LocalEventBus } from './event-bus.js';
import {
  fromHttpApiResult,
  type HttpResponse,
  type IncomingHttpRequest,
  type MatchedRoute,
  toAuthorizerEvent,
  toHttpApiEvent,
} from './http-api-event.js';
import { FunctionLoadError, FunctionTimeoutError, type LambdaRuntime } from './lambda-runtime.js';
import type { PublicSite } from './public-site.js';
import { RouteTable } from './route-table.js';
import type { LocalScheduler } from './scheduler.js';

/** API Gateway's payload limit is 10 MB; the twin's API takes JSON only, so 1 MiB is plenty and catches mistakes. */
export const MAX_REQUEST_BYTES = 1024 * 1024;

/** What the gateway serves once the stack is up. */
export interface GatewayServices {
  runtime: LambdaRuntime;
  tokens: AgencyTokens;
  bus: LocalEventBus;
  scheduler: LocalScheduler;
  dlq: DeadLetterQueue;
  publicSite: PublicSite;
  /** where the pages may connect to (their Content-Security-Policy): the gateway itself and the S3 server */
  pageOrigins: PageOrigins;
  /** extra fields for `GET /health` */
  describe(): Record<string, unknown>;
  /** the built agency console (`dist/console`), served under `/console/` */
  consoleDirectory?: string;
}

const tokenRequest = z.object({
  role: z.enum(['inspector', 'officer']),
  sub: z.string().check(z.trim(), z.minLength(1), z.maxLength(128)),
  name: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(128))),
});

const clockRequest = z.object({
  now: z.union([z.iso.datetime({ offset: true }), z.null()]),
  mode: z.optional(z.enum(['fixed', 'running'])),
});

/**
 * The local API Gateway (HTTP API): a node:http server on 127.0.0.1 that routes the wiring table's routes to
 * their functions with payload 2.0 events, authenticates as the cloud does (JWT authorizer for agency routes,
 * the upload-authorizer function for upload routes), serves the public site, and adds the local-only routes.
 * It listens before the rest of the stack starts (so a taken port fails at once) and answers 503 until ready.
 */
export class LocalGateway {
  private services: GatewayServices | undefined;
  private readonly routes = new RouteTable<RouteSpec & { operationId: string }>(routeList);

  private constructor(
    private readonly server: Server,
    readonly port: number,
    private readonly quiet: boolean,
  ) {}

  /** Bind 127.0.0.1:port (0 = any free port); a taken port is a LocalStartError with one clear line. */
  static async listen(port: number, quiet: boolean): Promise<LocalGateway> {
    let gateway: LocalGateway | undefined;
    const server = createServer((request, response) => {
      void gateway?.handle(request, response);
    });
    server.keepAliveTimeout = 5_000;
    const actualPort = await new Promise<number>((resolve, reject) => {
      server.once('error', (error: NodeJS.ErrnoException) => {
        reject(
          error.code === 'EADDRINUSE'
            ? new LocalStartError(
                `Port ${port} is already in use on 127.0.0.1: stop what is using it, or start with --port <another> (or PORT=<another>).`,
              )
            : error,
        );
      });
      server.listen(port, '127.0.0.1', () => {
        const address = server.address();
        resolve(typeof address === 'object' && address ? address.port : port);
      });
    });
    gateway = new LocalGateway(server, actualPort, quiet);
    return gateway;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Start serving requests with these services. */
  attach(services: GatewayServices): void {
    this.services = services;
  }

  async stop(): Promise<void> {
    this.services = undefined;
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeIdleConnections();
    });
    this.server.closeAllConnections();
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const started = Date.now();
    const requestId = randomUUID();
    // the gateway's own problems speak the request's language, as the functions' do (SPEC §4 "Errors")
    const language = negotiateLanguage(headerValue(request.headers['accept-language']));
    let answer: HttpResponse;
    try {
      answer = await this.route(request, requestId, language);
    } catch (error) {
      answer = errorResponse(error, requestId, request.url ?? '/', language);
    }
    // Every answer, the gateway's own ones included (SPEC §4 "Security"); function answers carry it already.
    answer.headers['x-content-type-options'] = 'nosniff';
    answer.headers['apigw-requestid'] = requestId;
    answer.headers['content-length'] = String(answer.body.length);
    if (!response.headersSent) {
      response.writeHead(answer.status, answer.headers);
      response.end(request.method === 'HEAD' ? undefined : answer.body);
    }
    if (!this.quiet) {
      log.info('request', {
        method: request.method,
        path: (request.url ?? '').split('?')[0],
        status: answer.status,
        ms: Date.now() - started,
        requestId,
      });
    }
  }

  private async route(request: IncomingMessage, requestId: string, language: Language): Promise<HttpResponse> {
    const services = this.services;
    if (!services) {
      throw new HttpProblem(503, 'starting', {
        zh: '本地环境正在启动，请稍候几秒再试。',
        en: 'The local twin is starting; try again.',
      });
    }
    const body = await readBody(request);
    if (body === undefined) {
      throw new HttpProblem(413, 'payload-too-large', {
        zh: `请求内容超过 ${MAX_REQUEST_BYTES} 字节（1 MiB）：接口只收 JSON，文件请通过上传链接直接传到存储。`,
        en: `Send at most ${MAX_REQUEST_BYTES} bytes (the API takes JSON; files go to storage through an upload link).`,
      });
    }
    const method = request.method ?? 'GET';
    const url = request.url ?? '/';
    const path = url.split('?')[0] as string;
    const incoming: IncomingHttpRequest = {
      method,
      url,
      headers: request.headers,
      body,
      sourceIp: request.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '127.0.0.1',
      requestId,
      receivedAt: new Date(),
    };

    if (path === '/health' || path.startsWith('/_local/')) {
      const refusal = this.crossSiteRefusal(request);
      if (refusal) throw refusal;
      return this.localRoute(services, method, path, body);
    }

    const match = this.routes.match(method, path);
    if (match.kind === 'route') {
      return this.integrate(services, incoming, match.route, {
        routeKey: match.routeKey,
        pathParameters: match.pathParameters,
      });
    }
    if ((method === 'GET' || method === 'HEAD') && (path === '/public' || path.startsWith('/public/'))) {
      return this.sitePage(services, path, request.headers['if-none-match'], language);
    }
    if ((method === 'GET' || method === 'HEAD') && services.consoleDirectory && /^\/console(\/|$)/.test(path)) {
      const answer = consoleResponse(
        services.consoleDirectory,
        path,
        headerValue(request.headers['if-none-match']),
        headerValue(request.headers['accept-encoding']),
      );
      // the console is a page like the public site's: the same headers CloudFront adds in AWS
      return {
        ...answer,
        headers: { ...answer.headers, ...pageSecurityHeaders(services.pageOrigins, { https: false }) },
      };
    }
    if (match.kind === 'method') {
      // API Gateway answers 404 for a method a path does not have; the detail says which ones it has.
      throw problems.notFound({
        zh: `${path} 不接受 ${method} 请求，只接受 ${match.allowed.join('、')}。`,
        en: `${path} accepts ${match.allowed.join(', ')}, not ${method}.`,
      });
    }
    throw problems.noRoute(method, path);
  }

  /** Authenticate as the route's authorizer would, then call the function with a payload 2.0 event. */
  private async integrate(
    services: GatewayServices,
    request: IncomingHttpRequest,
    route: RouteSpec,
    matched: MatchedRoute,
  ): Promise<HttpResponse> {
    let authorizer: Record<string, unknown> | undefined;
    const authorization = headerValue(request.headers.authorization);
    if (route.access.kind === 'agency') {
      const bearer = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
      const verified = bearer ? await services.tokens.verify(bearer) : undefined;
      if (!verified) {
        throw problems.unauthorized(
          bearer
            ? {
                zh: '登录令牌无效（签名、签发方或受众不符，或已过期）：请重新登录以取得新的令牌。',
                en: 'The token is not valid: wrong signature, issuer or audience, or expired. Get a new one.',
              }
            : {
                zh: '请先登录：以请求头 Authorization: Bearer <JWT> 发送监督机构账号的令牌（本地环境：POST /_local/tokens）。',
                en: 'Send an agency token as "Authorization: Bearer <JWT>" (locally: POST /_local/tokens).',
              },
        );
      }
      authorizer = verified as unknown as Record<string, unknown>;
    } else if (route.access.kind === 'upload' || route.access.kind === 'assessment') {
      // one link-token authorizer for both kinds of link, as in AWS (its context says which kind)
      if (!authorization) {
        throw problems.unauthorized({
          zh: '请用链接中的令牌访问：请求头 Authorization: Bearer <令牌>（令牌在监督机构发给本单位的链接里）。',
          en: 'Send the token of your link as "Authorization: Bearer <token>".',
        });
      }
      const decision = (await services.runtime.invoke(
        'upload-authorizer',
        toAuthorizerEvent(request, matched, [authorization]),
      )) as APIGatewaySimpleAuthorizerWithContextResult<Record<string, unknown>> | undefined;
      if (!decision?.isAuthorized) {
        throw problems.forbidden({
          zh: '链接的令牌无效、已过期或已被撤销：请向监督机构索取新的链接。',
          en: 'The link token is not valid, expired, or revoked: ask the agency for a new link.',
        });
      }
      authorizer = { lambda: decision.context ?? {} };
    }
    const event = toHttpApiEvent(request, matched, authorizer);
    const result = await services.runtime.invoke(route.function, event, request.requestId);
    return fromHttpApiResult(result);
  }

  /**
   * A page or file of a static site, with the headers CloudFront's response headers policy adds in AWS
   * (shared/http/security-headers.ts) on every answer, 304 and 404 included.
   */
  private async sitePage(
    services: GatewayServices,
    path: string,
    ifNoneMatch: string | undefined,
    language: Language,
  ): Promise<HttpResponse> {
    const pageHeaders = pageSecurityHeaders(services.pageOrigins, { https: false });
    const object = await services.publicSite.get(path, ifNoneMatch);
    if (object.kind === 'invalid') {
      const shown = path.slice(0, 80);
      const problem = new HttpProblem(400, 'invalid-path', {
        zh: `${object.reason.zh}（${shown}）`,
        en: `${object.reason.en} (${shown})`,
      });
      const answer = problemResponse(problem, language);
      return { ...answer, headers: { ...answer.headers, ...pageHeaders } };
    }
    if (object.kind === 'missing') {
      const shown = path.slice(0, 300);
      const problem = problems.notFound({
        zh: `公示网站上没有 ${shown} 这个页面：请从公示网站首页 /public/ 进入。`,
        en: `There is no public page ${shown}: start from the public site's home page /public/.`,
      });
      const answer = problemResponse(problem, language);
      return { ...answer, headers: { ...answer.headers, ...pageHeaders } };
    }
    if (object.kind === 'not-modified') {
      return {
        status: 304,
        headers: { ...pageHeaders, ...(object.etag ? { etag: object.etag } : {}) },
        body: Buffer.alloc(0),
      };
    }
    const headers: Record<string, string> = { ...pageHeaders, 'content-type': object.contentType };
    if (object.etag) headers.etag = object.etag;
    if (object.cacheControl) headers['cache-control'] = object.cacheControl;
    if (object.lastModified) headers['last-modified'] = object.lastModified.toUTCString();
    return { status: 200, headers, body: object.body };
  }

  /**
   * Local-only routes answer only requests a person on this machine makes: the `Host` must be this gateway's
   * loopback address (a DNS-rebinding page arrives with its own host name) and an `Origin`, when a browser sends one,
   * must be this gateway's own (a foreign page's `fetch` or form post carries its origin). Without this, any web page
   * the developer visits could mint an officer token or move the clock.
   */
  private crossSiteRefusal(request: IncomingMessage): HttpProblem | undefined {
    const loopback = loopbackAuthorities(this.port);
    const host = headerValue(request.headers.host)?.toLowerCase();
    if (!host || !loopback.includes(host)) {
      return new HttpProblem(403, 'local-only', {
        zh: `本地专用路由只接受发往 ${loopback.join('、')} 的请求（收到的 Host 为 ${JSON.stringify(host ?? '')}）。`,
        en: `Local-only routes answer requests to ${loopback.join(', ')} only (the Host was ${JSON.stringify(host ?? '')}).`,
      });
    }
    const origin = headerValue(request.headers.origin);
    const site = headerValue(request.headers['sec-fetch-site']);
    const foreignOrigin = origin !== undefined && !loopback.some((authority) => origin === `http://${authority}`);
    if (foreignOrigin || (site !== undefined && site !== 'same-origin' && site !== 'none')) {
      return new HttpProblem(403, 'local-only', {
        zh: `本地专用路由不接受其他网站发起的请求（Origin 为 ${JSON.stringify(origin ?? '')}）。`,
        en: `Local-only routes refuse requests from other sites (the Origin was ${JSON.stringify(origin ?? '')}).`,
      });
    }
    return undefined;
  }

  private async localRoute(services: GatewayServices, method: string, path: string, body: Buffer) {
    if (path === '/health' && method === 'GET') {
      return json(200, { status: 'ok', url: this.url, clock: clockState(), ...services.describe() });
    }
    if (path === '/_local/tokens' && method === 'POST') {
      const input = parseInput(tokenRequest, parseJson(body));
      if (!input.success) throw validation(input.fields, '{"role": "inspector" | "officer", "sub": "<user id>"}');
      return json(201, { token: await services.tokens.issue(input.data) });
    }
    if (path === '/_local/.well-known/jwks.json' && method === 'GET') {
      return json(200, { keys: [services.tokens.publicJwk] });
    }
    if (path === '/_local/clock' && method === 'GET') return json(200, clockState());
    if (path === '/_local/clock' && method === 'PUT') {
      const input = parseInput(clockRequest, parseJson(body));
      if (!input.success) {
        throw validation(input.fields, '{"now": "2025-03-01T09:00:00+08:00" | null, "mode"?: "fixed" | "running"}');
      }
      setClock(input.data.now === null ? null : new Date(input.data.now), input.data.mode ?? 'fixed');
      // Moving the clock past an occurrence fires it at once (a test sees it promptly); returning to the system
      // clock is a reset, not a journey through the months in between, so it fires nothing.
      if (input.data.now === null) services.scheduler.rebase();
      else services.scheduler.tick();
      return json(200, clockState());
    }
    if (path === '/_local/schedules' && method === 'GET') return json(200, { items: services.scheduler.list() });
    const trigger = /^\/_local\/schedules\/([^/]+)\/trigger$/.exec(path);
    if (trigger && method === 'POST') {
      const name = decodedSegment(trigger[1] as string);
      const outcome = await services.scheduler.trigger(name).catch((error: unknown) => {
        if (error instanceof FunctionLoadError || error instanceof FunctionTimeoutError) throw error;
        // Local only: the developer who triggered it wants the function's own message.
        log.error('scheduled function failed', { schedule: name, error });
        const cause = error instanceof Error ? error.message : String(error);
        throw new HttpProblem(500, 'function-failed', {
          zh: `定时任务“${name}”已运行，但其函数出错：${cause}`,
          en: `The schedule "${name}" ran and its function failed: ${cause}`,
        });
      });
      if (!outcome) {
        const known = services.scheduler.list().map((s) => s.name);
        throw problems.notFound({
          zh: `没有名为“${name}”的定时任务。可用的有：${known.join('、')}。`,
          en: `There is no schedule "${name}". Schedules: ${known.join(', ')}.`,
        });
      }
      return json(200, outcome);
    }
    if (path === '/_local/events' && method === 'GET') return json(200, { items: services.bus.recent() });
    if (path === '/_local/dlq' && method === 'GET') return json(200, { items: services.dlq.list() });
    throw problems.notFound({
      zh: `没有 ${method} ${path} 这个本地专用路由（见 docs/local.md）。`,
      en: `There is no local route ${method} ${path} (see docs/local.md).`,
    });
  }
}

function clockState() {
  return { now: clock.now().toISOString(), mode: clockMode() };
}

/** The `Host` values of this gateway's loopback addresses. */
function loopbackAuthorities(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`];
}

/** A path segment decoded; a malformed escape (`%zz`) is a 400, not the URIError's 500. */
function decodedSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new HttpProblem(400, 'invalid-path', {
      zh: `路径段 ${JSON.stringify(segment)} 的百分号编码无效。`,
      en: `The path segment ${JSON.stringify(segment)} is not validly percent-encoded.`,
    });
  }
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

const readBody = (request: IncomingMessage) => readBodyBytes(request, MAX_REQUEST_BYTES);

function parseJson(body: Buffer): unknown {
  if (body.length === 0) return undefined;
  try {
    return JSON.parse(body.toString('utf8'));
  } catch (error) {
    throw problems.malformedJson(error instanceof Error ? error.message : 'unparseable');
  }
}

/** A refused local-route body: the fields at fault, and the shape to send. */
function validation(fields: FieldProblem[], shape: string): HttpProblem {
  const problem = problems.validation('body', fields);
  return new HttpProblem(
    problem.status,
    problem.type,
    {
      zh: `${problem.detail.zh}请这样发送：${shape}`,
      en: `${problem.detail.en} Send ${shape}`,
    },
    { fields },
  );
}

function json(status: number, body: unknown): HttpResponse {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
    body: Buffer.from(JSON.stringify(body)),
  };
}

function problemResponse(problem: HttpProblem, language: Language, instance?: string): HttpResponse {
  return {
    status: problem.status,
    headers: {
      'content-type': 'application/problem+json',
      'cache-control': 'no-store',
      'content-language': CONTENT_LANGUAGE[language],
      vary: 'Accept-Language',
      ...problem.headers,
    },
    body: Buffer.from(JSON.stringify(problem.render(language, instance))),
  };
}

/** A failure of the gateway or of a function, as API Gateway would answer it but in problem+json. */
function errorResponse(error: unknown, requestId: string, url: string, language: Language): HttpResponse {
  const instance = url.split('?')[0];
  if (error instanceof HttpProblem) return problemResponse(error, language, instance);
  if (error instanceof FunctionTimeoutError) {
    log.error('function timed out', { requestId, error });
    const problem = new HttpProblem(504, 'timeout', {
      zh: `函数未在时限内答复，请稍后重试（请求编号 ${requestId}）。`,
      en: error.message,
    });
    return problemResponse(problem, language, instance);
  }
  if (error instanceof FunctionLoadError) {
    // Local only, and about our own code: say which module is broken.
    log.error('function could not be loaded', { requestId, error });
    const problem = new HttpProblem(500, 'function-not-loaded', {
      zh: `函数无法加载（本地环境，代码有误）：${error.message}`,
      en: error.message,
    });
    return problemResponse(problem, language, instance);
  }
  log.error('function failed', { requestId, error });
  return problemResponse(problems.internal(requestId), language, instance);
}
