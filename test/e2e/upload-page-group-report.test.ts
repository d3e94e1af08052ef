/**
 * The group report on the unit's upload page (seed §3(5): 以集团名义向我委报送整改情况; SPEC §2.3): once a case
 * reaches level 2, the page of a unit whose group must report lists the report — due, or missing once its 10
 * working days have passed — with a button to upload it. A case is walked to level 2 through two failed cycles in
 * the last two months (the local clock moved back for the inclusion and the two evaluations), then the page is
 * opened in Chromium on the system clock, as a contractor on site would.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../shared/domain/dates.js';
import { api, eventually, setClock, tokenFor } from '../integration/support/api.js';
import { contractorOf, projectBody } from '../integration/support/fixtures.js';
import { CHROMIUM, hasChromium, launchChromium } from '../support/browser.js';

/** The first day of the month `offset` months from today's (Asia/Shanghai). */
function firstOfMonth(offset: number): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(Date.now());
  const index = Number(today.slice(0, 4)) * 12 + Number(today.slice(5, 7)) - 1 + offset;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`;
}

if (!hasChromium) console.warn(`group-report e2e skipped: ${CHROMIUM} is absent`);

describe.skipIf(!hasChromium)('the upload page of a level-2 case', () => {
  let inspector: string;
  let officer: string;

  beforeAll(async () => {
    inspector = await tokenFor('inspector');
    officer = await tokenFor('officer');
  });

  afterAll(async () => {
    await setClock(null);
  });

  it('lists the group report for the unit whose group must report, with a button to upload it', async () => {
    const twoMonthsAgo = firstOfMonth(-2);
    const includedOn = addDays(twoMonthsAgo, 9);
    const project = projectBody();
    await setClock(`${includedOn}T10:00:00+08:00`);
    const projectId = (
      (await api('/v1/projects', { method: 'POST', token: inspector, body: project })).json as {
        id: string;
      }
    ).id;
    const inspection = await api(`/v1/projects/${projectId}/inspections`, {
      method: 'POST',
      token: inspector,
      body: {
        date: includedOn,
        kind: 'routine',
        inspectors: ['王五', '赵六'],
        keyPersonnelPresent: { projectManager: true, chiefSupervisingEngineer: true },
        findings: [
          {
            kind: 'negligent_management',
            category: 'management',
            severity: 'major',
            unitCreditCode: contractorOf(project),
            description: '对工程项目各项工作疏于管理',
            deadline: addDays(includedOn, 5),
          },
        ],
        summary: '安全管理检查',
      },
    });
    expect(inspection.status, inspection.text).toBe(201);
    const caseId = (inspection.json as { caseId: string }).caseId;
    expect((await api(`/v1/cases/${caseId}/confirm`, { method: 'POST', token: officer, body: {} })).status).toBe(200);

    // two failed cycles: nothing delivered, the finding never rectified
    for (const month of [-1, 0]) {
      const on = firstOfMonth(month);
      await setClock(`${on}T01:00:00+08:00`);
      const started = await api('/v1/evaluations', {
        method: 'POST',
        token: officer,
        body: { month: addDays(on, -1).slice(0, 7) },
      });
      expect(started.status, started.text).toBe(202);
      const { runId } = started.json as { runId: string };
      await eventually(
        async () => (await api(`/v1/evaluations/${runId}`, { token: officer })).json as { status: string },
        (run) => run.status === 'succeeded',
        { timeoutMs: 120_000, what: `evaluation run ${runId}` },
      );
    }
    const view = (await api(`/v1/cases/${caseId}`, { token: inspector })).json as { level: number };
    expect(view.level).toBe(2);

    // back to the system clock: the contractor opens its link on site
    await setClock(null);
    const created = await api(`/v1/cases/${caseId}/upload-links`, {
      method: 'POST',
      token: inspector,
      body: { unitCreditCode: contractorOf(project), validDays: 7 },
    });
    expect(created.status, created.text).toBe(201);
    const link = created.json as { url: string };

    const browser = await launchChromium();
    try {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
      const page: Page = await context.newPage();
      await page.goto(link.url);
      const lists = page.getByRole('region', { name: '今日应报 / 逾期未报' });
      const report = lists.locator('li[data-doc-type="group_report"]');
      await report.first().waitFor();
      expect(await report.count()).toBe(1);
      expect(await report.textContent()).toContain('以集团名义报送整改情况及后续措施');
      expect(await report.getByRole('button', { name: /^上传/ }).count()).toBe(1);
      // the form offers the type
      expect(await page.getByLabel('材料类型').locator('option[value="group_report"]').count()).toBe(1);
      await context.close();
    } finally {
      await browser.close();
    }
  }, 240_000);
});
