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
import { parseArgs } from 'node:util';
import { type LocalEndpoints, sharedEnvironment } from '../infra/local/environment.js';

const USAGE = `usage: npm run backfill:run-index [-- --url http://127.0.0.1:3000 | --aws]

  --url   the running local twin (default http://127.0.0.1:$PORT, PORT defaulting to 3000)
  --aws   the deployed table named by TABLE_NAME, with the shell's AWS credentials`;

/** Projects handled at once: each is one read of its collection and at most one transaction. */
const CONCURRENCY = 8;

async function useLocalTwin(url: string): Promise<void> {
  let health: { endpoints?: LocalEndpoints };
  try {
    health = (await (await fetch(new URL('/health', url))).json()) as typeof health;
  } catch (error) {
    throw new Error(
      `${url} cannot be reached (${error instanceof Error ? error.message : error}): is npm start running?`,
    );
  }
  if (!health.endpoints?.dynamodb) throw new Error(`${url}/health names no DynamoDB endpoint: is it the local twin?`);
  for (const name of ['AWS_SESSION_TOKEN', 'AWS_PROFILE', 'AWS_ENDPOINT_URL']) delete process.env[name];
  Object.assign(process.env, sharedEnvironment(health.endpoints));
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { url: { type: 'string' }, aws: { type: 'boolean' }, help: { type: 'boolean' } },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (values.aws) {
    if (!process.env.TABLE_NAME) throw new Error('--aws needs TABLE_NAME (the deployed table)');
  } else {
    await useLocalTwin(values.url ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`);
  }
  // the store reads its configuration when it is first imported: after the environment is set
  const { backfillAllRunIndexes } = await import('../shared/usecases/run-index-backfill.js');
  const outcome = await backfillAllRunIndexes(new Date(), CONCURRENCY);
  process.stdout.write(
    `评定索引补录完成 backfill done: ${outcome.projects} projects, ${outcome.runEntries} case entries, ` +
      `${outcome.marked} projects marked for the proposal sweep\n`,
  );
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
    process.exit(2);
  },
);
