/**
 * The local twin, exercised the way a user does: over HTTP, with tokens from /_local/tokens. Proves the gateway
 * (routing, JWT and upload authorizers, problem+json), the outbox pipeline (table stream → relay → bus →
 * consumer), the clock, the schedules and the public site.
 */
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, describe, expect, it } from 'vitest';
import { names, schedules } from '../../shared/wiring.js';
import { api, eventually, journalOf, setClock, tokenFor, triggerSchedule } from './support/api.js';
import { projectBody } from './support/fixtures.js';

type Problem = { type: string; title: string; status: number; detail: string };

function expectProblem(response: { status: number; headers: Headers; json: unknown }, status: number): Problem {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toContain('application/problem+json');
  const problem = response.json as Problem;
  expect(problem).toMatchObject({ status, type: expect.any(String), title: expect.any(String) });
  expect(problem.detail).toEqual(expect.any(String));
  return problem;
}

afterAll(async () => {
  await setClock(null);
});

describe('the local twin', () => {
  it('answers GET /health', async () => {
    const response = await api('/health');
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({ status: 'ok', fresh: true, clock: { mode: expect.any(String) } });
  });

  it('issues agency tokens and refuses a bad token request with 400 problem+json', async () => {
    expect(await tokenFor('inspector')).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expectProblem(await api('/_local/tokens', { method: 'POST', body: { role: 'mayor', sub: 'x' } }), 400);
    expectProblem(await api('/_local/tokens', { method: 'POST', body: { role: 'inspector' } }), 400);
  });

  it('answers 401 problem+json without a token, and with a forged one', async () => {
    const none = await api('/v1/projects', { method: 'POST', body: projectBody() });
    expectProblem(none, 401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    const token = await tokenFor('inspector');
    expectProblem(await api('/v1/cases', { token: `${token.slice(0, -6)}AAAAAA` }), 401);
    expectProblem(await api('/v1/cases', { token: 'not-a-jwt' }), 401);
  });

  it('answers 403 when an inspector calls an officer-only route', async () => {
    const inspector = await tokenFor('inspector');
    const problem = expectProblem(
      await api('/v1/evaluations', { method: 'POST', token: inspector, body: { month: '2026-10' } }),
      403,
    );
    expect(problem.detail).toContain('officer');
  });

  it('registers a project (POST /v1/projects → 201)', async () => {
    const response = await api('/v1/projects', {
      method: 'POST',
      token: await tokenFor('inspector'),
      body: projectBody(),
    });
    expect(response.status).toBe(201);
    expect(response.json).toMatchObject({ id: expect.stringMatching(/^prj_/) });
  });

  it('carries ProjectRegistered from the outbox through the stream and the bus to the event journal', async () => {
    const created = await api('/v1/projects', {
      method: 'POST',
      token: await tokenFor('inspector'),
      body: projectBody(),
    });
    expect(created.status).toBe(201);
    const { id } = created.json as { id: string };

    const journal = await journalOf(id, { atLeast: 1 });
    expect(journal.map((entry) => entry.eventType)).toContain('ProjectRegistered');

    const events = await api('/_local/events');
    const delivered = (
      events.json as { items: Array<{ event: { detail: { subjectId?: string } }; deliveries: unknown[] }> }
    ).items.find((item) => item.event.detail.subjectId === id);
    expect(delivered?.deliveries).toEqual([
      expect.objectContaining({ rule: 'journal-every-event', function: 'event-journal', status: 'delivered' }),
    ]);
  });

  it('puts an S3 "Object Created" event on the default bus when an object is stored', async () => {
    const s3 = new S3Client({ forcePathStyle: true });
    const key = `local-twin-test/${Date.now()}.txt`;
    await s3.send(new PutObjectCommand({ Bucket: names.localDocumentsBucket, Key: key, Body: 'hello' }));
    s3.destroy();
    const found = await eventually(
      async () =>
        (
          (await api('/_local/events')).json as { items: Array<{ bus: string; event: Record<string, unknown> }> }
        ).items.find(
          (item) => item.bus === 'default' && (item.event.detail as { object?: { key?: string } }).object?.key === key,
        ),
      (item) => item !== undefined,
      { what: `the Object Created event of ${key}` },
    );
    expect(found?.event).toMatchObject({
      source: 'aws.s3',
      'detail-type': 'Object Created',
      detail: { bucket: { name: names.localDocumentsBucket }, object: { key, size: 5 } },
    });
  });

  it('sets and reads the local clock, and refuses garbage', async () => {
    await setClock('2026-03-01T09:00:00+08:00');
    const read = await api('/_local/clock');
    expect(read.json).toEqual({ now: '2026-03-01T01:00:00.000Z', mode: 'fixed' });
    expectProblem(await api('/_local/clock', { method: 'PUT', body: { now: 'next tuesday' } }), 400);
    expectProblem(await api('/_local/clock', { method: 'PUT', body: { now: null, mode: 'sideways' } }), 400);
    await setClock(null);
    expect((await api('/_local/clock')).json).toMatchObject({ mode: 'system' });
  });

  it('fires a schedule once when the clock moves past its occurrence', async () => {
    const monthly = schedules.find((schedule) => schedule.name === 'monthly-evaluation');
    expect(monthly).toBeDefined();
    await setClock('2026-12-01T02:00:00+08:00');
    const listed = async () =>
      (
        (await api('/_local/schedules')).json as {
          items: Array<{ name: string; nextAt: string; lastFiredAt: string | null }>;
        }
      ).items.find((item) => item.name === 'monthly-evaluation');
    expect((await listed())?.nextAt).toBe('2026-11-30T18:30:00.000Z'); // 02:30 on Dec 1 in Shanghai
    await setClock('2026-12-01T02:31:00+08:00');
    const fired = await listed();
    expect(fired?.lastFiredAt).toBe('2026-11-30T18:31:00.000Z');
    expect(fired?.nextAt).toBe('2026-12-31T18:30:00.000Z');
  });

  it('answers 404 problem+json when triggering an unknown schedule', async () => {
    const problem = expectProblem(await triggerSchedule('no-such-schedule'), 404);
    expect(problem.detail).toContain('monthly-evaluation');
  });

  it("answers the gateway's own problems in Chinese, and in English on Accept-Language: en (SPEC §4)", async () => {
    const chinese = /[\u4e00-\u9fff]/;
    const refusals = () =>
      [
        ['no agency token', '/v1/projects', { method: 'POST', body: projectBody() }],
        ['a forged token', '/v1/cases', { token: 'not-a-jwt' }],
        ['no link token', '/v1/uploads/context', {}],
        ['no such route', '/v2/nothing-here', {}],
        ['no such local route', '/_local/nothing-here', {}],
      ] as const;
    for (const [what, path, options] of refusals()) {
      const zh = await api(path, { ...options, headers: { 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.8' } });
      expect(zh.status, what).toBeGreaterThanOrEqual(400);
      expect(zh.headers.get('content-language'), what).toBe('zh-CN');
      const zhProblem = expectProblem(zh, zh.status);
      expect(`${zhProblem.title} ${zhProblem.detail}`, what).toMatch(chinese);
      const en = await api(path, { ...options, headers: { 'accept-language': 'en-US,en;q=0.9' } });
      expect(en.status, what).toBe(zh.status);
      expect(en.headers.get('content-language'), what).toBe('en');
      const enProblem = expectProblem(en, en.status);
      expect(`${enProblem.title} ${enProblem.detail}`, what).not.toMatch(chinese);
    }
  });

  it('answers 404 problem+json for an unknown route and for a method a path does not have', async () => {
    expectProblem(await api('/v2/nothing-here'), 404);
    expectProblem(await api('/v1/projects', { method: 'DELETE', token: await tokenFor('inspector') }), 404);
  });

  it('sends an upload route through the upload authorizer: 401 without a token, 403 when it says no', async () => {
    expectProblem(await api('/v1/uploads/context'), 401);
    expectProblem(await api('/v1/uploads/context', { token: 'not-an-upload-token' }), 403);
  });

  it('refuses a request body over 1 MiB with 413', async () => {
    const response = await api('/v1/projects', {
      method: 'POST',
      token: await tokenFor('inspector'),
      rawBody: 'x'.repeat(1024 * 1024 + 1),
      headers: { 'content-type': 'application/json' },
    });
    expectProblem(response, 413);
  });

  it('serves the public site from the public bucket, with ETag and 304', async () => {
    const index = await api('/public/');
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toContain('text/html');
    expect(index.text).toContain('lang="zh-CN"');
    expect(index.text).toMatch(/差别化监管|通报/);
    const etag = index.headers.get('etag') as string;
    expect(etag).toBeTruthy();
    const again = await api('/public/', { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expectProblem(await api('/public/circulars/none.html'), 404);
  });
});
