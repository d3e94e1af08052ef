/**
 * Fuzzing every read route of the wiring table (fast-check), through the gateway as a client would call it.
 *
 * For each GET route, with real path ids and the right caller (an officer for agency routes, an upload token for
 * upload routes, nobody for public ones), the query string is built from the route's valid parameters (read off the
 * OpenAPI document, so a new parameter is fuzzed too) and then mutated: wrong types, huge, negative, zero and float
 * limits, odd months (`2026-13`, `2026-1`, full-width digits) and dates, repeated and unknown parameters, unicode,
 * long values, percent-encoding garbage; path ids are mutated as fuzz.test.ts does. The listings' `nextToken` gets
 * its own property: real tokens of every listing (so a token of another listing), tokens with a flipped, dropped or
 * added character, base64 garbage, and the JSON inside a real token with values replaced, dropped or retyped.
 * The properties:
 *
 * - the answer is a 2xx (or the route's own 3xx) or a 4xx, never a 5xx; every 4xx is `application/problem+json`
 *   with type/title/status/detail;
 * - a success answers the route's status; a JSON body validates against the route's response schema in the
 *   OpenAPI document (ajv), and a listing is `{items: [...], nextToken: string | null}`;
 * - a read writes nothing: the table's item count, and every item of this file's projects, are the same after a
 *   route's fuzzing as before.
 *
 * `FUZZ_RUNS`, `FUZZ_SEED` and `FUZZ_VERBOSE` as in fuzz.test.ts.
 */
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handler as escalationHandler } from '../../functions/escalation-measures/handler.js';
import { setClock as setWorkerClock } from '../../shared/clock.js';
import { buildOpenApiDocument } from '../../shared/http/openapi.js';
import { type OperationId, type RouteSpec, routeList } from '../../shared/wiring.js';
import {
  type ApiResponse,
  api,
  countItems,
  documentsRendered,
  eventually,
  setClock,
  settledPartition,
  tokenFor,
  workQueuesIdle,
} from './support/api.js';
import {
  assessmentLink,
  defaultScheme,
  form,
  registeredPersonsProject,
  UNUSED_SCAFFOLDS,
  unitOf,
} from './support/assessments.js';
import { enterpriseCase, rankedQuarter } from './support/enterprise-supervision.js';
import { contractorOf } from './support/fixtures.js';
import { assertProblem, fillPath, oddString, pathId, pathsOf, RUNS, SEED, StatusCounts } from './support/fuzzing.js';
import {
  activeCase,
  draftCircular,
  escalatedEvent,
  proposedCase,
  registeredProject,
  uploadLink,
} from './support/records.js';

const NOW = '2026-09-10T10:00:00+08:00';
/** an ended month: its evaluation run only sweeps for new cases (no test has cycles ending in it) */
const EVALUATED_MONTH = '2026-08';
/** ranked and published in the setup (ended by NOW; retries.test.ts ranks 2026Q1 and 2025Q4, fuzz.test.ts 2026Q2) */
const RANKED_QUARTER = '2025Q3';

type Route = RouteSpec & { operationId: OperationId };
type Item = Record<string, unknown>;
type JsonSchema = Record<string, unknown> & { type?: string; enum?: unknown[]; format?: string; example?: unknown };
type Pair = [name: string, value: string];

/** What a read route's fuzzing needs: its path ids, its caller, and valid values of its query parameters. */
interface ReadTarget {
  ids: Record<string, string>;
  /** a bearer token; none for public routes */
  token?: string;
  /** valid values per query parameter, beyond what the parameter's schema says (real ids, real nextTokens) */
  values?: Record<string, string[]>;
}

const targets = new Map<OperationId, ReadTarget>();
const statuses = new StatusCounts();
/** nextTokens the listings handed out: each listing's, so each listing also gets another's */
let realTokens: string[] = [];
/** the partitions of this file's projects: a read must leave every item of them as it was */
let partitions: string[] = [];

const document = buildOpenApiDocument() as {
  paths: Record<
    string,
    Record<string, { parameters?: Array<{ name: string; in: string; required: boolean; schema: JsonSchema }> }>
  >;
  components: { schemas: Record<string, JsonSchema> };
};

// ---------------------------------------------------------------------------------------------------------------
// records: real ids for every path template, and real nextTokens
// ---------------------------------------------------------------------------------------------------------------

beforeAll(async () => {
  await setClock(NOW);
  const officer = await tokenFor('officer');

  // the ranking first (its run reads and charges every project registered so far, none of this setup's), then an
  // enterprise case proposed by its points and one under supervision (two, so their listing hands out a nextToken)
  const { runId: rankingRunId } = await rankedQuarter(RANKED_QUARTER, { publish: true });
  const proposedEnterprise = await enterpriseCase();
  const supervisedEnterprise = await enterpriseCase({ confirm: true });

  const active = await activeCase();
  const proposed = await proposedCase();
  const escalated = await activeCase();
  // level 2 (the orders to the group companies), then level 3 (the circular, the report to the municipal commission)
  setWorkerClock(new Date(NOW));
  const level2 = await escalationHandler(escalatedEvent(escalated, 2, NOW.slice(0, 10), '2026-08'));
  expect(level2.groupOrders, 'the fixture project names a group company').toBeGreaterThan(0);
  await draftCircular(escalated, NOW);
  const escalatedItems = await documentsRendered(escalated.projectId);
  const orderId = String(escalatedItems.find((item) => item.type === 'group-order')?.id);
  const activeItems = await documentsRendered(active.projectId);
  const inspectionId = String(activeItems.find((item) => item.type === 'inspection-report')?.inspectionId);
  const contractor = contractorOf(active.body);
  const link = await uploadLink(active.caseId, contractor);
  const upload = await api('/v1/uploads', {
    method: 'POST',
    token: link.token,
    body: {
      docType: 'rectification_plan',
      fileName: '整改方案.pdf',
      contentType: 'application/pdf',
      size: 1024,
      sha256: 'ab'.repeat(32),
    },
  });
  expect(upload.status, upload.text).toBe(201);
  const documentId = (upload.json as { documentId: string }).documentId;
  const run = await api('/v1/evaluations', { method: 'POST', token: officer, body: { month: EVALUATED_MONTH } });
  expect(run.status, run.text).toBe(202);
  const runId = (run.json as { runId: string }).runId;
  await eventually(
    async () => (await api(`/v1/evaluations/${runId}`, { token: officer })).json as { status: string },
    (state) => state.status !== 'running',
    { timeoutMs: 180_000, intervalMs: 500, what: `evaluation run ${runId}` },
  );

  // one page of one item of each listing, filtered and not: their nextTokens
  const firstPages = [
    '/v1/cases?limit=1',
    '/v1/cases?status=active&limit=1',
    '/v1/circulars?limit=1',
    '/v1/projects?limit=1',
    '/v1/projects?q=%E9%A1%B9%E7%9B%AE&limit=1',
    '/v1/enterprise-cases?limit=1',
  ];
  realTokens = [];
  for (const path of firstPages) {
    const page = await api(path, { token: officer });
    expect(page.status, page.text).toBe(200);
    const token = (page.json as { nextToken: string | null }).nextToken;
    if (token) realTokens.push(token);
  }
  expect(realTokens.length, 'the listings hand out nextTokens to tamper with').toBeGreaterThan(1);

  // the status assessment: a contractor's self-assessment through its link, and points charged to an enterprise
  const assessed = await registeredProject(registeredPersonsProject('09100002'));
  const assessmentToken = (await assessmentLink(assessed.projectId, unitOf(assessed.body, 'general_contractor'))).token;
  const scheme = await defaultScheme();
  const submitted = await api('/v1/assessments', {
    token: assessmentToken,
    body: {
      tier: 'self',
      period: '2026-09',
      schemeId: 'jgj59-2011',
      tables: form(scheme, { 'B.2.3': 5 }, { tablesNotApplicable: [...UNUSED_SCAFFOLDS, 'B.15'] }),
      signedBy: { name: '张建国', registrationNo: '京11109100002' },
    },
  });
  expect(submitted.status, submitted.text).toBe(201);
  const assessmentId = (submitted.json as { id: string }).id;
  const charged = unitOf(assessed.body, 'supervisor');
  const points = await api('/v1/penalty-points', {
    token: officer,
    body: {
      subject: { kind: 'enterprise', id: charged, name: '北京某工程监理有限公司' },
      points: 1,
      reason: '责令改正',
      documentNo: '京建责改〔2026〕2号',
    },
  });
  expect(points.status, points.text).toBe(201);

  partitions = [active, proposed, escalated, assessed].map((record) => `PROJECT#${record.projectId}`);
  const all: Record<string, ReadTarget> = {
    listProjects: {
      ids: {},
      values: { q: ['运河商务区', '３号 地块'], district: ['通州区'], creditCode: [contractor], nextToken: realTokens },
    },
    getProject: { ids: { projectId: active.projectId } },
    getHazard: { ids: { hazardId: active.hazardIds[1] as string } },
    listCaseDocuments: { ids: { caseId: active.caseId }, values: { unitCreditCode: [contractor] } },
    getDocument: { ids: { documentId } },
    getDocumentContent: { ids: { documentId } },
    getUploadReport: { ids: { inspectionId: active.inspectionId }, token: link.token },
    getProjectConditions: { ids: { projectId: active.projectId } },
    listCases: { ids: {}, values: { district: ['通州区'], nextToken: realTokens } },
    getCase: { ids: { caseId: active.caseId } },
    listOverdueHazards: { ids: {}, values: { nextToken: realTokens } },
    listOverdueNotices: { ids: {}, values: { nextToken: realTokens } },
    previewCase: { ids: { caseId: active.caseId } },
    getNotice: { ids: { noticeId: active.noticeId } },
    getNoticeDocument: { ids: { noticeId: active.noticeId } },
    getInspectionReport: { ids: { inspectionId } },
    getGroupOrderDocument: { ids: { caseId: escalated.caseId, orderId } },
    getMunicipalReportDocument: { ids: { caseId: escalated.caseId } },
    getEvaluation: { ids: { runId } },
    getStats: { ids: {}, values: { month: [EVALUATED_MONTH] } },
    listCirculars: { ids: {}, values: { nextToken: realTokens } },
    getUploadContext: { ids: {}, token: link.token },
    getUpload: { ids: { documentId }, token: link.token },
    getPublicStatus: { ids: {}, values: { creditCode: [contractor, contractor.toLowerCase()], date: ['2026-09-10'] } },
    getOpenApi: { ids: {} },
    getAssessmentScheme: { ids: { schemeId: 'jgj59-2011' } },
    getAssessmentContext: { ids: {}, token: assessmentToken },
    listProjectAssessments: { ids: { projectId: assessed.projectId }, values: { period: ['2026-09', '2026Q3'] } },
    getAssessment: { ids: { assessmentId } },
    getPenaltyPoints: {
      ids: {},
      values: { subjectKind: ['enterprise'], subjectId: [charged], asOf: ['2026-09-10'] },
    },
    listRuleSets: { ids: {} },
    currentRuleSet: { ids: {} },
    getEnforcementStats: { ids: {}, values: { quarter: ['2026Q3', RANKED_QUARTER] } },
    getPublicCredit: {
      ids: {},
      values: {
        creditCode: [supervisedEnterprise.creditCode, proposedEnterprise.creditCode, contractor, charged],
        date: ['2026-09-10', '2025-10-15'],
      },
    },
    listRankings: { ids: {} },
    getRankingRun: { ids: { runId: rankingRunId } },
    getRanking: { ids: { quarter: RANKED_QUARTER }, values: { revision: ['1'] } },
    // a project list, so `district` filters (enterprise and person lists refuse it: 400, fuzzed all the same)
    getRankingList: {
      ids: { quarter: RANKED_QUARTER, list: 'projects.building' },
      values: { revision: ['1'], district: ['通州区'] },
    },
    listEnterpriseCases: { ids: {}, values: { status: ['proposed', 'active'], nextToken: realTokens } },
    getEnterpriseCase: { ids: { enterpriseCaseId: supervisedEnterprise.enterpriseCaseId } },
  };
  for (const [operationId, target] of Object.entries(all)) {
    const route = routeList.find((candidate) => candidate.operationId === operationId) as Route;
    const token = route.access.kind === 'agency' ? officer : target.token;
    targets.set(operationId as OperationId, { ...target, ...(token ? { token } : {}) });
  }
  // the evaluation run's events, the draft circular's and the journal's writes: done before anything is counted;
  // and the documents issued so far (this file's and the earlier files') rendered, so the reads share no machine
  await workQueuesIdle();
  await settledItemCount();
}, 480_000);

afterAll(async () => {
  await setClock(null);
  setWorkerClock(null);
  statuses.print();
});

/** The table's item count once it has stopped changing (the event consumers of the setup have caught up). */
async function settledItemCount(): Promise<number> {
  let last = await countItems();
  const deadline = Date.now() + 60_000;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 750));
    const now = await countItems();
    if (now === last) return now;
    if (Date.now() > deadline) throw new Error(`the table kept changing for a minute (${last} → ${now} items)`);
    last = now;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// the routes' parameters and response schemas, from the OpenAPI document
// ---------------------------------------------------------------------------------------------------------------

function queryParameters(route: Route) {
  const operation = document.paths[route.path]?.[route.method.toLowerCase()];
  return (operation?.parameters ?? []).filter((parameter) => parameter.in === 'query');
}

/** Valid values of a query parameter: the target's, else its enum, its integer bounds, or its example. */
function validValues(route: Route, name: string, schema: JsonSchema): string[] {
  const given = targets.get(route.operationId)?.values?.[name];
  if (given) return given;
  if (schema.enum) return schema.enum.map(String);
  if (schema.type === 'integer' || schema.type === 'number') {
    return [schema.minimum, schema.maximum, schema.default].filter((n) => n !== undefined).map(String);
  }
  return schema.example === undefined ? [] : [String(schema.example)];
}

const NUMBER_EDGES = ['0', '-1', '1.5', '101', '1e2', '1e400', '99999999999999999999', 'NaN', '0x10', '１', '', '1,2'];
/** more wrong numbers, for the random queries */
const NUMBER_EDGES_2 = ['-0', '100000', 'Infinity', ' 7 ', '٣', 'true', '[]', '{"$gt":0}'];
const MONTH_EDGES = ['2026-13', '2026-1', '２０２６-10', '2026-00', '2026-10-01', '202610', '0000-01', '2026-08 '];
const DATE_EDGES = ['2026-02-30', '2026-9-1', '２０２６-09-10', '2026-09-10T00:00:00Z', '9999-12-31', '0000-01-01'];
const DATE_EDGES_2 = ['2026-13-01', '20260910', '2026-09-10,2026-09-11', '2027-01-01', '-2026-09-10'];
/** how many items of each listing the pagination walk reads */
const WALKED = 30;
const LONG_VALUES = ['x'.repeat(2_049), 'x'.repeat(3_000), '字'.repeat(300)];

/** Values that are wrong for a parameter of this kind (deterministic: every one of them is tried on every route). */
function edgeValues(name: string, schema: JsonSchema): string[] {
  if (name === 'nextToken') return []; // the nextToken property tries these
  if (schema.type === 'integer' || schema.type === 'number') return NUMBER_EDGES;
  if (schema.enum) {
    const [first = 'x', second = 'y'] = schema.enum.map(String);
    return [first.toUpperCase(), `${first} `, `${first},${second}`, '', 'unknown', '*'];
  }
  if (schema.format === 'date') return [...DATE_EDGES, ...DATE_EDGES_2];
  if (/^\d{4}-\d{2}$/.test(String(schema.example))) return [...MONTH_EDGES, '', '2026-08,2026-09'];
  return ['', ' ', '\u0000', '𠮷'.repeat(60), '%', ...LONG_VALUES.slice(0, 1)];
}

const ajv = new Ajv2020.default({ allErrors: true, strict: true, strictRequired: false });
addFormats.default(ajv);
ajv.addKeyword('example');
const validators = new Map<OperationId, ValidateFunction | null>();

/** The route's success body schema in the OpenAPI document (its `$ref`s resolved in the document's components). */
function responseValidator(route: Route): ValidateFunction | null {
  if (validators.has(route.operationId)) return validators.get(route.operationId) ?? null;
  const operation = document.paths[route.path]?.[route.method.toLowerCase()] as unknown as {
    responses: Record<string, { content?: Record<string, { schema: JsonSchema }> }>;
  };
  const schema = operation.responses[String(route.response.status)]?.content?.['application/json']?.schema;
  const local = (value: unknown) => JSON.parse(JSON.stringify(value).replaceAll('#/components/schemas/', '#/$defs/'));
  const validate = schema ? ajv.compile({ ...local(schema), $defs: local(document.components.schemas) }) : null;
  validators.set(route.operationId, validate);
  return validate;
}

// ---------------------------------------------------------------------------------------------------------------
// arbitraries
// ---------------------------------------------------------------------------------------------------------------

/** `encodeURIComponent`, except that a lone surrogate goes out as the bytes of one: invalid UTF-8. */
function encode(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return [...value].map((c) => (/[\uD800-\uDFFF]/.test(c) ? '%ED%A0%80' : encodeURIComponent(c))).join('');
  }
}

function queryString(pairs: Pair[], raw: string[] = []): string {
  const parts = [...pairs.map(([name, value]) => `${encode(name)}=${encode(value)}`), ...raw];
  return parts.length ? `?${parts.join('&')}` : '';
}

const UNKNOWN_NAMES = ['foo', 'LIMIT', 'limit[]', 'status[0]', '__proto__', 'constructor', 'toString', '', ' ', '%'];
/** Raw text put in the query string as is: percent-encoding garbage and separators. */
const RAW_GARBAGE = ['%', '%zz', '%E4%B8', '%F0%9F', '%C0%AF', '&&&', '==', 'a=%', '+=+', ';limit=1', '%00=%00', '=x'];

type QueryMutation =
  | { op: 'replace' | 'repeat'; pick: number; value: string }
  | { op: 'drop'; pick: number }
  | { op: 'unknown'; name: string; value: string }
  | { op: 'raw'; text: string };

const allEdges = [...new Set([...NUMBER_EDGES, ...NUMBER_EDGES_2, ...MONTH_EDGES, ...DATE_EDGES, ...DATE_EDGES_2])];
const queryValue = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...allEdges) },
  { weight: 2, arbitrary: oddString },
  { weight: 1, arbitrary: fc.constantFrom(...LONG_VALUES) },
);
const queryMutation: fc.Arbitrary<QueryMutation> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant('replace' as const), pick: fc.nat(), value: queryValue }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('repeat' as const), pick: fc.nat(), value: queryValue }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('drop' as const), pick: fc.nat() }) },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('unknown' as const),
      name: fc.oneof(fc.constantFrom(...UNKNOWN_NAMES), oddString),
      value: queryValue,
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('raw' as const), text: fc.constantFrom(...RAW_GARBAGE) }) },
);

/** A valid query of the route: its required parameters and some of its optional ones, with valid values. */
function validQuery(route: Route): fc.Arbitrary<Pair[]> {
  const chosen = queryParameters(route).map((parameter) => {
    const values = validValues(route, parameter.name, parameter.schema);
    if (parameter.required && values.length === 0) {
      throw new Error(`${route.operationId}: no valid value for the required ${parameter.name}; add one to values`);
    }
    if (values.length === 0) return fc.constant(null);
    const pair = fc.constantFrom(...values).map((value): Pair => [parameter.name, value]);
    return parameter.required ? pair : fc.option(pair);
  });
  return fc.tuple(...chosen).map((pairs) => pairs.filter((pair): pair is Pair => pair !== null));
}

/** A valid query, then none to three mutations. */
function query(route: Route): fc.Arbitrary<{ pairs: Pair[]; raw: string[] }> {
  return fc.tuple(validQuery(route), fc.array(queryMutation, { maxLength: 3 })).map(([pairs, mutations]) => {
    const raw: string[] = [];
    for (const mutation of mutations) {
      const index = 'pick' in mutation && pairs.length ? mutation.pick % pairs.length : -1;
      const picked = pairs[index];
      if (mutation.op === 'unknown') pairs.push([mutation.name, mutation.value]);
      else if (mutation.op === 'raw') raw.push(mutation.text);
      else if (!picked) continue;
      else if (mutation.op === 'drop') pairs.splice(index, 1);
      else if (mutation.op === 'replace') pairs[index] = [picked[0], mutation.value];
      else pairs.push([picked[0], mutation.value]);
    }
    return { pairs, raw };
  });
}

const base64url = (text: string) => Buffer.from(text).toString('base64url');
const tokenJson = (token: string): unknown => JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));

/** A real token's JSON with one value replaced by another of the wrong type or shape, or dropped. */
function restructured(token: string, pick: number, replacement: unknown, drop: boolean): string {
  const json = structuredClone(tokenJson(token)) as Record<string | number, unknown>;
  const paths = pathsOf(json);
  const path = paths[pick % paths.length] as Array<string | number>;
  if (path.length === 0) return base64url(JSON.stringify(replacement));
  let parent = json;
  for (const step of path.slice(0, -1)) parent = parent[step] as Record<string | number, unknown>;
  const last = path.at(-1) as string | number;
  if (drop && Array.isArray(parent)) parent.splice(last as number, 1);
  else if (drop) delete parent[last];
  else parent[last] = replacement;
  return base64url(JSON.stringify(json));
}

/** Tokens that no listing handed out in this form, and tokens of other listings. */
function tamperedToken(real: readonly string[]): fc.Arbitrary<string> {
  const aToken = fc.constantFrom(...real);
  const wrongValue = fc.oneof(
    fc.constantFrom<unknown>('', 'x', 0, -1, 1.5, 1e300, null, true, [], {}, '\u0000', 'PROJECT#prj_x', [null]),
    fc.constantFrom(...real).map(tokenJson), // another token's whole cursor
    fc.jsonValue({ maxDepth: 2 }),
  );
  return fc.oneof(
    { weight: 2, arbitrary: aToken },
    {
      weight: 4,
      arbitrary: fc
        .tuple(aToken, fc.nat(), wrongValue, fc.boolean())
        .map(([token, pick, value, drop]) => restructured(token, pick, value, drop)),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(aToken, fc.nat(), fc.constantFrom('A', '_', '-', '=', '+', '/', '%', ' '))
        .map(([token, at, character]) => {
          const i = at % token.length;
          return `${token.slice(0, i)}${character}${token.slice(i + 1)}`;
        }),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(aToken, fc.nat()).map(([token, cut]) => token.slice(0, cut % token.length)),
    },
    {
      weight: 2,
      arbitrary: fc.oneof(
        fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes).toString('base64url')),
        fc.jsonValue({ maxDepth: 3 }).map((value) => base64url(JSON.stringify(value) ?? 'null')),
        fc.base64String({ maxLength: 200 }),
        oddString,
      ),
    },
  );
}

/** Each real token with one of its strings emptied in turn (DynamoDB refuses an empty key attribute). */
function emptiedStrings(real: readonly string[]): string[] {
  return real.flatMap((token) => {
    const json = tokenJson(token);
    return pathsOf(json).flatMap((path, pick) => {
      const value = path.reduce<unknown>((inner, step) => (inner as Record<string | number, unknown>)[step], json);
      return typeof value === 'string' ? [restructured(token, pick, '', false)] : [];
    });
  });
}

/** Fixed tampered tokens, tried on every listing whatever the seed. */
function tokenExamples(real: readonly string[]): string[] {
  const [first = ''] = real;
  return [
    ...real,
    ...emptiedStrings(real),
    `${first}A`,
    first.slice(0, -2),
    first.toUpperCase(),
    Buffer.from(first, 'base64url').toString('base64'), // standard base64, with padding
    'x'.repeat(2_049),
    base64url('null'),
    base64url('[]'),
    base64url('{}'),
    base64url('"x"'),
    base64url('{"__proto__":{"g":0}}'),
    base64url('{"partition":0,"lastKey":{"pk":"x"}}'),
    base64url(JSON.stringify(tokenJson(first)).replace(/"[^"]*"(?=[,}\]])/g, '""')), // every string value empty
    base64url(JSON.stringify(tokenJson(first)).replace(/"[^"]*"(?=[,}\]])/g, '1')), // every string value a number
    '%',
    '..%2F',
  ];
}

// ---------------------------------------------------------------------------------------------------------------
// the properties
// ---------------------------------------------------------------------------------------------------------------

/** One request and every property of its answer. */
async function checkRead(route: Route, target: ReadTarget, ids: Record<string, string>, search: string) {
  const path = `${fillPath(route.path, ids)}${search}`;
  const response = await api(path, target.token ? { token: target.token } : {});
  statuses.add(route.operationId, response.status);
  const what = `GET ${path.slice(0, 400)}`;
  assertProblem(response, what);
  if (response.status >= 400) return response;
  expect(response.status, `${what}: a success answers the route's status`).toBe(route.response.status);
  if (response.status >= 300) {
    expect(response.headers.get('location'), what).toBeTruthy();
    return response;
  }
  expect(response.headers.get('content-type'), what).toContain('application/json');
  expect(response.json, `${what}: a JSON body`).toBeDefined();
  const validate = responseValidator(route);
  if (validate) expect(validate(response.json) ? [] : validate.errors, `${what}: the OpenAPI schema`).toEqual([]);
  if (pagedRoutes.includes(route)) {
    const page = response.json as { items: unknown; nextToken: unknown };
    expect(Array.isArray(page.items), what).toBe(true);
    expect(page.nextToken === null || typeof page.nextToken === 'string', what).toBe(true);
  }
  return response;
}

async function snapshot(): Promise<{ count: number; items: Item[][] }> {
  // the documents the setup issued are rendered after their commits: settled first, so only a read could change them
  const items = await Promise.all(partitions.map((pk) => settledPartition(pk)));
  const count = await countItems();
  return { count, items };
}

/** Run the property (the examples first, then RUNS random cases), and check that its reads wrote nothing. */
async function assertReadsOnly<T>(property: fc.IAsyncProperty<T>, examples: T[]): Promise<void> {
  const before = await snapshot();
  // fast-check counts the examples in numRuns
  await fc.assert(property, { numRuns: RUNS + examples.length, seed: SEED, endOnFailure: true, examples });
  const after = await snapshot();
  expect(after.count, 'the reads changed the number of items in the table').toBe(before.count);
  expect(after.items, "the reads changed this file's projects").toEqual(before.items);
}

/** The route's required query parameters, each with a valid value. */
function requiredPairs(route: Route): Pair[] {
  return queryParameters(route).flatMap((parameter) =>
    parameter.required ? [[parameter.name, validValues(route, parameter.name, parameter.schema)[0] as string]] : [],
  );
}

function targetOf(route: Route): ReadTarget {
  const target = targets.get(route.operationId);
  if (!target) throw new Error(`no fuzz target for ${route.operationId}: add one to beforeAll`);
  return target;
}

const readRoutes = routeList.filter((route) => route.method === 'GET');
const hasParameter = (route: Route, name: string) => queryParameters(route).some((p) => p.name === name);
/** routes that take a nextToken: their tokens are tampered with */
const listingRoutes = readRoutes.filter((route) => hasParameter(route, 'nextToken'));
/** the API's lists (`limit` and `nextToken`): `{items, nextToken}`, walked page by page */
const pagedRoutes = listingRoutes.filter((route) => hasParameter(route, 'limit'));

describe('fuzzing every read route', () => {
  it('covers every read route of the wiring table', () => {
    expect(readRoutes.map((route) => route.operationId).sort()).toEqual(
      [...targets.keys()].sort((a, b) => a.localeCompare(b)),
    );
    expect(pagedRoutes.length).toBeGreaterThan(0);
  });

  it.each(readRoutes.map((route) => [`GET ${route.path}`, route] as const))(
    '%s: 2xx or problem+json 4xx, the response schema, and nothing written',
    async (_name, route) => {
      const target = targetOf(route);
      const pathIds = fc.record(
        Object.fromEntries(Object.entries(target.ids).map(([name, real]) => [name, pathId(real)])) as Record<
          string,
          fc.Arbitrary<string>
        >,
      );
      // every wrong value of its kind in each parameter, the other parameters valid
      const valid = requiredPairs(route);
      const examples = queryParameters(route).flatMap((parameter) =>
        edgeValues(parameter.name, parameter.schema).map(
          (value): [Record<string, string>, { pairs: Pair[]; raw: string[] }] => [
            target.ids,
            { pairs: [...valid.filter(([name]) => name !== parameter.name), [parameter.name, value]], raw: [] },
          ],
        ),
      );
      await assertReadsOnly(
        fc.asyncProperty(pathIds, query(route), async (ids, { pairs, raw }) => {
          await checkRead(route, target, ids, queryString(pairs, raw));
        }),
        examples,
      );
    },
    Math.max(60_000, RUNS * 3_000),
  );

  it.each(listingRoutes.map((route) => [`GET ${route.path}`, route] as const))(
    '%s: a tampered or foreign nextToken is a 4xx or a page, never a 5xx',
    async (_name, route) => {
      const target = targetOf(route);
      const filters = validQuery(route).map((pairs) => pairs.filter(([name]) => name !== 'nextToken'));
      const valid = requiredPairs(route);
      await assertReadsOnly(
        fc.asyncProperty(filters, tamperedToken(realTokens), async (pairs, token) => {
          await checkRead(route, target, target.ids, queryString([...pairs, ['nextToken', token]]));
        }),
        tokenExamples(realTokens).map((token): [Pair[], string] => [valid, token]),
      );
    },
    Math.max(60_000, RUNS * 3_000),
  );

  it.each(pagedRoutes.map((route) => [`GET ${route.path}`, route] as const))(
    '%s: following the nextTokens it hands out reads every item once, in order',
    async (_name, route) => {
      const target = targetOf(route);
      const reference = await checkRead(route, target, target.ids, `?limit=${WALKED}`);
      const expected = (reference.json as { items: Array<{ id: string }> }).items.map((item) => item.id);
      for (const limit of [1, 3, 7]) {
        const seen: string[] = [];
        let token: string | null = null;
        do {
          const page: ApiResponse = await checkRead(
            route,
            target,
            target.ids,
            queryString([['limit', String(limit)], ...(token ? [['nextToken', token] as Pair] : [])]),
          );
          expect(page.status, `limit=${limit} after ${seen.length} items: ${page.text}`).toBe(200);
          const body = page.json as { items: Array<{ id: string }>; nextToken: string | null };
          expect(body.items.length).toBeLessThanOrEqual(limit);
          seen.push(...body.items.map((item) => item.id));
          token = body.nextToken;
        } while (token && seen.length < WALKED);
        expect(seen.slice(0, expected.length), `limit=${limit}: the same items in the same order`).toEqual(expected);
        expect(new Set(seen).size, `limit=${limit}: no item twice`).toBe(seen.length);
      }
    },
    120_000,
  );
});
