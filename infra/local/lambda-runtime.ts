import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import { type FunctionName, functions } from '../../shared/wiring.js';
import { LOCAL_ACCOUNT, LOCAL_REGION } from './environment.js';

type Handler = (event: unknown, context: Context) => unknown;

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

/**
 * Runs the functions of the wiring table in this process, as Lambda would: the handler module is imported on the
 * first invocation (a cold start, after the environment is set), then reused; each call gets a Lambda-like
 * context; a call that outlives the function's timeout fails with Lambda's message.
 */
export class LambdaRuntime {
  private readonly modules = new Map<FunctionName, Promise<Handler>>();

  constructor(private readonly root: string) {}

  /** Invoke a function with an event; resolves with what the handler returns, rejects with what it throws. */
  async invoke(name: FunctionName, event: unknown, requestId: string = randomUUID()): Promise<unknown> {
    const spec = functions[name];
    const handler = await this.load(name);
    const timeoutSeconds = spec.timeoutSeconds * localTimeoutFactor();
    const deadline = Date.now() + timeoutSeconds * 1000;
    const context: Context = {
      callbackWaitsForEmptyEventLoop: true,
      functionName: `supervision-local-${name}`,
      functionVersion: '$LATEST',
      invokedFunctionArn: `arn:aws:lambda:${LOCAL_REGION}:${LOCAL_ACCOUNT}:function:supervision-local-${name}`,
      memoryLimitInMB: String(spec.memoryMiB),
      awsRequestId: requestId,
      logGroupName: `/aws/lambda/supervision-local-${name}`,
      logStreamName: 'local',
      getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
      done: () => {},
      fail: () => {},
      succeed: () => {},
    };
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new FunctionTimeoutError(name, timeoutSeconds)), timeoutSeconds * 1000);
    });
    try {
      return await Promise.race([Promise.resolve().then(() => handler(event, context)), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private load(name: FunctionName): Promise<Handler> {
    let loading = this.modules.get(name);
    if (!loading) {
      const file = resolve(this.root, functions[name].entry);
      const entry = functions[name].entry;
      loading = import(pathToFileURL(file).href).then(
        (module: { handler?: unknown }) => {
          if (typeof module.handler !== 'function') {
            throw new FunctionLoadError(name, entry, 'it does not export a function named "handler"');
          }
          return module.handler as Handler;
        },
        (error: unknown) => {
          throw new FunctionLoadError(name, entry, error);
        },
      );
      // A module that failed to load (not written yet, a syntax error) is retried on the next call.
      loading.catch(() => this.modules.delete(name));
      this.modules.set(name, loading);
    }
    return loading;
  }
}
