import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import type { AddRuleSet, RuleSet } from '@/lib/api/views';

/** `GET /v1/rule-sets`: every version, with the day each takes effect and its status. */
export function useRuleSets() {
  return useQuery({
    queryKey: ['rule-sets'],
    queryFn: () => unwrap<{ items: RuleSet[] }>(api().GET('/v1/rule-sets')),
  });
}

/** `GET /v1/rule-sets/current`: the version in force today. */
export function useCurrentRuleSet() {
  return useQuery({
    queryKey: ['rule-sets', 'current'],
    queryFn: () => unwrap<RuleSet>(api().GET('/v1/rule-sets/current')),
  });
}

/** `POST /v1/rule-sets` (officer): a version from a future day; one `Idempotency-Key` per form submission. */
export function useAddRuleSet() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ body, key }: { body: AddRuleSet; key: string }) =>
      unwrap<RuleSet>(api().POST('/v1/rule-sets', { body, headers: { 'Idempotency-Key': key } })),
    onSuccess: () => client.invalidateQueries({ queryKey: ['rule-sets'] }),
  });
}
