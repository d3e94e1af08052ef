import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { apiHandler } from '../../shared/http/api.js';

const api = apiHandler('evaluations', {});

/** Scheduled input from EventBridge Scheduler (see `schedules` in shared/wiring.ts). */
interface ScheduledTask {
  task: 'monthly-evaluation';
}

/** HTTP routes of the evaluations, and the monthly schedule's invocation. */
export async function handler(event: APIGatewayProxyEventV2 | ScheduledTask, context: Parameters<typeof api>[1]) {
  if ('task' in event) {
    throw new Error(`The scheduled task ${event.task} is not built yet`);
  }
  return api(event, context);
}
