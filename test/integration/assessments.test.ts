/**
 * The status assessment through the API (SPEC §6.1–6.3), as the units, inspectors and officers use it: a general
 * contractor's link shows the month's self-assessment due, and a submission scores what JGJ 59-2011 gives for the
 * same deductions (the worked examples of docs/assessment.md); resubmissions keep history; late ones are marked and
 * cost points; a self-assessment 30 points above the government's is suspected, the unit makes its statement, an
 * officer confirms, and the enterprise and the project manager carry 3 points each; officer-recorded points cross 8
 * and 16 and say so once each.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chargeMissingAssessments } from '../../shared/usecases/missing-assessments.js';
import { api, eventually, journalOf, partitionItems, setClock, tokenFor } from './support/api.js';
import {
  type AssessedProject,
  assessmentInspection,
  assessmentLink,
  deductEverywhere,
  defaultScheme,
  form,
  registeredPersonsProject,
  type SchemeData,
  submitThroughLink,
  UNUSED_SCAFFOLDS,
  unitOf,
} from './support/assessments.js';
import { creditCode } from './support/fixtures.js';

const NOW = '2026-10-20T10:00:00+08:00';

let inspector: string;
let officer: string;
let scheme: SchemeData;
let serial = 0;
/** projects assessed in 2026Q4: one the government assessed, one it did not (yet) */
const quarterProjects: { assessedByGovernment?: string; notAssessedByGovernment?: string } = {};

async function project(): Promise<{ body: AssessedProject; projectId: string }> {
  serial += 1;
  const body = registeredPersonsProject(`${Date.now() % 100000}${serial}`.padStart(8, '0'));
  const response = await api('/v1/projects', { method: 'POST', token: inspector, body });
  expect(response.status, response.text).toBe(201);
  return { body, projectId: (response.json as { id: string }).id };
}

interface AssessmentView {
  id: string;
  tier: string;
  period: string;
  score: number;
  grade: string;
  late: boolean;
  inForce: boolean;
  replaces: string | null;
  falsification: null | { status: string; statementDueAt: string; statement: unknown; grounds: string[] };
  tables: Array<{ tableId: string; score: number | null; zeroed: boolean }>;
  categories: Array<{ categoryId: string; score: number | null; weight: number; applicable: boolean }>;
  ruleSetVersion: string;
  suspected?: string[];
}

interface Ledger {
  subject: { kind: string; id: string; name: string | null };
  entries: Array<{ id: string; points: number; code: string; revoked: boolean; ruleSetVersion: string }>;
  totalInWindow: number;
  thresholdsReached: number[];
}

const ledger = async (subjectKind: string, subjectId: string, asOf?: string) => {
  const response = await api(
    `/v1/penalty-points?subjectKind=${subjectKind}&subjectId=${encodeURIComponent(subjectId)}${asOf ? `&asOf=${asOf}` : ''}`,
    { token: inspector },
  );
  expect(response.status, response.text).toBe(200);
  return response.json as Ledger;
};

/** Example 1 of docs/assessment.md (a site in structure, every category in use): 88.0, 优良. */
const EXAMPLE_1 = {
  'B.1.3': 4,
  'B.1.5': 2,
  'B.1.10': 3,
  'B.2.3': 5,
  'B.2.4': 3,
  'B.2.9': 4,
  'B.3.2': 5,
  'B.3.4': 4,
  'B.3.9': 5,
  'B.3.11': 2,
  'B.11.3': 3,
  'B.11.7': 5,
  'B.12.4': 6,
  'B.12.7': 4,
  'B.13.4': 5,
  'B.13.5': 5,
  'B.13.7': 3,
  'B.14.2': 10,
  'B.14.4': 5,
  'B.14.6': 6,
  'B.16.3': 4,
  'B.16.9': 5,
  'B.17.2': 6,
  'B.17.8': 4,
  'B.18.5': 5,
  'B.18.10': 5,
  'B.19.1': 5,
  'B.19.3': 4,
  'B.19.6': 3,
};
const EXAMPLE_1_OFF = [...UNUSED_SCAFFOLDS, 'B.15'];

beforeAll(async () => {
  await setClock(NOW);
  inspector = await tokenFor('inspector');
  officer = await tokenFor('officer');
  scheme = await defaultScheme();
}, 120_000);

afterAll(async () => {
  await setClock(null);
});

describe('the scheme', () => {
  it('is served to anyone who assesses, with its weights totalling 100 and every table totalling 100', async () => {
    const response = await api('/v1/assessment-schemes/jgj59-2011', { token: inspector });
    expect(response.status).toBe(200);
    const body = response.json as SchemeData & { categories: Array<{ weight: number }> };
    expect(body.categories.reduce((total, c) => total + c.weight, 0)).toBe(100);
    expect(body.tables).toHaveLength(19);
    for (const table of body.tables) expect(table.items.reduce((t, i) => t + i.maximum, 0)).toBeCloseTo(100, 9);
    const unknown = await api('/v1/assessment-schemes/beijing-2099');
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toContain('application/problem+json');
  });
});

describe("a general contractor's assessment link", () => {
  it('shows the month’s self-assessment due and scores a submission as JGJ 59-2011 does', async () => {
    const { body, projectId } = await project();
    const contractor = unitOf(body, 'general_contractor');
    const link = await assessmentLink(projectId, contractor);
    expect(new URL(link.url).pathname).toBe('/public/assess/');
    expect(new URLSearchParams(new URL(link.url).hash.slice(1)).get('token')).toBe(link.token);
    expect(link.token).toMatch(/^sda_/);

    const context = await api('/v1/assessments/context', { token: link.token });
    expect(context.status, context.text).toBe(200);
    const view = context.json as {
      unit: { creditCode: string; role: string };
      due: Array<{ tier: string; period: string; dueAt: string; overdue: boolean; submitted: unknown }>;
      phaseDefaults: Array<{ tableId: string; applicable: boolean }>;
      signer: { self: { name: string; registrationNo: string } };
    };
    expect(view.unit).toMatchObject({ creditCode: contractor, role: 'general_contractor' });
    expect(view.due).toContainEqual(
      expect.objectContaining({
        tier: 'self',
        period: '2026-10',
        dueAt: '2026-10-31T23:59:59+08:00',
        overdue: false,
        submitted: null,
      }),
    );
    expect(view.due.map((d) => `${d.tier} ${d.period}`)).toContain('enterprise 2026Q4');
    // structure phase: the pit is backfilled, so 基坑工程 is pre-marked 不涉及; 扣件式 scaffolding applies
    expect(view.phaseDefaults.find((d) => d.tableId === 'B.11')?.applicable).toBe(false);
    expect(view.phaseDefaults.find((d) => d.tableId === 'B.3')?.applicable).toBe(true);
    const signedBy = { name: view.signer.self.name, registrationNo: view.signer.self.registrationNo };

    // example 1: 88.0, 优良
    const first = await submitThroughLink(link.token, {
      tier: 'self',
      period: '2026-10',
      tables: form(scheme, EXAMPLE_1, { tablesNotApplicable: EXAMPLE_1_OFF }),
      signedBy,
    });
    expect(first.status, first.text).toBe(201);
    const one = first.json as AssessmentView;
    expect(one).toMatchObject({
      projectId,
      tier: 'self',
      period: '2026-10',
      unitCreditCode: contractor,
      score: 88,
      grade: 'excellent',
      late: false,
      falsification: null,
      inForce: true,
    });
    expect(one.ruleSetVersion).toEqual(expect.any(String));
    expect(one.tables.find((t) => t.tableId === 'B.14')).toEqual({ tableId: 'B.14', score: 79, zeroed: false });
    expect(one.categories.find((c) => c.categoryId === 'cranes_and_lifting')).toMatchObject({ score: 90, weight: 10 });

    // example 2a, a resubmission: a guaranteed item at 0 zeroes 扣件式 and fails the site (79.6, 不合格)
    const second = await submitThroughLink(link.token, {
      tier: 'self',
      period: '2026-10',
      tables: form(scheme, { ...EXAMPLE_1, 'B.3.6': 10 }, { tablesNotApplicable: EXAMPLE_1_OFF }),
      signedBy,
    });
    expect(second.status, second.text).toBe(201);
    const two = second.json as AssessmentView;
    expect(two).toMatchObject({ score: 79.6, grade: 'fail', replaces: one.id, inForce: true });
    expect(two.tables.find((t) => t.tableId === 'B.3')).toEqual({ tableId: 'B.3', score: 0, zeroed: true });

    // example 3, the general contractor's enterprise re-assessment: 不涉及 items, tables and categories renormalise
    const third = await submitThroughLink(link.token, {
      tier: 'enterprise',
      period: '2026Q4',
      tables: form(
        scheme,
        {
          'B.1.1': 2,
          'B.1.4': 3,
          'B.2.1': 4,
          'B.2.7': 2,
          'B.11.2': 4,
          'B.11.6': 6,
          'B.13.4': 5,
          'B.13.7': 3,
          'B.14.3': 4,
          'B.14.7': 2,
          'B.19.3': 2,
        },
        {
          tablesNotApplicable: ['B.3', ...UNUSED_SCAFFOLDS, 'B.12', 'B.15', 'B.16', 'B.17', 'B.18'],
          notApplicable: ['B.1.7', 'B.13.9', 'B.13.10', 'B.19.1'],
        },
      ),
      signedBy: { name: '王总工' },
    });
    expect(third.status, third.text).toBe(201);
    expect(third.json).toMatchObject({ tier: 'enterprise', period: '2026Q4', score: 93, grade: 'excellent' });

    // history: both self-assessments of the month, the first no longer in force
    const month = await api(`/v1/projects/${projectId}/assessments?period=2026-10`, { token: inspector });
    expect(month.status).toBe(200);
    const items = (month.json as { items: AssessmentView[] }).items;
    expect(items.map((a) => [a.id, a.inForce])).toEqual([
      [two.id, true],
      [one.id, false],
    ]);
    const single = await api(`/v1/assessments/${one.id}`, { token: inspector });
    expect(single.status).toBe(200);
    expect(single.json).toMatchObject({ id: one.id, inForce: false, supersededBy: two.id });

    // the quarter: self 79.6 and enterprise 93.0, renormalised over the two tiers present (0.2 each)
    const quarter = await api(`/v1/projects/${projectId}/assessments?period=2026Q4`, { token: inspector });
    expect(quarter.status).toBe(200);
    const standing = (quarter.json as { quarter: { score: number; grade: string; tiers: unknown[] } }).quarter;
    expect(standing.score).toBe(86.3); // (79.6 + 93.0) ÷ 2 = 86.3
    expect(standing.grade).toBe('excellent');
    quarterProjects.notAssessedByGovernment = projectId;
    // the sparse quarter index lists the project
    const indexed = await partitionItems(`PROJECT#${projectId}`, { skPrefix: 'ASSESSQUARTER#2026Q4' });
    expect(indexed[0]).toMatchObject({ gsi1pk: expect.stringMatching(/^ASSESSED#2026Q4#\d+$/), gsi1sk: projectId });
  });

  it('refuses, and writes nothing for, a table left out, a deduction above the maximum, a wrong signer', async () => {
    const { body, projectId } = await project();
    const link = await assessmentLink(projectId, unitOf(body, 'general_contractor'));
    const signedBy = { name: '张建国', registrationNo: body.persons[0]?.registrationNo };
    const submit = (extra: Record<string, unknown>) =>
      api('/v1/assessments', {
        token: link.token,
        body: {
          tier: 'self',
          period: '2026-10',
          schemeId: 'jgj59-2011',
          tables: form(scheme, {}, { tablesNotApplicable: EXAMPLE_1_OFF }),
          signedBy,
          ...extra,
        },
      });
    const before = await partitionItems(`PROJECT#${projectId}`);

    const leftOut = await submit({ tables: form(scheme, {}).filter((t) => t.tableId !== 'B.19') });
    expect(leftOut.status, leftOut.text).toBe(400);
    expect(leftOut.headers.get('content-type')).toContain('application/problem+json');
    expect(leftOut.text).toContain('施工机具');

    const excessive = await submit({ tables: form(scheme, { 'B.19.3': 9 }, { tablesNotApplicable: EXAMPLE_1_OFF }) });
    expect(excessive.status, excessive.text).toBe(400);
    expect((excessive.json as { errors: Array<{ field: string }> }).errors[0]?.field).toMatch(/^tables\[\d+\]\.items/);

    const notTheManager = await submit({ signedBy: { name: '李某某' } });
    expect(notTheManager.status, notTheManager.text).toBe(422);

    const future = await submit({ period: '2026-11' });
    expect(future.status, future.text).toBe(400);

    const government = await submit({ tier: 'government', period: '2026Q4' });
    expect(government.status).toBe(400);

    const developer = await assessmentLink(projectId, unitOf(body, 'developer'));
    const developerSelf = await submitThroughLink(developer.token, {
      tier: 'self',
      period: '2026-10',
      tables: form(scheme, {}, { tablesNotApplicable: EXAMPLE_1_OFF }),
      signedBy: { name: '建设单位代表' },
    });
    expect(developerSelf.status, developerSelf.text).toBe(422);

    const subcontractor = await api(`/v1/projects/${projectId}/assessment-links`, {
      token: inspector,
      body: { unitCreditCode: unitOf(body, 'subcontractor'), validDays: 30 },
    });
    expect(subcontractor.status, subcontractor.text).toBe(422);
    const tooLong = await api(`/v1/projects/${projectId}/assessment-links`, {
      token: inspector,
      body: { unitCreditCode: unitOf(body, 'general_contractor'), validDays: 94 },
    });
    expect(tooLong.status).toBe(400);

    const after = await partitionItems(`PROJECT#${projectId}`);
    // only the developer's link was written
    expect(after.filter((item) => !before.some((b) => b.sk === item.sk)).map((item) => item.type)).toEqual([
      'assessment-link',
    ]);
  });

  it('stops working when revoked', async () => {
    const { body, projectId } = await project();
    const link = await assessmentLink(projectId, unitOf(body, 'supervisor'));
    expect((await api('/v1/assessments/context', { token: link.token })).status).toBe(200);
    const revoked = await api(`/v1/projects/${projectId}/assessment-links/${link.linkId}`, {
      method: 'DELETE',
      token: inspector,
    });
    expect(revoked.status).toBe(204);
    expect((await api('/v1/assessments/context', { token: link.token })).status).toBe(403);
  });
});

describe('late assessments', () => {
  it('marks a late self-assessment and charges 1 point to the contractor and 1 to the project manager, once', async () => {
    const { body, projectId } = await project();
    const contractor = unitOf(body, 'general_contractor');
    const link = await assessmentLink(projectId, contractor);
    const manager = body.persons[0] as { name: string; registrationNo: string };
    const september = () =>
      submitThroughLink(link.token, {
        tier: 'self',
        period: '2026-09',
        tables: form(scheme, EXAMPLE_1, { tablesNotApplicable: EXAMPLE_1_OFF }),
        signedBy: { name: manager.name, registrationNo: manager.registrationNo },
      });
    const context = (await api('/v1/assessments/context', { token: link.token })).json as {
      due: Array<{ tier: string; period: string; overdue: boolean }>;
    };
    expect(context.due).toContainEqual(expect.objectContaining({ tier: 'self', period: '2026-09', overdue: true }));

    const late = await september();
    expect(late.status, late.text).toBe(201);
    expect(late.json).toMatchObject({ late: true, dueAt: '2026-09-30T23:59:59+08:00' });
    const again = await september();
    expect(again.status).toBe(201);

    const enterprise = await ledger('enterprise', contractor);
    expect(enterprise.entries.map((e) => [e.points, e.code])).toEqual([[1, 'late_self_assessment']]);
    expect(enterprise.totalInWindow).toBe(1);
    expect(enterprise.entries[0]?.ruleSetVersion).toEqual(expect.any(String));
    const person = await ledger('person', manager.registrationNo);
    expect(person.subject).toMatchObject({ kind: 'person', id: manager.registrationNo, name: manager.name });
    expect(person.totalInWindow).toBe(1);
  });

  it('charges 1 point for an enterprise re-assessment submitted after its 5 working days', async () => {
    const { body, projectId } = await project();
    const developer = unitOf(body, 'developer');
    const link = await assessmentLink(projectId, developer);
    // 2026Q3 was due 2026-10-13 (5 working days after 09-30, National Day off): today, 10-20, is late
    const late = await submitThroughLink(link.token, {
      tier: 'enterprise',
      period: '2026Q3',
      tables: form(scheme, EXAMPLE_1, { tablesNotApplicable: EXAMPLE_1_OFF }),
      signedBy: { name: '建设单位代表' },
    });
    expect(late.status, late.text).toBe(201);
    expect(late.json).toMatchObject({ late: true, dueAt: '2026-10-13T23:59:59+08:00' });
    expect((await ledger('enterprise', developer)).entries.map((e) => [e.points, e.code])).toEqual([
      [1, 'late_enterprise_assessment'],
    ]);
  });
});

describe('a tier missing when the quarter is ranked', () => {
  it('charges 2 (+ 2 to the project manager) once per tier, instead of, not as well as, lateness', async () => {
    const { body, projectId } = await project();
    const contractor = unitOf(body, 'general_contractor');
    const manager = body.persons[0] as { name: string; registrationNo: string };
    const link = await assessmentLink(projectId, contractor);
    const self = (period: string) =>
      submitThroughLink(link.token, {
        tier: 'self',
        period,
        tables: form(scheme, {}, { tablesNotApplicable: EXAMPLE_1_OFF }),
        signedBy: { name: manager.name, registrationNo: manager.registrationNo },
      });
    expect((await self('2026-10')).status).toBe(201);

    // the ranking of 2026Q4 (after its re-assessments fell due): November, December and every re-assessment missing
    const ranking = new Date('2027-01-14T03:30:00+08:00');
    const first = await chargeMissingAssessments(projectId, '2026Q4', ranking);
    expect(first.charged.map((entry) => [entry.subject.kind, entry.subject.id, entry.points]).sort()).toEqual(
      [
        ['enterprise', contractor, 2], // the self tier
        ['enterprise', contractor, 2], // its own re-assessment
        ['enterprise', unitOf(body, 'developer'), 2],
        ['enterprise', unitOf(body, 'supervisor'), 2],
        ['person', manager.registrationNo, 2],
      ].sort(),
    );
    expect((await chargeMissingAssessments(projectId, '2026Q4', ranking)).charged).toEqual([]);

    // November's self-assessment arrives after the ranking, late: no lateness points on top of the missing tier
    await setClock('2027-01-15T10:00:00+08:00');
    try {
      const late = await self('2026-11');
      expect(late.status, late.text).toBe(201);
      expect(late.json).toMatchObject({ late: true, penaltyPoints: [] });
    } finally {
      await setClock(NOW);
    }
    const ledgerOf = await ledger('enterprise', contractor, '2027-01-15');
    expect(ledgerOf.entries.map((e) => e.code).sort()).toEqual(['missing_assessment', 'missing_assessment']);
    expect(ledgerOf.totalInWindow).toBe(4);
  });
});

describe('falsification', () => {
  it('suspects a self-assessment 30 points above the government’s; the unit answers; an officer confirms: 3 + 3', async () => {
    const { body, projectId } = await project();
    const contractor = unitOf(body, 'general_contractor');
    const manager = body.persons[0] as { name: string; registrationNo: string };
    const link = await assessmentLink(projectId, contractor);
    const own = await submitThroughLink(link.token, {
      tier: 'self',
      period: '2026-10',
      tables: form(scheme, EXAMPLE_1, { tablesNotApplicable: EXAMPLE_1_OFF }),
      signedBy: { name: manager.name, registrationNo: manager.registrationNo },
    });
    expect(own.status, own.text).toBe(201);
    const self = own.json as AssessmentView;
    expect(self.score).toBe(88);

    const inspectionId = await assessmentInspection(projectId, '2026-10-19');

    // every table in use deducted 42: 58.0, 30 points below the self-assessment
    const governmentBody = {
      tier: 'government',
      period: '2026Q4',
      schemeId: 'jgj59-2011',
      tables: form(scheme, deductEverywhere(scheme, 42, EXAMPLE_1_OFF), { tablesNotApplicable: EXAMPLE_1_OFF }),
      signedBy: { name: '王五' },
      inspectionId,
      inspectors: ['王五', '赵六'],
    };
    const oneInspector = await api(`/v1/projects/${projectId}/assessments`, {
      token: inspector,
      body: { ...governmentBody, inspectors: ['王五'] },
    });
    expect(oneInspector.status).toBe(400);
    const government = await api(`/v1/projects/${projectId}/assessments`, { token: inspector, body: governmentBody });
    expect(government.status, government.text).toBe(201);
    const gov = government.json as AssessmentView;
    quarterProjects.assessedByGovernment = projectId;
    expect(gov).toMatchObject({ tier: 'government', score: 58, grade: 'fail', suspected: [self.id] });
    expect(self.score - gov.score).toBe(30);

    const suspected = (await api(`/v1/assessments/${self.id}`, { token: inspector })).json as AssessmentView;
    expect(suspected.falsification).toMatchObject({
      status: 'suspected',
      // 5 working days after Tuesday 2026-10-20: 21, 22, 23, 26, 27
      statementDueAt: '2026-10-27T23:59:59+08:00',
      statement: null,
    });
    expect(suspected.falsification?.grounds[0]).toContain('30');
    const events = await journalOf(self.id, { atLeast: 2 });
    expect(events.map((e) => e.eventType)).toEqual(
      expect.arrayContaining(['AssessmentSubmitted', 'AssessmentSuspected']),
    );

    // before the statement and inside the window: too early
    const early = await api(`/v1/assessments/${self.id}/falsification`, {
      token: officer,
      body: { finding: 'confirmed', reason: '自评分明显虚高' },
    });
    expect(early.status, early.text).toBe(409);

    // the unit sees the suspicion on its link and answers
    const context = (await api('/v1/assessments/context', { token: link.token })).json as {
      assessments: AssessmentView[];
    };
    expect(context.assessments.find((a) => a.id === self.id)?.falsification?.status).toBe('suspected');
    const statement = await api(`/v1/assessments/${self.id}/statement`, {
      token: link.token,
      body: { statement: '自评时脚手架刚完成整改，检查时部分连墙件被拆除，已再次整改。' },
    });
    expect(statement.status, statement.text).toBe(200);
    const twice = await api(`/v1/assessments/${self.id}/statement`, { token: link.token, body: { statement: '补充' } });
    expect(twice.status).toBe(409);
    const otherUnit = await assessmentLink(projectId, unitOf(body, 'supervisor'));
    const foreign = await api(`/v1/assessments/${self.id}/statement`, {
      token: otherUnit.token,
      body: { statement: '代为陈述' },
    });
    expect(foreign.status).toBe(404);

    const decided = await api(`/v1/assessments/${self.id}/falsification`, {
      token: officer,
      body: { finding: 'confirmed', reason: '经核查，自评与现场情况严重不符' },
    });
    expect(decided.status, decided.text).toBe(200);
    expect(decided.json).toMatchObject({ falsification: { status: 'confirmed', decision: { finding: 'confirmed' } } });
    const again = await api(`/v1/assessments/${self.id}/falsification`, {
      token: officer,
      body: { finding: 'cleared', reason: '复议' },
    });
    expect(again.status).toBe(409);

    const enterprise = await ledger('enterprise', contractor);
    expect(enterprise.entries.map((e) => [e.points, e.code])).toEqual([[3, 'falsification']]);
    const person = await ledger('person', manager.registrationNo);
    expect(person.entries.map((e) => [e.points, e.code])).toEqual([[3, 'falsification']]);
    expect(person.totalInWindow).toBe(3);

    // the confirmed falsification leaves the quarter score: the government's 58.0 alone, 不合格
    const quarter = await api(`/v1/projects/${projectId}/assessments?period=2026Q4`, { token: inspector });
    expect((quarter.json as { quarter: { score: number; grade: string } }).quarter).toMatchObject({
      score: 58,
      grade: 'fail',
    });

    // a re-assessment landing after the government's is compared at once
    const developerLink = await assessmentLink(projectId, unitOf(body, 'developer'));
    const fullMarks = await submitThroughLink(developerLink.token, {
      tier: 'enterprise',
      period: '2026Q4',
      tables: form(scheme, {}, { tablesNotApplicable: EXAMPLE_1_OFF }),
      signedBy: { name: '建设单位代表' },
    });
    expect(fullMarks.status, fullMarks.text).toBe(201);
    expect(fullMarks.json).toMatchObject({ score: 100, falsification: { status: 'suspected' } });
  });
});

describe('officer-recorded penalty points', () => {
  it('cross 8 and 16, show the thresholds reached, and say so once per crossing', async () => {
    const subject = { kind: 'enterprise', id: creditCode(), name: '北京某建设工程有限公司' };
    const record = (documentNo: string, headers: Record<string, string> = {}) =>
      api('/v1/penalty-points', {
        token: officer,
        headers,
        body: { subject, points: 3, reason: '未按规定设置临边防护，罚款', documentNo },
      });
    const crossed: number[][] = [];
    for (let n = 1; n <= 6; n++) {
      const response = await record(`京建罚〔2026〕${n}号`);
      expect(response.status, response.text).toBe(201);
      crossed.push((response.json as { thresholdsCrossed: number[] }).thresholdsCrossed);
    }
    expect(crossed).toEqual([[], [], [8], [], [], [16]]);
    const standing = await ledger('enterprise', subject.id);
    expect(standing).toMatchObject({ totalInWindow: 18, thresholdsReached: [8, 16] });
    expect(standing.subject).toEqual(subject);

    // a retry with the same Idempotency-Key records nothing twice
    const key = { 'idempotency-key': `pts-${subject.id}` };
    const firstTry = await record('京建罚〔2026〕7号', key);
    const retry = await record('京建罚〔2026〕7号', key);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect((retry.json as { id: string }).id).toBe((firstTry.json as { id: string }).id);
    expect((await ledger('enterprise', subject.id)).totalInWindow).toBe(21);

    const tooMany = await api('/v1/penalty-points', {
      token: officer,
      body: { subject, points: 4, reason: '罚款', documentNo: 'x' },
    });
    expect(tooMany.status).toBe(400);

    const reached = await eventually(
      () => journalOf(subject.id, { atLeast: 9 }),
      (items) => items.filter((e) => e.eventType === 'PenaltyThresholdReached').length >= 2,
      { what: 'two PenaltyThresholdReached events' },
    );
    expect(
      reached.filter((e) => e.eventType === 'PenaltyThresholdReached').map((e) => (e.data as { level: number }).level),
    ).toEqual([8, 16]);
    expect(reached.filter((e) => e.eventType === 'PenaltyPointsRecorded')).toHaveLength(7);

    // revocation: kept, marked, totals recomputed; twice is refused
    const last = (firstTry.json as { id: string }).id;
    const revoked = await api(`/v1/penalty-points/${last}/revoke`, { token: officer, body: { reason: '复议撤销' } });
    expect(revoked.status, revoked.text).toBe(200);
    expect(revoked.json).toMatchObject({ id: last, revoked: true, totalInWindow: 18 });
    const twice = await api(`/v1/penalty-points/${last}/revoke`, { token: officer, body: { reason: '再次' } });
    expect(twice.status).toBe(409);
    const after = await ledger('enterprise', subject.id);
    expect(after.entries.find((e) => e.id === last)?.revoked).toBe(true);
    expect(after.totalInWindow).toBe(18);
  });
});

describe("the agency's quota of government assessments", () => {
  it('shows in the month statistics as the agency’s own shortfall for the quarter', async () => {
    expect(quarterProjects.assessedByGovernment && quarterProjects.notAssessedByGovernment).toBeTruthy();
    await setClock('2026-11-02T09:00:00+08:00');
    try {
      const run = await api('/v1/evaluations', { token: officer, body: { month: '2026-10' } });
      expect(run.status, run.text).toBe(202);
      const runId = (run.json as { runId: string }).runId;
      await eventually(
        async () => (await api(`/v1/evaluations/${runId}`, { token: officer })).json as { status: string },
        (state) => state.status !== 'running',
        { timeoutMs: 180_000, intervalMs: 500, what: `evaluation run ${runId}` },
      );
      const stats = await api('/v1/stats?month=2026-10', { token: officer });
      expect(stats.status, stats.text).toBe(200);
      const quota = (
        stats.json as {
          governmentAssessments: {
            quarter: string;
            target: { perProjectPerQuarter: number };
            assessedProjects: number;
            withGovernmentAssessment: number;
            shortfall: number;
            projectsShort: Array<{ projectId: string }>;
          };
        }
      ).governmentAssessments;
      expect(quota).toMatchObject({ quarter: '2026Q4', target: { perProjectPerQuarter: 1 } });
      const short = quota.projectsShort.map((p) => p.projectId);
      expect(short).toContain(quarterProjects.notAssessedByGovernment);
      expect(short).not.toContain(quarterProjects.assessedByGovernment);
      expect(quota.shortfall).toBe(quota.assessedProjects - quota.withGovernmentAssessment);
      expect(quota.withGovernmentAssessment).toBeGreaterThanOrEqual(1);
    } finally {
      await setClock(NOW);
    }
  }, 240_000);
});
