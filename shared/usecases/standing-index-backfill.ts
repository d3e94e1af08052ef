/**
 * `npm run backfill:standing-index`: gives findings and cases written before the standing index existed
 * (shared/store/project-window.ts) their standing entries — each finding `OPEN`, or `ACCEPTED` on the day of its
 * acceptance, each case its `SUPERVISION` entry — and, when every project is done, records the `standing-index`
 * migration: from then on intake and evaluation read the rules' windows instead of whole collections. Until then
 * they read whole collections, so the backfill can run at any time beside live traffic.
 *
 * Idempotent: an entry is written only where it is missing, and a second run writes nothing. A finding accepted
 * between this backfill's read and its write can be left with an `OPEN` entry beside its `ACCEPTED` one: the
 * windowed read then reads that finding by key and sees it accepted — one item too many, never one too few.
 */
import { BatchWriteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, TABLE_NAME } from '../store/client.js';
import { keys } from '../store/keys.js';
import { registeredProjectIds } from '../store/listing.js';
import { readProjectCollection, type StoredItem } from '../store/project-collection.js';
import { STANDING_INDEX_MIGRATION, standingCaseItem, standingFindingItem } from '../store/project-window.js';

/** What the backfill wrote for one project. */
export interface StandingBackfillOutcome {
  projectId: string;
  findings: number;
  cases: number;
}

/** Write the standing entries one project lacks (see the module's comment). */
export async function backfillStandingIndex(projectId: string): Promise<StandingBackfillOutcome> {
  const items = await readProjectCollection(projectId);
  const present = new Set(items.filter((item) => item.type === 'standing').map((item) => item.sk));
  const wanted: StoredItem[] = [];
  let findings = 0;
  let cases = 0;
  for (const item of items) {
    if (item.type === 'finding') {
      const entry = standingFindingItem(projectId, item as unknown as Parameters<typeof standingFindingItem>[1]);
      if (!present.has(entry.sk)) {
        wanted.push(entry);
        findings += 1;
      }
    } else if (item.type === 'case') {
      const entry = standingCaseItem(projectId, String(item.id));
      if (!present.has(entry.sk)) {
        wanted.push(entry);
        cases += 1;
      }
    }
  }
  for (let start = 0; start < wanted.length; start += 25) {
    let requests = wanted.slice(start, start + 25).map((Item) => ({ PutRequest: { Item } }));
    for (let attempt = 0; requests.length > 0; attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 20 * 2 ** attempt)));
      const result = await dynamo.send(new BatchWriteCommand({ RequestItems: { [TABLE_NAME]: requests } }));
      requests = (result.UnprocessedItems?.[TABLE_NAME] ?? []) as typeof requests;
    }
  }
  return { projectId, findings, cases };
}

/**
 * Backfill every registered project, `concurrency` at a time, then record the migration as done (only after all
 * of them: a backfill that stopped halfway is simply run again).
 */
export async function backfillAllStandingIndexes(
  now: Date,
  concurrency = 8,
): Promise<{ projects: number; findings: number; cases: number }> {
  const projectIds = await registeredProjectIds();
  const totals = { projects: projectIds.length, findings: 0, cases: 0 };
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < projectIds.length) {
        const outcome = await backfillStandingIndex(projectIds[next++] as string);
        totals.findings += outcome.findings;
        totals.cases += outcome.cases;
      }
    }),
  );
  await dynamo.send(
    new PutCommand({
      TableName: TABLE_NAME,
      Item: { ...keys.migration(STANDING_INDEX_MIGRATION), type: 'migration', completedAt: now.toISOString() },
    }),
  );
  return totals;
}
