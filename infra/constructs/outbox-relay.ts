import { Duration, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { FilterCriteria, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Construct } from 'constructs';
import type { outboxStream } from '../../shared/wiring.js';
import { DeadLetterQueue } from './dead-letter-queue.js';
import type { SupervisionFunction } from './supervision-function.js';

/** Props of {@link OutboxRelay}. */
export interface OutboxRelayProps {
  readonly table: ITable;
  /** the `outboxStream` row of shared/wiring.ts */
  readonly spec: typeof outboxStream;
  /** the relay function named by the row */
  readonly relay: SupervisionFunction;
}

/**
 * The transactional outbox's drain (SPEC §5): the table stream, filtered to new outbox items only, feeds the relay
 * function. Failed records are retried alone (partial batch responses, bisection), then described in a DLQ.
 */
export class OutboxRelay extends Construct {
  readonly deadLetterQueue: DeadLetterQueue;

  constructor(scope: Construct, id: string, props: OutboxRelayProps) {
    super(scope, id);
    this.deadLetterQueue = new DeadLetterQueue(this, 'Dlq');
    props.relay.addEventSource(
      new DynamoEventSource(props.table, {
        // from the oldest record still in the stream: after a redeploy or an outage no outbox item is skipped
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: props.spec.batchSize,
        filters: [FilterCriteria.filter(props.spec.filter)],
        bisectBatchOnError: true,
        reportBatchItemFailures: true,
        retryAttempts: 10,
        maxRecordAge: Duration.hours(24),
        onFailure: new SqsDlq(this.deadLetterQueue),
      }),
    );
    Validations.of(props.relay.executionRole).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'dynamodb:ListStreams, granted with the stream read for the event source mapping, has no resource-level permissions.',
    });
  }
}
