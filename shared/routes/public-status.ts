/** The routes of the `public-status` function (rows of the wiring table, shared/wiring.ts); its handler serves exactly these. */

import * as credit from '../schemas/credit.js';
import * as evaluations from '../schemas/evaluations.js';
import { anyone, type RouteSpec } from './route-spec.js';

export const publicStatusRoutes = {
  getPublicStatus: {
    method: 'GET',
    path: '/public/status',
    summary: 'Was the unit under differentiated supervision on that date, and named in a standing circular',
    function: 'public-status',
    access: anyone,
    query: evaluations.publicStatusQuery,
    response: { status: 200 },
  },
  getPublicCredit: {
    method: 'GET',
    path: '/public/credit',
    summary:
      "An enterprise's credit record on a date, for tender platforms (两场联动): ranks, penalty points, enterprise " +
      'case, supervised projects, standing circulars',
    function: 'public-status',
    access: anyone,
    query: credit.publicCreditQuery,
    response: { status: 200, schema: credit.creditRecord },
  },
} as const satisfies Record<string, RouteSpec>;
