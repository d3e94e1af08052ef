/**
 * The deployment's settings, read once at start from `/console/config.json`: the local gateway answers it with
 * `{auth: "local"}`; in AWS the stack writes it beside the app (the Cognito hosted UI and the API's origin), so
 * one build serves every deployment.
 */
export type ConsoleConfig =
  | { auth: 'local'; apiUrl: string }
  | {
      auth: 'cognito';
      /** the API's origin, e.g. `https://abc.execute-api.cn-north-1.amazonaws.com.cn` */
      apiUrl: string;
      /** the user pool's issuer, `https://cognito-idp.<region>.amazonaws.com/<poolId>` */
      authority: string;
      clientId: string;
      /** the hosted UI domain (its `/logout` ends the Cognito session) */
      domain?: string;
      redirectUri: string;
      postLogoutRedirectUri: string;
      scope?: string;
    };

let current: ConsoleConfig | undefined;

/**
 * Fetch `/console/config.json` (index.html preloads it; it is served with `Cache-Control: no-cache`, so a cached
 * copy is revalidated); a missing file means the local twin's defaults.
 */
export async function loadConfig(): Promise<ConsoleConfig> {
  const response = await fetch('/console/config.json', { credentials: 'same-origin' }).catch(() => undefined);
  const body = response?.ok ? ((await response.json()) as Partial<ConsoleConfig>) : {};
  current =
    body.auth === 'cognito'
      ? (body as ConsoleConfig)
      : { auth: 'local', apiUrl: typeof body.apiUrl === 'string' ? body.apiUrl : '' };
  return current;
}

/** The configuration loaded at start (call after {@link loadConfig}). */
export function config(): ConsoleConfig {
  if (!current) throw new Error('The console configuration is read before the app renders.');
  return current;
}
