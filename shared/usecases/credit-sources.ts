/**
 * Where a credit record's ranks and enterprise case come from (SPEC §6.6 `ranks`, `enterpriseCase`): the quarterly
 * rankings and enterprise-level supervision (SPEC §6.4–6.5). The credit lookup (shared/usecases/public-credit.ts) and
 * the export (shared/usecases/credit-export.ts) read them only through {@link CreditSources}.
 *
 * One enterprise: its own partition (`latestPublishedRanks`, `enterpriseCaseOf`). Every enterprise (the export's
 * bulk reads): the published revisions' enterprise lists page by page, and the enterprise cases' listings by status
 * — never one lookup per enterprise of the country.
 */

import type { CreditRank, CreditRecord } from '../domain/credit-record.js';
import { ENTERPRISE_CASE_STATUSES, enterpriseCaseStandingOn } from '../domain/enterprise-case.js';
import { LIST_KEYS, type RankedUnitRole } from '../domain/ranking.js';
import { publicationOn, type RankingHeadState } from '../domain/ranking-revisions.js';
import { listings } from '../store/keys.js';
import { allListingItems } from '../store/listing.js';
import { type EnterpriseCaseRecord, enterpriseCaseOf } from './enterprise-cases.js';
import { getRankingList, latestPublishedRanks } from './rankings.js';

/** An enterprise case as a credit record shows it. */
export type CreditEnterpriseCase = NonNullable<CreditRecord['enterpriseCase']>;

/** The rankings and enterprise cases as the credit record reads them (one enterprise, or all of them for a date). */
export interface CreditSources {
  /** An enterprise's latest published rank per role as it stood on `date` (SPEC §6.6 `ranks`). */
  ranksOn(creditCode: string, date: string): Promise<CreditRank[]>;
  /** An enterprise's enterprise-level case as it stood on `date` (SPEC §6.6 `enterpriseCase`), or null. */
  enterpriseCaseOn(creditCode: string, date: string): Promise<CreditEnterpriseCase | null>;
  /** Every enterprise a ranking published by `date` lists, with its name and ranks (by credit code). */
  rankedEnterprisesOn(date: string): Promise<Map<string, { name: string; ranks: CreditRank[] }>>;
  /** Every enterprise with an enterprise-level case open on `date`, with its name and case (by credit code). */
  enterpriseCasesOn(date: string): Promise<Map<string, { name: string; enterpriseCase: CreditEnterpriseCase }>>;
}

const ROLE_ORDER: RankedUnitRole[] = ['general_contractor', 'supervisor', 'developer'];
const ENTERPRISE_LISTS = LIST_KEYS.filter((key) => key.startsWith('enterprises.'));

interface ListedEnterprise {
  creditCode: string;
  name: string;
  rank: number;
  of?: number;
  score: number;
  grade: CreditRank['grade'];
  rankPoints: number;
}

async function rankedEnterprisesOn(date: string): Promise<Map<string, { name: string; ranks: CreditRank[] }>> {
  const heads = (await allListingItems(listings.rankings)) as unknown as RankingHeadState[];
  // each role's rank from the most recent quarter whose ranking was published by `date` (SPEC §6.6)
  const byEnterprise = new Map<string, { name: string; byRole: Map<RankedUnitRole, CreditRank> }>();
  for (const head of [...heads].sort((a, b) => b.quarter.localeCompare(a.quarter))) {
    const publication = publicationOn(head.publications ?? [], date);
    if (!publication) continue;
    for (const list of ENTERPRISE_LISTS) {
      const role = list.slice('enterprises.'.length) as RankedUnitRole;
      let nextToken: string | undefined;
      do {
        const page = await getRankingList(head.quarter, list, { revision: publication.revision, nextToken });
        for (const entry of page.items as ListedEnterprise[]) {
          const known = byEnterprise.get(entry.creditCode) ?? { name: entry.name, byRole: new Map() };
          byEnterprise.set(entry.creditCode, known);
          if (known.byRole.has(role)) continue; // a later quarter already stands for this role
          known.byRole.set(role, {
            role,
            quarter: head.quarter,
            rank: entry.rank,
            of: entry.of ?? page.total,
            score: entry.score,
            grade: entry.grade,
            rankPoints: entry.rankPoints,
          });
        }
        nextToken = page.nextToken ?? undefined;
      } while (nextToken);
    }
  }
  return new Map(
    [...byEnterprise].map(([creditCode, { name, byRole }]) => [
      creditCode,
      { name, ranks: ROLE_ORDER.flatMap((role) => (byRole.has(role) ? [byRole.get(role)!] : [])) },
    ]),
  );
}

async function enterpriseCasesOn(
  date: string,
): Promise<Map<string, { name: string; enterpriseCase: CreditEnterpriseCase }>> {
  // a case released or dismissed since was open then: every status is read (dozens of cases in a city)
  const records = (
    await Promise.all(
      ENTERPRISE_CASE_STATUSES.map((status) => allListingItems(listings.enterpriseCasesByStatus(status))),
    )
  ).flat() as unknown as EnterpriseCaseRecord[];
  const byEnterprise = new Map<string, EnterpriseCaseRecord[]>();
  for (const record of records)
    byEnterprise.set(record.creditCode, [...(byEnterprise.get(record.creditCode) ?? []), record]);
  const open = new Map<string, { name: string; enterpriseCase: CreditEnterpriseCase }>();
  for (const [creditCode, cases] of byEnterprise) {
    const standing = enterpriseCaseStandingOn(
      [...cases].sort((a, b) => a.id.localeCompare(b.id)),
      date,
    );
    if (standing)
      open.set(creditCode, {
        name: cases[0]!.name,
        enterpriseCase: { status: standing.status, since: standing.since },
      });
  }
  return open;
}

/** The sources read from the rankings (SPEC §6.4) and enterprise-level supervision (SPEC §6.5). */
export const creditSources: CreditSources = {
  ranksOn: async (creditCode, date) =>
    (await latestPublishedRanks(creditCode, date)).map(({ role, quarter, rank, of, score, grade, rankPoints }) => ({
      role,
      quarter,
      rank,
      of,
      score,
      grade,
      rankPoints,
    })),
  enterpriseCaseOn: async (creditCode, date) => {
    const standing = await enterpriseCaseOf(creditCode, date);
    return standing ? { status: standing.status, since: standing.since } : null;
  },
  rankedEnterprisesOn,
  enterpriseCasesOn,
};
