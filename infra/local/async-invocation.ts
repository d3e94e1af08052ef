import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { log } from '../../shared/log.js';
import type { FunctionName } from '../../shared/wiring.js';
import type { LambdaRuntime } from './lambda-runtime.js';

/** An invocation that exhausted its retries, for `GET /_local/dlq` (and `.local/dlq.jsonl`). */
export interface DeadLetter {
  failedAt: string;
  /** what was being delivered: a bus rule, a stream batch, a schedule */
  source: string;
  function: string;
  attempts: number;
  error: string;
  payload: unknown;
}

/** In-memory dead-letter queue, appended to a JSON-lines file when persistent. */
export class DeadLetterQueue {
  private readonly entries: DeadLetter[] = [];

  constructor(private readonly file?: string) {
    if (!file) return;
    mkdirSync(dirname(file), { recursive: true });
    // Letters from earlier runs stay visible until someone deletes the file.
    if (existsSync(file)) {
      for (const line of readFileSync(file, 'utf8').split('\n').slice(-1001)) {
        if (!line.trim()) continue;
        try {
          this.entries.push(JSON.parse(line) as DeadLetter);
        } catch {
          // a line cut short by a crash
        }
      }
    }
  }

  add(entry: Omit<DeadLetter, 'failedAt'>): void {
    const letter = { failedAt: new Date().toISOString(), ...entry };
    this.entries.push(letter);
    if (this.entries.length > 1000) this.entries.shift();
    log.error('sent to the local dead-letter queue', {
      source: entry.source,
      function: entry.function,
      error: entry.error,
    });
    if (this.file) appendFileSync(this.file, `${JSON.stringify(letter)}\n`);
  }

  list(): DeadLetter[] {
    return [...this.entries];
  }
}

/** How often and how long an asynchronous invocation is retried before it goes to the DLQ. */
export interface RetryPolicy {
  attempts: number;
  /** delay before retry n (1-based) is `baseDelayMs * 4^(n-1)` */
  baseDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 3, baseDelayMs: 200 };

/**
 * Invoke a function asynchronously (as EventBridge and Scheduler do): retried with backoff on error, then sent
 * to the DLQ. Resolves when it is settled either way; never rejects.
 */
export async function invokeWithRetries(options: {
  runtime: LambdaRuntime;
  functionName: FunctionName;
  payload: unknown;
  source: string;
  dlq: DeadLetterQueue;
  retry: RetryPolicy;
  isStopped: () => boolean;
  onAttempt?: (attempt: number, error?: unknown) => void;
}): Promise<boolean> {
  let lastError: unknown;
  for (let attempt = 1; attempt <= options.retry.attempts; attempt++) {
    if (options.isStopped()) return false;
    try {
      await options.runtime.invoke(options.functionName, options.payload);
      options.onAttempt?.(attempt);
      return true;
    } catch (error) {
      lastError = error;
      options.onAttempt?.(attempt, error);
      log.warn('asynchronous invocation failed', {
        source: options.source,
        function: options.functionName,
        attempt,
        error,
      });
      if (attempt < options.retry.attempts) {
        await new Promise((resolve) => setTimeout(resolve, options.retry.baseDelayMs * 4 ** (attempt - 1)));
      }
    }
  }
  if (!options.isStopped()) {
    options.dlq.add({
      source: options.source,
      function: options.functionName,
      attempts: options.retry.attempts,
      error: lastError instanceof Error ? lastError.message : String(lastError),
      payload: options.payload,
    });
  }
  return false;
}
