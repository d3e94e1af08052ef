/**
 * The console's rankings screens (排名, SPEC §6.4–6.5 and §7) in a real browser against the whole local twin: an
 * officer runs a quarter's ranking and watches its progress, reads every list (a project list filtered by district,
 * by the API) and the districts' charts, publishes it (after a confirmation) and finds the public pages answering, is
 * refused a run while one is in flight, and makes a correction with its reason; on a phone the quarter reads as well; an inspector reads the same screens without
 * any run or publish action (and the API refuses them). Every screen is checked with axe-core (no serious or critical
 * violation) and kept as a screenshot under test-artifacts/console/.
 *
 * Prepared outside the browser (what a person in the console cannot do): the quarter's government assessments
 * through the API with the local clock set inside the quarter, then the clock moved past it (PUT /_local/clock), as
 * test/integration/rankings.test.ts does; a run in flight is simulated by marking the quarter's head in the table.
 * The quarter is 2043Q1, years from any other suite's records (they share one table).
 */
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keys } from '../../shared/store/keys.js';
import { api, baseUrl, eventually, setClock, table, tokenFor } from '../integration/support/api.js';
import { assessedProject } from '../integration/support/rankings.js';
import { CHROMIUM, hasChromium, launchChromium } from '../support/browser.js';
import { consolePages, PHONE } from '../support/console-pages.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SCREENSHOTS = join(ROOT, 'test-artifacts/console');

const QUARTER = '2043Q1';
const ASSESSED_ON = '2043-02-10';
/** after the quarter's ranking day: the quarter has ended, the next one has not */
const RANKED_AT = '2043-04-20T09:00:00+08:00';

/** the quarter's projects: two districts, one graded 不合格 (proposed for supervision when published) */
const PROJECTS = [
  { district: '密云区', score: 92 },
  { district: '密云区', score: 85 },
  { district: '密云区', score: 79 },
  { district: '密云区', score: 58 },
  { district: '延庆区', score: 88 },
  { district: '延庆区', score: 70 },
  { district: '延庆区', score: 81, category: 'municipal' },
];

if (!hasChromium) console.warn(`console rankings e2e skipped: ${CHROMIUM} is absent`);

describe.skipIf(!hasChromium)('the console’s rankings screens', () => {
  let browser: Browser;
  let officerToken: string;
  const names: string[] = [];

  const { open, check, closeAll, pageErrors, accessibility } = consolePages(() => browser, SCREENSHOTS);

  /** Mark (or clear) a run of the quarter in flight, as a run started elsewhere would. */
  async function runInFlight(runId: string | null): Promise<void> {
    const until = new Date(Date.parse(RANKED_AT) + 3600_000).toISOString();
    await table.client.send(
      new UpdateCommand({
        TableName: table.name,
        Key: keys.rankingHead(QUARTER),
        UpdateExpression: 'SET runInFlight = :run',
        ExpressionAttributeValues: { ':run': runId ? { runId, until } : null },
      }),
    );
  }

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    officerToken = await tokenFor('officer');
    await setClock(`${ASSESSED_ON}T10:00:00+08:00`);
    for (const [index, project] of PROJECTS.entries()) {
      const name = `${project.district}排名控制台项目 ${index + 1} 号`;
      names.push(name);
      await assessedProject({ ...project, name, quarter: QUARTER, inspectedOn: ASSESSED_ON });
    }
    await setClock(RANKED_AT);
    browser = await launchChromium();
  }, 300_000);

  afterAll(async () => {
    await closeAll();
    await browser?.close();
    await setClock(null);
  });

  it('an officer runs the quarter, reads its lists and charts, publishes it and corrects it', async () => {
    // a quarter not ranked yet says so, and offers the officer its run
    const unranked = await open(`/rankings/${QUARTER}`, 'officer');
    await unranked.getByText(`${QUARTER} 尚无排名`).waitFor();
    await unranked.getByRole('button', { name: '开始计算' }).waitFor();
    await unranked.context().close();

    const desk = await open('/rankings', 'officer');
    await desk.getByRole('heading', { level: 1, name: '排名' }).waitFor();
    expect(await desk.getByRole('navigation', { name: '主菜单' }).first().innerText()).toContain('排名');

    // a quarter that has not ended: the API's 409 names the field, shown beside it in Chinese
    const quarterField = desk.getByLabel('季度', { exact: true });
    await quarterField.fill('2043Q2');
    await desk.getByRole('button', { name: '开始计算' }).click();
    await desk.getByText('须为 2043-04-20 前已结束的季度').waitFor();
    await check(desk, 'r01-rankings-refused');

    // the quarter: the run's progress bar until it succeeds
    await quarterField.fill(QUARTER);
    await desk.getByRole('button', { name: '开始计算' }).click();
    await desk.locator('[data-run-status="succeeded"]').waitFor({ timeout: 120_000 });
    await desk.getByRole('progressbar', { name: /2043年第1季度排名计算进度/ }).waitFor();
    // the quarters table's row (the run's own details are a table too)
    const row = desk.locator('tr.ant-table-row').filter({ hasText: QUARTER });
    await row.getByText('草稿').waitFor();
    await row.getByText('第 1 版').waitFor();
    await check(desk, 'r02-rankings-run');

    // the quarter's lists: projects by category, page by page, with rank / of, score and grade
    await row.getByRole('link', { name: QUARTER }).click();
    await desk.getByRole('heading', { level: 1, name: '2043年第1季度排名' }).waitFor();
    const projects = desk.locator('[data-list="projects.building"]');
    await projects.getByRole('link', { name: names[0] }).waitFor();
    const best = projects.getByRole('row', { name: new RegExp(names[0] as string) });
    expect(await best.innerText()).toMatch(/92/);
    expect(await best.innerText()).toContain('优良');
    const failing = projects.getByRole('row', { name: new RegExp(names[3] as string) });
    expect(await failing.innerText()).toContain('不合格');
    // ranks are over every 2043Q1 building project: ours keep their order
    const ranks = [];
    for (const index of [0, 4, 1, 2, 5, 3]) {
      const text = await projects.getByRole('row', { name: new RegExp(names[index] as string) }).innerText();
      ranks.push(Number(/^\s*(\d+)/.exec(text)?.[1]));
    }
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    // the districts' charts: drawn (a canvas) and said in words for screen readers
    const chart = desk.getByRole('img', { name: /各区平均分：.*密云区 78\.5 分/ });
    await chart.waitFor();
    expect(await chart.locator('canvas').count()).toBe(1);
    await desk.getByRole('img', { name: /优良项目：.*延庆区 2 \/ 3 个/ }).waitFor();
    await check(desk, 'r03-ranking-projects');

    // 区域: the API filters the list (?district=), so every row, and the count, are the district's
    const filtered = desk.waitForRequest(
      (request) =>
        decodeURIComponent(request.url()).includes('/lists/projects.building?') &&
        decodeURIComponent(request.url()).includes('district=密云区'),
    );
    const districtChoice = desk.getByRole('combobox', { name: '按区域筛选项目排名' });
    await districtChoice.selectOption('密云区');
    await filtered;
    await desk.waitForURL(/district=/);
    const miyun = desk.locator('[data-list="projects.building"][data-district="密云区"]');
    await miyun.getByText('密云区共 4 条（名次为全市排名）').waitFor();
    const miyunRows = await miyun.locator('tbody tr.ant-table-row').allInnerTexts();
    expect(miyunRows).toHaveLength(4);
    for (const text of miyunRows) expect(text).toContain('密云区');
    await miyun.getByRole('link', { name: names[3] }).waitFor();
    expect(await miyun.getByRole('link', { name: names[4] }).count()).toBe(0);
    await check(desk, 'r03b-ranking-projects-district');
    // cleared: the whole city's list again
    await districtChoice.selectOption('');
    await desk
      .locator('[data-list="projects.building"][data-district=""]')
      .getByRole('link', { name: names[4] })
      .waitFor();

    // the radio itself is hidden under its label, as antd draws a Segmented control: a person clicks the label
    await desk.locator('.ranking-list-choice').getByText(/市政/).click();
    await desk.locator('[data-list="projects.municipal"]').getByRole('link', { name: names[6] }).waitFor();
    for (const [tab, list, header] of [
      ['企业排名', 'enterprises.general_contractor', '排名积分'],
      ['人员排名', 'persons.project_manager', '注册编号'],
      ['区域排名', 'districts', '优良占比'],
    ] as const) {
      await desk.getByRole('tab', { name: tab }).click();
      const table = desk.locator(`[data-list="${list}"]`);
      await table.getByRole('columnheader', { name: header }).waitFor();
      await table.locator('tbody tr.ant-table-row').first().waitFor();
    }
    const district = desk.locator('[data-list="districts"]').getByRole('row', { name: /密云区/ });
    expect(await district.innerText()).toMatch(/78\.5/);
    expect(await district.innerText()).toContain('50.0%');
    await check(desk, 'r04-ranking-districts');

    // a run in flight: publication waits, a new run is refused plainly (409)
    await runInFlight('rkr_01JZZZZZZZZZZZZZZZZZZZZZZZ');
    try {
      await desk.reload();
      await desk.getByText('排名正在重新计算，完成后方可发布。').waitFor();
      expect(await desk.getByRole('button', { name: '发布第 1 版' }).isDisabled()).toBe(true);
      await desk.getByText('重新计算草稿').click();
      await desk.getByRole('button', { name: '开始计算' }).click();
      await desk
        .getByRole('alert')
        .getByText(/正在计算.*请待其完成后再试/)
        .waitFor();
      await check(desk, 'r05-ranking-in-flight');
    } finally {
      await runInFlight(null);
    }

    // publish, after a confirmation that says what publication does
    await desk.reload();
    await desk.getByRole('button', { name: '发布第 1 版' }).click();
    const confirm = desk.getByRole('dialog');
    await confirm
      .getByText(/差别化监管建议/)
      .first()
      .waitFor();
    await check(desk, 'r06-ranking-publish-confirm');
    await confirm.getByRole('button', { name: '确认发布' }).click();
    await desk.getByText('排名已发布', { exact: true }).waitFor();
    await desk.locator('.ranking-summary').getByText('已发布').first().waitFor();
    await desk.getByRole('link', { name: '监管案件（待确认）' }).waitFor();
    // the public pages answer: HTML, JSON, CSV (written by the publisher after the event)
    const links = desk.locator('.ranking-public-links a');
    const hrefs = await links.evaluateAll((anchors) => anchors.map((a) => (a as unknown as { href: string }).href));
    expect(hrefs.map((href) => new URL(href).pathname)).toEqual([
      `/public/rankings/${QUARTER}/`,
      `/public/rankings/${QUARTER}.json`,
      `/public/rankings/${QUARTER}.csv`,
    ]);
    for (const href of hrefs) {
      const answer = await eventually(
        () => fetch(href),
        (response) => response.status === 200,
        { timeoutMs: 60_000, intervalMs: 500, what: `${href} on the public site` },
      );
      expect(answer.status).toBe(200);
    }
    const json = (await (await fetch(hrefs[1] as string)).json()) as { quarter: string; revision: number };
    expect(json).toMatchObject({ quarter: QUARTER, revision: 1 });
    // the failing project was proposed for supervision on the ranking's basis
    const proposals = await eventually(
      () => api('/v1/cases?status=proposed&district=密云区', { token: officerToken }),
      (response) =>
        (response.json as { items: Array<{ projectName?: string }> }).items.some(
          (item) => item.projectName === names[3],
        ),
      { timeoutMs: 60_000, intervalMs: 500, what: 'the failing project proposed' },
    );
    expect(proposals.status).toBe(200);
    await check(desk, 'r07-ranking-published');

    // a correction: the published quarter needs a reason; revision 2 shows it, still a draft
    await desk.getByText('更正（重新计算）').click();
    await desk.getByRole('button', { name: '计算更正版本' }).click();
    await desk.getByText('已发布的季度重新计算须填写更正理由').waitFor();
    const reason = '更正密云区一项目政府评估录入错误';
    await desk.getByLabel('更正理由').fill(reason);
    await desk.getByRole('button', { name: '计算更正版本' }).click();
    await desk.locator('[data-run-status="succeeded"]').waitFor({ timeout: 120_000 });
    await desk.getByText('第 2 版（更正）尚未发布；公众网站仍公示第 1 版。').waitFor();
    await desk.locator('.ranking-summary').getByText(reason).first().waitFor();
    await check(desk, 'r08-ranking-correction');

    expect(accessibility, 'axe-core: serious or critical violations').toEqual([]);
    expect(pageErrors).toEqual([]);
  }, 600_000);

  it('reads on a phone (390 px)', async () => {
    const phone = await open(`/rankings/${QUARTER}?list=districts`, 'officer', PHONE);
    await phone.getByRole('heading', { level: 1, name: '2043年第1季度排名' }).waitFor();
    await phone
      .locator('[data-list="districts"]')
      .getByRole('row', { name: /延庆区/ })
      .waitFor();
    // nothing wider than the screen but the tables' own scrolling
    expect(await phone.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
    await check(phone, 'r09-ranking-phone');
    expect(accessibility, 'axe-core: serious or critical violations').toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('shows an inspector the rankings without any run or publish action; the API refuses them', async () => {
    const inspector = await open('/rankings', 'inspector');
    await inspector.locator('[data-role="inspector"]').waitFor();
    await inspector.locator('tr.ant-table-row').filter({ hasText: QUARTER }).waitFor();
    expect(await inspector.getByRole('navigation', { name: '主菜单' }).first().innerText()).toContain('排名');
    expect(await inspector.getByRole('button', { name: '开始计算' }).count()).toBe(0);
    await check(inspector, 'r10-rankings-inspector');
    await inspector.getByRole('link', { name: QUARTER }).click();
    await inspector.locator('[data-list="projects.building"]').getByRole('link', { name: names[0] }).waitFor();
    for (const action of ['发布第 2 版', '计算更正版本', '开始计算']) {
      expect(await inspector.getByRole('button', { name: action }).count(), action).toBe(0);
    }
    expect(await inspector.getByText('重新计算草稿').count()).toBe(0);
    await check(inspector, 'r11-ranking-inspector');
    await inspector.goto(`${baseUrl()}/console/rankings/2042Q4`);
    await inspector.getByText('2042Q4 尚无排名').waitFor();
    expect(await inspector.getByRole('button', { name: '开始计算' }).count()).toBe(0);
    const inspectorToken = await tokenFor('inspector');
    const run = await api('/v1/rankings', { token: inspectorToken, body: { quarter: QUARTER, reason: '检查员尝试' } });
    expect(run.status).toBe(403);
    const publish = await api(`/v1/rankings/${QUARTER}/publish`, { token: inspectorToken, body: {} });
    expect(publish.status).toBe(403);
    expect(accessibility, 'axe-core: serious or critical violations').toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
