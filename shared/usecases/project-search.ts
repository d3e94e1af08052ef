/**
 * `GET /v1/projects?q=&district=&creditCode=` (inspector): find a project the way a regulator asks for it — by a
 * fragment of its name (运河商务区, or two fragments: 运河 办公楼), within a district, or by a unit that takes part in
 * it (its unified social credit code) — newest first, page by page.
 *
 * The project directory (written at registration, shared/usecases/projects.ts) is read, never the projects' own
 * partitions: a slim entry per project in three listings of the index — every project, its district's, each unit's.
 * A name is matched in its normalised form (shared/domain/project-identity.ts) by a filter on the listing, a
 * bounded sweep: each request reads at most `SEARCH_SCAN` entries and answers what it found with a `nextToken`
 * where it stopped (docs/architecture.md, "Finding a project", says why and how it grows).
 */
import { shanghaiTimestamp } from '../domain/dates.js';
import { InvalidInputError } from '../domain/errors.js';
import { nameKey, searchTerms } from '../domain/project-identity.js';
import type { CaseStatus, ProjectCategory, ProjectPhase, UnitRole } from '../domain/vocabulary.js';
import { keys, listings } from '../store/keys.js';
import { type ListingFilter, listingPage } from '../store/listing.js';
import { readItems } from '../store/project-collection.js';

/**
 * A filtered search reads the directory 500 entries at a time (≈ 400 bytes each: 200 KB, under DynamoDB's 1 MB
 * page), at most 10 reads a request: 5,000 entries, a district's whole directory in one request, ≈ 250 read units.
 */
export const SEARCH_SCAN = { pageSize: 500, maxPages: 10 } as const;

/** A directory entry (or a unit's `UNIT#` item) as stored. */
interface DirectoryEntry {
  projectId: string;
  name: string;
  district: string;
  category: ProjectCategory;
  phase: ProjectPhase;
  permitNo: string | null;
  generalContractor: { name: string; creditCode: string } | null;
  registeredAt: string;
  /** on a unit's item: the unit's role in the project */
  role?: UnitRole;
}

interface OpenCase {
  id: string;
  status: CaseStatus;
  level: number;
}

/** The open case (proposed or active) of each project, read through its OPENCASE guard: two batch reads a page. */
async function openCases(projectIds: readonly string[]): Promise<Map<string, OpenCase>> {
  const guards = await readItems(projectIds.map((projectId) => keys.openCaseLock(projectId)));
  const caseKeys = guards.map((guard) =>
    keys.supervisionCase(String(guard.pk).slice('PROJECT#'.length), String(guard.caseId)),
  );
  const cases = await readItems(caseKeys);
  return new Map(
    cases.map((item) => [
      String(item.projectId),
      { id: String(item.id), status: item.status as CaseStatus, level: Number(item.level) },
    ]),
  );
}

/** Search the project directory; see the module comment. */
export async function searchProjects(query: {
  q?: string | undefined;
  district?: string | undefined;
  creditCode?: string | undefined;
  limit: number;
  nextToken?: string | undefined;
}) {
  const terms = query.q === undefined ? [] : searchTerms(query.q);
  if (query.q !== undefined && terms.length === 0) {
    throw new InvalidInputError(
      { zh: '搜索词中没有文字或数字，无法按名称查找。', en: 'The search has no letters or digits to match a name by.' },
      [{ field: 'q', message: { zh: '请输入项目名称中的文字', en: 'type part of the project name' } }],
    );
  }
  const filters: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  terms.forEach((term, index) => {
    filters.push(`contains(#nameKey, :term${index})`);
    names['#nameKey'] = 'nameKey';
    values[`:term${index}`] = term;
  });
  let listing: string;
  if (query.creditCode) {
    listing = listings.projectDirectoryOfUnit(query.creditCode);
    if (query.district !== undefined) {
      filters.push('#districtKey = :districtKey');
      names['#districtKey'] = 'districtKey';
      values[':districtKey'] = nameKey(query.district);
    }
  } else if (query.district !== undefined) {
    listing = listings.projectDirectoryOfDistrict(nameKey(query.district));
  } else {
    listing = listings.projectDirectory;
  }
  const filter: ListingFilter | undefined = filters.length
    ? { expression: filters.join(' AND '), names, values }
    : undefined;
  const page = await listingPage(
    [listing],
    { limit: query.limit, nextToken: query.nextToken, filter, scan: filter ? SEARCH_SCAN : undefined },
    (item) => item as unknown as DirectoryEntry,
  );
  const cases = await openCases(page.items.map((entry) => entry.projectId));
  return {
    items: page.items.map((entry) => {
      const open = cases.get(entry.projectId) ?? null;
      return {
        id: entry.projectId,
        name: entry.name,
        district: entry.district,
        category: entry.category,
        phase: entry.phase,
        permitNo: entry.permitNo ?? null,
        generalContractor: entry.generalContractor ?? null,
        ...(query.creditCode && entry.role ? { unitRole: entry.role } : {}),
        case: open,
        underSupervision: open?.status === 'active',
        registeredAt: shanghaiTimestamp(new Date(entry.registeredAt)),
      };
    }),
    nextToken: page.nextToken,
  };
}
