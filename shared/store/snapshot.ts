import type { FindingFact, ProjectFacts } from '../domain/conditions.js';
import type { Cycle } from '../domain/cycles.js';
import type { EnforcementMeasure } from '../domain/enforcement.js';
import type { TimelineEntry } from '../domain/timeline.js';
import type {
  CaseStatus,
  CircularStatus,
  DocumentType,
  HazardCategory,
  HazardStatus,
  ProjectPhase,
  UnitRole,
  UploadContentType,
} from '../domain/vocabulary.js';
import type { Weighing } from '../domain/weighed-evidence.js';
import type { CircularRecord } from '../usecases/escalation.js';
import type { Project } from '../usecases/projects.js';
import { toProject } from '../usecases/projects.js';
import { readProjectCollection, type StoredItem } from './project-collection.js';

/** A finding (hazard 隐患 or management finding) as stored: the fact plus who and when. */
export interface FindingRecord extends FindingFact {
  projectId: string;
  description: string;
  status: HazardStatus;
  version: number;
  history: Array<{ on: string; status: HazardStatus; at: string; by: string; note?: string }>;
  /** set by the daily deadline sweep when `HazardOverdue` was announced */
  overdueFlaggedOn?: string;
}

export interface InspectionRecord {
  id: string;
  projectId: string;
  date: string;
  kind: ProjectFacts['inspections'][number]['kind'];
  inspectors: string[];
  keyPersonnelPresent: { projectManager: boolean; chiefSupervisingEngineer: boolean };
  summary: string;
  findingIds: string[];
  /** enforcement measures imposed at the inspection (SPEC §6.7); absent on inspections recorded before them */
  measures?: EnforcementMeasure[];
  /**
   * What the quarter's enforcement statistics read from the inspection listing (SPEC §6.7) without the project's
   * partition: the project's district and phase, each finding's category and the day its verification is due, and
   * the day each finding was first verified (written by the verification). Absent on inspections recorded before.
   */
  enforcement?: {
    district: string;
    phase: ProjectPhase;
    findings: Array<{ hazardId: string; category: HazardCategory; dueOn: string }>;
    verifiedOn: Record<string, string>;
  };
  recordedAt: string;
  recordedBy: string;
  /** the inspection report PDF (检查报告, SPEC §2.2) once rendered and stored, with its SHA-256 */
  report?: { sha256: string; key: string };
}

export interface CaseRecord {
  id: string;
  projectId: string;
  projectName: string;
  district: string;
  status: CaseStatus;
  level: number;
  proposedAt: string;
  proposedOn: string;
  /** the rule-set version of the proposal (`v1` …) */
  ruleSetVersion: string;
  proposedConditions: unknown[];
  includedAt?: string;
  includedOn?: string;
  /** the rule-set version in force on the day of inclusion: the notice's receipt deadline counts its working days */
  includedRuleSetVersion?: string;
  dismissedAt?: string;
  dismissedOn?: string;
  dismissReason?: string;
  /**
   * The decisions on this case that weighed evidence (inclusion, dismissal, release) and the records each weighed
   * (SPEC §2.1 "Evidence is weighed once"). Absent on cases decided before it was recorded.
   */
  weighings?: Weighing[];
  /** the cycle under way (an active case); set at inclusion, advanced by each monthly evaluation */
  cycle?: Cycle;
  /** the day each escalation level was first reached, e.g. { '2': '2026-12-01' } */
  levelReachedOn?: Record<string, string>;
  releasedAt?: string;
  releasedOn?: string;
  timelineSeq: number;
  timelineHead: string;
}

export interface NoticeRecord {
  id: string;
  caseId: string;
  projectId: string;
  /** `inclusion` (附件1) or `release` (附件2); named so because `type` is the item's record type */
  noticeType: 'inclusion' | 'release';
  number: string;
  sequence: number;
  issuedOn: string;
  issuedAt: string;
  receiptDueOn: string;
  receiptDueAt: string;
  calendarVersion: string;
  calendarFallback: boolean;
  /** the rule-set version whose receipt working days the deadline counts (absent on notices issued before) */
  ruleSetVersion?: string;
  acknowledgedAt: string | null;
  documentKey: string;
  documentSha256: string | null;
  recipients: string[];
  conditionsMet: string[];
  /** set by the daily deadline sweep when `NoticeReceiptOverdue` was announced */
  receiptOverdueFlaggedAt?: string;
}

/** A document a unit declared through its upload link, and what the verifier found. */
export interface DocumentRecord {
  id: string;
  caseId: string;
  projectId: string;
  linkId: string;
  unitCreditCode: string;
  unitRole: UnitRole;
  docType: DocumentType;
  fileName: string;
  contentType: UploadContentType;
  size: number;
  sha256: string;
  reportDate?: string;
  hazardId?: string;
  noticeId?: string;
  key: string;
  status: 'pending' | 'accepted' | 'rejected';
  reason: string | null;
  requestedAt: string;
  /** when the bytes arrived in S3 (the object's creation), which decides on time or late */
  uploadedAt?: string;
  verifiedAt?: string;
  quarantineKey?: string;
}

export interface UploadLinkRecord {
  id: string;
  caseId: string;
  projectId: string;
  unitCreditCode: string;
  docTypes: DocumentType[] | null;
  validUntil: string;
  tokenHash: string;
  createdAt: string;
  createdBy: string;
  revokedAt: string | null;
}

/** A cycle as the monthly evaluation judged it: the verdict and everything it rested on. */
export interface CycleEvaluationRecord extends Cycle {
  caseId: string;
  projectId: string;
  month: string;
  runId: string;
  verdict: 'release' | 'escalate' | 'continue';
  levelBefore: number;
  levelAfter: number;
  reasons: string[];
  evaluatedAt: string;
  [detail: string]: unknown;
}

/** A unit's statement and defence (陈述申辩) on a draft circular: an accepted `statement` upload. */
export interface CircularStatement {
  documentId: string;
  unitCreditCode: string;
  unitName: string;
  /** when the verifier accepted the document */
  acceptedAt: string;
  /** when the bytes arrived: this decides whether it came inside the statement window */
  uploadedAt: string;
  withinWindow: boolean;
}

/**
 * A circular of criticism (通报) as stored, in any state: drafted at level 3 (see `CircularRecord`), then published
 * (numbered), withdrawn, retracted or expired by shared/usecases/circulars.ts.
 */
export interface StoredCircular extends Omit<CircularRecord, 'status' | 'statements' | 'publishedOn' | 'validUntil'> {
  status: CircularStatus;
  statements: CircularStatement[];
  publishedOn: string | null;
  publishedAt?: string;
  publishedBy?: string;
  /** the last day of the publication period, inclusive */
  validUntil: string | null;
  publicationMonths?: number;
  /** whether any unit made a statement before publication (the published circular says so) */
  statementMade?: boolean;
  retractedOn?: string;
  retractedAt?: string;
  retractedBy?: string;
  /** the reason as published (masked like the body); corrections replace it (the timeline keeps each) */
  retractionReason?: string;
  retractionCorrectedAt?: string;
  retractionCorrectedBy?: string;
  /** a draft an officer abandoned: never public, no number */
  withdrawnOn?: string;
  withdrawnAt?: string;
  withdrawnBy?: string;
  withdrawalReason?: string;
  /** the first day the circular no longer stood (the day after `validUntil`) */
  expiredOn?: string;
  expiredAt?: string;
}

/** A project's item collection sorted into records: what every use case reads before it decides. */
export interface ProjectSnapshot {
  project: Project;
  inspections: InspectionRecord[];
  findings: FindingRecord[];
  incidents: Array<{ id: string; date: string; fatalities: number; injuries: number; description: string }>;
  criticisms: Array<{
    id: string;
    date: string;
    issuer: ProjectFacts['criticisms'][number]['issuer'];
    documentNo: string;
    summary: string;
  }>;
  cases: CaseRecord[];
  notices: NoticeRecord[];
  documents: DocumentRecord[];
  uploadLinks: UploadLinkRecord[];
  cycleEvaluations: CycleEvaluationRecord[];
  /** the circulars of criticism (通报) of the project's cases */
  circulars: StoredCircular[];
  timelines: Map<string, TimelineEntry[]>;
  /** the proposed or active case, if any (at most one: guarded by the OPENCASE item) */
  openCase: CaseRecord | undefined;
}

/** Read and sort a project's collection; undefined when the project does not exist. */
export async function readSnapshot(projectId: string): Promise<ProjectSnapshot | undefined> {
  return snapshotOf(await readProjectCollection(projectId));
}

export function snapshotOf(items: StoredItem[]): ProjectSnapshot | undefined {
  const projectItem = items.find((item) => item.type === 'project');
  if (!projectItem) return undefined;
  const byType = (type: string) => items.filter((item) => item.type === type).map(strip);
  const cases = byType('case') as unknown as CaseRecord[];
  const timelines = new Map<string, TimelineEntry[]>();
  for (const entry of items.filter((item) => item.type === 'timeline')) {
    const caseId = String(entry.caseId);
    const list = timelines.get(caseId) ?? [];
    list.push(strip(entry) as unknown as TimelineEntry);
    timelines.set(caseId, list);
  }
  for (const list of timelines.values()) list.sort((a, b) => a.seq - b.seq);
  return {
    project: toProject(projectItem),
    inspections: byType('inspection') as unknown as InspectionRecord[],
    findings: byType('finding') as unknown as FindingRecord[],
    incidents: byType('incident') as unknown as ProjectSnapshot['incidents'],
    criticisms: byType('criticism') as unknown as ProjectSnapshot['criticisms'],
    cases,
    notices: byType('notice') as unknown as NoticeRecord[],
    documents: byType('document') as unknown as DocumentRecord[],
    uploadLinks: byType('upload-link') as unknown as UploadLinkRecord[],
    cycleEvaluations: byType('cycle') as unknown as CycleEvaluationRecord[],
    circulars: byType('circular') as unknown as StoredCircular[],
    timelines,
    openCase: cases.find((c) => c.status === 'proposed' || c.status === 'active'),
  };
}

/** The facts the conditions engine reads. */
export function factsOf(snapshot: ProjectSnapshot): ProjectFacts {
  return {
    inspections: snapshot.inspections.map((inspection) => ({
      id: inspection.id,
      date: inspection.date,
      kind: inspection.kind,
      keyPersonnelPresent: inspection.keyPersonnelPresent,
    })),
    findings: snapshot.findings,
    incidents: snapshot.incidents,
    criticisms: snapshot.criticisms,
  };
}

function strip(item: StoredItem): Record<string, unknown> {
  const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g2, type: _type, ...rest } = item;
  return rest;
}
