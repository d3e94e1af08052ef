/**
 * The case timeline's hash chain checked in the browser (WebCrypto SHA-256): the same canonical JSON and fields
 * as `shared/domain/timeline.ts` (which hashes with node:crypto on the server). An inspector sees at a glance
 * whether any entry was edited or removed after it was written.
 */
import type { TimelineEntry } from './api/views.js';

/** The hash before the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every level (by UTF-16 code units, as the server sorts them). */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, inner]) => inner !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, inner]) => `${JSON.stringify(key)}:${canonicalJson(inner)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** The hash an entry must carry: SHA-256 of its sequence number, its link and its content. */
export function entryHash(
  entry: Pick<TimelineEntry, 'seq' | 'previousHash' | 'at' | 'actor' | 'action' | 'detail' | 'evidence'>,
) {
  return sha256Hex(
    canonicalJson({
      seq: entry.seq,
      previousHash: entry.previousHash,
      at: entry.at,
      actor: entry.actor,
      action: entry.action,
      detail: entry.detail,
      evidence: entry.evidence,
    }),
  );
}

/** What the check found. */
export type ChainVerdict = { intact: true; entries: number } | { intact: false; brokenAt: number; reason: string };

/** Check every link and every hash, in order; the first break is reported. */
export async function verifyChain(entries: readonly TimelineEntry[]): Promise<ChainVerdict> {
  let previous: TimelineEntry | undefined;
  for (const entry of entries) {
    const expectedSeq = (previous?.seq ?? 0) + 1;
    const expectedPrevious = previous?.hash ?? GENESIS_HASH;
    if (entry.seq !== expectedSeq) {
      return { intact: false, brokenAt: entry.seq, reason: `第 ${expectedSeq} 条记录缺失或顺序被改动` };
    }
    if (entry.previousHash !== expectedPrevious) {
      return { intact: false, brokenAt: entry.seq, reason: `第 ${entry.seq} 条记录与上一条的哈希链接不符` };
    }
    if ((await entryHash(entry)) !== entry.hash) {
      return { intact: false, brokenAt: entry.seq, reason: `第 ${entry.seq} 条记录的内容与其哈希不符（被改动）` };
    }
    previous = entry;
  }
  return { intact: true, entries: entries.length };
}
