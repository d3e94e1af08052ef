/**
 * `npm run backfill:run-index [-- --url http://127.0.0.1:3000]`
 * `TABLE_NAME=<table> npm run backfill:run-index -- --aws`
 *
 * Gives items written before the monthly run's sparse indexes existed (docs/evaluation-at-scale.md) their entries:
 * each active or released case its due / released entry, each project without an open case its "unweighed
 * evidence" marker; then records the migration as done, and the planner stops reading the old listings. Idempotent
 * and safe beside live traffic (shared/usecases/run-index-backfill.ts): run it again and it writes nothing. Run it
 * once after deploying the indexes, before the next monthly run for cost (the run is correct either way).
 * Locally it reaches the running twin's DynamoDB Local (its address from `GET /health`); with `--aws` it uses the
 * table named by TABLE_NAME and the credentials of the shell.
 */
import { runScript, TABLE_OPTIONS_USAGE, tableOfArguments } from './support/store-target.js';

const USAGE = `usage: npm run backfill:run-index [-- --url http://127.0.0.1:3000 | --aws]

${TABLE_OPTIONS_USAGE}`;

/** Projects handled at once: each is one read of its collection and at most one transaction. */
const CONCURRENCY = 8;

async function main(): Promise<number> {
  const table = await tableOfArguments(USAGE);
  if (!table) return 0;
  const { now } = table;
  // the store reads its configuration when it is first imported: after the environment is set
  const { backfillAllRunIndexes } = await import('../shared/usecases/run-index-backfill.js');
  const outcome = await backfillAllRunIndexes(now, CONCURRENCY);
  process.stdout.write(
    `评定索引补录完成 backfill done: ${outcome.projects} projects, ${outcome.runEntries} case entries, ` +
      `${outcome.marked} projects marked for the proposal sweep\n`,
  );
  return 0;
}

runScript(main, USAGE);
