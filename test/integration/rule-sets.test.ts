/**
 * Versioned rule sets (SPEC §2.1 "Rule sets"), through the API: version 1 holds the defaults; an officer adds a
 * version from a future day, never retroactively (422 naming effectiveFrom); from that day every decision — the
 * conditions, a proposal, the inclusion and its notice's receipt deadline, the verdict of a cycle — uses it and
 * records its id. The version added here starts in 2045, far from the days the other suites decide on (they share
 * one table) and within the working-day calendar's statutory data (to 2050). Nothing here runs a monthly evaluation
 * there: it would judge, cycle by cycle, every case the other suites left active.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addWorkingDays } from '../../shared/domain/calendar.js';
import { api, partitionItems, setClock, tokenFor } from './support/api.js';
import { contractorOf, creditCode, projectBody } from './support/fixtures.js';

const TODAY = '2026-09-10';
const EFFECTIVE_FROM = '2045-03-06';
const DAY_BEFORE = '2045-03-05';

interface RuleSet {
  id: string;
  version: number;
  effectiveFrom: string | null;
  effectiveUntil: string | null;
  status: string;
  lookbackDays: number;
  keyPersonAbsenceCount: number;
  recurrenceCount: number;
  releaseCompliance: number;
  receiptWorkingDays: number;
  groupReportWorkingDays: number;
  publicationMonthsDefault: number;
  reason: string;
  createdAt: string | null;
  createdBy: string | null;
}

interface Problem {
  status: number;
  detail: string;
  errors?: Array<{ field: string; message: string }>;
}

let inspector: string;
let officer: string;
let added: RuleSet;

const reason = '按区住建委会议纪要调整差别化监管阈值';
const body = { effectiveFrom: EFFECTIVE_FROM, lookbackDays: 30, receiptWorkingDays: 3, releaseCompliance: 0.8, reason };

async function post(payload: unknown, token = officer) {
  return api('/v1/rule-sets', { method: 'POST', token, body: payload });
}

beforeAll(async () => {
  inspector = await tokenFor('inspector');
  officer = await tokenFor('officer');
  await setClock(`${TODAY}T10:00:00+08:00`);
});

afterAll(async () => {
  await setClock(null);
});

describe('the rule sets', () => {
  it('version 1 holds the defaults, in force from the beginning', async () => {
    const listed = await api('/v1/rule-sets', { token: inspector });
    expect(listed.status, listed.text).toBe(200);
    const items = (listed.json as { items: RuleSet[] }).items;
    expect(items[0]).toMatchObject({
      id: 'v1',
      version: 1,
      effectiveFrom: null,
      lookbackDays: 90,
      keyPersonAbsenceCount: 2,
      recurrenceCount: 3,
      releaseCompliance: 0.9,
      receiptWorkingDays: 5,
      groupReportWorkingDays: 10,
      publicationMonthsDefault: 12,
      createdAt: null,
    });
    const current = await api('/v1/rule-sets/current', { token: inspector });
    expect(current.status, current.text).toBe(200);
    expect(current.json).toMatchObject({ status: 'in_force' });
  });

  it('refuses, writing nothing: a day not after today (422 naming effectiveFrom), bad thresholds, an inspector', async () => {
    const before = await partitionItems('RULESET');
    for (const effectiveFrom of [TODAY, '2026-09-01']) {
      const refused = await post({ ...body, effectiveFrom });
      expect(refused.status, refused.text).toBe(422);
      expect(refused.headers.get('content-type')).toContain('application/problem+json');
      const problem = refused.json as Problem;
      expect(problem.errors?.map((error) => error.field)).toEqual(['effectiveFrom']);
      expect(problem.detail).toMatch(/不能溯及既往/);
    }
    const contradiction = await post({ ...body, publicationMonthsMin: 24 });
    expect(contradiction.status, contradiction.text).toBe(422);
    expect((contradiction.json as Problem).errors?.map((error) => error.field)).toEqual(['publicationMonthsMin']);
    for (const [payload, field] of [
      [{ ...body, lookbackDays: 0 }, 'lookbackDays'],
      [{ ...body, releaseCompliance: 1.5 }, 'releaseCompliance'],
      [{ ...body, lookBackDays: 60 }, ''], // a misspelt threshold is refused, not ignored
      [{ ...body, reason: undefined }, 'reason'],
      [{ ...body, effectiveFrom: '2045-02-30' }, 'effectiveFrom'],
    ] as const) {
      const refused = await post(payload);
      expect(refused.status, `${JSON.stringify(payload)}: ${refused.text}`).toBe(400);
      if (field) expect((refused.json as Problem).errors?.map((error) => error.field)).toContain(field);
    }
    expect((await post(body, inspector)).status).toBe(403);
    expect(await partitionItems('RULESET')).toEqual(before);
  });

  it('an officer adds a version from a future day; the thresholds not named are kept', async () => {
    const created = await post(body);
    expect(created.status, created.text).toBe(201);
    added = created.json as RuleSet;
    expect(added).toMatchObject({
      effectiveFrom: EFFECTIVE_FROM,
      status: 'scheduled',
      lookbackDays: 30,
      receiptWorkingDays: 3,
      releaseCompliance: 0.8,
      keyPersonAbsenceCount: 2,
      recurrenceCount: 3,
      reason,
      createdBy: 'user:test-officer',
    });
    expect(added.id).toBe(`v${added.version}`);
    expect(added.createdAt).toBe(`${TODAY}T10:00:00+08:00`);

    // sent again: the same version, nothing added
    const again = await post(body);
    expect(again.status, again.text).toBe(200);
    expect((again.json as RuleSet).id).toBe(added.id);

    const listed = (await api('/v1/rule-sets', { token: inspector })).json as { items: RuleSet[] };
    expect(listed.items.at(-1)).toMatchObject({ id: added.id, status: 'scheduled' });
    // not in force yet
    const current = (await api('/v1/rule-sets/current', { token: inspector })).json as RuleSet;
    expect(current.id).not.toBe(added.id);
  });

  it('from its first day, every decision uses it and names it', async () => {
    await setClock(`${EFFECTIVE_FROM}T09:00:00+08:00`);
    const current = (await api('/v1/rule-sets/current', { token: inspector })).json as RuleSet;
    expect(current).toMatchObject({ id: added.id, status: 'in_force' });

    const project = projectBody();
    const registered = await api('/v1/projects', { method: 'POST', token: inspector, body: project });
    expect(registered.status, registered.text).toBe(201);
    const projectId = (registered.json as { id: string }).id;

    // a criticism 40 days ago: inside version 1's 90-day window, outside the new 30-day one
    const criticism = await api(`/v1/projects/${projectId}/criticisms`, {
      method: 'POST',
      token: inspector,
      body: { date: '2045-01-25', issuer: 'district_government', documentNo: '通政发〔2045〕1号', summary: '通报批评' },
    });
    expect(criticism.status, criticism.text).toBe(201);
    const recorded = criticism.json as {
      ruleSetVersion: string;
      caseId?: string;
      conditions: Array<{ id: string; met: boolean }>;
    };
    expect(recorded.ruleSetVersion).toBe(added.id);
    expect(recorded.conditions.find((condition) => condition.id === 'C5')?.met).toBe(false);
    expect(recorded.caseId).toBeUndefined();

    // the conditions as of a day recompute with the version in force that day
    const today = await api(`/v1/projects/${projectId}/conditions?asOf=${EFFECTIVE_FROM}`, { token: inspector });
    expect(today.json).toMatchObject({ ruleSetVersion: added.id, thresholds: { lookbackDays: 30 } });
    const dayBefore = await api(`/v1/projects/${projectId}/conditions?asOf=${DAY_BEFORE}`, { token: inspector });
    const earlier = dayBefore.json as { ruleSetVersion: string; conditions: Array<{ id: string; met: boolean }> };
    expect(earlier.ruleSetVersion).not.toBe(added.id);
    expect(earlier.conditions.find((condition) => condition.id === 'C5')?.met).toBe(true);

    const inspection = await api(`/v1/projects/${projectId}/inspections`, {
      method: 'POST',
      token: inspector,
      body: {
        date: EFFECTIVE_FROM,
        kind: 'routine',
        inspectors: ['王五', '赵六'],
        keyPersonnelPresent: { projectManager: true, chiefSupervisingEngineer: true },
        findings: [
          {
            kind: 'hazard_screening_not_performed',
            category: 'management',
            severity: 'major',
            unitCreditCode: contractorOf(project),
            description: '未认真履行隐患排查治理制度',
            deadline: '2045-03-20',
          },
        ],
        summary: '安全管理检查',
      },
    });
    expect(inspection.status, inspection.text).toBe(201);
    const caseId = (inspection.json as { caseId: string }).caseId;
    expect(caseId).toMatch(/^cas_/);

    const confirmed = await api(`/v1/cases/${caseId}/confirm`, { method: 'POST', token: officer, body: {} });
    expect(confirmed.status, confirmed.text).toBe(200);
    const view = confirmed.json as {
      ruleSetVersion: string;
      proposedRuleSetVersion: string;
      includedRuleSetVersion: string;
      notices: Array<{ receiptDueOn: string; ruleSetVersion: string }>;
      timeline: Array<{ action: string; detail: Record<string, unknown> }>;
    };
    expect(view).toMatchObject({
      ruleSetVersion: added.id,
      proposedRuleSetVersion: added.id,
      includedRuleSetVersion: added.id,
    });
    // the receipt is due 3 working days after the notice, not 5
    expect(view.notices[0]).toMatchObject({
      receiptDueOn: addWorkingDays(EFFECTIVE_FROM, 3).dueOn,
      ruleSetVersion: added.id,
    });
    expect(view.timeline.find((entry) => entry.action === 'proposed')?.detail).toMatchObject({
      ruleSetVersion: added.id,
      thresholds: { lookbackDays: 30 },
    });

    // the verdict of the cycle under way is judged with its release line (80 %)
    const preview = await api(`/v1/cases/${caseId}/preview`, { token: inspector });
    expect(preview.status, preview.text).toBe(200);
    expect(preview.json).toMatchObject({
      ruleSetVersion: added.id,
      thresholds: { lookbackDays: 30, releaseCompliance: 0.8 },
    });
  });
});

describe('§6\'s numbers are rows of the rule set (SPEC §2.1 "and those of §6")', () => {
  const SIXTH_FROM = '2046-06-01';

  it('version 1 shows them at their defaults', async () => {
    const first = ((await api('/v1/rule-sets', { token: inspector })).json as { items: Array<Record<string, unknown>> })
      .items[0];
    expect(first).toMatchObject({
      tierWeightGovernment: 0.6,
      penaltyTenderingPoints: 16,
      rankingBottomShare: 0.05,
      rankPointsFull: 10,
      enterprisePointsInWindow: 16,
    });
  });

  it('an officer changes them from a future day; from then the points ledger counts by them and names the version', async () => {
    await setClock(`${TODAY}T10:00:00+08:00`);
    const created = await post({
      effectiveFrom: SIXTH_FROM,
      penaltyTenderingPoints: 18,
      rankingBottomShare: 0.1,
      reason: '按市住建委通知调整记分公示线与排名靠后比例',
    });
    expect(created.status, created.text).toBe(201);
    const version = created.json as RuleSet & Record<string, unknown>;
    expect(version).toMatchObject({ penaltyTenderingPoints: 18, rankingBottomShare: 0.1, penaltyReviewPoints: 24 });

    const refused = await post({ effectiveFrom: SIXTH_FROM, penaltyReviewPoints: 12, reason: '错误的档位' });
    expect(refused.status, refused.text).toBe(422);
    expect((refused.json as Problem).errors?.map((error) => error.field)).toEqual(['penaltyReviewPoints']);

    await setClock(`${SIXTH_FROM}T09:00:00+08:00`);
    const current = (await api('/v1/rule-sets/current', { token: inspector })).json as Record<string, unknown>;
    expect(current).toMatchObject({ id: version.id, penaltyTenderingPoints: 18, rankingBottomShare: 0.1 });
    const enterprise = creditCode();
    const ledger = await api(`/v1/penalty-points?subjectKind=enterprise&subjectId=${enterprise}`, {
      token: inspector,
    });
    expect(ledger.status, ledger.text).toBe(200);
    expect(ledger.json).toMatchObject({ levels: [8, 18, 24, 30], ruleSetVersion: version.id });
    const before = await api(`/v1/penalty-points?subjectKind=enterprise&subjectId=${enterprise}&asOf=2046-05-31`, {
      token: inspector,
    });
    expect((before.json as { levels: number[] }).levels).toEqual([8, 16, 24, 30]);
  });
});
