/**
 * The authorization matrix, generated from the wiring table: every route × every kind of caller. A route added
 * to the table is in this test without anyone writing a line, and its access rule is checked end to end through
 * the gateway (JWT authorizer, upload-token authorizer) and the handler's role check.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeList } from '../../shared/wiring.js';
import { api, setClock, tokenFor } from './support/api.js';
import { contractorOf, failingInspection, projectBody } from './support/fixtures.js';

type Caller =
  | 'none'
  | 'inspector'
  | 'officer'
  | 'upload'
  | 'uploadOtherUnit'
  | 'uploadOtherCase'
  | 'uploadExpired'
  | 'assessment'
  | 'assessmentExpired';
const CALLERS: Caller[] = [
  'none',
  'inspector',
  'officer',
  'upload',
  'uploadOtherUnit',
  'uploadOtherCase',
  'uploadExpired',
  'assessment',
  'assessmentExpired',
];

const tokens = {} as Record<Exclude<Caller, 'none'>, string>;
const ids: Record<string, string> = {};

async function activeCase() {
  const inspector = await tokenFor('inspector');
  const officer = await tokenFor('officer');
  const body = projectBody();
  const project = (await api('/v1/projects', { method: 'POST', token: inspector, body })).json as { id: string };
  const inspection = (
    await api(`/v1/projects/${project.id}/inspections`, {
      method: 'POST',
      token: inspector,
      body: failingInspection(body),
    })
  ).json as { caseId: string; hazardIds: string[]; inspectionId: string };
  const view = (await api(`/v1/cases/${inspection.caseId}/confirm`, { method: 'POST', token: officer, body: {} }))
    .json as {
    notices: Array<{ id: string }>;
  };
  return {
    body,
    projectId: project.id,
    caseId: inspection.caseId,
    hazardId: inspection.hazardIds[0] as string,
    inspectionId: inspection.inspectionId,
    noticeId: view.notices[0]?.id as string,
  };
}

async function uploadToken(caseId: string, unitCreditCode: string, validDays = 7) {
  const link = await api(`/v1/cases/${caseId}/upload-links`, {
    method: 'POST',
    token: tokens.inspector,
    body: { unitCreditCode, validDays },
  });
  return (link.json as { token: string }).token;
}

beforeAll(async () => {
  await setClock('2026-09-10T10:00:00+08:00');
  tokens.inspector = await tokenFor('inspector');
  tokens.officer = await tokenFor('officer');
  const first = await activeCase();
  const second = await activeCase();
  Object.assign(ids, {
    projectId: first.projectId,
    caseId: first.caseId,
    hazardId: first.hazardId,
    inspectionId: first.inspectionId,
    noticeId: first.noticeId,
    runId: 'run_01JD5Z3X8K9Q2W4E6R7T8Y9V0P',
    circularId: 'cir_01JD5Z3X8K9Q2W4E6R7T8Y9V0P',
    linkId: 'lnk_01JD5Z3X8K9Q2W4E6R7T8Y9V0P',
    documentId: 'doc_01JD5Z3X8K9Q2W4E6R7T8Y9V0P',
  });
  const supervisor = first.body.units.find((unit) => unit.role === 'supervisor')?.creditCode as string;
  tokens.upload = await uploadToken(first.caseId, contractorOf(first.body));
  tokens.uploadOtherUnit = await uploadToken(first.caseId, supervisor);
  tokens.uploadOtherCase = await uploadToken(second.caseId, contractorOf(second.body));
  tokens.uploadExpired = await uploadToken(first.caseId, contractorOf(first.body), 1);
  const assessmentToken = async (validDays: number) =>
    (
      (
        await api(`/v1/projects/${first.projectId}/assessment-links`, {
          method: 'POST',
          token: tokens.inspector,
          body: { unitCreditCode: contractorOf(first.body), validDays },
        })
      ).json as { token: string }
    ).token;
  tokens.assessment = await assessmentToken(30);
  tokens.assessmentExpired = await assessmentToken(1);
  Object.assign(ids, {
    schemeId: 'jgj59-2011',
    assessmentId: 'asm_01JD5Z3X8K9Q2W4E6R7T8Y9V0P',
    entryId: 'pts_01JD5Z3X8K9Q2W4E6R7T8Y9V0P',
  });
  // a document of the contractor's link, to be read by the others
  const declared = await api('/v1/uploads', {
    method: 'POST',
    token: tokens.upload,
    body: {
      docType: 'rectification_plan',
      fileName: 'a.pdf',
      contentType: 'application/pdf',
      size: 10,
      sha256: 'a'.repeat(64),
    },
  });
  ids.documentId = (declared.json as { documentId: string }).documentId;
}, 120_000);

afterAll(async () => {
  await setClock(null);
});

function pathOf(template: string): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => ids[name] ?? `unknown-${name}`);
}

/** What a caller must get: `ok` means the gateway and the role check let it through (any other status). */
function expected(access: (typeof routeList)[number]['access'], caller: Caller): 401 | 403 | 'ok' {
  if (access.kind === 'public') return 'ok';
  const linkCaller = caller.startsWith('upload') || caller.startsWith('assessment');
  if (access.kind === 'agency') {
    if (caller === 'none' || linkCaller) return 401; // not a JWT the authorizer accepts
    if (access.role === 'officer' && caller === 'inspector') return 403;
    return 'ok';
  }
  // link routes: no header → 401; an agency JWT or an expired token is refused by the link-token authorizer → 403;
  // a link of the other kind passes the authorizer and is refused by the route → 403
  if (caller === 'none') return 401;
  if (caller === 'inspector' || caller === 'officer' || caller.endsWith('Expired')) return 403;
  if (access.kind === 'upload' && caller.startsWith('assessment')) return 403;
  if (access.kind === 'assessment' && caller.startsWith('upload')) return 403;
  return 'ok';
}

describe('every route × every caller', () => {
  const cases = routeList.flatMap((route) => CALLERS.map((caller) => ({ route, caller })));

  it.each(cases.map(({ route, caller }) => [`${route.method} ${route.path}`, caller, route] as const))(
    '%s as %s',
    async (_name, caller, route) => {
      if (caller.endsWith('Expired')) await setClock('2026-09-11T10:00:01+08:00');
      try {
        const response = await api(pathOf(route.path), {
          method: route.method,
          ...(caller === 'none' ? {} : { token: tokens[caller] }),
          ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { body: {} }),
        });
        const want = expected(route.access, caller);
        if (want === 'ok') expect([401, 403], `${response.status} ${response.text}`).not.toContain(response.status);
        else expect(response.status, response.text).toBe(want);
        expect(response.status).toBeLessThan(500);
        if (response.status >= 400) expect(response.headers.get('content-type')).toContain('application/problem+json');
      } finally {
        if (caller.endsWith('Expired')) await setClock('2026-09-10T10:00:00+08:00');
      }
    },
  );

  it("keeps a unit's document from another unit and from another case", async () => {
    expect((await api(`/v1/uploads/${ids.documentId}`, { token: tokens.upload })).status).toBe(200);
    expect((await api(`/v1/uploads/${ids.documentId}`, { token: tokens.uploadOtherUnit })).status).toBe(404);
    expect((await api(`/v1/uploads/${ids.documentId}`, { token: tokens.uploadOtherCase })).status).toBe(404);
  });
});
