/** The routes of the `evaluations` function (rows of the wiring table, shared/wiring.ts); its handler serves exactly these. */

import * as enforcement from '../schemas/enforcement.js';
import * as evaluations from '../schemas/evaluations.js';
import { officer, type RouteSpec } from './route-spec.js';

export const evaluationsRoutes = {
  startEvaluation: {
    method: 'POST',
    path: '/v1/evaluations',
    summary: 'Run the monthly evaluation for a month now',
    function: 'evaluations',
    access: officer,
    body: evaluations.startEvaluationBody,
    response: { status: 202 },
    idempotent: true,
  },
  getEvaluation: {
    method: 'GET',
    path: '/v1/evaluations/{runId}',
    summary: 'An evaluation run: status, counts, progress',
    function: 'evaluations',
    access: officer,
    params: evaluations.runIdParams,
    response: { status: 200, schema: evaluations.evaluationRun },
  },
  getStats: {
    method: 'GET',
    path: '/v1/stats',
    summary:
      'The month: cases by level, notices overdue, agency inspections per active case and per project of an enterprise case',
    function: 'evaluations',
    access: officer,
    query: evaluations.statsQuery,
    response: { status: 200 },
  },
  getEnforcementStats: {
    method: 'GET',
    path: '/v1/stats/enforcement',
    summary:
      "The quarter's enforcement work (执法工作评价) per inspector and per district: volume, amount, coverage, " +
      'richness, regularity, tie to the assessment',
    function: 'evaluations',
    access: officer,
    query: enforcement.enforcementStatsQuery,
    response: { status: 200, schema: enforcement.enforcementStatistics },
  },
} as const satisfies Record<string, RouteSpec>;
