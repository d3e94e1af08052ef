/**
 * Where a maintenance script (the backfills) reads and writes: the running local twin's DynamoDB Local (its address
 * and clock from `GET /health`), or with `--aws` the deployed table named by TABLE_NAME with the shell's credentials.
 * Call it before importing anything of `shared/store/`: the store reads its configuration when first imported.
 */
import { parseArgs } from 'node:util';
import { type LocalEndpoints, sharedEnvironment } from '../../infra/local/environment.js';

/** The arguments were wrong (exit status 2). */
export class UsageError extends Error {}

/** No local twin answers at the URL (exit status 3). */
export class NoStackError extends Error {}

/**
 * Points the process at the table (`--aws`, or the twin at `url`, default `http://127.0.0.1:$PORT`): answers the
 * time the script should take as now (the twin's clock when it is set, else the real time).
 */
export async function useStoreOf(values: { url?: string; aws?: boolean }): Promise<{ now: Date }> {
  if (values.aws) {
    if (!process.env.TABLE_NAME) throw new UsageError("--aws needs TABLE_NAME (the stack's TableName output)");
    return { now: new Date() };
  }
  const url = values.url ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`;
  let health: { clock?: { now?: string }; endpoints?: LocalEndpoints };
  try {
    health = (await (await fetch(new URL('/health', url))).json()) as typeof health;
  } catch (error) {
    throw new NoStackError(
      `${url} cannot be reached (${error instanceof Error ? error.message : error}): is npm start running?`,
    );
  }
  if (!health.endpoints?.dynamodb)
    throw new NoStackError(`${url}/health names no DynamoDB endpoint: is it the local twin?`);
  // the twin's configuration: the table's name, DynamoDB Local's address, the local credentials (and nothing from
  // the developer's shell that would mix with them)
  for (const name of ['AWS_SESSION_TOKEN', 'AWS_PROFILE', 'AWS_ENDPOINT_URL']) delete process.env[name];
  Object.assign(process.env, sharedEnvironment(health.endpoints));
  return { now: health.clock?.now ? new Date(health.clock.now) : new Date() };
}

/** The usage lines of the two options {@link tableOfArguments} reads. */
export const TABLE_OPTIONS_USAGE = `  --url   the running local twin (default http://127.0.0.1:$PORT, PORT defaulting to 3000)
  --aws   the deployed table named by TABLE_NAME, with the shell's AWS credentials`;

/**
 * A backfill's command line (`--url`, `--aws`, `--help`): points the process at its table ({@link useStoreOf}) and
 * answers the time to take as now, or null after printing `usage` for `--help`.
 */
export async function tableOfArguments(usage: string): Promise<{ now: Date } | null> {
  const { values } = parseArgs({
    options: { url: { type: 'string' }, aws: { type: 'boolean' }, help: { type: 'boolean' } },
  });
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return null;
  }
  return useStoreOf(values);
}

/** A script's `main` run to its exit status: a usage error is 2 (with the usage), no stack 3, any other failure 1. */
export function runScript(main: () => Promise<number>, usage: string): void {
  main().then(
    (status) => process.exit(status),
    (error: unknown) => {
      // parseArgs refuses an unknown or malformed option with an ERR_PARSE_ARGS_* code
      const parseArgs = String((error as { code?: unknown } | null)?.code ?? '').startsWith('ERR_PARSE_ARGS');
      if (error instanceof UsageError || parseArgs) {
        process.stderr.write(`${(error as Error).message}\n${usage}\n`);
        process.exit(2);
      }
      if (error instanceof NoStackError) {
        process.stderr.write(`${error.message}\n`);
        process.exit(3);
      }
      process.stderr.write(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
}
