/**
 * The monthly run's sparse indexes (docs/evaluation-at-scale.md), kept with the records they index:
 *
 * - **unweighed evidence**: a project with an `UNWEIGHED` marker has evidence no decision weighed. An intake that
 *   leaves the project without an open case writes it in the intake's transaction; the decision that closes a case
 *   (dismissal, release) writes it in its own, since what the decision did not cite is still unweighed. The monthly
 *   proposal sweep reads only the marked projects and removes the marker once nothing is left that could propose
 *   the project without a new intake, or when the project has an open case (the case's closing writes it again).
 *   A proposal leaves an earlier marker in place (the intake functions may not delete): the next sweep removes it
 *   for one read.
 * - **due cases**: an active case has a `RUNENTRY` item listed under its cycle's end; once released, under the
 *   month of its release. The planner lists cases from these small items, never from the full case items.
 *
 * Both are small items in the project's partition, listed on GSI1 (no further index: the table's design is
 * unchanged). Items written before these indexes existed get them from `npm run backfill:run-index`.
 */
import { shanghaiDate } from '../domain/dates.js';
import { newId } from '../ids.js';
import { keys, runListings } from '../store/keys.js';
import type { CaseRecord } from '../store/snapshot.js';
import type { UnitOfWork } from '../store/unit-of-work.js';

/** The marker as stored; `token` changes with every write, so the sweep removes only the marker it read. */
export interface UnweighedMarker {
  token: string;
  /** the day (Shanghai) the last evidence was recorded: a run for an earlier month leaves the marker alone */
  markedOn: string;
}

/** The marker item of a project (new token). */
export function unweighedMarkerItem(projectId: string, now: Date) {
  return {
    ...keys.unweighedMarker(projectId),
    type: 'unweighed-marker',
    gsi1pk: runListings.unweighedShard(projectId),
    gsi1sk: projectId,
    projectId,
    token: newId('req'),
    markedOn: shanghaiDate(now),
  };
}

/** Mark the project for the next proposal sweep, in the caller's transaction. */
export function markUnweighed(uow: UnitOfWork, projectId: string): void {
  uow.put(unweighedMarkerItem(projectId, uow.now));
}

/**
 * A case's entry in the run's indexes as it should be for its state: listed by its cycle's end while active, by
 * the month of its release once released, none otherwise (proposed, dismissed).
 */
export function runEntryItem(record: Pick<CaseRecord, 'id' | 'projectId' | 'status' | 'cycle' | 'releasedOn'>) {
  const base = { ...keys.runEntry(record.projectId, record.id), type: 'run-entry', projectId: record.projectId };
  if (record.status === 'active' && record.cycle) {
    const cycleEnd = record.cycle.end;
    return {
      ...base,
      gsi1pk: runListings.dueShard(record.id),
      gsi1sk: `${cycleEnd}#${record.id}`,
      id: record.id,
      cycleEnd,
    };
  }
  if (record.status === 'released' && record.releasedOn) {
    return {
      ...base,
      gsi1pk: runListings.releasedInShard(record.releasedOn.slice(0, 7), record.id),
      gsi1sk: record.id,
      id: record.id,
      releasedOn: record.releasedOn,
    };
  }
  return undefined;
}

/**
 * Write the case's run entry in the caller's transaction, after a change of status or cycle; remove it if the case
 * had one and no longer should (a proposed case never had one: dismissing it deletes nothing).
 */
export function writeRunEntry(uow: UnitOfWork, before: CaseRecord, after: CaseRecord): void {
  const item = runEntryItem(after);
  if (item) uow.put(item);
  else if (runEntryItem(before)) uow.delete(keys.runEntry(after.projectId, after.id));
}
