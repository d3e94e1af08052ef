/**
 * The agency console (/console/) in a real browser against the whole local twin: an officer's whole story through
 * the console — register a project, record an inspection on a phone, confirm the proposed case, open the inclusion
 * notice's PDF, create an upload link, run an evaluation and watch its progress, publish a circular — then an
 * inspector, who sees no officer action. Every screen is checked with axe-core (no serious or critical violation)
 * and kept as a screenshot under test-artifacts/console/.
 *
 * Prepared outside the browser (what a person in the console cannot do): moving the local clock month by month
 * (PUT /_local/clock) so the case's cycles end, and the two later monthly evaluations that take the case to level 3
 * (POST /v1/evaluations, as the schedule would); the first evaluation is run from the console.
 *
 * Then the screens of SPEC §6 and the routes that came later: a search finds a project and its duplicate is refused
 * beside the field; what the daily sweep flagged overdue is on the dashboard, and all of it on 逾期事项 (by tab, page by
 * page, on a desk and a phone, each row's days overdue); a hazard is verified beside the image its unit uploaded; an
 * officer adds a rule-set version; an inspector records a government assessment on a phone and sees the score the API
 * returns, the officer decides the suspicion it raised (refused while the unit may still make its statement); an
 * officer records penalty points until a threshold is reached, and revokes an entry; an officer withdraws the draft
 * circular of a second case that reached level 3, with a reason. What units do through their own links (uploads,
 * self-assessments, statements) is prepared through the API, as their pages would.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, deflateSync, gzipSync } from 'node:zlib';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, daysBetween } from '../../shared/domain/dates.js';
import { api, baseUrl, eventually, setClock, tokenFor } from '../integration/support/api.js';
import {
  assessmentInspection,
  assessmentLink,
  defaultScheme,
  form,
  registeredPersonsProject,
  submitThroughLink,
  UNUSED_SCAFFOLDS,
  unitOf,
} from '../integration/support/assessments.js';
import { uploadDocument, verdictOf } from '../integration/support/documents.js';
import { contractorOf, creditCode, failingInspection, projectBody } from '../integration/support/fixtures.js';
import { activeCase, registeredProject, uploadLink } from '../integration/support/records.js';
import { CHROMIUM, hasChromium, launchChromium } from '../support/browser.js';
import { consolePages, DESKTOP, motionSeen, PHONE, watchMotion } from '../support/console-pages.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SCREENSHOTS = join(ROOT, 'test-artifacts/console');
/**
 * How long a poll of the page waits for what the API answers to show (expect.poll's own default, 1 s, is shorter
 * than a first dashboard load on a busy CI machine: the figure was still loading when a run gave up).
 */
const UI_WAIT_MS = 15_000;

/** A small PNG (a site photo stands in): `width` × `height`, stripes of two colours, valid for the verifier. */
function png(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits, RGB
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const offset = y * (width * 3 + 1) + 1 + x * 3;
      rows.set(Math.floor(y / 8) % 2 ? [200, 80, 40] : [240, 200, 60], offset);
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Today in Asia/Shanghai, as the API counts it with the clock reset. */
function shanghaiToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
}

interface CaseView {
  id: string;
  status: string;
  level: number;
  cycles: Array<{ index: number; end: string; verdict: string | null }>;
}

if (!hasChromium) console.warn(`console e2e skipped: ${CHROMIUM} is absent (install Debian's chromium to run it)`);

describe.skipIf(!hasChromium)('the agency console', () => {
  let browser: Browser;
  let officerToken: string;

  const { open, check, closeAll, contexts, pageErrors, accessibility } = consolePages(() => browser, SCREENSHOTS);

  async function readCase(caseId: string): Promise<CaseView> {
    const response = await api(`/v1/cases/${caseId}`, { token: officerToken });
    expect(response.status, response.text).toBe(200);
    return response.json as CaseView;
  }

  /** The first open hazard of the case, if any. */
  async function readCaseHazard(caseId: string): Promise<string | undefined> {
    const view = (await api(`/v1/cases/${caseId}`, { token: officerToken })).json as {
      openHazards?: Array<{ id: string }>;
    };
    return view.openHazards?.[0]?.id;
  }

  /** Move the local clock to 03:00 the day after the case's open cycle ends; returns that cycle's month. */
  async function endCurrentCycle(caseId: string): Promise<{ month: string; levelBefore: number }> {
    const current = await readCase(caseId);
    const open = current.cycles.find((cycle) => cycle.verdict === null);
    expect(open, JSON.stringify(current.cycles)).toBeDefined();
    await setClock(`${addDays(open!.end, 1)}T03:00:00+08:00`);
    return { month: open!.end.slice(0, 7), levelBefore: current.level };
  }

  /**
   * Take an active case up the ladder the way the schedule would: month after month, the local clock moved past its
   * open cycle and that month's evaluation run (POST /v1/evaluations), until the case stands at `level`. Its units
   * upload nothing, so each cycle fails.
   */
  async function evaluatedUpTo(caseId: string, level: number): Promise<void> {
    for (let view = await readCase(caseId); view.level < level; view = await readCase(caseId)) {
      const next = await endCurrentCycle(caseId);
      const started = await api('/v1/evaluations', {
        method: 'POST',
        token: officerToken,
        body: { month: next.month },
      });
      expect(started.status, started.text).toBe(202);
      await eventually(
        () => readCase(caseId),
        (escalated) => escalated.level === next.levelBefore + 1,
        { timeoutMs: 90_000, what: `the case escalated by the ${next.month} evaluation` },
      );
    }
  }

  /** The circular the escalation consumer drafts for a case that reached level 3 (SPEC §5: 全区通报批评). */
  async function draftOf(caseId: string) {
    return eventually(
      async () => {
        const listed = await api('/v1/circulars?status=draft&limit=100', { token: officerToken });
        return (
          listed.json as { items: Array<{ id: string; caseId: string; statementWindowEndsOn: string }> }
        ).items.find((circular) => circular.caseId === caseId);
      },
      (found) => found !== undefined,
      { timeoutMs: 60_000, what: 'the level-3 circular draft' },
    );
  }

  /**
   * A new project's failing inspection on `date`, recorded by an inspector, whose findings are all due on `deadline`:
   * the fixture's four, and `moreHazards` scaffolding hazards after them (to fill more than a page). The case it
   * proposes and its hazards' ids, the first finding's first.
   */
  async function inspectionDue(date: string, deadline: string, moreHazards = 0) {
    const project = await registeredProject();
    const inspection = failingInspection(project.body, date);
    const hazard = inspection.findings[1]!;
    const findings = [
      ...inspection.findings,
      ...Array.from({ length: moreHazards }, (_, index) => ({
        ...hazard,
        description: `${index + 4} 号楼外脚手架连墙件缺失`,
      })),
    ];
    const recorded = await api(`/v1/projects/${project.projectId}/inspections`, {
      method: 'POST',
      token: await tokenFor('inspector'),
      body: { ...inspection, findings: findings.map((finding) => ({ ...finding, deadline })) },
    });
    expect(recorded.status, recorded.text).toBe(201);
    const { caseId, hazardIds } = recorded.json as { caseId: string; hazardIds: string[] };
    return { ...project, caseId, hazardIds };
  }

  /** The daily deadline sweep run now, as its schedule would at 0:10: it flags and lists what is overdue. */
  async function sweepDeadlines(): Promise<void> {
    const swept = await api('/_local/schedules/daily-deadlines/trigger', { method: 'POST' });
    expect(swept.status, swept.text).toBeLessThan(300);
  }

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    await setClock(null);
    officerToken = await tokenFor('officer');
    browser = await launchChromium();
  });

  afterAll(async () => {
    await closeAll();
    await browser?.close();
    await setClock(null);
  });

  it('is served under /console/ as CloudFront serves it: deep links answer the app, assets cached for a year', async () => {
    const deep = await fetch(`${baseUrl()}/console/cases/cas_01JD5Z3X8K9Q2W4E6R7T8Y9V0P`);
    expect(deep.status).toBe(200);
    expect(deep.headers.get('cache-control')).toBe('no-cache');
    const html = await deep.text();
    expect(html).toContain('<div id="root">');
    // no inline script: every script is a file
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    const asset = /\/console\/assets\/[^"]+\.js/.exec(html)?.[0] as string;
    const script = await fetch(`${baseUrl()}${asset}`, { headers: { 'accept-encoding': 'gzip' } });
    expect(script.status).toBe(200);
    expect(script.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await fetch(`${baseUrl()}/console/assets/missing-0000.js`)).status).toBe(404);
    const config = await fetch(`${baseUrl()}/console/config.json`);
    expect(await config.json()).toEqual({ auth: 'local', apiUrl: '' });
  });

  it('keeps the first screen (the dashboard) within its budget of JavaScript and CSS, gzipped, without antd', async () => {
    const context = await browser.newContext({ locale: 'zh-CN' });
    contexts.push(context);
    const page = await context.newPage();
    const assets = new Set<string>();
    page.on('request', (request) => {
      const path = new URL(request.url()).pathname;
      if (path.startsWith('/console/assets/') && /\.(js|css)$/.test(path)) assets.add(path);
    });
    await page.goto(`${baseUrl()}/console/#as=officer`);
    await page.getByRole('heading', { level: 1, name: '工作台' }).waitFor();
    await page.waitForLoadState('networkidle');
    // the bytes the gateway served are the files of dist/console; CloudFront sends them compressed
    const sizes = [...assets].map((path) => ({
      path,
      gzip: gzipSync(readFileSync(join(ROOT, 'dist', path.slice(1)))).length,
    }));
    const total = sizes.reduce((sum, file) => sum + file.gzip, 0);
    const listing = sizes.map((file) => `${file.path} ${file.gzip}`).join('\n');
    expect(sizes.some((file) => file.path.endsWith('.css'))).toBe(true);
    // issue 14's budget is 400 KB; the frame and the dashboard are plain markup (antd comes with the other screens),
    // which keeps the first screen near 150 KB: 200 KB holds that gain against a dependency slipping back in
    expect(total, listing).toBeLessThanOrEqual(200 * 1024);
    expect(
      sizes.filter((file) => /antd-scope/.test(file.path)),
      listing,
    ).toEqual([]);
  });

  it("takes a project from registration to a published circular, through the officer's console", async () => {
    // ── the dashboard and the sign-in page ──
    const signIn = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
    await signIn.goto(`${baseUrl()}/console/`);
    await signIn.getByRole('button', { name: '登录' }).waitFor();
    expect(await signIn.getAttribute('html', 'lang')).toBe('zh-CN');
    await check(signIn, '00-sign-in');
    await signIn.context().close();

    const desk = await open('/', 'officer');
    await desk.getByRole('heading', { level: 1, name: '工作台' }).waitFor();
    // antd in zero-runtime mode: no <style> element, so the page needs no 'unsafe-inline'
    expect(await desk.locator('style, script:not([src])').count()).toBe(0);
    await desk.locator('svg.level-bars').waitFor();
    await check(desk, '01-dashboard');

    // ── register a project, with the credit code checked in the browser ──
    await desk.goto(`${baseUrl()}/console/projects/new`);
    await desk.getByRole('heading', { name: '登记工程项目' }).waitFor();
    const name = `通州区副中心站前 ${Date.now() % 100000} 号地块项目（控制台）`;
    const codes = [creditCode(), creditCode(), creditCode()];
    await desk.getByLabel('项目名称').fill(name);
    await desk.getByLabel('项目地址').fill('北京市通州区站前街 8 号');
    const unitNames = ['北京副中心置业有限公司', '北京某建工集团第三建筑有限公司', '北京某建设监理有限公司'];
    for (const [index, unit] of unitNames.entries()) {
      await desk.getByLabel(`第 ${index + 1} 个单位的名称`).fill(unit);
    }
    // a typo in the last character: the GB 32100 check character is computed as it is typed
    const typo = `${codes[0]!.slice(0, 17)}${codes[0]!.endsWith('0') ? '1' : '0'}`;
    await desk.getByLabel('第 1 个单位的统一社会信用代码').fill(typo);
    await desk.getByText('校验码不符').waitFor();
    await check(desk, '02-project-register');
    // the same code for two units passes the browser's check; the API refuses it, and says so beside the field
    await desk.getByLabel('第 1 个单位的统一社会信用代码').fill(codes[0]!);
    await desk.getByLabel('第 2 个单位的统一社会信用代码').fill(codes[0]!);
    await desk.getByLabel('第 3 个单位的统一社会信用代码').fill(codes[2]!);
    await desk.getByRole('button', { name: '提交登记' }).click();
    await desk.getByText(/已用于本项目的另一家参建单位/).waitFor();
    await desk.getByLabel('第 2 个单位的统一社会信用代码').fill(codes[1]!);
    await desk.getByRole('button', { name: '提交登记' }).click();
    await desk.waitForURL(/\/console\/projects\/prj_[0-9A-Z]{26}$/);
    const projectId = desk.url().split('/').pop() as string;
    await desk.getByRole('heading', { level: 1, name }).waitFor();
    await check(desk, '03-project-detail');

    // ── record an inspection on a phone (390 × 844) ──
    const phone = await open(`/projects/${projectId}/inspections/new`, 'officer', PHONE);
    await phone.getByRole('heading', { name: '录入检查' }).waitFor();
    expect(await phone.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
    await phone.getByLabel('检查人员 2').fill('李检查员');
    await phone.getByRole('button', { name: '添加一项检查发现' }).click();
    await phone.getByLabel('第 1 项问题类型').click();
    await phone.locator('.ant-select-item-option[title="安全管理机构不健全"]').click();
    await phone.getByLabel('第 1 项隐患类别').click();
    await phone.locator('.ant-select-item-option[title="安全管理"]').click();
    await phone.getByText('重大隐患').click();
    await phone.getByLabel('第 1 项问题描述').fill('项目安全管理机构不健全，专职安全员配备不足');
    await phone.getByLabel('检查小结').fill('对项目安全管理体系进行检查，发现安全管理机构不健全。');
    await check(phone, '04-inspection-entry-phone');
    await phone.getByRole('button', { name: '提交检查记录' }).click();
    await phone.getByText('检查记录已保存').waitFor();
    await check(phone, '05-inspection-recorded-phone');
    await phone.getByRole('button', { name: '查看监管案件' }).click();
    await phone.waitForURL(/\/console\/cases\/cas_[0-9A-Z]{26}$/);
    const caseId = phone.url().split('/').pop() as string;
    await phone.locator('[data-case-status="proposed"]').waitFor();
    await check(phone, '06-case-proposed-phone');

    // ── confirm: the case becomes active and the inclusion notice is issued ──
    await desk.goto(`${baseUrl()}/console/cases/${caseId}`);
    await desk.locator('[data-case-status="proposed"]').waitFor();
    await desk.getByRole('button', { name: '确认纳入' }).click();
    await desk.getByRole('button', { name: '确认纳入并签发告知单' }).click();
    await desk.locator('[data-case-status="active"]').waitFor();
    await desk.getByRole('button', { name: '延长周期' }).waitFor();

    // the timeline's hash chain, verified in the browser
    await desk.getByRole('tab', { name: '时间线' }).click();
    await desk.locator('[data-chain="intact"]').waitFor();
    await check(desk, '07-case-timeline');

    // ── open the notice PDF ──
    await desk.getByRole('tab', { name: /告知单/ }).click();
    // the PDF is rendered off the request path: the button waits (disabled) until it is ready, then the API answers
    // {url, expiresAt} and the new tab goes to the presigned URL (a request of the tab, seen from the context)
    const [popup, pdf] = await Promise.all([
      desk.waitForEvent('popup'),
      desk.context().waitForEvent('request', (request) => {
        const path = new URL(request.url()).pathname;
        return /\/notices\//.test(path) && !path.startsWith('/v1/'); // the bucket's object, not the API's route
      }),
      desk.getByRole('button', { name: /查看 .*PDF/ }).click(),
    ]);
    // the presigned URL the browser was sent to is short-lived but still valid: its bytes are the notice's PDF
    const fetched = await fetch(pdf.url());
    expect(fetched.status).toBe(200);
    expect(fetched.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(await fetched.arrayBuffer());
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await popup.close();
    await check(desk, '08-case-notices');

    // ── create an upload link, with its QR code ──
    await desk.getByRole('tab', { name: '上传链接' }).click();
    await desk.getByRole('button', { name: '生成上传链接' }).click();
    const link = desk.locator('[data-upload-link]');
    await link.waitFor();
    const url = new URL((await link.getAttribute('data-upload-link')) as string);
    expect(url.pathname).toBe('/public/upload/');
    expect(new URLSearchParams(url.hash.slice(1)).get('token')).toBeTruthy();
    await desk.getByRole('img', { name: '上传链接二维码' }).waitFor();
    await check(desk, '09-case-upload-link');
    await desk.getByRole('tab', { name: '报送义务' }).click();
    await check(desk, '10-case-obligations');

    // ── run the first monthly evaluation from the console and watch its progress ──
    const first = await endCurrentCycle(caseId);
    await desk.goto(`${baseUrl()}/console/evaluations`);
    const month = desk.getByLabel('评估月份');
    await month.click();
    await month.fill(first.month);
    await month.press('Enter');
    await desk.getByRole('button', { name: '开始评估' }).click();
    await desk.getByRole('progressbar').first().waitFor();
    await desk.locator('[data-run-status="succeeded"]').first().waitFor({ timeout: 90_000 });
    await check(desk, '11-evaluations');
    await eventually(
      () => readCase(caseId),
      (view) => view.level === first.levelBefore + 1,
      {
        timeoutMs: 60_000,
        what: `the case escalated by the ${first.month} evaluation`,
      },
    );

    // prepared by API: the next two months fail too (no uploads), so the case reaches level 3 and a circular is drafted
    await evaluatedUpTo(caseId, first.levelBefore + 3);
    const draft = await draftOf(caseId);
    await desk.goto(`${baseUrl()}/console/stats?month=${first.month}`);
    await desk.locator('.chart canvas').first().waitFor();
    await check(desk, '12-stats');

    // ── publish the circular once the statement window has closed ──
    await setClock(`${addDays(draft!.statementWindowEndsOn, 3)}T10:00:00+08:00`);
    await desk.goto(`${baseUrl()}/console/circulars?status=draft`);
    const card = desk.locator(`[data-circular="${draft!.id}"]`);
    await card.waitFor();
    await check(desk, '13-circular-draft');
    await card.getByRole('button', { name: '发布' }).click();
    await desk.getByRole('dialog', { name: '发布通报' }).getByRole('button', { name: '发布' }).click();
    await desk.getByText('通报已发布').waitFor();
    await desk.goto(`${baseUrl()}/console/circulars?status=published`);
    await desk.locator(`[data-circular="${draft!.id}"]`).getByRole('button', { name: '撤回' }).waitFor();
    await check(desk, '14-circular-published');

    // the list screens
    await desk.goto(`${baseUrl()}/console/cases?status=active`);
    await desk.getByRole('link', { name }).waitFor();
    await check(desk, '15-case-list');
    for (const [path, shot] of [
      ['/projects', '16-project-list'],
      [`/hazards/${(await readCaseHazard(caseId)) ?? 'haz_01JD5Z3X8K9Q2W4E6R7T8Y9V0P'}`, '17-hazard-verification'],
      ['/rule-sets', '18-rule-sets'],
    ] as const) {
      await desk.goto(`${baseUrl()}/console${path}`);
      await desk.getByRole('heading', { level: 1 }).waitFor();
      await desk.waitForLoadState('networkidle');
      await check(desk, shot);
    }

    // deep links open the records directly
    const deep = await open(`/projects/${projectId}`, 'officer', PHONE);
    await deep.getByRole('heading', { level: 1, name }).waitFor();
    await check(deep, '19-project-detail-phone');

    // the inspector sees the same case without any officer action
    const inspector = await open(`/cases/${caseId}`, 'inspector');
    await inspector.locator('[data-case-status="active"]').waitFor();
    await inspector.locator('[data-role="inspector"]').waitFor();
    for (const action of ['确认纳入', '驳回', '延长周期']) {
      expect(await inspector.getByRole('button', { name: action }).count(), action).toBe(0);
    }
    const menu = await inspector.getByRole('navigation', { name: '主菜单' }).innerText();
    expect(menu).toContain('监管案件');
    for (const officerOnly of ['月度评估', '统计分析']) expect(menu).not.toContain(officerOnly);
    await check(inspector, '20-case-inspector');
    await inspector.goto(`${baseUrl()}/console/circulars?status=published`);
    await inspector.locator(`[data-circular="${draft!.id}"]`).waitFor();
    expect(await inspector.getByRole('button', { name: '撤回' }).count()).toBe(0);
    // and the API refuses what the screen does not offer
    const refused = await api(`/v1/cases/${caseId}/extension`, {
      method: 'POST',
      token: await tokenFor('inspector'),
      body: { months: 1, reason: '检查员尝试延长' },
    });
    expect(refused.status).toBe(403);

    // ── retract the publication (a reason is required; the public record shows the retraction) ──
    await desk.goto(`${baseUrl()}/console/circulars?status=published`);
    await desk.locator(`[data-circular="${draft!.id}"]`).getByRole('button', { name: '撤回' }).click();
    const retraction = desk.getByRole('dialog', { name: '撤回已发布的通报' });
    await retraction.getByRole('button', { name: '撤回' }).click();
    await retraction.getByText('请填写理由').waitFor();
    await retraction.getByLabel('理由').fill('经复核，通报所列事实有误');
    await retraction.getByRole('button', { name: '撤回' }).click();
    await desk.getByText('通报已撤回').waitFor();
    await desk.goto(`${baseUrl()}/console/circulars?status=retracted`);
    await desk.locator(`[data-circular="${draft!.id}"]`).getByText('经复核，通报所列事实有误').waitFor();
    await check(desk, '14b-circular-retracted');
    const retracted = await api('/v1/circulars?status=retracted&limit=100', { token: officerToken });
    const listed = (retracted.json as { items: Array<{ id: string; retractionReason: string | null }> }).items;
    expect(listed.find((circular) => circular.id === draft!.id)?.retractionReason).toBe('经复核，通报所列事实有误');

    expect(accessibility, 'axe-core: serious or critical violations').toEqual([]);
    expect(pageErrors).toEqual([]);
  }, 600_000);

  /** The page's axe-core findings and script errors so far, asserted at the end of each story below. */
  function expectCleanPages(): void {
    expect(accessibility, 'axe-core: serious or critical violations').toEqual([]);
    expect(pageErrors).toEqual([]);
  }

  it('finds a project by a fragment of its name or a unit, and refuses its duplicate beside the field', async () => {
    await setClock(null);
    const serial = Date.now() % 1_000_000;
    const permitNo = `110112${serial}0101`;
    const registered = await api('/v1/projects', {
      method: 'POST',
      token: officerToken,
      body: projectBody({ name: `张家湾设计小镇 ${serial} 号研发楼项目`, permitNo }),
    });
    expect(registered.status, registered.text).toBe(201);
    const existing = registered.json as {
      id: string;
      name: string;
      units: Array<{ role: string; creditCode: string }>;
    };

    const desk = await open('/projects', 'officer');
    await desk.getByRole('heading', { level: 1, name: '工程项目' }).waitFor();
    // two fragments, in any spelling: both must occur
    await desk.getByLabel('项目名称').fill(`设计小镇 ${serial}号`);
    await desk.getByRole('button', { name: '查询' }).click();
    await desk.waitForURL(/\/console\/projects\?q=/);
    await desk.locator(`[data-project="${existing.id}"]`).waitFor();
    await check(desk, '21-project-search');
    // by a unit's credit code: the unit's role in the project is shown
    await desk.getByRole('button', { name: '重置' }).click();
    // the reset is a navigation back to the bare list: fill the field after it has landed, or it clears the entry
    await desk.waitForURL(/\/console\/projects$/);
    await expect.poll(() => desk.getByLabel('项目名称').inputValue(), { timeout: UI_WAIT_MS }).toBe('');
    await desk.getByLabel('单位信用代码').fill(contractorOf(existing as never));
    await desk.getByRole('button', { name: '查询' }).click();
    // the name search's rows are still on screen until the new answer comes: wait for the unit's role column
    await desk.waitForURL(/\/console\/projects\?creditCode=/);
    await desk
      .getByRole('row')
      .filter({ has: desk.locator(`[data-project="${existing.id}"]`) })
      .getByRole('cell', { name: '施工总承包单位' })
      .waitFor();

    // the same permit number again: refused (409), the existing project linked beside the field
    await desk.goto(`${baseUrl()}/console/projects/new`);
    await desk.getByRole('heading', { name: '登记工程项目' }).waitFor();
    await desk.getByLabel('项目名称').fill(`张家湾设计小镇 ${serial} 号研发楼（重复登记）`);
    await desk.getByLabel('施工许可证编号').fill(permitNo);
    await desk.getByLabel('项目地址').fill('北京市通州区张家湾镇');
    for (const [index, unit] of ['北京某置业有限公司', '北京某建筑工程有限公司', '北京某监理有限公司'].entries()) {
      await desk.getByLabel(`第 ${index + 1} 个单位的名称`).fill(unit);
      await desk.getByLabel(`第 ${index + 1} 个单位的统一社会信用代码`).fill(creditCode());
    }
    await desk.getByRole('button', { name: '提交登记' }).click();
    const beside = desk.locator(`[data-existing-project="${existing.id}"]`);
    await beside.waitFor();
    expect(await beside.textContent()).toContain(existing.name);
    await desk.getByText(`已登记为项目 ${existing.id}`).waitFor();
    await check(desk, '22-project-duplicate');
    await beside.getByRole('link').click();
    await desk.getByRole('heading', { level: 1, name: existing.name }).waitFor();
    expectCleanPages();
  });

  it('shows on the dashboard what the daily sweep flagged overdue, each linked to its hazard', async () => {
    await setClock(null);
    const today = shanghaiToday();
    // due yesterday: overdue today, and the latest deadline of any overdue item, so listed first
    const { hazardIds } = await inspectionDue(addDays(today, -2), addDays(today, -1));
    await sweepDeadlines();

    const desk = await open('/', 'officer');
    await desk.getByRole('heading', { level: 1, name: '工作台' }).waitFor();
    const figure = desk.locator('[data-figure="逾期隐患"] .figure-value');
    await expect
      .poll(async () => Number.parseInt((await figure.textContent()) ?? '', 10), { timeout: UI_WAIT_MS })
      .toBeGreaterThanOrEqual(4);
    for (const hazardId of hazardIds) {
      await desk.locator(`a[href="/console/hazards/${hazardId}"]`).waitFor();
    }
    // a hazard accepted leaves the list
    const accepted = await api(`/v1/hazards/${hazardIds[0]}/verifications`, {
      method: 'POST',
      token: officerToken,
      body: { result: 'accepted', date: today, note: '现场复查合格' },
    });
    expect(accepted.status, accepted.text).toBe(201);
    await desk.reload();
    await desk.locator(`a[href="/console/hazards/${hazardIds[1]}"]`).waitFor();
    expect(await desk.locator(`a[href="/console/hazards/${hazardIds[0]}"]`).count()).toBe(0);
    await check(desk, '01b-dashboard-overdue');
    expectCleanPages();
  });

  it('lists everything overdue on its own screen: hazards and notices by tab, page by page, on a desk and a phone', async () => {
    // a month ago: an inspection whose 24 hazards were due ten days later, and its case confirmed (the inclusion
    // notice's receipt due a few working days after); today's sweep flags them all
    const today = shanghaiToday();
    const monthAgo = addDays(today, -30);
    await setClock(`${monthAgo}T10:00:00+08:00`);
    const inspected = await inspectionDue(monthAgo, addDays(monthAgo, 10), 20);
    const confirmed = await api(`/v1/cases/${inspected.caseId}/confirm`, {
      method: 'POST',
      token: officerToken,
      body: {},
    });
    expect(confirmed.status, confirmed.text).toBe(200);
    const notice = (confirmed.json as { notices: Array<{ id: string; receiptDueOn: string }> }).notices[0]!;
    await setClock(null);
    await sweepDeadlines();
    const [firstHazard] = inspected.hazardIds as [string];

    /**
     * 加载更多 in the open tab until `row` is listed (and at least once if asked): each page adds rows, and the list
     * says how many it shows.
     */
    async function loadUntilListed(page: Page, rows: Locator, row: Locator, atLeastOnce = false): Promise<void> {
      const panel = page.getByRole('tabpanel');
      await rows.first().waitFor();
      for (let clicks = 0; (atLeastOnce && clicks === 0) || (await row.count()) === 0; clicks += 1) {
        const shown = await rows.count();
        const more = panel.getByRole('button', { name: '加载更多' });
        expect(await more.count(), `all ${shown} rows shown, not the one sought`).toBe(1);
        await more.click();
        await expect.poll(() => rows.count(), { timeout: UI_WAIT_MS }).toBeGreaterThan(shown);
        await panel.getByText(`已显示 ${await rows.count()} 条`).waitFor();
      }
    }

    // ── an inspector at a desk: from the dashboard's panel to the whole list ──
    const desk = await open('/', 'inspector');
    await desk.getByRole('heading', { level: 1, name: '工作台' }).waitFor();
    await desk.getByRole('link', { name: '全部逾期事项' }).click();
    await desk.waitForURL(/\/console\/overdue$/);
    await desk.getByRole('heading', { level: 1, name: '逾期事项' }).waitFor();
    const menuEntry = desk.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '逾期事项' });
    expect(await menuEntry.getAttribute('aria-current')).toBe('page');
    expect(await desk.getByRole('tab', { name: '逾期隐患' }).getAttribute('aria-selected')).toBe('true');

    // the first page: 20 of more than 20 (these 24 alone), then page after page to the month-old hazards
    const hazardRows = desk.locator('[data-overdue-hazard]');
    await hazardRows.first().waitFor();
    expect(await hazardRows.count()).toBe(20);
    await desk.getByRole('tabpanel').getByText('已显示 20 条').waitFor();
    const hazardRow = desk.locator(`[data-overdue-hazard="${firstHazard}"]`);
    await loadUntilListed(desk, hazardRows, hazardRow, true);
    expect(
      new Set(await hazardRows.evaluateAll((rows) => rows.map((row) => row.getAttribute('data-overdue-hazard')))).size,
    ).toBe(await hazardRows.count());
    // the latest deadline first: days overdue never fall down the list
    const days = await desk
      .locator('[data-overdue-hazard] [data-days-overdue]')
      .evaluateAll((marks) => marks.map((mark) => Number(mark.getAttribute('data-days-overdue'))));
    expect(days).toEqual([...days].sort((a, b) => a - b));
    // due ten days after the inspection a month ago: 20 days overdue; the project, the category and the severity
    expect(await hazardRow.locator('[data-days-overdue]').textContent()).toBe('逾期 20 天');
    const hazardText = await hazardRow.textContent();
    expect(hazardText).toContain(inspected.body.name);
    expect(hazardText).toContain('安全管理');
    expect(hazardText).toContain('重大隐患');
    expect(hazardText).toContain(`整改期限 ${addDays(monthAgo, 10)}`);
    await check(desk, '01c-overdue-hazards');

    // ── the notices' tab: in the URL, kept by a reload ──
    await desk.getByRole('tab', { name: '告知单逾期未回执' }).click();
    await desk.waitForURL(/\/console\/overdue\?kind=notices$/);
    const noticeRows = desk.locator('[data-overdue-notice]');
    const noticeRow = desk.locator(`[data-overdue-notice="${notice.id}"]`);
    await loadUntilListed(desk, noticeRows, noticeRow);
    const noticeDays = daysBetween(notice.receiptDueOn, today);
    expect(noticeDays).toBeGreaterThan(0);
    expect(await noticeRow.locator('[data-days-overdue]').textContent()).toBe(`逾期 ${noticeDays} 天`);
    expect(await noticeRow.textContent()).toContain(`回执期限 ${notice.receiptDueOn}`);
    await check(desk, '01d-overdue-notices');
    await desk.reload();
    await desk.getByRole('heading', { level: 1, name: '逾期事项' }).waitFor();
    expect(await desk.getByRole('tab', { name: '告知单逾期未回执' }).getAttribute('aria-selected')).toBe('true');
    await loadUntilListed(desk, noticeRows, noticeRow);
    // the row leads to its case; back comes to the same tab
    await noticeRow.getByRole('link').click();
    await desk.waitForURL(new RegExp(`/console/cases/${inspected.caseId}$`));
    await desk.getByRole('heading', { level: 1, name: inspected.body.name }).waitFor();
    await desk.goBack();
    await desk.waitForURL(/\/console\/overdue\?kind=notices$/);
    await desk.getByRole('tab', { name: '告知单逾期未回执', selected: true }).waitFor();

    // ── an inspector on a phone at the site: the menu's entry, the list, a hazard to verify ──
    const phone = await open('/', 'inspector', PHONE);
    await phone.getByRole('heading', { level: 1, name: '工作台' }).waitFor();
    await phone.getByRole('button', { name: '打开菜单' }).click();
    await phone.getByRole('dialog', { name: '主菜单' }).getByRole('link', { name: '逾期事项' }).click();
    await phone.waitForURL(/\/console\/overdue$/);
    const phoneRows = phone.locator('[data-overdue-hazard]');
    const phoneRow = phone.locator(`[data-overdue-hazard="${firstHazard}"]`);
    await loadUntilListed(phone, phoneRows, phoneRow);
    // nothing wider than the screen: no sideways scrolling to read a row
    expect(await phone.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
    await check(phone, '01e-overdue-phone');
    await phoneRow.getByRole('link').click();
    await phone.waitForURL(new RegExp(`/console/hazards/${firstHazard}$`));
    await phone.getByRole('heading', { level: 1, name: '隐患整改验收' }).waitFor();
    expectCleanPages();
  });

  it('verifies a hazard beside the photo its unit uploaded', async () => {
    await setClock(null);
    const supervised = await activeCase();
    const contractor = contractorOf(supervised.body);
    const hazardId = supervised.hazardIds[1] as string;
    const link = await uploadLink(supervised.caseId, contractor);
    const photo = png(96, 64);
    const { documentId } = await uploadDocument(
      link.token,
      { docType: 'rectification_evidence', fileName: '连墙件整改后.png', hazardId, contentType: 'image/png' },
      photo,
    );
    expect((await verdictOf(link.token, documentId)).status).toBe('accepted');

    const desk = await open(`/hazards/${hazardId}`, 'officer');
    await desk.getByRole('heading', { level: 1, name: '隐患整改验收' }).waitFor();
    // the photo inline, read through the API's presigned URL and shown as a data: URL (the page's CSP)
    const image = desk.locator(`[data-evidence-image="${documentId}"]`);
    await image.waitFor();
    expect(await image.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    expect(await image.evaluate((element) => (element as unknown as { naturalWidth: number }).naturalWidth)).toBe(96);
    await desk.getByLabel('验收意见').fill('对照整改照片，连墙件已按方案补设，现场复查合格。');
    await check(desk, '23-hazard-evidence');
    await desk.getByRole('button', { name: '提交验收' }).click();
    await desk.locator('[data-hazard-status="accepted"]').waitFor();
    await desk.getByText('该隐患已验收闭合').waitFor();
    const verified = await api(`/v1/hazards/${hazardId}`, { token: officerToken });
    expect((verified.json as { status: string; verifications: Array<{ note: string }> }).verifications[0]?.note).toBe(
      '对照整改照片，连墙件已按方案补设，现场复查合格。',
    );
    // on a phone the evidence comes first, the form under it
    const phone = await open(`/hazards/${supervised.hazardIds[2]}`, 'inspector', PHONE);
    await phone.getByRole('heading', { level: 1, name: '隐患整改验收' }).waitFor();
    expect(await phone.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
    await check(phone, '24-hazard-phone');

    // the case's documents tab lists the photo, linked to its hazard
    await desk.goto(`${baseUrl()}/console/cases/${supervised.caseId}`);
    await desk.getByRole('tab', { name: '报送材料' }).click();
    await desk.getByRole('button', { name: '查看 连墙件整改后.png' }).waitFor();
    await check(desk, '25-case-documents');
    expectCleanPages();
  });

  it("adds a rule-set version from a future day, refusing today's beside the date", async () => {
    await setClock(null);
    const today = shanghaiToday();
    const nextYear = addDays(today, 365);
    const desk = await open('/rule-sets', 'officer');
    await desk.getByRole('heading', { level: 1, name: '规则版本' }).waitFor();
    await desk.locator('[data-current-rule-set]').waitFor();
    const date = desk.getByLabel('生效日期（须晚于今日）');
    await date.click();
    await date.fill(today);
    await date.press('Enter');
    await desk.getByLabel('调整理由').fill('依据市住建委年度通知，回溯期调整为 120 日');
    await desk.getByLabel('条件回溯期（日）').fill('120');
    await desk.getByRole('button', { name: '新增版本' }).click();
    // never retroactive: the API's 422, beside the date
    await desk.getByText(`须晚于今天（${today}）`).waitFor();
    await date.click();
    await date.fill(nextYear);
    await date.press('Enter');
    await desk.getByRole('button', { name: '新增版本' }).click();
    await desk.getByText(/规则版本 v\d+ 已设定/).waitFor();
    const listed = await api('/v1/rule-sets', { token: officerToken });
    const scheduled = (
      listed.json as { items: Array<{ id: string; effectiveFrom: string; lookbackDays: number; status: string }> }
    ).items.at(-1);
    expect(scheduled).toMatchObject({ effectiveFrom: nextYear, lookbackDays: 120, status: 'scheduled' });
    await desk.locator(`[data-rule-set="${scheduled?.id}"][data-rule-set-status="scheduled"]`).waitFor();
    await check(desk, '26-rule-sets');
    expectCleanPages();
  });

  it('records a government assessment on a phone with the score the API returns; the officer decides the suspicion', async () => {
    await setClock(null);
    const today = shanghaiToday();
    const project = registeredPersonsProject(String(Date.now() % 100_000_000).padStart(8, '0'));
    const registered = await api('/v1/projects', { method: 'POST', token: officerToken, body: project });
    expect(registered.status, registered.text).toBe(201);
    const projectId = (registered.json as { id: string }).id;
    const inspectionId = await assessmentInspection(projectId, today);
    const quarter = `${today.slice(0, 4)}Q${Math.ceil(Number(today.slice(5, 7)) / 3)}`;

    // ── the inspector on site, on a phone ──
    const phone = await open(`/projects/${projectId}/assessments/new?inspectionId=${inspectionId}`, 'inspector', PHONE);
    await phone.getByRole('heading', { level: 1, name: '政府评估' }).waitFor();
    expect(await phone.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
    expect(await phone.getByLabel('评估人员 1').inputValue()).toBe('王五');
    expect(await phone.getByLabel('评估人员 2').inputValue()).toBe('赵六');
    const running = phone.locator('[data-running-score]');
    expect(await running.getAttribute('data-running-score')).toBe('100.0');
    // 基坑工程 is pre-marked 不涉及 in the structure phase; 安全管理 applies
    expect(
      await phone
        .locator('[data-table="B.11"]')
        .locator('xpath=ancestor::div[contains(@class,"ant-collapse-item")]')
        .getByText('不涉及')
        .count(),
    ).toBeGreaterThan(0);
    await phone.locator('[data-table="B.1"]').click();
    // 安全生产责任制 (a guaranteed item) deducted in full: the table is zeroed, the assessment fails
    await phone.getByLabel('安全管理检查评分表 安全生产责任制 扣分（最多10分）').fill('10');
    await phone.getByLabel('安全管理检查评分表 安全技术交底 扣分（最多10分）').fill('4');
    await phone.locator('[data-table="B.14"]').click();
    await phone
      .getByLabel(/^施工用电检查评分表 .+ 扣分/)
      .first()
      .fill('5');
    await phone.locator('[data-running-grade="fail"]').waitFor();
    const shown = (await running.getAttribute('data-running-score')) as string;
    expect(Number(shown)).toBeLessThan(100);
    await phone.getByText('0分（保证项目不合格）').first().waitFor();
    await check(phone, '27-government-assessment-phone');
    await phone.getByRole('button', { name: '提交政府评估' }).click();
    const answer = phone.locator('[data-api-score]');
    await answer.waitFor();
    // the API scores it again: the same figure as the running score
    expect(await answer.getAttribute('data-api-score')).toBe(shown);
    expect(await answer.getAttribute('data-api-grade')).toBe('fail');
    await check(phone, '28-government-assessment-answer-phone');
    await phone.getByRole('button', { name: '查看评估详情' }).click();
    await phone.locator(`[data-assessment-score="${shown}"]`).waitFor();
    await check(phone, '29-assessment-detail-phone');

    // ── the contractor's self-assessment through its link: full marks where the government found a zero ──
    const link = await assessmentLink(projectId, unitOf(project, 'general_contractor'));
    const scheme = await defaultScheme();
    const self = await submitThroughLink(link.token, {
      tier: 'self',
      period: today.slice(0, 7),
      tables: form(scheme, {}, { tablesNotApplicable: [...UNUSED_SCAFFOLDS, 'B.11', 'B.15'] }),
      signedBy: { name: '张建国', registrationNo: project.persons[0]?.registrationNo as string },
    });
    expect(self.status, self.text).toBe(201);
    const selfId = (self.json as { id: string }).id;

    // ── the officer: the quarter's assessments, then the suspicion ──
    const desk = await open(`/projects/${projectId}/assessments?period=${quarter}`, 'officer');
    await desk.locator(`[data-assessment="${selfId}"]`).waitFor();
    await desk.getByText('涉嫌弄虚作假').first().waitFor();
    await check(desk, '30-project-assessments');
    // the assessment link, with its QR code
    await desk.getByRole('button', { name: '生成评估链接' }).click();
    await desk.locator('[data-assessment-link]').waitFor();
    await desk.getByRole('img', { name: '评估链接二维码' }).waitFor();

    await desk.locator(`[data-assessment="${selfId}"]`).click();
    await desk.locator('[data-falsification-status="suspected"]').waitFor();
    await desk.getByLabel('认定理由').fill('自评对安全生产责任制给满分，政府评估该项为零分。');
    await desk.getByRole('button', { name: '提交认定' }).click();
    // refused (409) before the statement is due, unless the unit has made its statement: shown as it comes
    await desk
      .getByText(/期满或单位提交陈述后方可认定/)
      .first()
      .waitFor();
    await check(desk, '31-falsification-refused');
    const statement = await api(`/v1/assessments/${selfId}/statement`, {
      token: link.token,
      body: { statement: '自评时责任制考核记录尚未归档，现已补齐。' },
    });
    expect(statement.status, statement.text).toBe(200);
    await desk.reload();
    await desk.getByText('自评时责任制考核记录尚未归档，现已补齐。').waitFor();
    await desk.getByLabel('认定理由').fill('单位陈述不能说明自评满分的依据，认定弄虚作假。');
    await desk.getByRole('button', { name: '提交认定' }).click();
    await desk.locator('[data-falsification-status="confirmed"]').waitFor();
    await check(desk, '32-falsification-confirmed');
    expectCleanPages();
  });

  it('records penalty points until a threshold is reached, then revokes an entry with its reason', async () => {
    await setClock(null);
    const enterprise = creditCode();
    const name = '北京某建筑工程有限公司（记分）';
    // an earlier measure, recorded as an officer would
    const earlier = await api('/v1/penalty-points', {
      token: officerToken,
      body: {
        subject: { kind: 'enterprise', id: enterprise, name },
        points: 3,
        reason: '临边防护缺失，罚款 1.2 万元',
        documentNo: '通住建罚〔2026〕101号',
      },
    });
    expect(earlier.status, earlier.text).toBe(201);

    const desk = await open(`/penalty-points?kind=enterprise&id=${enterprise}`, 'officer');
    await desk.locator(`[data-ledger="enterprise:${enterprise}"]`).waitFor();
    await desk.locator('[data-points-total="3"]').waitFor();
    // the form's submit button (its name gains antd's "loading" icon while a request is pending)
    const form = desk.locator('[data-record-points]');
    const record = async (points: string, reason: string, documentNo: string) => {
      await form.getByText(points).click();
      await form.getByLabel('记分事由').fill(reason);
      await form.getByLabel('处理文书编号').fill(documentNo);
      await form
        .locator('button[type="submit"]')
        .click()
        .catch(async (error: unknown) => {
          // say what the page showed instead of the form
          const shown = await desk
            .locator('main')
            .innerText()
            .catch(() => '(no main)');
          throw new Error(`${error instanceof Error ? error.message : error}\npage: ${shown.slice(0, 800)}`);
        });
    };
    await record('罚款（1万元及以上）：3 分', '脚手架连墙件缺失，罚款 1.5 万元', '通住建罚〔2026〕102号');
    await desk.locator('[data-points-total="6"]').waitFor();
    // the answer shown (the request settled) before the next one
    await form.locator('[data-thresholds-crossed=""]').waitFor();
    await record('罚款（1万元以下）：2 分', '未按方案搭设卸料平台，罚款 8000 元', '通住建罚〔2026〕103号');
    // 8 points within 12 months: the first threshold (书面警告) is reached, and said so
    await desk.locator('[data-thresholds-crossed="8"]').waitFor();
    await desk.locator('[data-points-total="8"][data-thresholds-reached="8"]').waitFor();
    expect(await desk.locator('[data-level="8"]').getAttribute('data-reached')).toBe('true');
    await check(desk, '33-penalty-points-threshold');

    // revoked: kept, marked, the total recomputed
    await desk
      .getByRole('button', { name: /撤销 .* 的记分/ })
      .first()
      .click();
    const dialog = desk.getByRole('dialog', { name: '撤销记分' });
    await dialog.getByLabel('撤销理由').fill('行政复议撤销原处罚决定');
    await dialog.getByRole('button', { name: '撤销' }).click();
    await desk.getByText('行政复议撤销原处罚决定').waitFor();
    await desk.locator('[data-thresholds-reached=""]').waitFor();
    const ledger = await api(`/v1/penalty-points?subjectKind=enterprise&subjectId=${enterprise}`, {
      token: officerToken,
    });
    const standing = ledger.json as { totalInWindow: number; entries: Array<{ revoked: boolean }> };
    expect(standing.entries.filter((entry) => entry.revoked)).toHaveLength(1);
    expect(await desk.locator(`[data-points-total="${standing.totalInWindow}"]`).count()).toBe(1);
    const phone = await open(`/penalty-points?kind=enterprise&id=${enterprise}`, 'inspector', PHONE);
    await phone.locator(`[data-ledger="enterprise:${enterprise}"]`).waitFor();
    expect(await phone.locator('[data-record-points]').count()).toBe(0);
    expect(await phone.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
    await check(phone, '34-penalty-points-phone');
    expectCleanPages();
  });
  it("records a criticism and a fatal accident on the project's page: conditions (五) and (六) are met", async () => {
    await setClock(null);
    const registered = await api('/v1/projects', { token: officerToken, body: projectBody() });
    expect(registered.status, registered.text).toBe(201);
    const projectId = (registered.json as { id: string }).id;
    const desk = await open(`/projects/${projectId}`, 'officer');
    await desk.locator('[data-condition="C6"][data-met="false"]').waitFor();

    // a criticism, first without its document number: refused beside the field, nothing sent
    await desk.getByRole('button', { name: '记录通报批评' }).click();
    const criticism = desk.getByRole('dialog', { name: '记录通报批评' });
    await criticism.getByLabel('通报内容摘要').fill('区住建委通报：脚手架搭设不规范');
    await criticism.getByRole('button', { name: '保存' }).click();
    await criticism.getByText('请填写文号').waitFor();
    await criticism.getByLabel('文号').fill(`通住建发〔2026〕${Date.now() % 1000}号`);
    await criticism.getByRole('button', { name: '保存' }).click();
    await criticism.waitFor({ state: 'hidden' });
    await desk.locator('[data-condition="C5"][data-met="true"]').waitFor();

    await desk.getByRole('button', { name: '记录事故' }).click();
    const accident = desk.getByRole('dialog', { name: '记录生产安全事故' });
    await accident.getByLabel('死亡人数').fill('1');
    await accident.getByLabel('事故经过').fill('塔吊顶升作业时一名作业人员坠落死亡');
    await check(desk, '35-record-accident');
    await accident.getByRole('button', { name: '保存' }).click();
    await accident.waitFor({ state: 'hidden' });
    await desk.locator('[data-condition="C6"][data-met="true"]').waitFor();
    const judged = await api(`/v1/projects/${projectId}/conditions`, { token: officerToken });
    const conditions = (judged.json as { conditions: Array<{ id: string; met: boolean }> }).conditions;
    expect(conditions.filter((condition) => condition.met).map((condition) => condition.id)).toEqual(['C5', 'C6']);

    // an inspector on site records them too (SPEC §4: inspector access); the page fits a phone
    const phone = await open(`/projects/${projectId}`, 'inspector', PHONE);
    await phone.locator('[data-condition="C6"][data-met="true"]').waitFor();
    expect(await phone.getByRole('button', { name: '记录事故' }).count()).toBe(1);
    expect(await phone.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
    expectCleanPages();
  });
  it("opens an inspection's report (检查报告) from the project's page once it is rendered", async () => {
    await setClock(null);
    const project = projectBody();
    const registered = await api('/v1/projects', { token: officerToken, body: project });
    expect(registered.status, registered.text).toBe(201);
    const projectId = (registered.json as { id: string }).id;
    const recorded = await api(`/v1/projects/${projectId}/inspections`, {
      token: officerToken,
      body: (() => {
        const inspection = failingInspection(project, shanghaiToday());
        const deadline = addDays(shanghaiToday(), 14);
        return { ...inspection, findings: inspection.findings.map((finding) => ({ ...finding, deadline })) };
      })(),
    });
    expect(recorded.status, recorded.text).toBe(201);
    const inspectionId = (recorded.json as { inspectionId: string }).inspectionId;
    // rendered off the request path: 409 while pending, then the API says where the PDF is
    await eventually(
      () =>
        api(`/v1/inspections/${inspectionId}/report`, { token: officerToken, headers: { accept: 'application/json' } }),
      (answer) => answer.status === 200,
      { timeoutMs: 120_000, what: 'the inspection report' },
    );

    const desk = await open(`/projects/${projectId}`, 'officer');
    const row = desk.getByRole('row').filter({ has: desk.getByRole('button', { name: '检查报告' }) });
    await row.first().waitFor();
    const [popup] = await Promise.all([
      desk.waitForEvent('popup'),
      row.first().getByRole('button', { name: '检查报告' }).click(),
    ]);
    // the tab goes to the presigned URL of the stored PDF: its bytes are the report
    await popup.waitForURL((url) => url.protocol.startsWith('http'), { waitUntil: 'commit' });
    const fetched = await fetch(popup.url());
    expect(fetched.status).toBe(200);
    expect(fetched.headers.get('content-type')).toBe('application/pdf');
    expect(
      Buffer.from(await fetched.arrayBuffer())
        .subarray(0, 5)
        .toString('latin1'),
    ).toBe('%PDF-');
    await popup.close();
    expectCleanPages();
  });

  it('withdraws a draft circular with its reason: never published, listed as withdrawn, on the case timeline', async () => {
    // a case of its own, taken to level 3 as the officer story's is (the escalation drafts its circular)
    await setClock(null);
    const { caseId } = await activeCase();
    await evaluatedUpTo(caseId, 3);
    const draft = await draftOf(caseId);

    // this officer's system asks for less motion: the dialog and the form's hints come and go without animating
    const desk = await open('/circulars?status=draft', 'officer', DESKTOP, { reducedMotion: true });
    await watchMotion(desk);
    const card = desk.locator(`[data-circular="${draft!.id}"]`);
    await card.getByText('草稿', { exact: true }).waitFor();
    await card.getByRole('button', { name: '撤销草稿' }).click();
    const withdrawal = desk.getByRole('dialog', { name: '撤销通报草稿' });
    await withdrawal.getByText('草稿撤销后不会公开，也不占用文号。').waitFor();
    // a reason is required, said beside the field
    await withdrawal.getByRole('button', { name: '撤销' }).click();
    await withdrawal.getByText('请填写理由').waitFor();
    await withdrawal.getByLabel('理由').fill('项目已于评估后完成整改，经研究不予通报');
    await withdrawal.getByText('请填写理由').waitFor({ state: 'detached' });
    expect(await motionSeen(desk), 'the dialog opened, and its hint left, without animating').toEqual([]);
    await check(desk, '14c-circular-withdraw');
    await withdrawal.getByRole('button', { name: '撤销' }).click();
    await desk.getByText('草稿已撤销').waitFor();
    await card.waitFor({ state: 'detached' });

    // the 已撤销草稿 tab shows it with its status, day and reason, and nothing to do with it
    await desk.getByRole('tab', { name: '已撤销草稿' }).click();
    const withdrawn = desk.locator(`[data-circular="${draft!.id}"]`);
    await withdrawn.getByText('已撤销草稿', { exact: true }).waitFor();
    await withdrawn.getByText('项目已于评估后完成整改，经研究不予通报').waitFor();
    await withdrawn.getByText('（发布时编号）').waitFor();
    expect(await withdrawn.getByRole('button').count()).toBe(0);
    await check(desk, '14d-circular-withdrawn');

    // what the API then says: withdrawn with the officer's reason, no number taken, publication refused (409)
    const listed = await api('/v1/circulars?status=withdrawn&limit=100', { token: officerToken });
    const circular = (
      listed.json as {
        items: Array<{ id: string; status: string; number: string | null; withdrawalReason: string | null }>;
      }
    ).items.find((item) => item.id === draft!.id);
    expect(circular).toMatchObject({
      status: 'withdrawn',
      number: null,
      withdrawalReason: '项目已于评估后完成整改，经研究不予通报',
    });
    const drafts = await api('/v1/circulars?status=draft&limit=100', { token: officerToken });
    expect((drafts.json as { items: Array<{ id: string }> }).items.map((item) => item.id)).not.toContain(draft!.id);
    const publish = await api(`/v1/circulars/${draft!.id}/publish`, {
      token: officerToken,
      body: { publicationMonths: 12 },
    });
    expect(publish.status, publish.text).toBe(409);
    expect((publish.json as { detail: string }).detail).toContain('当前状态为“已撤销');
    const timeline = (
      (await api(`/v1/cases/${caseId}`, { token: officerToken })).json as { timeline: Array<{ action: string }> }
    ).timeline;
    expect(timeline.map((entry) => entry.action)).toContain('circular_withdrawn');
    expectCleanPages();
  });
});
