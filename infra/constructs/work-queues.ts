import { Duration } from 'aws-cdk-lib';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { type FunctionName, type QueueName, type QueueSpec, queues } from '../../shared/wiring.js';
import { DeadLetterQueue } from './dead-letter-queue.js';
import type { SupervisionFunction } from './supervision-function.js';

/** Props of {@link WorkQueues}. */
export interface WorkQueuesProps {
  /** the `queues` rows of shared/wiring.ts */
  readonly queues: Readonly<Record<QueueName, QueueSpec>>;
  readonly functionNamed: (name: FunctionName) => SupervisionFunction;
}

/**
 * One SQS queue per `queues` row: encrypted, TLS only, with a DLQ after `maxReceiveCount` deliveries, consumed by
 * its function through an event source mapping whose maximum concurrency bounds the write rate the workers put on
 * the table. Functions whose row `sendsTo` a queue may send to it (and only that).
 */
export class WorkQueues extends Construct {
  readonly queues: ReadonlyMap<QueueName, { queue: Queue; deadLetterQueue: DeadLetterQueue }>;

  constructor(scope: Construct, id: string, props: WorkQueuesProps) {
    super(scope, id);
    const made = new Map<QueueName, { queue: Queue; deadLetterQueue: DeadLetterQueue }>();
    for (const [name, spec] of Object.entries(props.queues) as Array<[QueueName, QueueSpec]>) {
      const deadLetterQueue = new DeadLetterQueue(this, `${name}-dlq`, { ofQueue: true });
      const queue = new Queue(this, name, {
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        visibilityTimeout: Duration.seconds(spec.visibilityTimeoutSeconds),
        retentionPeriod: Duration.days(4),
        deadLetterQueue: { queue: deadLetterQueue, maxReceiveCount: spec.maxReceiveCount },
      });
      props.functionNamed(spec.function).addEventSource(
        new SqsEventSource(queue, {
          batchSize: spec.batchSize,
          maxConcurrency: spec.maxConcurrency,
          reportBatchItemFailures: true,
        }),
      );
      made.set(name, { queue, deadLetterQueue });
    }
    this.queues = made;
  }

  /** Let a function send to a queue: `sqs:SendMessage` on it (its URL comes with its environment). */
  grantSend(fn: SupervisionFunction, name: QueueName): void {
    const entry = this.queues.get(name);
    if (!entry) throw new Error(`The wiring names a queue "${name}" that is not in its queues table`);
    if (!queues[name].urlVariable) {
      throw new Error(`Queue "${name}" names no urlVariable: no function can be told its URL`);
    }
    entry.queue.grantSendMessages(fn);
  }

  /** The queue of a `queues` row (a rule of `rules` may target it). */
  queueNamed(name: QueueName): Queue {
    const entry = this.queues.get(name);
    if (!entry) throw new Error(`The wiring names a queue "${name}" that is not in its queues table`);
    return entry.queue;
  }
}
