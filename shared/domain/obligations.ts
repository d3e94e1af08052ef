/**
 * The obligations engine (报送义务) of SPEC §2.3 and the source plan (实施方案 §3(2)–(3)): what each participating unit
 * (参建单位) of a case under supervision must deliver in a period, when each item falls due, what was delivered, and
 * the compliance (按时完成率) of the period. Pure: documents and time come in as arguments.
 *
 * Rules common to every obligation (each is a choice; the reason is given):
 * - An obligation belongs to the period in which it falls due (`dueOn` inside `period`), so every obligation is
 *   judged in exactly one cycle, however a deadline is moved by holidays or working-day counting.
 * - The daily report (日报) is owed from the day of inclusion: the notice is handed over that day and the report covers
 *   that day's rectification. Patrols (巡查记录) and follow-ups (复查) start the day AFTER inclusion: the units learn of the inclusion from the
 *   notice issued that day, so a report due at 23:59 that same day could not fairly be asked for.
 * - Only `accepted` documents count (a pending or quarantined upload is not a delivery), and only documents that had
 *   arrived by the cut-off `asOf`, so recomputing an old evaluation gives the same answer.
 * - Deadlines are compared at the precision of a second: `dueAt` 23:59:59+08:00 covers that whole last second and
 *   anything before midnight is on time.
 * - The earliest accepted document decides on-time or late; later ones are listed but change nothing.
 */
import { addWorkingDays, deadlineOnOrNextWorkingDay, isCalendarDate, type WorkingDayDeadline } from './calendar.js';
import { addDays, endOfShanghaiDay, shanghaiDate } from './dates.js';
import { InvalidInputError } from './errors.js';
import { DEFAULT_RULE_SET, type RuleSetVersion, ruleSetInForce } from './rule-set.js';
import { type DocumentType, UNIT_ROLE_NAMES, type UnitRole } from './vocabulary.js';

/** Safety patrols the supervising firm posts per day (每天进行两次以上的安全巡查). */
export const PATROLS_PER_DAY = 2;
/** The `byUnit` key of obligations any unit of the project may discharge (the notice receipts). */
export const ANY_UNIT = '*';

/** A participating unit (参建单位) of the case's project. */
export interface ObligationUnit {
  role: UnitRole;
  /** unified social credit code (统一社会信用代码) */
  creditCode: string;
  name: string;
  /** the group company (集团公司) the unit belongs to, when it has one */
  groupCompany?: string;
}

/** A document a unit uploaded through its link, as the verifier left it. */
export interface DeliveredDocument {
  id: string;
  docType: DocumentType;
  unitCreditCode: string;
  /** the day the document reports on; when absent, the day it arrived (the previous day for a 复查 follow-up) */
  reportDate?: string;
  hazardId?: string;
  noticeId?: string;
  /** ISO timestamp when the bytes arrived */
  uploadedAt: string;
  status: 'accepted' | 'pending' | 'rejected';
}

/** A notice (告知单) whose signed receipt is owed. */
export interface ObligationNotice {
  id: string;
  type: 'inclusion' | 'release';
  issuedOn: string;
  /** ISO timestamp with offset, as computed when the notice was issued */
  receiptDueAt: string;
}

/** Everything the obligations of a case depend on, for one period. */
export interface ObligationInput {
  /** the day the case was included (纳入差别化监管): the inclusion notice's date */
  includedOn: string;
  /** the period judged, both ends inclusive: usually a cycle */
  period: { from: string; to: string };
  /**
   * The cut-off: a date 'YYYY-MM-DD' (meaning its end, 23:59:59+08:00) or an ISO timestamp with offset (a live
   * view "now"). Nothing due after it can be missing yet; documents that arrived after it are not seen.
   */
  asOf: string;
  units: ObligationUnit[];
  /** the agency's inspection reports (检查报告) of the case */
  inspectionReports: Array<{ inspectionId: string; date: string; hazardCount: number }>;
  notices: ObligationNotice[];
  /** the day the case reached level 2, when it has */
  level2ReachedOn?: string;
  /**
   * The rule-set versions (SPEC §2.1): a working-day deadline counts the days of the version in force on the day it
   * starts from (the inspection report, the level-2 escalation). Default: version 1.
   */
  ruleSets?: readonly RuleSetVersion[];
}

/**
 * Calendar days that `workingDays` PRC working days can span at most: five working days a week, plus the longest
 * run of public holidays that is not made up on weekends (the Spring Festival and National Day weeks take three
 * working days more than their weekend, and stretch over up to nine calendar days with the adjoining weekend).
 */
function longestCalendarSpan(workingDays: number): number {
  return Math.ceil((workingDays * 7) / 5) + 9;
}

/**
 * The first day on which a document that answers an obligation falling due inside `period` can have arrived
 * (SPEC §2.3): an answer comes after what it answers, and each obligation falls due a bounded time after its
 * origin — a daily report, patrol or follow-up by the next day, a weekly report within the 14 days the engine
 * looks back for weekly reports, a notice's receipt and a rectification plan within their working days, the group
 * report within its working days after the day level 2 was reached. Documents that arrived before this day answer
 * only obligations of earlier periods: the monthly evaluation reads a case's documents from here on.
 */
export function earliestAnswerDay(
  period: { from: string },
  thresholds: { receiptWorkingDays: number; rectificationPlanWorkingDays: number; groupReportWorkingDays: number },
  level2ReachedOn?: string,
): string {
  const lead = Math.max(
    WEEKLY_LOOK_BACK_DAYS,
    longestCalendarSpan(thresholds.receiptWorkingDays),
    longestCalendarSpan(thresholds.rectificationPlanWorkingDays),
  );
  let from = addDays(period.from, -lead);
  // the group report is owed once, from the day level 2 was reached: only then can it come from earlier
  if (level2ReachedOn !== undefined && level2ReachedOn < from) {
    const groupFrom = addDays(period.from, -longestCalendarSpan(thresholds.groupReportWorkingDays));
    if (level2ReachedOn >= groupFrom) from = level2ReachedOn;
  }
  return from;
}

/** How far before a period the weekly reports it judges may report on (a Friday moved by holidays). */
const WEEKLY_LOOK_BACK_DAYS = 14;

/** What became of an obligation by the cut-off. */
export type ObligationStatus = 'on_time' | 'late' | 'missing' | 'pending';

/** One thing a unit owes. */
export interface ObligationInstance {
  /** stable across recomputations, e.g. 'daily_report#2026-09-12#91110000802100433B' */
  key: string;
  type: DocumentType;
  /** null when any unit of the project may discharge it (a notice receipt) */
  unitCreditCode: string | null;
  unitRole: UnitRole | null;
  /** the day reported on, for daily and weekly obligations (the Friday, for a weekly report) */
  reportDate?: string;
  dueOn: string;
  /** ISO timestamp with +08:00 */
  dueAt: string;
  /** on_time / late when delivered; missing when not delivered and due by the cut-off; pending when due later */
  status: ObligationStatus;
  /** the accepted documents that answer it, earliest first */
  documentIds: string[];
  /** in Chinese, e.g. '施工总承包单位 2026-09-12 日报' */
  description: string;
  /** for deadlines counted on the working-day calendar: the calendar data used (SPEC §2.2) */
  calendarVersion?: string;
  /** set when that calendar was an estimate (no published schedule for the year) */
  calendarNote?: string;
  /** for deadlines whose number of working days comes from a rule set: the version used (`v1` …) */
  ruleSetVersion?: string;
}

/** Counts of obligations due by the cut-off; `ratio` = onTime / due, null when nothing was due. */
export interface Tally {
  due: number;
  onTime: number;
  late: number;
  missing: number;
  ratio: number | null;
}

/** The obligations of a period and their compliance. */
export interface ObligationReport {
  period: { from: string; to: string };
  asOf: string;
  /** sorted by due time, then key */
  obligations: ObligationInstance[];
  /**
   * Compliance (按时完成率) = delivered on time / due, over the obligations due by the cut-off (pending ones are
   * left out: counting early deliveries but not outstanding ones would bias a mid-cycle preview upwards).
   * `byUnit` is keyed by credit code, {@link ANY_UNIT} for notice receipts.
   */
  compliance: {
    overall: Tally;
    byType: Partial<Record<DocumentType, Tally>>;
    byUnit: Record<string, Tally>;
  };
}

interface IndexedDocument {
  id: string;
  /** uploadedAt, in whole seconds since the epoch */
  second: number;
  /** the day the document is attributed to (reportDate or its default) */
  date: string;
  doc: DeliveredDocument;
}

const FRIDAY = 5;

/** An ISO timestamp that names its offset: without one, Date.parse would read it in the machine's time zone. */
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

function toSecond(timestamp: string, field: string): number {
  const ms = Date.parse(timestamp);
  if (!TIMESTAMP.test(timestamp) || Number.isNaN(ms)) {
    throw new InvalidInputError(
      {
        zh: `${field} 应为带时区的 ISO 8601 时间：${timestamp}`,
        en: `${field} must be an ISO timestamp with offset: ${timestamp}`,
      },
      [{ field, message: { zh: '应为带时区的 ISO 8601 时间', en: 'expected an ISO 8601 timestamp' } }],
    );
  }
  return Math.floor(ms / 1000);
}

function requireDate(value: string, field: string): void {
  if (!isCalendarDate(value)) {
    throw new InvalidInputError(
      { zh: `${field} 应为有效日期 YYYY-MM-DD：${value}`, en: `${field} must be a calendar date YYYY-MM-DD: ${value}` },
      [{ field, message: { zh: '应为日历上存在的日期 YYYY-MM-DD', en: 'expected YYYY-MM-DD' } }],
    );
  }
}

function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/** The Friday ending the week (Saturday → Friday) that contains `date`. */
function weekEndingFriday(date: string): string {
  return addDays(date, (FRIDAY - weekday(date) + 7) % 7);
}

function unitLabel(unit: ObligationUnit): string {
  // Several subcontractors can share the role, so they are told apart by name.
  return unit.role === 'subcontractor' ? `分包单位（${unit.name}）` : UNIT_ROLE_NAMES[unit.role];
}

function daysFrom(from: string, to: string): string[] {
  const days: string[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) days.push(day);
  return days;
}

/** An obligation before it is judged. */
type ObligationDraft = Omit<
  ObligationInstance,
  'status' | 'documentIds' | 'dueOn' | 'dueAt' | 'calendarVersion' | 'calendarNote'
>;

/** A deadline with its instant in whole seconds, computed once and shared by every obligation due then. */
interface Deadline {
  dueOn: string;
  dueAt: string;
  second: number;
  calendarVersion?: string;
  note?: string;
  /** the rule-set version whose number of working days it counts */
  ruleSetVersion?: string;
}

function withSecond(deadline: WorkingDayDeadline): Deadline {
  const result: Deadline = { dueOn: deadline.dueOn, dueAt: deadline.dueAt, second: Date.parse(deadline.dueAt) / 1000 };
  result.calendarVersion = deadline.calendarVersion;
  if (deadline.note !== undefined) result.note = deadline.note;
  return result;
}

/**
 * Working-day deadlines, remembered: the calendar walks day by day and a cycle asks for the same few dozen deadlines
 * on every evaluation and every upload-page view. Safe to keep because the bundled calendar data is fixed for the
 * life of the process; bounded so a long-lived process cannot grow it without limit.
 */
const deadlineMemo = new Map<string, Deadline>();
const DEADLINE_MEMO_LIMIT = 4096;

function remembered(key: string, compute: () => WorkingDayDeadline): Deadline {
  const known = deadlineMemo.get(key);
  if (known) return known;
  if (deadlineMemo.size >= DEADLINE_MEMO_LIMIT) deadlineMemo.clear();
  const deadline = withSecond(compute());
  deadlineMemo.set(key, deadline);
  return deadline;
}

/** `n` working days after `date`, Civil Code counting (the day itself not counted). */
function workingDayDeadline(date: string, n: number): Deadline {
  return remembered(`${date}+${n}`, () => addWorkingDays(date, n));
}

/**
 * The deadline `threshold` working days after `date`, the number taken from the rule-set version in force on
 * `date` (SPEC §2.1), which the deadline names.
 */
function ruleDeadline(
  date: string,
  threshold: 'rectificationPlanWorkingDays' | 'groupReportWorkingDays',
  ruleSets: readonly RuleSetVersion[],
): Deadline {
  const ruleSet = ruleSetInForce(ruleSets, date);
  return { ...workingDayDeadline(date, ruleSet.thresholds[threshold]), ruleSetVersion: ruleSet.id };
}

/** Friday 23:59:59, or the end of the next working day when the Friday is a holiday. */
function fridayDeadline(friday: string): Deadline {
  return remembered(`${friday}>`, () => deadlineOnOrNextWorkingDay(friday));
}

/** 23:59:59+08:00 of `date`. */
function endOfDay(date: string): Deadline {
  const dueAt = endOfShanghaiDay(date);
  return { dueOn: date, dueAt, second: Date.parse(dueAt) / 1000 };
}

function later(a: string, b: string): string {
  return a > b ? a : b;
}

/** Groups documents under a key, each list sorted earliest first (ties by id, so the order is stable). */
class DocumentIndex {
  private readonly lists = new Map<string, IndexedDocument[]>();
  add(key: string, doc: IndexedDocument): void {
    const list = this.lists.get(key);
    if (list) list.push(doc);
    else this.lists.set(key, [doc]);
  }
  get(key: string): IndexedDocument[] {
    return this.lists.get(key) ?? [];
  }
  sort(): void {
    for (const list of this.lists.values()) list.sort((a, b) => a.second - b.second || (a.id < b.id ? -1 : 1));
  }
}

/**
 * The obligations of the case in `input.period` and their compliance, judged on `documents` as of `input.asOf`.
 *
 * - 签收回执 `notice_receipt`: one per notice, from any unit, due at the notice's `receiptDueAt`. A receipt names
 *   its notice (`noticeId`); one that does not is taken for the latest notice issued on or before its arrival.
 * - 整改方案 `rectification_plan` (一厂一策): from EACH unit, within the rule set's `rectificationPlanWorkingDays` (5)
 *   working days (Civil Code counting: the report's day not counted) after each inspection report dated on or after the
 *   inclusion that lists hazards. A plan answers the latest such report dated on or before its `reportDate` (else
 *   its arrival day); reports of the same day share the plan. Reports before inclusion are left out: they predate
 *   the units' duties under supervision, and their hazards are still followed through verification.
 * - 日报 `daily_report`: each general contractor, one per calendar day, due 23:59:59 that day.
 * - 巡查记录 `patrol_record`: each supervising firm, {@link PATROLS_PER_DAY} per calendar day, as two obligations
 *   (`#1`, `#2`) filled by distinct documents with that `reportDate` in order of arrival — one patrol is half done.
 * - 复查 `follow_up_report`: each supervising firm, one per day for the previous day's patrols (`reportDate` = that
 *   day), due at the end of the next day. The first is for the day after inclusion (the first day with patrols).
 * - 周报 `weekly_report`: each supervising firm, one per Friday after inclusion, due Friday 23:59:59, or the end of
 *   the next working day when that Friday is a holiday (Civil Code art. 203). A report counts for the week
 *   (Saturday–Friday) containing its `reportDate`.
 * - 自查自纠 `self_inspection`: the developer and each general contractor, one per period, due at the period's end;
 *   a document counts when its `reportDate` (else its arrival day) lies in the period.
 * - 集团报告 `group_report`: once `level2ReachedOn` is set, from each developer, general contractor and supervising
 *   firm that names a `groupCompany` (参建三方集团公司), within the rule set's `groupReportWorkingDays` (10) working
 *   days of it (seed §3(5): 以集团名义向我委报送整改情况及后续措施),
 *   answered by a document dated on or after that day. Units with no group company owe none: there is no group to
 *   report.
 */
export function computeObligations(input: ObligationInput, documents: DeliveredDocument[]): ObligationReport {
  const { period, includedOn } = input;
  const ruleSets = input.ruleSets ?? [DEFAULT_RULE_SET];
  requireDate(includedOn, 'includedOn');
  requireDate(period.from, 'period.from');
  requireDate(period.to, 'period.to');
  if (period.from > period.to) {
    throw new InvalidInputError(
      {
        zh: `期间的起始日 ${period.from} 晚于截止日 ${period.to}`,
        en: `period.from ${period.from} is after period.to ${period.to}`,
      },
      [{ field: 'period', message: { zh: '起始日不能晚于截止日', en: 'from must not be after to' } }],
    );
  }
  if (!isCalendarDate(input.asOf) && !TIMESTAMP.test(input.asOf)) {
    throw new InvalidInputError(
      {
        zh: `asOf 应为日期 YYYY-MM-DD 或带时区的 ISO 8601 时间：${input.asOf}`,
        en: `asOf must be a date YYYY-MM-DD or an ISO timestamp with offset: ${input.asOf}`,
      },
      [
        {
          field: 'asOf',
          message: {
            zh: '应为日期 YYYY-MM-DD 或带时区的 ISO 8601 时间',
            en: 'expected YYYY-MM-DD or an ISO 8601 timestamp with offset',
          },
        },
      ],
    );
  }
  const cutOff = toSecond(isCalendarDate(input.asOf) ? endOfShanghaiDay(input.asOf) : input.asOf, 'asOf');
  if (input.level2ReachedOn !== undefined) requireDate(input.level2ReachedOn, 'level2ReachedOn');

  // A unit listed twice (same credit code) owes once.
  const units = [...new Map(input.units.map((unit) => [unit.creditCode, unit])).values()];
  const index = indexDocuments(documents, cutOff);
  const inPeriod = (date: string) => period.from <= date && date <= period.to;
  const settled: Array<{ dueSecond: number; instance: ObligationInstance }> = [];

  function settle(base: ObligationDraft, deadline: Deadline, answers: IndexedDocument[]): void {
    const first = answers[0];
    let status: ObligationStatus;
    if (first) status = first.second <= deadline.second ? 'on_time' : 'late';
    else status = deadline.second <= cutOff ? 'missing' : 'pending';
    // Built field by field, not spread: every instance gets the same shape, which keeps this hot path fast.
    const instance: ObligationInstance = {
      key: base.key,
      type: base.type,
      unitCreditCode: base.unitCreditCode,
      unitRole: base.unitRole,
      dueOn: deadline.dueOn,
      dueAt: deadline.dueAt,
      status,
      documentIds: answers.map((answer) => answer.id),
      description: base.description,
    };
    if (base.reportDate !== undefined) instance.reportDate = base.reportDate;
    if (deadline.calendarVersion !== undefined) instance.calendarVersion = deadline.calendarVersion;
    if (deadline.note !== undefined) instance.calendarNote = deadline.note;
    if (deadline.ruleSetVersion !== undefined) instance.ruleSetVersion = deadline.ruleSetVersion;
    settled.push({ dueSecond: deadline.second, instance });
  }

  // 签收回执: one per notice, from any unit.
  const noticesByIssue = [...input.notices].sort((a, b) =>
    a.issuedOn < b.issuedOn ? -1 : a.issuedOn > b.issuedOn ? 1 : 0,
  );
  const receiptsByNotice = new DocumentIndex();
  for (const receipt of index.receipts) {
    const noticeId =
      receipt.doc.noticeId ?? noticesByIssue.filter((notice) => notice.issuedOn <= receipt.date).at(-1)?.id;
    if (noticeId !== undefined) receiptsByNotice.add(noticeId, receipt);
  }
  receiptsByNotice.sort();
  for (const notice of input.notices) {
    const receiptDue = toSecond(notice.receiptDueAt, 'notices.receiptDueAt');
    const dueOn = shanghaiDate(new Date(receiptDue * 1000));
    if (!inPeriod(dueOn)) continue;
    const name = notice.type === 'inclusion' ? '差别化监管告知单' : '差别化监管解除告知单';
    settle(
      {
        key: `notice_receipt#${notice.id}`,
        type: 'notice_receipt',
        unitCreditCode: null,
        unitRole: null,
        description: `${notice.issuedOn} ${name}签字盖章回执（任一参建单位）`,
      },
      { dueOn, dueAt: notice.receiptDueAt, second: receiptDue },
      receiptsByNotice.get(notice.id),
    );
  }

  // 整改方案 (一厂一策): every unit, per report with hazards; reports of one day are answered together.
  const reportDates = [
    ...new Set(input.inspectionReports.filter((r) => r.hazardCount > 0 && r.date >= includedOn).map((r) => r.date)),
  ].sort();
  const plansByReportDate = new DocumentIndex();
  for (const plan of index.plans) {
    const answered = latestOnOrBefore(reportDates, plan.date);
    if (answered !== undefined) plansByReportDate.add(`${plan.doc.unitCreditCode}#${answered}`, plan);
  }
  plansByReportDate.sort();
  for (const report of input.inspectionReports) {
    if (report.hazardCount <= 0 || report.date < includedOn) continue;
    requireDate(report.date, 'inspectionReports.date');
    const deadline = ruleDeadline(report.date, 'rectificationPlanWorkingDays', ruleSets);
    if (!inPeriod(deadline.dueOn)) continue;
    for (const unit of units) {
      settle(
        {
          key: `rectification_plan#${report.inspectionId}#${unit.creditCode}`,
          type: 'rectification_plan',
          unitCreditCode: unit.creditCode,
          unitRole: unit.role,
          reportDate: report.date,
          description: `${unitLabel(unit)} ${report.date} 检查报告（${report.hazardCount}项隐患）整改方案（一厂一策）`,
        },
        deadline,
        plansByReportDate.get(`${unit.creditCode}#${report.date}`),
      );
    }
  }

  // Daily obligations. One deadline per day, shared by every obligation due that day. The daily report starts on
  // the day of inclusion (the notice is handed over that day and the report covers that day's rectification); the
  // supervising firm's patrols and follow-ups start the day after (patrols twice a day cannot be asked for a day
  // that was half over when the notice arrived).
  const reportDays = daysFrom(later(period.from, includedOn), period.to).map(endOfDay);
  const days = daysFrom(later(period.from, addDays(includedOn, 1)), period.to).map(endOfDay);
  for (const unit of units) {
    const label = unitLabel(unit);
    if (unit.role === 'general_contractor') {
      for (const deadline of reportDays) {
        const day = deadline.dueOn;
        settle(
          {
            key: `daily_report#${day}#${unit.creditCode}`,
            type: 'daily_report',
            unitCreditCode: unit.creditCode,
            unitRole: unit.role,
            reportDate: day,
            description: `${label} ${day} 日报（项目经理签字）`,
          },
          deadline,
          index.daily.get(`daily_report#${unit.creditCode}#${day}`),
        );
      }
    }
    if (unit.role !== 'supervisor') continue;
    for (const deadline of days) {
      const day = deadline.dueOn;
      const patrols = index.daily.get(`patrol_record#${unit.creditCode}#${day}`);
      for (let n = 1; n <= PATROLS_PER_DAY; n++) {
        const patrol = patrols[n - 1];
        settle(
          {
            key: `patrol_record#${day}#${unit.creditCode}#${n}`,
            type: 'patrol_record',
            unitCreditCode: unit.creditCode,
            unitRole: unit.role,
            reportDate: day,
            description: `${label} ${day} 第${n}次安全巡查记录`,
          },
          deadline,
          patrol ? [patrol] : [],
        );
      }
    }
    // 复查: due on `day`, about the day before; the day of inclusion had no patrols to follow up.
    for (const [i, deadline] of days.entries()) {
      const day = deadline.dueOn;
      const reported = days[i - 1]?.dueOn ?? addDays(day, -1);
      if (reported <= includedOn) continue;
      settle(
        {
          key: `follow_up_report#${reported}#${unit.creditCode}`,
          type: 'follow_up_report',
          unitCreditCode: unit.creditCode,
          unitRole: unit.role,
          reportDate: reported,
          description: `${label} ${reported} 隐患整改复查情况（次日报送）`,
        },
        deadline,
        index.daily.get(`follow_up_report#${unit.creditCode}#${reported}`),
      );
    }
    // 周报: a holiday Friday moves the deadline; look back far enough that a Friday before the period whose
    // deadline moved into it is found (the longest holiday run is 9 days).
    const firstWeekly = later(addDays(period.from, -WEEKLY_LOOK_BACK_DAYS), addDays(includedOn, 1));
    for (let friday = weekEndingFriday(firstWeekly); friday <= period.to; friday = addDays(friday, 7)) {
      const deadline = fridayDeadline(friday);
      if (!inPeriod(deadline.dueOn)) continue;
      const moved = deadline.dueOn === friday ? '' : `（周五为节假日，顺延至 ${deadline.dueOn}）`;
      settle(
        {
          key: `weekly_report#${friday}#${unit.creditCode}`,
          type: 'weekly_report',
          unitCreditCode: unit.creditCode,
          unitRole: unit.role,
          reportDate: friday,
          description: `${label} ${friday}（周五）安全工作周报${moved}`,
        },
        deadline,
        index.weekly.get(`${unit.creditCode}#${friday}`),
      );
    }
  }

  // 自查自纠: developer and general contractor, once per period, due at its end.
  if (period.to >= includedOn) {
    for (const unit of units) {
      if (unit.role !== 'developer' && unit.role !== 'general_contractor') continue;
      settle(
        {
          key: `self_inspection#${period.from}#${unit.creditCode}`,
          type: 'self_inspection',
          unitCreditCode: unit.creditCode,
          unitRole: unit.role,
          description: `${unitLabel(unit)} ${period.from} 至 ${period.to} 安全自查自纠报告`,
        },
        endOfDay(period.to),
        index.selfInspections.get(unit.creditCode).filter((doc) => inPeriod(doc.date)),
      );
    }
  }

  // 集团报告: the group companies of the three main units, after level 2.
  const level2 = input.level2ReachedOn;
  if (level2 !== undefined) {
    const deadline = ruleDeadline(level2, 'groupReportWorkingDays', ruleSets);
    if (inPeriod(deadline.dueOn)) {
      for (const unit of units) {
        if (unit.role === 'subcontractor' || !unit.groupCompany) continue;
        settle(
          {
            key: `group_report#${level2}#${unit.creditCode}`,
            type: 'group_report',
            unitCreditCode: unit.creditCode,
            unitRole: unit.role,
            description: `${unitLabel(unit)}所属集团公司（${unit.groupCompany}）以集团名义报送整改情况及后续措施`,
          },
          deadline,
          index.groupReports.get(unit.creditCode).filter((doc) => doc.date >= level2),
        );
      }
    }
  }

  settled.sort(
    (a, b) =>
      a.dueSecond - b.dueSecond || (a.instance.key < b.instance.key ? -1 : a.instance.key > b.instance.key ? 1 : 0),
  );
  const counted = settled.filter((entry) => entry.dueSecond <= cutOff).map((entry) => entry.instance);
  return {
    period: { ...period },
    asOf: input.asOf,
    obligations: settled.map((entry) => entry.instance),
    compliance: tallyCompliance(counted),
  };
}

interface Indexes {
  receipts: IndexedDocument[];
  plans: IndexedDocument[];
  /** daily_report, patrol_record and follow_up_report by `${type}#${unit}#${reportDate}`, distinct ids */
  daily: DocumentIndex;
  /** weekly_report by `${unit}#${week-ending Friday}` */
  weekly: DocumentIndex;
  selfInspections: DocumentIndex;
  groupReports: DocumentIndex;
}

/** One pass over the documents: the accepted ones that had arrived by the cut-off, grouped for O(1) look-ups. */
function indexDocuments(documents: DeliveredDocument[], cutOff: number): Indexes {
  const indexes: Indexes = {
    receipts: [],
    plans: [],
    daily: new DocumentIndex(),
    weekly: new DocumentIndex(),
    selfInspections: new DocumentIndex(),
    groupReports: new DocumentIndex(),
  };
  const seen = new Set<string>();
  const checkedDates = new Set<string>(); // a few dozen distinct report dates among hundreds of documents
  for (const doc of documents) {
    if (doc.status !== 'accepted' || seen.has(doc.id)) continue;
    const second = toSecond(doc.uploadedAt, `documents.${doc.id}.uploadedAt`);
    if (second > cutOff) continue;
    seen.add(doc.id);
    const arrivedOn = () => shanghaiDate(new Date(second * 1000));
    let date: string;
    if (doc.reportDate === undefined)
      date = doc.docType === 'follow_up_report' ? addDays(arrivedOn(), -1) : arrivedOn();
    else {
      date = doc.reportDate;
      if (!checkedDates.has(date)) {
        requireDate(date, `documents.${doc.id}.reportDate`);
        checkedDates.add(date);
      }
    }
    const indexed: IndexedDocument = { id: doc.id, second, date, doc };
    switch (doc.docType) {
      case 'notice_receipt':
        // Attributed by arrival, not reportDate: the receipt's own date is the signing date, not the notice's.
        indexed.date = arrivedOn();
        indexes.receipts.push(indexed);
        break;
      case 'rectification_plan':
        indexes.plans.push(indexed);
        break;
      case 'daily_report':
      case 'patrol_record':
      case 'follow_up_report':
        indexes.daily.add(`${doc.docType}#${doc.unitCreditCode}#${date}`, indexed);
        break;
      case 'weekly_report':
        indexes.weekly.add(`${doc.unitCreditCode}#${weekEndingFriday(date)}`, indexed);
        break;
      case 'self_inspection':
        indexes.selfInspections.add(doc.unitCreditCode, indexed);
        break;
      case 'group_report':
        indexes.groupReports.add(doc.unitCreditCode, indexed);
        break;
      default:
        // rectification_evidence and statement are not periodic obligations.
        break;
    }
  }
  indexes.receipts.sort((a, b) => a.second - b.second);
  indexes.plans.sort((a, b) => a.second - b.second);
  for (const list of [indexes.daily, indexes.weekly, indexes.selfInspections, indexes.groupReports]) list.sort();
  return indexes;
}

/** The last of the sorted `dates` that is on or before `date` (binary search). */
function latestOnOrBefore(dates: string[], date: string): string | undefined {
  let low = 0;
  let high = dates.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((dates[mid] as string) <= date) low = mid + 1;
    else high = mid;
  }
  return low > 0 ? dates[low - 1] : undefined;
}

function emptyTally(): Tally {
  return { due: 0, onTime: 0, late: 0, missing: 0, ratio: null };
}

function count(tally: Tally, status: ObligationStatus): void {
  tally.due++;
  if (status === 'on_time') tally.onTime++;
  else if (status === 'late') tally.late++;
  else tally.missing++;
  tally.ratio = tally.onTime / tally.due;
}

function tallyCompliance(counted: ObligationInstance[]): ObligationReport['compliance'] {
  const overall = emptyTally();
  const byType: Partial<Record<DocumentType, Tally>> = {};
  const byUnit: Record<string, Tally> = {};
  for (const obligation of counted) {
    const unitKey = obligation.unitCreditCode ?? ANY_UNIT;
    byType[obligation.type] ??= emptyTally();
    byUnit[unitKey] ??= emptyTally();
    count(overall, obligation.status);
    count(byType[obligation.type] as Tally, obligation.status);
    count(byUnit[unitKey] as Tally, obligation.status);
  }
  return { overall, byType, byUnit };
}

function concerns(obligation: ObligationInstance, unitCreditCode: string | undefined): boolean {
  // Obligations of "any unit" concern every unit: any of them may discharge them.
  return (
    unitCreditCode === undefined || obligation.unitCreditCode === null || obligation.unitCreditCode === unitCreditCode
  );
}

/**
 * What is due on `date` and not yet delivered — for the upload page. Compute the report with `asOf` = now (a
 * timestamp), so today's items are `pending` until midnight rather than `missing`. With `unitCreditCode`, only that
 * unit's items and those any unit may discharge (notice receipts).
 */
export function dueToday(report: ObligationReport, date: string, unitCreditCode?: string): ObligationInstance[] {
  return report.obligations.filter(
    (o) => o.dueOn === date && o.documentIds.length === 0 && concerns(o, unitCreditCode),
  );
}

/** What `unitCreditCode` missed: its `missing` obligations, and the missing ones any unit may still discharge. */
export function missingFor(report: ObligationReport, unitCreditCode: string): ObligationInstance[] {
  return report.obligations.filter((o) => o.status === 'missing' && concerns(o, unitCreditCode));
}
