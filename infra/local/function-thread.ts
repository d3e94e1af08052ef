/**
 * One function of the local twin, in its own worker thread (started by infra/local/lambda-runtime.ts): its own
 * module graph, so its own configuration read at cold start, from its own `process.env`, which holds exactly the
 * variables its wiring row grants. The handler's module is evaluated once (the cold start), then the thread answers
 * invocations.
 *
 * Messages in: `{ type: 'invoke', id, event, context, deadline, clock }`. Out: `{ type: 'ready' }` or
 * `{ type: 'load-failed', error }` once, then `{ type: 'result', id, value }` or `{ type: 'error', id, error }`.
 */
import { parentPort } from 'node:worker_threads';
import type { Context } from 'aws-lambda';
import { adoptClockSetting, type ClockSetting } from '../../shared/clock.js';

/** What the runtime sends for each invocation. */
export interface InvokeMessage {
  type: 'invoke';
  id: number;
  event: unknown;
  context: Omit<Context, 'getRemainingTimeInMillis' | 'done' | 'fail' | 'succeed'>;
  /** epoch ms after which Lambda would have stopped the invocation */
  deadline: number;
  clock: ClockSetting;
}

/** An error as data (structured clone keeps no class): enough to rebuild it on the other side. */
export interface ErrorData {
  name: string;
  message: string;
  stack?: string | undefined;
}

export type ThreadMessage =
  | { type: 'ready' }
  | { type: 'load-failed'; error: ErrorData }
  | { type: 'result'; id: number; value: unknown }
  | { type: 'error'; id: number; error: ErrorData };

export type Handler = (event: unknown, context: Context) => unknown;

/** An error as data, to post to the runtime. */
export function errorData(error: unknown): ErrorData {
  return error instanceof Error
    ? { name: error.name, message: error.message, stack: error.stack }
    : { name: 'Error', message: String(error) };
}

/**
 * Serve one function's invocations in this thread. The runtime bundles this module with the function's handler, so
 * both share one copy of shared/clock.ts, which each invocation sets to the twin's clock.
 */
export function serve(handler: Handler): void {
  const port = parentPort;
  if (!port) throw new Error('function-thread.ts serves in a worker thread of the local twin');
  const post = (message: ThreadMessage) => port.postMessage(message);
  port.on('message', (message: InvokeMessage) => {
    adoptClockSetting(message.clock);
    const context: Context = {
      ...message.context,
      getRemainingTimeInMillis: () => Math.max(0, message.deadline - Date.now()),
      done: () => {},
      fail: () => {},
      succeed: () => {},
    };
    Promise.resolve()
      .then(() => handler(message.event, context))
      // a result that cannot cross threads (a function in it) fails the call, as Lambda's serializer would
      .then((value) => post({ type: 'result', id: message.id, value }))
      .catch((error: unknown) => post({ type: 'error', id: message.id, error: errorData(error) }));
  });
  post({ type: 'ready' });
}
