/**
 * `npm run demo [-- --url http://127.0.0.1:3000] [--quick]`
 *
 * Walks a RUNNING local twin (`npm start`) through the whole story of differentiated supervision, through the API
 * as inspectors, officers and contractors use it, moving the local clock (`PUT /_local/clock`):
 *
 * - project A fails an inspection, is included, its units upload a few documents, then fail three monthly cycles:
 *   level 1, 2, 3; the level-3 circular (通报) is drafted, the general contractor makes its statement (陈述申辩),
 *   publication is refused while the window is open, and the officer publishes it once the window has closed;
 * - project B is included for a short first cycle (the last 15 days of the month), its units upload everything due,
 *   day by day, its hazards are verified, and the monthly evaluation releases it with a release notice. `--quick`
 *   skips B's daily uploads (the slow part: about 300 uploads): B then stays under supervision, and its verdict is shown.
 *
 * The story is set four months back from today, so every date it asks about is in the past once the clock is reset
 * (the public status route answers only for dates up to today). It prints one line per step (Chinese and English)
 * and the URLs to open; the clock returns to the system time at the end, whatever happens. Exit status: 0 done,
 * 1 a step failed, 2 bad arguments, 3 no stack at the URL.
 */
import { createHash, randomInt } from 'node:crypto';
import { parseArgs } from 'node:util';
import { creditCodeCheckCharacter } from '../shared/domain/credit-code.js';
import { addDays } from '../shared/domain/dates.js';

const USAGE = `usage: npm run demo [-- --url http://127.0.0.1:3000] [--quick]

  --url    the local twin's gateway (default http://127.0.0.1:$PORT, PORT defaulting to 3000)
  --quick  skip project B's two weeks of daily uploads (B is then not released; its verdict is shown)`;

class DemoError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

interface Response {
  status: number;
  json: unknown;
  text: string;
  headers: Headers;
}

function options() {
  let values: { url?: string | undefined; quick?: boolean | undefined; help?: boolean | undefined };
  try {
    values = parseArgs({
      options: { url: { type: 'string' }, quick: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    throw new DemoError(`${(error as Error).message}\n\n${USAGE}`, 2);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  let base: URL;
  try {
    base = new URL(values.url ?? `http://127.0.0.1:${process.env.PORT || 3000}`);
  } catch {
    throw new DemoError(`--url is not a URL: ${values.url}`, 2);
  }
  return { base, quick: values.quick ?? false };
}

/** The local twin, spoken to as its users do. */
class Stack {
  constructor(readonly base: URL) {}

  async call(
    path: string,
    init: { method?: string; token?: string; body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<Response> {
    let response: globalThis.Response;
    try {
      response = await fetch(new URL(path, this.base), {
        method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
        headers: {
          ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
          ...init.headers,
        },
        ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
        redirect: 'manual',
        signal: AbortSignal.timeout(60_000),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
      throw new DemoError(
        `No local stack answers at ${this.base.origin} (${cause}): start it with \`npm start\` in another terminal ` +
          'and wait for its "ready" line (or pass --url).',
        3,
      );
    }
    const text = await response.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: response.status, json, text, headers: response.headers };
  }

  /** A call that must answer `status`; anything else stops the demo with the API's own words. */
  async expect<T>(status: number, what: string, path: string, init: Parameters<Stack['call']>[1] = {}): Promise<T> {
    const response = await this.call(path, init);
    if (response.status !== status) {
      const detail = (response.json as { detail?: string } | undefined)?.detail ?? response.text.slice(0, 300);
      throw new DemoError(
        `${what}: ${init.method ?? (init.body === undefined ? 'GET' : 'POST')} ${path} answered ${response.status}: ${detail}`,
        1,
      );
    }
    return response.json as T;
  }

  async setClock(now: string | null) {
    await this.expect(200, 'setting the local clock', '/_local/clock', { method: 'PUT', body: { now } });
  }

  async token(role: 'inspector' | 'officer', sub: string): Promise<string> {
    return (await this.expect<{ token: string }>(201, 'a token', '/_local/tokens', { body: { role, sub } })).token;
  }
}

/** Poll until `read` gives a value `done` accepts. */
async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new DemoError(`Timed out after ${timeoutMs / 1000} s waiting for ${what}.`, 1);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** One line of the story: the date on the local clock, what happened in Chinese, then in English. */
function step(date: string, chinese: string, english: string) {
  process.stdout.write(`${date}  ${chinese}\n            ${english}\n`);
}

/** A unified social credit code (GB 32100-2015) with a random body and its computed check character. */
function creditCode(): string {
  const body = `911101${Array.from({ length: 11 }, () => randomInt(10)).join('')}`;
  return body + creditCodeCheckCharacter(body);
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A small, well-formed PDF: what a unit's scanner would send (different bytes for every document). */
function pdf(label: string): Uint8Array {
  return new TextEncoder().encode(
    `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n% ${label}\ntrailer<</Root 1 0 R>>\n%%EOF\n`,
  );
}

function monthOf(date: string, monthsLater: number): string {
  const [year, month] = date.split('-').map(Number) as [number, number];
  const index = year * 12 + (month - 1) + monthsLater;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

function lastDayOf(month: string): string {
  return addDays(`${monthOf(`${month}-01`, 1)}-01`, -1);
}

function project(label: string) {
  const contractor = creditCode();
  const supervisor = creditCode();
  return {
    name: `通州区运河商务区${label}地块办公楼项目（演示）`,
    district: '通州区',
    address: '北京市通州区运河东大街 1 号',
    category: 'building',
    phase: 'structure',
    units: [
      { role: 'developer', name: `北京运河置业有限公司（${label}）`, creditCode: creditCode() },
      {
        role: 'general_contractor',
        name: `北京某建筑工程有限公司（${label}）`,
        creditCode: contractor,
        groupCompany: '北京某建工集团有限责任公司',
      },
      { role: 'supervisor', name: `北京某工程监理有限公司（${label}）`, creditCode: supervisor },
      { role: 'subcontractor', name: `北京某劳务分包有限公司（${label}）`, creditCode: creditCode() },
    ],
    persons: [
      { role: 'project_manager', name: '张三', unitCreditCode: contractor },
      { role: 'chief_supervising_engineer', name: '李四', unitCreditCode: supervisor },
    ],
  };
}

type Project = ReturnType<typeof project>;
const codeOf = (body: Project, role: string) => body.units.find((unit) => unit.role === role)?.creditCode as string;

/** An inspection that finds the safety organisation incomplete (C1) and three scaffolding hazards. */
function failingInspection(body: Project, date: string) {
  const contractor = codeOf(body, 'general_contractor');
  const deadline = addDays(date, 10);
  return {
    date,
    kind: 'routine',
    inspectors: ['王五', '赵六'],
    keyPersonnelPresent: { projectManager: true, chiefSupervisingEngineer: true },
    findings: [
      {
        kind: 'safety_org_incomplete',
        category: 'management',
        severity: 'major',
        unitCreditCode: contractor,
        description: '项目安全管理机构不健全，专职安全员配备不足',
        deadline,
      },
      ...[1, 2, 3].map((n) => ({
        kind: 'hazard',
        category: 'scaffolding',
        severity: 'general',
        unitCreditCode: contractor,
        description: `${n} 号楼外脚手架连墙件缺失`,
        deadline,
      })),
    ],
    summary: '对项目安全管理及脚手架进行检查',
  };
}

interface Due {
  key: string;
  docType: string;
  reportDate?: string;
}

interface CaseView {
  id: string;
  status: string;
  level: number;
  notices: Array<{ id: string; type: string; number: string; receiptDueOn: string }>;
}

interface Circular {
  id: string;
  number: string;
  caseId: string;
  draftedOn: string;
  statementWindowEndsOn: string;
  statements: unknown[];
  publishedOn: string | null;
  validUntil: string | null;
}

async function main(): Promise<void> {
  const { base, quick } = options();
  const stack = new Stack(base);
  const health = await stack.call('/health');
  if (health.status !== 200) {
    throw new DemoError(`${base.origin} answered ${health.status} to GET /health: is it the local twin?`, 3);
  }
  const started = Date.now();
  const inspector = await stack.token('inspector', 'demo-inspector');
  const officer = await stack.token('officer', 'demo-officer');

  // four months back: the story (inclusion, three monthly evaluations, the statement window) is over by today
  const month = monthOf(new Date().toISOString().slice(0, 10), -4);
  const includedA = `${month}-10`;
  const endOfMonth = lastDayOf(month);
  const includedB = addDays(endOfMonth, -14); // 15 days left, inclusion day counted: a short first cycle
  const inspectedB = addDays(includedB, -2);

  process.stdout.write(`演示 differentiated supervision demo on ${base.origin}, story set in ${month}\n\n`);
  try {
    // ---- project A: included ----
    await stack.setClock(`${includedA}T09:00:00+08:00`);
    const bodyA = project('A');
    const projectA = await stack.expect<{ id: string }>(201, 'registering A', '/v1/projects', {
      token: inspector,
      body: bodyA,
    });
    step(includedA, `项目 A 登记：${bodyA.name}`, `Project A registered (${projectA.id})`);
    const inspectionA = await stack.expect<{
      caseId: string;
      inspectionId: string;
      conditions: Array<{ id: string; met: boolean }>;
      report: { rectificationPlanDueOn: string | null; href: string };
    }>(201, 'inspecting A', `/v1/projects/${projectA.id}/inspections`, {
      token: inspector,
      body: failingInspection(bodyA, includedA),
    });
    const metA = inspectionA.conditions.filter((condition) => condition.met).map((condition) => condition.id);
    step(
      includedA,
      `检查发现安全管理机构不健全及 3 项脚手架隐患，符合差别化监管条件 ${metA.join('、')}，系统提出纳入建议`,
      `Inspection finds conditions ${metA.join(', ')} met: case ${inspectionA.caseId} proposed`,
    );
    step(
      includedA,
      `检查报告已出具：各参建单位须于 ${inspectionA.report.rectificationPlanDueOn} 前报送整改方案（一厂一策）`,
      `Inspection report issued: rectification plans due by ${inspectionA.report.rectificationPlanDueOn}`,
    );
    const caseA = inspectionA.caseId;
    const confirmedA = await stack.expect<CaseView>(200, 'confirming A', `/v1/cases/${caseA}/confirm`, {
      token: officer,
      body: {},
    });
    const inclusionA = confirmedA.notices.find((notice) => notice.type === 'inclusion');
    step(
      includedA,
      `监管机构领导确认纳入，发出差别化监管告知单 ${inclusionA?.number}（回执期限 ${inclusionA?.receiptDueOn}）`,
      `Officer confirms: case active, inclusion notice ${inclusionA?.number} issued`,
    );
    const linkA = await uploadLink(stack, inspector, caseA, codeOf(bodyA, 'general_contractor'), 31);
    const sentA: string[] = [];
    for (const item of (await uploadContext(stack, linkA)).due) {
      await upload(stack, linkA, item.docType, item.reportDate, `A ${item.key}`);
      sentA.push(item.docType);
    }
    step(
      includedA,
      `A 的施工总承包单位通过上传链接提交 ${sentA.length} 份材料（告知单回执、当日日报等），此后再未按要求报送`,
      `A's general contractor uploads ${sentA.length} documents (${sentA.join(', ')}), then nothing more`,
    );

    // ---- project B: included for the last 15 days of the month, complies ----
    await stack.setClock(`${inspectedB}T10:00:00+08:00`);
    const bodyB = project('B');
    const projectB = await stack.expect<{ id: string }>(201, 'registering B', '/v1/projects', {
      token: inspector,
      body: bodyB,
    });
    const inspectionB = await stack.expect<{ caseId: string; hazardIds: string[] }>(
      201,
      'inspecting B',
      `/v1/projects/${projectB.id}/inspections`,
      { token: inspector, body: failingInspection(bodyB, inspectedB) },
    );
    const caseB = inspectionB.caseId;
    step(
      inspectedB,
      '项目 B 登记并检查，同样提出纳入建议',
      `Project B registered and inspected: case ${caseB} proposed`,
    );
    await stack.setClock(`${includedB}T10:00:00+08:00`);
    await stack.expect(200, 'confirming B', `/v1/cases/${caseB}/confirm`, { token: officer, body: {} });
    step(
      includedB,
      `B 纳入差别化监管，首个周期 ${includedB} 至 ${endOfMonth}`,
      `B included: first cycle ${includedB} … ${endOfMonth}`,
    );
    if (quick) {
      step(includedB, 'B 的逐日报送已跳过（--quick）', "B's daily uploads skipped (--quick): it will not be released");
    } else {
      await complyThroughCycle(stack, { inspector, officer }, bodyB, projectB.id, inspectionB.hazardIds, caseB, {
        from: includedB,
        to: endOfMonth,
      });
    }

    // ---- three monthly evaluations ----
    for (let n = 1; n <= 3; n++) {
      const judged = monthOf(`${month}-01`, n - 1);
      const on = `${monthOf(`${month}-01`, n)}-01`;
      await stack.setClock(`${on}T01:00:00+08:00`);
      const run = await evaluate(stack, officer, judged);
      const viewA = await stack.expect<CaseView>(200, 'reading A', `/v1/cases/${caseA}`, { token: inspector });
      const measures = [
        '',
        '驻场监督',
        '高限高额处罚建议、责令集团公司更换责任人并派员驻场',
        '全区通报批评、上报市住建委',
      ];
      step(
        on,
        `${judged} 月度评价：A 周期未达标，升至第 ${viewA.level} 级（${measures[viewA.level] ?? ''}）`,
        `Monthly evaluation of ${judged} (run ${run.runId}: ${run.evaluated} evaluated, ${run.escalated} escalated, ` +
          `${run.released} released): A at level ${viewA.level}`,
      );
      if (n === 1) {
        const viewB = await stack.expect<CaseView>(200, 'reading B', `/v1/cases/${caseB}`, { token: inspector });
        const release = viewB.notices.find((notice) => notice.type === 'release');
        if (release) {
          step(on, `B 周期达标，解除差别化监管，发出解除告知单 ${release.number}`, `B released: ${release.number}`);
        } else {
          step(
            on,
            `B 未解除：状态 ${viewB.status}，等级 ${viewB.level}`,
            `B not released: ${viewB.status} at level ${viewB.level}`,
          );
        }
      }
    }

    // ---- the circular ----
    const draft = await eventually(
      async () =>
        (
          await stack.expect<{ items: Circular[] }>(200, 'listing drafts', '/v1/circulars?status=draft&limit=100', {
            token: inspector,
          })
        ).items.find((item) => item.caseId === caseA),
      (found) => found !== undefined,
      "A's draft circular",
    );
    const circular = draft as Circular;
    step(
      circular.draftedOn,
      `自动起草通报 ${circular.number}（人名已隐去），陈述申辩期至 ${circular.statementWindowEndsOn}`,
      `Circular ${circular.number} drafted; statement window open until ${circular.statementWindowEndsOn}`,
    );
    const statementDay = addDays(circular.draftedOn, 1);
    await stack.setClock(`${statementDay}T10:00:00+08:00`);
    const statementLink = await uploadLink(stack, inspector, caseA, codeOf(bodyA, 'general_contractor'), 7);
    await upload(stack, statementLink, 'statement', undefined, 'A statement');
    const withStatement = await eventually(
      async () =>
        (
          await stack.expect<{ items: Circular[] }>(200, 'listing drafts', '/v1/circulars?status=draft&limit=100', {
            token: inspector,
          })
        ).items.find((item) => item.id === circular.id),
      (found) => (found?.statements.length ?? 0) > 0,
      'the statement on the circular',
    );
    step(
      statementDay,
      `A 的施工总承包单位通过上传链接提交陈述申辩材料，已记入通报（${withStatement?.statements.length} 份）`,
      "A's general contractor uploads its statement (陈述申辩): recorded on the draft circular",
    );
    const early = await stack.call(`/v1/circulars/${circular.id}/publish`, { token: officer, body: {} });
    step(
      statementDay,
      `领导尝试发布：被拒绝（${early.status}），陈述申辩期尚未届满且其他单位尚未陈述`,
      `Officer tries to publish: refused with ${early.status} while the window is open`,
    );
    const publishDay = addDays(circular.statementWindowEndsOn, 1);
    await stack.setClock(`${publishDay}T09:00:00+08:00`);
    const published = await stack.expect<Circular>(200, 'publishing', `/v1/circulars/${circular.id}/publish`, {
      token: officer,
      body: { publicationMonths: 12 },
    });
    step(
      publishDay,
      `陈述申辩期届满，领导发布通报 ${published.number}，公示期至 ${published.validUntil}（记载已陈述申辩）`,
      `Officer publishes ${published.number}: on the public site until ${published.validUntil}`,
    );

    const feedHasIt = await eventually(
      async () => (await stack.call('/public/circulars.json')).text.includes(circular.id),
      (found) => found,
      'the public feed to show the circular',
      30_000,
    ).catch(() => false);
    step(
      publishDay,
      feedHasIt ? '公开页面与订阅源已更新' : '公开页面尚未更新（发布器未在 30 秒内完成）',
      feedHasIt ? 'Public pages and feeds regenerated' : 'The public pages were not regenerated within 30 s',
    );

    const contractorA = codeOf(bodyA, 'general_contractor');
    const status = await stack.expect<{
      underSupervision: boolean;
      level: number | null;
      namedInStandingCircular: boolean;
    }>(200, 'the public status', `/public/status?creditCode=${contractorA}&date=${publishDay}`);
    step(
      publishDay,
      `公开查询 A 的施工总承包单位：在监管中 ${status.underSupervision ? '是' : '否'}，等级 ${status.level}，` +
        `被通报 ${status.namedInStandingCircular ? '是' : '否'}`,
      `Public status of A's contractor: under supervision ${status.underSupervision}, level ${status.level}, ` +
        `named in a standing circular ${status.namedInStandingCircular}`,
    );

    // the documents are rendered off the request path: a 409 while one is being prepared, then the link
    const documentLink = (path: string) =>
      eventually(
        () => stack.call(path, { token: inspector }),
        (response) => response.status !== 409,
        `the document ${path} to be rendered`,
        60_000,
      ).catch(() => undefined);
    const pdfLink = await documentLink(`/v1/notices/${inclusionA?.id}/document`);
    const reportLink = await documentLink(inspectionA.report.href);
    const origin = base.origin;
    process.stdout.write(
      [
        '',
        `完成 done in ${((Date.now() - started) / 1000).toFixed(0)} s. Open:`,
        `  公开通报页 public page      ${origin}/public/`,
        `  本通报 this circular        ${origin}/public/circulars/${circular.id}.html`,
        `  JSON Feed                   ${origin}/public/circulars.json`,
        `  Atom                        ${origin}/public/circulars.atom`,
        `  RSS 2.0                     ${origin}/public/circulars.rss`,
        `  告知单 PDF notice (5 min)   ${pdfLink?.headers.get('location') ?? `(${pdfLink?.status ?? 409}) ${origin}/v1/notices/${inclusionA?.id}/document`}`,
        `  检查报告 PDF report (5 min) ${reportLink?.headers.get('location') ?? `(${reportLink?.status ?? 409}) ${origin}${inspectionA.report.href}`}`,
        `  公开查询 status of A's contractor`,
        `                              ${origin}/public/status?creditCode=${contractorA}&date=${publishDay}`,
        `  案件 case A (inspector JWT) ${origin}/v1/cases/${caseA}`,
        '',
      ].join('\n'),
    );
  } finally {
    // whatever happened, the stack goes back to the system clock (a reset: no schedule fires for the jump)
    await stack.setClock(null).catch(() => undefined);
    process.stdout.write('本地时钟已恢复 local clock reset to the system time\n');
  }
}

async function uploadLink(stack: Stack, inspector: string, caseId: string, unitCreditCode: string, validDays: number) {
  return (
    await stack.expect<{ token: string }>(201, 'an upload link', `/v1/cases/${caseId}/upload-links`, {
      token: inspector,
      body: { unitCreditCode, validDays },
    })
  ).token;
}

async function uploadContext(stack: Stack, token: string) {
  return stack.expect<{ today: string; due: Due[]; missing: Due[] }>(200, 'the upload context', '/v1/uploads/context', {
    token,
  });
}

/** Declare a document, POST its bytes to the presigned form as the upload page does, wait for the verifier. */
async function upload(stack: Stack, token: string, docType: string, reportDate: string | undefined, label: string) {
  const bytes = pdf(label);
  const granted = await stack.expect<{ documentId: string; upload: { url: string; fields: Record<string, string> } }>(
    201,
    `declaring ${docType}`,
    '/v1/uploads',
    {
      token,
      body: {
        docType,
        fileName: `${docType}.pdf`,
        contentType: 'application/pdf',
        size: bytes.length,
        sha256: sha256(bytes),
        ...(reportDate ? { reportDate } : {}),
      },
    },
  );
  const form = new FormData();
  for (const [name, value] of Object.entries(granted.upload.fields)) form.append(name, value);
  form.append('file', new Blob([bytes], { type: 'application/pdf' }));
  const posted = await fetch(granted.upload.url, { method: 'POST', body: form });
  if (posted.status >= 300) throw new DemoError(`uploading ${label}: the storage answered ${posted.status}`, 1);
  const verified = await eventually(
    async () =>
      await stack.expect<{ status: string; reason: string | null }>(
        200,
        'upload status',
        `/v1/uploads/${granted.documentId}`,
        {
          token,
        },
      ),
    (document) => document.status !== 'pending',
    `the verification of ${label}`,
  );
  if (verified.status !== 'accepted') throw new DemoError(`${label} was rejected: ${verified.reason}`, 1);
}

/**
 * Project B's units send everything due, day by day, as the upload context lists it; the agency inspects four
 * times (one joint enforcement), and verifies the hazards two days after inclusion.
 */
async function complyThroughCycle(
  stack: Stack,
  tokens: { inspector: string; officer: string },
  body: Project,
  projectId: string,
  hazardIds: string[],
  caseId: string,
  cycle: { from: string; to: string },
) {
  const links = new Map<string, string>();
  for (const unit of body.units) {
    links.set(unit.role, await uploadLink(stack, tokens.inspector, caseId, unit.creditCode, 31));
  }
  const visits = new Map([
    [addDays(cycle.from, 1), 'joint'],
    [addDays(cycle.from, 6), 'routine'],
    [addDays(cycle.from, 8), 'follow_up'],
    [addDays(cycle.from, 13), 'routine'],
  ]);
  let total = 0;
  for (let day = cycle.from; day <= cycle.to; day = addDays(day, 1)) {
    await stack.setClock(`${day}T12:00:00+08:00`);
    const uploads: Array<Promise<void>> = [];
    for (const [role, token] of links) {
      for (const item of (await uploadContext(stack, token)).due) {
        // the receipt is owed once: the general contractor returns it, signed and stamped
        if (item.docType === 'notice_receipt' && role !== 'general_contractor') continue;
        uploads.push(upload(stack, token, item.docType, item.reportDate, `B ${role} ${item.key}`));
      }
    }
    const visit = visits.get(day);
    if (visit) {
      await stack.expect(201, 'an agency inspection of B', `/v1/projects/${projectId}/inspections`, {
        token: tokens.inspector,
        body: {
          ...failingInspection(body, day),
          kind: visit,
          findings: [],
          summary: '复查隐患整改及安全管理情况，未发现新问题',
        },
      });
    }
    if (day === addDays(cycle.from, 2)) {
      for (const hazardId of hazardIds) {
        await stack.expect(201, 'verifying a hazard of B', `/v1/hazards/${hazardId}/verifications`, {
          token: tokens.inspector,
          body: { result: 'accepted', date: day, note: '逐项复查，整改到位' },
        });
      }
    }
    await Promise.all(uploads);
    total += uploads.length;
    const notes = [
      `${uploads.length} 份材料`,
      ...(visit ? [visit === 'joint' ? '联合执法检查' : '监管检查'] : []),
      ...(day === addDays(cycle.from, 2) ? ['隐患逐项复查通过'] : []),
    ];
    step(
      day,
      `B：${notes.join('，')}`,
      `B: ${uploads.length} documents${visit ? `, ${visit} inspection` : ''}` +
        `${day === addDays(cycle.from, 2) ? ', hazards verified' : ''}`,
    );
  }
  step(cycle.to, `B 周期内共报送 ${total} 份材料`, `B sent ${total} documents in its cycle`);
}

async function evaluate(stack: Stack, officer: string, month: string) {
  const { runId } = await stack.expect<{ runId: string }>(202, `evaluating ${month}`, '/v1/evaluations', {
    token: officer,
    body: { month },
  });
  const run = await eventually(
    () =>
      stack.expect<{ runId: string; status: string; evaluated: number; escalated: number; released: number }>(
        200,
        'the run',
        `/v1/evaluations/${runId}`,
        { token: officer },
      ),
    (value) => value.status !== 'running',
    `evaluation run ${runId}`,
    600_000,
  );
  if (run.status !== 'succeeded') throw new DemoError(`The evaluation of ${month} failed (run ${runId}).`, 1);
  return run;
}

main().catch((error: unknown) => {
  if (error instanceof DemoError) {
    process.stderr.write(`demo: ${error.message}\n`);
    process.exit(error.exitCode);
  }
  process.stderr.write(`demo: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
