/** The routes of the `rule-sets` function (rows of the wiring table, shared/wiring.ts); its handler serves exactly these. */

import * as ruleSets from '../schemas/rule-sets.js';
import { inspector, officer, type RouteSpec } from './route-spec.js';

export const ruleSetsRoutes = {
  listRuleSets: {
    method: 'GET',
    path: '/v1/rule-sets',
    summary: 'Every version of the rule set (thresholds), with the day each takes effect',
    function: 'rule-sets',
    access: inspector,
    response: { status: 200, schema: ruleSets.ruleSetList },
  },
  currentRuleSet: {
    method: 'GET',
    path: '/v1/rule-sets/current',
    summary: 'The version of the rule set in force today',
    function: 'rule-sets',
    access: inspector,
    response: { status: 200, schema: ruleSets.ruleSet },
  },
  addRuleSet: {
    method: 'POST',
    path: '/v1/rule-sets',
    summary: 'Add a version of the rule set from a future day (never retroactive)',
    function: 'rule-sets',
    access: officer,
    body: ruleSets.addRuleSetBody,
    response: { status: 201, schema: ruleSets.ruleSet },
    idempotent: true,
  },
} as const satisfies Record<string, RouteSpec>;
