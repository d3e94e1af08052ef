import { Duration, Stack, TimeZone, Validations } from 'aws-cdk-lib';
import type { CronOptions } from 'aws-cdk-lib/aws-events';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Schedule, ScheduleExpression, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Construct } from 'constructs';
import type { ScheduleSpec } from '../../shared/wiring.js';
import { DeadLetterQueue } from './dead-letter-queue.js';
import { logicalIdOf } from './logical-id.js';
import type { SupervisionFunction } from './supervision-function.js';

/** Props of {@link Schedules}. */
export interface SchedulesProps {
  /** the `schedules` of shared/wiring.ts */
  readonly schedules: readonly ScheduleSpec[];
  /** the function of each wiring name */
  readonly functionNamed: (name: ScheduleSpec['function']) => SupervisionFunction;
}

/**
 * `cron(30 2 1 * ? *)` → its six fields (minutes hours day-of-month month day-of-week year), `?` left out as CDK
 * expects. The caller checks that CDK renders the same expression back, so a field can never be lost.
 */
export function parseCron(expression: string): CronOptions {
  const body = /^cron\((.+)\)$/.exec(expression.trim())?.[1];
  const fields = body?.trim().split(/\s+/);
  if (fields?.length !== 6) {
    throw new Error(
      `"${expression}" is not an EventBridge Scheduler cron expression: cron(min hour dom month dow year)`,
    );
  }
  const [minute, hour, day, month, weekDay, year] = fields.map((field) => (field === '?' ? undefined : field));
  return { minute, hour, day, month, weekDay, year };
}

/**
 * One EventBridge Scheduler schedule per row of the wiring's `schedules`, in the row's time zone, invoking its
 * function with the row's input; failed invocations are retried, then parked in the schedule's dead-letter queue.
 */
export class Schedules extends Construct {
  /** schedule and DLQ by schedule name */
  readonly schedules = new Map<string, { schedule: Schedule; deadLetterQueue: DeadLetterQueue }>();

  constructor(scope: Construct, id: string, props: SchedulesProps) {
    super(scope, id);
    for (const spec of props.schedules) {
      const expression = ScheduleExpression.cron({ ...parseCron(spec.cron), timeZone: TimeZone.of(spec.timeZone) });
      if (expression.expressionString !== spec.cron) {
        throw new Error(`Schedule ${spec.name}: ${spec.cron} was rendered as ${expression.expressionString}`);
      }
      const fn = props.functionNamed(spec.function);
      const deadLetterQueue = new DeadLetterQueue(this, `${spec.name}-dlq`);
      // our own role (not the target's shared singleton) so its findings are acknowledged right here
      const role = new Role(this, `${spec.name}-role`, {
        assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
          conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
        }),
      });
      const schedule = new Schedule(this, spec.name, {
        description: spec.description,
        schedule: expression,
        target: new LambdaInvoke(fn, {
          role,
          input: ScheduleTargetInput.fromObject(spec.input),
          deadLetterQueue,
          retryAttempts: 3,
          maxEventAge: Duration.hours(6),
        }),
      });
      this.schedules.set(spec.name, { schedule, deadLetterQueue });
      // Lambda's own invoke permission names `function` and `function:*` (its versions and aliases)
      Validations.of(role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${logicalIdOf(fn)}.Arn>:*]`,
        reason: `The scheduler role may invoke the ${spec.function} function and its versions/aliases, nothing else.`,
      });
    }
  }
}
