import type { webcrypto } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  decodeProtectedHeader,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JWK,
  type JWTPayload,
  jwtVerify,
  SignJWT,
} from 'jose';
import type { AgencyRole } from '../../shared/wiring.js';

/** The issuer and audience of local agency tokens (in AWS: the Cognito user pool and its app client). */
export const LOCAL_ISSUER = 'https://supervision.local/_local/issuer';
export const LOCAL_AUDIENCE = 'supervision-local-api';
/** 12 hours: a working day, as the Cognito app client's refresh token (infra/constructs/supervision-api.ts). */
const TOKEN_LIFETIME_SECONDS = 12 * 3600;
/**
 * API Gateway's JWT authorizer verifies RSA signatures only (and Cognito signs with RS256): the twin signs and
 * verifies RS256 and nothing else, so a token another algorithm signed fails here as it would in AWS.
 */
export const SIGNING_ALGORITHM = 'RS256';
const KEY_ID = 'local-rs256';

type CryptoKey = webcrypto.CryptoKey;

/** What API Gateway's JWT authorizer hands the function: every claim a string, arrays as "[a b]". */
export interface JwtAuthorizerContext {
  principalId: string;
  integrationLatency: number;
  jwt: { claims: Record<string, string>; scopes: string[] | null };
}

/**
 * Local agency login: an RS256 key that signs tokens shaped like Cognito access tokens, and the verification
 * API Gateway's HTTP API JWT authorizer performs (`verify`). Persistent mode
 * keeps the key in `.local/`, so tokens survive a restart; fresh mode keeps it in memory.
 */
export class AgencyTokens {
  private constructor(
    private readonly privateKey: CryptoKey,
    private readonly publicKey: CryptoKey,
    readonly publicJwk: JWK,
  ) {}

  static async create(keyFile?: string): Promise<AgencyTokens> {
    const stored =
      keyFile && existsSync(keyFile)
        ? (JSON.parse(readFileSync(keyFile, 'utf8')) as { privateJwk: JWK; publicJwk: JWK })
        : undefined;
    // A key of an earlier version of the twin (ES256) is replaced: its tokens would not pass API Gateway either.
    if (stored && stored.publicJwk.alg === SIGNING_ALGORITHM && stored.publicJwk.kid === KEY_ID) {
      return new AgencyTokens(
        (await importJWK(stored.privateJwk, SIGNING_ALGORITHM)) as CryptoKey,
        (await importJWK(stored.publicJwk, SIGNING_ALGORITHM)) as CryptoKey,
        stored.publicJwk,
      );
    }
    const { privateKey, publicKey } = await generateKeyPair(SIGNING_ALGORITHM, {
      extractable: true,
      modulusLength: 2048,
    });
    const publicJwk = { ...(await exportJWK(publicKey)), kid: KEY_ID, alg: SIGNING_ALGORITHM, use: 'sig' };
    if (keyFile) {
      mkdirSync(dirname(keyFile), { recursive: true });
      writeFileSync(keyFile, JSON.stringify({ privateJwk: await exportJWK(privateKey), publicJwk }, null, 2), {
        mode: 0o600,
      });
    }
    return new AgencyTokens(privateKey, publicKey, publicJwk);
  }

  /**
   * A token for a user with one role, valid 12 hours, shaped like a Cognito user pool ACCESS token: `token_use:
   * "access"`, the app client in `client_id` and no `aud` (Cognito puts `aud` in ID tokens only), the groups as a
   * JSON array in `cognito:groups`, `username`, `auth_time`, `exp`. The gateway then presents the claims to the
   * function as API Gateway does (`renderClaims`), so shared/http/principal.ts reads exactly what it reads in AWS.
   */
  issue(user: { sub: string; role: AgencyRole; name?: string }): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({
      'cognito:groups': [user.role],
      token_use: 'access',
      client_id: LOCAL_AUDIENCE,
      scope: 'openid email profile',
      username: user.sub,
      auth_time: now,
      ...(user.name ? { name: user.name } : {}),
    })
      .setProtectedHeader({ alg: SIGNING_ALGORITHM, kid: KEY_ID, typ: 'JWT' })
      .setSubject(user.sub)
      .setIssuer(LOCAL_ISSUER)
      .setIssuedAt(now)
      .setNotBefore(now)
      .setExpirationTime(now + TOKEN_LIFETIME_SECONDS)
      .setJti(crypto.randomUUID())
      .sign(this.privateKey);
  }

  /**
   * Verify a bearer token as API Gateway's JWT authorizer does
   * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html):
   * - the signature, with the algorithm pinned (RS256) and the header's `kid` naming the key of the JWKS;
   * - `iss` equal to the configured issuer;
   * - `aud` containing the configured audience; only when there is no `aud`, `client_id` equal to it (a token with
   *   a wrong `aud` fails even if its `client_id` is right);
   * - `exp` present and after now; `nbf` and `iat`, when present, not after now.
   * Real time, not the local clock: moving the clock through months must not log everybody out.
   */
  async verify(token: string, now: Date = new Date()): Promise<JwtAuthorizerContext | undefined> {
    let payload: JWTPayload;
    try {
      const header = decodeProtectedHeader(token);
      if (header.alg !== SIGNING_ALGORITHM || header.kid !== KEY_ID) return undefined;
      ({ payload } = await jwtVerify(token, this.publicKey, {
        issuer: LOCAL_ISSUER,
        algorithms: [SIGNING_ALGORITHM],
        requiredClaims: ['exp'],
        currentDate: now,
      }));
    } catch {
      return undefined;
    }
    const seconds = Math.floor(now.getTime() / 1000);
    if (typeof payload.iat === 'number' && payload.iat > seconds) return undefined;
    if (payload.aud !== undefined) {
      const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
      if (!audiences.includes(LOCAL_AUDIENCE)) return undefined;
    } else if (payload.client_id !== LOCAL_AUDIENCE) {
      return undefined;
    }
    const scope = typeof payload.scope === 'string' ? payload.scope : undefined;
    return {
      principalId: '',
      integrationLatency: 0,
      jwt: { claims: renderClaims(payload), scopes: scope ? scope.split(' ').filter(Boolean) : null },
    };
  }
}

/**
 * Claims as API Gateway passes them to the function: strings stay strings, numbers and booleans become their
 * text, arrays become "[a b]" and objects Go's "map[k:v]" (API Gateway is written in Go and formats them so).
 */
export function renderClaims(payload: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(payload).map(([name, value]) => [name, renderClaim(value)]));
}

function renderClaim(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(renderClaim).join(' ')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => a.localeCompare(b));
    return `map[${entries.map(([k, v]) => `${k}:${renderClaim(v)}`).join(' ')}]`;
  }
  return String(value);
}
