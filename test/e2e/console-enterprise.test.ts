/**
 * The agency console's enterprise-level supervision (企业监管, SPEC §6.5) and enforcement statistics (执法工作统计,
 * SPEC §6.7) in a real browser against the whole local twin: an officer finds the enterprise a second supervised
 * project proposed, opens it, sees its grounds and projects, verifies its timeline's hash chain, confirms it, sees the
 * measures owed, records a summons talk on a phone (the API's refusal of a day after today shown beside the date
 * first); then the quarter's enforcement statistics, a chart and the inspector's row. An inspector sees the case
 * without the officer's decisions (which the API refuses them anyway). Every screen is checked with axe-core (no
 * serious or critical violation) and kept as a screenshot under test-artifacts/console/.
 *
 * Prepared through the API (what the console's other screens do, and console.test.ts tries): two projects with one
 * general contractor, a failing inspection on each (two of this file's inspectors, a fine), both cases confirmed —
 * the second inclusion proposes the contractor (SPEC §6.5 "2 or more of its projects under supervision at once").
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../shared/domain/dates.js';
import { enterpriseCase } from '../../shared/schemas/rankings.js';
import { api, eventually, setClock, tokenFor } from '../integration/support/api.js';
import { contractorOf, creditCode, failingInspection, projectBody } from '../integration/support/fixtures.js';
import { CHROMIUM, hasChromium, launchChromium } from '../support/browser.js';
import { consolePages, PHONE } from '../support/console-pages.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SCREENSHOTS = join(ROOT, 'test-artifacts/console');

// this file's own district and inspectors: the twin is shared, the statistics are read by their lines
const suffix = randomUUID().slice(0, 6);
const district = `企业监管${suffix}区`;
const [inspectorA, inspectorB] = [`周${suffix}`, `吴${suffix}`];
const INSPECTION_DAY = '2026-09-10';
const QUARTER = '2026Q3';

/** Today in Asia/Shanghai, as the API counts it with the clock reset. */
function shanghaiToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
}

if (!hasChromium) console.warn(`console e2e skipped: ${CHROMIUM} is absent (install Debian's chromium to run it)`);

describe.skipIf(!hasChromium)('the agency console: enterprise cases and enforcement statistics', () => {
  let browser: Browser;
  let officerToken: string;
  const contractor = creditCode();
  const projectNames = [1, 2].map((n) => `${district}滨河路 ${n} 号地块住宅项目（企业监管）`);
  let enterpriseCaseId: string;

  const { open, check, closeAll, pageErrors, accessibility } = consolePages(() => browser, SCREENSHOTS);

  function expectCleanPages(): void {
    expect(accessibility).toEqual([]);
    expect(pageErrors).toEqual([]);
  }

  /** A project whose general contractor is this file's enterprise (its project manager works for it). */
  function projectOfContractor(name: string, index: number) {
    const body = projectBody({ district, name, address: `北京市${district}滨河路 ${index} 号` });
    const replaced = contractorOf(body);
    return {
      ...body,
      units: body.units.map((unit) =>
        unit.role === 'general_contractor'
          ? { ...unit, name: '北京某企业监管建设有限公司', creditCode: contractor }
          : unit,
      ),
      persons: body.persons.map((person) =>
        person.unitCreditCode === replaced ? { ...person, unitCreditCode: contractor } : person,
      ),
    };
  }

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    await setClock(null);
    officerToken = await tokenFor('officer');
    const inspectorToken = await tokenFor('inspector');
    browser = await launchChromium();
    for (const [index, name] of projectNames.entries()) {
      const body = projectOfContractor(name, index + 1);
      const registered = await api('/v1/projects', { token: inspectorToken, body });
      expect(registered.status, registered.text).toBe(201);
      const projectId = (registered.json as { id: string }).id;
      const inspected = await api(`/v1/projects/${projectId}/inspections`, {
        token: inspectorToken,
        body: {
          ...failingInspection(body, INSPECTION_DAY),
          inspectors: [inspectorA, inspectorB],
          measures: [
            {
              kind: 'fine',
              unitCreditCode: contractor,
              amountYuan: 20000,
              documentNo: `京建执罚〔2026〕${suffix}-${index + 1}号`,
            },
          ],
        },
      });
      expect(inspected.status, inspected.text).toBe(201);
      const { caseId } = inspected.json as { caseId: string };
      const confirmed = await api(`/v1/cases/${caseId}/confirm`, { token: officerToken, body: {} });
      expect(confirmed.status, confirmed.text).toBe(200);
    }
    const listed = await eventually(
      () => api('/v1/enterprise-cases?status=proposed&limit=100', { token: officerToken }),
      (r) =>
        (r.json as { items?: Array<{ creditCode: string }> }).items?.some((i) => i.creditCode === contractor) ?? false,
      { timeoutMs: 60_000, intervalMs: 250, what: `the proposed enterprise case of ${contractor}` },
    );
    enterpriseCaseId = (listed.json as { items: Array<{ id: string; creditCode: string }> }).items.find(
      (item) => item.creditCode === contractor,
    )?.id as string;
  });

  afterAll(async () => {
    await closeAll();
    await browser?.close();
    await setClock(null);
  });

  it('shows an inspector the proposed enterprise without the officer’s decisions, which the API refuses them', async () => {
    const phone = await open(`/enterprise-cases/${enterpriseCaseId}`, 'inspector', PHONE);
    await phone.locator('[data-enterprise-case-status="proposed"]').waitFor();
    await phone.locator('[data-ground="supervised_projects"]').waitFor();
    expect(await phone.getByRole('button', { name: '确认纳入' }).count()).toBe(0);
    expect(await phone.getByRole('button', { name: '不予纳入' }).count()).toBe(0);
    expect(await phone.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
    await check(phone, '40-enterprise-case-inspector-phone');
    const refused = await api(`/v1/enterprise-cases/${enterpriseCaseId}/confirm`, {
      token: await tokenFor('inspector'),
      body: {},
    });
    expect(refused.status).toBe(403);
    expectCleanPages();
  });

  it('lets an officer find the proposed enterprise, verify its timeline, confirm it and record a summons talk', async () => {
    // ── the dashboard counts it among the proposals awaiting a decision ──
    const desk = await open('/', 'officer');
    await desk.getByRole('heading', { level: 1, name: '工作台' }).waitFor();
    await desk.locator(`a[href="/console/enterprise-cases/${enterpriseCaseId}"]`).waitFor();

    // ── the list, filtered by status ──
    await desk.getByRole('link', { name: '企业', exact: true }).click();
    await desk.waitForURL(/\/console\/enterprise-cases\?status=proposed$/);
    await desk.getByRole('heading', { level: 1, name: '企业监管' }).waitFor();
    const row = desk.locator(`[data-enterprise-case="${enterpriseCaseId}"]`);
    while (!(await row.isVisible())) {
      // older proposals may sit on the next page
      const more = desk.getByRole('button', { name: '加载更多' });
      if (await more.isVisible()) await more.click();
      else await row.waitFor({ timeout: 10_000 });
    }
    await check(desk, '41-enterprise-cases');
    await row.click();

    // ── the detail: grounds with the two supervised projects, both projects under supervision ──
    await desk.locator('[data-enterprise-case-status="proposed"]').waitFor();
    const ground = desk.locator('[data-ground="supervised_projects"]');
    await ground.getByText('多个项目同时被纳入差别化监管').waitFor();
    for (const name of projectNames) {
      await desk.getByRole('row').filter({ hasText: name }).getByText('监管中').waitFor();
    }
    await check(desk, '42-enterprise-case-proposed');
    await desk.getByRole('tab', { name: '时间线' }).click();
    await desk.locator('[data-chain="intact"]').waitFor();
    await desk.locator('.case-timeline').getByText('提出纳入建议').waitFor();

    // ── the officer confirms ──
    await desk.getByRole('button', { name: '确认纳入' }).click();
    const dialog = desk.getByRole('dialog', { name: '确认纳入企业级差别化监管' });
    await dialog.getByLabel('备注（选填）').fill('两个项目同时被纳入差别化监管，实施企业级监管');
    await dialog.getByRole('button', { name: '确认纳入' }).click();
    await desk.locator('[data-enterprise-case-status="active"]').waitFor();
    expect(await desk.getByRole('button', { name: '确认纳入' }).count()).toBe(0);
    // the measures as the API counts them this month: nothing inspected yet, each project owed 2
    await desk.getByRole('tab', { name: '监管措施' }).click();
    await desk.locator('[data-agency-shortfall="4"]').waitFor();
    await check(desk, '43-enterprise-case-measures');

    // ── a summons talk on a phone: a day after today refused beside the date, then recorded ──
    const today = shanghaiToday();
    const phone = await open(`/enterprise-cases/${enterpriseCaseId}`, 'officer', PHONE);
    await phone.locator('[data-enterprise-case-status="active"]').waitFor();
    await phone.getByRole('tab', { name: /约谈/ }).click();
    const date = phone.getByLabel('约谈日期');
    await date.click();
    await date.fill(addDays(today, 1));
    await date.press('Enter');
    await phone.getByLabel('参加人员').fill(`${inspectorA}、企业法定代表人张某、项目经理李某`);
    await phone
      .getByLabel('约谈内容')
      .fill('通报两个项目纳入差别化监管的情况，要求企业一周内完成全面自查并报送整改方案。');
    await phone.getByRole('button', { name: '记录约谈' }).click();
    const dateField = phone.locator('.ant-form-item').filter({ has: phone.getByLabel('约谈日期') });
    await dateField.getByText('不能晚于今天').waitFor();
    expect(await phone.locator('[data-talk]').count()).toBe(0);
    await check(phone, '44-enterprise-talk-refused-phone');
    await date.click();
    await date.fill(today);
    await date.press('Enter');
    await phone.getByRole('button', { name: '记录约谈' }).click();
    await phone.locator('[data-talk]').getByText('企业法定代表人张某').waitFor();
    expect(await phone.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
    await check(phone, '45-enterprise-talk-phone');
    const view = await api(`/v1/enterprise-cases/${enterpriseCaseId}`, { token: officerToken });
    // the detail as the API documents it (its projects included)
    expect(enterpriseCase.safeParse(view.json).error).toBeUndefined();
    const recorded = view.json as { status: string; talks: Array<{ date: string; attendees: string[] }> };
    expect(recorded.status).toBe('active');
    expect(recorded.talks).toEqual([
      expect.objectContaining({ date: today, attendees: [inspectorA, '企业法定代表人张某', '项目经理李某'] }),
    ]);

    // the talk is on the timeline, and the chain still holds
    await phone.getByRole('tab', { name: '时间线' }).click();
    await phone.locator('.case-timeline').getByText('记录约谈').waitFor();
    await phone.locator('[data-chain="intact"]').waitFor();
    await check(phone, '46-enterprise-timeline-phone');
    expectCleanPages();
  });

  it("shows the quarter's enforcement work per inspector and district, as charts and tables", async () => {
    const desk = await open(`/stats/enforcement?quarter=${QUARTER}`, 'officer');
    await desk.getByRole('heading', { level: 1, name: '执法工作统计' }).waitFor();
    const inspectorRow = desk.locator(`tr[data-inspector="${inspectorA}"]`);
    await inspectorRow.waitFor();
    // the two inspections this inspector took part in, and their two fines of ¥20,000
    const cells = await inspectorRow.locator('td').allInnerTexts();
    expect(cells[0]).toBe(inspectorA);
    expect(cells[1]).toBe('2');
    expect(cells).toContain('¥40,000');
    const districtRow = desk.locator(`tr[data-district="${district}"]`);
    expect((await districtRow.locator('td').allInnerTexts())[1]).toBe('2');
    // the charts: drawn on a canvas, their figures also given as text
    const chart = desk.getByRole('img', { name: /各检查人员检查次数/ });
    await chart.locator('canvas').waitFor();
    expect(await chart.getAttribute('aria-label')).toContain(`${inspectorA} 2 次`);
    await desk
      .getByRole('img', { name: /各区域在建项目检查覆盖/ })
      .locator('canvas')
      .waitFor();
    await check(desk, '47-enforcement-stats');

    // the quarter selector and the tabs of the statistics screen
    await desk.getByRole('combobox', { name: '统计季度' }).click();
    await desk.getByTitle('2026年第2季度').click();
    await desk.waitForURL(/quarter=2026Q2/);
    // the second quarter's statistics: this file's inspectors did nothing then
    await desk.locator(`tr[data-inspector="${inspectorA}"]`).waitFor({ state: 'detached' });
    await desk.getByRole('img', { name: /各检查人员检查次数/ }).waitFor();
    expect(await desk.locator(`tr[data-inspector="${inspectorA}"]`).count()).toBe(0);

    const phone = await open(`/stats/enforcement?quarter=${QUARTER}`, 'officer', PHONE);
    await phone.locator(`tr[data-inspector="${inspectorA}"]`).waitFor();
    expect(await phone.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
    await check(phone, '48-enforcement-stats-phone');

    // an inspector: no statistics (the API answers 403 too)
    const inspector = await open('/stats/enforcement', 'inspector');
    await inspector.getByText('仅负责人可查看执法工作统计').waitFor();
    const refused = await api(`/v1/stats/enforcement?quarter=${QUARTER}`, { token: await tokenFor('inspector') });
    expect(refused.status).toBe(403);
    expectCleanPages();
  });
});
