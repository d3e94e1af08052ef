import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import type { DeadLetterQueue } from './dead-letter-queue.js';

/** Props of {@link DeadLetterAlarms}. */
export interface DeadLetterAlarmsProps {
  /** every dead-letter queue of the stack, by a name an operator recognizes */
  readonly queues: ReadonlyMap<string, DeadLetterQueue>;
  /** who is told (the `alarmEmail` context value); without it the topic has no subscriber yet */
  readonly email?: string;
}

/**
 * A message in a dead-letter queue means an event, a scheduled run or an outbox item was not processed: one alarm
 * per queue, all on one topic an operator subscribes to.
 */
export class DeadLetterAlarms extends Construct {
  readonly topic: Topic;

  constructor(scope: Construct, id: string, props: DeadLetterAlarmsProps) {
    super(scope, id);
    this.topic = new Topic(this, 'Topic', { displayName: 'Supervision: undelivered work', enforceSSL: true });
    if (props.email) this.topic.addSubscription(new EmailSubscription(props.email));

    for (const [name, queue] of props.queues) {
      const alarm = new Alarm(this, name, {
        alarmDescription: `Messages in the dead-letter queue of ${name}: work that was not done; inspect and redrive`,
        metric: queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }),
        threshold: 0,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
      alarm.addAlarmAction(new SnsAction(this.topic));
    }
  }

  /**
   * An alarm, on the same topic, whenever a count metric the functions emit (EMF, shared/metrics.ts) is above zero in
   * five minutes: work that was done only in part and needs a person.
   */
  alarmOnCount(name: string, namespace: string, metricName: string, description: string): Alarm {
    const alarm = new Alarm(this, name, {
      alarmDescription: description,
      metric: new Metric({ namespace, metricName, period: Duration.minutes(5), statistic: 'Sum' }),
      threshold: 0,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(new SnsAction(this.topic));
    return alarm;
  }
}
