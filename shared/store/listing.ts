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
  query: {
    limit: number;
    nextToken?: string | undefined;
    filter?: ListingFilter | undefined;
    /**
     * A filtered sweep's budget: each read evaluates `pageSize` items, and one request makes at most `maxPages`
     * reads. When the budget is spent before the page is full, the page comes back shorter (even empty) with a
     * `nextToken` at the point the sweep reached, as DynamoDB itself does: every request costs a bounded amount.
     * Only for listings of one partition (the position of a merge of shards is not one sort key).
     */
    scan?: { pageSize: number; maxPages: number } | undefined;
  },
  view: (item: Record<string, unknown>) => T,
): Promise<{ items: T[]; nextToken: string | null }> {
  const { scan } = query;
  if (scan && listings.some((listing) => shardsOf(listing).length !== 1)) {
    throw new Error('a scan budget applies to listings of one partition only');
  }
  let cursor: Cursor | null = decodeToken(query.nextToken, listings.length);
  const items: T[] = [];
  let reads = 0;
  let budgetSpent = false;
  while (cursor && items.length < query.limit && !budgetSpent) {
    const g: number = cursor.g;
    const after: string | undefined = cursor.a;
    const shards = shardsOf(listings[g] as Listing);
    const buffers: Array<Array<Record<string, unknown>>> = shards.map(() => []);
    const startKeys: Array<Record<string, unknown> | undefined> = shards.map(() => undefined);
    const more = shards.map(() => true);
    // a shard whose buffer is empty but which may hold more is read (a page at a time) before picking
    const fill = async (shard: number) => {
      while ((buffers[shard] as unknown[]).length === 0 && more[shard]) {
        if (scan && reads >= scan.maxPages) {
          budgetSpent = true;
          return;
        }
        reads += 1;
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
            Limit: scan ? scan.pageSize : query.limit - items.length,
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
    // a spent budget stops a one-partition sweep with its buffer empty: everything above its last read was seen
    const frontier = budgetSpent ? (startKeys[0]?.gsi1sk as string | undefined) : undefined;
    const position: string | undefined = frontier ?? last ?? after;
    if (!exhausted) cursor = position === undefined ? { g } : { g, a: position };
    else cursor = g + 1 < listings.length ? { g: g + 1 } : null;
  }
  return { items, nextToken: cursor ? encodeToken(cursor) : null };
}

/**
 * One page of a range of the table itself (not of the listing index): the items of partition `pk` whose sort key
 * starts with `skPrefix`, last sort key first (ULIDs: newest first), with the same opaque `nextToken` as the
 * listings. A token whose position lies outside the range is refused, so a token of another list is never read
 * as a position in this one.
 */
export async function partitionPage<T>(
  range: { pk: string; skPrefix: string },
  query: { limit: number; nextToken?: string | undefined; filter?: ListingFilter | undefined },
  view: (item: Record<string, unknown>) => T,
): Promise<{ items: T[]; nextToken: string | null }> {
  const cursor = decodeToken(query.nextToken, 1);
  if (cursor.a !== undefined && (!cursor.a.startsWith(range.skPrefix) || cursor.a === range.skPrefix)) {
    throw invalidToken();
  }
  const items: T[] = [];
  let startKey: Record<string, unknown> | undefined =
    cursor.a === undefined ? undefined : { pk: range.pk, sk: cursor.a };
  let last: string | undefined;
  let overflow = false;
  do {
    const page: QueryCommandOutput = await dynamo.send(
      new QueryCommand({
        TableName: TABLE_NAME,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': range.pk, ':prefix': range.skPrefix, ...query.filter?.values },
        ...(query.filter ? { FilterExpression: query.filter.expression } : {}),
        ...(query.filter?.names ? { ExpressionAttributeNames: query.filter.names } : {}),
        ScanIndexForward: false,
        // a filter may drop most of a read: read ahead then, and hand out no more than the page holds
        Limit: query.filter ? Math.max(query.limit, 200) : query.limit - items.length,
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) {
      if (items.length === query.limit) {
        overflow = true;
        break;
      }
      items.push(view(item));
      last = String(item.sk);
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey && !overflow && items.length < query.limit);
  const position = overflow ? last : (startKey?.sk as string | undefined);
  return { items, nextToken: position === undefined ? null : encodeToken({ g: 0, a: position }) };
}

function encodeToken(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function invalidToken(): InvalidInputError {
  return new InvalidInputError(
    {
      zh: 'nextToken 不是本接口返回的分页标记。',
      en: 'nextToken is not a token this API handed out.',
    },
    [
      {
        field: 'nextToken',
        message: {
          zh: '请原样传回上一页返回的 nextToken',
          en: 'pass back the nextToken of the previous page unchanged',
        },
      },
    ],
  );
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
  throw invalidToken();
}
