import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { authorize, principalOf, rolesFromClaim } from '../../../shared/http/principal.js';
import type { HttpProblem } from '../../../shared/http/problem.js';

function eventWith(authorizer: unknown): APIGatewayProxyEventV2 {
  return { requestContext: { authorizer } } as unknown as APIGatewayProxyEventV2;
}

describe('roles from the cognito:groups claim', () => {
  it.each([
    [['officer'], ['officer']],
    ['[officer inspector]', ['officer', 'inspector']],
    ['[inspector]', ['inspector']],
    ['officer,inspector', ['officer', 'inspector']],
    ['[admin]', []],
    [undefined, []],
  ])('%j → %j', (claim, roles) => {
    expect(rolesFromClaim(claim)).toEqual(roles);
  });
});

describe('authorize', () => {
  const inspector = principalOf(eventWith({ jwt: { claims: { sub: 'u1', 'cognito:groups': '[inspector]' } } }));
  const officer = principalOf(eventWith({ jwt: { claims: { sub: 'u2', 'cognito:groups': '[officer]' } } }));
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
