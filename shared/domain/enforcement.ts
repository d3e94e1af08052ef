/**
 * Measures of the inspectors' enforcement work (执法工作评价, SPEC §6.7; seed 004: 分执法量、额度、覆盖面、内容的丰富性、
 * 规范性和评估工作的结合性等加强执法工作考核) as pure aggregations over a quarter's inspection records, per inspector
 * and per district: volume, amount, coverage, richness, regularity and the tie to the assessment — including the
 * agency's own shortfall of government assessments (one per assessed project per quarter, SPEC §6.2).
 *
 * Shares are 0–1 to three decimals, null when there is nothing to divide by (no active project, no inspection).
 */
import { lastDayOfMonth, monthsOfQuarter, quarterDays } from './assessment/periods.js';
import type { AssessmentThresholds } from './assessment/thresholds.js';
import { type FieldProblem, InvalidInputError } from './errors.js';
import type { MeasureKind } from './penalty-points.js';
import type { HazardCategory } from './vocabulary.js';

/** The enforcement measures an inspection may record (SPEC §6.7): 责令改正, 罚款, 停工整改. */
export const MEASURE_KINDS = ['rectification_order', 'fine', 'stop_work'] as const satisfies readonly MeasureKind[];

/** The Chinese name of each measure, as documents and screens show it. */
export const MEASURE_KIND_NAMES: Record<MeasureKind, string> = {
  rectification_order: '责令改正',
  fine: '罚款',
  stop_work: '停工整改',
};

/** An enforcement measure as an inspection records it (SPEC §6.7). */
export interface EnforcementMeasure {
  kind: MeasureKind;
  /** the unit the measure is imposed on: a unit of the inspected project */
  unitCreditCode: string;
  /** a fine's amount in yuan; only a fine has one */
  amountYuan?: number | undefined;
  /** the number of the enforcement document (执法文书编号) that imposed it */
  documentNo: string;
}

/**
 * What is wrong with an inspection's measures (SPEC §6.7), field by field: a fine needs its amount (罚款须写明金额),
 * any other measure has none, and the unit must be a unit of the inspected project. Empty when they are right.
 */
export function measureProblems(measures: readonly EnforcementMeasure[], projectUnits: ReadonlySet<string>) {
  const problems: FieldProblem[] = [];
  measures.forEach((measure, index) => {
    const at = (field: string) => `measures[${index}].${field}`;
    if (measure.kind === 'fine' && measure.amountYuan === undefined) {
      problems.push({
        field: at('amountYuan'),
        message: { zh: '罚款须写明金额（元）', en: 'a fine needs its amount in yuan' },
      });
    }
    if (measure.kind !== 'fine' && measure.amountYuan !== undefined) {
      problems.push({
        field: at('amountYuan'),
        message: {
          zh: `只有罚款有金额，${MEASURE_KIND_NAMES[measure.kind]}不填金额`,
          en: `only a fine has an amount, not a ${measure.kind}`,
        },
      });
    }
    if (!projectUnits.has(measure.unitCreditCode)) {
      problems.push({
        field: at('unitCreditCode'),
        message: { zh: '不是本项目参建单位的统一社会信用代码', en: 'not the credit code of a unit of this project' },
      });
    }
  });
  return problems;
}

/**
 * When the follow-up verification (复查) of a finding is due: by its rectification deadline — a finding not
 * accepted by then is overdue (SPEC §3), so a verification on or before the deadline keeps the record honest, and
 * one after it is late. Dates 'YYYY-MM-DD'.
 */
export function verificationDueOn(finding: { deadline: string }): string {
  return finding.deadline;
}

/** An inspection of the quarter as the statistics need it. */
export interface InspectionRecord {
  id: string;
  projectId: string;
  district: string;
  date: string;
  /** inspector ids (双人执法: two or more) */
  inspectors: string[];
  findings: Array<{ category: HazardCategory }>;
  /** the inspection report (检查报告) was issued */
  reportIssued: boolean;
  /** follow-up verifications (复查) of its findings: when due and when done */
  verifications: Array<{ dueOn: string; doneOn: string | null }>;
  /** enforcement measures recorded on it (SPEC §6.7) */
  measures: Array<{ kind: MeasureKind; amountYuan?: number }>;
  /** a government assessment was made at this inspection */
  governmentAssessment: boolean;
}

/** What the quarter's statistics look at besides the inspections. */
export interface EnforcementQuarter {
  quarter: string;
  inspections: InspectionRecord[];
  /** projects active (under construction) in the quarter */
  activeProjects: Array<{ projectId: string; district: string }>;
  /** projects under differentiated supervision, with the agency inspections owed in each month they were */
  supervisedProjects: Array<{ projectId: string; district: string; owedPerMonth: Record<string, number> }>;
  /** projects assessed this quarter (owed a government assessment, SPEC §6.2) */
  assessedProjects: Array<{ projectId: string; district: string }>;
}

/** The measures of one inspector or one district. */
export interface EnforcementMeasures {
  volume: { inspections: number };
  amount: { rectificationOrders: number; fines: number; fineTotalYuan: number; stopWorkOrders: number };
  coverage: {
    activeProjects: number;
    projectsInspected: number;
    share: number | null;
    /** districts only: supervised projects that got their monthly agency inspections in every month of the quarter */
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
    /** inspections at which a government assessment was made */
    governmentAssessments: number;
    /** districts only: assessed projects, those with a government assessment, the agency's shortfall, the share */
    assessedProjects: number | null;
    withGovernmentAssessment: number | null;
    shortfall: number | null;
    share: number | null;
  };
}

const share = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 1000) / 1000);

function measure(
  inspections: InspectionRecord[],
  activeProjects: string[],
  asOf: string,
): Omit<EnforcementMeasures, 'coverage' | 'assessmentTie'> & {
  coverage: Pick<EnforcementMeasures['coverage'], 'activeProjects' | 'projectsInspected' | 'share'>;
  governmentAssessments: number;
} {
  const measures = inspections.flatMap((i) => i.measures);
  const fines = measures.filter((m) => m.kind === 'fine');
  const inspected = new Set(inspections.map((i) => i.projectId).filter((id) => activeProjects.includes(id)));
  const findings = inspections.flatMap((i) => i.findings);
  const verifications = inspections.flatMap((i) => i.verifications).filter((v) => v.dueOn <= asOf);
  return {
    volume: { inspections: inspections.length },
    amount: {
      rectificationOrders: measures.filter((m) => m.kind === 'rectification_order').length,
      fines: fines.length,
      fineTotalYuan: fines.reduce((total, m) => total + (m.amountYuan ?? 0), 0),
      stopWorkOrders: measures.filter((m) => m.kind === 'stop_work').length,
    },
    coverage: {
      activeProjects: activeProjects.length,
      projectsInspected: inspected.size,
      share: share(inspected.size, activeProjects.length),
    },
    richness: {
      findings: findings.length,
      findingsPerInspection:
        inspections.length === 0 ? null : Math.round((findings.length / inspections.length) * 100) / 100,
      categoriesCovered: new Set(findings.map((f) => f.category)).size,
    },
    regularity: {
      twoInspectorsShare: share(inspections.filter((i) => new Set(i.inspectors).size >= 2).length, inspections.length),
      reportsIssuedShare: share(inspections.filter((i) => i.reportIssued).length, inspections.length),
      verificationsDue: verifications.length,
      verificationsOnTimeShare: share(
        verifications.filter((v) => v.doneOn !== null && v.doneOn <= v.dueOn).length,
        verifications.length,
      ),
    },
    governmentAssessments: inspections.filter((i) => i.governmentAssessment).length,
  };
}

/**
 * The quarter's enforcement measures per inspector and per district (SPEC §6.7). An inspector's coverage counts the
 * active projects of the districts they inspected in; the supervised-project quota and the government-assessment
 * tie (and the agency's shortfall, SPEC §6.2) are properties of a district's agency and are given per district only.
 * Verifications are judged once due (by the quarter's last day).
 */
export function enforcementMeasures(
  input: EnforcementQuarter,
  thresholds: Pick<AssessmentThresholds, 'governmentAssessmentsPerQuarter'>,
): { byInspector: Record<string, EnforcementMeasures>; byDistrict: Record<string, EnforcementMeasures> } {
  const { first, last } = quarterDays(input.quarter);
  const months = monthsOfQuarter(input.quarter);
  input.inspections.forEach((inspection, i) => {
    if (inspection.date < first || inspection.date > last) {
      throw new InvalidInputError(
        {
          zh: `第${i + 1}次检查（${inspection.date}）不在 ${input.quarter} 内`,
          en: `inspection ${inspection.id} is not in ${input.quarter}`,
        },
        [
          {
            field: `inspections[${i}].date`,
            message: { zh: `不在 ${input.quarter} 内`, en: `not in ${input.quarter}` },
          },
        ],
      );
    }
  });
  const activeIn = (districts: Set<string>) =>
    input.activeProjects.filter((p) => districts.has(p.district)).map((p) => p.projectId);

  const byInspector: Record<string, EnforcementMeasures> = {};
  const inspectors = [...new Set(input.inspections.flatMap((i) => i.inspectors))].sort();
  for (const inspector of inspectors) {
    const theirs = input.inspections.filter((i) => i.inspectors.includes(inspector));
    const { governmentAssessments, coverage, ...rest } = measure(
      theirs,
      activeIn(new Set(theirs.map((i) => i.district))),
      last,
    );
    byInspector[inspector] = {
      ...rest,
      coverage: { ...coverage, supervisedProjects: null, supervisedMeetingQuota: null, supervisedQuotaShare: null },
      assessmentTie: {
        governmentAssessments,
        assessedProjects: null,
        withGovernmentAssessment: null,
        shortfall: null,
        share: null,
      },
    };
  }

  const byDistrict: Record<string, EnforcementMeasures> = {};
  const districts = [
    ...new Set([
      ...input.inspections.map((i) => i.district),
      ...input.activeProjects.map((p) => p.district),
      ...input.assessedProjects.map((p) => p.district),
    ]),
  ].sort();
  for (const district of districts) {
    const theirs = input.inspections.filter((i) => i.district === district);
    const { governmentAssessments, coverage, ...rest } = measure(theirs, activeIn(new Set([district])), last);
    const supervised = input.supervisedProjects.filter((p) => p.district === district);
    const meeting = supervised.filter((p) =>
      months.every((month) => {
        const owed = p.owedPerMonth[month] ?? 0;
        const done = theirs.filter((i) => i.projectId === p.projectId && i.date.startsWith(month)).length;
        return done >= owed;
      }),
    );
    const assessed = input.assessedProjects.filter((p) => p.district === district).map((p) => p.projectId);
    const withGovernment = assessed.filter(
      (id) =>
        theirs.filter((i) => i.projectId === id && i.governmentAssessment).length >=
        thresholds.governmentAssessmentsPerQuarter,
    );
    byDistrict[district] = {
      ...rest,
      coverage: {
        ...coverage,
        supervisedProjects: supervised.length,
        supervisedMeetingQuota: meeting.length,
        supervisedQuotaShare: share(meeting.length, supervised.length),
      },
      assessmentTie: {
        governmentAssessments,
        assessedProjects: assessed.length,
        withGovernmentAssessment: withGovernment.length,
        shortfall: assessed.length - withGovernment.length,
        share: share(withGovernment.length, assessed.length),
      },
    };
  }
  return { byInspector, byDistrict };
}

/** A case as the quota needs it: its project, and the days it was included and released (if it was). */
export interface SupervisedCase {
  projectId: string;
  district: string;
  includedOn: string | null;
  releasedOn: string | null;
}

/**
 * The projects under differentiated supervision in the quarter, with the agency inspections each owes per month
 * (SPEC §2.3 and §6.7: `perMonth`, ≥ 4). A month is owed when the case was under supervision all of it: included by
 * its first day, and released (if at all) only after its last (a release takes effect on its day, the 1st of a
 * month) — a case included on the 28th owes nothing that month. A project with two cases in the quarter owes the
 * most either owes.
 */
export function supervisedInQuarter(
  cases: readonly SupervisedCase[],
  quarter: string,
  perMonth: number,
): EnforcementQuarter['supervisedProjects'] {
  const byProject = new Map<string, EnforcementQuarter['supervisedProjects'][number]>();
  for (const supervised of cases) {
    const { includedOn, releasedOn } = supervised;
    if (!includedOn) continue;
    const owed = monthsOfQuarter(quarter).filter(
      (month) => includedOn <= `${month}-01` && (releasedOn === null || releasedOn > lastDayOfMonth(month)),
    );
    if (owed.length === 0) continue;
    const entry = byProject.get(supervised.projectId) ?? {
      projectId: supervised.projectId,
      district: supervised.district,
      owedPerMonth: {},
    };
    for (const month of owed) entry.owedPerMonth[month] = Math.max(entry.owedPerMonth[month] ?? 0, perMonth);
    byProject.set(supervised.projectId, entry);
  }
  return [...byProject.values()].sort((a, b) => a.projectId.localeCompare(b.projectId));
}
