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
import { RuleSets } from '../../shared/store/rule-sets.js';
import { enterpriseSupervisionStatistics } from '../../shared/usecases/enterprise-cases.js';
import { publishRankingSite } from '../../shared/usecases/publish-rankings.js';
import { superviseFromRanking } from '../../shared/usecases/ranking-supervision.js';
import { api, baseUrl, eventually, setClock, table, tokenFor } from './support/api.js';
import { unitOf } from './support/assessments.js';
import { creditCode, failingInspection } from './support/fixtures.js';
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
/** alone in its district: graded 不合格 by the government, not at any bottom (fewer than 10 ranked) */
let failedAlone: RankedProject;
const sharedContractor = { name: '北京密云某建筑工程有限公司', creditCode: creditCode() };
/** a contractor with two projects under differentiated supervision at once (not assessed this quarter) */
const twiceSupervised = { name: '北京某双项目建筑工程有限公司', creditCode: creditCode() };
const supervisedProjects: string[] = [];
/** an enterprise reaching 16 points: proposed, confirmed, later released at a published ranking */
const pointed = { name: '北京某记分监理有限公司', creditCode: creditCode() };
const pointEntries: string[] = [];

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
  failedAlone = await assessedProject({ district: '延庆区', score: 60, quarter: QUARTER, inspectedOn: ASSESSED_ON });
  // two projects of one contractor found failing and included: CaseIncluded twice
  for (let i = 0; i < 2; i++) {
    const { projectId, body } = await assessedProject({
      district: '怀柔区',
      quarter: QUARTER,
      inspectedOn: ASSESSED_ON,
      units: { general_contractor: twiceSupervised },
    });
    const inspected = await api(`/v1/projects/${projectId}/inspections`, {
      token: inspector,
      body: {
        ...failingInspection(body as unknown as Parameters<typeof failingInspection>[0], ASSESSED_ON),
        findings: failingInspection(body as unknown as Parameters<typeof failingInspection>[0]).findings.map(
          (finding) => ({ ...finding, deadline: '2041-02-20' }),
        ),
      },
    });
    expect(inspected.status, inspected.text).toBe(201);
    const caseId = (inspected.json as { caseId: string }).caseId;
    const confirmed = await api(`/v1/cases/${caseId}/confirm`, { token: officer, body: {} });
    expect(confirmed.status, confirmed.text).toBe(200);
    supervisedProjects.push(projectId);
  }
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

  it('filters a list by district on the server, page by page (?district=)', async () => {
    interface Page {
      total: number;
      items: Entry[];
      nextToken: string | null;
    }
    const page = async (list: string, query: string) => {
      const response = await api(`/v1/rankings/${QUARTER}/lists/${list}?${query}`, { token: inspector });
      expect(response.status, response.text).toBe(200);
      return response.json as Page;
    };
    const whole = (await page('projects.building', 'limit=1000')).items;
    const miyun = encodeURIComponent(DISTRICT);

    // 5 a page: only 密云区's entries, in the list's order, with their places in the whole list, until none is left
    const pages: Page[] = [await page('projects.building', `district=${miyun}&limit=5`)];
    while (pages.at(-1)?.nextToken) {
      const token = encodeURIComponent(pages.at(-1)?.nextToken as string);
      pages.push(await page('projects.building', `district=${miyun}&limit=5&nextToken=${token}`));
    }
    expect(pages.map((p) => p.items.length)).toEqual([5, 5, 2]);
    expect(pages.map((p) => p.total)).toEqual([12, 12, 12]);
    const filtered = pages.flatMap((p) => p.items);
    expect(filtered.map((entry) => entry.projectId)).toEqual(
      whole.filter((entry) => entry.district === DISTRICT).map((entry) => entry.projectId),
    );
    expect(filtered.map((entry) => entry.projectId).sort()).toEqual(building.map((p) => p.projectId).sort());
    expect(filtered.map((entry) => [entry.rank, entry.of])).toEqual(
      whole.filter((entry) => entry.district === DISTRICT).map((entry) => [entry.rank, entry.of]),
    );

    // another district: its one project; a district with none: an empty list, not an error
    const yanqing = await page('projects.building', `district=${encodeURIComponent('延庆区')}`);
    expect(yanqing).toMatchObject({ total: 1, nextToken: null });
    expect(yanqing.items.map((entry) => entry.projectId)).toEqual([failedAlone.projectId]);
    expect(await page('projects.building', `district=${encodeURIComponent('门头沟区')}`)).toMatchObject({
      total: 0,
      items: [],
      nextToken: null,
    });
    // the districts list narrows to the district's own entry
    const districts = await page('districts', `district=${miyun}`);
    expect(districts.items.map((entry) => [entry.district, entry.projects])).toEqual([[DISTRICT, 13]]);
    expect(districts.total).toBe(1);

    // enterprises and persons are ranked city-wide: the filter is refused there, in Chinese, naming the field
    const refused = await api(`/v1/rankings/${QUARTER}/lists/enterprises.general_contractor?district=${miyun}`, {
      token: inspector,
    });
    expect(refused.status, refused.text).toBe(400);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.text).toContain('district');
    expect(refused.text).toMatch(/全市/);
    // a token of one filter is refused for another (it counts positions of a different selection)
    const token = encodeURIComponent(pages[0]?.nextToken as string);
    const mixed = await api(
      `/v1/rankings/${QUARTER}/lists/projects.building?district=${encodeURIComponent('延庆区')}&nextToken=${token}`,
      { token: inspector },
    );
    expect(mixed.status, mixed.text).toBe(400);
    const unfiltered = await api(`/v1/rankings/${QUARTER}/lists/projects.building?nextToken=${token}`, {
      token: inspector,
    });
    expect(unfiltered.status, unfiltered.text).toBe(400);
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

interface CaseView {
  id: string;
  status: string;
  basis: string;
  ranking: { quarter: string; revision: number; grounds: string[]; statement: string; districtRank: unknown } | null;
  timeline: Array<{ action: string; evidence: string[] }>;
  timelineIntact: boolean;
  notices: Array<{ id: string; type: string; rankingBasis: string | null }>;
}

interface EnterpriseCase {
  id: string;
  creditCode: string;
  status: string;
  grounds: Array<{ ground: string; explanation: string; evidence: string[] }>;
  talks: Array<{ date: string; attendees: string[]; summary: string }>;
  timeline: Array<{ action: string }>;
  timelineIntact: boolean;
  measures: {
    agencyInspections: { required: number; projects: Array<{ projectId: string; inspections: number }> };
    enterpriseInspections: { required: number; projects: Array<{ projectId: string; delivered: number }> };
  } | null;
}

async function caseOf(projectId: string, status = 'proposed'): Promise<CaseView> {
  const project = await eventually(
    () => api(`/v1/projects/${projectId}`, { token: inspector }),
    (r) => (r.json as { case?: { status: string } | null }).case?.status === status,
    { what: `a ${status} case of ${projectId}` },
  );
  const caseId = (project.json as { case: { id: string } }).case.id;
  return (await api(`/v1/cases/${caseId}`, { token: inspector })).json as CaseView;
}

async function enterpriseCaseOf(code: string, status: string): Promise<EnterpriseCase> {
  const listed = await eventually(
    () => api(`/v1/enterprise-cases?status=${status}&limit=100`, { token: inspector }),
    (r) => (r.json as { items: Array<{ creditCode: string }> }).items.some((item) => item.creditCode === code),
    { what: `a ${status} enterprise case of ${code}` },
  );
  const id = (listed.json as { items: Array<{ id: string; creditCode: string }> }).items.find(
    (item) => item.creditCode === code,
  )?.id as string;
  const view = await api(`/v1/enterprise-cases/${id}`, { token: inspector });
  expect(view.status, view.text).toBe(200);
  return view.json as EnterpriseCase;
}

const publicFile = (path: string) => fetch(new URL(path, baseUrl()));

describe('enterprise-level supervision on the grounds events show', () => {
  it('proposes the enterprise with two projects under supervision at once', async () => {
    const proposed = await enterpriseCaseOf(twiceSupervised.creditCode, 'proposed');
    expect(proposed.grounds).toEqual([
      expect.objectContaining({ ground: 'supervised_projects', explanation: expect.stringContaining('2个项目') }),
    ]);
    expect(proposed.grounds[0]?.evidence).toHaveLength(2);
    expect(proposed.timelineIntact).toBe(true);

    // an officer confirms; its measures are counted; a summons talk is recorded
    const confirmed = await api(`/v1/enterprise-cases/${proposed.id}/confirm`, { token: officer, body: {} });
    expect(confirmed.status, confirmed.text).toBe(200);
    const active = confirmed.json as EnterpriseCase;
    expect(active.status).toBe('active');
    expect(active.measures?.agencyInspections.required).toBe(2);
    expect(active.measures?.agencyInspections.projects.map((p) => p.projectId).sort()).toEqual(
      [...supervisedProjects].sort(),
    );
    expect(active.measures?.enterpriseInspections.required).toBe(2);
    // in the month's statistics (`enterpriseSupervision` of GET /v1/stats, which answers once the monthly evaluation
    // of the month has written its statistics): each of its projects owed 2 agency inspections, none made in April
    const stats = await enterpriseSupervisionStatistics('2041-04', new RuleSets());
    const line = stats.cases.find((candidate) => candidate.enterpriseCaseId === proposed.id);
    expect(line?.projects.map((p) => [p.projectId, p.inspections, p.required]).sort()).toEqual(
      [...supervisedProjects].sort().map((projectId) => [projectId, 0, 2]),
    );
    expect(line?.shortfall).toBe(4);
    const talk = await api(`/v1/enterprise-cases/${proposed.id}/talks`, {
      token: officer,
      body: { date: '2041-04-18', attendees: ['王五', '施工单位法定代表人'], summary: '约谈企业负责人，责令落实整改' },
    });
    expect(talk.status, talk.text).toBe(201);
    const future = await api(`/v1/enterprise-cases/${proposed.id}/talks`, {
      token: officer,
      body: { date: '2041-05-01', attendees: ['王五'], summary: '尚未发生的约谈' },
    });
    expect(future.status).toBe(409);
    const after = (await api(`/v1/enterprise-cases/${proposed.id}`, { token: inspector })).json as EnterpriseCase;
    expect(after.talks).toHaveLength(1);
    // the second CaseIncluded may reach the open case after its proposal: it notes the project (project_included)
    expect(after.timeline.map((entry) => entry.action).filter((action) => !action.startsWith('project_'))).toEqual([
      'proposed',
      'included',
      'talk_recorded',
    ]);
    expect(after.timelineIntact).toBe(true);
  });

  it('proposes the enterprise whose points reach 16, once', async () => {
    for (const points of [3, 3, 3, 3, 3, 1]) {
      const recorded = await api('/v1/penalty-points', {
        token: officer,
        body: {
          subject: { kind: 'enterprise', id: pointed.creditCode, name: pointed.name },
          points,
          reason: '施工现场安全管理不到位，责令改正',
          documentNo: `京建罚〔2041〕${pointEntries.length + 1}号`,
        },
      });
      expect(recorded.status, recorded.text).toBe(201);
      pointEntries.push((recorded.json as { id: string }).id);
    }
    const proposed = await enterpriseCaseOf(pointed.creditCode, 'proposed');
    expect(proposed.grounds.map((ground) => ground.ground)).toEqual(['penalty_points']);
    const confirmed = await api(`/v1/enterprise-cases/${proposed.id}/confirm`, { token: officer, body: {} });
    expect(confirmed.status, confirmed.text).toBe(200);
  });
});

describe('publication (SPEC §6.4) and what it proposes (SPEC §6.5)', () => {
  it('publishes the draft immutably: HTML, JSON and CSV on the public site, persons masked', async () => {
    const published = await api(`/v1/rankings/${QUARTER}/publish`, { token: officer, body: {} });
    expect(published.status, published.text).toBe(200);
    expect(published.json).toMatchObject({ quarter: QUARTER, status: 'published', revision: 1 });
    const again = await api(`/v1/rankings/${QUARTER}/publish`, { token: officer, body: {} });
    expect(again.status, again.text).toBe(200);
    expect((again.json as { publications: unknown[] }).publications).toHaveLength(1);

    const json = await eventually(
      () => publicFile(`/public/rankings/${QUARTER}.json`),
      (r) => r.status === 200,
      { what: 'the quarter’s JSON on the public site' },
    );
    const data = (await json.json()) as {
      revision: number;
      lists: { persons: { project_manager: Array<Record<string, unknown>> }; projects: Record<string, unknown[]> };
    };
    expect(data.revision).toBe(1);
    const manager = data.lists.persons.project_manager[0] as Record<string, unknown>;
    expect(manager.name).toMatch(/^张\*+$/);
    expect(manager).not.toHaveProperty('registrationNo');
    expect(manager.enterpriseName).toEqual(expect.any(String));

    // the publication's files are stored one after another (the JSON first): the CSV may follow a moment later
    const csv = await eventually(
      () => publicFile(`/public/rankings/${QUARTER}.csv`),
      (r) => r.status === 200,
      { what: 'the quarter’s CSV on the public site' },
    );
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    expect(text.split('\r\n')[0]).toContain('榜单,名次,参评数');
    expect(text).toContain(sharedContractor.creditCode);
    expect(text).not.toContain('京111');

    const page = await eventually(
      () => publicFile(`/public/rankings/${QUARTER}/`),
      (r) => r.status === 200,
      { what: 'the quarter’s page on the public site' },
    );
    const html = await page.text();
    expect(html).toContain('2041年第1季度');
    expect(html).toContain('区县排名');
    // the index is put after the quarter's files (it links to them)
    const index = await eventually(
      async () => {
        const response = await publicFile('/public/rankings/');
        return response.status === 200 ? await response.text() : '';
      },
      (text) => text.includes(`${QUARTER}/index.html`),
      { what: 'the index of quarters' },
    );
    expect(index).toContain('2041年第1季度');
  });

  it('proposes the bottom project of its district and category with basis "ranking" and its evidence', async () => {
    const last = building.at(-1) as RankedProject;
    const proposed = await caseOf(last.projectId);
    expect(proposed).toMatchObject({ basis: 'ranking', status: 'proposed' });
    expect(proposed.ranking).toMatchObject({
      quarter: QUARTER,
      revision: 1,
      grounds: ['bottom_of_ranking', 'government_fail'],
      districtRank: { rank: 12, of: 12 },
    });
    expect(proposed.ranking?.statement).toContain('排名第12名（共12名），位于后5%');
    const evidence = proposed.timeline[0]?.evidence ?? [];
    expect(evidence.some((id) => id.startsWith('rke_'))).toBe(true);
    expect(evidence.some((id) => id.startsWith('asm_'))).toBe(true);

    // the same life cycle: an officer confirms, the inclusion notice states the ranking
    const confirmed = await api(`/v1/cases/${proposed.id}/confirm`, { token: officer, body: {} });
    expect(confirmed.status, confirmed.text).toBe(200);
    const notice = (confirmed.json as CaseView).notices.find((candidate) => candidate.type === 'inclusion');
    expect(notice?.rankingBasis).toContain('2041年第1季度安全质量状况评估排名中');

    // the next-to-last of the 12 is above the cut (⌈12 × 5 %⌉ = 1): not proposed
    const above = await api(`/v1/projects/${building.at(-2)?.projectId}`, { token: inspector });
    expect((above.json as { case: unknown }).case ?? null).toBeNull();
  });

  it('proposes a project the government graded 不合格 though no bottom was cut in its district', async () => {
    const proposed = await caseOf(failedAlone.projectId);
    expect(proposed.ranking?.grounds).toEqual(['government_fail']);
    // the officer dismisses: the ranking of this quarter has been weighed
    const dismissed = await api(`/v1/cases/${proposed.id}/dismiss`, {
      token: officer,
      body: { reason: '已于评估后整改完毕，经复查合格' },
    });
    expect(dismissed.status, dismissed.text).toBe(200);
  });

  it('proposes the enterprises at the bottom of their role lists', async () => {
    // the lowest mean score among the general contractors is the one of the project scored 60, alone in its district
    const contractors = (await ranking()).lists.enterprises.general_contractor as Array<Entry & { creditCode: string }>;
    expect(contractors.length).toBeGreaterThanOrEqual(10);
    const bottom = contractors.at(-1) as Entry & { creditCode: string };
    expect(bottom.creditCode).toBe(unitOf(failedAlone.body, 'general_contractor'));
    const proposed = await enterpriseCaseOf(bottom.creditCode, 'proposed');
    expect(proposed.grounds.map((ground) => ground.ground)).toEqual(['bottom_of_role_list']);
    expect(proposed.grounds[0]?.explanation).toContain(`施工总承包单位排名第${bottom.rank}名`);
    // the next one up (the 65 of 密云区) is above the cut (⌈n × 5 %⌉ = 1 while fewer than 21 are ranked)
    const above = contractors.at(-2) as Entry & { creditCode: string };
    expect(contractors.length).toBeLessThan(21);
    const listed = await api('/v1/enterprise-cases?limit=100', { token: inspector });
    expect(
      (listed.json as { items: Array<{ creditCode: string }> }).items.map((item) => item.creditCode),
    ).not.toContain(above.creditCode);
  });

  it('a correction needs a reason, makes revision 2, shows its reason, proposes nothing weighed again', async () => {
    // the points that made the enterprise case fall below 16
    const revoked = await api(`/v1/penalty-points/${pointEntries[0]}/revoke`, {
      token: officer,
      body: { reason: '复议撤销' },
    });
    expect(revoked.status, revoked.text).toBe(200);

    const withoutReason = await api('/v1/rankings', { token: officer, body: { quarter: QUARTER } });
    expect(withoutReason.status, withoutReason.text).toBe(422);
    const reason = '更正延庆区一项目的政府评估录入错误';
    const started = await api('/v1/rankings', { token: officer, body: { quarter: QUARTER, reason } });
    expect(started.status, started.text).toBe(202);
    const run = await finishedRun((started.json as { runId: string }).runId);
    expect(run).toMatchObject({ status: 'succeeded', revision: 2 });
    const draft = await ranking();
    expect(draft).toMatchObject({ revision: 2, status: 'draft', reason });
    const first = await api(`/v1/rankings/${QUARTER}?revision=1`, { token: inspector });
    expect(first.json).toMatchObject({ revision: 1, status: 'published' });

    const published = await api(`/v1/rankings/${QUARTER}/publish`, { token: officer, body: { revision: 2 } });
    expect(published.status, published.text).toBe(200);
    const json = await eventually(
      async () => (await (await publicFile(`/public/rankings/${QUARTER}.json`)).json()) as { revision: number },
      (data) => data.revision === 2,
      { what: 'revision 2 on the public site' },
    );
    expect(json).toMatchObject({ revision: 2, reason });
    // the quarter's page is written beside the JSON, in parallel: it may follow a moment later
    const html = await eventually(
      async () => (await publicFile(`/public/rankings/${QUARTER}/`)).text(),
      (text) => text.includes(`更正理由：${reason}`),
      { what: 'the corrected quarter’s page' },
    );
    expect(html).toContain(`更正理由：${reason}`);

    // the enterprise whose points fell below 16 is released at this published ranking; the one still with two
    // supervised projects stays
    const released = await enterpriseCaseOf(pointed.creditCode, 'released');
    expect(released.timeline.at(-1)?.action).toBe('released');
    const kept = await enterpriseCaseOf(twiceSupervised.creditCode, 'active');
    expect(kept.timeline.at(-1)?.action).toBe('reviewed');
    // the project whose proposal was dismissed is not proposed again by the correction
    const project = (await api(`/v1/projects/${failedAlone.projectId}`, { token: inspector })).json as {
      case: { status: string } | null;
    };
    expect(project.case?.status ?? null).not.toBe('proposed');
  });
  it('a redelivered RankingPublished (any event id) and a second regeneration change nothing', async () => {
    const current = (await api(`/v1/rankings/${QUARTER}`, { token: inspector })).json as Ranking & {
      publications: Array<{ revision: number; publishedOn: string }>;
    };
    const published = current.publications.at(-1) as { revision: number; publishedOn: string };
    const kept = await enterpriseCaseOf(twiceSupervised.creditCode, 'active');
    const site = await publishRankingSite(QUARTER);
    expect(site).toMatchObject({ quarter: QUARTER, revision: published.revision, written: 0, removed: 0 });
    expect(site.unchanged).toBeGreaterThan(3);
    const again = await superviseFromRanking(
      {
        eventId: 'evt_redelivered',
        quarter: QUARTER,
        revision: published.revision,
        runId: current.runId,
        publishedOn: published.publishedOn,
      },
      new Date('2041-04-21T09:00:00+08:00'),
    );
    expect(again.projects.proposed).toBe(0);
    expect(again.enterprisesProposed).toEqual([]);
    expect(again).toMatchObject({ enterprisesReleased: 0, enterprisesKept: 0 });
    const after = await enterpriseCaseOf(twiceSupervised.creditCode, 'active');
    expect(after.timeline).toHaveLength(kept.timeline.length);
  });
});
