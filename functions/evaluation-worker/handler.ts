import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { clock } from '../../shared/clock.js';
import { log } from '../../shared/log.js';
import { workBatch } from '../../shared/usecases/evaluation-batch.js';
import type { BatchMessage } from '../../shared/usecases/evaluation-run.js';

/**
 * The monthly evaluation's worker: each message of the evaluation queue is one batch of a run (50 cases, or 100
 * projects to re-examine). A batch that fails is reported alone and comes back after the visibility timeout; a
 * batch that keeps failing goes to the queue's DLQ. Working a batch twice changes nothing.
 */
export async function handler(event: SQSEvent): Promise<SQSBatchResponse> {
  const failures: SQSBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    try {
      await workBatch(JSON.parse(record.body) as BatchMessage, clock.now());
    } catch (error) {
      log.error('evaluation batch failed', { messageId: record.messageId, body: record.body, error });
      failures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures: failures };
}
