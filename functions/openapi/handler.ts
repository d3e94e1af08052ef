import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import { ENV, optionalEnv } from '../../shared/config.js';
import { CONTENT_LANGUAGE, negotiateLanguage } from '../../shared/http/language.js';
import { problems } from '../../shared/http/problem.js';
import { apiSecurityHeaders } from '../../shared/http/security-headers.js';
// generated from the wiring table's zod schemas by `npm run build:openapi` (shared/http/openapi-static.ts)
import generated from './openapi.json' with { type: 'json' };

/**
 * The document with this deployment's `servers` entry, serialised once per execution environment: it only changes
 * with a deployment. Plain JSON in, a string out — no zod, no router, no SDK on this function's cold start.
 */
function servedDocument(serverUrl: string | undefined): string {
  if (!serverUrl) return JSON.stringify(generated);
  const { openapi, info, ...rest } = generated as { openapi: string; info: unknown } & Record<string, unknown>;
  return JSON.stringify({ openapi, info, servers: [{ url: serverUrl }], ...rest });
}

const body = servedDocument(optionalEnv(ENV.publicBaseUrl));

const headers = (contentType: string, cacheControl: string) => ({
  'content-type': contentType,
  'cache-control': cacheControl,
  ...apiSecurityHeaders('public'),
  'x-content-type-options': 'nosniff',
});

/**
 * `GET /openapi.json`; and, in AWS, every request no route of the API matches (the `$default` route,
 * infra/constructs/supervision-api.ts): a 404 problem in Chinese, as the local twin's gateway answers, instead of API
 * Gateway's English `{"message":"Not Found"}`.
 */
export async function handler(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyResultV2> {
  const method = event.requestContext?.http?.method ?? 'GET';
  const path = event.rawPath ?? '/openapi.json';
  if ((method === 'GET' || method === 'HEAD') && path === '/openapi.json') {
    return {
      statusCode: 200,
      headers: headers('application/json; charset=utf-8', 'public, max-age=300'),
      body: method === 'HEAD' ? '' : body,
    };
  }
  const problem = problems.noRoute(method, path);
  const language = negotiateLanguage(event.headers?.['accept-language']);
  return {
    statusCode: problem.status,
    headers: {
      ...headers('application/problem+json', 'no-store'),
      ...problem.headers,
      'content-language': CONTENT_LANGUAGE[language],
      vary: 'Accept-Language',
    },
    body: JSON.stringify(problem.render(language, path)),
  };
}
