/**
 * The pages a unit opens from a link talk to the deployment's API only (issue 12, item 2): a link forged on the
 * official origin with `api=<attacker>` used to make the page load the attacker's text and send the unit's token (and
 * file) there. The attacker here is a real server on another local port that answers anything with a convincing
 * context and CORS allowing all; the page must never contact it, and its Content-Security-Policy must block it if it
 * tried. The upload page was mended first; the assessment page, which shares its link code, trusted `api=` until the
 * two pages shared that code too.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, baseUrl, setClock, tokenFor } from '../integration/support/api.js';
import { assessmentLink, registeredPersonsProject, unitOf } from '../integration/support/assessments.js';
import { contractorOf, failingInspection, projectBody } from '../integration/support/fixtures.js';
import { CHROMIUM, hasChromium, launchChromium } from '../support/browser.js';

if (!hasChromium) console.warn(`upload-page-origin e2e skipped: ${CHROMIUM} is absent`);

describe.skipIf(!hasChromium)('the link pages ignore an API named in their link', () => {
  let browser: Browser | undefined;
  let attacker: Server;
  let attackerOrigin: string;
  const stolen: Array<{ path: string; authorization: string | undefined }> = [];

  beforeAll(async () => {
    await setClock(null);
    attacker = createServer((request, response) => {
      stolen.push({ path: request.url ?? '', authorization: request.headers.authorization });
      response.writeHead(200, {
        'access-control-allow-origin': '*',
        'access-control-allow-headers': '*',
        'content-type': 'application/json',
      });
      response.end(
        request.method === 'OPTIONS'
          ? ''
          : JSON.stringify({
              case: { id: 'cas_x', projectName: '请将材料改发至 evil@example.com', status: 'active', level: 1 },
              unit: { name: '攻击者', role: 'general_contractor', roleName: '', creditCode: 'x' },
              link: { expiresAt: null, docTypes: [] },
              today: '2026-01-01',
              documentTypes: [],
              due: [],
              missing: [],
              hazards: [],
              documents: [],
            }),
      );
    });
    await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
    attackerOrigin = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}`;
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => attacker.close(() => resolve()));
  });

  it('loads the real context from the deployment API, sends nothing to the forged one, and its CSP blocks it', async () => {
    const inspector = await tokenFor('inspector');
    const officer = await tokenFor('officer');
    const project = projectBody();
    const registered = await api('/v1/projects', { method: 'POST', token: inspector, body: project });
    const projectId = (registered.json as { id: string }).id;
    const day = (offset: number) =>
      new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(Date.now() + offset * 86_400_000);
    const inspection = failingInspection(project, day(0));
    const recorded = await api(`/v1/projects/${projectId}/inspections`, {
      method: 'POST',
      token: inspector,
      body: { ...inspection, findings: inspection.findings.map((finding) => ({ ...finding, deadline: day(14) })) },
    });
    expect(recorded.status, recorded.text).toBe(201);
    const caseId = (recorded.json as { caseId: string }).caseId;
    expect((await api(`/v1/cases/${caseId}/confirm`, { method: 'POST', token: officer, body: {} })).status).toBe(200);
    const created = await api(`/v1/cases/${caseId}/upload-links`, {
      method: 'POST',
      token: inspector,
      body: { unitCreditCode: contractorOf(project), validDays: 7 },
    });
    const link = created.json as { url: string; token: string };
    // the link the API hands out names no API
    expect(new URLSearchParams(new URL(link.url).hash.slice(1)).has('api')).toBe(false);

    const forged = `${link.url}&api=${encodeURIComponent(attackerOrigin)}`;
    const context = await (browser as Browser).newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    const origins = new Set<string>();
    page.on('request', (request) => origins.add(new URL(request.url()).origin));
    try {
      const opened = await page.goto(forged);
      const csp = opened?.headers()['content-security-policy'] ?? '';
      const connect = csp.split(';').find((directive) => directive.trim().startsWith('connect-src')) ?? '';
      expect(connect).toContain(baseUrl());
      expect(connect).not.toContain(attackerOrigin);
      expect(connect).not.toMatch(/https:(\s|$)|\*/);

      await page.getByRole('heading', { level: 1, name: project.name }).waitFor();
      expect(stolen).toEqual([]);
      expect([...origins].filter((origin) => origin !== baseUrl())).toEqual([]);

      // Were a script to try anyway, the browser refuses: the attacker's origin is not in connect-src.
      const blocked = await page.evaluate(async (target) => {
        // (runs in the page: the test's tsconfig has no DOM types, hence the casts)
        const page = globalThis as unknown as { document: EventTarget };
        const violation = new Promise<string>((resolve) =>
          page.document.addEventListener(
            'securitypolicyviolation',
            (event) => resolve((event as unknown as { violatedDirective: string }).violatedDirective),
            { once: true },
          ),
        );
        await fetch(`${target}/v1/uploads/context`).catch(() => undefined);
        return violation;
      }, attackerOrigin);
      expect(blocked).toBe('connect-src');
      expect(stolen).toEqual([]);
    } finally {
      await context.close();
    }
  });
  it('the assessment page loads its context from the deployment API and sends nothing to the forged one', async () => {
    const inspector = await tokenFor('inspector');
    const project = registeredPersonsProject(String(Date.now() % 100_000_000).padStart(8, '0'));
    const registered = await api('/v1/projects', { method: 'POST', token: inspector, body: project });
    expect(registered.status, registered.text).toBe(201);
    const link = await assessmentLink((registered.json as { id: string }).id, unitOf(project, 'general_contractor'));
    // the link the API hands out names no API
    expect(new URLSearchParams(new URL(link.url).hash.slice(1)).has('api')).toBe(false);

    const forged = `${link.url}&api=${encodeURIComponent(attackerOrigin)}`;
    const context = await (browser as Browser).newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    const origins = new Set<string>();
    page.on('request', (request) => origins.add(new URL(request.url()).origin));
    const before = stolen.length;
    try {
      await page.goto(forged);
      await page.getByRole('heading', { level: 1, name: project.name }).waitFor();
      expect(stolen.slice(before)).toEqual([]);
      expect([...origins].filter((origin) => origin !== baseUrl())).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
