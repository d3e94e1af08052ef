/**
 * Concurrency, end to end through the gateway:
 *
 * - 50 concurrent confirmations of ONE proposed case: one transition, one notice;
 * - 200 inclusion notices across 200 cases, confirmed concurrently in waves of 25: gap-free, unique numbers
 *   (`NOTICES=100` for a smaller run);
 * - a monthly evaluation racing inspections on the same project: no inspection lost, the timeline intact, the cycle
 *   judged exactly once.
 *
 * The notices are issued in 2030 (clock set there), so their sequence is this file's alone, and so that no monthly
 * evaluation another test runs (2026–2027) has these cases due: the runs catch up every active case whose cycle
 * ended by the month's last day.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, eventually, partitionItems, scanItems, setClock, tokenFor } from './support/api.js';
import { failingInspection, projectBody } from './support/fixtures.js';

const NOTICES = Math.max(10, Number(process.env.NOTICES ?? 200));
const WAVE = 25;
const YEAR = 2030;
const NOTICE_CLOCK = `${YEAR}-06-10T10:00:00+08:00`;

type Item = Record<string, unknown>;

let inspector: string;
let officer: string;

beforeAll(async () => {
  inspector = await tokenFor('inspector');
  officer = await tokenFor('officer');
}, 60_000);

afterAll(async () => {
  await setClock(null);
});

/** A project with a proposed case (C1 and hazards), found on `date`. */
async function proposedCase(date: string) {
  const body = projectBody();
  const registered = await api('/v1/projects', { method: 'POST', token: inspector, body });
  expect(registered.status, registered.text).toBe(201);
  const projectId = (registered.json as { id: string }).id;
  const inspection = failingInspection(body, date);
  inspection.findings = inspection.findings.map((finding) => ({ ...finding, deadline: date }));
  const recorded = await api(`/v1/projects/${projectId}/inspections`, {
    method: 'POST',
    token: inspector,
    body: inspection,
  });
  expect(recorded.status, recorded.text).toBe(201);
  return { body, projectId, caseId: (recorded.json as { caseId: string }).caseId };
}

/** Run `work` over `inputs`, `size` at a time (so this shared machine stays responsive). */
async function inWaves<T, R>(inputs: T[], size: number, work: (input: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < inputs.length; i += size) {
    results.push(...(await Promise.all(inputs.slice(i, i + size).map(work))));
  }
  return results;
}

/** The sequence numbers of every inclusion notice of a year in the table (a scan: fine for a local table). */
async function inclusionNumbersOf(year: number): Promise<number[]> {
  const numbers = (
    await scanItems(
      '#type = :notice AND noticeType = :inclusion AND begins_with(issuedOn, :year)',
      { '#type': 'type' },
      { ':notice': 'notice', ':inclusion': 'inclusion', ':year': String(year) },
    )
  ).map((item) => Number(item.sequence));
  return numbers.sort((a, b) => a - b);
}

const sequenceOf = (number: string) => Number(new RegExp(`〔${YEAR}〕(\\d+)号$`).exec(number)?.[1]);

describe('concurrent confirmations', () => {
  it('50 confirmations of one proposed case: one transition, one notice', async () => {
    await setClock(NOTICE_CLOCK);
    const { projectId, caseId } = await proposedCase(`${YEAR}-06-10`);
    const responses = await Promise.all(
      Array.from({ length: 50 }, () =>
        api(`/v1/cases/${caseId}/confirm`, { method: 'POST', token: officer, body: {} }),
      ),
    );
    expect(
      responses.map((response) => response.status),
      responses.map((r) => r.text.slice(0, 200)).join('\n'),
    ).toEqual(responses.map(() => 200));
    const numbers = new Set(
      responses.map((response) => (response.json as { notices: Array<{ number: string }> }).notices[0]?.number),
    );
    expect(numbers.size).toBe(1);
    const items = await partitionItems(`PROJECT#${projectId}`);
    expect(items.filter((item) => item.type === 'notice')).toHaveLength(1);
    const timeline = items.filter((item) => item.type === 'timeline');
    expect(timeline.filter((entry) => entry.action === 'included')).toHaveLength(1);
    expect(timeline.filter((entry) => entry.action === 'notice_issued')).toHaveLength(1);
    const view = await api(`/v1/cases/${caseId}`, { token: inspector });
    expect(view.json).toMatchObject({ status: 'active', timelineIntact: true });
  }, 120_000);

  it(`${NOTICES} notices across ${NOTICES} cases, confirmed in waves of ${WAVE}: gap-free and unique`, async () => {
    await setClock(NOTICE_CLOCK);
    const setupStarted = Date.now();
    const cases = await inWaves(
      Array.from({ length: NOTICES }, (_, i) => i),
      WAVE,
      () => proposedCase(`${YEAR}-06-10`),
    );
    const setupMs = Date.now() - setupStarted;
    const started = Date.now();
    const confirmed = await inWaves(cases, WAVE, ({ caseId }) =>
      api(`/v1/cases/${caseId}/confirm`, { method: 'POST', token: officer, body: {} }),
    );
    const confirmMs = Date.now() - started;
    console.log(
      `concurrency: ${NOTICES} cases set up in ${(setupMs / 1000).toFixed(1)} s; confirmed in waves of ${WAVE} in ` +
        `${(confirmMs / 1000).toFixed(1)} s (${((NOTICES * 1000) / confirmMs).toFixed(1)} notices/s)`,
    );
    expect(
      confirmed.filter((response) => response.status !== 200).map((r) => `${r.status} ${r.text.slice(0, 200)}`),
    ).toEqual([]);
    const ours = confirmed
      .map((response) => (response.json as { notices: Array<{ number: string }> }).notices[0]?.number as string)
      .map(sequenceOf);
    expect(new Set(ours).size).toBe(NOTICES);
    // every inclusion notice of the year, ours and the one above: 1..n without a gap or a duplicate
    const all = await inclusionNumbersOf(YEAR);
    expect(all).toEqual(Array.from({ length: all.length }, (_, i) => i + 1));
    expect(all.length).toBeGreaterThanOrEqual(NOTICES);
    expect(confirmMs, 'confirming should take under a couple of minutes here').toBeLessThan(180_000);
  }, 600_000);
});

describe('an evaluation racing an intake on the same case', () => {
  it('loses no inspection, keeps the timeline intact, and judges the cycle once', async () => {
    // included on 09-10: the first cycle runs to 09-30 and is due in the run for 2026-09
    await setClock('2026-09-10T10:00:00+08:00');
    const { projectId, caseId } = await proposedCase('2026-09-10');
    expect((await api(`/v1/cases/${caseId}/confirm`, { method: 'POST', token: officer, body: {} })).status).toBe(200);
    const before = await partitionItems(`PROJECT#${projectId}`);
    const inspectionsBefore = before.filter((item) => item.type === 'inspection').length;
    const recordedBefore = before.filter(
      (item) => item.type === 'timeline' && item.action === 'inspection_recorded',
    ).length;

    // 01:00 on the 1st, before the schedule's own 02:30 run; two officers' runs race each other and the intake
    await setClock('2026-10-01T01:00:00+08:00');
    const runs = await Promise.all(
      [1, 2].map(() => api('/v1/evaluations', { method: 'POST', token: officer, body: { month: '2026-09' } })),
    );
    for (const run of runs) expect(run.status, run.text).toBe(202);
    const runIds = runs.map((run) => (run.json as { runId: string }).runId);
    const running = async () => {
      const states = await Promise.all(
        runIds.map(async (runId) => ((await api(`/v1/evaluations/${runId}`, { token: officer })).json as Item).status),
      );
      return states.some((state) => state === 'running');
    };

    const inspection = {
      date: '2026-09-30',
      kind: 'joint',
      inspectors: ['王五', '赵六'],
      keyPersonnelPresent: { projectManager: true, chiefSupervisingEngineer: true },
      findings: [],
      summary: '联合执法检查',
    };
    const posted: number[] = [];
    // keep the intake going while the runs are under way (bounded: at most 60 inspections or 3 minutes)
    const until = Date.now() + 180_000;
    do {
      const wave = await Promise.all(
        [1, 2, 3].map(() =>
          api(`/v1/projects/${projectId}/inspections`, { method: 'POST', token: inspector, body: inspection }),
        ),
      );
      posted.push(...wave.map((response) => response.status));
    } while (posted.length < 60 && Date.now() < until && (await running()));
    const postedWhileRunning = posted.length;
    await eventually(running, (still) => !still, { timeoutMs: 180_000, intervalMs: 500, what: 'the runs to finish' });
    console.log(`concurrency: ${postedWhileRunning} inspections posted while the two evaluation runs were under way`);

    expect(posted.filter((status) => status !== 201)).toEqual([]);
    const items = await partitionItems(`PROJECT#${projectId}`);
    expect(items.filter((item) => item.type === 'inspection')).toHaveLength(inspectionsBefore + posted.length);
    const timeline = items.filter((item) => item.type === 'timeline' && item.caseId === caseId);
    expect(timeline.filter((entry) => entry.action === 'inspection_recorded')).toHaveLength(
      recordedBefore + posted.length,
    );
    const judged = timeline.filter((entry) => entry.action === 'cycle_evaluated');
    expect(judged, 'the cycle was judged exactly once').toHaveLength(1);
    expect(items.filter((item) => item.type === 'cycle' && item.caseId === caseId && item.verdict)).toHaveLength(1);
    const view = (await api(`/v1/cases/${caseId}`, { token: inspector })).json as {
      timelineIntact: boolean;
      level: number;
      cycles: Array<{ index: number; verdict: string | null }>;
    };
    expect(view.timelineIntact).toBe(true);
    expect(view.level).toBe(1);
    expect(view.cycles.map((cycle) => [cycle.index, cycle.verdict])).toEqual([
      [1, 'escalate'],
      [2, null],
    ]);
    const finished = await Promise.all(
      runIds.map(async (runId) => (await api(`/v1/evaluations/${runId}`, { token: officer })).json as Item),
    );
    expect(finished.map((run) => run.status)).toEqual(['succeeded', 'succeeded']);
  }, 480_000);
});
