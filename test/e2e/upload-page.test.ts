/**
 * The unit's upload page (site/upload/) in a real browser against the whole local twin: an inspector records a
 * failing inspection, an officer confirms the case, an inspector sends the general contractor an upload link, and
 * the contractor — on a phone — opens it, sees what is due, and uploads the signed receipt of the inclusion notice.
 * The receipt's verification then acknowledges the notice.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setClock as setWorkerClock } from '../../shared/clock.js';
import { keys } from '../../shared/store/keys.js';
import { api, baseUrl, documentsRendered, eventually, setClock, table, tokenFor } from '../integration/support/api.js';
import { contractorOf, failingInspection, projectBody } from '../integration/support/fixtures.js';
import { draftCircular } from '../integration/support/records.js';
import { CHROMIUM, hasChromium, launchChromium } from '../support/browser.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const ARTIFACTS = join(ROOT, 'test-artifacts');
const SCREENSHOT = join(ARTIFACTS, 'upload-page.png');
const SCREENSHOT_OVERDUE = join(ARTIFACTS, 'upload-page-overdue.png');

/** Today and a later day as `YYYY-MM-DD` in Asia/Shanghai, the calendar the product counts in. */
function shanghaiDate(offsetDays = 0): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(Date.now() + offsetDays * 86_400_000);
}

/** A one-page PDF with a correct cross-reference table: small, but valid for any reader. */
function minimalPdf(): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << >> >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets = objects.map((object, index) => {
    const offset = body.length;
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
    return offset;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  body += offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('');
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

interface CaseView {
  status: string;
  notices: Array<{ id: string; type: string; acknowledgedAt: string | null }>;
}

if (!hasChromium) console.warn(`upload-page e2e skipped: ${CHROMIUM} is absent (install Debian's chromium to run it)`);

describe.skipIf(!hasChromium)('the upload page of a participating unit', () => {
  let browser: Browser | undefined;
  let inspector: string;
  let officer: string;

  beforeAll(async () => {
    // The system clock: the browser's presigned POST is checked against real time.
    await setClock(null);
    inspector = await tokenFor('inspector');
    officer = await tokenFor('officer');
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    setWorkerClock(null);
  });

  /** A phone-sized page (390 × 844, touch, zh-CN) that collects the page's uncaught errors. */
  async function onPhone() {
    const context = await browser!.newContext({
      viewport: { width: 390, height: 844 },
      locale: 'zh-CN',
      hasTouch: true,
    });
    const page: Page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    return { context, page, pageErrors };
  }

  /** No accessibility violations axe-core can find (WCAG 2.1 A and AA). */
  async function expectAccessible(page: Page) {
    const { violations } = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
      .analyze();
    expect(
      violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target).join(' ')}`),
    ).toEqual([]);
  }

  it('shows the contractor what is due and takes the signed receipt of the inclusion notice', async () => {
    const today = shanghaiDate();
    const project = projectBody();
    const registered = await api('/v1/projects', { method: 'POST', token: inspector, body: project });
    expect(registered.status, registered.text).toBe(201);
    const projectId = (registered.json as { id: string }).id;

    const inspection = failingInspection(project, today);
    const deadline = shanghaiDate(14);
    const recorded = await api(`/v1/projects/${projectId}/inspections`, {
      method: 'POST',
      token: inspector,
      body: { ...inspection, findings: inspection.findings.map((finding) => ({ ...finding, deadline })) },
    });
    expect(recorded.status, recorded.text).toBe(201);
    const caseId = (recorded.json as { caseId?: string }).caseId;
    expect(caseId).toMatch(/^cas_/);

    const confirmed = await api(`/v1/cases/${caseId}/confirm`, { method: 'POST', token: officer, body: {} });
    expect(confirmed.status, confirmed.text).toBe(200);
    expect(confirmed.json).toMatchObject({ status: 'active', notices: [{ type: 'inclusion', acknowledgedAt: null }] });

    const created = await api(`/v1/cases/${caseId}/upload-links`, {
      method: 'POST',
      token: inspector,
      body: { unitCreditCode: contractorOf(project), validDays: 7 },
    });
    expect(created.status, created.text).toBe(201);
    const link = created.json as { url: string; token: string; expiresAt: string };
    // The token rides in the fragment, so it never reaches a server log; the page is on the API's origin.
    expect(new URL(link.url).origin).toBe(new URL(baseUrl()).origin);
    expect(new URL(link.url).pathname).toBe('/public/upload/');
    expect(new URLSearchParams(new URL(link.url).hash.slice(1)).get('token')).toBe(link.token);

    const { context, page, pageErrors } = await onPhone();
    try {
      const opened = await page.goto(link.url);
      // The twin serves site/ from its public bucket, as CloudFront does in AWS.
      expect(opened?.status(), `GET ${new URL(link.url).pathname} (is site/upload/ published?)`).toBe(200);
      expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
      await page.getByRole('heading', { level: 1, name: project.name }).waitFor();
      const unitName = project.units.find((unit) => unit.role === 'general_contractor')?.name as string;
      expect(await page.locator('#unit').textContent()).toContain(unitName);

      // 今日应报: the receipt of the inclusion notice and today's daily report
      // (the lists are drawn with the heading, from one GET /v1/uploads/context)
      const due = page.getByRole('region', { name: '今日应报 / 逾期未报' });
      const listed = `listed: ${(await due.locator('li').allTextContents()).join(' | ') || 'nothing'}`;
      expect(await due.locator('li[data-doc-type="notice_receipt"]').count(), listed).toBeGreaterThan(0);
      expect(await due.locator(`li[data-doc-type="daily_report"][data-report-date="${today}"]`).count(), listed).toBe(
        1,
      );

      // the form offers only the link's types, in Chinese; a daily report asks for its date, defaulting to today
      const docType = page.getByLabel('材料类型');
      await docType.selectOption('daily_report');
      expect(await page.getByLabel('报告日期').inputValue()).toBe(today);
      await docType.selectOption('notice_receipt');
      expect(await page.getByLabel('报告日期').isVisible()).toBe(false);
      expect(await docType.locator('option:checked').textContent()).toMatch(/^告知单回执/);

      await page.getByLabel('文件').setInputFiles({
        name: '差别化监管告知单回执.pdf',
        mimeType: 'application/pdf',
        buffer: minimalPdf(),
      });
      await page.getByRole('button', { name: '上传', exact: true }).click();

      const settled = page.locator(
        ['accepted', 'rejected', 'failed', 'timeout']
          .map((status) => `#uploads li[data-status="${status}"]`)
          .join(', '),
      );
      await settled.first().waitFor({ timeout: 90_000 });
      const outcome = settled.first();
      expect(await outcome.getAttribute('data-status'), (await outcome.textContent()) ?? '').toBe('accepted');
      expect(await outcome.textContent()).toContain('已通过');
      expect(Number(await page.locator('#progress').getAttribute('value'))).toBe(100);

      // the list of documents sent shows it accepted too
      const documentId = await outcome.getAttribute('data-document-id');
      expect(documentId).toMatch(/^doc_/);
      await page.locator(`#documents li[data-document-id="${documentId}"][data-status="accepted"]`).waitFor();
      expect(pageErrors).toEqual([]);
    } finally {
      mkdirSync(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: SCREENSHOT, fullPage: true });
      await context.close();
    }

    // the accepted receipt acknowledges the notice
    const acknowledged = await eventually(
      async () => (await api(`/v1/cases/${caseId}`, { token: inspector })).json as CaseView,
      (view) => Boolean(view.notices[0]?.acknowledgedAt),
      { what: 'the inclusion notice to be acknowledged' },
    );
    expect(acknowledged.notices[0]?.acknowledgedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it('shows a unit its overdue hazards at once, its reports to open, and the circular draft to answer', async () => {
    const project = projectBody();
    const contractor = contractorOf(project);
    const registered = await api('/v1/projects', { method: 'POST', token: inspector, body: project });
    expect(registered.status, registered.text).toBe(201);
    const projectId = (registered.json as { id: string }).id;

    // ten days ago: four findings for the contractor, due three days ago, still open
    const earlier = failingInspection(project, shanghaiDate(-10));
    const overdueOn = shanghaiDate(-3);
    const recorded = await api(`/v1/projects/${projectId}/inspections`, {
      method: 'POST',
      token: inspector,
      body: { ...earlier, findings: earlier.findings.map((finding) => ({ ...finding, deadline: overdueOn })) },
    });
    expect(recorded.status, recorded.text).toBe(201);
    const { caseId, inspectionId } = recorded.json as { caseId: string; inspectionId: string };
    expect((await api(`/v1/cases/${caseId}/confirm`, { method: 'POST', token: officer, body: {} })).status).toBe(200);
    // two days ago: one more hazard, due in five days
    const later = await api(`/v1/projects/${projectId}/inspections`, {
      method: 'POST',
      token: inspector,
      body: {
        date: shanghaiDate(-2),
        kind: 'joint',
        inspectors: ['王五', '赵六'],
        keyPersonnelPresent: { projectManager: true, chiefSupervisingEngineer: true },
        findings: [
          {
            kind: 'hazard',
            category: 'electrical',
            severity: 'major',
            unitCreditCode: contractor,
            description: '总配电箱未设置漏电保护器',
            deadline: shanghaiDate(5),
          },
        ],
        summary: '联合执法检查',
      },
    });
    expect(later.status, later.text).toBe(201);
    const laterInspectionId = (later.json as { inspectionId: string }).inspectionId;

    // both inspection reports as the document renderer stores them (it renders each after its commit); the later
    // one is then shown as its commit left it — its SHA-256 not recorded yet — so the page shows one being prepared
    const items = await documentsRendered(projectId);
    const reportKey = items.find((item) => item.sk === keys.inspectionReport(projectId, inspectionId).sk)
      ?.documentKey as string;
    expect(reportKey).toBe(`reports/${projectId}/${inspectionId}.pdf`);
    const laterReport = keys.inspectionReport(projectId, laterInspectionId);
    const laterSha256 = items.find((item) => item.sk === laterReport.sk)?.documentSha256;
    expect(laterSha256).toMatch(/^[0-9a-f]{64}$/);
    await table.client.send(
      new UpdateCommand({
        TableName: table.name,
        Key: laterReport,
        UpdateExpression: 'SET documentSha256 = :null',
        ExpressionAttributeValues: { ':null': null },
      }),
    );
    // a third failed cycle, short-circuited: the escalation consumer drafts the circular (statement window from
    // now), and the case stands at level 3 as the monthly evaluation leaves it (evaluation-ladder.test.ts walks the
    // real three months)
    await draftCircular({ projectId, caseId }, new Date().toISOString());
    await table.client.send(
      new UpdateCommand({
        TableName: table.name,
        Key: keys.supervisionCase(projectId, caseId),
        UpdateExpression: 'SET #level = :level',
        ExpressionAttributeNames: { '#level': 'level' },
        ExpressionAttributeValues: { ':level': 3 },
      }),
    );

    const created = await api(`/v1/cases/${caseId}/upload-links`, {
      method: 'POST',
      token: inspector,
      body: { unitCreditCode: contractor, validDays: 7 },
    });
    expect(created.status, created.text).toBe(201);
    const link = created.json as { url: string; token: string };
    const known = (await api('/v1/uploads/context', { token: link.token })).json as {
      circulars: Array<{ statementWindowEndsOn: string }>;
    };
    const statementDeadline = String(known.circulars[0]?.statementWindowEndsOn).replaceAll('-', '/');

    const { context, page, pageErrors } = await onPhone();
    try {
      await page.goto(link.url);
      await page.getByRole('heading', { level: 1, name: project.name }).waitFor();

      // the overdue hazards come first, inside the first screen of a phone, each with its deadline and delay
      const overdue = page.getByRole('region', { name: '逾期未整改隐患' });
      await overdue.waitFor();
      const box = await overdue.boundingBox();
      expect(box?.y ?? Number.POSITIVE_INFINITY).toBeLessThan(844);
      const overdueRows = overdue.locator('li[data-overdue="true"]');
      expect(await overdueRows.count()).toBe(4);
      for (const text of await overdueRows.allTextContents()) {
        expect(text).toContain(`整改期限 ${overdueOn}`);
        expect(text).toContain('已逾期 3 天');
      }
      const open = page.getByRole('region', { name: '待整改隐患' });
      expect(await open.locator('li').count()).toBe(1);
      expect(await open.locator('li').textContent()).toMatch(/重大隐患.*总配电箱.*还剩 5 天/);

      // the draft circular with the deadline of the statement
      const circular = page.getByRole('region', { name: '拟通报批评 · 陈述申辩' });
      expect(await circular.textContent()).toContain(`陈述申辩截止：${statementDeadline} 23:59`);

      // the reports: the later one being prepared, the earlier one to open in a new tab
      const reports = page.getByRole('region', { name: '检查报告' });
      expect(await reports.locator('li').count()).toBe(2);
      expect(await reports.locator('li').first().textContent()).toContain('报告生成中');
      // what each report asks of the unit: its rectification plan by the day the report names
      expect(await reports.locator('li').first().textContent()).toMatch(
        /整改方案（一厂一策）报送期限 \d{4}-\d{2}-\d{2}/,
      );
      const [popup] = await Promise.all([
        context.waitForEvent('page'),
        reports.locator(`li[data-inspection-id="${inspectionId}"]`).getByRole('button', { name: /查看/ }).click(),
      ]);
      const opened = await popup.waitForRequest((request) => request.url().includes(`/${reportKey}?`));
      expect((await opened.response())?.status()).toBe(200);
      await popup.close();

      await expectAccessible(page);

      // 上传整改证明 next to an overdue hazard prepares the form for it
      const firstOverdue = overdueRows.first();
      const hazardId = await firstOverdue.getAttribute('data-hazard-id');
      await firstOverdue.getByRole('button', { name: /上传整改证明/ }).click();
      expect(await page.getByLabel('材料类型').inputValue()).toBe('rectification_evidence');
      expect(await page.getByLabel('对应隐患').inputValue()).toBe(hazardId);

      // the statement and defence, through the circular's own button
      await circular.getByRole('button', { name: '上传陈述申辩材料' }).click();
      expect(await page.getByLabel('材料类型').inputValue()).toBe('statement');
      await page
        .getByLabel('文件')
        .setInputFiles({ name: '陈述申辩书.pdf', mimeType: 'application/pdf', buffer: minimalPdf() });
      await page.getByRole('button', { name: '上传', exact: true }).click();
      const settled = page.locator('#uploads li[data-status="accepted"], #uploads li[data-status="rejected"]');
      await settled.first().waitFor({ timeout: 90_000 });
      expect(await settled.first().getAttribute('data-status')).toBe('accepted');
      await circular.locator('article[data-statement-made="true"]').waitFor();
      expect(await circular.textContent()).toContain('已提交陈述申辩材料');
      await expectAccessible(page);
      expect(pageErrors).toEqual([]);
    } finally {
      mkdirSync(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: SCREENSHOT_OVERDUE, fullPage: true });
      await context.close();
      await table.client.send(
        new UpdateCommand({
          TableName: table.name,
          Key: laterReport,
          UpdateExpression: 'SET documentSha256 = :sha',
          ExpressionAttributeValues: { ':sha': laterSha256 },
        }),
      );
    }
  });
});
