import type { TestProject } from 'vitest/node';
import { startLocalStack } from '../../infra/local/stack.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** the local gateway, e.g. `http://127.0.0.1:41234` */
    localBaseUrl: string;
    /** the functions' environment: table, buckets, bus, and the AWS SDK endpoints of the local services */
    localEnv: Record<string, string>;
  }
}

/**
 * Start the local twin once for the whole integration suite: fresh (in memory, empty), on a free port, quiet.
 * Test workers get its URL and environment through `provide` (copied to process.env by setup-env.ts).
 */
export default async function setup(project: TestProject) {
  // the functions' info logs would bury the test report; LOG_LEVEL=info brings them back when debugging
  process.env.LOG_LEVEL ??= 'warn';
  const stack = await startLocalStack({ port: 0, fresh: true, quiet: true });
  project.provide('localBaseUrl', stack.url);
  project.provide('localEnv', stack.environment);
  return async () => {
    await stack.stop();
  };
}
