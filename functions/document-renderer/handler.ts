import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { clock } from '../../shared/clock.js';
import { log } from '../../shared/log.js';
import { renderIssuedDocuments, renderMessage } from '../../shared/usecases/document-rendering.js';

/**
 * The document renderer: each message of the `document-renders` queue is an event that issued a document (the
 * whole EventBridge envelope, as the rule's SQS target sends it). Its PDF is rendered, stored once and its SHA-256
 * recorded. A message that fails is reported alone and comes back after the visibility timeout; one that keeps
 * failing goes to the queue's DLQ. Working a message twice changes nothing.
 */
export async function handler(event: SQSEvent): Promise<SQSBatchResponse> {
  const failures: SQSBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    try {
      const message = renderMessage.parse(JSON.parse(record.body));
      const outcomes = await renderIssuedDocuments(message, clock.now());
      log.info('documents rendered', {
        messageId: record.messageId,
        eventType: message['detail-type'],
        eventId: message.detail.eventId,
        outcomes: outcomes.map(({ documentKey, outcome }) => ({ documentKey, outcome })),
      });
    } catch (error) {
      // the body is an event of ours (ids, numbers, no personal data beyond what the notices print)
      log.error('rendering a document failed', { messageId: record.messageId, error });
      failures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures: failures };
}
