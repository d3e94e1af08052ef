import { useSyncExternalStore } from 'react';

/** Agency roles (SPEC §1): an officer may do everything an inspector may. */
export type Role = 'inspector' | 'officer';

/** Who is signed in: the bearer token for the API and what the console reads from its claims. */
export interface Session {
  token: string;
  role: Role;
  /** the person's name or user id, shown in the header */
  name: string;
  /** seconds since the epoch (the token's `exp`) */
  expiresAt: number;
}

// sessionStorage: the token lives as long as the tab, and never reaches another tab or a later visit
const STORAGE_KEY = 'supervision.console.session';
const listeners = new Set<() => void>();
let cached: Session | null | undefined;

/** The claims of a JWT (not verified here: the API verifies every request; the console only reads them). */
export function tokenClaims(token: string): Record<string, unknown> {
  const payload = token.split('.')[1] ?? '';
  const base64 = payload.replace(/-/g, '+').replace(/_/g, '/');
  const bytes = Uint8Array.from(atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, '=')), (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
}

/** The role from `cognito:groups` (an array, or API Gateway's `"[a b]"` string form): officer wins. */
export function roleOf(claims: Record<string, unknown>): Role | null {
  const groups = claims['cognito:groups'];
  const list = Array.isArray(groups)
    ? groups.map(String)
    : typeof groups === 'string'
      ? groups.replace(/^\[|\]$/g, '').split(/[\s,]+/)
      : [];
  if (list.includes('officer')) return 'officer';
  if (list.includes('inspector')) return 'inspector';
  return null;
}

/** A session from a token, or null when the token names no agency role. */
export function sessionFromToken(token: string, fallbackName?: string): Session | null {
  const claims = tokenClaims(token);
  const role = roleOf(claims);
  if (!role) return null;
  const name = [claims.name, claims['cognito:username'], claims.username, fallbackName, claims.sub].find(
    (value): value is string => typeof value === 'string' && value.length > 0,
  );
  return { token, role, name: name ?? role, expiresAt: typeof claims.exp === 'number' ? claims.exp : 0 };
}

function read(): Session | null {
  if (cached !== undefined) return cached;
  try {
    const stored = sessionStorage.getItem(STORAGE_KEY);
    const session = stored ? (JSON.parse(stored) as Session) : null;
    cached = session && session.expiresAt * 1000 > Date.now() ? session : null;
  } catch {
    cached = null;
  }
  return cached;
}

/** The current session, or null when nobody is signed in (or the token has expired). */
export function currentSession(): Session | null {
  const session = read();
  if (session && session.expiresAt * 1000 <= Date.now()) {
    setSession(null);
    return null;
  }
  return session;
}

/** Sign in (a session) or out (null); every component using {@link useSession} re-renders. */
export function setSession(session: Session | null): void {
  cached = session;
  if (session) sessionStorage.setItem(STORAGE_KEY, JSON.stringify(session));
  else sessionStorage.removeItem(STORAGE_KEY);
  for (const listener of listeners) listener();
}

/** The signed-in session as React state. */
export function useSession(): Session | null {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    read,
    () => null,
  );
}
