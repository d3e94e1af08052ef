/**
 * Regenerate the public site after a circular was published, retracted (or its reason corrected) or expired (SPEC
 * §2.5): read what the pages and feeds need with bounded queries, render (`shared/documents/public-site.ts`), and put
 * the objects whose bytes changed into the public bucket.
 *
 * Record by record: a record that does not parse, or that the renderer cannot make safe, is left out of the site and
 * raised as an alarm — an error log line (`alarm: "PublicRecordWithheld"`) and the metric
 * `Supervision/PublicRecordsWithheld` the stack alarms on — and the rest is published. One record never stops the
 * site (SPEC §2.5); the regeneration throws (and so retries, then reaches the DLQ) only when the table or the bucket
 * fails.
 *
 * Cost stays flat as the archive grows: the index and the feeds carry the newest FEED_LIMIT circulars, read with one
 * `Limit`ed, newest-first Query per public status on gsi1 (`CIRCULARS#{status}`, sk `{instant}#{id}`: the life cycle
 * writes the instant of the last status change — publishedAt, retractedAt, expiredAt; a draft has draftedAt); besides
 * those, only the changed circular's own page and its year's archive page are rewritten.
 *
 * At-least-once safe: the site is rendered from the table as it is now, not from the event, so a duplicate or a
 * late event renders the same (current) state, and the same state gives the same bytes; an object whose bytes did
 * not change is not put again (its SHA-256 is kept in the object's metadata).
 */

import { createHash } from 'node:crypto';
import { HeadObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type * as z from 'zod/mini';
import { ENV, optionalEnv, requireEnv } from '../config.js';
import {
  archiveYearOf,
  FEED_LIMIT,
  PUBLIC_ID,
  type PublicCircular,
  type PublicObject,
  publicCircular,
  publicKeys,
  renderPublicSite,
  type SiteContext,
  type WithheldCircular,
  withheldPageObject,
} from '../documents/public-site.js';
import { NotFoundError } from '../domain/errors.js';
import { s3 } from '../files/s3.js';
import { log } from '../log.js';
import { emitCount, METRICS } from '../metrics.js';
import { dynamo, TABLE_NAME } from '../store/client.js';
import { keys, listings } from '../store/keys.js';

/** The public bucket; a function without it fails at cold start. */
const PUBLIC_BUCKET = requireEnv(ENV.publicBucket);
/** Absolute links point here: the public site's URL, or the API's when they share a host. */
const SITE: SiteContext = { baseUrl: optionalEnv(ENV.publicSiteUrl) ?? requireEnv(ENV.publicBaseUrl) };

/** The statuses the public sees; a draft never appears. */
const PUBLIC_STATUSES = ['published', 'retracted', 'expired'] as const;
/** A year's archive page lists at most this many circulars per status (a district issues dozens a year). */
export const ARCHIVE_LIMIT = 1000;
/** Metadata key holding the SHA-256 of the object's body and headers, to skip a put that would change nothing. */
const DIGEST_METADATA = 'sha256';

/** The objects that link to the others: written after the pages they link to. */
const LIST_KEYS = new Set([publicKeys.index, publicKeys.jsonFeed, publicKeys.atom, publicKeys.rss]);

/** Which circular changed: the `data` of CircularPublished / CircularRetracted / CircularExpired. */
export interface ChangedCircular {
  circularId: string;
  caseId: string;
  projectId: string;
}

/** What one regeneration did. */
export interface PublishSiteOutcome {
  circularId: string;
  status: string;
  written: string[];
  unchanged: string[];
  /** the records left out of the site (and alarmed), with why: kinds and places, never a value */
  withheld: WithheldCircular[];
}

/** A record that does not parse as a public circular: which fields, never their values. */
function malformed(id: unknown, error: z.core.$ZodError): WithheldCircular {
  return {
    circularId: String(id),
    reason: 'malformed',
    kinds: [],
    where: [...new Set(error.issues.map((issue) => issue.path.join('.') || '(record)'))],
  };
}

/**
 * Regenerate the pages and feeds a change of `changed` affects. Throws (so the event reaches the rule's DLQ) when the
 * circular does not exist, or the table or the bucket fails; a record that cannot be published safely is left out and
 * alarmed, never a reason to stop.
 */
export async function publishPublicSite(changed: ChangedCircular): Promise<PublishSiteOutcome> {
  const item = await readChanged(changed);
  const withheld: WithheldCircular[] = [];
  let circular: PublicCircular | undefined;
  let changedWithheld = false;
  if (item.status === 'draft' || item.status === 'withdrawn') {
    // an event never announces a draft (publication is what makes it public); render the lists, but no page
    log.warn('public site: the changed circular is not public, its page is not written', {
      circularId: changed.circularId,
      status: item.status,
    });
  } else {
    const parsed = publicCircular.safeParse(item);
    if (parsed.success) circular = parsed.data;
    else {
      withheld.push(malformed(changed.circularId, parsed.error));
      changedWithheld = true;
    }
  }

  const year = circular ? archiveYearOf(circular) : null;
  const [recent, ofYear, archiveYears] = await Promise.all([
    Promise.all(PUBLIC_STATUSES.map((status) => queryCirculars(status, FEED_LIMIT))),
    year
      ? Promise.all(PUBLIC_STATUSES.map((status) => queryCirculars(status, ARCHIVE_LIMIT, yearRange(year, status))))
      : null,
    existingArchiveYears(),
  ]);
  // gsi1 is eventually consistent; the changed circular was read strongly, so its copy replaces the index's
  const fresh = (list: PublicCircular[]) => [
    ...list.filter((c) => c.id !== changed.circularId),
    ...(circular ? [circular] : []),
  ];

  for (const list of [...recent, ...(ofYear ?? [])]) withheld.push(...list.withheld);
  const rendered = renderPublicSite({
    site: SITE,
    recent: fresh(recent.flatMap((list) => list.circulars)),
    changed: circular,
    archive: year && ofYear ? { year, circulars: fresh(ofYear.flatMap((list) => list.circulars)) } : undefined,
    archiveYears,
  });
  const objects = rendered.objects;
  // a malformed changed record: its page must not keep an earlier version (e.g. 公示中 before a retraction)
  if (changedWithheld && PUBLIC_ID.test(changed.circularId))
    objects.unshift(withheldPageObject(changed.circularId, SITE));
  withheld.push(...rendered.withheld);
  const outcome: PublishSiteOutcome = {
    circularId: changed.circularId,
    status: String(item.status),
    written: [],
    unchanged: [],
    withheld: uniqueWithheld(withheld),
  };
  for (const record of outcome.withheld) raiseAlarm(record, changed.circularId);
  // the pages first, then the index and the feeds: nothing links to a page before it exists
  const [lists, pages] = partition(objects, (object) => LIST_KEYS.has(object.key));
  for (const batch of [pages, lists]) {
    const results = await Promise.all(batch.map(putIfChanged));
    for (const [index, object] of batch.entries()) {
      (results[index] ? outcome.written : outcome.unchanged).push(object.key);
    }
  }
  return outcome;
}

async function readChanged(changed: ChangedCircular): Promise<Record<string, unknown>> {
  const result = await dynamo.send(
    new GetCommand({
      TableName: TABLE_NAME,
      Key: keys.circular(changed.projectId, changed.caseId, changed.circularId),
      ConsistentRead: true,
    }),
  );
  if (result.Item?.type !== 'circular') {
    throw new NotFoundError({
      zh: `项目 ${changed.projectId} 的案件 ${changed.caseId} 中没有编号为 ${changed.circularId} 的通报。`,
      en: `There is no circular ${changed.circularId} in case ${changed.caseId} of project ${changed.projectId}.`,
    });
  }
  return result.Item;
}

/**
 * The gsi1sk range holding a status's circulars published in a Beijing-time year (which starts at 16:00 UTC on the
 * last day of the year before). A published circular is listed at its publication: exactly that year. A withdrawn
 * one is listed at its withdrawal, which can be any time after: from the year's start on (bounded by the limit,
 * filtered to the year by the renderer).
 */
function yearRange(year: number, status: (typeof PUBLIC_STATUSES)[number]): { from: string; to: string } {
  const from = `${year - 1}-12-31T16:00:00.000Z`;
  return { from, to: status === 'published' ? `${year}-12-31T16:00:00.000Z` : '9999' };
}

/**
 * Up to `limit` circulars of a status, newest first; within `range` when given (a year). Records that do not parse
 * are left out and returned as withheld (alarmed by the caller): one bad record must not keep every other circular
 * off the site.
 */
async function queryCirculars(
  status: (typeof PUBLIC_STATUSES)[number],
  limit: number,
  range?: { from: string; to: string },
): Promise<{ circulars: PublicCircular[]; withheld: WithheldCircular[] }> {
  const circulars: PublicCircular[] = [];
  const withheld: WithheldCircular[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamo.send(
      new QueryCommand({
        TableName: TABLE_NAME,
        IndexName: 'gsi1',
        KeyConditionExpression: range ? 'gsi1pk = :pk AND gsi1sk BETWEEN :from AND :to' : 'gsi1pk = :pk',
        ExpressionAttributeValues: {
          ':pk': listings.circularsByStatus(status),
          // `{draftedAt}#{id}`: an instant followed by '#' sorts after the bare instant, so `to` is exclusive
          ...(range ? { ':from': range.from, ':to': range.to } : {}),
        },
        ScanIndexForward: false,
        Limit: limit - circulars.length - withheld.length,
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) {
      const parsed = publicCircular.safeParse(item);
      if (!parsed.success) withheld.push(malformed(item.id, parsed.error));
      // listed under another status than its own: a record the index still has at its old place; its own is read
      else if (parsed.data.status !== status) log.warn('public site: a listing is stale', { id: item.id, status });
      else circulars.push(parsed.data);
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey && circulars.length + withheld.length < limit);
  return { circulars, withheld };
}

function uniqueWithheld(records: readonly WithheldCircular[]): WithheldCircular[] {
  const byId = new Map<string, WithheldCircular>();
  for (const record of records) {
    const known = byId.get(record.circularId);
    byId.set(
      record.circularId,
      known
        ? {
            ...known,
            kinds: [...new Set([...known.kinds, ...record.kinds])].sort(),
            where: [...new Set([...known.where, ...record.where])],
          }
        : record,
    );
  }
  return [...byId.values()];
}

/**
 * The alarm: an error log line an operator searches for (`alarm: "PublicRecordWithheld"`), and one count of the
 * metric the stack's alarm watches. Ids, kinds and places only: what was found is never logged.
 */
function raiseAlarm(record: WithheldCircular, changedId: string) {
  log.error('public site: a circular is left out of the public site (it could not be made safe)', {
    alarm: 'PublicRecordWithheld',
    circularId: record.circularId,
    reason: record.reason,
    kinds: record.kinds,
    where: record.where,
    regeneratedFor: changedId,
  });
  emitCount(METRICS.publicRecordsWithheld, 1, { circularId: record.circularId, reason: record.reason });
}

/** The years that have an archive page already (one List call: a key per year). */
async function existingArchiveYears(): Promise<number[]> {
  const listed = await s3.send(
    new ListObjectsV2Command({ Bucket: PUBLIC_BUCKET, Prefix: publicKeys.archivePrefix, MaxKeys: 1000 }),
  );
  return (listed.Contents ?? [])
    .map((object) => /^public\/archive\/(\d{4})\.html$/.exec(object.Key ?? '')?.[1])
    .filter((year): year is string => year !== undefined)
    .map(Number);
}

/** Put the object unless the bucket holds these very bytes and headers already; true when it was put. */
export async function putIfChanged(object: PublicObject): Promise<boolean> {
  const digest = createHash('sha256')
    .update(`${object.contentType}\n${object.cacheControl}\n`)
    .update(object.body)
    .digest('hex');
  try {
    const head = await s3.send(new HeadObjectCommand({ Bucket: PUBLIC_BUCKET, Key: object.key }));
    if (head.Metadata?.[DIGEST_METADATA] === digest) return false;
  } catch (error) {
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    if (status !== 404 && status !== 403) throw error;
  }
  await s3.send(
    new PutObjectCommand({
      Bucket: PUBLIC_BUCKET,
      Key: object.key,
      Body: object.body,
      ContentType: object.contentType,
      CacheControl: object.cacheControl,
      Metadata: { [DIGEST_METADATA]: digest },
    }),
  );
  return true;
}

function partition<T>(items: readonly T[], test: (item: T) => boolean): [T[], T[]] {
  return [items.filter(test), items.filter((item) => !test(item))];
}
