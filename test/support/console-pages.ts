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
  async function open(
    path: string,
    role: 'officer' | 'inspector',
    viewport = DESKTOP,
    options: { reducedMotion?: boolean } = {},
  ): Promise<Page> {
    const context = await browser().newContext({
      viewport,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      ...(options.reducedMotion ? { reducedMotion: 'reduce' as const } : {}),
      ...(viewport === PHONE ? { hasTouch: true, isMobile: true } : {}),
    });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(`${path}: ${error.message}`));
    const response = await page.goto(`${baseUrl()}/console${path}#as=${role}`);
    expect(response?.status(), `GET /console${path}`).toBe(200);
    return page;
  }

  /**
   * axe-core on the page once it is still: serious or critical violations gathered; then a full-page screenshot.
   * "Still" is what a person looks at: no request in flight, and every animation that ends (a dialog's zoom, a form
   * hint fading out) ended, with its leaving element gone; a hint caught half-faded fails colour contrast.
   */
  async function check(page: Page, name: string): Promise<void> {
    await page.waitForLoadState('networkidle');
    await settled(page);
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

/**
 * Wait until no animation with an end is running and no element is in an enter/leave motion state (antd's
 * `…-enter`, `…-appear`, `…-leave` classes, removed when the motion ends); spinners, which never end, are not
 * waited for. Gives up after `timeoutMs` and lets the caller look at the page as it is.
 */
export async function settled(page: Page, timeoutMs = 5_000): Promise<void> {
  await page
    .waitForFunction(
      () => {
        // runs in the page: the tests' tsconfig has no DOM types, hence the casts
        const doc = (globalThis as unknown as { document: PageDocument }).document;
        const moving = doc
          .getAnimations()
          .some(
            (animation) =>
              animation.playState === 'running' && animation.effect?.getComputedTiming().endTime !== Infinity,
          );
        return !moving && doc.querySelector('[class*="-enter"], [class*="-appear"], [class*="-leave"]') === null;
      },
      undefined,
      { timeout: timeoutMs, polling: 'raf' },
    )
    .catch(() => undefined);
}

/**
 * The steps of antd's motions during which an element moves, as rc-motion names them (`ant-zoom-appear-active`);
 * without motion an element may still pass through a `…-prepare` step, where nothing moves.
 */
const MOTION_CLASS = /-(enter|appear|leave)-(start|active)$/;

/**
 * Record, from now on, every moving motion step an element of the page takes (a dialog's `ant-zoom-appear-active`,
 * a hint's `ant-form-show-help-item-leave-active`, a clicked button's `wave-motion-appear-active`); `motionSeen`
 * reads them.
 */
export async function watchMotion(page: Page): Promise<void> {
  await page.evaluate((pattern) => {
    // runs in the page: the tests' tsconfig has no DOM types, hence the narrow shapes below
    interface Node {
      classList?: Iterable<string>;
      querySelectorAll?(selector: string): Iterable<Node>;
    }
    const motion = new RegExp(pattern);
    const scope = globalThis as unknown as {
      __motionSeen: string[];
      document: { body: Node };
      MutationObserver: new (
        callback: (records: Array<{ target: Node; addedNodes: Iterable<Node> }>) => void,
      ) => { observe(target: unknown, options: object): void };
    };
    const seen: string[] = [];
    scope.__motionSeen = seen;
    const note = (node: Node) => {
      for (const name of node.classList ?? []) if (motion.test(name) && !seen.includes(name)) seen.push(name);
    };
    new scope.MutationObserver((records) => {
      for (const record of records) {
        note(record.target);
        for (const added of record.addedNodes) {
          note(added);
          for (const inner of added.querySelectorAll?.('[class]') ?? []) note(inner);
        }
      }
    }).observe(scope.document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['class'] });
  }, MOTION_CLASS.source);
}

/** The motion state classes seen since `watchMotion`. */
export async function motionSeen(page: Page): Promise<string[]> {
  return page.evaluate(() => (globalThis as unknown as { __motionSeen: string[] }).__motionSeen);
}

/** The part of the page's document `settled` reads. */
interface PageDocument {
  getAnimations(): Array<{ playState: string; effect: { getComputedTiming(): { endTime?: number | string } } | null }>;
  querySelector(selector: string): unknown;
}
