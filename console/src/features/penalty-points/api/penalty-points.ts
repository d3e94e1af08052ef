import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import type { PenaltyEntry, PenaltyLedger, PenaltyRecorded, PenaltySubject } from '@/lib/api/views';

/** Whose ledger: an enterprise by its credit code, a registered person by the registration number. */
export interface SubjectKey {
  kind: PenaltySubject['kind'];
  id: string;
}

/** `GET /v1/penalty-points?subjectKind=&subjectId=`: the ledger and its standing today. */
export function usePenaltyLedger(subject: SubjectKey | undefined) {
  return useQuery({
    queryKey: ['penalty-points', subject?.kind, subject?.id],
    enabled: Boolean(subject),
    queryFn: () =>
      unwrap<PenaltyLedger>(
        api().GET('/v1/penalty-points', {
          params: { query: { subjectKind: subject?.kind as SubjectKey['kind'], subjectId: subject?.id as string } },
        }),
      ),
  });
}

/** `POST /v1/penalty-points` (officer): points for an enforcement measure; one key per form submission. */
export function useRecordPenaltyPoints() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({
      body,
      key,
    }: {
      body: { subject: PenaltySubject; points: 1 | 2 | 3; reason: string; documentNo: string };
      key: string;
    }) => unwrap<PenaltyRecorded>(api().POST('/v1/penalty-points', { body, headers: { 'Idempotency-Key': key } })),
    onSuccess: () => client.invalidateQueries({ queryKey: ['penalty-points'] }),
  });
}

/** `POST /v1/penalty-points/{entryId}/revoke` (officer): kept, marked revoked, totals recomputed. */
export function useRevokePenaltyPoints() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ entryId, reason }: { entryId: string; reason: string }) =>
      unwrap<PenaltyEntry>(
        api().POST('/v1/penalty-points/{entryId}/revoke', {
          params: { path: { entryId } },
          body: { reason },
          headers: { 'Idempotency-Key': crypto.randomUUID() },
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: ['penalty-points'] }),
  });
}
