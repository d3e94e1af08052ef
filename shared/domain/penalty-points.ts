/**
 * Penalty points (动态记分, seed 004: 对未按时评估或弄虚作假的参建企业进行企业及人员动态记分; SPEC §6.3): what a late,
 * missing or falsified assessment and an officer's enforcement measure charge, to whom; the append-only ledger's
 * total in its 12-month window as of a date; the thresholds reached (京建法〔2007〕825号 as amended: 8, 16, 24, 30);
 * and which upward crossings an appended entry causes.
 *
 * "Once per crossing", precisely. The total in window can only rise when an entry is appended (expiry and revocation
 * only lower it). A crossing of level L is an append that takes the total, counted on the day it is recorded, from
 * below L to L or above; so every crossing has exactly one cause, the entry appended, and is emitted once — keyed by
 * that entry and level, so a redelivered append changes nothing. Appends that find the total already at or above L
 * emit nothing for L. When points expire or are revoked and the total falls below L, the next append that lifts it
 * to L again is a new crossing inside a new window and emits again: the subject has reached L again. Revoking the
 * entry that caused a crossing does not retract the event (an event is a fact; the revocation is its own fact).
 *
 * Dates are 'YYYY-MM-DD' Asia/Shanghai. Nothing here reads a clock.
 */
import { type AssessmentThresholds, DEFAULT_ASSESSMENT_THRESHOLDS } from './assessment/thresholds.js';
import { isCalendarDate } from './calendar.js';
import { InvalidInputError } from './errors.js';

export const PENALTY_SUBJECT_KINDS = ['enterprise', 'person'] as const;
export type PenaltySubjectKind = (typeof PENALTY_SUBJECT_KINDS)[number];

/** Whom points are charged to: an enterprise by credit code, a registered person by registration number. */
export interface PenaltySubject {
  kind: PenaltySubjectKind;
  id: string;
  name: string;
}

/** Why points were charged (SPEC §6.3 sources). */
export const PENALTY_CODES = [
  'late_self_assessment',
  'late_enterprise_assessment',
  'missing_assessment',
  'falsification',
  'enforcement_measure',
] as const;
export type PenaltyCode = (typeof PENALTY_CODES)[number];

/** A charge to append to a ledger: who, how many points, why, and the key that makes charging it twice impossible. */
export interface PenaltyCharge {
  subject: PenaltySubject;
  points: number;
  code: PenaltyCode;
  /** in Chinese, for the ledger and the subject's notice */
  reason: string;
  /** identity of the charge: one ledger entry per key and subject, however often the cause is seen */
  chargeKey: string;
}

/** A unit of a project, as the charges name it. */
export interface ChargedUnit {
  creditCode: string;
  name: string;
}

/** A registered person (注册人员): charged only when registered (a registration number to charge to). */
export interface ChargedPerson {
  registrationNo?: string | null;
  name: string;
}

const enterprise = (unit: ChargedUnit): PenaltySubject => ({
  kind: 'enterprise',
  id: unit.creditCode,
  name: unit.name,
});

function personCharge(
  person: ChargedPerson | null | undefined,
  points: number,
  code: PenaltyCode,
  reason: string,
  chargeKey: string,
): PenaltyCharge[] {
  if (!person?.registrationNo || points <= 0) return [];
  return [
    { subject: { kind: 'person', id: person.registrationNo, name: person.name }, points, code, reason, chargeKey },
  ];
}

function enterpriseCharge(unit: ChargedUnit, points: number, code: PenaltyCode, reason: string, chargeKey: string) {
  return points > 0 ? [{ subject: enterprise(unit), points, code, reason, chargeKey }] : [];
}

/** The key of the missing-tier charge of a project and quarter (per unit for the enterprise tier). */
export function missingChargeKey(
  projectId: string,
  quarter: string,
  tier: 'self' | 'enterprise',
  unit?: string,
): string {
  return tier === 'self'
    ? `missing:self:${projectId}:${quarter}`
    : `missing:enterprise:${projectId}:${quarter}:${unit}`;
}

/**
 * A self-assessment submitted late (SPEC §6.3): 1 point to the general contractor and 1 to the project manager,
 * once per project and month. None when the quarter's self tier was already charged as missing at the ranking —
 * missing is charged instead of, not as well as, lateness (`missingCharged`).
 */
export function lateSelfAssessmentCharges(
  input: {
    projectId: string;
    month: string;
    generalContractor: ChargedUnit;
    projectManager: ChargedPerson | null;
    missingCharged: boolean;
  },
  thresholds: Pick<AssessmentThresholds, 'penalty'> = DEFAULT_ASSESSMENT_THRESHOLDS,
): PenaltyCharge[] {
  if (input.missingCharged) return [];
  const key = `late:self:${input.projectId}:${input.month}`;
  const reason = `${input.month}月度项目自评逾期提交`;
  const points = thresholds.penalty.lateSelf;
  return [
    ...enterpriseCharge(input.generalContractor, points.enterprise, 'late_self_assessment', reason, key),
    ...personCharge(input.projectManager, points.person, 'late_self_assessment', reason, key),
  ];
}

/**
 * An enterprise re-assessment submitted late (SPEC §6.3): 1 point to the enterprise that owed it, charged when it is
 * submitted, once per project, quarter and unit; none when it was already charged as missing at the ranking.
 */
export function lateEnterpriseAssessmentCharges(
  input: { projectId: string; quarter: string; unit: ChargedUnit; missingCharged: boolean },
  thresholds: Pick<AssessmentThresholds, 'penalty'> = DEFAULT_ASSESSMENT_THRESHOLDS,
): PenaltyCharge[] {
  if (input.missingCharged) return [];
  return enterpriseCharge(
    input.unit,
    thresholds.penalty.lateEnterprise.enterprise,
    'late_enterprise_assessment',
    `${input.quarter}企业再评逾期提交`,
    `late:enterprise:${input.projectId}:${input.quarter}:${input.unit.creditCode}`,
  );
}

/**
 * The tiers still missing for a project when its quarter is ranked (SPEC §6.3): once per tier, project and quarter,
 * however many months are missing — 2 points to the general contractor and 2 to the project manager when any owed
 * self-assessment month is missing; 2 to each unit whose enterprise re-assessment is missing. `owed` says what the
 * project owed (the months it was under assessment; the units that re-assess it).
 */
export function missingAssessmentCharges(
  input: {
    projectId: string;
    quarter: string;
    generalContractor: ChargedUnit;
    projectManager: ChargedPerson | null;
    owed: { selfMonths: string[]; enterpriseUnits: ChargedUnit[] };
    present: { selfMonths: string[]; enterpriseUnits: string[] };
  },
  thresholds: Pick<AssessmentThresholds, 'penalty'> = DEFAULT_ASSESSMENT_THRESHOLDS,
): PenaltyCharge[] {
  const points = thresholds.penalty.missingTier;
  const charges: PenaltyCharge[] = [];
  const missingMonths = input.owed.selfMonths.filter((m) => !input.present.selfMonths.includes(m));
  if (missingMonths.length > 0) {
    const key = missingChargeKey(input.projectId, input.quarter, 'self');
    const reason = `${input.quarter}项目自评缺报（${missingMonths.join('、')}）`;
    charges.push(
      ...enterpriseCharge(input.generalContractor, points.enterprise, 'missing_assessment', reason, key),
      ...personCharge(input.projectManager, points.person, 'missing_assessment', reason, key),
    );
  }
  for (const unit of input.owed.enterpriseUnits) {
    if (input.present.enterpriseUnits.includes(unit.creditCode)) continue;
    charges.push(
      ...enterpriseCharge(
        unit,
        points.enterprise,
        'missing_assessment',
        `${input.quarter}企业再评缺报`,
        missingChargeKey(input.projectId, input.quarter, 'enterprise', unit.creditCode),
      ),
    );
  }
  return charges;
}

/**
 * A confirmed falsification (SPEC §6.3): 3 points to the enterprise that submitted the assessment and 3 to the
 * registered person responsible (the signer: the project manager for a self-assessment), once per assessment.
 */
export function falsificationCharges(
  input: { assessmentId: string; period: string; unit: ChargedUnit; responsible: ChargedPerson | null },
  thresholds: Pick<AssessmentThresholds, 'penalty'> = DEFAULT_ASSESSMENT_THRESHOLDS,
): PenaltyCharge[] {
  const key = `falsification:${input.assessmentId}`;
  const reason = `${input.period}评估经认定弄虚作假`;
  const points = thresholds.penalty.falsification;
  return [
    ...enterpriseCharge(input.unit, points.enterprise, 'falsification', reason, key),
    ...personCharge(input.responsible, points.person, 'falsification', reason, key),
  ];
}

/** An enforcement measure (SPEC §6.7 kinds) an officer may record points for. */
export type MeasureKind = 'rectification_order' | 'fine' | 'stop_work';

/**
 * The points SPEC §6.3 gives an enforcement measure: 1 for 责令改正, 2 for a fine below ¥10,000, 3 for a fine of
 * ¥10,000 or more; null for 停工整改, for which the SPEC gives no number (the officer decides). A suggestion for the
 * officer's form: the officer's recorded points (1, 2 or 3) are what is charged.
 */
export function measurePoints(
  kind: MeasureKind,
  amountYuan: number | undefined,
  thresholds: Pick<AssessmentThresholds, 'penalty'> = DEFAULT_ASSESSMENT_THRESHOLDS,
): number | null {
  const measures = thresholds.penalty.measures;
  if (kind === 'rectification_order') return measures.rectificationOrder;
  if (kind === 'fine') {
    if (amountYuan === undefined || !Number.isFinite(amountYuan) || amountYuan <= 0) {
      throw new InvalidInputError({ zh: '罚款须写明金额（元）', en: 'a fine needs its amount in yuan' }, [
        { field: 'amountYuan', message: { zh: '请填写罚款金额', en: 'required for a fine' } },
      ]);
    }
    return amountYuan >= measures.largeFineFromYuan ? measures.largeFine : measures.smallFine;
  }
  return null;
}

/** Refuses officer-recorded points other than 1, 2 or 3 (SPEC §6.3). */
export function requireOfficerPoints(points: number): void {
  if (![1, 2, 3].includes(points)) {
    throw new InvalidInputError({ zh: `记分只能是1、2或3分：${points}`, en: `points must be 1, 2 or 3: ${points}` }, [
      { field: 'points', message: { zh: '只能是1、2或3', en: 'must be 1, 2 or 3' } },
    ]);
  }
}

/** A ledger entry as the window needs it: its points, its date, and when (if ever) it was revoked. */
export interface LedgerEntry {
  id: string;
  points: number;
  on: string;
  /** the date of its revocation; a revoked entry stops counting that day */
  revokedOn?: string | null;
}

function requireDate(date: string, field: string): void {
  if (!isCalendarDate(date)) {
    throw new InvalidInputError({ zh: `日期无效：${date}`, en: `not a calendar date: ${date}` }, [
      { field, message: 'expected YYYY-MM-DD' },
    ]);
  }
}

/**
 * The last day an entry dated `on` counts: points count for 12 months from their date (SPEC §6.3), a period counted
 * as the Civil Code does (art. 201: it starts the next day; art. 202: it ends on the corresponding day of the last
 * month, or that month's last day when it has none) — 2026-01-15 counts through 2027-01-15, 2024-02-29 through
 * 2025-02-28.
 */
export function lastDayCounted(on: string, months: number): string {
  requireDate(on, 'on');
  const year = Number(on.slice(0, 4));
  const month = Number(on.slice(5, 7)) - 1 + months;
  const day = Number(on.slice(8, 10));
  const lastOfMonth = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(day, lastOfMonth))).toISOString().slice(0, 10);
}

/** Whether `entry` counts on `date`: dated on or before it, within its window, and not revoked by then. */
export function countsOn(entry: LedgerEntry, date: string, thresholds: Pick<AssessmentThresholds, 'penalty'>): boolean {
  if (entry.on > date) return false;
  if (lastDayCounted(entry.on, thresholds.penalty.windowMonths) < date) return false;
  return !(entry.revokedOn && entry.revokedOn <= date);
}

/** The points in window on `asOf` (SPEC §6.3: `totalInWindow`). */
export function totalInWindow(
  entries: LedgerEntry[],
  asOf: string,
  thresholds: Pick<AssessmentThresholds, 'penalty'> = DEFAULT_ASSESSMENT_THRESHOLDS,
): number {
  requireDate(asOf, 'asOf');
  return entries.filter((e) => countsOn(e, asOf, thresholds)).reduce((total, e) => total + e.points, 0);
}

/** The levels a total has reached, ascending (SPEC §6.3: `thresholdsReached: [8, …]`). */
export function thresholdsReached(
  total: number,
  thresholds: Pick<AssessmentThresholds, 'penalty'> = DEFAULT_ASSESSMENT_THRESHOLDS,
): number[] {
  return thresholds.penalty.levels.filter((level) => total >= level);
}

/** The ledger as SPEC §6.3 shows it on a date. */
export function ledgerStanding(
  entries: LedgerEntry[],
  asOf: string,
  thresholds: Pick<AssessmentThresholds, 'penalty'> = DEFAULT_ASSESSMENT_THRESHOLDS,
): { totalInWindow: number; thresholdsReached: number[] } {
  const total = totalInWindow(entries, asOf, thresholds);
  return { totalInWindow: total, thresholdsReached: thresholdsReached(total, thresholds) };
}

/**
 * The levels `appended` crosses upward when recorded on `recordedOn` (normally its own date) into a ledger holding
 * `entries`: those L with total-before < L ≤ total-after, both counted on `recordedOn`. See the module comment for
 * why each crossing is emitted exactly once.
 */
export function crossingsCausedBy(
  entries: LedgerEntry[],
  appended: LedgerEntry,
  recordedOn: string,
  thresholds: Pick<AssessmentThresholds, 'penalty'> = DEFAULT_ASSESSMENT_THRESHOLDS,
): number[] {
  const others = entries.filter((e) => e.id !== appended.id);
  const before = totalInWindow(others, recordedOn, thresholds);
  const after = totalInWindow([...others, appended], recordedOn, thresholds);
  return thresholds.penalty.levels.filter((level) => before < level && level <= after);
}

/**
 * Every crossing a ledger's history caused, replaying its appends in order of date (then id) as if each was recorded
 * on its date and revocations took effect on theirs: the events `PenaltyThresholdReached` a correct system has
 * emitted, one per (entry, level).
 */
export function crossingHistory(
  entries: LedgerEntry[],
  thresholds: Pick<AssessmentThresholds, 'penalty'> = DEFAULT_ASSESSMENT_THRESHOLDS,
): Array<{ entryId: string; level: number; on: string }> {
  const ordered = [...entries].sort((a, b) => (a.on === b.on ? (a.id < b.id ? -1 : 1) : a.on < b.on ? -1 : 1));
  const crossings: Array<{ entryId: string; level: number; on: string }> = [];
  ordered.forEach((entry, i) => {
    for (const level of crossingsCausedBy(ordered.slice(0, i), entry, entry.on, thresholds)) {
      crossings.push({ entryId: entry.id, level, on: entry.on });
    }
  });
  return crossings;
}
