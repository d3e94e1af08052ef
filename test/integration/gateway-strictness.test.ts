/**
 * The local gateway is as strict as the AWS front it stands in for (issue 12, item 7): local-only routes answer
 * only this machine (a foreign `Host` is DNS rebinding, a foreign `Origin` a cross-site request); odd paths are a
 * 4xx problem, never a 5xx; every answer carries the security headers of shared/http/security-headers.ts (pages
 * the CloudFront set, the API `nosniff` and, for agency and upload routes, `no-store`).
 */
import { request } from 'node:http';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { api, baseUrl, tokenFor } from './support/api.js';

interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** A request with the path and headers exactly as given (fetch would normalise the path and refuse `Host`). */
function raw(path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  const url = new URL(baseUrl());
  return new Promise<RawAnswer>((resolve, reject) => {
    const outgoing = request(
      { host: url.hostname, port: url.port, path, method: options.method ?? 'GET', headers: options.headers ?? {} },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        response.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(options.body);
  });
}

const port = () => new URL(baseUrl()).port;
const tokenBody = JSON.stringify({ role: 'officer', sub: 'rebinding-attacker' });
const json = { 'content-type': 'application/json' };

describe('local-only routes answer this machine only', () => {
  it.each([
    ['127.0.0.1', () => `127.0.0.1:${port()}`],
    ['localhost', () => `localhost:${port()}`],
    ['[::1]', () => `[::1]:${port()}`],
  ])('mint a token for Host %s', async (_name, host) => {
    const answer = await raw('/_local/tokens', {
      method: 'POST',
      headers: { ...json, host: host() },
      body: tokenBody,
    });
    expect(answer.status, answer.text).toBe(201);
  });

  it.each([
    ['a rebinding host name', () => `evil.example:${port()}`],
    ['the loopback address on another port', () => '127.0.0.1:1'],
    ['a bare host without port', () => 'localhost'],
    ['a look-alike', () => `127.0.0.1.evil.example:${port()}`],
  ])('refuse %s as Host', async (_name, host) => {
    for (const [method, path, body] of [
      ['POST', '/_local/tokens', tokenBody],
      ['PUT', '/_local/clock', JSON.stringify({ now: '2030-01-01T00:00:00+08:00' })],
      ['POST', '/_local/schedules/daily-deadlines/trigger', undefined],
      ['GET', '/_local/events', undefined],
      ['GET', '/_local/dlq', undefined],
      ['GET', '/health', undefined],
    ] as const) {
      const answer = await raw(path, { method, headers: { ...json, host: host() }, ...(body ? { body } : {}) });
      expect(answer.status, `${method} ${path}: ${answer.text}`).toBe(403);
      expect(answer.headers['content-type']).toContain('application/problem+json');
      expect((JSON.parse(answer.text) as { title: string }).title).toBe('仅限本机访问');
    }
  });

  it('refuse a cross-site request: a foreign Origin, or a browser saying the request is cross-site', async () => {
    const host = `127.0.0.1:${port()}`;
    const crossSite: Array<Record<string, string>> = [
      { origin: 'https://evil.example' },
      { origin: 'null' },
      { origin: `http://127.0.0.1:${Number(port()) + 1}` },
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' },
    ];
    for (const headers of crossSite) {
      const answer = await raw('/_local/tokens', {
        method: 'POST',
        headers: { ...json, host, ...headers },
        body: tokenBody,
      });
      expect(answer.status, JSON.stringify(headers)).toBe(403);
    }
    // the gateway's own pages (the console, on the same origin) may
    const same = await raw('/_local/tokens', {
      method: 'POST',
      headers: { ...json, host, origin: `http://127.0.0.1:${port()}`, 'sec-fetch-site': 'same-origin' },
      body: tokenBody,
    });
    expect(same.status, same.text).toBe(201);
  });

  it('leave the clock alone when refused', async () => {
    const before = (await api('/_local/clock')).json as { now: string; mode: string };
    const answer = await raw('/_local/clock', {
      method: 'PUT',
      headers: { ...json, host: `127.0.0.1:${port()}`, origin: 'https://evil.example' },
      body: JSON.stringify({ now: '2031-01-01T00:00:00+08:00' }),
    });
    expect(answer.status).toBe(403);
    const after = (await api('/_local/clock')).json as { now: string; mode: string };
    expect(after.mode).toBe(before.mode);
    expect(after.now.startsWith('2031')).toBe(false);
  });
});

describe('odd paths are a 4xx problem, never a 5xx', () => {
  it.each([
    ['a 250-byte name', `/public/${'a'.repeat(250)}`],
    ['a 250-byte name with an extension', `/public/${'a'.repeat(250)}.html`],
    ['a 250-byte folder', `/public/${'b'.repeat(250)}/`],
    ['a 1,100-byte path', `/public/${'c/'.repeat(550)}`],
    ['an encoded NUL', '/public/%00'],
    ['an encoded NUL in a page name', '/public/circulars/cir_%00.html'],
    ['a control character', '/public/%1b[31m'],
    ['a malformed escape', '/public/%zz'],
    ['a truncated UTF-8 sequence', '/public/%E4%B8'],
    ['an encoded dot-dot', '/public/%2e%2e/%2e%2e/supervision-documents/x'],
    ['a malformed escape in a schedule name', '/_local/schedules/%zz/trigger'],
  ])('%s', async (_name, path) => {
    const method = path.startsWith('/_local/') ? 'POST' : 'GET';
    const answer = await raw(path, { method, headers: { host: `127.0.0.1:${port()}` } });
    expect(answer.status, answer.text).toBeGreaterThanOrEqual(400);
    expect(answer.status, answer.text).toBeLessThan(500);
    expect(answer.headers['content-type']).toContain('application/problem+json');
  });

  it('fuzz: random paths under /public/, /v1/ and /_local/ never answer 5xx', async () => {
    const segment = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 12 }).map(encodeURIComponent),
      fc.constantFrom('%00', '%zz', '%E4%B8', '%2e%2e', '..', '.', '%2F', '%', '%C0%AF', '%ff', '~', ''),
      fc.integer({ min: 200, max: 400 }).map((n) => 'x'.repeat(n)),
    );
    const path = fc
      .tuple(
        fc.constantFrom('/public', '/v1', '/_local', '/v1/cases', '/v1/uploads', ''),
        fc.array(segment, { maxLength: 6 }),
      )
      .map(([prefix, segments]) => `${prefix}/${segments.join('/')}`);
    await fc.assert(
      fc.asyncProperty(path, fc.constantFrom('GET', 'HEAD', 'POST', 'DELETE'), async (candidate, method) => {
        const answer = await raw(candidate, { method, headers: { host: `127.0.0.1:${port()}` } });
        expect(answer.status, `${method} ${candidate}: ${answer.text}`).toBeLessThan(500);
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 150), seed: Number(process.env.FUZZ_SEED ?? 12), endOnFailure: true },
    );
  });
});

describe('security headers', () => {
  it('every page the gateway serves carries the CloudFront set: CSP with frame-ancestors none, nosniff, referrer policy', async () => {
    for (const path of ['/public/', '/public/upload/', '/public/upload/upload.js', '/public/no-such-page.html']) {
      const answer = await raw(path, { headers: { host: `127.0.0.1:${port()}` } });
      const csp = String(answer.headers['content-security-policy']);
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).toContain("default-src 'none'");
      expect(csp, path).toMatch(new RegExp(`connect-src 'self' ${baseUrl()} http://127\\.0\\.0\\.1:\\d+($|;)`));
      expect(answer.headers['x-content-type-options'], path).toBe('nosniff');
      expect(answer.headers['referrer-policy'], path).toBe('no-referrer');
      expect(answer.headers['x-frame-options'], path).toBe('DENY');
    }
  });

  it('every API answer carries nosniff; agency and upload answers no-store, problems included', async () => {
    const inspector = await tokenFor('inspector');
    const answers = [
      ['agency 200', await api('/v1/cases', { token: inspector }), 'no-store'],
      ['agency 400', await api('/v1/cases?limit=0', { token: inspector }), 'no-store'],
      ['agency 401 (gateway)', await api('/v1/cases'), 'no-store'],
      ['agency 404 (gateway)', await api('/v1/nothing-here', { token: inspector }), 'no-store'],
      ['upload 403 (authorizer)', await api('/v1/uploads/context', { token: 'sdu_forged' }), 'no-store'],
      ['public 200', await api('/openapi.json'), undefined],
      ['public 400', await api('/public/status?creditCode=x'), 'no-store'],
      ['local', await api('/_local/clock'), 'no-store'],
    ] as const;
    for (const [name, answer, cacheControl] of answers) {
      expect(answer.headers.get('x-content-type-options'), name).toBe('nosniff');
      if (cacheControl) expect(answer.headers.get('cache-control'), name).toBe(cacheControl);
    }
  });
});
