/**
 * Taking the next number of a gap-free document sequence (发文字号, SPEC §2.2): one counter item per document type
 * and year (`keys.counter(noticeCounterName(type, year))`), updated in the transaction that issues the document,
 * conditional on the value read. A number is therefore consumed exactly when its document exists; two writers racing
 * for the same number fail one commit with the `NOTICE_COUNTER` label, and the loser re-reads and tries again.
 */
import {
  DEFAULT_NOTICE_PREFIXES,
  formatNoticeNumber,
  type NumberedDocumentType,
  noticeCounterName,
} from '../domain/notice-number.js';
import { type Key, keys } from '../store/keys.js';
import { readItem } from '../store/project-collection.js';
import type { UnitOfWork } from '../store/unit-of-work.js';

/** Label of the conditional write on a number counter: another document took the number first. */
export const NOTICE_COUNTER = 'notice-counter';

/** The configured prefix (机关代字) of a type: `NOTICE_PREFIX_{TYPE}` overrides the seed agency's default. */
export function documentNumberPrefix(type: NumberedDocumentType): string {
  const override = process.env[`NOTICE_PREFIX_${type.toUpperCase()}`];
  return override?.trim() || DEFAULT_NOTICE_PREFIXES[type];
}

/** Take number `next` of a gap-free sequence: only if nobody took it first (else the caller re-reads and retries). */
export function takeNumber(uow: UnitOfWork, counterKey: Key, current: number, next: number) {
  uow.update(
    counterKey,
    { expression: 'SET #value = :next', names: { '#value': 'value' }, values: { ':next': next } },
    {
      condition: {
        expression: current === 0 ? 'attribute_not_exists(#value)' : '#value = :current',
        ...(current === 0 ? {} : { values: { ':current': current } }),
      },
      label: NOTICE_COUNTER,
      // a lost race answers with the counter as it stands (`ConditionFailed.item`): the retry need not read it
      returnOnFailure: true,
    },
  );
}

/**
 * Read the counter of `type` for `year` and put the taking of its next number into `uow`: the number, formatted
 * with the configured prefix, and its sequence.
 */
export async function takeNextNumber(
  uow: UnitOfWork,
  type: NumberedDocumentType,
  year: number,
): Promise<{ number: string; sequence: number }> {
  const counterKey = keys.counter(noticeCounterName(type, year));
  const current = (await readItem<{ value: number }>(counterKey))?.value ?? 0;
  const sequence = current + 1;
  takeNumber(uow, counterKey, current, sequence);
  return { number: formatNoticeNumber(documentNumberPrefix(type), year, sequence), sequence };
}
