/**
 * A gap-free number lost in a race (SPEC §2.2, shared/usecases/document-numbers.ts): the losing transaction's failed
 * condition answers with the counter as it stands (`ReturnValuesOnConditionCheckFailure`), so the loser retries with
 * the next number without reading the counter first — what the monthly run's releases do (issue 13 item 4). Against
 * DynamoDB Local, in this process.
 */
import { describe, expect, it } from 'vitest';
import { countRequests } from '../../bench/sdk-request-counter.js';
import { newId } from '../../shared/ids.js';
import { dynamo } from '../../shared/store/client.js';
import { keys } from '../../shared/store/keys.js';
import { readItem } from '../../shared/store/project-collection.js';
import { ConditionFailed, UnitOfWork } from '../../shared/store/unit-of-work.js';
import { NOTICE_COUNTER, takeNumber } from '../../shared/usecases/document-numbers.js';

const now = new Date('2031-01-05T10:00:00+08:00');

/** Take the number after `current`: the number taken, or the counter's value the failed condition answered with. */
async function take(counter: string, current: number): Promise<{ taken: number } | { stands: number | undefined }> {
  const uow = new UnitOfWork(now);
  takeNumber(uow, keys.counter(counter), current, current + 1);
  try {
    await uow.commit();
    return { taken: current + 1 };
  } catch (error) {
    if (!(error instanceof ConditionFailed) || error.label !== NOTICE_COUNTER) throw error;
    return { stands: error.item?.value as number | undefined };
  }
}

describe('a number lost in a race', () => {
  it('answers with the counter as it stands, and the retry from it takes the next number', async () => {
    const counter = `race-${newId('run')}`;
    expect(await take(counter, 0)).toEqual({ taken: 1 });
    expect(await take(counter, 1)).toEqual({ taken: 2 });
    // a writer that believed the counter untouched, and one two numbers behind
    expect(await take(counter, 0)).toEqual({ stands: 2 });
    expect(await take(counter, 1)).toEqual({ stands: 2 });
    expect(await take(counter, 2)).toEqual({ taken: 3 });
    expect((await readItem<{ value: number }>(keys.counter(counter)))?.value).toBe(3);
  });

  it('twenty writers racing from a stale value take 1…20, once each, without reading the counter', async () => {
    const counter = `race-${newId('run')}`;
    const requests = countRequests(dynamo as never, (command) => ({ phase: 'race', target: command }));
    const taken: number[] = [];
    try {
      await Promise.all(
        Array.from({ length: 20 }, async () => {
          let current = 0;
          for (let attempt = 0; attempt < 200; attempt++) {
            const result = await take(counter, current);
            if ('taken' in result) {
              taken.push(result.taken);
              return;
            }
            current = result.stands ?? 0;
          }
          throw new Error('a writer never got a number');
        }),
      );
    } finally {
      requests.stop();
    }
    expect(taken.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect((await readItem<{ value: number }>(keys.counter(counter)))?.value).toBe(20);
    // only transactions: no writer read the counter between its attempts
    expect(requests.rows().map((row) => row.command)).toEqual(['TransactWriteItems']);
  });
});
