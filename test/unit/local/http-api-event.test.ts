import { describe, expect, it } from 'vitest';
import {
  fromHttpApiResult,
  type IncomingHttpRequest,
  requestTime,
  toAuthorizerEvent,
  toHttpApiEvent,
} from '../../../infra/local/http-api-event.js';

function request(overrides: Partial<IncomingHttpRequest> = {}): IncomingHttpRequest {
  return {
    method: 'POST',
    url: '/v1/projects/p1/inspections?a=1&a=2&b=%E4%B8%AD',
    headers: {
      host: '127.0.0.1:3999',
      'content-type': 'application/json',
      cookie: 'x=1; y=2',
      'user-agent': 'curl/8',
      'idempotency-key': 'k1',
    },
    body: Buffer.from('{"date":"2026-09-10"}'),
    sourceIp: '127.0.0.1',
    requestId: 'req-1',
    receivedAt: new Date('2020-03-12T19:03:58Z'),
    ...overrides,
  };
}

const route = { routeKey: 'POST /v1/projects/{projectId}/inspections', pathParameters: { projectId: 'p1' } };

describe('toHttpApiEvent (payload format 2.0)', () => {
  it('builds the event API Gateway would send', () => {
    const event = toHttpApiEvent(request(), route, { jwt: { claims: { sub: 'u1' }, scopes: null } });
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'POST /v1/projects/{projectId}/inspections',
      rawPath: '/v1/projects/p1/inspections',
      rawQueryString: 'a=1&a=2&b=%E4%B8%AD',
      cookies: ['x=1', 'y=2'],
      queryStringParameters: { a: '1,2', b: '中' },
      pathParameters: { projectId: 'p1' },
      body: '{"date":"2026-09-10"}',
      isBase64Encoded: false,
      requestContext: {
        apiId: 'local',
        domainName: '127.0.0.1:3999',
        http: { method: 'POST', path: '/v1/projects/p1/inspections', sourceIp: '127.0.0.1', userAgent: 'curl/8' },
        requestId: 'req-1',
        routeKey: 'POST /v1/projects/{projectId}/inspections',
        stage: '$default',
        time: '12/Mar/2020:19:03:58 +0000',
        timeEpoch: Date.parse('2020-03-12T19:03:58Z'),
        authorizer: { jwt: { claims: { sub: 'u1' } } },
      },
    });
    expect(event.headers['idempotency-key']).toBe('k1');
    expect(event.headers.cookie).toBeUndefined();
    expect(event.headers['x-forwarded-for']).toBe('127.0.0.1');
  });

  it('base64-encodes a binary body and leaves out what the request does not have', () => {
    const event = toHttpApiEvent(
      request({ url: '/v1/x', headers: { 'content-type': 'image/png' }, body: Buffer.from([0x89, 0x50]) }),
      { routeKey: 'POST /v1/x', pathParameters: {} },
    );
    expect(event.isBase64Encoded).toBe(true);
    expect(event.body).toBe(Buffer.from([0x89, 0x50]).toString('base64'));
    expect(event).not.toHaveProperty('queryStringParameters');
    expect(event).not.toHaveProperty('pathParameters');
    expect(event).not.toHaveProperty('cookies');
    expect(event.requestContext).not.toHaveProperty('authorizer');
  });

  it('builds a REQUEST authorizer event with the identity source', () => {
    const event = toAuthorizerEvent(request(), route, ['Bearer abc']);
    expect(event).toMatchObject({ version: '2.0', type: 'REQUEST', identitySource: ['Bearer abc'] });
    expect(event.routeArn).toMatch(/^arn:aws:execute-api:[\w-]+:\d{12}:local\/\$default\/POST\/v1\/projects/);
  });

  it('formats requestContext.time as API Gateway does', () => {
    expect(requestTime(new Date('2026-01-05T03:04:05Z'))).toBe('05/Jan/2026:03:04:05 +0000');
  });
});

describe('fromHttpApiResult', () => {
  it('uses statusCode, headers, cookies and a base64 body', () => {
    const response = fromHttpApiResult({
      statusCode: 201,
      headers: { 'Content-Type': 'application/pdf', 'X-Count': 3 },
      cookies: ['a=1'],
      body: Buffer.from('%PDF-').toString('base64'),
      isBase64Encoded: true,
    });
    expect(response.status).toBe(201);
    expect(response.headers).toEqual({ 'content-type': 'application/pdf', 'x-count': '3', 'set-cookie': ['a=1'] });
    expect(response.body.toString()).toBe('%PDF-');
  });

  it('turns a plain object into 200 JSON (the shorthand)', () => {
    const response = fromHttpApiResult({ hello: '世界' });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/json');
    expect(JSON.parse(response.body.toString())).toEqual({ hello: '世界' });
  });
});
