import { BatchGetCommand, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, TABLE_NAME } from './client.js';
import { type Key, keys } from './keys.js';

/** Every item carries its record type, so one Query of a partition can be sorted into records. */
export type StoredItem = Key & { type: string } & Record<string, unknown>;

/**
 * Read a project's whole item collection (project, intake records, cases and everything under them) with one
 * strongly consistent Query, following pages. Conditions and evaluations work on this snapshot.
 */
export async function readProjectCollection(projectId: string): Promise<StoredItem[]> {
  return readPartition(keys.projectPartition(projectId));
}

/** Every item of one partition (a project's, a penalty-points ledger's …), strongly consistent, following pages. */
export async function readPartition(pk: string): Promise<StoredItem[]> {
  const items: StoredItem[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamo.send(
      new QueryCommand({
        TableName: TABLE_NAME,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': pk },
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
      }),
    );
    items.push(...((page.Items ?? []) as StoredItem[]));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}

/**
 * The items of a project whose sort keys begin with `skPrefix` (strongly consistent, every page): one record type
 * of the collection, or the records under one case, without reading the rest of the project's history.
 */
export async function readProjectItems(projectId: string, skPrefix: string): Promise<StoredItem[]> {
  const items: StoredItem[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamo.send(
      new QueryCommand({
        TableName: TABLE_NAME,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': keys.projectPartition(projectId), ':prefix': skPrefix },
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
      }),
    );
    items.push(...((page.Items ?? []) as StoredItem[]));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}

/** One item by key (strongly consistent), or undefined. */
export async function readItem<T extends Record<string, unknown>>(key: Key): Promise<(T & StoredItem) | undefined> {
  const result = await dynamo.send(new GetCommand({ TableName: TABLE_NAME, Key: key, ConsistentRead: true }));
  return result.Item as (T & StoredItem) | undefined;
}

/** DynamoDB's limit of keys in one BatchGetItem. */
const BATCH_GET_KEYS = 100;

/**
 * Several items by key (strongly consistent), in no particular order; missing ones are simply absent. Keys the
 * service left unprocessed (throttling) are asked again, with a short backoff.
 */
export async function readItems(wanted: readonly Key[]): Promise<StoredItem[]> {
  // BatchGetItem refuses a request that names one key twice
  const unique = [...new Map(wanted.map((key) => [`${key.pk}\u0000${key.sk}`, key])).values()];
  const found: StoredItem[] = [];
  for (let start = 0; start < unique.length; start += BATCH_GET_KEYS) {
    let pending: Array<Record<string, unknown>> = unique
      .slice(start, start + BATCH_GET_KEYS)
      .map(({ pk, sk }) => ({ pk, sk }));
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 20 * 2 ** attempt)));
      const result = await dynamo.send(
        new BatchGetCommand({ RequestItems: { [TABLE_NAME]: { Keys: pending, ConsistentRead: true } } }),
      );
      found.push(...((result.Responses?.[TABLE_NAME] ?? []) as StoredItem[]));
      pending = (result.UnprocessedKeys?.[TABLE_NAME]?.Keys ?? []) as Array<Record<string, unknown>>;
    }
  }
  return found;
}

/** Where a hazard, case, notice or document lives: written with the record, in the same transaction. */
export interface Reference {
  id: string;
  projectId: string;
  caseId?: string;
  recordType: string;
}

export function referenceItem(reference: Reference): StoredItem {
  return { ...keys.reference(reference.id), type: 'reference', ...reference };
}

export async function resolveReference(id: string): Promise<Reference | undefined> {
  const item = await readItem<Record<string, unknown>>(keys.reference(id));
  if (!item) return undefined;
  return {
    id,
    projectId: String(item.projectId),
    recordType: String(item.recordType),
    ...(item.caseId ? { caseId: String(item.caseId) } : {}),
  };
}

/** Drop the storage attributes (keys, index keys, type) before a record leaves the store. */
export function withoutStorageAttributes<T extends Record<string, unknown>>(
  item: T,
): Omit<T, 'pk' | 'sk' | 'gsi1pk' | 'gsi1sk' | 'type' | 'expiresAt'> {
  const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g2, type: _type, expiresAt: _exp, ...rest } = item;
  return rest;
}
