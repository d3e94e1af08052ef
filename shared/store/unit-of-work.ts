import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { EVENT_SOURCE, type EventDetail, type EventType } from '../events.js';
import { newId } from '../ids.js';
import { dynamo, TABLE_NAME } from './client.js';
import { type Key, keys } from './keys.js';
import { idempotencyKeyHash, type Sealed, seal, unseal } from './sealed-response.js';
import { sealingSecret } from './sealing-secret.js';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** The first response of an idempotent request, replayed to every retry with the same key. */
export interface StoredResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  /**
   * The operation is idempotent by nature and answers with the current state (confirm, dismiss): a retry runs it
   * again (it writes nothing the second time) instead of replaying a stored body.
   */
  reread?: boolean;
}

export interface IdempotencyScope {
  /** operation and caller, so one caller's key never replays another's response */
  scope: string;
  key: string;
  /** SHA-256 of method, path and body: the same key with another request is refused */
  requestHash: string;
}

/** Thrown by `commit` when another request with the same Idempotency-Key committed first. */
export class IdempotentReplay extends Error {
  constructor(readonly response: StoredResponse) {
    super('idempotent replay');
  }
}

/** Thrown by `commit` when a conditional write failed; `label` names which one. */
export class ConditionFailed extends Error {
  constructor(
    readonly label: string,
    /** the item as it stood, when the failed write asked for it (`returnOnFailure`) */
    readonly item?: Record<string, unknown>,
  ) {
    super(`condition failed: ${label}`);
  }
}

const OUTBOX_RETENTION_SECONDS = 7 * 24 * 3600;
const IDEMPOTENCY_RETENTION_SECONDS = 24 * 3600;
const MAX_TRANSACTION_ITEMS = 100;

/**
 * Collects the writes of one use case and the events they announce, and commits them in ONE DynamoDB
 * transaction: the change, its outbox events and the idempotency record stand or fall together.
 */
export class UnitOfWork {
  private readonly items: Array<{ item: TransactItem; label: string }> = [];
  private readonly events: Array<{ type: EventType; detail: EventDetail }> = [];

  constructor(
    /** the handler's clock: when this unit of work's changes happen */
    readonly now: Date,
    private readonly idempotency?: IdempotencyScope,
  ) {}

  /** Put an item; `mustBeNew` refuses to overwrite (the label names the failure). */
  put(
    item: Key & Record<string, unknown>,
    options: { mustBeNew?: boolean; label?: string; condition?: Condition } = {},
  ) {
    const condition = options.mustBeNew ? { expression: 'attribute_not_exists(pk)' } : options.condition;
    this.items.push({
      label: options.label ?? `put ${item.pk} ${item.sk}`,
      item: {
        Put: {
          TableName: TABLE_NAME,
          Item: item,
          ...(condition ? conditionParts(condition) : {}),
        },
      },
    });
    return this;
  }

  /** Update an item with an expression; pass a condition for every state transition. */
  update(
    key: Key,
    update: { expression: string; names?: Record<string, string>; values?: Record<string, unknown> },
    options: { condition?: Condition; label?: string; returnOnFailure?: boolean } = {},
  ) {
    const names = { ...update.names, ...options.condition?.names };
    const values = { ...update.values, ...options.condition?.values };
    this.items.push({
      label: options.label ?? `update ${key.pk} ${key.sk}`,
      item: {
        Update: {
          TableName: TABLE_NAME,
          Key: { pk: key.pk, sk: key.sk },
          UpdateExpression: update.expression,
          ...(options.condition ? { ConditionExpression: options.condition.expression } : {}),
          ...(Object.keys(names).length ? { ExpressionAttributeNames: names } : {}),
          ...(Object.keys(values).length ? { ExpressionAttributeValues: values } : {}),
          // a failed condition then answers with the item as it stands, sparing the caller a read before its retry
          ...(options.returnOnFailure ? { ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const } : {}),
        },
      },
    });
    return this;
  }

  /** Delete an item, optionally only under a condition. */
  delete(key: Key, options: { condition?: Condition; label?: string } = {}) {
    this.items.push({
      label: options.label ?? `delete ${key.pk} ${key.sk}`,
      item: {
        Delete: {
          TableName: TABLE_NAME,
          Key: { pk: key.pk, sk: key.sk },
          ...(options.condition ? conditionParts(options.condition) : {}),
        },
      },
    });
    return this;
  }

  /** Require a condition on an item this transaction does not write. */
  check(key: Key, condition: Condition, label: string) {
    this.items.push({
      label,
      item: {
        ConditionCheck: { TableName: TABLE_NAME, Key: { pk: key.pk, sk: key.sk }, ...conditionParts(condition) },
      },
    });
    return this;
  }

  /** Announce an event; it is written to the outbox in the same transaction and relayed to the bus. */
  emit<T extends Record<string, unknown>>(type: EventType, subjectId: string, data: T): EventDetail<T> {
    const detail: EventDetail<T> = { eventId: newId('evt'), occurredAt: this.now.toISOString(), subjectId, data };
    this.events.push({ type, detail });
    return detail;
  }

  get size(): number {
    return this.items.length + this.events.length + (this.idempotency ? 1 : 0);
  }

  /**
   * Commit everything at once. With an idempotency scope, `response` is stored with the change; a concurrent or
   * later request with the same key gets it back through `IdempotentReplay` instead of writing again.
   */
  async commit(response?: StoredResponse): Promise<void> {
    const all = [...this.items];
    for (const { type, detail } of this.events) {
      all.push({
        label: `outbox ${type}`,
        item: {
          Put: {
            TableName: TABLE_NAME,
            Item: {
              ...keys.outbox(detail.eventId),
              type: 'outbox',
              source: EVENT_SOURCE,
              detailType: type,
              detail,
              expiresAt: epochSeconds(this.now) + OUTBOX_RETENTION_SECONDS,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
      });
    }
    const idempotencyIndex = all.length;
    if (this.idempotency) {
      const secret = await sealingSecret();
      all.push({
        label: 'idempotency',
        item: {
          Put: {
            TableName: TABLE_NAME,
            Item: {
              ...keys.idempotency(this.idempotency.scope, idempotencyKeyHash(this.idempotency.key)),
              type: 'idempotency',
              requestHash: this.idempotency.requestHash,
              response: seal(response ?? null, this.idempotency.scope, this.idempotency.key, secret),
              createdAt: this.now.toISOString(),
              expiresAt: epochSeconds(this.now) + IDEMPOTENCY_RETENTION_SECONDS,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
      });
    }
    if (all.length === 0) return;
    if (all.length > MAX_TRANSACTION_ITEMS) {
      throw new Error(`a unit of work may write at most ${MAX_TRANSACTION_ITEMS} items, this one has ${all.length}`);
    }
    await withConflictRetry(async () => {
      try {
        await dynamo.send(new TransactWriteCommand({ TransactItems: all.map((entry) => entry.item) }));
      } catch (error) {
        if (!(error instanceof TransactionCanceledException)) throw error;
        const reasons = error.CancellationReasons ?? [];
        if (this.idempotency && reasons[idempotencyIndex]?.Code === 'ConditionalCheckFailed') {
          throw new IdempotentReplay(await storedResponse(this.idempotency));
        }
        const failed = reasons.findIndex((reason) => reason.Code === 'ConditionalCheckFailed');
        if (failed >= 0) {
          const item = reasons[failed]?.Item;
          throw new ConditionFailed(all[failed]?.label ?? 'unknown', item && unmarshall(item));
        }
        throw error;
      }
    });
  }
}

export interface Condition {
  expression: string;
  names?: Record<string, string>;
  values?: Record<string, unknown>;
}

function conditionParts(condition: Condition) {
  return {
    ConditionExpression: condition.expression,
    ...(condition.names && Object.keys(condition.names).length ? { ExpressionAttributeNames: condition.names } : {}),
    ...(condition.values && Object.keys(condition.values).length
      ? { ExpressionAttributeValues: condition.values }
      : {}),
  };
}

/** The stored response of an idempotency key; polls briefly while a concurrent first request is committing. */
async function storedResponse(scope: IdempotencyScope): Promise<StoredResponse> {
  const item = await readRecord(scope);
  if (!item) throw new Error('idempotency record vanished');
  if (item.requestHash !== scope.requestHash) throw new IdempotencyMismatch();
  return unseal<StoredResponse>(item.response as Sealed, scope.scope, scope.key, await sealingSecret());
}

function readRecord(scope: IdempotencyScope) {
  return dynamo
    .send(
      new GetCommand({
        TableName: TABLE_NAME,
        Key: keys.idempotency(scope.scope, idempotencyKeyHash(scope.key)),
        ConsistentRead: true,
      }),
    )
    .then((result) => result.Item);
}

/** The key was used before with a different request. */
export class IdempotencyMismatch extends Error {
  constructor() {
    super('Idempotency-Key reused with a different request');
  }
}

/** Look up an idempotency key before doing any work: the stored response, or null if the key is new. */
export async function findStoredResponse(scope: IdempotencyScope): Promise<StoredResponse | null> {
  const item = await readRecord(scope);
  if (!item) return null;
  if (item.requestHash !== scope.requestHash) throw new IdempotencyMismatch();
  return unseal<StoredResponse>(item.response as Sealed, scope.scope, scope.key, await sealingSecret());
}

/**
 * Transactions that collide with another in flight (TransactionConflict) or were throttled (ThrottlingError: the
 * SDK does not retry a cancelled transaction by itself) are retried with jittered backoff. Nothing of a cancelled
 * transaction was written, so trying again is safe.
 */
async function withConflictRetry(attempt: () => Promise<void>, tries = 8): Promise<void> {
  for (let i = 0; ; i++) {
    try {
      return await attempt();
    } catch (error) {
      const conflict =
        error instanceof TransactionCanceledException &&
        (error.CancellationReasons ?? []).some(
          (reason) => reason.Code === 'TransactionConflict' || reason.Code === 'ThrottlingError',
        );
      if (!conflict || i >= tries - 1) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * 2 ** i));
    }
  }
}

export function epochSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}
