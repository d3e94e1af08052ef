/**
 * Assessment-link tokens as the link-token authorizer checks them (SPEC §6.2): looked up by their SHA-256, refused
 * when unknown, revoked or expired (./link-tokens.ts). Kept apart from the links' use cases so the authorizer needs no
 * configuration but the table (the links' URLs need the public base URLs; checking a token does not).
 */
import type { AssessmentAuthorizerContext } from '../http/principal.js';
import { keys } from '../store/keys.js';
import { hashLinkToken, lookUpLinkToken } from './link-tokens.js';

/** 256 random bits behind it; the prefix tells the authorizer (and secret scanners) what kind of token it is. */
export const ASSESSMENT_TOKEN_PREFIX = 'sda_';

/** What is stored of a token: its SHA-256, never the token. */
export const hashAssessmentToken = hashLinkToken;

/** What the link-token authorizer hands to assessment routes, or why the token is refused. */
export async function authorizeAssessmentToken(
  token: string,
  now: Date,
): Promise<{ ok: true; context: AssessmentAuthorizerContext } | { ok: false; reason: string }> {
  const found = await lookUpLinkToken<{
    linkId: string;
    projectId: string;
    unitCreditCode: string;
    validUntil: string;
    revokedAt: string | null;
  }>(token, { prefix: ASSESSMENT_TOKEN_PREFIX, name: 'an assessment', keyOf: keys.assessmentToken }, now);
  if (!found.ok) return found;
  const { item } = found;
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
