import { apiHandler } from '../../shared/http/api.js';
import { ruleSetsRoutes } from '../../shared/routes/rule-sets.js';
import { addRuleSet, currentRuleSet, listRuleSets } from '../../shared/usecases/rule-sets.js';

/** The versioned rule sets (SPEC §2.1): list, the one in force, add one from a future day. */
export const handler = apiHandler(ruleSetsRoutes, {
  listRuleSets: async (_input, ctx) => ({ status: 200, body: await listRuleSets(ctx) }),
  currentRuleSet: async (_input, ctx) => ({ status: 200, body: await currentRuleSet(ctx) }),
  addRuleSet: async ({ body }, ctx) => addRuleSet(body, ctx),
});
