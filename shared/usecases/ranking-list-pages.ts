/**
 * Walking one stored list of a ranking run page by page (`RANKLIST#{runId}#{list}#{page}`), for
 * `GET /v1/rankings/{quarter}/lists/{list}` (SPEC §6.4): the next `limit` entries from a cursor, optionally only those
 * of one district, and the token of what follows. Pure: the pages are read through the function passed in, so the
 * cursor arithmetic is tested without a table (test/unit/usecases/ranking-list-pages.test.ts).
 *
 * A district's entries are scattered through its category's list (ranked city-wide), so a filtered page reads the
 * stored pages after the cursor until it has `limit` entries of the district and knows whether one more follows.
 */
import { createHash } from 'node:crypto';
import { InvalidInputError } from '../domain/errors.js';
import type { ListSummary } from '../domain/ranking.js';

/**
 * Where a page of a list resumes: the stored page, the entries of it already passed, and for a filter the district's
 * fingerprint and the filtered total (counted once, on the first page, and carried on).
 */
export interface ListCursor {
  p: number;
  o: number;
  d?: string;
  t?: number;
}

/** Reads stored pages by number: a map from each page read to its entries (a page missing reads as empty). */
export type PageReader = (pages: number[]) => Promise<Map<number, unknown[]>>;

/** A page of a list as the route answers it. */
export interface ListSlice {
  entries: unknown[];
  /** entries of the list, or of the district when filtered */
  total: number;
  nextToken: string | null;
}

/** Stored pages read at once while a filtered page is looked for (each ≤ 400 KB). */
const PAGES_PER_READ = 4;

const NOT_OURS = { zh: 'nextToken 不是本接口返回的分页标记。', en: 'nextToken is not a token this API handed out.' };

const badToken = (text: { zh: string; en: string }) =>
  new InvalidInputError(text, [
    { field: 'nextToken', message: { zh: '请原样传回上一页的 nextToken', en: 'pass back the previous nextToken' } },
  ]);

/**
 * A district in a token: a short fingerprint, not the name (a name of 50 characters would make the token longer than
 * the 200 characters `nextToken` takes), enough to tell one filter's token from another's.
 */
function fingerprint(district: string | undefined): string | undefined {
  return district === undefined ? undefined : createHash('sha256').update(district).digest('base64url').slice(0, 10);
}

/** The cursor a token stands for; a token of another filter (or none of ours) is refused, as it counts other entries. */
export function decodeListToken(token: string | undefined, district: string | undefined): ListCursor {
  const d = fingerprint(district);
  if (!token) return { p: 1, o: 0, ...(d === undefined ? {} : { d }) };
  let cursor: ListCursor | undefined;
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as ListCursor;
    const known = Object.keys(parsed).every((key) => key === 'p' || key === 'o' || key === 'd' || key === 't');
    if (known && Number.isInteger(parsed.p) && parsed.p >= 1 && Number.isInteger(parsed.o) && parsed.o >= 0) {
      cursor = parsed;
    }
  } catch {
    // refused below
  }
  if (!cursor) throw badToken(NOT_OURS);
  if (cursor.d !== d) {
    throw badToken({
      zh: 'nextToken 属于另一区域筛选条件下的分页：改变区域后请从第一页重新读取（不带 nextToken）。',
      en: 'nextToken pages another district filter: after changing the district, start again without it.',
    });
  }
  if (district === undefined) return { p: cursor.p, o: cursor.o };
  if (!Number.isInteger(cursor.t) || (cursor.t as number) < 0) {
    throw badToken(NOT_OURS);
  }
  return { p: cursor.p, o: cursor.o, d: cursor.d as string, t: cursor.t as number };
}

function encodeListToken(cursor: ListCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

/** Up to `limit` entries of the whole list from the cursor: only the pages holding them are read, together. */
async function walkWhole(
  summary: ListSummary,
  limit: number,
  cursor: ListCursor,
  read: PageReader,
): Promise<ListSlice> {
  const entries: unknown[] = [];
  let page = cursor.p;
  let offset = cursor.o;
  const wanted: number[] = [];
  let available = 0;
  for (let p = page; p <= summary.pages && available < limit + offset; p++) {
    wanted.push(p);
    available += summary.pageSizes[p - 1] ?? 0;
  }
  const byPage = await read(wanted);
  while (entries.length < limit && page <= summary.pages) {
    const list = byPage.get(page) ?? [];
    const take = list.slice(offset, offset + (limit - entries.length));
    entries.push(...take);
    offset += take.length;
    if (offset >= list.length) {
      page += 1;
      offset = 0;
    }
  }
  const more = page <= summary.pages && (summary.pageSizes[page - 1] ?? 0) > offset;
  return { entries, total: summary.count, nextToken: more ? encodeListToken({ p: page, o: offset }) : null };
}

/**
 * Up to `limit` entries of one district from the cursor, reading stored pages a few at a time until one more entry of
 * the district shows (the next page starts there) or the list ends. The total is the district's count: a project
 * entry's `districtRank.of` (its place among the district's projects of the category), 1 in the districts list.
 */
async function walkDistrict(
  summary: ListSummary,
  limit: number,
  cursor: ListCursor & { d: string },
  district: string,
  read: PageReader,
  districtTotal: (entry: unknown) => number,
): Promise<ListSlice> {
  const entries: unknown[] = [];
  let total = cursor.t;
  let next: ListCursor | null = null;
  let page = cursor.p;
  let offset = cursor.o;
  while (next === null && page <= summary.pages) {
    const wanted: number[] = [];
    for (let p = page; p <= summary.pages && wanted.length < PAGES_PER_READ; p++) wanted.push(p);
    const byPage = await read(wanted);
    for (const p of wanted) {
      const list = byPage.get(p) ?? [];
      for (let o = p === page ? offset : 0; o < list.length; o++) {
        const entry = list[o] as { district?: unknown };
        if (entry.district !== district) continue;
        if (entries.length === limit) {
          next = { p, o, d: cursor.d, t: total ?? 0 };
          break;
        }
        total ??= districtTotal(entry);
        entries.push(entry);
      }
      if (next) break;
    }
    page = (wanted.at(-1) ?? page) + 1;
    offset = 0;
  }
  return { entries, total: total ?? 0, nextToken: next ? encodeListToken(next) : null };
}

/**
 * The next `limit` entries of a stored list after `token` (from its start without one), of `district` only when one
 * is given, with the total they are part of and the token of what follows (null at the end).
 */
export async function listSlice(options: {
  summary: ListSummary;
  limit: number;
  token?: string | undefined;
  district?: string | undefined;
  read: PageReader;
  districtTotal: (entry: unknown) => number;
}): Promise<ListSlice> {
  const { summary, limit, district, read } = options;
  const cursor = decodeListToken(options.token, district);
  if (district === undefined) return walkWhole(summary, limit, cursor, read);
  return walkDistrict(summary, limit, { ...cursor, d: cursor.d as string }, district, read, options.districtTotal);
}
