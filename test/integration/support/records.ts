/**
 * Records the stress suites (fuzzing, retries) set up through the API as an inspector and an officer would: a
 * registered project, a proposed case with its hazards, an active case with its inclusion notice, an upload link,
 * and a draft circular (the escalation consumer called directly with a level-3 `CaseEscalated`, as the bus would).
 * Each throws with the answer's status and text when a step is refused, so a failing setup says why.
 */
import { randomUUID } from 'node:crypto';
import type { EventBridgeEvent } from 'aws-lambda';
import { handler as escalationHandler } from '../../../functions/escalation-measures/handler.js';
import { setClock as setWorkerClock } from '../../../shared/clock.js';
import { measuresAdded } from '../../../shared/domain/verdict.js';
import type { EventDetail } from '../../../shared/events.js';
import { newId } from '../../../shared/ids.js';
import type { CaseEscalatedData } from '../../../shared/usecases/escalation.js';
import { type ApiResponse, api, tokenFor } from './api.js';
import { failingInspection, projectBody } from './fixtures.js';

type ProjectBody = ReturnType<typeof projectBody>;

function expectStatus(response: ApiResponse, status: number, what: string): void {
  if (response.status !== status) throw new Error(`${what}: ${response.status} ${response.text}`);
}

/** A project registered by an inspector. */
export async function registeredProject(body: ProjectBody = projectBody()) {
  const response = await api('/v1/projects', { method: 'POST', token: await tokenFor('inspector'), body });
  expectStatus(response, 201, 'register a project');
  return { body, projectId: (response.json as { id: string }).id };
}

/**
 * A project with a failing inspection (`inspectionId`): a proposed case and three open hazards (`hazardIds`, the
 * finding first).
 */
export async function proposedCase() {
  const project = await registeredProject();
  const response = await api(`/v1/projects/${project.projectId}/inspections`, {
    method: 'POST',
    token: await tokenFor('inspector'),
    body: failingInspection(project.body),
  });
  expectStatus(response, 201, 'record a failing inspection');
  const recorded = response.json as { caseId: string; hazardIds: string[]; inspectionId: string };
  return { ...project, caseId: recorded.caseId, hazardIds: recorded.hazardIds, inspectionId: recorded.inspectionId };
}

/** A proposed case confirmed by an officer: active, with its inclusion notice (`noticeId`). */
export async function activeCase() {
  const proposed = await proposedCase();
  const confirmed = await api(`/v1/cases/${proposed.caseId}/confirm`, {
    method: 'POST',
    token: await tokenFor('officer'),
    body: {},
  });
  expectStatus(confirmed, 200, 'confirm the case');
  const notices = (confirmed.json as { notices: Array<{ id: string }> }).notices;
  return { ...proposed, noticeId: notices[0]?.id as string };
}

/** An upload link of a case for one unit, valid 31 days: its token and id. */
export async function uploadLink(caseId: string, unitCreditCode: string) {
  const response = await api(`/v1/cases/${caseId}/upload-links`, {
    method: 'POST',
    token: await tokenFor('inspector'),
    body: { unitCreditCode, validDays: 31 },
  });
  expectStatus(response, 201, 'create an upload link');
  return response.json as { token: string; linkId: string };
}

/** `CaseEscalated` as EventBridge delivers it to the rule's target; `month` is the month evaluated. */
export function escalatedEvent(
  ids: { projectId: string; caseId: string },
  level: number,
  evaluatedOn: string,
  month = evaluatedOn.slice(0, 7),
): EventBridgeEvent<'CaseEscalated', EventDetail<CaseEscalatedData>> {
  return {
    id: randomUUID(),
    version: '0',
    account: '000000000000',
    time: `${evaluatedOn}T02:30:00+08:00`,
    region: 'cn-north-1',
    resources: [],
    source: 'supervision',
    'detail-type': 'CaseEscalated',
    detail: {
      eventId: newId('evt'),
      occurredAt: `${evaluatedOn}T02:30:00+08:00`,
      subjectId: ids.caseId,
      data: {
        projectId: ids.projectId,
        caseId: ids.caseId,
        level,
        levelBefore: level - 1,
        cycleIndex: level,
        month,
        evaluatedOn,
        conditionsMet: ['C1'],
        reasons: ['周期内仍具备差别化监管条件'],
        measures: measuresAdded(level - 1, level),
      },
    },
  };
}

/**
 * A draft circular of an active case: the escalation consumer, called in this process with the worker clock at
 * `now`, takes the case to level 3 (evaluated on `now`'s day, judging the month before). Returns the circular's id.
 */
export async function draftCircular(ids: { projectId: string; caseId: string }, now: string): Promise<string> {
  const evaluatedOn = now.slice(0, 10);
  const monthBefore = new Date(`${evaluatedOn.slice(0, 7)}-01T00:00:00Z`);
  monthBefore.setUTCMonth(monthBefore.getUTCMonth() - 1);
  setWorkerClock(new Date(now));
  const outcome = await escalationHandler(escalatedEvent(ids, 3, evaluatedOn, monthBefore.toISOString().slice(0, 7)));
  if (!outcome.circular) throw new Error(`no circular drafted: ${JSON.stringify(outcome)}`);
  return outcome.circular.id;
}
