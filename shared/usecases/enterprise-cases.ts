/**
 * Enterprise-level differentiated supervision (企业级差别化监管, SPEC §6.5): proposals on the three grounds, the
 * officer's confirmation or dismissal, the measures while active, release at a published ranking; the case's
 * timeline is hash-chained like a project case's (`shared/domain/timeline.ts`).
 *
 * Items live in the enterprise's partition (`ENTERPRISE#{creditCode}`): the case, its timeline, its talks, the
 * OPENECASE guard (one open case at a time); a case is found by id through its `REF#` item and listed by status
 * on gsi1 (`ECASES#{status}`).
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import {
  type EnterpriseCaseStatus,
  type EnterpriseGroundFinding,
  type EnterpriseWeighing,
  enterpriseCaseStandingOn,
} from '../domain/enterprise-case.js';
import type { RankedUnitRole } from '../domain/ranking.js';
import { dynamo, TABLE_NAME } from '../store/client.js';
import { keys } from '../store/keys.js';

/** An enterprise case as stored. */
export interface EnterpriseCaseRecord {
  id: string;
  creditCode: string;
  name: string;
  /** the roles it takes part in on its projects */
  roles: RankedUnitRole[];
  status: EnterpriseCaseStatus;
  /** the grounds of the proposal, each with its evidence */
  grounds: EnterpriseGroundFinding[];
  proposedAt: string;
  proposedOn: string;
  proposedBy: string;
  includedAt?: string | null;
  includedOn?: string | null;
  includedBy?: string | null;
  dismissedAt?: string | null;
  dismissedOn?: string | null;
  dismissReason?: string | null;
  releasedAt?: string | null;
  releasedOn?: string | null;
  /** the published ranking at which it was released */
  releaseRanking?: { quarter: string; revision: number } | null;
  weighings: EnterpriseWeighing[];
  ruleSetVersion: string;
  timelineSeq: number;
  timelineHead: string;
}

/** Every enterprise case of an enterprise (not their timelines or talks), oldest first. */
export async function enterpriseCasesOf(creditCode: string): Promise<EnterpriseCaseRecord[]> {
  const cases: EnterpriseCaseRecord[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamo.send(
      new QueryCommand({
        TableName: TABLE_NAME,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :case)',
        FilterExpression: '#type = :type',
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: {
          ':pk': keys.enterprisePartition(creditCode),
          ':case': 'ECASE#',
          ':type': 'enterprise-case',
        },
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) {
      const { pk: _pk, sk: _sk, type: _type, gsi1pk: _g1, gsi1sk: _g2, ...record } = item;
      cases.push(record as EnterpriseCaseRecord);
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return cases.sort((a, b) => a.id.localeCompare(b.id));
}

/**
 * Where an enterprise stood on `date` under enterprise-level supervision (SPEC §6.6 `enterpriseCase: {status,
 * since} | null`, for the credit lookup): `active` since its inclusion, `proposed` since its proposal while an
 * officer had not decided, or null when no case of it was open that day.
 */
export async function enterpriseCaseOf(
  creditCode: string,
  date: string,
): Promise<{ status: 'proposed' | 'active'; since: string; caseId: string } | null> {
  return enterpriseCaseStandingOn(await enterpriseCasesOf(creditCode), date);
}
