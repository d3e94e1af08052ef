/**
 * The six inclusion conditions (差别化监管条件, SPEC §2.1) as pure functions over a project's recorded facts.
 * Detection proposes, a person decides: the result is evidence (record ids) and one line of Chinese per condition
 * that an officer can check against the records.
 *
 * As-of semantics: a record dated after `asOf` does not exist yet, and a finding's status is its status on `asOf`.
 */
import { addCalendarDays, isCalendarDate } from './calendar.js';
import { InvalidInputError } from './errors.js';
import {
  conditionLabel,
  conditionThresholds,
  DEFAULT_RULE_SET,
  type RuleSetVersion,
  resolveThresholds,
  type Thresholds,
} from './rule-set.js';
import {
  type ConditionId,
  type CriticismIssuer,
  type FindingKind,
  HAZARD_CATEGORY_NAMES,
  type HazardCategory,
  type HazardStatus,
  type InspectionKind,
  PERSON_ROLE_NAMES,
  type PersonRole,
  type Severity,
} from './vocabulary.js';

/** An inspection (检查) and whether the key persons were at their posts (到岗). */
export interface InspectionFact {
  id: string;
  date: string;
  kind: InspectionKind;
  keyPersonnelPresent: { projectManager: boolean; chiefSupervisingEngineer: boolean };
}

/** A finding of an inspection: a management finding or a site hazard (隐患), with its rectification history. */
export interface FindingFact {
  id: string;
  inspectionId: string;
  kind: FindingKind;
  category: HazardCategory;
  severity: Severity;
  unitCreditCode: string;
  foundOn: string;
  /** rectification deadline (整改期限): the last day on which acceptance is on time */
  deadline: string;
  /** status changes in date order after creation (submitted/accepted/rejected/refused); the status on `foundOn` is 'open' */
  history: Array<{ on: string; status: HazardStatus }>;
}

/** A safety incident (事故) during construction. */
export interface IncidentFact {
  id: string;
  date: string;
  fatalities: number;
  injuries: number;
}

/** A circular of criticism (通报批评) of the project by a government or the industry authority. */
export interface CriticismFact {
  id: string;
  date: string;
  issuer: CriticismIssuer;
  documentNo: string;
}

/** Everything the conditions look at, for one project. */
export interface ProjectFacts {
  inspections: InspectionFact[];
  findings: FindingFact[];
  incidents: IncidentFact[];
  criticisms: CriticismFact[];
}

/** One condition's outcome: met or not, the ids of the records that made it true, and why, in Chinese. */
export interface ConditionResult {
  id: ConditionId;
  met: boolean;
  /** ids of the records that made the condition true, sorted and deduplicated; empty when not met */
  evidence: string[];
  /** one line of Chinese, naming counts and dates */
  explanation: string;
  /**
   * Records this condition would have looked at that an earlier decision already weighed (SPEC §2.1 "Evidence is
   * weighed once"), set aside; present only when there are some.
   */
  alreadyWeighed?: string[];
}

/**
 * Evidence already weighed: record id → the day of the last decision (inclusion, dismissal, release) that weighed
 * it. See weighed-evidence.ts.
 */
export type WeighedEvidence = ReadonlyMap<string, string>;

/** The six results, with everything needed to recompute them. */
export interface ConditionsEvaluation {
  asOf: string;
  /** the evidence window, both ends inclusive */
  window: { from: string; to: string };
  /** the id of the rule-set version whose thresholds were used (`v1` …) */
  ruleSetVersion: string;
  thresholds: Thresholds;
  conditions: ConditionResult[];
}

/** How a finding kind is written in explanations and documents. */
export const FINDING_KIND_NAMES: Readonly<Record<FindingKind, string>> = Object.freeze({
  hazard: '安全隐患',
  safety_org_incomplete: '安全管理机构不健全',
  responsibility_not_implemented: '安全生产责任制落实不到位',
  hazard_screening_not_performed: '未认真履行隐患排查治理制度',
  management_rules_incomplete: '项目管理制度不健全',
  negligent_management: '对工程项目各项工作疏于管理',
  management_system_incomplete: '项目部管理体系不健全',
  site_disorder: '施工现场管理混乱',
});

/** How a criticism's issuer is written. */
export const CRITICISM_ISSUER_NAMES: Readonly<Record<CriticismIssuer, string>> = Object.freeze({
  city_government: '市人民政府',
  district_government: '区人民政府',
  authority: '行业主管部门',
});

/** The management finding kinds that meet C1, C2 and C3 (SPEC §2.1). */
export const CONDITION_FINDING_KINDS = Object.freeze({
  C1: ['safety_org_incomplete', 'responsibility_not_implemented', 'hazard_screening_not_performed'],
  C2: ['management_rules_incomplete', 'negligent_management'],
  C3: ['management_system_incomplete', 'site_disorder'],
} as const satisfies Partial<Record<ConditionId, readonly FindingKind[]>>);

function byDate<T extends { on: string }>(entries: readonly T[]): T[] {
  // Array.prototype.sort is stable: same-day changes keep their recorded order, the last one wins.
  return [...entries].sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
}

/** The last status change on or before `date`, or undefined while the finding is still 'open'. */
function lastChangeOn(finding: FindingFact, date: string): { on: string; status: HazardStatus } | undefined {
  let last: { on: string; status: HazardStatus } | undefined;
  for (const change of byDate(finding.history)) {
    if (change.on > date) break;
    last = change;
  }
  return last;
}

/**
 * A finding's status at the end of `date`, from its history: 'open' until the first change. (Before `foundOn` the
 * finding did not exist; callers filter by `foundOn`, and 'open' is returned.)
 */
export function hazardStatusOn(finding: FindingFact, date: string): HazardStatus {
  return lastChangeOn(finding, date)?.status ?? 'open';
}

/**
 * Overdue (逾期) on `date`: the deadline has passed (deadline < date) and the finding was not accepted by the end of
 * `date`. Derived, never stored.
 */
export function isOverdue(finding: FindingFact, date: string): boolean {
  return finding.deadline < date && hazardStatusOn(finding, date) !== 'accepted';
}

/** Whether the finding was overdue on some day from `from` to `last` (both inclusive). */
function overdueWithin(finding: FindingFact, from: string, last: string): boolean {
  const dayAfterDeadline = addCalendarDays(finding.deadline, 1);
  const start = laterDate(dayAfterDeadline, from);
  if (start > last || finding.foundOn > last) return false;
  if (isOverdue(finding, start)) return true;
  // The status only changes on the days of its history, so those are the only other days to look at.
  return finding.history.some((change) => change.on > start && change.on <= last && isOverdue(finding, change.on));
}

/** Where evidence counts: [from, to] of the window, but never after asOf. */
interface Scope {
  asOf: string;
  from: string;
  to: string;
  /** min(to, asOf): the last day on which a record counts */
  last: string;
  explicit: boolean;
  /** how the window is named in an explanation, e.g. '近90日内（2026-04-02至2026-06-30）' */
  label: string;
  /** evidence an earlier decision weighed: set aside (an adverse change after the decision is new evidence) */
  weighed: WeighedEvidence;
}

/** Whether a record was weighed by an earlier decision (and so is no evidence now). */
function weighedBefore(scope: Scope, id: string): boolean {
  return scope.weighed.has(id);
}

/** Whether something that happened on `date` to record `id` is new: the record was not weighed, or not by then. */
function newSince(scope: Scope, id: string, date: string): boolean {
  const weighedOn = scope.weighed.get(id);
  return weighedOn === undefined || date > weighedOn;
}

function contains(scope: Scope, date: string): boolean {
  return date >= scope.from && date <= scope.last;
}

function earlierDate(a: string, b: string): string {
  if (a <= b) return a;
  return b;
}

function laterDate(a: string, b: string): string {
  if (a >= b) return a;
  return b;
}

function uniqueSorted(values: Iterable<string>): string[] {
  return [...new Set(values)].sort();
}

/** Dates as a regulator lists them: '2026-09-10、2026-09-12', or the first three and '等5日'. */
function datesText(dates: Iterable<string>): string {
  const unique = uniqueSorted(dates);
  if (unique.length <= 3) return unique.join('、');
  return `${unique.slice(0, 3).join('、')}等${unique.length}日`;
}

/** '安全管理机构不健全（1项）、疏于管理（2项）', in the order of `kinds`. */
function kindCountsText(findings: FindingFact[], kinds: readonly FindingKind[]): string {
  return kinds
    .map((kind) => [kind, findings.filter((finding) => finding.kind === kind).length] as const)
    .filter(([, count]) => count > 0)
    .map(([kind, count]) => `${FINDING_KIND_NAMES[kind]}（${count}项）`)
    .join('、');
}

/** 'A、B或C' */
function alternativesText(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join('、')}或${names[names.length - 1]}`;
}

function result(
  id: ConditionId,
  evidence: Iterable<string>,
  explanation: string,
  met: boolean,
  setAside: Iterable<string> = [],
): ConditionResult {
  const cited = met ? uniqueSorted(evidence) : [];
  // a weighed record that also did something new is evidence (of the new thing), not set aside
  const alreadyWeighed = uniqueSorted(setAside).filter((recordId) => !cited.includes(recordId));
  if (alreadyWeighed.length === 0) return { id, met, evidence: cited, explanation };
  // say so: "no fatal accident" would be untrue where one happened and was weighed
  const note = `（已经审查的${alreadyWeighed.length}项记录不再作为证据）`;
  const text = explanation.replace(/，(不?符合条件（[1-6]）)$/, `${note}，$1`);
  return { id, met, evidence: cited, explanation: text, alreadyWeighed };
}

/** Split records into those that are evidence now and those an earlier decision weighed. */
function splitWeighed<T extends { id: string }>(scope: Scope, records: readonly T[]): [T[], T[]] {
  const fresh: T[] = [];
  const weighed: T[] = [];
  for (const record of records) (weighedBefore(scope, record.id) ? weighed : fresh).push(record);
  return [fresh, weighed];
}

/** C1–C3 by management findings: any finding of `kinds` found inside the window. */
function managementFindingsIn(facts: ProjectFacts, scope: Scope, kinds: readonly FindingKind[]): FindingFact[] {
  return facts.findings.filter((finding) => kinds.includes(finding.kind) && contains(scope, finding.foundOn));
}

function conditionByManagementFindings(id: 'C1' | 'C2', facts: ProjectFacts, scope: Scope): ConditionResult {
  const kinds = CONDITION_FINDING_KINDS[id];
  const [found, weighed] = splitWeighed(scope, managementFindingsIn(facts, scope, kinds));
  const setAside = weighed.map((f) => f.id);
  if (found.length === 0) {
    const names = alternativesText(kinds.map((kind) => FINDING_KIND_NAMES[kind]));
    return result(id, [], `${scope.label}未发现${names}的问题，不符合条件${conditionLabel(id)}`, false, setAside);
  }
  const explanation = `${datesText(found.map((f) => f.foundOn))}检查发现${kindCountsText(found, kinds)}，符合条件${conditionLabel(id)}`;
  return result(
    id,
    found.map((f) => f.id),
    explanation,
    true,
    setAside,
  );
}

const KEY_PERSONS: ReadonlyArray<{ role: PersonRole; present: keyof InspectionFact['keyPersonnelPresent'] }> = [
  { role: 'project_manager', present: 'projectManager' },
  { role: 'chief_supervising_engineer', present: 'chiefSupervisingEngineer' },
];

/** C3: management-system findings, or a key person absent (未到岗) at ≥ keyPersonAbsenceCount inspections. */
function conditionC3(facts: ProjectFacts, scope: Scope, thresholds: Thresholds): ConditionResult {
  const kinds = CONDITION_FINDING_KINDS.C3;
  const [found, weighedFindings] = splitWeighed(scope, managementFindingsIn(facts, scope, kinds));
  const [inspections, weighedInspections] = splitWeighed(
    scope,
    facts.inspections.filter((inspection) => contains(scope, inspection.date)),
  );
  const setAside = [
    ...weighedFindings.map((f) => f.id),
    ...weighedInspections
      .filter((i) => !i.keyPersonnelPresent.projectManager || !i.keyPersonnelPresent.chiefSupervisingEngineer)
      .map((i) => i.id),
  ];
  const absences = KEY_PERSONS.map(({ role, present }) => ({
    role,
    inspections: inspections.filter((inspection) => !inspection.keyPersonnelPresent[present]),
  }));
  const persistent = absences.filter((a) => a.inspections.length >= thresholds.keyPersonAbsenceCount);

  if (found.length === 0 && persistent.length === 0) {
    const names = alternativesText(kinds.map((kind) => FINDING_KIND_NAMES[kind]));
    const counts = absences.map((a) => `${PERSON_ROLE_NAMES[a.role]}未到岗${a.inspections.length}次`).join('、');
    return result(
      'C3',
      [],
      `${scope.label}未发现${names}的问题，${counts}（未达${thresholds.keyPersonAbsenceCount}次），不符合条件（3）`,
      false,
      setAside,
    );
  }
  const parts: string[] = [];
  if (found.length > 0) parts.push(`${datesText(found.map((f) => f.foundOn))}检查发现${kindCountsText(found, kinds)}`);
  for (const absence of persistent) {
    parts.push(
      `${PERSON_ROLE_NAMES[absence.role]}在${datesText(absence.inspections.map((i) => i.date))}共${absence.inspections.length}次检查中未到岗（达到${thresholds.keyPersonAbsenceCount}次）`,
    );
  }
  return result(
    'C3',
    [...found.map((f) => f.id), ...persistent.flatMap((a) => a.inspections.map((i) => i.id))],
    `${parts.join('；')}，符合条件（3）`,
    true,
    setAside,
  );
}

/**
 * C4: a finding refused (拒不整改) as of asOf, refused inside the window; or not rectified properly (不认真整改: overdue
 * or rejected at verification inside the window) while hazards recur (频繁出现: ≥ recurrenceCount hazards of one
 * category found inside the window). Refusal and poor rectification are read on findings of every kind (a management
 * finding also has a deadline); recurrence counts site hazards (kind 'hazard') only.
 */
function conditionC4(facts: ProjectFacts, scope: Scope, thresholds: Thresholds): ConditionResult {
  const existing = facts.findings.filter((finding) => finding.foundOn <= scope.last);
  // what a weighed finding did after the decision that weighed it is new evidence; what it did before is not
  const setAside = new Set<string>();

  const refusals = existing.flatMap((finding) => {
    const last = lastChangeOn(finding, scope.asOf);
    if (last?.status !== 'refused' || !contains(scope, last.on)) return [];
    if (newSince(scope, finding.id, last.on)) return [{ finding, on: last.on }];
    setAside.add(finding.id);
    return [];
  });

  const overdue = existing.filter((finding) => {
    if (!overdueWithin(finding, scope.from, scope.last)) return false;
    // a weighed finding counts when its deadline passed after the decision (overdue since before was weighed)
    const weighedOn = scope.weighed.get(finding.id);
    if (weighedOn === undefined || finding.deadline >= weighedOn) return true;
    setAside.add(finding.id);
    return false;
  });
  const rejections: Array<{ finding: FindingFact; on: string }> = [];
  for (const finding of existing) {
    for (const change of finding.history) {
      if (change.status !== 'rejected' || !contains(scope, change.on)) continue;
      if (newSince(scope, finding.id, change.on)) rejections.push({ finding, on: change.on });
      else setAside.add(finding.id);
    }
  }
  const rejected = uniqueSorted(rejections.map((r) => r.finding.id));
  const poorlyRectified = uniqueSorted([...overdue.map((f) => f.id), ...rejected]);

  const byCategory = new Map<HazardCategory, FindingFact[]>();
  for (const finding of existing) {
    if (finding.kind !== 'hazard' || !contains(scope, finding.foundOn)) continue;
    if (weighedBefore(scope, finding.id)) {
      setAside.add(finding.id);
      continue;
    }
    byCategory.set(finding.category, [...(byCategory.get(finding.category) ?? []), finding]);
  }
  const categoryCounts = [...byCategory.entries()].sort(([, a], [, b]) => b.length - a.length);
  const recurring = categoryCounts.filter(([, hazards]) => hazards.length >= thresholds.recurrenceCount);
  const recurringText = recurring
    .map(([category, hazards]) => `${HAZARD_CATEGORY_NAMES[category]}隐患${hazards.length}项`)
    .join('、');

  const poorParts: string[] = [];
  if (overdue.length > 0) poorParts.push(`${overdue.length}项隐患逾期未整改`);
  if (rejected.length > 0) {
    poorParts.push(`${rejected.length}项隐患复查验收未通过（${datesText(rejections.map((r) => r.on))}）`);
  }
  const poorText = poorParts.join('、');

  const refusedMet = refusals.length > 0;
  const recurrenceMet = poorlyRectified.length > 0 && recurring.length > 0;
  if (!refusedMet && !recurrenceMet) {
    let why = `${scope.label}未发现拒不整改的隐患`;
    const most = categoryCounts[0]?.[1].length ?? 0;
    if (poorlyRectified.length > 0) {
      why += `；${poorText}，但同类隐患最多${most}项（未达${thresholds.recurrenceCount}项）`;
    } else if (recurring.length > 0) {
      why += `；${recurringText}，但无逾期未整改或复查验收未通过的隐患`;
    } else {
      why += `，也无逾期未整改或复查验收未通过的隐患`;
    }
    return result('C4', [], `${why}，不符合条件（4）`, false, setAside);
  }

  const parts: string[] = [];
  const evidence: string[] = [];
  if (refusedMet) {
    parts.push(`${datesText(refusals.map((r) => r.on))}有${refusals.length}项隐患拒不整改`);
    evidence.push(...refusals.map((r) => r.finding.id));
  }
  if (recurrenceMet) {
    parts.push(`${poorText}，且${recurringText}反复出现（达到${thresholds.recurrenceCount}项）`);
    evidence.push(...poorlyRectified, ...recurring.flatMap(([, hazards]) => hazards.map((h) => h.id)));
  }
  return result('C4', evidence, `${parts.join('；')}，符合条件（4）`, true, setAside);
}

/** C5: a circular of criticism (通报批评) by any issuer inside the window. */
function conditionC5(facts: ProjectFacts, scope: Scope): ConditionResult {
  const [criticisms, weighed] = splitWeighed(
    scope,
    facts.criticisms
      .filter((criticism) => contains(scope, criticism.date))
      .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)),
  );
  const setAside = weighed.map((c) => c.id);
  if (criticisms.length === 0) {
    return result('C5', [], `${scope.label}未被市、区人民政府或行业主管部门通报批评，不符合条件（5）`, false, setAside);
  }
  const listed = criticisms
    .map((c) => `${c.date}被${CRITICISM_ISSUER_NAMES[c.issuer]}通报批评（${c.documentNo}）`)
    .join('；');
  return result(
    'C5',
    criticisms.map((c) => c.id),
    `${listed}，符合条件（5）`,
    true,
    setAside,
  );
}

/**
 * C6: an incident with fatalities (亡人事故). No window by default (any incident up to asOf: "发生过"); with an
 * explicit window (the monthly cycle) only incidents inside it.
 */
function conditionC6(facts: ProjectFacts, scope: Scope): ConditionResult {
  const [fatal, weighed] = splitWeighed(
    scope,
    facts.incidents
      .filter((incident) => incident.fatalities >= 1)
      .filter((incident) => (scope.explicit ? contains(scope, incident.date) : incident.date <= scope.asOf))
      .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)),
  );
  const setAside = weighed.map((i) => i.id);
  if (fatal.length === 0) {
    const when = scope.explicit ? scope.label : `截至${scope.asOf}`;
    return result('C6', [], `${when}未发生施工过程中的亡人事故，不符合条件（6）`, false, setAside);
  }
  const listed = fatal.map((i) => `${i.date}发生亡人事故（死亡${i.fatalities}人）`).join('；');
  return result(
    'C6',
    fatal.map((i) => i.id),
    `${listed}，符合条件（6）`,
    true,
    setAside,
  );
}

function requireDate(value: string, field: string): void {
  if (!isCalendarDate(value)) {
    throw new InvalidInputError(
      { zh: `${field} 不是有效日期（应为 YYYY-MM-DD）`, en: `${field} is not a calendar date (YYYY-MM-DD)` },
      [{ field, message: { zh: '应为日历上存在的日期 YYYY-MM-DD', en: 'expected a calendar date YYYY-MM-DD' } }],
    );
  }
}

/**
 * The first day of the look-back window (回溯期) ending on `asOf`: `lookbackDays` calendar days, both ends inclusive
 * (SPEC §2.1; 90 days ending 2026-06-30 begin 2026-04-02). The store reads a project's records from this day on.
 */
export function lookbackStart(asOf: string, lookbackDays: number): string {
  return addCalendarDays(asOf, 1 - lookbackDays);
}

/** How the six conditions are evaluated. */
export interface ConditionOptions {
  asOf: string;
  /** an explicit window (a monthly cycle) instead of the look-back window */
  window?: { from: string; to: string };
  /** the rule-set version in force on the decision's date (default: version 1) */
  ruleSet?: Pick<RuleSetVersion, 'id' | 'thresholds'>;
  /** condition thresholds overriding the rule set's (for a what-if; the record names them) */
  thresholds?: Partial<Thresholds>;
  /** evidence earlier decisions weighed, set aside (SPEC §2.1 "Evidence is weighed once") */
  weighed?: WeighedEvidence;
}

/**
 * Evaluate C1–C6 on a project's facts as of `asOf`.
 *
 * Window: by default the `lookbackDays` calendar days ending on `asOf`, both ends inclusive (90 days ending
 * 2026-06-30 = 2026-04-02..2026-06-30). An explicit `window` (a monthly cycle: "a condition held on evidence dated
 * inside the cycle") replaces it, including for C6. Either way a record dated after `asOf` is ignored.
 *
 * Weighed evidence (`weighed`): a record an earlier inclusion, dismissal or release weighed is no evidence, except
 * for what happened to it after that decision (a refusal, a rejection at verification, a deadline passed).
 */
export function evaluateConditions(facts: ProjectFacts, options: ConditionOptions): ConditionsEvaluation {
  const { asOf } = options;
  requireDate(asOf, 'asOf');
  const ruleSet = options.ruleSet ?? DEFAULT_RULE_SET;
  const thresholds = resolveThresholds(options.thresholds, conditionThresholds(ruleSet.thresholds));
  const weighed: WeighedEvidence = options.weighed ?? new Map();
  let scope: Scope;
  if (options.window) {
    const { from, to } = options.window;
    requireDate(from, 'window.from');
    requireDate(to, 'window.to');
    if (from > to) {
      throw new InvalidInputError(
        { zh: `期间的起始日 ${from} 晚于截止日 ${to}`, en: 'window.from is after window.to' },
        [{ field: 'window', message: { zh: '起始日不能晚于截止日', en: 'from must not be after to' } }],
      );
    }
    scope = { asOf, from, to, last: earlierDate(to, asOf), explicit: true, label: `${from}至${to}期间`, weighed };
  } else {
    const from = lookbackStart(asOf, thresholds.lookbackDays);
    scope = {
      asOf,
      from,
      to: asOf,
      last: asOf,
      explicit: false,
      label: `近${thresholds.lookbackDays}日内（${from}至${asOf}）`,
      weighed,
    };
  }

  return {
    asOf,
    window: { from: scope.from, to: scope.to },
    ruleSetVersion: ruleSet.id,
    thresholds,
    conditions: [
      conditionByManagementFindings('C1', facts, scope),
      conditionByManagementFindings('C2', facts, scope),
      conditionC3(facts, scope, thresholds),
      conditionC4(facts, scope, thresholds),
      conditionC5(facts, scope),
      conditionC6(facts, scope),
    ],
  };
}
