import type { APIGatewayProxyEventV2, Context, EventBridgeEvent } from 'aws-lambda';
import { clock } from '../../shared/clock.js';
import type { EventDetail } from '../../shared/events.js';
import { apiHandler } from '../../shared/http/api.js';
import {
  getEvaluationRun,
  getMonthStatistics,
  requestEvaluation,
  runEvaluation,
  runScheduledEvaluation,
} from '../../shared/usecases/evaluation.js';

const api = apiHandler('evaluations', {
  startEvaluation: async ({ body }, ctx) => requestEvaluation(body.month, ctx),
  getEvaluation: async ({ params }) => ({ status: 200, body: await getEvaluationRun(params.runId) }),
  getStats: async ({ query }) => ({ status: 200, body: await getMonthStatistics(query.month) }),
});

/** Scheduled input from EventBridge Scheduler (see `schedules` in shared/wiring.ts). */
interface ScheduledTask {
  task: 'monthly-evaluation';
  /** the occurrence's time (Scheduler's `<aws.scheduler.scheduled-time>`): the month before it is judged */
  scheduledTime?: string;
}

type RunRequested = EventBridgeEvent<'EvaluationRequested', EventDetail<{ runId: string; month: string }>>;

/**
 * Three doors to one run: the HTTP routes, the monthly schedule (02:30 on the 1st), and the `EvaluationRequested`
 * event an officer's `POST /v1/evaluations` put on the bus.
 */
export async function handler(event: APIGatewayProxyEventV2 | ScheduledTask | RunRequested, context: Context) {
  if ('task' in event) {
    const scheduled = event.scheduledTime ? new Date(event.scheduledTime) : undefined;
    return runScheduledEvaluation(
      scheduled && !Number.isNaN(scheduled.getTime()) ? scheduled : clock.now(),
      clock.now(),
    );
  }
  if ('detail-type' in event) return runEvaluation(event.detail.data.runId, event.detail.data.month, clock.now());
  return api(event, context);
}
