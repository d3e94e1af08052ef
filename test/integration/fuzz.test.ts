/**
 * Fuzzing every write route of the wiring table (fast-check), through the gateway as a client would call it.
 *
 * For each POST/PUT/DELETE route, with real path ids and the right caller (an officer for agency routes, an upload
 * token for upload routes), random and mutated requests are sent: `fc.anything()` bodies, valid bodies with fields
 * dropped, retyped, oversized, given wrong enum values, odd unicode or nested garbage; raw malformed JSON; random
 * Content-Type and Idempotency-Key headers (valid and invalid); mutated path ids. Two properties:
 *
 * - the answer is a 2xx or a 4xx, never a 5xx; every 4xx is `application/problem+json` with type/title/status/detail;
 * - a REJECTED request writes nothing: the items of the affected project partition (and, for the routes that write
 *   elsewhere, the count of items of that type) are the same before and after.
 *
 * `FUZZ_RUNS=200 npx vitest run --project integration test/integration/fuzz.test.ts` runs longer (default 20 a
 * route); `FUZZ_SEED` picks another seed (default fixed, so CI is reproducible).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setClock as setWorkerClock } from '../../shared/clock.js';
import { type OperationId, type RouteSpec, routeList } from '../../shared/wiring.js';
import { api, countItems, setClock, settledPartition, tokenFor, workQueuesIdle } from './support/api.js';
import {
  assessmentLink,
  defaultScheme,
  form,
  registeredPersonsProject,
  UNUSED_SCAFFOLDS,
  unitOf,
} from './support/assessments.js';
import { enterpriseCase, rankedQuarter } from './support/enterprise-supervision.js';
import { contractorOf, failingInspection, projectBody } from './support/fixtures.js';
import { assertProblem, fillPath, oddString, pathId, pathsOf, RUNS, SEED, StatusCounts } from './support/fuzzing.js';
import { activeCase, draftCircular, proposedCase, registeredProject, uploadLink } from './support/records.js';

const NOW = '2026-09-10T10:00:00+08:00';
/** ranked and published in the setup (ended by NOW; retries.test.ts ranks 2026Q1 and 2025Q4, fuzz-reads 2025Q3) */
const RANKED_QUARTER = '2026Q2';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Item = Record<string, unknown>;

/** What a route's fuzzing needs: its path ids, a valid body, the caller, and what a rejected request must not touch. */
interface Target {
  ids: Record<string, string>;
  validBody: Json | undefined;
  token: string;
  /** the project partition whose items must not change when the request is rejected */
  partition?: string;
  /** item types whose count must not change when the request is rejected (routes that write outside a project) */
  countTypes?: string[];
}

const targets = new Map<OperationId, Target>();
const statuses = new StatusCounts();
let officer: string;

beforeAll(async () => {
  await setClock(NOW);
  officer = await tokenFor('officer');

  // the ranking first: its run reads (and charges) every project registered so far, none of this setup's; published,
  // so a valid publication is a repeat that changes nothing and proposes nothing
  await rankedQuarter(RANKED_QUARTER, { publish: true });
  const enterpriseToConfirm = await enterpriseCase();
  const enterpriseToDismiss = await enterpriseCase();
  const enterpriseUnderSupervision = await enterpriseCase({ confirm: true });
  const enterprise = (c: { creditCode: string }) => `ENTERPRISE#${c.creditCode}`;

  const intake = await registeredProject();
  const active = await activeCase();
  const toConfirm = await proposedCase();
  const toDismiss = await proposedCase();
  const escalated = await activeCase();
  const circularId = await draftCircular(escalated, NOW);
  // a second draft of its own for the withdrawal (a valid request would withdraw the one published above)
  const withdrawable = await activeCase();
  const draftToWithdraw = await draftCircular(withdrawable, NOW);
  const contractor = contractorOf(active.body);
  const upload = await uploadLink(active.caseId, contractor);
  const revocable = await uploadLink(active.caseId, contractor);
  const project = (p: { projectId: string }) => `PROJECT#${p.projectId}`;

  const inspection = failingInspection(intake.body) as unknown as Json;

  // the status assessment: a project with registered key persons, its contractor's link, an assessment, an
  // inspection to tie a government assessment to, and an enterprise's penalty-points entry
  const assessed = await registeredProject(registeredPersonsProject('09100001'));
  const contractorLink = await assessmentLink(assessed.projectId, unitOf(assessed.body, 'general_contractor'));
  const revocableLink = await assessmentLink(assessed.projectId, unitOf(assessed.body, 'supervisor'));
  const scheme = await defaultScheme();
  const assessmentForm = form(scheme, { 'B.1.3': 4 }, { tablesNotApplicable: [...UNUSED_SCAFFOLDS, 'B.15'] });
  const selfBody = {
    tier: 'self',
    period: '2026-09',
    schemeId: 'jgj59-2011',
    tables: assessmentForm,
    signedBy: { name: '张建国', registrationNo: '京11109100001' },
  };
  const submitted = await api('/v1/assessments', { token: contractorLink.token, body: selfBody });
  if (submitted.status !== 201) throw new Error(`submit an assessment: ${submitted.status} ${submitted.text}`);
  const assessmentId = (submitted.json as { id: string }).id;
  const assessmentInspection = await api(`/v1/projects/${assessed.projectId}/inspections`, {
    token: officer,
    body: { ...failingInspection(assessed.body), findings: [] },
  });
  const inspectionId = (assessmentInspection.json as { inspectionId: string }).inspectionId;
  const penaltySubject = { kind: 'enterprise', id: unitOf(assessed.body, 'developer'), name: '北京运河置业有限公司' };
  const recorded = await api('/v1/penalty-points', {
    token: officer,
    body: { subject: penaltySubject, points: 1, reason: '责令改正', documentNo: '京建责改〔2026〕1号' },
  });
  const entryId = (recorded.json as { id: string }).id;
  const all: Partial<Record<OperationId, Omit<Target, 'token'> & { token?: string }>> = {
    registerProject: { ids: {}, validBody: projectBody() as unknown as Json, countTypes: ['project'] },
    recordInspection: { ids: { projectId: intake.projectId }, validBody: inspection, partition: project(intake) },
    recordIncident: {
      ids: { projectId: intake.projectId },
      validBody: { date: '2026-09-01', fatalities: 0, injuries: 1, description: '高处坠落，一人轻伤' },
      partition: project(intake),
    },
    recordCriticism: {
      ids: { projectId: intake.projectId },
      validBody: { date: '2026-09-05', issuer: 'authority', documentNo: '京建发〔2026〕3号', summary: '通报批评' },
      partition: project(intake),
    },
    verifyHazard: {
      ids: { hazardId: active.hazardIds[1] as string },
      validBody: { result: 'rejected', date: '2026-09-10', note: '未整改到位' },
      partition: project(active),
    },
    refuseHazard: {
      ids: { hazardId: active.hazardIds[2] as string },
      validBody: { date: '2026-09-10', note: '拒不整改' },
      partition: project(active),
    },
    confirmCase: { ids: { caseId: toConfirm.caseId }, validBody: { note: '经确认' }, partition: project(toConfirm) },
    dismissCase: {
      ids: { caseId: toDismiss.caseId },
      validBody: { reason: '经复核已整改' },
      partition: project(toDismiss),
    },
    extendCycle: {
      ids: { caseId: active.caseId },
      validBody: { months: 1, reason: '整改关键期' },
      partition: project(active),
    },
    createUploadLink: {
      ids: { caseId: active.caseId },
      validBody: { unitCreditCode: contractor, docTypes: ['rectification_plan'], validDays: 7 },
      partition: project(active),
    },
    revokeUploadLink: {
      ids: { caseId: active.caseId, linkId: revocable.linkId },
      validBody: undefined,
      partition: project(active),
    },
    // 2026-09 has not ended on 09-10: the valid body itself is refused (409), so no run is started by accident
    // (a run would propose cases in every project and race the partition checks of the other routes)
    startEvaluation: { ids: {}, validBody: { month: '2026-09' }, countTypes: ['evaluation-run'] },
    publishCircular: { ids: { circularId }, validBody: { publicationMonths: 12 }, partition: project(escalated) },
    retractCircular: { ids: { circularId }, validBody: { reason: '撤回' }, partition: project(escalated) },
    createAssessmentLink: {
      ids: { projectId: assessed.projectId },
      validBody: { unitCreditCode: unitOf(assessed.body, 'developer'), validDays: 93 },
      partition: project(assessed),
    },
    revokeAssessmentLink: {
      ids: { projectId: assessed.projectId, linkId: revocableLink.linkId },
      validBody: undefined,
      partition: project(assessed),
    },
    submitAssessment: {
      ids: {},
      token: contractorLink.token,
      validBody: selfBody as unknown as Json,
      partition: project(assessed),
    },
    submitGovernmentAssessment: {
      ids: { projectId: assessed.projectId },
      validBody: {
        ...selfBody,
        tier: 'government',
        period: '2026Q3',
        signedBy: { name: '王五' },
        inspectionId,
        inspectors: ['王五', '赵六'],
      } as unknown as Json,
      partition: project(assessed),
    },
    // not suspected: the valid body itself is refused (409), the route is fuzzed for what it does with the rest
    makeFalsificationStatement: {
      ids: { assessmentId },
      token: contractorLink.token,
      validBody: { statement: '已整改' },
      partition: project(assessed),
    },
    decideFalsification: {
      ids: { assessmentId },
      validBody: { finding: 'cleared', reason: '经核查属实' },
      partition: project(assessed),
    },
    recordPenaltyPoints: {
      ids: {},
      validBody: { subject: penaltySubject, points: 2, reason: '罚款五千元', documentNo: '京建罚〔2026〕9号' },
      countTypes: ['penalty-entry', 'penalty-ledger'],
    },
    revokePenaltyPoints: {
      ids: { entryId },
      validBody: { reason: '复议撤销' },
      partition: `POINTS#enterprise#${penaltySubject.id}`,
    },
    // a valid body adds a version from a far future day (nothing decided before then changes); a rejected one
    // must add none
    addRuleSet: {
      ids: {},
      validBody: { effectiveFrom: '2099-01-01', lookbackDays: 60, reason: '模糊测试：调整回溯期' },
      partition: 'RULESET',
    },
    withdrawCircular: {
      ids: { circularId: draftToWithdraw },
      validBody: { reason: '撤销草稿' },
      partition: project(withdrawable),
    },
    correctRetraction: { ids: { circularId }, validBody: { reason: '更正撤回理由' }, partition: project(escalated) },
    // 2026Q3 has not ended on 09-10: the valid body itself is refused (409), so no run is started by accident (a run
    // reads and charges every project, racing the partition checks of the other routes)
    startRanking: {
      ids: {},
      validBody: { quarter: '2026Q3' },
      countTypes: ['ranking-run'],
      partition: 'RANKING#2026Q3',
    },
    publishRanking: {
      ids: { quarter: RANKED_QUARTER },
      validBody: { revision: 1 },
      partition: `RANKING#${RANKED_QUARTER}`,
    },
    confirmEnterpriseCase: {
      ids: { enterpriseCaseId: enterpriseToConfirm.enterpriseCaseId },
      validBody: { note: '经研究，纳入企业级差别化监管' },
      partition: enterprise(enterpriseToConfirm),
    },
    dismissEnterpriseCase: {
      ids: { enterpriseCaseId: enterpriseToDismiss.enterpriseCaseId },
      validBody: { reason: '记分已经复议撤销，不予纳入' },
      partition: enterprise(enterpriseToDismiss),
    },
    recordEnterpriseTalk: {
      ids: { enterpriseCaseId: enterpriseUnderSupervision.enterpriseCaseId },
      validBody: {
        date: '2026-09-10',
        attendees: ['王五', '施工单位法定代表人'],
        summary: '约谈企业负责人，责令落实整改',
      },
      partition: enterprise(enterpriseUnderSupervision),
    },
    requestUpload: {
      ids: {},
      token: upload.token,
      validBody: {
        docType: 'rectification_plan',
        fileName: '整改方案.pdf',
        contentType: 'application/pdf',
        size: 1024,
        sha256: 'ab'.repeat(32),
      },
      partition: project(active),
    },
  };
  for (const [operationId, target] of Object.entries(all)) {
    const route = routeList.find((candidate) => candidate.operationId === operationId) as RouteSpec;
    targets.set(operationId as OperationId, {
      ...target,
      token: target.token ?? (route.access.kind === 'upload' ? upload.token : officer),
    });
  }
  // the documents of the earlier files (and of this setup) rendered before the properties run: some of them scan
  // the whole table twice a run, and would share the machine with the renderer's backlog
  await workQueuesIdle();
}, 480_000);

afterAll(async () => {
  await setClock(null);
  setWorkerClock(null);
  statuses.print();
});

// ---------------------------------------------------------------------------------------------------------------
// arbitraries
// ---------------------------------------------------------------------------------------------------------------

const oversized = fc.constantFrom(2_001, 5_001, 70_000, 400_000).map((n) => '字'.repeat(n));
const wrongEnum = fc.constantFrom('ACCEPTED', 'Routine', 'hazard ', 'officer', 'published', 'C7', 'x', '2026-13', '0');

/** Garbage nested a few levels deep, plus deep nests the parser and validator must survive. */
const nestedGarbage: fc.Arbitrary<Json> = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }) as fc.Arbitrary<Json>,
  fc.integer({ min: 50, max: 800 }).map((depth) => {
    let value: Json = 'deep';
    for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
    return value;
  }),
  fc.constant({ __proto__: { admin: true }, constructor: { prototype: { polluted: true } } } as unknown as Json),
);

/** A value to put where a valid one was. */
const replacement: fc.Arbitrary<Json> = fc.oneof(
  oddString,
  oversized,
  wrongEnum,
  nestedGarbage,
  fc.constantFrom<Json>(null, true, false, 0, -1, 1.5, 2 ** 53, -(2 ** 31), 1e308, [], {}),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

type Mutation = { pick: number; op: 'drop' | 'replace' | 'wrap' | 'duplicate' | 'extra'; value: Json };
const mutation: fc.Arbitrary<Mutation> = fc.record({
  pick: fc.nat(),
  op: fc.constantFrom('drop', 'replace', 'replace', 'wrap', 'duplicate', 'extra'),
  value: replacement,
});

function applyMutation(body: Json, { pick, op, value }: Mutation): Json {
  const root = structuredClone(body);
  const paths = pathsOf(root);
  const path = paths[pick % paths.length] as Array<string | number>;
  if (path.length === 0) return op === 'wrap' ? [root] : op === 'replace' ? value : root;
  let parent: Json = root;
  for (const step of path.slice(0, -1)) parent = (parent as Record<string | number, Json>)[step] as Json;
  const last = path.at(-1) as string | number;
  const container = parent as Record<string | number, Json>;
  if (op === 'drop') {
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete container[last];
  } else if (op === 'replace') container[last] = value;
  else if (op === 'wrap') container[last] = [container[last] as Json];
  else if (op === 'duplicate' && Array.isArray(parent)) parent.push(structuredClone(parent[last as number] as Json));
  else if (op === 'extra' && !Array.isArray(parent) && typeof parent === 'object' && parent) {
    container[`x_${pick % 97}`] = value;
  } else container[last] = value;
  return root;
}

/** The raw text of a body: JSON of a value (mutated valid, or anything), or text that is not JSON at all. */
function bodyText(valid: Json | undefined): fc.Arbitrary<string | undefined> {
  const base = valid ?? {};
  const json = (value: unknown) => {
    try {
      return JSON.stringify(value);
    } catch {
      return '{}';
    }
  };
  return fc.oneof(
    {
      weight: 5,
      arbitrary: fc.array(mutation, { minLength: 1, maxLength: 3 }).map((ms) => json(ms.reduce(applyMutation, base))),
    },
    { weight: 2, arbitrary: fc.anything({ maxDepth: 3 }).map(json) },
    { weight: 1, arbitrary: fc.constant(json(base)) },
    {
      weight: 1,
      arbitrary: fc.oneof(
        fc.constantFrom<string | undefined>(
          undefined,
          '',
          '{',
          '{"a":',
          'null',
          '[]',
          '"x"',
          '{"a":1}}',
          '\uFEFF{}',
          'NaN',
        ),
        fc.nat().map((n) => json(base).slice(0, n % Math.max(1, json(base).length))), // truncated
        fc.string({ unit: 'binary', maxLength: 200 }),
      ),
    },
  );
}

/** Mostly JSON (so the bodies reach validation and the use cases), often something else. */
const contentType = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom<string | undefined>('application/json', 'application/json; charset=utf-8') },
  {
    weight: 2,
    arbitrary: fc.constantFrom<string | undefined>(
      'application/problem+json',
      'APPLICATION/JSON',
      'application/json; charset=utf-16',
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/xml',
      'application/jsonx',
      '*/*',
      '',
      undefined,
    ),
  },
);

const idempotencyKey = fc.oneof(
  fc.constant<string | undefined>(undefined),
  fc.uuid(),
  fc.constantFrom('', ' ', 'a b', 'k'.repeat(129), 'k'.repeat(128), 'é-latin1', '\t', '"quoted"', 'ÿ'),
  fc.string({ unit: fc.constantFrom(...'abcXYZ019-_:.~!é\t '.split('')), maxLength: 140 }),
);

// ---------------------------------------------------------------------------------------------------------------
// the properties
// ---------------------------------------------------------------------------------------------------------------

async function snapshot(target: Target): Promise<{ items: Item[]; counts: number[] }> {
  // a valid request before this one may have issued a document: let the renderer finish it first
  const items = target.partition ? await settledPartition(target.partition) : [];
  const counts = await Promise.all((target.countTypes ?? []).map((type) => countItems(type)));
  return { items, counts };
}

const writeRoutes = routeList.filter((route) => route.method !== 'GET');

describe('fuzzing every write route', () => {
  it('covers every write route of the wiring table', () => {
    expect(writeRoutes.map((route) => route.operationId).sort()).toEqual(
      [...targets.keys()].sort((a, b) => a.localeCompare(b)),
    );
  });

  it.each(writeRoutes.map((route) => [`${route.method} ${route.path}`, route] as const))(
    '%s: 2xx or problem+json 4xx, and a rejected request writes nothing',
    async (_name, route) => {
      const target = targets.get(route.operationId);
      if (!target) throw new Error(`no fuzz target for ${route.operationId}: add one to beforeAll`);
      const pathIds = fc.record(
        Object.fromEntries(Object.entries(target.ids).map(([name, real]) => [name, pathId(real)])) as Record<
          string,
          fc.Arbitrary<string>
        >,
      );
      const sendsBody = route.method !== 'DELETE';
      await fc.assert(
        fc.asyncProperty(
          pathIds,
          sendsBody ? bodyText(target.validBody) : fc.constantFrom<string | undefined>(undefined, '', '{}', 'x'),
          contentType,
          idempotencyKey,
          async (ids, body, type, key) => {
            const path = fillPath(route.path, ids);
            const headers: Record<string, string> = {};
            if (type !== undefined) headers['content-type'] = type;
            if (key !== undefined) headers['idempotency-key'] = key;
            const before = await snapshot(target);
            const response = await api(path, {
              method: route.method,
              token: target.token,
              headers,
              ...(body === undefined ? {} : { rawBody: body }),
            });
            const what = `${route.method} ${path} [${type}] key=${JSON.stringify(key)} body=${String(body).slice(0, 300)}`;
            statuses.add(route.operationId, response.status);
            assertProblem(response, what);
            if (response.status >= 400) {
              const after = await snapshot(target);
              expect(after.counts, `${what}: a rejected request changed the item counts`).toEqual(before.counts);
              expect(after.items, `${what}: a rejected request changed the project partition`).toEqual(before.items);
            }
          },
        ),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      );
    },
    Math.max(60_000, RUNS * 6_000),
  );
});
