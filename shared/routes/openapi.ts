/** The routes of the `openapi` function (rows of the wiring table, shared/wiring.ts); its handler serves exactly these. */
import { anyone, type RouteSpec } from './route-spec.js';

export const openapiRoutes = {
  getOpenApi: {
    method: 'GET',
    path: '/openapi.json',
    summary: 'This document',
    function: 'openapi',
    access: anyone,
    response: { status: 200 },
  },
} as const satisfies Record<string, RouteSpec>;
