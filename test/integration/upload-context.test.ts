/**
 * What a unit sees through its upload link besides its obligations (SPEC §4, `GET /v1/uploads/context`): its
 * hazards not yet accepted with their deadlines, overdue ones first and marked; the inspection reports of the
 * inspections that found hazards for it, to open through the link (`GET /v1/uploads/reports/{inspectionId}`), or
 * as being prepared; and a draft circular naming it, with the deadline of its statement and defence (陈述申辩).
 */
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setClock as setWorkerClock } from '../../shared/clock.js';
import { keys } from '../../shared/store/keys.js';
import { api, setClock, table, tokenFor } from './support/api.js';
import { pdf, sha256, uploadDocument, verdictOf } from './support/documents.js';
import { contractorOf } from './support/fixtures.js';
import { activeCase, draftCircular, uploadLink } from './support/records.js';

interface Context {
  today: string;
  hazards: Array<{
    id: string;
    inspectionId: string;
    deadline: string;
    status: string;
    overdue: boolean;
    daysOverdue: number;
    evidence: { documentId: string; status: string } | null;
  }>;
  reports: Array<{
    inspectionId: string;
    date: string;
    kind: string;
    hazardCount: number;
    openHazardCount: number;
    report: { status: string; sha256: string | null; href: string | null };
  }>;
  circulars: Array<{
    id: string;
    title: string;
    body: string;
    statementWindowEndsOn: string;
    statementWindowEndsAt: string;
    statementWindowOpen: boolean;
    statementMade: boolean;
  }>;
}

const s3 = new S3Client({ forcePathStyle: true });
let inspector: string;
let setup: Awaited<ReturnType<typeof activeCase>>;
let contractorToken: string;
let supervisorToken: string;
let laterInspectionId: string;
let supervisor: string;

async function contextOf(token: string): Promise<Context> {
  const response = await api('/v1/uploads/context', { token });
  expect(response.status, response.text).toBe(200);
  return response.json as Context;
}

beforeAll(async () => {
  inspector = await tokenFor('inspector');
  await setClock('2026-09-10T10:00:00+08:00');
  // 10 September: one management finding and three scaffolding hazards of the contractor, due 20 September
  setup = await activeCase();
  contractorToken = (await uploadLink(setup.caseId, contractorOf(setup.body))).token;
  supervisor = setup.body.units.find((unit) => unit.role === 'supervisor')?.creditCode as string;
  supervisorToken = (await uploadLink(setup.caseId, supervisor)).token;
  // 15 September: a hazard of the contractor due 30 September, one of the supervising firm due 16 September
  await setClock('2026-09-15T10:00:00+08:00');
  const later = await api(`/v1/projects/${setup.projectId}/inspections`, {
    method: 'POST',
    token: inspector,
    body: {
      date: '2026-09-15',
      kind: 'joint',
      inspectors: ['王五', '赵六'],
      keyPersonnelPresent: { projectManager: true, chiefSupervisingEngineer: true },
      findings: [
        {
          kind: 'hazard',
          category: 'electrical',
          severity: 'general',
          unitCreditCode: contractorOf(setup.body),
          description: '配电箱未接地',
          deadline: '2026-09-30',
        },
        {
          kind: 'hazard',
          category: 'fire',
          severity: 'major',
          unitCreditCode: supervisor,
          description: '监理未督促动火审批',
          deadline: '2026-09-16',
        },
      ],
      summary: '联合执法检查',
    },
  });
  expect(later.status, later.text).toBe(201);
  laterInspectionId = (later.json as { inspectionId: string }).inspectionId;
  await setClock('2026-09-22T10:00:00+08:00');
});

afterAll(async () => {
  await setClock(null);
  setWorkerClock(null);
});

describe("the unit's hazards", () => {
  it('lists the overdue ones first, marked, with their deadlines and how late they are', async () => {
    const context = await contextOf(contractorToken);
    expect(context.today).toBe('2026-09-22');
    expect(context.hazards.map((hazard) => [hazard.deadline, hazard.overdue, hazard.daysOverdue])).toEqual([
      ['2026-09-20', true, 2],
      ['2026-09-20', true, 2],
      ['2026-09-20', true, 2],
      ['2026-09-20', true, 2],
      ['2026-09-30', false, 0],
    ]);
    const own = await contextOf(supervisorToken);
    expect(own.hazards.map((hazard) => [hazard.deadline, hazard.overdue, hazard.daysOverdue])).toEqual([
      ['2026-09-16', true, 6],
    ]);
  });

  it('shows the evidence sent for a hazard, and drops a hazard once it is accepted', async () => {
    const [first, second] = setup.hazardIds.slice(1) as [string, string];
    const { documentId } = await uploadDocument(
      contractorToken,
      { docType: 'rectification_evidence', fileName: '整改照片.pdf', hazardId: first },
      pdf('evidence'),
    );
    await verdictOf(contractorToken, documentId);
    const accepted = await api(`/v1/hazards/${second}/verifications`, {
      method: 'POST',
      token: inspector,
      body: { result: 'accepted', date: '2026-09-22' },
    });
    expect(accepted.status, accepted.text).toBe(201);
    const context = await contextOf(contractorToken);
    expect(context.hazards.find((hazard) => hazard.id === first)?.evidence).toEqual({ documentId, status: 'accepted' });
    expect(context.hazards.map((hazard) => hazard.id)).not.toContain(second);
    expect(context.hazards).toHaveLength(4);
  });
});

describe("the unit's inspection reports", () => {
  it('lists the inspections that found hazards for it, newest first, as being prepared', async () => {
    const context = await contextOf(contractorToken);
    expect(context.reports).toEqual([
      {
        inspectionId: laterInspectionId,
        date: '2026-09-15',
        kind: 'joint',
        hazardCount: 1,
        openHazardCount: 1,
        report: { status: 'preparing', sha256: null, href: null },
      },
      expect.objectContaining({ date: '2026-09-10', kind: 'routine', hazardCount: 4, openHazardCount: 3 }),
    ]);
    expect((await contextOf(supervisorToken)).reports.map((report) => report.inspectionId)).toEqual([
      laterInspectionId,
    ]);
    const early = await api(`/v1/uploads/reports/${laterInspectionId}`, { token: contractorToken });
    expect(early.status, early.text).toBe(409);
    expect((early.json as { detail: string }).detail).toContain('正在生成');
  });

  it("opens a rendered report through the link, and only the unit's own", async () => {
    // the report as the renderer stores it: the PDF in the documents bucket, its key and SHA-256 on the inspection
    const bytes = pdf('检查报告');
    const key = `reports/${laterInspectionId}.pdf`;
    await s3.send(
      new PutObjectCommand({
        Bucket: process.env.DOCUMENTS_BUCKET,
        Key: key,
        Body: bytes,
        ContentType: 'application/pdf',
      }),
    );
    await table.client.send(
      new UpdateCommand({
        TableName: table.name,
        Key: keys.inspection(setup.projectId, laterInspectionId),
        UpdateExpression: 'SET #report = :report',
        ExpressionAttributeNames: { '#report': 'report' },
        ExpressionAttributeValues: { ':report': { sha256: sha256(bytes), key } },
      }),
    );
    const [report] = (await contextOf(supervisorToken)).reports;
    expect(report?.report).toEqual({
      status: 'ready',
      sha256: sha256(bytes),
      href: `/v1/uploads/reports/${laterInspectionId}`,
    });

    const asJson = await api(report?.report.href as string, {
      token: supervisorToken,
      headers: { accept: 'application/json' },
    });
    expect(asJson.status, asJson.text).toBe(200);
    const link = asJson.json as { url: string; expiresAt: string };
    expect(link.expiresAt).toBe('2026-09-22T10:05:00+08:00');
    expect(sha256(new Uint8Array(await (await fetch(link.url)).arrayBuffer()))).toBe(sha256(bytes));
    const redirect = await api(report?.report.href as string, { token: contractorToken });
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get('location')).toContain(`/reports/${laterInspectionId}.pdf?`);

    // the inspection of 10 September found nothing of the supervising firm's: to its link that report does not exist
    const [, firstReport] = (await contextOf(contractorToken)).reports;
    const foreign = await api(`/v1/uploads/reports/${firstReport?.inspectionId}`, { token: supervisorToken });
    expect(foreign.status).toBe(404);
  });
});

describe('a draft circular naming the unit', () => {
  it('shows what it says and until when the unit may make its statement', async () => {
    expect((await contextOf(contractorToken)).circulars).toEqual([]);
    const circularId = await draftCircular(setup, '2026-10-01T02:30:00+08:00');
    await setClock('2026-10-09T10:00:00+08:00');
    // the September links have expired by now: the unit gets a new one
    const token = (await uploadLink(setup.caseId, contractorOf(setup.body))).token;
    const [circular] = (await contextOf(token)).circulars;
    // five working days after 1 October 2026: National Day runs to the 7th, 9 October is the second working day …
    expect(circular).toMatchObject({ id: circularId, statementWindowOpen: true, statementMade: false });
    expect(circular?.statementWindowEndsAt).toBe(`${circular?.statementWindowEndsOn}T23:59:59+08:00`);
    expect((circular?.statementWindowEndsOn ?? '') > '2026-10-09').toBe(true);
    expect(circular?.title).toContain('通报');
    expect(circular?.body.length).toBeGreaterThan(0);

    await setClock(`${circular?.statementWindowEndsOn}T23:59:59+08:00`);
    expect((await contextOf(token)).circulars[0]?.statementWindowOpen).toBe(true);
    await setClock(new Date(Date.parse(`${circular?.statementWindowEndsOn}T23:59:59+08:00`) + 1000));
    expect((await contextOf(token)).circulars[0]?.statementWindowOpen).toBe(false);
  });
});
