/**
 * Upload tokens on their own, for the upload authorizer: a token's hash and the check the authorizer makes
 * (./link-tokens.ts). Kept apart from ./upload-links.ts, which reads the API and site URLs at cold start, so the
 * authorizer starts with only the table's name (its wiring row grants nothing else).
 */
import type { UploadAuthorizerContext } from '../http/principal.js';
import { keys } from '../store/keys.js';
import { hashLinkToken, lookUpLinkToken } from './link-tokens.js';

/** A token of 256 random bits; the prefix lets secret scanners recognise a leaked one. */
export const TOKEN_PREFIX = 'sdu_';

/** The token's SHA-256 (hex): the only form in which the table keeps it. */
export const hashToken = hashLinkToken;

/** What the upload authorizer hands to the routes, or why the token is refused. */
export async function authorizeUploadToken(
  token: string,
  now: Date,
): Promise<{ ok: true; context: UploadAuthorizerContext } | { ok: false; reason: string }> {
  const found = await lookUpLinkToken<{
    linkId: string;
    caseId: string;
    projectId: string;
    unitCreditCode: string;
    docTypes: string[] | null;
    validUntil: string;
    revokedAt: string | null;
  }>(token, { prefix: TOKEN_PREFIX, name: 'an upload', keyOf: keys.uploadToken }, now);
  if (!found.ok) return found;
  const { item } = found;
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
