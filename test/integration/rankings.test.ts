/**
 * The quarterly ranking through the API (SPEC §6.4): after a quarter of government assessments, the officer's run
 * charges the missing assessments' points (once), lists every eligible project, enterprise, registered person and
 * district with standard competition ranks and rank points, and stores the result as a draft revision; a second
 * run recomputes the draft and charges nothing again; 409 while a run is in flight.
 *
 * The quarter is 2041Q1, years from any other suite's records (they share one table); the run still reads every
 * registered project, and charges the other suites' projects for 2041Q1 — after their own tests have run.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keys } from '../../shared/store/keys.js';
import { api, setClock, table, tokenFor } from './support/api.js';
import { unitOf } from './support/assessments.js';
import { creditCode } from './support/fixtures.js';
import { assessedProject, finishedRun, type RankedProject } from './support/rankings.js';

const QUARTER = '2041Q1';
const ASSESSED_ON = '2041-02-10';
const DISTRICT = '密云区';

let inspector: string;
let officer: string;
/** the 12 building projects of 密云区, by their government score */
const building: Array<RankedProject & { score: number }> = [];
let preparation: RankedProject;
let housing: RankedProject;
const sharedContractor = { name: '北京密云某建筑工程有限公司', creditCode: creditCode() };

interface Entry {
  rank: number;
  of: number;
  score: number;
  grade: string;
  [field: string]: unknown;
}
interface Ranking {
  quarter: string;
  status: string;
  revision: number;
  reason: string | null;
  runId: string;
  lists: {
    projects: Record<string, Entry[]>;
    enterprises: Record<string, Entry[]>;
    persons: Record<string, Entry[]>;
    districts: Entry[];
  };
}

async function ranking(): Promise<Ranking> {
  const response = await api(`/v1/rankings/${QUARTER}`, { token: inspector });
  expect(response.status, response.text).toBe(200);
  return response.json as Ranking;
}

async function ledger(creditCodeOf: string) {
  const response = await api(`/v1/penalty-points?subjectKind=enterprise&subjectId=${creditCodeOf}`, {
    token: inspector,
  });
  return response.json as { totalInWindow: number; entries: Array<{ code: string; points: number }> };
}

beforeAll(async () => {
  inspector = await tokenFor('inspector');
  officer = await tokenFor('officer');
  await setClock(`${ASSESSED_ON}T10:00:00+08:00`);
  const scores = [95, 92, 92, 90, 88, 85, 83, 80, 78, 75, 72, 65];
  for (const [index, score] of scores.entries()) {
    const project = await assessedProject({
      district: DISTRICT,
      score,
      quarter: QUARTER,
      inspectedOn: ASSESSED_ON,
      // the two best share a general contractor
      ...(index < 2 ? { units: { general_contractor: sharedContractor } } : {}),
    });
    building.push({ ...project, score });
  }
  preparation = await assessedProject({
    district: DISTRICT,
    phase: 'preparation',
    score: 99,
    quarter: QUARTER,
    inspectedOn: ASSESSED_ON,
  });
  housing = await assessedProject({
    district: DISTRICT,
    category: 'housing',
    score: 81,
    quarter: QUARTER,
    inspectedOn: ASSESSED_ON,
  });
  await setClock('2041-04-20T09:00:00+08:00');
});

afterAll(async () => {
  await setClock(null);
});

describe('the quarterly ranking run', () => {
  it('refuses a quarter that has not ended, and an inspector', async () => {
    const early = await api('/v1/rankings', { token: officer, body: { quarter: '2041Q2' } });
    expect(early.status, early.text).toBe(409);
    const notOfficer = await api('/v1/rankings', { token: inspector, body: { quarter: QUARTER } });
    expect(notOfficer.status).toBe(403);
  });

  it('charges the missing assessments, then lists every eligible project with competition ranks', async () => {
    const started = await api('/v1/rankings', { token: officer, body: { quarter: QUARTER } });
    expect(started.status, started.text).toBe(202);
    const { runId } = started.json as { runId: string };
    expect(started.headers.get('location')).toBe(`/v1/rankings/runs/${runId}`);

    const run = await finishedRun(runId);
    expect(run).toMatchObject({ status: 'succeeded', revision: 1, error: null });
    expect(run.progress.batchesDone).toBe(run.progress.batches);
    expect(run.progress.projectsDone).toBe(run.progress.projects);
    expect(run.pointsCharged).toBeGreaterThan(0);

    const view = await ranking();
    expect(view).toMatchObject({ quarter: QUARTER, status: 'draft', revision: 1, reason: null, runId });
    const list = view.lists.projects.building ?? [];
    // only this suite's projects are assessed in 2041Q1; the one in preparation is left out
    const ours = list.filter((entry) => building.some((p) => p.projectId === entry.projectId));
    expect(ours).toHaveLength(12);
    expect(list.some((entry) => entry.projectId === preparation.projectId)).toBe(false);
    // 95, 92, 92, 90 …: equal scores share a rank, the next rank skips (1, 2, 2, 4)
    expect(ours.map((entry) => [entry.score, entry.rank, entry.of])).toEqual(
      [95, 92, 92, 90, 88, 85, 83, 80, 78, 75, 72, 65].map((score, i) => [score, i === 2 ? 2 : i + 1, list.length]),
    );
    expect(ours.at(-1)).toMatchObject({ grade: 'fail', district: DISTRICT, districtRank: { rank: 12, of: 12 } });
    expect(view.lists.projects.housing?.map((entry) => entry.projectId)).toEqual([housing.projectId]);

    // the shared contractor: the mean of its two projects, with full rank points
    const contractors = view.lists.enterprises.general_contractor ?? [];
    expect(contractors.find((entry) => entry.creditCode === sharedContractor.creditCode)).toMatchObject({
      score: 93.5,
      projects: 2,
      rankPoints: 10,
      grade: 'excellent',
    });
    const managers = view.lists.persons.project_manager ?? [];
    const firstManager = building[0]?.body.persons[0] as { registrationNo: string; name: string };
    expect(managers.find((entry) => entry.registrationNo === firstManager.registrationNo)).toMatchObject({
      name: firstManager.name,
      score: 95,
      enterpriseCreditCode: sharedContractor.creditCode,
      rankPoints: 10,
    });
    const district = view.lists.districts.find((entry) => entry.district === DISTRICT);
    // 13 ranked (12 building, 1 housing): mean 83.5…, 优良 share 9 of 13
    const ranked = [...building.map((p) => p.score), 81];
    expect(district).toMatchObject({
      projects: 13,
      score: Math.round((ranked.reduce((a, b) => a + b, 0) / 13) * 10) / 10,
      excellentShare: Math.round((ranked.filter((s) => s >= 80).length / 13) * 1000) / 1000,
    });
  });

  it('charged each tier still missing once: a second run recomputes the draft and charges nothing again', async () => {
    const developer = unitOf(building[5]?.body as RankedProject['body'], 'developer');
    const before = await ledger(developer);
    expect(before.entries.filter((entry) => entry.code === 'missing_assessment')).toHaveLength(1);
    expect(before.totalInWindow).toBe(2);

    const again = await api('/v1/rankings', { token: officer, body: { quarter: QUARTER } });
    expect(again.status, again.text).toBe(202);
    const run = await finishedRun((again.json as { runId: string }).runId);
    expect(run).toMatchObject({ status: 'succeeded', revision: 1 });
    expect((await ledger(developer)).totalInWindow).toBe(2);
    const view = await ranking();
    expect(view).toMatchObject({ revision: 1, status: 'draft', runId: run.runId });
  });

  it('refuses a run while one of the quarter is in flight (409)', async () => {
    const until = new Date(Date.parse('2041-04-20T09:00:00+08:00') + 3600_000).toISOString();
    await table.client.send(
      new UpdateCommand({
        TableName: table.name,
        Key: keys.rankingHead(QUARTER),
        UpdateExpression: 'SET runInFlight = :run',
        ExpressionAttributeValues: { ':run': { runId: 'rkr_01JZZZZZZZZZZZZZZZZZZZZZZZ', until } },
      }),
    );
    try {
      const busy = await api('/v1/rankings', { token: officer, body: { quarter: QUARTER } });
      expect(busy.status, busy.text).toBe(409);
      const publish = await api(`/v1/rankings/${QUARTER}/publish`, { token: officer, body: {} });
      expect(publish.status, publish.text).toBe(409);
    } finally {
      await table.client.send(
        new UpdateCommand({
          TableName: table.name,
          Key: keys.rankingHead(QUARTER),
          UpdateExpression: 'SET runInFlight = :none',
          ExpressionAttributeValues: { ':none': null },
        }),
      );
    }
  });
});
