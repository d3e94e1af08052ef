/**
 * Where a credit record's ranks and enterprise case come from (SPEC §6.6 `ranks`, `enterpriseCase`): the quarterly
 * rankings and enterprise-level supervision (SPEC §6.4–6.5), built in parallel on the `rankings` branch. The credit
 * lookup (shared/usecases/public-credit.ts) and the export (shared/usecases/credit-export.ts) read them only through
 * {@link CreditSources}, so wiring them in is a change to `creditSources` here and nowhere else.
 *
 * TODO(merge, rankings): `creditSources` below is a stub — every enterprise has no rank and no enterprise case. At
 * the merge of `rankings` it is replaced by one built on shared/usecases/rankings.ts and
 * shared/usecases/enterprise-cases.ts:
 * - `ranksOn` → `latestPublishedRanks(creditCode, date)`, each entry mapped to
 *   `{role, quarter, rank, of, score, grade, rankPoints}`;
 * - `enterpriseCaseOn` → `enterpriseCaseOf(creditCode, date)`, mapped to `{status, since}` (null stays null);
 * - `rankedEnterprisesOn` (the export's bulk read) → every enterprise the rankings published by `date` list: the
 *   latest published revision's enterprise lists, read page by page — never one `latestPublishedRanks` per
 *   enterprise of the country;
 * - `enterpriseCasesOn` (the export's bulk read) → every enterprise with a case open on `date`, from the enterprise
 *   cases' listing.
 */
import type { CreditRank, CreditRecord } from '../domain/credit-record.js';

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

/** The sources until the rankings are merged: nothing ranked, no enterprise case (see the TODO above). */
export const creditSources: CreditSources = {
  ranksOn: async () => [], // TODO(merge, rankings): latestPublishedRanks(creditCode, date)
  enterpriseCaseOn: async () => null, // TODO(merge, rankings): enterpriseCaseOf(creditCode, date)
  rankedEnterprisesOn: async () => new Map(), // TODO(merge, rankings): the published revisions' enterprise lists
  enterpriseCasesOn: async () => new Map(), // TODO(merge, rankings): the enterprise cases' listing
};
