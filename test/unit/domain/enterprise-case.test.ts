import { describe, expect, it } from 'vitest';
import { DEFAULT_ASSESSMENT_THRESHOLDS as T } from '../../../shared/domain/assessment/thresholds.js';
import {
  agencyInspectionQuota,
  bottomOfListFinding,
  type EnterpriseCaseDays,
  enterpriseCaseStandingOn,
  enterpriseInspectionDuty,
  penaltyPointsFinding,
  supervisedProjectsFinding,
  unweighedFindings,
} from '../../../shared/domain/enterprise-case.js';

describe('where an enterprise stood on a day (SPEC §6.6 enterpriseCase)', () => {
  const released: EnterpriseCaseDays = {
    id: 'ecs_1',
    status: 'released',
    proposedOn: '2026-10-15',
    includedOn: '2026-10-20',
    releasedOn: '2027-01-16',
  };
  const dismissed: EnterpriseCaseDays = {
    id: 'ecs_2',
    status: 'dismissed',
    proposedOn: '2027-03-01',
    dismissedOn: '2027-03-05',
  };
  const open: EnterpriseCaseDays = { id: 'ecs_3', status: 'proposed', proposedOn: '2027-05-01' };

  it('is proposed from the proposal until the officer decides, active from inclusion until release', () => {
    const cases = [released, dismissed, open];
    expect(enterpriseCaseStandingOn(cases, '2026-10-14')).toBeNull();
    expect(enterpriseCaseStandingOn(cases, '2026-10-15')).toEqual({
      status: 'proposed',
      since: '2026-10-15',
      caseId: 'ecs_1',
    });
    expect(enterpriseCaseStandingOn(cases, '2026-10-20')).toEqual({
      status: 'active',
      since: '2026-10-20',
      caseId: 'ecs_1',
    });
    expect(enterpriseCaseStandingOn(cases, '2027-01-15')?.status).toBe('active');
    expect(enterpriseCaseStandingOn(cases, '2027-01-16')).toBeNull();
    expect(enterpriseCaseStandingOn(cases, '2027-03-04')?.status).toBe('proposed');
    expect(enterpriseCaseStandingOn(cases, '2027-03-05')).toBeNull();
    expect(enterpriseCaseStandingOn(cases, '2027-06-30')).toEqual({
      status: 'proposed',
      since: '2027-05-01',
      caseId: 'ecs_3',
    });
  });
});

describe('the grounds and evidence weighed once', () => {
  it('names the ranking, the supervised projects and the points in Chinese', () => {
    expect(bottomOfListFinding('2026Q3', [{ role: 'general_contractor', rank: 40, of: 40 }], T).explanation).toBe(
      '2026年第3季度排名中，施工总承包单位排名第40名（共40名），位于后5%',
    );
    expect(
      supervisedProjectsFinding([
        { caseId: 'cas_b', projectName: '乙项目' },
        { caseId: 'cas_a', projectName: '甲项目' },
      ]),
    ).toMatchObject({ ground: 'supervised_projects', evidence: ['cas_a', 'cas_b'] });
    expect(penaltyPointsFinding({ entryId: 'pts_1', totalInWindow: 17, level: 16 }).evidence).toEqual(['points:pts_1']);
  });

  it('keeps only evidence no decision weighed; a ground left with none drops out', () => {
    const findings = [
      supervisedProjectsFinding([
        { caseId: 'cas_a', projectName: '甲' },
        { caseId: 'cas_b', projectName: '乙' },
      ]),
      penaltyPointsFinding({ entryId: 'pts_1', totalInWindow: 16, level: 16 }),
    ];
    const weighings = [
      { caseId: 'ecs_1', decision: 'dismissal' as const, on: '2026-11-01', evidence: ['cas_a', 'cas_b'] },
    ];
    expect(unweighedFindings(findings, weighings).map((f) => f.ground)).toEqual(['penalty_points']);
    // a third project under supervision is new evidence
    const third = supervisedProjectsFinding([
      { caseId: 'cas_a', projectName: '甲' },
      { caseId: 'cas_b', projectName: '乙' },
      { caseId: 'cas_c', projectName: '丙' },
    ]);
    expect(unweighedFindings([third], weighings)[0]?.evidence).toEqual(['cas_c']);
  });
});

describe('the measures while active', () => {
  const projects = [
    {
      projectId: 'prj_a',
      name: '甲',
      agencyInspections: ['2026-11-03', '2026-11-20', '2026-12-01'],
      enterpriseInspections: ['2026-10-10', '2026-12-01'],
    },
    { projectId: 'prj_b', name: '乙', agencyInspections: ['2026-11-03'], enterpriseInspections: ['2026-11-11'] },
  ];

  it('counts the agency inspections each project got in the month against 2, the shortfall the agency’s', () => {
    const quota = agencyInspectionQuota(projects, '2026-11', T);
    expect(quota.projects.map((p) => [p.projectId, p.inspections, p.meetsTarget])).toEqual([
      ['prj_a', 2, true],
      ['prj_b', 1, false],
    ]);
    expect(quota).toMatchObject({ required: 2, projectsMeetingTarget: 1, shortfall: 1 });
  });

  it('counts the enterprise’s own inspections of each project in the quarter against 2', () => {
    const duty = enterpriseInspectionDuty(projects, { quarter: '2026Q4', first: '2026-10-01', last: '2026-12-31' }, T);
    expect(duty.projects.map((p) => [p.projectId, p.delivered, p.met])).toEqual([
      ['prj_a', 2, true],
      ['prj_b', 1, false],
    ]);
    expect(duty.met).toBe(false);
  });
});
