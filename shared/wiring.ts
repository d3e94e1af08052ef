/**
 * THE wiring table: every function, HTTP route, event rule and schedule of the product, in one place.
 * The CDK stack (infra/stack.ts) and the local twin (infra/local/) are both generated from it, so they cannot
 * drift; test/infra/wiring.test.ts proves every row is in the synthesized template.
 *
 * To add a route: add one row to `routes` and its implementation to the function's handler map.
 */
import type * as z from 'zod';
import * as assessments from './schemas/assessments.js';
import * as cases from './schemas/cases.js';
import * as credit from './schemas/credit.js';
import * as documents from './schemas/documents.js';
import * as enforcement from './schemas/enforcement.js';
import * as evaluations from './schemas/evaluations.js';
import * as intake from './schemas/intake.js';
import * as issuedDocuments from './schemas/issued-documents.js';
import * as projects from './schemas/project.js';
import * as rankings from './schemas/rankings.js';
import * as ruleSets from './schemas/rule-sets.js';
import * as uploads from './schemas/uploads.js';

/**
 * What a function may do to the table, by kind of operation; infra grants exactly the DynamoDB actions of
 * `tableOperationActions` (a transaction needs the action of each of its items; reads and scans also reach the
 * indexes). BatchWriteItem (which can delete) is granted to nobody: no code uses it.
 */
export type TableOperation = 'read' | 'write' | 'delete' | 'scan';

/** The IAM actions of each kind of table operation (infra grants exactly these). */
export const tableOperationActions: Readonly<Record<TableOperation, readonly string[]>> = {
  read: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'],
  write: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:ConditionCheckItem'],
  delete: ['dynamodb:DeleteItem'],
  scan: ['dynamodb:Scan'],
};

/**
 * The key prefixes of the documents bucket and how each is kept (SPEC §4 Security). A `writeOnce` prefix holds the
 * agency's own documents: its objects are created once (a conditional put), under S3 Object Lock for the retention
 * of docs/deploy.md, and never overwritten or deleted, by any role (the bucket policy denies it).
 */
export const documentPrefixes = {
  'cases/': { writeOnce: false, description: "the units' uploads (presigned POST), checked by the document verifier" },
  'quarantine/': { writeOnce: false, description: 'uploads the verifier refused, kept 180 days' },
  'notices/': { writeOnce: true, description: 'notice PDFs (inclusion, release)' },
  'reports/': { writeOnce: true, description: 'inspection report PDFs (检查报告), rendered by the document renderer' },
  'orders/': { writeOnce: true, description: 'level-2 order PDFs to the group companies (责令通知书)' },
  'municipal-reports/': { writeOnce: true, description: 'level-3 report PDFs to the municipal commission' },
} as const satisfies Record<string, { writeOnce: boolean; description: string }>;

export type DocumentPrefix = keyof typeof documentPrefixes;

/** The public bucket keeps everything under `public/` (the URL path CloudFront serves). */
export type PublicSitePrefix = 'public/';

/**
 * What a function may do under key prefixes of a bucket. `listKeys` lets it learn which keys exist (s3:ListBucket
 * on the bucket, which IAM cannot narrow for this purpose): S3 then answers a missing key with 404, not 403, which
 * code that reads possibly-missing objects relies on.
 */
export interface PrefixAccess<Prefix extends string> {
  read?: readonly Prefix[];
  write?: readonly Prefix[];
  delete?: readonly Prefix[];
  listKeys?: boolean;
}

/**
 * What a function may touch. Infra turns each entry into the narrowest IAM grant (by action and key prefix) and,
 * with `config`, into the function's environment (shared/function-environment.ts), in AWS and in the local twin.
 */
export interface FunctionAccess {
  table?: readonly TableOperation[];
  /** reads the table's stream (only the outbox relay) */
  tableStream?: boolean;
  documents?: PrefixAccess<DocumentPrefix>;
  publicSite?: PrefixAccess<PublicSitePrefix>;
  /**
   * the credit export's own part of the public bucket, `public/credit/` (SPEC §6.6): reads it; replaces only its two
   * pointers (`latest.json`, `keys.json`); stores every other object there only by a conditional write (a date's
   * files and signatures are written once); deletes nothing
   */
  creditExport?: boolean;
  /** signs with a KMS key of the stack: `credit`, the credit export's ECC_NIST_P256 key (kms:Sign on it only) */
  signsWith?: 'credit';
  /** puts events on the `supervision` bus */
  bus?: boolean;
  /** sends messages to a queue of `queues` (its URL is in the environment) */
  sendsTo?: QueueName;
}

/** Deployment values a function reads beyond what its access implies (names of `ENV` in shared/config.ts). */
export type FunctionConfig = 'publicBaseUrl' | 'publicSiteUrl';

export interface FunctionSpec {
  /** source file exporting `handler`, relative to the repository root */
  entry: string;
  description: string;
  memoryMiB: number;
  timeoutSeconds: number;
  access: FunctionAccess;
  /** configuration it reads at cold start, beyond its access: it gets these variables and no others */
  config?: readonly FunctionConfig[];
  /** renders PDFs: the bundle ships the Chinese font files (fonts/NotoSansHans-*.otf beside the handler) */
  fonts?: boolean;
  /** at most this many at once (the publisher: one, so an older regeneration never overwrites a newer one) */
  reservedConcurrency?: number;
}

export const functions = {
  projects: {
    entry: 'functions/projects/handler.ts',
    description: 'Intake: projects, inspections, incidents, criticisms, hazard verification; the six conditions',
    memoryMiB: 512,
    timeoutSeconds: 10,
    access: { table: ['read', 'write'] },
  },
  cases: {
    entry: 'functions/cases/handler.ts',
    description:
      'Cases: list, read, preview, confirm (inclusion notice), dismiss, extend; upload links; the documents issued (notices, inspection reports, the ladder’s)',
    memoryMiB: 1024,
    timeoutSeconds: 20,
    // dismissing a case removes its open-case lock item. It reads documents only to sign short-lived GETs of them
    // (the units' uploads, and the documents the agency issued); the document renderer writes those
    access: {
      table: ['read', 'write', 'delete'],
      documents: { read: ['cases/', 'notices/', 'reports/', 'orders/', 'municipal-reports/'] },
    },
    // upload links point at the upload page (site) and name the API
    config: ['publicBaseUrl', 'publicSiteUrl'],
  },
  uploads: {
    entry: 'functions/uploads/handler.ts',
    description: 'Contractor uploads through an upload link: context, presigned POST, status',
    memoryMiB: 512,
    timeoutSeconds: 10,
    // signs the presigned POST, so it holds exactly what the POST may do: create objects under cases/; and signs
    // the short-lived GET of an inspection report that names the link's unit
    access: { table: ['read', 'write'], documents: { read: ['reports/'], write: ['cases/'] } },
  },
  'document-verifier': {
    entry: 'functions/document-verifier/handler.ts',
    description: 'Checks each uploaded object (magic number, size, SHA-256) and accepts it or moves it to quarantine',
    memoryMiB: 512,
    timeoutSeconds: 60,
    // the only role that moves or deletes an upload: a copy to quarantine/, then a delete (a delete marker: the
    // bucket is versioned, so the refused bytes stay as evidence); a redelivery must see a moved key as missing
    access: {
      table: ['read', 'write'],
      documents: { read: ['cases/'], write: ['quarantine/'], delete: ['cases/'], listKeys: true },
    },
  },
  'upload-authorizer': {
    entry: 'functions/upload-authorizer/handler.ts',
    description:
      'HTTP API Lambda authorizer for link tokens: upload links (one case, one unit), assessment links (one project, one unit)',
    memoryMiB: 256,
    timeoutSeconds: 5,
    access: { table: ['read'] },
  },
  assessments: {
    entry: 'functions/assessments/handler.ts',
    description:
      'Status assessment (SPEC §6.1–6.3): schemes, assessment links, the three tiers, quarter standing, falsification; penalty points',
    memoryMiB: 512,
    timeoutSeconds: 15,
    access: { table: ['read', 'write'] },
    // an assessment link points at the assessment page (site) and, when elsewhere, names the API
    config: ['publicBaseUrl', 'publicSiteUrl'],
  },
  evaluations: {
    entry: 'functions/evaluations/handler.ts',
    description: 'Monthly evaluation: plans runs (scheduled or on request) into batches; progress; month statistics',
    memoryMiB: 1024,
    // the planner's lease (shared/usecases/evaluation-run.ts) is as long as this
    timeoutSeconds: 300,
    access: { table: ['read', 'write'], sendsTo: 'evaluation-batches' },
  },
  'evaluation-worker': {
    entry: 'functions/evaluation-worker/handler.ts',
    description: 'Monthly evaluation: judges a batch of cases (or proposes a batch of projects) of a run',
    memoryMiB: 1024,
    timeoutSeconds: 120,
    // a release removes the open-case lock; the release notice's PDF is the document renderer's work
    // (NoticeIssued → document-renders), so no documents access
    access: { table: ['read', 'write', 'delete'] },
  },
  circulars: {
    entry: 'functions/circulars/handler.ts',
    description: 'Circulars of criticism (通报): list, publish, withdraw, retract, correct a retraction; daily expiry',
    memoryMiB: 512,
    timeoutSeconds: 10,
    access: { table: ['read', 'write'] },
  },
  'public-publisher': {
    entry: 'functions/public-publisher/handler.ts',
    description: 'Regenerates the public pages and feeds of the circulars (HTML, JSON Feed, Atom, RSS)',
    memoryMiB: 512,
    timeoutSeconds: 60,
    // compares each page with what is there (HEAD: a new page must read as missing) and puts the changed ones
    access: { table: ['read'], publicSite: { read: ['public/'], write: ['public/'], listKeys: true } },
    config: ['publicSiteUrl'],
    reservedConcurrency: 1,
  },
  'public-status': {
    entry: 'functions/public-status/handler.ts',
    description: 'Point-in-time supervision status and credit record of a unit, for tender platforms (两场联动)',
    memoryMiB: 256,
    timeoutSeconds: 5,
    access: { table: ['read'] },
  },
  'credit-export': {
    entry: 'functions/credit-export/handler.ts',
    description:
      'Signed bulk export of the credit records for tendering (两场联动): JSON and CSV with ECDSA P-256 signatures, the JWKS, latest.json',
    memoryMiB: 1024,
    // 100,000 enterprises: the reads, two streamed files and two KMS signatures take minutes, not fifteen
    timeoutSeconds: 900,
    access: { table: ['read'], creditExport: true, signsWith: 'credit' },
    // one export at a time: two never interleave their writes of latest.json and the signatures
    reservedConcurrency: 1,
  },
  openapi: {
    entry: 'functions/openapi/handler.ts',
    description:
      'The OpenAPI 3.1 document, generated from the zod schemas of this table; in AWS also the Chinese 404 problem for a request no route matches (the $default route)',
    memoryMiB: 256,
    timeoutSeconds: 5,
    access: {},
    // the document's `servers` entry
    config: ['publicBaseUrl'],
  },
  'outbox-relay': {
    entry: 'functions/outbox-relay/handler.ts',
    description: 'Transactional outbox: relays new outbox items from the table stream to the supervision bus',
    memoryMiB: 256,
    timeoutSeconds: 30,
    access: { tableStream: true, bus: true },
  },
  deadlines: {
    entry: 'functions/deadlines/handler.ts',
    description:
      'Daily sweep: flags overdue hazards (HazardOverdue) and overdue notice receipts (NoticeReceiptOverdue)',
    memoryMiB: 512,
    timeoutSeconds: 900,
    access: { table: ['read', 'write'] },
  },
  'escalation-measures': {
    entry: 'functions/escalation-measures/handler.ts',
    description: 'The escalation ladder: resident supervision, heavy penalties and group orders, the circular draft',
    memoryMiB: 512,
    timeoutSeconds: 30,
    access: { table: ['read', 'write'] },
  },
  'rule-sets': {
    entry: 'functions/rule-sets/handler.ts',
    description: 'Versioned rule sets (规则版本): list, the one in force, add one from a future day',
    memoryMiB: 256,
    timeoutSeconds: 10,
    access: { table: ['read', 'write'] },
  },
  rankings: {
    entry: 'functions/rankings/handler.ts',
    description:
      'Quarterly rankings (SPEC §6.4): requests runs (officer or the ranking day) and plans them into batches; the ' +
      'quarters, revisions and lists; publication',
    memoryMiB: 1024,
    timeoutSeconds: 300,
    access: { table: ['read', 'write'], sendsTo: 'ranking-batches' },
  },
  'ranking-worker': {
    entry: 'functions/ranking-worker/handler.ts',
    description:
      "Quarterly rankings: reads a batch of projects (charging their missing assessments' points); the last batch " +
      'computes and stores every list (in memory: docs/rankings-at-scale.md)',
    // the finish holds a national quarter's rows and lists in memory: measured 423 MiB peak at 10,000 projects,
    // extrapolated 2–3 GiB at 500,000 (docs/benchmarks.md, bench:rankings): the limit of this design (rankings-at-scale.md)
    memoryMiB: 3008,
    timeoutSeconds: 300,
    // charges points and writes rows, pages and entries (one PutItem each: no BatchWriteItem)
    access: { table: ['read', 'write'] },
  },
  'ranking-publisher': {
    entry: 'functions/ranking-publisher/handler.ts',
    description:
      "Puts a published ranking on the public site: the quarter's pages (every list, by district and category), JSON " +
      'and CSV, and the index of quarters',
    memoryMiB: 1024,
    timeoutSeconds: 300,
    // compares each page with what is there (HEAD), puts the changed ones; lists the quarter's pages to replace
    // those a correction dropped with a notice (nothing public is deleted)
    access: { table: ['read'], publicSite: { read: ['public/'], write: ['public/'], listKeys: true } },
    config: ['publicSiteUrl'],
    reservedConcurrency: 1,
  },
  'enterprise-cases': {
    entry: 'functions/enterprise-cases/handler.ts',
    description:
      'Enterprise-level supervision (企业级差别化监管, SPEC §6.5): cases, confirm, dismiss, talks; the proposals a ' +
      'published ranking makes (projects and enterprises) and the grounds events show (two supervised projects, 16 points)',
    memoryMiB: 1024,
    timeoutSeconds: 300,
    // deletes only the open-enterprise-case guard when a case closes
    access: { table: ['read', 'write', 'delete'] },
  },
  'document-renderer': {
    entry: 'functions/document-renderer/handler.ts',
    description:
      'Renders the documents the agency issues (notices, inspection reports, group orders, the municipal report) after their commit: stored once, SHA-256 recorded',
    // the two CJK fonts parsed (~60 MB) and a render's subsetting; more memory is also more CPU for the render
    memoryMiB: 1024,
    timeoutSeconds: 60,
    // creates each PDF once under its write-once prefix (Object Lock), and reads one back only when an earlier
    // delivery stored it first (a 412), to record the stored object's SHA-256; never deletes
    access: {
      table: ['read', 'write'],
      documents: {
        read: ['notices/', 'reports/', 'orders/', 'municipal-reports/'],
        write: ['notices/', 'reports/', 'orders/', 'municipal-reports/'],
      },
    },
    fonts: true,
  },
  'event-journal': {
    entry: 'functions/event-journal/handler.ts',
    description: 'Keeps every supervision event in an append-only journal per subject (idempotent consumer)',
    memoryMiB: 256,
    timeoutSeconds: 10,
    // appends with a conditional put, reads nothing
    access: { table: ['write'] },
  },
} as const satisfies Record<string, FunctionSpec>;

export type FunctionName = keyof typeof functions;

export type AgencyRole = 'inspector' | 'officer';

/**
 * Who may call a route: an agency JWT with at least that role, an upload token, an assessment link's token (SPEC
 * §6.2: one project and one unit; the same link-token authorizer checks both kinds of token), or anyone.
 */
export type RouteAccess =
  | { kind: 'agency'; role: AgencyRole }
  | { kind: 'upload' }
  | { kind: 'assessment' }
  | { kind: 'public' };

export interface RouteSpec {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** API Gateway path template, e.g. `/v1/projects/{projectId}` */
  path: string;
  summary: string;
  function: FunctionName;
  access: RouteAccess;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /**
   * success status and body schema (a redirect has no body), and any other success the route may answer instead
   * (`alternatives`: e.g. a document route's `200 {url, expiresAt}` for `Accept: application/json` beside its 302)
   */
  response: {
    status: number;
    schema?: z.ZodType;
    description?: string;
    alternatives?: ReadonlyArray<{ status: number; schema?: z.ZodType; description: string }>;
  };
  /** writes accept `Idempotency-Key` */
  idempotent?: boolean;
}

/**
 * What a route serving a stored document answers (shared/http/document-location.ts): a 302 to a presigned GET, or
 * `{url, expiresAt}` when the request's Accept prefers JSON; 409 while the document is still being rendered.
 */
const documentResponse = {
  status: 302,
  description: 'Location: a presigned GET of the PDF, valid for 5 minutes (409 while the document is being rendered)',
  alternatives: [
    {
      status: 200,
      schema: issuedDocuments.documentLocation,
      description: 'When the request’s Accept prefers application/json: the presigned GET and when it expires',
    },
  ],
} as const;

/**
 * Request rates by who may call a route (SPEC §4 Security; docs/deploy.md, "Throttles and WAF").
 * - `api`: API Gateway's throttle of each route of that kind, requests per second (steady and burst). Agency
 *   routes have the stage default; anonymous and upload-token routes far less, so junk traffic cannot crowd out the
 *   agencies.
 * - `perIpPer5Minutes`: the edge WAF's rate-based rule, requests from one client IP in any 5 minutes, over the
 *   routes of that kind; `agency` applies to the whole distribution (pages included). An agency office behind one
 *   NAT address shares it, hence its size.
 */
export const rateLimits: Readonly<
  Record<RouteAccess['kind'], { api: { rate: number; burst: number }; perIpPer5Minutes: number }>
> = {
  agency: { api: { rate: 100, burst: 200 }, perIpPer5Minutes: 6000 },
  upload: { api: { rate: 10, burst: 20 }, perIpPer5Minutes: 300 },
  // a unit's assessment link: a few tables a month, like an upload link
  assessment: { api: { rate: 10, burst: 20 }, perIpPer5Minutes: 300 },
  public: { api: { rate: 20, burst: 40 }, perIpPer5Minutes: 600 },
};

const inspector = { kind: 'agency', role: 'inspector' } as const;
const officer = { kind: 'agency', role: 'officer' } as const;
const uploadToken = { kind: 'upload' } as const;
const assessmentToken = { kind: 'assessment' } as const;
const anyone = { kind: 'public' } as const;

export const routes = {
  registerProject: {
    method: 'POST',
    path: '/v1/projects',
    summary: 'Register a project with its units and key persons',
    function: 'projects',
    access: inspector,
    body: projects.registerProjectBody,
    response: { status: 201, schema: projects.project },
    idempotent: true,
  },
  listProjects: {
    method: 'GET',
    path: '/v1/projects',
    summary: "Search projects by name (fragments, any spelling), district or a unit's credit code, paginated",
    function: 'projects',
    access: inspector,
    query: projects.listProjectsQuery,
    response: { status: 200, schema: projects.projectPage },
  },
  getProject: {
    method: 'GET',
    path: '/v1/projects/{projectId}',
    summary: 'The project, its open hazards, its case if any, its inspections with their enforcement measures',
    function: 'projects',
    access: inspector,
    params: projects.projectIdParams,
    response: { status: 200, schema: intake.projectDetail },
  },
  getProjectConditions: {
    method: 'GET',
    path: '/v1/projects/{projectId}/conditions',
    summary: 'The six conditions evaluated now or as of a date, with evidence',
    function: 'projects',
    access: inspector,
    params: projects.projectIdParams,
    query: intake.conditionsQuery,
    response: { status: 200, schema: intake.conditionsResult },
  },
  recordInspection: {
    method: 'POST',
    path: '/v1/projects/{projectId}/inspections',
    summary: 'Record an inspection with its findings; hazards get deadlines; the conditions are re-evaluated',
    function: 'projects',
    access: inspector,
    params: projects.projectIdParams,
    body: intake.recordInspectionBody,
    response: { status: 201, schema: intake.inspectionRecorded },
    idempotent: true,
  },
  recordIncident: {
    method: 'POST',
    path: '/v1/projects/{projectId}/incidents',
    summary: 'Record an incident (fatalities, injuries)',
    function: 'projects',
    access: inspector,
    params: projects.projectIdParams,
    body: intake.recordIncidentBody,
    response: { status: 201 },
    idempotent: true,
  },
  recordCriticism: {
    method: 'POST',
    path: '/v1/projects/{projectId}/criticisms',
    summary: 'Record a criticism (通报批评) received from a government or the industry authority',
    function: 'projects',
    access: inspector,
    params: projects.projectIdParams,
    body: intake.recordCriticismBody,
    response: { status: 201 },
    idempotent: true,
  },
  verifyHazard: {
    method: 'POST',
    path: '/v1/hazards/{hazardId}/verifications',
    summary: 'Verify the rectification of a hazard: accepted (closed) or rejected (open again)',
    function: 'projects',
    access: inspector,
    params: intake.hazardIdParams,
    body: intake.verifyHazardBody,
    response: { status: 201, schema: intake.hazard },
    idempotent: true,
  },
  getHazard: {
    method: 'GET',
    path: '/v1/hazards/{hazardId}',
    summary: 'A hazard with its verifications and the documents uploaded for it',
    function: 'projects',
    access: inspector,
    params: intake.hazardIdParams,
    response: { status: 200, schema: intake.hazardDetail },
  },
  refuseHazard: {
    method: 'POST',
    path: '/v1/hazards/{hazardId}/refusal',
    summary: 'Mark a hazard refused (拒不整改)',
    function: 'projects',
    access: inspector,
    params: intake.hazardIdParams,
    body: intake.refuseHazardBody,
    response: { status: 201, schema: intake.hazard },
    idempotent: true,
  },
  listCases: {
    method: 'GET',
    path: '/v1/cases',
    summary: 'Cases, filtered by status, level and district, paginated',
    function: 'cases',
    access: inspector,
    query: cases.listCasesQuery,
    response: { status: 200 },
  },
  listOverdueHazards: {
    method: 'GET',
    path: '/v1/overdue/hazards',
    summary: 'Hazards overdue now (past their deadline, not accepted) across every case, paginated',
    function: 'cases',
    access: inspector,
    query: cases.overdueQuery,
    response: { status: 200, schema: cases.overdueHazardPage },
  },
  listOverdueNotices: {
    method: 'GET',
    path: '/v1/overdue/notices',
    summary: 'Notices whose signed receipt is overdue, across every case, paginated',
    function: 'cases',
    access: inspector,
    query: cases.overdueQuery,
    response: { status: 200, schema: cases.overdueNoticePage },
  },
  getCase: {
    method: 'GET',
    path: '/v1/cases/{caseId}',
    summary: 'The case: conditions, notices, cycles, evaluations, obligations, timeline',
    function: 'cases',
    access: inspector,
    params: cases.caseIdParams,
    response: { status: 200, schema: cases.supervisionCase },
  },
  previewCase: {
    method: 'GET',
    path: '/v1/cases/{caseId}/preview',
    summary: "What the current cycle's verdict and level would be if it ended now, with reasons",
    function: 'cases',
    access: inspector,
    params: cases.caseIdParams,
    response: { status: 200 },
  },
  confirmCase: {
    method: 'POST',
    path: '/v1/cases/{caseId}/confirm',
    summary: 'Include the project: the case becomes active and the inclusion notice is issued',
    function: 'cases',
    access: officer,
    params: cases.caseIdParams,
    body: cases.confirmCaseBody,
    response: { status: 200, schema: cases.supervisionCase },
    idempotent: true,
  },
  dismissCase: {
    method: 'POST',
    path: '/v1/cases/{caseId}/dismiss',
    summary: 'Dismiss a proposed case, with a reason',
    function: 'cases',
    access: officer,
    params: cases.caseIdParams,
    body: cases.dismissCaseBody,
    response: { status: 200, schema: cases.supervisionCase },
    idempotent: true,
  },
  extendCycle: {
    method: 'POST',
    path: '/v1/cases/{caseId}/extension',
    summary: 'Extend the current cycle by 1 or 2 months (at most 3 months in total), with a reason',
    function: 'cases',
    access: officer,
    params: cases.caseIdParams,
    body: cases.extendCycleBody,
    response: { status: 200 },
    idempotent: true,
  },
  createUploadLink: {
    method: 'POST',
    path: '/v1/cases/{caseId}/upload-links',
    summary: 'An upload link for one unit of the case',
    function: 'cases',
    access: inspector,
    params: cases.caseIdParams,
    body: cases.createUploadLinkBody,
    response: { status: 201, schema: cases.uploadLink },
    idempotent: true,
  },
  getNotice: {
    method: 'GET',
    path: '/v1/notices/{noticeId}',
    summary: 'A notice (inclusion or release)',
    function: 'cases',
    access: inspector,
    params: cases.noticeIdParams,
    response: { status: 200, schema: cases.notice },
  },
  revokeUploadLink: {
    method: 'DELETE',
    path: '/v1/cases/{caseId}/upload-links/{linkId}',
    summary: 'Revoke an upload link: it stops working at once',
    function: 'cases',
    access: inspector,
    params: cases.uploadLinkParams,
    response: { status: 204 },
    idempotent: true,
  },
  getNoticeDocument: {
    method: 'GET',
    path: '/v1/notices/{noticeId}/document',
    summary:
      "The notice's PDF: a redirect to a short-lived presigned GET, or {url, expiresAt} for Accept: application/json",
    function: 'cases',
    access: inspector,
    params: cases.noticeIdParams,
    response: documentResponse,
  },
  getInspectionReport: {
    method: 'GET',
    path: '/v1/inspections/{inspectionId}/report',
    summary:
      "The inspection report's PDF (检查报告): a redirect to a short-lived presigned GET, or {url, expiresAt} for Accept: application/json",
    // served beside the other documents: intake (`projects`) stays free of S3
    function: 'cases',
    access: inspector,
    params: issuedDocuments.inspectionIdParams,
    response: documentResponse,
  },
  getGroupOrderDocument: {
    method: 'GET',
    path: '/v1/cases/{caseId}/orders/{orderId}/document',
    summary:
      'A level-2 order to a group company (责令通知书) as a PDF: a redirect to a short-lived presigned GET, or {url, expiresAt}',
    function: 'cases',
    access: inspector,
    params: issuedDocuments.groupOrderParams,
    response: documentResponse,
  },
  getMunicipalReportDocument: {
    method: 'GET',
    path: '/v1/cases/{caseId}/municipal-report/document',
    summary:
      'The level-3 report to the municipal commission (上报市住房城乡建设委) as a PDF: a redirect to a short-lived presigned GET, or {url, expiresAt}',
    function: 'cases',
    access: inspector,
    params: cases.caseIdParams,
    response: documentResponse,
  },
  listCaseDocuments: {
    method: 'GET',
    path: '/v1/cases/{caseId}/documents',
    summary: 'Every document the units uploaded for the case, with its status, newest first, paginated',
    function: 'cases',
    access: inspector,
    params: cases.caseIdParams,
    query: documents.caseDocumentsQuery,
    response: { status: 200, schema: documents.documentPage },
  },
  getDocument: {
    method: 'GET',
    path: '/v1/documents/{documentId}',
    summary: "A document's record: unit, type, status (and why rejected), upload time, SHA-256",
    function: 'cases',
    access: inspector,
    params: uploads.documentIdParams,
    response: { status: 200, schema: documents.documentRecord },
  },
  getDocumentContent: {
    method: 'GET',
    path: '/v1/documents/{documentId}/content',
    summary: "An accepted document's bytes: a redirect to a short-lived presigned GET",
    function: 'cases',
    access: inspector,
    params: uploads.documentIdParams,
    response: {
      ...documentResponse,
      description:
        'Location: a presigned GET of the document (PDF, JPEG or PNG), valid for 5 minutes. A document not (yet) accepted: 409.',
    },
  },
  startEvaluation: {
    method: 'POST',
    path: '/v1/evaluations',
    summary: 'Run the monthly evaluation for a month now',
    function: 'evaluations',
    access: officer,
    body: evaluations.startEvaluationBody,
    response: { status: 202 },
    idempotent: true,
  },
  getEvaluation: {
    method: 'GET',
    path: '/v1/evaluations/{runId}',
    summary: 'An evaluation run: status, counts, progress',
    function: 'evaluations',
    access: officer,
    params: evaluations.runIdParams,
    response: { status: 200, schema: evaluations.evaluationRun },
  },
  getStats: {
    method: 'GET',
    path: '/v1/stats',
    summary:
      'The month: cases by level, notices overdue, agency inspections per active case and per project of an enterprise case',
    function: 'evaluations',
    access: officer,
    query: evaluations.statsQuery,
    response: { status: 200 },
  },
  getEnforcementStats: {
    method: 'GET',
    path: '/v1/stats/enforcement',
    summary:
      "The quarter's enforcement work (执法工作评价) per inspector and per district: volume, amount, coverage, " +
      'richness, regularity, tie to the assessment',
    function: 'evaluations',
    access: officer,
    query: enforcement.enforcementStatsQuery,
    response: { status: 200, schema: enforcement.enforcementStatistics },
  },
  listCirculars: {
    method: 'GET',
    path: '/v1/circulars',
    summary: 'Circulars by status',
    function: 'circulars',
    access: inspector,
    query: evaluations.listCircularsQuery,
    response: { status: 200 },
  },
  publishCircular: {
    method: 'POST',
    path: '/v1/circulars/{circularId}/publish',
    summary: 'Publish a circular (refused while the statement window is open)',
    function: 'circulars',
    access: officer,
    params: evaluations.circularIdParams,
    body: evaluations.publishCircularBody,
    response: { status: 200 },
    idempotent: true,
  },
  retractCircular: {
    method: 'POST',
    path: '/v1/circulars/{circularId}/retract',
    summary: 'Retract a published circular, with a reason',
    function: 'circulars',
    access: officer,
    params: evaluations.circularIdParams,
    body: evaluations.retractCircularBody,
    response: { status: 200 },
    idempotent: true,
  },
  withdrawCircular: {
    method: 'POST',
    path: '/v1/circulars/{circularId}/withdraw',
    summary: 'Withdraw (abandon) a draft circular: never public, no number taken',
    function: 'circulars',
    access: officer,
    params: evaluations.circularIdParams,
    body: evaluations.withdrawCircularBody,
    response: { status: 200 },
    idempotent: true,
  },
  correctRetraction: {
    method: 'POST',
    path: '/v1/circulars/{circularId}/retraction',
    summary: "Correct a retracted circular's reason (recorded on the timeline, republished)",
    function: 'circulars',
    access: officer,
    params: evaluations.circularIdParams,
    body: evaluations.correctRetractionBody,
    response: { status: 200 },
    idempotent: true,
  },
  getUploadContext: {
    method: 'GET',
    path: '/v1/uploads/context',
    summary:
      "What this upload link allows; the unit's obligations due or missing, hazards (overdue first), inspection " +
      'reports and any draft circular naming it with its statement deadline',
    function: 'uploads',
    access: uploadToken,
    response: { status: 200, schema: uploads.uploadContext },
  },
  getUploadReport: {
    method: 'GET',
    path: '/v1/uploads/reports/{inspectionId}',
    summary: "The PDF of an inspection report that found hazards for the link's unit",
    function: 'uploads',
    access: uploadToken,
    params: uploads.uploadReportParams,
    response: documentResponse,
  },
  requestUpload: {
    method: 'POST',
    path: '/v1/uploads',
    summary: 'Declare a document and get a presigned POST for it',
    function: 'uploads',
    access: uploadToken,
    body: uploads.requestUploadBody,
    response: { status: 201, schema: uploads.uploadGranted },
    idempotent: true,
  },
  getUpload: {
    method: 'GET',
    path: '/v1/uploads/{documentId}',
    summary: 'The verification status of an uploaded document',
    function: 'uploads',
    access: uploadToken,
    params: uploads.documentIdParams,
    response: { status: 200, schema: uploads.uploadStatus },
  },
  getPublicStatus: {
    method: 'GET',
    path: '/public/status',
    summary: 'Was the unit under differentiated supervision on that date, and named in a standing circular',
    function: 'public-status',
    access: anyone,
    query: evaluations.publicStatusQuery,
    response: { status: 200 },
  },
  getPublicCredit: {
    method: 'GET',
    path: '/public/credit',
    summary:
      "An enterprise's credit record on a date, for tender platforms (两场联动): ranks, penalty points, enterprise " +
      'case, supervised projects, standing circulars',
    function: 'public-status',
    access: anyone,
    query: credit.publicCreditQuery,
    response: { status: 200, schema: credit.creditRecord },
  },
  getAssessmentScheme: {
    method: 'GET',
    path: '/v1/assessment-schemes/{schemeId}',
    // SPEC §6.1 names agency and assessment-link callers; a scheme is a public standard (also published at
    // /public/assessment-schemes/{schemeId}.json), so the route takes any caller rather than two authorizers
    summary: 'An assessment scheme (评估指标体系): categories, weights, check tables and items, phase defaults',
    function: 'assessments',
    access: anyone,
    params: assessments.schemeIdParams,
    response: { status: 200, schema: assessments.scheme },
  },
  createAssessmentLink: {
    method: 'POST',
    path: '/v1/projects/{projectId}/assessment-links',
    summary: 'An assessment link for one unit of the project (its self-assessments or re-assessments)',
    function: 'assessments',
    access: inspector,
    params: projects.projectIdParams,
    body: assessments.createAssessmentLinkBody,
    response: { status: 201, schema: assessments.assessmentLink },
    idempotent: true,
  },
  revokeAssessmentLink: {
    method: 'DELETE',
    path: '/v1/projects/{projectId}/assessment-links/{linkId}',
    summary: 'Revoke an assessment link: it stops working at once',
    function: 'assessments',
    access: inspector,
    params: assessments.assessmentLinkParams,
    response: { status: 204 },
    idempotent: true,
  },
  getAssessmentContext: {
    method: 'GET',
    path: '/v1/assessments/context',
    summary: "What the assessment link's unit has due, the scheme's phase defaults, its submissions",
    function: 'assessments',
    access: assessmentToken,
    response: { status: 200, schema: assessments.assessmentContext },
  },
  submitAssessment: {
    method: 'POST',
    path: '/v1/assessments',
    summary: "Submit the unit's self-assessment (monthly) or enterprise re-assessment (quarterly)",
    function: 'assessments',
    access: assessmentToken,
    body: assessments.submitAssessmentBody,
    response: { status: 201, schema: assessments.assessment },
    idempotent: true,
  },
  submitGovernmentAssessment: {
    method: 'POST',
    path: '/v1/projects/{projectId}/assessments',
    summary: 'Submit a government assessment of the project, tied to an inspection (two or more inspectors)',
    function: 'assessments',
    access: inspector,
    params: projects.projectIdParams,
    body: assessments.submitGovernmentAssessmentBody,
    response: { status: 201, schema: assessments.assessment },
    idempotent: true,
  },
  listProjectAssessments: {
    method: 'GET',
    path: '/v1/projects/{projectId}/assessments',
    summary: "The project's assessments of a period (history included) and, for a quarter, its quarter standing",
    function: 'assessments',
    access: inspector,
    params: projects.projectIdParams,
    query: assessments.listAssessmentsQuery,
    response: { status: 200, schema: assessments.projectAssessments },
  },
  getAssessment: {
    method: 'GET',
    path: '/v1/assessments/{assessmentId}',
    summary: 'An assessment, with the earlier submissions it replaced',
    function: 'assessments',
    access: inspector,
    params: assessments.assessmentIdParams,
    response: { status: 200, schema: assessments.assessment },
  },
  makeFalsificationStatement: {
    method: 'POST',
    path: '/v1/assessments/{assessmentId}/statement',
    summary: "The unit's statement (陈述) on a suspected falsification, until the statement is due",
    function: 'assessments',
    access: assessmentToken,
    params: assessments.assessmentIdParams,
    body: assessments.statementBody,
    response: { status: 200, schema: assessments.assessment },
    idempotent: true,
  },
  decideFalsification: {
    method: 'POST',
    path: '/v1/assessments/{assessmentId}/falsification',
    summary: 'Decide a suspected falsification (弄虚作假): confirmed (3 + 3 points) or cleared',
    function: 'assessments',
    access: officer,
    params: assessments.assessmentIdParams,
    body: assessments.falsificationDecisionBody,
    response: { status: 200, schema: assessments.assessment },
    idempotent: true,
  },
  getPenaltyPoints: {
    method: 'GET',
    path: '/v1/penalty-points',
    summary: 'The penalty-points ledger (动态记分) of an enterprise or a registered person, with its standing',
    function: 'assessments',
    access: inspector,
    query: assessments.penaltyPointsQuery,
    response: { status: 200, schema: assessments.penaltyLedger },
  },
  recordPenaltyPoints: {
    method: 'POST',
    path: '/v1/penalty-points',
    summary: 'Record points for an enforcement measure (1 责令改正, 2 a fine under ¥10,000, 3 ¥10,000 or more)',
    function: 'assessments',
    access: officer,
    body: assessments.recordPenaltyPointsBody,
    response: { status: 201, schema: assessments.penaltyEntry },
    idempotent: true,
  },
  revokePenaltyPoints: {
    method: 'POST',
    path: '/v1/penalty-points/{entryId}/revoke',
    summary: 'Revoke a ledger entry, with a reason: kept, marked revoked, totals recomputed',
    function: 'assessments',
    access: officer,
    params: assessments.penaltyEntryParams,
    body: assessments.revokePenaltyPointsBody,
    response: { status: 200, schema: assessments.penaltyEntry },
    idempotent: true,
  },
  listRuleSets: {
    method: 'GET',
    path: '/v1/rule-sets',
    summary: 'Every version of the rule set (thresholds), with the day each takes effect',
    function: 'rule-sets',
    access: inspector,
    response: { status: 200, schema: ruleSets.ruleSetList },
  },
  currentRuleSet: {
    method: 'GET',
    path: '/v1/rule-sets/current',
    summary: 'The version of the rule set in force today',
    function: 'rule-sets',
    access: inspector,
    response: { status: 200, schema: ruleSets.ruleSet },
  },
  addRuleSet: {
    method: 'POST',
    path: '/v1/rule-sets',
    summary: 'Add a version of the rule set from a future day (never retroactive)',
    function: 'rule-sets',
    access: officer,
    body: ruleSets.addRuleSetBody,
    response: { status: 201, schema: ruleSets.ruleSet },
    idempotent: true,
  },
  startRanking: {
    method: 'POST',
    path: '/v1/rankings',
    summary:
      'Run the quarterly ranking now: recomputes the draft, or (with a reason) makes the next revision of a ' +
      'published quarter; 409 while a run of the quarter is in flight',
    function: 'rankings',
    access: officer,
    body: rankings.startRankingBody,
    response: { status: 202, schema: rankings.rankingRun },
    idempotent: true,
  },
  listRankings: {
    method: 'GET',
    path: '/v1/rankings',
    summary: 'The quarters ranked, newest first, with their latest revision and status',
    function: 'rankings',
    access: inspector,
    response: { status: 200, schema: rankings.rankingQuarters },
  },
  getRankingRun: {
    method: 'GET',
    path: '/v1/rankings/runs/{runId}',
    summary: 'A ranking run: status, progress, counts',
    function: 'rankings',
    access: officer,
    params: rankings.rankingRunParams,
    response: { status: 200, schema: rankings.rankingRun },
  },
  getRanking: {
    method: 'GET',
    path: '/v1/rankings/{quarter}',
    summary: "A quarter's ranking (its latest revision, or the one asked for): every list, 1000 entries each at most",
    function: 'rankings',
    access: inspector,
    params: rankings.quarterParams,
    query: rankings.rankingQuery,
    response: { status: 200, schema: rankings.ranking },
  },
  getRankingList: {
    method: 'GET',
    path: '/v1/rankings/{quarter}/lists/{list}',
    summary: 'One list of a quarter’s ranking, page by page (a national list holds 100,000s of entries)',
    function: 'rankings',
    access: inspector,
    params: rankings.rankingListParams,
    query: rankings.rankingListQuery,
    response: { status: 200, schema: rankings.rankingListPage },
  },
  publishRanking: {
    method: 'POST',
    path: '/v1/rankings/{quarter}/publish',
    summary:
      'Publish the latest revision, immutably: the public site gets it, and the bottom projects and enterprises are ' +
      'proposed for differentiated supervision',
    function: 'rankings',
    access: officer,
    params: rankings.quarterParams,
    body: rankings.publishRankingBody,
    response: { status: 200, schema: rankings.rankingSummary },
    idempotent: true,
  },
  listEnterpriseCases: {
    method: 'GET',
    path: '/v1/enterprise-cases',
    summary: 'Enterprise-level cases (企业级差别化监管) by status, newest first, paginated',
    function: 'enterprise-cases',
    access: inspector,
    query: rankings.listEnterpriseCasesQuery,
    response: { status: 200, schema: rankings.enterpriseCasePage },
  },
  getEnterpriseCase: {
    method: 'GET',
    path: '/v1/enterprise-cases/{enterpriseCaseId}',
    summary: 'An enterprise case: its grounds, timeline (hash chain checked), summons talks and measures',
    function: 'enterprise-cases',
    access: inspector,
    params: rankings.enterpriseCaseParams,
    response: { status: 200, schema: rankings.enterpriseCase },
  },
  confirmEnterpriseCase: {
    method: 'POST',
    path: '/v1/enterprise-cases/{enterpriseCaseId}/confirm',
    summary: 'Put the enterprise under enterprise-level supervision: its measures start',
    function: 'enterprise-cases',
    access: officer,
    params: rankings.enterpriseCaseParams,
    body: rankings.confirmEnterpriseCaseBody,
    response: { status: 200, schema: rankings.enterpriseCase },
    idempotent: true,
  },
  dismissEnterpriseCase: {
    method: 'POST',
    path: '/v1/enterprise-cases/{enterpriseCaseId}/dismiss',
    summary: 'Dismiss a proposed enterprise case, with a reason',
    function: 'enterprise-cases',
    access: officer,
    params: rankings.enterpriseCaseParams,
    body: rankings.dismissEnterpriseCaseBody,
    response: { status: 200, schema: rankings.enterpriseCase },
    idempotent: true,
  },
  recordEnterpriseTalk: {
    method: 'POST',
    path: '/v1/enterprise-cases/{enterpriseCaseId}/talks',
    summary: 'Record a summons talk (约谈) with the enterprise under supervision',
    function: 'enterprise-cases',
    access: officer,
    params: rankings.enterpriseCaseParams,
    body: rankings.recordTalkBody,
    response: { status: 201, schema: rankings.enterpriseTalk },
    idempotent: true,
  },
  getOpenApi: {
    method: 'GET',
    path: '/openapi.json',
    summary: 'This document',
    function: 'openapi',
    access: anyone,
    response: { status: 200 },
  },
} as const satisfies Record<string, RouteSpec>;

export type OperationId = keyof typeof routes;

/** The routes as a list, each with its operationId. */
export const routeList: ReadonlyArray<RouteSpec & { operationId: OperationId }> = Object.entries(routes).map(
  ([operationId, route]) => ({ ...route, operationId: operationId as OperationId }),
);

/**
 * The functions whose routes take an `Idempotency-Key`: they seal the stored answers with the server-side secret
 * (shared/store/sealed-response.ts), so they and only they read it (`IDEMPOTENCY_SECRET_ARN`, in AWS and locally).
 */
export const sealingFunctions: ReadonlySet<FunctionName> = new Set(
  routeList.filter((route) => route.idempotent).map((route) => route.function),
);

/**
 * An EventBridge rule: events matching `pattern` on `bus` go to ONE target, either a function (invoked
 * asynchronously, with retries and the rule's own DLQ) or a work queue of `queues` (SQS: batches, a bounded
 * concurrency of its function, redelivery after a failure and the queue's DLQ), for consumers whose work is heavy.
 */
export type RuleSpec = RuleCommon &
  ({ function: FunctionName; queue?: never } | { queue: QueueName; function?: never });

interface RuleCommon {
  name: string;
  description: string;
  /** `supervision` is our bus; `default` receives AWS service events (S3 Object Created). */
  bus: 'supervision' | 'default';
  /** EventBridge pattern; the operators we use are those infra/local/event-pattern.ts implements. */
  pattern: Record<string, unknown>;
  /**
   * For S3 events on the default bus: only objects of this bucket of ours. Its name is known only at deploy time,
   * so each runtime adds it to the pattern (`rulePattern`).
   */
  sourceBucket?: 'documents';
}

/** The function that works a rule's events: its own, or its queue's. */
export function ruleConsumer(rule: RuleSpec): FunctionName {
  return rule.queue === undefined ? rule.function : queues[rule.queue].function;
}

/** A rule's full pattern, with the deployed name of its source bucket when it has one. */
export function rulePattern(rule: RuleSpec, buckets: { documents: string }): Record<string, unknown> {
  if (!rule.sourceBucket) return rule.pattern;
  const detail = (rule.pattern.detail ?? {}) as Record<string, unknown>;
  return { ...rule.pattern, detail: { ...detail, bucket: { name: [buckets[rule.sourceBucket]] } } };
}

export const rules: readonly RuleSpec[] = [
  {
    name: 'journal-every-event',
    description: 'Every supervision event lands in the journal of its subject',
    bus: 'supervision',
    pattern: { source: ['supervision'] },
    function: 'event-journal',
  },
  {
    name: 'escalation-measures',
    description: 'Each CaseEscalated sets the measures of its level in motion (seed §3(4)–(6))',
    bus: 'supervision',
    pattern: { source: ['supervision'], 'detail-type': ['CaseEscalated'] },
    function: 'escalation-measures',
  },
  {
    name: 'run-requested-evaluations',
    description: 'An evaluation an officer requested (POST /v1/evaluations) runs outside the request',
    bus: 'supervision',
    pattern: { source: ['supervision'], 'detail-type': ['EvaluationRequested'] },
    function: 'evaluations',
  },
  {
    name: 'publish-public-circulars',
    description:
      'A circular published, retracted (or its reason corrected) or expired: the public pages and feeds are regenerated',
    bus: 'supervision',
    pattern: {
      source: ['supervision'],
      'detail-type': ['CircularPublished', 'CircularRetracted', 'CircularRetractionCorrected', 'CircularExpired'],
    },
    function: 'public-publisher',
  },
  {
    name: 'run-requested-rankings',
    description: 'A ranking run an officer requested (POST /v1/rankings) is planned outside the request',
    bus: 'supervision',
    pattern: { source: ['supervision'], 'detail-type': ['RankingRequested'] },
    function: 'rankings',
  },
  {
    name: 'supervision-from-rankings',
    description:
      'A ranking published: the bottom projects and enterprises are proposed for differentiated supervision, active ' +
      'enterprise cases are reviewed and released when no ground holds (SPEC §6.5)',
    bus: 'supervision',
    pattern: { source: ['supervision'], 'detail-type': ['RankingPublished'] },
    function: 'enterprise-cases',
  },
  {
    name: 'publish-public-rankings',
    description: "A ranking published: the quarter's public pages, JSON and CSV and the index are regenerated",
    bus: 'supervision',
    pattern: { source: ['supervision'], 'detail-type': ['RankingPublished'] },
    function: 'ranking-publisher',
  },
  {
    name: 'enterprise-grounds',
    description:
      "A project's case included or released, or points reaching a level: an enterprise with two projects under " +
      'supervision at once, or 16 points in window, is proposed (SPEC §6.5)',
    bus: 'supervision',
    pattern: {
      source: ['supervision'],
      'detail-type': ['CaseIncluded', 'CaseReleased', 'PenaltyThresholdReached'],
    },
    function: 'enterprise-cases',
  },
  {
    name: 'render-issued-documents',
    description:
      'A notice issued, an inspection recorded, group orders issued, a municipal report requested: its PDF is rendered',
    bus: 'supervision',
    pattern: {
      source: ['supervision'],
      'detail-type': ['NoticeIssued', 'InspectionRecorded', 'GroupOrdersIssued', 'MunicipalReportRequested'],
    },
    queue: 'document-renders',
  },
  {
    name: 'export-credit-on-ranking',
    description: 'A ranking published: the credit records are exported and signed again for the tender platforms',
    bus: 'supervision',
    pattern: { source: ['supervision'], 'detail-type': ['RankingPublished'] },
    function: 'credit-export',
  },
  {
    name: 'verify-uploaded-documents',
    description: 'Every object a unit uploads under cases/ is verified before it counts',
    bus: 'default',
    sourceBucket: 'documents',
    pattern: {
      source: ['aws.s3'],
      'detail-type': ['Object Created'],
      detail: { object: { key: [{ prefix: 'cases/' }] } },
    },
    function: 'document-verifier',
  },
];

/** EventBridge Scheduler's context attribute for the time an invocation was scheduled for. */
export const SCHEDULED_TIME = '<aws.scheduler.scheduled-time>';

/** A schedule's input for one occurrence, with the context attribute filled in as Scheduler does. */
export function scheduleInput(spec: ScheduleSpec, occurrence: Date): Record<string, unknown> {
  return JSON.parse(JSON.stringify(spec.input).replaceAll(SCHEDULED_TIME, occurrence.toISOString()));
}

/** An EventBridge Scheduler schedule, in Asia/Shanghai time. */
export interface ScheduleSpec {
  name: string;
  description: string;
  /** EventBridge Scheduler cron: minutes hours day-of-month month day-of-week year */
  cron: string;
  timeZone: 'Asia/Shanghai';
  function: FunctionName;
  input: Record<string, unknown>;
}

export const schedules: readonly ScheduleSpec[] = [
  {
    name: 'monthly-evaluation',
    description: 'Evaluate every case whose cycle ended yesterday, propose new cases, write the month statistics',
    cron: 'cron(30 2 1 * ? *)',
    timeZone: 'Asia/Shanghai',
    function: 'evaluations',
    // EventBridge Scheduler fills in the occurrence's time, so a late or retried invocation judges the right month
    input: { task: 'monthly-evaluation', scheduledTime: SCHEDULED_TIME },
  },
  {
    name: 'daily-deadlines',
    description: 'Flag hazards past their rectification deadline and notices whose receipt did not come back in time',
    cron: 'cron(10 0 * * ? *)',
    timeZone: 'Asia/Shanghai',
    function: 'deadlines',
    input: { task: 'deadline-sweep' },
  },
  {
    name: 'daily-ranking-day',
    description:
      "On a quarter's ranking day (the day after its enterprise re-assessments fall due, by the PRC calendar) " +
      'rank the quarter; on every other day, nothing',
    cron: 'cron(30 3 * * ? *)',
    timeZone: 'Asia/Shanghai',
    function: 'rankings',
    input: { task: 'ranking-day', scheduledTime: SCHEDULED_TIME },
  },
  {
    name: 'daily-circular-expiry',
    description: 'Published circulars whose publication period ended leave the index (the feeds keep a tombstone)',
    cron: 'cron(5 0 * * ? *)',
    timeZone: 'Asia/Shanghai',
    function: 'circulars',
    input: { task: 'expire-circulars', scheduledTime: SCHEDULED_TIME },
  },
  {
    name: 'nightly-credit-export',
    description: 'The credit records of the day that ended, exported and signed for the tender platforms (SPEC §6.6)',
    cron: 'cron(30 0 * * ? *)',
    timeZone: 'Asia/Shanghai',
    function: 'credit-export',
    input: { task: 'credit-export', scheduledTime: SCHEDULED_TIME },
  },
];

/** An SQS work queue and the function that consumes it (an event source mapping in AWS, a poller locally). */
export interface QueueSpec {
  description: string;
  function: FunctionName;
  /** messages a worker invocation receives */
  batchSize: number;
  /** the most invocations at once (the mapping's maximum concurrency): the DynamoDB write rate is bounded by it */
  maxConcurrency: number;
  /** deliveries before a message goes to the queue's DLQ */
  maxReceiveCount: number;
  /** how long a delivered message is hidden: 6 × the worker's timeout, as AWS advises */
  visibilityTimeoutSeconds: number;
  /**
   * the environment variable holding the queue's URL in the functions that send to it (`sendsTo`); a queue that
   * only a rule of `rules` feeds has none
   */
  urlVariable?: string;
}

/** The queues of `queues` (named here so function rows can name them without a circular type). */
export type QueueName = 'evaluation-batches' | 'ranking-batches' | 'document-renders';

export const queues: Readonly<Record<QueueName, QueueSpec>> = {
  'evaluation-batches': {
    description: 'Batches of a monthly evaluation run: the planner puts them, the workers take them',
    function: 'evaluation-worker',
    batchSize: 1,
    maxConcurrency: 50,
    maxReceiveCount: 5,
    visibilityTimeoutSeconds: 6 * 120,
    urlVariable: 'EVALUATION_QUEUE_URL',
  },
  'ranking-batches': {
    description: 'Batches of a quarterly ranking run: the planner puts them, the workers take them',
    function: 'ranking-worker',
    batchSize: 1,
    maxConcurrency: 50,
    maxReceiveCount: 5,
    visibilityTimeoutSeconds: 6 * 300,
    urlVariable: 'RANKING_QUEUE_URL',
  },
  'document-renders': {
    description:
      'Events that issue a document, from the rule render-issued-documents: the renderer takes them a few at a time',
    function: 'document-renderer',
    batchSize: 5,
    // rendering is CPU- and memory-heavy; a burst (a monthly run releasing hundreds of cases) waits in the queue
    maxConcurrency: 10,
    maxReceiveCount: 5,
    visibilityTimeoutSeconds: 6 * 60,
  },
};

/** The stream consumer: new outbox items (and only those) go to the relay. */
export const outboxStream = {
  function: 'outbox-relay' as FunctionName,
  /** Lambda event-source filter; the local relay applies the same filter. */
  filter: { eventName: ['INSERT'], dynamodb: { Keys: { pk: { S: [{ prefix: 'OUTBOX#' }] } } } },
  batchSize: 100,
};

/** Names shared by the stack and the local twin. */
export const names = {
  bus: 'supervision',
  localTable: 'supervision',
  localDocumentsBucket: 'supervision-documents',
  localPublicBucket: 'supervision-public',
  /** static pages of the repository (the upload page), published under `public/` of the public bucket */
  siteAssets: 'site',
} as const;
