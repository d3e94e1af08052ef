import { generateKeyPair, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import {
  AgencyTokens,
  LOCAL_AUDIENCE,
  LOCAL_ISSUER,
  renderClaims,
  SIGNING_ALGORITHM,
} from '../../../infra/local/agency-tokens.js';
import { principalOf } from '../../../shared/http/principal.js';

describe('renderClaims (as API Gateway hands JWT claims to a function)', () => {
  it('renders every claim as a string, arrays as "[a b]"', () => {
    expect(
      renderClaims({
        sub: 'u1',
        'cognito:groups': ['officer', 'inspector'],
        exp: 1700000000,
        admin: false,
        o: { b: 1, a: 'x' },
      }),
    ).toEqual({
      sub: 'u1',
      'cognito:groups': '[officer inspector]',
      exp: '1700000000',
      admin: 'false',
      o: 'map[a:x b:1]',
    });
  });
});

describe('AgencyTokens', () => {
  it('issues a token the gateway accepts and the handlers read as an agency principal', async () => {
    const tokens = await AgencyTokens.create();
    const context = await tokens.verify(await tokens.issue({ sub: 'u1', role: 'officer', name: '王五' }));
    // shaped as a Cognito access token: client_id and no aud, the groups rendered as API Gateway renders a list
    expect(context?.jwt.claims).toMatchObject({
      sub: 'u1',
      'cognito:groups': '[officer]',
      token_use: 'access',
      iss: LOCAL_ISSUER,
      client_id: LOCAL_AUDIENCE,
      username: 'u1',
    });
    expect(context?.jwt.claims).not.toHaveProperty('aud');
    expect(Number(context?.jwt.claims.exp)).toBeGreaterThan(Number(context?.jwt.claims.iat));
    const event = { requestContext: { authorizer: context } } as unknown as Parameters<typeof principalOf>[0];
    expect(principalOf(event)).toEqual({ kind: 'agency', sub: 'u1', name: '王五', roles: ['officer'] });
  });

  it('refuses another key, another issuer or audience, an expired token and one not yet valid', async () => {
    const tokens = await AgencyTokens.create();
    const other = await AgencyTokens.create();
    expect(await tokens.verify(await other.issue({ sub: 'u1', role: 'officer' }))).toBeUndefined();
    expect(await tokens.verify('a.b.c')).toBeUndefined();
  });
});

describe("AgencyTokens.verify checks a token as API Gateway's JWT authorizer does", async () => {
  // Variants signed with the gateway's own key, so only the claim or header under test is wrong.
  const keyed = await AgencyTokens.create();
  const privateKey = (keyed as unknown as { privateKey: Parameters<SignJWT['sign']>[0] }).privateKey;
  const kid = keyed.publicJwk.kid as string;
  const now = Math.floor(Date.now() / 1000);
  const claims = { 'cognito:groups': ['officer'], token_use: 'access' };
  const sign = (build: (jwt: SignJWT) => SignJWT, header: Record<string, unknown> = {}) =>
    build(
      new SignJWT(claims).setProtectedHeader({ alg: SIGNING_ALGORITHM, kid, typ: 'JWT', ...header }).setSubject('u1'),
    ).sign(privateKey);
  const valid = (j: SignJWT) =>
    j.setIssuer(LOCAL_ISSUER).setAudience(LOCAL_AUDIENCE).setIssuedAt().setExpirationTime('1h');

  it('accepts a token with aud, and a Cognito access token (no aud) whose client_id is the app client', async () => {
    expect(await keyed.verify(await sign(valid))).toBeDefined();
    const accessToken = await new SignJWT({ ...claims, client_id: LOCAL_AUDIENCE })
      .setProtectedHeader({ alg: SIGNING_ALGORITHM, kid })
      .setSubject('u1')
      .setIssuer(LOCAL_ISSUER)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(privateKey);
    expect(await keyed.verify(accessToken)).toBeDefined();
  });

  it.each([
    ['another issuer', () => sign((j) => valid(j).setIssuer('https://elsewhere'))],
    ['another audience', () => sign((j) => valid(j).setAudience('another-api'))],
    ['no exp', () => sign((j) => j.setIssuer(LOCAL_ISSUER).setAudience(LOCAL_AUDIENCE).setIssuedAt())],
    ['an exp that is not a number', () => signRaw({ exp: 'tomorrow' })],
    ['an expired token', () => sign((j) => valid(j).setExpirationTime(now - 120))],
    [
      'a token not yet valid (nbf)',
      () =>
        sign((j) =>
          valid(j)
            .setNotBefore(now + 3600)
            .setExpirationTime('2h'),
        ),
    ],
    [
      'a token issued in the future (iat)',
      () =>
        sign((j) =>
          valid(j)
            .setIssuedAt(now + 3600)
            .setExpirationTime('2h'),
        ),
    ],
    ['no issuer', () => sign((j) => j.setAudience(LOCAL_AUDIENCE).setExpirationTime('1h'))],
    ['no aud and no client_id', () => sign((j) => j.setIssuer(LOCAL_ISSUER).setExpirationTime('1h'))],
  ])('refuses %s', async (_name, token) => {
    expect(await keyed.verify(await token())).toBeUndefined();
  });

  it('refuses a wrong aud even when client_id is right (API Gateway reads client_id only without aud)', async () => {
    const token = await sign((j) => valid(j).setAudience('another-api'), {});
    const withClientId = await new SignJWT({ ...claims, client_id: LOCAL_AUDIENCE })
      .setProtectedHeader({ alg: SIGNING_ALGORITHM, kid })
      .setSubject('u1')
      .setIssuer(LOCAL_ISSUER)
      .setAudience('another-api')
      .setExpirationTime('1h')
      .sign(privateKey);
    expect(await keyed.verify(token)).toBeUndefined();
    expect(await keyed.verify(withClientId)).toBeUndefined();
    const noAudWrongClient = await new SignJWT({ ...claims, client_id: 'another-client' })
      .setProtectedHeader({ alg: SIGNING_ALGORITHM, kid })
      .setIssuer(LOCAL_ISSUER)
      .setExpirationTime('1h')
      .sign(privateKey);
    expect(await keyed.verify(noAudWrongClient)).toBeUndefined();
  });

  it('pins the algorithm and the key id: another kid, ES256, HS256 keyed with the public key, alg none', async () => {
    expect(await keyed.verify(await sign(valid, { kid: 'another-key' }))).toBeUndefined();
    const ec = await generateKeyPair('ES256');
    expect(
      await keyed.verify(
        await valid(new SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid }).setSubject('u1')).sign(ec.privateKey),
      ),
    ).toBeUndefined();
    // the classic confusion: the RSA public key's bytes used as an HMAC secret
    const secret = new TextEncoder().encode(JSON.stringify(keyed.publicJwk));
    expect(
      await keyed.verify(
        await valid(new SignJWT(claims).setProtectedHeader({ alg: 'HS256', kid }).setSubject('u1')).sign(secret),
      ),
    ).toBeUndefined();
    const unsigned = (await sign(valid)).split('.');
    const noneHeader = Buffer.from(JSON.stringify({ alg: 'none', kid })).toString('base64url');
    expect(await keyed.verify(`${noneHeader}.${unsigned[1]}.`)).toBeUndefined();
  });

  /** A token whose payload is given whole (for claim types SignJWT's setters would not write). */
  async function signRaw(extra: Record<string, unknown>) {
    return new SignJWT({ ...claims, iss: LOCAL_ISSUER, aud: LOCAL_AUDIENCE, ...extra })
      .setProtectedHeader({ alg: SIGNING_ALGORITHM, kid })
      .sign(privateKey);
  }
});
