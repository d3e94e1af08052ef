import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, eventually, partitionItems, setClock, tokenFor, workQueuesIdle } from './support/api.js';
import { failingInspection, projectBody } from './support/fixtures.js';

let inspector: string;
let officer: string;

interface Run {
  runId: string;
  status: string;
  evaluated: number;
  escalated: number;
  released: number;
  continued: number;
  proposed: number;
}

interface CaseView {
  status: string;
  level: number;
  cycles: Array<{ index: number; start: string; end: string; verdict: string | null; levelAfter: number | null }>;
  evaluations: Array<{
    index: number;
    verdict: string;
    reasons: string[];
    compliance: unknown;
    inspections: unknown[];
  }>;
  timeline: Array<{ action: string }>;
  timelineIntact: boolean;
  levelReachedOn: Record<string, string>;
}

/**
 * An officer runs a month at 01:00 on the 1st, before the schedule's own 02:30 run (which would otherwise judge the
 * same cycles first: the counts of this run would then be zero), and waits for the run to finish.
 */
async function runMonth(month: string, at: string): Promise<Run> {
  await setClock(at);
  const started = await api('/v1/evaluations', { method: 'POST', token: officer, body: { month } });
  expect(started.status, started.text).toBe(202);
  const { runId } = started.json as { runId: string };
  return eventually(
    async () => (await api(`/v1/evaluations/${runId}`, { token: officer })).json as Run,
    (run) => run.status !== 'running',
    { timeoutMs: 120_000, what: `evaluation run ${runId}` },
  );
}

async function caseOf(caseId: string) {
  return (await api(`/v1/cases/${caseId}`, { token: inspector })).json as CaseView;
}

beforeAll(async () => {
  inspector = await tokenFor('inspector');
  officer = await tokenFor('officer');
});

afterAll(async () => {
  await setClock(null);
});

describe('the escalation ladder over three failed months', () => {
  let caseId: string;

  it('a case included in late September gets a first cycle to the end of October', async () => {
    await setClock('2026-09-20T10:00:00+08:00');
    const body = projectBody();
    const project = (await api('/v1/projects', { method: 'POST', token: inspector, body })).json as { id: string };
    caseId = (
      (
        await api(`/v1/projects/${project.id}/inspections`, {
          method: 'POST',
          token: inspector,
          body: failingInspection(body, '2026-09-20'),
        })
      ).json as { caseId: string }
    ).caseId;
    expect((await api(`/v1/cases/${caseId}/confirm`, { method: 'POST', token: officer, body: {} })).status).toBe(200);
    const view = await caseOf(caseId);
    expect(view.cycles).toEqual([
      expect.objectContaining({ index: 1, start: '2026-09-20', end: '2026-10-31', verdict: null }),
    ]);
  });

  it('previews the verdict of the cycle under way, with reasons', async () => {
    await setClock('2026-10-15T10:00:00+08:00');
    const preview = await api(`/v1/cases/${caseId}/preview`, { token: inspector });
    expect(preview.status).toBe(200);
    const body = preview.json as { verdict: string; levelAfter: number; reasons: string[]; asOf: string };
    expect(body).toMatchObject({ verdict: 'escalate', levelAfter: 1, asOf: '2026-10-15' });
    expect(body.reasons.join('')).toMatch(/条件/);
  });

  it('refuses a month that has not ended', async () => {
    await setClock('2026-10-15T10:00:00+08:00');
    const response = await api('/v1/evaluations', { method: 'POST', token: officer, body: { month: '2026-10' } });
    expect(response.status).toBe(409);
    expect(
      (await api('/v1/evaluations', { method: 'POST', token: inspector, body: { month: '2026-09' } })).status,
    ).toBe(403);
    expect((await api('/v1/evaluations', { method: 'POST', token: officer, body: { month: '2026-13' } })).status).toBe(
      400,
    );
  });

  it('October: nothing was sent, the conditions held → level 1 (resident supervision)', async () => {
    const run = await runMonth('2026-10', '2026-11-01T01:00:00+08:00');
    expect(run.status).toBe('succeeded');
    expect(run.escalated).toBeGreaterThanOrEqual(1);
    const view = await caseOf(caseId);
    expect(view).toMatchObject({ status: 'active', level: 1, levelReachedOn: { '1': '2026-11-01' } });
    expect(view.cycles.map((cycle) => [cycle.index, cycle.verdict, cycle.levelAfter])).toEqual([
      [1, 'escalate', 1],
      [2, null, null],
    ]);
    const evaluation = view.evaluations[0];
    expect(evaluation?.reasons.length).toBeGreaterThan(0);
    expect(evaluation?.compliance).toBeTruthy();
    expect(evaluation?.inspections).toHaveLength(2); // September and October: the agency's own counts
    // CaseEscalated reaches the escalation consumer through the outbox and the bus: resident supervision starts
    await eventually(
      () => caseOf(caseId),
      (current) => current.timeline.some((entry) => entry.action === 'measure_started'),
      { timeoutMs: 60_000, what: 'the level-1 measures of the October escalation' },
    );
  });

  it('running October again changes nothing and emits nothing', async () => {
    // the October escalation's consumers (measures, documents) first finish their work: a timeline read twice a
    // moment apart, with the work queues idle, is the state the re-run must leave as it is
    await workQueuesIdle();
    const before = await eventually(
      async () => {
        const first = await caseOf(caseId);
        await new Promise((resolve) => setTimeout(resolve, 1500));
        return { first, second: await caseOf(caseId) };
      },
      ({ first, second }) => first.timeline.length === second.timeline.length,
      { timeoutMs: 60_000, what: "the case's timeline settled after the October escalation" },
    ).then(({ second }) => second);
    const journalBefore = (await partitionItems(`JOURNAL#${caseId}`)).length;
    const again = await runMonth('2026-10', '2026-11-01T01:30:00+08:00');
    expect(again).toMatchObject({ status: 'succeeded', evaluated: 0, escalated: 0, released: 0 });
    const after = await caseOf(caseId);
    const entries = (view: typeof after) => view.timeline.map((entry) => JSON.stringify(entry));
    expect(entries(after)).toEqual(entries(before));
    expect(after.level).toBe(1);
    expect((await partitionItems(`JOURNAL#${caseId}`)).length).toBe(journalBefore);
  }, 300_000); // it waits for the work queues, then for the timeline to settle, then runs a month: minutes when loaded

  it('writes the month statistics', async () => {
    const stats = await api('/v1/stats?month=2026-10', { token: officer });
    expect(stats.status).toBe(200);
    const body = stats.json as {
      casesByLevel: Record<string, number>;
      agencyInspections: { perCase: Array<{ caseId: string; inspections: number; meetsTarget: boolean }> };
    };
    expect(body.casesByLevel['1']).toBeGreaterThanOrEqual(1);
    expect(body.agencyInspections.perCase.find((entry) => entry.caseId === caseId)).toMatchObject({
      inspections: 0,
      meetsTarget: false,
    });
    expect((await api('/v1/stats?month=2020-01', { token: officer })).status).toBe(404);
  });

  it('an officer may extend the cycle under way, to at most 3 months', async () => {
    await setClock('2026-11-10T10:00:00+08:00');
    const extended = await api(`/v1/cases/${caseId}/extension`, {
      method: 'POST',
      token: officer,
      body: { months: 1, reason: '项目处于冬季停工前整改关键期' },
    });
    expect(extended.status).toBe(200);
    expect((extended.json as CaseView).cycles.at(-1)).toMatchObject({ index: 2, end: '2026-12-31' });
    const tooLong = await api(`/v1/cases/${caseId}/extension`, {
      method: 'POST',
      token: officer,
      body: { months: 2, reason: '再延期' },
    });
    expect(tooLong.status).toBe(409);
    expect((tooLong.json as { detail: string }).detail).toMatch(/3/);
    expect(
      (
        await api(`/v1/cases/${caseId}/extension`, {
          method: 'POST',
          token: inspector,
          body: { months: 1, reason: 'x' },
        })
      ).status,
    ).toBe(403);
  });

  it('November: the extended cycle has not ended, so nothing happens', async () => {
    const run = await runMonth('2026-11', '2026-12-01T01:00:00+08:00');
    expect(run.status).toBe('succeeded');
    expect((await caseOf(caseId)).level).toBe(1);
  });

  it('December and January: level 2, then level 3', async () => {
    await runMonth('2026-12', '2027-01-01T01:00:00+08:00');
    expect((await caseOf(caseId)).level).toBe(2);
    await runMonth('2027-01', '2027-02-01T01:00:00+08:00');
    const view = await caseOf(caseId);
    expect(view.level).toBe(3);
    expect(view.levelReachedOn).toMatchObject({ '1': '2026-11-01', '2': '2027-01-01', '3': '2027-02-01' });
    expect(view.timelineIntact).toBe(true);
    const journal = await eventually(
      () => partitionItems(`JOURNAL#${caseId}`),
      (entries) => entries.filter((entry) => entry.eventType === 'CaseEscalated').length >= 3,
      { what: 'three CaseEscalated events in the journal' },
    );
    expect(
      journal
        .filter((entry) => entry.eventType === 'CaseEscalated')
        .map((entry) => (entry.data as { level: number }).level),
    ).toEqual([1, 2, 3]);
  });
});
