import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import type { Condition, Page, ProjectDetail, ProjectSummary, RegisterProject } from '@/lib/api/views';

/** The search of the project list (SPEC §4: by name, district or a unit's credit code). */
export interface ProjectFilters {
  q?: string;
  district?: string;
  creditCode?: string;
}

/** `GET /v1/projects?q=&district=&creditCode=`, page by page with `nextToken`. */
export function useProjectSearch(filters: ProjectFilters) {
  return useInfiniteQuery({
    queryKey: ['projects', 'search', filters],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap<Page<ProjectSummary>>(
        api().GET('/v1/projects', {
          params: { query: { ...filters, ...(pageParam ? { nextToken: pageParam } : {}), limit: 20 } },
        }),
      ),
    getNextPageParam: (page) => page.nextToken ?? undefined,
  });
}

/** `GET /v1/projects/{projectId}`: the project, its open hazards and its case if any. */
export function useProject(projectId: string) {
  return useQuery({
    queryKey: ['project', projectId],
    queryFn: () => unwrap<ProjectDetail>(api().GET('/v1/projects/{projectId}', { params: { path: { projectId } } })),
  });
}

/** `GET /v1/projects/{projectId}/conditions?asOf=`: the six conditions with evidence. */
export function useProjectConditions(projectId: string, asOf?: string) {
  return useQuery({
    queryKey: ['project', projectId, 'conditions', asOf ?? 'today'],
    queryFn: () =>
      unwrap<{ asOf: string; ruleSetVersion: string; conditions: Condition[] }>(
        api().GET('/v1/projects/{projectId}/conditions', {
          params: { path: { projectId }, query: asOf ? { asOf } : {} },
        }),
      ),
  });
}

/** `POST /v1/projects`; the form keeps one `Idempotency-Key` per registration, so a retry never registers twice. */
export function useRegisterProject() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ body, key }: { body: RegisterProject; key: string }) =>
      unwrap<ProjectDetail>(api().POST('/v1/projects', { body, headers: { 'Idempotency-Key': key } })),
    onSuccess: () => client.invalidateQueries({ queryKey: ['projects'] }),
  });
}

/** `POST /v1/projects/{projectId}/incidents` */
export function useRecordIncident(projectId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { date: string; fatalities: number; injuries: number; description: string }) =>
      unwrap<unknown>(
        api().POST('/v1/projects/{projectId}/incidents', {
          params: { path: { projectId } },
          body,
          headers: { 'Idempotency-Key': crypto.randomUUID() },
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: ['project', projectId] }),
  });
}

/** `POST /v1/projects/{projectId}/criticisms` */
export function useRecordCriticism(projectId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: {
      date: string;
      issuer: 'city_government' | 'district_government' | 'authority';
      documentNo: string;
      summary: string;
    }) =>
      unwrap<unknown>(
        api().POST('/v1/projects/{projectId}/criticisms', {
          params: { path: { projectId } },
          body,
          headers: { 'Idempotency-Key': crypto.randomUUID() },
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: ['project', projectId] }),
  });
}
