/**
 * Enforcement work (执法工作评价, SPEC §6.7) through the API: measures recorded on inspections (责令改正, 罚款, 停工整改),
 * refused when wrong with messages in Chinese and English and nothing written, shown on the project; and the
 * quarter's statistics per inspector and per district, read from the quarter's inspection listing.
 *
 * The twin is shared by the whole suite and other files inspect in the same quarters, so this file works in a
 * district and with inspectors of its own, and reads only their lines.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, setClock, tokenFor } from './support/api.js';
import { defaultScheme, form } from './support/assessments.js';
import { contractorOf, failingInspection, projectBody } from './support/fixtures.js';

const suffix = randomUUID().slice(0, 6);
const district = `执法考核${suffix}区`;
const [inspectorA, inspectorB, inspectorC] = [`甲${suffix}`, `乙${suffix}`, `丙${suffix}`];

let inspector: string;
let officer: string;

type Body = ReturnType<typeof projectBody>;

interface Measures {
  volume: { inspections: number };
  amount: { rectificationOrders: number; fines: number; fineTotalYuan: number; stopWorkOrders: number };
  coverage: {
    activeProjects: number;
    projectsInspected: number;
    share: number | null;
    supervisedProjects: number | null;
    supervisedMeetingQuota: number | null;
    supervisedQuotaShare: number | null;
  };
  richness: { findings: number; findingsPerInspection: number | null; categoriesCovered: number };
  regularity: {
    twoInspectorsShare: number | null;
    reportsIssuedShare: number | null;
    verificationsDue: number;
    verificationsOnTimeShare: number | null;
  };
  assessmentTie: {
    governmentAssessments: number;
    assessedProjects: number | null;
    withGovernmentAssessment: number | null;
    shortfall: number | null;
    share: number | null;
  };
}

interface Statistics {
  quarter: string;
  asOf: string;
  byInspector: Array<Measures & { inspector: string }>;
  byDistrict: Array<Measures & { district: string }>;
}

async function register(overrides: Record<string, unknown> = {}) {
  const body = projectBody({ district, ...overrides });
  return registered(body);
}

async function registered(body: Body) {
  const response = await api('/v1/projects', { token: inspector, body });
  expect(response.status, response.text).toBe(201);
  return { id: (response.json as { id: string }).id, body };
}

/** An inspection body by two of this file's inspectors, without findings or measures unless given. */
function inspection(fields: Record<string, unknown>) {
  return {
    kind: 'routine',
    inspectors: [inspectorA, inspectorB],
    keyPersonnelPresent: { projectManager: true, chiefSupervisingEngineer: true },
    findings: [],
    summary: '执法检查',
    measures: [],
    ...fields,
  };
}

async function inspect(projectId: string, body: Record<string, unknown>) {
  const response = await api(`/v1/projects/${projectId}/inspections`, { token: inspector, body });
  expect(response.status, response.text).toBe(201);
  return response.json as { inspectionId: string; hazardIds: string[]; caseId?: string };
}

beforeAll(async () => {
  inspector = await tokenFor('inspector');
  officer = await tokenFor('officer');
});

afterAll(async () => {
  await setClock(null);
});

describe('enforcement measures on an inspection (SPEC §6.7)', () => {
  let project: { id: string; body: Body };

  beforeAll(async () => {
    await setClock('2026-07-15T10:00:00+08:00');
    // a district of its own, so that the statistics below count only what they set up
    project = await registered(projectBody({ district: `执法措施${suffix}区` }));
  });

  it('refuses a fine without its amount, an amount on an order, and a unit of another project — writing nothing', async () => {
    const contractor = contractorOf(project.body);
    const stranger = contractorOf(projectBody());
    const wrong = inspection({
      date: '2026-07-15',
      inspectors: ['王五', '赵六'],
      measures: [
        { kind: 'fine', unitCreditCode: contractor, documentNo: '京建执罚〔2026〕1号' },
        { kind: 'rectification_order', unitCreditCode: contractor, amountYuan: 500, documentNo: '京建执改〔2026〕1号' },
        { kind: 'stop_work', unitCreditCode: stranger, documentNo: '京建执停〔2026〕1号' },
      ],
    });
    const refused = await api(`/v1/projects/${project.id}/inspections`, { token: inspector, body: wrong });
    expect(refused.status, refused.text).toBe(400);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    const problem = refused.json as { detail: string; errors: Array<{ field: string; message: string }> };
    expect(problem.detail).toContain('执法措施');
    expect(problem.errors).toEqual([
      { field: 'measures[0].amountYuan', message: '罚款须写明金额（元）' },
      { field: 'measures[1].amountYuan', message: '只有罚款有金额，责令改正不填金额' },
      { field: 'measures[2].unitCreditCode', message: '不是本项目参建单位的统一社会信用代码' },
    ]);
    // a measure of a kind the SPEC does not know, a negative fine: the schema's refusals
    for (const measure of [
      { kind: 'warning', unitCreditCode: contractor, documentNo: 'x' },
      { kind: 'fine', unitCreditCode: contractor, amountYuan: -5, documentNo: 'x' },
    ]) {
      const bad = await api(`/v1/projects/${project.id}/inspections`, {
        token: inspector,
        body: inspection({ date: '2026-07-15', measures: [measure] }),
      });
      expect(bad.status, bad.text).toBe(400);
    }
    const view = await api(`/v1/projects/${project.id}`, { token: inspector });
    expect((view.json as { inspections: unknown[] }).inspections).toEqual([]);
  });

  it('stores the measures with the inspection and shows them on the project, newest inspection first', async () => {
    const contractor = contractorOf(project.body);
    const first = await inspect(
      project.id,
      inspection({
        date: '2026-07-10',
        inspectors: ['王五', '赵六'],
        measures: [
          { kind: 'rectification_order', unitCreditCode: contractor, documentNo: '京建执改〔2026〕7号' },
          { kind: 'fine', unitCreditCode: contractor, amountYuan: 5000, documentNo: '京建执罚〔2026〕7号' },
        ],
      }),
    );
    const second = await inspect(project.id, inspection({ date: '2026-07-14', inspectors: ['王五', '赵六'] }));
    const view = (await api(`/v1/projects/${project.id}`, { token: inspector })).json as {
      inspections: Array<{ id: string; measures: unknown[]; inspectors: string[]; findings: number }>;
    };
    expect(view.inspections.map((entry) => entry.id)).toEqual([second.inspectionId, first.inspectionId]);
    expect(view.inspections[1]).toMatchObject({
      inspectors: ['王五', '赵六'],
      findings: 0,
      measures: [
        {
          kind: 'rectification_order',
          unitCreditCode: contractor,
          amountYuan: null,
          documentNo: '京建执改〔2026〕7号',
        },
        { kind: 'fine', unitCreditCode: contractor, amountYuan: 5000, documentNo: '京建执罚〔2026〕7号' },
      ],
    });
    expect(view.inspections[0]?.measures).toEqual([]);
  });
});

describe('GET /v1/stats/enforcement: the quarter per inspector and per district', () => {
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    // a project under supervision since June: it owes 4 agency inspections in each month of the quarter
    await setClock('2026-06-10T10:00:00+08:00');
    const supervised = await register();
    ids.supervised = supervised.id;
    const failing = await inspect(supervised.id, {
      ...failingInspection(supervised.body, '2026-06-10'),
      inspectors: [inspectorC, inspectorB],
    });
    expect(failing.caseId).toBeDefined();
    const confirmed = await api(`/v1/cases/${failing.caseId}/confirm`, { token: officer, body: {} });
    expect(confirmed.status, confirmed.text).toBe(200);

    await setClock('2026-08-20T10:00:00+08:00');
    const inspected = await register();
    ids.inspected = inspected.id;
    const idle = await register();
    ids.idle = idle.id;
    // not yet building: not among the projects under construction
    await register({ phase: 'preparation' });

    const contractor = contractorOf(inspected.body);
    const withFindings = await inspect(inspected.id, {
      ...inspection({ date: '2026-07-20' }),
      findings: [
        {
          kind: 'hazard',
          category: 'scaffolding',
          severity: 'general',
          unitCreditCode: contractor,
          description: '外脚手架连墙件缺失',
          deadline: '2026-07-30',
        },
        {
          kind: 'hazard',
          category: 'electrical',
          severity: 'general',
          unitCreditCode: contractor,
          description: '临时用电未做接地',
          deadline: '2026-07-30',
        },
      ],
      measures: [
        { kind: 'rectification_order', unitCreditCode: contractor, documentNo: '京建执改〔2026〕21号' },
        { kind: 'fine', unitCreditCode: contractor, amountYuan: 8000, documentNo: '京建执罚〔2026〕21号' },
        { kind: 'stop_work', unitCreditCode: contractor, documentNo: '京建执停〔2026〕21号' },
      ],
    });
    // one hazard verified by its deadline, the other after it
    const [onTime, late] = withFindings.hazardIds as [string, string];
    for (const [hazardId, date] of [
      [onTime, '2026-07-29'],
      [late, '2026-08-03'],
    ] as const) {
      const verified = await api(`/v1/hazards/${hazardId}/verifications`, {
        token: inspector,
        body: { result: 'accepted', date },
      });
      expect(verified.status, verified.text).toBe(201);
    }
    // a second inspection with a fine of ¥20,000 and a government assessment made at it (SPEC §6.2)
    const assessed = await inspect(inspected.id, {
      ...inspection({ date: '2026-08-18', inspectors: [inspectorA, inspectorC] }),
      measures: [{ kind: 'fine', unitCreditCode: contractor, amountYuan: 20000, documentNo: '京建执罚〔2026〕22号' }],
    });
    const scheme = await defaultScheme();
    const government = await api(`/v1/projects/${inspected.id}/assessments`, {
      token: inspector,
      body: {
        tier: 'government',
        period: '2026Q3',
        schemeId: 'jgj59-2011',
        tables: form(scheme, {}),
        signedBy: { name: inspectorA },
        inspectionId: assessed.inspectionId,
        inspectors: [inspectorA, inspectorC],
      },
    });
    expect(government.status, government.text).toBe(201);
    // the supervised project: one agency inspection in July, far from its 4
    await inspect(supervised.id, inspection({ date: '2026-07-08', inspectors: [inspectorB, inspectorC] }));
    await setClock('2026-10-09T10:00:00+08:00');
  });

  async function statistics(quarter: string) {
    const response = await api(`/v1/stats/enforcement?quarter=${quarter}`, { token: officer });
    expect(response.status, response.text).toBe(200);
    return response.json as Statistics;
  }

  it('answers the district: volume, amount, coverage, richness, regularity, tie to assessment', async () => {
    const stats = await statistics('2026Q3');
    expect(stats).toMatchObject({ quarter: '2026Q3', asOf: '2026-09-30' });
    const mine = stats.byDistrict.find((line) => line.district === district);
    expect(mine).toEqual({
      district,
      volume: { inspections: 3 },
      amount: { rectificationOrders: 1, fines: 2, fineTotalYuan: 28000, stopWorkOrders: 1 },
      coverage: {
        // the supervised, the inspected and the idle project are building; the fourth is still in preparation
        activeProjects: 3,
        projectsInspected: 2,
        share: 0.667,
        supervisedProjects: 1,
        supervisedMeetingQuota: 0,
        supervisedQuotaShare: 0,
      },
      richness: { findings: 2, findingsPerInspection: 0.67, categoriesCovered: 2 },
      // every inspection recorded through the API has its report (检查报告), committed with it
      regularity: { twoInspectorsShare: 1, reportsIssuedShare: 1, verificationsDue: 2, verificationsOnTimeShare: 0.5 },
      assessmentTie: {
        governmentAssessments: 1,
        assessedProjects: 1,
        withGovernmentAssessment: 1,
        shortfall: 0,
        share: 1,
      },
    });
  });

  it('answers each inspector: what they inspected, imposed and verified', async () => {
    const stats = await statistics('2026Q3');
    const of = (name: string) => stats.byInspector.find((line) => line.inspector === name);
    expect(of(inspectorA)).toMatchObject({
      volume: { inspections: 2 },
      amount: { rectificationOrders: 1, fines: 2, fineTotalYuan: 28000, stopWorkOrders: 1 },
      coverage: { activeProjects: 3, projectsInspected: 1, share: 0.333, supervisedProjects: null },
      richness: { findings: 2, findingsPerInspection: 1, categoriesCovered: 2 },
      regularity: { verificationsDue: 2, verificationsOnTimeShare: 0.5 },
      assessmentTie: { governmentAssessments: 1, assessedProjects: null },
    });
    expect(of(inspectorB)).toMatchObject({
      volume: { inspections: 2 },
      amount: { rectificationOrders: 1, fines: 1, fineTotalYuan: 8000, stopWorkOrders: 1 },
      coverage: { projectsInspected: 2, share: 0.667 },
    });
    expect(of(inspectorC)).toMatchObject({ volume: { inspections: 2 }, assessmentTie: { governmentAssessments: 1 } });
    // the June inspection belongs to the second quarter, not this one
    const q2 = await statistics('2026Q2');
    expect(q2.byInspector.find((line) => line.inspector === inspectorC)?.volume.inspections).toBe(1);
    expect(q2.byInspector.find((line) => line.inspector === inspectorA)).toBeUndefined();
  });

  it('refuses a quarter not begun or malformed, and an inspector (officers only)', async () => {
    // the quarter under way is answered as it stands
    const current = await api('/v1/stats/enforcement?quarter=2026Q4', { token: officer });
    expect(current.status, current.text).toBe(200);
    const notBegun = await api('/v1/stats/enforcement?quarter=2027Q1', { token: officer });
    expect(notBegun.status).toBe(400);
    expect((notBegun.json as { detail: string }).detail).toContain('尚未开始');
    for (const quarter of ['2026Q5', '2026-09', '']) {
      expect((await api(`/v1/stats/enforcement?quarter=${quarter}`, { token: officer })).status).toBe(400);
    }
    expect((await api('/v1/stats/enforcement?quarter=2026Q3', { token: inspector })).status).toBe(403);
    expect((await api('/v1/stats/enforcement?quarter=2026Q3')).status).toBe(401);
  });
});
