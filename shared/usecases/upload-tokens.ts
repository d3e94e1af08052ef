/**
 * Upload tokens on their own, for the upload authorizer: a token's hash and the check the authorizer makes. Kept
 * apart from ./upload-links.ts, which reads the API and site URLs at cold start, so the authorizer starts with
 * only the table's name (its wiring row grants nothing else).
 */
import { createHash } from 'node:crypto';
import type { UploadAuthorizerContext } from '../http/principal.js';
import { keys } from '../store/keys.js';
import { readItem } from '../store/project-collection.js';

/** A token of 256 random bits; the prefix lets secret scanners recognise a leaked one. */
export const TOKEN_PREFIX = 'sdu_';

/** The token's SHA-256 (hex): the only form in which the table keeps it. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** What the upload authorizer hands to the routes, or why the token is refused. */
export async function authorizeUploadToken(
  token: string,
  now: Date,
): Promise<{ ok: true; context: UploadAuthorizerContext } | { ok: false; reason: string }> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 100) return { ok: false, reason: 'not an upload token' };
  const item = await readItem<{
    linkId: string;
    caseId: string;
    projectId: string;
    unitCreditCode: string;
    docTypes: string[] | null;
    validUntil: string;
    revokedAt: string | null;
  }>(keys.uploadToken(hashToken(token)));
  if (!item) return { ok: false, reason: 'unknown token' };
  if (item.revokedAt) return { ok: false, reason: 'revoked' };
  if (Date.parse(item.validUntil) <= now.getTime()) return { ok: false, reason: 'expired' };
  return {
    ok: true,
    context: {
      linkId: item.linkId,
      caseId: item.caseId,
      projectId: item.projectId,
      unitCreditCode: item.unitCreditCode,
      docTypes: item.docTypes ? JSON.stringify(item.docTypes) : '',
      validUntil: item.validUntil,
    },
  };
}
