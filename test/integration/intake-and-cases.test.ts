import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, eventually, partitionItems, setClock, tokenFor } from './support/api.js';
import { failingInspection, projectBody } from './support/fixtures.js';

let inspector: string;
let officer: string;

beforeAll(async () => {
  inspector = await tokenFor('inspector');
  officer = await tokenFor('officer');
  await setClock('2026-09-10T10:00:00+08:00');
});

afterAll(async () => {
  await setClock(null);
});

async function registeredProject() {
  const body = projectBody();
  const response = await api('/v1/projects', { method: 'POST', token: inspector, body });
  expect(response.status).toBe(201);
  return { body, id: (response.json as { id: string }).id };
}

interface Condition {
  id: string;
  met: boolean;
  evidence: string[];
  explanation: string;
}

describe('from an inspection to an inclusion notice', () => {
  it('proposes a case for C1, an officer confirms, the numbered notice and its PDF follow', async () => {
    const project = await registeredProject();
    const inspection = await api(`/v1/projects/${project.id}/inspections`, {
      method: 'POST',
      token: inspector,
      body: failingInspection(project.body),
    });
    expect(inspection.status).toBe(201);
    const recorded = inspection.json as {
      inspectionId: string;
      hazardIds: string[];
      conditions: Condition[];
      caseId?: string;
    };
    expect(recorded.hazardIds).toHaveLength(4);
    const c1 = recorded.conditions.find((condition) => condition.id === 'C1');
    expect(c1?.met).toBe(true);
    expect(c1?.evidence).toContain(recorded.hazardIds[0]);
    expect(c1?.explanation).toMatch(/[\u4e00-\u9fa5]/);
    expect(recorded.caseId).toMatch(/^cas_/);

    const proposed = await api(`/v1/cases/${recorded.caseId}`, { token: inspector });
    expect(proposed.json).toMatchObject({ status: 'proposed', level: 0, projectId: project.id, notices: [] });

    expect(
      (await api(`/v1/cases/${recorded.caseId}/confirm`, { method: 'POST', token: inspector, body: {} })).status,
    ).toBe(403);

    const confirmed = await api(`/v1/cases/${recorded.caseId}/confirm`, { method: 'POST', token: officer, body: {} });
    expect(confirmed.status).toBe(200);
    const active = confirmed.json as {
      status: string;
      notices: Array<{
        id: string;
        number: string;
        issuedOn: string;
        receiptDueOn: string;
        documentSha256: string | null;
        documentStatus: 'pending' | 'rendered';
        type: string;
      }>;
      issuedDocuments: Array<{ id: string; kind: string; number: string | null; documentStatus: string }>;
      timeline: Array<{ action: string; hash: string; previousHash: string }>;
      timelineIntact: boolean;
    };
    expect(active.status).toBe('active');
    expect(active.notices).toHaveLength(1);
    const notice = active.notices[0] as (typeof active.notices)[number];
    expect(notice.type).toBe('inclusion');
    expect(notice.number).toMatch(/^通住建差监告〔2026〕\d+号$/);
    expect(notice.issuedOn).toBe('2026-09-10');
    expect(notice.receiptDueOn).toBe('2026-09-17');
    // the PDF is rendered off the request path: pending until the renderer has stored it
    expect(notice.documentStatus).toBe(notice.documentSha256 ? 'rendered' : 'pending');
    expect(active.issuedDocuments).toEqual([
      expect.objectContaining({ id: notice.id, kind: 'inclusion_notice', number: notice.number }),
    ]);
    expect(active.timeline.map((entry) => entry.action)).toEqual(['proposed', 'included', 'notice_issued']);
    expect(active.timelineIntact).toBe(true);

    // confirming again issues no second notice
    const again = await api(`/v1/cases/${recorded.caseId}/confirm`, { method: 'POST', token: officer, body: {} });
    expect(again.status).toBe(200);
    expect((again.json as typeof active).notices.map((n) => n.number)).toEqual([notice.number]);

    const read = await api(`/v1/notices/${notice.id}`, { token: inspector });
    expect(read.json).toMatchObject({ id: notice.id, number: notice.number, acknowledgedAt: null });
    const rendered = (
      await eventually(
        () => api(`/v1/notices/${notice.id}`, { token: inspector }),
        (response) => (response.json as { documentStatus: string }).documentStatus === 'rendered',
        { what: 'the notice rendered by the document renderer' },
      )
    ).json as { documentSha256: string };
    expect(rendered.documentSha256).toMatch(/^[0-9a-f]{64}$/);

    const document = await api(`/v1/notices/${notice.id}/document`, { token: inspector, redirect: 'manual' });
    expect(document.status).toBe(302);
    const pdf = Buffer.from(await (await fetch(document.headers.get('location') as string)).arrayBuffer());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const { createHash } = await import('node:crypto');
    expect(createHash('sha256').update(pdf).digest('hex')).toBe(rendered.documentSha256);
    // the same link as JSON, for a client that opens it itself
    const asJson = await api(`/v1/notices/${notice.id}/document`, {
      token: inspector,
      headers: { accept: 'application/json' },
    });
    expect(asJson.status).toBe(200);
    const link = asJson.json as { url: string; expiresAt: string };
    expect(link.expiresAt).toBe('2026-09-10T10:05:00+08:00');
    const again2 = Buffer.from(await (await fetch(link.url)).arrayBuffer());
    expect(again2.equals(pdf)).toBe(true);
    const file = join(mkdtempSync(join(tmpdir(), 'notice-')), 'notice.pdf');
    writeFileSync(file, pdf);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('差别化监管告知单');
    expect(text).toContain(project.body.name);
    expect(text).toContain(notice.number);
  });

  it('lists cases by status and lets an officer dismiss a proposed case with a reason', async () => {
    const project = await registeredProject();
    const { caseId } = (
      await api(`/v1/projects/${project.id}/inspections`, {
        method: 'POST',
        token: inspector,
        body: failingInspection(project.body),
      })
    ).json as { caseId: string };

    const listed = await api('/v1/cases?status=proposed&limit=100', { token: inspector });
    expect((listed.json as { items: Array<{ id: string }> }).items.map((item) => item.id)).toContain(caseId);

    // pages follow each other through the opaque token, across statuses, without repeating an item
    type Page = { items: Array<{ id: string }>; nextToken: string | null };
    const first = (await api('/v1/cases?limit=1', { token: inspector })).json as Page;
    expect(first.items).toHaveLength(1);
    const second = (
      await api(`/v1/cases?limit=1&nextToken=${encodeURIComponent(first.nextToken as string)}`, { token: inspector })
    ).json as Page;
    expect(second.items[0]?.id).not.toBe(first.items[0]?.id);
    expect((await api('/v1/cases?nextToken=garbage', { token: inspector })).status).toBe(400);

    expect((await api(`/v1/cases/${caseId}/dismiss`, { method: 'POST', token: officer, body: {} })).status).toBe(400);
    const dismissed = await api(`/v1/cases/${caseId}/dismiss`, {
      method: 'POST',
      token: officer,
      body: { reason: '经复核，问题已于当日整改完毕' },
    });
    expect(dismissed.status).toBe(200);
    expect(dismissed.json).toMatchObject({ status: 'dismissed', dismissReason: '经复核，问题已于当日整改完毕' });
    expect((await api(`/v1/cases/${caseId}/confirm`, { method: 'POST', token: officer, body: {} })).status).toBe(409);

    // with the case dismissed, the next failing inspection proposes a new one
    const next = await api(`/v1/projects/${project.id}/inspections`, {
      method: 'POST',
      token: inspector,
      body: failingInspection(project.body),
    });
    expect((next.json as { caseId: string }).caseId).not.toBe(caseId);
  });

  it('gives 50 concurrent confirmations numbers without gap or duplicate', async () => {
    const caseIds = await Promise.all(
      Array.from({ length: 50 }, async () => {
        const project = await registeredProject();
        const response = await api(`/v1/projects/${project.id}/inspections`, {
          method: 'POST',
          token: inspector,
          body: failingInspection(project.body),
        });
        return (response.json as { caseId: string }).caseId;
      }),
    );
    const confirmed = await Promise.all(
      caseIds.map((caseId) => api(`/v1/cases/${caseId}/confirm`, { method: 'POST', token: officer, body: {} })),
    );
    expect(confirmed.map((response) => response.status)).toEqual(caseIds.map(() => 200));
    const numbers = confirmed
      .map((response) => (response.json as { notices: Array<{ number: string }> }).notices[0]?.number as string)
      .map((number) => Number(/〔2026〕(\d+)号/.exec(number)?.[1]))
      .sort((a, b) => a - b);
    expect(new Set(numbers).size).toBe(50);
    expect((numbers.at(-1) as number) - (numbers[0] as number)).toBe(49);
  }, 180_000);
});

describe('hazards', () => {
  it('verifies item by item: rejected opens again, accepted closes, accepted is final', async () => {
    const project = await registeredProject();
    const { hazardIds } = (
      await api(`/v1/projects/${project.id}/inspections`, {
        method: 'POST',
        token: inspector,
        body: failingInspection(project.body),
      })
    ).json as { hazardIds: string[] };
    const hazardId = hazardIds[1] as string;
    const rejected = await api(`/v1/hazards/${hazardId}/verifications`, {
      method: 'POST',
      token: inspector,
      body: { result: 'rejected', date: '2026-09-10', note: '连墙件仍未补齐' },
    });
    expect(rejected.status).toBe(201);
    expect(rejected.json).toMatchObject({ status: 'rejected', overdue: false });
    const accepted = await api(`/v1/hazards/${hazardId}/verifications`, {
      method: 'POST',
      token: inspector,
      body: { result: 'accepted', date: '2026-09-10' },
    });
    expect(accepted.json).toMatchObject({ status: 'accepted' });
    const again = await api(`/v1/hazards/${hazardId}/verifications`, {
      method: 'POST',
      token: inspector,
      body: { result: 'rejected', date: '2026-09-10' },
    });
    expect(again.status).toBe(409);
    expect(again.headers.get('content-type')).toContain('application/problem+json');

    const refused = await api(`/v1/hazards/${hazardIds[2]}/refusal`, { method: 'POST', token: inspector, body: {} });
    expect(refused.status).toBe(201);
    const c4 = (refused.json as { conditions: Condition[] }).conditions.find((condition) => condition.id === 'C4');
    expect(c4).toMatchObject({ met: true });
    expect(c4?.evidence).toContain(hazardIds[2]);

    const view = await api(`/v1/projects/${project.id}`, { token: inspector });
    const openIds = (view.json as { openHazards: Array<{ id: string }> }).openHazards.map((hazard) => hazard.id);
    expect(openIds).not.toContain(hazardId);
    expect(openIds).toContain(hazardIds[2]);
  });

  it('answers 404 for a hazard that does not exist', async () => {
    const response = await api('/v1/hazards/haz_01JD5Z3X8K9Q2W4E6R7T8Y9V0P/refusal', {
      method: 'POST',
      token: inspector,
      body: {},
    });
    expect(response.status).toBe(404);
  });
});

describe('incidents and criticisms', () => {
  it('a fatal incident makes C6 true; a criticism C5', async () => {
    const project = await registeredProject();
    const incident = await api(`/v1/projects/${project.id}/incidents`, {
      method: 'POST',
      token: inspector,
      body: { date: '2026-09-01', fatalities: 1, injuries: 2, description: '塔吊倾覆事故' },
    });
    expect(incident.status).toBe(201);
    const body = incident.json as { id: string; conditions: Condition[]; caseId: string };
    expect(body.conditions.find((condition) => condition.id === 'C6')).toMatchObject({
      met: true,
      evidence: [body.id],
    });
    expect(body.caseId).toMatch(/^cas_/);

    const criticism = await api(`/v1/projects/${project.id}/criticisms`, {
      method: 'POST',
      token: inspector,
      body: {
        date: '2026-09-05',
        issuer: 'district_government',
        documentNo: '通政办〔2026〕12号',
        summary: '通报批评',
      },
    });
    const after = criticism.json as { conditions: Condition[]; caseId: string };
    expect(after.conditions.find((condition) => condition.id === 'C5')?.met).toBe(true);
    expect(after.caseId).toBe(body.caseId);

    const asOf = await api(`/v1/projects/${project.id}/conditions?asOf=2026-08-31`, { token: inspector });
    expect((asOf.json as { conditions: Condition[] }).conditions.every((condition) => !condition.met)).toBe(true);
  });
});

describe('bad input writes nothing', () => {
  it.each([
    ['one inspector', (i: Record<string, unknown>) => ({ ...i, inspectors: ['王五'] }), 'inspectors'],
    [
      'an unknown finding kind',
      (i: Record<string, unknown>) => ({ ...i, findings: [{ ...(i.findings as object[])[0], kind: 'messy' }] }),
      'findings[0].kind',
    ],
    [
      'a deadline before the inspection',
      (i: Record<string, unknown>) => ({
        ...i,
        findings: [{ ...(i.findings as object[])[0], deadline: '2026-09-01' }],
      }),
      'findings[0].deadline',
    ],
    ['a date that is not a date', (i: Record<string, unknown>) => ({ ...i, date: '2026-02-30' }), 'date'],
    // the local clock stands at 2026-09-10 (beforeAll); the deadlines stay after the date
    ['a date in the future', (i: Record<string, unknown>) => ({ ...i, date: '2026-09-15' }), 'date'],
    [
      'a unit that is not of the project',
      (i: Record<string, unknown>) => ({
        ...i,
        findings: [{ ...(i.findings as object[])[0], unitCreditCode: '91110000802100433B' }],
      }),
      'findings[0].unitCreditCode',
    ],
  ])('%s → 400 naming the field', async (_name, mutate, field) => {
    const project = await registeredProject();
    const before = await partitionItems(`PROJECT#${project.id}`);
    const response = await api(`/v1/projects/${project.id}/inspections`, {
      method: 'POST',
      token: inspector,
      body: mutate(failingInspection(project.body) as unknown as Record<string, unknown>),
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    const problem = response.json as { status: number; detail: string; errors: Array<{ field: string }> };
    expect(problem.status).toBe(400);
    expect(problem.errors.map((error) => error.field)).toContain(field);
    expect(await partitionItems(`PROJECT#${project.id}`)).toEqual(before);
  });

  it('an unknown project → 404', async () => {
    const response = await api('/v1/projects/prj_01JD5Z3X8K9Q2W4E6R7T8Y9V0P/inspections', {
      method: 'POST',
      token: inspector,
      body: failingInspection(projectBody()),
    });
    expect(response.status).toBe(404);
    expect((response.json as { detail: string }).detail).toContain('prj_01JD5Z3X8K9Q2W4E6R7T8Y9V0P');
  });

  it('a retried inspection with the same Idempotency-Key records once and answers the same', async () => {
    const project = await registeredProject();
    const body = failingInspection(project.body);
    const headers = { 'idempotency-key': `inspection-${project.id}` };
    const responses = await Promise.all(
      Array.from({ length: 5 }, () =>
        api(`/v1/projects/${project.id}/inspections`, { method: 'POST', token: inspector, body, headers }),
      ),
    );
    expect(new Set(responses.map((response) => response.status))).toEqual(new Set([201]));
    const ids = new Set(responses.map((response) => (response.json as { inspectionId: string }).inspectionId));
    expect(ids.size).toBe(1);
    const items = await partitionItems(`PROJECT#${project.id}`);
    expect(items.filter((item) => item.type === 'inspection')).toHaveLength(1);
    expect(items.filter((item) => item.type === 'case')).toHaveLength(1);

    const reused = await api(`/v1/projects/${project.id}/inspections`, {
      method: 'POST',
      token: inspector,
      body: { ...body, summary: '另一份检查' },
      headers,
    });
    expect(reused.status).toBe(422);
  });
});
