/**
 * Opening a stored PDF (a notice, an inspection report, an uploaded document): the API answers with a short-lived
 * presigned URL — as `{url}` when asked for JSON, or as a 302 that fetch follows (the bearer token is dropped at
 * the cross-origin hop, as it must be). The tab is opened inside the click, so no popup blocker stops it.
 */

import { ApiProblem, type ProblemBody } from './api/problem';
import { currentSession } from './auth/session';
import { config } from './config';

/** Open the document behind an API path (`/v1/notices/{id}/document`) in a new tab. */
export async function openDocument(path: string): Promise<void> {
  const tab = window.open('about:blank', '_blank');
  try {
    const session = currentSession();
    const response = await fetch(`${config().apiUrl}${path}`, {
      headers: {
        accept: 'application/json, application/pdf;q=0.9, */*;q=0.5',
        ...(session ? { authorization: `Bearer ${session.token}` } : {}),
      },
    });
    const type = response.headers.get('content-type') ?? '';
    if (!response.ok) {
      const body = (type.includes('json') ? await response.json() : {}) as ProblemBody;
      throw new ApiProblem(response.status, body);
    }
    let target: string;
    if (type.includes('application/json')) {
      target = ((await response.json()) as { url: string }).url;
    } else {
      target = URL.createObjectURL(await response.blob());
    }
    if (tab) tab.location.href = target;
    else window.location.assign(target);
  } catch (error) {
    tab?.close();
    throw error;
  }
}
