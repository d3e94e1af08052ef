import { Duration, Validations } from 'aws-cdk-lib';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

/**
 * A dead-letter queue: encrypted, TLS only, messages kept for the longest SQS allows (14 days) so an operator has
 * time to look at what failed and redrive it. Every asynchronous consumer of this product has one (SPEC §5).
 */
export class DeadLetterQueue extends Queue {
  /**
   * `options.ofQueue`: the redrive target of another SQS queue, which cdk-nag recognizes as a DLQ by itself; the
   * DLQs of rules, schedules and stream mappings it cannot see as such, so their SQS3 finding is acknowledged.
   */
  constructor(scope: Construct, id: string, options: { ofQueue?: boolean } = {}) {
    super(scope, id, {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    if (!options.ofQueue) {
      Validations.of(this).acknowledge({
        id: 'AwsSolutions-SQS3',
        reason:
          'It is the DLQ of an EventBridge target, a schedule or a stream mapping: the end of the line for failed deliveries, so it has no dead-letter queue of its own.',
      });
    }
  }
}
