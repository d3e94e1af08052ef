/**
 * SPEC §2.1 "Evidence is weighed once": a proposal is made only from evidence that no earlier inclusion, dismissal or
 * release of the same project has weighed — the same rule at intake and in the monthly run. The defect reproduced
 * here: a dismissed project was proposed again by its next inspection, even one without findings, because of an old
 * fatal accident (C6 has no window). (The release side is in first-cycle-release.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, eventually, setClock, tokenFor } from './support/api.js';
import { contractorOf, projectBody } from './support/fixtures.js';

let inspector: string;
let officer: string;

interface Condition {
  id: string;
  met: boolean;
  evidence: string[];
}

interface Recorded {
  id?: string;
  inspectionId?: string;
  conditions: Condition[];
  caseId?: string;
  notProposed?: { reason: string; weighedBy: Array<{ caseId: string; decision: string; on: string }> };
}

const project = projectBody();
let projectId: string;
let incidentId: string;
let dismissedCaseId: string;

/** An inspection that finds nothing wrong, everybody at their post. */
function cleanInspection(date: string) {
  return {
    date,
    kind: 'routine',
    inspectors: ['王五', '赵六'],
    keyPersonnelPresent: { projectManager: true, chiefSupervisingEngineer: true },
    findings: [],
    summary: '现场安全管理正常，未发现问题',
  };
}

/** The project's case as `GET /v1/projects/{id}` shows it: the open one, or else the latest. */
async function caseOfProject(): Promise<{ id: string; status: string } | null> {
  const read = await api(`/v1/projects/${projectId}`, { token: inspector });
  expect(read.status, read.text).toBe(200);
  return (read.json as { case: { id: string; status: string } | null }).case;
}

beforeAll(async () => {
  inspector = await tokenFor('inspector');
  officer = await tokenFor('officer');
});

afterAll(async () => {
  await setClock(null);
});

describe('a dismissed project with an old fatal accident', () => {
  it('is proposed once for the accident (C6), and an officer dismisses the proposal', async () => {
    await setClock('2026-07-06T10:00:00+08:00');
    const registered = await api('/v1/projects', { method: 'POST', token: inspector, body: project });
    expect(registered.status, registered.text).toBe(201);
    projectId = (registered.json as { id: string }).id;

    const incident = await api(`/v1/projects/${projectId}/incidents`, {
      method: 'POST',
      token: inspector,
      body: { date: '2026-07-03', fatalities: 1, injuries: 0, description: '高处坠落事故，1人死亡' },
    });
    expect(incident.status, incident.text).toBe(201);
    const recorded = incident.json as Recorded;
    incidentId = recorded.id as string;
    expect(recorded.conditions.find((c) => c.id === 'C6')).toMatchObject({ met: true, evidence: [incidentId] });
    expect(recorded.caseId).toMatch(/^cas_/);
    dismissedCaseId = recorded.caseId as string;

    const dismissed = await api(`/v1/cases/${dismissedCaseId}/dismiss`, {
      method: 'POST',
      token: officer,
      body: { reason: '事故已由应急管理部门依法调查处理，项目安全管理体系已整改到位' },
    });
    expect(dismissed.status, dismissed.text).toBe(200);
    expect(dismissed.json).toMatchObject({ status: 'dismissed' });
  });

  it('is NOT proposed again by its next inspection without findings', async () => {
    await setClock('2026-07-20T10:00:00+08:00');
    const inspection = await api(`/v1/projects/${projectId}/inspections`, {
      method: 'POST',
      token: inspector,
      body: cleanInspection('2026-07-20'),
    });
    expect(inspection.status, inspection.text).toBe(201);
    const recorded = inspection.json as Recorded;
    // the accident still happened (C6 "发生过" has no window) and the conditions say so …
    expect(recorded.conditions.find((c) => c.id === 'C6')).toMatchObject({ met: true, evidence: [incidentId] });
    // … but the officer weighed it when dismissing: no new proposal, and the answer says why
    expect(recorded.caseId).toBeUndefined();
    expect(recorded.notProposed?.weighedBy).toEqual([
      { caseId: dismissedCaseId, decision: 'dismissal', on: '2026-07-06' },
    ]);
    expect(recorded.notProposed?.reason).toMatch(/已.*(审查|权衡|研判)/);
    expect(await caseOfProject()).toMatchObject({ id: dismissedCaseId, status: 'dismissed' });
  });

  it('is not proposed by the monthly run either (the same rule)', async () => {
    // before the schedule's own 02:30 run of the 1st, so this run is the one that looks at the project
    await setClock('2026-08-01T01:00:00+08:00');
    const started = await api('/v1/evaluations', { method: 'POST', token: officer, body: { month: '2026-07' } });
    expect(started.status, started.text).toBe(202);
    const { runId } = started.json as { runId: string };
    const run = await eventually(
      async () => (await api(`/v1/evaluations/${runId}`, { token: officer })).json as { status: string },
      (current) => current.status !== 'running',
      { timeoutMs: 180_000, intervalMs: 250, what: `evaluation run ${runId}` },
    );
    expect(run.status).toBe('succeeded');
    expect(await caseOfProject()).toMatchObject({ id: dismissedCaseId, status: 'dismissed' });
  }, 240_000);

  it('is proposed again on new evidence, citing only the new evidence', async () => {
    await setClock('2026-08-05T10:00:00+08:00');
    const inspection = await api(`/v1/projects/${projectId}/inspections`, {
      method: 'POST',
      token: inspector,
      body: {
        ...cleanInspection('2026-08-05'),
        findings: [
          {
            kind: 'responsibility_not_implemented',
            category: 'management',
            severity: 'major',
            unitCreditCode: contractorOf(project),
            description: '项目安全生产责任制未落实到各岗位',
            deadline: '2026-08-15',
          },
        ],
      },
    });
    expect(inspection.status, inspection.text).toBe(201);
    const recorded = inspection.json as Recorded & { hazardIds: string[] };
    expect(recorded.caseId).toMatch(/^cas_/);
    expect(recorded.caseId).not.toBe(dismissedCaseId);
    expect(recorded.notProposed).toBeUndefined();

    const proposed = await api(`/v1/cases/${recorded.caseId}`, { token: inspector });
    expect(proposed.status, proposed.text).toBe(200);
    const view = proposed.json as { status: string; proposedConditions: Condition[] };
    expect(view.status).toBe('proposed');
    // the proposal rests on the new finding alone: the accident the officer weighed is not its evidence
    const met = view.proposedConditions.filter((condition) => condition.met);
    expect(met.map((condition) => condition.id)).toEqual(['C1']);
    expect(met.flatMap((condition) => condition.evidence)).toEqual([recorded.hazardIds[0]]);
  });
});
