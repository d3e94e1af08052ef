import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { openapiRoutes } from '../../../shared/routes/openapi.js';
import { projectsRoutes } from '../../../shared/routes/projects.js';

// The pipeline reads its configuration at import (cold start); these paths never reach DynamoDB.
process.env.TABLE_NAME ??= 'unit-test-table';

type Handler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;
let notBuilt: Handler;
let projects: Handler;

function event(
  method: string,
  path: string,
  options: { body?: string; headers?: Record<string, string>; claims?: object } = {},
) {
  return {
    version: '2.0',
    routeKey: `${method} ${path}`,
    rawPath: path,
    rawQueryString: '',
    headers: options.headers ?? {},
    body: options.body,
    isBase64Encoded: false,
    requestContext: {
      requestId: 'req-1',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'test' },
      authorizer: {
        jwt: {
          claims: options.claims ?? { sub: 'u1', token_use: 'access', 'cognito:groups': '[officer]' },
          scopes: [],
        },
      },
    },
  } as unknown as APIGatewayProxyEventV2;
}

const context = { awsRequestId: 'req-1', getRemainingTimeInMillis: () => 10_000 } as unknown as Context;

beforeAll(async () => {
  const { apiHandler } = await import('../../../shared/http/api.js');
  notBuilt = apiHandler(openapiRoutes, {}) as unknown as Handler;
  projects = apiHandler(projectsRoutes, {}) as unknown as Handler;
});

describe('the request pipeline', () => {
  it('answers 501 problem+json for an operation of the contract that is not built', async () => {
    const response = await notBuilt(event('GET', '/openapi.json'), context);
    expect(response.statusCode).toBe(501);
    expect(response.headers?.['content-type']).toBe('application/problem+json');
    expect(response.headers?.['content-language']).toBe('zh-CN');
    expect(JSON.parse(response.body as string)).toMatchObject({ status: 501, title: '功能尚未提供' });
  });

  it('answers in English when Accept-Language prefers it', async () => {
    const request = event('GET', '/openapi.json', { headers: { 'accept-language': 'en-GB,en;q=0.9,zh-CN;q=0.5' } });
    const response = await notBuilt(request, context);
    expect(response.headers?.['content-language']).toBe('en');
    expect(JSON.parse(response.body as string)).toMatchObject({ status: 501, title: 'Not implemented yet' });
  });

  it('checks the role before anything else', async () => {
    const response = await projects(
      event('POST', '/v1/projects', {
        body: '{}',
        claims: { sub: 'u1', token_use: 'access', 'cognito:groups': '[visitor]' },
      }),
      context,
    );
    expect(response.statusCode).toBe(403);
  });

  it('shows every instant it returns with the +08:00 offset, whatever form it was stored in (SPEC §4)', async () => {
    const { apiHandler } = await import('../../../shared/http/api.js');
    const reading = apiHandler(projectsRoutes, {
      getProject: async (_input, ctx) => ({
        status: 200,
        body: {
          registeredAt: '2026-09-10T02:00:00.123Z',
          nested: [{ at: '2026-12-31T16:30:00Z' }],
          already: '2026-09-10T10:00:00+08:00',
          date: '2026-09-10',
          note: 'not a timestamp: 2026-09-10T02:00:00Z',
          now: ctx.now.toISOString(),
        },
      }),
    }) as unknown as Handler;
    const response = await reading(event('GET', '/v1/projects/prj_01JD5Z3X8K9Q2W4E6R7T8Y9V0P'), context);
    expect(response.statusCode, response.body).toBe(200);
    const body = JSON.parse(response.body as string);
    expect(body).toMatchObject({
      registeredAt: '2026-09-10T10:00:00+08:00',
      nested: [{ at: '2027-01-01T00:30:00+08:00' }],
      already: '2026-09-10T10:00:00+08:00',
      date: '2026-09-10',
      note: 'not a timestamp: 2026-09-10T02:00:00Z',
    });
    expect(body.now).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
  });

  it('refuses a body that is not JSON, and one that says it is something else', async () => {
    const { apiHandler } = await import('../../../shared/http/api.js');
    const parsing = apiHandler(projectsRoutes, {
      registerProject: async () => ({ status: 201, body: {} }),
    }) as unknown as Handler;
    const bad = await parsing(
      event('POST', '/v1/projects', { body: '{"name":', headers: { 'content-type': 'application/json' } }),
      context,
    );
    expect(bad.statusCode).toBe(400);
    expect(JSON.parse(bad.body as string).type).toMatch(/malformed-json$/);
    const text = await parsing(
      event('POST', '/v1/projects', { body: 'name=x', headers: { 'content-type': 'text/plain' } }),
      context,
    );
    expect(text.statusCode).toBe(415);
  });

  it('names every failing field of a body that does not fit the schema', async () => {
    const { apiHandler } = await import('../../../shared/http/api.js');
    const parsing = apiHandler(projectsRoutes, {
      registerProject: async () => ({ status: 201, body: {} }),
    }) as unknown as Handler;
    const response = await parsing(
      event('POST', '/v1/projects', {
        body: JSON.stringify({ name: '', category: 'bridge' }),
        headers: { 'content-type': 'application/json' },
      }),
      context,
    );
    expect(response.statusCode).toBe(400);
    const fields = (JSON.parse(response.body as string) as { errors: Array<{ field: string }> }).errors.map(
      (e) => e.field,
    );
    expect(fields).toEqual(expect.arrayContaining(['name', 'category', 'district', 'units']));
  });

  it('never leaks an internal error', async () => {
    const { apiHandler } = await import('../../../shared/http/api.js');
    const failing = apiHandler(openapiRoutes, {
      getOpenApi: async () => {
        throw new Error('secret stack detail');
      },
    }) as unknown as Handler;
    const response = await failing(event('GET', '/openapi.json'), context);
    expect(response.statusCode).toBe(500);
    expect(response.body).not.toContain('secret');
    expect(JSON.parse(response.body as string).detail).toContain('req-1');
  });

  it('answers 404 for a path the function does not route', async () => {
    const response = await projects(event('GET', '/v1/nowhere'), context);
    expect(response.statusCode).toBe(404);
  });
});
