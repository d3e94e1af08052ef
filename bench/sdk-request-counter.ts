/**
 * Counts the requests an AWS SDK v3 client sends, by command and by what the caller says they touch, through a
 * middleware on the client's own stack: whatever code uses the client (a use case, a function) is counted without
 * being changed. `attempts` adds the SDK's own retries ($metadata.attempts); `failed` counts the sends that threw
 * (a cancelled transaction counts as a request, as DynamoDB bills and throttles it).
 */

/** What the caller files a request under; `phase` is the part of the work it belongs to. */
export interface RequestLabel {
  phase: string;
  target: string;
  /** items written by the request (BatchWriteItem, TransactWriteItems), for the WCU arithmetic */
  items?: number;
}

export interface CountedRow extends RequestLabel {
  command: string;
  requests: number;
  attempts: number;
  failed: number;
  items: number;
  /** summed wall time of the sends, in milliseconds (concurrent sends overlap) */
  milliseconds: number;
  /** capacity units DynamoDB reported as consumed (only with `capacity: true`; reads and writes apart) */
  readUnits: number;
  writeUnits: number;
}

/** What to count besides requests. */
export interface CountOptions {
  /**
   * Ask DynamoDB for the capacity each request consumed (`ReturnConsumedCapacity: 'TOTAL'`, which changes nothing
   * else) and sum it per row: Get, Query, Scan and BatchGet as reads, everything else as writes.
   */
  capacity?: boolean;
}

const READ_COMMANDS = new Set(['GetItem', 'Query', 'Scan', 'BatchGetItem', 'TransactGetItems']);

/** The capacity units in a response's `ConsumedCapacity` (one entry, or one per table). */
function consumedUnits(output: unknown): number {
  const consumed = (output as { ConsumedCapacity?: unknown } | undefined)?.ConsumedCapacity;
  const entries = Array.isArray(consumed) ? consumed : consumed ? [consumed] : [];
  return entries.reduce(
    (sum: number, entry) => sum + Number((entry as { CapacityUnits?: number }).CapacityUnits ?? 0),
    0,
  );
}

export interface RequestCounter {
  /** every row, in order of first appearance */
  rows(): CountedRow[];
  total(filter?: (row: CountedRow) => boolean): number;
  reset(): void;
  /** take the middleware off the client */
  stop(): void;
}

/** The part of a client this needs: its middleware stack (the document client shares its base client's). */
interface WithMiddlewareStack {
  middlewareStack: { add(middleware: never, options: never): void; remove(name: string): boolean };
}

interface Metadata {
  $metadata?: { attempts?: number };
}

const NAME = 'benchRequestCounter';

/**
 * Count the requests `client` sends from now on. `label` sees the command name (e.g. `QueryCommand`) and its input
 * (plain JavaScript values for a document client's command) and files the request.
 */
export function countRequests(
  client: WithMiddlewareStack,
  label: (command: string, input: Record<string, unknown>) => RequestLabel,
  options: CountOptions = {},
): RequestCounter {
  const rows = new Map<string, CountedRow>();
  const middleware =
    (
      next: (args: { input: Record<string, unknown> }) => Promise<{ output: Metadata }>,
      context: { commandName?: string },
    ) =>
    async (args: { input: Record<string, unknown> }) => {
      const command = (context.commandName ?? 'UnknownCommand').replace(/Command$/, '');
      const filed = label(command, args.input);
      const key = `${filed.phase}\u0000${command}\u0000${filed.target}`;
      let row = rows.get(key);
      if (!row) {
        row = {
          phase: filed.phase,
          command,
          target: filed.target,
          requests: 0,
          attempts: 0,
          failed: 0,
          items: 0,
          milliseconds: 0,
          readUnits: 0,
          writeUnits: 0,
        };
        rows.set(key, row);
      }
      row.requests += 1;
      row.items += filed.items ?? 0;
      if (options.capacity) args.input.ReturnConsumedCapacity = 'TOTAL';
      const started = performance.now();
      try {
        const result = await next(args);
        row.attempts += result.output.$metadata?.attempts ?? 1;
        row.milliseconds += performance.now() - started;
        if (options.capacity) {
          const units = consumedUnits(result.output);
          if (READ_COMMANDS.has(command)) row.readUnits += units;
          else row.writeUnits += units;
        }
        return result;
      } catch (error) {
        row.failed += 1;
        row.attempts += (error as Metadata).$metadata?.attempts ?? 1;
        row.milliseconds += performance.now() - started;
        throw error;
      }
    };
  // 'initialize', high priority: once per send, before the SDK's retries (counted through $metadata.attempts)
  client.middlewareStack.add(middleware as never, { step: 'initialize', priority: 'high', name: NAME } as never);
  return {
    rows: () => [...rows.values()].map((row) => ({ ...row })),
    total: (filter = () => true) => [...rows.values()].filter(filter).reduce((sum, row) => sum + row.requests, 0),
    reset: () => rows.clear(),
    stop: () => {
      client.middlewareStack.remove(NAME);
    },
  };
}

/** A plain value from a document-client input, or the string inside a marshalled `{S: …}`. */
export function plain(value: unknown): unknown {
  if (value && typeof value === 'object' && 'S' in value) return (value as { S: unknown }).S;
  return value;
}
