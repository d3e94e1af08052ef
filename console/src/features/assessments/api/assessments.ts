import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import type {
  Assessment,
  AssessmentLink,
  AssessmentScheme,
  ProjectAssessments,
  SubmitGovernmentAssessment,
} from '@/lib/api/views';

/** The scheme the console assesses with when none is named (SPEC §6.1: JGJ 59-2011). */
export const DEFAULT_SCHEME_ID = 'jgj59-2011';

/** `GET /v1/assessment-schemes/{schemeId}`: the scheme as data (a standard: it changes only with a new revision). */
export function useScheme(schemeId: string = DEFAULT_SCHEME_ID) {
  return useQuery({
    queryKey: ['assessment-scheme', schemeId],
    staleTime: Number.POSITIVE_INFINITY,
    queryFn: () =>
      unwrap<AssessmentScheme>(api().GET('/v1/assessment-schemes/{schemeId}', { params: { path: { schemeId } } })),
  });
}

/** `GET /v1/projects/{projectId}/assessments?period=`: a month's or quarter's submissions, and the quarter standing. */
export function useProjectAssessments(projectId: string, period: string) {
  return useQuery({
    queryKey: ['project', projectId, 'assessments', period],
    queryFn: () =>
      unwrap<ProjectAssessments>(
        api().GET('/v1/projects/{projectId}/assessments', { params: { path: { projectId }, query: { period } } }),
      ),
  });
}

/** `GET /v1/assessments/{assessmentId}`: one assessment with the submissions of its slot. */
export function useAssessment(assessmentId: string) {
  return useQuery({
    queryKey: ['assessment', assessmentId],
    queryFn: () =>
      unwrap<Assessment>(api().GET('/v1/assessments/{assessmentId}', { params: { path: { assessmentId } } })),
  });
}

/** `POST /v1/projects/{projectId}/assessments` (inspector): a government assessment; one key per form. */
export function useSubmitGovernmentAssessment(projectId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ body, key }: { body: SubmitGovernmentAssessment; key: string }) =>
      unwrap<Assessment>(
        api().POST('/v1/projects/{projectId}/assessments', {
          params: { path: { projectId } },
          body,
          headers: { 'Idempotency-Key': key },
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: ['project', projectId, 'assessments'] }),
  });
}

/** `POST /v1/projects/{projectId}/assessment-links` (inspector): a link for one unit, at most 93 days. */
export function useCreateAssessmentLink(projectId: string) {
  return useMutation({
    mutationFn: (body: { unitCreditCode: string; validDays: number }) =>
      unwrap<AssessmentLink>(
        api().POST('/v1/projects/{projectId}/assessment-links', {
          params: { path: { projectId } },
          body,
          headers: { 'Idempotency-Key': crypto.randomUUID() },
        }),
      ),
  });
}

/** `DELETE /v1/projects/{projectId}/assessment-links/{linkId}`: the link stops working at once. */
export function useRevokeAssessmentLink(projectId: string) {
  return useMutation({
    mutationFn: (linkId: string) =>
      unwrap<unknown>(
        api().DELETE('/v1/projects/{projectId}/assessment-links/{linkId}', {
          params: { path: { projectId, linkId } },
          headers: { 'Idempotency-Key': crypto.randomUUID() },
        }),
      ),
  });
}

/** `POST /v1/assessments/{assessmentId}/falsification` (officer): confirmed (3 + 3 points) or cleared. */
export function useDecideFalsification(assessmentId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { finding: 'confirmed' | 'cleared'; reason: string }) =>
      unwrap<Assessment>(
        api().POST('/v1/assessments/{assessmentId}/falsification', {
          params: { path: { assessmentId } },
          body,
          headers: { 'Idempotency-Key': crypto.randomUUID() },
        }),
      ),
    onSuccess: (assessment) =>
      Promise.all([
        client.invalidateQueries({ queryKey: ['assessment', assessmentId] }),
        client.invalidateQueries({ queryKey: ['project', assessment.projectId, 'assessments'] }),
        client.invalidateQueries({ queryKey: ['penalty-points'] }),
      ]),
  });
}
