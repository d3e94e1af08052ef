/**
 * Put a published ranking on the public site (SPEC §6.4), after `RankingPublished`: the quarter's pages, JSON and
 * CSV, and the index of quarters — nothing else, so a publication costs the same whatever the number of past
 * quarters. Rendered from the table as it is now (the latest publication of the quarter), not from the event, so a
 * duplicate or late delivery renders the same state and writes nothing new (an object whose bytes did not change is
 * not put again); pages of the quarter a correction no longer has (a district gone) are replaced by a notice.
 */
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { ENV, optionalEnv, requireEnv } from '../config.js';
import {
  type PublishedQuarter,
  type PublishedRanking,
  rankingKeys,
  renderRankingQuarter,
  renderRankingsIndex,
  renderRetiredRankingPage,
  type StoredLists,
} from '../documents/public-rankings.js';
import type { SiteContext } from '../documents/public-site.js';
import { NotFoundError } from '../domain/errors.js';
import { LIST_KEYS, nestLists } from '../domain/ranking.js';
import { publicationOn, type RankingHeadState } from '../domain/ranking-revisions.js';
import { s3 } from '../files/s3.js';
import { log } from '../log.js';
import { emitCount, METRICS } from '../metrics.js';
import { keys, listings } from '../store/keys.js';
import { allListingItems } from '../store/listing.js';
import { readItem, readItems } from '../store/project-collection.js';
import { inParallel } from './evaluation-run.js';
import { putIfChanged } from './publish-site.js';
import { type RankingRevisionRecord, readRankingHead } from './rankings.js';

const PUBLIC_BUCKET = requireEnv(ENV.publicBucket);
const SITE: SiteContext = { baseUrl: optionalEnv(ENV.publicSiteUrl) ?? requireEnv(ENV.publicBaseUrl) };

/** What one regeneration did. */
export interface PublishRankingsOutcome {
  quarter: string;
  revision: number;
  written: number;
  unchanged: number;
  /** pages a correction no longer has, replaced by a notice this time */
  removed: number;
  omitted: number;
}

/** A run's lists, every page read back. */
async function storedLists(record: RankingRevisionRecord): Promise<StoredLists> {
  const wanted = LIST_KEYS.flatMap((list) =>
    Array.from({ length: record.lists[list]?.pages ?? 0 }, (_, index) => ({ list, page: index + 1 })),
  );
  const items = await readItems(wanted.map(({ list, page }) => keys.rankingListPage(record.runId, list, page)));
  const entries = new Map<string, unknown[]>();
  for (const list of LIST_KEYS) {
    const pages = items
      .filter((item) => item.list === list)
      .sort((a, b) => Number(a.page) - Number(b.page))
      .flatMap((item) => JSON.parse(String(item.entries)) as unknown[]);
    entries.set(list, pages);
  }
  const of = (list: string) => entries.get(list) ?? [];
  return nestLists(of) as StoredLists;
}

/** The keys under the quarter's folder now (bounded by the quarter's own pages). */
async function existingQuarterKeys(quarter: string): Promise<string[]> {
  const found: string[] = [];
  let token: string | undefined;
  do {
    const page = await s3.send(
      new ListObjectsV2Command({
        Bucket: PUBLIC_BUCKET,
        Prefix: rankingKeys.quarterPrefix(quarter),
        ContinuationToken: token,
      }),
    );
    for (const object of page.Contents ?? []) if (object.Key) found.push(object.Key);
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return found;
}

/** The quarters published so far, for the index: one small listing of the quarters' heads. */
async function publishedQuarters(fresh: RankingHeadState): Promise<PublishedQuarter[]> {
  const heads = (await allListingItems(listings.rankings)) as unknown as RankingHeadState[];
  // the index is eventually consistent: the head just read strongly replaces its copy
  const all = [...heads.filter((head) => head.quarter !== fresh.quarter), fresh];
  return all.flatMap((head) => {
    const latest = publicationOn(head.publications ?? [], '9999-12-31');
    return latest
      ? [
          {
            quarter: head.quarter,
            revision: latest.revision,
            publishedOn: latest.publishedOn,
            corrected: (head.publications ?? []).length > 1,
          },
        ]
      : [];
  });
}

/**
 * Regenerate the public files of a quarter's latest publication and the index. Throws (so the event reaches the
 * rule's DLQ) when the quarter has no publication, or when personal data would be published.
 */
export async function publishRankingSite(quarter: string): Promise<PublishRankingsOutcome> {
  const head = await readRankingHead(quarter);
  const publication = head ? publicationOn(head.publications ?? [], '9999-12-31') : null;
  if (!head || !publication) {
    throw new NotFoundError({ zh: `${quarter} 没有公布的排名`, en: `${quarter} has no published ranking` });
  }
  const record = await readItem<RankingRevisionRecord & Record<string, unknown>>(
    keys.rankingRevision(quarter, publication.revision),
  );
  if (record?.status !== 'published' || record.runId !== publication.runId) {
    throw new Error(`ranking ${quarter} revision ${publication.revision} is not the published one`);
  }
  const ranking: PublishedRanking = {
    quarter,
    revision: record.revision,
    publishedOn: publication.publishedOn,
    reason: record.reason,
    publications: (head.publications ?? []).map(({ revision, publishedOn, reason }) => ({
      revision,
      publishedOn,
      reason,
    })),
    rankedOn: record.rankedOn,
    lists: await storedLists(record),
  };
  const { objects, omitted } = renderRankingQuarter(ranking, SITE);
  // record by record (as the circulars' publisher): each entry left out raises the PublicRecordWithheld alarm, the
  // rest is published. Lists, ranks and kinds only: what was found is never logged.
  for (const entry of omitted) {
    log.error('public site: a ranking entry is left out of the public site (personal data in its text)', {
      alarm: 'PublicRecordWithheld',
      quarter,
      revision: record.revision,
      list: entry.list,
      rank: entry.rank,
      kinds: entry.kinds,
    });
    emitCount(METRICS.publicRecordsWithheld, 1, { quarter, list: entry.list, rank: entry.rank });
  }
  const outcome: PublishRankingsOutcome = {
    quarter,
    revision: record.revision,
    written: 0,
    unchanged: 0,
    removed: 0,
    omitted: omitted.length,
  };
  // the quarter's pages and files first, then the index that links to them
  await inParallel(objects, 16, async (object) => {
    if (await putIfChanged(object)) outcome.written += 1;
    else outcome.unchanged += 1;
  });
  const index = renderRankingsIndex(await publishedQuarters(head), SITE);
  if (await putIfChanged(index)) outcome.written += 1;
  else outcome.unchanged += 1;
  // pages an earlier revision had and this one has not (a district no longer ranked) become a notice pointing at
  // the quarter: nothing public is deleted, and an old link never shows superseded entries
  const current = new Set(objects.map((object) => object.key));
  const stale = (await existingQuarterKeys(quarter)).filter((key) => !current.has(key));
  await inParallel(stale, 16, async (key) => {
    if (await putIfChanged(renderRetiredRankingPage(key, ranking, SITE))) outcome.removed += 1;
  });
  return outcome;
}
