/**
 * Retries, generated from the wiring table: every idempotent write route (`idempotent: true`) is sent 20 times AT
 * ONCE with the same Idempotency-Key and a valid body, and must have exactly one effect:
 *
 * - routes that store their first response: one new record, and 20 identical answers (status and body);
 * - routes documented as `reread` (confirm, dismiss, extension, publish, withdraw, retract, correct a retraction:
 *   their replays answer the current state): one state transition, one timeline entry, 20 successful answers
 *   showing the new state;
 * - the same key with another request (another body, or another path for DELETE) → 422 problem+json.
 *
 * Then every event consumer (event journal, escalation measures, the document renderer) is fed each event twice and
 * out of order, called directly as the bus or its queue would (at least once, any order), and must have exactly one
 * effect per event.
 */
import { createHash, randomUUID } from 'node:crypto';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { EventBridgeEvent, SQSEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handler as rendererHandler } from '../../functions/document-renderer/handler.js';
import { handler as escalationHandler } from '../../functions/escalation-measures/handler.js';
import { handler as journalHandler } from '../../functions/event-journal/handler.js';
import { setClock as setWorkerClock } from '../../shared/clock.js';
import { measuresAdded } from '../../shared/domain/verdict.js';
import type { EventDetail } from '../../shared/events.js';
import { newId } from '../../shared/ids.js';
import { keys } from '../../shared/store/keys.js';
import { type OperationId, routeList } from '../../shared/wiring.js';
import {
  type ApiResponse,
  api,
  countItems,
  documentsRendered,
  eventually,
  partitionItems,
  setClock,
  table,
  tokenFor,
} from './support/api.js';
import {
  assessmentInspection,
  assessmentLink,
  deductEverywhere,
  defaultScheme,
  form,
  registeredPersonsProject,
  submitThroughLink,
  UNUSED_SCAFFOLDS,
  unitOf,
} from './support/assessments.js';
import { enterpriseCase, publicationDone, rankedQuarter } from './support/enterprise-supervision.js';
import { contractorOf, creditCode, failingInspection, projectBody } from './support/fixtures.js';
import { finishedRun } from './support/rankings.js';
import {
  activeCase,
  draftCircular,
  escalatedEvent,
  proposedCase,
  registeredProject,
  uploadLink,
} from './support/records.js';

const REPLAYS = 20;
const NOW = '2026-09-10T10:00:00+08:00';
/** after the circular's statement window (5 working days from 09-10): publishing is allowed */
const AFTER_STATEMENT_WINDOW = '2026-09-25T10:00:00+08:00';

/** Routes whose replays answer the current state instead of a stored body (`reread: true` in their use case). */
const REREAD: ReadonlySet<OperationId> = new Set([
  'confirmCase',
  'dismissCase',
  'extendCycle',
  'publishCircular',
  'withdrawCircular',
  'retractCircular',
  'correctRetraction',
  'confirmEnterpriseCase',
  'dismissEnterpriseCase',
]);

type Item = Record<string, unknown>;

let inspector: string;
let officer: string;

beforeAll(async () => {
  await setClock(NOW);
  setWorkerClock(new Date(NOW));
  inspector = await tokenFor('inspector');
  officer = await tokenFor('officer');
}, 60_000);

afterAll(async () => {
  await setClock(null);
  setWorkerClock(null);
});

// ---------------------------------------------------------------------------------------------------------------
// fixtures
// ---------------------------------------------------------------------------------------------------------------

async function timeline(projectId: string, caseId: string): Promise<Item[]> {
  return partitionItems(`PROJECT#${projectId}`, { skPrefix: `CASE#${caseId}#TIMELINE#` });
}

async function itemsOfType(projectId: string, type: string): Promise<Item[]> {
  return (await partitionItems(`PROJECT#${projectId}`)).filter((item) => item.type === type);
}

/** How many status changes a hazard went through (its history). */
async function hazardChanges(projectId: string, hazardId: string): Promise<number> {
  const finding = (await itemsOfType(projectId, 'finding')).find((item) => item.id === hazardId);
  return (finding?.history as unknown[] | undefined)?.length ?? 0;
}

// ---------------------------------------------------------------------------------------------------------------
// one scenario per idempotent route
// ---------------------------------------------------------------------------------------------------------------

interface Scenario {
  path: string;
  method?: 'POST' | 'DELETE';
  token: string;
  body?: unknown;
  /** the same key with this request must be refused (422) */
  other: { path?: string; body?: unknown };
  /** the effect being counted: must grow by exactly one */
  effect: () => Promise<number>;
  /** what every answer must show, for reread routes (the current state) */
  check?: (response: ApiResponse) => void;
  /** runs before the replays (e.g. move the clock), and after them */
  before?: () => Promise<void>;
  after?: (responses: ApiResponse[]) => Promise<void>;
}

/** A project with registered key persons, its contractor's assessment link, and what to submit through it. */
async function assessedProject() {
  const body = registeredPersonsProject(String(Date.now() % 1e8).padStart(8, '0'));
  const { projectId } = await registeredProject(body);
  const link = await assessmentLink(projectId, unitOf(body, 'general_contractor'));
  const scheme = await defaultScheme();
  const off = [...UNUSED_SCAFFOLDS, 'B.15'];
  const signedBy = { name: '张建国', registrationNo: body.persons[0]?.registrationNo as string };
  const self = (period: string, points: number) => ({
    tier: 'self',
    period,
    tables: form(scheme, deductEverywhere(scheme, points, off), { tablesNotApplicable: off }),
    signedBy,
  });
  return { projectId, body, link, scheme, off, self };
}

/** A self-assessment the government's assessment (42 points lower on every table) made suspected. */
async function suspectedAssessment() {
  const assessed = await assessedProject();
  const own = await submitThroughLink(assessed.link.token, assessed.self('2026-09', 0));
  expect(own.status, own.text).toBe(201);
  const inspectionId = await assessmentInspection(assessed.projectId, '2026-09-09');
  const government = await api(`/v1/projects/${assessed.projectId}/assessments`, {
    token: inspector,
    body: {
      ...assessed.self('2026Q3', 42),
      tier: 'government',
      schemeId: 'jgj59-2011',
      signedBy: { name: '王五' },
      inspectionId,
      inspectors: ['王五', '赵六'],
    },
  });
  expect(government.status, government.text).toBe(201);
  return { ...assessed, assessmentId: (own.json as { id: string }).id };
}

const assessments = async (projectId: string) => itemsOfType(projectId, 'assessment');

/** The items of an enterprise's partition (its enterprise cases, their timelines and talks). */
const enterpriseItems = (code: string, skPrefix: string) => partitionItems(`ENTERPRISE#${code}`, { skPrefix });

const enterpriseTimelineActions = (code: string, caseId: string, action: string) => async () =>
  (await enterpriseItems(code, `ECASE#${caseId}#TIMELINE#`)).filter((entry) => entry.action === action).length;

const timelineActions = (projectId: string, caseId: string, action: string) => async () =>
  (await timeline(projectId, caseId)).filter((entry) => entry.action === action).length;

const scenarios: Record<string, () => Promise<Scenario>> = {
  registerProject: async () => ({
    path: '/v1/projects',
    token: inspector,
    body: projectBody(),
    other: { body: projectBody() },
    effect: () => countItems('project'),
  }),
  recordInspection: async () => {
    const { projectId, body } = await registeredProject();
    const inspection = { ...failingInspection(body), findings: failingInspection(body).findings.slice(1, 2) };
    return {
      path: `/v1/projects/${projectId}/inspections`,
      token: inspector,
      body: inspection,
      other: { body: { ...inspection, summary: '另一次检查' } },
      effect: async () => (await itemsOfType(projectId, 'inspection')).length,
    };
  },
  recordIncident: async () => {
    const { projectId } = await registeredProject();
    const incident = { date: '2026-09-01', fatalities: 0, injuries: 1, description: '高处坠落，一人轻伤' };
    return {
      path: `/v1/projects/${projectId}/incidents`,
      token: inspector,
      body: incident,
      other: { body: { ...incident, injuries: 2 } },
      effect: async () => (await itemsOfType(projectId, 'incident')).length,
    };
  },
  recordCriticism: async () => {
    const { projectId } = await registeredProject();
    const criticism = { date: '2026-09-05', issuer: 'authority', documentNo: '京建发〔2026〕3号', summary: '通报批评' };
    return {
      path: `/v1/projects/${projectId}/criticisms`,
      token: inspector,
      body: criticism,
      other: { body: { ...criticism, documentNo: '京建发〔2026〕4号' } },
      effect: async () => (await itemsOfType(projectId, 'criticism')).length,
    };
  },
  verifyHazard: async () => {
    const { projectId, hazardIds } = await proposedCase();
    const hazardId = hazardIds[1] as string;
    return {
      path: `/v1/hazards/${hazardId}/verifications`,
      token: inspector,
      body: { result: 'rejected', date: '2026-09-10', note: '未整改到位' },
      other: { body: { result: 'accepted', date: '2026-09-10' } },
      effect: () => hazardChanges(projectId, hazardId),
    };
  },
  refuseHazard: async () => {
    const { projectId, hazardIds } = await proposedCase();
    const hazardId = hazardIds[2] as string;
    return {
      path: `/v1/hazards/${hazardId}/refusal`,
      token: inspector,
      body: { date: '2026-09-10', note: '拒不整改' },
      other: { body: { date: '2026-09-10', note: '仍拒不整改' } },
      effect: () => hazardChanges(projectId, hazardId),
    };
  },
  confirmCase: async () => {
    const { projectId, caseId } = await proposedCase();
    return {
      path: `/v1/cases/${caseId}/confirm`,
      token: officer,
      body: { note: '经确认' },
      other: { body: { note: '另一说明' } },
      // one transition; the one notice is checked on every answer
      effect: timelineActions(projectId, caseId, 'included'),
      check: (response) => {
        const view = response.json as { status: string; notices: unknown[]; timelineIntact: boolean };
        expect(view.status).toBe('active');
        expect(view.notices).toHaveLength(1);
        expect(view.timelineIntact).toBe(true);
      },
    };
  },
  dismissCase: async () => {
    const { projectId, caseId } = await proposedCase();
    return {
      path: `/v1/cases/${caseId}/dismiss`,
      token: officer,
      body: { reason: '经复核已整改' },
      other: { body: { reason: '另一理由' } },
      effect: timelineActions(projectId, caseId, 'dismissed'),
      check: (response) => expect((response.json as { status: string }).status).toBe('dismissed'),
    };
  },
  extendCycle: async () => {
    const { projectId, caseId } = await activeCase();
    // two more months: the first cycle (to 09-30) then lasts the maximum 3 months, so a replay that ran the
    // extension again would be refused (409) instead of answering the current state
    return {
      path: `/v1/cases/${caseId}/extension`,
      token: officer,
      body: { months: 2, reason: '整改关键期' },
      other: { body: { months: 1, reason: '整改关键期' } },
      effect: timelineActions(projectId, caseId, 'cycle_extended'),
      check: (response) =>
        expect((response.json as { cycles: Array<{ end: string }> }).cycles.at(-1)?.end).toBe('2026-11-30'),
    };
  },
  createUploadLink: async () => {
    const { projectId, caseId, body } = await activeCase();
    return {
      path: `/v1/cases/${caseId}/upload-links`,
      token: inspector,
      body: { unitCreditCode: contractorOf(body), validDays: 7 },
      other: { body: { unitCreditCode: contractorOf(body), validDays: 8 } },
      effect: async () => (await itemsOfType(projectId, 'upload-link')).length,
    };
  },
  revokeUploadLink: async () => {
    const { projectId, caseId, body } = await activeCase();
    const link = await uploadLink(caseId, contractorOf(body));
    const other = await uploadLink(caseId, contractorOf(body));
    return {
      path: `/v1/cases/${caseId}/upload-links/${link.linkId}`,
      method: 'DELETE',
      token: inspector,
      other: { path: `/v1/cases/${caseId}/upload-links/${other.linkId}` },
      effect: async () => (await itemsOfType(projectId, 'upload-link')).filter((item) => item.revokedAt).length,
    };
  },
  requestUpload: async () => {
    const { projectId, caseId, body } = await activeCase();
    const link = await uploadLink(caseId, contractorOf(body));
    const declared = {
      docType: 'rectification_plan',
      fileName: '整改方案.pdf',
      contentType: 'application/pdf',
      size: 1024,
      sha256: 'ab'.repeat(32),
    };
    return {
      path: '/v1/uploads',
      token: link.token,
      body: declared,
      other: { body: { ...declared, size: 2048 } },
      effect: async () => (await itemsOfType(projectId, 'document')).length,
    };
  },
  createAssessmentLink: async () => {
    const { projectId, body } = await registeredProject(registeredPersonsProject('09100003'));
    return {
      path: `/v1/projects/${projectId}/assessment-links`,
      token: inspector,
      body: { unitCreditCode: unitOf(body, 'developer'), validDays: 93 },
      other: { body: { unitCreditCode: unitOf(body, 'developer'), validDays: 92 } },
      effect: async () => (await itemsOfType(projectId, 'assessment-link')).length,
    };
  },
  revokeAssessmentLink: async () => {
    const { projectId, body } = await registeredProject(registeredPersonsProject('09100004'));
    const link = await assessmentLink(projectId, unitOf(body, 'supervisor'));
    const other = await assessmentLink(projectId, unitOf(body, 'supervisor'));
    return {
      path: `/v1/projects/${projectId}/assessment-links/${link.linkId}`,
      method: 'DELETE',
      token: inspector,
      other: { path: `/v1/projects/${projectId}/assessment-links/${other.linkId}` },
      effect: async () => (await itemsOfType(projectId, 'assessment-link')).filter((item) => item.revokedAt).length,
    };
  },
  submitAssessment: async () => {
    const { projectId, link, self } = await assessedProject();
    const body = { ...self('2026-09', 5), schemeId: 'jgj59-2011' };
    return {
      path: '/v1/assessments',
      token: link.token,
      body,
      other: { body: { ...self('2026-09', 6), schemeId: 'jgj59-2011' } },
      effect: async () => (await assessments(projectId)).length,
    };
  },
  submitGovernmentAssessment: async () => {
    const { projectId, self } = await assessedProject();
    const inspectionId = await assessmentInspection(projectId, '2026-09-09');
    const body = {
      ...self('2026Q3', 10),
      tier: 'government',
      schemeId: 'jgj59-2011',
      signedBy: { name: '王五' },
      inspectionId,
      inspectors: ['王五', '赵六'],
    };
    return {
      path: `/v1/projects/${projectId}/assessments`,
      token: inspector,
      body,
      other: { body: { ...body, inspectors: ['王五', '赵六', '孙七'] } },
      effect: async () => (await assessments(projectId)).length,
    };
  },
  makeFalsificationStatement: async () => {
    const { projectId, link, assessmentId } = await suspectedAssessment();
    return {
      path: `/v1/assessments/${assessmentId}/statement`,
      token: link.token,
      body: { statement: '自评后防护设施被拆除，已恢复。' },
      other: { body: { statement: '另一陈述' } },
      effect: async () =>
        (await assessments(projectId)).filter((item) => (item.falsification as { statement?: unknown })?.statement)
          .length,
    };
  },
  decideFalsification: async () => {
    const { projectId, link, assessmentId } = await suspectedAssessment();
    const statement = await api(`/v1/assessments/${assessmentId}/statement`, {
      token: link.token,
      body: { statement: '自评后防护设施被拆除，已恢复。' },
    });
    expect(statement.status, statement.text).toBe(200);
    return {
      path: `/v1/assessments/${assessmentId}/falsification`,
      token: officer,
      body: { finding: 'confirmed', reason: '自评与现场严重不符' },
      other: { body: { finding: 'cleared', reason: '陈述属实' } },
      effect: async () =>
        (await assessments(projectId)).filter(
          (item) => (item.falsification as { status?: string } | null)?.status === 'confirmed',
        ).length,
    };
  },
  recordPenaltyPoints: async () => {
    const subject = { kind: 'enterprise', id: creditCode(), name: '北京某建设工程有限公司' };
    const body = { subject, points: 2, reason: '罚款五千元', documentNo: '京建罚〔2026〕11号' };
    return {
      path: '/v1/penalty-points',
      token: officer,
      body,
      other: { body: { ...body, documentNo: '京建罚〔2026〕12号' } },
      effect: async () => (await partitionItems(`POINTS#enterprise#${subject.id}`, { skPrefix: 'ENTRY#' })).length,
    };
  },
  revokePenaltyPoints: async () => {
    const subject = { kind: 'enterprise', id: creditCode(), name: '北京某建设工程有限公司' };
    const record = async (documentNo: string) =>
      (
        (
          await api('/v1/penalty-points', {
            token: officer,
            body: { subject, points: 1, reason: '责令改正', documentNo },
          })
        ).json as { id: string }
      ).id;
    const entryId = await record('京建责改〔2026〕3号');
    await record('京建责改〔2026〕4号');
    return {
      path: `/v1/penalty-points/${entryId}/revoke`,
      token: officer,
      body: { reason: '复议撤销' },
      other: { body: { reason: '另一理由' } },
      effect: async () =>
        (await partitionItems(`POINTS#enterprise#${subject.id}`, { skPrefix: 'ENTRY#' })).filter(
          (item) => item.revocation,
        ).length,
    };
  },
  startEvaluation: async () => ({
    path: '/v1/evaluations',
    token: officer,
    // August 2026 has ended on 09-10, and no test has cycles ending in it: the run only sweeps for new cases
    body: { month: '2026-08' },
    other: { body: { month: '2026-07' } },
    effect: () => countItems('evaluation-run'),
    after: async (responses) => {
      // let the run finish, so that its sweep does not overlap the next tests
      const runId = (responses[0]?.json as { runId?: string } | undefined)?.runId;
      if (!runId) return;
      await eventually(
        async () => (await api(`/v1/evaluations/${runId}`, { token: officer })).json as { status: string },
        (run) => run.status !== 'running',
        { timeoutMs: 180_000, intervalMs: 500, what: `evaluation run ${runId}` },
      );
    },
  }),
  addRuleSet: async () => {
    // far from any day a suite decides on; the reason makes it a new version, not a repeat of one already there
    const body = { effectiveFrom: '2098-06-01', recurrenceCount: 4, reason: `重试测试 ${randomUUID()}` };
    return {
      path: '/v1/rule-sets',
      token: officer,
      body,
      other: { body: { ...body, reason: '另一理由' } },
      effect: async () => (await partitionItems('RULESET')).length,
    };
  },
  publishCircular: async () => {
    const { projectId, caseId } = await activeCase();
    const circularId = await draftCircular({ projectId, caseId }, NOW);
    return {
      path: `/v1/circulars/${circularId}/publish`,
      token: officer,
      body: { publicationMonths: 12 },
      other: { body: { publicationMonths: 6 } },
      effect: timelineActions(projectId, caseId, 'circular_published'),
      check: (response) => expect((response.json as { status: string }).status).toBe('published'),
      before: () => setClock(AFTER_STATEMENT_WINDOW),
      after: () => setClock(NOW),
    };
  },
  retractCircular: async () => {
    const { projectId, caseId } = await activeCase();
    const circularId = await draftCircular({ projectId, caseId }, NOW);
    await setClock(AFTER_STATEMENT_WINDOW);
    const published = await api(`/v1/circulars/${circularId}/publish`, { method: 'POST', token: officer, body: {} });
    expect(published.status, published.text).toBe(200);
    return {
      path: `/v1/circulars/${circularId}/retract`,
      token: officer,
      body: { reason: '通报内容有误' },
      other: { body: { reason: '另一理由' } },
      effect: timelineActions(projectId, caseId, 'circular_retracted'),
      check: (response) => expect((response.json as { status: string }).status).toBe('retracted'),
      before: () => setClock(AFTER_STATEMENT_WINDOW),
      after: () => setClock(NOW),
    };
  },
  withdrawCircular: async () => {
    const { projectId, caseId } = await activeCase();
    const circularId = await draftCircular({ projectId, caseId }, NOW);
    return {
      path: `/v1/circulars/${circularId}/withdraw`,
      token: officer,
      body: { reason: '事实需进一步核实' },
      other: { body: { reason: '另一理由' } },
      effect: timelineActions(projectId, caseId, 'circular_withdrawn'),
      check: (response) => expect((response.json as { status: string }).status).toBe('withdrawn'),
    };
  },
  correctRetraction: async () => {
    const { projectId, caseId } = await activeCase();
    const circularId = await draftCircular({ projectId, caseId }, NOW);
    await setClock(AFTER_STATEMENT_WINDOW);
    const published = await api(`/v1/circulars/${circularId}/publish`, { method: 'POST', token: officer, body: {} });
    expect(published.status, published.text).toBe(200);
    const retracted = await api(`/v1/circulars/${circularId}/retract`, {
      method: 'POST',
      token: officer,
      body: { reason: '通报内容有误' },
    });
    expect(retracted.status, retracted.text).toBe(200);
    return {
      path: `/v1/circulars/${circularId}/retraction`,
      token: officer,
      body: { reason: '经复核，通报所列事实有误，撤回本通报' },
      other: { body: { reason: '另一理由' } },
      effect: timelineActions(projectId, caseId, 'circular_retraction_corrected'),
      check: (response) =>
        expect(response.json).toMatchObject({
          status: 'retracted',
          retractionReason: '经复核，通报所列事实有误，撤回本通报',
        }),
      before: () => setClock(AFTER_STATEMENT_WINDOW),
      after: () => setClock(NOW),
    };
  },
  startRanking: async () => ({
    path: '/v1/rankings',
    token: officer,
    // 2026Q1 has ended on 09-10 and is this file's alone (fuzz.test.ts ranks 2026Q2, fuzz-reads 2025Q3)
    body: { quarter: '2026Q1' },
    other: { body: { quarter: '2025Q4' } },
    effect: () => countItems('ranking-run'),
    after: async (responses) => {
      // let the run finish (it reads every registered project), so that it does not overlap the next tests
      const runId = (responses[0]?.json as { runId?: string } | undefined)?.runId;
      if (runId) await finishedRun(runId);
    },
  }),
  publishRanking: async () => {
    const quarter = '2025Q4';
    await rankedQuarter(quarter);
    const publications = async () =>
      ((await partitionItems(`RANKING#${quarter}`)).find((item) => item.sk === 'HEAD')?.publications as
        | unknown[]
        | undefined) ?? [];
    return {
      path: `/v1/rankings/${quarter}/publish`,
      token: officer,
      body: { revision: 1 },
      other: { body: {} },
      effect: async () => (await publications()).length,
      // what the publication sets in motion done before the enterprise cases of the next scenarios are made
      after: () => publicationDone(quarter, 1),
    };
  },
  confirmEnterpriseCase: async () => {
    const { enterpriseCaseId, creditCode: code } = await enterpriseCase();
    return {
      path: `/v1/enterprise-cases/${enterpriseCaseId}/confirm`,
      token: officer,
      body: { note: '经研究，纳入企业级差别化监管' },
      other: { body: { note: '另一说明' } },
      effect: enterpriseTimelineActions(code, enterpriseCaseId, 'included'),
      check: (response) => expect((response.json as { status: string }).status).toBe('active'),
    };
  },
  dismissEnterpriseCase: async () => {
    const { enterpriseCaseId, creditCode: code } = await enterpriseCase();
    return {
      path: `/v1/enterprise-cases/${enterpriseCaseId}/dismiss`,
      token: officer,
      body: { reason: '记分已经复议撤销，不予纳入' },
      other: { body: { reason: '另一理由' } },
      effect: enterpriseTimelineActions(code, enterpriseCaseId, 'dismissed'),
      check: (response) => expect((response.json as { status: string }).status).toBe('dismissed'),
    };
  },
  recordEnterpriseTalk: async () => {
    const { enterpriseCaseId, creditCode: code } = await enterpriseCase({ confirm: true });
    const body = { date: '2026-09-10', attendees: ['王五', '施工单位法定代表人'], summary: '约谈企业负责人' };
    return {
      path: `/v1/enterprise-cases/${enterpriseCaseId}/talks`,
      token: officer,
      body,
      other: { body: { ...body, summary: '另一次约谈' } },
      effect: async () => (await enterpriseItems(code, `ECASE#${enterpriseCaseId}#TALK#`)).length,
    };
  },
};

const idempotentRoutes = routeList.filter((route) => route.idempotent);

describe(`every idempotent route, ${REPLAYS} concurrent replays with one Idempotency-Key`, () => {
  it('has a scenario for every idempotent route of the wiring table', () => {
    expect(Object.keys(scenarios).sort()).toEqual(idempotentRoutes.map((route) => route.operationId).sort());
  });

  it.each(idempotentRoutes.map((route) => [`${route.method} ${route.path}`, route] as const))(
    '%s: exactly one effect, the same answer, and 422 for the key with another request',
    async (_name, route) => {
      const make = scenarios[route.operationId];
      if (!make) throw new Error(`no retry scenario for ${route.operationId}`);
      const scenario = await make();
      const key = randomUUID();
      const send = (path: string, body: unknown) =>
        api(path, {
          method: scenario.method ?? 'POST',
          token: scenario.token,
          headers: { 'idempotency-key': key },
          ...(body === undefined ? {} : { body }),
        });
      await scenario.before?.();
      let responses: ApiResponse[] = [];
      try {
        const before = await scenario.effect();
        responses = await Promise.all(Array.from({ length: REPLAYS }, () => send(scenario.path, scenario.body)));
        const statuses = responses.map((response) => response.status);
        expect(statuses, responses.map((r) => r.text.slice(0, 200)).join('\n')).toEqual(
          responses.map(() => route.response.status),
        );
        expect(await scenario.effect(), 'the number of effects').toBe(before + 1);
        if (REREAD.has(route.operationId)) {
          for (const response of responses) scenario.check?.(response);
        } else {
          const first = responses[0] as ApiResponse;
          // the same JSON (a replay comes from a DynamoDB map, whose key order is not kept)
          for (const response of responses) expect(response.json).toEqual(first.json);
        }
        // a later, sequential retry too
        const later = await send(scenario.path, scenario.body);
        expect(later.status, later.text).toBe(route.response.status);
        if (!REREAD.has(route.operationId)) expect(later.json).toEqual(responses[0]?.json);
        expect(await scenario.effect(), 'the number of effects after a later retry').toBe(before + 1);

        const other = await send(scenario.other.path ?? scenario.path, scenario.other.body ?? scenario.body);
        expect(other.status, other.text).toBe(422);
        expect(other.headers.get('content-type')).toContain('application/problem+json');
        expect(await scenario.effect(), 'the refused request wrote nothing').toBe(before + 1);
      } finally {
        await scenario.after?.(responses);
      }
    },
    240_000,
  );
});

// ---------------------------------------------------------------------------------------------------------------
// event consumers: at least once, any order
// ---------------------------------------------------------------------------------------------------------------

describe('event consumers fed every event twice, out of order', () => {
  it('the journal keeps each event once', async () => {
    const subjectId = newId('cas');
    const events = ['CaseProposed', 'CaseIncluded', 'NoticeIssued', 'CaseEscalated'].map(
      (type, index): EventBridgeEvent<string, EventDetail> => ({
        id: randomUUID(),
        version: '0',
        account: '000000000000',
        time: `2026-09-10T10:0${index}:00+08:00`,
        region: 'cn-north-1',
        resources: [],
        source: 'supervision',
        'detail-type': type,
        detail: {
          eventId: newId('evt'),
          occurredAt: `2026-09-10T10:0${index}:00+08:00`,
          subjectId,
          data: { index },
        },
      }),
    );
    const [a, b, c, d] = events as [
      EventBridgeEvent<string, EventDetail>,
      EventBridgeEvent<string, EventDetail>,
      EventBridgeEvent<string, EventDetail>,
      EventBridgeEvent<string, EventDetail>,
    ];
    // a redelivery carries another bus id but the same detail
    const again = (event: EventBridgeEvent<string, EventDetail>) => ({ ...event, id: randomUUID() });
    const results = await Promise.all([d, b, again(d), a, c, again(b), again(a), again(c)].map(journalHandler));
    expect(results.filter((result) => result.recorded)).toHaveLength(4);
    // and sequential, late redeliveries
    for (const event of [c, a]) expect(await journalHandler(again(event))).toEqual({ recorded: false });
    const journal = await partitionItems(`JOURNAL#${subjectId}`);
    expect(journal.map((entry) => entry.eventId)).toEqual(events.map((event) => event.detail.eventId));
    expect(journal.map((entry) => entry.eventType)).toEqual(events.map((event) => event['detail-type']));
  });

  it('the escalation measures record each level once', async () => {
    const ids = await activeCase();
    const level1 = escalatedEvent(ids, 1, '2026-10-01');
    const level2 = escalatedEvent(ids, 2, '2026-11-01');
    setWorkerClock(new Date('2026-11-01T02:31:00+08:00'));
    try {
      // level 2 first, both twice, the duplicates racing
      // of two racing deliveries one records; the other finds the event consumed or the level's measures there
      const noEffect = ['already-recorded', 'duplicate-event'];
      const first = await Promise.all([escalationHandler(level2), escalationHandler(level2)]);
      expect(first.filter((outcome) => outcome.outcome === 'recorded')).toHaveLength(1);
      expect(noEffect).toContain(first.find((outcome) => outcome.outcome !== 'recorded')?.outcome);
      const second = await Promise.all([escalationHandler(level1), escalationHandler(level1)]);
      expect(second.filter((outcome) => outcome.outcome === 'recorded')).toHaveLength(1);
      expect(noEffect).toContain(second.find((outcome) => outcome.outcome !== 'recorded')?.outcome);
      expect(await escalationHandler(level2)).toMatchObject({ outcome: 'duplicate-event', measures: [] });
      expect(await escalationHandler(level1)).toMatchObject({ outcome: 'duplicate-event', measures: [] });
    } finally {
      setWorkerClock(new Date(NOW));
    }
    const measures = await itemsOfType(ids.projectId, 'measure');
    const codes = (level: number) =>
      measures
        .filter((measure) => measure.level === level)
        .map((measure) => measure.code)
        .sort();
    expect(codes(1)).toEqual(measuresAdded(0, 1).map((measure) => measure.code));
    expect(codes(2)).toEqual(
      measuresAdded(1, 2)
        .map((measure) => measure.code)
        .sort(),
    );
    const entries = await timeline(ids.projectId, ids.caseId);
    expect(entries.filter((entry) => entry.action === 'measure_started')).toHaveLength(measures.length);
    const view = await api(`/v1/cases/${ids.caseId}`, { token: inspector });
    expect((view.json as { timelineIntact: boolean }).timelineIntact).toBe(true);
  });

  it('the document renderer: redelivered render events change nothing; racing deliveries store one PDF', async () => {
    // rendered once already by the local twin's renderer (the events went through the queue)
    const ids = await activeCase();
    const items = await documentsRendered(ids.projectId);
    const report = items.find((item) => item.type === 'inspection-report') as Item;
    const notice = items.find((item) => item.type === 'notice') as Item;
    const noticeIssued = renderMessage('NoticeIssued', {
      projectId: ids.projectId,
      caseId: ids.caseId,
      noticeId: notice.id,
    });
    const reportIssued = renderMessage('InspectionRecorded', {
      projectId: ids.projectId,
      inspectionId: report.inspectionId,
    });
    const objects = async () => Promise.all([notice, report].map((record) => objectSha256(String(record.documentKey))));
    const objectsBefore = await objects();
    expect(objectsBefore).toEqual([notice.documentSha256, report.documentSha256]);

    const results = await Promise.all(
      [reportIssued, noticeIssued, reportIssued, noticeIssued].map((m) => rendererHandler(sqsEvent(m))),
    );
    expect(results.flatMap((result) => result.batchItemFailures)).toEqual([]);
    expect(await partitionItems(`PROJECT#${ids.projectId}`), 'the records are as the first render left them').toEqual(
      items,
    );
    expect(await objects()).toEqual(objectsBefore);

    // a document not rendered yet, its event delivered five times at once: one PDF, one hash, recorded once
    const noticeId = newId('ntc');
    const pending = {
      ...notice,
      ...keys.notice(ids.projectId, ids.caseId, noticeId),
      id: noticeId,
      number: '通住建差监告〔2099〕9号',
      documentKey: `notices/${ids.caseId}/${noticeId}.pdf`,
      documentSha256: null,
    };
    delete (pending as Item).documentRenderedAt;
    await table.client.send(new PutCommand({ TableName: table.name, Item: pending }));
    const issued = renderMessage('NoticeIssued', { projectId: ids.projectId, caseId: ids.caseId, noticeId });
    const raced = await Promise.all(Array.from({ length: 5 }, () => rendererHandler(sqsEvent(issued))));
    expect(raced.flatMap((result) => result.batchItemFailures)).toEqual([]);
    const [stored] = await partitionItems(`PROJECT#${ids.projectId}`, { skPrefix: pending.sk });
    expect(stored?.documentSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(await objectSha256(pending.documentKey)).toBe(stored?.documentSha256);
    expect(await rendererHandler(sqsEvent(issued))).toEqual({ batchItemFailures: [] });
    const [after] = await partitionItems(`PROJECT#${ids.projectId}`, { skPrefix: pending.sk });
    expect(after).toEqual(stored);
  });
});

/** A message of the `document-renders` queue: the EventBridge envelope of an event, as the rule's SQS target sends it. */
function renderMessage(type: string, data: Item): string {
  const at = '2026-09-10T10:00:00+08:00';
  return JSON.stringify({
    version: '0',
    id: randomUUID(),
    'detail-type': type,
    source: 'supervision',
    account: '000000000000',
    time: at,
    region: 'cn-north-1',
    resources: [],
    detail: { eventId: newId('evt'), occurredAt: at, subjectId: String(Object.values(data).at(-1)), data },
  });
}

/** One delivery of a message, as the event source mapping hands it to the renderer. */
function sqsEvent(body: string): SQSEvent {
  const messageId = randomUUID();
  return {
    Records: [
      {
        messageId,
        receiptHandle: messageId,
        body,
        attributes: {
          ApproximateReceiveCount: '1',
          SentTimestamp: String(Date.now()),
          SenderId: 'events.amazonaws.com',
          ApproximateFirstReceiveTimestamp: String(Date.now()),
        },
        messageAttributes: {},
        md5OfBody: '',
        eventSource: 'aws:sqs',
        eventSourceARN: 'arn:aws:sqs:cn-north-1:000000000000:document-renders',
        awsRegion: 'cn-north-1',
      },
    ],
  };
}

const s3Direct = new S3Client({ forcePathStyle: true });

/** The SHA-256 of a stored document. */
async function objectSha256(key: string): Promise<string> {
  const object = await s3Direct.send(new GetObjectCommand({ Bucket: process.env.DOCUMENTS_BUCKET, Key: key }));
  const bytes = await (object.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray();
  return createHash('sha256').update(bytes).digest('hex');
}
