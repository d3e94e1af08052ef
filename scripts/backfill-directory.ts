/**
 * `npm run backfill:directory [-- --url http://127.0.0.1:3000]`
 * `TABLE_NAME=<table> npm run backfill:directory -- --aws`
 *
 * Gives every project registered before the project directory existed what registration now writes with it: its
 * directory entries (`GET /v1/projects` finds it), the directory fields on its units' `UNIT#` items, and its
 * registration guards (a second registration of it is refused). Idempotent: run it again and it writes nothing.
 * Locally it reaches the running twin's DynamoDB Local (its address from `GET /health`); with `--aws` it uses the
 * table named by TABLE_NAME and the credentials of the shell. Two projects that were registered twice before the
 * rule are listed for a person to decide which stays; the exit status is then 1.
 */
import { runScript, TABLE_OPTIONS_USAGE, tableOfArguments } from './support/store-target.js';

const USAGE = `usage: npm run backfill:directory [-- --url http://127.0.0.1:3000 | --aws]

${TABLE_OPTIONS_USAGE}`;

/** Projects handled at once: each is a handful of small conditional writes. */
const CONCURRENCY = 8;

async function main(): Promise<number> {
  if (!(await tableOfArguments(USAGE))) return 0;
  // the store reads its configuration when it is first imported: after the environment is set
  const { registeredProjectIds } = await import('../shared/store/listing.js');
  const { backfillProjectDirectory } = await import('../shared/usecases/project-directory.js');

  const projectIds = await registeredProjectIds();
  let written = 0;
  let completed = 0;
  const duplicates: string[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < projectIds.length) {
        const projectId = projectIds[next++] as string;
        const outcome = await backfillProjectDirectory(projectId);
        if (outcome.written > 0) completed += 1;
        written += outcome.written;
        for (const duplicate of outcome.duplicateOf) {
          duplicates.push(`${projectId} 与 ${duplicate.projectId} 重复登记（${duplicate.rule}）`);
        }
      }
    }),
  );
  process.stdout.write(
    `项目目录补录完成 backfill done: ${projectIds.length} projects, ${completed} completed, ${written} items written\n`,
  );
  for (const line of duplicates) process.stdout.write(`重复登记 duplicate: ${line}\n`);
  return duplicates.length ? 1 : 0;
}

runScript(main, USAGE);
