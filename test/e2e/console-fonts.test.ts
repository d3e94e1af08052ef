/**
 * The console's screenshots (test artifacts, the README's picture) must be legible on a fresh CI machine, which has
 * no CJK font installed: `test/support/browser.ts` points fontconfig at the product's own font (Noto Sans Hans from
 * `@embedpdf/fonts-sc`, the notices' font). Here Chromium sees that font and nothing of the machine's, and the
 * dashboard's Chinese must be drawn with it, not as boxes (.notdef) in a Latin fallback.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, setClock } from '../integration/support/api.js';
import { hasChromium, launchChromium } from '../support/browser.js';

const SCREENSHOTS = join(resolve(dirname(fileURLToPath(import.meta.url)), '../..'), 'test-artifacts/console');

describe.skipIf(!hasChromium)('console screenshots on a machine without CJK fonts', () => {
  let browser: Browser | undefined;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    await setClock(null);
    browser = await launchChromium({ systemFonts: false });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("draws the dashboard's Chinese with the product's Noto Sans font", async () => {
    const context = await (browser as Browser).newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${baseUrl()}/console/#as=officer`);
    const heading = page.getByRole('heading', { level: 1 }).first();
    await heading.waitFor();
    const text = (await heading.innerText()).trim();
    const hanzi = [...text].filter((character) => /\p{Script=Han}/u.test(character)).length;
    expect(hanzi, text).toBeGreaterThan(0);

    // the fonts Chromium actually used for the heading's glyphs (DevTools protocol, as the Fonts pane shows them)
    const cdp = await context.newCDPSession(page);
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: 'h1' });
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
    const noto = fonts.filter((font) => /^NotoSansHans-/.test(font.postScriptName));
    expect(noto, JSON.stringify(fonts)).not.toEqual([]);
    // every Chinese character of the heading drawn with it
    expect(
      noto.reduce((sum, font) => sum + font.glyphCount, 0),
      JSON.stringify(fonts),
    ).toBeGreaterThanOrEqual(hanzi);
    await page.screenshot({ path: join(SCREENSHOTS, '00-dashboard-without-system-fonts.png') });
    await context.close();
  });
});
