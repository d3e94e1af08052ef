import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../../shared/domain/errors.js';
import type { ListSummary } from '../../../shared/domain/ranking.js';
import { listSlice } from '../../../shared/usecases/ranking-list-pages.js';

interface Entry {
  id: number;
  district: string;
  districtRank: { rank: number; of: number };
}

const DISTRICTS = ['通州区', '密云区', '延庆区', '门头沟区'];

/** A list cut into stored pages of the given sizes, each entry knowing how many of its district there are. */
function stored(districts: string[], sizes: number[]) {
  const entries: Entry[] = districts.map((district, id) => ({
    id,
    district,
    districtRank: { rank: 0, of: districts.filter((d) => d === district).length },
  }));
  const pages: Entry[][] = [];
  let at = 0;
  for (const size of sizes) {
    if (at >= entries.length) break;
    pages.push(entries.slice(at, at + size));
    at += size;
  }
  if (at < entries.length) pages.push(entries.slice(at));
  const summary: ListSummary = { count: entries.length, pages: pages.length, pageSizes: pages.map((p) => p.length) };
  const reads: number[][] = [];
  const read = async (wanted: number[]) => {
    reads.push(wanted);
    return new Map(wanted.map((p) => [p, pages[p - 1] ?? []]));
  };
  return { entries, summary, read, reads };
}

const districtTotal = (entry: unknown) => (entry as Entry).districtRank.of;

/** Every page from the first, following the tokens. */
async function pageThrough(list: ReturnType<typeof stored>, limit: number, district?: string) {
  const slices = [];
  let token: string | undefined;
  do {
    const slice = await listSlice({ summary: list.summary, limit, token, district, read: list.read, districtTotal });
    slices.push(slice);
    token = slice.nextToken ?? undefined;
  } while (token && slices.length < 1000);
  return slices;
}

const anyList = fc.record({
  districts: fc.array(fc.constantFrom(...DISTRICTS), { maxLength: 80 }),
  sizes: fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 30 }),
  limit: fc.integer({ min: 1, max: 12 }),
  district: fc.constantFrom(...DISTRICTS),
});

describe('a ranking list page by page (GET /v1/rankings/{quarter}/lists/{list})', () => {
  it('pages of one district, followed to the end, are the district’s entries in order, none twice (fast-check)', async () => {
    await fc.assert(
      fc.asyncProperty(anyList, async ({ districts, sizes, limit, district }) => {
        const list = stored(districts, sizes);
        const slices = await pageThrough(list, limit, district);
        const wanted = list.entries.filter((e) => e.district === district);
        expect(slices.flatMap((s) => s.entries)).toEqual(wanted);
        for (const slice of slices) expect(slice.total).toBe(wanted.length);
        // every page but the last is full, and no page is empty except a list with none of the district
        expect(slices.slice(0, -1).every((s) => s.entries.length === limit)).toBe(true);
        expect(slices.at(-1)?.entries.length).toBe(wanted.length === 0 ? 0 : ((wanted.length - 1) % limit) + 1);
        for (const slice of slices) expect((slice.nextToken ?? '').length).toBeLessThanOrEqual(200);
      }),
    );
  });

  it('pages of the whole list are unchanged by the filter’s arrival (fast-check)', async () => {
    await fc.assert(
      fc.asyncProperty(anyList, async ({ districts, sizes, limit }) => {
        const list = stored(districts, sizes);
        const slices = await pageThrough(list, limit);
        expect(slices.flatMap((s) => s.entries)).toEqual(list.entries);
        for (const slice of slices) expect(slice.total).toBe(list.entries.length);
      }),
    );
  });

  it('reads the stored pages a few at a time, and stops once the next page’s first entry is found', async () => {
    // 40 pages of 5: 通州区 only on pages 1 and 3
    const districts = Array.from({ length: 200 }, (_, i) => (i === 0 || i === 11 || i === 12 ? '通州区' : '密云区'));
    const list = stored(districts, Array(40).fill(5));
    const first = await listSlice({
      summary: list.summary,
      limit: 2,
      district: '通州区',
      read: list.read,
      districtTotal,
    });
    expect(first.entries.map((e) => (e as Entry).id)).toEqual([0, 11]);
    expect(first.total).toBe(3);
    expect(list.reads).toEqual([[1, 2, 3, 4]]);
    const rest = await listSlice({
      summary: list.summary,
      limit: 2,
      district: '通州区',
      token: first.nextToken as string,
      read: list.read,
      districtTotal,
    });
    expect(rest.entries.map((e) => (e as Entry).id)).toEqual([12]);
    expect(rest).toMatchObject({ total: 3, nextToken: null });
  });

  it('refuses a token of another district, of no filter for a filter, and the reverse', async () => {
    const list = stored(['通州区', '通州区', '密云区', '密云区', '通州区'], [2, 2, 2]);
    const read = { summary: list.summary, limit: 1, read: list.read, districtTotal };
    const tongzhou = await listSlice({ ...read, district: '通州区' });
    const whole = await listSlice(read);
    const refused = async (token: string, district?: string) => {
      const error = await listSlice({ ...read, token, district }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidInputError);
      expect((error as InvalidInputError).fields.map((f) => f.field)).toEqual(['nextToken']);
    };
    await refused(tongzhou.nextToken as string, '密云区');
    await refused(tongzhou.nextToken as string);
    await refused(whole.nextToken as string, '通州区');
    await refused('bm90IGpzb24', '通州区');
    await refused(Buffer.from(JSON.stringify({ p: 1, o: 0, d: 'x', t: -1 })).toString('base64url'), '通州区');
  });
});
