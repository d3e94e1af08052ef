/**
 * Response bodies the console reads, named after SPEC §4 and §6. Where the OpenAPI document has a schema the type
 * comes from it (schema.gen.ts); several routes of the wiring table declare no response schema yet (lists, the
 * preview, the statistics, circulars, an evaluation's progress), and several schemas pass through fields the
 * handlers add, so those shapes — with the fields the handlers add — are written here.
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
/** `GET /v1/projects?q=&district=&creditCode=` (a project as a search lists it). */
export type ProjectSummary = Schemas['ProjectSummary'];
/** `GET /v1/hazards/{hazardId}`: the hazard, its verifications and the documents uploaded for it. */
export type HazardDetail = Schemas['HazardDetail'];
/** A document a unit uploaded (`GET /v1/cases/{caseId}/documents`, `/v1/documents/{id}`, a hazard's). */
export type DocumentRecord = Schemas['DocumentRecord'];
/** A version of the rule set (SPEC §2.1 "Rule sets"). */
export type RuleSet = Schemas['RuleSet'];
export type AddRuleSet = Schemas['AddRuleSet'];

/** A page of a list: pass `nextToken` back for the next page (null: the last page). */
export interface Page<T> {
  items: T[];
  nextToken: string | null;
}

export interface ProjectDetail extends Project {
  openHazards: Hazard[];
  case?: { id: string; status: CaseStatus; level: number } | null;
  /** the project's inspections, newest first */
  inspections?: InspectionSummary[];
}

/** An inspection as `GET /v1/projects/{projectId}` lists it. */
export interface InspectionSummary {
  id: string;
  date: string;
  kind: string;
  inspectors: string[];
  keyPersonnelPresent?: { projectManager: boolean; chiefSupervisingEngineer: boolean };
  /** how many findings it recorded */
  findings: number;
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
  withdrawalReason?: string | null;
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
  /** SPEC §6.2: the agency's own quarterly duty of government assessments, for the month's quarter */
  governmentAssessments?: GovernmentAssessmentQuota;
}

/** `governmentAssessments` of `GET /v1/stats`: government assessments the agency still owes this quarter. */
export interface GovernmentAssessmentQuota {
  quarter: string;
  target: { perProjectPerQuarter: number };
  assessedProjects: number;
  withGovernmentAssessment: number;
  shortfall: number;
  byDistrict: Array<{ district: string; assessedProjects: number; shortfall: number }>;
  projectsShort: Array<{ projectId: string; name: string; district: string; governmentAssessments: number }>;
  projectsShortTruncated?: boolean;
}

/** A short-lived link to a document's bytes (`Accept: application/json` on the document routes). */
export interface DocumentLink {
  url: string;
  expiresAt?: string;
}

// ---------------------------------------------------------------------------------------------------------------
// status assessment and penalty points (SPEC §6.1–6.3)

/** One table of an assessment as submitted: every item's deduction, or 不涉及. */
export type AssessmentTableInput = Schemas['SubmitGovernmentAssessment']['tables'][number];

/**
 * An assessment (SPEC §6.2's response) with what the API adds for an inspector reading it (shared/usecases/
 * assessments.ts `assessmentView`): the form as submitted, the signer, the inspection and its inspectors, history.
 */
export type Assessment = Schemas['Assessment'] & {
  unitName?: string | null;
  schemeId?: string;
  replaces?: string | null;
  supersededBy?: string | null;
  signedBy?: { name: string; registrationNo?: string };
  inspectionId?: string;
  inspectors?: string[];
  form?: AssessmentTableInput[];
  penaltyEntryIds?: string[];
  /** `GET /v1/assessments/{id}`: the submissions of the same slot, newest first */
  history?: Array<{ id: string; score: number; grade: Grade; submittedAt: string; late: boolean }>;
  /** `POST`: what its lateness charged */
  penaltyPoints?: Array<{ id: string; subject: PenaltySubject; points: number; reason: string }>;
};
export type Grade = Schemas['Assessment']['grade'];
export type AssessmentTier = Schemas['Assessment']['tier'];
export type Falsification = NonNullable<Schemas['Assessment']['falsification']>;
export type QuarterStanding = Schemas['QuarterStanding'];
export type ProjectAssessments = Omit<Schemas['ProjectAssessments'], 'items'> & { items: Assessment[] };
export type AssessmentScheme = Schemas['AssessmentScheme'];
export type SubmitGovernmentAssessment = Schemas['SubmitGovernmentAssessment'];
export type AssessmentLink = Schemas['AssessmentLink'] & { linkId?: string; tiers?: string[] };

export interface PenaltySubject {
  kind: 'enterprise' | 'person';
  id: string;
  name: string;
}

/** A ledger entry (SPEC §6.3) with the last day it counts and its revocation. */
export type PenaltyEntry = Schemas['PenaltyEntry'] & {
  countsUntil?: string;
  inWindow?: boolean;
  recordedAt?: string;
  revocation?: { on: string; at: string; by: string; reason: string } | null;
};

/** `GET /v1/penalty-points`: the ledger with its standing on `asOf`, the levels and the window. */
export type PenaltyLedger = {
  subject: Schemas['PenaltyLedger']['subject'];
  totalInWindow: number;
  thresholdsReached: number[];
  entries: PenaltyEntry[];
  asOf?: string;
  levels?: number[];
  windowMonths?: number;
  ruleSetVersion?: string;
};

/** `POST /v1/penalty-points`: the entry, the standing after it and the thresholds it crossed. */
export type PenaltyRecorded = PenaltyEntry & {
  totalInWindow: number;
  thresholdsReached: number[];
  thresholdsCrossed: number[];
};

/** `GET /v1/overdue/hazards`: a hazard past its deadline and not accepted, across every case. */
export type OverdueHazard = Schemas['OverdueHazard'];
/** `GET /v1/overdue/notices`: a notice whose signed receipt is overdue. */
export type OverdueNotice = Schemas['OverdueNotice'];

// enterprise-level supervision (SPEC §6.5) and enforcement work (SPEC §6.7)

export type EnterpriseCaseStatus = Schemas['EnterpriseCaseSummary']['status'];
/** `GET /v1/enterprise-cases?status=`: a case as the list shows it. */
export type EnterpriseCaseSummary = Schemas['EnterpriseCaseSummary'];
export type EnterpriseTalk = Schemas['EnterpriseTalk'];
export type RecordTalk = Schemas['RecordTalk'];

/** One project's agency inspections in the month against the ≥ 2 owed (网格执法). */
export interface AgencyQuotaLine {
  projectId: string;
  name: string;
  inspections: number;
  required: number;
  meetsTarget: boolean;
}

/** One project's inspections by the enterprise itself in the quarter against the two owed. */
export interface EnterpriseDutyLine {
  projectId: string;
  name: string;
  required: number;
  delivered: number;
  met: boolean;
}

/** The measures of an active enterprise case as of today (null while it is not active). */
export interface EnterpriseMeasures {
  month: string;
  agencyInspections: {
    required: number;
    projects: AgencyQuotaLine[];
    projectsMeetingTarget: number;
    shortfall: number;
  };
  enterpriseInspections: { quarter: string; required: number; projects: EnterpriseDutyLine[]; met: boolean };
}

/** `GET /v1/enterprise-cases/{id}`: the case with the fields the handler adds to the schema's. */
export type EnterpriseCaseDetail = Schemas['EnterpriseCase'] & {
  statusName?: string;
  measures?: EnterpriseMeasures | null;
  releaseRanking?: { quarter: string; revision: number } | null;
  lastReviewed?: { quarter: string; revision: number; grounds: string[] } | null;
};

/** `GET /v1/stats/enforcement?quarter=`. */
export type EnforcementStatistics = Schemas['EnforcementStatistics'];
export type InspectorEnforcement = EnforcementStatistics['byInspector'][number];
export type DistrictEnforcement = EnforcementStatistics['byDistrict'][number];
