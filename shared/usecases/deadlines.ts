import { isOverdue } from '../domain/conditions.js';
import { shanghaiDate } from '../domain/dates.js';
import type { TimelineEntryContent } from '../domain/timeline.js';
import { log } from '../log.js';
import { keys } from '../store/keys.js';
import { registeredProjectIds } from '../store/listing.js';
import { readOpenStanding, readProjectRecords, standingIndexComplete } from '../store/project-window.js';
import { type ProjectSnapshot, readSnapshot } from '../store/snapshot.js';
import { ConditionFailed, UnitOfWork } from '../store/unit-of-work.js';
import { CASE_VERSION, changeCase } from './case-records.js';
import { overdueHazardListing, overdueNoticeListing } from './overdue.js';

const PARALLEL_PROJECTS = 8;
const ACTOR = 'system:deadlines';
const FLAGS_PER_TRANSACTION = 45;

export interface DeadlineSweepResult {
  projects: number;
  hazardsOverdue: number;
  receiptsOverdue: number;
}

/**
 * The daily deadline sweep: flags every hazard that passed its rectification deadline without being accepted
 * (`HazardOverdue`) and every notice whose signed receipt did not come back in time (`NoticeReceiptOverdue`).
 * Each flag is a conditional write with its event, so a re-run — or a redelivered schedule — changes nothing.
 */
export async function sweepDeadlines(now: Date): Promise<DeadlineSweepResult> {
  const result: DeadlineSweepResult = { projects: 0, hazardsOverdue: 0, receiptsOverdue: 0 };
  const queue: string[] = [];
  queue.push(...(await registeredProjectIds()));
  const workers = Array.from({ length: PARALLEL_PROJECTS }, async () => {
    for (let projectId = queue.shift(); projectId; projectId = queue.shift()) {
      const flagged = await sweepProject(projectId, now);
      result.projects += 1;
      result.hazardsOverdue += flagged.hazards;
      result.receiptsOverdue += flagged.receipts;
    }
  });
  await Promise.all(workers);
  return result;
}

/**
 * What the sweep weighs of a project: its findings not yet accepted and the notices of its cases, with the cases
 * (the open one gets the timeline entry) and the project (its name, for the overdue listings). The standing index
 * names them in one small Query; a project with neither is done after it, and one with some reads them by key and
 * its cases' notices — never the whole collection of every registered project, every day (issue 13). Until the
 * standing index is complete on the table, the whole collection, as before. Undefined: nothing to weigh.
 */
async function readSweepScope(projectId: string): Promise<ProjectSnapshot | undefined> {
  if (!(await standingIndexComplete())) return readSnapshot(projectId);
  const open = await readOpenStanding(projectId);
  if (!open.findingIds.length && !open.caseIds.length) return undefined;
  return readProjectRecords(
    projectId,
    [
      ...open.caseIds.map((caseId) => keys.supervisionCase(projectId, caseId)),
      ...open.findingIds.map((findingId) => keys.hazard(projectId, findingId)),
    ],
    open.caseIds.map((caseId) => keys.noticePrefix(caseId)),
  );
}

/**
 * One project's overdue hazards and receipts, flagged in transactions of at most 50 flags (a transaction holds 100
 * items: each flag is an update and an outbox event), re-reading after each; a race with another writer re-reads.
 */
export async function sweepProject(projectId: string, now: Date): Promise<{ hazards: number; receipts: number }> {
  const today = shanghaiDate(now);
  const flagged = { hazards: 0, receipts: 0 };
  for (let races = 0; races < 5; ) {
    const snapshot = await readSweepScope(projectId);
    if (!snapshot) return flagged;
    const hazards = snapshot.findings.filter((finding) => isOverdue(finding, today) && !finding.overdueFlaggedOn);
    const receipts = snapshot.notices.filter(
      (notice) =>
        !notice.acknowledgedAt && !notice.receiptOverdueFlaggedAt && Date.parse(notice.receiptDueAt) < now.getTime(),
    );
    // flagged before the overdue listings existed, still overdue, not listed yet: listed now, without a new event
    const unlistedHazards = snapshot.findings.filter(
      (finding) => finding.overdueFlaggedOn && !finding.overdueListedOn && isOverdue(finding, today),
    );
    const unlistedNotices = snapshot.notices.filter(
      (notice) => notice.receiptOverdueFlaggedAt && !notice.overdueListedOn && !notice.acknowledgedAt,
    );
    if (!hazards.length && !receipts.length && !unlistedHazards.length && !unlistedNotices.length) return flagged;

    // a flag is an update and an outbox event; 45 of them, the case update and one timeline entry fit in 100 items
    const hazardBatch = hazards.slice(0, FLAGS_PER_TRANSACTION);
    const receiptBatch = receipts.slice(0, FLAGS_PER_TRANSACTION - hazardBatch.length);
    const room = FLAGS_PER_TRANSACTION - hazardBatch.length - receiptBatch.length;
    const hazardListingBatch = unlistedHazards.slice(0, room);
    const noticeListingBatch = unlistedNotices.slice(0, room - hazardListingBatch.length);
    const caseId = snapshot.openCase?.id ?? null;
    const projectName = snapshot.project.name;
    const uow = new UnitOfWork(now);
    for (const hazard of hazardBatch) {
      const listing = overdueHazardListing(hazard, { projectName, caseId, listedOn: today });
      uow.update(
        keys.hazard(projectId, hazard.id),
        {
          expression: `SET overdueFlaggedOn = :today, ${listing.clauses.join(', ')}`,
          values: { ':today': today, ...listing.values },
        },
        { condition: { expression: 'attribute_not_exists(overdueFlaggedOn)' }, label: 'hazard-flag' },
      );
      uow.emit('HazardOverdue', hazard.id, {
        hazardId: hazard.id,
        projectId,
        caseId: snapshot.openCase?.id ?? null,
        deadline: hazard.deadline,
        unitCreditCode: hazard.unitCreditCode,
        category: hazard.category,
      });
    }
    for (const notice of receiptBatch) {
      const listing = overdueNoticeListing(notice, { projectName, listedOn: today });
      uow.update(
        keys.notice(projectId, notice.caseId, notice.id),
        {
          expression: `SET receiptOverdueFlaggedAt = :now, ${listing.clauses.join(', ')}`,
          values: { ':now': now.toISOString(), ...listing.values },
        },
        {
          condition: {
            expression: 'attribute_not_exists(receiptOverdueFlaggedAt) AND acknowledgedAt = :null',
            values: { ':null': null },
          },
          label: 'receipt-flag',
        },
      );
      uow.emit('NoticeReceiptOverdue', notice.id, {
        noticeId: notice.id,
        caseId: notice.caseId,
        projectId,
        number: notice.number,
        receiptDueAt: notice.receiptDueAt,
      });
    }
    for (const hazard of hazardListingBatch) {
      const listing = overdueHazardListing(hazard, { projectName, caseId, listedOn: today });
      uow.update(
        keys.hazard(projectId, hazard.id),
        { expression: `SET ${listing.clauses.join(', ')}`, values: listing.values },
        {
          condition: {
            expression: 'attribute_not_exists(overdueListedOn) AND #status <> :accepted',
            names: { '#status': 'status' },
            values: { ':accepted': 'accepted' },
          },
          label: 'overdue-listing',
        },
      );
    }
    for (const notice of noticeListingBatch) {
      const listing = overdueNoticeListing(notice, { projectName, listedOn: today });
      uow.update(
        keys.notice(projectId, notice.caseId, notice.id),
        { expression: `SET ${listing.clauses.join(', ')}`, values: listing.values },
        {
          condition: {
            expression: 'attribute_not_exists(overdueListedOn) AND acknowledgedAt = :null',
            values: { ':null': null },
          },
          label: 'overdue-listing',
        },
      );
    }
    if (snapshot.openCase && (hazardBatch.length || receiptBatch.length)) {
      const entry: TimelineEntryContent = {
        at: now.toISOString(),
        actor: ACTOR,
        action: 'deadlines_passed',
        detail: {
          overdueHazards: hazardBatch.map((hazard) => ({ id: hazard.id, deadline: hazard.deadline })),
          overdueReceipts: receiptBatch.map((notice) => ({
            id: notice.id,
            number: notice.number,
            dueAt: notice.receiptDueAt,
          })),
        },
        evidence: [...hazardBatch.map((hazard) => hazard.id), ...receiptBatch.map((notice) => notice.id)],
      };
      changeCase(uow, snapshot.openCase, { entries: [entry] });
    }
    try {
      await uow.commit();
      flagged.hazards += hazardBatch.length;
      flagged.receipts += receiptBatch.length;
    } catch (error) {
      if (!(error instanceof ConditionFailed)) throw error;
      if (![CASE_VERSION, 'hazard-flag', 'receipt-flag', 'overdue-listing'].includes(error.label)) throw error;
      races += 1;
      log.info('deadline sweep raced another writer, re-reading', { projectId, label: error.label, races });
    }
  }
  return flagged;
}
