/**
 * The documents the agency issues, rendered off the request path by the local twin's document renderer (outbox →
 * stream → relay → bus → rule `render-issued-documents` → queue `document-renders` → `document-renderer`), and
 * served as a 302 to a presigned GET or `{url, expiresAt}`: the inspection report (检查报告), the notices, the
 * level-2 orders to the group companies and the level-3 report to the municipal commission.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handler as escalationHandler } from '../../functions/escalation-measures/handler.js';
import { setClock as setWorkerClock } from '../../shared/clock.js';
import { addWorkingDays } from '../../shared/domain/calendar.js';
import { newId } from '../../shared/ids.js';
import { keys } from '../../shared/store/keys.js';
import { backfillInspectionReports } from '../../shared/usecases/inspection-reports.js';
import { flat, pdfText } from '../support/pdf-reader.js';
import { api, documentsRendered, partitionItems, setClock, table, tokenFor } from './support/api.js';
import { contractorOf, failingInspection, projectBody } from './support/fixtures.js';
import { escalatedEvent } from './support/records.js';

type Item = Record<string, unknown>;

let inspector: string;
let officer: string;

beforeAll(async () => {
  inspector = await tokenFor('inspector');
  officer = await tokenFor('officer');
  await setClock('2026-09-10T10:00:00+08:00');
});

afterAll(async () => {
  await setClock(null);
  setWorkerClock(null);
});

/** The bytes behind a document route, through its 302. */
async function download(path: string): Promise<Buffer> {
  const response = await api(path, { token: inspector });
  expect(response.status, `${path}: ${response.text}`).toBe(302);
  const location = response.headers.get('location') as string;
  const object = await fetch(location);
  expect(object.status).toBe(200);
  expect(object.headers.get('content-type')).toBe('application/pdf');
  return Buffer.from(await object.arrayBuffer());
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const squeeze = (text: string) => flat(text).replace(/\s+/g, '');

async function registered(body = projectBody()) {
  const response = await api('/v1/projects', { method: 'POST', token: inspector, body });
  expect(response.status).toBe(201);
  return { body, projectId: (response.json as { id: string }).id };
}

describe('the inspection report (检查报告)', () => {
  it('is recorded with every inspection, rendered after the commit and served by GET /v1/inspections/{id}/report', async () => {
    const { body, projectId } = await registered();
    const contractor = contractorOf(body);
    const recorded = await api(`/v1/projects/${projectId}/inspections`, {
      method: 'POST',
      token: inspector,
      body: failingInspection(body),
    });
    expect(recorded.status).toBe(201);
    const { inspectionId, hazardIds, report } = recorded.json as {
      inspectionId: string;
      hazardIds: string[];
      report: Item;
    };
    // the answer shows the report as the commit left it: pending (unless the renderer was quicker than the read)
    expect(report).toMatchObject({
      inspectionId,
      projectId,
      title: '施工现场安全检查报告',
      issuedOn: '2026-09-10',
      findingCount: 4,
      units: [{ creditCode: contractor, findingIds: hazardIds }],
      rectificationPlanDueOn: addWorkingDays('2026-09-10', 5).dueOn,
      documentStatus: 'pending',
      documentSha256: null,
      href: `/v1/inspections/${inspectionId}/report`,
    });

    await documentsRendered(projectId);
    const stored = (await partitionItems(`PROJECT#${projectId}`, { skPrefix: `REPORT#${inspectionId}` }))[0] as Item;
    expect(stored).toMatchObject({
      type: 'inspection-report',
      documentKey: `reports/${projectId}/${inspectionId}.pdf`,
    });
    const pdf = await download(`/v1/inspections/${inspectionId}/report`);
    expect(sha256(pdf)).toBe(stored.documentSha256);
    const text = squeeze(pdfText(pdf));
    for (const expected of [
      '施工现场安全检查报告',
      `检查记录号：${inspectionId}`,
      body.name.replace(/\s+/g, ''),
      '检查类型：日常监督检查',
      '检查人员：王五、赵六',
      '项目经理张三：到岗',
      '一、检查发现的问题（共4项）',
      '项目安全管理机构不健全，专职安全员配备不足',
      '3号楼外脚手架连墙件缺失',
      '整改期限：2026年9月20日',
      '“一厂一策”做好整改方案，于2026年9月17日（含当日）前报送安全监管机构',
      '第1、2、3、4项，共4项',
    ]) {
      expect(text).toContain(expected.replace(/\s+/g, ''));
    }

    // the same link as JSON, on the handlers' clock
    const asJson = await api(`/v1/inspections/${inspectionId}/report`, {
      token: inspector,
      headers: { accept: 'application/json' },
    });
    expect(asJson.status).toBe(200);
    const link = asJson.json as { url: string; expiresAt: string };
    expect(link.expiresAt).toBe('2026-09-10T10:05:00+08:00');
    expect(sha256(Buffer.from(await (await fetch(link.url)).arrayBuffer()))).toBe(stored.documentSha256);
  });

  it('says so when nothing was found, and asks for no plan', async () => {
    const { body, projectId } = await registered();
    const recorded = await api(`/v1/projects/${projectId}/inspections`, {
      method: 'POST',
      token: inspector,
      body: { ...failingInspection(body), findings: [], summary: '现场安全管理有序' },
    });
    expect(recorded.status).toBe(201);
    const { inspectionId, report } = recorded.json as { inspectionId: string; report: Item };
    expect(report).toMatchObject({ findingCount: 0, units: [], rectificationPlanDueOn: null });
    await documentsRendered(projectId);
    const text = squeeze(pdfText(await download(`/v1/inspections/${inspectionId}/report`)));
    expect(text).toContain('本次检查未发现问题隐患。');
    expect(text).not.toContain('一厂一策');
  });

  it('answers 404 problem+json in Chinese for an inspection without a report, and refuses an inspector-less call', async () => {
    const missing = await api(`/v1/inspections/${newId('ins')}/report`, { token: inspector });
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toContain('application/problem+json');
    expect((missing.json as { detail: string }).detail).toMatch(/没有检查报告/);
    expect((await api(`/v1/inspections/${newId('ins')}/report`)).status).toBe(401);
    expect((await api('/v1/inspections/not-an-id/report', { token: inspector })).status).toBe(400);
  });
});

describe('inspections recorded before reports existed', () => {
  it('get their reports from the backfill, once however often it runs, and the renderer prints them', async () => {
    const { body, projectId } = await registered();
    // an inspection as it was recorded before: its item and its findings, no report, no reference, no event
    const inspectionId = newId('ins');
    const contractor = contractorOf(body);
    const findingIds = [newId('haz'), newId('haz')];
    const items: Item[] = [
      {
        ...keys.inspection(projectId, inspectionId),
        type: 'inspection',
        id: inspectionId,
        projectId,
        date: '2026-09-08',
        kind: 'routine',
        inspectors: ['王五', '赵六'],
        keyPersonnelPresent: { projectManager: true, chiefSupervisingEngineer: true },
        summary: '对脚手架进行检查',
        findingIds,
        recordedAt: '2026-09-08T02:00:00.000Z',
        recordedBy: 'inspector-1',
      },
      ...findingIds.map((id, index) => ({
        ...keys.hazard(projectId, id),
        type: 'finding',
        id,
        projectId,
        inspectionId,
        kind: 'hazard',
        category: 'scaffolding',
        severity: 'general',
        unitCreditCode: contractor,
        description: `${index + 1} 号楼脚手架剪刀撑缺失`,
        foundOn: '2026-09-08',
        deadline: '2026-09-15',
        status: 'open',
        version: 1,
        history: [],
      })),
    ];
    for (const Item of items) await table.client.send(new PutCommand({ TableName: table.name, Item }));
    expect((await api(`/v1/inspections/${inspectionId}/report`, { token: inspector })).status).toBe(404);

    const now = new Date('2026-09-10T02:00:00Z');
    expect(await backfillInspectionReports(now, { projectIds: [projectId] })).toEqual({
      projects: 1,
      inspections: 1,
      recorded: 1,
    });
    // the script, as an operator runs it against the running twin: nothing left to record
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        '--import',
        'tsx',
        'scripts/backfill-inspection-reports.ts',
        '--url',
        process.env.LOCAL_BASE_URL as string,
        '--project',
        projectId,
      ],
      { cwd: resolve(import.meta.dirname, '../..') },
    );
    expect(stdout).toContain('1 projects, 1 inspections, 0 reports recorded now');

    const rendered = await documentsRendered(projectId);
    const reports = rendered.filter((item) => item.type === 'inspection-report');
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({
      inspectionId,
      issuedOn: '2026-09-08',
      rectificationPlanDueOn: addWorkingDays('2026-09-08', 5).dueOn,
      units: [{ creditCode: contractor, findingIds }],
    });
    const text = squeeze(pdfText(await download(`/v1/inspections/${inspectionId}/report`)));
    expect(text).toContain('1号楼脚手架剪刀撑缺失');
  });
});

describe('a document not rendered yet', () => {
  it('is pending in the API and its route answers 409 in Chinese until the renderer has stored it', async () => {
    // a notice whose render is held back: its record written without the event that would have it rendered
    const { projectId } = await registered();
    const caseId = newId('cas');
    const noticeId = newId('ntc');
    await table.client.send(
      new PutCommand({
        TableName: table.name,
        Item: {
          ...keys.notice(projectId, caseId, noticeId),
          type: 'notice',
          id: noticeId,
          caseId,
          projectId,
          noticeType: 'inclusion',
          number: '通住建差监告〔2099〕1号',
          sequence: 1,
          issuedOn: '2026-09-10',
          issuedAt: '2026-09-10T02:00:00.000Z',
          receiptDueOn: '2026-09-17',
          receiptDueAt: '2026-09-17T23:59:59+08:00',
          calendarVersion: 'test',
          calendarFallback: false,
          acknowledgedAt: null,
          documentKey: `notices/${caseId}/${noticeId}.pdf`,
          documentSha256: null,
          recipients: ['北京运河置业有限公司'],
          conditionsMet: ['C1'],
        },
      }),
    );
    await table.client.send(
      new PutCommand({
        TableName: table.name,
        Item: { ...keys.reference(noticeId), type: 'reference', id: noticeId, projectId, caseId, recordType: 'notice' },
      }),
    );
    const read = await api(`/v1/notices/${noticeId}`, { token: inspector });
    expect(read.json).toMatchObject({ documentSha256: null, documentStatus: 'pending' });
    for (const accept of [undefined, 'application/json']) {
      const response = await api(`/v1/notices/${noticeId}/document`, {
        token: inspector,
        ...(accept ? { headers: { accept } } : {}),
      });
      expect(response.status).toBe(409);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect((response.json as { detail: string }).detail).toBe(
        '差别化监管告知单 通住建差监告〔2099〕1号 的 PDF正在生成，请稍后再试（通常几秒钟内完成）。',
      );
    }
  });
});

describe('the ladder as documents', () => {
  it('level 2 orders each group company, level 3 reports to the municipal commission: listed on the case, each served', async () => {
    const body = projectBody();
    body.units = body.units.map((unit) => {
      if (unit.role === 'developer' || unit.role === 'general_contractor') {
        return { ...unit, groupCompany: '北京城建集团有限责任公司' };
      }
      return unit.role === 'supervisor' ? { ...unit, groupCompany: '北京某监理集团有限公司' } : unit;
    });
    const { projectId } = await registered(body);
    const { caseId } = (
      await api(`/v1/projects/${projectId}/inspections`, {
        method: 'POST',
        token: inspector,
        body: failingInspection(body),
      })
    ).json as { caseId: string };
    expect((await api(`/v1/cases/${caseId}/confirm`, { method: 'POST', token: officer, body: {} })).status).toBe(200);
    const ids = { projectId, caseId };

    // what the monthly evaluation would emit, delivered to the escalation consumer as the bus does
    setWorkerClock(new Date('2026-11-01T02:31:00+08:00'));
    const level2 = escalatedEvent(ids, 2, '2026-11-01', '2026-10');
    expect(await escalationHandler(level2)).toMatchObject({ outcome: 'recorded', groupOrders: 2 });
    setWorkerClock(new Date('2026-12-01T02:31:00+08:00'));
    const level3 = await escalationHandler(escalatedEvent(ids, 3, '2026-12-01', '2026-11'));
    expect(level3).toMatchObject({ outcome: 'recorded' });

    await documentsRendered(projectId);
    const view = (await api(`/v1/cases/${caseId}`, { token: inspector })).json as {
      issuedDocuments: Array<{
        id: string;
        kind: string;
        title: string;
        number: string | null;
        issuedOn: string;
        recipients: string[];
        documentSha256: string | null;
        documentStatus: string;
        href: string;
      }>;
    };
    const documents = view.issuedDocuments;
    // oldest first: the inclusion notice, the two orders of level 2, the report of level 3
    expect(documents.map((document) => [document.kind, document.issuedOn])).toEqual([
      ['inclusion_notice', '2026-09-10'],
      ['group_order', '2026-11-01'],
      ['group_order', '2026-11-01'],
      ['municipal_report', '2026-12-01'],
    ]);
    expect(documents[0]?.recipients).toEqual(body.units.map((unit) => unit.name));
    expect(
      documents.flatMap((document) => (document.kind === 'group_order' ? document.recipients : [])).sort(),
    ).toEqual(['北京城建集团有限责任公司', '北京某监理集团有限公司'].sort());
    expect(documents[3]?.recipients).toEqual(['北京市住房和城乡建设委员会']);
    for (const document of documents) {
      expect(document.documentStatus, document.kind).toBe('rendered');
      const pdf = await download(document.href);
      expect(sha256(pdf), document.kind).toBe(document.documentSha256);
      const text = squeeze(pdfText(pdf));
      expect(text, document.kind).toContain(document.title);
      if (document.kind === 'group_order') {
        expect(text).toContain(`${document.recipients[0]}：`);
        expect(text).toContain('（1）安排更换相关责任人员；（2）派专人进驻施工现场督促整改落实；');
        expect(text).toContain(
          `以集团名义向我委报送整改情况及后续措施，报送期限：${chinese(addWorkingDays('2026-11-01', 10).dueOn)}（含当日）前。`,
        );
      }
      if (document.kind === 'municipal_report') {
        expect(text).toContain('北京市住房和城乡建设委员会：');
        // the circular is a draft, numbered only when an officer publishes it (SPEC §2.2): named without a 文号
        expect(level3.circular?.number).toBeNull();
        expect(text).toContain('我委已起草全区通报批评，在依法听取参建单位陈述申辩后予以编号发布');
        expect(text).not.toContain('通住建安通');
        for (const unit of body.units) expect(text).toContain(unit.creditCode);
      }
    }
    const order = documents.find((document) => document.kind === 'group_order');
    const asJson = await api(order?.href as string, { token: inspector, headers: { accept: 'application/json' } });
    expect(asJson.status).toBe(200);
    expect(asJson.json).toMatchObject({ url: expect.stringContaining(`orders/${caseId}/`) });

    expect((await api(`/v1/cases/${caseId}/orders/${newId('ord')}/document`, { token: inspector })).status).toBe(404);
    // a case that never reached level 3 has no report to the municipal commission
    const other = await registered();
    const { caseId: otherCase } = (
      await api(`/v1/projects/${other.projectId}/inspections`, {
        method: 'POST',
        token: inspector,
        body: failingInspection(other.body),
      })
    ).json as { caseId: string };
    const none = await api(`/v1/cases/${otherCase}/municipal-report/document`, { token: inspector });
    expect(none.status).toBe(404);
    expect((none.json as { detail: string }).detail).toMatch(/没有上报市住房城乡建设委的报告/);
  });
});

/** 2026-11-13 → 2026年11月13日 */
function chinese(date: string): string {
  const [year, month, day] = date.split('-').map(Number);
  return `${year}年${month}月${day}日`;
}
