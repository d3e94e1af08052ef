import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { AgencyTokens, LOCAL_AUDIENCE, LOCAL_ISSUER, renderClaims } from '../../../infra/local/agency-tokens.js';
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

    // Variants signed with the right key, so only the claim under test is wrong.
    const keyed = await AgencyTokens.create();
    const privateKey = (keyed as unknown as { privateKey: Parameters<SignJWT['sign']>[0] }).privateKey;
    const sign = (build: (jwt: SignJWT) => SignJWT) =>
      build(new SignJWT({ 'cognito:groups': ['officer'] }).setProtectedHeader({ alg: 'ES256' }).setSubject('u1')).sign(
        privateKey,
      );
    const now = Math.floor(Date.now() / 1000);
    const good = await sign((j) => j.setIssuer(LOCAL_ISSUER).setAudience(LOCAL_AUDIENCE).setExpirationTime('1h'));
    expect(await keyed.verify(good)).toBeDefined();
    for (const bad of [
      await sign((j) => j.setIssuer('https://elsewhere').setAudience(LOCAL_AUDIENCE).setExpirationTime('1h')),
      await sign((j) => j.setIssuer(LOCAL_ISSUER).setAudience('another-api').setExpirationTime('1h')),
      await sign((j) =>
        j
          .setIssuer(LOCAL_ISSUER)
          .setAudience(LOCAL_AUDIENCE)
          .setExpirationTime(now - 120),
      ),
      await sign((j) =>
        j
          .setIssuer(LOCAL_ISSUER)
          .setAudience(LOCAL_AUDIENCE)
          .setNotBefore(now + 3600)
          .setExpirationTime('2h'),
      ),
    ]) {
      expect(await keyed.verify(bad)).toBeUndefined();
    }
  });
});
