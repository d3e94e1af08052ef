import type { APIGatewayProxyEventV2, Context, EventBridgeEvent } from 'aws-lambda';
import { clock } from '../../shared/clock.js';
import { ENV, requireEnv } from '../../shared/config.js';
import type { EventDetail } from '../../shared/events.js';
import { apiHandler } from '../../shared/http/api.js';
import { sendMessages } from '../../shared/queue.js';
import { rankingsRoutes } from '../../shared/routes/rankings.js';
import {
  getRankingRun,
  planRanking,
  type RankingBatchSink,
  requestRanking,
  startScheduledRanking,
} from '../../shared/usecases/ranking-run.js';
import { getRanking, getRankingList, listRankings, publishRanking } from '../../shared/usecases/rankings.js';

const QUEUE_URL = requireEnv(ENV.rankingQueueUrl);

const api = apiHandler(rankingsRoutes, {
  startRanking: async ({ body }, ctx) => requestRanking(body.quarter, body.reason, ctx),
  getRankingRun: async ({ params }) => ({ status: 200, body: await getRankingRun(params.runId) }),
  listRankings: async () => ({ status: 200, body: await listRankings() }),
  getRanking: async ({ params, query }) => ({ status: 200, body: await getRanking(params.quarter, query) }),
  getRankingList: async ({ params, query }) => ({
    status: 200,
    body: await getRankingList(params.quarter, params.list, query),
  }),
  publishRanking: async ({ params, body }, ctx) => publishRanking(params.quarter, body, ctx),
});

/** Scheduled input from EventBridge Scheduler (see `schedules` in shared/wiring.ts). */
interface ScheduledTask {
  task: 'ranking-day';
  /** the occurrence's time (Scheduler's `<aws.scheduler.scheduled-time>`): its Shanghai date is "today" */
  scheduledTime?: string;
}

type RunRequested = EventBridgeEvent<'RankingRequested', EventDetail<{ runId: string }>>;

/** The batches go to the ranking queue; the `ranking-worker` function works them. */
const toQueue: RankingBatchSink = (messages) => sendMessages(QUEUE_URL, messages);

/**
 * Three doors to one run, planned here and worked by `ranking-worker`: the HTTP routes, the daily schedule (which
 * starts a run only on a quarter's ranking day), and the `RankingRequested` event an officer's request put on the bus.
 */
export async function handler(event: APIGatewayProxyEventV2 | ScheduledTask | RunRequested, context: Context) {
  if ('task' in event) {
    const scheduled = event.scheduledTime ? new Date(event.scheduledTime) : undefined;
    const occurrence = scheduled && !Number.isNaN(scheduled.getTime()) ? scheduled : clock.now();
    return startScheduledRanking(occurrence, clock.now(), toQueue);
  }
  if ('detail-type' in event) return planRanking(event.detail.data.runId, clock.now(), toQueue);
  return api(event, context);
}
