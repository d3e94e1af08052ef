import type { APIGatewayProxyEventV2, Context, EventBridgeEvent } from 'aws-lambda';
import { clock } from '../../shared/clock.js';
import { ENV, requireEnv } from '../../shared/config.js';
import { quarterOfMonth } from '../../shared/domain/assessment/periods.js';
import type { EventDetail } from '../../shared/events.js';
import { apiHandler } from '../../shared/http/api.js';
import { sendMessages } from '../../shared/queue.js';
import { evaluationsRoutes } from '../../shared/routes/evaluations.js';
import { RuleSets } from '../../shared/store/rule-sets.js';
import { governmentAssessmentQuota } from '../../shared/usecases/assessment-quota.js';
import { enforcementStatistics } from '../../shared/usecases/enforcement-stats.js';
import { enterpriseSupervisionStatistics } from '../../shared/usecases/enterprise-cases.js';
import {
  type BatchSink,
  getEvaluationRun,
  getMonthStatistics,
  planEvaluation,
  requestEvaluation,
  startScheduledEvaluation,
} from '../../shared/usecases/evaluation-run.js';

const QUEUE_URL = requireEnv(ENV.evaluationQueueUrl);

const api = apiHandler(evaluationsRoutes, {
  startEvaluation: async ({ body }, ctx) => requestEvaluation(body.month, ctx),
  getEvaluation: async ({ params }) => ({ status: 200, body: await getEvaluationRun(params.runId) }),
  getStats: async ({ query }) => ({
    status: 200,
    body: {
      ...(await getMonthStatistics(query.month, query)),
      // SPEC §6.2: the agency's own quarterly duty of government assessments, for the month's quarter
      governmentAssessments: await governmentAssessmentQuota(quarterOfMonth(query.month)),
      // SPEC §6.5: each project of an enterprise under enterprise-level supervision is owed ≥ 2 agency inspections
      enterpriseSupervision: await enterpriseSupervisionStatistics(query.month, new RuleSets()),
    },
  }),
  getEnforcementStats: async ({ query }, ctx) => ({
    status: 200,
    body: await enforcementStatistics(query.quarter, ctx.now),
  }),
});

/** Scheduled input from EventBridge Scheduler (see `schedules` in shared/wiring.ts). */
interface ScheduledTask {
  task: 'monthly-evaluation';
  /** the occurrence's time (Scheduler's `<aws.scheduler.scheduled-time>`): the month before it is judged */
  scheduledTime?: string;
}

type RunRequested = EventBridgeEvent<'EvaluationRequested', EventDetail<{ runId: string; month: string }>>;

/** The batches go to the evaluation queue; the `evaluation-worker` function works them. */
const toQueue: BatchSink = (messages) => sendMessages(QUEUE_URL, messages);

/**
 * Three doors to one run, planned here and worked by `evaluation-worker`: the HTTP routes, the monthly schedule
 * (02:30 on the 1st), and the `EvaluationRequested` event an officer's `POST /v1/evaluations` put on the bus.
 */
export async function handler(event: APIGatewayProxyEventV2 | ScheduledTask | RunRequested, context: Context) {
  if ('task' in event) {
    const scheduled = event.scheduledTime ? new Date(event.scheduledTime) : undefined;
    const occurrence = scheduled && !Number.isNaN(scheduled.getTime()) ? scheduled : clock.now();
    return startScheduledEvaluation(occurrence, clock.now(), toQueue);
  }
  if ('detail-type' in event) {
    return planEvaluation(event.detail.data.runId, event.detail.data.month, clock.now(), toQueue);
  }
  return api(event, context);
}
