/**
 * Issue 11's "Done when": a case confirmed on its inspection day, whose units then deliver everything and rectify
 * every hazard, is released after its first cycle. Seed §3(4) judges improvement AFTER inclusion; the defect was that
 * the first cycle counted the very finding that caused the inclusion (dated on the inclusion day, so inside the
 * cycle) and escalated by construction. SPEC §2.1: the records cited at inclusion are not evidence of the first cycle.
 *
 * Driven through the HTTP API as the users do it: an inspector registers the project and records a failing
 * inspection, an officer confirms the proposal the same day, each unit uploads what its link lists day after day,
 * the inspector verifies every hazard, the officer runs the month's evaluation, and the release notice (附件2) is
 * there. Then the other half of "evidence is weighed once": the released project is not proposed again by its next
 * inspection because of the old fatal accident and finding its inclusion and release weighed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../shared/domain/dates.js';
import { api, eventually, partitionItems, setClock, tokenFor } from './support/api.js';
import { deliverEverythingDue } from './support/deliveries.js';
import { contractorOf, projectBody } from './support/fixtures.js';

const INCIDENT_ON = '2026-11-09';
/** a Monday: 15 days remain in November counting it, so the first cycle ends on 11-30 */
const INSPECTED_ON = '2026-11-16';
const CYCLE_END = '2026-11-30';
const VERIFIED_ON = '2026-11-19';
const HAZARD_DEADLINE = '2026-11-26';

interface Notice {
  id: string;
  type: 'inclusion' | 'release';
  number: string;
  issuedOn: string;
  ruleSetVersion?: string;
}

interface CaseView {
  id: string;
  status: string;
  level: number;
  notices: Notice[];
  cycles: Array<{ index: number; start: string; end: string; verdict: string | null; ruleSetVersion?: string }>;
  evaluations: Array<{
    index: number;
    verdict: string;
    reasons: string[];
    conditions: Array<{ id: string; met: boolean }>;
  }>;
  timelineIntact: boolean;
}

let inspector: string;
let officer: string;
const project = projectBody();
const contractor = contractorOf(project);
let projectId: string;
let caseId: string;
let hazardIds: string[];
const links = new Map<string, string>();

async function caseView(): Promise<CaseView> {
  const response = await api(`/v1/cases/${caseId}`, { token: inspector });
  expect(response.status, response.text).toBe(200);
  return response.json as CaseView;
}

beforeAll(async () => {
  inspector = await tokenFor('inspector');
  officer = await tokenFor('officer');
});

afterAll(async () => {
  await setClock(null);
});

describe('a case confirmed on its inspection day, whose units deliver everything and rectify every hazard', () => {
  it('is proposed by the inspection and included the same day', async () => {
    await setClock(`${INSPECTED_ON}T09:00:00+08:00`);
    const registered = await api('/v1/projects', { method: 'POST', token: inspector, body: project });
    expect(registered.status, registered.text).toBe(201);
    projectId = (registered.json as { id: string }).id;

    const incident = await api(`/v1/projects/${projectId}/incidents`, {
      method: 'POST',
      token: inspector,
      body: { date: INCIDENT_ON, fatalities: 1, injuries: 1, description: '基坑边坡局部坍塌，1人死亡1人受伤' },
    });
    expect(incident.status, incident.text).toBe(201);
    caseId = (incident.json as { caseId: string }).caseId;
    expect(caseId).toMatch(/^cas_/);

    const inspection = await api(`/v1/projects/${projectId}/inspections`, {
      method: 'POST',
      token: inspector,
      body: {
        date: INSPECTED_ON,
        kind: 'special',
        inspectors: ['王五', '赵六'],
        keyPersonnelPresent: { projectManager: true, chiefSupervisingEngineer: true },
        findings: [
          {
            kind: 'safety_org_incomplete',
            category: 'management',
            severity: 'major',
            unitCreditCode: contractor,
            description: '项目安全管理机构不健全，专职安全员配备不足',
            deadline: HAZARD_DEADLINE,
          },
          ...[1, 2].map((n) => ({
            kind: 'hazard',
            category: 'excavation',
            severity: 'major',
            unitCreditCode: contractor,
            description: `${n} 号基坑临边防护缺失`,
            deadline: HAZARD_DEADLINE,
          })),
        ],
        summary: '事故后专项检查：安全管理机构及基坑支护',
      },
    });
    expect(inspection.status, inspection.text).toBe(201);
    const recorded = inspection.json as { caseId: string; hazardIds: string[] };
    expect(recorded.caseId).toBe(caseId);
    hazardIds = recorded.hazardIds;

    await setClock(`${INSPECTED_ON}T11:00:00+08:00`);
    const confirmed = await api(`/v1/cases/${caseId}/confirm`, { method: 'POST', token: officer, body: {} });
    expect(confirmed.status, confirmed.text).toBe(200);
    const included = confirmed.json as CaseView;
    expect(included).toMatchObject({ status: 'active', level: 0 });
    expect(included.cycles).toEqual([
      expect.objectContaining({ index: 1, start: INSPECTED_ON, end: CYCLE_END, verdict: null }),
    ]);

    for (const role of ['developer', 'general_contractor', 'supervisor', 'subcontractor']) {
      const unitCreditCode = project.units.find((unit) => unit.role === role)?.creditCode;
      const link = await api(`/v1/cases/${caseId}/upload-links`, {
        method: 'POST',
        token: inspector,
        body: { unitCreditCode, validDays: 25 },
      });
      expect(link.status, link.text).toBe(201);
      links.set(role, (link.json as { token: string }).token);
    }
  });

  it('gets from every unit, day after day, all it owes; every hazard is verified before its deadline', async () => {
    const delivered = new Map<string, number>();
    for (let day = INSPECTED_ON; day <= CYCLE_END; day = addDays(day, 1)) {
      await setClock(`${day}T12:00:00+08:00`);
      for (const [type, count] of await deliverEverythingDue(links)) {
        delivered.set(type, (delivered.get(type) ?? 0) + count);
      }
      if (day === VERIFIED_ON) {
        for (const hazardId of hazardIds) {
          const verified = await api(`/v1/hazards/${hazardId}/verifications`, {
            method: 'POST',
            token: inspector,
            body: { result: 'accepted', date: day, note: '逐项复查，整改到位' },
          });
          expect(verified.status, verified.text).toBe(201);
        }
      }
    }
    // the inspection report of the inclusion day listed hazards: every unit owed its plan (一厂一策)
    expect(delivered.get('rectification_plan')).toBe(4);
    expect(delivered.get('notice_receipt')).toBe(1);
    expect(delivered.get('daily_report')).toBe(15);
  }, 420_000);

  it("is released by the month's evaluation, with the release notice", async () => {
    // before 02:30 on the 1st: the schedule's own run has not fired, so the officer's run is the one that judges
    await setClock('2026-12-01T01:00:00+08:00');
    const started = await api('/v1/evaluations', { method: 'POST', token: officer, body: { month: '2026-11' } });
    expect(started.status, started.text).toBe(202);
    const { runId } = started.json as { runId: string };
    const run = await eventually(
      async () => (await api(`/v1/evaluations/${runId}`, { token: officer })).json as { status: string },
      (current) => current.status !== 'running',
      { timeoutMs: 180_000, intervalMs: 250, what: `evaluation run ${runId}` },
    );
    expect(run.status).toBe('succeeded');

    const view = await caseView();
    const evaluation = view.evaluations[0];
    expect(
      view.cycles[0]?.verdict,
      `cycle 1 was judged ${evaluation?.verdict}: ${JSON.stringify(evaluation?.reasons)}`,
    ).toBe('release');
    expect(view).toMatchObject({ status: 'released', level: 0, timelineIntact: true });
    // the verdict names the rule-set version it was judged by: the one in force on the evaluation's day
    const current = (await api('/v1/rule-sets/current', { token: inspector })).json as { id: string };
    expect(view.cycles[0]?.ruleSetVersion).toBe(current.id);
    // the finding and the accident that caused the inclusion were not evidence of the cycle
    expect(evaluation?.conditions.filter((condition) => condition.met)).toEqual([]);

    expect(view.notices.map((notice) => notice.type)).toEqual(['inclusion', 'release']);
    const release = view.notices[1] as Notice;
    expect(release.number).toMatch(/^通住建差监解〔2026〕\d+号$/);
    expect(release.issuedOn).toBe('2026-12-01');
    const notice = await api(`/v1/notices/${release.id}`, { token: inspector });
    expect(notice.status, notice.text).toBe(200);
    expect(notice.json).toMatchObject({ id: release.id, type: 'release', number: release.number });
    const [cycle] = await partitionItems(`PROJECT#${projectId}`, { skPrefix: `CASE#${caseId}#CYCLE#001` });
    expect(cycle).toMatchObject({ verdict: 'release', hazards: { open: 0, overdue: 0 } });
  }, 240_000);

  it('is not proposed again by its next inspection because of the accident and the finding it was included for', async () => {
    await setClock('2026-12-03T10:00:00+08:00');
    const inspection = await api(`/v1/projects/${projectId}/inspections`, {
      method: 'POST',
      token: inspector,
      body: {
        date: '2026-12-03',
        kind: 'follow_up',
        inspectors: ['王五', '赵六'],
        keyPersonnelPresent: { projectManager: true, chiefSupervisingEngineer: true },
        findings: [],
        summary: '解除后回访检查，未发现问题',
      },
    });
    expect(inspection.status, inspection.text).toBe(201);
    const recorded = inspection.json as {
      caseId?: string;
      conditions: Array<{ id: string; met: boolean }>;
      notProposed?: { weighedBy: Array<{ caseId: string; decision: string }> };
    };
    // within 90 days of the finding, and C6 has no window: both still hold on the records …
    expect(recorded.conditions.filter((c) => c.met).map((c) => c.id)).toEqual(['C1', 'C6']);
    // … but the inclusion and the release weighed them
    expect(recorded.caseId).toBeUndefined();
    expect(recorded.notProposed?.weighedBy.map((w) => [w.caseId, w.decision])).toEqual([
      [caseId, 'inclusion'],
      [caseId, 'release'],
    ]);
    const read = await api(`/v1/projects/${projectId}`, { token: inspector });
    expect((read.json as { case: { id: string; status: string } }).case).toMatchObject({
      id: caseId,
      status: 'released',
    });
  });
});
