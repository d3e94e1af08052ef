import * as z from 'zod/mini';
import { THRESHOLD_NAMES, THRESHOLD_RULES, type ThresholdName } from '../domain/rule-set.js';
import { isoDate, text, timestamp } from './common.js';
import { described } from './described.js';

/** One threshold as the API takes it: a number within the bounds the rules allow (shared/domain/rule-set.ts). */
function threshold(name: ThresholdName) {
  const rule = THRESHOLD_RULES[name];
  const base = rule.integer ? z.number().check(z.int()) : z.number();
  return described(base.check(z.gte(rule.min), z.lte(rule.max)), {
    description: `${rule.name} (${rule.source}); default ${rule.default}`,
  });
}

const thresholdShape = Object.fromEntries(THRESHOLD_NAMES.map((name) => [name, threshold(name)])) as Record<
  ThresholdName,
  ReturnType<typeof threshold>
>;

/**
 * `POST /v1/rule-sets` (officer): a new version from a future day. Thresholds not named keep the values of the
 * latest version; an unknown field is refused (a misspelt threshold must not pass silently).
 */
export const addRuleSetBody = described(
  z.strictObject({
    effectiveFrom: described(isoDate, { description: 'the first day it is in force; must be after today' }),
    ...Object.fromEntries(THRESHOLD_NAMES.map((name) => [name, z.optional(thresholdShape[name])])),
    reason: described(text(2000), { description: 'why the thresholds change (recorded with the version)' }),
  }),
  { id: 'AddRuleSet' },
);

/** A rule-set version as the API shows it. */
export const ruleSet = described(
  z.object({
    id: described(z.string(), { example: 'v2', description: 'what decisions record as their ruleSetVersion' }),
    version: z.number().check(z.int(), z.gte(1)),
    effectiveFrom: described(z.nullable(isoDate), { description: 'null: in force from the beginning (version 1)' }),
    effectiveUntil: described(z.nullable(isoDate), {
      description: 'its last day in force; null while no later one is set',
    }),
    status: z.enum(['in_force', 'scheduled', 'superseded', 'replaced']),
    ...thresholdShape,
    reason: z.string(),
    createdAt: z.nullable(timestamp),
    createdBy: z.nullable(z.string()),
  }),
  { id: 'RuleSet' },
);

export const ruleSetList = described(z.object({ items: z.array(ruleSet), nextToken: z.null() }), { id: 'RuleSetList' });
