/**
 * What is overdue now, across every case (SPEC §7: the dashboard's "notices and hazards overdue"): hazards past their
 * rectification deadline and not accepted (SPEC §3), inclusion and release notices whose signed receipt did not come
 * back in time (SPEC §2.3). Both are sparse listings on GSI1 (`listings.overdueHazards`, `listings.overdueNotices`):
 * the daily deadline sweep lists an item in the transaction that flags it, a hazard's acceptance and a notice's
 * receipt unlist it in theirs, so the dashboard reads a few hundred bytes per overdue item instead of every case.
 *
 * Items flagged before the listings existed are listed by the next sweep (it lists every flagged item still overdue
 * that is not listed yet): the sweep is this change's backfill, within a day of the deployment.
 */
import { shanghaiTimestamp } from '../domain/dates.js';
import { listings } from '../store/keys.js';
import { listingPage } from '../store/listing.js';

/** The attributes that list an item, written with `SET` beside its flag (`#`-free names: none is reserved). */
export interface OverdueListing {
  /** the `SET` clauses, to join with the flag's */
  clauses: string[];
  values: Record<string, unknown>;
}

/** The listing attributes of an item: its listing, its sort key, the day it was listed and what the list shows. */
function overdueListing(listing: string, sortKey: string, shown: Record<string, unknown>, listedOn: string) {
  const listed = { gsi1pk: listing, gsi1sk: sortKey, overdueListedOn: listedOn, ...shown };
  return {
    clauses: Object.keys(listed).map((name) => `${name} = :${name}`),
    values: Object.fromEntries(Object.entries(listed).map(([name, value]) => [`:${name}`, value])),
  };
}

/**
 * List a hazard flagged overdue: sorted by its deadline (then id), with the project's name and the case it counts
 * against (none when the project has no open case), so the dashboard needs no other read.
 */
export function overdueHazardListing(
  hazard: { id: string; deadline: string },
  context: { projectName: string; caseId: string | null; listedOn: string },
): OverdueListing {
  return overdueListing(
    listings.overdueHazards,
    `${hazard.deadline}#${hazard.id}`,
    { listedProjectName: context.projectName, listedCaseId: context.caseId },
    context.listedOn,
  );
}

/** List a notice whose receipt is overdue: sorted by the receipt's due instant (then id), with the project's name. */
export function overdueNoticeListing(
  notice: { id: string; receiptDueAt: string },
  context: { projectName: string; listedOn: string },
): OverdueListing {
  return overdueListing(
    listings.overdueNotices,
    `${notice.receiptDueAt}#${notice.id}`,
    { listedProjectName: context.projectName },
    context.listedOn,
  );
}

/** The clause that unlists an item (its acceptance, its receipt): harmless on an item never listed. */
export const UNLIST_OVERDUE = 'REMOVE gsi1pk, gsi1sk, overdueListedOn';

interface Page {
  limit: number;
  nextToken?: string | undefined;
}

/** `GET /v1/overdue/hazards`: overdue hazards, the latest deadline first, paginated. */
export function listOverdueHazards(query: Page) {
  return listingPage([listings.overdueHazards], query, (item) => ({
    id: String(item.id),
    projectId: String(item.projectId),
    projectName: String(item.listedProjectName ?? ''),
    caseId: (item.listedCaseId as string | null | undefined) ?? null,
    category: item.category,
    severity: item.severity,
    unitCreditCode: item.unitCreditCode,
    description: item.description,
    deadline: item.deadline,
    status: item.status,
    overdueSince: item.overdueFlaggedOn,
  }));
}

/** `GET /v1/overdue/notices`: notices whose signed receipt is overdue, the latest due first, paginated. */
export function listOverdueNotices(query: Page) {
  return listingPage([listings.overdueNotices], query, (item) => ({
    id: String(item.id),
    caseId: String(item.caseId),
    projectId: String(item.projectId),
    projectName: String(item.listedProjectName ?? ''),
    noticeType: item.noticeType,
    number: item.number,
    receiptDueOn: item.receiptDueOn,
    receiptDueAt: shanghaiTimestamp(new Date(String(item.receiptDueAt))),
    overdueSince: shanghaiTimestamp(new Date(String(item.receiptOverdueFlaggedAt))),
  }));
}
