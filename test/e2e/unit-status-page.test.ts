/**
 * The unit status form of the public site (site/unit-status/, SPEC §4 "the public site has a form for it") in a real
 * browser against the whole local twin: a tender clerk, on a phone, types a unit's credit code, leaves the date empty
 * (today), and reads in Chinese that the unit is under differentiated supervision and named in a standing circular;
 * a mistyped code and a date not yet come are explained beside their fields. Checked with axe-core (WCAG 2 A/AA).
 */
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPersonalData } from '../../shared/domain/masking.js';
import { api, baseUrl, setClock, tokenFor } from '../integration/support/api.js';
import { contractorOf } from '../integration/support/fixtures.js';
import { activeCase, draftCircular } from '../integration/support/records.js';
import { CHROMIUM, hasChromium, launchChromium } from '../support/browser.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const ARTIFACTS = join(ROOT, 'test-artifacts');
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const PHONE = { width: 390, height: 844 };

if (!hasChromium) console.warn(`unit-status e2e skipped: ${CHROMIUM} is absent (install Debian's chromium to run it)`);

interface AxeViolation {
  id: string;
  impact: string;
  nodes: Array<{ target: string[] }>;
}

/** axe-core's WCAG 2 A/AA violations on the page as it is now. */
async function accessibilityViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ path: AXE });
  return page.evaluate<AxeViolation[]>(
    `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
      .then((result) => result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => ({ target: n.target })) })))`,
  );
}

describe.skipIf(!hasChromium)('the unit status form of the public site', () => {
  let browser: Browser | undefined;
  let context: BrowserContext;
  let contractor: string;
  let number: string;
  let circularId: string;

  beforeAll(async () => {
    const officer = await tokenFor('officer');
    // a project included on 10 September 2026, drafted to level 3 the same day (the escalation consumer called as the
    // bus would) and published on the 25th, after the statement window
    await setClock('2026-09-10T10:00:00+08:00');
    const active = await activeCase();
    contractor = contractorOf(active.body);
    circularId = await draftCircular(active, '2026-09-10T10:00:00+08:00');
    await setClock('2026-09-25T10:00:00+08:00');
    const published = await api(`/v1/circulars/${circularId}/publish`, { method: 'POST', token: officer, body: {} });
    expect(published.status, published.text).toBe(200);
    number = (published.json as { number: string }).number;
    browser = await launchChromium();
    // axe-core is injected as a script: the page's own CSP (script-src 'self') would refuse it
    context = await browser.newContext({ viewport: PHONE, deviceScaleFactor: 2, isMobile: true, bypassCSP: true });
    mkdirSync(ARTIFACTS, { recursive: true });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await setClock(null);
  });

  it('answers for today, in Chinese, with the level and the circular that names the unit', async () => {
    const page = await context.newPage();
    const response = await page.goto(`${baseUrl()}/public/unit-status/`);
    expect(response?.status()).toBe(200);
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    await expect(page.locator('h1').textContent()).resolves.toBe('单位监管状态查询');

    // typed in lower case, the date left empty: today
    await page.getByLabel('统一社会信用代码').fill(contractor.toLowerCase());
    await page.getByRole('button', { name: '查询' }).click();
    const answer = page.locator('#answer');
    await answer.waitFor({ state: 'visible' });
    const text = (await answer.textContent()) ?? '';
    expect(text).toContain(`统一社会信用代码 ${contractor}，2026年9月25日`);
    // the level as the route says it (the ladder was driven here by CaseEscalated alone, without cycle records)
    const status = (await api(`/public/status?creditCode=${contractor}`)).json as { level: number };
    const levels = ['尚未升级', '一级（驻场监督）', '二级（高限高额处罚等）', '三级（全区通报批评）'];
    expect(text).toContain(`参建的工程项目处于差别化监管中（最高等级：${levels[status.level]}）`);
    expect(text).toContain('被公示期内的通报点名');
    expect(text).toContain('公示期 2026年9月25日至2027年9月24日');
    // names and personal data never appear (the project manager 张三, the chief supervising engineer 李四)
    const whole = (await page.locator('body').textContent()) ?? '';
    expect(whole).not.toContain('张三');
    expect(whole).not.toContain('李四');
    expect(findPersonalData(whole)).toEqual([]);

    const widths = await page.evaluate<{ scroll: number; viewport: number }>(
      '({ scroll: document.scrollingElement.scrollWidth, viewport: window.innerWidth })',
    );
    expect(widths.scroll).toBeLessThanOrEqual(widths.viewport);
    await page.screenshot({ path: join(ARTIFACTS, 'unit-status.png'), fullPage: true });
    expect(await accessibilityViolations(page)).toEqual([]);

    // the circular's number leads to its public page
    await page.getByRole('link', { name: number }).click();
    await page.waitForURL(`**/public/circulars/${circularId}.html`);
    expect(await page.locator('h1').textContent()).toContain('安全生产管理问题的通报');
    await page.close();
  });

  it('explains a mistyped code and a date not yet come beside their fields', async () => {
    const page = await context.newPage();
    await page.goto(`${baseUrl()}/public/unit-status/`);
    const code = page.getByLabel('统一社会信用代码');
    // the check character wrong: refused on the page, before any request
    await code.fill(`${contractor.slice(0, 17)}${contractor.endsWith('0') ? '1' : '0'}`);
    await page.getByRole('button', { name: '查询' }).click();
    await expect(page.locator('#credit-code-error').textContent()).resolves.toContain('校验码');
    expect(await code.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#answer').isVisible()).toBe(false);

    // a date after today: the server's answer, beside the date
    await code.fill(contractor);
    await page.getByLabel('查询日期（不填为今天）').fill('2026-09-26');
    await page.getByRole('button', { name: '查询' }).click();
    const dateError = page.locator('#date-error');
    await dateError.waitFor({ state: 'visible' });
    expect(await dateError.textContent()).toBe('不能晚于今天（2026-09-25）');
    expect(await page.getByLabel('查询日期（不填为今天）').getAttribute('aria-invalid')).toBe('true');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.close();
  });

  it('is linked from the public index', async () => {
    const index = (await api('/public/')).text;
    expect(index).toContain('href="unit-status/"');
  });
});
