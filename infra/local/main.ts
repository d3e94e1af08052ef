/**
 * `npm start`: the whole product on this machine (see docs/local.md).
 *
 *   npm start                      persistent data under .local/, port 3000 (or $PORT)
 *   npm start -- --fresh           in memory and empty
 *   npm start -- --port 3999       another port
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ensureConsoleBuilt } from '../../console/scripts/build.js';
import { LocalStartError } from './dynamodb-local.js';
import { type LocalStack, startLocalStack } from './stack.js';

export { startLocalStack } from './stack.js';

const USAGE = 'Usage: npm start -- [--fresh] [--port N] [--data-dir DIR] [--quiet]';

function parsePort(text: string | undefined): number {
  if (text === undefined) return 3000;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`"${text}" is not a port number (0–65535). ${USAGE}`);
    process.exit(2);
  }
  return port;
}

async function main(): Promise<void> {
  let values: { fresh?: boolean; port?: string; 'data-dir'?: string; quiet?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      options: {
        fresh: { type: 'boolean' },
        port: { type: 'string' },
        'data-dir': { type: 'string' },
        quiet: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    process.exit(2);
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }

  // The agency console is static files: built here when missing or older than its sources (a minute at most).
  try {
    ensureConsoleBuilt((line) => console.log(line));
  } catch (error) {
    console.error(
      `the agency console could not be built (/console/ will say so): ${error instanceof Error ? error.message : error}`,
    );
  }

  let stack: LocalStack;
  try {
    stack = await startLocalStack({
      port: parsePort(values.port ?? process.env.PORT),
      fresh: values.fresh ?? false,
      ...(values['data-dir'] ? { dataDir: values['data-dir'] } : {}),
      quiet: values.quiet ?? false,
    });
  } catch (error) {
    // A problem the user can fix is one line; anything else keeps its stack for whoever debugs it.
    console.error(error instanceof LocalStartError ? error.message : error);
    process.exit(1);
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the local twin…`);
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    await stack.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  console.log(stack.dataDir ? `data: ${stack.dataDir} (persistent)` : 'data: in memory (--fresh)');
  console.log(`try:  curl ${stack.url}/health   ·   docs: docs/local.md   ·   Ctrl-C stops everything`);
  console.log(`console: ${stack.url}/console/   (sign in as an officer at once: ${stack.url}/console/#as=officer)`);
  console.log(`ready ${stack.url}`);
}

// Run only as the entry point, so tests may import startLocalStack from here without starting a stack.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
