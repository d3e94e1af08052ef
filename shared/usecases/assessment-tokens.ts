/**
 * Assessment-link tokens as the link-token authorizer checks them (SPEC §6.2): looked up by their SHA-256, refused
 * when unknown, revoked or expired. Kept apart from the links' use cases so the authorizer needs no configuration
 * but the table (the links' URLs need the public base URLs; checking a token does not).
 */
import { createHash } from 'node:crypto';
import type { AssessmentAuthorizerContext } from '../http/principal.js';
import { keys } from '../store/keys.js';
import { readItem } from '../store/project-collection.js';

/** 256 random bits behind it; the prefix tells the authorizer (and secret scanners) what kind of token it is. */
export const ASSESSMENT_TOKEN_PREFIX = 'sda_';

/** What is stored of a token: its SHA-256, never the token. */
export function hashAssessmentToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** What the link-token authorizer hands to assessment routes, or why the token is refused. */
export async function authorizeAssessmentToken(
  token: string,
  now: Date,
): Promise<{ ok: true; context: AssessmentAuthorizerContext } | { ok: false; reason: string }> {
  if (!token.startsWith(ASSESSMENT_TOKEN_PREFIX) || token.length > 100) {
    return { ok: false, reason: 'not an assessment token' };
  }
  const item = await readItem<{
    linkId: string;
    projectId: string;
    unitCreditCode: string;
    validUntil: string;
    revokedAt: string | null;
  }>(keys.assessmentToken(hashAssessmentToken(token)));
  if (!item) return { ok: false, reason: 'unknown token' };
  if (item.revokedAt) return { ok: false, reason: 'revoked' };
  if (Date.parse(item.validUntil) <= now.getTime()) return { ok: false, reason: 'expired' };
  return {
    ok: true,
    context: {
      linkKind: 'assessment',
      linkId: item.linkId,
      projectId: item.projectId,
      unitCreditCode: item.unitCreditCode,
      validUntil: item.validUntil,
    },
  };
}
