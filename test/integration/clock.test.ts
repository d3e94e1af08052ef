/**
 * SPEC §4: every timestamp the API returns is ISO 8601 with the +08:00 offset and comes from the one clock the
 * handlers read. The defect: a monthly run started under the local clock finished at the real date (its
 * `finishedAt` was taken from the machine, not the clock). The local clock is set here far from the real date.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, eventually, setClock, tokenFor } from './support/api.js';
import { failingInspection, projectBody } from './support/fixtures.js';

/** A day the machine's clock is not on (the suite never runs in May 2023). */
const DAY = '2023-05-06';
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/;

let inspector: string;
let officer: string;

/** Every string in `value` that looks like a timestamp (has a time of day), with where it is. */
function timestamps(value: unknown, path = ''): Array<[string, string]> {
  if (typeof value === 'string') return /^\d{4}-\d{2}-\d{2}T/.test(value) ? [[path, value]] : [];
  if (Array.isArray(value)) return value.flatMap((item, index) => timestamps(item, `${path}[${index}]`));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => timestamps(item, path ? `${path}.${key}` : key));
  }
  return [];
}

beforeAll(async () => {
  inspector = await tokenFor('inspector');
  officer = await tokenFor('officer');
});

afterAll(async () => {
  await setClock(null);
});

describe("the handlers' one clock, shown in +08:00", () => {
  it('a monthly run started under the local clock starts and finishes on its date', async () => {
    await setClock(`${DAY}T01:00:00+08:00`, 'running');
    const started = await api('/v1/evaluations', { method: 'POST', token: officer, body: { month: '2023-04' } });
    expect(started.status, started.text).toBe(202);
    const { runId } = started.json as { runId: string };
    const run = await eventually(
      async () =>
        (await api(`/v1/evaluations/${runId}`, { token: officer })).json as {
          status: string;
          startedAt: string;
          finishedAt: string | null;
        },
      (current) => current.status !== 'running',
      { timeoutMs: 180_000, intervalMs: 250, what: `evaluation run ${runId}` },
    );
    expect(run.status).toBe('succeeded');
    expect(run.startedAt).toMatch(TIMESTAMP);
    expect(run.finishedAt).toMatch(TIMESTAMP);
    expect(run.startedAt.slice(0, 10)).toBe(DAY);
    expect(run.finishedAt?.slice(0, 10)).toBe(DAY);
    expect(Date.parse(run.finishedAt as string)).toBeGreaterThanOrEqual(Date.parse(run.startedAt));
  }, 240_000);

  it('a case shows every timestamp with +08:00, each from the clock', async () => {
    await setClock(`${DAY}T10:00:00+08:00`);
    const project = projectBody();
    const registered = await api('/v1/projects', { method: 'POST', token: inspector, body: project });
    expect(registered.status, registered.text).toBe(201);
    expect((registered.json as { registeredAt: string }).registeredAt).toBe(`${DAY}T10:00:00+08:00`);
    const projectId = (registered.json as { id: string }).id;
    const inspection = await api(`/v1/projects/${projectId}/inspections`, {
      method: 'POST',
      token: inspector,
      body: {
        ...failingInspection(project, DAY),
        findings: failingInspection(project, DAY).findings.map((finding) => ({ ...finding, deadline: '2023-05-20' })),
      },
    });
    expect(inspection.status, inspection.text).toBe(201);
    const { caseId } = inspection.json as { caseId: string };
    // dismissed, not confirmed: an active case of 2023 would be caught up, cycle by cycle, by later suites' runs
    await setClock(`${DAY}T11:30:00+08:00`);
    const dismissed = await api(`/v1/cases/${caseId}/dismiss`, {
      method: 'POST',
      token: officer,
      body: { reason: '经复核，问题已当场整改' },
    });
    expect(dismissed.status, dismissed.text).toBe(200);

    const view = (await api(`/v1/cases/${caseId}`, { token: inspector })).json as {
      proposedAt: string;
      dismissedAt: string;
      timeline: Array<{ at: string }>;
      timelineIntact: boolean;
    };
    expect(view.proposedAt).toBe(`${DAY}T10:00:00+08:00`);
    expect(view.dismissedAt).toBe(`${DAY}T11:30:00+08:00`);
    expect(view.timeline.map((entry) => entry.at)).toEqual([`${DAY}T10:00:00+08:00`, `${DAY}T11:30:00+08:00`]);
    expect(view.timelineIntact).toBe(true);
    const found = timestamps(view);
    expect(found.length).toBeGreaterThan(3);
    for (const [where, value] of found) expect(value, where).toMatch(TIMESTAMP);
  });
});
