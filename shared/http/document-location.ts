/**
 * How the API hands out a stored document's bytes (SPEC §4 "More agency routes"): a 302 to a short-lived presigned
 * GET — what a browser or `curl -L` follows — or, for a client whose `Accept` prefers `application/json` (a web app
 * that opens the link itself), `200 {url, expiresAt}`. Every route that serves a document answers through
 * {@link documentLocation}: notices, inspection reports (to the agency and, through an upload link, to the units
 * they name), the ladder's orders and report, the units' accepted uploads (`/v1/documents/{id}/content`).
 */
import { shanghaiTimestamp } from '../domain/dates.js';
import { type Bilingual, ConflictError } from '../domain/errors.js';
import { DOCUMENT_LINK_SECONDS, documentDownloadUrl } from '../files/documents-bucket.js';
import type { HttpResult, RequestContext } from './api.js';

/** A stored document, as a route names it. */
export interface DocumentObject {
  /** its key in the documents bucket */
  key: string;
  /** the name the browser saves or shows it under, e.g. `通住建差监告〔2026〕1号.pdf` */
  fileName: string;
  /** default `application/pdf` */
  contentType?: string;
  /** the SHA-256 of the stored bytes; null while the document renderer has not stored it yet (answered 409) */
  sha256: string | null;
  /** what the document is, for the 409 while it is being prepared: `{ zh: '告知单 通住建差监告〔2026〕1号', en: … }` */
  name: Bilingual;
}

/**
 * The answer of a document route: 409 problem+json (in Chinese) while the document is still being rendered; else
 * 302 with `Location` (a presigned GET valid {@link DOCUMENT_LINK_SECONDS} s), or 200 `{url, expiresAt}` when the
 * request's `Accept` prefers `application/json` over the document's own type. `expiresAt` is on the handlers' clock.
 */
export async function documentLocation(
  ctx: Pick<RequestContext, 'event' | 'now'>,
  document: DocumentObject,
): Promise<HttpResult> {
  const contentType = document.contentType ?? 'application/pdf';
  if (document.sha256 === null) {
    throw new ConflictError({
      zh: `${document.name.zh}正在生成，请稍后再试（通常几秒钟内完成）。`,
      en: `${document.name.en} is being prepared; try again in a few seconds.`,
    });
  }
  const url = await documentDownloadUrl(document.key, document.fileName, contentType);
  if (prefersJson(ctx.event.headers?.accept, contentType)) {
    const expiresAt = shanghaiTimestamp(new Date(ctx.now.getTime() + DOCUMENT_LINK_SECONDS * 1000));
    return { status: 200, body: { url, expiresAt } };
  }
  return { status: 302, headers: { location: url } };
}

/**
 * Whether an `Accept` header (RFC 9110 §12.5.1) prefers `application/json` to `contentType`: JSON must be named
 * explicitly (a wildcard names both alike), with a higher quality than the document's type, or the same quality when
 * the document's type is matched only by a wildcard (`application/json, *\/*`). No header, a wildcard alone or a
 * browser's navigation header: the document (302).
 */
export function prefersJson(accept: string | undefined, contentType: string): boolean {
  if (!accept) return false;
  const ranges = accept.split(',').flatMap((part) => {
    const [range, ...parameters] = part.split(';').map((piece) => piece.trim().toLowerCase());
    if (!range) return [];
    const q = parameters.find((parameter) => parameter.startsWith('q='));
    const quality = q === undefined ? 1 : Number(q.slice(2));
    return Number.isFinite(quality) ? [{ range, quality }] : [];
  });
  const [type, subtype] = contentType.toLowerCase().split('/');
  /** the quality the header gives a media type, from its most specific matching range, and how specific that was */
  const match = (mediaType: string, mediaSubtype: string | undefined) => {
    let best: { quality: number; specificity: number } = { quality: 0, specificity: -1 };
    for (const { range, quality } of ranges) {
      const [rangeType, rangeSubtype] = range.split('/');
      const specificity =
        range === `${mediaType}/${mediaSubtype}`
          ? 2
          : rangeType === mediaType && rangeSubtype === '*'
            ? 1
            : range === '*/*'
              ? 0
              : -1;
      if (specificity > best.specificity) best = { quality, specificity };
    }
    return best;
  };
  const json = match('application', 'json');
  const own = match(type ?? '', subtype);
  if (json.specificity < 2 || json.quality <= 0) return false;
  return own.specificity === 2 ? json.quality > own.quality : json.quality >= own.quality;
}
