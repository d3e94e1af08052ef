import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Shard } from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBRecord } from 'aws-lambda';
import { log } from '../../shared/log.js';
import { outboxStream } from '../../shared/wiring.js';
import { DEFAULT_RETRY, type DeadLetterQueue, type RetryPolicy } from './async-invocation.js';
import { LOCAL_REGION } from './environment.js';
import { assertValidPattern, type EventPattern, matchesPattern } from './event-pattern.js';
import type { LambdaRuntime } from './lambda-runtime.js';
import type { StreamRecord, StreamsApi } from './streams-api.js';

/** Where reading stopped, per shard, so a restart neither loses nor replays much. */
interface Checkpoint {
  streamArn: string;
  shards: Record<string, { sequenceNumber?: string; finished?: boolean }>;
}

interface ShardState {
  shard: Shard;
  iterator?: string;
  finished: boolean;
}

export interface StreamRelay {
  /** Resolves when every record written so far has been handed to the relay function (or the DLQ). */
  caughtUp(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The local twin of the Lambda event-source mapping on the table's stream: polls DynamoDB Local's stream,
 * keeps the records matching `outboxStream.filter` (Lambda event filtering, same matcher as the bus), invokes the
 * outbox relay in order with batches of at most `batchSize`, honours `batchItemFailures` (retry from the first
 * failed record), sends a batch that keeps failing to the DLQ, and checkpoints per shard.
 */
export async function startStreamRelay(options: {
  streams: StreamsApi;
  tableName: string;
  runtime: LambdaRuntime;
  dlq: DeadLetterQueue;
  /** persistent mode: the checkpoint file; fresh mode: undefined (start at the beginning of the stream) */
  checkpointFile?: string;
  pollIntervalMs?: number;
  retry?: RetryPolicy;
}): Promise<StreamRelay> {
  const filter: EventPattern = outboxStream.filter;
  assertValidPattern(filter);
  const pollIntervalMs = options.pollIntervalMs ?? 100;
  const retry = options.retry ?? DEFAULT_RETRY;
  const streamArn = await options.streams.latestStreamArn(options.tableName);
  if (!streamArn) throw new Error(`The table ${options.tableName} has no stream; it must be created with one`);

  const checkpoint = loadCheckpoint(options.checkpointFile, streamArn);
  const shards = new Map<string, ShardState>();
  let lastDiscovery = 0;
  let stopped = false;
  let wake: (() => void) | undefined;

  async function discover(): Promise<void> {
    lastDiscovery = Date.now();
    for (const shard of await options.streams.shards(streamArn as string)) {
      if (!shard.ShardId || shards.has(shard.ShardId)) continue;
      const saved = checkpoint.shards[shard.ShardId];
      shards.set(shard.ShardId, { shard, finished: saved?.finished === true });
    }
  }

  /** A child shard is read only after its parent is finished (stream order across a split). */
  function readable(state: ShardState): boolean {
    if (state.finished) return false;
    const parent = state.shard.ParentShardId ? shards.get(state.shard.ParentShardId) : undefined;
    return !parent || parent.finished;
  }

  async function iteratorFor(state: ShardState): Promise<string | undefined> {
    const shardId = state.shard.ShardId as string;
    const saved = checkpoint.shards[shardId]?.sequenceNumber;
    return saved
      ? options.streams.shardIterator(streamArn as string, shardId, 'AFTER_SEQUENCE_NUMBER', saved)
      : options.streams.shardIterator(streamArn as string, shardId, 'TRIM_HORIZON');
  }

  /** Read one page of a shard; true when records came (poll again at once). */
  async function poll(state: ShardState): Promise<boolean> {
    state.iterator ??= await iteratorFor(state);
    if (!state.iterator) {
      markFinished(state);
      return false;
    }
    const page = await options.streams.records(state.iterator);
    if (page.restart) {
      state.iterator = undefined; // expired or trimmed: start again from the checkpoint
      return true;
    }
    if (page.records.length > 0) {
      await deliver(page.records);
      const last = page.records.at(-1)?.dynamodb.SequenceNumber;
      checkpoint.shards[state.shard.ShardId as string] = { sequenceNumber: last };
      saveCheckpoint(options.checkpointFile, checkpoint);
    }
    state.iterator = page.nextIterator;
    if (!state.iterator) markFinished(state);
    return page.records.length > 0;
  }

  function markFinished(state: ShardState): void {
    state.finished = true;
    const shardId = state.shard.ShardId as string;
    checkpoint.shards[shardId] = { ...checkpoint.shards[shardId], finished: true };
    saveCheckpoint(options.checkpointFile, checkpoint);
  }

  async function deliver(records: StreamRecord[]): Promise<void> {
    const matching = records
      .map((record) => toLambdaRecord(record, streamArn as string))
      .filter((record) => matchesPattern(filter, record));
    for (let i = 0; i < matching.length; i += outboxStream.batchSize) {
      await deliverBatch(matching.slice(i, i + outboxStream.batchSize));
    }
  }

  async function deliverBatch(batch: DynamoDBRecord[]): Promise<void> {
    let remaining = batch;
    let lastError = '';
    for (let attempt = 1; attempt <= retry.attempts && !stopped; attempt++) {
      try {
        const result = (await options.runtime.invoke(outboxStream.function, { Records: remaining })) as
          | { batchItemFailures?: Array<{ itemIdentifier?: string }> }
          | undefined;
        const failures = result?.batchItemFailures ?? [];
        if (failures.length === 0) return;
        // Lambda retries from the lowest failed sequence number; an unknown identifier fails the whole batch.
        const indexes = failures.map((f) =>
          remaining.findIndex((r) => r.dynamodb?.SequenceNumber === f.itemIdentifier),
        );
        const first = indexes.includes(-1) ? 0 : Math.min(...indexes);
        remaining = remaining.slice(first);
        lastError = `batchItemFailures from ${remaining[0]?.dynamodb?.SequenceNumber}`;
      } catch (error) {
        lastError = error instanceof Error ? error.message : String(error);
      }
      log.warn('outbox relay batch failed', { attempt, records: remaining.length, error: lastError });
      if (attempt < retry.attempts) await sleep(retry.baseDelayMs * 4 ** (attempt - 1));
    }
    if (stopped) return;
    options.dlq.add({
      source: 'table stream (outbox)',
      function: outboxStream.function,
      attempts: retry.attempts,
      error: lastError,
      payload: { Records: remaining },
    });
  }

  let busy = false;
  async function loop(): Promise<void> {
    while (!stopped) {
      let more = false;
      busy = true;
      try {
        if (Date.now() - lastDiscovery > 1_000) await discover();
        for (const state of shards.values()) {
          if (stopped) break;
          if (readable(state) && (await poll(state))) more = true;
        }
      } catch (error) {
        if (!stopped) log.warn('reading the table stream failed; retrying', { error });
        await sleep(1_000);
      } finally {
        busy = false;
      }
      if (!more && !stopped) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, pollIntervalMs);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = undefined;
      }
    }
  }
  const running = loop();

  return {
    async caughtUp(timeoutMs = 30_000) {
      // Two quiet polls in a row: everything written before the call has been read and delivered.
      const deadline = Date.now() + timeoutMs;
      let quiet = 0;
      let seen = JSON.stringify(checkpoint.shards);
      while (quiet < 2 && Date.now() < deadline) {
        await sleep(pollIntervalMs * 2);
        const now = JSON.stringify(checkpoint.shards);
        quiet = now === seen && !busy ? quiet + 1 : 0;
        seen = now;
      }
    },
    async stop() {
      stopped = true;
      wake?.();
      await Promise.race([running, sleep(5_000)]);
    },
  };
}

/** A stream record as Lambda hands it to the function (adds the source ARN; the region is the twin's). */
function toLambdaRecord(record: StreamRecord, streamArn: string): DynamoDBRecord {
  return { ...record, awsRegion: LOCAL_REGION, eventSourceARN: streamArn };
}

function loadCheckpoint(file: string | undefined, streamArn: string): Checkpoint {
  if (file && existsSync(file)) {
    try {
      const saved = JSON.parse(readFileSync(file, 'utf8')) as Checkpoint;
      // A recreated table has a new stream: its old checkpoints mean nothing.
      if (saved.streamArn === streamArn && typeof saved.shards === 'object') return saved;
    } catch (error) {
      log.warn('ignoring an unreadable stream checkpoint', { file, error });
    }
  }
  return { streamArn, shards: {} };
}

function saveCheckpoint(file: string | undefined, checkpoint: Checkpoint): void {
  if (!file) return;
  mkdirSync(dirname(file), { recursive: true });
  // write-then-rename: a crash mid-write leaves the previous checkpoint, never half a file
  writeFileSync(`${file}.tmp`, JSON.stringify(checkpoint, null, 2));
  renameSync(`${file}.tmp`, file);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
