/**
 * The shape of a route of the wiring table (shared/wiring.ts) and who may call it. Free of schemas: a function's
 * handler imports only its own routes (shared/routes/<function>.ts), so it builds no other function's schemas at
 * cold start.
 */
import type * as z from 'zod/mini';
import type { FunctionName } from '../wiring.js';

export type AgencyRole = 'inspector' | 'officer';

/**
 * Who may call a route: an agency JWT with at least that role, an upload token, an assessment link's token (SPEC
 * §6.2: one project and one unit; the same link-token authorizer checks both kinds of token), or anyone.
 */
export type RouteAccess =
  | { kind: 'agency'; role: AgencyRole }
  | { kind: 'upload' }
  | { kind: 'assessment' }
  | { kind: 'public' };

export interface RouteSpec {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** API Gateway path template, e.g. `/v1/projects/{projectId}` */
  path: string;
  summary: string;
  function: FunctionName;
  access: RouteAccess;
  params?: z.ZodMiniType;
  query?: z.ZodMiniType;
  body?: z.ZodMiniType;
  /**
   * success status and body schema (a redirect has no body), and any other success the route may answer instead
   * (`alternatives`: e.g. a document route's `200 {url, expiresAt}` for `Accept: application/json` beside its 302)
   */
  response: {
    status: number;
    schema?: z.ZodMiniType;
    description?: string;
    alternatives?: ReadonlyArray<{ status: number; schema?: z.ZodMiniType; description: string }>;
  };
  /** writes accept `Idempotency-Key` */
  idempotent?: boolean;
}

/** Who may call a route, as the rows write it. */
export const inspector = { kind: 'agency', role: 'inspector' } as const;
export const officer = { kind: 'agency', role: 'officer' } as const;
export const uploadToken = { kind: 'upload' } as const;
export const assessmentToken = { kind: 'assessment' } as const;
export const anyone = { kind: 'public' } as const;
