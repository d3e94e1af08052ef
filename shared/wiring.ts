/**
 * THE wiring table: every function, HTTP route, event rule and schedule of the product, in one place.
 * The CDK stack (infra/stack.ts) and the local twin (infra/local/) are both generated from it, so they cannot
 * drift; test/infra/wiring.test.ts proves every row is in the synthesized template.
 *
 * To add a route: add one row to its function's module in shared/routes/ and its implementation to the function's
 * handler map.
 */

import { assessmentsRoutes } from './routes/assessments.js';
import { casesRoutes } from './routes/cases.js';
import { circularsRoutes } from './routes/circulars.js';
import { enterpriseCasesRoutes } from './routes/enterprise-cases.js';
import { evaluationsRoutes } from './routes/evaluations.js';
import { openapiRoutes } from './routes/openapi.js';
import { projectsRoutes } from './routes/projects.js';
import { publicStatusRoutes } from './routes/public-status.js';
import { rankingsRoutes } from './routes/rankings.js';
import type { RouteAccess, RouteSpec } from './routes/route-spec.js';
import { ruleSetsRoutes } from './routes/rule-sets.js';
import { uploadsRoutes } from './routes/uploads.js';

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

export type { AgencyRole, RouteAccess, RouteSpec } from './routes/route-spec.js';

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

/**
 * Every route of the product, each function's from its own module (shared/routes/<function>.ts): a handler imports
 * only its module, so a function builds no other function's schemas at cold start; infra, the local twin and the
 * OpenAPI document read them all here.
 */
export const routes = {
  ...projectsRoutes,
  ...casesRoutes,
  ...evaluationsRoutes,
  ...circularsRoutes,
  ...uploadsRoutes,
  ...publicStatusRoutes,
  ...assessmentsRoutes,
  ...ruleSetsRoutes,
  ...rankingsRoutes,
  ...enterpriseCasesRoutes,
  ...openapiRoutes,
} as const satisfies Record<string, RouteSpec>;

/** Each HTTP function's routes, as its handler serves them (`apiHandler(<function>Routes, …)`). */
export const routesByFunction = {
  projects: projectsRoutes,
  cases: casesRoutes,
  evaluations: evaluationsRoutes,
  circulars: circularsRoutes,
  uploads: uploadsRoutes,
  'public-status': publicStatusRoutes,
  assessments: assessmentsRoutes,
  'rule-sets': ruleSetsRoutes,
  rankings: rankingsRoutes,
  'enterprise-cases': enterpriseCasesRoutes,
  openapi: openapiRoutes,
} as const satisfies Partial<Record<FunctionName, Record<string, RouteSpec>>>;

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
