import { infiniteQueryOptions, useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import type { Circular, Page } from '@/lib/api/views';

export type CircularStatus = Circular['status'];

/** `GET /v1/circulars?status=`, page by page with `nextToken` (the query, for a hook or a prefetch). */
export function circularListQuery(status: CircularStatus | undefined) {
  return infiniteQueryOptions({
    queryKey: ['circulars', status ?? 'all'],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap<Page<Circular>>(
        api().GET('/v1/circulars', {
          params: {
            query: {
              ...(status ? { status } : {}),
              limit: 20,
              ...(pageParam ? { nextToken: pageParam } : {}),
            } as never,
          },
        }),
      ),
    getNextPageParam: (page) => page.nextToken ?? undefined,
  });
}

/** `GET /v1/circulars?status=`, page by page with `nextToken`. */
export function useCirculars(status: CircularStatus | undefined) {
  return useInfiniteQuery(circularListQuery(status));
}

function useCircularMutation<Body>(send: (id: string, body: Body, key: string) => Promise<unknown>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: Body }) => send(id, body, crypto.randomUUID()),
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: ['circulars'] }),
        client.invalidateQueries({ queryKey: ['case'] }),
      ]),
  });
}

/** `POST /v1/circulars/{id}/publish {publicationMonths}` (officer; refused while the statement window is open). */
export function usePublishCircular() {
  return useCircularMutation<{ publicationMonths: number }>((circularId, body, key) =>
    unwrap<Circular>(
      api().POST('/v1/circulars/{circularId}/publish', {
        params: { path: { circularId } },
        body,
        headers: { 'Idempotency-Key': key },
      }),
    ),
  );
}

/** `POST /v1/circulars/{id}/retract {reason}` (officer): the feed shows the retraction. */
export function useRetractCircular() {
  return useCircularMutation<{ reason: string }>((circularId, body, key) =>
    unwrap<Circular>(
      api().POST('/v1/circulars/{circularId}/retract', {
        params: { path: { circularId } },
        body,
        headers: { 'Idempotency-Key': key },
      }),
    ),
  );
}

/** `POST /v1/circulars/{id}/withdraw {reason}` (officer): abandon a draft, never public. */
export function useWithdrawCircular() {
  return useCircularMutation<{ reason: string }>(async (circularId, body, key) => {
    return unwrap<Circular>(
      api().POST('/v1/circulars/{circularId}/withdraw', {
        params: { path: { circularId } },
        body,
        headers: { 'Idempotency-Key': key },
      }),
    );
  });
}
