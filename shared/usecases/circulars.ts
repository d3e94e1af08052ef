/**
 * Circulars of criticism (通报, SPEC §2.2, §2.5) after their draft: list, publish, withdraw, retract, correct a
 * retraction's reason, expire.
 *
 * A circular is drafted at level 3 by the escalation ladder (shared/usecases/escalation.ts) with a statement window
 * (陈述申辩, Administrative Penalty Law) of 5 working days. An officer publishes it once the window has closed, or
 * earlier when every unit it names has made its statement: it then takes the next number of the year's gap-free
 * sequence (a 文号 belongs to an issued document), in the publishing transaction. An officer may instead withdraw the
 * draft (`withdrawn`: never public, no number consumed, so no gap). Publication lasts 6 months to 3 years (default
 * 1 year, per the national credit-information rules); an officer may retract it with a reason (and later correct
 * that reason); the daily expiry task ends it when its period is over. Every transition is conditional on what was
 * read, commits with a timeline entry on the case and its event (CircularPublished / CircularWithdrawn /
 * CircularRetracted / CircularRetractionCorrected / CircularExpired) in one transaction, and is idempotent: doing it
 * again answers the circular as it is.
 *
 * Free text that becomes public (the retraction's reason) passes the masking of the circular's body
 * (`projectPublicText`): the record keeps the public text; the timeline keeps the officer's words as typed.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { addDays, shanghaiDate } from '../domain/dates.js';
import { type Bilingual, ConflictError, NotFoundError, RuleViolationError } from '../domain/errors.js';
import type { RuleSetVersion } from '../domain/rule-set.js';
import type { TimelineEntryContent } from '../domain/timeline.js';
import { CIRCULAR_STATUS_NAMES, CIRCULAR_STATUSES, type CircularStatus } from '../domain/vocabulary.js';
import type { RequestContext } from '../http/api.js';
import { principalId } from '../http/principal.js';
import { log } from '../log.js';
import { dynamo, TABLE_NAME } from '../store/client.js';
import { keys, listings } from '../store/keys.js';
import { listingPage } from '../store/listing.js';
import { resolveReference } from '../store/project-collection.js';
import { type CaseRecord, type ProjectSnapshot, readSnapshot, type StoredCircular } from '../store/snapshot.js';
import { ConditionFailed, IdempotentReplay, UnitOfWork } from '../store/unit-of-work.js';
import { CASE_VERSION, changeCase } from './case-records.js';
import { NOTICE_COUNTER, takeNextNumber } from './document-numbers.js';
import { projectPublicText } from './public-text.js';

/** Label of the conditional write on a circular's status: another transition won the race. */
export const CIRCULAR_STATUS = 'circular-status';
/** Races (case timeline, circular status) are re-read and retried this many times in all. */
const MAX_ATTEMPTS = 20;
const EXPIRY_ACTOR = 'system:circular-expiry';

/** The circular as the agency's API shows it (`GET /v1/circulars`, the case view). */
export function circularView(circular: StoredCircular) {
  return {
    id: circular.id,
    number: circular.number,
    status: circular.status,
    caseId: circular.caseId,
    projectId: circular.projectId,
    projectName: circular.projectName,
    title: circular.title,
    body: circular.body,
    authority: circular.authority,
    units: circular.units.map((unit) => ({ name: unit.name, creditCode: unit.creditCode })),
    draftedOn: circular.draftedOn,
    statementWindowEndsOn: circular.statementWindowEndsOn,
    statementWindowEndsAt: circular.statementWindowEndsAt,
    statements: circular.statements ?? [],
    statementMade: circular.statementMade ?? null,
    publishedOn: circular.publishedOn ?? null,
    publicationMonths: circular.publicationMonths ?? null,
    validUntil: circular.validUntil ?? null,
    retractedOn: circular.retractedOn ?? null,
    /** as published: names masked, ID and telephone numbers removed */
    retractionReason: circular.retractionReason ?? null,
    retractionCorrectedAt: circular.retractionCorrectedAt ?? null,
    expiredOn: circular.expiredOn ?? null,
    withdrawnOn: circular.withdrawnOn ?? null,
    withdrawalReason: circular.withdrawalReason ?? null,
  };
}

/** How messages name a circular: its number once it has one, else its title (a draft has no number). */
function circularName(circular: Pick<StoredCircular, 'number' | 'title' | 'status'>): Bilingual {
  if (circular.number) return { zh: `通报${circular.number}`, en: `circular ${circular.number}` };
  return { zh: `通报草稿《${circular.title}》`, en: `draft circular "${circular.title}"` };
}

/** 409: the circular's status does not allow the action; says what it is and what would be allowed. */
function wrongStatus(
  circular: StoredCircular,
  action: { zh: string; en: string },
  allowed: CircularStatus,
): ConflictError {
  const name = circularName(circular);
  return new ConflictError({
    zh: `${name.zh}当前状态为“${CIRCULAR_STATUS_NAMES[circular.status]}”，只有${CIRCULAR_STATUS_NAMES[allowed]}的通报才能${action.zh}。`,
    en: `${name.en} is ${circular.status}; only a ${allowed} circular can be ${action.en}.`,
  });
}

/**
 * The last day (inclusive) of a publication period of `months` months that starts on `publishedOn`. The day of
 * publication counts as the first day, so the period never exceeds the maximum the credit rules allow: published
 * 2027-02-10 for 12 months → valid until 2028-02-09. When the month of expiry has no corresponding day (published
 * on the 31st, or 29 February), the period ends on that month's last day, as the Civil Code (art. 202) counts a
 * period in months: 2027-08-31 + 6 months → 2028-02-29.
 */
export function publicationValidUntil(publishedOn: string, months: number): string {
  const [year, month, day] = publishedOn.split('-').map(Number) as [number, number, number];
  const targetMonthIndex = month - 1 + months;
  const targetYear = year + Math.floor(targetMonthIndex / 12);
  const targetMonth = (targetMonthIndex % 12) + 1;
  const daysInTarget = new Date(Date.UTC(targetYear, targetMonth, 0)).getUTCDate();
  const pad = (n: number) => String(n).padStart(2, '0');
  if (day > daysInTarget) return `${targetYear}-${pad(targetMonth)}-${pad(daysInTarget)}`;
  return addDays(`${targetYear}-${pad(targetMonth)}-${pad(day)}`, -1);
}

/**
 * The publication period asked for, or the rule set's default; refused (422, naming the field) outside the rule
 * set's bounds — by default 6 months to 3 years, per the national credit-information rules.
 */
export function publicationPeriod(asked: number | undefined, ruleSet: RuleSetVersion): number {
  const { publicationMonthsMin: min, publicationMonthsMax: max, publicationMonthsDefault } = ruleSet.thresholds;
  if (asked === undefined) return publicationMonthsDefault;
  if (asked < min || asked > max) {
    throw new RuleViolationError(
      {
        zh: `通报公示期须为 ${min} 至 ${max} 个月（规则版本 ${ruleSet.id}），收到 ${asked} 个月。`,
        en: `The publication period must be ${min} to ${max} months (rule set ${ruleSet.id}); got ${asked}.`,
      },
      [{ field: 'publicationMonths', message: { zh: `须为 ${min} 至 ${max}`, en: `must be ${min} to ${max}` } }],
    );
  }
  return asked;
}

/**
 * Whether the statement window (陈述申辩期) is still open at `now`: it runs to the end of its last working day
 * (`statementWindowEndsAt`, 23:59:59 Asia/Shanghai) inclusive.
 */
export function statementWindowOpen(circular: Pick<StoredCircular, 'statementWindowEndsAt'>, now: Date): boolean {
  return now.getTime() <= Date.parse(circular.statementWindowEndsAt);
}

/** The units named in the circular that have not made a statement yet. */
export function unitsWithoutStatement(circular: Pick<StoredCircular, 'units' | 'statements'>) {
  const stated = new Set((circular.statements ?? []).map((statement) => statement.unitCreditCode));
  return circular.units.filter((unit) => !stated.has(unit.creditCode));
}

/** Whether a circular stood (was published and not yet retracted nor past its period) on a date. */
export function circularStandingOn(circular: StoredCircular, date: string): boolean {
  if (!circular.publishedOn || !circular.validUntil) return false;
  if (circular.publishedOn > date || circular.validUntil < date) return false;
  if (circular.retractedOn && circular.retractedOn <= date) return false;
  if (circular.expiredOn && circular.expiredOn <= date) return false;
  return true;
}

/** A circular with its project and case, found by the circular's id alone. */
async function loadCircular(
  circularId: string,
): Promise<{ snapshot: ProjectSnapshot; circular: StoredCircular; record: CaseRecord }> {
  const reference = await resolveReference(circularId);
  const snapshot = reference?.recordType === 'circular' ? await readSnapshot(reference.projectId) : undefined;
  const circular = snapshot?.circulars.find((candidate) => candidate.id === circularId);
  const record = snapshot?.cases.find((candidate) => candidate.id === circular?.caseId);
  if (!snapshot || !circular || !record) {
    throw new NotFoundError({ zh: `没有编号为 ${circularId} 的通报。`, en: `There is no circular ${circularId}.` });
  }
  return { snapshot, circular, record };
}

/** The status change of a circular, conditional on the status read, moving it to its status's listing. */
function changeStatus(
  uow: UnitOfWork,
  circular: StoredCircular,
  to: CircularStatus,
  listedAt: string,
  fields: Record<string, unknown>,
) {
  const all: Record<string, unknown> = {
    ...fields,
    status: to,
    gsi1pk: listings.circularsByStatus(to),
    gsi1sk: `${listedAt}#${circular.id}`,
  };
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = { ':expected': circular.status };
  const assignments = Object.entries(all).map(([field, value], index) => {
    names[`#f${index}`] = field;
    values[`:v${index}`] = value;
    return `#f${index} = :v${index}`;
  });
  names['#status'] = 'status';
  uow.update(
    keys.circular(circular.projectId, circular.caseId, circular.id),
    { expression: `SET ${assignments.join(', ')}`, names, values },
    { condition: { expression: '#status = :expected' }, label: CIRCULAR_STATUS },
  );
}

/** A race another writer won: re-read and decide again. */
function isRace(error: unknown): boolean {
  return error instanceof ConditionFailed && [CIRCULAR_STATUS, CASE_VERSION, NOTICE_COUNTER].includes(error.label);
}

async function backOff(attempt: number) {
  await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(200, 10 * attempt)));
}

type CircularView = ReturnType<typeof circularView>;
type LoadedCircular = Awaited<ReturnType<typeof loadCircular>>;

/**
 * An officer's transition of a circular: read, decide, commit the unit of work; after a race (another transition, the
 * case's timeline, a number counter) or a committed replay of the same Idempotency-Key, read and decide again.
 * `decide` puts the writes into `uow`, or answers the circular as it is when there is nothing to change (or throws).
 */
async function officerTransition(
  circularId: string,
  ctx: RequestContext,
  decide: (loaded: LoadedCircular, uow: UnitOfWork) => Promise<CircularView | undefined>,
): Promise<CircularView> {
  for (let attempt = 1; ; attempt++) {
    const uow = ctx.unitOfWork();
    const unchanged = await decide(await loadCircular(circularId), uow);
    if (unchanged) return unchanged;
    try {
      await uow.commit({ status: 200, body: { circularId }, reread: true });
    } catch (error) {
      if (error instanceof IdempotentReplay) continue; // a request with this key made the change: show it
      if (!isRace(error) || attempt >= MAX_ATTEMPTS) throw error;
      await backOff(attempt);
      continue;
    }
    return circularView((await loadCircular(circularId)).circular);
  }
}

/**
 * `POST /v1/circulars/{id}/publish` (officer): a draft becomes published for `publicationMonths` from today, and takes
 * the next number of its publication year's gap-free sequence (`通住建安通〔year〕N号`) in the same transaction. A draft
 * made before numbers moved to publication keeps the number it carries. Refused (409) while the statement window is
 * open, unless every unit named has made its statement; refused for a withdrawn, retracted or expired circular.
 * Publishing a published circular answers it unchanged.
 */
export async function publishCircular(
  circularId: string,
  body: { publicationMonths?: number | undefined },
  ctx: RequestContext,
) {
  const actor = principalId(ctx.principal);
  // the publication period's bounds and default: the rule set in force on the day of publication (SPEC §2.1)
  const ruleSet = await ctx.ruleSets.inForce(shanghaiDate(ctx.now));
  const publicationMonths = publicationPeriod(body.publicationMonths, ruleSet);
  return officerTransition(circularId, ctx, async ({ circular, record }, uow) => {
    if (circular.status === 'published') return circularView(circular);
    if (circular.status !== 'draft') throw wrongStatus(circular, { zh: '发布', en: 'published' }, 'draft');
    const waiting = unitsWithoutStatement(circular);
    if (statementWindowOpen(circular, ctx.now) && waiting.length > 0) {
      const name = circularName(circular);
      throw new ConflictError({
        zh:
          `${name.zh}的陈述申辩期至${circular.statementWindowEndsAt}届满，尚有${waiting.length}家单位未提出陈述申辩：` +
          `${waiting.map((unit) => `${unit.name}（${unit.creditCode}）`).join('、')}。请在陈述申辩期届满后发布，` +
          '或待全部单位提出陈述申辩后发布。',
        en:
          `The units' statement window (陈述申辩期) of ${name.en} is open until ` +
          `${circular.statementWindowEndsAt}; ${waiting.length} unit(s) have not made a statement yet: ` +
          `${waiting.map((unit) => `${unit.name} (${unit.creditCode})`).join(', ')}. Publish after the window ` +
          'closes, or once every unit has made its statement.',
      });
    }
    const publishedOn = shanghaiDate(ctx.now);
    const validUntil = publicationValidUntil(publishedOn, publicationMonths);
    const statementMade = circular.statements.length > 0;
    const at = ctx.now.toISOString();
    // the number is consumed exactly when the circular is issued: a withdrawn draft leaves no gap
    const numbered =
      circular.number && circular.sequence
        ? { number: circular.number, sequence: circular.sequence }
        : await takeNextNumber(uow, 'circular', Number(publishedOn.slice(0, 4)));
    const issued = { ...circular, ...numbered };
    changeStatus(uow, circular, 'published', at, {
      number: numbered.number,
      sequence: numbered.sequence,
      publishedOn,
      publishedAt: at,
      publishedBy: actor,
      publicationMonths,
      publicationRuleSetVersion: ruleSet.id,
      validUntil,
      statementMade,
    });
    changeCase(uow, record, {
      entries: [
        entry(at, actor, 'circular_published', issued, {
          publishedOn,
          validUntil,
          publicationMonths,
          ruleSetVersion: ruleSet.id,
          statementMade,
          statements: circular.statements.length,
        }),
      ],
    });
    uow.emit('CircularPublished', circular.id, {
      ...eventBase(issued),
      title: circular.title,
      publishedOn,
      validUntil,
      publicationMonths,
      statementMade,
    });
    return undefined;
  });
}

/**
 * `POST /v1/circulars/{id}/withdraw` (officer): a draft is abandoned (SPEC §2.2). It becomes `withdrawn`: never
 * public, and it took no number, so the year's sequence keeps no gap. The reason stays with the agency (it is not
 * published). Withdrawing a withdrawn circular answers it unchanged; any other status is refused (409).
 */
export async function withdrawCircular(circularId: string, reason: string, ctx: RequestContext) {
  const actor = principalId(ctx.principal);
  return officerTransition(circularId, ctx, async ({ circular, record }, uow) => {
    if (circular.status === 'withdrawn') return circularView(circular);
    if (circular.status !== 'draft') throw wrongStatus(circular, { zh: '撤销', en: 'withdrawn' }, 'draft');
    const withdrawnOn = shanghaiDate(ctx.now);
    const at = ctx.now.toISOString();
    changeStatus(uow, circular, 'withdrawn', at, {
      withdrawnOn,
      withdrawnAt: at,
      withdrawnBy: actor,
      withdrawalReason: reason,
    });
    changeCase(uow, record, {
      entries: [
        entry(at, actor, 'circular_withdrawn', circular, {
          withdrawnOn,
          reason,
          // a draft numbered before numbers moved to publication: its number is void (作废), never reused
          ...(circular.number ? { voidedNumber: circular.number } : {}),
        }),
      ],
    });
    uow.emit('CircularWithdrawn', circular.id, { ...eventBase(circular), title: circular.title, withdrawnOn });
    return undefined;
  });
}

/**
 * `POST /v1/circulars/{id}/retract` (officer): a published circular is retracted with a reason. The public feeds
 * then show the retraction (a tombstone), never silently drop it. The reason is published, so it passes the masking
 * of the body: the record keeps the public text (names known from the project masked, ID and telephone numbers
 * removed), the timeline the officer's words. Retracting a retracted circular answers it unchanged (to change the
 * reason, `correctRetraction`).
 */
export async function retractCircular(circularId: string, reason: string, ctx: RequestContext) {
  const actor = principalId(ctx.principal);
  return officerTransition(circularId, ctx, async ({ snapshot, circular, record }, uow) => {
    if (circular.status === 'retracted') return circularView(circular);
    if (circular.status !== 'published') throw wrongStatus(circular, { zh: '撤回', en: 'retracted' }, 'published');
    const publicReason = projectPublicText(snapshot)(reason);
    const retractedOn = shanghaiDate(ctx.now);
    const at = ctx.now.toISOString();
    changeStatus(uow, circular, 'retracted', at, {
      retractedOn,
      retractedAt: at,
      retractedBy: actor,
      retractionReason: publicReason,
    });
    changeCase(uow, record, {
      entries: [entry(at, actor, 'circular_retracted', circular, { retractedOn, reason, publicReason })],
    });
    uow.emit('CircularRetracted', circular.id, {
      ...eventBase(circular),
      publishedOn: circular.publishedOn,
      retractedOn,
      reason: publicReason,
    });
    return undefined;
  });
}

/**
 * `POST /v1/circulars/{id}/retraction` (officer): correct the reason of a retraction (a reason that named a person,
 * carried a telephone number, or was simply wrong). The retraction itself — its date, its place in the feeds — stays;
 * the reason is masked as at the retraction, recorded on the case's timeline (the previous and the new public text,
 * and the officer's words), and `CircularRetractionCorrected` makes the publisher rewrite the circular's page and the
 * feeds. A reason whose public text is the one already published changes nothing; a circular that is not retracted
 * is refused (409).
 */
export async function correctRetraction(circularId: string, reason: string, ctx: RequestContext) {
  const actor = principalId(ctx.principal);
  return officerTransition(circularId, ctx, async ({ snapshot, circular, record }, uow) => {
    if (circular.status !== 'retracted') {
      throw wrongStatus(circular, { zh: '更正撤回理由', en: 'given a corrected retraction reason' }, 'retracted');
    }
    const publicReason = projectPublicText(snapshot)(reason);
    const previousReason = circular.retractionReason ?? null;
    if (publicReason === previousReason) return circularView(circular);
    const at = ctx.now.toISOString();
    uow.update(
      keys.circular(circular.projectId, circular.caseId, circular.id),
      {
        expression: 'SET #reason = :reason, #correctedAt = :at, #correctedBy = :actor',
        names: {
          '#reason': 'retractionReason',
          '#correctedAt': 'retractionCorrectedAt',
          '#correctedBy': 'retractionCorrectedBy',
          '#status': 'status',
        },
        values: { ':reason': publicReason, ':at': at, ':actor': actor, ':retracted': 'retracted' },
      },
      {
        // the reason read is the one replaced: a concurrent correction makes this one re-read
        condition: {
          expression:
            previousReason === null
              ? '#status = :retracted AND attribute_not_exists(#reason)'
              : '#status = :retracted AND #reason = :previous',
          ...(previousReason === null ? {} : { values: { ':previous': previousReason } }),
        },
        label: CIRCULAR_STATUS,
      },
    );
    changeCase(uow, record, {
      entries: [
        entry(at, actor, 'circular_retraction_corrected', circular, {
          retractedOn: circular.retractedOn,
          previousPublicReason: previousReason,
          reason,
          publicReason,
        }),
      ],
    });
    uow.emit('CircularRetractionCorrected', circular.id, {
      ...eventBase(circular),
      retractedOn: circular.retractedOn,
      reason: publicReason,
    });
    return undefined;
  });
}

/** What one run of the daily expiry did. */
export interface ExpiryOutcome {
  /** the day judged (Asia/Shanghai): circulars valid until before it expire */
  today: string;
  checked: number;
  expired: Array<{ id: string; number: string | null; validUntil: string; expiredOn: string }>;
}

/**
 * The daily expiry (schedule `daily-circular-expiry`): every published circular whose period ended before the day
 * of the occurrence becomes expired, leaves the public index, and `CircularExpired` lets the publisher write the
 * feeds' tombstone. Conditional on the status, so a repeated or concurrent run expires nothing twice, and a
 * circular retracted meanwhile stays retracted. A run that comes late judges the day it was scheduled for; a missed
 * day is caught by the next run (everything before today is expired).
 */
export async function expireCirculars(occurrence: Date, now: Date): Promise<ExpiryOutcome> {
  const today = shanghaiDate(occurrence);
  const outcome: ExpiryOutcome = { today, checked: 0, expired: [] };
  let startKey: Record<string, unknown> | undefined;
  const due: Array<{ id: string }> = [];
  do {
    const page = await dynamo.send(
      new QueryCommand({
        TableName: TABLE_NAME,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        FilterExpression: 'validUntil < :today',
        ExpressionAttributeValues: { ':pk': listings.circularsByStatus('published'), ':today': today },
        ExclusiveStartKey: startKey,
      }),
    );
    outcome.checked += page.ScannedCount ?? 0;
    for (const item of page.Items ?? []) due.push({ id: String(item.id) });
    startKey = page.LastEvaluatedKey;
  } while (startKey);

  for (const { id } of due) {
    let expired: Awaited<ReturnType<typeof expireOne>>;
    try {
      expired = await expireOne(id, today, now);
    } catch (error) {
      // a listed record that cannot be read whole (no reference, no case) must not keep the others from expiring
      if (!(error instanceof NotFoundError)) throw error;
      log.error('circular expiry: a listed circular cannot be read, it is left as it is', { circularId: id });
      continue;
    }
    if (expired) outcome.expired.push(expired);
  }
  if (outcome.expired.length) log.info('circulars expired', { today, expired: outcome.expired.map((c) => c.id) });
  return outcome;
}

async function expireOne(circularId: string, today: string, now: Date) {
  for (let attempt = 1; ; attempt++) {
    // the index is eventually consistent: the decision rests on the strongly consistent read of the collection
    const { circular, record } = await loadCircular(circularId);
    if (circular.status !== 'published' || !circular.validUntil || circular.validUntil >= today) return null;
    const expiredOn = addDays(circular.validUntil, 1);
    const at = now.toISOString();
    const uow = new UnitOfWork(now);
    changeStatus(uow, circular, 'expired', at, { expiredOn, expiredAt: at });
    changeCase(uow, record, {
      entries: [entry(at, EXPIRY_ACTOR, 'circular_expired', circular, { validUntil: circular.validUntil, expiredOn })],
    });
    uow.emit('CircularExpired', circular.id, {
      ...eventBase(circular),
      publishedOn: circular.publishedOn,
      validUntil: circular.validUntil,
      expiredOn,
    });
    try {
      await uow.commit();
    } catch (error) {
      if (!isRace(error) || attempt >= MAX_ATTEMPTS) throw error;
      await backOff(attempt);
      continue;
    }
    return { id: circular.id, number: circular.number, validUntil: circular.validUntil, expiredOn };
  }
}

function eventBase(circular: Pick<StoredCircular, 'id' | 'caseId' | 'projectId' | 'number' | 'units'>) {
  return {
    circularId: circular.id,
    caseId: circular.caseId,
    projectId: circular.projectId,
    number: circular.number,
    units: circular.units.map((unit) => ({ name: unit.name, creditCode: unit.creditCode })),
  };
}

function entry(
  at: string,
  actor: string,
  action: string,
  circular: Pick<StoredCircular, 'id' | 'number'>,
  detail: Record<string, unknown>,
): TimelineEntryContent {
  return {
    at,
    actor,
    action,
    detail: { circularId: circular.id, number: circular.number, ...detail },
    evidence: [circular.id],
  };
}

/** `GET /v1/circulars?status=`: by status (every status when none is given), newest first, paginated. */
export async function listCirculars(query: {
  status?: CircularStatus | undefined;
  limit: number;
  nextToken?: string | undefined;
}) {
  const statuses = query.status ? [query.status] : [...CIRCULAR_STATUSES];
  return listingPage(
    statuses.map((status) => listings.circularsByStatus(status)),
    { limit: query.limit, nextToken: query.nextToken },
    (item) => circularView(item as unknown as StoredCircular),
  );
}
