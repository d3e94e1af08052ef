import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPersonalData } from '../../shared/domain/masking.js';
import { api, eventually, setClock, tokenFor } from './support/api.js';
import { contractorOf, creditCode, failingInspection, projectBody } from './support/fixtures.js';

let inspector: string;
let officer: string;

interface Status {
  creditCode: string;
  date: string;
  underSupervision: boolean;
  level: number | null;
  cases: Array<{ caseId: string; projectName: string; includedOn: string; releasedOn: string | null; level: number }>;
  namedInStandingCircular: boolean;
  circulars: Array<{ id: string; number: string; publishedOn: string; validUntil: string }>;
}

/** `GET /public/status` without any credentials, as a tender platform calls it. */
async function statusOf(code: string, date: string) {
  const response = await api(`/public/status?${new URLSearchParams({ creditCode: code, date })}`);
  expect(response.status, response.text).toBe(200);
  expect(response.headers.get('cache-control')).toBe('public, max-age=300');
  // public: never a person's name, ID or phone number
  expect(response.text).not.toContain('张三');
  expect(response.text).not.toContain('李四');
  expect(findPersonalData(response.text)).toEqual([]);
  return response.json as Status;
}

async function runMonth(month: string, at: string) {
  await setClock(at);
  const started = await api('/v1/evaluations', { method: 'POST', token: officer, body: { month } });
  expect(started.status, started.text).toBe(202);
  const { runId } = started.json as { runId: string };
  await eventually(
    async () => (await api(`/v1/evaluations/${runId}`, { token: officer })).json as { status: string },
    (run) => run.status === 'succeeded',
    { timeoutMs: 120_000, what: `evaluation run ${runId}` },
  );
}

beforeAll(async () => {
  inspector = await tokenFor('inspector');
  officer = await tokenFor('officer');
});

afterAll(async () => {
  await setClock(null);
});

describe('GET /public/status: a unit on a date, for tender platforms', () => {
  const body = projectBody();
  const contractor = contractorOf(body);
  let caseId: string;
  let circularId: string;

  it('refuses a malformed credit code or a date not yet come, with a problem a person can act on', async () => {
    await setClock('2026-09-09T10:00:00+08:00');
    // a typo in the last character: the GB 32100-2015 check fails
    const typo = `${contractor.slice(0, 17)}${contractor.endsWith('0') ? '1' : '0'}`;
    const malformed = await api(`/public/status?creditCode=${typo}&date=2026-09-01`);
    expect(malformed.status).toBe(400);
    expect(malformed.headers.get('content-type')).toContain('application/problem+json');
    expect((malformed.json as { errors: Array<{ field: string }> }).errors[0]?.field).toBe('creditCode');
    expect((await api(`/public/status?creditCode=${contractor}&date=2026-02-30`)).status).toBe(400);
    // the problem is in Chinese, naming the field and what is wrong with it
    expect((malformed.json as { detail: string }).detail).toContain('统一社会信用代码');
    expect((malformed.json as { errors: Array<{ message: string }> }).errors[0]?.message).toContain('校验码');
    const future = await api(`/public/status?creditCode=${contractor}&date=2026-09-10`);
    expect(future.status).toBe(400);
    expect((future.json as { detail: string }).detail).toContain('2026-09-09');
  });

  it("without a date answers for today (Asia/Shanghai, from the handlers' clock)", async () => {
    // 23:30 on 9 September in UTC is already 10 September in Beijing
    await setClock('2026-09-09T23:30:00Z');
    const answer = await api(`/public/status?creditCode=${contractor}`);
    expect(answer.status, answer.text).toBe(200);
    expect(answer.json).toMatchObject({ creditCode: contractor, date: '2026-09-10', underSupervision: false });
    await setClock('2026-09-09T10:00:00+08:00');
    // an unknown but valid code: nothing on record
    expect(await statusOf(creditCode(), '2026-09-09')).toMatchObject({
      underSupervision: false,
      level: null,
      cases: [],
      namedInStandingCircular: false,
      circulars: [],
    });
  });

  it('before inclusion: not under supervision', async () => {
    const registered = await api('/v1/projects', { method: 'POST', token: inspector, body });
    const projectId = (registered.json as { id: string }).id;
    await setClock('2026-09-10T10:00:00+08:00');
    const inspection = await api(`/v1/projects/${projectId}/inspections`, {
      method: 'POST',
      token: inspector,
      body: failingInspection(body),
    });
    caseId = (inspection.json as { caseId: string }).caseId;
    // proposed is not included: detection proposes, an officer decides
    expect(await statusOf(contractor, '2026-09-10')).toMatchObject({ underSupervision: false, level: null });
    expect((await api(`/v1/cases/${caseId}/confirm`, { method: 'POST', token: officer, body: {} })).status).toBe(200);
    expect(await statusOf(contractor, '2026-09-09')).toMatchObject({
      creditCode: contractor,
      date: '2026-09-09',
      underSupervision: false,
      level: null,
      namedInStandingCircular: false,
    });
  });

  it('during supervision: under supervision, with the level of each date', async () => {
    expect(await statusOf(contractor.toLowerCase(), '2026-09-10')).toMatchObject({
      creditCode: contractor,
      underSupervision: true,
      level: 0,
      cases: [{ caseId, includedOn: '2026-09-10', releasedOn: null, level: 0 }],
    });
    await runMonth('2026-09', '2026-10-01T01:00:00+08:00');
    await runMonth('2026-10', '2026-11-01T01:00:00+08:00');
    await runMonth('2026-11', '2026-12-01T01:00:00+08:00');
    expect((await statusOf(contractor, '2026-09-30')).level).toBe(0);
    expect((await statusOf(contractor, '2026-10-01')).level).toBe(1);
    expect((await statusOf(contractor, '2026-11-15')).level).toBe(2);
    const atThree = await statusOf(contractor, '2026-12-01');
    expect(atThree).toMatchObject({ underSupervision: true, level: 3, namedInStandingCircular: false });
    expect(atThree.cases[0]?.projectName).toBe(body.name);
    // every unit of the project is under supervision, not only the contractor
    const supervisor = body.units.find((unit) => unit.role === 'supervisor')?.creditCode as string;
    expect((await statusOf(supervisor, '2026-12-01')).underSupervision).toBe(true);
  });

  it('after publication: named in a standing circular; after retraction, only for the dates it stood', async () => {
    const draft = await eventually(
      async () =>
        (
          (await api('/v1/circulars?status=draft&limit=100', { token: inspector })).json as {
            items: Array<{ id: string; caseId: string; statementWindowEndsOn: string }>;
          }
        ).items.find((item) => item.caseId === caseId),
      (found) => found !== undefined,
      { what: 'the draft circular' },
    );
    circularId = draft?.id as string;
    expect(draft?.statementWindowEndsOn).toBe('2026-12-08');
    // a draft names nobody in public
    await setClock('2026-12-09T09:00:00+08:00');
    expect((await statusOf(contractor, '2026-12-09')).namedInStandingCircular).toBe(false);

    const published = await api(`/v1/circulars/${circularId}/publish`, { method: 'POST', token: officer, body: {} });
    expect(published.status, published.text).toBe(200);
    const named = await statusOf(contractor, '2026-12-09');
    expect(named).toMatchObject({
      underSupervision: true,
      level: 3,
      namedInStandingCircular: true,
      circulars: [
        {
          id: circularId,
          number: expect.stringMatching(/^通住建安通〔2026〕\d+号$/),
          publishedOn: '2026-12-09',
          validUntil: '2027-12-08',
        },
      ],
    });
    expect((await statusOf(contractor, '2026-12-08')).namedInStandingCircular).toBe(false);

    await setClock('2026-12-20T10:00:00+08:00');
    const retracted = await api(`/v1/circulars/${circularId}/retract`, {
      method: 'POST',
      token: officer,
      body: { reason: '陈述申辩理由成立，撤回通报' },
    });
    expect(retracted.status, retracted.text).toBe(200);
    await setClock('2026-12-22T10:00:00+08:00');
    // inside the period it stood: still true, so a tender decided then can be checked later
    expect((await statusOf(contractor, '2026-12-15')).namedInStandingCircular).toBe(true);
    expect((await statusOf(contractor, '2026-12-19')).namedInStandingCircular).toBe(true);
    // from the day of the retraction on: false
    expect(await statusOf(contractor, '2026-12-20')).toMatchObject({ namedInStandingCircular: false, circulars: [] });
    expect(await statusOf(contractor, '2026-12-21')).toMatchObject({
      underSupervision: true,
      namedInStandingCircular: false,
    });
  });
});
