/**
 * Enterprise-level differentiated supervision (企业级差别化监管; seed 004: 从市级层面制定企业级差别化监管计划，通过网格执法，
 * 对49家施工企业、28家监理企业实施差别化监管; SPEC §6.5): an enterprise is proposed on any of three grounds, an officer
 * confirms or dismisses, the active case's measures are counted, and at each published ranking an active case is
 * released when none of the grounds holds.
 *
 * Like a project's case (SPEC §2.1), evidence is weighed once: a dismissal, inclusion or release weighs the evidence
 * it had before it, and the enterprise is proposed again only on evidence no decision weighed (a new ranking, a
 * newly supervised project, a new crossing of the points level).
 *
 * Pure: grounds, cases, inspections and dates come in as arguments.
 */
import { quarterName } from './assessment/periods.js';
import type { AssessmentThresholds } from './assessment/thresholds.js';
import type { EnterpriseGround, RankedUnitRole } from './ranking.js';
import { UNIT_ROLE_NAMES } from './vocabulary.js';

export const ENTERPRISE_CASE_STATUSES = ['proposed', 'active', 'released', 'dismissed'] as const;
export type EnterpriseCaseStatus = (typeof ENTERPRISE_CASE_STATUSES)[number];

export const ENTERPRISE_GROUNDS = ['bottom_of_role_list', 'supervised_projects', 'penalty_points'] as const;

/** The grounds as the officer and the enterprise read them (SPEC §6.5). */
export const ENTERPRISE_GROUND_NAMES: Readonly<Record<EnterpriseGround, string>> = Object.freeze({
  bottom_of_role_list: '季度排名位于本类企业后5%',
  supervised_projects: '多个项目同时被纳入差别化监管',
  penalty_points: '动态记分达到招投标市场公示线',
});

/** One ground found to hold, with what proves it: the records a decision on the proposal weighs. */
export interface EnterpriseGroundFinding {
  ground: EnterpriseGround;
  /** ids of the evidence: `ranking:{quarter}:{role}`, project case ids, `points:{entryId}` */
  evidence: string[];
  /** one sentence in Chinese */
  explanation: string;
}

/** The evidence id of a place at the bottom of a role's list in a quarter's published ranking. */
export function rankingEvidenceId(quarter: string, role: RankedUnitRole): string {
  return `ranking:${quarter}:${role}`;
}

/** The evidence id of a crossing of the points level, caused by one ledger entry. */
export function pointsEvidenceId(entryId: string): string {
  return `points:${entryId}`;
}

/** The bottom-of-list ground at a published ranking (SPEC §6.5). */
export function bottomOfListFinding(
  quarter: string,
  places: Array<{ role: RankedUnitRole; rank: number; of: number }>,
  thresholds: Pick<AssessmentThresholds, 'ranking'>,
): EnterpriseGroundFinding {
  const share = `${Math.round(thresholds.ranking.bottomShare * 1000) / 10}%`;
  return {
    ground: 'bottom_of_role_list',
    evidence: places.map((place) => rankingEvidenceId(quarter, place.role)).sort(),
    explanation: `${quarterName(quarter)}排名中，${places
      .map((place) => `${UNIT_ROLE_NAMES[place.role]}排名第${place.rank}名（共${place.of}名）`)
      .join('，')}，位于后${share}`,
  };
}

/** The ground of several projects under differentiated supervision at once (SPEC §6.5). */
export function supervisedProjectsFinding(
  activeCases: Array<{ caseId: string; projectName: string }>,
): EnterpriseGroundFinding {
  return {
    ground: 'supervised_projects',
    evidence: activeCases.map((c) => c.caseId).sort(),
    explanation: `${activeCases.length}个项目正同时被纳入差别化监管：${activeCases.map((c) => c.projectName).join('、')}`,
  };
}

/** The points ground (SPEC §6.5: points in window reach 16), caused by the entry that crossed the level. */
export function penaltyPointsFinding(input: { entryId: string; totalInWindow: number; level: number }) {
  return {
    ground: 'penalty_points',
    evidence: [pointsEvidenceId(input.entryId)],
    explanation: `动态记分有效期内累计${input.totalInWindow}分，达到${input.level}分`,
  } satisfies EnterpriseGroundFinding;
}

/** A decision on an enterprise case that weighed evidence. */
export interface EnterpriseWeighing {
  caseId: string;
  decision: 'inclusion' | 'dismissal' | 'release';
  on: string;
  evidence: string[];
}

/**
 * The findings that rest on evidence no decision weighed (SPEC §2.1's rule, applied to enterprises): each finding
 * keeps only its unweighed evidence, and one left with none drops out. A proposal is made when any remains.
 */
export function unweighedFindings(
  findings: readonly EnterpriseGroundFinding[],
  weighings: readonly EnterpriseWeighing[],
): EnterpriseGroundFinding[] {
  const weighed = new Set(weighings.flatMap((weighing) => weighing.evidence));
  return findings
    .map((finding) => ({ ...finding, evidence: finding.evidence.filter((id) => !weighed.has(id)) }))
    .filter((finding) => finding.evidence.length > 0);
}

/** An enterprise case's days, as its record holds them. */
export interface EnterpriseCaseDays {
  id: string;
  status: EnterpriseCaseStatus;
  proposedOn: string;
  includedOn?: string | null;
  dismissedOn?: string | null;
  releasedOn?: string | null;
}

/**
 * Where the enterprise stood on `date` (SPEC §6.6 `enterpriseCase: {status, since} | null`): `active` from the day of
 * inclusion to the day before release; `proposed` from the proposal to the day before the officer decided; null
 * when no case was open that day (a released or dismissed case is over).
 */
export function enterpriseCaseStandingOn(
  cases: readonly EnterpriseCaseDays[],
  date: string,
): { status: 'proposed' | 'active'; since: string; caseId: string } | null {
  for (const record of cases) {
    const end = record.releasedOn ?? null;
    if (record.includedOn && record.includedOn <= date && (end === null || date < end)) {
      return { status: 'active', since: record.includedOn, caseId: record.id };
    }
  }
  for (const record of cases) {
    const decided = record.includedOn ?? record.dismissedOn ?? null;
    if (record.proposedOn <= date && (decided === null || date < decided)) {
      return { status: 'proposed', since: record.proposedOn, caseId: record.id };
    }
  }
  return null;
}

/** A project of an enterprise under supervision, with what was done on it in a period. */
export interface EnterpriseProjectActivity {
  projectId: string;
  name: string;
  /** agency inspections (any kind) with their dates */
  agencyInspections: string[];
  /** the enterprise's own inspections (企业检查) with their dates */
  enterpriseInspections: string[];
}

/**
 * The agency's grid enforcement (网格执法, SPEC §6.5) in a month: each of the enterprise's projects is owed at least
 * `agencyInspectionsPerProjectPerMonth` agency inspections; a shortfall is the agency's, as for a project's case.
 */
export function agencyInspectionQuota(
  projects: readonly EnterpriseProjectActivity[],
  month: string,
  thresholds: Pick<AssessmentThresholds, 'enterpriseSupervision'>,
) {
  const required = thresholds.enterpriseSupervision.agencyInspectionsPerProjectPerMonth;
  const lines = projects.map((project) => {
    const inspections = project.agencyInspections.filter((date) => date.startsWith(month)).length;
    return {
      projectId: project.projectId,
      name: project.name,
      inspections,
      required,
      meetsTarget: inspections >= required,
    };
  });
  return {
    required,
    projects: lines,
    projectsMeetingTarget: lines.filter((line) => line.meetsTarget).length,
    shortfall: lines.reduce((total, line) => total + Math.max(0, required - line.inspections), 0),
  };
}

/**
 * The enterprise's own duty while its case is active (SPEC §6.5): inspect each of its active projects
 * `enterpriseInspectionsPerProjectPerQuarter` times in the quarter (dates `first`..`last`), reported per project.
 */
export function enterpriseInspectionDuty(
  projects: readonly EnterpriseProjectActivity[],
  quarter: { quarter: string; first: string; last: string },
  thresholds: Pick<AssessmentThresholds, 'enterpriseSupervision'>,
) {
  const required = thresholds.enterpriseSupervision.enterpriseInspectionsPerProjectPerQuarter;
  const lines = projects.map((project) => {
    const delivered = project.enterpriseInspections.filter((date) => date >= quarter.first && date <= quarter.last);
    return {
      projectId: project.projectId,
      name: project.name,
      required,
      delivered: delivered.length,
      met: delivered.length >= required,
    };
  });
  return { quarter: quarter.quarter, required, projects: lines, met: lines.every((line) => line.met) };
}
