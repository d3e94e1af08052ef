import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import type { components } from '@/lib/api/schema.gen';

type Schemas = components['schemas'];

/** `GET /v1/rankings`: the quarters ranked, newest first. */
export type RankingQuarters = Schemas['RankingQuarters'];
export type RankingQuarter = RankingQuarters['items'][number];
/** A ranking run (`POST /v1/rankings`, `GET /v1/rankings/runs/{runId}`). */
export type RankingRun = Schemas['RankingRun'];
/** `GET /v1/rankings/{quarter}`: the quarter's latest revision (or the one asked for). */
export type Ranking = Schemas['Ranking'];
export type RankingListPage = Schemas['RankingListPage'];
export type ProjectRankEntry = Schemas['ProjectRankEntry'];
export type EnterpriseRankEntry = Schemas['EnterpriseRankEntry'];
export type PersonRankEntry = Schemas['PersonRankEntry'];
export type DistrictRankEntry = Schemas['DistrictRankEntry'];
/** A list of a quarter's ranking by its key (`projects.building`, `enterprises.supervisor`, `districts` …). */
export type ListKey = RankingListPage['list'];

const QUARTERS = ['rankings'] as const;

/** `GET /v1/rankings`; polled every 2 s while a quarter's run is in flight, so its status changes on its own. */
export function useRankingQuarters() {
  return useQuery({
    queryKey: QUARTERS,
    queryFn: () => unwrap<RankingQuarters>(api().GET('/v1/rankings')),
    refetchInterval: (query) => (query.state.data?.items.some((item) => item.runInFlight) ? 2000 : false),
  });
}

/**
 * `GET /v1/rankings/{quarter}?limit=1`: the quarter's summary (status, revision, reason, publications, totals per
 * list) without its lists — the lists are read page by page ({@link useRankingList}), a national list holds
 * 100,000s of entries. Polled while a run of the quarter is in flight.
 */
export function useRanking(quarter: string) {
  return useQuery({
    queryKey: [...QUARTERS, quarter],
    queryFn: () =>
      unwrap<Ranking>(api().GET('/v1/rankings/{quarter}', { params: { path: { quarter }, query: { limit: 1 } } })),
    refetchInterval: (query) => (query.state.data?.runInFlight ? 2000 : false),
    retry: false,
  });
}

/**
 * `GET /v1/rankings/{quarter}/lists/{list}?limit=&nextToken=&district=`: one list of the quarter's latest revision,
 * page by page; with `district` the API returns only that district's entries (a project list or the districts list),
 * so every page of a filtered list is the district's, however far the city-wide list runs.
 */
export function useRankingList(
  quarter: string,
  list: ListKey,
  revision: number | undefined,
  limit = 50,
  district?: string,
) {
  return useInfiniteQuery({
    queryKey: [...QUARTERS, quarter, 'list', list, revision, limit, ...(district ? [district] : [])],
    enabled: revision !== undefined,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap<RankingListPage>(
        api().GET('/v1/rankings/{quarter}/lists/{list}', {
          params: {
            path: { quarter, list },
            query: {
              limit,
              ...(revision ? { revision } : {}),
              ...(district ? { district } : {}),
              ...(pageParam ? { nextToken: pageParam } : {}),
            },
          },
        }),
      ),
    getNextPageParam: (page) => page.nextToken ?? undefined,
  });
}

/** `GET /v1/rankings/runs/{runId}` (officer), polled every second while the run is running. */
export function useRankingRun(runId: string | undefined) {
  return useQuery({
    queryKey: ['ranking-run', runId],
    enabled: Boolean(runId),
    queryFn: () =>
      unwrap<RankingRun>(api().GET('/v1/rankings/runs/{runId}', { params: { path: { runId: runId as string } } })),
    refetchInterval: (query) => (query.state.data?.status === 'running' || !query.state.data ? 1000 : false),
  });
}

/** The share of a ranking run that is done, 0..100 (its batches once planned). */
export function rankingRunPercent(run: RankingRun): number {
  if (run.status !== 'running') return 100;
  const { batches, batchesDone, projects, projectsDone } = run.progress;
  if (batches) return Math.min(99, Math.round((batchesDone / batches) * 100));
  if (projects) return Math.min(99, Math.round((projectsDone / projects) * 100));
  return 0;
}

/** `POST /v1/rankings {quarter, reason?}` (officer) → 202, the run; the quarters are read again. */
export function useStartRanking() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { quarter: string; reason?: string }) =>
      unwrap<RankingRun>(api().POST('/v1/rankings', { body, headers: { 'Idempotency-Key': crypto.randomUUID() } })),
    onSuccess: () => client.invalidateQueries({ queryKey: QUARTERS }),
  });
}

/**
 * `POST /v1/rankings/{quarter}/publish {revision}` (officer): publishes the revision the officer reviewed (the API
 * refuses with 409 unless it is still the latest).
 */
export function usePublishRanking(quarter: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (revision: number) =>
      unwrap<Ranking>(
        api().POST('/v1/rankings/{quarter}/publish', {
          params: { path: { quarter } },
          body: { revision },
          headers: { 'Idempotency-Key': crypto.randomUUID() },
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: QUARTERS }),
  });
}
