import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { EventBridgeEvent } from 'aws-lambda';
import type { EventDetail } from '../../shared/events.js';
import { dynamo, TABLE_NAME } from '../../shared/store/client.js';
import { keys } from '../../shared/store/keys.js';

/**
 * Keeps every supervision event in an append-only journal per subject (`JOURNAL#{subjectId}`): the audit trail
 * of what the system announced. Redelivery writes nothing new: the entry's key is the event's own id.
 */
export async function handler(event: EventBridgeEvent<string, EventDetail>): Promise<{ recorded: boolean }> {
  const { eventId, occurredAt, subjectId, data } = event.detail;
  try {
    await dynamo.send(
      new PutCommand({
        TableName: TABLE_NAME,
        Item: {
          ...keys.journalEntry(subjectId, occurredAt, eventId),
          type: 'journal',
          eventId,
          eventType: event['detail-type'],
          occurredAt,
          subjectId,
          data,
          busEventId: event.id,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return { recorded: true };
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return { recorded: false };
    throw error;
  }
}
