import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { clock } from '../../shared/clock.js';
import { log } from '../../shared/log.js';
import { workRankingBatch } from '../../shared/usecases/ranking-batch.js';
import type { RankingBatchMessage } from '../../shared/usecases/ranking-run.js';

/**
 * The ranking run's worker: each message of the ranking queue is one batch of a run (100 projects: their missing
 * assessments charged, their quarter standing read); the worker that counts the last batch computes and stores the
 * lists. A batch that fails is reported alone and comes back after the visibility timeout, then goes to the DLQ.
 * Working a batch twice changes nothing.
 */
export async function handler(event: SQSEvent): Promise<SQSBatchResponse> {
  const failures: SQSBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    try {
      await workRankingBatch(JSON.parse(record.body) as RankingBatchMessage, clock.now());
    } catch (error) {
      log.error('ranking batch failed', { messageId: record.messageId, body: record.body, error });
      failures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures: failures };
}
