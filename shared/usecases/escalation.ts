/**
 * The escalation ladder's measures (实施方案 §3(4)–(6), SPEC §2.4): what follows a `CaseEscalated` event.
 *
 * - Level 1 — resident supervision (驻场监督): a measure record.
 * - Level 2 — heavy penalties (高限高额处罚) recommended; an order (责令) to each group company (集团公司) of the three
 *   main units to replace the responsible persons and send staff on site; the group report due in 10 working days.
 *   Each order is a document (差别化监管责令通知书): `GroupOrdersIssued` has the document renderer print them.
 * - Level 3 — a DRAFT circular of criticism (全区通报批评), the report to the municipal commission (上报市住房城乡建设委)
 *   recorded as a document whose PDF the renderer prints from `MunicipalReportRequested`, publication on the credit
 *   platform pending the officer's publication. The draft has no number yet: it takes the next of the year's
 *   gap-free sequence when an officer publishes it (SPEC §2.2, circulars.ts).
 *
 * Delivery is at least once, possibly out of order. Every record is keyed by case + level (+ measure code or group
 * company) and written only if new, together with the timeline entries, the events and the consumed-event marker,
 * in ONE transaction. A level whose measures exist already is left alone, whichever event brought it first.
 */
import { createHash } from 'node:crypto';
import * as z from 'zod/mini';
import { addWorkingDays } from '../domain/calendar.js';
import { composeCircular, publicText } from '../domain/circular-text.js';
import { shanghaiDate } from '../domain/dates.js';
import { ConflictError, NotFoundError } from '../domain/errors.js';
import { type RuleSetVersion, ruleSetInForce } from '../domain/rule-set.js';
import type { TimelineEntryContent } from '../domain/timeline.js';
import { MAX_LEVEL, type Measure, measuresAdded, measuresFor } from '../domain/verdict.js';
import { CASE_STATUS_NAMES, CONDITION_IDS, type ConditionId, type UnitRole } from '../domain/vocabulary.js';
import type { EventDetail } from '../events.js';
import { newId } from '../ids.js';
import { keys, listings } from '../store/keys.js';
import { readItem, readProjectCollection, referenceItem, type StoredItem } from '../store/project-collection.js';
import { RuleSets } from '../store/rule-sets.js';
import { type CaseRecord, type MunicipalReportRecord, type ProjectSnapshot, snapshotOf } from '../store/snapshot.js';
import { ConditionFailed, UnitOfWork } from '../store/unit-of-work.js';
import { CASE_VERSION, changeCase } from './case-records.js';

/** The consumer's name, in its consumed-event markers and as the timeline's actor. */
export const ESCALATION_CONSUMER = 'escalation-measures';
const ACTOR = `system:${ESCALATION_CONSUMER}`;

/** Labels of the conditional writes whose failure means something other than a bug. */
const CONSUMED = 'consumed-event';
const MEASURE = 'measure';

/** Races (case timeline) are re-read and retried this many times in all. */
const MAX_ATTEMPTS = 100;
/** Who receives the level-3 report (上报市住房城乡建设委). */
export const MUNICIPAL_COMMISSION = '北京市住房和城乡建设委员会';
/** The three main units (参建三方) whose group companies receive the level-2 orders. */
const GROUP_ORDER_ROLES: readonly UnitRole[] = ['developer', 'general_contractor', 'supervisor'];

/** `CaseEscalated` as the monthly evaluation emits it (detail.data). */
export const caseEscalatedData = z
  .object({
    caseId: z.string().check(z.minLength(1)),
    projectId: z.string().check(z.minLength(1)),
    /** the level after the escalation */
    level: z.number().check(z.int(), z.gte(1), z.lte(MAX_LEVEL)),
    levelBefore: z.number().check(z.int(), z.gte(0), z.lte(MAX_LEVEL)),
    cycleIndex: z.number().check(z.int(), z.gte(1)),
    /** the month evaluated, 'YYYY-MM' */
    month: z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/)),
    /** the day of the evaluation, 'YYYY-MM-DD' */
    evaluatedOn: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/)),
    conditionsMet: z._default(z.array(z.enum(CONDITION_IDS)), []),
    /** the grounds of the verdict, in Chinese */
    reasons: z._default(z.array(z.string()), []),
    measures: z._default(z.array(z.object({ code: z.string(), name: z.string() })), []),
  })
  .check(
    z.refine((data) => data.levelBefore <= data.level, { message: 'levelBefore cannot exceed level', path: ['level'] }),
  );

/** The data of a `CaseEscalated` event. */
export type CaseEscalatedData = z.infer<typeof caseEscalatedData>;

/** The envelope of `CaseEscalated` (EventBridge `detail`), validated. */
export const caseEscalatedDetail = z.object({
  eventId: z.string().check(z.minLength(1)),
  occurredAt: z.string().check(z.minLength(1)),
  subjectId: z.string().check(z.minLength(1)),
  data: caseEscalatedData,
});

/** What one delivery did. */
export interface EscalationOutcome {
  caseId: string;
  eventId: string;
  /**
   * `recorded` — this delivery wrote the level's measures; `already-recorded` — another delivery (this event or
   * another for the same level) had written them; `duplicate-event` — this event was consumed before;
   * `no-new-measures` — the level did not rise (a level-3 case escalated again keeps level 3).
   */
  outcome: 'recorded' | 'already-recorded' | 'duplicate-event' | 'no-new-measures';
  measures: Array<{ level: number; code: string }>;
  groupOrders: number;
  /** the draft circular: its number is null until it is published */
  circular: { id: string; number: string | null } | null;
}

/** A measure record (监管措施) of the ladder, under the case. */
export interface MeasureRecord {
  caseId: string;
  projectId: string;
  level: number;
  code: string;
  name: string;
  startedOn: string;
  /** the `CaseEscalated` event that started it, and the cycle that failed */
  eventId: string;
  cycleIndex: number;
  month: string;
  recordedAt: string;
  [detail: string]: unknown;
}

/** The draft circular of criticism (通报) as stored; everything public in it is masked and redacted. */
export interface CircularRecord {
  id: string;
  caseId: string;
  projectId: string;
  /**
   * null while a draft: the number is taken at publication. Drafts written before numbers moved to publication
   * carry the number taken at their draft, and keep it (docs/public-site.md "Numbers").
   */
  number: string | null;
  sequence: number | null;
  status: 'draft';
  title: string;
  body: string;
  authority: string;
  projectName: string;
  units: Array<{ role: UnitRole; name: string; creditCode: string }>;
  keyPersons: Array<{ role: string; name: string }>;
  conditionsMet: ConditionId[];
  violations: string[];
  measures: Array<{ level: number; code: string; name: string; startedOn: string | null }>;
  draftedOn: string;
  draftedAt: string;
  statementWindowEndsOn: string;
  statementWindowEndsAt: string;
  calendarVersion: string;
  /** the rule-set version whose statement working days the window counts */
  ruleSetVersion: string;
  statements: unknown[];
  publishedOn: null;
  validUntil: null;
  eventId: string;
  cycleIndex: number;
  month: string;
}

/**
 * Set the measures of an escalation in motion (idempotent). Reads the project's collection, skips every measure
 * already recorded for the case, and commits the rest with their timeline entries and events in one transaction.
 *
 * Out of order or stale events: the event is the evaluation's committed decision, so its level's measures are
 * recorded as it says, whatever the case's level or status is now (a case released since, or a level-3 event that
 * overtook the level-2 one); the timeline entry notes the case's status and level at the time. Nothing is inferred
 * beyond the event: a lower level's measures come with that level's own event. A case that was never included
 * (proposed or dismissed) cannot have been escalated: that event is refused (it lands in the DLQ for a person).
 */
export async function applyEscalation(detail: EventDetail<CaseEscalatedData>, now: Date): Promise<EscalationOutcome> {
  const { eventId, data } = detail;
  const outcome = (kind: EscalationOutcome['outcome']): EscalationOutcome => ({
    caseId: data.caseId,
    eventId,
    outcome: kind,
    measures: [],
    groupOrders: 0,
    circular: null,
  });
  if (await readItem(keys.consumed(ESCALATION_CONSUMER, eventId))) return outcome('duplicate-event');
  if (ladderSteps(data).length === 0) return outcome('no-new-measures');
  // the group report's and the statement window's working days: the rule-set versions, read once for this event
  const ruleSets = await new RuleSets().all();

  for (let attempt = 1; ; attempt++) {
    const items = await readProjectCollection(data.projectId);
    const snapshot = snapshotOf(items);
    const record = snapshot?.cases.find((candidate) => candidate.id === data.caseId);
    if (!snapshot || !record) {
      throw new NotFoundError({
        zh: `项目 ${data.projectId} 中没有编号为 ${data.caseId} 的案件。`,
        en: `There is no case ${data.caseId} in project ${data.projectId}.`,
      });
    }
    if (record.status === 'proposed' || record.status === 'dismissed') {
      throw new ConflictError({
        zh: `案件 ${record.id} 当前状态为“${CASE_STATUS_NAMES[record.status]}”，从未纳入监管，不能升级。`,
        en: `Case ${record.id} is ${record.status}: it was never included, so it cannot escalate.`,
      });
    }
    const recorded = recordedMeasures(items, record.id);
    const pending = ladderSteps(data)
      .map((step) => ({ ...step, measures: step.measures.filter((m) => !recorded.has(`${step.level}#${m.code}`)) }))
      .filter((step) => step.measures.length > 0);
    if (pending.length === 0) {
      // this very event may have won meanwhile (a concurrent delivery of it): say so, whichever read saw it first
      const consumed = await readItem(keys.consumed(ESCALATION_CONSUMER, eventId));
      return outcome(consumed ? 'duplicate-event' : 'already-recorded');
    }

    const uow = new UnitOfWork(now);
    uow.put(
      {
        ...keys.consumed(ESCALATION_CONSUMER, eventId),
        type: 'consumed',
        consumer: ESCALATION_CONSUMER,
        eventId,
        caseId: record.id,
        consumedAt: now.toISOString(),
      },
      { mustBeNew: true, label: CONSUMED },
    );
    const plan = await planMeasures(uow, { snapshot, record, items, data, eventId, now, pending, ruleSets });
    changeCase(uow, record, { entries: plan.entries });
    try {
      await uow.commit();
    } catch (error) {
      if (!(error instanceof ConditionFailed)) throw error;
      // a concurrent delivery of this very event won: it did everything this one would
      if (error.label === CONSUMED) return outcome('duplicate-event');
      // MEASURE: another event recorded this level meanwhile; the others are races: re-read and try again
      if (![MEASURE, CASE_VERSION].includes(error.label) || attempt >= MAX_ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(200, 5 * attempt)));
      continue;
    }
    return {
      ...outcome('recorded'),
      measures: pending.flatMap((step) => step.measures.map((m) => ({ level: step.level, code: m.code }))),
      groupOrders: plan.groupOrders,
      circular: plan.circular,
    };
  }
}

/** The levels an event raises through, each with the measures it adds (none when the level did not rise). */
function ladderSteps(data: CaseEscalatedData): Array<{ level: number; measures: Measure[] }> {
  const steps: Array<{ level: number; measures: Measure[] }> = [];
  for (let level = data.levelBefore + 1; level <= data.level; level++) {
    steps.push({ level, measures: measuresAdded(level - 1, level) });
  }
  return steps;
}

/** `level#code` of every measure already recorded for the case. */
function recordedMeasures(items: StoredItem[], caseId: string): Map<string, StoredItem> {
  return new Map(
    items
      .filter((item) => item.type === 'measure' && item.caseId === caseId)
      .map((item) => [`${item.level}#${item.code}`, item]),
  );
}

interface PlanInput {
  snapshot: ProjectSnapshot;
  record: CaseRecord;
  items: StoredItem[];
  data: CaseEscalatedData;
  eventId: string;
  now: Date;
  pending: Array<{ level: number; measures: Measure[] }>;
  ruleSets: readonly RuleSetVersion[];
}

/** Put the pending measures, orders and the circular into `uow`; return the timeline entries that record them. */
async function planMeasures(uow: UnitOfWork, input: PlanInput) {
  const { record, data, eventId, now, pending } = input;
  const entries: TimelineEntryContent[] = [];
  let groupOrders = 0;
  let circular: { id: string; number: string | null } | null = null;
  const base = {
    caseId: record.id,
    projectId: record.projectId,
    startedOn: data.evaluatedOn,
    eventId,
    cycleIndex: data.cycleIndex,
    month: data.month,
    recordedAt: now.toISOString(),
  };
  const context = { eventId, cycleIndex: data.cycleIndex, month: data.month, caseStatus: record.status };

  for (const step of pending) {
    const extras = new Map<string, Record<string, unknown>>();
    const evidence = new Map<string, string[]>();
    if (step.level === 2) {
      const orders = groupOrdersOf(input.snapshot);
      // seed §3(5): 以集团名义向我委报送整改情况 — the working days of the rule set in force on the escalation's day
      const ruleSet = ruleSetInForce(input.ruleSets, data.evaluatedOn);
      const due = addWorkingDays(data.evaluatedOn, ruleSet.thresholds.groupReportWorkingDays);
      const groupCompanies = orders.map((order) => order.groupCompany);
      extras.set('heavy_penalty', { recommended: true, conditionsMet: data.conditionsMet, violations: data.reasons });
      extras.set('group_replace_responsible_persons', { groupCompanies });
      extras.set('group_staff_on_site', { groupCompanies });
      extras.set('group_report', {
        groupCompanies,
        groupReportDueOn: due.dueOn,
        groupReportDueAt: due.dueAt,
        calendarVersion: due.calendarVersion,
        calendarFallback: due.fallback,
        ruleSetVersion: ruleSet.id,
      });
      const ordered = new Set(step.measures.map((m) => m.code));
      if (orders.length && (ordered.has('group_replace_responsible_persons') || ordered.has('group_staff_on_site'))) {
        const orderIds: string[] = [];
        for (const order of orders) {
          // each order is a document (责令通知书): pending until the document renderer has stored its PDF
          const id = newId('ord');
          orderIds.push(id);
          uow.put(
            {
              ...keys.groupOrder(record.projectId, record.id, step.level, order.groupKey),
              type: 'group-order',
              ...base,
              id,
              level: step.level,
              groupCompany: order.groupCompany,
              units: order.units,
              orders: ['group_replace_responsible_persons', 'group_staff_on_site'],
              orderedOn: data.evaluatedOn,
              groupReportDueOn: due.dueOn,
              groupReportDueAt: due.dueAt,
              grounds: data.reasons,
              projectName: input.snapshot.project.name,
              projectAddress: input.snapshot.project.address,
              includedOn: record.includedOn,
              documentKey: `orders/${record.id}/${id}.pdf`,
              documentSha256: null,
            },
            { mustBeNew: true, label: MEASURE },
          );
        }
        uow.emit('GroupOrdersIssued', record.id, {
          caseId: record.id,
          projectId: record.projectId,
          level: step.level,
          orderIds,
          groupCompanies,
          orderedOn: data.evaluatedOn,
          groupReportDueOn: due.dueOn,
        });
        // one entry for all orders: a project of many units must still fit one transaction (100 items)
        entries.push({
          at: now.toISOString(),
          actor: ACTOR,
          action: 'group_orders_issued',
          detail: {
            ...context,
            level: step.level,
            orders: orders.map((order) => ({ groupCompany: order.groupCompany, units: order.units })),
            groupReportDueOn: due.dueOn,
          },
          evidence: [],
        });
        groupOrders += orders.length;
      }
    }
    if (step.level === 3 && step.measures.some((m) => m.code === 'district_circular')) {
      const drafted = await draftCircular(uow, input);
      circular = { id: drafted.id, number: drafted.number };
      extras.set('district_circular', { circularId: drafted.id, circularNumber: drafted.number });
      extras.set('municipal_report', {
        recipient: MUNICIPAL_COMMISSION,
        requestedOn: shanghaiDate(now),
        circularId: drafted.id,
        circularNumber: drafted.number,
      });
      // the platform shows a circular once an officer publishes it, after the statement window (陈述申辩)
      extras.set('credit_platform_publication', { status: 'awaiting_publication', circularId: drafted.id });
      for (const code of ['district_circular', 'municipal_report', 'credit_platform_publication']) {
        evidence.set(code, [drafted.id]);
      }
    }
    for (const measure of step.measures) {
      const extra = extras.get(measure.code) ?? {};
      const item: MeasureRecord = { ...base, level: step.level, code: measure.code, name: measure.name, ...extra };
      uow.put(
        { ...keys.measure(record.projectId, record.id, step.level, measure.code), type: 'measure', ...item },
        { mustBeNew: true, label: MEASURE },
      );
      entries.push({
        at: now.toISOString(),
        actor: ACTOR,
        action: 'measure_started',
        detail: {
          ...context,
          caseLevel: record.level,
          level: step.level,
          code: measure.code,
          name: measure.name,
          startedOn: data.evaluatedOn,
          // the violations stay in the measure record; the entry names only what is small and decisive
          ...pick(extra, ['groupCompanies', 'groupReportDueOn', 'circularId', 'circularNumber', 'recipient']),
        },
        evidence: evidence.get(measure.code) ?? [],
      });
    }
  }
  return { entries, groupOrders, circular };
}

function pick(source: Record<string, unknown>, fields: string[]): Record<string, unknown> {
  return Object.fromEntries(fields.filter((field) => source[field] !== undefined).map((f) => [f, source[f]]));
}

/**
 * One order per group company of the three main units (参建三方), naming the company's units of the project (name and
 * credit code); a group that owns two of the units gets one order naming both.
 */
function groupOrdersOf(snapshot: ProjectSnapshot) {
  const byGroup = new Map<string, Array<{ role: UnitRole; name: string; creditCode: string }>>();
  for (const unit of snapshot.project.units) {
    const group = unit.groupCompany?.trim();
    if (!group || !GROUP_ORDER_ROLES.includes(unit.role)) continue;
    const units = byGroup.get(group) ?? [];
    units.push({ role: unit.role, name: unit.name, creditCode: unit.creditCode });
    byGroup.set(group, units);
  }
  return [...byGroup.entries()].map(([groupCompany, units]) => ({
    groupCompany,
    // a key part stable for the company's name, free of the characters keys use as separators
    groupKey: createHash('sha256').update(groupCompany).digest('hex').slice(0, 16),
    units,
  }));
}

/**
 * Draft the circular: the text composed and masked, the record (without a number: it takes one when published), its
 * reference, `CircularDrafted` and `MunicipalReportRequested`.
 */
async function draftCircular(uow: UnitOfWork, input: PlanInput): Promise<CircularRecord> {
  const { snapshot, record, items, data, eventId, now } = input;
  const draftedOn = shanghaiDate(now);
  const id = newId('cir');
  const recorded = recordedMeasures(items, record.id);
  const conditionsMet = data.conditionsMet.length ? data.conditionsMet : inclusionConditions(snapshot, record.id);
  const text = composeCircular({
    draftedOn,
    project: { name: snapshot.project.name, address: snapshot.project.address },
    units: snapshot.project.units,
    keyPersons: snapshot.project.persons ?? [],
    conditionsMet,
    violations: data.reasons,
    measures: measuresFor(data.level).map((measure) => {
      const level = levelOf(measure.code);
      const startedOn = recorded.get(`${level}#${measure.code}`)?.startedOn;
      return {
        level,
        code: measure.code,
        name: measure.name,
        // a level this very event raises through starts on the evaluation day; a lower one not yet recorded (its event
        // is late) is listed without a date
        startedOn: typeof startedOn === 'string' ? startedOn : level > data.levelBefore ? data.evaluatedOn : null,
      };
    }),
    // inspectors are persons too: should a reason quote one, the circular shows the surname only
    personNames: snapshot.inspections.flatMap((inspection) => inspection.inspectors),
  });
  const ruleSet = ruleSetInForce(input.ruleSets, draftedOn);
  const window = addWorkingDays(draftedOn, ruleSet.thresholds.statementWorkingDays);
  const circular: CircularRecord = {
    id,
    caseId: record.id,
    projectId: record.projectId,
    number: null,
    sequence: null,
    status: 'draft',
    title: text.title,
    body: text.body,
    authority: text.authority,
    projectName: publicText(
      snapshot.project.name,
      (snapshot.project.persons ?? []).map((p) => p.name),
    ),
    units: text.units.map((unit) => ({ role: unit.role, name: unit.name, creditCode: unit.creditCode })),
    keyPersons: text.keyPersons.map((person) => ({ role: person.role, name: person.name })),
    conditionsMet: text.conditions.map((condition) => condition.id),
    violations: text.violations,
    measures: text.measures,
    draftedOn,
    draftedAt: now.toISOString(),
    statementWindowEndsOn: window.dueOn,
    statementWindowEndsAt: window.dueAt,
    calendarVersion: window.calendarVersion,
    ruleSetVersion: ruleSet.id,
    statements: [],
    publishedOn: null,
    validUntil: null,
    eventId,
    cycleIndex: data.cycleIndex,
    month: data.month,
  };
  uow.put(
    {
      ...keys.circular(record.projectId, record.id, id),
      type: 'circular',
      gsi1pk: listings.circularsByStatus('draft'),
      gsi1sk: `${circular.draftedAt}#${id}`,
      ...circular,
    },
    { mustBeNew: true, label: MEASURE },
  );
  uow.put(referenceItem({ id, projectId: record.projectId, caseId: record.id, recordType: 'circular' }), {
    mustBeNew: true,
  });
  uow.emit('CircularDrafted', id, {
    circularId: id,
    caseId: record.id,
    projectId: record.projectId,
    number: null,
    title: circular.title,
    draftedOn,
    statementWindowEndsOn: circular.statementWindowEndsOn,
    statementWindowEndsAt: circular.statementWindowEndsAt,
    units: circular.units,
  });
  // the report to the municipal commission (上报市住房城乡建设委): a document of its own, rendered from this event
  const reportId = newId('mrp');
  const municipalReport: MunicipalReportRecord = {
    id: reportId,
    caseId: record.id,
    projectId: record.projectId,
    recipient: MUNICIPAL_COMMISSION,
    reportedOn: draftedOn,
    level: data.level,
    month: data.month,
    cycleIndex: data.cycleIndex,
    includedOn: record.includedOn ?? draftedOn,
    // a report between authorities: the project's own name and units, the grounds as the evaluation wrote them
    projectName: snapshot.project.name,
    ...(snapshot.project.address ? { projectAddress: snapshot.project.address } : {}),
    units: snapshot.project.units.map((unit) => ({ role: unit.role, name: unit.name, creditCode: unit.creditCode })),
    conditionsMet,
    violations: data.reasons,
    measures: text.measures.map((measure) => ({
      level: measure.level,
      code: measure.code,
      name: measure.name,
      startedOn: measure.startedOn ?? null,
    })),
    circularId: id,
    // the draft has no number: it takes one when published (SPEC §2.2)
    circularNumber: null,
    eventId,
    documentKey: `municipal-reports/${record.id}/${reportId}.pdf`,
    documentSha256: null,
  };
  uow.put(
    { ...keys.municipalReport(record.projectId, record.id), type: 'municipal-report', ...municipalReport },
    { mustBeNew: true, label: MEASURE },
  );
  uow.emit('MunicipalReportRequested', record.id, {
    caseId: record.id,
    projectId: record.projectId,
    reportId: municipalReport.id,
    projectName: circular.projectName,
    recipient: MUNICIPAL_COMMISSION,
    level: data.level,
    month: data.month,
    evaluatedOn: data.evaluatedOn,
    conditionsMet: circular.conditionsMet,
    violations: circular.violations,
    circularId: id,
    // the circular is a draft: its number comes with its publication (CircularPublished)
    circularNumber: null,
  });
  return circular;
}

/** The level whose escalation starts a measure (1–3). */
function levelOf(code: string): number {
  for (let level = 1; level <= MAX_LEVEL; level++) {
    if (measuresAdded(level - 1, level).some((measure) => measure.code === code)) return level;
  }
  return MAX_LEVEL;
}

/** The conditions of the case's inclusion notice: what the circular names when the failed cycle held none. */
function inclusionConditions(snapshot: ProjectSnapshot, caseId: string): ConditionId[] {
  const notice = snapshot.notices.find((n) => n.caseId === caseId && n.noticeType === 'inclusion');
  return (notice?.conditionsMet ?? []).filter((id): id is ConditionId =>
    (CONDITION_IDS as readonly string[]).includes(id),
  );
}
