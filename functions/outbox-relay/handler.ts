import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { ENV, requireEnv } from '../../shared/config.js';
import { log } from '../../shared/log.js';

const BUS_NAME = requireEnv(ENV.bus);
/** Exported for the crash tests' fault injector (test/integration/crashes.test.ts), which adds SDK middleware. */
export const eventBridge = new EventBridgeClient({});

/** PutEvents takes at most 10 entries a call. */
const PUT_EVENTS_LIMIT = 10;

/**
 * The transactional outbox's relay: each new outbox item on the table stream becomes one event on the
 * `supervision` bus. Records that fail are reported back so only they are retried (then to the DLQ).
 * Delivery is at-least-once; consumers are idempotent on `detail.eventId`.
 */
export async function handler(event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> {
  const pending: Array<{ sequenceNumber: string; entry: PutEventsRequestEntry }> = [];
  for (const record of event.Records) {
    const image = record.dynamodb?.NewImage;
    if (record.eventName !== 'INSERT' || !image) continue;
    const item = unmarshall(image as Record<string, AttributeValue>);
    if (item.type !== 'outbox') continue;
    pending.push({
      sequenceNumber: record.dynamodb?.SequenceNumber ?? '',
      entry: {
        EventBusName: BUS_NAME,
        Source: String(item.source),
        DetailType: String(item.detailType),
        Detail: JSON.stringify(item.detail),
        Time: new Date(String((item.detail as { occurredAt?: string }).occurredAt ?? Date.now())),
      },
    });
  }

  for (let i = 0; i < pending.length; i += PUT_EVENTS_LIMIT) {
    const batch = pending.slice(i, i + PUT_EVENTS_LIMIT);
    let firstFailed: number;
    try {
      const result = await eventBridge.send(new PutEventsCommand({ Entries: batch.map((p) => p.entry) }));
      firstFailed = (result.Entries ?? []).findIndex((entry) => entry.ErrorCode);
      const rejected = result.Entries?.[firstFailed];
      if (rejected) {
        log.warn('event not accepted by the bus', {
          errorCode: rejected.ErrorCode,
          errorMessage: rejected.ErrorMessage,
        });
      }
    } catch (error) {
      log.error('PutEvents failed', { error });
      firstFailed = 0;
    }
    if (firstFailed >= 0) {
      // Stream order matters: report the earliest failure, so it and everything after it is retried, and send
      // nothing after it now (the retry would publish it a second time, after the failed one)
      return { batchItemFailures: [{ itemIdentifier: batch[firstFailed]?.sequenceNumber ?? '' }] };
    }
  }
  return { batchItemFailures: [] };
}
