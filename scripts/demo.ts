/**
 * `npm run demo [-- --url http://127.0.0.1:3000] [--quick]`
 *
 * Walks a RUNNING local twin (`npm start`) through the whole story of differentiated supervision, through the API
 * as inspectors, officers and contractors use it, moving the local clock (`PUT /_local/clock`):
 *
 * - project A is registered (a second registration of it is refused, naming it), fails an inspection, is included,
 *   its units upload a few documents, then fail three monthly cycles:
 *   level 1, 2, 3; the level-3 circular (通报) is drafted (without a number), the general contractor makes its
 *   statement (陈述申辩), publication is refused while the window is open, and the officer publishes it once the
 *   window has closed: it takes its number (通住建安通〔year〕N号) then; the
 *   contractor's upload link shows its overdue hazards, reports and the draft's statement deadline; a name search
 *   finds A;
 * - project C goes through a quarter of status assessments (SPEC §6.2–6.3): monthly self-assessments (one late: 1 + 1
 *   points), a government assessment, a self-assessment far above it (suspected, the unit's statement, the officer
 *   confirms: 3 + 3 points), the three units' re-assessments, and the quarter's score; C is built by A's general
 *   contractor. The quarter is then ranked and published (SPEC §6.4–6.5): C, graded 不合格 by the government, is
 *   proposed with basis "ranking" and included; its contractor, with A and C under supervision at once, is proposed
 *   as an enterprise case (企业级差别化监管, ground `supervised_projects`) and the officer confirms it;
 * - project B is included for a short first cycle (the last 15 days of the month), its units upload everything due,
 *   day by day, its hazards are verified, and the monthly evaluation releases it with a release notice; a follow-up
 *   inspection then proposes nothing (the evidence was weighed once). `--quick` skips B's daily uploads (the slow
 *   part: about 300 uploads): B then stays under supervision, and its verdict is shown.
 * - every decision uses the rule set in force (shown first); at level 2 A's group owes its group report.
 *
 * The story is set four months back from today, so every date it asks about is in the past once the clock is reset
 * (the public status route answers only for dates up to today). It prints one line per step (Chinese and English)
 * and the URLs to open; the clock returns to the system time at the end, whatever happens. Exit status: 0 done,
 * 1 a step failed, 2 bad arguments, 3 no stack at the URL.
 */
import { createHash, randomInt } from 'node:crypto';
import { parseArgs } from 'node:util';
import { monthsOfQuarter, previousQuarter, quarterOfDate } from '../shared/domain/assessment/periods.js';
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
  /** null while a draft: a circular is numbered when it is published */
  number: string | null;
  title: string;
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
    // ---- the rule set every decision below uses and names ----
    await stack.setClock(`${includedA}T08:00:00+08:00`);
    const rules = await stack.expect<{
      id: string;
      lookbackDays: number;
      releaseCompliance: number;
      receiptWorkingDays: number;
      groupReportWorkingDays: number;
    }>(200, 'the rule set in force', '/v1/rule-sets/current', { token: inspector });
    step(
      includedA,
      `现行规则版本 ${rules.id}：回溯期 ${rules.lookbackDays} 日，回执 ${rules.receiptWorkingDays} 个工作日，` +
        `集团报告 ${rules.groupReportWorkingDays} 个工作日，解除须按时完成率 ${Math.round(rules.releaseCompliance * 100)}%`,
      `Rule set ${rules.id} in force (GET /v1/rule-sets/current): every decision records it`,
    );

    // ---- project A: included ----
    await stack.setClock(`${includedA}T09:00:00+08:00`);
    const bodyA = project('A');
    const projectA = await stack.expect<{ id: string }>(201, 'registering A', '/v1/projects', {
      token: inspector,
      body: bodyA,
    });
    step(includedA, `项目 A 登记：${bodyA.name}`, `Project A registered (${projectA.id})`);
    const again = await stack.call('/v1/projects', { token: inspector, body: bodyA });
    const existing = (again.json as { existingProject?: { id: string } } | undefined)?.existingProject?.id;
    if (again.status !== 409 || existing !== projectA.id) {
      throw new DemoError(`registering A again: expected 409 naming ${projectA.id}, got ${again.status}`, 1);
    }
    step(
      includedA,
      `同一项目再次登记被拒绝（409），答复指明已登记的项目 ${existing}`,
      `Registering A a second time is refused (409), naming ${existing}`,
    );
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
      if (n === 2) {
        // seed §3(5): the group companies report in the group's name within 10 working days of level 2
        const groupReport = (
          await stack.expect<{ obligations: { items: Array<{ type: string; dueOn: string }> } }>(
            200,
            'reading A',
            `/v1/cases/${caseA}`,
            { token: inspector },
          )
        ).obligations.items.find((item) => item.type === 'group_report');
        if (groupReport) {
          step(
            on,
            `A 的施工总承包单位所属集团须于 ${groupReport.dueOn} 前以集团名义报送整改情况及后续措施`,
            `A's contractor's group owes its group report by ${groupReport.dueOn}`,
          );
        }
      }
      if (n === 1) {
        const viewB = await stack.expect<CaseView>(200, 'reading B', `/v1/cases/${caseB}`, { token: inspector });
        const release = viewB.notices.find((notice) => notice.type === 'release');
        if (release) {
          step(on, `B 周期达标，解除差别化监管，发出解除告知单 ${release.number}`, `B released: ${release.number}`);
          // evidence is weighed once: the finding B was included for proposes nothing again
          const followUp = await stack.expect<{ caseId?: string; notProposed?: { reason: string } }>(
            201,
            'a follow-up inspection of B',
            `/v1/projects/${projectB.id}/inspections`,
            {
              token: inspector,
              body: { ...failingInspection(bodyB, on), kind: 'follow_up', findings: [], summary: '解除后回访检查' },
            },
          );
          step(
            on,
            `B 解除后回访检查：${followUp.caseId ? `提出新的纳入建议 ${followUp.caseId}` : (followUp.notProposed?.reason ?? '未提出纳入建议')}`,
            followUp.caseId
              ? `B's follow-up inspection proposed case ${followUp.caseId}`
              : "B's follow-up inspection: no new proposal (the evidence was weighed at inclusion and release)",
          );
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
      `自动起草通报《${circular.title}》（尚未编号，发布时取号；人名已隐去），陈述申辩期至 ${circular.statementWindowEndsOn}`,
      `Circular drafted (numbered when published); statement window open until ${circular.statementWindowEndsOn}`,
    );
    const statementDay = addDays(circular.draftedOn, 1);
    await stack.setClock(`${statementDay}T10:00:00+08:00`);
    const statementLink = await uploadLink(stack, inspector, caseA, codeOf(bodyA, 'general_contractor'), 7);
    const seen = await stack.expect<{
      hazards: Array<{ overdue: boolean }>;
      reports: unknown[];
      circulars: Array<{ statementWindowEndsOn: string }>;
    }>(200, 'the upload context', '/v1/uploads/context', { token: statementLink });
    const overdue = seen.hazards.filter((hazard) => hazard.overdue).length;
    step(
      statementDay,
      `A 的施工总承包单位打开上传链接：首先看到逾期未整改隐患 ${overdue} 项；检查报告 ${seen.reports.length} 份；` +
        `通报草稿的陈述申辩截止 ${seen.circulars[0]?.statementWindowEndsOn}`,
      `A's contractor opens its link: ${overdue} overdue hazard(s) first, ${seen.reports.length} inspection report(s), ` +
        `the draft circular with its statement deadline`,
    );
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
      `陈述申辩期届满，领导发布通报，取号 ${published.number}，公示期至 ${published.validUntil}（记载已陈述申辩）`,
      `Officer publishes the circular, numbered ${published.number}: on the public site until ${published.validUntil}`,
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

    // the same contractor's credit record for tendering (两场联动, SPEC §6.6)
    const credit = await stack.expect<{ points: { totalInWindow: number }; supervisedProjects: unknown[] }>(
      200,
      'the credit record',
      `/public/credit?creditCode=${contractorA}&date=${publishDay}`,
    );
    step(
      publishDay,
      `信用查询 A 的施工总承包单位：受监管项目 ${credit.supervisedProjects.length} 个，记分 ${credit.points.totalInWindow}`,
      `Credit record of A's contractor: ${credit.supervisedProjects.length} supervised project(s), ` +
        `${credit.points.totalInWindow} penalty points in window`,
    );

    const search = `/v1/projects?q=${encodeURIComponent('运河商务区 A地块')}&district=${encodeURIComponent('通州区')}`;
    const found = await stack.expect<{ items: Array<{ id: string }> }>(200, 'searching projects', search, {
      token: inspector,
    });
    const documentsA = await stack.expect<{ items: unknown[] }>(
      200,
      "A's documents",
      `/v1/cases/${caseA}/documents?limit=100`,
      { token: inspector },
    );
    step(
      publishDay,
      `按名称查找“运河商务区 A地块”：${found.items.some((item) => item.id === projectA.id) ? '找到' : '未找到'}项目 A；` +
        `A 的案件收到单位材料 ${documentsA.items.length} 份`,
      `Searching "运河商务区 A地块" finds A; A's case holds ${documentsA.items.length} documents from its units`,
    );
    // ---- a quarter of status assessments (SPEC §6.2–6.3): one late, one falsified; C is built by A's contractor ----
    const contractorUnitA = bodyA.units.find((unit) => unit.role === 'general_contractor') as Project['units'][number];
    const assessed = await assessmentQuarter(stack, inspector, officer, contractorUnitA);
    // ---- the quarter ranked and published (SPEC §6.4–6.5): C, graded 不合格 by the government, is proposed and
    // included; A's contractor, now with two projects under supervision, becomes an enterprise case ----
    const enterpriseCase = await rankQuarter(stack, officer, inspector, assessed.quarter, assessed.projectId);

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
        `  管理端 agency console       ${origin}/console/#as=officer`,
        `  本案件 case A in the console ${origin}/console/cases/${caseA}#as=officer`,
        `  公开通报页 public page      ${origin}/public/`,
        `  本通报 this circular        ${origin}/public/circulars/${circular.id}.html`,
        `  JSON Feed                   ${origin}/public/circulars.json`,
        `  Atom                        ${origin}/public/circulars.atom`,
        `  RSS 2.0                     ${origin}/public/circulars.rss`,
        `  告知单 PDF notice (5 min)   ${pdfLink?.headers.get('location') ?? `(${pdfLink?.status ?? 409}) ${origin}/v1/notices/${inclusionA?.id}/document`}`,
        `  检查报告 PDF report (5 min) ${reportLink?.headers.get('location') ?? `(${reportLink?.status ?? 409}) ${origin}${inspectionA.report.href}`}`,
        `  公开查询 status of A's contractor`,
        `                              ${origin}/public/status?creditCode=${contractorA}&date=${publishDay}`,
        `  查询页 the status form      ${origin}/public/unit-status/#creditCode=${contractorA}&date=${publishDay}`,
        `  信用记录 credit record of A's contractor`,
        `                              ${origin}/public/credit?creditCode=${contractorA}&date=${publishDay}`,
        `  签名导出 signed export      ${origin}/public/credit/latest.json (keys: ${origin}/public/credit/keys.json)`,
        `  案件 case A (inspector JWT) ${origin}/v1/cases/${caseA}`,
        `  A 的材料 documents          ${origin}/v1/cases/${caseA}/documents`,
        `  项目查找 project search     ${origin}${search}`,
        `  评估页面 assessment page of C's contractor (a fresh link, 7 days)`,
        `                              ${assessed.pageUrl}`,
        `  C 的评估 assessments of C (inspector JWT)`,
        `                              ${origin}/v1/projects/${assessed.projectId}/assessments?period=${assessed.quarter}`,
        `  评估指标体系 the scheme     ${origin}/public/assessment-schemes/jgj59-2011.json`,
        `  排名 the rankings           ${origin}/public/rankings/${assessed.quarter}/`,
        `  排名数据 JSON / CSV         ${origin}/public/rankings/${assessed.quarter}.json  .csv`,
        `  企业级监管 enterprise case of A's contractor in the console`,
        `                              ${origin}/console/enterprise-cases/${enterpriseCase.id}#as=officer`,
        `  企业级监管 (inspector JWT)  ${origin}/v1/enterprise-cases/${enterpriseCase.id}`,
        '',
      ].join('\n'),
    );
  } finally {
    // whatever happened, the stack goes back to the system clock (a reset: no schedule fires for the jump)
    await stack.setClock(null).catch(() => undefined);
    process.stdout.write('本地时钟已恢复 local clock reset to the system time\n');
  }
}

interface SchemeData {
  tables: Array<{ id: string; items: Array<{ id: string; kind: string; maximum: number }> }>;
}

interface Assessment {
  id: string;
  score: number;
  grade: string;
  late: boolean;
  falsification: { status: string; statementDueAt: string } | null;
  suspected?: string[];
}

const GRADE_NAMES: Record<string, string> = { excellent: '优良', pass: '合格', fail: '不合格' };

/**
 * Every table of the scheme, those `off` marked 不涉及, each table in use deducted `points` (general items first,
 * never a guaranteed item in full, so no table is zeroed): every table, and so the total, scores 100 − points.
 */
function assessmentForm(scheme: SchemeData, off: string[], points: number) {
  return scheme.tables.map((table) => {
    if (off.includes(table.id)) return { tableId: table.id, notApplicable: true, items: [] };
    let remaining = points;
    const deductions = new Map<string, number>();
    for (const kind of ['general', 'guaranteed']) {
      for (const item of table.items.filter((candidate) => candidate.kind === kind)) {
        const take = Math.min(remaining, kind === 'guaranteed' ? item.maximum - 1 : item.maximum);
        if (take > 0) deductions.set(item.id, take);
        remaining -= take;
      }
    }
    return {
      tableId: table.id,
      items: table.items.map((item) => ({ itemId: item.id, deduction: deductions.get(item.id) ?? 0 })),
    };
  });
}

/**
 * Project C, built by A's general contractor (`builder`), through one quarter of the status assessment, two
 * quarters back so that every date is past: monthly
 * self-assessments by the general contractor (the second one late: 1 + 1 points), a government assessment tied to
 * an inspection, a third self-assessment far above it (suspected; the contractor makes its statement through its
 * link; the officer confirms: 3 + 3 points), the three units' re-assessments, and the quarter's score and grade.
 */
async function assessmentQuarter(stack: Stack, inspector: string, officer: string, builder: Project['units'][number]) {
  const quarter = previousQuarter(previousQuarter(quarterOfDate(new Date().toISOString().slice(0, 10))));
  const [m1, m2, m3] = monthsOfQuarter(quarter) as [string, string, string];
  const next = monthsOfQuarter(previousQuarter(quarterOfDate(new Date().toISOString().slice(0, 10))))[0] as string;
  const at = async (date: string, time = '10:00:00') => {
    await stack.setClock(`${date}T${time}+08:00`);
    return date;
  };

  let day = await at(`${m1}-05`);
  const base = project('C');
  // the same general contractor as A: once C is under supervision too, it has two supervised projects (SPEC §6.5)
  const contractorCode = builder.creditCode;
  const units = base.units.map((unit) => (unit.role === 'general_contractor' ? builder : unit));
  const body = {
    ...base,
    units,
    persons: base.persons.map((person) => ({
      ...person,
      ...(person.role === 'project_manager' ? { unitCreditCode: contractorCode } : {}),
      registrationNo: person.role === 'project_manager' ? '京111000C01' : '京211000C01',
    })),
  };
  const projectC = await stack.expect<{ id: string }>(201, 'registering C', '/v1/projects', { token: inspector, body });
  const link = async (role: string, validDays = 93) =>
    (
      await stack.expect<{ token: string; url: string }>(
        201,
        'an assessment link',
        `/v1/projects/${projectC.id}/assessment-links`,
        { token: inspector, body: { unitCreditCode: codeOf(body, role), validDays } },
      )
    ).token;
  const contractor = await link('general_contractor');
  const context = await stack.expect<{ phaseDefaults: Array<{ tableId: string; applicable: boolean }> }>(
    200,
    'the assessment context',
    '/v1/assessments/context',
    { token: contractor },
  );
  const off = context.phaseDefaults.filter((d) => !d.applicable).map((d) => d.tableId);
  const scheme = await stack.expect<SchemeData>(200, 'the scheme', '/v1/assessment-schemes/jgj59-2011');
  step(
    day,
    `项目 C 登记（施工总承包单位与 A 相同：${builder.name}）；监督人员向建设、施工总承包、监理单位发出评估链接` +
      `（结构施工阶段，预设 ${off.length} 张检查表不涉及）`,
    `Project C registered (built by A's general contractor); assessment links sent to its developer, general ` +
      'contractor and supervisor',
  );
  const submit = (token: string, tier: string, period: string, points: number, signedBy: object) =>
    stack.expect<Assessment>(201, `the ${tier} assessment ${period}`, '/v1/assessments', {
      token,
      body: { tier, period, schemeId: 'jgj59-2011', tables: assessmentForm(scheme, off, points), signedBy },
    });
  const manager = { name: '张三', registrationNo: '京111000C01' };

  day = await at(lastDayOf(m1), '20:00:00');
  const first = await submit(contractor, 'self', m1, 15, manager);
  step(
    day,
    `C 的 ${m1} 项目自评按时提交：${first.score} 分（${GRADE_NAMES[first.grade]}）`,
    `Self ${m1}: ${first.score}`,
  );

  day = await at(`${m3}-03`);
  const late = await submit(contractor, 'self', m2, 15, manager);
  step(
    day,
    `C 的 ${m2} 项目自评逾期提交（${late.late ? '标记逾期' : '未逾期'}），施工总承包单位和项目经理各记 1 分`,
    `Self ${m2} submitted late: 1 point to the contractor and 1 to its project manager`,
  );

  day = await at(`${m3}-10`);
  const inspection = await stack.expect<{ inspectionId: string }>(
    201,
    'the inspection of C',
    `/v1/projects/${projectC.id}/inspections`,
    {
      token: inspector,
      body: {
        date: day,
        kind: 'routine',
        inspectors: ['王五', '赵六'],
        keyPersonnelPresent: { projectManager: true, chiefSupervisingEngineer: true },
        findings: [],
        summary: '季度安全状况评估检查',
      },
    },
  );
  const government = await stack.expect<Assessment>(
    201,
    'the government assessment',
    `/v1/projects/${projectC.id}/assessments`,
    {
      token: inspector,
      body: {
        tier: 'government',
        period: quarter,
        schemeId: 'jgj59-2011',
        // 65 points: 不合格, so the quarter's ranking proposes C (SPEC §6.5)
        tables: assessmentForm(scheme, off, 35),
        signedBy: { name: '王五' },
        inspectionId: inspection.inspectionId,
        inspectors: ['王五', '赵六'],
      },
    },
  );
  step(
    day,
    `两名监督人员检查 C 并作政府评估：${government.score} 分（${GRADE_NAMES[government.grade]}）`,
    `Government assessment of C by two inspectors: ${government.score}`,
  );

  day = await at(`${m3}-20`);
  const inflated = await submit(contractor, 'self', m3, 0, manager);
  step(
    day,
    `C 的 ${m3} 项目自评 ${inflated.score} 分，高出政府评估 15 分以上：涉嫌弄虚作假，陈述期至 ${inflated.falsification?.statementDueAt.slice(0, 10)}`,
    `Self ${m3} at ${inflated.score}: suspected of falsification (${inflated.falsification?.status})`,
  );
  day = await at(`${m3}-21`);
  await stack.expect(200, 'the statement', `/v1/assessments/${inflated.id}/statement`, {
    token: contractor,
    body: { statement: '自评时脚手架刚完成整改，检查当日部分防护被拆除，已恢复。' },
  });
  step(day, 'C 的施工总承包单位通过评估链接提交陈述', "C's contractor makes its statement through its link");
  day = await at(`${m3}-22`);
  await stack.expect(200, 'the decision', `/v1/assessments/${inflated.id}/falsification`, {
    token: officer,
    body: { finding: 'confirmed', reason: '经复核，自评与现场情况严重不符' },
  });
  step(
    day,
    '领导认定弄虚作假：施工总承包单位和项目经理各记 3 分，该次自评不计入季度得分',
    'Officer confirms the falsification: 3 points each to the contractor and the project manager',
  );

  day = await at(`${next}-03`);
  for (const role of ['developer', 'general_contractor', 'supervisor']) {
    await submit(await link(role), 'enterprise', quarter, 20, { name: `${role} 负责人` });
  }
  step(day, `建设、施工总承包、监理单位按时提交 ${quarter} 企业再评`, `The three units re-assess C for ${quarter}`);

  const standing = await stack.expect<{ quarter: { score: number; grade: string } }>(
    200,
    'the quarter',
    `/v1/projects/${projectC.id}/assessments?period=${quarter}`,
    { token: inspector },
  );
  const points = await stack.expect<{ totalInWindow: number; thresholdsReached: number[] }>(
    200,
    'the points',
    `/v1/penalty-points?subjectKind=enterprise&subjectId=${contractorCode}`,
    { token: inspector },
  );
  step(
    day,
    `C 的 ${quarter} 季度得分 ${standing.quarter.score} 分（${GRADE_NAMES[standing.quarter.grade]}）；施工总承包单位记分 ${points.totalInWindow} 分`,
    `C's ${quarter} score ${standing.quarter.score}; its contractor carries ${points.totalInWindow} points`,
  );

  await stack.setClock(null);
  const fresh = await stack.expect<{ url: string }>(
    201,
    'a fresh link',
    `/v1/projects/${projectC.id}/assessment-links`,
    {
      token: inspector,
      body: { unitCreditCode: contractorCode, validDays: 7 },
    },
  );
  return { projectId: projectC.id, quarter, pageUrl: fresh.url };
}

/**
 * The officer ranks C's quarter (the missing assessments of every registered project charged first), waits for
 * the run, publishes it: the public pages, JSON and CSV appear, and C — graded 不合格 by the government — is
 * proposed for differentiated supervision with basis "ranking". The officer includes C; its general contractor
 * (A's too) then has two projects under supervision at once, the ground of enterprise-level supervision the demo
 * reaches (SPEC §6.5: `supervised_projects`), is proposed as an enterprise case, and the officer confirms it.
 */
async function rankQuarter(stack: Stack, officer: string, inspector: string, quarter: string, projectId: string) {
  const today = new Date().toISOString().slice(0, 10);
  let started = await stack.call('/v1/rankings', { token: officer, body: { quarter } });
  if (started.status === 422) {
    // a stack that ran the demo before has published this quarter: a correction needs a reason
    started = await stack.call('/v1/rankings', { token: officer, body: { quarter, reason: '演示：重新计算排名' } });
  }
  if (started.status !== 202) throw new DemoError(`starting the ranking of ${quarter}: ${started.text}`, 1);
  const { runId } = started.json as { runId: string };
  const run = await eventually(
    () =>
      stack.expect<{ status: string; revision: number; pointsCharged: number; ranked: Record<string, number> }>(
        200,
        'the ranking run',
        `/v1/rankings/runs/${runId}`,
        { token: officer },
      ),
    (value) => value.status !== 'running',
    `ranking run ${runId}`,
    600_000,
  );
  if (run.status !== 'succeeded') throw new DemoError(`The ranking of ${quarter} failed (run ${runId}).`, 1);
  step(
    today,
    `领导发起 ${quarter} 季度排名：先对缺报的评估记分（${run.pointsCharged} 条），生成第${run.revision}版排名草稿`,
    `The officer ranks ${quarter}: missing assessments charged (${run.pointsCharged}), draft revision ${run.revision}`,
  );
  await stack.expect(200, 'publishing the ranking', `/v1/rankings/${quarter}/publish`, { token: officer, body: {} });
  await eventually(
    async () => (await stack.call(`/public/rankings/${quarter}.json`)).status,
    (status) => status === 200,
    'the public ranking files',
  );
  step(
    today,
    `公布 ${quarter} 季度排名：公开页面、JSON 和 CSV 已发布`,
    `${quarter} published: public pages, JSON and CSV`,
  );
  const project = await eventually(
    () =>
      stack.expect<{ case: { id: string; status: string } | null }>(200, 'project C', `/v1/projects/${projectId}`, {
        token: inspector,
      }),
    (value) => value.case?.status === 'proposed',
    'the proposal of C',
  );
  const proposed = await stack.expect<{ basis: string; ranking: { statement: string } | null }>(
    200,
    'the case of C',
    `/v1/cases/${project.case?.id}`,
    { token: inspector },
  );
  step(
    today,
    `C 因排名被提议纳入差别化监管（依据：${proposed.basis === 'ranking' ? '排名' : proposed.basis}）：${proposed.ranking?.statement ?? ''}`,
    `C proposed for differentiated supervision, basis "${proposed.basis}"`,
  );
  const confirmedC = await stack.expect<CaseView>(200, 'confirming C', `/v1/cases/${project.case?.id}/confirm`, {
    token: officer,
    body: {},
  });
  const inclusionC = confirmedC.notices.find((notice) => notice.type === 'inclusion');
  step(
    today,
    `领导确认纳入 C，发出差别化监管告知单 ${inclusionC?.number ?? ''}`,
    `Officer includes C: inclusion notice ${inclusionC?.number ?? ''}`,
  );

  // CaseIncluded → the enterprise-cases function counts the contractor's supervised projects (A and C)
  const contractorCode = codeOf(
    await stack.expect<Project>(200, 'project C', `/v1/projects/${projectId}`, { token: inspector }),
    'general_contractor',
  );
  const listed = await eventually(
    () =>
      stack.expect<{ items: Array<{ id: string; creditCode: string }> }>(
        200,
        'the proposed enterprise cases',
        '/v1/enterprise-cases?status=proposed',
        { token: inspector },
      ),
    (page) => page.items.some((item) => item.creditCode === contractorCode),
    "the enterprise case of C's contractor",
  );
  const enterpriseCaseId = listed.items.find((item) => item.creditCode === contractorCode)?.id as string;
  const proposal = await stack.expect<EnterpriseCaseView>(
    200,
    'the enterprise case',
    `/v1/enterprise-cases/${enterpriseCaseId}`,
    { token: inspector },
  );
  step(
    today,
    `C 的施工总承包单位${proposal.name}同时有 2 个项目（A、C）在差别化监管中，系统提出企业级差别化监管建议：` +
      proposal.grounds.map((ground) => ground.explanation).join('；'),
    `C's general contractor has two projects (A and C) under supervision at once: enterprise case ` +
      `${enterpriseCaseId} proposed (grounds: ${proposal.grounds.map((ground) => ground.ground).join(', ')})`,
  );
  const confirmed = await stack.expect<EnterpriseCaseView>(
    200,
    'confirming the enterprise case',
    `/v1/enterprise-cases/${enterpriseCaseId}/confirm`,
    { token: officer, body: {} },
  );
  const owed = confirmed.measures?.agencyInspections.projects.length;
  step(
    today,
    `领导确认对该企业实施企业级差别化监管（状态：${confirmed.status === 'active' ? '监管中' : confirmed.status}）：` +
      `监管机构每月对其${owed === undefined ? '' : ` ${owed} 个`}在施项目各检查至少 ${confirmed.measures?.agencyInspections.required ?? 2} 次，企业每季度对每个项目检查 2 次，并约谈企业负责人`,
    `Officer confirms enterprise-level supervision of C's contractor (${confirmed.status}): ≥ 2 agency inspections ` +
      'a month on each of its projects, its own two a quarter per project, summons talks',
  );
  return confirmed;
}

/** An enterprise case as `GET /v1/enterprise-cases/{id}` answers (the fields the demo prints). */
interface EnterpriseCaseView {
  id: string;
  name: string;
  status: string;
  grounds: Array<{ ground: string; explanation: string }>;
  /** while active: the agency's inspections owed this month, per project still building */
  measures: { agencyInspections: { required: number; projects: unknown[] } } | null;
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
