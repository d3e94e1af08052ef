/**
 * The assessment page (site/assess/) in a real browser against the whole local twin, on a phone (390 px): the
 * general contractor opens its link, sees the month's self-assessment due with the tables of its phase pre-marked
 * 不涉及, enters deductions and watches the running score (computed in the page by the server's own scoring rules),
 * is told of a deduction above an item's maximum, submits, and sees the server's score and its history. Then the
 * government's assessment makes the self-assessment suspected, and the contractor makes its statement on the page.
 * axe-core checks the page, and a screenshot is kept in test-artifacts/.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, setClock, tokenFor } from '../integration/support/api.js';
import {
  assessmentInspection,
  assessmentLink,
  deductEverywhere,
  defaultScheme,
  form,
  registeredPersonsProject,
  unitOf,
} from '../integration/support/assessments.js';
import { CHROMIUM, hasChromium, launchChromium } from '../support/browser.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const ARTIFACTS = join(ROOT, 'test-artifacts');
const NOW = '2026-10-20T10:00:00+08:00';

if (!hasChromium) console.warn(`assessment-page e2e skipped: ${CHROMIUM} is absent`);

describe.skipIf(!hasChromium)('the assessment page of a participating unit', () => {
  let browser: Browser | undefined;
  let inspector: string;

  beforeAll(async () => {
    await setClock(NOW);
    inspector = await tokenFor('inspector');
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await setClock(null);
  });

  it('shows the month’s self-assessment due, scores it as the server does, and takes a statement', async () => {
    const project = registeredPersonsProject(String(Date.now() % 100_000_000).padStart(8, '0'));
    const registered = await api('/v1/projects', { method: 'POST', token: inspector, body: project });
    expect(registered.status, registered.text).toBe(201);
    const projectId = (registered.json as { id: string }).id;
    const link = await assessmentLink(projectId, unitOf(project, 'general_contractor'));

    const context = await browser!.newContext({
      viewport: { width: 390, height: 844 },
      locale: 'zh-CN',
      hasTouch: true,
    });
    const page: Page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    const shot = async (name: string) => {
      mkdirSync(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: join(ARTIFACTS, name), fullPage: false });
    };
    try {
      const opened = await page.goto(link.url);
      expect(opened?.status(), 'GET /public/assess/ (is site/assess/ published?)').toBe(200);
      expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
      await page.getByRole('heading', { level: 1, name: project.name }).waitFor();

      // 待办评估: this month's self-assessment, not yet submitted; this quarter's re-assessment
      const due = page.getByRole('region', { name: '待办评估' });
      const self = due.locator('li[data-tier="self"][data-period="2026-10"]');
      await self.waitFor();
      expect(await self.textContent()).toContain('2026年10月 项目自评');
      expect(await self.textContent()).toContain('待提交');
      expect(await due.locator('li[data-tier="enterprise"][data-period="2026Q4"]').count()).toBe(1);
      await shot('assessment-page-top.png');

      // the form is open on it, 基坑工程 pre-marked 不涉及 for the structure phase, the signer the project manager
      const assess = page.getByRole('region', { name: /填写评估/ });
      expect(await assess.getByRole('heading', { level: 2 }).textContent()).toContain('2026年10月 项目自评');
      expect(await page.locator('[id="off-B.11"]').isChecked()).toBe(true);
      expect(await page.locator('[id="off-B.1"]').isChecked()).toBe(false);
      expect(await page.getByLabel('签署人姓名').inputValue()).toBe('张建国');
      expect(await page.locator('#score-total').textContent()).toBe('100.0');

      // deductions: 安全管理 −4, 施工用电 −10 (接地与接零); the running score follows
      await page.locator('details[data-table-id="B.1"] > summary').click();
      await page.locator('[id="d-B.1.3"]').fill('4');
      await page.locator('details[data-table-id="B.14"] > summary').click();
      await page.locator('[id="d-B.14.2"]').fill('10');
      const running = await page.locator('#score-total').textContent();
      expect(running).not.toBe('100.0');
      expect(await page.locator('details[data-table-id="B.1"] .badge').textContent()).toBe('96.0分');

      // a deduction above the item's maximum is named before anything is sent
      await page.locator('[id="d-B.1.3"]').fill('11');
      await page.locator('#score-problem').waitFor();
      expect(await page.locator('#score-problem').textContent()).toContain('超过');
      await page.locator('[id="d-B.1.3"]').fill('4');
      expect(await page.locator('#score-problem').isHidden()).toBe(true);
      await shot('assessment-page-form.png');

      await page.getByRole('button', { name: '提交评估' }).click();
      const result = page.locator('#result');
      await result.waitFor();
      expect(await result.textContent()).toContain(`已提交：${running}分`);
      await self.locator('.badge', { hasText: `已提交 ${running}分` }).waitFor();
      const history = page.getByRole('region', { name: '提交记录' });
      expect(await history.locator('li').count()).toBe(1);

      // the server agrees with the page
      const listed = await api(`/v1/projects/${projectId}/assessments?period=2026-10`, { token: inspector });
      const [saved] = (listed.json as { items: Array<{ id: string; score: number }> }).items;
      expect(saved?.score.toFixed(1)).toBe(running);

      // the government's assessment, 42 below on every table in use, makes it suspected
      const inspectionId = await assessmentInspection(projectId, '2026-10-19');
      const scheme = await defaultScheme();
      const off = ['B.4', 'B.5', 'B.6', 'B.7', 'B.8', 'B.9', 'B.10', 'B.11', 'B.15'];
      const government = await api(`/v1/projects/${projectId}/assessments`, {
        token: inspector,
        body: {
          tier: 'government',
          period: '2026Q4',
          schemeId: 'jgj59-2011',
          tables: form(scheme, deductEverywhere(scheme, 42, off), { tablesNotApplicable: off }),
          signedBy: { name: '王五' },
          inspectionId,
          inspectors: ['王五', '赵六'],
        },
      });
      expect(government.status, government.text).toBe(201);
      expect((government.json as { suspected: string[] }).suspected).toEqual([saved?.id]);

      await page.reload();
      const entry = history.locator(`li[data-assessment-id="${saved?.id}"]`);
      await entry.waitFor();
      expect(await entry.textContent()).toContain('涉嫌弄虚作假');
      await entry.getByLabel('陈述内容').fill('自评后脚手架连墙件被分包单位拆除，已恢复并整改。');
      await shot('assessment-page-statement.png');
      await entry.getByRole('button', { name: '提交陈述' }).click();
      await entry.getByText(/提交陈述：自评后脚手架连墙件/).waitFor();

      const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      expect(
        axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
        'axe-core violations',
      ).toEqual([]);
      expect(pageErrors).toEqual([]);
    } finally {
      mkdirSync(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: join(ARTIFACTS, 'assessment-page.png'), fullPage: true });
      await context.close();
    }
  });
});
