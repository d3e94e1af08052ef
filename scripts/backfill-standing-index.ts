/**
 * `npm run backfill:standing-index [-- --url http://127.0.0.1:3000]`
 * `TABLE_NAME=<table> npm run backfill:standing-index -- --aws`
 *
 * Gives findings and cases written before the standing index existed (shared/store/project-window.ts) their standing
 * entries, then records the migration as done: intake, the case preview and the monthly evaluation stop reading
 * whole item collections and read the rules' windows. Idempotent and safe beside live traffic
 * (shared/usecases/standing-index-backfill.ts): run it again and it writes nothing; until it has finished, the reads
 * stay whole (correct, only dearer).
 * Locally it reaches the running twin's DynamoDB Local (its address from `GET /health`); with `--aws` it uses the
 * table named by TABLE_NAME and the credentials of the shell.
 */
import { runScript, TABLE_OPTIONS_USAGE, tableOfArguments } from './support/store-target.js';

const USAGE = `usage: npm run backfill:standing-index [-- --url http://127.0.0.1:3000 | --aws]

${TABLE_OPTIONS_USAGE}`;

/** Projects handled at once: each is one read of its collection and a few BatchWriteItem requests. */
const CONCURRENCY = 8;

async function main(): Promise<number> {
  const table = await tableOfArguments(USAGE);
  if (!table) return 0;
  const { now } = table;
  // the store reads its configuration when it is first imported: after the environment is set
  const { backfillAllStandingIndexes } = await import('../shared/usecases/standing-index-backfill.js');
  const outcome = await backfillAllStandingIndexes(now, CONCURRENCY);
  process.stdout.write(
    `在办事项索引补录完成 backfill done: ${outcome.projects} projects, ${outcome.findings} finding entries, ` +
      `${outcome.cases} case entries\n`,
  );
  return 0;
}

runScript(main, USAGE);
