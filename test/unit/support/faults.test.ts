import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import {
  crashDecision,
  isThrottled,
  SimulatedCrash,
  sampleCalls,
  seededFraction,
  throttlingError,
} from '../../support/faults.js';

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
