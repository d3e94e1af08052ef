/**
 * The Content-Security-Policy CloudFront puts on every page (infra/constructs/public-site.ts) does not break the
 * pages it protects: in real Chromium, a published page and the upload page, served with exactly that header, load
 * with no violation, their styles and script applied; and a page with an inline script is blocked (the control: the
 * policy is in force).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderIndexPage } from '../../shared/documents/public-site.js';
import { contentSecurityPolicy } from '../../shared/http/security-headers.js';
import { CHROMIUM, hasChromium, launchChromium } from '../support/browser.js';

const SITE = 'https://d111111abcdef8.cloudfront.net';
const DOCUMENTS = 'https://supervision-dev-documents-123456789012.s3.ap-east-1.amazonaws.com';
const SIGN_IN = 'https://supervision-dev-123456789012.auth.ap-east-1.amazoncognito.com';
const CSP = contentSecurityPolicy([DOCUMENTS, SIGN_IN], [SIGN_IN]);
const SITE_DIR = fileURLToPath(new URL('../../site/', import.meta.url));

const TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
};

let browser: Browser;

/**
 * A page of the site served as CloudFront would serve it (`files`: path → body, all under the site's origin, every
 * response with the CSP), the violations it reported, and the page itself.
 */
async function open(path: string, files: Record<string, string>): Promise<{ page: Page; violations: string[] }> {
  const page = await browser.newPage();
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  await page.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    const body = url.origin === SITE ? files[url.pathname] : undefined;
    if (body === undefined) return route.fulfill({ status: 404, body: 'not here' });
    const extension = url.pathname.endsWith('/') ? 'html' : (url.pathname.split('.').pop() ?? 'html');
    return route.fulfill({
      status: 200,
      body,
      headers: { 'content-type': TYPES[extension] ?? TYPES.html!, 'content-security-policy': CSP },
    });
  });
  await page.addInitScript({
    content:
      "document.addEventListener('securitypolicyviolation', (event) => console.error('Content Security Policy violation: ' + event.violatedDirective + ' ' + event.blockedURI));",
  });
  await page.goto(`${SITE}${path}`);
  return { page, violations };
}

if (!hasChromium) console.warn(`site CSP check skipped: ${CHROMIUM} is absent`);

describe.skipIf(!hasChromium)('the site’s Content-Security-Policy in Chromium', () => {
  beforeAll(async () => {
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('a published page renders with its stylesheet and nothing is blocked', async () => {
    const html = renderIndexPage([], [], { baseUrl: SITE });
    const { page, violations } = await open('/public/', {
      '/public/': html,
      '/public/public-site.css': readFileSync(`${SITE_DIR}public-site.css`, 'utf8'),
    });
    // a rule of the page's style: the body has no margin (the browser's default is 8px)
    expect(await page.evaluate('getComputedStyle(document.body).marginTop')).toBe('0px');
    expect(violations).toEqual([]);
    await page.close();
  });

  it('the upload page loads its script and styles from the site and runs', async () => {
    const files = {
      '/public/upload/': readFileSync(`${SITE_DIR}upload/index.html`, 'utf8'),
      '/public/upload/upload.js': readFileSync(`${SITE_DIR}upload/upload.js`, 'utf8'),
      '/public/shared/link-api.js': readFileSync(`${SITE_DIR}shared/link-api.js`, 'utf8'),
      '/public/shared/link-page.css': readFileSync(`${SITE_DIR}shared/link-page.css`, 'utf8'),
      '/public/upload/upload.css': readFileSync(`${SITE_DIR}upload/upload.css`, 'utf8'),
    };
    const { page, violations } = await open('/public/upload/', files);
    // without a token in the link, the script says so on the page (it ran)
    await page.getByText('缺少上传凭证').waitFor({ timeout: 20_000 });
    expect(violations).toEqual([]);
    await page.close();
  });

  it('the control: an inline script is blocked and reported', async () => {
    const html = '<!doctype html><html><body><script>document.title = "ran"</script></body></html>';
    const { page, violations } = await open('/evil.html', { '/evil.html': html });
    expect(await page.title()).not.toBe('ran');
    expect(violations.join('\n')).toMatch(/script-src/);
    await page.close();
  });
});
