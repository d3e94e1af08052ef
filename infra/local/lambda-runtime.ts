import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { build } from 'esbuild';
import { clockSetting } from '../../shared/clock.js';
import { log } from '../../shared/log.js';
import { type FunctionName, functions } from '../../shared/wiring.js';
import { LOCAL_ACCOUNT, LOCAL_REGION } from './environment.js';
import type { ErrorData, InvokeMessage, ThreadMessage } from './function-thread.js';

/**
 * Lambda runs concurrent invocations in separate environments, each with its own CPU; the twin runs them all in
 * one event loop, often on two shared cores, so fifty concurrent calls take far longer each than in AWS. The
 * wiring table's timeouts are stretched by this factor (LOCAL_TIMEOUT_FACTOR, default 10): a hung function still
 * fails, a busy machine does not.
 */
function localTimeoutFactor(): number {
  const factor = Number(process.env.LOCAL_TIMEOUT_FACTOR ?? 10);
  return Number.isFinite(factor) && factor > 0 ? factor : 10;
}

/** A function ran longer than its `timeoutSeconds` in the wiring table (Lambda would have stopped it). */
export class FunctionTimeoutError extends Error {
  constructor(functionName: string, seconds: number) {
    super(`Task timed out after ${seconds} seconds (${functionName})`);
    this.name = 'FunctionTimeoutError';
  }
}

/** A function's module could not be imported (not written yet, a syntax error, a missing export). */
export class FunctionLoadError extends Error {
  constructor(functionName: string, entry: string, cause: unknown) {
    super(
      `The function ${functionName} (${entry}) could not be loaded: ${cause instanceof Error ? cause.message : String(cause)}`,
    );
    this.name = 'FunctionLoadError';
  }
}

/** A function's thread: loading (until `ready`), its pending invocations. */
interface FunctionThread {
  worker: Promise<Worker>;
  ready: Promise<void>;
  pending: Map<number, { resolve: (value: unknown) => void; reject: (error: unknown) => void }>;
  /** the thread ended (an uncaught error in the function, or stop): calls go to a new one */
  exited: boolean;
}

/** An error that crossed from a function's thread, rebuilt with its name, message and stack. */
function rebuiltError(data: ErrorData): Error {
  const error = new Error(data.message);
  error.name = data.name;
  if (data.stack) error.stack = data.stack;
  return error;
}

/**
 * A function thread's first code: plain JavaScript (the thread has no TypeScript loader), it imports the function's
 * bundle; an error while evaluating it (configuration missing at cold start) is reported as a load failure.
 */
const THREAD_BOOTSTRAP = `
const { parentPort, workerData } = require('node:worker_threads');
process.setSourceMapsEnabled(true);
import(workerData.bundle).catch((error) => parentPort.postMessage({
  type: 'load-failed',
  error: { name: error?.name ?? 'Error', message: String(error?.message ?? error), stack: error?.stack },
}));
`;

/** Bundles older than this are removed when a function is bundled again (nothing still loads them by then). */
const STALE_BUNDLE_MS = 60 * 60 * 1000;

/**
 * Runs the functions of the wiring table as Lambda would, each in its own worker thread: its own module graph and
 * its own `process.env`, holding exactly the environment its wiring row grants (shared/function-environment.ts,
 * the derivation the CDK stack uses), so a function that reads a variable it was not granted fails here as it
 * would in AWS. On a function's first invocation (its cold start) its handler is bundled with esbuild, as CDK
 * bundles it (npm packages stay outside, loaded from node_modules), and a thread imports the bundle; the thread then
 * serves every invocation of that function. Each call gets a Lambda-like context and the local clock; a call that
 * outlives the function's timeout fails with Lambda's message.
 */
export class LambdaRuntime {
  private readonly threads = new Map<FunctionName, FunctionThread>();
  private environmentOf: ((name: FunctionName) => Record<string, string>) | undefined;
  private nextId = 1;
  private stopped = false;
  /** bundles live under node_modules, so their `import 'pdfkit'` finds the repository's packages */
  private readonly bundleDir: string;

  constructor(private readonly root: string) {
    this.bundleDir = join(root, 'node_modules', '.cache', 'supervision-local-functions');
    // each thread's console output is forwarded through this process's stdout and stderr, one listener per thread:
    // one thread per function is expected, not a leak
    for (const stream of [process.stdout, process.stderr]) {
      stream.setMaxListeners(stream.getMaxListeners() + Object.keys(functions).length);
    }
  }

  /** The environment each function starts with; set before the first invocation. */
  useEnvironment(environmentOf: (name: FunctionName) => Record<string, string>): void {
    this.environmentOf = environmentOf;
  }

  /** Invoke a function with an event; resolves with what the handler returns, rejects with what it throws. */
  async invoke(name: FunctionName, event: unknown, requestId: string = randomUUID()): Promise<unknown> {
    const spec = functions[name];
    let thread = this.thread(name);
    await thread.ready;
    // a thread that ended while this call waited for it never saw the call: Lambda would give it a new environment
    while (thread.exited) {
      thread = this.thread(name);
      await thread.ready;
    }
    const worker = await thread.worker;
    const timeoutSeconds = spec.timeoutSeconds * localTimeoutFactor();
    const deadline = Date.now() + timeoutSeconds * 1000;
    const id = this.nextId++;
    const message: InvokeMessage = {
      type: 'invoke',
      id,
      event,
      deadline,
      clock: clockSetting(),
      context: {
        callbackWaitsForEmptyEventLoop: true,
        functionName: `supervision-local-${name}`,
        functionVersion: '$LATEST',
        invokedFunctionArn: `arn:aws:lambda:${LOCAL_REGION}:${LOCAL_ACCOUNT}:function:supervision-local-${name}`,
        memoryLimitInMB: String(spec.memoryMiB),
        awsRequestId: requestId,
        logGroupName: `/aws/lambda/supervision-local-${name}`,
        logStreamName: 'local',
      },
    };
    let timer: NodeJS.Timeout | undefined;
    const result = new Promise<unknown>((resolveCall, rejectCall) => {
      thread.pending.set(id, { resolve: resolveCall, reject: rejectCall });
      timer = setTimeout(() => {
        // Lambda would stop the environment; the thread is shared by concurrent calls, so only this call fails
        thread.pending.delete(id);
        rejectCall(new FunctionTimeoutError(name, timeoutSeconds));
      }, timeoutSeconds * 1000);
    });
    try {
      worker.postMessage(message);
      return await result;
    } finally {
      clearTimeout(timer);
      thread.pending.delete(id);
    }
  }

  /** End every function's thread (what `stop()` of the local twin does last). */
  async stop(): Promise<void> {
    this.stopped = true;
    const threads = [...this.threads.values()];
    this.threads.clear();
    await Promise.all(
      threads.map((thread) => thread.worker.then((worker) => worker.terminate()).catch(() => undefined)),
    );
  }

  private thread(name: FunctionName): FunctionThread {
    const running = this.threads.get(name);
    if (running) return running;
    if (this.stopped) throw new Error(`The local twin is stopping: ${name} is not started again`);
    const environmentOf = this.environmentOf;
    if (!environmentOf) throw new Error('LambdaRuntime.useEnvironment must be called before any invocation');
    const entry = functions[name].entry;
    const pending: FunctionThread['pending'] = new Map();
    let markReady: () => void = () => {};
    let failLoading: (error: unknown) => void = () => {};
    const ready = new Promise<void>((resolveReady, rejectReady) => {
      markReady = resolveReady;
      failLoading = rejectReady;
    });
    // awaited by each invocation; this one only keeps an early failure from being reported as unhandled
    ready.catch(() => {});
    const forget = () => {
      if (this.threads.get(name) === thread) this.threads.delete(name);
    };
    const worker = this.bundle(name).then(
      (bundle) => {
        const started = new Worker(THREAD_BOOTSTRAP, {
          eval: true,
          env: environmentOf(name),
          workerData: { bundle: pathToFileURL(bundle).href },
        });
        // a thread does not keep the process alive: stopping the twin is what ends it
        started.unref();
        started.on('message', (message: ThreadMessage) => {
          if (message.type === 'ready') markReady();
          else if (message.type === 'load-failed') {
            // a module that failed to load (a configuration error at cold start) is loaded again on the next call
            forget();
            void started.terminate();
            failLoading(new FunctionLoadError(name, entry, rebuiltError(message.error)));
          } else {
            const call = pending.get(message.id);
            if (!call) return; // timed out already
            if (message.type === 'result') call.resolve(message.value);
            else call.reject(rebuiltError(message.error));
          }
        });
        started.on('error', (error) => {
          // an error the function did not catch (an unhandled rejection): as Lambda's runtime, the environment
          // ends, its calls fail, the next call starts a new one
          log.warn('a function thread ended on an uncaught error', { function: name, error });
          thread.exited = true;
          forget();
          failLoading(new FunctionLoadError(name, entry, error));
          for (const call of pending.values()) call.reject(error);
        });
        started.on('exit', (code) => {
          thread.exited = true;
          forget();
          // stopping the twin ends its threads: their calls are abandoned, not failed into retries and DLQs
          if (this.stopped) return;
          failLoading(new FunctionLoadError(name, entry, `its thread exited (code ${code})`));
          for (const call of pending.values()) {
            call.reject(new Error(`The ${name} function's thread exited (code ${code})`));
          }
        });
        return started;
      },
      (error: unknown) => {
        // not bundled (not written yet, a syntax error, no `handler` export): tried again on the next call
        forget();
        const failure = new FunctionLoadError(name, entry, error);
        failLoading(failure);
        throw failure;
      },
    );
    worker.catch(() => {});
    const thread: FunctionThread = { worker, ready, pending, exited: false };
    this.threads.set(name, thread);
    return thread;
  }

  /**
   * The function's handler and the thread's serving loop in one ESM bundle (one copy of shared/clock.ts for both),
   * written under a name from its content, so twins started at once from the same repository never clash.
   */
  private async bundle(name: FunctionName): Promise<string> {
    const handlerFile = resolve(this.root, functions[name].entry);
    const threadFile = resolve(this.root, 'infra/local/function-thread.ts');
    const result = await build({
      stdin: {
        contents: `import { handler } from ${JSON.stringify(handlerFile)};\nimport { serve } from ${JSON.stringify(threadFile)};\nserve(handler);\n`,
        resolveDir: this.root,
        sourcefile: `${name}-thread.ts`,
        loader: 'ts',
      },
      bundle: true,
      packages: 'external',
      format: 'esm',
      platform: 'node',
      target: 'node20',
      sourcemap: 'inline',
      sourcesContent: false,
      write: false,
      logLevel: 'silent',
    });
    const code = result.outputFiles[0]?.contents;
    if (!code) throw new Error('esbuild produced no output');
    mkdirSync(this.bundleDir, { recursive: true });
    const digest = createHash('sha256').update(code).digest('hex').slice(0, 16);
    const file = join(this.bundleDir, `${name}-${digest}.mjs`);
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, code);
    renameSync(temporary, file);
    this.removeStaleBundles(name, file);
    return file;
  }

  private removeStaleBundles(name: FunctionName, current: string): void {
    const ofThisFunction = new RegExp(`^${name}-[0-9a-f]{16}\\.mjs$`);
    for (const entry of readdirSync(this.bundleDir)) {
      const file = join(this.bundleDir, entry);
      if (file === current || !ofThisFunction.test(entry)) continue;
      try {
        if (Date.now() - statSync(file).mtimeMs > STALE_BUNDLE_MS) rmSync(file, { force: true });
      } catch {
        // another twin removed it first
      }
    }
  }
}
