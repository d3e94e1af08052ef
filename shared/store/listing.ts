import { QueryCommand, type QueryCommandOutput } from '@aws-sdk/lib-dynamodb';
import { InvalidInputError } from '../domain/errors.js';
import { dynamo, TABLE_NAME } from './client.js';

/** A filter on listed items (applied by DynamoDB after the key condition). */
export interface ListingFilter {
  expression: string;
  names?: Record<string, string>;
  values?: Record<string, unknown>;
}

/** Every item of one GSI1 listing partition, page after page (for sweeps: the monthly run, the deadlines). */
export async function* listingItems(
  partition: string,
  options: { filter?: ListingFilter; projection?: string } = {},
): AsyncGenerator<Record<string, unknown>> {
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamo.send(
      new QueryCommand({
        TableName: TABLE_NAME,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': partition, ...options.filter?.values },
        ...(options.filter ? { FilterExpression: options.filter.expression } : {}),
        ...(options.filter?.names ? { ExpressionAttributeNames: options.filter.names } : {}),
        ...(options.projection ? { ProjectionExpression: options.projection } : {}),
        ExclusiveStartKey: startKey,
      }),
    );
    yield* page.Items ?? [];
    startKey = page.LastEvaluatedKey;
  } while (startKey);
}

interface Cursor {
  partition: number;
  lastKey: Record<string, unknown> | undefined;
}

/**
 * One page of an API listing that spans several listing partitions in order (e.g. cases by status, all statuses),
 * newest first within each, with an opaque `nextToken` that resumes exactly where the page stopped.
 */
export async function listingPage<T>(
  partitions: readonly string[],
  query: { limit: number; nextToken?: string | undefined; filter?: ListingFilter | undefined },
  view: (item: Record<string, unknown>) => T,
): Promise<{ items: T[]; nextToken: string | null }> {
  let cursor: Cursor | null = decodeToken(query.nextToken, partitions.length);
  const items: T[] = [];
  while (cursor && items.length < query.limit) {
    const page: QueryCommandOutput = await dynamo.send(
      new QueryCommand({
        TableName: TABLE_NAME,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': partitions[cursor.partition], ...query.filter?.values },
        ...(query.filter ? { FilterExpression: query.filter.expression } : {}),
        ...(query.filter?.names ? { ExpressionAttributeNames: query.filter.names } : {}),
        ScanIndexForward: false,
        Limit: query.limit - items.length,
        ExclusiveStartKey: cursor.lastKey,
      }),
    );
    for (const item of page.Items ?? []) items.push(view(item));
    cursor = page.LastEvaluatedKey
      ? { partition: cursor.partition, lastKey: page.LastEvaluatedKey }
      : cursor.partition + 1 < partitions.length
        ? { partition: cursor.partition + 1, lastKey: undefined }
        : null;
  }
  return { items, nextToken: cursor ? Buffer.from(JSON.stringify(cursor)).toString('base64url') : null };
}

function decodeToken(token: string | undefined, partitions: number): Cursor {
  if (!token) return { partition: 0, lastKey: undefined };
  try {
    const cursor = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Cursor;
    if (Number.isInteger(cursor.partition) && cursor.partition >= 0 && cursor.partition < partitions) return cursor;
  } catch {
    // fall through to the problem below
  }
  throw new InvalidInputError('nextToken is not a token this API handed out.', [
    { field: 'nextToken', message: 'pass back the nextToken of the previous page unchanged' },
  ]);
}
