/**
 * Fault injection for the AWS SDK v3 clients the use cases share (the DynamoDB document client, the S3 client):
 * a pair of middlewares on each client's own stack, so the code under test runs unchanged and fails exactly where a
 * real process or a real service would.
 *
 * - **crash after N calls** (`crashAt(n, timing)`): the N-th `send` of a run and every later one reject with
 *   `SimulatedCrash`, as if the process had died there. `timing` says what happened to the N-th call itself:
 *   `before-send` — it never left the process (nothing of it happened); `after-send` — it was sent and DynamoDB or S3
 *   applied it, but the response was lost (the interesting case for a transaction: committed, and nobody knows).
 *   The calls a crashed run makes later (a sibling branch of a `Promise.all` still running) keep crashing even after
 *   the next run started: a dead process does nothing more. Requests already in flight when the crash happened still
 *   land, as they would on the service. `crashAt(n, timing, command)` counts only the calls of one command (the
 *   n-th `TransactWriteItems`): in a flow whose calls interleave, the n-th call overall is not the same call twice.
 * - **throttle** (`throttle({...})`): chosen calls (by number, or a seeded proportion) fail their first `attempts`
 *   attempts with a real-looking throttling error — `ProvisionedThroughputExceededException`, `ThrottlingException`
 *   (with `name`, `$fault`, `$metadata`, `$retryable`), or for a `TransactWriteItems` a `TransactionCanceledException`
 *   whose cancellation reasons say `ThrottlingError` — thrown inside the SDK's retry loop, so the SDK's own retries
 *   (and, past them, ours) are exercised.
 * - **count** (the default): every call passes and is recorded (command, a one-line summary, the input of
 *   `TransactWriteItems`), so a test can learn how many calls a clean run makes and where its transactions are.
 *
 * Work is grouped in runs (`faults.run(plan, work)`), one per simulated process lifetime, tracked with
 * AsyncLocalStorage: calls made outside a run (fixtures, assertions) pass untouched and uncounted.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { ProvisionedThroughputExceededException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';

/** The process died at call `call`: nothing after it happens (and, `sent` false, not that call either). */
export class SimulatedCrash extends Error {
  override readonly name = 'SimulatedCrash';
  constructor(
    readonly call: number,
    readonly command: string,
    readonly sent: boolean,
  ) {
    super(`simulated crash at SDK call ${call} (${command}, ${sent ? 'sent, response lost' : 'not sent'})`);
  }
}

/** Whether the N-th call of a crash reaches the service before the process dies. */
export type CrashTiming = 'before-send' | 'after-send';

export type ThrottleKind = 'ProvisionedThroughputExceededException' | 'ThrottlingException' | 'TransactionThrottled';

export interface ThrottlePlan {
  mode: 'throttle';
  /** the call numbers (1-based) to throttle */
  calls?: readonly number[];
  /** or: this share of the calls, chosen by `seed` (the same seed throttles the same call numbers) */
  proportion?: number;
  seed?: number;
  /** how many attempts of a chosen call fail (the SDK makes 3 by default); 'all' outlasts the SDK's retries */
  attempts: number | 'all';
  /** the error; `TransactionThrottled` applies to TransactWriteItems only (others get a ThrottlingException) */
  kind: ThrottleKind;
}

export type FaultPlan =
  | { mode: 'count' }
  /**
   * `command` (e.g. `TransactWriteItems`): `at` counts only the calls of that command, for flows whose calls
   * interleave (parallel workers) so that a global call number lands on another call from one run to the next
   */
  | { mode: 'crash'; at: number; timing: CrashTiming; command?: string }
  | ThrottlePlan;

/**
 * What happens to call number `call` (1-based) of a run under a crash plan (for a plan with a `command`: the
 * call's number among the calls of that command).
 */
export function crashDecision(plan: FaultPlan, call: number): 'pass' | 'crash-before-send' | 'crash-after-send' {
  if (plan.mode !== 'crash' || call < plan.at) return 'pass';
  return call === plan.at && plan.timing === 'after-send' ? 'crash-after-send' : 'crash-before-send';
}

/** Whether call number `call` of a run is throttled under a throttle plan (deterministic for a seed). */
export function isThrottled(plan: FaultPlan, call: number): boolean {
  if (plan.mode !== 'throttle') return false;
  if (plan.calls?.includes(call)) return true;
  return plan.proportion !== undefined && seededFraction(plan.seed ?? 1, call) < plan.proportion;
}

/** A number in [0, 1) from a seed and a call number (mulberry32 over both): the same pair, the same number. */
export function seededFraction(seed: number, call: number): number {
  let t = (Math.imul(seed | 0, 0x9e3779b1) ^ Math.imul(call | 0, 0x85ebca6b)) >>> 0;
  t = (t + 0x6d2b79f5) >>> 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

/** `count` distinct call numbers in 1..total, spread by `seed` (all of them if count ≥ total). */
export function sampleCalls(total: number, count: number, seed: number): number[] {
  const all = Array.from({ length: total }, (_, i) => i + 1);
  if (count >= total) return all;
  return all
    .map((call) => ({ call, order: seededFraction(seed, call) }))
    .sort((a, b) => a.order - b.order)
    .slice(0, count)
    .map(({ call }) => call)
    .sort((a, b) => a - b);
}

/** The `$metadata` a service error carries when the SDK deserialized it from a response. */
function metadata(httpStatusCode: number) {
  return { httpStatusCode, requestId: `fault-${Math.random().toString(36).slice(2, 10)}`, attempts: 1 };
}

/**
 * A throttling error as the SDK would have deserialized it. `transactionItems` (the TransactWriteItems count) makes
 * `TransactionThrottled` a cancellation with one `ThrottlingError` reason and `None` for the other items.
 */
export function throttlingError(kind: ThrottleKind, transactionItems?: number): Error {
  if (kind === 'TransactionThrottled' && transactionItems !== undefined) {
    const reasons = Array.from({ length: transactionItems }, (_, i) =>
      i === 0
        ? {
            Code: 'ThrottlingError',
            Message:
              'Throughput exceeds the current capacity for one or more global secondary indexes. DynamoDB is automatically scaling your index so please try again shortly.',
          }
        : { Code: 'None' },
    );
    return new TransactionCanceledException({
      message: `Transaction cancelled, please refer cancellation reasons for specific reasons [${reasons.map((r) => r.Code).join(', ')}]`,
      $metadata: metadata(400),
      CancellationReasons: reasons,
    });
  }
  if (kind === 'ProvisionedThroughputExceededException') {
    const error = new ProvisionedThroughputExceededException({
      message:
        'The level of configured provisioned throughput for the table was exceeded. Consider increasing your provisioning level with the UpdateTable API.',
      $metadata: metadata(400),
    });
    return Object.assign(error, { $retryable: { throttling: true } });
  }
  return Object.assign(new Error('Rate of requests exceeds the allowed throughput.'), {
    name: 'ThrottlingException',
    $fault: 'client' as const,
    $metadata: metadata(400),
    $retryable: { throttling: true },
  });
}

/** One `send` of a run, as the injector saw it. */
export interface SdkCall {
  /** 1-based, across every client of the injector (one process, one count) */
  index: number;
  client: string;
  /** e.g. `TransactWriteItems`, `PutObject` */
  command: string;
  /** a one-line description: the table key or bucket key it touches, the items of a transaction */
  summary: string;
  /** how it ended: `crashed` covers both timings; `throttled` counts the throttled attempts */
  outcome: 'ok' | 'failed' | 'crashed' | 'pending';
  throttledAttempts: number;
  /** the command's input (plain values for the document client): kept for TransactWriteItems only */
  input?: Record<string, unknown>;
}

export interface RunResult<T> {
  /** the work's result, when it returned */
  value?: T;
  /** what it threw, when it threw */
  error?: unknown;
  calls: SdkCall[];
  /** the call at which the run crashed, if it did */
  crashedAt: number | null;
}

export interface FaultInjector {
  /** Run `work` as one process lifetime under `plan`; never throws (the outcome is in the result). */
  run<T>(plan: FaultPlan, work: () => Promise<T>): Promise<RunResult<T>>;
  /** Take the middlewares off every client. */
  detach(): void;
}

interface WithMiddlewareStack {
  middlewareStack: { add(middleware: never, options: never): void; remove(name: string): boolean };
}

interface Run {
  plan: FaultPlan;
  calls: SdkCall[];
  crashedAt: number | null;
  /** the calls of the plan's `command` so far */
  matched: number;
}

const GATE = 'faultInjectionGate';
const THROTTLE = 'faultInjectionThrottle';
/** Where the gate tells the inner middleware how many more attempts of this call to throttle. */
const THROTTLES_LEFT = Symbol('throttlesLeft');

type Next = (args: { input: Record<string, unknown> }) => Promise<unknown>;
interface Context {
  clientName?: string;
  commandName?: string;
  [THROTTLES_LEFT]?: { left: number; call: SdkCall };
}

/**
 * Put the injector on `clients` (named for the call log, e.g. `{ dynamodb: dynamo, s3 }`). The DynamoDB document
 * client shares its base client's stack, so attaching either covers both.
 */
export function injectFaults(clients: Record<string, WithMiddlewareStack>): FaultInjector {
  const current = new AsyncLocalStorage<Run>();

  for (const [clientName, client] of Object.entries(clients)) {
    const gate = (next: Next, context: Context) => async (args: { input: Record<string, unknown> }) => {
      const run = current.getStore();
      if (!run) return next(args);
      const command = (context.commandName ?? 'UnknownCommand').replace(/Command$/, '');
      const call: SdkCall = {
        index: run.calls.length + 1,
        client: clientName,
        command,
        summary: summarize(command, args.input),
        outcome: 'pending',
        throttledAttempts: 0,
        ...(command === 'TransactWriteItems' ? { input: args.input } : {}),
      };
      run.calls.push(call);
      // the number the plan counts this call by: its own, or among the calls of the plan's command (0: not one)
      const target = run.plan.mode === 'crash' ? run.plan.command : undefined;
      const ordinal = target === undefined ? call.index : command === target ? ++run.matched : 0;
      // a process that died does nothing more, whichever branch of it asks
      const decision =
        run.crashedAt !== null && call.index > run.crashedAt
          ? 'crash-before-send'
          : ordinal === 0
            ? 'pass'
            : crashDecision(run.plan, ordinal);
      if (decision === 'crash-before-send') {
        run.crashedAt ??= call.index;
        call.outcome = 'crashed';
        throw new SimulatedCrash(call.index, command, false);
      }
      if (isThrottled(run.plan, call.index) && run.plan.mode === 'throttle') {
        const attempts = run.plan.attempts === 'all' ? Number.POSITIVE_INFINITY : run.plan.attempts;
        context[THROTTLES_LEFT] = { left: attempts, call };
      }
      if (decision === 'crash-after-send') run.crashedAt = call.index;
      try {
        const output = await next(args);
        if (decision === 'crash-after-send') throw new SimulatedCrash(call.index, command, true);
        call.outcome = 'ok';
        return output;
      } catch (error) {
        call.outcome = error instanceof SimulatedCrash ? 'crashed' : 'failed';
        if (decision === 'crash-after-send' && !(error instanceof SimulatedCrash)) {
          throw new SimulatedCrash(call.index, command, true);
        }
        throw error;
      }
    };
    // inside the SDK's retry loop (finalizeRequest, after retryMiddleware): a throttle is retried as a real one is
    const throttle = (next: Next, context: Context) => async (args: { input: Record<string, unknown> }) => {
      const pending = context[THROTTLES_LEFT];
      if (!pending || pending.left <= 0) return next(args);
      pending.left -= 1;
      pending.call.throttledAttempts += 1;
      const run = current.getStore();
      const kind = run?.plan.mode === 'throttle' ? run.plan.kind : 'ThrottlingException';
      const items = (args.input.TransactItems as unknown[] | undefined)?.length;
      throw throttlingError(
        kind === 'TransactionThrottled' && items === undefined ? 'ThrottlingException' : kind,
        items,
      );
    };
    client.middlewareStack.add(gate as never, { step: 'initialize', priority: 'high', name: GATE } as never);
    client.middlewareStack.add(
      throttle as never,
      { step: 'finalizeRequest', priority: 'low', name: THROTTLE } as never,
    );
  }

  return {
    async run<T>(plan: FaultPlan, work: () => Promise<T>): Promise<RunResult<T>> {
      const run: Run = { plan, calls: [], crashedAt: null, matched: 0 };
      return current.run(run, async () => {
        try {
          const value = await work();
          return { value, calls: run.calls, crashedAt: run.crashedAt };
        } catch (error) {
          return { error, calls: run.calls, crashedAt: run.crashedAt };
        }
      });
    },
    detach() {
      for (const client of Object.values(clients)) {
        client.middlewareStack.remove(GATE);
        client.middlewareStack.remove(THROTTLE);
      }
    },
  };
}

/** A plain value from a document-client input, or the string inside a marshalled `{S: …}`. */
function plain(value: unknown): unknown {
  if (value && typeof value === 'object' && 'S' in value) return (value as { S: unknown }).S;
  return value;
}

function keyOf(key: unknown): string {
  if (!key || typeof key !== 'object') return '';
  const record = key as Record<string, unknown>;
  return [plain(record.pk), plain(record.sk)].filter((part) => part !== undefined).join(' ');
}

function summarize(command: string, input: Record<string, unknown>): string {
  if (command === 'TransactWriteItems') {
    const items = (input.TransactItems as Array<Record<string, Record<string, unknown>>> | undefined) ?? [];
    return items
      .map((item) => {
        const [kind, body] = Object.entries(item)[0] ?? ['?', {}];
        return `${kind} ${keyOf(body.Item ?? body.Key)}`;
      })
      .join('; ');
  }
  if (input.Key && typeof input.Key === 'object') return keyOf(input.Key);
  if (typeof input.Key === 'string') return `${String(input.Bucket)}/${input.Key}`;
  if (input.Item) return keyOf(input.Item);
  if (input.ExpressionAttributeValues) {
    const values = input.ExpressionAttributeValues as Record<string, unknown>;
    const pk = String(plain(values[':pk']) ?? '');
    if (command !== 'Query' || input.IndexName) return pk;
    // which part of the partition: a sort-key prefix or range, or all of it
    const condition = String(input.KeyConditionExpression ?? '');
    const from = plain(values[':prefix'] ?? values[':low'] ?? values[':sk']);
    return condition.includes('sk') ? `${pk} sk ${String(from)}…` : `${pk} (whole partition)`;
  }
  if (typeof input.Bucket === 'string') return `${input.Bucket}/${String(input.Prefix ?? '')}`;
  return '';
}
