import { addWorkingDays } from '../domain/calendar.js';
import { evaluateConditions } from '../domain/conditions.js';
import { firstCycle } from '../domain/cycles.js';
import { shanghaiDate, shanghaiTimestamp } from '../domain/dates.js';
import { ConflictError, NotFoundError } from '../domain/errors.js';
import { formatNoticeNumber, noticeCounterName } from '../domain/notice-number.js';
import type { ObligationReport } from '../domain/obligations.js';
import type { RuleSetVersion } from '../domain/rule-set.js';
import { ruleSetInForce } from '../domain/rule-set.js';
import { findBrokenLink } from '../domain/timeline.js';
import { CASE_STATUSES, type CaseStatus, type ConditionId } from '../domain/vocabulary.js';
import { evidenceCited } from '../domain/weighed-evidence.js';
import type { RequestContext } from '../http/api.js';
import { principalId } from '../http/principal.js';
import { newId } from '../ids.js';
import { keys, listings } from '../store/keys.js';
import { listingPage } from '../store/listing.js';
import { readItem, referenceItem, resolveReference } from '../store/project-collection.js';
import { type CaseRecord, factsOf, type NoticeRecord, type ProjectSnapshot, readSnapshot } from '../store/snapshot.js';
import { ConditionFailed, IdempotentReplay } from '../store/unit-of-work.js';
import { currentObligations } from './case-obligations.js';
import { CASE_VERSION, changeCase, withWeighing } from './case-records.js';
import { circularView } from './circulars.js';
import { documentNumberPrefix, NOTICE_COUNTER, takeNumber } from './document-numbers.js';
import { hazardView } from './intake.js';
import { documentStatusOf, issuedDocumentsOf } from './issued-document-views.js';

// taken from here by the release notice of the monthly run (evaluation-batch.ts)
export { NOTICE_COUNTER, takeNumber };

/** The obligations of the current cycle: each unit's compliance and the items due by now. */
function obligationsView(report: ObligationReport | null) {
  if (!report) return null;
  return {
    period: report.period,
    asOf: report.asOf,
    compliance: report.compliance,
    items: report.obligations,
  };
}

/** A case and its project, found by the case id alone. */
async function loadCase(caseId: string): Promise<{ snapshot: ProjectSnapshot; record: CaseRecord }> {
  const reference = await resolveReference(caseId);
  const snapshot = reference?.recordType === 'case' ? await readSnapshot(reference.projectId) : undefined;
  const record = snapshot?.cases.find((candidate) => candidate.id === caseId);
  if (!snapshot || !record) throw new NotFoundError(`There is no case ${caseId}.`);
  return { snapshot, record };
}

export function noticeView(notice: NoticeRecord) {
  return {
    id: notice.id,
    caseId: notice.caseId,
    projectId: notice.projectId,
    type: notice.noticeType,
    number: notice.number,
    issuedOn: notice.issuedOn,
    receiptDueOn: notice.receiptDueOn,
    receiptDueAt: notice.receiptDueAt,
    calendarVersion: notice.calendarVersion,
    calendarFallback: notice.calendarFallback,
    ruleSetVersion: notice.ruleSetVersion ?? null,
    acknowledgedAt: notice.acknowledgedAt ? shanghaiTimestamp(new Date(notice.acknowledgedAt)) : null,
    documentSha256: notice.documentSha256,
    documentStatus: documentStatusOf(notice),
    recipients: notice.recipients,
    conditionsMet: notice.conditionsMet,
  };
}

/**
 * The case as `GET /v1/cases/{id}` shows it: the six conditions as of today (with the rule-set version in force
 * today), notices, cycles, timeline; each decision with the rule-set version it used. `ruleSets` are every version.
 */
export function caseView(
  snapshot: ProjectSnapshot,
  record: CaseRecord,
  now: Date,
  ruleSets: readonly RuleSetVersion[],
) {
  const today = shanghaiDate(now);
  const evaluation = evaluateConditions(factsOf(snapshot), { asOf: today, ruleSet: ruleSetInForce(ruleSets, today) });
  const timeline = snapshot.timelines.get(record.id) ?? [];
  const evaluations = snapshot.cycleEvaluations
    .filter((evaluation) => evaluation.caseId === record.id)
    .sort((a, b) => a.index - b.index);
  return {
    id: record.id,
    projectId: record.projectId,
    projectName: record.projectName,
    district: record.district,
    status: record.status,
    level: record.level,
    conditions: evaluation.conditions,
    conditionsAsOf: evaluation.asOf,
    ruleSetVersion: evaluation.ruleSetVersion,
    proposedRuleSetVersion: record.ruleSetVersion,
    includedRuleSetVersion: record.includedRuleSetVersion ?? null,
    proposedAt: record.proposedAt,
    proposedConditions: record.proposedConditions,
    includedAt: record.includedAt ?? null,
    dismissedAt: record.dismissedAt ?? null,
    dismissReason: record.dismissReason ?? null,
    units: snapshot.project.units,
    openHazards: snapshot.findings
      .filter((finding) => finding.status !== 'accepted')
      .map((finding) => hazardView(finding, today)),
    notices: snapshot.notices.filter((notice) => notice.caseId === record.id).map(noticeView),
    issuedDocuments: issuedDocumentsOf(snapshot, record.id),
    cycles: [
      ...evaluations.map((evaluation) => ({
        index: evaluation.index,
        start: evaluation.start,
        end: evaluation.end,
        extendedMonths: evaluation.extendedMonths,
        verdict: evaluation.verdict,
        levelAfter: evaluation.levelAfter,
        evaluatedAt: evaluation.evaluatedAt,
        ruleSetVersion: evaluation.ruleSetVersion ?? null,
      })),
      ...(record.status === 'active' && record.cycle
        ? [{ ...record.cycle, verdict: null, levelAfter: null, evaluatedAt: null, ruleSetVersion: null }]
        : []),
    ],
    evaluations: evaluations.map(({ caseId: _case, projectId: _project, ...evaluation }) => evaluation),
    levelReachedOn: record.levelReachedOn ?? {},
    circulars: snapshot.circulars
      .filter((circular) => circular.caseId === record.id)
      .sort((a, b) => a.draftedAt.localeCompare(b.draftedAt))
      .map(circularView),
    obligations: obligationsView(currentObligations(snapshot, record, now, ruleSets)),
    weighings: record.weighings ?? [],
    timeline,
    timelineIntact: findBrokenLink(timeline) === null,
  };
}

export async function getCase(caseId: string, ctx: RequestContext) {
  const [{ snapshot, record }, ruleSets] = await Promise.all([loadCase(caseId), ctx.ruleSets.all()]);
  return caseView(snapshot, record, ctx.now, ruleSets);
}

/** Configured notice number prefixes (defaults of the seed's agency; override per deployment). */
export function noticePrefix(type: 'inclusion' | 'release'): string {
  return documentNumberPrefix(type);
}

/**
 * `POST /v1/cases/{caseId}/confirm` (officer): the case becomes active and the inclusion notice (附件1) is issued
 * with the next number of the year's gap-free sequence and a receipt deadline of 5 PRC working days. The number is
 * taken in the same transaction as the transition, so a number is used exactly when a notice exists. The PDF is
 * the document renderer's work, after the commit (`NoticeIssued` → the `document-renders` queue): the answer shows
 * the notice `pending` until it is stored. Confirming again never issues a second notice.
 */
export async function confirmCase(caseId: string, ctx: RequestContext) {
  const actor = principalId(ctx.principal);
  for (let attempt = 1; ; attempt++) {
    const { snapshot, record } = await loadCase(caseId);
    if (record.status === 'active') return caseView(snapshot, record, ctx.now, await ctx.ruleSets.all());
    if (record.status !== 'proposed') {
      throw new ConflictError(`Case ${caseId} is ${record.status}; only a proposed case can be confirmed.`);
    }
    const today = shanghaiDate(ctx.now);
    const ruleSet = await ctx.ruleSets.inForce(today);
    const year = Number(today.slice(0, 4));
    const counterKey = keys.counter(noticeCounterName('inclusion', year));
    const counter = await readItem<{ value: number }>(counterKey);
    const sequence = (counter?.value ?? 0) + 1;
    const due = addWorkingDays(today, ruleSet.thresholds.receiptWorkingDays);
    const noticeId = newId('ntc');
    const held = evaluateConditions(factsOf(snapshot), { asOf: today, ruleSet }).conditions;
    const conditionsMet = held.filter((condition) => condition.met).map((condition) => condition.id);
    // the records cited at inclusion — the proposal's and those holding today — are weighed: no evidence of the
    // cycles, nor of a later proposal (SPEC §2.1)
    const weighings = withWeighing(record, {
      caseId,
      decision: 'inclusion',
      on: today,
      evidence: evidenceCited(record.proposedConditions as typeof held, held),
    });
    const notice: NoticeRecord = {
      id: noticeId,
      caseId,
      projectId: record.projectId,
      noticeType: 'inclusion',
      number: formatNoticeNumber(noticePrefix('inclusion'), year, sequence),
      sequence,
      issuedOn: today,
      issuedAt: ctx.now.toISOString(),
      receiptDueOn: due.dueOn,
      receiptDueAt: due.dueAt,
      calendarVersion: due.calendarVersion,
      calendarFallback: due.fallback,
      ruleSetVersion: ruleSet.id,
      acknowledgedAt: null,
      documentKey: `notices/${caseId}/${noticeId}.pdf`,
      documentSha256: null,
      recipients: snapshot.project.units.map((unit) => unit.name),
      // the conditions that hold at inclusion; if they lapsed since the proposal, those of the proposal
      conditionsMet: conditionsMet.length
        ? conditionsMet
        : (record.proposedConditions as Array<{ id: ConditionId; met: boolean }>).filter((c) => c.met).map((c) => c.id),
    };
    const uow = ctx.unitOfWork();
    takeNumber(uow, counterKey, counter?.value ?? 0, sequence);
    changeCase(uow, record, {
      set: {
        status: 'active',
        includedAt: ctx.now.toISOString(),
        includedOn: today,
        includedRuleSetVersion: ruleSet.id,
        cycle: firstCycle(today),
        weighings,
      },
      entries: [
        {
          at: ctx.now.toISOString(),
          actor,
          action: 'included',
          detail: { conditionsMet: notice.conditionsMet, ruleSetVersion: ruleSet.id },
          evidence: weighings.at(-1)?.evidence ?? [],
        },
        {
          at: ctx.now.toISOString(),
          actor,
          action: 'notice_issued',
          detail: {
            type: 'inclusion',
            number: notice.number,
            issuedOn: notice.issuedOn,
            receiptDueOn: notice.receiptDueOn,
            calendarVersion: notice.calendarVersion,
            ruleSetVersion: ruleSet.id,
          },
          evidence: [noticeId],
        },
      ],
    });
    uow.put({ ...keys.notice(record.projectId, caseId, noticeId), type: 'notice', ...notice }, { mustBeNew: true });
    uow.put(referenceItem({ id: noticeId, projectId: record.projectId, caseId, recordType: 'notice' }), {
      mustBeNew: true,
    });
    uow.emit('CaseIncluded', caseId, {
      caseId,
      projectId: record.projectId,
      noticeId,
      conditionsMet: notice.conditionsMet,
    });
    uow.emit('NoticeIssued', noticeId, {
      noticeId,
      caseId,
      projectId: record.projectId,
      type: 'inclusion',
      number: notice.number,
      issuedOn: notice.issuedOn,
      receiptDueOn: notice.receiptDueOn,
    });
    try {
      await uow.commit({ status: 200, body: { caseId, noticeId }, reread: true });
    } catch (error) {
      if (error instanceof IdempotentReplay) continue; // an earlier request with this key confirmed: show the case
      const raced = error instanceof ConditionFailed && [NOTICE_COUNTER, CASE_VERSION].includes(error.label);
      if (!raced || attempt >= 200) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(200, 5 * attempt)));
      continue;
    }
    return getCase(caseId, ctx);
  }
}

/** `POST /v1/cases/{caseId}/dismiss` (officer): a proposed case is closed with a reason. */
export async function dismissCase(caseId: string, reason: string, ctx: RequestContext) {
  const actor = principalId(ctx.principal);
  for (let attempt = 1; ; attempt++) {
    const { snapshot, record } = await loadCase(caseId);
    if (record.status === 'dismissed') return getCase(caseId, ctx);
    if (record.status !== 'proposed') {
      throw new ConflictError(`Case ${caseId} is ${record.status}; only a proposed case can be dismissed.`);
    }
    const today = shanghaiDate(ctx.now);
    const ruleSet = await ctx.ruleSets.inForce(today);
    const held = evaluateConditions(factsOf(snapshot), { asOf: today, ruleSet }).conditions;
    // what the officer had before them — the proposal, and the conditions as the case view showed them today — is
    // weighed: it proposes nothing again (SPEC §2.1)
    const weighings = withWeighing(record, {
      caseId,
      decision: 'dismissal',
      on: today,
      evidence: evidenceCited(record.proposedConditions as typeof held, held),
    });
    const uow = ctx.unitOfWork();
    changeCase(uow, record, {
      set: {
        status: 'dismissed',
        dismissedAt: ctx.now.toISOString(),
        dismissedOn: today,
        dismissReason: reason,
        weighings,
      },
      entries: [
        {
          at: ctx.now.toISOString(),
          actor,
          action: 'dismissed',
          detail: { reason, ruleSetVersion: ruleSet.id },
          evidence: weighings.at(-1)?.evidence ?? [],
        },
      ],
    });
    uow.delete(keys.openCaseLock(record.projectId));
    uow.emit('CaseDismissed', caseId, { caseId, projectId: record.projectId, reason });
    try {
      await uow.commit({ status: 200, body: { caseId }, reread: true });
    } catch (error) {
      if (error instanceof IdempotentReplay) return getCase(caseId, ctx);
      if (!(error instanceof ConditionFailed && error.label === CASE_VERSION) || attempt >= 5) throw error;
      continue;
    }
    return getCase(caseId, ctx);
  }
}

/** `GET /v1/notices/{noticeId}` */
export async function getNotice(noticeId: string) {
  const { notice } = await loadNotice(noticeId);
  return noticeView(notice);
}

async function loadNotice(noticeId: string) {
  const reference = await resolveReference(noticeId);
  const snapshot = reference?.recordType === 'notice' ? await readSnapshot(reference.projectId) : undefined;
  const notice = snapshot?.notices.find((candidate) => candidate.id === noticeId);
  if (!snapshot || !notice) throw new NotFoundError(`There is no notice ${noticeId}.`);
  return { snapshot, notice };
}

/** `GET /v1/cases`: by status (all statuses when none is given), newest first, optionally by level and district. */
export async function listCases(query: {
  status?: CaseStatus | undefined;
  level?: number | undefined;
  district?: string | undefined;
  limit: number;
  nextToken?: string | undefined;
}) {
  const statuses = query.status ? [query.status] : [...CASE_STATUSES];
  const filters: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  if (query.level !== undefined) {
    filters.push('#level = :level');
    names['#level'] = 'level';
    values[':level'] = query.level;
  }
  if (query.district) {
    filters.push('#district = :district');
    names['#district'] = 'district';
    values[':district'] = query.district;
  }
  return listingPage(
    statuses.map((status) => listings.casesByStatus(status)),
    {
      limit: query.limit,
      nextToken: query.nextToken,
      filter: filters.length ? { expression: filters.join(' AND '), names, values } : undefined,
    },
    (item) => ({
      id: item.id,
      projectId: item.projectId,
      projectName: item.projectName,
      district: item.district,
      status: item.status,
      level: item.level,
      proposedAt: item.proposedAt,
      includedAt: item.includedAt ?? null,
    }),
  );
}
