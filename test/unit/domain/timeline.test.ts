import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  chainEntry,
  findBrokenLink,
  GENESIS_HASH,
  type TimelineEntry,
} from '../../../shared/domain/timeline.js';

function chain(n: number): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  for (let i = 0; i < n; i++) {
    entries.push(
      chainEntry(entries.at(-1) ?? null, {
        at: `2026-09-1${i}T02:00:00.000Z`,
        actor: 'user:officer-1',
        action: i === 0 ? 'proposed' : 'note',
        detail: { i, nested: { b: 2, a: 1 } },
        evidence: [`ins_${i}`],
      }),
    );
  }
  return entries;
}

describe('hash-chained timeline', () => {
  it('links each entry to the previous one, the first to the genesis hash', () => {
    const entries = chain(3);
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(entries[0]?.previousHash).toBe(GENESIS_HASH);
    expect(entries[1]?.previousHash).toBe(entries[0]?.hash);
    expect(entries[2]?.previousHash).toBe(entries[1]?.hash);
    expect(findBrokenLink(entries)).toBeNull();
  });

  it('detects an edited detail, a removed entry and a reordered chain', () => {
    const edited = chain(4);
    edited[1] = { ...(edited[1] as TimelineEntry), detail: { i: 99 } };
    expect(findBrokenLink(edited)?.seq).toBe(2);

    const removed = chain(4);
    removed.splice(2, 1);
    expect(findBrokenLink(removed)?.seq).toBe(4);

    const reordered = chain(3).reverse();
    expect(findBrokenLink(reordered)).not.toBeNull();
  });

  it('detects a forged entry whose hash was recomputed without fixing the chain', () => {
    const entries = chain(3);
    const forged = chainEntry(
      { seq: 1, hash: 'f'.repeat(64) },
      { ...(entries[1] as TimelineEntry), actor: 'user:intruder' },
    );
    entries[1] = forged;
    expect(findBrokenLink(entries)?.seq).toBe(2);
  });

  it('hashes content independent of key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } })).toBe(
      canonicalJson({ a: { c: null, d: [1, { y: 2, z: 1 }] }, b: 1 }),
    );
  });
});
