import * as z from 'zod';
import { THRESHOLD_NAMES, THRESHOLD_RULES, type ThresholdName } from '../domain/rule-set.js';
import { isoDate, text, timestamp } from './common.js';

/** One threshold as the API takes it: a number within the bounds the rules allow (shared/domain/rule-set.ts). */
function threshold(name: ThresholdName) {
  const rule = THRESHOLD_RULES[name];
  const base = rule.integer ? z.number().int() : z.number();
  return base
    .min(rule.min)
    .max(rule.max)
    .meta({ description: `${rule.name} (${rule.source}); default ${rule.default}` });
}

const thresholdShape = Object.fromEntries(THRESHOLD_NAMES.map((name) => [name, threshold(name)])) as Record<
  ThresholdName,
  ReturnType<typeof threshold>
>;

/**
 * `POST /v1/rule-sets` (officer): a new version from a future day. Thresholds not named keep the values of the
 * latest version; an unknown field is refused (a misspelt threshold must not pass silently).
 */
export const addRuleSetBody = z
  .strictObject({
    effectiveFrom: isoDate.meta({ description: 'the first day it is in force; must be after today' }),
    ...Object.fromEntries(THRESHOLD_NAMES.map((name) => [name, thresholdShape[name].optional()])),
    reason: text(2000).meta({ description: 'why the thresholds change (recorded with the version)' }),
  })
  .meta({ id: 'AddRuleSet' });

/** A rule-set version as the API shows it. */
export const ruleSet = z
  .object({
    id: z.string().meta({ example: 'v2', description: 'what decisions record as their ruleSetVersion' }),
    version: z.number().int().min(1),
    effectiveFrom: isoDate.nullable().meta({ description: 'null: in force from the beginning (version 1)' }),
    effectiveUntil: isoDate.nullable().meta({ description: 'its last day in force; null while no later one is set' }),
    status: z.enum(['in_force', 'scheduled', 'superseded', 'replaced']),
    ...thresholdShape,
    reason: z.string(),
    createdAt: timestamp.nullable(),
    createdBy: z.string().nullable(),
  })
  .meta({ id: 'RuleSet' });

export const ruleSetList = z.object({ items: z.array(ruleSet), nextToken: z.null() }).meta({ id: 'RuleSetList' });
