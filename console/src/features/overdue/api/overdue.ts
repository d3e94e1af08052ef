/**
 * What the daily deadline sweep flagged overdue and is not yet accepted or acknowledged, across every case
 * (`GET /v1/overdue/hazards`, `GET /v1/overdue/notices`, inspector and officer): each list the latest deadline first,
 * paginated with `nextToken`.
 */
import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import type { OverdueHazard, OverdueNotice, Page } from '@/lib/api/views';

/** The two overdue lists: hazards past their rectification deadline, notices whose signed receipt is late. */
export type OverdueKind = 'hazards' | 'notices';

/** The first page of each list (the dashboard's panel and figures). */
export function overdueQueries(limit = 50) {
  return {
    hazards: queryOptions({
      queryKey: ['overdue', 'hazards', limit],
      queryFn: () => unwrap<Page<OverdueHazard>>(api().GET('/v1/overdue/hazards', { params: { query: { limit } } })),
    }),
    notices: queryOptions({
      queryKey: ['overdue', 'notices', limit],
      queryFn: () => unwrap<Page<OverdueNotice>>(api().GET('/v1/overdue/notices', { params: { query: { limit } } })),
    }),
  };
}

/** How many rows a page of the overdue screen shows: a phone's few screens, then 加载更多. */
export const OVERDUE_PAGE_SIZE = 20;

/** The row each overdue list holds. */
interface OverdueRows {
  hazards: OverdueHazard;
  notices: OverdueNotice;
}

/** `GET /v1/overdue/hazards` or `GET /v1/overdue/notices`, page by page (the overdue screen). */
export function overduePages<K extends OverdueKind>(kind: K, limit = OVERDUE_PAGE_SIZE) {
  // both routes take the same query (limit, nextToken): one path type stands for both
  const path = `/v1/overdue/${kind}` as '/v1/overdue/hazards';
  return infiniteQueryOptions({
    queryKey: ['overdue', kind, 'pages', limit],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap<Page<OverdueRows[K]>>(
        api().GET(path, { params: { query: { limit, ...(pageParam ? { nextToken: pageParam } : {}) } } }),
      ),
    getNextPageParam: (page) => page.nextToken ?? undefined,
  });
}
