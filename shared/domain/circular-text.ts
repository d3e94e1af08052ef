/**
 * The text of a circular of criticism (全区通报批评, 实施方案 §3(6)) drafted when a case reaches level 3: title, body
 * and the structured fields the public pages and feeds show (SPEC §2.5). Pure: the caller passes every fact in.
 *
 * What the public sees carries no personal data: every free text passes through `redactPersonalData` (resident ID and
 * telephone numbers become `[已隐去]`), the key persons appear only masked to their surname (`张*`), and any
 * person's name the caller names in `personNames` is masked wherever a free text happens to contain it. The units'
 * unified social credit codes are public by law and stay as they are, even where their digits read like an ID number.
 *
 * The text carries no number: a 文号 belongs to an issued document, so a circular takes its number when it is
 * published (SPEC §2.2, shared/usecases/circulars.ts).
 */
import { maskPersonName, redactPersonalData } from './masking.js';
import { CONDITION_TEXTS, conditionLabel } from './rule-set.js';
import {
  type ConditionId,
  PERSON_ROLE_NAMES,
  type PersonRole,
  UNIT_ROLE_NAMES,
  UNIT_ROLES,
  type UnitRole,
} from './vocabulary.js';

/** The issuing authority (发文机关) of the seed's plan. */
export const DEFAULT_CIRCULAR_AUTHORITY = '通州区住房和城乡建设委员会';

/** The plan the circular rests on, as its title reads. */
const PLAN_TITLE = '《建筑工程施工现场安全生产差别化监管实施方案》';

const LEVEL_NAMES: Readonly<Record<number, string>> = { 1: '一级', 2: '二级', 3: '三级' };
const SECTION_NUMBERS = ['一', '二', '三', '四', '五', '六'] as const;

/** A measure of the ladder as the circular lists it. */
export interface CircularMeasure {
  /** the level (1–3) that started it */
  level: number;
  code: string;
  /** in Chinese */
  name: string;
  /** when it started, if known ('YYYY-MM-DD') */
  startedOn?: string | null;
}

/** Everything a circular says, as facts; nothing here has been masked yet. */
export interface CircularTextInput {
  /** the date of the draft ('YYYY-MM-DD'), printed under the authority */
  draftedOn: string;
  /** defaults to {@link DEFAULT_CIRCULAR_AUTHORITY} */
  authority?: string;
  project: { name: string; address?: string };
  /** the participating units (参建单位); only role, name and unified social credit code are ever used */
  units: ReadonlyArray<{ role: UnitRole; name: string; creditCode: string }>;
  /** the key persons (项目经理, 总监理工程师): shown masked */
  keyPersons?: ReadonlyArray<{ role: PersonRole; name: string }>;
  /** the conditions that held (差别化监管条件) */
  conditionsMet: readonly ConditionId[];
  /** the violations and grounds of the evaluation, in Chinese (free text: redacted and masked here) */
  violations: readonly string[];
  /** the measures taken so far, levels 1–3 */
  measures: readonly CircularMeasure[];
  /**
   * Names of persons who may turn up in a free text (key persons, inspectors, anyone named in a finding): every
   * occurrence is replaced by its masked form. The key persons are always included.
   */
  personNames?: readonly string[];
}

/** A unit as the circular names it: name and unified social credit code only (no persons, no contacts). */
export interface CircularUnit {
  role: UnitRole;
  /** 建设单位, 施工总承包单位 ... */
  roleName: string;
  name: string;
  creditCode: string;
}

/** The composed circular: every string in it is fit for publication. */
export interface CircularText {
  title: string;
  /** the full text, lines separated by '\n', ending with the authority and the date */
  body: string;
  authority: string;
  /** the date as printed, e.g. '2026年11月21日' */
  dateText: string;
  units: CircularUnit[];
  /** the key persons, masked: [{ role, roleName, name: '张*' }] */
  keyPersons: Array<{ role: PersonRole; roleName: string; name: string }>;
  conditions: Array<{ id: ConditionId; label: string; text: string }>;
  violations: string[];
  measures: Array<{ level: number; code: string; name: string; startedOn: string | null }>;
}

/**
 * A text fit for publication (SPEC §2.5): resident ID and telephone numbers removed, then every known person's name
 * masked. Longer names go first, so '张三丰' is masked whole before '张三' could match inside it. `publicCodes` are the
 * credit codes of the units concerned: public by law, they are never taken for ID numbers.
 */
export function publicText(
  text: string,
  personNames: readonly string[] = [],
  publicCodes: readonly string[] = [],
): string {
  let result = redactPersonalData(text, { publicCodes });
  const names = [...new Set(personNames.map((name) => name.trim()))]
    // a single character is a surname at most: masking it would garble the text and hide nothing
    .filter((name) => Array.from(name).length >= 2)
    .sort((a, b) => Array.from(b).length - Array.from(a).length);
  for (const name of names) result = result.split(name).join(maskPersonName(name));
  return result;
}

/** '2026-11-21' → '2026年11月21日' (GB/T 9704: Arabic numerals, no leading zeros). */
export function chineseDate(date: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return date;
  const [, year, month, day] = match;
  return `${year}年${Number(month)}月${Number(day)}日`;
}

/**
 * Compose the circular: `关于对<项目名称>安全生产管理问题的通报`, and a body with the project and its units, the
 * conditions that held, the violations, the measures taken, the requirements, the authority and the date.
 * Deterministic: the same input gives the same text.
 */
export function composeCircular(input: CircularTextInput): CircularText {
  const personNames = [...(input.keyPersons ?? []).map((person) => person.name), ...(input.personNames ?? [])];
  const publicCodes = input.units.map((unit) => unit.creditCode.trim().toUpperCase());
  const clean = (text: string) => publicText(text, personNames, publicCodes);
  const authority = clean(input.authority?.trim() || DEFAULT_CIRCULAR_AUTHORITY);
  const projectName = clean(input.project.name.trim());
  const address = input.project.address?.trim() ? clean(input.project.address.trim()) : null;
  const dateText = chineseDate(input.draftedOn);

  // the units in the order of the plan (建设、施工总承包、监理、分包), each listed once
  const units: CircularUnit[] = [...input.units]
    .sort((a, b) => UNIT_ROLES.indexOf(a.role) - UNIT_ROLES.indexOf(b.role))
    .filter((unit, index, all) => all.findIndex((other) => other.creditCode === unit.creditCode) === index)
    .map((unit) => ({
      role: unit.role,
      roleName: UNIT_ROLE_NAMES[unit.role],
      name: clean(unit.name.trim()),
      creditCode: unit.creditCode.trim().toUpperCase(),
    }));
  const keyPersons = (input.keyPersons ?? []).map((person) => ({
    role: person.role,
    roleName: PERSON_ROLE_NAMES[person.role],
    name: maskPersonName(person.name),
  }));
  const conditions = [...new Set(input.conditionsMet)].sort().map((id) => ({
    id,
    label: conditionLabel(id),
    text: CONDITION_TEXTS[id],
  }));
  const violations = input.violations.map((line) => clean(line.trim())).filter((line) => line !== '');
  const measures = [...input.measures]
    .sort((a, b) => a.level - b.level)
    .map((measure) => ({
      level: measure.level,
      code: measure.code,
      name: clean(measure.name),
      startedOn: measure.startedOn ?? null,
    }));

  const title = `关于对${projectName}安全生产管理问题的通报`;
  const sections: Array<{ heading: string; lines: string[] }> = [];
  sections.push({
    heading: '项目及参建单位',
    lines: [
      `工程项目：${projectName}${address ? `（${address}）` : ''}`,
      ...units.map((unit) => `${unit.roleName}：${unit.name}（统一社会信用代码：${unit.creditCode}）`),
      ...(keyPersons.length ? [keyPersons.map((person) => `${person.roleName}：${person.name}`).join('；')] : []),
    ],
  });
  if (conditions.length) {
    sections.push({
      heading: '具备的差别化监管条件',
      lines: conditions.map((condition) => `${condition.label}${condition.text}。`),
    });
  }
  if (violations.length) {
    sections.push({
      heading: '存在的主要问题',
      lines: violations.map((line, index) => `${index + 1}. ${withFullStop(line)}`),
    });
  }
  if (measures.length) {
    sections.push({
      heading: '已采取的监管措施',
      lines: measures.map(
        (measure) =>
          `${LEVEL_NAMES[measure.level] ?? `${measure.level}级`}：${measure.name}${
            measure.startedOn ? `（${chineseDate(measure.startedOn)}起）` : ''
          }。`,
      ),
    });
  }
  sections.push({
    heading: '有关要求',
    lines: [
      '各参建单位要引以为戒，切实履行安全生产主体责任，深入查找问题根源，全面整改安全隐患，提升施工现场安全生产管理水平。' +
        `我委将把该项目违法违规情况上报北京市住房和城乡建设委员会，并将本通报报送通州区人民政府“信用通州”曝光台公示。`,
    ],
  });

  const lines = [
    '各有关单位：',
    `${projectName}被纳入建筑工程施工现场安全生产差别化监管。在采取差别化监管措施三个周期后，该项目施工现场安全管理水平` +
      `仍无法达到安全管理要求。依据${PLAN_TITLE}第三条第（六）项，现予以全区通报批评。`,
  ];
  sections.forEach((section, index) => {
    lines.push(`${SECTION_NUMBERS[index] ?? String(index + 1)}、${section.heading}`, ...section.lines);
  });
  lines.push('', authority, dateText);
  // the parts were cleaned one by one; the whole is redacted once more in case two parts joined into a number
  const body = redactPersonalData(lines.join('\n'), { publicCodes });

  return { title, body, authority, dateText, units, keyPersons, conditions, violations, measures };
}

function withFullStop(line: string): string {
  return /[。；！？.;!?]$/.test(line) ? line : `${line}。`;
}
