import { infiniteQueryOptions, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import type {
  CaseDetail,
  CasePreview,
  CaseStatus,
  CaseSummary,
  DocumentRecord,
  Page,
  UploadLink,
} from '@/lib/api/views';

/** The filters of the case list (SPEC §4: status, level, district). */
export interface CaseFilters {
  status?: CaseStatus;
  level?: number;
  district?: string;
}

/** `GET /v1/cases?status=&level=&district=`, page by page with `nextToken`. */
export function caseListQuery(filters: CaseFilters, limit = 20) {
  return infiniteQueryOptions({
    queryKey: ['cases', filters, limit],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap<Page<CaseSummary>>(
        api().GET('/v1/cases', {
          params: { query: { ...filters, limit, ...(pageParam ? { nextToken: pageParam } : {}) } },
        }),
      ),
    getNextPageParam: (page) => page.nextToken ?? undefined,
  });
}

/** The list of {@link caseListQuery}, as a hook. */
export function useCaseList(filters: CaseFilters, limit = 20) {
  return useInfiniteQuery(caseListQuery(filters, limit));
}

/** `GET /v1/cases/{caseId}`. */
export function useCase(caseId: string) {
  return useQuery({
    queryKey: ['case', caseId],
    queryFn: () => unwrap<CaseDetail>(api().GET('/v1/cases/{caseId}', { params: { path: { caseId } } })),
    // a document just issued is rendered off the request path: look again until every one is ready
    refetchInterval: (query) => {
      const data = query.state.data;
      const pending =
        data?.notices.some((notice) => notice.documentStatus === 'pending') ||
        data?.issuedDocuments?.some((document) => document.documentStatus === 'pending');
      return pending ? 2000 : false;
    },
  });
}

/** `GET /v1/cases/{caseId}/preview`: the current cycle's verdict if it ended now. */
export function useCasePreview(caseId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['case', caseId, 'preview'],
    enabled,
    queryFn: () => unwrap<CasePreview>(api().GET('/v1/cases/{caseId}/preview', { params: { path: { caseId } } })),
  });
}

/** The filters of a case's documents (`GET /v1/cases/{caseId}/documents`). */
export interface DocumentFilters {
  status?: DocumentRecord['status'];
  docType?: DocumentRecord['docType'];
  unitCreditCode?: string;
}

/** `GET /v1/cases/{caseId}/documents`: what the units uploaded, newest first, page by page. */
export function useCaseDocuments(caseId: string, filters: DocumentFilters = {}) {
  return useInfiniteQuery({
    queryKey: ['case', caseId, 'documents', filters],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap<Page<DocumentRecord>>(
        api().GET('/v1/cases/{caseId}/documents', {
          params: {
            path: { caseId },
            query: { ...filters, limit: 50, ...(pageParam ? { nextToken: pageParam } : {}) },
          },
        }),
      ),
    getNextPageParam: (page) => page.nextToken ?? undefined,
  });
}

function useCaseMutation<Body>(caseId: string, send: (body: Body, key: string) => Promise<unknown>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Body) => send(body, crypto.randomUUID()),
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: ['case', caseId] }),
        client.invalidateQueries({ queryKey: ['cases'] }),
        client.invalidateQueries({ queryKey: ['project'] }),
      ]),
  });
}

/** `POST /v1/cases/{caseId}/confirm` (officer): include; the inclusion notice is issued. */
export function useConfirmCase(caseId: string) {
  return useCaseMutation<{ note?: string }>(caseId, (body, key) =>
    unwrap<CaseDetail>(
      api().POST('/v1/cases/{caseId}/confirm', {
        params: { path: { caseId } },
        body,
        headers: { 'Idempotency-Key': key },
      }),
    ),
  );
}

/** `POST /v1/cases/{caseId}/dismiss {reason}` (officer). */
export function useDismissCase(caseId: string) {
  return useCaseMutation<{ reason: string }>(caseId, (body, key) =>
    unwrap<CaseDetail>(
      api().POST('/v1/cases/{caseId}/dismiss', {
        params: { path: { caseId } },
        body,
        headers: { 'Idempotency-Key': key },
      }),
    ),
  );
}

/** `POST /v1/cases/{caseId}/extension {months, reason}` (officer): at most 3 months a cycle. */
export function useExtendCycle(caseId: string) {
  return useCaseMutation<{ months: 1 | 2; reason: string }>(caseId, (body, key) =>
    unwrap<unknown>(
      api().POST('/v1/cases/{caseId}/extension', {
        params: { path: { caseId } },
        body,
        headers: { 'Idempotency-Key': key },
      }),
    ),
  );
}

/** `POST /v1/cases/{caseId}/upload-links` → `{url, token, expiresAt}`. */
export function useCreateUploadLink(caseId: string) {
  return useMutation({
    mutationFn: (body: { unitCreditCode: string; docTypes?: string[]; validDays: number }) =>
      unwrap<UploadLink>(
        api().POST('/v1/cases/{caseId}/upload-links', {
          params: { path: { caseId } },
          body: body as never,
          headers: { 'Idempotency-Key': crypto.randomUUID() },
        }),
      ),
  });
}
