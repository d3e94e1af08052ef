/**
 * The versioned rule sets (SPEC §2.1 "Rule sets"): list them, show the one in force, add one from a future day.
 * Reading the version in force for a decision is shared/store/rule-sets.ts (`RuleSets`), the one reader.
 */
import { shanghaiDate, shanghaiTimestamp } from '../domain/dates.js';
import {
  nextRuleSetVersion,
  type RuleSetThresholds,
  type RuleSetVersion,
  ruleSetInForce,
  ruleSetStanding,
  THRESHOLD_NAMES,
} from '../domain/rule-set.js';
import type { RequestContext } from '../http/api.js';
import { principalId } from '../http/principal.js';
import { keys } from '../store/keys.js';
import { readRuleSetHistory } from '../store/rule-sets.js';
import { ConditionFailed } from '../store/unit-of-work.js';

const RULE_SET_VERSION_TAKEN = 'rule-set-version';
/** Officers adding versions at the same moment: each retry re-reads the latest. */
const MAX_ATTEMPTS = 10;

/** A version as the API shows it: flat thresholds (as `POST` takes them), and where it stands today. */
export function ruleSetView(versions: readonly RuleSetVersion[], version: RuleSetVersion, today: string) {
  return {
    id: version.id,
    version: version.version,
    effectiveFrom: version.effectiveFrom,
    ...ruleSetStanding(versions, version, today),
    ...version.thresholds,
    reason: version.reason,
    createdAt: version.createdAt ? shanghaiTimestamp(new Date(version.createdAt)) : null,
    createdBy: version.createdBy,
  };
}

/** `GET /v1/rule-sets`: every version, oldest first. */
export async function listRuleSets(ctx: RequestContext) {
  const versions = await ctx.ruleSets.all();
  const today = shanghaiDate(ctx.now);
  return { items: versions.map((version) => ruleSetView(versions, version, today)), nextToken: null };
}

/** `GET /v1/rule-sets/current`: the version in force today. */
export async function currentRuleSet(ctx: RequestContext) {
  const versions = await ctx.ruleSets.all();
  const today = shanghaiDate(ctx.now);
  return ruleSetView(versions, ruleSetInForce(versions, today), today);
}

/** The body of `POST /v1/rule-sets`, as validated by its schema. */
export interface AddRuleSetInput {
  effectiveFrom: string;
  reason: string;
  [threshold: string]: unknown;
}

/**
 * `POST /v1/rule-sets` (officer): a new version, never retroactive (effectiveFrom after today, else 422 naming the
 * field); from its day on it replaces every version made before it (shared/domain/rule-set.ts `ruleSetInForce`).
 * Thresholds not named are those otherwise in force that day. A repeat of the latest version (same day, thresholds
 * and reason) answers that version (200) and adds nothing; a new version is 201. The version number is taken with a
 * conditional write, so two officers at once get consecutive versions, never the same one.
 */
export async function addRuleSet(body: AddRuleSetInput, ctx: RequestContext) {
  const today = shanghaiDate(ctx.now);
  const changes: Partial<RuleSetThresholds> = {};
  for (const name of THRESHOLD_NAMES) {
    const value = body[name];
    if (typeof value === 'number') changes[name] = value;
  }
  for (let attempt = 1; ; attempt++) {
    // a fresh read on every attempt: the request's cached versions may be what a concurrent officer just changed
    const versions = attempt === 1 ? await ctx.ruleSets.all() : await readRuleSetHistory();
    const latest = versions.at(-1) as RuleSetVersion;
    const proposal = { effectiveFrom: body.effectiveFrom, thresholds: changes, reason: body.reason };
    const next = nextRuleSetVersion(versions, proposal, today);
    if (
      latest.effectiveFrom === next.effectiveFrom &&
      latest.reason === next.reason &&
      THRESHOLD_NAMES.every((name) => latest.thresholds[name] === next.thresholds[name])
    ) {
      // a repeat: nothing to add. Through the unit of work all the same, so that a request repeating an
      // Idempotency-Key whose first request made this version gets that first answer back
      const response = { status: 200, body: ruleSetView(versions, latest, today) };
      await ctx.unitOfWork().commit(response);
      return response;
    }
    const version: RuleSetVersion = {
      ...next,
      createdAt: ctx.now.toISOString(),
      createdBy: principalId(ctx.principal),
    };
    const view = ruleSetView([...versions, version], version, today);
    const uow = ctx.unitOfWork();
    uow.put(
      { ...keys.ruleSetVersion(version.version), type: 'rule-set', ...version },
      {
        mustBeNew: true,
        label: RULE_SET_VERSION_TAKEN,
      },
    );
    uow.emit('RuleSetAdded', `rule-set-${version.id}`, {
      ruleSetVersion: version.id,
      version: version.version,
      effectiveFrom: version.effectiveFrom,
      thresholds: version.thresholds,
      changed: Object.keys(changes),
      reason: version.reason,
      createdBy: version.createdBy,
    });
    const response = { status: 201, body: view, headers: { location: '/v1/rule-sets' } };
    try {
      await uow.commit(response);
      return response;
    } catch (error) {
      // IdempotentReplay (a request with this key committed first) goes to the pipeline, which answers its response
      if (!(error instanceof ConditionFailed && error.label === RULE_SET_VERSION_TAKEN) || attempt >= MAX_ATTEMPTS) {
        throw error;
      }
    }
  }
}
