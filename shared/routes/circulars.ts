/** The routes of the `circulars` function (rows of the wiring table, shared/wiring.ts); its handler serves exactly these. */

import * as evaluations from '../schemas/evaluations.js';
import { inspector, officer, type RouteSpec } from './route-spec.js';

export const circularsRoutes = {
  listCirculars: {
    method: 'GET',
    path: '/v1/circulars',
    summary: 'Circulars by status',
    function: 'circulars',
    access: inspector,
    query: evaluations.listCircularsQuery,
    response: { status: 200 },
  },
  publishCircular: {
    method: 'POST',
    path: '/v1/circulars/{circularId}/publish',
    summary: 'Publish a circular (refused while the statement window is open)',
    function: 'circulars',
    access: officer,
    params: evaluations.circularIdParams,
    body: evaluations.publishCircularBody,
    response: { status: 200 },
    idempotent: true,
  },
  retractCircular: {
    method: 'POST',
    path: '/v1/circulars/{circularId}/retract',
    summary: 'Retract a published circular, with a reason',
    function: 'circulars',
    access: officer,
    params: evaluations.circularIdParams,
    body: evaluations.retractCircularBody,
    response: { status: 200 },
    idempotent: true,
  },
  withdrawCircular: {
    method: 'POST',
    path: '/v1/circulars/{circularId}/withdraw',
    summary: 'Withdraw (abandon) a draft circular: never public, no number taken',
    function: 'circulars',
    access: officer,
    params: evaluations.circularIdParams,
    body: evaluations.withdrawCircularBody,
    response: { status: 200 },
    idempotent: true,
  },
  correctRetraction: {
    method: 'POST',
    path: '/v1/circulars/{circularId}/retraction',
    summary: "Correct a retracted circular's reason (recorded on the timeline, republished)",
    function: 'circulars',
    access: officer,
    params: evaluations.circularIdParams,
    body: evaluations.correctRetractionBody,
    response: { status: 200 },
    idempotent: true,
  },
} as const satisfies Record<string, RouteSpec>;
