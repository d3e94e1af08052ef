/**
 * What the two kinds of link token (upload links, SPEC §3; assessment links, SPEC §6.2) have in common: 256 random
 * bits with a prefix naming the kind, stored only as their SHA-256, refused when unknown, revoked or expired. The
 * authorizers check them with only the table's name (no URLs, no other configuration).
 */
import { createHash } from 'node:crypto';
import type { Key } from '../store/keys.js';
import { readItem } from '../store/project-collection.js';

/** The token's SHA-256 (hex): the only form in which the table keeps it. */
export function hashLinkToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** What every stored token record holds besides its kind's own fields. */
interface StoredLinkToken extends Record<string, unknown> {
  validUntil: string;
  revokedAt: string | null;
}

/**
 * The stored record of a token of this kind (`prefix`), or why it is refused: another kind, unknown, revoked, or
 * expired at `now`. `keyOf` is the record's key for the token's hash.
 */
export async function lookUpLinkToken<T extends StoredLinkToken>(
  token: string,
  kind: { prefix: string; name: string; keyOf: (hash: string) => Key },
  now: Date,
): Promise<{ ok: true; item: T } | { ok: false; reason: string }> {
  if (!token.startsWith(kind.prefix) || token.length > 100) return { ok: false, reason: `not ${kind.name} token` };
  const item = await readItem<T>(kind.keyOf(hashLinkToken(token)));
  if (!item) return { ok: false, reason: 'unknown token' };
  if (item.revokedAt) return { ok: false, reason: 'revoked' };
  if (Date.parse(item.validUntil) <= now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, item };
}
