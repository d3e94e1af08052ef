import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SendMessageBatchCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { SQSEvent } from 'aws-lambda';
import { afterEach, describe, expect, it } from 'vitest';
import { DeadLetterQueue } from '../../../infra/local/async-invocation.js';
import type { LambdaRuntime } from '../../../infra/local/lambda-runtime.js';
import { type LocalWorkQueues, startWorkQueues } from '../../../infra/local/work-queues.js';
import { sendMessages } from '../../../shared/queue.js';
import type { QueueName, QueueSpec } from '../../../shared/wiring.js';

// the SDK's notice that it will need Node 22 is noise here
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const spec: QueueSpec = {
  description: 'test',
  function: 'evaluation-worker',
  batchSize: 2,
  maxConcurrency: 2,
  maxReceiveCount: 3,
  visibilityTimeoutSeconds: 60,
  urlVariable: 'TEST_QUEUE_URL',
};
const specs = { 'evaluation-batches': spec } as Record<QueueName, QueueSpec>;

let queues: LocalWorkQueues | undefined;
let client: SQSClient | undefined;
afterEach(async () => {
  client?.destroy();
  await queues?.stop();
  queues = undefined;
});

/** A runtime whose worker fails the bodies it is told to, a number of times each, as a partial batch response. */
function worker(failures: Record<string, number> = {}, options: { throwOn?: string } = {}) {
  const received: Array<{ body: string; receiveCount: string }> = [];
  let concurrent = 0;
  let maxConcurrent = 0;
  const runtime = {
    invoke: async (name: string, event: SQSEvent) => {
      expect(name).toBe('evaluation-worker');
      concurrent += 1;
      maxConcurrent = Math.max(maxConcurrent, concurrent);
      await new Promise((resolve) => setTimeout(resolve, 20));
      concurrent -= 1;
      const failed: string[] = [];
      for (const record of event.Records) {
        received.push({ body: record.body, receiveCount: record.attributes.ApproximateReceiveCount });
        if (record.body === options.throwOn) throw new Error('worker crashed');
        if ((failures[record.body] ?? 0) > 0) {
          failures[record.body] = (failures[record.body] ?? 0) - 1;
          failed.push(record.messageId);
        }
      }
      return { batchItemFailures: failed.map((itemIdentifier) => ({ itemIdentifier })) };
    },
  } as unknown as LambdaRuntime;
  return { runtime, received, maxConcurrent: () => maxConcurrent };
}

function sqs(endpoint: string) {
  client = new SQSClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
  return client;
}

describe('the local work queues', () => {
  it("take SendMessageBatch from the SDK's SQSClient (checksums verified) and deliver every message once", async () => {
    const { runtime, received, maxConcurrent } = worker();
    queues = await startWorkQueues({ runtime, dlq: new DeadLetterQueue(), queues: specs });
    const url = queues.urls['evaluation-batches'];
    const sent = await sqs(queues.endpoint).send(
      new SendMessageBatchCommand({
        QueueUrl: url,
        Entries: Array.from({ length: 10 }, (_, i) => ({ Id: `m${i}`, MessageBody: JSON.stringify({ batch: i }) })),
      }),
    );
    expect(sent.Successful).toHaveLength(10);
    await queues.idle(5_000);
    expect(received.map((r) => JSON.parse(r.body).batch).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(maxConcurrent()).toBeLessThanOrEqual(2);
    expect(queues.status()[0]).toMatchObject({ waiting: 0, inFlight: 0, delivered: 10, deadLettered: 0 });
  });

  it('sends many messages through shared/queue.ts, ten a call', async () => {
    const { runtime, received } = worker();
    queues = await startWorkQueues({ runtime, dlq: new DeadLetterQueue(), queues: specs });
    process.env.AWS_ENDPOINT_URL_SQS = queues.endpoint;
    process.env.AWS_REGION ??= 'us-east-1';
    process.env.AWS_ACCESS_KEY_ID ??= 'x';
    process.env.AWS_SECRET_ACCESS_KEY ??= 'y';
    await sendMessages(
      queues.urls['evaluation-batches'],
      Array.from({ length: 37 }, (_, batch) => ({ batch })),
    );
    await queues.idle(5_000);
    expect(new Set(received.map((r) => r.body)).size).toBe(37);
  });

  it('redeliver the failed messages of a partial batch response, alone, with a growing receive count', async () => {
    const { runtime, received } = worker({ '"flaky"': 2 });
    queues = await startWorkQueues({ runtime, dlq: new DeadLetterQueue(), queues: specs });
    const client = sqs(queues.endpoint);
    for (const body of ['"ok"', '"flaky"']) {
      await client.send(new SendMessageCommand({ QueueUrl: queues.urls['evaluation-batches'], MessageBody: body }));
    }
    await queues.idle(10_000);
    expect(received.filter((r) => r.body === '"ok"')).toHaveLength(1);
    expect(received.filter((r) => r.body === '"flaky"').map((r) => r.receiveCount)).toEqual(['1', '2', '3']);
    expect(queues.status()[0]).toMatchObject({ delivered: 2, deadLettered: 0 });
  });

  it('send a message that keeps failing to the DLQ after maxReceiveCount deliveries', async () => {
    const { runtime, received } = worker({}, { throwOn: '"poison"' });
    const dlq = new DeadLetterQueue();
    queues = await startWorkQueues({ runtime, dlq, queues: specs });
    await sqs(queues.endpoint).send(
      new SendMessageCommand({ QueueUrl: queues.urls['evaluation-batches'], MessageBody: '"poison"' }),
    );
    await queues.idle(10_000);
    expect(received.filter((r) => r.body === '"poison"')).toHaveLength(3);
    expect(dlq.list()).toEqual([
      expect.objectContaining({ source: 'queue evaluation-batches', function: 'evaluation-worker', payload: 'poison' }),
    ]);
  });

  it('keep the messages not yet worked across a restart (a journal file), and only those', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'queues-')), 'queues.jsonl');
    const down = worker({ '"b"': 99, '"c"': 99 });
    queues = await startWorkQueues({ runtime: down.runtime, dlq: new DeadLetterQueue(), queues: specs, file });
    const client = sqs(queues.endpoint);
    for (const body of ['"a"', '"b"', '"c"']) {
      await client.send(new SendMessageCommand({ QueueUrl: queues.urls['evaluation-batches'], MessageBody: body }));
    }
    // "a" is worked; "b" and "c" fail their first delivery and wait out their visibility timeout: then the stop
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(down.received.map((r) => r.body).sort()).toEqual(['"a"', '"b"', '"c"']);
    await queues.stop();
    client.destroy();

    const up = worker();
    queues = await startWorkQueues({ runtime: up.runtime, dlq: new DeadLetterQueue(), queues: specs, file });
    await queues.idle(5_000);
    expect(up.received.map((r) => r.body).sort()).toEqual(['"b"', '"c"']);
    await queues.stop();

    const after = worker();
    queues = await startWorkQueues({ runtime: after.runtime, dlq: new DeadLetterQueue(), queues: specs, file });
    await queues.idle(2_000);
    expect(after.received).toEqual([]);
  });

  it('refuse a queue that does not exist', async () => {
    queues = await startWorkQueues({ runtime: worker().runtime, dlq: new DeadLetterQueue(), queues: specs });
    await expect(
      sqs(queues.endpoint).send(
        new SendMessageCommand({ QueueUrl: `${queues.endpoint}/000000000000/nope`, MessageBody: '{}' }),
      ),
    ).rejects.toMatchObject({ name: 'QueueDoesNotExist' });
  });
});
