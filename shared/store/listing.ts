import { QueryCommand, type QueryCommandOutput } from '@aws-sdk/lib-dynamodb';
import { InvalidInputError } from '../domain/errors.js';
import { dynamo, TABLE_NAME } from './client.js';
import { listings, PROJECT_SHARDS } from './keys.js';

/** A filter on listed items (applied by DynamoDB after the key condition). */
export interface ListingFilter {
  expression: string;
  names?: Record<string, string>;
  values?: Record<string, unknown>;
}

/** Every item of one GSI1 listing partition, page after page (for sweeps: the monthly run, the deadlines). */
export async function* listingItems(
  partition: string,
  options: { filter?: ListingFilter; attributes?: readonly string[] } = {},
): AsyncGenerator<Record<string, unknown>> {
  let startKey: Record<string, unknown> | undefined;
  const projected = Object.fromEntries((options.attributes ?? []).map((name, index) => [`#p${index}`, name]));
  const names = { ...options.filter?.names, ...projected };
  do {
    const page = await dynamo.send(
      new QueryCommand({
        TableName: TABLE_NAME,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': partition, ...options.filter?.values },
        ...(options.filter ? { FilterExpression: options.filter.expression } : {}),
        ...(Object.keys(names).length ? { ExpressionAttributeNames: names } : {}),
        ...(options.attributes ? { ProjectionExpression: Object.keys(projected).join(', ') } : {}),
        ExclusiveStartKey: startKey,
      }),
    );
    yield* page.Items ?? [];
    startKey = page.LastEvaluatedKey;
  } while (startKey);
}

/** Every item of one listing partition, in an array. */
export async function allListingItems(
  partition: string,
  options: { filter?: ListingFilter; attributes?: readonly string[] } = {},
): Promise<Array<Record<string, unknown>>> {
  const items: Array<Record<string, unknown>> = [];
  for await (const item of listingItems(partition, options)) items.push(item);
  return items;
}

/** The ids of every registered project, from their 16 listing shards read in parallel, sorted. */
export async function registeredProjectIds(): Promise<string[]> {
  const shards = await Promise.all(
    Array.from({ length: PROJECT_SHARDS }, (_, shard) =>
      allListingItems(listings.projectShardKey(shard), { attributes: ['gsi1sk'] }),
    ),
  );
  return shards.flatMap((items) => items.map((item) => String(item.gsi1sk))).sort();
}

/** A listing: one GSI1 partition, or several shards of one listing read as one (merged by sort key). */
export type Listing = string | readonly string[];

interface Cursor {
  /** the listing of `listings` being read */
  g: number;
  /** the sort key of the last item handed out from it (sort keys end with the record's id: unique) */
  a?: string;
}

const shardsOf = (listing: Listing): readonly string[] => (typeof listing === 'string' ? [listing] : listing);

/**
 * One page of an API listing that spans several listings in order (e.g. cases by status, all statuses), newest
 * first within each, with an opaque `nextToken` that resumes exactly where the page stopped. A sharded listing's
 * shards are merged by sort key (newest first across the shards), so sharding a hot listing does not change the
 * order a client sees; the token holds only the last sort key handed out, whatever the number of shards.
 */
export async function listingPage<T>(
  listings: readonly Listing[],
  query: { limit: number; nextToken?: string | undefined; filter?: ListingFilter | undefined },
  view: (item: Record<string, unknown>) => T,
): Promise<{ items: T[]; nextToken: string | null }> {
  let cursor: Cursor | null = decodeToken(query.nextToken, listings.length);
  const items: T[] = [];
  while (cursor && items.length < query.limit) {
    const g: number = cursor.g;
    const after: string | undefined = cursor.a;
    const shards = shardsOf(listings[g] as Listing);
    const buffers: Array<Array<Record<string, unknown>>> = shards.map(() => []);
    const startKeys: Array<Record<string, unknown> | undefined> = shards.map(() => undefined);
    const more = shards.map(() => true);
    // a shard whose buffer is empty but which may hold more is read (a page at a time) before picking
    const fill = async (shard: number) => {
      while ((buffers[shard] as unknown[]).length === 0 && more[shard]) {
        const page: QueryCommandOutput = await dynamo.send(
          new QueryCommand({
            TableName: TABLE_NAME,
            IndexName: 'gsi1',
            KeyConditionExpression: after ? 'gsi1pk = :pk AND gsi1sk < :after' : 'gsi1pk = :pk',
            ExpressionAttributeValues: {
              ':pk': shards[shard],
              ...(after ? { ':after': after } : {}),
              ...query.filter?.values,
            },
            ...(query.filter ? { FilterExpression: query.filter.expression } : {}),
            ...(query.filter?.names ? { ExpressionAttributeNames: query.filter.names } : {}),
            ScanIndexForward: false,
            Limit: query.limit - items.length,
            ExclusiveStartKey: startKeys[shard],
          }),
        );
        buffers[shard] = page.Items ?? [];
        startKeys[shard] = page.LastEvaluatedKey;
        more[shard] = page.LastEvaluatedKey !== undefined;
      }
    };
    await Promise.all(shards.map((_, shard) => fill(shard)));
    let last: string | undefined;
    while (items.length < query.limit) {
      let pick = -1;
      for (let shard = 0; shard < shards.length; shard++) {
        const head = buffers[shard]?.[0];
        if (head && (pick < 0 || String(head.gsi1sk) > String(buffers[pick]?.[0]?.gsi1sk))) pick = shard;
      }
      if (pick < 0) break;
      const item = (buffers[pick] as Array<Record<string, unknown>>).shift() as Record<string, unknown>;
      items.push(view(item));
      last = String(item.gsi1sk);
      if (!(buffers[pick] as unknown[]).length && items.length < query.limit) await fill(pick);
    }
    const exhausted = buffers.every((buffer) => buffer.length === 0) && more.every((shard) => !shard);
    const position: string | undefined = last ?? after;
    if (!exhausted) cursor = position === undefined ? { g } : { g, a: position };
    else cursor = g + 1 < listings.length ? { g: g + 1 } : null;
  }
  return { items, nextToken: cursor ? Buffer.from(JSON.stringify(cursor)).toString('base64url') : null };
}

function decodeToken(token: string | undefined, listings: number): Cursor {
  if (!token) return { g: 0 };
  try {
    const cursor = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Cursor;
    const validGroup = Number.isInteger(cursor?.g) && cursor.g >= 0 && cursor.g < listings;
    const validAfter =
      cursor?.a === undefined || (typeof cursor.a === 'string' && cursor.a.length > 0 && cursor.a.length <= 512);
    if (validGroup && validAfter && Object.keys(cursor).every((key) => key === 'g' || key === 'a')) {
      return cursor.a === undefined ? { g: cursor.g } : { g: cursor.g, a: cursor.a };
    }
  } catch {
    // fall through to the problem below
  }
  throw new InvalidInputError('nextToken is not a token this API handed out.', [
    { field: 'nextToken', message: 'pass back the nextToken of the previous page unchanged' },
  ]);
}
