import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPersonalData } from '../../shared/domain/masking.js';
import { api, eventually, journalOf, partitionItems, setClock, tokenFor, triggerSchedule } from './support/api.js';
import { contractorOf, failingInspection, projectBody } from './support/fixtures.js';

let inspector: string;
let officer: string;

interface Circular {
  id: string;
  number: string | null;
  status: string;
  caseId: string;
  projectId: string;
  title: string;
  body: string;
  units: Array<{ name: string; creditCode: string }>;
  draftedOn: string;
  statementWindowEndsOn: string;
  statements: Array<{ documentId: string; unitCreditCode: string; unitName: string; withinWindow: boolean }>;
  statementMade: boolean | null;
  publishedOn: string | null;
  validUntil: string | null;
  retractedOn: string | null;
  retractionReason: string | null;
  expiredOn: string | null;
}

interface Supervised {
  body: ReturnType<typeof projectBody>;
  projectId: string;
  caseId: string;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A small but well-formed PDF, as a unit would scan its signed statement. */
function pdf(text: string): Uint8Array {
  return new TextEncoder().encode(
    `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n% ${text}\ntrailer<</Root 1 0 R>>\n%%EOF\n`,
  );
}

/** Register a project, record the failing inspection of 10 September and include it (first cycle: September). */
async function includedProject(): Promise<Supervised> {
  await setClock('2026-09-10T10:00:00+08:00');
  const body = projectBody();
  const registered = await api('/v1/projects', { method: 'POST', token: inspector, body });
  expect(registered.status, registered.text).toBe(201);
  const projectId = (registered.json as { id: string }).id;
  const inspection = await api(`/v1/projects/${projectId}/inspections`, {
    method: 'POST',
    token: inspector,
    body: failingInspection(body),
  });
  const caseId = (inspection.json as { caseId: string }).caseId;
  expect((await api(`/v1/cases/${caseId}/confirm`, { method: 'POST', token: officer, body: {} })).status).toBe(200);
  return { body, projectId, caseId };
}

/** An officer runs a month at 01:00 on the 1st (before the schedule's own 02:30 run) and waits for it. */
async function runMonth(month: string, at: string) {
  await setClock(at);
  const started = await api('/v1/evaluations', { method: 'POST', token: officer, body: { month } });
  expect(started.status, started.text).toBe(202);
  const { runId } = started.json as { runId: string };
  const run = await eventually(
    async () => (await api(`/v1/evaluations/${runId}`, { token: officer })).json as { status: string },
    (value) => value.status !== 'running',
    { timeoutMs: 120_000, what: `evaluation run ${runId}` },
  );
  expect(run.status).toBe('succeeded');
}

async function circularsWith(status: string | undefined): Promise<Circular[]> {
  const all: Circular[] = [];
  let nextToken: string | null = null;
  do {
    const query = new URLSearchParams({ limit: '100', ...(status ? { status } : {}) });
    if (nextToken) query.set('nextToken', nextToken);
    const response = await api(`/v1/circulars?${query}`, { token: inspector });
    expect(response.status, response.text).toBe(200);
    const page = response.json as { items: Circular[]; nextToken: string | null };
    all.push(...page.items);
    nextToken = page.nextToken;
  } while (nextToken);
  return all;
}

async function circularOf(caseId: string, status?: string): Promise<Circular | undefined> {
  return (await circularsWith(status)).find((circular) => circular.caseId === caseId);
}

/** Declare a document through a unit's link and POST its bytes to the presigned form, as the upload page does. */
async function uploadStatement(caseId: string, unitCreditCode: string) {
  const link = await api(`/v1/cases/${caseId}/upload-links`, {
    method: 'POST',
    token: inspector,
    body: { unitCreditCode, validDays: 7 },
  });
  expect(link.status, link.text).toBe(201);
  const token = (link.json as { token: string }).token;
  const bytes = pdf(`statement of ${unitCreditCode}`);
  const granted = await api('/v1/uploads', {
    method: 'POST',
    token,
    body: {
      docType: 'statement',
      fileName: '陈述申辩书.pdf',
      contentType: 'application/pdf',
      size: bytes.length,
      sha256: sha256(bytes),
    },
  });
  expect(granted.status, granted.text).toBe(201);
  const { documentId, upload } = granted.json as {
    documentId: string;
    upload: { url: string; fields: Record<string, string> };
  };
  const form = new FormData();
  for (const [name, value] of Object.entries(upload.fields)) form.append(name, value);
  form.append('file', new Blob([bytes], { type: 'application/pdf' }));
  expect((await fetch(upload.url, { method: 'POST', body: form })).status).toBeLessThan(300);
  const settled = await eventually(
    async () => (await api(`/v1/uploads/${documentId}`, { token })).json as { status: string },
    (document) => document.status !== 'pending',
    { what: `the verification of ${documentId}` },
  );
  expect(settled.status).toBe('accepted');
  return documentId;
}

beforeAll(async () => {
  inspector = await tokenFor('inspector');
  officer = await tokenFor('officer');
});

afterAll(async () => {
  await setClock(null);
});

describe('circulars of criticism (通报): statement window, publication, retraction, expiry', () => {
  let first: Supervised;
  let second: Supervised;
  let circular: Circular;
  let other: Circular;

  it('three failed months bring two cases to level 3, each with a draft circular', async () => {
    first = await includedProject();
    second = await includedProject();
    await runMonth('2026-09', '2026-10-01T01:00:00+08:00');
    await runMonth('2026-10', '2026-11-01T01:00:00+08:00');
    await runMonth('2026-11', '2026-12-01T01:00:00+08:00');
    const drafts = await eventually(
      async () => [await circularOf(first.caseId, 'draft'), await circularOf(second.caseId, 'draft')],
      (found) => found.every(Boolean),
      { what: 'the two draft circulars' },
    );
    circular = drafts[0] as Circular;
    other = drafts[1] as Circular;
    expect(circular).toMatchObject({
      status: 'draft',
      projectId: first.projectId,
      draftedOn: '2026-12-01',
      // 5 working days after Tuesday 1 December: 2, 3, 4, 7, 8 December
      statementWindowEndsOn: '2026-12-08',
      statements: [],
      publishedOn: null,
      validUntil: null,
    });
    // numbered when published (SPEC §2.2)
    expect(circular.number).toBeNull();
    expect(circular.units.map((unit) => unit.creditCode).sort()).toEqual(
      first.body.units.map((unit) => unit.creditCode).sort(),
    );
    // personal names masked, no ID or phone numbers
    const text = JSON.stringify(circular);
    expect(text).not.toContain('张三');
    expect(text).not.toContain('李四');
    expect(circular.body).toContain('张*');
    expect(findPersonalData(text)).toEqual([]);
    // the case shows its circular
    const view = (await api(`/v1/cases/${first.caseId}`, { token: inspector })).json as {
      level: number;
      circulars: Circular[];
    };
    expect(view.level).toBe(3);
    expect(view.circulars.map((c) => c.id)).toEqual([circular.id]);
  });

  it('lists circulars by status, paginated, and refuses a token it did not hand out', async () => {
    const page = await api('/v1/circulars?status=draft&limit=1', { token: inspector });
    expect(page.status).toBe(200);
    const body = page.json as { items: Circular[]; nextToken: string | null };
    expect(body.items).toHaveLength(1);
    expect(body.nextToken).toEqual(expect.any(String));
    expect((await api('/v1/circulars?nextToken=garbage', { token: inspector })).status).toBe(400);
    expect((await api('/v1/circulars?status=archived', { token: inspector })).status).toBe(400);
    expect((await api('/v1/circulars')).status).toBe(401);
    const all = await circularsWith(undefined);
    expect(all.map((c) => c.id)).toEqual(expect.arrayContaining([circular.id, other.id]));
  });

  it('refuses publication while the statement window is open (409), and to an inspector (403)', async () => {
    await setClock('2026-12-02T10:00:00+08:00');
    const refused = await api(`/v1/circulars/${circular.id}/publish`, { method: 'POST', token: officer, body: {} });
    expect(refused.status).toBe(409);
    expect((refused.json as { detail: string }).detail).toContain('2026-12-08');
    expect(
      (await api(`/v1/circulars/${circular.id}/publish`, { method: 'POST', token: inspector, body: {} })).status,
    ).toBe(403);
    expect(
      (
        await api(`/v1/circulars/${circular.id}/publish`, {
          method: 'POST',
          token: officer,
          body: { publicationMonths: 48 },
        })
      ).status,
    ).toBe(400);
    expect(
      (await api('/v1/circulars/cir_01JD5Z3X8K9Q2W4E6R7T8Y9V0P/publish', { method: 'POST', token: officer, body: {} }))
        .status,
    ).toBe(404);
  });

  it("records a unit's statement (陈述申辩) on the draft; publication stays refused while others may still speak", async () => {
    const contractor = contractorOf(first.body);
    const documentId = await uploadStatement(first.caseId, contractor);
    const withStatement = (await circularOf(first.caseId, 'draft')) as Circular;
    expect(withStatement.statements).toEqual([
      expect.objectContaining({
        documentId,
        unitCreditCode: contractor,
        unitName: '北京城建某建筑工程有限公司',
        withinWindow: true,
      }),
    ]);
    expect(
      (await api(`/v1/circulars/${circular.id}/publish`, { method: 'POST', token: officer, body: {} })).status,
    ).toBe(409);
    const view = (await api(`/v1/cases/${first.caseId}`, { token: inspector })).json as {
      timeline: Array<{ action: string }>;
      timelineIntact: boolean;
    };
    expect(view.timeline.map((entry) => entry.action)).toContain('circular_statement_recorded');
    expect(view.timelineIntact).toBe(true);
  });

  it('publishes inside the window once every unit named has made its statement', async () => {
    const units = second.body.units.map((unit) => unit.creditCode);
    // all four at once: the verifier records each on the draft, whatever the order of the races
    await Promise.all(units.map((unit) => uploadStatement(second.caseId, unit)));
    const stated = (await circularOf(second.caseId, 'draft')) as Circular;
    expect(stated.statements.map((statement) => statement.unitCreditCode).sort()).toEqual([...units].sort());
    const published = await api(`/v1/circulars/${other.id}/publish`, {
      method: 'POST',
      token: officer,
      body: { publicationMonths: 6 },
    });
    expect(published.status, published.text).toBe(200);
    expect(published.json).toMatchObject({
      status: 'published',
      publishedOn: '2026-12-02',
      validUntil: '2027-06-01',
      statementMade: true,
    });
  });

  it('publishes once the window has closed: the period, the statement made, idempotent', async () => {
    await setClock('2026-12-09T09:00:00+08:00');
    const published = await api(`/v1/circulars/${circular.id}/publish`, {
      method: 'POST',
      token: officer,
      body: {},
      headers: { 'idempotency-key': `publish-${circular.id}` },
    });
    expect(published.status, published.text).toBe(200);
    expect(published.json).toMatchObject({
      id: circular.id,
      status: 'published',
      number: expect.stringMatching(/^通住建安通〔2026〕\d+号$/),
      publishedOn: '2026-12-09',
      validUntil: '2027-12-08',
      statementMade: true,
    });
    // again, with and without the key: the circular as it is, nothing written twice
    await setClock('2026-12-10T09:00:00+08:00');
    for (const headers of [{ 'idempotency-key': `publish-${circular.id}` }, {} as Record<string, string>]) {
      const again = await api(`/v1/circulars/${circular.id}/publish`, {
        method: 'POST',
        token: officer,
        body: {},
        headers,
      });
      expect(again.status).toBe(200);
      expect(again.json).toMatchObject({ status: 'published', publishedOn: '2026-12-09' });
    }
    expect((await circularOf(first.caseId, 'published'))?.id).toBe(circular.id);
    expect(await circularOf(first.caseId, 'draft')).toBeUndefined();
  });

  it('retracts with a reason; a retracted circular cannot be published again', async () => {
    await setClock('2026-12-20T10:00:00+08:00');
    const path = `/v1/circulars/${circular.id}/retract`;
    expect((await api(path, { method: 'POST', token: inspector, body: { reason: 'x' } })).status).toBe(403);
    expect((await api(path, { method: 'POST', token: officer, body: {} })).status).toBe(400);
    const reason = '经复核，项目已于12月完成全部整改，撤回通报';
    const retracted = await api(path, { method: 'POST', token: officer, body: { reason } });
    expect(retracted.status, retracted.text).toBe(200);
    expect(retracted.json).toMatchObject({
      status: 'retracted',
      retractedOn: '2026-12-20',
      retractionReason: reason,
      publishedOn: '2026-12-09',
    });
    expect((await api(path, { method: 'POST', token: officer, body: { reason } })).status).toBe(200);
    const republish = await api(`/v1/circulars/${circular.id}/publish`, { method: 'POST', token: officer, body: {} });
    expect(republish.status).toBe(409);
    expect((await circularOf(first.caseId, 'retracted'))?.id).toBe(circular.id);

    const journal = await eventually(
      () => journalOf(circular.id, { atLeast: 3 }),
      (entries) => entries.some((entry) => entry.eventType === 'CircularRetracted'),
      { what: 'CircularRetracted in the journal' },
    );
    const types = journal.map((entry) => entry.eventType);
    expect(types.filter((type) => type === 'CircularPublished')).toHaveLength(1);
    expect(types.filter((type) => type === 'CircularRetracted')).toHaveLength(1);
    expect(types).toContain('CircularDrafted');

    const view = (await api(`/v1/cases/${first.caseId}`, { token: inspector })).json as {
      timeline: Array<{ action: string; detail: Record<string, unknown> }>;
      timelineIntact: boolean;
    };
    const actions = view.timeline.map((entry) => entry.action);
    expect(actions.filter((action) => action === 'circular_published')).toHaveLength(1);
    expect(actions.filter((action) => action === 'circular_retracted')).toHaveLength(1);
    expect(view.timelineIntact).toBe(true);
  });

  it('expires a circular the day after its period, once, from the daily schedule', async () => {
    // the last day of the period: it still stands
    await setClock('2027-06-01T12:00:00+08:00');
    expect((await triggerSchedule('daily-circular-expiry')).status).toBe(200);
    expect((await circularOf(second.caseId, 'published'))?.id).toBe(other.id);

    await setClock('2027-06-02T08:00:00+08:00');
    const triggered = await triggerSchedule('daily-circular-expiry');
    expect(triggered.status, triggered.text).toBe(200);
    const expired = await eventually(
      () => circularOf(second.caseId, 'expired'),
      (found) => found !== undefined,
      { what: 'the expired circular' },
    );
    expect(expired).toMatchObject({
      id: other.id,
      status: 'expired',
      expiredOn: '2027-06-02',
      validUntil: '2027-06-01',
    });
    // a retracted circular is never expired over its retraction
    expect((await circularOf(first.caseId))?.status).toBe('retracted');

    // running it again expires nothing twice
    expect((await triggerSchedule('daily-circular-expiry')).status).toBe(200);
    const journal = await eventually(
      () => journalOf(other.id, { atLeast: 3 }),
      (entries) => entries.some((entry) => entry.eventType === 'CircularExpired'),
      { what: 'CircularExpired in the journal' },
    );
    expect(journal.filter((entry) => entry.eventType === 'CircularExpired')).toHaveLength(1);
    const timeline = await partitionItems(`PROJECT#${second.projectId}`, {
      skPrefix: `CASE#${second.caseId}#TIMELINE#`,
    });
    expect(timeline.filter((entry) => entry.action === 'circular_expired')).toHaveLength(1);
    expect(
      (await api(`/v1/circulars/${other.id}/retract`, { method: 'POST', token: officer, body: { reason: '撤回' } }))
        .status,
    ).toBe(409);
  });
});
