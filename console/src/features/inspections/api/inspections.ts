import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import type { InspectionRecorded, RecordInspection } from '@/lib/api/views';

/**
 * `POST /v1/projects/{projectId}/inspections` → `{inspectionId, hazardIds, conditions, caseId?}`; the form keeps one
 * `Idempotency-Key` per inspection (on a phone on site, a lost answer is retried without recording it twice).
 */
export function useRecordInspection(projectId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ body, key }: { body: RecordInspection; key: string }) =>
      unwrap<InspectionRecorded>(
        api().POST('/v1/projects/{projectId}/inspections', {
          params: { path: { projectId } },
          body,
          headers: { 'Idempotency-Key': key },
        }),
      ),
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: ['project', projectId] }),
        client.invalidateQueries({ queryKey: ['cases'] }),
      ]),
  });
}
