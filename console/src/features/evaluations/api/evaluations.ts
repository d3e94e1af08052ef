import { useInfiniteQuery, useMutation, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import type { EvaluationRun, MonthStatistics } from '@/lib/api/views';

// The runs started from this browser, newest first, so the dashboard and this screen can show their progress.
const RECENT_RUNS = 'supervision.console.recentRuns';

/** The ids of the evaluation runs started from this browser (newest first, at most 10). */
export function recentRuns(): string[] {
  try {
    return (JSON.parse(localStorage.getItem(RECENT_RUNS) ?? '[]') as string[]).slice(0, 10);
  } catch {
    return [];
  }
}

function remember(runId: string) {
  localStorage.setItem(RECENT_RUNS, JSON.stringify([runId, ...recentRuns().filter((id) => id !== runId)].slice(0, 10)));
}

/** `POST /v1/evaluations {month}` → 202 `{runId}` (officer). */
export function useStartEvaluation() {
  return useMutation({
    mutationFn: async (month: string) => {
      const started = await unwrap<{ runId: string }>(
        api().POST('/v1/evaluations', { body: { month }, headers: { 'Idempotency-Key': crypto.randomUUID() } }),
      );
      remember(started.runId);
      return started;
    },
  });
}

/** `GET /v1/evaluations/{runId}`, polled every second while the run is running. */
export function useEvaluationRun(runId: string | undefined) {
  return useQuery({
    queryKey: ['evaluation', runId],
    enabled: Boolean(runId),
    queryFn: () =>
      unwrap<EvaluationRun>(api().GET('/v1/evaluations/{runId}', { params: { path: { runId: runId as string } } })),
    refetchInterval: (query) => (query.state.data?.status === 'running' || !query.state.data ? 1000 : false),
  });
}

/** The share of a run that is done, 0..100 (batches when planned, else cases). */
export function runPercent(run: EvaluationRun): number {
  if (run.status !== 'running') return 100;
  const progress = run.progress;
  if (!progress) return 0;
  if (progress.batches) return Math.min(99, Math.round((progress.batchesDone / progress.batches) * 100));
  if (progress.casesDue) return Math.min(99, Math.round((progress.done / progress.casesDue) * 100));
  return 0;
}

/** `GET /v1/stats?month=` (officer): the month's statistics, written by that month's evaluation. */
export function useMonthStatistics(month: string, enabled = true) {
  return useQuery({
    queryKey: ['stats', month],
    enabled,
    queryFn: () => unwrap<MonthStatistics>(api().GET('/v1/stats', { params: { query: { month } } })),
  });
}

/**
 * `GET /v1/stats?month=&nextToken=`: the month's figures with its per-case lines page by page (1,000 a page), for
 * the statistics screen's table.
 */
export function useMonthStatisticsPages(month: string, enabled = true) {
  return useInfiniteQuery({
    queryKey: ['stats', month, 'pages'],
    enabled,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap<MonthStatistics>(
        api().GET('/v1/stats', { params: { query: { month, ...(pageParam ? { nextToken: pageParam } : {}) } } }),
      ),
    getNextPageParam: (page) => page.agencyInspections.nextToken ?? undefined,
  });
}
