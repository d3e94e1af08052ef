import type { APIGatewayProxyEventV2, Context, EventBridgeEvent } from 'aws-lambda';
import * as z from 'zod/mini';
import { clock } from '../../shared/clock.js';
import { apiHandler } from '../../shared/http/api.js';
import { enterpriseCasesRoutes } from '../../shared/routes/enterprise-cases.js';
import { RuleSets } from '../../shared/store/rule-sets.js';
import {
  confirmEnterpriseCase,
  dismissEnterpriseCase,
  enterpriseCaseView,
  listEnterpriseCases,
  onPenaltyThresholdReached,
  onProjectCaseChanged,
  recordTalk,
} from '../../shared/usecases/enterprise-cases.js';
import { superviseFromRanking } from '../../shared/usecases/ranking-supervision.js';

const api = apiHandler(enterpriseCasesRoutes, {
  listEnterpriseCases: async ({ query }) => ({ status: 200, body: await listEnterpriseCases(query) }),
  getEnterpriseCase: async ({ params }, ctx) => ({
    status: 200,
    body: await enterpriseCaseView(params.enterpriseCaseId, ctx),
  }),
  confirmEnterpriseCase: async ({ params }, ctx) => ({
    status: 200,
    body: await confirmEnterpriseCase(params.enterpriseCaseId, ctx),
  }),
  dismissEnterpriseCase: async ({ params, body }, ctx) => ({
    status: 200,
    body: await dismissEnterpriseCase(params.enterpriseCaseId, body.reason, ctx),
  }),
  recordEnterpriseTalk: async ({ params, body }, ctx) => recordTalk(params.enterpriseCaseId, body, ctx),
});

const envelope = <T extends z.ZodMiniType>(data: T) =>
  z.object({ eventId: z.string().check(z.minLength(1)), occurredAt: z.string(), subjectId: z.string(), data });

const rankingPublished = envelope(
  z.object({
    quarter: z.string().check(z.regex(/^\d{4}Q[1-4]$/)),
    revision: z.number().check(z.int(), z.gte(1)),
    runId: z.string().check(z.minLength(1)),
    publishedOn: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/)),
  }),
);
const caseChanged = envelope(
  z.object({ caseId: z.string().check(z.minLength(1)), projectId: z.string().check(z.minLength(1)) }),
);
const thresholdReached = envelope(
  z.object({
    subject: z.object({ kind: z.string(), id: z.string(), name: z.string() }),
    level: z.number(),
    totalInWindow: z.number(),
    entryId: z.string(),
  }),
);

type SupervisionEvent = EventBridgeEvent<
  'RankingPublished' | 'CaseIncluded' | 'CaseReleased' | 'PenaltyThresholdReached',
  unknown
>;

/**
 * Enterprise-level supervision (SPEC §6.5) and what a published ranking sets in motion: the HTTP routes of the
 * enterprise cases; `RankingPublished` (the bottom projects and enterprises proposed, active enterprise cases
 * reviewed and released); `CaseIncluded` / `CaseReleased` (two projects under supervision at once);
 * `PenaltyThresholdReached` (16 points). Every event is handled idempotently; a malformed one throws (→ DLQ).
 */
export async function handler(event: APIGatewayProxyEventV2 | SupervisionEvent, context: Context) {
  if (!('detail-type' in event)) return api(event, context);
  const now = clock.now();
  switch (event['detail-type']) {
    case 'RankingPublished': {
      const detail = rankingPublished.parse(event.detail);
      return superviseFromRanking({ eventId: detail.eventId, ...detail.data }, now);
    }
    case 'CaseIncluded':
    case 'CaseReleased': {
      const detail = caseChanged.parse(event.detail);
      return onProjectCaseChanged(
        { eventId: detail.eventId, type: event['detail-type'], ...detail.data },
        now,
        new RuleSets(),
      );
    }
    case 'PenaltyThresholdReached': {
      const detail = thresholdReached.parse(event.detail);
      return onPenaltyThresholdReached({ eventId: detail.eventId, ...detail.data }, now, new RuleSets());
    }
  }
}
