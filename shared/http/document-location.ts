import type { HttpResult } from './api.js';

/** The weight (`q`) the Accept header gives `application/json`, and the most it gives any other type. */
function weights(accept: string): { json: number; other: number } {
  let json = 0;
  let other = 0;
  for (const part of accept.split(',')) {
    const [range = '', ...parameters] = part.split(';').map((piece) => piece.trim().toLowerCase());
    if (!range) continue;
    const q = parameters.find((parameter) => parameter.startsWith('q='));
    const weight = q ? Number(q.slice(2)) : 1;
    if (!Number.isFinite(weight)) continue;
    if (range === 'application/json') json = Math.max(json, weight);
    else other = Math.max(other, weight);
  }
  return { json, other };
}

/**
 * A stored document's bytes (SPEC §4: document contents, notices, reports): a 302 to the short-lived presigned
 * GET, or `{url, expiresAt}` when the request's Accept prefers `application/json` — a page that sends a bearer
 * token cannot follow a redirect into a new tab, so it asks for the link and opens it.
 */
export function documentLocation(
  presignedUrl: string,
  expiresAt: string,
  acceptHeader: string | undefined,
): HttpResult {
  const { json, other } = weights(acceptHeader ?? '');
  if (json > 0 && json >= other) return { status: 200, body: { url: presignedUrl, expiresAt } };
  return { status: 302, headers: { location: presignedUrl } };
}
