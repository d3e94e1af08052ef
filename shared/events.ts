/**
 * The events of SPEC §5, published on the EventBridge bus `supervision` with source `supervision`.
 * They are written to the table's outbox in the same transaction as the change they announce.
 */
export const EVENT_SOURCE = 'supervision';

export const EVENT_TYPES = [
  'ProjectRegistered',
  'CaseProposed',
  'CaseIncluded',
  'CaseDismissed',
  'NoticeIssued',
  'NoticeAcknowledged',
  'NoticeReceiptOverdue',
  'HazardOverdue',
  'DocumentAccepted',
  'DocumentRejected',
  'CycleEvaluated',
  'CaseEscalated',
  'CaseReleased',
  'CircularDrafted',
  'CircularPublished',
  'CircularRetracted',
  'CircularExpired',
  'MunicipalReportRequested',
  // beyond SPEC §5's list: an inspection and its report recorded (the report's PDF is rendered from it), and the
  // level-2 orders to the group companies issued (theirs likewise)
  'InspectionRecorded',
  'GroupOrdersIssued',
  // status assessment and penalty points (SPEC §6.2–6.3)
  'AssessmentSubmitted',
  'AssessmentSuspected',
  'AssessmentFalsificationDecided',
  'PenaltyPointsRecorded',
  'PenaltyPointsRevoked',
  'PenaltyThresholdReached',
  // an officer abandoned a draft circular (SPEC §2.2): it never becomes public and consumed no number
  'CircularWithdrawn',
  // an officer corrected the reason of a retraction: the public site shows the corrected reason
  'CircularRetractionCorrected',
  // internal: an officer asked for a monthly evaluation run; the evaluations function runs it off the request path
  'EvaluationRequested',
  // an officer added a rule-set version (SPEC §2.1 "Rule sets"): kept in the journal like every decision
  'RuleSetAdded',
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

/** The envelope every supervision event carries in its EventBridge `detail`. */
export interface EventDetail<T = Record<string, unknown>> {
  eventId: string;
  occurredAt: string;
  /** The record the event is about (project, case, notice, circular ...). */
  subjectId: string;
  data: T;
}
