/**
 * What the console's browser suites share: opening a console URL signed in as a role (`#as=`) at a viewport, and
 * checking a screen (axe-core's serious and critical findings gathered, a full-page screenshot kept under
 * test-artifacts/console/). Findings and script errors are gathered, not thrown, so one run names every screen's.
 */
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { baseUrl } from '../integration/support/api.js';

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1366, height: 900 };

/** The pages of one suite: `browser()` is the suite's Chromium, launched in its beforeAll. */
export function consolePages(browser: () => Browser, screenshots: string) {
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];
  const accessibility: string[] = [];

  /** A console path opened as `role`; a deep link answers the app itself (SPA fallback), never a 404. */
  async function open(path: string, role: 'officer' | 'inspector', viewport = DESKTOP): Promise<Page> {
    const context = await browser().newContext({
      viewport,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      ...(viewport === PHONE ? { hasTouch: true, isMobile: true } : {}),
    });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(`${path}: ${error.message}`));
    const response = await page.goto(`${baseUrl()}/console${path}#as=${role}`);
    expect(response?.status(), `GET /console${path}`).toBe(200);
    return page;
  }

  /** axe-core on the page as it is now: serious or critical violations gathered; then a full-page screenshot. */
  async function check(page: Page, name: string): Promise<void> {
    await page.waitForLoadState('networkidle');
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    accessibility.push(
      ...serious.map(
        (v) => `${name}: ${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
      ),
    );
    await page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: true });
  }

  /** Close every context the suite opened. */
  async function closeAll(): Promise<void> {
    for (const context of contexts) await context.close().catch(() => undefined);
  }

  return { open, check, closeAll, contexts, pageErrors, accessibility };
}
