/**
 * `npm run backfill:run-index`: gives items written before the monthly run's sparse indexes existed what the code
 * now writes with them (run-index.ts): each active or released case its `RUNENTRY` item, each project without an
 * open case an `UNWEIGHED` marker (its evidence was never looked at by a sweep with the index: the first sweep after
 * the backfill looks at it once and removes the marker if nothing is left). When every project is done it records
 * that the table is migrated; until then the planner reads the old listings beside the new indexes, so a run
 * between a deployment and the backfill still judges every case and re-examines every project.
 *
 * Safe beside live traffic and idempotent: a run entry is written in a transaction conditional on the case's
 * version (`timelineSeq`) as read, so a case that changed meanwhile is read again; a marker is only added where
 * none is; a second run writes nothing.
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, TABLE_NAME } from '../store/client.js';
import { keys } from '../store/keys.js';
import { registeredProjectIds } from '../store/listing.js';
import { readProjectCollection } from '../store/project-collection.js';
import { snapshotOf } from '../store/snapshot.js';
import { ConditionFailed, UnitOfWork } from '../store/unit-of-work.js';
import { runEntryItem, unweighedMarkerItem } from './run-index.js';

/** The migration this backfill completes (`MIGRATION#run-index`): the planner stops reading the old listings. */
export const RUN_INDEX_MIGRATION = 'run-index';

/** What the backfill did for one project. */
export interface RunIndexBackfillOutcome {
  projectId: string;
  runEntries: number;
  marked: boolean;
}

const sameEntry = (a: Record<string, unknown> | undefined, b: Record<string, unknown>) =>
  a !== undefined && a.gsi1pk === b.gsi1pk && a.gsi1sk === b.gsi1sk;

/** Backfill one project's run entries and marker (see the module's comment). */
export async function backfillRunIndex(projectId: string, now: Date): Promise<RunIndexBackfillOutcome> {
  const outcome: RunIndexBackfillOutcome = { projectId, runEntries: 0, marked: false };
  for (let attempt = 1; ; attempt++) {
    const items = await readProjectCollection(projectId);
    const snapshot = snapshotOf(items);
    if (!snapshot) return outcome;
    const stored = new Map(items.filter((item) => item.type === 'run-entry').map((item) => [String(item.id), item]));
    const uow = new UnitOfWork(now);
    let writes = 0;
    for (const record of snapshot.cases) {
      const entry = runEntryItem(record);
      if (!entry || sameEntry(stored.get(record.id), entry)) continue;
      uow.put(entry);
      uow.check(
        keys.supervisionCase(projectId, record.id),
        { expression: '#seq = :seq', names: { '#seq': 'timelineSeq' }, values: { ':seq': record.timelineSeq } },
        'case-changed',
      );
      writes += 1;
    }
    const mark = !snapshot.openCase && !snapshot.unweighedMarker;
    if (mark) {
      uow.put(unweighedMarkerItem(projectId, now), { condition: { expression: 'attribute_not_exists(pk)' } });
    }
    if (writes === 0 && !mark) return outcome;
    try {
      await uow.commit();
      return { projectId, runEntries: writes, marked: mark };
    } catch (error) {
      // a case changed (its own change wrote its entry) or an intake marked the project: read again
      if (!(error instanceof ConditionFailed) || attempt >= 5) throw error;
    }
  }
}

/** Record that every item has its run-index entries: the planner reads only the sparse indexes from now on. */
export async function recordRunIndexMigrated(now: Date): Promise<void> {
  await dynamo.send(
    new PutCommand({
      TableName: TABLE_NAME,
      Item: { ...keys.migration(RUN_INDEX_MIGRATION), type: 'migration', completedAt: now.toISOString() },
    }),
  );
}

/** Whether the run-index backfill has completed on this table (a table created with the indexes counts as done). */
export async function runIndexMigrated(): Promise<boolean> {
  const item = await dynamo.send(
    new GetCommand({ TableName: TABLE_NAME, Key: keys.migration(RUN_INDEX_MIGRATION), ConsistentRead: true }),
  );
  return item.Item !== undefined;
}

/**
 * Backfill every registered project, `concurrency` at a time, then record the migration as done (only after all
 * of them: a backfill that stopped halfway is simply run again).
 */
export async function backfillAllRunIndexes(
  now: Date,
  concurrency = 8,
): Promise<{ projects: number; runEntries: number; marked: number }> {
  const projectIds = await registeredProjectIds();
  const totals = { projects: projectIds.length, runEntries: 0, marked: 0 };
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < projectIds.length) {
        const outcome = await backfillRunIndex(projectIds[next++] as string, now);
        totals.runEntries += outcome.runEntries;
        if (outcome.marked) totals.marked += 1;
      }
    }),
  );
  await recordRunIndexMigrated(now);
  return totals;
}
