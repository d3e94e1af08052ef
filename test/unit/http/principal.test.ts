import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { authorize, groupsFromClaim, principalOf, rolesFromClaim } from '../../../shared/http/principal.js';
import type { HttpProblem } from '../../../shared/http/problem.js';

function eventWith(authorizer: unknown): APIGatewayProxyEventV2 {
  return { requestContext: { authorizer } } as unknown as APIGatewayProxyEventV2;
}

describe('roles from the cognito:groups claim', () => {
  it.each([
    // what API Gateway's JWT authorizer hands the function: the array rendered "[a b]"
    ['[officer inspector]', ['officer', 'inspector']],
    ['[inspector]', ['inspector']],
    ['[admin]', []],
    ['[]', []],
    // an actual array (a direct invocation)
    [['officer'], ['officer']],
    [undefined, []],
  ])('%j → %j', (claim, roles) => {
    expect(rolesFromClaim(claim)).toEqual(roles);
  });

  // the security review's reproduction: a group whose NAME contains a comma is one group, not two
  it.each([
    ['[evil,officer]', []],
    ['[officer,inspector]', []],
    [['evil,officer'], []],
    ['evil,officer', []],
    ['officer,inspector', []],
  ])('a group named with a comma is not a role: %j → %j', (claim, roles) => {
    expect(rolesFromClaim(claim)).toEqual(roles);
  });

  it('reads names exactly: brackets and punctuation inside a name are part of it', () => {
    // Cognito group names are letters, marks, symbols, digits and punctuation, never spaces: "[officer]" is a name
    expect(groupsFromClaim('[[officer] x]')).toEqual(['[officer]', 'x']);
    expect(rolesFromClaim('[[officer]]')).toEqual([]);
    expect(groupsFromClaim('[evil,officer inspector]')).toEqual(['evil,officer', 'inspector']);
  });

  it('takes nothing from a claim that is not a rendered list (a bare string is not what Cognito sends)', () => {
    expect(rolesFromClaim('officer')).toEqual([]);
    expect(rolesFromClaim(' [officer]')).toEqual([]);
    expect(rolesFromClaim(42)).toEqual([]);
  });
});

describe('principalOf with JWT claims', () => {
  const claims = (extra: Record<string, unknown>) =>
    eventWith({ jwt: { claims: { sub: 'u1', 'cognito:groups': '[officer]', ...extra }, scopes: null } });

  it('takes an access token', () => {
    expect(principalOf(claims({ token_use: 'access', client_id: 'abc' }))).toMatchObject({
      kind: 'agency',
      sub: 'u1',
      roles: ['officer'],
    });
  });

  // API Gateway accepts an ID token too (its `aud` is the client id); the API is for access tokens only
  it.each([['id'], [undefined], ['refresh'], ['']])('refuses a token whose token_use is %j', (tokenUse) => {
    expect(principalOf(claims(tokenUse === undefined ? {} : { token_use: tokenUse }))).toEqual({ kind: 'anonymous' });
  });

  it('an ID token is asked for an access token (401), not treated as an upload token or let through', () => {
    const principal = principalOf(claims({ token_use: 'id', aud: 'abc' }));
    expect(() => authorize(principal, { kind: 'agency', role: 'inspector' })).toThrow(/access token/);
  });
});

describe('authorize', () => {
  const inspector = principalOf(
    eventWith({ jwt: { claims: { sub: 'u1', token_use: 'access', 'cognito:groups': '[inspector]' } } }),
  );
  const officer = principalOf(
    eventWith({ jwt: { claims: { sub: 'u2', token_use: 'access', 'cognito:groups': '[officer]' } } }),
  );
  const upload = principalOf(
    eventWith({
      lambda: {
        linkId: 'lnk_1',
        caseId: 'cas_1',
        projectId: 'prj_1',
        unitCreditCode: 'X',
        docTypes: '',
        validUntil: '2026-10-01T00:00:00Z',
      },
    }),
  );
  const anonymous = principalOf(eventWith(undefined));

  const status = (fn: () => void) => {
    try {
      fn();
      return 200;
    } catch (error) {
      return (error as HttpProblem).status;
    }
  };

  it('lets an officer do what an inspector can, not the reverse', () => {
    expect(status(() => authorize(officer, { kind: 'agency', role: 'inspector' }))).toBe(200);
    expect(status(() => authorize(inspector, { kind: 'agency', role: 'officer' }))).toBe(403);
    expect(status(() => authorize(inspector, { kind: 'agency', role: 'inspector' }))).toBe(200);
  });

  it('reads an assessment link (project + unit, no case) and keeps it apart from upload links and agency logins', () => {
    const assessment = principalOf(
      eventWith({
        lambda: {
          linkKind: 'assessment',
          linkId: 'alk_1',
          projectId: 'prj_1',
          unitCreditCode: 'X',
          validUntil: '2026-10-01T00:00:00Z',
        },
      }),
    );
    expect(assessment).toEqual({
      kind: 'assessment',
      linkId: 'alk_1',
      projectId: 'prj_1',
      unitCreditCode: 'X',
      validUntil: '2026-10-01T00:00:00Z',
    });
    expect(status(() => authorize(assessment, { kind: 'assessment' }))).toBe(200);
    expect(status(() => authorize(upload, { kind: 'assessment' }))).toBe(403);
    expect(status(() => authorize(officer, { kind: 'assessment' }))).toBe(403);
    expect(status(() => authorize(anonymous, { kind: 'assessment' }))).toBe(401);
    expect(status(() => authorize(assessment, { kind: 'upload' }))).toBe(403);
    expect(status(() => authorize(assessment, { kind: 'agency', role: 'inspector' }))).toBe(403);
  });

  it('keeps upload tokens and agency tokens apart', () => {
    expect(status(() => authorize(upload, { kind: 'agency', role: 'inspector' }))).toBe(403);
    expect(status(() => authorize(officer, { kind: 'upload' }))).toBe(403);
    expect(status(() => authorize(upload, { kind: 'upload' }))).toBe(200);
  });

  it('asks anonymous callers to authenticate, except on public routes', () => {
    expect(status(() => authorize(anonymous, { kind: 'agency', role: 'inspector' }))).toBe(401);
    expect(status(() => authorize(anonymous, { kind: 'upload' }))).toBe(401);
    expect(status(() => authorize(anonymous, { kind: 'public' }))).toBe(200);
  });
});
