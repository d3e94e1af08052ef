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
  /** set while the hazard is in the overdue listing (usecases/overdue.ts); removed when it is accepted */
  overdueListedOn?: string;
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
}

/**
 * What a case proposed by a published ranking rests on (SPEC §6.5, basis `ranking`): the ranking entry and the
 * quarter's assessments are its evidence, and its inclusion notice states the ranking.
 */
export interface RankingCaseBasis {
  quarter: string;
  revision: number;
  grounds: Array<'bottom_of_ranking' | 'government_fail'>;
  /** the id of the project's ranking entry record (`RANKENTRY#…` in its partition): evidence */
  entryId: string;
  category: string;
  district: string;
  score: number;
  grade: string | null;
  categoryRank: { rank: number; of: number } | null;
  districtRank: { rank: number; of: number } | null;
  /** the quarter's assessments it was scored on: evidence */
  assessmentIds: string[];
  /** the ranking in one Chinese sentence, as the inclusion notice states it */
  statement: string;
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
  /** what the proposal rests on: one of the six conditions (absent on older cases), or a published ranking */
  basis?: 'conditions' | 'ranking';
  /** for basis `ranking`: the ranking and its evidence */
  ranking?: RankingCaseBasis;
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
  /** when the document renderer recorded the SHA-256 */
  documentRenderedAt?: string;
  recipients: string[];
  conditionsMet: string[];
  /** an inclusion notice of a case proposed by a ranking states it (SPEC §6.5) */
  rankingBasis?: string;
  /** set by the daily deadline sweep when `NoticeReceiptOverdue` was announced */
  receiptOverdueFlaggedAt?: string;
  /** set while the notice is in the overdue listing (usecases/overdue.ts); removed when its receipt comes back */
  overdueListedOn?: string;
}

/**
 * The stored PDF of a document the agency issues: written once by the document renderer after the commit that
 * issued it (`documentSha256` null until then: the document is `pending`).
 */
export interface RenderedDocument {
  /** its object in the documents bucket (never overwritten: `If-None-Match: *`) */
  documentKey: string;
  /** SHA-256 of the stored bytes, lowercase hex; null until rendered */
  documentSha256: string | null;
  /** when the renderer recorded it */
  documentRenderedAt?: string;
}

/**
 * The inspection report (检查报告, seed §3(2)) of an inspection, item `REPORT#{inspectionId}` of the project. The
 * PDF prints the inspection and its findings (read from their own items, which never change in what it prints);
 * this record holds what the rules need besides: whom the report asks for a rectification plan (一厂一策) by when.
 */
export interface InspectionReportRecord extends RenderedDocument {
  inspectionId: string;
  projectId: string;
  /** the report is dated on the inspection's day */
  issuedOn: string;
  /** when it was recorded (with the inspection) */
  issuedAt: string;
  kind: ProjectFacts['inspections'][number]['kind'];
  findingCount: number;
  /** each unit named by a finding, with the ids of its findings, in the order they were recorded */
  units: Array<{ creditCode: string; name: string; role: UnitRole; findingIds: string[] }>;
  /**
   * the rectification plans are due by the end of this day (the rule set's `rectificationPlanWorkingDays`, 5 PRC
   * working days by default, after the report's day); null without findings
   */
  rectificationPlanDueOn: string | null;
  rectificationPlanDueAt: string | null;
  /** the working-day calendar the deadline was computed with, and whether it fell back (no published schedule) */
  calendarVersion: string | null;
  calendarFallback: boolean | null;
  /**
   * the rule-set version in force on the report's day, whose `rectificationPlanWorkingDays` gave the deadline (the
   * obligations judge the plans by the same version); absent on reports recorded before rule sets were versioned
   */
  ruleSetVersion?: string;
}

/** A level-2 order (责令) to one group company (集团公司), item `CASE#{caseId}#ORDER#{level}#{groupKey}`. */
export interface GroupOrderRecord extends Partial<RenderedDocument> {
  /** absent on orders recorded before orders were documents (they have no PDF) */
  id?: string;
  caseId: string;
  projectId: string;
  level: number;
  groupCompany: string;
  units: Array<{ role: UnitRole; name: string; creditCode: string }>;
  orders: string[];
  orderedOn: string;
  groupReportDueOn: string;
  groupReportDueAt: string;
  /** the grounds of the failed cycle (the evaluation's reasons) */
  grounds?: string[];
  projectName?: string;
  projectAddress?: string;
  includedOn?: string;
}

/** The level-3 report to the municipal commission, item `CASE#{caseId}#MUNICIPALREPORT`. */
export interface MunicipalReportRecord extends RenderedDocument {
  id: string;
  caseId: string;
  projectId: string;
  /** 北京市住房和城乡建设委员会 */
  recipient: string;
  reportedOn: string;
  level: number;
  month: string;
  cycleIndex: number;
  includedOn: string;
  projectName: string;
  projectAddress?: string;
  units: Array<{ role: UnitRole; name: string; creditCode: string }>;
  conditionsMet: string[];
  violations: string[];
  measures: Array<{ level: number; code: string; name: string; startedOn: string | null }>;
  circularId: string;
  /**
   * the draft circular's number: null, since a circular takes its number when an officer publishes it (SPEC §2.2);
   * reports recorded while drafts were numbered keep the draft's
   */
  circularNumber: string | null;
  eventId: string;
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
  /** the inspection reports (检查报告), one per inspection recorded since reports exist */
  inspectionReports: InspectionReportRecord[];
  /** the level-2 orders to the group companies of the project's cases */
  groupOrders: GroupOrderRecord[];
  /** the level-3 reports to the municipal commission of the project's cases */
  municipalReports: MunicipalReportRecord[];
  timelines: Map<string, TimelineEntry[]>;
  /** the proposed or active case, if any (at most one: guarded by the OPENCASE item) */
  openCase: CaseRecord | undefined;
  /** the project is listed for the monthly proposal sweep (shared/usecases/run-index.ts) */
  unweighedMarker?: { token: string; markedOn: string } | undefined;
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
    inspectionReports: byType('inspection-report') as unknown as InspectionReportRecord[],
    groupOrders: byType('group-order') as unknown as GroupOrderRecord[],
    municipalReports: byType('municipal-report') as unknown as MunicipalReportRecord[],
    timelines,
    openCase: cases.find((c) => c.status === 'proposed' || c.status === 'active'),
    unweighedMarker: markerOf(items.find((item) => item.type === 'unweighed-marker')),
  };
}

function markerOf(item: StoredItem | undefined): ProjectSnapshot['unweighedMarker'] {
  return item ? { token: String(item.token), markedOn: String(item.markedOn) } : undefined;
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
