import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';

/** SendMessageBatch takes at most 10 messages a call. */
const SEND_LIMIT = 10;
const ATTEMPTS = 5;

let client: SQSClient | undefined;

/**
 * Send messages to a queue, ten a call, retrying the entries SQS reports as failed; throws if some could not be sent
 * after a few attempts (the caller's retry sends them all again: consumers are idempotent).
 */
export async function sendMessages(queueUrl: string, bodies: readonly unknown[]): Promise<void> {
  client ??= new SQSClient({});
  const sqs = client;
  const calls: Array<Promise<void>> = [];
  for (let start = 0; start < bodies.length; start += SEND_LIMIT) {
    let pending = bodies.slice(start, start + SEND_LIMIT).map((body, index) => ({
      Id: String(index),
      MessageBody: JSON.stringify(body),
    }));
    calls.push(
      (async () => {
        for (let attempt = 1; pending.length; attempt++) {
          const sent = await sqs.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: pending }));
          const failed = new Set((sent.Failed ?? []).map((failure) => failure.Id));
          pending = pending.filter((entry) => failed.has(entry.Id));
          if (pending.length && attempt >= ATTEMPTS) {
            throw new Error(
              `${pending.length} messages could not be sent to ${queueUrl}: ${sent.Failed?.[0]?.Message}`,
            );
          }
          if (pending.length) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
        }
      })(),
    );
    // at most a few calls in flight
    if (calls.length >= 8) await Promise.all(calls.splice(0));
  }
  await Promise.all(calls);
}
