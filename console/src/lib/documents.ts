/**
 * Opening a stored document (a notice PDF, an inspection report, what a unit uploaded): the API is asked with
 * `Accept: application/json` for `{url, expiresAt}`, a presigned GET of the documents bucket valid for minutes
 * (SPEC §4), and the browser goes there — a navigation, which neither the page's Content-Security-Policy nor the
 * bucket's CORS governs. An API that still answers with a 302 is followed by `fetch` (the bearer token is dropped at
 * the cross-origin hop, as it must be) and the bytes opened as a blob.
 *
 * Evidence shown inside the page is governed by the console's CSP (shared/http/security-headers.ts: `img-src 'self'
 * data:`, no `frame-src` or `object-src`): an image is read through `connect-src` (the documents bucket is listed)
 * and shown as a `data:` URL; a PDF cannot be framed, so it opens in a tab of its own beside the page.
 */

import { ApiProblem, type ProblemBody } from './api/problem';
import { currentSession } from './auth/session';
import { config } from './config';

/** Where a document's bytes are now: a presigned URL and when it stops working, or a blob URL of the bytes. */
export interface DocumentLocation {
  url: string;
  expiresAt: string | null;
}

/** Ask the API where the bytes behind a document path are (`/v1/documents/{id}/content`, a notice's document). */
export async function locateDocument(path: string): Promise<DocumentLocation> {
  const session = currentSession();
  const response = await fetch(`${config().apiUrl}${path}`, {
    headers: {
      accept: 'application/json',
      'accept-language': 'zh-CN',
      ...(session ? { authorization: `Bearer ${session.token}` } : {}),
    },
  });
  const type = response.headers.get('content-type') ?? '';
  if (!response.ok) {
    const body = (type.includes('json') ? await response.json() : {}) as ProblemBody;
    throw new ApiProblem(response.status, body);
  }
  if (type.includes('application/json')) {
    const body = (await response.json()) as { url: string; expiresAt?: string };
    return { url: body.url, expiresAt: body.expiresAt ?? null };
  }
  // an API answering the 302 of old: fetch followed it to the bytes
  return { url: URL.createObjectURL(await response.blob()), expiresAt: null };
}

/** Open the document behind an API path in a new tab (opened inside the click, so no popup blocker stops it). */
export async function openDocument(path: string): Promise<void> {
  const tab = window.open('about:blank', '_blank');
  try {
    const { url } = await locateDocument(path);
    if (tab) tab.location.href = url;
    else window.location.assign(url);
  } catch (error) {
    tab?.close();
    throw error;
  }
}

/** The API path of an uploaded document's bytes. */
export function documentContentPath(documentId: string): string {
  return `/v1/documents/${encodeURIComponent(documentId)}/content`;
}

/**
 * An uploaded image as a `data:` URL, for an `<img>` inside the page: the bytes are read from the presigned URL
 * (`connect-src` allows the documents bucket; the bucket's CORS must allow GET from the console's origin), since
 * `img-src` admits only the page's own origin and `data:`.
 */
export async function imageAsDataUrl(documentId: string): Promise<string> {
  const { url } = await locateDocument(documentContentPath(documentId));
  const blob = url.startsWith('blob:')
    ? await (await fetch(url)).blob()
    : await fetch(url).then((response) => {
        if (!response.ok) throw new Error(`材料读取失败（HTTP ${response.status}），请稍后重试。`);
        return response.blob();
      });
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(new Error('材料读取失败，请稍后重试。'));
    reader.readAsDataURL(blob);
  });
}
