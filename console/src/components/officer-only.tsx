import type { ReactNode } from 'react';
import { useSession } from '@/lib/auth/session';

/**
 * Officer-only actions (confirm, dismiss, extend, publish, retract, withdraw, evaluations, statistics, rule sets):
 * not shown to inspectors. The API refuses them to inspectors anyway (403); hiding them keeps the screen honest.
 */
export function OfficerOnly(props: { children: ReactNode; fallback?: ReactNode }) {
  const session = useSession();
  return <>{session?.role === 'officer' ? props.children : (props.fallback ?? null)}</>;
}

/** Whether the signed-in person is an officer. */
export function useIsOfficer(): boolean {
  return useSession()?.role === 'officer';
}
