import type { EventBridgeEvent } from 'aws-lambda';
import * as z from 'zod/mini';
import { log } from '../../shared/log.js';
import { type PublishSiteOutcome, publishPublicSite } from '../../shared/usecases/publish-site.js';

/** The envelope of CircularPublished / CircularRetracted / CircularExpired: only which circular changed matters. */
const circularEventDetail = z.object({
  eventId: z.string().check(z.minLength(1)),
  occurredAt: z.string().check(z.minLength(1)),
  subjectId: z.string().check(z.minLength(1)),
  data: z.object({
    circularId: z.string().check(z.minLength(1)),
    caseId: z.string().check(z.minLength(1)),
    projectId: z.string().check(z.minLength(1)),
  }),
});

type CircularEventType = 'CircularPublished' | 'CircularRetracted' | 'CircularRetractionCorrected' | 'CircularExpired';

/**
 * A circular was published, retracted (or its reason corrected) or expired → the public pages and feeds are
 * regenerated from the table as it is now (not from the event), so a duplicate or late delivery is harmless. A record
 * that cannot be published safely is left out and alarmed by the use case, the rest published; a malformed event, a
 * missing circular or a failing table or bucket throws, and so reaches the rule's dead-letter queue.
 */
export async function handler(event: EventBridgeEvent<CircularEventType, unknown>): Promise<PublishSiteOutcome> {
  const detail = circularEventDetail.parse(event.detail);
  const outcome = await publishPublicSite(detail.data);
  log.info('public site regenerated', {
    eventType: event['detail-type'],
    eventId: detail.eventId,
    circularId: outcome.circularId,
    status: outcome.status,
    written: outcome.written,
    unchanged: outcome.unchanged.length,
    withheld: outcome.withheld.map((record) => record.circularId),
  });
  return outcome;
}
