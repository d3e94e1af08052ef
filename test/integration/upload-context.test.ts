/**
 * What a unit sees through its upload link besides its obligations (SPEC §4, `GET /v1/uploads/context`): its
 * hazards not yet accepted with their deadlines, overdue ones first and marked; the inspection reports of the
 * inspections that found hazards for it, to open through the link (`GET /v1/uploads/reports/{inspectionId}`), or
 * as being prepared; and a draft circular naming it, with the deadline of its statement and defence (陈述申辩).
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setClock as setWorkerClock } from '../../shared/clock.js';
import { addWorkingDays } from '../../shared/domain/calendar.js';
import { DEFAULT_RULE_SET } from '../../shared/domain/rule-set.js';
import { keys } from '../../shared/store/keys.js';
import { flat, pdfText } from '../support/pdf-reader.js';
import { api, documentsRendered, setClock, table, tokenFor } from './support/api.js';
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
    rectificationPlanDueOn: string | null;
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
  /** The report recorded with an inspection (`REPORT#{inspectionId}`), once the document renderer stored its PDF. */
  async function renderedReport(inspectionId: string): Promise<Record<string, unknown>> {
    const items = await documentsRendered(setup.projectId);
    const report = items.find((item) => item.sk === keys.inspectionReport(setup.projectId, inspectionId).sk);
    expect(report, `the report of ${inspectionId}`).toBeDefined();
    return report as Record<string, unknown>;
  }

  it('lists the reports of the inspections that found hazards for it, newest first, ready once rendered', async () => {
    const later = await renderedReport(laterInspectionId);
    const context = await contextOf(contractorToken);
    expect(context.reports).toEqual([
      {
        inspectionId: laterInspectionId,
        date: '2026-09-15',
        kind: 'joint',
        hazardCount: 1,
        openHazardCount: 1,
        // five working days after 15 September, as the report itself asks (the rule set in force that day)
        rectificationPlanDueOn: addWorkingDays('2026-09-15', DEFAULT_RULE_SET.thresholds.rectificationPlanWorkingDays)
          .dueOn,
        report: {
          status: 'ready',
          sha256: later.documentSha256,
          href: `/v1/uploads/reports/${laterInspectionId}`,
        },
      },
      expect.objectContaining({ date: '2026-09-10', kind: 'routine', hazardCount: 4, openHazardCount: 3 }),
    ]);
    expect((await contextOf(supervisorToken)).reports.map((report) => report.inspectionId)).toEqual([
      laterInspectionId,
    ]);
  });

  it('shows a report the renderer has not stored yet as being prepared, and its link answers 409', async () => {
    // the report as its commit leaves it, before the renderer's turn: its SHA-256 not recorded yet. (The renderer
    // runs within seconds of the commit, so the record is put back in that state for the check, then restored.)
    const rendered = await renderedReport(laterInspectionId);
    const key = keys.inspectionReport(setup.projectId, laterInspectionId);
    await table.client.send(
      new UpdateCommand({
        TableName: table.name,
        Key: key,
        UpdateExpression: 'SET documentSha256 = :null',
        ExpressionAttributeValues: { ':null': null },
      }),
    );
    try {
      const [report] = (await contextOf(contractorToken)).reports;
      expect(report).toMatchObject({
        inspectionId: laterInspectionId,
        report: { status: 'preparing', sha256: null, href: null },
      });
      const early = await api(`/v1/uploads/reports/${laterInspectionId}`, { token: contractorToken });
      expect(early.status, early.text).toBe(409);
      expect(early.headers.get('content-type')).toContain('application/problem+json');
      expect((early.json as { detail: string }).detail).toBe(
        '2026-09-15 检查的检查报告 PDF正在生成，请稍后再试（通常几秒钟内完成）。',
      );
    } finally {
      await table.client.send(
        new UpdateCommand({
          TableName: table.name,
          Key: key,
          UpdateExpression: 'SET documentSha256 = :sha',
          ExpressionAttributeValues: { ':sha': rendered.documentSha256 },
        }),
      );
    }
  });

  it("opens a rendered report through the link, and only the unit's own", async () => {
    const rendered = await renderedReport(laterInspectionId);
    const [report] = (await contextOf(supervisorToken)).reports;
    expect(report?.report).toEqual({
      status: 'ready',
      sha256: rendered.documentSha256,
      href: `/v1/uploads/reports/${laterInspectionId}`,
    });

    const asJson = await api(report?.report.href as string, {
      token: supervisorToken,
      headers: { accept: 'application/json' },
    });
    expect(asJson.status, asJson.text).toBe(200);
    const link = asJson.json as { url: string; expiresAt: string };
    expect(link.expiresAt).toBe('2026-09-22T10:05:00+08:00');
    const bytes = new Uint8Array(await (await fetch(link.url)).arrayBuffer());
    expect(sha256(bytes)).toBe(rendered.documentSha256);
    // the real report: the inspection of 15 September, with the supervising firm's finding
    expect(flat(pdfText(bytes)).replace(/\s+/g, '')).toContain('监理未督促动火审批');
    const redirect = await api(report?.report.href as string, { token: contractorToken });
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get('location')).toContain(`/reports/${setup.projectId}/${laterInspectionId}.pdf?`);

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
