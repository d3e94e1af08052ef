/**
 * The group report (seed §3(5): 责令参建三方集团公司……并以集团名义向我委报送整改情况及后续措施; SPEC §2.3): from the
 * level-2 escalation, each unit with a group company owes its group's report within 10 working days (PRC calendar).
 * The defect: the obligations were computed without the level-2 date, so the report was owed nowhere — not in
 * compliance, not in the upload link's context, not in the verdict. Driven through the API: a case that fails two
 * cycles reaches level 2; the units' links list the report; one group reports, one does not; the next verdict
 * counts both. Its months (2026-10 … 12) are within those the other suites' runs reach anyway, so its runs add no
 * catching up of their leftover cases beyond what they do themselves.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addWorkingDays } from '../../shared/domain/calendar.js';
import { api, eventually, partitionItems, setClock, tokenFor } from './support/api.js';
import { deliver, uploadContext } from './support/deliveries.js';
import { contractorOf, projectBody } from './support/fixtures.js';

const INCLUDED_ON = '2026-10-12';
const LEVEL_2_ON = '2026-12-01';

interface Obligation {
  key: string;
  type: string;
  unitCreditCode: string | null;
  dueAt: string;
  status: string;
  ruleSetVersion?: string;
}

interface Tally {
  due: number;
  onTime: number;
  late: number;
  missing: number;
}

let inspector: string;
let officer: string;
const project = projectBody();
// the supervising firm belongs to a group too; the developer does not (it owes no group report)
const supervisorUnit = project.units.find((unit) => unit.role === 'supervisor') as (typeof project.units)[number];
Object.assign(supervisorUnit, { groupCompany: '北京某工程咨询集团有限公司' });
const contractor = contractorOf(project);
const developer = project.units.find((unit) => unit.role === 'developer')?.creditCode as string;
let projectId: string;
let caseId: string;
const links = new Map<string, string>();

async function runMonth(month: string, at: string) {
  await setClock(at);
  const started = await api('/v1/evaluations', { method: 'POST', token: officer, body: { month } });
  expect(started.status, started.text).toBe(202);
  const { runId } = started.json as { runId: string };
  const run = await eventually(
    async () => (await api(`/v1/evaluations/${runId}`, { token: officer })).json as { status: string },
    (current) => current.status !== 'running',
    { timeoutMs: 180_000, intervalMs: 250, what: `evaluation run ${runId}` },
  );
  expect(run.status).toBe('succeeded');
}

async function caseView() {
  const response = await api(`/v1/cases/${caseId}`, { token: inspector });
  expect(response.status, response.text).toBe(200);
  return response.json as {
    level: number;
    levelReachedOn: Record<string, string>;
    obligations: { items: Obligation[]; compliance: { byType: Record<string, Tally> } };
    evaluations: Array<{ index: number; verdict: string; compliance: { byType: Record<string, Tally> } }>;
  };
}

beforeAll(async () => {
  inspector = await tokenFor('inspector');
  officer = await tokenFor('officer');
});

afterAll(async () => {
  await setClock(null);
});

describe('the group report owed from the level-2 escalation', () => {
  it('a case that fails two cycles reaches level 2', async () => {
    await setClock(`${INCLUDED_ON}T09:00:00+08:00`);
    const registered = await api('/v1/projects', { method: 'POST', token: inspector, body: project });
    expect(registered.status, registered.text).toBe(201);
    projectId = (registered.json as { id: string }).id;
    const inspection = await api(`/v1/projects/${projectId}/inspections`, {
      method: 'POST',
      token: inspector,
      body: {
        date: INCLUDED_ON,
        kind: 'routine',
        inspectors: ['王五', '赵六'],
        keyPersonnelPresent: { projectManager: false, chiefSupervisingEngineer: true },
        findings: [
          {
            kind: 'negligent_management',
            category: 'management',
            severity: 'major',
            unitCreditCode: contractor,
            description: '对工程项目各项工作疏于管理',
            deadline: '2026-10-20',
          },
        ],
        summary: '安全管理检查',
      },
    });
    expect(inspection.status, inspection.text).toBe(201);
    caseId = (inspection.json as { caseId: string }).caseId;
    const confirmed = await api(`/v1/cases/${caseId}/confirm`, { method: 'POST', token: officer, body: {} });
    expect(confirmed.status, confirmed.text).toBe(200);

    // nothing is delivered and the finding is never rectified: October and November fail
    await runMonth('2026-10', '2026-11-01T01:00:00+08:00');
    await runMonth('2026-11', `${LEVEL_2_ON}T01:00:00+08:00`);
    const view = await caseView();
    expect(view).toMatchObject({ level: 2, levelReachedOn: { '2': LEVEL_2_ON } });
  }, 240_000);

  it('is listed, with its deadline of 10 working days, in the links of the units whose group must report', async () => {
    await setClock('2026-12-03T10:00:00+08:00');
    for (const [role, unitCreditCode] of [
      ['general_contractor', contractor],
      ['supervisor', supervisorUnit.creditCode],
      ['developer', developer],
    ] as const) {
      const link = await api(`/v1/cases/${caseId}/upload-links`, {
        method: 'POST',
        token: inspector,
        body: { unitCreditCode, validDays: 31 },
      });
      expect(link.status, link.text).toBe(201);
      links.set(role, (link.json as { token: string }).token);
    }
    const due = addWorkingDays(LEVEL_2_ON, 10);
    for (const role of ['general_contractor', 'supervisor']) {
      const context = await uploadContext(links.get(role) as string);
      const reports = context.due.filter((item) => item.docType === 'group_report');
      expect(reports, `${role}: ${JSON.stringify(context.due.map((item) => item.key))}`).toHaveLength(1);
      expect(reports[0]).toMatchObject({ dueAt: due.dueAt, status: 'pending' });
      expect(reports[0]?.description).toContain('以集团名义');
      expect(context.documentTypes.map((type) => type.docType)).toContain('group_report');
    }
    // a unit without a group company has no group to report for
    const developerContext = await uploadContext(links.get('developer') as string);
    expect(developerContext.due.filter((item) => item.docType === 'group_report')).toEqual([]);

    // the case's obligations list both, with the rule-set version whose working days they count
    const current = (await api('/v1/rule-sets/current', { token: inspector })).json as { id: string };
    const listed = (await caseView()).obligations.items.filter((item) => item.type === 'group_report');
    expect(listed.map((item) => item.unitCreditCode).sort()).toEqual([contractor, supervisorUnit.creditCode].sort());
    for (const item of listed) expect(item).toMatchObject({ dueAt: due.dueAt, ruleSetVersion: current.id });

    // the level-2 measure names the same deadline
    const measure = await eventually(
      async () =>
        (await partitionItems(`PROJECT#${projectId}`, { skPrefix: `CASE#${caseId}#MEASURE#2#group_report` }))[0],
      (item) => item !== undefined,
      { what: 'the group-report measure of level 2' },
    );
    expect(measure).toMatchObject({ groupReportDueOn: due.dueOn, ruleSetVersion: current.id });
  });

  it('counts in compliance: the contractor’s group reports on time, the supervisor’s does not', async () => {
    const context = await uploadContext(links.get('general_contractor') as string);
    const report = context.due.find((item) => item.docType === 'group_report');
    expect(report).toBeDefined();
    await deliver(links.get('general_contractor') as string, report as NonNullable<typeof report>, 'group report');

    const byType = (await caseView()).obligations.compliance.byType;
    // not yet due on 12-03: compliance counts what was due by now, so the report is listed but not counted yet
    expect(byType.group_report).toBeUndefined();
    const items = (await caseView()).obligations.items.filter((item) => item.type === 'group_report');
    expect(items.find((item) => item.unitCreditCode === contractor)?.status).toBe('on_time');

    await runMonth('2026-12', '2027-01-01T01:00:00+08:00');
    const view = await caseView();
    const may = view.evaluations.find((evaluation) => evaluation.index === 3);
    expect(may?.compliance.byType.group_report).toMatchObject({ due: 2, onTime: 1, missing: 1 });
    expect(may?.verdict).toBe('escalate');
  }, 240_000);
});
