/** The routes of the `rankings` function (rows of the wiring table, shared/wiring.ts); its handler serves exactly these. */

import * as rankings from '../schemas/rankings.js';
import { inspector, officer, type RouteSpec } from './route-spec.js';

export const rankingsRoutes = {
  startRanking: {
    method: 'POST',
    path: '/v1/rankings',
    summary:
      'Run the quarterly ranking now: recomputes the draft, or (with a reason) makes the next revision of a ' +
      'published quarter; 409 while a run of the quarter is in flight',
    function: 'rankings',
    access: officer,
    body: rankings.startRankingBody,
    response: { status: 202, schema: rankings.rankingRun },
    idempotent: true,
  },
  listRankings: {
    method: 'GET',
    path: '/v1/rankings',
    summary: 'The quarters ranked, newest first, with their latest revision and status',
    function: 'rankings',
    access: inspector,
    response: { status: 200, schema: rankings.rankingQuarters },
  },
  getRankingRun: {
    method: 'GET',
    path: '/v1/rankings/runs/{runId}',
    summary: 'A ranking run: status, progress, counts',
    function: 'rankings',
    access: officer,
    params: rankings.rankingRunParams,
    response: { status: 200, schema: rankings.rankingRun },
  },
  getRanking: {
    method: 'GET',
    path: '/v1/rankings/{quarter}',
    summary: "A quarter's ranking (its latest revision, or the one asked for): every list, 1000 entries each at most",
    function: 'rankings',
    access: inspector,
    params: rankings.quarterParams,
    query: rankings.rankingQuery,
    response: { status: 200, schema: rankings.ranking },
  },
  getRankingList: {
    method: 'GET',
    path: '/v1/rankings/{quarter}/lists/{list}',
    summary: 'One list of a quarter’s ranking, page by page (a national list holds 100,000s of entries)',
    function: 'rankings',
    access: inspector,
    params: rankings.rankingListParams,
    query: rankings.rankingListQuery,
    response: { status: 200, schema: rankings.rankingListPage },
  },
  publishRanking: {
    method: 'POST',
    path: '/v1/rankings/{quarter}/publish',
    summary:
      'Publish the latest revision, immutably: the public site gets it, and the bottom projects and enterprises are ' +
      'proposed for differentiated supervision',
    function: 'rankings',
    access: officer,
    params: rankings.quarterParams,
    body: rankings.publishRankingBody,
    response: { status: 200, schema: rankings.rankingSummary },
    idempotent: true,
  },
} as const satisfies Record<string, RouteSpec>;
