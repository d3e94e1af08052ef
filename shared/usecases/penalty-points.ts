/**
 * Penalty points (动态记分, SPEC §6.3; seed 004: 对未按时评估或弄虚作假的参建企业进行企业及人员动态记分): an append-only
 * ledger per enterprise (credit code) and per registered person (registration number), in its own partition.
 *
 * Every append reads the subject's ledger (one strongly consistent Query), decides with the pure rules of
 * shared/domain/penalty-points.ts which thresholds the append crosses, and commits the entry, its charge guard, the
 * ledger head (conditional on the version read: two appends racing cannot both miss, or both emit, a crossing) and
 * the events — `PenaltyPointsRecorded` per entry, `PenaltyThresholdReached` per crossing — in the caller's unit of
 * work, with whatever caused the points (a late assessment, a confirmed falsification).
 */
import { shanghaiDate, shanghaiTimestamp } from '../domain/dates.js';
import { ConflictError, NotFoundError } from '../domain/errors.js';
import {
  countsOn,
  crossingsCausedBy,
  type LedgerEntry,
  lastDayCounted,
  ledgerStanding,
  type PenaltyCharge,
  type PenaltyCode,
  type PenaltySubject,
  type PenaltySubjectKind,
  requireOfficerPoints,
} from '../domain/penalty-points.js';
import type { RequestContext } from '../http/api.js';
import { principalId } from '../http/principal.js';
import { newId } from '../ids.js';
import { keys, listings } from '../store/keys.js';
import { readItem, readPartition } from '../store/project-collection.js';
import type { RuleSets } from '../store/rule-sets.js';
import { ConditionFailed, type UnitOfWork } from '../store/unit-of-work.js';
import { type AssessmentRules, assessmentRulesOn } from './assessment-rules.js';

/** The label of the ledger head's version check: a use case that sees it failing re-reads and tries again. */
export const PENALTY_LEDGER = 'penalty-ledger';

/** What caused points: an assessment (late, falsified), a quarter's missing tier, an officer's measure. */
export type PenaltySource =
  | { kind: 'assessment'; assessmentId: string; projectId: string }
  | { kind: 'missing_assessment'; projectId: string; quarter: string }
  | { kind: 'enforcement_measure'; documentNo: string };

/** A ledger entry as stored (SPEC §6.3 `{id, subject, points, code, reason, source, on, ruleSetVersion, revoked}`). */
export interface PenaltyEntryRecord {
  id: string;
  subject: PenaltySubject;
  points: number;
  code: PenaltyCode;
  reason: string;
  source: PenaltySource;
  /** the day the points count from */
  on: string;
  recordedAt: string;
  recordedBy: string;
  chargeKey: string;
  ruleSetVersion: string;
  revocation: { on: string; at: string; by: string; reason: string } | null;
}

/** A charge with its cause, ready to append. */
export type SourcedCharge = PenaltyCharge & { source: PenaltySource };

interface Ledger {
  subject: PenaltySubject;
  /** 0 when the subject has no ledger yet */
  version: number;
  entries: PenaltyEntryRecord[];
  chargeKeys: Set<string>;
}

async function readLedger(kind: PenaltySubjectKind, subjectId: string): Promise<Ledger | undefined> {
  const items = await readPartition(keys.penaltyPartition(kind, subjectId));
  const head = items.find((item) => item.type === 'penalty-ledger');
  if (!head) return undefined;
  return {
    subject: head.subject as PenaltySubject,
    version: Number(head.version),
    entries: items.filter((item) => item.type === 'penalty-entry').map(entryOf),
    chargeKeys: new Set(items.filter((item) => item.type === 'penalty-charge').map((item) => String(item.chargeKey))),
  };
}

function entryOf(item: Record<string, unknown>): PenaltyEntryRecord {
  const { pk: _pk, sk: _sk, type: _type, ...entry } = item;
  return entry as unknown as PenaltyEntryRecord;
}

const asLedgerEntry = (entry: PenaltyEntryRecord): LedgerEntry => ({
  id: entry.id,
  points: entry.points,
  on: entry.on,
  revokedOn: entry.revocation?.on ?? null,
});

/**
 * A subject's points in window on `date` and the entries counting (SPEC §6.3), under the rules in force that day:
 * what enterprise-level supervision checks at a published ranking (SPEC §6.5 "points in window reach 16").
 */
export async function penaltyStanding(
  kind: PenaltySubjectKind,
  subjectId: string,
  date: string,
  ruleSets: RuleSets,
): Promise<{ totalInWindow: number; thresholdsReached: number[]; entryIds: string[] }> {
  const rules = await assessmentRulesOn(date, ruleSets);
  const entries = ((await readLedger(kind, subjectId))?.entries ?? []).filter((entry) => entry.on <= date);
  const standing = ledgerStanding(entries.map(asLedgerEntry), date, rules.thresholds);
  const counting = entries.filter((entry) => countsOn(asLedgerEntry(entry), date, rules.thresholds));
  return { ...standing, entryIds: counting.map((entry) => entry.id).sort() };
}

/** What a staged append will record once the unit of work commits. */
export interface StagedPoints {
  entries: PenaltyEntryRecord[];
  crossings: Array<{ subject: PenaltySubject; level: number; entryId: string; totalInWindow: number }>;
  /** each charged subject's standing today, once the entries are in */
  standings: Array<{ subject: PenaltySubject; totalInWindow: number; thresholdsReached: number[] }>;
}

/**
 * Stage `charges` in `uow`: for each subject, the charges whose key is not in its ledger yet become entries dated
 * today; the thresholds they cross are announced once each. Charges already in a ledger (a retry, a redelivered
 * cause) stage nothing. Commit the unit of work and, on `ConditionFailed(PENALTY_LEDGER)`, start over from a
 * fresh read.
 */
export async function stagePenaltyCharges(
  uow: UnitOfWork,
  charges: SourcedCharge[],
  at: { now: Date; actor: string },
  rules: AssessmentRules,
): Promise<StagedPoints> {
  const staged: StagedPoints = { entries: [], crossings: [], standings: [] };
  const today = shanghaiDate(at.now);
  const bySubject = new Map<string, SourcedCharge[]>();
  for (const charge of charges) {
    const key = `${charge.subject.kind}#${charge.subject.id}`;
    bySubject.set(key, [...(bySubject.get(key) ?? []), charge]);
  }
  for (const subjectCharges of bySubject.values()) {
    const subject = (subjectCharges[0] as SourcedCharge).subject;
    const ledger = (await readLedger(subject.kind, subject.id)) ?? {
      subject,
      version: 0,
      entries: [],
      chargeKeys: new Set<string>(),
    };
    const fresh = subjectCharges.filter(
      (charge, index) =>
        !ledger.chargeKeys.has(charge.chargeKey) &&
        subjectCharges.findIndex((other) => other.chargeKey === charge.chargeKey) === index,
    );
    if (fresh.length === 0) continue;
    const history = ledger.entries.map(asLedgerEntry);
    for (const charge of fresh) {
      const entry: PenaltyEntryRecord = {
        id: newId('pts'),
        subject: { ...subject, name: charge.subject.name || subject.name },
        points: charge.points,
        code: charge.code,
        reason: charge.reason,
        source: charge.source,
        on: today,
        recordedAt: at.now.toISOString(),
        recordedBy: at.actor,
        chargeKey: charge.chargeKey,
        ruleSetVersion: rules.ruleSetVersion,
        revocation: null,
      };
      const appended = asLedgerEntry(entry);
      const crossed = crossingsCausedBy(history, appended, today, rules.thresholds);
      history.push(appended);
      const standing = ledgerStanding(history, today, rules.thresholds);
      uow.put(
        { ...keys.penaltyEntry(subject.kind, subject.id, entry.on, entry.id), type: 'penalty-entry', ...entry },
        {
          mustBeNew: true,
        },
      );
      uow.put(
        {
          ...keys.penaltyCharge(subject.kind, subject.id, charge.chargeKey),
          type: 'penalty-charge',
          chargeKey: charge.chargeKey,
          entryId: entry.id,
        },
        { mustBeNew: true, label: PENALTY_LEDGER },
      );
      uow.put(
        {
          ...keys.reference(entry.id),
          type: 'reference',
          id: entry.id,
          recordType: 'penalty-entry',
          subjectKind: subject.kind,
          subjectId: subject.id,
          on: entry.on,
        },
        { mustBeNew: true },
      );
      uow.emit('PenaltyPointsRecorded', subject.id, {
        ...entryView(entry, today, rules),
        totalInWindow: standing.totalInWindow,
      });
      for (const level of crossed) {
        uow.emit('PenaltyThresholdReached', subject.id, {
          subject: entry.subject,
          level,
          totalInWindow: standing.totalInWindow,
          entryId: entry.id,
          on: today,
          ruleSetVersion: rules.ruleSetVersion,
        });
        staged.crossings.push({
          subject: entry.subject,
          level,
          entryId: entry.id,
          totalInWindow: standing.totalInWindow,
        });
      }
      staged.entries.push(entry);
    }
    putLedgerHead(uow, subject, ledger.version, at.now);
    staged.standings.push({ subject, ...ledgerStanding(history, today, rules.thresholds) });
  }
  return staged;
}

/** The head moves on every change of the ledger, conditional on the version read. */
function putLedgerHead(uow: UnitOfWork, subject: PenaltySubject, version: number, now: Date) {
  uow.put(
    {
      ...keys.penaltyLedger(subject.kind, subject.id),
      type: 'penalty-ledger',
      // listed, so the credit export (SPEC §6.6) finds every enterprise with points without a scan
      gsi1pk: listings.penaltyLedgers(subject.kind, subject.id),
      gsi1sk: subject.id,
      subject,
      version: version + 1,
      updatedAt: now.toISOString(),
    },
    {
      label: PENALTY_LEDGER,
      condition:
        version === 0
          ? { expression: 'attribute_not_exists(pk)' }
          : { expression: '#version = :version', names: { '#version': 'version' }, values: { ':version': version } },
    },
  );
}

/** An entry as the API shows it: SPEC §6.3's fields, `revoked` a boolean, and the last day it counts. */
export function entryView(entry: PenaltyEntryRecord, today: string, rules: AssessmentRules) {
  const countsUntil = lastDayCounted(entry.on, rules.thresholds.penalty.windowMonths);
  return {
    id: entry.id,
    subject: entry.subject,
    points: entry.points,
    code: entry.code,
    reason: entry.reason,
    source: entry.source,
    on: entry.on,
    countsUntil,
    inWindow: !entry.revocation && entry.on <= today && countsUntil >= today,
    recordedAt: shanghaiTimestamp(new Date(entry.recordedAt)),
    ruleSetVersion: entry.ruleSetVersion,
    revoked: entry.revocation !== null,
    revocation: entry.revocation ? { ...entry.revocation, at: shanghaiTimestamp(new Date(entry.revocation.at)) } : null,
  };
}

/** `GET /v1/penalty-points?subjectKind=&subjectId=&asOf=` (inspector): the ledger as it stands on a day. */
export async function penaltyLedger(
  query: { subjectKind: PenaltySubjectKind; subjectId: string; asOf?: string | undefined },
  ctx: RequestContext,
) {
  const asOf = query.asOf ?? shanghaiDate(ctx.now);
  const rules = await assessmentRulesOn(asOf, ctx.ruleSets);
  const ledger = await readLedger(query.subjectKind, query.subjectId);
  const entries = (ledger?.entries ?? []).filter((entry) => entry.on <= asOf);
  const standing = ledgerStanding(entries.map(asLedgerEntry), asOf, rules.thresholds);
  return {
    subject: ledger?.subject ?? { kind: query.subjectKind, id: query.subjectId, name: null },
    asOf,
    entries: entries
      .sort((a, b) => (a.on === b.on ? b.id.localeCompare(a.id) : b.on.localeCompare(a.on)))
      .map((entry) => entryView(entry, asOf, rules)),
    totalInWindow: standing.totalInWindow,
    thresholdsReached: standing.thresholdsReached,
    levels: [...rules.thresholds.penalty.levels],
    windowMonths: rules.thresholds.penalty.windowMonths,
    ruleSetVersion: rules.ruleSetVersion,
  };
}

/** Commit a unit of work built by `build`, starting over from fresh reads while a ledger moved under it. */
export async function withLedgerRetry<T>(build: () => Promise<{ uow: UnitOfWork; result: T }>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const { uow, result } = await build();
    try {
      await uow.commit(
        (result as { response?: { status: number; body: unknown } }).response ?? { status: 200, body: result },
      );
      return result;
    } catch (error) {
      if (!(error instanceof ConditionFailed) || error.label !== PENALTY_LEDGER || attempt >= 5) throw error;
    }
  }
}

/**
 * `POST /v1/penalty-points {subject, points: 1|2|3, reason, documentNo}` (officer): points for an enforcement
 * measure (SPEC §6.3: 1 责令改正, 2 a fine under ¥10,000, 3 a fine of ¥10,000 or more), with the document that
 * imposed it. Answers the entry, the standing after it and the thresholds it crossed.
 */
export async function recordPenaltyPoints(
  body: { subject: PenaltySubject; points: number; reason: string; documentNo: string },
  ctx: RequestContext,
) {
  requireOfficerPoints(body.points);
  const today = shanghaiDate(ctx.now);
  const rules = await assessmentRulesOn(today, ctx.ruleSets);
  const chargeId = newId('pts');
  const result = await withLedgerRetry(async () => {
    const uow = ctx.unitOfWork();
    const staged = await stagePenaltyCharges(
      uow,
      [
        {
          subject: body.subject,
          points: body.points,
          code: 'enforcement_measure',
          reason: body.reason,
          // one request, one entry: a retry of the same request is answered by its Idempotency-Key
          chargeKey: `enforcement:${chargeId}`,
          source: { kind: 'enforcement_measure', documentNo: body.documentNo },
        },
      ],
      { now: ctx.now, actor: principalId(ctx.principal) },
      rules,
    );
    const entry = staged.entries[0] as PenaltyEntryRecord;
    const standing = staged.standings[0] as StagedPoints['standings'][number];
    const responseBody = {
      ...entryView(entry, today, rules),
      totalInWindow: standing.totalInWindow,
      thresholdsReached: standing.thresholdsReached,
      thresholdsCrossed: staged.crossings.map((crossing) => crossing.level),
    };
    return { uow, result: { response: { status: 201, body: responseBody } } };
  });
  return result.response;
}

/**
 * `POST /v1/penalty-points/{id}/revoke {reason}` (officer): the entry is kept, marked revoked from today, and the
 * totals are recomputed (SPEC §6.3). A threshold event already emitted stands: an event is a fact, the revocation
 * is another (`PenaltyPointsRevoked`).
 */
export async function revokePenaltyPoints(entryId: string, reason: string, ctx: RequestContext) {
  const reference = await readItem<{ recordType: string; subjectKind: PenaltySubjectKind; subjectId: string }>(
    keys.reference(entryId),
  );
  const notFound = () =>
    new NotFoundError({ zh: `没有编号为 ${entryId} 的记分记录`, en: `there is no penalty-points entry ${entryId}` });
  if (reference?.recordType !== 'penalty-entry') throw notFound();
  const today = shanghaiDate(ctx.now);
  const rules = await assessmentRulesOn(today, ctx.ruleSets);
  const result = await withLedgerRetry(async () => {
    const ledger = await readLedger(reference.subjectKind, reference.subjectId);
    const entry = ledger?.entries.find((candidate) => candidate.id === entryId);
    if (!ledger || !entry) throw notFound();
    if (entry.revocation) {
      throw new ConflictError({
        zh: `该记分已于 ${entry.revocation.on} 撤销，不能再次撤销`,
        en: `this entry was already revoked on ${entry.revocation.on}`,
      });
    }
    const revocation = { on: today, at: ctx.now.toISOString(), by: principalId(ctx.principal), reason };
    const revoked: PenaltyEntryRecord = { ...entry, revocation };
    const uow = ctx.unitOfWork();
    uow.update(
      keys.penaltyEntry(entry.subject.kind, entry.subject.id, entry.on, entry.id),
      { expression: 'SET revocation = :revocation', values: { ':revocation': revocation } },
      // the head's version check below guards the state read; this one only that the entry exists
      { condition: { expression: 'attribute_exists(pk)' } },
    );
    putLedgerHead(uow, ledger.subject, ledger.version, ctx.now);
    const history = ledger.entries.map((candidate) => (candidate.id === entryId ? revoked : candidate));
    const standing = ledgerStanding(history.map(asLedgerEntry), today, rules.thresholds);
    uow.emit('PenaltyPointsRevoked', entry.subject.id, {
      entryId,
      subject: entry.subject,
      points: entry.points,
      reason,
      totalInWindow: standing.totalInWindow,
      ruleSetVersion: rules.ruleSetVersion,
    });
    const body = {
      ...entryView(revoked, today, rules),
      totalInWindow: standing.totalInWindow,
      thresholdsReached: standing.thresholdsReached,
    };
    return { uow, result: { response: { status: 200, body } } };
  });
  return result.response;
}
