/**
 * Regenerate the public site after a circular was published, retracted or expired (SPEC §2.5): read what the pages
 * and feeds need with bounded queries, render (`shared/documents/public-site.ts`), and put the objects whose bytes
 * changed into the public bucket.
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
import { ENV, optionalEnv, requireEnv } from '../config.js';
import {
  archiveYearOf,
  FEED_LIMIT,
  type PublicCircular,
  type PublicObject,
  publicCircular,
  publicKeys,
  renderPublicSite,
  type SiteContext,
} from '../documents/public-site.js';
import { NotFoundError } from '../domain/errors.js';
import { s3 } from '../files/s3.js';
import { log } from '../log.js';
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
}

/**
 * Regenerate the pages and feeds a change of `changed` affects. Throws (so the event reaches the rule's DLQ) when
 * the circular does not exist, when its record is malformed, or when personal data would be published.
 */
export async function publishPublicSite(changed: ChangedCircular): Promise<PublishSiteOutcome> {
  const item = await readChanged(changed);
  let circular: PublicCircular | undefined;
  if (item.status === 'draft') {
    // an event never announces a draft (publication is what makes it public); render the lists, but no page
    log.warn('public site: the changed circular is a draft, its page is not written', {
      circularId: changed.circularId,
    });
  } else {
    const parsed = publicCircular.safeParse(item);
    if (!parsed.success) {
      throw new Error(
        `Circular ${changed.circularId} cannot be published: ${parsed.error.issues
          .map((issue) => `${issue.path.join('.')}: ${issue.message}`)
          .join('; ')}`,
      );
    }
    circular = parsed.data;
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

  const objects = renderPublicSite({
    site: SITE,
    recent: fresh(recent.flat()),
    changed: circular,
    archive: year && ofYear ? { year, circulars: fresh(ofYear.flat()) } : undefined,
    archiveYears,
  });
  const outcome: PublishSiteOutcome = {
    circularId: changed.circularId,
    status: String(item.status),
    written: [],
    unchanged: [],
  };
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
    throw new NotFoundError(
      `There is no circular ${changed.circularId} in case ${changed.caseId} of project ${changed.projectId}.`,
    );
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
 * Up to `limit` circulars of a status, newest draft first; within `range` when given (a year). Records that do not
 * parse are left out with a warning: one bad record must not keep every other circular off the site.
 */
async function queryCirculars(
  status: (typeof PUBLIC_STATUSES)[number],
  limit: number,
  range?: { from: string; to: string },
): Promise<PublicCircular[]> {
  const circulars: PublicCircular[] = [];
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
        Limit: limit - circulars.length,
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) {
      const parsed = publicCircular.safeParse(item);
      if (parsed.success && parsed.data.status === status) circulars.push(parsed.data);
      else log.warn('public site: a circular record is left out', { id: item.id, status, gsi1pk: item.gsi1pk });
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey && circulars.length < limit);
  return circulars;
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
