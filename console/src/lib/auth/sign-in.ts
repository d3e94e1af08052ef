import { config } from '../config';
import { type Role, type Session, sessionFromToken, setSession } from './session';

/**
 * Local twin only: a token from `POST /_local/tokens {role, sub, name}`, shaped as a Cognito access token and
 * accepted by the local gateway exactly as API Gateway's JWT authorizer would accept Cognito's.
 */
export async function signInLocally(role: Role, name: string): Promise<Session> {
  const sub = name.trim() || (role === 'officer' ? '负责人' : '检查员');
  const response = await fetch(`${config().apiUrl}/_local/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ role, sub, name: sub }),
  });
  if (!response.ok)
    throw new Error(`本地令牌签发失败（HTTP ${response.status}），请确认本地环境（npm start）正在运行。`);
  const { token } = (await response.json()) as { token: string };
  const session = sessionFromToken(token, sub);
  if (!session) throw new Error('本地令牌未包含检查员或负责人角色。');
  setSession(session);
  return session;
}

/**
 * `#as=officer` or `#as=inspector` on any console URL signs in at once (tests and demos use it); the fragment is
 * removed from the address bar. Only where sign-in is local: in AWS the fragment is ignored.
 */
export async function signInFromFragment(): Promise<void> {
  const role = new URLSearchParams(window.location.hash.slice(1)).get('as');
  if (role !== 'officer' && role !== 'inspector') return;
  window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
  if (config().auth !== 'local') return;
  await signInLocally(role, role === 'officer' ? '王负责人' : '李检查员');
}

/** Start signing in: the local sign-in page, or the Cognito hosted UI (authorization code + PKCE). */
export async function startSignIn(returnTo: string): Promise<void> {
  const settings = config();
  if (settings.auth === 'cognito') {
    const { cognitoSignIn } = await import('./cognito');
    await cognitoSignIn(returnTo);
  }
}

/** Sign out: forget the session; in AWS also end the hosted UI's session. */
export async function signOut(): Promise<void> {
  setSession(null);
  const settings = config();
  if (settings.auth === 'cognito') {
    const { cognitoSignOut } = await import('./cognito');
    await cognitoSignOut();
  }
}
