import { createHash } from 'node:crypto';
import { withShanghaiOffset } from './dates.js';

/**
 * The case timeline: append-only and hash-chained. Each entry carries the SHA-256 of the previous entry, and its
 * own hash covers its content and that link, so editing or removing any entry breaks every hash after it.
 */
export interface TimelineEntryContent {
  /** the timestamp of the change, ISO 8601 (kept with the +08:00 offset) */
  at: string;
  /** who: `user:<sub>`, `link:<id>`, `system:<function>` */
  actor: string;
  /** what, as a verb in snake case: `proposed`, `included`, `notice_issued` ... */
  action: string;
  detail: Record<string, unknown>;
  /** ids of the records that justify it */
  evidence: string[];
}

export interface TimelineEntry extends TimelineEntryContent {
  seq: number;
  previousHash: string;
  hash: string;
}

/** The hash before the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** The next entry after `previous` (or the first, when there is none). */
export function chainEntry(
  previous: { seq: number; hash: string } | null,
  content: TimelineEntryContent,
): TimelineEntry {
  const seq = (previous?.seq ?? 0) + 1;
  const previousHash = previous?.hash ?? GENESIS_HASH;
  // kept and hashed as the API shows it (+08:00), so anyone can check the chain from the case view alone
  const entry = { ...content, at: withShanghaiOffset(content.at) };
  return { seq, previousHash, ...entry, hash: entryHash(seq, previousHash, entry) };
}

/** The first entry whose link or hash does not check out, or null when the chain is intact. */
export function findBrokenLink(entries: readonly TimelineEntry[]): TimelineEntry | null {
  let previous: TimelineEntry | null = null;
  for (const entry of entries) {
    const expectedPrevious = previous?.hash ?? GENESIS_HASH;
    const expectedSeq = (previous?.seq ?? 0) + 1;
    if (entry.seq !== expectedSeq || entry.previousHash !== expectedPrevious) return entry;
    if (entry.hash !== entryHash(entry.seq, entry.previousHash, entry)) return entry;
    previous = entry;
  }
  return null;
}

function entryHash(seq: number, previousHash: string, content: TimelineEntryContent): string {
  const canonical = canonicalJson({
    seq,
    previousHash,
    at: content.at,
    actor: content.actor,
    action: content.action,
    detail: content.detail,
    evidence: content.evidence,
  });
  return createHash('sha256').update(canonical).digest('hex');
}

/** JSON with object keys sorted at every level, so the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}
