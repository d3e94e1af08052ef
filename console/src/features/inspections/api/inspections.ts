import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import type { InspectionRecorded, RecordInspection } from '@/lib/api/views';

/** `POST /v1/projects/{projectId}/inspections` → `{inspectionId, hazardIds, conditions, caseId?}`. */
export function useRecordInspection(projectId: string, idempotencyKey: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: RecordInspection) =>
      unwrap<InspectionRecorded>(
        api().POST('/v1/projects/{projectId}/inspections', {
          params: { path: { projectId } },
          body,
          headers: { 'Idempotency-Key': idempotencyKey },
        }),
      ),
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: ['project', projectId] }),
        client.invalidateQueries({ queryKey: ['cases'] }),
      ]),
  });
}
