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
 * Cognito puts groups in `cognito:groups`; API Gateway's JWT authorizer hands array claims to the function as
 * a string like `[officer inspector]`. Both shapes are read.
 */
export function rolesFromClaim(claim: unknown): AgencyRole[] {
  const raw = Array.isArray(claim)
    ? claim.map(String)
    : typeof claim === 'string'
      ? claim
          .replace(/^\[|\]$/g, '')
          .split(/[\s,]+/)
          .filter(Boolean)
      : [];
  return raw.filter((role): role is AgencyRole => role === 'inspector' || role === 'officer');
}

export function principalOf(event: APIGatewayProxyEventV2): Principal {
  const authorizer = (event as EventWithAuthorizer).requestContext.authorizer;
  const claims = authorizer?.jwt?.claims;
  if (claims && typeof claims.sub === 'string') {
    return {
      kind: 'agency',
      sub: claims.sub,
      name: typeof claims.name === 'string' ? claims.name : undefined,
      roles: rolesFromClaim(claims['cognito:groups']),
    };
  }
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
      : problems.unauthorized('Send an agency token as "Authorization: Bearer <JWT>".');
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
