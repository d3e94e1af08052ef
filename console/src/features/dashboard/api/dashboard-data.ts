/**
 * What the dashboard (工作台) reads, as query options shared by its panels and by {@link prefetchDashboard}: the
 * console starts these requests as soon as the person is signed in, while the screen's code is still arriving and
 * rendering, instead of after the first render (on a slow phone that is most of a second earlier).
 */
import { type QueryClient, queryOptions } from '@tanstack/react-query';
import { caseListQuery } from '@/features/cases/api/cases';
import { circularListQuery } from '@/features/circulars/api/circulars';
import { enterpriseCaseListQuery } from '@/features/enterprise-cases/api/enterprise-cases';
import { overdueQueries } from '@/features/overdue/api/overdue';
import { api, unwrap } from '@/lib/api/client';
import type { MonthStatistics } from '@/lib/api/views';
import { shanghaiMonth } from '@/lib/dates';

/** The dashboard's lists: how many of each its panels show. */
export const dashboardQueries = {
  active: () => caseListQuery({ status: 'active' }, 100),
  proposed: () => caseListQuery({ status: 'proposed' }, 10),
  // enterprise-level proposals (SPEC §6.5) await the same decision: one small page, listed after the projects'
  enterpriseProposed: () => enterpriseCaseListQuery('proposed', 10),
  drafts: () => circularListQuery('draft'),
  overdue: () => overdueQueries(50),
};

/** The months whose statistics the quota panel looks for (officer): this one and the two before. */
export function statisticsMonths(): string[] {
  return [shanghaiMonth(), shanghaiMonth(-1), shanghaiMonth(-2)];
}

/** `GET /v1/stats?month=` (officer). */
export function statisticsQuery(month: string) {
  return queryOptions({
    queryKey: ['stats', month],
    queryFn: () => unwrap<MonthStatistics>(api().GET('/v1/stats', { params: { query: { month } } })),
  });
}

/** Start every request of the dashboard now (an officer's also the statistics); errors are the panels' to show. */
export function prefetchDashboard(client: QueryClient, session: { officer: boolean }): void {
  void client.prefetchInfiniteQuery(dashboardQueries.active());
  void client.prefetchInfiniteQuery(dashboardQueries.proposed());
  void client.prefetchInfiniteQuery(dashboardQueries.enterpriseProposed());
  void client.prefetchInfiniteQuery(dashboardQueries.drafts());
  const overdue = dashboardQueries.overdue();
  void client.prefetchQuery(overdue.hazards);
  void client.prefetchQuery(overdue.notices);
  if (session.officer) for (const month of statisticsMonths()) void client.prefetchQuery(statisticsQuery(month));
}
