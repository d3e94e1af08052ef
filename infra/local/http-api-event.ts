/**
 * API Gateway HTTP API payload format 2.0, both ways: an incoming request as the event a function receives, and
 * the function's result as the HTTP response API Gateway sends. Pure functions, so the shape is unit-tested.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
 */
import type { APIGatewayProxyEventV2, APIGatewayRequestAuthorizerEventV2 } from 'aws-lambda';
import { LOCAL_ACCOUNT, LOCAL_REGION } from './environment.js';

/** The local API's id in ARNs and request contexts. */
export const LOCAL_API_ID = 'local';

/** The parts of an HTTP request the event is made from. */
export interface IncomingHttpRequest {
  method: string;
  /** path and query as sent, e.g. `/v1/cases?status=active` */
  url: string;
  /** as node:http gives them: lower-case names, arrays for repeated headers */
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  sourceIp: string;
  requestId: string;
  receivedAt: Date;
}

/** The route a request matched: its key (`POST /v1/projects`) and path parameters. */
export interface MatchedRoute {
  routeKey: string;
  pathParameters: Record<string, string>;
}

const TEXT_TYPES = /^(text\/|application\/([\w.+-]*\+)?(json|xml)|application\/(x-www-form-urlencoded|javascript))/i;

/** Split a request URL into API Gateway's rawPath, rawQueryString and queryStringParameters. */
export function splitUrl(url: string): {
  rawPath: string;
  rawQueryString: string;
  queryStringParameters?: Record<string, string>;
} {
  const question = url.indexOf('?');
  const rawPath = question === -1 ? url : url.slice(0, question);
  const rawQueryString = question === -1 ? '' : url.slice(question + 1);
  const parameters: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(rawQueryString)) {
    // API Gateway joins repeated parameters with commas
    parameters[name] = name in parameters ? `${parameters[name]},${value}` : value;
  }
  return {
    rawPath,
    rawQueryString,
    ...(Object.keys(parameters).length ? { queryStringParameters: parameters } : {}),
  };
}

/** Headers as API Gateway passes them: lower-case, repeated values joined by commas, cookies moved out. */
export function eventHeaders(request: IncomingHttpRequest): { headers: Record<string, string>; cookies?: string[] } {
  const headers: Record<string, string> = {};
  let cookies: string[] | undefined;
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    const lower = name.toLowerCase();
    const joined = Array.isArray(value) ? value.join(',') : value;
    if (lower === 'cookie') {
      cookies = joined
        .split(/;\s*/)
        .map((c) => c.trim())
        .filter(Boolean);
      continue;
    }
    headers[lower] = joined;
  }
  headers['x-forwarded-for'] = headers['x-forwarded-for']
    ? `${headers['x-forwarded-for']}, ${request.sourceIp}`
    : request.sourceIp;
  headers['x-forwarded-proto'] ??= 'http';
  const host = headers.host ?? '';
  headers['x-forwarded-port'] ??= host.includes(':') ? (host.split(':').pop() as string) : '80';
  return { headers, ...(cookies?.length ? { cookies } : {}) };
}

/** `12/Mar/2020:19:03:58 +0000`, API Gateway's requestContext.time. */
export function requestTime(date: Date): string {
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(date.getUTCDate())}/${months[date.getUTCMonth()]}/${date.getUTCFullYear()}:${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())} +0000`;
}

function requestContext(
  request: IncomingHttpRequest,
  route: MatchedRoute,
  rawPath: string,
  headers: Record<string, string>,
) {
  return {
    accountId: LOCAL_ACCOUNT,
    apiId: LOCAL_API_ID,
    domainName: headers.host ?? '127.0.0.1',
    domainPrefix: (headers.host ?? '127').split('.')[0] as string,
    http: {
      method: request.method,
      path: rawPath,
      protocol: 'HTTP/1.1',
      sourceIp: request.sourceIp,
      userAgent: headers['user-agent'] ?? '',
    },
    requestId: request.requestId,
    routeKey: route.routeKey,
    stage: '$default',
    time: requestTime(request.receivedAt),
    timeEpoch: request.receivedAt.getTime(),
  };
}

/** The payload 2.0 event for a route's integration; `authorizer` is what the route's authorizer established. */
export function toHttpApiEvent(
  request: IncomingHttpRequest,
  route: MatchedRoute,
  authorizer?: Record<string, unknown>,
): APIGatewayProxyEventV2 {
  const { rawPath, rawQueryString, queryStringParameters } = splitUrl(request.url);
  const { headers, cookies } = eventHeaders(request);
  const hasBody = request.body.length > 0;
  const isText = TEXT_TYPES.test(headers['content-type'] ?? 'application/octet-stream');
  const event = {
    version: '2.0',
    routeKey: route.routeKey,
    rawPath,
    rawQueryString,
    ...(cookies ? { cookies } : {}),
    headers,
    ...(queryStringParameters ? { queryStringParameters } : {}),
    requestContext: { ...requestContext(request, route, rawPath, headers), ...(authorizer ? { authorizer } : {}) },
    ...(Object.keys(route.pathParameters).length ? { pathParameters: route.pathParameters } : {}),
    ...(hasBody ? { body: isText ? request.body.toString('utf8') : request.body.toString('base64') } : {}),
    isBase64Encoded: hasBody && !isText,
  };
  return event as APIGatewayProxyEventV2;
}

/** The event a REQUEST Lambda authorizer (payload 2.0) receives for a route. */
export function toAuthorizerEvent(
  request: IncomingHttpRequest,
  route: MatchedRoute,
  identitySource: string[],
): APIGatewayRequestAuthorizerEventV2 {
  const { rawPath, rawQueryString, queryStringParameters } = splitUrl(request.url);
  const { headers, cookies } = eventHeaders(request);
  const [method, path] = route.routeKey.split(' ');
  const event = {
    version: '2.0',
    type: 'REQUEST',
    routeArn: `arn:aws:execute-api:${LOCAL_REGION}:${LOCAL_ACCOUNT}:${LOCAL_API_ID}/$default/${method}${path}`,
    identitySource,
    routeKey: route.routeKey,
    rawPath,
    rawQueryString,
    ...(cookies ? { cookies } : {}),
    headers,
    ...(queryStringParameters ? { queryStringParameters } : {}),
    requestContext: requestContext(request, route, rawPath, headers),
    ...(Object.keys(route.pathParameters).length ? { pathParameters: route.pathParameters } : {}),
  };
  return event as unknown as APIGatewayRequestAuthorizerEventV2;
}

/** An HTTP response, ready to write. */
export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[]>;
  body: Buffer;
}

/**
 * A function's result as API Gateway turns it into a response: `{statusCode, headers, body, isBase64Encoded,
 * cookies}`, or anything else (no `statusCode`) as a 200 JSON body, the "plain object" shorthand.
 */
export function fromHttpApiResult(result: unknown): HttpResponse {
  if (typeof result !== 'object' || result === null || !('statusCode' in result)) {
    const text = result === undefined ? '' : JSON.stringify(result);
    return { status: 200, headers: { 'content-type': 'application/json' }, body: Buffer.from(text ?? '') };
  }
  const shaped = result as {
    statusCode: number;
    headers?: Record<string, string | number | boolean>;
    body?: string;
    isBase64Encoded?: boolean;
    cookies?: string[];
  };
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(shaped.headers ?? {})) headers[name.toLowerCase()] = String(value);
  if (shaped.cookies?.length) headers['set-cookie'] = shaped.cookies;
  const body = shaped.body
    ? shaped.isBase64Encoded
      ? Buffer.from(shaped.body, 'base64')
      : Buffer.from(shaped.body, 'utf8')
    : Buffer.alloc(0);
  return { status: Number(shaped.statusCode), headers, body };
}
