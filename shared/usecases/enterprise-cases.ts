/**
 * Enterprise-level differentiated supervision (企业级差别化监管, SPEC §6.5): proposals on the three grounds, the
 * officer's confirmation or dismissal, the measures while active, release at a published ranking; the case's
 * timeline is hash-chained like a project case's (`shared/domain/timeline.ts`).
 *
 * Items live in the enterprise's partition (`ENTERPRISE#{creditCode}`): the case, its timeline, its talks, the
 * OPENECASE guard (one open case at a time); a case is found by id through its `REF#` item and listed by status
 * on gsi1 (`ECASES#{status}`).
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { lastDayOfMonth, quarterDays, quarterName, quarterOfDate } from '../domain/assessment/periods.js';
import { shanghaiDate, shanghaiTimestamp } from '../domain/dates.js';
import {
  agencyInspectionQuota,
  ENTERPRISE_CASE_STATUSES,
  ENTERPRISE_GROUND_NAMES,
  type EnterpriseCaseStatus,
  type EnterpriseGroundFinding,
  type EnterpriseProjectActivity,
  type EnterpriseWeighing,
  enterpriseCaseStandingOn,
  enterpriseInspectionDuty,
  penaltyPointsFinding,
  supervisedProjectsFinding,
  unweighedFindings,
} from '../domain/enterprise-case.js';
import { ConflictError, NotFoundError } from '../domain/errors.js';
import { RANKED_UNIT_ROLES, type RankedUnitRole } from '../domain/ranking.js';
import { chainEntry, findBrokenLink, type TimelineEntry, type TimelineEntryContent } from '../domain/timeline.js';
import type { RequestContext } from '../http/api.js';
import { principalId } from '../http/principal.js';
import { newId } from '../ids.js';
import { dynamo, TABLE_NAME } from '../store/client.js';
import { keys, listings } from '../store/keys.js';
import { listingPage } from '../store/listing.js';
import { readItem, readItems, readPartition } from '../store/project-collection.js';
import type { RuleSets } from '../store/rule-sets.js';
import { ConditionFailed, IdempotentReplay, UnitOfWork } from '../store/unit-of-work.js';
import { assessmentRulesOn } from './assessment-rules.js';
import { penaltyStanding } from './penalty-points.js';

/** An enterprise case as stored. */
export interface EnterpriseCaseRecord {
  id: string;
  creditCode: string;
  name: string;
  /** the roles it takes part in on its projects */
  roles: RankedUnitRole[];
  status: EnterpriseCaseStatus;
  /** the grounds of the proposal, each with its evidence */
  grounds: EnterpriseGroundFinding[];
  proposedAt: string;
  proposedOn: string;
  proposedBy: string;
  includedAt?: string | null;
  includedOn?: string | null;
  includedBy?: string | null;
  dismissedAt?: string | null;
  dismissedOn?: string | null;
  dismissReason?: string | null;
  releasedAt?: string | null;
  releasedOn?: string | null;
  /** the published ranking at which it was released */
  releaseRanking?: { quarter: string; revision: number } | null;
  /** the last published ranking that found a ground holding while it was active */
  lastReviewed?: { quarter: string; revision: number; grounds: string[] } | null;
  weighings: EnterpriseWeighing[];
  ruleSetVersion: string;
  timelineSeq: number;
  timelineHead: string;
}

/** Every enterprise case of an enterprise (not their timelines or talks), oldest first. */
export async function enterpriseCasesOf(creditCode: string): Promise<EnterpriseCaseRecord[]> {
  const cases: EnterpriseCaseRecord[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamo.send(
      new QueryCommand({
        TableName: TABLE_NAME,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :case)',
        FilterExpression: '#type = :type',
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: {
          ':pk': keys.enterprisePartition(creditCode),
          ':case': 'ECASE#',
          ':type': 'enterprise-case',
        },
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) {
      const { pk: _pk, sk: _sk, type: _type, gsi1pk: _g1, gsi1sk: _g2, ...record } = item;
      cases.push(record as EnterpriseCaseRecord);
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return cases.sort((a, b) => a.id.localeCompare(b.id));
}

/**
 * Where an enterprise stood on `date` under enterprise-level supervision (SPEC §6.6 `enterpriseCase: {status,
 * since} | null`, for the credit lookup): `active` since its inclusion, `proposed` since its proposal while an
 * officer had not decided, or null when no case of it was open that day.
 */
export async function enterpriseCaseOf(
  creditCode: string,
  date: string,
): Promise<{ status: 'proposed' | 'active'; since: string; caseId: string } | null> {
  return enterpriseCaseStandingOn(await enterpriseCasesOf(creditCode), date);
}

// ---------------------------------------------------------------------------------------------------------------
// the life cycle
// ---------------------------------------------------------------------------------------------------------------

const OPEN_ENTERPRISE_CASE = 'open-enterprise-case';
const ENTERPRISE_CASE_VERSION = 'enterprise-case-version';
const CONSUMED = 'consumed-event';

type Item = Record<string, unknown>;

function listingKeys(record: Pick<EnterpriseCaseRecord, 'status' | 'proposedAt' | 'id'>) {
  return { gsi1pk: listings.enterpriseCasesByStatus(record.status), gsi1sk: `${record.proposedAt}#${record.id}` };
}

function caseItem(record: EnterpriseCaseRecord): Item & { pk: string; sk: string } {
  return {
    ...keys.enterpriseCase(record.creditCode, record.id),
    type: 'enterprise-case',
    ...listingKeys(record),
    ...record,
  };
}

function putTimeline(uow: UnitOfWork, record: EnterpriseCaseRecord, entries: TimelineEntry[]) {
  for (const entry of entries) {
    uow.put(
      {
        ...keys.enterpriseCaseTimelineEntry(record.creditCode, record.id, entry.seq),
        type: 'enterprise-case-timeline',
        caseId: record.id,
        ...entry,
      },
      { mustBeNew: true, label: ENTERPRISE_CASE_VERSION },
    );
  }
}

/**
 * Change an enterprise case and append to its timeline in the same write, conditional on the timeline head read
 * (optimistic locking, as a project's case: shared/usecases/case-records.ts `changeCase`).
 */
function changeEnterpriseCase(
  uow: UnitOfWork,
  current: EnterpriseCaseRecord,
  change: { set?: Partial<EnterpriseCaseRecord>; entries: TimelineEntryContent[] },
): EnterpriseCaseRecord {
  let previous: { seq: number; hash: string } = { seq: current.timelineSeq, hash: current.timelineHead };
  const entries: TimelineEntry[] = [];
  for (const content of change.entries) {
    const entry = chainEntry(previous, content);
    entries.push(entry);
    previous = entry;
  }
  const next: EnterpriseCaseRecord = {
    ...current,
    ...change.set,
    timelineSeq: previous.seq,
    timelineHead: previous.hash,
  };
  const fields: Record<string, unknown> = {
    ...change.set,
    timelineSeq: next.timelineSeq,
    timelineHead: next.timelineHead,
  };
  if (change.set?.status && change.set.status !== current.status) Object.assign(fields, listingKeys(next));
  const names: Record<string, string> = { '#seq': 'timelineSeq' };
  const values: Record<string, unknown> = { ':expectedSeq': current.timelineSeq };
  const assignments = Object.entries(fields).map(([field, value], index) => {
    names[`#f${index}`] = field;
    values[`:v${index}`] = value;
    return `#f${index} = :v${index}`;
  });
  uow.update(
    keys.enterpriseCase(current.creditCode, current.id),
    { expression: `SET ${assignments.join(', ')}`, names, values },
    { condition: { expression: '#seq = :expectedSeq' }, label: ENTERPRISE_CASE_VERSION },
  );
  putTimeline(uow, next, entries);
  return next;
}

/** A consumer's record that it handled an event for an enterprise (redelivered events change nothing). */
function markConsumed(uow: UnitOfWork, consumer: string, eventId: string, now: Date) {
  uow.put(
    { ...keys.consumed(consumer, eventId), type: 'consumed', consumer, eventId, consumedAt: now.toISOString() },
    { mustBeNew: true, label: CONSUMED },
  );
}

/** What a proposal needs: the enterprise, the grounds found, who proposes, and (from an event) its marker. */
export interface EnterpriseProposal {
  creditCode: string;
  name: string;
  roles: RankedUnitRole[];
  findings: EnterpriseGroundFinding[];
  actor: string;
  now: Date;
  ruleSetVersion: string;
  /** a consumer and the event it handles: marked in the same transaction */
  consumed?: { consumer: string; eventId: string };
}

/**
 * Propose an enterprise for enterprise-level supervision (SPEC §6.5) on the grounds found — only on evidence no
 * earlier decision on it weighed, and only while it has no open case (one at a time: the OPENECASE guard). The case,
 * its first timeline entry, the guard, its reference and `EnterpriseCaseProposed` commit together. Null when nothing
 * is proposed (open case, all evidence weighed, or a redelivered event).
 */
export async function proposeEnterpriseCase(proposal: EnterpriseProposal): Promise<EnterpriseCaseRecord | null> {
  const cases = await enterpriseCasesOf(proposal.creditCode);
  if (cases.some((record) => record.status === 'proposed' || record.status === 'active')) return null;
  const findings = unweighedFindings(
    proposal.findings,
    cases.flatMap((record) => record.weighings ?? []),
  );
  if (!findings.length) return null;
  const { now } = proposal;
  const id = newId('ecs');
  const evidence = [...new Set(findings.flatMap((finding) => finding.evidence))].sort();
  const entry = chainEntry(null, {
    at: now.toISOString(),
    actor: proposal.actor,
    action: 'proposed',
    detail: {
      grounds: findings.map((finding) => ({ ground: finding.ground, explanation: finding.explanation })),
      ruleSetVersion: proposal.ruleSetVersion,
    },
    evidence,
  });
  const record: EnterpriseCaseRecord = {
    id,
    creditCode: proposal.creditCode,
    name: proposal.name,
    roles: proposal.roles,
    status: 'proposed',
    grounds: findings,
    proposedAt: now.toISOString(),
    proposedOn: shanghaiDate(now),
    proposedBy: proposal.actor,
    weighings: [],
    ruleSetVersion: proposal.ruleSetVersion,
    timelineSeq: entry.seq,
    timelineHead: entry.hash,
  };
  const uow = new UnitOfWork(now);
  uow.put(caseItem(record), { mustBeNew: true, label: 'enterprise-case' });
  uow.put(
    { ...keys.openEnterpriseCaseLock(record.creditCode), type: 'open-enterprise-case', caseId: id },
    { mustBeNew: true, label: OPEN_ENTERPRISE_CASE },
  );
  uow.put(
    { ...keys.reference(id), type: 'reference', id, recordType: 'enterprise-case', creditCode: record.creditCode },
    { mustBeNew: true },
  );
  putTimeline(uow, record, [entry]);
  uow.emit('EnterpriseCaseProposed', id, {
    enterpriseCaseId: id,
    creditCode: record.creditCode,
    name: record.name,
    grounds: findings.map((finding) => finding.ground),
    evidence,
    ruleSetVersion: record.ruleSetVersion,
  });
  if (proposal.consumed) markConsumed(uow, proposal.consumed.consumer, proposal.consumed.eventId, now);
  try {
    await uow.commit();
    return record;
  } catch (error) {
    if (error instanceof ConditionFailed && [OPEN_ENTERPRISE_CASE, CONSUMED].includes(error.label)) return null;
    throw error;
  }
}

/** An enterprise case found by its id alone (its `REF#` item names the enterprise). */
async function loadEnterpriseCase(caseId: string): Promise<EnterpriseCaseRecord> {
  const reference = await readItem<{ recordType: string; creditCode: string }>(keys.reference(caseId));
  const record =
    reference?.recordType === 'enterprise-case'
      ? (await enterpriseCasesOf(reference.creditCode)).find((candidate) => candidate.id === caseId)
      : undefined;
  if (!record) {
    throw new NotFoundError({
      zh: `没有编号为 ${caseId} 的企业级差别化监管记录`,
      en: `there is no enterprise case ${caseId}`,
    });
  }
  return record;
}

/** The grounds' evidence, as a decision on the case weighs it. */
const evidenceOf = (record: EnterpriseCaseRecord) =>
  [...new Set(record.grounds.flatMap((finding) => finding.evidence))].sort();

/**
 * `POST /v1/enterprise-cases/{id}/confirm` (officer): the enterprise is put under enterprise-level supervision; its
 * measures start (SPEC §6.5). Confirming an active case again changes nothing.
 */
export async function confirmEnterpriseCase(caseId: string, ctx: RequestContext) {
  for (let attempt = 1; ; attempt++) {
    const record = await loadEnterpriseCase(caseId);
    if (record.status === 'active') return enterpriseCaseView(caseId, ctx);
    if (record.status !== 'proposed') {
      throw new ConflictError({
        zh: `该企业级差别化监管记录当前为“${STATUS_NAMES[record.status]}”，只能确认“拟纳入”的记录`,
        en: `enterprise case ${caseId} is ${record.status}; only a proposed case can be confirmed`,
      });
    }
    const today = shanghaiDate(ctx.now);
    const actor = principalId(ctx.principal);
    const uow = ctx.unitOfWork();
    const weighing: EnterpriseWeighing = { caseId, decision: 'inclusion', on: today, evidence: evidenceOf(record) };
    changeEnterpriseCase(uow, record, {
      set: {
        status: 'active',
        includedAt: ctx.now.toISOString(),
        includedOn: today,
        includedBy: actor,
        weighings: [...(record.weighings ?? []), weighing],
      },
      entries: [{ at: ctx.now.toISOString(), actor, action: 'included', detail: {}, evidence: weighing.evidence }],
    });
    uow.emit('EnterpriseCaseIncluded', caseId, {
      enterpriseCaseId: caseId,
      creditCode: record.creditCode,
      name: record.name,
      includedOn: today,
    });
    try {
      await uow.commit({ status: 200, body: { enterpriseCaseId: caseId }, reread: true });
    } catch (error) {
      if (error instanceof IdempotentReplay) return enterpriseCaseView(caseId, ctx);
      if (!(error instanceof ConditionFailed && error.label === ENTERPRISE_CASE_VERSION) || attempt >= 5) throw error;
      continue;
    }
    return enterpriseCaseView(caseId, ctx);
  }
}

/** `POST /v1/enterprise-cases/{id}/dismiss {reason}` (officer): a proposed case is closed; its evidence is weighed. */
export async function dismissEnterpriseCase(caseId: string, reason: string, ctx: RequestContext) {
  for (let attempt = 1; ; attempt++) {
    const record = await loadEnterpriseCase(caseId);
    if (record.status === 'dismissed') return enterpriseCaseView(caseId, ctx);
    if (record.status !== 'proposed') {
      throw new ConflictError({
        zh: `该企业级差别化监管记录当前为“${STATUS_NAMES[record.status]}”，只能不予纳入“拟纳入”的记录`,
        en: `enterprise case ${caseId} is ${record.status}; only a proposed case can be dismissed`,
      });
    }
    const today = shanghaiDate(ctx.now);
    const actor = principalId(ctx.principal);
    const uow = ctx.unitOfWork();
    const weighing: EnterpriseWeighing = { caseId, decision: 'dismissal', on: today, evidence: evidenceOf(record) };
    changeEnterpriseCase(uow, record, {
      set: {
        status: 'dismissed',
        dismissedAt: ctx.now.toISOString(),
        dismissedOn: today,
        dismissReason: reason,
        weighings: [...(record.weighings ?? []), weighing],
      },
      entries: [
        { at: ctx.now.toISOString(), actor, action: 'dismissed', detail: { reason }, evidence: weighing.evidence },
      ],
    });
    uow.delete(keys.openEnterpriseCaseLock(record.creditCode));
    uow.emit('EnterpriseCaseDismissed', caseId, {
      enterpriseCaseId: caseId,
      creditCode: record.creditCode,
      name: record.name,
      reason,
    });
    try {
      await uow.commit({ status: 200, body: { enterpriseCaseId: caseId }, reread: true });
    } catch (error) {
      if (error instanceof IdempotentReplay) return enterpriseCaseView(caseId, ctx);
      if (!(error instanceof ConditionFailed && error.label === ENTERPRISE_CASE_VERSION) || attempt >= 5) throw error;
      continue;
    }
    return enterpriseCaseView(caseId, ctx);
  }
}

/**
 * Release an active case at a published ranking where none of the three grounds holds (SPEC §6.5): the release
 * weighs what the case rested on, `EnterpriseCaseReleased`. A case released already changes nothing.
 */
export async function releaseEnterpriseCase(
  record: EnterpriseCaseRecord,
  ranking: { quarter: string; revision: number; eventId: string },
  now: Date,
): Promise<boolean> {
  if (record.status !== 'active') return false;
  const today = shanghaiDate(now);
  const uow = new UnitOfWork(now);
  const weighing: EnterpriseWeighing = {
    caseId: record.id,
    decision: 'release',
    on: today,
    evidence: evidenceOf(record),
  };
  changeEnterpriseCase(uow, record, {
    set: {
      status: 'released',
      releasedAt: now.toISOString(),
      releasedOn: today,
      releaseRanking: { quarter: ranking.quarter, revision: ranking.revision },
      weighings: [...(record.weighings ?? []), weighing],
    },
    entries: [
      {
        at: now.toISOString(),
        actor: RANKING_ACTOR,
        action: 'released',
        detail: {
          quarter: ranking.quarter,
          revision: ranking.revision,
          explanation: `${quarterName(ranking.quarter)}排名公布时，三项纳入情形均不再具备，解除企业级差别化监管`,
        },
        evidence: weighing.evidence,
      },
    ],
  });
  uow.delete(keys.openEnterpriseCaseLock(record.creditCode));
  uow.emit('EnterpriseCaseReleased', record.id, {
    enterpriseCaseId: record.id,
    creditCode: record.creditCode,
    name: record.name,
    releasedOn: today,
    ranking: { quarter: ranking.quarter, revision: ranking.revision },
  });
  markConsumed(uow, RANKING_CONSUMER, rankingReviewId(ranking, record.id), now);
  try {
    await uow.commit();
    return true;
  } catch (error) {
    if (error instanceof ConditionFailed && [ENTERPRISE_CASE_VERSION, CONSUMED].includes(error.label)) return false;
    throw error;
  }
}

/** Note on an active case that a published ranking found a ground still holding (it stays active). */
export async function noteStillHolding(
  record: EnterpriseCaseRecord,
  ranking: { quarter: string; revision: number; eventId: string },
  findings: EnterpriseGroundFinding[],
  now: Date,
): Promise<void> {
  const uow = new UnitOfWork(now);
  changeEnterpriseCase(uow, record, {
    set: {
      lastReviewed: {
        quarter: ranking.quarter,
        revision: ranking.revision,
        grounds: findings.map((finding) => finding.ground),
      },
    },
    entries: [
      {
        at: now.toISOString(),
        actor: RANKING_ACTOR,
        action: 'reviewed',
        detail: {
          quarter: ranking.quarter,
          revision: ranking.revision,
          grounds: findings.map((finding) => ({ ground: finding.ground, explanation: finding.explanation })),
        },
        evidence: [...new Set(findings.flatMap((finding) => finding.evidence))].sort(),
      },
    ],
  });
  markConsumed(uow, RANKING_CONSUMER, rankingReviewId(ranking, record.id), now);
  try {
    await uow.commit();
  } catch (error) {
    if (!(error instanceof ConditionFailed && [ENTERPRISE_CASE_VERSION, CONSUMED].includes(error.label))) throw error;
  }
}

/** The consumer of published rankings (its markers, its timeline actor). */
export const RANKING_CONSUMER = 'ranking-supervision';

/**
 * The marker of one published revision's review of one case: keyed by the revision, not the event, so a duplicate
 * `RankingPublished` of the same revision (whatever its event id) reviews nothing twice.
 */
export function rankingReviewId(ranking: { quarter: string; revision: number }, caseId: string): string {
  return `${ranking.quarter}#r${ranking.revision}#${caseId}`;
}
const RANKING_ACTOR = 'system:ranking-publication';
const GROUNDS_CONSUMER = 'enterprise-grounds';
const GROUNDS_ACTOR = 'system:enterprise-grounds';

const STATUS_NAMES: Readonly<Record<EnterpriseCaseStatus, string>> = {
  proposed: '拟纳入',
  active: '监管中',
  released: '已解除',
  dismissed: '不予纳入',
};

/** `POST /v1/enterprise-cases/{id}/talks {date, attendees, summary}` (officer): a summons talk (约谈) recorded. */
export async function recordTalk(
  caseId: string,
  body: { date: string; attendees: string[]; summary: string },
  ctx: RequestContext,
) {
  for (let attempt = 1; ; attempt++) {
    const record = await loadEnterpriseCase(caseId);
    if (record.status !== 'active') {
      throw new ConflictError({
        zh: `约谈是企业级差别化监管期间的措施：该记录当前为“${STATUS_NAMES[record.status]}”`,
        en: `a summons talk is a measure of an active enterprise case; ${caseId} is ${record.status}`,
      });
    }
    const today = shanghaiDate(ctx.now);
    if (body.date > today) {
      throw new ConflictError(
        {
          zh: `约谈日期 ${body.date} 晚于今天（${today}）：请在约谈后记录`,
          en: `the talk's date ${body.date} is after today`,
        },
        [{ field: 'date', message: { zh: '不能晚于今天', en: 'must not be after today' } }],
      );
    }
    const actor = principalId(ctx.principal);
    const talk = {
      id: newId('tlk'),
      caseId,
      date: body.date,
      attendees: body.attendees,
      summary: body.summary,
      recordedAt: ctx.now.toISOString(),
      recordedBy: actor,
    };
    const uow = ctx.unitOfWork();
    uow.put(
      { ...keys.enterpriseTalk(record.creditCode, caseId, talk.id), type: 'enterprise-talk', ...talk },
      { mustBeNew: true },
    );
    changeEnterpriseCase(uow, record, {
      entries: [
        {
          at: ctx.now.toISOString(),
          actor,
          action: 'talk_recorded',
          detail: { date: body.date, attendees: body.attendees },
          evidence: [talk.id],
        },
      ],
    });
    uow.emit('EnterpriseTalkRecorded', caseId, {
      enterpriseCaseId: caseId,
      creditCode: record.creditCode,
      talkId: talk.id,
      date: body.date,
    });
    const response = { status: 201, body: talkView(talk), headers: { location: `/v1/enterprise-cases/${caseId}` } };
    try {
      await uow.commit(response);
      return response;
    } catch (error) {
      if (error instanceof IdempotentReplay) throw error;
      if (!(error instanceof ConditionFailed && error.label === ENTERPRISE_CASE_VERSION) || attempt >= 5) throw error;
    }
  }
}

function talkView(talk: {
  id: string;
  date: string;
  attendees: string[];
  summary: string;
  recordedAt: string;
  recordedBy: string;
}) {
  return {
    id: talk.id,
    date: talk.date,
    attendees: talk.attendees,
    summary: talk.summary,
    recordedAt: shanghaiTimestamp(new Date(talk.recordedAt)),
    recordedBy: talk.recordedBy,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// the enterprise's projects
// ---------------------------------------------------------------------------------------------------------------

/** A project the enterprise takes part in (in a ranked role), from its `UNIT#` items. */
export interface EnterpriseProject {
  projectId: string;
  name: string;
  district: string;
  phase: string;
  role: RankedUnitRole;
}

/** The projects an enterprise takes part in as developer, general contractor or supervisor. */
export async function projectsOfEnterprise(creditCode: string): Promise<EnterpriseProject[]> {
  const items = await readPartition(`UNIT#${creditCode}`);
  return items
    .filter(
      (item) => item.type === 'unit-project' && (RANKED_UNIT_ROLES as readonly string[]).includes(String(item.role)),
    )
    .map((item) => ({
      projectId: String(item.projectId),
      name: String(item.name),
      district: String(item.district),
      phase: String(item.phase),
      role: item.role as RankedUnitRole,
    }));
}

/** Which of these projects are under differentiated supervision now (an active case): their case ids. */
export async function activeCasesOf(projects: readonly { projectId: string; name: string }[]) {
  const guards = await readItems(projects.map((project) => keys.openCaseLock(project.projectId)));
  const cases = await readItems(
    guards.map((guard) => keys.supervisionCase(String(guard.pk).slice('PROJECT#'.length), String(guard.caseId))),
  );
  return cases
    .filter((item) => item.status === 'active')
    .map((item) => ({
      caseId: String(item.id),
      projectId: String(item.projectId),
      projectName: String(item.projectName ?? projects.find((p) => p.projectId === item.projectId)?.name ?? ''),
    }))
    .sort((a, b) => a.caseId.localeCompare(b.caseId));
}

// ---------------------------------------------------------------------------------------------------------------
// the grounds as events show them
// ---------------------------------------------------------------------------------------------------------------

/**
 * `CaseIncluded` / `CaseReleased` (SPEC §6.5 "as soon as 2 or more of its projects are under differentiated
 * supervision at once"): for each enterprise of the project (developer, general contractor, supervisor), count its
 * projects under supervision now; at the threshold it is proposed. An enterprise with an open case gets the change
 * on its timeline instead. Idempotent per event and enterprise.
 */
export async function onProjectCaseChanged(
  event: { eventId: string; type: 'CaseIncluded' | 'CaseReleased'; projectId: string; caseId: string },
  now: Date,
  ruleSets: RuleSets,
) {
  const project = await readItem<{ units: Array<{ role: string; name: string; creditCode: string }> }>(
    keys.project(event.projectId),
  );
  if (!project) return { proposed: [] as string[] };
  const rules = await assessmentRulesOn(shanghaiDate(now), ruleSets);
  const proposed: string[] = [];
  const enterprises = new Map<string, { name: string; roles: RankedUnitRole[] }>();
  for (const unit of project.units) {
    if (!(RANKED_UNIT_ROLES as readonly string[]).includes(unit.role)) continue;
    const known = enterprises.get(unit.creditCode) ?? { name: unit.name, roles: [] };
    known.roles.push(unit.role as RankedUnitRole);
    enterprises.set(unit.creditCode, known);
  }
  for (const [creditCode, enterprise] of enterprises) {
    const consumed = { consumer: GROUNDS_CONSUMER, eventId: `${event.eventId}#${creditCode}` };
    if (await readItem(keys.consumed(consumed.consumer, consumed.eventId))) continue;
    const active = await activeCasesOf(await projectsOfEnterprise(creditCode));
    const cases = await enterpriseCasesOf(creditCode);
    const open = cases.find((record) => record.status === 'proposed' || record.status === 'active');
    if (open) {
      const uow = new UnitOfWork(now);
      changeEnterpriseCase(uow, open, {
        entries: [
          {
            at: now.toISOString(),
            actor: GROUNDS_ACTOR,
            action: event.type === 'CaseIncluded' ? 'project_included' : 'project_released',
            detail: {
              projectId: event.projectId,
              caseId: event.caseId,
              supervisedProjectsNow: active.length,
            },
            evidence: [event.caseId],
          },
        ],
      });
      markConsumed(uow, consumed.consumer, consumed.eventId, now);
      try {
        await uow.commit();
      } catch (error) {
        if (!(error instanceof ConditionFailed && [ENTERPRISE_CASE_VERSION, CONSUMED].includes(error.label)))
          throw error;
      }
      continue;
    }
    if (
      event.type !== 'CaseIncluded' ||
      active.length < rules.thresholds.enterpriseSupervision.supervisedProjectsAtOnce
    ) {
      continue;
    }
    const record = await proposeEnterpriseCase({
      creditCode,
      name: enterprise.name,
      roles: enterprise.roles,
      findings: [supervisedProjectsFinding(active)],
      actor: GROUNDS_ACTOR,
      now,
      ruleSetVersion: rules.ruleSetVersion,
      consumed,
    });
    if (record) proposed.push(record.id);
  }
  return { proposed };
}

/**
 * `PenaltyThresholdReached` of an enterprise at or above the enterprise level (SPEC §6.5: "its points in window
 * reach 16"): the enterprise is proposed, the crossing's entry its evidence. Idempotent per event.
 */
export async function onPenaltyThresholdReached(
  event: {
    eventId: string;
    subject: { kind: string; id: string; name: string };
    level: number;
    totalInWindow: number;
    entryId: string;
  },
  now: Date,
  ruleSets: RuleSets,
) {
  if (event.subject.kind !== 'enterprise') return { proposed: null };
  const rules = await assessmentRulesOn(shanghaiDate(now), ruleSets);
  if (event.level < rules.thresholds.enterpriseSupervision.pointsInWindow) return { proposed: null };
  const projects = await projectsOfEnterprise(event.subject.id);
  const record = await proposeEnterpriseCase({
    creditCode: event.subject.id,
    name: event.subject.name,
    roles: [...new Set(projects.map((project) => project.role))],
    findings: [penaltyPointsFinding(event)],
    actor: GROUNDS_ACTOR,
    now,
    ruleSetVersion: rules.ruleSetVersion,
    consumed: { consumer: GROUNDS_CONSUMER, eventId: event.eventId },
  });
  return { proposed: record?.id ?? null };
}

/**
 * The grounds that hold for an enterprise now, at a published ranking (SPEC §6.5): its places in the bottom of the
 * ranking's role lists, its projects under supervision now, its points in window.
 */
export async function groundsNow(
  creditCode: string,
  bottom: EnterpriseGroundFinding | null,
  date: string,
  ruleSets: RuleSets,
): Promise<EnterpriseGroundFinding[]> {
  const rules = await assessmentRulesOn(date, ruleSets);
  const findings: EnterpriseGroundFinding[] = bottom ? [bottom] : [];
  const active = await activeCasesOf(await projectsOfEnterprise(creditCode));
  if (active.length >= rules.thresholds.enterpriseSupervision.supervisedProjectsAtOnce) {
    findings.push(supervisedProjectsFinding(active));
  }
  const points = await penaltyStanding('enterprise', creditCode, date, ruleSets);
  if (points.totalInWindow >= rules.thresholds.enterpriseSupervision.pointsInWindow) {
    findings.push({
      ground: 'penalty_points',
      evidence: points.entryIds.map((entryId) => `points:${entryId}`),
      explanation: `动态记分有效期内累计${points.totalInWindow}分，达到${rules.thresholds.enterpriseSupervision.pointsInWindow}分`,
    });
  }
  return findings;
}

// ---------------------------------------------------------------------------------------------------------------
// reading
// ---------------------------------------------------------------------------------------------------------------

/** The activity on an enterprise's projects: agency inspections and the enterprise's own, with their dates. */
async function activityOf(
  projects: readonly EnterpriseProject[],
  creditCode: string,
): Promise<EnterpriseProjectActivity[]> {
  const own = (await readPartition(keys.enterprisePartition(creditCode))).filter(
    (item) => item.type === 'enterprise-inspection',
  );
  return Promise.all(
    projects.map(async (project) => {
      const inspections = await dynamo.send(
        new QueryCommand({
          TableName: TABLE_NAME,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :inspection)',
          ExpressionAttributeValues: { ':pk': keys.projectPartition(project.projectId), ':inspection': 'INSPECTION#' },
          ProjectionExpression: '#date',
          ExpressionAttributeNames: { '#date': 'date' },
        }),
      );
      return {
        projectId: project.projectId,
        name: project.name,
        agencyInspections: (inspections.Items ?? []).map((item) => String(item.date)),
        enterpriseInspections: own
          .filter((item) => item.projectId === project.projectId)
          .map((item) => String(item.date)),
      };
    }),
  );
}

/** The projects an enterprise case's measures are about: its projects still building (施工准备、竣工收尾 left out). */
async function measuredProjects(creditCode: string, ruleSets: RuleSets, date: string) {
  const rules = await assessmentRulesOn(date, ruleSets);
  const excluded = rules.thresholds.ranking.excludedPhases as readonly string[];
  const seen = new Set<string>();
  const projects = (await projectsOfEnterprise(creditCode)).filter((project) => {
    if (excluded.includes(project.phase) || seen.has(project.projectId)) return false;
    seen.add(project.projectId);
    return true;
  });
  return { projects, rules };
}

/**
 * The measures of an active case (SPEC §6.5) as of `date`: the agency's inspections of each project in the month
 * (≥ 2), and the enterprise's own in the quarter (≥ 2 per project).
 */
export async function enterpriseMeasures(record: EnterpriseCaseRecord, date: string, ruleSets: RuleSets) {
  const { projects, rules } = await measuredProjects(record.creditCode, ruleSets, date);
  const activity = await activityOf(projects, record.creditCode);
  const quarter = quarterOfDate(date);
  return {
    month: date.slice(0, 7),
    agencyInspections: agencyInspectionQuota(activity, date.slice(0, 7), rules.thresholds),
    enterpriseInspections: enterpriseInspectionDuty(activity, { quarter, ...quarterDays(quarter) }, rules.thresholds),
  };
}

/** `GET /v1/enterprise-cases/{id}` (inspector): the case, its grounds, timeline (chain checked), talks, measures. */
export async function enterpriseCaseView(caseId: string, ctx: RequestContext) {
  const record = await loadEnterpriseCase(caseId);
  const items = await dynamo.send(
    new QueryCommand({
      TableName: TABLE_NAME,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :case)',
      ExpressionAttributeValues: { ':pk': keys.enterprisePartition(record.creditCode), ':case': `ECASE#${caseId}#` },
      ConsistentRead: true,
    }),
  );
  const strip = ({ pk: _pk, sk: _sk, type: _type, caseId: _caseId, ...rest }: Record<string, unknown>) => rest;
  const timeline = (items.Items ?? [])
    .filter((item) => item.type === 'enterprise-case-timeline')
    .map((item) => strip(item) as unknown as TimelineEntry)
    .sort((a, b) => a.seq - b.seq);
  const talks = (items.Items ?? [])
    .filter((item) => item.type === 'enterprise-talk')
    .map((item) => talkView(item as never))
    .sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id));
  const today = shanghaiDate(ctx.now);
  // its projects and which of them are under differentiated supervision now: two batch reads, what the console's
  // detail screen shows beside the grounds (a proposal on two supervised projects names them)
  const ownProjects = await projectsOfEnterprise(record.creditCode);
  const supervised = await activeCasesOf(ownProjects);
  return {
    id: record.id,
    creditCode: record.creditCode,
    name: record.name,
    roles: record.roles,
    status: record.status,
    statusName: STATUS_NAMES[record.status],
    grounds: record.grounds.map((finding) => ({
      ground: finding.ground,
      name: ENTERPRISE_GROUND_NAMES[finding.ground],
      explanation: finding.explanation,
      evidence: finding.evidence,
    })),
    proposedAt: shanghaiTimestamp(new Date(record.proposedAt)),
    proposedOn: record.proposedOn,
    includedOn: record.includedOn ?? null,
    dismissedOn: record.dismissedOn ?? null,
    dismissReason: record.dismissReason ?? null,
    releasedOn: record.releasedOn ?? null,
    releaseRanking: record.releaseRanking ?? null,
    lastReviewed: record.lastReviewed ?? null,
    ruleSetVersion: record.ruleSetVersion,
    weighings: record.weighings ?? [],
    measures: record.status === 'active' ? await enterpriseMeasures(record, today, ctx.ruleSets) : null,
    projects: ownProjects.map((project) => ({
      ...project,
      caseId: supervised.find((active) => active.projectId === project.projectId)?.caseId ?? null,
    })),
    talks,
    timeline,
    timelineIntact: findBrokenLink(timeline) === null,
  };
}

/** `GET /v1/enterprise-cases?status=` (inspector): by status (every status when none), newest first. */
export async function listEnterpriseCases(query: {
  status?: EnterpriseCaseStatus | undefined;
  limit: number;
  nextToken?: string | undefined;
}) {
  const statuses = query.status ? [query.status] : [...ENTERPRISE_CASE_STATUSES];
  return listingPage(
    statuses.map((status) => listings.enterpriseCasesByStatus(status)),
    { limit: query.limit, nextToken: query.nextToken },
    (item) => ({
      id: item.id,
      creditCode: item.creditCode,
      name: item.name,
      status: item.status,
      grounds: ((item.grounds as EnterpriseGroundFinding[] | undefined) ?? []).map((finding) => finding.ground),
      proposedAt: shanghaiTimestamp(new Date(String(item.proposedAt))),
      includedOn: item.includedOn ?? null,
      releasedOn: item.releasedOn ?? null,
    }),
  );
}

/**
 * The month's enterprise-level supervision for `GET /v1/stats` (SPEC §6.5 "in the statistics"): each case active in
 * the month, each of its projects' agency inspections against ≥ 2, the agency's shortfall.
 */
export async function enterpriseSupervisionStatistics(month: string, ruleSets: RuleSets) {
  const first = `${month}-01`;
  const monthEnd = lastDayOfMonth(month);
  const listed = (
    await Promise.all(
      (['active', 'released'] as const).map(async (status) => {
        const page = await listingPage([listings.enterpriseCasesByStatus(status)], { limit: 1000 }, (item) => item);
        return page.items;
      }),
    )
  ).flat();
  const cases = listed.filter(
    (item) =>
      typeof item.includedOn === 'string' &&
      item.includedOn <= monthEnd &&
      (typeof item.releasedOn !== 'string' || item.releasedOn > first),
  );
  const rules = await assessmentRulesOn(monthEnd, ruleSets);
  const lines = await Promise.all(
    cases.map(async (item) => {
      const { projects } = await measuredProjects(String(item.creditCode), ruleSets, monthEnd);
      const quota = agencyInspectionQuota(await activityOf(projects, String(item.creditCode)), month, rules.thresholds);
      return {
        enterpriseCaseId: String(item.id),
        creditCode: String(item.creditCode),
        name: String(item.name),
        status: String(item.status),
        ...quota,
      };
    }),
  );
  return {
    month,
    target: {
      agencyInspectionsPerProjectPerMonth: rules.thresholds.enterpriseSupervision.agencyInspectionsPerProjectPerMonth,
    },
    cases: lines.sort((a, b) => a.enterpriseCaseId.localeCompare(b.enterpriseCaseId)),
    projectsMeetingTarget: lines.reduce((sum, line) => sum + line.projectsMeetingTarget, 0),
    projects: lines.reduce((sum, line) => sum + line.projects.length, 0),
    shortfall: lines.reduce((sum, line) => sum + line.shortfall, 0),
    ruleSetVersion: rules.ruleSetVersion,
  };
}
