/**
 * `npm run bench:history [-- --intakes 5] [--label latest] [--print-only]`
 *
 * Whether what an intake and a monthly evaluation cost grows with a project's history (issue 13, item 1). One fresh
 * local twin (DynamoDB Local in memory, S3 in a temporary directory) holds two projects side by side, both under
 * supervision with a cycle that ended last month:
 *
 * - **old**: registered three years ago; an inspection every week with two hazards (accepted within days), one
 *   hazard of two years ago never rectified (still open, overdue); a case included eleven months before last
 *   month, every obligation of every cycle answered by an accepted upload (daily reports, patrols, follow-ups,
 *   weekly reports, plans, the notice's receipt) with its timeline entry, and eleven cycles judged;
 * - **fresh**: no more history than the rules read: registered one look-back window (the rule set's
 *   `lookbackDays`) before its case was proposed, the same weekly inspections, a hazard of its first week never rectified, a case included on
 *   the first day of the month before last (its first cycle judged, its second ended last month), every
 *   obligation answered likewise.
 *
 * Both are seeded straight into the table with BatchWriteItem, then given their standing entries by the standing
 * index's backfill (shared/usecases/standing-index-backfill.ts), as a deployed table is, items built by the use cases' own builders
 * (`registerProject`, `recordInspectionReport`, `proposeCase`, `changeCase`) or copied field for field from them,
 * each record's id taken at the instant it was recorded (ids are ULIDs: their first characters are that instant).
 * A third project like the fresh one is evaluated and inspected first, uncounted, so that both measured ones meet
 * warm code paths. Then, counted by a middleware on the functions' document client (requests and the capacity DynamoDB reports as
 * consumed), and timed, in this order: last month's evaluation of each case through the worker's code path
 * (`workBatch` on a batch of that one case), then `--intakes` inspections recorded alternately on each project
 * (`recordInspection`, as the HTTP route calls it). The stream relay and the scheduler are stopped first.
 * Results are printed and, unless `--print-only`, written into docs/benchmarks.md under `--label`.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { startLocalStack } from '../infra/local/stack.js';
import { addWorkingDays } from '../shared/domain/calendar.js';
import { evaluateConditions } from '../shared/domain/conditions.js';
import { type Cycle, firstCycle, nextCycle } from '../shared/domain/cycles.js';
import { addDays, shanghaiDate } from '../shared/domain/dates.js';
import { DEFAULT_NOTICE_PREFIXES, formatNoticeNumber } from '../shared/domain/notice-number.js';
import { computeObligations } from '../shared/domain/obligations.js';
import { DEFAULT_RULE_SET } from '../shared/domain/rule-set.js';
import type { TimelineEntryContent } from '../shared/domain/timeline.js';
import type { HazardCategory } from '../shared/domain/vocabulary.js';
import type { IdPrefix } from '../shared/ids.js';
import { keys } from '../shared/store/keys.js';
import type {
  CaseRecord,
  DocumentRecord,
  FindingRecord,
  InspectionRecord,
  NoticeRecord,
} from '../shared/store/snapshot.js';
import type { UnitOfWork } from '../shared/store/unit-of-work.js';
import { type CountedRow, countRequests, plain } from './sdk-request-counter.js';
import { batchWriter, type Item, ItemCollector, machine, seededProjectBody } from './support/seeding.js';

const SELF = fileURLToPath(import.meta.url);
const RESULTS_FILE = join(dirname(SELF), '..', 'docs', 'benchmarks.md');
const RESULTS_START = '<!-- bench:history:results:start -->';
const RESULTS_END = '<!-- bench:history:results:end -->';
const INSPECTOR = 'user:bench-inspector';
const OFFICER = 'user:bench-officer';
const VERIFIER = 'system:document-verifier';
const DAY_MS = 86_400_000;
/** hazard categories the weekly inspections cycle through (two hazards an inspection) */
const CATEGORIES: HazardCategory[] = ['scaffolding', 'formwork', 'lifting', 'electrical', 'work_at_height'];

type Flavour = 'old' | 'fresh';

interface Measured {
  flavour: Flavour;
  items: number;
  kib: number;
  evaluation: { verdict: string; milliseconds: number; rows: CountedRow[] };
  intakes: Array<{ milliseconds: number; rows: CountedRow[] }>;
}

async function main() {
  const { values } = parseArgs({
    options: {
      intakes: { type: 'string', default: '5' },
      label: { type: 'string', default: 'latest' },
      'print-only': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write('usage: npm run bench:history [-- --intakes 5] [--label latest] [--print-only]\n');
    return;
  }
  const intakes = Number(values.intakes);
  if (!Number.isInteger(intakes) || intakes < 1 || intakes > 100) throw new Error('--intakes takes 1 … 100');
  const log = (line: string) => process.stderr.write(`${line}\n`);
  log('starting a fresh local twin…');
  const stack = await startLocalStack({ port: 0, fresh: true, quiet: true });
  try {
    Object.assign(process.env, stack.environment);
    const useCases = await loadUseCases();
    await stack.relay.stop();
    await stack.scheduler.stop();
    const now = new Date();
    const seeded = await seed(useCases, now, log);
    await measure(useCases, [{ ...seeded.warmup, flavour: 'fresh' }], now, 2, () => {});
    const results = await measure(useCases, seeded.measured, now, intakes, log);
    const text = report(results, now);
    process.stdout.write(`\n${text}\n`);
    if (!values['print-only']) {
      const command = `npm run bench:history${intakes === 5 ? '' : ` -- --intakes ${intakes}`}`;
      record(values.label as string, command, text);
      process.stdout.write(`\nresults written to ${RESULTS_FILE} (label ${values.label})\n`);
    }
  } finally {
    await stack.stop();
  }
}

/** The modules that read the functions' environment when imported: only after this process has it. */
async function loadUseCases() {
  const [batch, caseRecords, projects, reports, intake, snapshot, client, ruleSets, unitOfWork] = await Promise.all([
    import('../shared/usecases/evaluation-batch.js'),
    import('../shared/usecases/case-records.js'),
    import('../shared/usecases/projects.js'),
    import('../shared/usecases/inspection-reports.js'),
    import('../shared/usecases/intake.js'),
    import('../shared/store/snapshot.js'),
    import('../shared/store/client.js'),
    import('../shared/store/rule-sets.js'),
    import('../shared/store/unit-of-work.js'),
  ]);
  return { batch, caseRecords, projects, reports, intake, snapshot, client, ruleSets, unitOfWork };
}

type UseCases = Awaited<ReturnType<typeof loadUseCases>>;

/** A record id taken at `at`, as `newId` takes it at the instant of recording. */
const idAt = (prefix: IdPrefix, at: Date | number) => `${prefix}_${ulid(typeof at === 'number' ? at : at.getTime())}`;
/** 10:00 in Beijing on a day. */
const morning = (date: string, hour = 10) => new Date(`${date}T${String(hour).padStart(2, '0')}:00:00+08:00`);
const firstOfMonth = (date: string) => `${date.slice(0, 7)}-01`;
const monthBefore = (date: string, months: number) => {
  const [year, month] = date.split('-').map(Number) as [number, number];
  const index = year * 12 + (month - 1) - months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`;
};

interface SeededProject {
  flavour: Flavour;
  projectId: string;
  caseId: string;
  contractor: string;
  month: string;
  lastDay: string;
}

function projectBody(flavour: Flavour) {
  return seededProjectBody(
    {
      name: `朝阳区${flavour === 'old' ? '望京' : '酒仙桥'}综合体项目（${flavour}）`,
      district: '朝阳区',
      address: `北京市朝阳区${flavour === 'old' ? '望京街' : '酒仙桥路'} 10 号`,
    },
    {
      developer: '北京某置业有限公司',
      contractor: '北京某建筑工程有限公司',
      groupCompany: '北京某建设集团有限责任公司',
    },
  );
}

/**
 * One project and its history up to `now` (see the header): the items, and what the measurement needs.
 * `registeredOn` is its first day; `includedOn` the day its case was included.
 */
function projectItems(
  flavour: Flavour,
  useCases: UseCases,
  now: Date,
  registeredOn: string,
  includedOn: string,
  neverRectifiedOn: string,
): { items: Item[]; project: SeededProject } {
  const today = shanghaiDate(now);
  const lastMonthEnd = addDays(firstOfMonth(today), -1);
  const items = new Map<string, Item>();
  const collector = new ItemCollector(items);
  const uow = collector as unknown as UnitOfWork;
  const { body, contractor } = projectBody(flavour);
  const project = useCases.projects.registerProject(uow, body, INSPECTOR, morning(registeredOn, 9));
  const projectId = project.id;
  const ruleSets = [DEFAULT_RULE_SET];

  // weekly inspections with two hazards each, accepted on the fifth day; one hazard never rectified
  const inspections: InspectionRecord[] = [];
  for (let date = addDays(registeredOn, 7); date < today; date = addDays(date, 7)) {
    const at = morning(date);
    const inspectionId = idAt('ins', at);
    const week = inspections.length;
    const findings: FindingRecord[] = [0, 1].map((n) => {
      const acceptedOn = addDays(date, 5);
      const neverRectified = n === 0 && date === neverRectifiedOn;
      const accepted = !neverRectified && acceptedOn < today;
      return {
        id: idAt('haz', at.getTime() + n + 1),
        projectId,
        inspectionId,
        kind: 'hazard',
        category: CATEGORIES[(week * 2 + n) % CATEGORIES.length] as HazardCategory,
        severity: 'general',
        unitCreditCode: contractor,
        description: `${n + 1} 号楼外脚手架连墙件缺失`,
        foundOn: date,
        deadline: addDays(date, 7),
        status: accepted ? 'accepted' : 'open',
        version: accepted ? 2 : 1,
        history: accepted
          ? [{ on: acceptedOn, status: 'accepted', at: morning(acceptedOn, 15).toISOString(), by: INSPECTOR }]
          : [],
      };
    });
    const inspection: InspectionRecord = {
      id: inspectionId,
      projectId,
      date,
      kind: week % 4 === 0 ? 'joint' : 'routine',
      inspectors: ['王五', '赵六'],
      keyPersonnelPresent: { projectManager: true, chiefSupervisingEngineer: true },
      summary: '对项目安全管理及脚手架进行检查',
      findingIds: findings.map((finding) => finding.id),
      measures: [],
      recordedAt: at.toISOString(),
      recordedBy: INSPECTOR,
    };
    collector.put({ ...keys.inspection(projectId, inspectionId), type: 'inspection', ...inspection });
    for (const finding of findings) {
      collector.put({ ...keys.hazard(projectId, finding.id), type: 'finding', ...finding });
      collector.put({
        ...keys.reference(finding.id),
        type: 'reference',
        id: finding.id,
        projectId,
        recordType: 'finding',
      });
    }
    useCases.reports.recordInspectionReport(uow, project, inspection, findings, ruleSets);
    inspections.push(inspection);
  }

  // the case: proposed three days before inclusion, included, its notice acknowledged with the first receipt
  const proposedAt = morning(addDays(includedOn, -3));
  const before = useCases.snapshot.snapshotOf([...items.values()]);
  if (!before) throw new Error('the seeded project has no project item');
  const evaluation = evaluateConditions(useCases.snapshot.factsOf(before), { asOf: addDays(includedOn, -3) });
  let record: CaseRecord = useCases.caseRecords.proposeCase(uow, before, evaluation, INSPECTOR, proposedAt);
  const caseId = record.id;
  const includedAt = morning(includedOn);
  const due = addWorkingDays(includedOn, 5);
  const noticeId = idAt('ntc', includedAt);
  const notice: NoticeRecord = {
    id: noticeId,
    caseId,
    projectId,
    noticeType: 'inclusion',
    number: formatNoticeNumber(DEFAULT_NOTICE_PREFIXES.inclusion, Number(includedOn.slice(0, 4)), 1),
    sequence: 1,
    issuedOn: includedOn,
    issuedAt: includedAt.toISOString(),
    receiptDueOn: due.dueOn,
    receiptDueAt: due.dueAt,
    calendarVersion: due.calendarVersion,
    calendarFallback: due.fallback,
    acknowledgedAt: null,
    documentKey: `notices/${caseId}/${noticeId}.pdf`,
    documentSha256: 'f'.repeat(64),
    recipients: body.units.map((unit) => unit.name),
    conditionsMet: ['C4'],
  };
  let cycle: Cycle = firstCycle(includedOn);
  record = useCases.caseRecords.changeCase(uow, record, {
    set: { status: 'active', level: 1, includedAt: includedAt.toISOString(), includedOn, cycle },
    entries: [
      { at: includedAt.toISOString(), actor: OFFICER, action: 'included', detail: {}, evidence: [] },
      {
        at: includedAt.toISOString(),
        actor: OFFICER,
        action: 'notice_issued',
        detail: { type: 'inclusion', number: notice.number, issuedOn: includedOn, receiptDueOn: notice.receiptDueOn },
        evidence: [noticeId],
      },
    ],
  });
  collector.put({ ...keys.notice(projectId, caseId, noticeId), type: 'notice', ...notice });

  // every cycle up to last month: each obligation answered at noon on its due day; the cycles before last month judged
  const linkId = idAt('lnk', includedAt);
  for (;;) {
    const obligations = computeObligations(
      {
        includedOn,
        period: { from: cycle.start, to: cycle.end },
        asOf: cycle.end,
        units: body.units,
        inspectionReports: inspections
          .filter((inspection) => inspection.date >= includedOn)
          .map((inspection) => ({
            inspectionId: inspection.id,
            date: inspection.date,
            hazardCount: inspection.findingIds.length,
          })),
        notices: [{ id: noticeId, type: 'inclusion', issuedOn: includedOn, receiptDueAt: notice.receiptDueAt }],
        ruleSets,
      },
      [],
    ).obligations;
    for (const obligation of obligations) {
      const unitCreditCode = obligation.unitCreditCode ?? contractor;
      const unit = body.units.find((candidate) => candidate.creditCode === unitCreditCode);
      const arrived = morning(obligation.dueOn, 12);
      const documentId = idAt('doc', arrived.getTime() - 120_000);
      const document: DocumentRecord = {
        id: documentId,
        caseId,
        projectId,
        linkId,
        unitCreditCode,
        unitRole: unit?.role ?? 'general_contractor',
        docType: obligation.type,
        fileName: `${obligation.type}.pdf`,
        contentType: 'application/pdf',
        size: 48_213,
        sha256: 'e'.repeat(64),
        ...(obligation.reportDate && obligation.type !== 'rectification_plan'
          ? { reportDate: obligation.reportDate }
          : {}),
        ...(obligation.type === 'notice_receipt' ? { noticeId } : {}),
        key: `cases/${caseId}/${unitCreditCode}/${obligation.type}/${documentId}.pdf`,
        status: 'accepted',
        reason: null,
        requestedAt: new Date(arrived.getTime() - 120_000).toISOString(),
        uploadedAt: arrived.toISOString(),
        verifiedAt: arrived.toISOString(),
      };
      collector.put({ ...keys.document(projectId, caseId, documentId), type: 'document', ...document });
      const entries: TimelineEntryContent[] = [
        {
          at: arrived.toISOString(),
          actor: VERIFIER,
          action: 'document_accepted',
          detail: { documentId, docType: document.docType, unitCreditCode, reportDate: document.reportDate ?? null },
          evidence: [documentId],
        },
      ];
      if (obligation.type === 'notice_receipt') {
        const stored = collector.get(keys.notice(projectId, caseId, noticeId));
        stored.acknowledgedAt = arrived.toISOString();
        stored.acknowledgedBy = documentId;
      }
      record = useCases.caseRecords.changeCase(uow, record, { entries });
    }
    if (cycle.end >= lastMonthEnd) break;
    // judged on the first of the next month: continue at level 1
    const evaluatedOn = addDays(cycle.end, 1);
    const evaluatedAt = morning(evaluatedOn, 2);
    collector.put({
      ...keys.cycle(projectId, caseId, cycle.index),
      type: 'cycle',
      caseId,
      projectId,
      ...cycle,
      month: cycle.end.slice(0, 7),
      runId: idAt('run', evaluatedAt),
      verdict: 'continue',
      levelBefore: 1,
      levelAfter: 1,
      reasons: ['存在逾期未整改的隐患'],
      conditions: [],
      hazards: { open: 1, overdue: 1 },
      compliance: null,
      inspections: [],
      evaluatedOn,
      evaluatedAt: evaluatedAt.toISOString(),
    });
    const next = nextCycle(cycle);
    record = useCases.caseRecords.changeCase(uow, record, {
      set: { cycle: next },
      entries: [
        {
          at: evaluatedAt.toISOString(),
          actor: 'system:monthly-evaluation',
          action: 'cycle_evaluated',
          detail: { cycle: cycle.index, start: cycle.start, end: cycle.end, verdict: 'continue' },
          evidence: [],
        },
      ],
    });
    cycle = next;
  }
  return {
    items: [...items.values()],
    project: { flavour, projectId, caseId, contractor, month: lastMonthEnd.slice(0, 7), lastDay: lastMonthEnd },
  };
}

async function seed(useCases: UseCases, now: Date, log: (line: string) => void) {
  const started = performance.now();
  const today = shanghaiDate(now);
  const twoMonthsAgo = monthBefore(today, 2);
  const lookback = DEFAULT_RULE_SET.thresholds.lookbackDays;
  const old = projectItems(
    'old',
    useCases,
    now,
    shanghaiDate(new Date(now.getTime() - 3 * 365 * DAY_MS)),
    monthBefore(today, 12),
    // an inspection day about two years ago (a multiple of 7 days after registration)
    addDays(shanghaiDate(new Date(now.getTime() - 3 * 365 * DAY_MS)), 7 * 52),
  );
  // a full look-back window of history when its case was proposed, as the old one had
  const freshRegistered = addDays(twoMonthsAgo, -3 - lookback);
  const fresh = projectItems('fresh', useCases, now, freshRegistered, twoMonthsAgo, addDays(freshRegistered, 7));
  // a third like the fresh one, evaluated and inspected first, uncounted: the code paths warm (JIT, modules, the
  // SDK's connections) before either measured project, as in a warm function
  const warmup = projectItems('fresh', useCases, now, freshRegistered, twoMonthsAgo, addDays(freshRegistered, 7));
  const writer = batchWriter(useCases.client.TABLE_NAME, 6);
  await writer.writeAll([...old.items, ...fresh.items, ...warmup.items]);
  writer.destroy();
  // the findings were seeded as items of before the standing index: its backfill gives them their entries, as
  // `npm run backfill:standing-index` does on a deployed table (uncounted: it runs once, not per request)
  // (code from before the standing index, measured for comparison, has no backfill: it reads whole collections)
  const backfill = await import('../shared/usecases/standing-index-backfill.js').catch(() => undefined);
  for (const project of [old.project, fresh.project, warmup.project]) {
    await backfill?.backfillStandingIndex(project.projectId);
  }
  log(
    `seeded ${old.items.length} items (old) and ${fresh.items.length} (fresh) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  return { measured: [old.project, fresh.project], warmup: warmup.project };
}

/** What a request touches, for the tables. */
function label(phase: string) {
  return (command: string, input: Record<string, unknown>) => {
    const values = (input.ExpressionAttributeValues ?? {}) as Record<string, unknown>;
    const pk = String(plain(values[':pk']) ?? plain((input.Key as Record<string, unknown> | undefined)?.pk) ?? '');
    const prefix = pk.split('#')[0] || (command === 'TransactWriteItems' ? 'transaction' : command);
    const items = (input.TransactItems as unknown[] | undefined)?.length;
    return { phase, target: prefix, ...(items ? { items } : {}) };
  };
}

async function measure(
  useCases: UseCases,
  projects: SeededProject[],
  now: Date,
  intakes: number,
  log: (line: string) => void,
): Promise<Measured[]> {
  const reader = DynamoDBDocumentClient.from(new DynamoDBClient({}));
  const table = useCases.client.TABLE_NAME;
  const results = new Map<Flavour, Measured>();
  // a warm function has seen the table's migration record once (project-window.ts): so does this process
  const window = await import('../shared/store/project-window.js').catch(() => undefined);
  await window?.standingIndexComplete();
  for (const project of projects) {
    let items = 0;
    let bytes = 0;
    let start: Record<string, unknown> | undefined;
    do {
      const page = await reader.send(
        new QueryCommand({
          TableName: table,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': keys.projectPartition(project.projectId) },
          ExclusiveStartKey: start,
        }),
      );
      items += page.Items?.length ?? 0;
      bytes += (page.Items ?? []).reduce((sum, item) => sum + Buffer.byteLength(JSON.stringify(item)), 0);
      start = page.LastEvaluatedKey;
    } while (start);
    results.set(project.flavour, {
      flavour: project.flavour,
      items,
      kib: bytes / 1024,
      evaluation: { verdict: '', milliseconds: 0, rows: [] },
      intakes: [],
    });
  }

  // last month's evaluation of each case, a batch of one case each (the worker's code path)
  for (const project of projects) {
    const runId = idAt('run', now);
    await reader.send(
      new PutCommand({
        TableName: table,
        Item: {
          pk: `RUN#${runId}`,
          sk: 'PLAN#bench#000000',
          type: 'evaluation-plan',
          kind: 'cases',
          cases: [{ projectId: project.projectId, caseId: project.caseId }],
          lastDay: project.lastDay,
        },
      }),
    );
    const counter = countRequests(useCases.client.dynamo as never, label('evaluation'), { capacity: true });
    const started = performance.now();
    await useCases.batch.workBatch({ runId, month: project.month, plan: 'bench', batch: 0 }, now);
    const milliseconds = performance.now() - started;
    counter.stop();
    const { Items: cycles = [] } = await reader.send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
        ExpressionAttributeValues: {
          ':pk': keys.projectPartition(project.projectId),
          ':sk': `CASE#${project.caseId}#CYCLE#`,
        },
        ConsistentRead: true,
      }),
    );
    const judged = cycles.find((cycle) => cycle.runId === runId);
    const measured = results.get(project.flavour) as Measured;
    measured.evaluation = { verdict: String(judged?.verdict ?? 'not judged'), milliseconds, rows: counter.rows() };
    log(`evaluation (${project.flavour}): ${measured.evaluation.verdict} in ${milliseconds.toFixed(0)} ms`);
  }

  // inspections recorded today, alternately on each project, as the route records them
  const ruleSets = new useCases.ruleSets.RuleSets();
  const today = shanghaiDate(now);
  for (let round = 0; round < intakes; round++) {
    for (const project of projects) {
      const at = new Date();
      const ctx = {
        principal: { kind: 'agency', sub: 'bench-inspector', name: '王五', roles: ['inspector'] },
        requestId: `bench-${round}-${project.flavour}`,
        now: at,
        unitOfWork: () => new useCases.unitOfWork.UnitOfWork(at),
        ruleSets,
        event: {},
      } as never;
      const counter = countRequests(useCases.client.dynamo as never, label('intake'), { capacity: true });
      const started = performance.now();
      await useCases.intake.recordInspection(
        project.projectId,
        {
          date: today,
          kind: 'routine',
          inspectors: ['王五', '赵六'],
          keyPersonnelPresent: { projectManager: true, chiefSupervisingEngineer: true },
          summary: '日常检查',
          findings: [
            {
              kind: 'hazard',
              category: 'scaffolding',
              severity: 'general',
              unitCreditCode: project.contractor,
              description: '外脚手架剪刀撑缺失',
              deadline: addDays(today, 7),
            },
          ],
          measures: [],
        } as never,
        ctx,
      );
      const milliseconds = performance.now() - started;
      counter.stop();
      (results.get(project.flavour) as Measured).intakes.push({ milliseconds, rows: counter.rows() });
    }
  }
  reader.destroy();
  return [...results.values()];
}

const sum = (rows: CountedRow[], field: 'requests' | 'readUnits' | 'writeUnits') =>
  rows.reduce((total, row) => total + row[field], 0);
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};
const fixed = (n: number, digits = 1) => n.toFixed(digits);

function report(results: Measured[], now: Date): string {
  const [old, fresh] = results as [Measured, Measured];
  const ratio = (a: number, b: number) => (b === 0 ? (a === 0 ? '1.00' : '∞') : fixed(a / b, 2));
  const intake = (m: Measured) => ({
    requests: median(m.intakes.map((i) => sum(i.rows, 'requests'))),
    rcu: median(m.intakes.map((i) => sum(i.rows, 'readUnits'))),
    wcu: median(m.intakes.map((i) => sum(i.rows, 'writeUnits'))),
    ms: median(m.intakes.map((i) => i.milliseconds)),
  });
  const evaluation = (m: Measured) => ({
    requests: sum(m.evaluation.rows, 'requests'),
    rcu: sum(m.evaluation.rows, 'readUnits'),
    wcu: sum(m.evaluation.rows, 'writeUnits'),
    ms: m.evaluation.milliseconds,
  });
  const [io, ifr, eo, efr] = [intake(old), intake(fresh), evaluation(old), evaluation(fresh)];
  const lines = [
    `Measured ${now.toISOString()}: old = ${old.items.toLocaleString('en')} items (${fixed(old.kib / 1024, 2)} MiB as JSON) ` +
      `in its partition, fresh = ${fresh.items.toLocaleString('en')} items (${fixed(fresh.kib / 1024, 2)} MiB); ` +
      `verdicts: old ${old.evaluation.verdict}, fresh ${fresh.evaluation.verdict}; intake figures are medians of ` +
      `${old.intakes.length} inspections on each.`,
    '',
    '| | old (3 years) | fresh (one window) | old ÷ fresh |',
    '|---|---:|---:|---:|',
    `| intake: DynamoDB requests | ${io.requests} | ${ifr.requests} | ${ratio(io.requests, ifr.requests)} |`,
    `| intake: read capacity consumed (RCU) | ${fixed(io.rcu)} | ${fixed(ifr.rcu)} | ${ratio(io.rcu, ifr.rcu)} |`,
    `| intake: write capacity consumed (WCU) | ${fixed(io.wcu)} | ${fixed(ifr.wcu)} | ${ratio(io.wcu, ifr.wcu)} |`,
    `| intake: latency (median) | ${fixed(io.ms)} ms | ${fixed(ifr.ms)} ms | ${ratio(io.ms, ifr.ms)} |`,
    `| monthly evaluation: DynamoDB requests | ${eo.requests} | ${efr.requests} | ${ratio(eo.requests, efr.requests)} |`,
    `| monthly evaluation: read capacity consumed (RCU) | ${fixed(eo.rcu)} | ${fixed(efr.rcu)} | ${ratio(eo.rcu, efr.rcu)} |`,
    `| monthly evaluation: write capacity consumed (WCU) | ${fixed(eo.wcu)} | ${fixed(efr.wcu)} | ${ratio(eo.wcu, efr.wcu)} |`,
    `| monthly evaluation: latency | ${fixed(eo.ms)} ms | ${fixed(efr.ms)} ms | ${ratio(eo.ms, efr.ms)} |`,
    '',
    'Requests by what they touch (the last intake on each project; the evaluation):',
    '',
    '| | request | partition | old: requests | old: RCU | fresh: requests | fresh: RCU |',
    '|---|---|---|---:|---:|---:|---:|',
  ];
  for (const [what, pick] of [
    ['intake', (m: Measured) => m.intakes.at(-1)?.rows ?? []],
    ['evaluation', (m: Measured) => m.evaluation.rows],
  ] as const) {
    const keysSeen = new Set([...pick(old), ...pick(fresh)].map((row) => `${row.command}\u0000${row.target}`));
    for (const key of keysSeen) {
      const [command, target] = key.split('\u0000') as [string, string];
      const find = (m: Measured) => pick(m).find((row) => row.command === command && row.target === target);
      const [o, f] = [find(old), find(fresh)];
      lines.push(
        `| ${what} | ${command} | ${target} | ${o?.requests ?? 0} | ${fixed(o?.readUnits ?? 0)} | ${f?.requests ?? 0} | ${fixed(f?.readUnits ?? 0)} |`,
      );
    }
  }
  return lines.join('\n');
}

/** Replace (or add) the block of `label` in the history section of docs/benchmarks.md. */
function record(label: string, command: string, text: string) {
  const host = machine();
  let file = existsSync(RESULTS_FILE) ? readFileSync(RESULTS_FILE, 'utf8') : '# Benchmarks\n';
  if (!file.includes(RESULTS_START)) {
    file = `${file.trimEnd()}\n\n## Results: cost of a project's history (\`bench:history\`)\n\n${RESULTS_START}\n${RESULTS_END}\n`;
  }
  const [head, rest] = file.split(RESULTS_START) as [string, string];
  const [section, tail] = rest.split(RESULTS_END) as [string, string];
  const blocks = new Map<string, string>();
  for (const match of section.matchAll(/<!-- label=([\w.-]+) -->\n([\s\S]*?)<!-- \/label=\1 -->\n?/g)) {
    blocks.set(match[1] as string, match[2] as string);
  }
  blocks.set(
    label,
    [
      `### ${label}`,
      '',
      `- command: \`${command}${label === 'latest' ? '' : ` -- --label ${label}`}\``,
      `- machine: ${host.nproc} CPUs (nproc; ${host.cpu}), ${host.memory} memory, ${host.os}`,
      `- node ${host.node}; DynamoDB Local under ${host.java}`,
      `- date: ${host.date}`,
      '',
      text,
      '',
    ].join('\n'),
  );
  const body = [...blocks.entries()]
    .map(([name, block]) => `<!-- label=${name} -->\n${block.trimEnd()}\n<!-- /label=${name} -->\n`)
    .join('\n');
  writeFileSync(RESULTS_FILE, `${head}${RESULTS_START}\n${body}${RESULTS_END}${tail}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
