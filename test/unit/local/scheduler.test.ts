import { afterEach, describe, expect, it } from 'vitest';
import { DeadLetterQueue } from '../../../infra/local/async-invocation.js';
import type { LambdaRuntime } from '../../../infra/local/lambda-runtime.js';
import { nextOccurrence, startScheduler, translateCron } from '../../../infra/local/scheduler.js';
import { setClock } from '../../../shared/clock.js';
import { schedules } from '../../../shared/wiring.js';

describe('translateCron (EventBridge Scheduler → cron-parser)', () => {
  it.each([
    ['cron(30 2 1 * ? *)', '30 2 1 * *'],
    ['cron(0 8 ? * MON-FRI *)', '0 8 * * MON-FRI'],
    ['cron(0 8 ? * 2-6 *)', '0 8 * * 1-5'],
    ['cron(0 8 ? * 1,7 *)', '0 8 * * 0,6'],
    ['cron(0 9 ? * 6L *)', '0 9 * * 5L'],
    ['cron(0 9 ? * 3#2 *)', '0 9 * * 2#2'],
    ['cron(0/15 * * * ? *)', '0/15 * * * *'],
    ['cron(0 0 L * ? *)', '0 0 L * *'],
  ])('%s → %s', (cron, expression) => {
    expect(translateCron(cron).expression).toBe(expression);
  });

  it.each(['rate(5 minutes)', 'cron(0 8 * * *)', 'cron(0 8 1 * MON *)', 'cron(0 8 1 * ? 20x5)'])(
    'refuses %s',
    (cron) => {
      expect(() => translateCron(cron)).toThrow();
    },
  );

  it('keeps the year field as a predicate', () => {
    const { year } = translateCron('cron(0 8 1 1 ? 2027-2029)');
    expect([2026, 2027, 2029, 2030].map(year)).toEqual([false, true, true, false]);
  });
});

describe('nextOccurrence', () => {
  const table: Array<[string, string, string]> = [
    // 02:30 on the 1st in Shanghai is 18:30 UTC the day before
    ['cron(30 2 1 * ? *)', '2026-11-21T10:00:00Z', '2026-11-30T18:30:00.000Z'],
    ['cron(30 2 1 * ? *)', '2026-11-30T18:30:00Z', '2026-12-31T18:30:00.000Z'],
    // EventBridge day 2 = Monday; 2026-11-23 is a Monday
    ['cron(0 9 ? * 2 *)', '2026-11-21T00:00:00Z', '2026-11-23T01:00:00.000Z'],
    ['cron(0 8 1 1 ? 2028)', '2026-11-21T00:00:00Z', '2028-01-01T00:00:00.000Z'],
  ];
  it.each(table)('%s after %s is %s', (cron, after, expected) => {
    expect(nextOccurrence(cron, 'Asia/Shanghai', new Date(after))?.toISOString()).toBe(expected);
  });

  it('has an answer for every schedule of the wiring table', () => {
    for (const schedule of schedules) {
      expect(nextOccurrence(schedule.cron, schedule.timeZone, new Date())).toBeInstanceOf(Date);
    }
  });
});

describe('the local scheduler', () => {
  afterEach(() => setClock(null));

  function recordingRuntime() {
    const calls: Array<{ name: string; event: unknown }> = [];
    const runtime = {
      invoke: async (name: string, event: unknown) => {
        calls.push({ name, event });
        return { ok: true };
      },
    } as unknown as LambdaRuntime;
    return { calls, runtime };
  }

  const monthly = [
    {
      name: 'monthly',
      description: 'test',
      cron: 'cron(30 2 1 * ? *)',
      timeZone: 'Asia/Shanghai' as const,
      function: 'evaluations' as const,
      input: { task: 'monthly-evaluation' },
    },
  ];

  it('fires once when the clock passes an occurrence, without backfilling the months skipped', async () => {
    setClock(new Date('2026-01-31T12:00:00+08:00'));
    const { calls, runtime } = recordingRuntime();
    const scheduler = startScheduler({ runtime, dlq: new DeadLetterQueue(), schedules: monthly, tickMs: 60_000 });
    scheduler.tick();
    expect(calls).toHaveLength(0);
    setClock(new Date('2026-05-15T12:00:00+08:00'));
    scheduler.tick();
    scheduler.tick();
    await scheduler.stop();
    expect(calls).toEqual([{ name: 'evaluations', event: { task: 'monthly-evaluation' } }]);
    expect(scheduler.list()[0]?.nextAt).toBe('2026-05-31T18:30:00.000Z');
  });

  it('counts again from the new now when the clock goes back, and fires nothing on a rebase', async () => {
    setClock(new Date('2026-06-15T12:00:00+08:00'));
    const { calls, runtime } = recordingRuntime();
    const scheduler = startScheduler({ runtime, dlq: new DeadLetterQueue(), schedules: monthly, tickMs: 60_000 });
    setClock(new Date('2026-02-15T12:00:00+08:00'));
    scheduler.tick();
    expect(scheduler.list()[0]?.nextAt).toBe('2026-02-28T18:30:00.000Z');
    setClock(new Date('2026-09-15T12:00:00+08:00'));
    scheduler.rebase();
    expect(scheduler.list()[0]?.nextAt).toBe('2026-09-30T18:30:00.000Z');
    await scheduler.stop();
    expect(calls).toHaveLength(0);
  });

  it('triggers a schedule by name, and answers undefined for an unknown one', async () => {
    const { calls, runtime } = recordingRuntime();
    const scheduler = startScheduler({ runtime, dlq: new DeadLetterQueue(), schedules: monthly, tickMs: 60_000 });
    expect(await scheduler.trigger('monthly')).toEqual({ schedule: 'monthly', result: { ok: true } });
    expect(await scheduler.trigger('nope')).toBeUndefined();
    await scheduler.stop();
    expect(calls).toHaveLength(1);
  });
});
