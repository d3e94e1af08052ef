import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import type { EnforcementStatistics } from '@/lib/api/views';

/** `GET /v1/stats/enforcement?quarter=` (officer): the quarter's enforcement work per inspector and district. */
export function useEnforcementStatistics(quarter: string, enabled: boolean) {
  return useQuery({
    queryKey: ['stats', 'enforcement', quarter],
    enabled,
    queryFn: () =>
      unwrap<EnforcementStatistics>(api().GET('/v1/stats/enforcement', { params: { query: { quarter } } })),
  });
}
