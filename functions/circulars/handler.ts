import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { clock } from '../../shared/clock.js';
import { apiHandler } from '../../shared/http/api.js';
import { circularsRoutes } from '../../shared/routes/circulars.js';
import {
  correctRetraction,
  expireCirculars,
  listCirculars,
  publishCircular,
  retractCircular,
  withdrawCircular,
} from '../../shared/usecases/circulars.js';

const api = apiHandler(circularsRoutes, {
  listCirculars: async ({ query }) => ({ status: 200, body: await listCirculars(query) }),
  publishCircular: async ({ params, body }, ctx) => ({
    status: 200,
    body: await publishCircular(params.circularId, body, ctx),
  }),
  retractCircular: async ({ params, body }, ctx) => ({
    status: 200,
    body: await retractCircular(params.circularId, body.reason, ctx),
  }),
  withdrawCircular: async ({ params, body }, ctx) => ({
    status: 200,
    body: await withdrawCircular(params.circularId, body.reason, ctx),
  }),
  correctRetraction: async ({ params, body }, ctx) => ({
    status: 200,
    body: await correctRetraction(params.circularId, body.reason, ctx),
  }),
});

/** Scheduled input from EventBridge Scheduler (schedule `daily-circular-expiry` in shared/wiring.ts). */
interface ExpiryTask {
  task: 'expire-circulars';
  /** the occurrence's time (Scheduler's `<aws.scheduler.scheduled-time>`): its day is the one judged */
  scheduledTime?: string;
}

/** Two doors: the circular routes (list, publish, withdraw, retract, correct) and the daily expiry of periods. */
export async function handler(event: APIGatewayProxyEventV2 | ExpiryTask, context: Context) {
  if ('task' in event) {
    if (event.task !== 'expire-circulars') throw new Error(`unknown task ${String(event.task)}`);
    const scheduled = event.scheduledTime ? new Date(event.scheduledTime) : undefined;
    const now = clock.now();
    return expireCirculars(scheduled && !Number.isNaN(scheduled.getTime()) ? scheduled : now, now);
  }
  return api(event, context);
}
