/**
 * The monthly run's sparse indexes (shared/usecases/run-index.ts, docs/evaluation-at-scale.md): the proposal sweep
 * re-examines exactly the projects with evidence no decision weighed, the planner judges exactly the cases whose
 * cycle ended, both kept by the intake and case transactions themselves — and items written before the indexes
 * existed are found the old way until `backfill:run-index` has given them their entries, and the new way after.
 *
 * The records live in June 2025: after the fan-out suite's March 2025 (whose run counts every due case of the table,
 * and this suite leaves active cases behind), before the 2026 suites'. The other suites' projects are in the shared
 * table, so every assertion is about this suite's own projects being listed or not.
 */
import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS } from '../../shared/domain/rule-set.js';
import { newId } from '../../shared/ids.js';
import { keys } from '../../shared/store/keys.js';
import { workBatch } from '../../shared/usecases/evaluation-batch.js';
import { type BatchMessage, planEvaluation, workOfTheMonth } from '../../shared/usecases/evaluation-run.js';
import { unweighedMarkerItem } from '../../shared/usecases/run-index.js';
import {
  backfillRunIndex,
  RUN_INDEX_MIGRATION,
  recordRunIndexMigrated,
} from '../../shared/usecases/run-index-backfill.js';
import { api, partitionItems, setClock, table, tokenFor } from './support/api.js';
import { contractorOf, failingInspection, projectBody } from './support/fixtures.js';

const MONTH = '2025-06';
const EARLY = '2025-06-04';
const LATE = '2025-06-18';
const RUN_AT = new Date('2025-07-01T01:00:00+08:00');
/** the backfill runs after the deployment, before the month's end (a marker it writes is judged with the month) */
const BACKFILL_AT = new Date('2025-06-25T10:00:00+08:00');

let inspector: string;
let officer: string;
/** this suite's projects by what they show */
const p: Record<'clean' | 'maturing' | 'silent' | 'due' | 'dismissed' | 'notDue' | 'lateOverdue' | 'old', string> = {
  clean: '',
  maturing: '',
  silent: '',
  due: '',
  dismissed: '',
  notDue: '',
  lateOverdue: '',
  old: '',
};
const caseOf: Record<string, string> = {};

type Body = ReturnType<typeof projectBody>;
const bodies: Record<string, Body> = {};

async function register(name: keyof typeof p) {
  const body = projectBody();
  const registered = await api('/v1/projects', { method: 'POST', token: inspector, body });
  expect(registered.status, registered.text).toBe(201);
  p[name] = (registered.json as { id: string }).id;
  bodies[name] = body;
}

async function inspect(name: keyof typeof p, date: string, findings: unknown[]) {
  const body = bodies[name] as Body;
  const inspected = await api(`/v1/projects/${p[name]}/inspections`, {
    method: 'POST',
    token: inspector,
    body: { ...failingInspection(body, date), findings },
  });
  expect(inspected.status, inspected.text).toBe(201);
  return (inspected.json as { caseId?: string }).caseId;
}

const hazard = (body: Body, deadline: string, kind = 'hazard') => ({
  kind,
  category: kind === 'hazard' ? 'scaffolding' : 'management',
  severity: 'general',
  unitCreditCode: contractorOf(body),
  description: '外脚手架连墙件缺失',
  deadline,
});

/** The failing inspection of the fixtures (C1 holds at once), with deadlines in this suite's month. */
const failing = (body: Body, deadline = '2025-06-14') =>
  failingInspection(body).findings.map((f) => ({ ...f, deadline }));

const markerOf = (projectId: string) => partitionItems(`PROJECT#${projectId}`, { skPrefix: 'UNWEIGHED' });
const runEntriesOf = (projectId: string) => partitionItems(`PROJECT#${projectId}`, { skPrefix: 'RUNENTRY#' });

beforeAll(async () => {
  inspector = await tokenFor('inspector');
  officer = await tokenFor('officer');
  await setClock(`${EARLY}T10:00:00+08:00`);
  for (const name of Object.keys(p) as Array<keyof typeof p>) await register(name);

  // no finding: looked at once by the sweep, then never again until its next intake
  expect(await inspect('clean', EARLY, [])).toBeUndefined();
  expect(await inspect('old', EARLY, [])).toBeUndefined();
  // one hazard whose deadline is after the month: time alone can still make it evidence (overdue)
  expect(await inspect('maturing', EARLY, [hazard(bodies.maturing as Body, '2025-07-15')])).toBeUndefined();
  // hazards of one category recurring but none overdue yet: nothing holds at intake, C4 holds at the month's end
  const recurring = Array.from({ length: DEFAULT_THRESHOLDS.recurrenceCount }, () =>
    hazard(bodies.lateOverdue as Body, '2025-06-14'),
  );
  expect(await inspect('lateOverdue', EARLY, recurring)).toBeUndefined();
  // proposed and confirmed: an active case whose first cycle ends 2025-06-30
  caseOf.due = (await inspect('due', EARLY, failing(bodies.due as Body))) as string;
  const confirmed = await api(`/v1/cases/${caseOf.due}/confirm`, { method: 'POST', token: officer, body: {} });
  expect(confirmed.status, confirmed.text).toBe(200);
  // proposed and dismissed: the dismissal marks the project again
  caseOf.dismissed = (await inspect('dismissed', EARLY, failing(bodies.dismissed as Body))) as string;
  const dismissed = await api(`/v1/cases/${caseOf.dismissed}/dismiss`, {
    method: 'POST',
    token: officer,
    body: { reason: '经核实，该项目已完成整改' },
  });
  expect(dismissed.status, dismissed.text).toBe(200);

  // included on the 18th: 13 days of June left, so the first cycle runs to 2025-07-31 (not due in June)
  await setClock(`${LATE}T10:00:00+08:00`);
  caseOf.notDue = (await inspect('notDue', LATE, failing(bodies.notDue as Body, '2025-06-25'))) as string;
  const included = await api(`/v1/cases/${caseOf.notDue}/confirm`, { method: 'POST', token: officer, body: {} });
  expect(included.status, included.text).toBe(200);
});

afterAll(async () => {
  await recordRunIndexMigrated(RUN_AT);
  await setClock(null);
});

describe('the indexes kept by the transactions', () => {
  it('mark exactly the projects with unweighed evidence and no open case', async () => {
    const work = await workOfTheMonth(MONTH);
    for (const name of ['clean', 'old', 'maturing', 'lateOverdue', 'dismissed'] as const) {
      expect(work.projects, name).toContain(p[name]);
    }
    for (const name of ['silent', 'due', 'notDue'] as const) expect(work.projects, name).not.toContain(p[name]);
  });

  it('list the active cases by their cycle end: judged when due, counted when not', async () => {
    const work = await workOfTheMonth(MONTH);
    const ids = (refs: Array<{ caseId: string }>) => refs.map((ref) => ref.caseId);
    expect(ids(work.due)).toContain(caseOf.due);
    expect(ids(work.due)).not.toContain(caseOf.notDue);
    expect(ids(work.cases)).toEqual(expect.arrayContaining([caseOf.due, caseOf.notDue]));
    // a dismissed case has no entry; the due one's entry carries its cycle's end
    expect(ids(work.cases)).not.toContain(caseOf.dismissed);
    expect(await runEntriesOf(p.dismissed)).toEqual([]);
    const [entry] = await runEntriesOf(p.due);
    expect(entry?.gsi1sk).toBe(`2025-06-30#${caseOf.due}`);
  });
});

describe('items written before the indexes', () => {
  const saved: Record<string, Array<Record<string, unknown>>> = {};

  it('are found the old way until the backfill has run', async () => {
    for (const name of ['due', 'notDue'] as const) saved[name] = await runEntriesOf(p[name]);
    // the old shape: no run entries, no marker, no record of the migration
    for (const name of ['due', 'notDue'] as const) {
      await table.client.send(
        new DeleteCommand({ TableName: table.name, Key: keys.runEntry(p[name], caseOf[name] as string) }),
      );
    }
    await table.client.send(new DeleteCommand({ TableName: table.name, Key: keys.unweighedMarker(p.old) }));
    await table.client.send(new DeleteCommand({ TableName: table.name, Key: keys.migration(RUN_INDEX_MIGRATION) }));

    const work = await workOfTheMonth(MONTH);
    const due = work.due.map((ref) => ref.caseId);
    expect(due).toContain(caseOf.due);
    expect(due).not.toContain(caseOf.notDue);
    expect(work.cases.map((ref) => ref.caseId)).toContain(caseOf.notDue);
    // every registered project is re-examined, as before the index
    for (const name of ['old', 'silent', 'due'] as const) expect(work.projects, name).toContain(p[name]);
  });

  it('get exactly the entries the code writes from the backfill, once', async () => {
    const outcomes = await Promise.all(
      (['due', 'notDue', 'old', 'silent'] as const).map((name) => backfillRunIndex(p[name], BACKFILL_AT)),
    );
    expect(outcomes.map((o) => o.runEntries)).toEqual([1, 1, 0, 0]);
    // a project with an open case gets no marker; one without gets one (its evidence was never swept)
    expect(outcomes.map((o) => o.marked)).toEqual([false, false, true, true]);
    for (const name of ['due', 'notDue'] as const) {
      const strip = ({ pk, sk, gsi1pk, gsi1sk, cycleEnd, projectId }: Record<string, unknown>) => ({
        pk,
        sk,
        gsi1pk,
        gsi1sk,
        cycleEnd,
        projectId,
      });
      expect((await runEntriesOf(p[name])).map(strip)).toEqual((saved[name] ?? []).map(strip));
    }
    const again = await Promise.all(
      (['due', 'notDue', 'old', 'silent'] as const).map((name) => backfillRunIndex(p[name], BACKFILL_AT)),
    );
    expect(again.every((o) => o.runEntries === 0 && !o.marked)).toBe(true);
    await recordRunIndexMigrated(RUN_AT);
    const migrated = await table.client.send(
      new GetCommand({ TableName: table.name, Key: keys.migration(RUN_INDEX_MIGRATION), ConsistentRead: true }),
    );
    expect(migrated.Item).toBeDefined();

    const work = await workOfTheMonth(MONTH);
    expect(work.due.map((ref) => ref.caseId)).toContain(caseOf.due);
    expect(work.due.map((ref) => ref.caseId)).not.toContain(caseOf.notDue);
    expect(work.cases.map((ref) => ref.caseId)).toContain(caseOf.notDue);
    for (const name of ['old', 'silent'] as const) expect(work.projects, name).toContain(p[name]);
    for (const name of ['due', 'notDue'] as const) expect(work.projects, name).not.toContain(p[name]);
  });
});

describe("the month's proposal sweep", () => {
  it('proposes on evidence that matured, and keeps only what can still mature', async () => {
    await setClock(RUN_AT);
    const runId = newId('run');
    let messages: BatchMessage[] = [];
    await planEvaluation(
      runId,
      MONTH,
      RUN_AT,
      async (sent) => {
        messages = sent;
      },
      { projects: 1000 },
    );
    const plans = await partitionItems(`RUN#${runId}`, { skPrefix: 'PLAN#' });
    const projectBatches = plans.filter((plan) => plan.kind === 'projects');
    const swept = projectBatches.flatMap((plan) => plan.projects as string[]);
    for (const name of ['clean', 'maturing', 'lateOverdue', 'dismissed', 'old', 'silent'] as const) {
      expect(swept, name).toContain(p[name]);
    }
    // only the project batches: the case batches would judge other suites' cases
    const batchOf = (sk: unknown) => Number(String(sk).slice(-6));
    for (const plan of projectBatches) {
      const message = messages.find((m) => m.batch === batchOf(plan.sk)) as BatchMessage;
      await workBatch(message, RUN_AT);
    }

    // C4 held at the month's end (recurring hazards now overdue): proposed, and out of the index with it
    const proposed = await partitionItems(`PROJECT#${p.lateOverdue}`, { skPrefix: 'CASE#' });
    expect(proposed.filter((item) => item.type === 'case').map((item) => item.status)).toEqual(['proposed']);
    expect(await markerOf(p.lateOverdue)).toEqual([]);
    // a hazard not yet past its deadline stays in the index; nothing else left to weigh: out of it
    expect(await markerOf(p.maturing)).toHaveLength(1);
    for (const name of ['clean', 'dismissed', 'old', 'silent'] as const) {
      expect(await markerOf(p[name]), name).toEqual([]);
    }

    const next = await workOfTheMonth('2025-07');
    expect(next.projects).toContain(p.maturing);
    for (const name of ['clean', 'dismissed', 'old', 'silent', 'lateOverdue', 'due', 'notDue'] as const) {
      expect(next.projects, name).not.toContain(p[name]);
    }
  });

  it('a new intake puts a swept project back in the index', async () => {
    await setClock('2025-07-03T10:00:00+08:00');
    expect(await inspect('clean', '2025-07-03', [])).toBeUndefined();
    expect(await markerOf(p.clean)).toHaveLength(1);
    expect((await workOfTheMonth('2025-07')).projects).toContain(p.clean);
  });
});

// a marker written beside a run for an earlier month is left for the month it belongs to
describe('a marker newer than the month judged', () => {
  it('is kept by the sweep', async () => {
    const item = unweighedMarkerItem(p.silent, new Date('2025-07-03T10:00:00+08:00'));
    await table.client.send(new PutCommand({ TableName: table.name, Item: item }));
    const runId = newId('run');
    let messages: BatchMessage[] = [];
    await planEvaluation(runId, MONTH, RUN_AT, async (sent) => {
      messages = sent;
    });
    const plans = await partitionItems(`RUN#${runId}`, { skPrefix: 'PLAN#' });
    const plan = plans.find(
      (candidate) => candidate.kind === 'projects' && (candidate.projects as string[]).includes(p.silent),
    );
    expect(plan).toBeDefined();
    const message = messages.find((m) => m.batch === Number(String(plan?.sk).slice(-6))) as BatchMessage;
    await workBatch(message, RUN_AT);
    expect(await markerOf(p.silent)).toHaveLength(1);
  });
});
