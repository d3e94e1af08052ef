import type { EventBridgeEvent } from 'aws-lambda';
import * as z from 'zod/mini';
import { log } from '../../shared/log.js';
import { type PublishRankingsOutcome, publishRankingSite } from '../../shared/usecases/publish-rankings.js';

/** The envelope of RankingPublished: only which quarter changed matters. */
const rankingEventDetail = z.object({
  eventId: z.string().check(z.minLength(1)),
  occurredAt: z.string().check(z.minLength(1)),
  subjectId: z.string().check(z.minLength(1)),
  data: z.object({ quarter: z.string().check(z.regex(/^\d{4}Q[1-4]$/)) }),
});

/**
 * A ranking was published (or corrected) → the quarter's public pages, JSON and CSV and the index of quarters are
 * regenerated from the table as it is now, so a duplicate or late delivery is harmless. A malformed event, a quarter
 * without a publication or personal data in what would be published throws, and so reaches the rule's DLQ.
 */
export async function handler(event: EventBridgeEvent<'RankingPublished', unknown>): Promise<PublishRankingsOutcome> {
  const detail = rankingEventDetail.parse(event.detail);
  const outcome = await publishRankingSite(detail.data.quarter);
  log.info('public rankings regenerated', { eventId: detail.eventId, ...outcome });
  return outcome;
}
