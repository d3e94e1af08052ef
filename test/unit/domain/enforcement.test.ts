import { describe, expect, it } from 'vitest';
import { DEFAULT_ASSESSMENT_THRESHOLDS as T } from '../../../shared/domain/assessment/thresholds.js';
import {
  type EnforcementQuarter,
  enforcementMeasures,
  type InspectionRecord,
  measureProblems,
  supervisedInQuarter,
} from '../../../shared/domain/enforcement.js';
import { InvalidInputError } from '../../../shared/domain/errors.js';

function inspection(
  overrides: Partial<InspectionRecord> & Pick<InspectionRecord, 'id' | 'projectId' | 'date'>,
): InspectionRecord {
  return {
    district: '通州区',
    inspectors: ['i1', 'i2'],
    findings: [],
    reportIssued: true,
    verifications: [],
    measures: [],
    governmentAssessment: false,
    ...overrides,
  };
}

const TONGZHOU = '通州区';
const CHAOYANG = '朝阳区';

const quarter: EnforcementQuarter = {
  quarter: '2026Q4',
  inspections: [
    inspection({
      id: 'x1',
      projectId: 'p1',
      date: '2026-10-10',
      findings: [{ category: 'scaffolding' }, { category: 'electrical' }, { category: 'scaffolding' }],
      measures: [{ kind: 'rectification_order' }, { kind: 'fine', amountYuan: 20_000 }],
      verifications: [
        { dueOn: '2026-10-20', doneOn: '2026-10-19' },
        { dueOn: '2026-10-25', doneOn: '2026-10-28' },
      ],
      governmentAssessment: true,
    }),
    inspection({ id: 'x2', projectId: 'p2', date: '2026-10-12', inspectors: ['i1'], reportIssued: false }),
    inspection({
      id: 'x3',
      projectId: 'p2',
      date: '2026-11-12',
      measures: [{ kind: 'fine', amountYuan: 5_000 }, { kind: 'stop_work' }],
      verifications: [{ dueOn: '2027-01-10', doneOn: null }],
    }),
    inspection({ id: 'x4', projectId: 'p9', district: '朝阳区', date: '2026-12-01', inspectors: ['i3', 'i4'] }),
  ],
  activeProjects: [
    { projectId: 'p1', district: '通州区' },
    { projectId: 'p2', district: '通州区' },
    { projectId: 'p3', district: '通州区' },
    { projectId: 'p9', district: '朝阳区' },
  ],
  supervisedProjects: [
    { projectId: 'p2', district: '通州区', owedPerMonth: { '2026-10': 1, '2026-11': 1 } },
    { projectId: 'p3', district: '通州区', owedPerMonth: { '2026-12': 2 } },
  ],
  assessedProjects: [
    { projectId: 'p1', district: '通州区' },
    { projectId: 'p2', district: '通州区' },
    { projectId: 'p9', district: '朝阳区' },
  ],
};

describe('enforcement work per district and inspector (SPEC §6.7)', () => {
  const { byDistrict, byInspector } = enforcementMeasures(quarter, T);

  it('counts volume and amount', () => {
    expect(byDistrict[TONGZHOU]!.volume).toEqual({ inspections: 3 });
    expect(byDistrict[TONGZHOU]!.amount).toEqual({
      rectificationOrders: 1,
      fines: 2,
      fineTotalYuan: 25_000,
      stopWorkOrders: 1,
    });
  });

  it('measures coverage: active projects inspected, supervised projects meeting their monthly quota', () => {
    // 通州区: p1, p2 of p1–p3 inspected; p2 owed 1 in Oct and Nov and got them, p3 owed 2 in Dec and got none
    expect(byDistrict[TONGZHOU]!.coverage).toEqual({
      activeProjects: 3,
      projectsInspected: 2,
      share: 0.667,
      supervisedProjects: 2,
      supervisedMeetingQuota: 1,
      supervisedQuotaShare: 0.5,
    });
  });

  it('measures richness and regularity', () => {
    expect(byDistrict[TONGZHOU]!.richness).toEqual({ findings: 3, findingsPerInspection: 1, categoriesCovered: 2 });
    // x2 had one inspector and no report; of the verifications due by 12-31 one of two was on time
    expect(byDistrict[TONGZHOU]!.regularity).toEqual({
      twoInspectorsShare: 0.667,
      reportsIssuedShare: 0.667,
      verificationsDue: 2,
      verificationsOnTimeShare: 0.5,
    });
  });

  it('ties to the assessment: the agency’s shortfall of government assessments', () => {
    expect(byDistrict[TONGZHOU]!.assessmentTie).toEqual({
      governmentAssessments: 1,
      assessedProjects: 2,
      withGovernmentAssessment: 1,
      shortfall: 1,
      share: 0.5,
    });
    expect(byDistrict[CHAOYANG]!.assessmentTie.shortfall).toBe(1);
  });

  it('gives each inspector their own inspections, coverage over the districts they worked in', () => {
    expect(Object.keys(byInspector)).toEqual(['i1', 'i2', 'i3', 'i4']);
    expect(byInspector.i1!.volume.inspections).toBe(3);
    expect(byInspector.i2!.volume.inspections).toBe(2);
    expect(byInspector.i3!.coverage).toMatchObject({ activeProjects: 1, projectsInspected: 1, share: 1 });
    expect(byInspector.i1!.assessmentTie.governmentAssessments).toBe(1);
    expect(byInspector.i1!.coverage.supervisedQuotaShare).toBeNull();
  });

  it('refuses an inspection of another quarter', () => {
    expect(() =>
      enforcementMeasures(
        { ...quarter, inspections: [inspection({ id: 'y', projectId: 'p1', date: '2027-01-02' })] },
        T,
      ),
    ).toThrow(InvalidInputError);
  });
});

describe('measureProblems (SPEC §6.7): what an inspection may record', () => {
  const units = new Set(['A', 'B']);

  it('accepts an order, a fine with its amount and a stop-work order on units of the project', () => {
    expect(
      measureProblems(
        [
          { kind: 'rectification_order', unitCreditCode: 'A', documentNo: '1' },
          { kind: 'fine', unitCreditCode: 'B', amountYuan: 9999.5, documentNo: '2' },
          { kind: 'stop_work', unitCreditCode: 'A', documentNo: '3' },
        ],
        units,
      ),
    ).toEqual([]);
  });

  it('names each wrong field: a fine without an amount, an amount elsewhere, a unit of another project', () => {
    const problems = measureProblems(
      [
        { kind: 'fine', unitCreditCode: 'A', documentNo: '1' },
        { kind: 'stop_work', unitCreditCode: 'C', amountYuan: 100, documentNo: '2' },
      ],
      units,
    );
    expect(problems.map((problem) => problem.field)).toEqual([
      'measures[0].amountYuan',
      'measures[1].amountYuan',
      'measures[1].unitCreditCode',
    ]);
    expect(problems[1]?.message).toEqual({
      zh: '只有罚款有金额，停工整改不填金额',
      en: 'only a fine has an amount, not a stop_work',
    });
  });
});

describe('supervisedInQuarter: the months a supervised project owes its agency inspections', () => {
  const supervised = (includedOn: string | null, releasedOn: string | null = null, projectId = 'p1') => ({
    projectId,
    district: TONGZHOU,
    includedOn,
    releasedOn,
  });

  it('owes a month under supervision all of it: included by its first day, released after its last', () => {
    expect(supervisedInQuarter([supervised('2026-06-10')], '2026Q3', 4)).toEqual([
      { projectId: 'p1', district: TONGZHOU, owedPerMonth: { '2026-07': 4, '2026-08': 4, '2026-09': 4 } },
    ]);
    // included mid-July, released on 1 September (the evaluation of the 1st): August only
    expect(supervisedInQuarter([supervised('2026-07-15', '2026-09-01')], '2026Q3', 4)[0]?.owedPerMonth).toEqual({
      '2026-08': 4,
    });
  });

  it('leaves out a case never included, or under supervision for no whole month', () => {
    expect(supervisedInQuarter([supervised(null), supervised('2026-09-02', null, 'p2')], '2026Q3', 4)).toEqual([]);
  });
});
