import { createDecipheriv, createHash, randomUUID } from 'node:crypto';
import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRequests, plain } from '../../bench/sdk-request-counter.js';
import { handler as uploadsHandler } from '../../functions/uploads/handler.js';
import { toHttpApiEvent } from '../../infra/local/http-api-event.js';
import { dynamo } from '../../shared/store/client.js';
import { api, documentsRendered, eventually, partitionItems, scanItems, setClock, tokenFor } from './support/api.js';
import { contractorOf, failingInspection, projectBody } from './support/fixtures.js';

const s3 = new S3Client({ forcePathStyle: true });
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A small but well-formed PDF, as a unit would scan its signed receipt. */
function pdf(text = 'signed receipt'): Uint8Array {
  const body = `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n% ${text}\ntrailer<</Root 1 0 R>>\n%%EOF\n`;
  return new TextEncoder().encode(body);
}
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);

let inspector: string;
let officer: string;

interface Setup {
  caseId: string;
  projectId: string;
  hazardIds: string[];
  body: ReturnType<typeof projectBody>;
}

async function activeCase(): Promise<Setup> {
  const body = projectBody();
  const project = (await api('/v1/projects', { method: 'POST', token: inspector, body })).json as { id: string };
  const inspection = (
    await api(`/v1/projects/${project.id}/inspections`, {
      method: 'POST',
      token: inspector,
      body: failingInspection(body),
    })
  ).json as { caseId: string; hazardIds: string[] };
  const confirmed = await api(`/v1/cases/${inspection.caseId}/confirm`, { method: 'POST', token: officer, body: {} });
  expect(confirmed.status).toBe(200);
  // the notice and the report are rendered after their commits: settled, so the partition changes only by uploads
  await documentsRendered(project.id);
  return { caseId: inspection.caseId, projectId: project.id, hazardIds: inspection.hazardIds, body };
}

async function link(setup: Setup, unitCreditCode: string, extra: Record<string, unknown> = {}) {
  const response = await api(`/v1/cases/${setup.caseId}/upload-links`, {
    method: 'POST',
    token: inspector,
    body: { unitCreditCode, validDays: 7, ...extra },
  });
  expect(response.status).toBe(201);
  return response.json as { linkId: string; url: string; token: string; expiresAt: string };
}

/** Declare, then POST the bytes to the presigned form exactly as a browser would. */
async function upload(token: string, declaration: Record<string, unknown>, bytes: Uint8Array) {
  const granted = await api('/v1/uploads', { method: 'POST', token, body: declaration });
  expect(granted.status, granted.text).toBe(201);
  const { documentId, upload: form } = granted.json as {
    documentId: string;
    upload: { url: string; fields: Record<string, string> };
  };
  const data = new FormData();
  for (const [name, value] of Object.entries(form.fields)) data.append(name, value);
  data.append('file', new Blob([bytes], { type: String(declaration.contentType) }));
  const posted = await fetch(form.url, { method: 'POST', body: data });
  expect(posted.status).toBeLessThan(300);
  return { documentId, form };
}

async function settled(token: string, documentId: string) {
  return eventually(
    async () => (await api(`/v1/uploads/${documentId}`, { token })).json as { status: string; reason: string | null },
    (document) => document.status !== 'pending',
    { what: `the verification of ${documentId}` },
  );
}

beforeAll(async () => {
  inspector = await tokenFor('inspector');
  officer = await tokenFor('officer');
  await setClock('2026-09-10T10:00:00+08:00');
});

afterAll(async () => {
  await setClock(null);
});

describe('an upload link for the general contractor', () => {
  it('shows what is due, takes the signed receipt, verifies it and acknowledges the notice', async () => {
    const setup = await activeCase();
    const contractor = contractorOf(setup.body);
    const created = await link(setup, contractor);
    expect(created.url).toMatch(/\/public\/upload\/#token=sdu_/);
    expect(created.token).toMatch(/^sdu_[A-Za-z0-9_-]{43}$/);

    // the token is stored only as its SHA-256
    const stored = JSON.stringify(await partitionItems(`PROJECT#${setup.projectId}`));
    expect(stored).not.toContain(created.token);
    expect(await partitionItems(`UPLOADTOKEN#${sha256(new TextEncoder().encode(created.token))}`)).toHaveLength(1);

    const context = (await api('/v1/uploads/context', { token: created.token })).json as {
      unit: { role: string };
      due: Array<{ docType: string }>;
      link: { docTypes: string[] };
    };
    expect(context.unit.role).toBe('general_contractor');
    expect(context.due.map((item) => item.docType)).toEqual(expect.arrayContaining(['notice_receipt', 'daily_report']));
    expect(context.link.docTypes).toContain('daily_report');
    expect(context.link.docTypes).not.toContain('patrol_record');

    const bytes = pdf();
    const { documentId, form } = await upload(
      created.token,
      {
        docType: 'notice_receipt',
        fileName: '告知单回执.pdf',
        contentType: 'application/pdf',
        size: bytes.length,
        sha256: sha256(bytes),
      },
      bytes,
    );

    // the policy we signed pins the exact key, the content type, the exact size and a 15-minute expiry
    const policy = JSON.parse(Buffer.from(form.fields.Policy as string, 'base64').toString('utf8')) as {
      expiration: string;
      conditions: unknown[];
    };
    const key = form.fields.key as string;
    expect(key).toMatch(new RegExp(`^cases/${setup.caseId}/${contractor}/notice_receipt/${documentId}\\.pdf$`));
    expect(policy.conditions).toEqual(
      expect.arrayContaining([
        ['eq', '$key', key],
        ['eq', '$Content-Type', 'application/pdf'],
        ['content-length-range', bytes.length, bytes.length],
      ]),
    );
    const minutes = (Date.parse(policy.expiration) - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(13);
    expect(minutes).toBeLessThanOrEqual(15.1);

    expect(await settled(created.token, documentId)).toMatchObject({ status: 'accepted', reason: null });
    const view = (await api(`/v1/cases/${setup.caseId}`, { token: inspector })).json as {
      notices: Array<{ acknowledgedAt: string | null }>;
      obligations: {
        compliance: unknown;
        items: Array<{ type: string; status: string; unitCreditCode: string | null }>;
      };
      timeline: Array<{ action: string }>;
      timelineIntact: boolean;
    };
    expect(view.notices[0]?.acknowledgedAt).toBe('2026-09-10T10:00:00+08:00');
    expect(view.timeline.map((entry) => entry.action)).toEqual(
      expect.arrayContaining(['document_accepted', 'notice_acknowledged']),
    );
    expect(view.timelineIntact).toBe(true);
    expect(view.obligations.items.find((item) => item.type === 'notice_receipt')?.status).toBe('on_time');
    expect(view.obligations.items.find((item) => item.type === 'daily_report')).toMatchObject({
      unitCreditCode: contractor,
      status: 'pending',
    });
    expect(view.obligations.compliance).toMatchObject({ overall: { due: 0 } });

    // a second receipt has nothing left to acknowledge
    const again = await api('/v1/uploads', {
      method: 'POST',
      token: created.token,
      body: {
        docType: 'notice_receipt',
        fileName: 'x.pdf',
        contentType: 'application/pdf',
        size: bytes.length,
        sha256: sha256(bytes),
      },
    });
    expect(again.status).toBe(422);
  });

  it('quarantines bytes that are not what was declared, with a reason', async () => {
    const setup = await activeCase();
    const token = (await link(setup, contractorOf(setup.body))).token;
    const png = await upload(
      token,
      {
        docType: 'daily_report',
        reportDate: '2026-09-10',
        fileName: '日报.pdf',
        contentType: 'application/pdf',
        size: PNG.length,
        sha256: sha256(PNG),
      },
      PNG,
    );
    const rejected = await settled(token, png.documentId);
    expect(rejected.status).toBe('rejected');
    expect(rejected.reason).toContain('image/png');
    const key = png.form.fields.key as string;
    // the verifier commits the rejection, then moves the object (a crash between the two is finished on redelivery)
    const exists = (objectKey: string) =>
      s3.send(new HeadObjectCommand({ Bucket: process.env.DOCUMENTS_BUCKET, Key: objectKey })).then(
        () => true,
        () => false,
      );
    await eventually(
      async () => ({ quarantined: await exists(`quarantine/${key}`), left: await exists(key) }),
      (where) => where.quarantined && !where.left,
      { what: 'the object moved to quarantine/' },
    );

    const bytes = pdf('daily report');
    const wrongHash = await upload(
      token,
      {
        docType: 'daily_report',
        reportDate: '2026-09-10',
        fileName: '日报.pdf',
        contentType: 'application/pdf',
        size: bytes.length,
        sha256: 'a'.repeat(64),
      },
      bytes,
    );
    expect((await settled(token, wrongHash.documentId)).reason).toContain('SHA-256');
  });
});

describe('what a link may not do', () => {
  let setup: Setup;
  let contractorToken: string;
  let supervisorToken: string;
  let otherCaseToken: string;
  let documentId: string;

  beforeAll(async () => {
    setup = await activeCase();
    contractorToken = (await link(setup, contractorOf(setup.body))).token;
    const supervisor = setup.body.units.find((unit) => unit.role === 'supervisor')?.creditCode as string;
    supervisorToken = (await link(setup, supervisor)).token;
    const other = await activeCase();
    otherCaseToken = (await link(other, contractorOf(other.body))).token;
    const bytes = pdf('plan');
    documentId = (
      await upload(
        contractorToken,
        {
          docType: 'rectification_plan',
          fileName: '整改方案.pdf',
          contentType: 'application/pdf',
          size: bytes.length,
          sha256: sha256(bytes),
        },
        bytes,
      )
    ).documentId;
    await settled(contractorToken, documentId); // the verifier writes to the case: let it finish before counting items
  });

  const declaration = (extra: Record<string, unknown> = {}) => {
    const bytes = pdf();
    return {
      docType: 'rectification_plan',
      fileName: 'a.pdf',
      contentType: 'application/pdf',
      size: bytes.length,
      sha256: sha256(bytes),
      ...extra,
    };
  };

  it.each([
    ['an oversized file', { size: 20 * 1024 * 1024 + 1 }, 400, 'size'],
    ['a disallowed content type', { contentType: 'text/plain' }, 400, 'contentType'],
    ['a SHA-256 that is not hex', { sha256: 'not-a-hash' }, 400, 'sha256'],
    ['a daily report without its date', { docType: 'daily_report' }, 400, 'reportDate'],
    ['a daily report dated tomorrow', { docType: 'daily_report', reportDate: '2026-09-11' }, 400, 'reportDate'],
    ['a patrol record from the contractor', { docType: 'patrol_record', reportDate: '2026-09-10' }, 422, 'docType'],
    ['a group report before level 2', { docType: 'group_report' }, 422, 'docType'],
    [
      'evidence for a hazard of another case',
      { docType: 'rectification_evidence', hazardId: 'haz_01JD5Z3X8K9Q2W4E6R7T8Y9V0P' },
      400,
      'hazardId',
    ],
  ])('refuses %s, naming the field, and writes nothing', async (_name, extra, status, field) => {
    const before = await partitionItems(`PROJECT#${setup.projectId}`);
    const response = await api('/v1/uploads', { method: 'POST', token: contractorToken, body: declaration(extra) });
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect((response.json as { errors: Array<{ field: string }> }).errors.map((error) => error.field)).toContain(field);
    expect(await partitionItems(`PROJECT#${setup.projectId}`)).toEqual(before);
  });

  it("refuses evidence for another unit's hazard of the same case (422, naming hazardId), and writes nothing", async () => {
    // every hazard of the inspection is the general contractor's; the supervisor's link may not answer for them
    const before = await partitionItems(`PROJECT#${setup.projectId}`);
    const response = await api('/v1/uploads', {
      method: 'POST',
      token: supervisorToken,
      body: declaration({ docType: 'rectification_evidence', hazardId: setup.hazardIds[1] }),
    });
    expect(response.status, response.text).toBe(422);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    const problem = response.json as { detail: string; errors: Array<{ field: string; message: string }> };
    expect(problem.detail).toMatch(/本单位/);
    expect(problem.errors.map((error) => error.field)).toEqual(['hazardId']);
    expect(await partitionItems(`PROJECT#${setup.projectId}`)).toEqual(before);
  });

  it('evidence for a hazard of this case is taken', async () => {
    const response = await api('/v1/uploads', {
      method: 'POST',
      token: contractorToken,
      body: declaration({ docType: 'rectification_evidence', hazardId: setup.hazardIds[1] }),
    });
    expect(response.status).toBe(201);
  });

  it("checks a declaration and answers a document's status reading by key, never the project's whole collection", async () => {
    // the uploads function in this process, as API Gateway calls it after the link-token authorizer, its requests
    // counted: every declaration and every status read would otherwise read all the project has ever recorded
    const contractor = contractorOf(setup.body);
    const call = (method: 'POST' | 'GET', path: string, routeKey: string, body?: unknown) =>
      uploadsHandler(
        toHttpApiEvent(
          {
            method,
            url: path,
            headers: { host: '127.0.0.1', ...(body ? { 'content-type': 'application/json' } : {}) },
            body: Buffer.from(body ? JSON.stringify(body) : ''),
            sourceIp: '127.0.0.1',
            requestId: randomUUID(),
            receivedAt: new Date(),
          },
          { routeKey, pathParameters: path.startsWith('/v1/uploads/') ? { documentId } : {} },
          {
            lambda: {
              linkId: 'lnk_00000000000000000000000000',
              caseId: setup.caseId,
              projectId: setup.projectId,
              unitCreditCode: contractor,
              docTypes: '',
              validUntil: new Date(Date.now() + 86_400_000).toISOString(),
            },
          },
        ),
        { awsRequestId: randomUUID(), functionName: 'uploads' } as Context,
      ) as Promise<{ statusCode: number; body: string }>;
    const counter = countRequests(dynamo as never, (command, input) => ({
      phase: 'upload',
      target:
        command === 'Query' && !String(input.KeyConditionExpression).includes('sk')
          ? `whole partition ${String(plain((input.ExpressionAttributeValues as Record<string, unknown>)[':pk']))}`
          : command,
    }));
    try {
      const declared = await call('POST', '/v1/uploads', 'POST /v1/uploads', {
        ...declaration({ docType: 'rectification_evidence', hazardId: setup.hazardIds[1] }),
      });
      expect(declared.statusCode, declared.body).toBe(201);
      const refused = await call('POST', '/v1/uploads', 'POST /v1/uploads', {
        ...declaration({ docType: 'rectification_evidence', hazardId: 'haz_00000000000000000000000000' }),
      });
      expect(refused.statusCode, refused.body).toBe(400);
      const status = await call('GET', `/v1/uploads/${documentId}`, 'GET /v1/uploads/{documentId}');
      expect(status.statusCode, status.body).toBe(200);
      expect(JSON.parse(status.body)).toMatchObject({ documentId, status: 'accepted' });
      const rows = counter.rows();
      expect(rows.filter((row) => row.target.startsWith('whole partition'))).toEqual([]);
      expect(rows.some((row) => row.command === 'BatchGetItem')).toBe(true);
    } finally {
      counter.stop();
    }
  });

  it('shows a document to the unit that sent it, and to no other unit or case', async () => {
    expect((await api(`/v1/uploads/${documentId}`, { token: contractorToken })).status).toBe(200);
    expect((await api(`/v1/uploads/${documentId}`, { token: supervisorToken })).status).toBe(404);
    expect((await api(`/v1/uploads/${documentId}`, { token: otherCaseToken })).status).toBe(404);
  });

  it('refuses forged tokens, agency tokens and no token; an upload token opens no agency route', async () => {
    expect((await api('/v1/uploads/context', { token: `${contractorToken.slice(0, -3)}xyz` })).status).toBe(403);
    expect((await api('/v1/uploads/context', { token: 'sdu_forged' })).status).toBe(403);
    expect((await api('/v1/uploads/context', { token: inspector })).status).toBe(403);
    expect((await api('/v1/uploads/context')).status).toBe(401);
    expect((await api(`/v1/cases/${setup.caseId}`, { token: contractorToken })).status).toBe(401);
  });

  it('a revoked link stops at once; an expired one too', async () => {
    const revocable = await link(setup, contractorOf(setup.body));
    expect((await api('/v1/uploads/context', { token: revocable.token })).status).toBe(200);
    const revoked = await api(`/v1/cases/${setup.caseId}/upload-links/${revocable.linkId}`, {
      method: 'DELETE',
      token: inspector,
    });
    expect(revoked.status).toBe(204);
    expect((await api('/v1/uploads/context', { token: revocable.token })).status).toBe(403);

    const shortLived = await link(setup, contractorOf(setup.body), { validDays: 1 });
    expect((await api('/v1/uploads/context', { token: shortLived.token })).status).toBe(200);
    await setClock('2026-09-11T10:00:01+08:00');
    try {
      expect((await api('/v1/uploads/context', { token: shortLived.token })).status).toBe(403);
    } finally {
      await setClock('2026-09-10T10:00:00+08:00');
    }
  });

  it('links are made by inspectors, for units of the case, for at most 31 days', async () => {
    const code = contractorOf(setup.body);
    const make = (body: Record<string, unknown>, token = inspector) =>
      api(`/v1/cases/${setup.caseId}/upload-links`, { method: 'POST', token, body });
    expect((await make({ unitCreditCode: code, validDays: 32 })).status).toBe(400);
    expect((await make({ unitCreditCode: '91110000802100433B', validDays: 7 })).status).toBe(400);
    expect((await make({ unitCreditCode: code, validDays: 7, docTypes: ['patrol_record'] })).status).toBe(400);
    expect((await make({ unitCreditCode: code, validDays: 7 }, contractorToken)).status).toBe(401);
  });

  it('a guessed Idempotency-Key does not unseal the stored link: the server-side secret is needed', async () => {
    // A client that numbers its retries ("1", "2"…) or uses a timestamp: whoever reads the table can guess the key.
    const guessable = String(Date.now());
    const body = { unitCreditCode: contractorOf(setup.body), validDays: 7 };
    const created = await api(`/v1/cases/${setup.caseId}/upload-links`, {
      method: 'POST',
      token: inspector,
      body,
      headers: { 'idempotency-key': guessable },
    });
    expect(created.status, created.text).toBe(201);
    const scope = 'createUploadLink#user:test-inspector';
    const hash = createHash('sha256').update(guessable).digest('base64url');
    const [record] = await partitionItems(`IDEMPOTENCY#${scope}#${hash}`);
    const sealed = (record as { response: { iv: string; tag: string; data: string } }).response;
    // what the client's key alone derives (the sealing before the secret): it must not open the record
    const derived = createHash('sha256').update(`supervision idempotent response v1\0${scope}\0${guessable}`).digest();
    const open = () => {
      const decipher = createDecipheriv('aes-256-gcm', derived, Buffer.from(sealed.iv, 'base64'));
      decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
      return Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]).toString();
    };
    expect(open).toThrow();
    // the retry itself still gets its link back
    const again = await api(`/v1/cases/${setup.caseId}/upload-links`, {
      method: 'POST',
      token: inspector,
      body,
      headers: { 'idempotency-key': guessable },
    });
    expect(again.json).toEqual(created.json);
  });

  it("keeps a link's token nowhere readable: not in the link, not in the retry record of its creation", async () => {
    const key = randomUUID();
    const body = { unitCreditCode: contractorOf(setup.body), validDays: 7 };
    const path = `/v1/cases/${setup.caseId}/upload-links`;
    const headers = { 'idempotency-key': key };
    const first = await api(path, { method: 'POST', token: inspector, body, headers });
    expect(first.status, first.text).toBe(201);
    const { token, linkId } = first.json as { token: string; linkId: string };
    // the retry gets the same answer back: the client that lost it still gets its token
    const again = await api(path, { method: 'POST', token: inspector, body, headers });
    expect(again.json).toEqual(first.json);
    const stored = await scanItems('#type = :idempotency', { '#type': 'type' }, { ':idempotency': 'idempotency' });
    const text = JSON.stringify(stored);
    expect(stored.length).toBeGreaterThan(0);
    expect(text).not.toContain(token);
    expect(text).not.toContain(key);
    expect(JSON.stringify(await partitionItems(`PROJECT#${setup.projectId}`))).not.toContain(token);
    expect(linkId).toMatch(/^lnk_/);
  });
});
