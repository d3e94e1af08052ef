/**
 * THE one reader of the rule set in force (SPEC §2.1 "Rule sets"). Every use case that decides something asks a
 * `RuleSets` for the version in force on the decision's date; the versions are read from the table once per
 * `RuleSets` — one per request, per event, per plan of the monthly run — with one Query of their small partition.
 * The run's planner reads them once and stores them with each batch's plan (shared/usecases/evaluation-run.ts
 * `StoredPlan`), so a run of 500,000 cases reads them once and judges every case by that one reading; no process keeps
 * them longer than one piece of work (a version added since is seen by the next request, and the next run).
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { type RuleSetVersion, ruleSetHistory, ruleSetInForce } from '../domain/rule-set.js';
import { dynamo, TABLE_NAME } from './client.js';
import { keys } from './keys.js';

/** The stored item of a version (version 1 is never stored: it is the code's defaults). */
export type RuleSetItem = RuleSetVersion & { pk: string; sk: string; type: 'rule-set' };

/** Every stored version, version 1 first (added when nothing is stored), strongly consistent. */
export async function readRuleSetHistory(): Promise<RuleSetVersion[]> {
  const stored: RuleSetVersion[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamo.send(
      new QueryCommand({
        TableName: TABLE_NAME,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.ruleSetPartition },
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) {
      const { pk: _pk, sk: _sk, type: _type, ...version } = item as RuleSetItem;
      stored.push(version);
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return ruleSetHistory(stored);
}

/** The versions as one piece of work sees them: read on first use, then kept for that piece of work only. */
export class RuleSets {
  #history: Promise<RuleSetVersion[]> | undefined;

  /** Every version, version 1 first. */
  all(): Promise<RuleSetVersion[]> {
    this.#history ??= readRuleSetHistory().catch((error: unknown) => {
      this.#history = undefined; // a failed read is not remembered
      throw error;
    });
    return this.#history;
  }

  /** The version in force on `date` ('YYYY-MM-DD', Asia/Shanghai). */
  async inForce(date: string): Promise<RuleSetVersion> {
    return ruleSetInForce(await this.all(), date);
  }
}
