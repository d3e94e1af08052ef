/**
 * Sign-in through the Cognito hosted UI: OAuth 2 authorization code with PKCE (oidc-client-ts), loaded only in
 * AWS (this module is its own chunk). The API takes the access token; the role is its `cognito:groups`.
 */
import { UserManager, WebStorageStateStore } from 'oidc-client-ts';
import { config } from '../config';
import { sessionFromToken, setSession } from './session';

let manager: UserManager | undefined;

function userManager(): UserManager {
  const settings = config();
  if (settings.auth !== 'cognito') throw new Error('Cognito sign-in is for the AWS deployment.');
  manager ??= new UserManager({
    authority: settings.authority,
    client_id: settings.clientId,
    redirect_uri: settings.redirectUri,
    post_logout_redirect_uri: settings.postLogoutRedirectUri,
    response_type: 'code',
    scope: settings.scope ?? 'openid profile email',
    userStore: new WebStorageStateStore({ store: window.sessionStorage }),
    automaticSilentRenew: false,
  });
  return manager;
}

/** Go to the hosted UI; `returnTo` (a console path) is where the callback lands. */
export async function cognitoSignIn(returnTo: string): Promise<void> {
  await userManager().signinRedirect({ state: { returnTo } });
}

/** At `/console/auth/callback`: exchange the code (with the PKCE verifier) and start the session. */
export async function completeCognitoSignIn(): Promise<string> {
  const user = await userManager().signinRedirectCallback();
  const session = sessionFromToken(user.access_token, user.profile.name ?? user.profile.email);
  if (!session) throw new Error('此账号不属于检查员或负责人用户组，无法使用管理端。');
  setSession(session);
  const state = user.state as { returnTo?: string } | undefined;
  return state?.returnTo?.startsWith('/console/') ? state.returnTo : '/console/';
}

/** End the hosted UI's session too (Cognito's `/logout` takes the client id and the logout URI). */
export async function cognitoSignOut(): Promise<void> {
  const settings = config();
  await userManager().removeUser();
  if (settings.auth === 'cognito' && settings.domain) {
    const url = new URL('/logout', settings.domain);
    url.searchParams.set('client_id', settings.clientId);
    url.searchParams.set('logout_uri', settings.postLogoutRedirectUri);
    window.location.assign(url.toString());
  }
}
