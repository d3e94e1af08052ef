/**
 * Where a credit record's ranks and enterprise case come from (SPEC §6.6 `ranks`, `enterpriseCase`): the quarterly
 * rankings and enterprise-level supervision (SPEC §6.4–6.5), built in parallel on the `rankings` branch. The credit
 * lookup and the export call only this module, so wiring them in is a change here and nowhere else.
 *
 * TODO(merge, rankings): until `shared/usecases/rankings.ts` and `shared/usecases/enterprise-cases.ts` are on this
 * branch, every enterprise has no rank and no enterprise case. At the merge:
 * - `ranksOn` → `latestPublishedRanks(creditCode, date)` of shared/usecases/rankings.ts, each entry mapped to
 *   `{role, quarter, rank, of, score, grade, rankPoints}`;
 * - `enterpriseCaseOn` → `enterpriseCaseOf(creditCode, date)` of shared/usecases/enterprise-cases.ts, mapped to
 *   `{status, since}` (null stays null);
 * - `rankedEnterprisesOn` / `enterpriseCasesOn` (the export's bulk reads): every enterprise the ranking published
 *   by `date` lists (its revision's enterprise lists, read page by page — never one `latestPublishedRanks` per
 *   enterprise of the country), and every enterprise with a case open on `date` (the enterprise cases' listing).
 */
import type { CreditRank, CreditRecord } from '../domain/credit-record.js';

/** An enterprise's latest published rank per role as it stood on `date` (SPEC §6.6 `ranks`). */
export async function ranksOn(_creditCode: string, _date: string): Promise<CreditRank[]> {
  return []; // TODO(merge, rankings): latestPublishedRanks(creditCode, date)
}

/** An enterprise's enterprise-level case as it stood on `date` (SPEC §6.6 `enterpriseCase`), or null. */
export async function enterpriseCaseOn(_creditCode: string, _date: string): Promise<CreditRecord['enterpriseCase']> {
  return null; // TODO(merge, rankings): enterpriseCaseOf(creditCode, date)
}

/** Every enterprise a ranking published by `date` lists, with its name and ranks: the export's bulk read. */
export async function rankedEnterprisesOn(_date: string): Promise<Map<string, { name: string; ranks: CreditRank[] }>> {
  return new Map(); // TODO(merge, rankings): the published revisions' enterprise lists
}

/** Every enterprise with an enterprise-level case open on `date`: the export's bulk read. */
export async function enterpriseCasesOn(
  _date: string,
): Promise<Map<string, { name: string; enterpriseCase: NonNullable<CreditRecord['enterpriseCase']> }>> {
  return new Map(); // TODO(merge, rankings): the enterprise cases' listing
}
