import { infiniteQueryOptions, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import type {
  EnterpriseCaseDetail,
  EnterpriseCaseStatus,
  EnterpriseCaseSummary,
  EnterpriseTalk,
  Page,
  RecordTalk,
} from '@/lib/api/views';

/** `GET /v1/enterprise-cases?status=` (every status when none), newest first, page by page with `nextToken`. */
export function enterpriseCaseListQuery(status: EnterpriseCaseStatus | undefined, limit = 20) {
  return infiniteQueryOptions({
    queryKey: ['enterprise-cases', status ?? null, limit],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap<Page<EnterpriseCaseSummary>>(
        api().GET('/v1/enterprise-cases', {
          params: {
            query: { ...(status ? { status } : {}), limit, ...(pageParam ? { nextToken: pageParam } : {}) },
          },
        }),
      ),
    getNextPageParam: (page) => page.nextToken ?? undefined,
  });
}

/** The list of {@link enterpriseCaseListQuery}, as a hook. */
export function useEnterpriseCaseList(status: EnterpriseCaseStatus | undefined, limit = 20) {
  return useInfiniteQuery(enterpriseCaseListQuery(status, limit));
}

/** `GET /v1/enterprise-cases/{enterpriseCaseId}`: grounds, projects, measures, talks, timeline. */
export function useEnterpriseCase(enterpriseCaseId: string) {
  return useQuery({
    queryKey: ['enterprise-case', enterpriseCaseId],
    queryFn: () =>
      unwrap<EnterpriseCaseDetail>(
        api().GET('/v1/enterprise-cases/{enterpriseCaseId}', { params: { path: { enterpriseCaseId } } }),
      ),
  });
}

/** A write on an enterprise case (one Idempotency-Key per attempt); the case and the lists are read again after. */
function useEnterpriseCaseMutation<Body, Result>(
  enterpriseCaseId: string,
  send: (body: Body, key: string) => Promise<Result>,
) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Body) => send(body, crypto.randomUUID()),
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: ['enterprise-case', enterpriseCaseId] }),
        client.invalidateQueries({ queryKey: ['enterprise-cases'] }),
      ]),
  });
}

/** `POST …/confirm` (officer): enterprise-level supervision starts, with its measures. */
export function useConfirmEnterpriseCase(enterpriseCaseId: string) {
  return useEnterpriseCaseMutation<{ note?: string }, EnterpriseCaseDetail>(enterpriseCaseId, (body, key) =>
    unwrap<EnterpriseCaseDetail>(
      api().POST('/v1/enterprise-cases/{enterpriseCaseId}/confirm', {
        params: { path: { enterpriseCaseId } },
        body,
        headers: { 'Idempotency-Key': key },
      }),
    ),
  );
}

/** `POST …/dismiss {reason}` (officer). */
export function useDismissEnterpriseCase(enterpriseCaseId: string) {
  return useEnterpriseCaseMutation<{ reason: string }, EnterpriseCaseDetail>(enterpriseCaseId, (body, key) =>
    unwrap<EnterpriseCaseDetail>(
      api().POST('/v1/enterprise-cases/{enterpriseCaseId}/dismiss', {
        params: { path: { enterpriseCaseId } },
        body,
        headers: { 'Idempotency-Key': key },
      }),
    ),
  );
}

/** `POST …/talks {date, attendees, summary}` (officer): a summons talk (约谈) recorded. */
export function useRecordTalk(enterpriseCaseId: string) {
  return useEnterpriseCaseMutation<RecordTalk, EnterpriseTalk>(enterpriseCaseId, (body, key) =>
    unwrap<EnterpriseTalk>(
      api().POST('/v1/enterprise-cases/{enterpriseCaseId}/talks', {
        params: { path: { enterpriseCaseId } },
        body,
        headers: { 'Idempotency-Key': key },
      }),
    ),
  );
}
