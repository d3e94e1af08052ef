import { Duration, Stack } from 'aws-cdk-lib';
import { EventBus, type EventPattern, type IEventBus, Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction, SqsQueue } from 'aws-cdk-lib/aws-events-targets';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { type FunctionName, names, type QueueName, type RuleSpec, rulePattern } from '../../shared/wiring.js';
import { DeadLetterQueue } from './dead-letter-queue.js';
import type { SupervisionFunction } from './supervision-function.js';

/** Props of {@link SupervisionEvents}. */
export interface SupervisionEventsProps {
  /** the `rules` of shared/wiring.ts */
  readonly rules: readonly RuleSpec[];
  /** the function of each wiring name */
  readonly functionNamed: (name: FunctionName) => SupervisionFunction;
  /** the work queue of each wiring name (a rule may deliver to a queue instead of a function) */
  readonly queueNamed: (name: QueueName) => IQueue;
  /** the buckets whose object events rules may listen to (`sourceBucket`) */
  readonly buckets: { documents: IBucket };
}

/** EventBridge's pattern keys as written in the wiring table, and the `EventPattern` field each becomes. */
const PATTERN_FIELDS = {
  version: 'version',
  id: 'id',
  'detail-type': 'detailType',
  source: 'source',
  account: 'account',
  time: 'time',
  region: 'region',
  resources: 'resources',
  detail: 'detail',
} as const satisfies Record<string, keyof EventPattern>;

/**
 * The wiring table writes patterns as EventBridge JSON; CDK wants camelCase fields. Values (including content
 * filters like `[{ prefix: 'x' }]`) pass through unchanged. An unknown key fails the synth rather than being dropped.
 */
export function toEventPattern(pattern: Record<string, unknown>): EventPattern {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(pattern)) {
    const field = PATTERN_FIELDS[key as keyof typeof PATTERN_FIELDS];
    if (!field) throw new Error(`Event pattern key "${key}" is not an EventBridge top-level field`);
    result[field] = value;
  }
  return result as EventPattern;
}

/**
 * The `supervision` bus with a year's archive (events can be replayed to a repaired consumer), and one rule per
 * row of the wiring's `rules`, each delivering to its function or its work queue with retries and its own
 * dead-letter queue for what cannot be delivered (SPEC §5: every consumer has a DLQ; a queue has its own besides,
 * for what its function keeps failing). Rows on `default` listen on the account's default bus (S3 Object Created).
 */
export class SupervisionEvents extends Construct {
  readonly bus: EventBus;
  readonly defaultBus: IEventBus;
  /** rule and DLQ by rule name */
  readonly rules = new Map<string, { rule: Rule; deadLetterQueue: DeadLetterQueue }>();

  constructor(scope: Construct, id: string, props: SupervisionEventsProps) {
    super(scope, id);
    this.bus = new EventBus(this, 'Bus', { eventBusName: names.bus });
    this.bus.archive('Archive', {
      description: 'Every event of the supervision bus, for replay after a consumer is fixed',
      eventPattern: { account: [Stack.of(this).account] },
      retention: Duration.days(365),
    });
    this.defaultBus = EventBus.fromEventBusName(this, 'Default', 'default');

    for (const spec of props.rules) {
      const deadLetterQueue = new DeadLetterQueue(this, `${spec.name}-dlq`);
      const delivery = { deadLetterQueue, retryAttempts: 8, maxEventAge: Duration.hours(6) };
      const rule = new Rule(this, spec.name, {
        description: spec.description,
        eventBus: spec.bus === 'supervision' ? this.bus : this.defaultBus,
        eventPattern: toEventPattern(rulePattern(spec, { documents: props.buckets.documents.bucketName })),
        targets: [
          spec.queue === undefined
            ? new LambdaFunction(props.functionNamed(spec.function), delivery)
            : // the whole event envelope is the message body, as the consumer expects
              new SqsQueue(props.queueNamed(spec.queue), delivery),
        ],
      });
      this.rules.set(spec.name, { rule, deadLetterQueue });
    }
  }
}
