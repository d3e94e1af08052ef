/**
 * Building the console (`console/` → `dist/console/`): the API types from the wiring table, then Vite.
 *
 * `npm run build:console` builds it; `npm start`, the e2e tests and the CDK stack call {@link ensureConsoleBuilt},
 * which builds only when `dist/console/index.html` is missing or older than a source it is built from.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** Where the built console lives: the gateway serves it, the stack deploys it. */
export const CONSOLE_DIST = join(ROOT, 'dist/console');

/** What the build reads: the app, and the parts of shared/ its types and vocabulary come from. */
const SOURCES = [
  'console/src',
  'console/public',
  'console/index.html',
  'console/vite.config.ts',
  'console/scripts',
  'shared/wiring.ts',
  'shared/schemas',
  'shared/http/openapi.ts',
  // the pure rules the console runs in the browser (vocabulary, credit codes, thresholds, JGJ 59 scoring)
  'shared/domain',
  'package-lock.json',
];

function newestModification(path: string): number {
  const full = join(ROOT, path);
  if (!existsSync(full)) return 0;
  const stat = statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(full, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && !entry.name.endsWith('.gen.ts'))
    .reduce((newest, entry) => Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs), 0);
}

/** Whether `dist/console` is missing or older than its sources. */
export function consoleBuildIsStale(): boolean {
  const index = join(CONSOLE_DIST, 'index.html');
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  return SOURCES.some((source) => newestModification(source) > built);
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}): void {
  const result = spawnSync(command, args, {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, ...env },
  });
  if (result.status !== 0)
    throw new Error(`${[command, ...args].join(' ')} failed (exit ${result.status ?? result.signal})`);
}

/**
 * Build the console now: generate the API types, run Vite into a temporary folder, then swap it in, so a server
 * reading `dist/console` (or a concurrent build) never sees half a build.
 */
export function buildConsole(): void {
  run(process.execPath, [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), join(ROOT, 'console/scripts/generate-api.ts')]);
  const staging = `${CONSOLE_DIST}.${process.pid}.tmp`;
  rmSync(staging, { recursive: true, force: true });
  run(
    process.execPath,
    [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'console/vite.config.ts', '--logLevel', 'warn'],
    // always a production build: run from a test (vitest sets NODE_ENV=test) Vite would otherwise bundle React's
    // development build, twice the weight and slower, and that is not what the agency is served
    { CONSOLE_OUT_DIR: staging, NODE_ENV: 'production' },
  );
  const previous = `${CONSOLE_DIST}.${process.pid}.old`;
  if (existsSync(CONSOLE_DIST)) renameSync(CONSOLE_DIST, previous);
  renameSync(staging, CONSOLE_DIST);
  rmSync(previous, { recursive: true, force: true });
}

/** Build the console if it is missing or stale, saying so on one line (`log`). Returns whether it built. */
export function ensureConsoleBuilt(log: (line: string) => void = (line) => process.stdout.write(`${line}\n`)): boolean {
  if (!consoleBuildIsStale()) return false;
  log('building the agency console (console/ → dist/console/, about a minute) …');
  const started = Date.now();
  buildConsole();
  log(`console built in ${Math.round((Date.now() - started) / 1000)} s`);
  return true;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--if-stale')) ensureConsoleBuilt();
  else {
    const started = Date.now();
    buildConsole();
    process.stdout.write(`console built into dist/console in ${Math.round((Date.now() - started) / 1000)} s\n`);
  }
}
