import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { AgencyRole, RouteAccess } from '../wiring.js';
import { problems } from './problem.js';

/** Who is calling, as the gateway's authorizer established it. */
export type Principal =
  | { kind: 'agency'; sub: string; name: string | undefined; roles: AgencyRole[] }
  | {
      kind: 'upload';
      linkId: string;
      caseId: string;
      projectId: string;
      unitCreditCode: string;
      docTypes: string[] | null;
      validUntil: string | null;
    }
  | {
      /** an assessment link (SPEC §6.2): one unit of one project, not a case */
      kind: 'assessment';
      linkId: string;
      projectId: string;
      unitCreditCode: string;
      validUntil: string | null;
    }
  | { kind: 'anonymous' };

/** The context a Lambda authorizer (simple responses) hands to the route, and the local twin imitates. */
export interface UploadAuthorizerContext {
  linkId: string;
  caseId: string;
  projectId: string;
  unitCreditCode: string;
  /** JSON array of document types, or "" when the link allows every type the unit may send */
  docTypes: string;
  /** when the link expires (ISO timestamp) */
  validUntil: string;
}

/**
 * The context the same link-token authorizer hands to assessment routes: an assessment link is scoped to a project
 * and a unit (SPEC §6.2), so it carries no case; `linkKind` tells the two apart.
 */
export interface AssessmentAuthorizerContext {
  linkKind: 'assessment';
  linkId: string;
  projectId: string;
  unitCreditCode: string;
  validUntil: string;
}

type EventWithAuthorizer = APIGatewayProxyEventV2 & {
  requestContext: APIGatewayProxyEventV2['requestContext'] & {
    authorizer?: {
      jwt?: { claims: Record<string, unknown> };
      lambda?: Partial<UploadAuthorizerContext> & Partial<AssessmentAuthorizerContext>;
    };
  };
};

/**
 * The groups of a `cognito:groups` claim as API Gateway's HTTP API JWT authorizer hands it to the function: every
 * claim is a string, and an array claim is rendered as Go prints a list, `[officer inspector]` (the elements joined
 * by single spaces, in brackets). Cognito group names are letters, marks, symbols, digits and punctuation, never
 * whitespace, so splitting the bracketed text on spaces gives back the list exactly; a comma, a bracket, any
 * punctuation belongs to a name (`[evil,officer]` is ONE group named `evil,officer`). An actual array (a direct
 * invocation) is read as is. Anything else is not a list of groups and yields none.
 */
export function groupsFromClaim(claim: unknown): string[] {
  if (Array.isArray(claim)) return claim.filter((group): group is string => typeof group === 'string');
  if (typeof claim !== 'string') return [];
  const rendered = /^\[(.*)\]$/s.exec(claim);
  if (!rendered) return [];
  return (rendered[1] as string).split(' ').filter((group) => group !== '');
}

/** The agency roles among a token's groups: exactly the groups named `inspector` or `officer`. */
export function rolesFromClaim(claim: unknown): AgencyRole[] {
  return groupsFromClaim(claim).filter((role): role is AgencyRole => role === 'inspector' || role === 'officer');
}

/**
 * Who is calling. An agency caller presents a Cognito ACCESS token: API Gateway's JWT authorizer accepts an ID token
 * as well (its `aud` is the app client's id, the authorizer's audience), so `token_use` is checked here; anything
 * but `access` is no agency login at all.
 */
export function principalOf(event: APIGatewayProxyEventV2): Principal {
  const authorizer = (event as EventWithAuthorizer).requestContext.authorizer;
  const claims = authorizer?.jwt?.claims;
  if (claims && typeof claims.sub === 'string' && claims.token_use === 'access') {
    return {
      kind: 'agency',
      sub: claims.sub,
      name: typeof claims.name === 'string' ? claims.name : undefined,
      roles: rolesFromClaim(claims['cognito:groups']),
    };
  }
  if (claims) return { kind: 'anonymous' };
  const lambda = authorizer?.lambda;
  if (lambda?.linkKind === 'assessment' && lambda.linkId && lambda.projectId && lambda.unitCreditCode) {
    return {
      kind: 'assessment',
      linkId: lambda.linkId,
      projectId: lambda.projectId,
      unitCreditCode: lambda.unitCreditCode,
      validUntil: lambda.validUntil ?? null,
    };
  }
  if (lambda?.linkId && lambda.caseId && lambda.projectId && lambda.unitCreditCode) {
    return {
      kind: 'upload',
      linkId: lambda.linkId,
      caseId: lambda.caseId,
      projectId: lambda.projectId,
      unitCreditCode: lambda.unitCreditCode,
      docTypes: lambda.docTypes ? (JSON.parse(lambda.docTypes) as string[]) : null,
      validUntil: lambda.validUntil ?? null,
    };
  }
  return { kind: 'anonymous' };
}

/** An officer can do everything an inspector can. */
export function hasRole(roles: AgencyRole[], needed: AgencyRole): boolean {
  return needed === 'inspector' ? roles.includes('inspector') || roles.includes('officer') : roles.includes('officer');
}

/** Enforce a route's access rule (the gateway authenticates; the role is checked here). */
export function authorize(principal: Principal, access: RouteAccess): void {
  if (access.kind === 'public') return;
  if (access.kind === 'assessment') {
    if (principal.kind !== 'assessment') {
      throw principal.kind === 'anonymous'
        ? problems.unauthorized('Send the token of your assessment link as "Authorization: Bearer <token>".')
        : problems.forbidden('This route takes the token of an assessment link.');
    }
    return;
  }
  if (access.kind === 'upload') {
    if (principal.kind !== 'upload') {
      throw principal.kind !== 'anonymous'
        ? problems.forbidden('This route takes the upload token of an upload link, not an agency login.')
        : problems.unauthorized('Send the upload token of your upload link as "Authorization: Bearer <token>".');
    }
    return;
  }
  if (principal.kind !== 'agency') {
    throw principal.kind === 'upload' || principal.kind === 'assessment'
      ? problems.forbidden('A link token cannot call agency routes.')
      : problems.unauthorized('Send an agency access token (not an ID token) as "Authorization: Bearer <JWT>".');
  }
  if (!hasRole(principal.roles, access.role)) {
    throw problems.forbidden(
      `This action needs the role "${access.role}"; your token has ${principal.roles.length ? principal.roles.map((r) => `"${r}"`).join(', ') : 'no role'}.`,
    );
  }
}

/** A stable id of the caller, for idempotency scopes and the timeline. */
export function principalId(principal: Principal): string {
  switch (principal.kind) {
    case 'agency':
      return `user:${principal.sub}`;
    case 'upload':
    case 'assessment':
      return `link:${principal.linkId}`;
    default:
      return 'anonymous';
  }
}
