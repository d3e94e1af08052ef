/**
 * Headless Chromium for the tests that look at pages as a person does: Debian's build (nothing downloads a
 * browser), the flags this closed network needs, and the Chinese font of the notice PDFs so screenshots are legible
 * on a machine without CJK system fonts.
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);

const CJK_FONTS = join(
  resolve(fileURLToPath(new URL('.', import.meta.url)), '../..'),
  'node_modules/@embedpdf/fonts-sc/fonts',
);

/**
 * A fontconfig that adds the CJK font to the system's (or, with `systemFonts: false`, offers it alone: how the tests
 * show that a machine without any CJK font still renders Chinese), or undefined when the font is not installed.
 */
function fontconfigWithCjk(systemFonts: boolean): string | undefined {
  if (!existsSync(CJK_FONTS)) return undefined;
  const directory = mkdtempSync(join(tmpdir(), 'test-browser-fonts-'));
  const file = join(directory, 'fonts.conf');
  writeFileSync(
    file,
    `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n` +
      (systemFonts ? '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n' : '') +
      `  <dir>${CJK_FONTS}</dir>\n` +
      `  <cachedir>${join(directory, 'cache')}</cachedir>\n</fontconfig>\n`,
  );
  return file;
}

/**
 * Launch headless Chromium (check `hasChromium` first). `systemFonts: false` hides the machine's own fonts, leaving
 * only the product's CJK font (the test that screenshots are legible on a fresh CI machine uses it).
 */
export function launchChromium(options: { systemFonts?: boolean } = {}): Promise<Browser> {
  const fontconfig = fontconfigWithCjk(options.systemFonts ?? true);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    ...(fontconfig ? { env: { ...process.env, FONTCONFIG_FILE: fontconfig } } : {}),
  });
}
