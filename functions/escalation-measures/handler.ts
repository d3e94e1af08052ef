import type { EventBridgeEvent } from 'aws-lambda';
import { clock } from '../../shared/clock.js';
import type { EventDetail } from '../../shared/events.js';
import { log } from '../../shared/log.js';
import {
  applyEscalation,
  type CaseEscalatedData,
  caseEscalatedDetail,
  type EscalationOutcome,
} from '../../shared/usecases/escalation.js';

/**
 * `CaseEscalated` → the measures of the level reached (驻场监督; 高限高额处罚 and the group orders; the circular draft
 * 全区通报批评 and the municipal report). Idempotent under at-least-once, out-of-order delivery: a duplicate succeeds
 * and writes nothing. Only a malformed event or an impossible one (a case never included) throws, and so reaches the
 * rule's dead-letter queue.
 */
export async function handler(
  event: EventBridgeEvent<'CaseEscalated', EventDetail<CaseEscalatedData>>,
): Promise<EscalationOutcome> {
  const detail = caseEscalatedDetail.parse(event.detail);
  const outcome = await applyEscalation(detail, clock.now());
  log.info('escalation measures', {
    caseId: outcome.caseId,
    eventId: outcome.eventId,
    escalationLevel: detail.data.level,
    outcome: outcome.outcome,
    measures: outcome.measures.length,
    groupOrders: outcome.groupOrders,
    circular: outcome.circular?.number ?? null,
  });
  return outcome;
}
