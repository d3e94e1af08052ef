/**
 * The one API client of the console: openapi-fetch typed from the OpenAPI document that `shared/http/openapi.ts`
 * builds from the wiring table (schema.gen.ts, generated at build time), plus the SPEC §4 routes that other parts
 * of the product are still building (pending.ts) until they appear in the document.
 */
import createClient, { type Client } from 'openapi-fetch';
import { currentSession, setSession } from '../auth/session';
import { config } from '../config';
import type { PendingPaths } from './pending';
import { ApiProblem, type ProblemBody } from './problem';
import type { paths } from './schema.gen';

/** A generated path item's method wins once it exists; until then the pending one (typed from SPEC §4) stands in. */
type MergeItem<G, P> = {
  [M in keyof G | keyof P]: M extends keyof G
    ? [Exclude<G[M], undefined>] extends [never]
      ? M extends keyof P
        ? P[M]
        : G[M]
      : G[M]
    : M extends keyof P
      ? P[M]
      : never;
};

/** Every path the console may call. */
export type ApiPaths = {
  [K in keyof paths | keyof PendingPaths]: K extends keyof paths
    ? K extends keyof PendingPaths
      ? MergeItem<paths[K], PendingPaths[K]>
      : paths[K]
    : K extends keyof PendingPaths
      ? PendingPaths[K]
      : never;
};

let client: Client<ApiPaths> | undefined;

/** The client (its base URL is the deployment's API origin, from config.json). */
export function api(): Client<ApiPaths> {
  if (!client) {
    client = createClient<ApiPaths>({ baseUrl: config().apiUrl, headers: { 'accept-language': 'zh-CN' } });
    client.use({
      onRequest({ request }) {
        const session = currentSession();
        if (session) request.headers.set('authorization', `Bearer ${session.token}`);
        return request;
      },
      onResponse({ response }) {
        // an expired or revoked token: back to the sign-in page, which returns here afterwards
        if (response.status === 401) setSession(null);
        return response;
      },
    });
  }
  return client;
}

/**
 * The data of an openapi-fetch answer, or an {@link ApiProblem}. `T` names the body where the document has no
 * response schema for the route (SPEC §4 shapes in views.ts).
 */
export async function unwrap<T>(pending: Promise<{ data?: unknown; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await pending;
  if (!response.ok) {
    const body: ProblemBody =
      error && typeof error === 'object' ? (error as ProblemBody) : { status: response.status, detail: String(error) };
    throw new ApiProblem(response.status, body);
  }
  return data as T;
}
