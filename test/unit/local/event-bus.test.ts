import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { afterEach, describe, expect, it } from 'vitest';
import { DeadLetterQueue } from '../../../infra/local/async-invocation.js';
import { type LocalEventBus, startEventBus } from '../../../infra/local/event-bus.js';
import type { LambdaRuntime } from '../../../infra/local/lambda-runtime.js';
import type { RuleSpec } from '../../../shared/wiring.js';

const rules: RuleSpec[] = [
  {
    name: 'journal',
    description: 'test',
    bus: 'supervision',
    pattern: { source: ['supervision'] },
    function: 'event-journal',
  },
  {
    name: 'uploads',
    description: 'test',
    bus: 'default',
    pattern: { source: ['aws.s3'], 'detail-type': ['Object Created'] },
    function: 'uploads',
  },
];

let bus: LocalEventBus | undefined;
afterEach(async () => {
  await bus?.stop();
  bus = undefined;
});

function runtimeFailing(times: number) {
  const calls: Array<{ name: string; event: unknown }> = [];
  let failures = times;
  const runtime = {
    invoke: async (name: string, event: unknown) => {
      calls.push({ name, event });
      if (failures-- > 0) throw new Error('consumer down');
      return { recorded: true };
    },
  } as unknown as LambdaRuntime;
  return { calls, runtime };
}

describe('the local event bus', () => {
  it("accepts PutEvents from the SDK's EventBridgeClient and delivers the envelope to matching rules", async () => {
    const { calls, runtime } = runtimeFailing(0);
    bus = await startEventBus({ runtime, dlq: new DeadLetterQueue(), rules });
    const client = new EventBridgeClient({
      endpoint: bus.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
    });
    const result = await client.send(
      new PutEventsCommand({
        Entries: [
          {
            EventBusName: 'supervision',
            Source: 'supervision',
            DetailType: 'CaseIncluded',
            Detail: JSON.stringify({ eventId: 'e1', subjectId: 'c1' }),
            Time: new Date('2026-03-01T01:02:03Z'),
          },
          { EventBusName: 'nobody', Source: 'supervision', DetailType: 'X', Detail: '{}' },
          { EventBusName: 'supervision', Source: 'supervision', DetailType: 'X', Detail: 'not json' },
        ],
      }),
    );
    client.destroy();
    expect(result.FailedEntryCount).toBe(2);
    expect(result.Entries?.[0]?.EventId).toEqual(expect.any(String));
    expect(result.Entries?.[1]?.ErrorCode).toEqual(expect.any(String));
    expect(result.Entries?.[2]?.ErrorCode).toBe('MalformedDetail');
    await bus.idle();
    expect(calls).toEqual([
      {
        name: 'event-journal',
        event: {
          version: '0',
          id: result.Entries?.[0]?.EventId,
          'detail-type': 'CaseIncluded',
          source: 'supervision',
          account: expect.stringMatching(/^\d{12}$/),
          time: '2026-03-01T01:02:03Z',
          region: expect.any(String),
          resources: [],
          detail: { eventId: 'e1', subjectId: 'c1' },
        },
      },
    ]);
  });

  it('routes in-process events by bus: S3 events on default reach only the default rules', async () => {
    const { calls, runtime } = runtimeFailing(0);
    bus = await startEventBus({ runtime, dlq: new DeadLetterQueue(), rules });
    bus.publish('default', { source: 'aws.s3', 'detail-type': 'Object Created', detail: { bucket: { name: 'b' } } });
    bus.publish('supervision', { source: 'aws.s3', 'detail-type': 'Object Created', detail: {} });
    await bus.idle();
    expect(calls.map((call) => call.name)).toEqual(['uploads']);
    expect(bus.recent().map((r) => r.deliveries.map((d) => d.status))).toEqual([['delivered'], []]);
  });

  it('retries a failing consumer, then sends the event to the DLQ', async () => {
    const { calls, runtime } = runtimeFailing(10);
    const dlq = new DeadLetterQueue();
    bus = await startEventBus({ runtime, dlq, rules, retry: { attempts: 3, baseDelayMs: 5 } });
    bus.publish('supervision', { source: 'supervision', 'detail-type': 'CaseIncluded', detail: { eventId: 'e2' } });
    await bus.idle();
    expect(calls).toHaveLength(3);
    expect(dlq.list()).toEqual([
      expect.objectContaining({ function: 'event-journal', attempts: 3, error: 'consumer down' }),
    ]);
    expect(bus.recent()[0]?.deliveries[0]).toMatchObject({ status: 'failed', attempts: 3 });
  });

  it('puts the whole envelope on the work queue of a rule whose target is a queue, as an SQS target does', async () => {
    const { calls, runtime } = runtimeFailing(0);
    const sent: Array<{ queue: string; body: string }> = [];
    const queueRule: RuleSpec = {
      name: 'render',
      description: 'test',
      bus: 'supervision',
      pattern: { source: ['supervision'], 'detail-type': ['NoticeIssued'] },
      queue: 'document-renders',
    };
    bus = await startEventBus({
      runtime,
      dlq: new DeadLetterQueue(),
      rules: [queueRule],
      queues: { send: (queue, body) => sent.push({ queue, body }) },
    });
    const event = bus.publish('supervision', {
      source: 'supervision',
      'detail-type': 'NoticeIssued',
      detail: { eventId: 'e3', subjectId: 'ntc_1', data: { noticeId: 'ntc_1' } },
    });
    bus.publish('supervision', { source: 'supervision', 'detail-type': 'CaseIncluded', detail: {} });
    await bus.idle();
    expect(calls, 'the bus invokes no function itself: the queue does').toEqual([]);
    expect(sent).toEqual([{ queue: 'document-renders', body: JSON.stringify(event) }]);
    expect(bus.recent()[0]?.deliveries).toEqual([
      { rule: 'render', function: 'document-renderer', queue: 'document-renders', status: 'delivered', attempts: 1 },
    ]);
  });

  it('recovers when a retry succeeds', async () => {
    const { calls, runtime } = runtimeFailing(1);
    const dlq = new DeadLetterQueue();
    bus = await startEventBus({ runtime, dlq, rules, retry: { attempts: 3, baseDelayMs: 5 } });
    bus.publish('supervision', { source: 'supervision', 'detail-type': 'CaseIncluded', detail: {} });
    await bus.idle();
    expect(calls).toHaveLength(2);
    expect(dlq.list()).toEqual([]);
  });
});
