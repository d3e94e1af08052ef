/**
 * Response bodies the console reads, named after SPEC §4. Where the OpenAPI document has a schema the type comes
 * from it (schema.gen.ts); several routes of the wiring table declare no response schema yet (lists, the preview,
 * the statistics, circulars, an evaluation's progress), so their SPEC shapes — with the fields the handlers add —
 * are written here.
 */
import type { components } from './schema.gen.js';

type Schemas = components['schemas'];

export type Condition = Schemas['Condition'];
export type Notice = Schemas['Notice'] & { recipients?: Array<{ name: string; role?: string }> };
export type IssuedDocument = Schemas['IssuedDocument'];
export type Cycle = Schemas['Cycle'];
export type TimelineEntry = Schemas['TimelineEntry'];
export type Hazard = Schemas['Hazard'] & { history?: Array<Record<string, unknown>> };
export type Project = Schemas['Project'];
export type InspectionRecorded = Schemas['InspectionRecorded'];
export type UploadLink = Schemas['UploadLink'];
export type RegisterProject = Schemas['RegisterProject'];
export type RecordInspection = Schemas['RecordInspection'];

/** A page of a list: pass `nextToken` back for the next page (null: the last page). */
export interface Page<T> {
  items: T[];
  nextToken: string | null;
}

export interface ProjectDetail extends Project {
  openHazards: Hazard[];
  case?: { id: string; status: CaseStatus; level: number } | null;
  /** when the API lists them (not in SPEC §4's minimum) */
  inspections?: InspectionSummary[];
}

export interface InspectionSummary {
  id: string;
  date: string;
  kind: string;
  inspectors?: string[];
  findings?: number;
}

/** `GET /v1/projects?q=` (SPEC §4, "More agency routes"). */
export interface ProjectSummary {
  id: string;
  name: string;
  district: string;
  address?: string;
  category?: string;
  phase?: string;
  case?: { id: string; status: CaseStatus; level: number } | null;
  caseId?: string | null;
  registeredAt?: string;
}

export type CaseStatus = 'proposed' | 'active' | 'released' | 'dismissed';

export interface CaseSummary {
  id: string;
  projectId: string;
  projectName: string;
  district: string;
  status: CaseStatus;
  level: number;
  proposedAt: string;
  includedAt: string | null;
}

export interface ComplianceFigure {
  due: number;
  onTime: number;
  late: number;
  missing: number;
  ratio: number;
}

export interface ObligationItem {
  key: string;
  type: string;
  unitCreditCode: string;
  unitRole?: string;
  dueOn: string;
  dueAt: string;
  status: 'missing' | 'on_time' | 'late' | 'pending' | string;
  documentIds: string[];
  description: string;
  reportDate?: string;
}

export interface Obligations {
  period: { from: string; to: string };
  asOf: string;
  compliance: {
    overall: ComplianceFigure;
    byType: Record<string, ComplianceFigure>;
    byUnit: Record<string, ComplianceFigure>;
  };
  items: ObligationItem[];
}

export interface CycleEvaluation {
  index: number;
  month?: string;
  start: string;
  end: string;
  verdict: 'release' | 'escalate' | 'continue';
  levelBefore: number;
  levelAfter: number;
  reasons: string[];
  evaluatedAt: string;
  compliance?: { overall: ComplianceFigure };
  inspections?: Array<{ month: string; total: number; joint: number; required: number; requiredJoint: number }>;
  hazards?: { open: number; overdue: number };
}

export interface Circular {
  id: string;
  number: string | null;
  status: 'draft' | 'withdrawn' | 'published' | 'retracted' | 'expired';
  caseId: string;
  projectId?: string;
  projectName?: string;
  title: string;
  body: string;
  authority?: string;
  units: Array<{ name: string; creditCode: string }>;
  draftedOn?: string;
  statementWindowEndsOn?: string;
  statementWindowEndsAt?: string;
  statements?: Array<{ unitCreditCode: string; documentId?: string; at?: string; fileName?: string }>;
  statementMade?: boolean | null;
  publishedOn: string | null;
  publicationMonths?: number | null;
  validUntil: string | null;
  retractedOn?: string | null;
  retractionReason?: string | null;
  expiredOn?: string | null;
  withdrawnOn?: string | null;
}

export interface Unit {
  role: string;
  name: string;
  creditCode: string;
  groupCompany?: string;
}

/** `GET /v1/cases/{caseId}`: SPEC's case with what the handler adds (units, open hazards, obligations…). */
export interface CaseDetail {
  id: string;
  projectId: string;
  projectName: string;
  district: string;
  status: CaseStatus;
  level: number;
  conditions: Condition[];
  conditionsAsOf?: string;
  ruleSetVersion: string;
  proposedAt: string;
  proposedConditions?: string[];
  includedAt?: string | null;
  dismissedAt?: string | null;
  dismissReason?: string | null;
  units?: Unit[];
  openHazards?: Hazard[];
  notices: Notice[];
  /** every document issued for the case (notices, the level-2 orders, the level-3 report), oldest first */
  issuedDocuments?: IssuedDocument[];
  cycles: Cycle[];
  evaluations?: CycleEvaluation[];
  circulars?: Circular[];
  obligations?: Obligations | null;
  timeline: TimelineEntry[];
  timelineIntact?: boolean;
}

/** `GET /v1/cases/{caseId}/preview` */
export interface CasePreview {
  caseId: string;
  cycle: { index: number; start: string; end: string; extendedMonths: number };
  asOf: string;
  levelBefore: number;
  levelAfter?: number;
  verdict?: 'release' | 'escalate' | 'continue';
  reasons?: string[];
  conditions?: Condition[];
}

/** `GET /v1/evaluations/{runId}` with the handler's progress. */
export interface EvaluationRun {
  runId: string;
  month: string;
  status: 'running' | 'succeeded' | 'failed';
  evaluated: number;
  escalated: number;
  released: number;
  continued: number;
  proposed: number;
  startedAt?: string;
  finishedAt?: string | null;
  progress?: { casesDue: number | null; done: number; batches: number | null; batchesDone: number };
  error?: string | null;
}

/** `GET /v1/stats?month=` */
export interface MonthStatistics {
  month: string;
  computedAt?: string;
  casesByLevel: Record<string, number>;
  casesUnderSupervision?: number;
  noticesOverdue: number;
  agencyInspections: {
    casesMeetingTarget: number;
    target: { perMonth: number; joint: number };
    perCase: Array<{
      caseId: string;
      projectId: string;
      projectName: string;
      level: number;
      inspections: number;
      joint: number;
      required: number;
      requiredJoint: number;
      meetsTarget: boolean;
      noticesOverdue: number;
    }>;
    nextToken: string | null;
  };
}

/** `GET /v1/hazards/{hazardId}` (SPEC §4, "More agency routes"). */
export interface HazardDetail extends Hazard {
  verifications?: Array<{
    result: 'accepted' | 'rejected';
    date: string;
    note?: string | null;
    by?: string;
    at?: string;
  }>;
  documents?: DocumentRecord[];
  projectName?: string;
  caseId?: string | null;
}

/** A document a unit uploaded (`GET /v1/cases/{caseId}/documents`, `/v1/documents/{id}`). */
export interface DocumentRecord {
  documentId: string;
  id?: string;
  docType: string;
  fileName: string;
  contentType?: string;
  size?: number;
  status: 'pending' | 'accepted' | 'rejected';
  reason?: string | null;
  unitCreditCode?: string;
  hazardId?: string | null;
  reportDate?: string | null;
  uploadedAt?: string;
}

/** A rule set version (SPEC §2.1 "Rule sets"). */
export interface RuleSet {
  id: string;
  version?: string;
  effectiveFrom: string;
  reason?: string;
  [threshold: string]: unknown;
}

/** A short-lived link to a document's bytes (`Accept: application/json` on the document routes). */
export interface DocumentLink {
  url: string;
  expiresAt?: string;
}
