/**
 * An enterprise's credit record for tendering (两场联动, SPEC §6.6; seed 004: 实现了交易市场与施工现场的“两场”联动):
 * what `GET /public/credit` answers and what each line of the signed bulk export holds — its latest published
 * ranks per role, its penalty points in window and the thresholds they reached, its enterprise-level case, the
 * projects it takes part in that were under differentiated supervision, and the circulars naming it that stood.
 * An enterprise's record only: never a person's name, ID or phone number.
 *
 * And the export's file formats, written line by line: JSON (one record per line inside the envelope) and CSV
 * (RFC 4180, UTF-8 with a byte-order mark so Excel opens Chinese text right, cells that a spreadsheet would run as a
 * formula neutralised). Pure: the records come in as arguments.
 */
import type { Grade } from './assessment/scoring.js';
import { findPersonalData, type PersonalDataKind } from './masking.js';
import { RANKED_UNIT_ROLES, type RankedUnitRole } from './ranking.js';

/** An enterprise's rank in one role's list of the latest published ranking (SPEC §6.4, §6.6 `ranks[]`). */
export interface CreditRank {
  role: RankedUnitRole;
  quarter: string;
  rank: number;
  of: number;
  score: number;
  grade: Grade;
  rankPoints: number;
}

/** The record (SPEC §6.6) of one enterprise on one date. */
export interface CreditRecord {
  creditCode: string;
  name: string;
  date: string;
  ranks: CreditRank[];
  points: { totalInWindow: number; thresholdsReached: number[] };
  enterpriseCase: { status: string; since: string } | null;
  supervisedProjects: Array<{ projectId: string; name: string; level: number }>;
  circulars: Array<{ number: string; publishedOn: string; validUntil: string }>;
}

/**
 * Whether the record says anything (the export lists every enterprise with a record, SPEC §6.6): points in window,
 * a rank, an enterprise case, a supervised project or a standing circular.
 */
export function hasRecord(record: CreditRecord): boolean {
  return (
    record.points.totalInWindow > 0 ||
    record.ranks.length > 0 ||
    record.enterpriseCase !== null ||
    record.supervisedProjects.length > 0 ||
    record.circulars.length > 0
  );
}

/** The record with its lists in a stable order, so the same state always gives the same bytes. */
export function orderedRecord(record: CreditRecord): CreditRecord {
  return {
    ...record,
    ranks: [...record.ranks].sort((a, b) => RANKED_UNIT_ROLES.indexOf(a.role) - RANKED_UNIT_ROLES.indexOf(b.role)),
    points: { ...record.points, thresholdsReached: [...record.points.thresholdsReached].sort((a, b) => a - b) },
    supervisedProjects: [...record.supervisedProjects].sort((a, b) => a.projectId.localeCompare(b.projectId)),
    circulars: [...record.circulars].sort(
      (a, b) => b.publishedOn.localeCompare(a.publishedOn) || a.number.localeCompare(b.number),
    ),
  };
}

/** The UTF-8 byte-order mark that opens the CSV (Excel reads Chinese text right only with it). */
export const CSV_BOM = '\uFEFF';

/**
 * What opens the JSON export before its records: its format, date, the `kid` of the key that signs it, and when the
 * records were read (`exportedAt`, Beijing time): a date is exported once (write-once), on its publication day
 * possibly before the day ended.
 */
export function creditJsonOpening(header: { date: string; kid: string; exportedAt: string }): string {
  const fields = JSON.stringify({ format: CREDIT_EXPORT_FORMAT, ...header });
  return `${fields.slice(0, -1)},"enterprises":[\n`;
}

/** A record as a line of the JSON export: `first` lines carry no leading comma. */
/**
 * What keeps a record out of the export (SPEC §6.6; the developers' guide: anything public is published record by
 * record): the kinds of personal data its line still holds — none for a record fit to publish. The enterprise's own
 * credit code is public even when it is shaped like an ID number (a code such as 121101197401250599 has a valid ID
 * check character).
 */
export function personalDataInRecord(record: CreditRecord): PersonalDataKind[] {
  const found = findPersonalData(creditJsonLine(record, true), { publicCodes: [record.creditCode] });
  return [...new Set(found.map((match) => match.kind))].sort();
}

export function creditJsonLine(record: CreditRecord, first: boolean): string {
  return `${first ? '' : ',\n'}${JSON.stringify(orderedRecord(record))}`;
}

/** What closes the JSON export (after the last record, or right after the opening when there is none). */
export function creditJsonClosing(records: number): string {
  return records === 0 ? ']}\n' : '\n]}\n';
}

/** The name and version of the export's format, in the JSON envelope. */
export const CREDIT_EXPORT_FORMAT = 'supervision-credit-export/1';

const RANK_ROLE_NAMES: Record<RankedUnitRole, string> = {
  general_contractor: '施工总承包',
  supervisor: '监理',
  developer: '建设单位',
};
const RANK_FIELD_NAMES: Record<string, string> = {
  quarter: '排名季度',
  rank: '名次',
  of: '参排数',
  score: '得分',
  grade: '等级',
  rankPoints: '排名分',
};

/** The CSV's columns: the Chinese heading a reader sees, with the JSON field it holds in brackets. */
export const CREDIT_CSV_COLUMNS: readonly string[] = [
  '统一社会信用代码(creditCode)',
  '企业名称(name)',
  '日期(date)',
  '记分(points.totalInWindow)',
  '达到的记分档(points.thresholdsReached)',
  '企业级差别化监管(enterpriseCase.status)',
  '起始日期(enterpriseCase.since)',
  '差别化监管项目数(supervisedProjects)',
  '最高监管级别(supervisedProjects.level)',
  '差别化监管项目(supervisedProjects)',
  '有效通报数(circulars)',
  '通报(circulars)',
  ...RANKED_UNIT_ROLES.flatMap((role) =>
    ['quarter', 'rank', 'of', 'score', 'grade', 'rankPoints'].map(
      (field) => `${RANK_ROLE_NAMES[role]}${RANK_FIELD_NAMES[field]}(ranks.${role}.${field})`,
    ),
  ),
];

/** The heading line of the CSV export. */
export function creditCsvHeading(): string {
  return csvLine(CREDIT_CSV_COLUMNS);
}

/** A record as a line of the CSV export. */
export function creditCsvLine(input: CreditRecord): string {
  const record = orderedRecord(input);
  const rankCells = RANKED_UNIT_ROLES.flatMap((role) => {
    const rank = record.ranks.find((candidate) => candidate.role === role);
    return rank
      ? [rank.quarter, rank.rank, rank.of, rank.score, rank.grade, rank.rankPoints]
      : ['', '', '', '', '', ''];
  });
  const levels = record.supervisedProjects.map((project) => project.level);
  return csvLine([
    record.creditCode,
    record.name,
    record.date,
    record.points.totalInWindow,
    record.points.thresholdsReached.join(';'),
    record.enterpriseCase?.status ?? '',
    record.enterpriseCase?.since ?? '',
    record.supervisedProjects.length,
    levels.length ? Math.max(...levels) : '',
    record.supervisedProjects
      .map((project) => `${project.name}（${project.projectId}，${project.level}级）`)
      .join('；'),
    record.circulars.length,
    record.circulars
      .map((circular) => `${circular.number}（${circular.publishedOn}至${circular.validUntil}）`)
      .join('；'),
    ...rankCells,
  ]);
}

/**
 * One CSV line (RFC 4180): a cell with a comma, quote or line break is quoted, its quotes doubled; a text cell that
 * a spreadsheet would read as a formula (it starts with `=`, `+`, `-`, `@`, a tab or a carriage return) gets a
 * leading apostrophe, so a name like `=HYPERLINK(…)` stays text (OWASP "CSV injection"). Lines end with CRLF.
 */
export function csvLine(cells: ReadonlyArray<string | number>): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

function csvCell(cell: string | number): string {
  let text = typeof cell === 'number' ? String(cell) : cell;
  if (typeof cell === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
