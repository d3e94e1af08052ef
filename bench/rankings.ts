/**
 * `npm run bench:rankings [-- --projects 10000] [--print-only]` (2,000 projects by default)
 *
 * How long the quarterly ranking run (SPEC §6.4; `shared/usecases/ranking-run.ts`, `ranking-batch.ts`; the design
 * in docs/rankings-at-scale.md) takes for N projects, what each of its parts costs, how much memory computing the
 * lists takes, and how many DynamoDB requests it spends per project.
 *
 * A fresh local twin (DynamoDB Local in memory, S3 in a temporary directory) is started in this process. N projects
 * are seeded straight into the table with BatchWriteItem, as the API would have left them at the end of 2026Q3:
 * registered by the use case's own builder (`registerProject`), spread over Beijing's 17 districts and the four
 * categories, built by general contractors, developers and supervisors that each have several projects (so the
 * enterprise lists rank enterprises over many projects), with a registered project manager and chief supervising
 * engineer; each with the quarter's assessments — three monthly self-assessments, the developer's, contractor's and
 * supervisor's re-assessments, and a government assessment tied to an inspection — scored by the scheme's own
 * `scoreAssessment` from full forms (every table of JGJ 59-2011), with their slots, references and the quarter
 * standing (`quarterStandingFromItems`). Every 40th project lacks its third self-assessment and every 60th the
 * supervisor's re-assessment, so the run charges missing assessments as it would.
 *
 * The run then goes through its own code path, timed end to end: the ranking day's schedule requests the run and
 * plans it (`startScheduledRanking`, the `rankings` function's), the batches are worked here two at a time
 * (`workRankingBatch`, the `ranking-worker` function's, per SQS message) and the last one finishes the run (every
 * list computed, its pages and the enterprises' entries written, the draft revision stored). Requests are counted by
 * a middleware on the functions' document client and filed by phase (request + plan → batches → finish). After the
 * run, uncounted, the computing step is repeated in isolation on the same rows for its CPU time and heap.
 *
 * The stream relay and the scheduler are stopped first: the run's events have consumers in this process that would
 * pollute the count. Results are printed and, unless `--print-only`, written into docs/benchmarks.md (one block per
 * size, replaced when that size runs again).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import v8 from 'node:v8';
import vm from 'node:vm';
import { startLocalStack } from '../infra/local/stack.js';
import { assessmentDue, monthsOfQuarter, quarterDays, rankingRun } from '../shared/domain/assessment/periods.js';
import { tablesNotApplicableByDefault } from '../shared/domain/assessment/scheme.js';
import { DEFAULT_SCHEME_ID, schemeById } from '../shared/domain/assessment/schemes.js';
import { scoreAssessment, type TableInput } from '../shared/domain/assessment/scoring.js';
import type { AssessmentTier } from '../shared/domain/assessment/thresholds.js';
import { DEFAULT_ASSESSMENT_THRESHOLDS } from '../shared/domain/assessment/thresholds.js';
import type { ProjectCategory, ProjectPhase } from '../shared/domain/vocabulary.js';
import { newId } from '../shared/ids.js';
import { keys, listings } from '../shared/store/keys.js';
import type { InspectionRecord } from '../shared/store/snapshot.js';
import type { UnitOfWork } from '../shared/store/unit-of-work.js';
import type { AssessmentRecord } from '../shared/usecases/assessments.js';
import { type CountedRow, countRequests, plain, type RequestLabel } from './sdk-request-counter.js';
import { batchWriter, creditCodeOf, type Item, ItemCollector, machine } from './support/seeding.js';

const SELF = fileURLToPath(import.meta.url);
const RESULTS_FILE = join(dirname(SELF), '..', 'docs', 'benchmarks.md');
const RESULTS_START = '<!-- bench:rankings:results:start -->';
const RESULTS_END = '<!-- bench:rankings:results:end -->';
/** Beijing's quarter (≈ 2,000 projects, docs/rankings-at-scale.md): ≈ 2½ minutes here; 10,000 take ≈ 12 (docs/benchmarks.md) */
const DEFAULT_PROJECTS = 2_000;
const QUARTER = '2026Q3';
const REGISTERED_AT = new Date('2026-06-20T09:00:00+08:00');
const INSPECTED_ON = '2026-09-10';
const INSPECTOR = 'user:bench-inspector';
/** projects built in memory, then written, at a time */
const SEED_CHUNK = 250;
/** BatchWriteItem requests in flight while seeding */
const SEED_PARALLEL = 8;
/** batches worked at once, as the in-process runner does (`runRanking`'s default) */
const PARALLEL_BATCHES = 2;
/** how many projects share one enterprise of each role (on average) */
const PROJECTS_PER = { general_contractor: 6, developer: 3, supervisor: 10 } as const;
/** Beijing's 16 districts and the development zone: the 17 ranked by seed 004 (对17个区（县）…进行排名) */
const DISTRICTS = [
  '东城区',
  '西城区',
  '朝阳区',
  '海淀区',
  '丰台区',
  '石景山区',
  '门头沟区',
  '房山区',
  '通州区',
  '顺义区',
  '昌平区',
  '大兴区',
  '怀柔区',
  '平谷区',
  '密云区',
  '延庆区',
  '北京经济技术开发区',
];
const PHASES: ProjectPhase[] = ['foundation', 'structure', 'structure', 'masonry', 'decoration', 'installation'];

/** What one run measured. */
interface Result {
  projects: number;
  seededItems: number;
  seedSeconds: number;
  collectionItems: number;
  collectionKiB: number;
  runSeconds: number;
  phases: Array<{ phase: string; seconds: number }>;
  run: {
    status: string;
    batches: number;
    projectsRead: number;
    projectsAssessed: number;
    pointsCharged: number;
    ranked: Record<string, number>;
    error: string | null;
  };
  finish: { readRowsSeconds: number; computeSeconds: number; writeSeconds: number };
  compute: {
    rows: number;
    rowsJsonMiB: number;
    seconds: number;
    heapBeforeMiB: number;
    heapAfterMiB: number;
    retainedMiB: number;
    listPages: number;
    listJsonMiB: number;
  };
  itemsRead: { collections: number; rows: number };
  rows: CountedRow[];
  peakRssMiB: number;
  peakHeapMiB: number;
}

// ---------------------------------------------------------------------------------------------------------------

async function main() {
  const { values } = parseArgs({
    options: {
      projects: { type: 'string' },
      'print-only': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write('usage: npm run bench:rankings [-- --projects 10000] [--print-only]\n');
    return;
  }
  const projects = values.projects ? Number(values.projects.replace(/[_,\s]/g, '')) : DEFAULT_PROJECTS;
  if (!Number.isInteger(projects) || projects < 20 || projects > 1_000_000) {
    throw new Error(`--projects takes a whole number from 20 to 1,000,000 (got ${values.projects})`);
  }
  const command = `npm run bench:rankings${values.projects ? ` -- --projects ${values.projects}` : ''}`;
  const result = await measure(projects);
  process.stdout.write(`\n${report(result)}\n`);
  if (!values['print-only']) {
    recordResult(result, command);
    process.stdout.write(`\nresults written to ${RESULTS_FILE}\n`);
  }
}

/** The modules that read the functions' environment when imported: only after this process has it. */
async function loadUseCases() {
  const [run, batch, assessments, projects, client, rules, ruleSets, evaluationRun] = await Promise.all([
    import('../shared/usecases/ranking-run.js'),
    import('../shared/usecases/ranking-batch.js'),
    import('../shared/usecases/assessments.js'),
    import('../shared/usecases/projects.js'),
    import('../shared/store/client.js'),
    import('../shared/usecases/assessment-rules.js'),
    import('../shared/store/rule-sets.js'),
    import('../shared/usecases/evaluation-run.js'),
  ]);
  return { run, batch, assessments, projects, client, rules, ruleSets, inParallel: evaluationRun.inParallel };
}

type UseCases = Awaited<ReturnType<typeof loadUseCases>>;

const MiB = (bytes: number) => bytes / 2 ** 20;

async function measure(size: number): Promise<Result> {
  const log = (line: string) => process.stderr.write(`${line}\n`);
  // a forced collection before and after the computing step, for its heap figures
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  log('starting a fresh local twin…');
  const stack = await startLocalStack({ port: 0, fresh: true, quiet: true });
  let peakRss = process.memoryUsage().rss;
  let peakHeap = process.memoryUsage().heapUsed;
  const sampler = setInterval(() => {
    const usage = process.memoryUsage();
    peakRss = Math.max(peakRss, usage.rss);
    peakHeap = Math.max(peakHeap, usage.heapUsed);
  }, 250);
  sampler.unref();
  try {
    Object.assign(process.env, stack.environment);
    const useCases = await loadUseCases();
    await stack.relay.stop();
    await stack.scheduler.stop();

    const seeded = await seed(size, useCases, log);
    log(`seeded ${int(size)} projects (${int(seeded.items)} items) in ${fixed(seeded.seconds, 1)} s`);

    // the ranking day of the quarter, at the schedule's 03:30 (Asia/Shanghai)
    const { runOn } = rankingRun(QUARTER, DEFAULT_ASSESSMENT_THRESHOLDS);
    const occurrence = new Date(`${runOn}T03:30:00+08:00`);
    const now = occurrence;

    let phase = 'request + plan';
    const marks: Record<string, number> = {};
    const mark = (name: string) => {
      marks[name] ??= performance.now();
    };
    let lastRequestAt = 0;
    let computeStartedAt = 0;
    const counter = countRequests(useCases.client.dynamo as never, (command, input) => {
      const filed = label(command, input, phase);
      if (filed.target.startsWith('RANKROWS')) {
        phase = 'finish';
        filed.phase = 'finish';
        mark('finish');
      }
      if (filed.target.startsWith('RANKLIST') && !marks.write) {
        // the list computation ran between the last read of the finish (its rules) and its first page
        computeStartedAt = lastRequestAt;
        mark('write');
      }
      lastRequestAt = performance.now();
      return filed;
    });
    // items the reads returned (the counter sees requests, not answers)
    const itemsRead = { collections: 0, rows: 0 };
    (useCases.client.dynamo as unknown as MiddlewareHost).middlewareStack.add(
      (next: Next, context: { commandName?: string }) => async (args: { input: Record<string, unknown> }) => {
        const result = await next(args);
        const output = result.output as { Items?: unknown[]; Responses?: Record<string, unknown[]> };
        if (context.commandName === 'QueryCommand' && String(plain(pkOf(args.input))).startsWith('PROJECT#')) {
          itemsRead.collections += output.Items?.length ?? 0;
        }
        if (context.commandName === 'BatchGetItemCommand' || context.commandName === 'BatchGetCommand') {
          itemsRead.rows += Object.values(output.Responses ?? {}).reduce((sum, items) => sum + items.length, 0);
        }
        return result;
      },
      { step: 'initialize', name: 'benchItemsRead' },
    );

    const messages: Array<import('../shared/usecases/ranking-run.js').RankingBatchMessage> = [];
    const started = performance.now();
    const scheduled = await useCases.run.startScheduledRanking(occurrence, now, async (sent) => {
      messages.push(...sent);
    });
    if (!scheduled.started) throw new Error(`the ranking day did not start a run: ${JSON.stringify(scheduled)}`);
    phase = 'batches';
    mark('batches');
    let done = 0;
    const progress = setInterval(() => log(`  ${phase}: ${done}/${messages.length} batches worked`), 10_000);
    await useCases.inParallel(messages, PARALLEL_BATCHES, async (message) => {
      await useCases.batch.workRankingBatch(message, now);
      done += 1;
    });
    const ended = performance.now();
    clearInterval(progress);
    counter.stop();
    (useCases.client.dynamo as unknown as MiddlewareHost).middlewareStack.remove('benchItemsRead');
    const run = await useCases.run.readRankingRun(scheduled.runId);
    if (run?.status !== 'succeeded') throw new Error(`the run did not succeed: ${JSON.stringify(run)}`);

    // the computing step again, uncounted, on the rows the run stored: its CPU time and heap
    const rows = await useCases.batch.readRunRows(run);
    const rules = await useCases.rules.assessmentRulesOn(run.rankedOn, new useCases.ruleSets.RuleSets());
    gc();
    const heapBefore = process.memoryUsage().heapUsed;
    const computeStarted = performance.now();
    const lists = useCases.batch.computeLists(rows, rules);
    const computeSeconds = (performance.now() - computeStarted) / 1000;
    const heapAfter = process.memoryUsage().heapUsed;
    gc();
    const retained = process.memoryUsage().heapUsed - heapBefore;
    let listPages = 0;
    let listBytes = 0;
    for (const key of (await import('../shared/domain/ranking.js')).LIST_KEYS) {
      const pages = useCases.batch.pagesOf(useCases.batch.entriesOf(lists, key));
      listPages += pages.length;
      listBytes += pages.reduce((sum, page) => sum + Buffer.byteLength(page.json), 0);
    }

    const at = (name: string) => marks[name] ?? ended;
    return {
      projects: size,
      seededItems: seeded.items,
      seedSeconds: seeded.seconds,
      collectionItems: seeded.collectionItems,
      collectionKiB: seeded.collectionKiB,
      runSeconds: (ended - started) / 1000,
      phases: [
        { phase: 'request + plan', seconds: (at('batches') - started) / 1000 },
        { phase: 'batches', seconds: (at('finish') - at('batches')) / 1000 },
        { phase: 'finish', seconds: (ended - at('finish')) / 1000 },
      ],
      run: {
        status: run.status,
        batches: run.batchesTotal ?? 0,
        projectsRead: run.projectsRead,
        projectsAssessed: run.projectsAssessed,
        pointsCharged: run.pointsCharged,
        ranked: run.ranked ?? {},
        error: run.error,
      },
      finish: {
        readRowsSeconds: ((computeStartedAt || at('write')) - at('finish')) / 1000,
        computeSeconds: (at('write') - (computeStartedAt || at('write'))) / 1000,
        writeSeconds: (ended - at('write')) / 1000,
      },
      compute: {
        rows: rows.length,
        rowsJsonMiB: MiB(Buffer.byteLength(JSON.stringify(rows))),
        seconds: computeSeconds,
        heapBeforeMiB: MiB(heapBefore),
        heapAfterMiB: MiB(heapAfter),
        retainedMiB: MiB(retained),
        listPages,
        listJsonMiB: MiB(listBytes),
      },
      itemsRead,
      rows: counter.rows(),
      peakRssMiB: MiB(peakRss),
      peakHeapMiB: MiB(peakHeap),
    };
  } finally {
    clearInterval(sampler);
    await stack.stop();
  }
}

type Next = (args: { input: Record<string, unknown> }) => Promise<{ output: unknown }>;
interface MiddlewareHost {
  middlewareStack: {
    add(middleware: (next: Next, context: { commandName?: string }) => Next, options: object): void;
    remove(name: string): boolean;
  };
}

const pkOf = (input: Record<string, unknown>) =>
  (input.ExpressionAttributeValues as Record<string, unknown> | undefined)?.[':pk'];

/** What a request of the run touches, by its input. */
function label(command: string, input: Record<string, unknown>, phase: string): RequestLabel {
  const value = (field: 'Key' | 'Item', name: 'pk' | 'sk') =>
    String(plain((input[field] as Record<string, unknown> | undefined)?.[name]) ?? '');
  const prefix = (text: string) => text.split('#')[0] ?? text;
  if (command === 'Query') {
    const pk = String(plain(pkOf(input)) ?? '');
    if (input.IndexName) return { phase, target: `${input.IndexName} ${pk.replace(/#\d+$/, '#n')}` };
    return { phase, target: `${prefix(pk)}# ${pk.startsWith('PROJECT#') ? 'item collection' : ''}`.trim() };
  }
  if (command === 'BatchGetItem' || command === 'BatchGet') {
    const keysAsked = Object.values((input.RequestItems ?? {}) as Record<string, { Keys: Array<{ pk: string }> }>)
      .flatMap((request) => request.Keys)
      .map((key) => prefix(String(plain(key.pk))));
    return { phase, target: `${[...new Set(keysAsked)].join(', ')} (${keysAsked.length} keys)` };
  }
  if (command === 'GetItem') return { phase, target: `${prefix(value('Key', 'pk'))} ${prefix(value('Key', 'sk'))}` };
  if (command === 'PutItem') {
    return { phase, target: `${prefix(value('Item', 'pk'))} ${prefix(value('Item', 'sk'))}`, items: 1 };
  }
  if (command === 'UpdateItem') return { phase, target: `${prefix(value('Key', 'pk'))} ${prefix(value('Key', 'sk'))}` };
  if (command === 'TransactWriteItems') {
    const parts = (input.TransactItems ?? []) as Array<
      Record<string, { Item?: Record<string, unknown>; Key?: Record<string, unknown> }>
    >;
    const targets = parts.map((part) => {
      const [kind, operation] = Object.entries(part)[0] as [
        string,
        { Item?: Record<string, unknown>; Key?: Record<string, unknown> },
      ];
      const sk = String(plain((operation.Item ?? operation.Key)?.sk) ?? '');
      const pk = String(plain((operation.Item ?? operation.Key)?.pk) ?? '');
      return kind === 'ConditionCheck' ? null : `${prefix(pk)}${sk.startsWith('DONE#') ? ' DONE' : ''}`;
    });
    const written = targets.filter((target): target is string => target !== null);
    const kinds = [...new Set(written)].sort();
    const what = kinds.some((kind) => kind.endsWith(' DONE'))
      ? 'batch counted (done marker, rows, run)'
      : kinds.includes('RANKING')
        ? phase === 'finish'
          ? 'revision, head, run (finish)'
          : 'run and head (request)'
        : kinds.some((kind) => kind === 'POINTS')
          ? 'missing-assessment charges'
          : kinds.join(', ');
    return { phase, target: what, items: written.length };
  }
  return { phase, target: prefix(value('Key', 'pk') || value('Item', 'pk')) };
}

// ---------------------------------------------------------------------------------------------------------------
// Seeding: the items the API would have written for a quarter of assessments, built in memory.

/** A small deterministic hash of `n`, for spreading projects over districts, categories, enterprises and scores. */
function spread(n: number, salt: number): number {
  let x = (n + 1) * 2654435761 + salt * 40503;
  x = Math.imul(x ^ (x >>> 16), 0x45d9f3b);
  x = Math.imul(x ^ (x >>> 16), 0x45d9f3b);
  return (x ^ (x >>> 16)) >>> 0;
}

function categoryOf(index: number): ProjectCategory {
  const roll = spread(index, 1) % 100;
  if (roll < 55) return 'building';
  if (roll < 80) return 'housing';
  if (roll < 95) return 'municipal';
  return 'rail';
}

/** Enterprise `k` of a role: its credit code and name (numbered per role, so roles never share a code). */
function enterprise(role: 'developer' | 'general_contractor' | 'supervisor' | 'subcontractor', k: number) {
  const base = { developer: 1_000_000, general_contractor: 2_000_000, supervisor: 3_000_000, subcontractor: 4_000_000 };
  const names = {
    developer: `北京某置业有限公司（${k + 1}）`,
    general_contractor: `北京某建筑工程有限公司（${k + 1}）`,
    supervisor: `北京某工程监理有限公司（${k + 1}）`,
    subcontractor: `北京某劳务分包有限公司（${k + 1}）`,
  };
  return { creditCode: creditCodeOf(base[role] + k), name: names[role] };
}

function projectBody(index: number, size: number) {
  const pool = (role: keyof typeof PROJECTS_PER) => Math.max(1, Math.round(size / PROJECTS_PER[role]));
  const developer = enterprise('developer', spread(index, 2) % pool('developer'));
  const contractorNo = spread(index, 3) % pool('general_contractor');
  const contractor = enterprise('general_contractor', contractorNo);
  const supervisorNo = spread(index, 4) % pool('supervisor');
  const supervisor = enterprise('supervisor', supervisorNo);
  const subcontractor = enterprise('subcontractor', index);
  const district = DISTRICTS[spread(index, 5) % DISTRICTS.length] as string;
  return {
    name: `${district}${index + 1} 号地块建设项目`,
    district,
    address: `北京市${district}某路 ${index + 1} 号`,
    category: categoryOf(index),
    phase: PHASES[spread(index, 6) % PHASES.length] as ProjectPhase,
    units: [
      { role: 'developer' as const, ...developer },
      { role: 'general_contractor' as const, ...contractor, groupCompany: '北京某建工集团有限责任公司' },
      { role: 'supervisor' as const, ...supervisor },
      { role: 'subcontractor' as const, ...subcontractor },
    ],
    persons: [
      {
        role: 'project_manager' as const,
        name: '张三',
        unitCreditCode: contractor.creditCode,
        registrationNo: `京111${String(index).padStart(7, '0')}`,
      },
      {
        // one chief supervising engineer of a supervisor on about three of its projects
        role: 'chief_supervising_engineer' as const,
        name: '李四',
        unitCreditCode: supervisor.creditCode,
        registrationNo: `京211${String(supervisorNo * 4 + (spread(index, 7) % 4)).padStart(7, '0')}`,
      },
    ],
  };
}

/** Every table of the scheme, those not used in the phase marked 不涉及, each table in use deducted `points`. */
function assessmentForm(phase: ProjectPhase, points: number): TableInput[] {
  const scheme = schemeById(DEFAULT_SCHEME_ID);
  const off = new Set(tablesNotApplicableByDefault(scheme, phase));
  return scheme.tables.map((table) => {
    if (off.has(table.id)) return { tableId: table.id, notApplicable: true, items: [] };
    let remaining = points;
    const deductions = new Map<string, number>();
    // general items first, never a guaranteed item in full: no table is zeroed and each scores 100 − points
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

/** One project with its quarter of assessments, as the API would have left it when the quarter was ranked. */
function projectItems(index: number, size: number, useCases: UseCases) {
  const items = new Map<string, Item>();
  const collector = new ItemCollector(items);
  const body = projectBody(index, size);
  const project = useCases.projects.registerProject(collector as unknown as UnitOfWork, body, INSPECTOR, REGISTERED_AT);
  const projectId = project.id;
  const unit = (role: string) => body.units.find((candidate) => candidate.role === role) as (typeof body.units)[number];
  const inspection: InspectionRecord = {
    id: newId('ins'),
    projectId,
    date: INSPECTED_ON,
    kind: 'routine',
    inspectors: ['王五', '赵六'],
    keyPersonnelPresent: { projectManager: true, chiefSupervisingEngineer: true },
    summary: '季度安全状况评估检查',
    findingIds: [],
    recordedAt: new Date(`${INSPECTED_ON}T10:00:00+08:00`).toISOString(),
    recordedBy: INSPECTOR,
  };
  collector.put({ ...keys.inspection(projectId, inspection.id), type: 'inspection', ...inspection });
  collector.put({
    ...keys.reference(inspection.id),
    type: 'reference',
    id: inspection.id,
    projectId,
    recordType: 'inspection',
  });

  // the government's deduction 5–34 points a table (scores 66–95); the units assess a little more kindly
  const government = 5 + (spread(index, 8) % 30);
  const [m1, m2, m3] = monthsOfQuarter(QUARTER) as [string, string, string];
  const submissions: Array<{
    tier: AssessmentTier;
    period: string;
    points: number;
    by?: 'developer' | 'general_contractor' | 'supervisor';
  }> = [
    { tier: 'self', period: m1, points: Math.max(0, government - 4), by: 'general_contractor' },
    { tier: 'self', period: m2, points: Math.max(0, government - 3), by: 'general_contractor' },
    ...(index % 40 === 39
      ? []
      : [
          { tier: 'self' as const, period: m3, points: Math.max(0, government - 2), by: 'general_contractor' as const },
        ]),
    { tier: 'government', period: QUARTER, points: government },
    { tier: 'enterprise', period: QUARTER, points: Math.max(0, government - 3), by: 'developer' },
    { tier: 'enterprise', period: QUARTER, points: Math.max(0, government - 3), by: 'general_contractor' },
    ...(index % 60 === 59
      ? []
      : [
          {
            tier: 'enterprise' as const,
            period: QUARTER,
            points: Math.max(0, government - 1),
            by: 'supervisor' as const,
          },
        ]),
  ];
  const scheme = schemeById(DEFAULT_SCHEME_ID);
  for (const submission of submissions) {
    const due = assessmentDue(submission.tier, submission.period, DEFAULT_ASSESSMENT_THRESHOLDS);
    const submittedAt =
      submission.tier === 'government'
        ? new Date(`${INSPECTED_ON}T16:00:00+08:00`).toISOString()
        : new Date(`${due?.dueOn}T10:00:00+08:00`).toISOString();
    const by = submission.by ? unit(submission.by) : null;
    const tables = assessmentForm(body.phase, submission.points);
    const slot = [submission.tier, submission.period, by?.creditCode ?? inspection.id].join('#');
    const record: AssessmentRecord = {
      id: newId('asm'),
      projectId,
      tier: submission.tier,
      period: submission.period,
      quarter: QUARTER,
      schemeId: scheme.id,
      schemeRevision: scheme.revision,
      unitCreditCode: by?.creditCode ?? null,
      unitName: by?.name ?? null,
      inspectionId: submission.tier === 'government' ? inspection.id : null,
      inspectors: submission.tier === 'government' ? inspection.inspectors : null,
      form: tables,
      result: scoreAssessment(scheme, { tables }),
      signedBy:
        submission.tier === 'self'
          ? { name: '张三', registrationNo: body.persons[0]?.registrationNo as string }
          : { name: submission.tier === 'government' ? '王五' : `${by?.name} 负责人` },
      submittedAt,
      submittedBy: submission.tier === 'government' ? INSPECTOR : `link:${newId('lnk')}`,
      due,
      late: false,
      slot,
      replaces: null,
      supersededBy: null,
      falsification: null,
      penaltyEntryIds: [],
      ruleSetVersion: DEFAULT_RULES.ruleSetVersion,
      version: 1,
    };
    collector.put({ ...keys.assessment(projectId, record.id), type: 'assessment', ...record });
    collector.put({
      ...keys.reference(record.id),
      type: 'reference',
      id: record.id,
      projectId,
      recordType: 'assessment',
    });
    collector.put({
      ...keys.assessmentSlot(projectId, slot),
      type: 'assessment-slot',
      slot,
      assessmentId: record.id,
      version: 1,
    });
  }
  // the quarter standing the last submission stored (stageQuarterStanding), in the quarter's sparse index
  const computed = useCases.assessments.quarterStandingFromItems(
    [...items.values()],
    QUARTER,
    DEFAULT_RULES,
    REGISTERED_AT,
  );
  if (!computed) throw new Error('the seeded project has no project item');
  collector.put({
    ...keys.assessmentQuarter(projectId, QUARTER),
    type: 'assessment-quarter',
    gsi1pk: listings.assessedShard(QUARTER, projectId),
    gsi1sk: projectId,
    ...computed.standing,
    projectName: body.name,
    district: body.district,
    version: submissions.length,
  });
  return [...items.values()];
}

/** The rules a seeded standing is computed under (the run recomputes it under the rules of its day). */
let DEFAULT_RULES: import('../shared/usecases/assessment-rules.js').AssessmentRules;

async function seed(size: number, useCases: UseCases, log: (line: string) => void) {
  const registeredOn = quarterDays(QUARTER).first;
  DEFAULT_RULES = await useCases.rules.assessmentRulesOn(registeredOn, new useCases.ruleSets.RuleSets());
  const writer = batchWriter(useCases.client.TABLE_NAME, SEED_PARALLEL);
  const started = performance.now();
  let lastLog = started;
  let collectionItems = 0;
  let collectionBytes = 0;
  for (let from = 0; from < size; from += SEED_CHUNK) {
    const items: Item[] = [];
    for (let index = from; index < Math.min(size, from + SEED_CHUNK); index++) {
      const built = projectItems(index, size, useCases);
      const collection = built.filter((item) => item.pk.startsWith('PROJECT#'));
      collectionItems += collection.length;
      if (index < 100) collectionBytes += Buffer.byteLength(JSON.stringify(collection));
      items.push(...built);
    }
    await writer.writeAll(items);
    if (performance.now() - lastLog > 15_000) {
      lastLog = performance.now();
      log(`  seeded ${int(Math.min(size, from + SEED_CHUNK))}/${int(size)} projects (${int(writer.written)} items)`);
    }
  }
  writer.destroy();
  return {
    items: writer.written,
    seconds: (performance.now() - started) / 1000,
    collectionItems: collectionItems / size,
    collectionKiB: collectionBytes / Math.min(size, 100) / 1024,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The report.

const int = (n: number) => Math.round(n).toLocaleString('en');
const fixed = (n: number, digits = 2) => n.toFixed(digits);

function report(result: Result): string {
  const { run } = result;
  const total = result.rows.reduce((sum, row) => sum + row.requests, 0);
  const per = (n: number) => fixed(n / result.projects, 3);
  const phaseRequests = (phase: string) =>
    result.rows.filter((row) => row.phase === phase).reduce((sum, row) => sum + row.requests, 0);
  const lines = [
    `${int(result.projects)} projects: seeded ${int(result.seededItems)} items in ${fixed(result.seedSeconds, 1)} s ` +
      `(a project's item collection: ${fixed(result.collectionItems, 1)} items, ${fixed(result.collectionKiB, 1)} KiB)`,
    `run ${run.status} in ${fixed(result.runSeconds, 1)} s: ${int(run.batches)} batches, ${int(run.projectsRead)} ` +
      `projects read, ${int(run.projectsAssessed)} ranked, ${int(run.pointsCharged)} missing-assessment charges` +
      `${run.error ? `; error: ${run.error}` : ''}`,
    `lists: ${Object.entries(run.ranked)
      .map(([key, count]) => `${key} ${int(count)}`)
      .join(', ')}`,
    '',
    '| part | seconds | DynamoDB requests | per project |',
    '|---|---:|---:|---:|',
    ...result.phases.map(
      (entry) =>
        `| ${entry.phase} | ${fixed(entry.seconds, 1)} | ${int(phaseRequests(entry.phase))} | ${per(phaseRequests(entry.phase))} |`,
    ),
    `| — finish: reading the rows back | ${fixed(result.finish.readRowsSeconds, 2)} | | |`,
    `| — finish: computing every list | ${fixed(result.finish.computeSeconds, 2)} | | |`,
    `| — finish: writing pages, enterprise entries, revision | ${fixed(result.finish.writeSeconds, 1)} | | |`,
    `| **whole run** | **${fixed(result.runSeconds, 1)}** | **${int(total)}** | **${per(total)}** |`,
    '',
    `Throughput: ${fixed(result.projects / result.runSeconds, 1)} projects/s over the whole run, ` +
      `${fixed(result.projects / (result.phases[1]?.seconds ?? result.runSeconds), 1)} projects/s in the batches ` +
      `(${PARALLEL_BATCHES} batches at once, 8 projects at once in each). Items read: ${int(result.itemsRead.collections)} ` +
      `from the projects' collections (${fixed(result.itemsRead.collections / result.projects, 1)} a project), ` +
      `${int(result.itemsRead.rows)} batch-row items at the finish.`,
    '',
    `Computing every list in isolation (after the run, uncounted, same rows): ${fixed(result.compute.seconds, 2)} s ` +
      `for ${int(result.compute.rows)} rows (${fixed(result.compute.rowsJsonMiB, 1)} MiB as JSON); heap ` +
      `${fixed(result.compute.heapBeforeMiB, 0)} MiB before (rows held), ${fixed(result.compute.heapAfterMiB, 0)} MiB ` +
      `right after (no collection in between: what the step allocated, garbage included), ` +
      `${fixed(result.compute.retainedMiB, 1)} MiB retained by the lists; ${int(result.compute.listPages)} pages ` +
      `(${fixed(result.compute.listJsonMiB, 1)} MiB of JSON). Peak of the whole process (twin's S3 server and ` +
      `gateway included, DynamoDB Local not): RSS ${int(result.peakRssMiB)} MiB, heap ${int(result.peakHeapMiB)} MiB ` +
      '(sampled every 250 ms).',
    '',
    '| phase | request | what it touches | requests | per project | failed | items written | mean latency |',
    '|---|---|---|---:|---:|---:|---:|---:|',
    ...result.rows.map(
      (row) =>
        `| ${row.phase} | ${row.command} | ${row.target} | ${int(row.requests)} | ${per(row.requests)} | ` +
        `${int(row.failed)} | ${row.items ? int(row.items) : ''} | ${fixed(row.milliseconds / row.requests, 1)} ms |`,
    ),
  ];
  return lines.join('\n');
}

/** Replace (or add) this size's block in the rankings' results section of docs/benchmarks.md. */
function recordResult(result: Result, command: string) {
  const host = machine();
  let text = existsSync(RESULTS_FILE) ? readFileSync(RESULTS_FILE, 'utf8') : '# Benchmarks\n';
  if (!text.includes(RESULTS_START)) {
    text = `${text.trimEnd()}\n\n## Results: quarterly ranking (latest run of each size)\n\n${RESULTS_START}\n${RESULTS_END}\n`;
  }
  const [head, rest] = text.split(RESULTS_START) as [string, string];
  const [section, tail] = rest.split(RESULTS_END) as [string, string];
  const blocks = new Map<number, string>();
  for (const match of section.matchAll(/<!-- projects=(\d+) -->\n([\s\S]*?)<!-- \/projects=\1 -->\n?/g)) {
    blocks.set(Number(match[1]), match[2] as string);
  }
  blocks.set(
    result.projects,
    [
      `### ${int(result.projects)} projects`,
      '',
      `- command: \`${command}\``,
      `- machine: ${host.nproc} CPUs (nproc; ${host.cpu}), ${host.memory} memory, ${host.os}`,
      `- node ${host.node}; DynamoDB Local under ${host.java}`,
      `- date: ${host.date}`,
      '',
      report(result),
      '',
    ].join('\n'),
  );
  const body = [...blocks.entries()]
    .sort(([a], [b]) => a - b)
    .map(([projects, block]) => `<!-- projects=${projects} -->\n${block.trimEnd()}\n<!-- /projects=${projects} -->\n`)
    .join('\n');
  writeFileSync(RESULTS_FILE, `${head}${RESULTS_START}\n${body}${RESULTS_END}${tail}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
