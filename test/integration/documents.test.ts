/**
 * What the agency reads of the units' documents (SPEC §4 "More agency routes"): a case's documents with their
 * status, one document's record, its bytes through a short-lived link (302, or `{url, expiresAt}` for
 * `Accept: application/json`) — only once the verifier accepted them — and a hazard with its verifications and
 * the evidence uploaded for it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, setClock, tokenFor } from './support/api.js';
import { pdf, sha256, uploadDocument, verdictOf } from './support/documents.js';
import { contractorOf } from './support/fixtures.js';
import { activeCase, uploadLink } from './support/records.js';

interface DocumentView {
  id: string;
  caseId: string;
  unit: { creditCode: string; name: string | null; role: string };
  docType: string;
  fileName: string;
  sha256: string;
  status: string;
  reason: string | null;
  hazardId: string | null;
  requestedAt: string;
  uploadedAt: string | null;
  content: string | null;
}
interface Page {
  items: DocumentView[];
  nextToken: string | null;
}

const OFFSET = /\+08:00$/;
let inspector: string;
let setup: Awaited<ReturnType<typeof activeCase>>;
const bytes = { plan: pdf('整改方案'), evidence: pdf('隐患整改照片'), daily: pdf('日报') };
const ids = { plan: '', evidence: '', rejected: '', declared: '' };

async function pageOf(query = ''): Promise<Page> {
  const response = await api(`/v1/cases/${setup.caseId}/documents${query}`, { token: inspector });
  expect(response.status, response.text).toBe(200);
  return response.json as Page;
}

beforeAll(async () => {
  inspector = await tokenFor('inspector');
  await setClock('2026-09-10T10:00:00+08:00');
  setup = await activeCase();
  const { token } = await uploadLink(setup.caseId, contractorOf(setup.body));
  ids.plan = (
    await uploadDocument(token, { docType: 'rectification_plan', fileName: '整改方案.pdf' }, bytes.plan)
  ).documentId;
  ids.evidence = (
    await uploadDocument(
      token,
      { docType: 'rectification_evidence', fileName: '整改照片.pdf', hazardId: setup.hazardIds[1] as string },
      bytes.evidence,
    )
  ).documentId;
  ids.rejected = (
    await uploadDocument(
      token,
      { docType: 'daily_report', fileName: '日报.pdf', reportDate: '2026-09-10' },
      bytes.daily,
      { sha256: 'a'.repeat(64) },
    )
  ).documentId;
  for (const id of [ids.plan, ids.evidence, ids.rejected]) await verdictOf(token, id);
  // declared, never uploaded
  const declared = await api('/v1/uploads', {
    method: 'POST',
    token,
    body: {
      docType: 'rectification_plan',
      fileName: '补充方案.pdf',
      contentType: 'application/pdf',
      size: 10,
      sha256: 'b'.repeat(64),
    },
  });
  ids.declared = (declared.json as { documentId: string }).documentId;
});

afterAll(async () => {
  await setClock(null);
});

describe("a case's documents", () => {
  it('lists every document the units uploaded, newest first, with its status and unit', async () => {
    const { items, nextToken } = await pageOf();
    expect(nextToken).toBeNull();
    expect(items.map((item) => [item.id, item.status])).toEqual([
      [ids.declared, 'pending'],
      [ids.rejected, 'rejected'],
      [ids.evidence, 'accepted'],
      [ids.plan, 'accepted'],
    ]);
    const contractor = setup.body.units.find((unit) => unit.role === 'general_contractor');
    const evidence = items.find((item) => item.id === ids.evidence) as DocumentView;
    expect(evidence).toMatchObject({
      caseId: setup.caseId,
      unit: { creditCode: contractor?.creditCode, name: contractor?.name, role: 'general_contractor' },
      docType: 'rectification_evidence',
      fileName: '整改照片.pdf',
      sha256: sha256(bytes.evidence),
      hazardId: setup.hazardIds[1],
      content: `/v1/documents/${ids.evidence}/content`,
    });
    expect(evidence.requestedAt).toMatch(OFFSET);
    expect(evidence.uploadedAt).toMatch(OFFSET);
    const rejected = items.find((item) => item.id === ids.rejected) as DocumentView;
    expect(rejected.reason).toContain('SHA-256');
    expect(rejected.content).toBeNull();
    expect(items.find((item) => item.id === ids.declared)?.uploadedAt).toBeNull();
  });

  it('filters by status, type and unit', async () => {
    const idsOf = async (query: string) => (await pageOf(query)).items.map((item) => item.id);
    expect(await idsOf('?status=accepted')).toEqual([ids.evidence, ids.plan]);
    expect(await idsOf('?docType=rectification_evidence')).toEqual([ids.evidence]);
    expect(await idsOf(`?unitCreditCode=${contractorOf(setup.body)}&status=pending`)).toEqual([ids.declared]);
    const supervisor = setup.body.units.find((unit) => unit.role === 'supervisor')?.creditCode;
    expect(await idsOf(`?unitCreditCode=${supervisor}`)).toEqual([]);
  });

  it('walks page by page to the same list, each once', async () => {
    const all = (await pageOf()).items.map((item) => item.id);
    for (const limit of [1, 3]) {
      const seen: string[] = [];
      let token: string | null = null;
      do {
        const page: Page = await pageOf(`?limit=${limit}${token ? `&nextToken=${token}` : ''}`);
        expect(page.items.length).toBeLessThanOrEqual(limit);
        seen.push(...page.items.map((item) => item.id));
        token = page.nextToken;
      } while (token);
      expect(seen).toEqual(all);
    }
    const filtered = await pageOf('?status=accepted&limit=1');
    const rest = await pageOf(`?status=accepted&limit=1&nextToken=${filtered.nextToken}`);
    expect([...filtered.items, ...rest.items].map((item) => item.id)).toEqual([ids.evidence, ids.plan]);
  });

  it("refuses another list's token, and answers 404 for a case that does not exist", async () => {
    const cases = (await api('/v1/cases?limit=1', { token: inspector })).json as Page;
    expect(cases.nextToken).toEqual(expect.any(String));
    const foreign = await api(`/v1/cases/${setup.caseId}/documents?nextToken=${cases.nextToken}`, {
      token: inspector,
    });
    expect(foreign.status, foreign.text).toBe(400);
    const missing = await api('/v1/cases/cas_01JD5Z3X8K9Q2W4E6R7T8Y9V0P/documents', { token: inspector });
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toContain('application/problem+json');
  });
});

describe('one document', () => {
  it('reads its record, as the list shows it', async () => {
    const listed = (await pageOf()).items.find((item) => item.id === ids.evidence);
    const read = await api(`/v1/documents/${ids.evidence}`, { token: inspector });
    expect(read.status).toBe(200);
    expect(read.json).toEqual(listed);
    expect((await api('/v1/documents/doc_01JD5Z3X8K9Q2W4E6R7T8Y9V0P', { token: inspector })).status).toBe(404);
  });

  it('hands out the bytes of an accepted document: a redirect, or the link as JSON', async () => {
    const redirect = await api(`/v1/documents/${ids.evidence}/content`, { token: inspector });
    expect(redirect.status).toBe(302);
    const location = redirect.headers.get('location') as string;
    const fetched = new Uint8Array(await (await fetch(location)).arrayBuffer());
    expect(sha256(fetched)).toBe(sha256(bytes.evidence));

    const asJson = await api(`/v1/documents/${ids.plan}/content`, {
      token: inspector,
      headers: { accept: 'application/json' },
    });
    expect(asJson.status, asJson.text).toBe(200);
    const link = asJson.json as { url: string; expiresAt: string };
    expect(link.expiresAt).toBe('2026-09-10T10:05:00+08:00');
    expect(sha256(new Uint8Array(await (await fetch(link.url)).arrayBuffer()))).toBe(sha256(bytes.plan));
  });

  it('refuses the bytes of a rejected or unverified document, saying why', async () => {
    const rejected = await api(`/v1/documents/${ids.rejected}/content`, { token: inspector });
    expect(rejected.status).toBe(409);
    expect((rejected.json as { detail: string }).detail).toMatch(/未通过核验.*SHA-256/);
    const pending = await api(`/v1/documents/${ids.declared}/content`, { token: inspector });
    expect(pending.status).toBe(409);
    expect((pending.json as { detail: string }).detail).toContain('尚未上传');
  });
});

describe('a hazard', () => {
  interface HazardView {
    id: string;
    status: string;
    overdue: boolean;
    unit: { creditCode: string; name: string | null };
    inspection: { id: string; date: string; kind: string } | null;
    verifications: Array<{ result: string; date: string; note: string | null; at: string }>;
    documents: DocumentView[];
  }

  it('shows the inspection that found it, its unit and the evidence uploaded for it', async () => {
    const response = await api(`/v1/hazards/${setup.hazardIds[1]}`, { token: inspector });
    expect(response.status, response.text).toBe(200);
    const hazard = response.json as HazardView;
    expect(hazard).toMatchObject({
      id: setup.hazardIds[1],
      status: 'open',
      overdue: false,
      unit: { creditCode: contractorOf(setup.body) },
      inspection: { date: '2026-09-10', kind: 'routine' },
      verifications: [],
    });
    expect(hazard.documents.map((document) => [document.id, document.status, document.sha256])).toEqual([
      [ids.evidence, 'accepted', sha256(bytes.evidence)],
    ]);
    const other = (await api(`/v1/hazards/${setup.hazardIds[2]}`, { token: inspector })).json as HazardView;
    expect(other.documents).toEqual([]);
  });

  it('keeps every verification, item by item, with its note', async () => {
    const hazardId = setup.hazardIds[1] as string;
    const verify = (result: string, note: string) =>
      api(`/v1/hazards/${hazardId}/verifications`, {
        method: 'POST',
        token: inspector,
        body: { result, date: '2026-09-10', note },
      });
    expect((await verify('rejected', '连墙件仍缺失两处')).status).toBe(201);
    expect((await verify('accepted', '复查合格')).status).toBe(201);
    const hazard = (await api(`/v1/hazards/${hazardId}`, { token: inspector })).json as HazardView;
    expect(hazard.status).toBe('accepted');
    expect(hazard.verifications.map(({ result, date, note }) => ({ result, date, note }))).toEqual([
      { result: 'rejected', date: '2026-09-10', note: '连墙件仍缺失两处' },
      { result: 'accepted', date: '2026-09-10', note: '复查合格' },
    ]);
    expect(hazard.verifications.every((verification) => OFFSET.test(verification.at))).toBe(true);
  });

  it('answers 404 for a hazard that does not exist', async () => {
    const response = await api('/v1/hazards/haz_01JD5Z3X8K9Q2W4E6R7T8Y9V0P', { token: inspector });
    expect(response.status).toBe(404);
    expect((response.json as { detail: string }).detail).toContain('隐患');
  });
});
