import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openApiDocumentText, STATIC_OPENAPI_FILE } from '../../../shared/http/openapi-static.js';

const event = (method: string, path: string) =>
  ({ rawPath: path, requestContext: { http: { method } } }) as unknown as APIGatewayProxyEventV2;

async function freshHandler() {
  vi.resetModules();
  const { handler } = await import('../../../functions/openapi/handler.js');
  return async (method: string, path: string) =>
    (await handler(event(method, path))) as APIGatewayProxyStructuredResultV2;
}

describe('the OpenAPI document served statically', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('is what the zod schemas of the wiring table produce (run npm run build:openapi when this fails)', () => {
    expect(readFileSync(fileURLToPath(STATIC_OPENAPI_FILE), 'utf8')).toBe(openApiDocumentText());
  });

  it('is served with this deployment as its server, the rest as generated', async () => {
    vi.stubEnv('PUBLIC_BASE_URL', 'https://api.example.gov.cn');
    const answer = await (await freshHandler())('GET', '/openapi.json');
    expect(answer.statusCode).toBe(200);
    expect(answer.headers?.['content-type']).toBe('application/json; charset=utf-8');
    expect(answer.headers?.['x-content-type-options']).toBe('nosniff');
    const served = JSON.parse(String(answer.body)) as Record<string, unknown>;
    expect(served.servers).toEqual([{ url: 'https://api.example.gov.cn' }]);
    const { servers: _servers, ...rest } = served;
    expect(rest).toEqual(JSON.parse(openApiDocumentText()));
    expect(Object.keys(served).slice(0, 3)).toEqual(['openapi', 'info', 'servers']);
  });

  it('names no server when none is configured, and answers other paths with a problem', async () => {
    vi.stubEnv('PUBLIC_BASE_URL', '');
    const serve = await freshHandler();
    const served = JSON.parse(String((await serve('GET', '/openapi.json')).body)) as Record<string, unknown>;
    expect(served.servers).toBeUndefined();
    const missing = await serve('POST', '/openapi.json');
    expect(missing.statusCode).toBe(404);
    expect(missing.headers?.['content-type']).toBe('application/problem+json');
    expect(JSON.parse(String(missing.body)).status).toBe(404);
  });

  it('answers what the $default route hands it (no route matched) with a 404 problem in Chinese', async () => {
    const serve = await freshHandler();
    const unknown = await serve('GET', '/v1/projectz');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers?.['content-language']).toBe('zh-CN');
    const problem = JSON.parse(String(unknown.body)) as { title: string; detail: string; instance: string };
    expect(problem.detail).toBe(
      '没有 GET /v1/projectz 这个接口：请核对路径和请求方法（全部接口见 GET /openapi.json）。',
    );
    expect(problem.instance).toBe('/v1/projectz');
  });
});
