/** The routes of the `enterprise-cases` function (rows of the wiring table, shared/wiring.ts); its handler serves exactly these. */

import * as rankings from '../schemas/rankings.js';
import { inspector, officer, type RouteSpec } from './route-spec.js';

export const enterpriseCasesRoutes = {
  listEnterpriseCases: {
    method: 'GET',
    path: '/v1/enterprise-cases',
    summary: 'Enterprise-level cases (企业级差别化监管) by status, newest first, paginated',
    function: 'enterprise-cases',
    access: inspector,
    query: rankings.listEnterpriseCasesQuery,
    response: { status: 200, schema: rankings.enterpriseCasePage },
  },
  getEnterpriseCase: {
    method: 'GET',
    path: '/v1/enterprise-cases/{enterpriseCaseId}',
    summary: 'An enterprise case: its grounds, timeline (hash chain checked), summons talks and measures',
    function: 'enterprise-cases',
    access: inspector,
    params: rankings.enterpriseCaseParams,
    response: { status: 200, schema: rankings.enterpriseCase },
  },
  confirmEnterpriseCase: {
    method: 'POST',
    path: '/v1/enterprise-cases/{enterpriseCaseId}/confirm',
    summary: 'Put the enterprise under enterprise-level supervision: its measures start',
    function: 'enterprise-cases',
    access: officer,
    params: rankings.enterpriseCaseParams,
    body: rankings.confirmEnterpriseCaseBody,
    response: { status: 200, schema: rankings.enterpriseCase },
    idempotent: true,
  },
  dismissEnterpriseCase: {
    method: 'POST',
    path: '/v1/enterprise-cases/{enterpriseCaseId}/dismiss',
    summary: 'Dismiss a proposed enterprise case, with a reason',
    function: 'enterprise-cases',
    access: officer,
    params: rankings.enterpriseCaseParams,
    body: rankings.dismissEnterpriseCaseBody,
    response: { status: 200, schema: rankings.enterpriseCase },
    idempotent: true,
  },
  recordEnterpriseTalk: {
    method: 'POST',
    path: '/v1/enterprise-cases/{enterpriseCaseId}/talks',
    summary: 'Record a summons talk (约谈) with the enterprise under supervision',
    function: 'enterprise-cases',
    access: officer,
    params: rankings.enterpriseCaseParams,
    body: rankings.recordTalkBody,
    response: { status: 201, schema: rankings.enterpriseTalk },
    idempotent: true,
  },
} as const satisfies Record<string, RouteSpec>;
