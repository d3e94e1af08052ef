import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import type { Hazard, HazardDetail } from '@/lib/api/views';

/** `GET /v1/hazards/{hazardId}`: the hazard with its verifications and the documents uploaded for it. */
export function useHazard(hazardId: string) {
  return useQuery({
    queryKey: ['hazard', hazardId],
    queryFn: () => unwrap<HazardDetail>(api().GET('/v1/hazards/{hazardId}', { params: { path: { hazardId } } })),
  });
}

/** A verification (验收) of a hazard's rectification: accepted closes it, rejected opens it again. */
export interface Verification {
  result: 'accepted' | 'rejected';
  date: string;
  note?: string;
}

/** `POST /v1/hazards/{hazardId}/verifications` (and the hazard lists that show it are refreshed). */
export function useVerifyHazard(hazardId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Verification) =>
      unwrap<Hazard>(
        api().POST('/v1/hazards/{hazardId}/verifications', {
          params: { path: { hazardId } },
          body,
          headers: { 'Idempotency-Key': crypto.randomUUID() },
        }),
      ),
    onSuccess: () => invalidateHazardViews(client, hazardId),
  });
}

/** `POST /v1/hazards/{hazardId}/refusal`: the unit refuses to rectify (拒不整改, condition C4). */
export function useRefuseHazard(hazardId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { date?: string; note?: string }) =>
      unwrap<Hazard>(
        api().POST('/v1/hazards/{hazardId}/refusal', {
          params: { path: { hazardId } },
          body,
          headers: { 'Idempotency-Key': crypto.randomUUID() },
        }),
      ),
    onSuccess: () => invalidateHazardViews(client, hazardId),
  });
}

function invalidateHazardViews(client: ReturnType<typeof useQueryClient>, hazardId: string) {
  return Promise.all([
    client.invalidateQueries({ queryKey: ['hazard', hazardId] }),
    client.invalidateQueries({ queryKey: ['project'] }),
    client.invalidateQueries({ queryKey: ['case'] }),
  ]);
}
