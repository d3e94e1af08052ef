import { Readable } from 'node:stream';
import {
  DynamoDBClient,
  GetItemCommand,
  TransactionCanceledException,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import {
  crashDecision,
  injectFaults,
  isThrottled,
  SimulatedCrash,
  sampleCalls,
  seededFraction,
  throttlingError,
} from '../../support/faults.js';

// the SDK's notice that future versions need Node 22 is noise here
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

describe('the fault injector’s decisions', () => {
  it('crashes the N-th call and every later one; only the N-th is sent when the crash comes after sending', () => {
    const before = { mode: 'crash', at: 3, timing: 'before-send' } as const;
    const after = { mode: 'crash', at: 3, timing: 'after-send' } as const;
    expect([1, 2, 3, 4, 9].map((call) => crashDecision(before, call))).toEqual([
      'pass',
      'pass',
      'crash-before-send',
      'crash-before-send',
      'crash-before-send',
    ]);
    expect([1, 2, 3, 4, 9].map((call) => crashDecision(after, call))).toEqual([
      'pass',
      'pass',
      'crash-after-send',
      'crash-before-send',
      'crash-before-send',
    ]);
    expect(crashDecision({ mode: 'count' }, 1)).toBe('pass');
  });

  it('throttles the calls named, or a seeded share of them, the same ones for the same seed', () => {
    const named = { mode: 'throttle', calls: [2, 5], attempts: 1, kind: 'ThrottlingException' } as const;
    expect([1, 2, 3, 4, 5].filter((call) => isThrottled(named, call))).toEqual([2, 5]);
    const share = {
      mode: 'throttle',
      proportion: 0.25,
      seed: 11,
      attempts: 'all',
      kind: 'TransactionThrottled',
    } as const;
    const chosen = Array.from({ length: 2000 }, (_, i) => i + 1).filter((call) => isThrottled(share, call));
    expect(chosen.length / 2000).toBeGreaterThan(0.2);
    expect(chosen.length / 2000).toBeLessThan(0.3);
    expect(Array.from({ length: 2000 }, (_, i) => i + 1).filter((call) => isThrottled(share, call))).toEqual(chosen);
    expect(isThrottled({ mode: 'crash', at: 1, timing: 'before-send' }, 1)).toBe(false);
  });

  it('spreads seeded fractions over [0, 1) and samples distinct calls in order', () => {
    const values = Array.from({ length: 1000 }, (_, call) => seededFraction(7, call));
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    expect(new Set(values.map((v) => Math.floor(v * 10))).size).toBe(10);
    expect(seededFraction(7, 42)).toBe(seededFraction(7, 42));
    expect(seededFraction(7, 42)).not.toBe(seededFraction(8, 42));

    const sample = sampleCalls(100, 10, 3);
    expect(sample).toHaveLength(10);
    expect(new Set(sample).size).toBe(10);
    expect(sample).toEqual([...sample].sort((a, b) => a - b));
    expect(sample.every((call) => call >= 1 && call <= 100)).toBe(true);
    expect(sampleCalls(100, 10, 3)).toEqual(sample);
    expect(sampleCalls(5, 10, 3)).toEqual([1, 2, 3, 4, 5]);
  });
});

describe('the injector on a client', () => {
  /** A DynamoDB client whose requests never leave the process: each is recorded and answered `{}`. */
  function offlineClient() {
    const sent: string[] = [];
    const client = new DynamoDBClient({
      region: 'us-east-1',
      endpoint: 'http://127.0.0.1:9',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      requestHandler: {
        handle: async (request: { headers: Record<string, string> }) => {
          sent.push(String(request.headers['x-amz-target']).split('.')[1] ?? '');
          return { response: { statusCode: 200, headers: {}, body: Readable.from([Buffer.from('{}')]) } };
        },
      } as never,
    });
    return { client, sent };
  }

  it('crashes at the N-th call of one command when the plan names it, whatever the calls around it', async () => {
    for (const timing of ['before-send', 'after-send'] as const) {
      const { client, sent } = offlineClient();
      const faults = injectFaults({ dynamodb: client as never });
      const get = () => client.send(new GetItemCommand({ TableName: 't', Key: { pk: { S: 'a' } } }));
      const transact = () => client.send(new TransactWriteItemsCommand({ TransactItems: [] }));
      const run = await faults.run({ mode: 'crash', at: 2, timing, command: 'TransactWriteItems' }, async () => {
        await get();
        await transact();
        await get();
        await get();
        // the second transaction: the process dies here; a sibling still running dies with it
        await Promise.allSettled([transact(), get()]);
        await get();
      });
      faults.detach();
      expect(run.crashedAt, timing).toBe(5);
      expect(run.calls.map((call) => `${call.command} ${call.outcome}`)).toEqual([
        'GetItem ok',
        'TransactWriteItems ok',
        'GetItem ok',
        'GetItem ok',
        'TransactWriteItems crashed',
        'GetItem crashed',
        'GetItem crashed',
      ]);
      expect(run.error).toBeInstanceOf(SimulatedCrash);
      // the crashed transaction reached the service only when the crash came after sending it
      expect(sent).toEqual([
        'GetItem',
        'TransactWriteItems',
        'GetItem',
        'GetItem',
        ...(timing === 'after-send' ? ['TransactWriteItems'] : []),
      ]);
    }
  });
});

describe('the errors it throws', () => {
  it('a simulated crash says where the process died and whether that call was sent', () => {
    const crash = new SimulatedCrash(4, 'TransactWriteItems', true);
    expect(crash).toBeInstanceOf(Error);
    expect(crash.name).toBe('SimulatedCrash');
    expect(crash.message).toBe('simulated crash at SDK call 4 (TransactWriteItems, sent, response lost)');
  });

  it('throttling errors look like the ones the SDK deserializes, so its retry strategy treats them as throttling', () => {
    for (const kind of ['ProvisionedThroughputExceededException', 'ThrottlingException'] as const) {
      const error = throttlingError(kind) as Error & { $metadata: { httpStatusCode: number }; $retryable: unknown };
      expect(error.name).toBe(kind);
      expect(error.$metadata.httpStatusCode).toBe(400);
      expect(error.$retryable).toEqual({ throttling: true });
    }
    const cancelled = throttlingError('TransactionThrottled', 3);
    expect(cancelled).toBeInstanceOf(TransactionCanceledException);
    expect((cancelled as TransactionCanceledException).CancellationReasons?.map((r) => r.Code)).toEqual([
      'ThrottlingError',
      'None',
      'None',
    ]);
  });
});
