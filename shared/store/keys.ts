/**
 * Every key of the one table is built here. A project's partition is its item collection: the project, its
 * inspections, hazards, incidents, criticisms, and its cases with their notices, cycles, documents and timeline.
 * Record ids are ULIDs (their first ten characters are the instant they were recorded), so a range of sort keys
 * reads one type of record from a day on; the standing entries (`STANDING#…`) name what is older and still counts
 * (an open finding, one accepted inside a window, every case): intake and evaluation read the rules' windows, not
 * the whole history (shared/store/project-window.ts).
 */
export interface Key {
  pk: string;
  sk: string;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

export const keys = {
  project: (projectId: string): Key => ({ pk: `PROJECT#${projectId}`, sk: 'PROJECT' }),
  projectPartition: (projectId: string) => `PROJECT#${projectId}`,
  inspection: (projectId: string, inspectionId: string): Key => ({
    pk: `PROJECT#${projectId}`,
    sk: `INSPECTION#${inspectionId}`,
  }),
  /** the inspection report (检查报告) of an inspection: its PDF's key and SHA-256, the units asked for plans */
  inspectionReport: (projectId: string, inspectionId: string): Key => ({
    pk: `PROJECT#${projectId}`,
    sk: `REPORT#${inspectionId}`,
  }),
  /** every inspection report of a project, in the order they were recorded (inspection ids are ULIDs) */
  inspectionReportPrefix: () => 'REPORT#',
  hazard: (projectId: string, hazardId: string): Key => ({ pk: `PROJECT#${projectId}`, sk: `HAZARD#${hazardId}` }),
  incident: (projectId: string, incidentId: string): Key => ({
    pk: `PROJECT#${projectId}`,
    sk: `INCIDENT#${incidentId}`,
  }),
  criticism: (projectId: string, criticismId: string): Key => ({
    pk: `PROJECT#${projectId}`,
    sk: `CRITICISM#${criticismId}`,
  }),
  supervisionCase: (projectId: string, caseId: string): Key => ({
    pk: `PROJECT#${projectId}`,
    sk: `CASE#${caseId}`,
  }),
  /** marks "this project has an open case" so two intakes cannot open two cases */
  openCaseLock: (projectId: string): Key => ({ pk: `PROJECT#${projectId}`, sk: 'OPENCASE' }),
  notice: (projectId: string, caseId: string, noticeId: string): Key => ({
    pk: `PROJECT#${projectId}`,
    sk: `${keys.noticePrefix(caseId)}${noticeId}`,
  }),
  /** the sort-key prefix of a case's notices */
  noticePrefix: (caseId: string) => `CASE#${caseId}#NOTICE#`,
  /** the sort-key prefix of a case's judged cycles */
  cyclePrefix: (caseId: string) => `CASE#${caseId}#CYCLE#`,
  cycle: (projectId: string, caseId: string, index: number): Key => ({
    pk: `PROJECT#${projectId}`,
    sk: `${keys.cyclePrefix(caseId)}${pad(index, 3)}`,
  }),
  document: (projectId: string, caseId: string, documentId: string): Key => ({
    pk: `PROJECT#${projectId}`,
    sk: `${keys.documentPrefix(caseId)}${documentId}`,
  }),
  timelineEntry: (projectId: string, caseId: string, seq: number): Key => ({
    pk: `PROJECT#${projectId}`,
    sk: `${keys.timelinePrefix(caseId)}${pad(seq, 8)}`,
  }),
  uploadLink: (projectId: string, caseId: string, linkId: string): Key => ({
    pk: `PROJECT#${projectId}`,
    sk: `CASE#${caseId}#LINK#${linkId}`,
  }),
  /** an upload link found by the SHA-256 of its token: the token itself is never stored */
  uploadToken: (tokenHash: string): Key => ({ pk: `UPLOADTOKEN#${tokenHash}`, sk: 'LINK' }),
  timelinePrefix: (caseId: string) => `CASE#${caseId}#TIMELINE#`,
  /** the sort-key prefix of a case's documents (what its units uploaded) */
  documentPrefix: (caseId: string) => `CASE#${caseId}#DOC#`,
  /** id → where the record lives, for routes that name a hazard, case, notice or document alone */
  reference: (id: string): Key => ({ pk: `REF#${id}`, sk: 'REF' }),
  /** a gap-free sequence, e.g. notice numbers per type and year */
  counter: (name: string): Key => ({ pk: `COUNTER#${name}`, sk: 'COUNTER' }),
  /** an idempotency record, by the operation's scope and the SHA-256 of the client's key (never the key itself) */
  idempotency: (scope: string, keyHash: string): Key => ({ pk: `IDEMPOTENCY#${scope}#${keyHash}`, sk: 'IDEMPOTENCY' }),
  outbox: (eventId: string): Key => ({ pk: `OUTBOX#${eventId}`, sk: 'OUTBOX' }),
  /** a consumer's record that it has handled an event (at-least-once delivery) */
  consumed: (consumer: string, eventId: string): Key => ({ pk: `CONSUMED#${consumer}#${eventId}`, sk: 'CONSUMED' }),
  /**
   * A project's entries in the project directory (`GET /v1/projects`): slim copies of what a search shows, one in
   * the listing of every project and one in its district's (`listings.projectDirectory…`). Outside the project's
   * partition: an index, not part of the collection every intake and evaluation reads.
   */
  projectDirectoryEntry: (projectId: string, listing: 'all' | 'district' | 'register'): Key => ({
    pk: `DIRECTORY#${projectId}`,
    sk: listing.toUpperCase(),
  }),
  /** the one project registered with this construction permit number (施工许可证编号, normalised) */
  projectPermitGuard: (permitKey: string): Key => ({ pk: `PROJECTGUARD#PERMIT#${permitKey}`, sk: 'GUARD' }),
  /** the one project of this general contractor with this name (by the SHA-256 of the normalised name) */
  projectNameGuard: (contractorCreditCode: string, nameHash: string): Key => ({
    pk: `PROJECTGUARD#NAME#${contractorCreditCode}#${nameHash}`,
    sk: 'GUARD',
  }),
  /** a unit (by unified social credit code) → the projects it takes part in (for the public status lookup) */
  unitProject: (creditCode: string, projectId: string): Key => ({
    pk: `UNIT#${creditCode}`,
    sk: `PROJECT#${projectId}`,
  }),
  journalEntry: (subjectId: string, occurredAt: string, eventId: string): Key => ({
    pk: `JOURNAL#${subjectId}`,
    sk: `${occurredAt}#${eventId}`,
  }),
  /** a measure (监管措施) of the escalation ladder: one per case, level and measure code, never two */
  measure: (projectId: string, caseId: string, level: number, code: string): Key => ({
    pk: `PROJECT#${projectId}`,
    sk: `CASE#${caseId}#MEASURE#${level}#${code}`,
  }),
  /** an order (责令) to one group company (集团公司) at a level; `groupKey` is stable for the company's name */
  groupOrder: (projectId: string, caseId: string, level: number, groupKey: string): Key => ({
    pk: `PROJECT#${projectId}`,
    sk: `CASE#${caseId}#ORDER#${level}#${groupKey}`,
  }),
  /** every group order of a case */
  groupOrderPrefix: (caseId: string) => `CASE#${caseId}#ORDER#`,
  /** the report to the municipal commission (上报市住房城乡建设委) of a case: one, at level 3 */
  municipalReport: (projectId: string, caseId: string): Key => ({
    pk: `PROJECT#${projectId}`,
    sk: `CASE#${caseId}#MUNICIPALREPORT`,
  }),
  /** a circular of criticism (通报) of a case */
  circular: (projectId: string, caseId: string, circularId: string): Key => ({
    pk: `PROJECT#${projectId}`,
    sk: `CASE#${caseId}#CIRCULAR#${circularId}`,
  }),
  /** a month's statistics (`GET /v1/stats`), written when its evaluation run finishes */
  monthStats: (month: string): Key => ({ pk: `STATS#${month}`, sk: 'STATS' }),
  /** a case's line in a month's statistics, in one of STATS_SHARDS partitions (every batch of the run writes 50) */
  monthStatsLine: (month: string, caseId: string): Key => ({
    pk: keys.monthStatsShard(month, shardOf(caseId, STATS_SHARDS)),
    sk: `CASE#${caseId}`,
  }),
  monthStatsShard: (month: string, shard: number) => `STATS#${month}#${shard}`,

  // status assessment (SPEC §6.2): in the project's partition beside its inspections and incidents
  /** one submitted assessment; a resubmission is another item (history kept), the slot says which one counts */
  assessment: (projectId: string, assessmentId: string): Key => ({
    pk: `PROJECT#${projectId}`,
    sk: `ASSESSMENT#${assessmentId}`,
  }),
  /** which submission is in force for a tier, period and unit (or, for the government tier, inspection) */
  assessmentSlot: (projectId: string, slot: string): Key => ({
    pk: `PROJECT#${projectId}`,
    sk: `ASSESSSLOT#${slot}`,
  }),
  /** the project's quarter standing (score, grade, tiers): listed in the sparse quarter index `listings.assessed` */
  assessmentQuarter: (projectId: string, quarter: string): Key => ({
    pk: `PROJECT#${projectId}`,
    sk: `ASSESSQUARTER#${quarter}`,
  }),
  assessmentLink: (projectId: string, linkId: string): Key => ({
    pk: `PROJECT#${projectId}`,
    sk: `ASSESSLINK#${linkId}`,
  }),
  /** an assessment link found by the SHA-256 of its token (never the token itself) */
  assessmentToken: (tokenHash: string): Key => ({ pk: `ASSESSTOKEN#${tokenHash}`, sk: 'LINK' }),

  // penalty points (动态记分, SPEC §6.3): one partition per subject, an enterprise or a registered person
  penaltyPartition: (kind: string, subjectId: string) => `POINTS#${kind}#${subjectId}`,
  /** the ledger's head: the subject and a version every append and revocation moves (optimistic locking) */
  penaltyLedger: (kind: string, subjectId: string): Key => ({ pk: `POINTS#${kind}#${subjectId}`, sk: 'LEDGER' }),
  /** an entry, sorted by the day it counts from; append-only (a revocation marks it, never deletes it) */
  penaltyEntry: (kind: string, subjectId: string, on: string, entryId: string): Key => ({
    pk: `POINTS#${kind}#${subjectId}`,
    sk: `ENTRY#${on}#${entryId}`,
  }),
  /** the guard that makes a charge (late, missing, falsified …) land once however often its cause is seen */
  penaltyCharge: (kind: string, subjectId: string, chargeKey: string): Key => ({
    pk: `POINTS#${kind}#${subjectId}`,
    sk: `CHARGE#${chargeKey}`,
  }),

  // rankings (排名, SPEC §6.4): a run's work, the lists it computed, a quarter's revisions
  /** a ranking run: status, progress, counts; its plan and done markers in the same partition */
  rankingRun: (runId: string): Key => ({ pk: `RANKRUN#${runId}`, sk: 'RUN' }),
  /** one batch of a run's plan (the projects it re-reads), under the token of the planner that wrote it */
  rankingPlan: (runId: string, planner: string, batch: number): Key => ({
    pk: `RANKRUN#${runId}`,
    sk: `PLAN#${planner}#${pad(batch, 6)}`,
  }),
  /** a batch counted (written once, in the batch's closing transaction) */
  rankingBatchDone: (runId: string, batch: number): Key => ({ pk: `RANKRUN#${runId}`, sk: `DONE#${pad(batch, 6)}` }),
  /** the rows a batch read (each project's quarter standing), one item per batch in its own partition */
  rankingRows: (runId: string, batch: number): Key => ({ pk: `RANKROWS#${runId}#${pad(batch, 6)}`, sk: 'ROWS' }),
  /** a page of one computed list of a run (`projects.building`, `enterprises.supervisor` …), ≤ 400 KB */
  rankingListPage: (runId: string, list: string, page: number): Key => ({
    pk: `RANKLIST#${runId}#${list}#${pad(page, 5)}`,
    sk: 'PAGE',
  }),
  /** a quarter's head: its latest revision, whether a run is in flight, its publications */
  rankingHead: (quarter: string): Key => ({ pk: `RANKING#${quarter}`, sk: 'HEAD' }),
  /** a revision of a quarter's ranking: draft (recomputed in place) or published (immutable) */
  rankingRevision: (quarter: string, revision: number): Key => ({
    pk: `RANKING#${quarter}`,
    sk: `REV#${pad(revision, 4)}`,
  }),

  /** what a published revision set in motion (SPEC §6.5): proposals and releases, counted once it is done */
  rankingSupervision: (quarter: string, revision: number): Key => ({
    pk: `RANKING#${quarter}`,
    sk: `SUPERVISION#${pad(revision, 4)}`,
  }),
  /** a project's entry in a published ranking that proposed it (SPEC §6.5): the evidence of its case */
  rankingEntry: (projectId: string, quarter: string, revision: number): Key => ({
    pk: `PROJECT#${projectId}`,
    sk: `RANKENTRY#${quarter}#${pad(revision, 4)}`,
  }),

  // enterprises (企业, by unified social credit code): their ranks and enterprise-level cases (SPEC §6.5–6.6)
  enterprisePartition: (creditCode: string) => `ENTERPRISE#${creditCode}`,
  /** an enterprise's entry in one role's list of one run (read by the credit lookup for published revisions) */
  enterpriseRank: (creditCode: string, quarter: string, runId: string, role: string): Key => ({
    pk: `ENTERPRISE#${creditCode}`,
    sk: `RANK#${quarter}#${runId}#${role}`,
  }),
  /** an enterprise-level case (企业级差别化监管) */
  enterpriseCase: (creditCode: string, caseId: string): Key => ({
    pk: `ENTERPRISE#${creditCode}`,
    sk: `ECASE#${caseId}`,
  }),
  enterpriseCaseTimelineEntry: (creditCode: string, caseId: string, seq: number): Key => ({
    pk: `ENTERPRISE#${creditCode}`,
    sk: `ECASE#${caseId}#TIMELINE#${pad(seq, 8)}`,
  }),
  /** a summons talk (约谈) of an enterprise case */
  enterpriseTalk: (creditCode: string, caseId: string, talkId: string): Key => ({
    pk: `ENTERPRISE#${creditCode}`,
    sk: `ECASE#${caseId}#TALK#${talkId}`,
  }),
  /** marks "this enterprise has an open (proposed or active) enterprise case": one at a time */
  openEnterpriseCaseLock: (creditCode: string): Key => ({ pk: `ENTERPRISE#${creditCode}`, sk: 'OPENECASE' }),

  /** a version of the rule set (规则版本, SPEC §2.1): all versions in one small partition, read in one Query */
  ruleSetVersion: (version: number): Key => ({ pk: keys.ruleSetPartition, sk: `VERSION#${pad(version, 6)}` }),
  ruleSetPartition: 'RULESET',

  // the monthly run's sparse indexes (docs/evaluation-at-scale.md): small items listed on GSI1, so the planner reads
  // only what the run has to look at, never every project or the full case items
  /**
   * The project has evidence no decision has weighed yet: listed for the proposal sweep (`listings.unweighed…`).
   * Written in the transaction of an intake and of the decision closing a case; deleted when the sweep found nothing
   * left to weigh, or when a case is proposed.
   */
  unweighedMarker: (projectId: string): Key => ({ pk: `PROJECT#${projectId}`, sk: 'UNWEIGHED' }),
  /**
   * An active case's entry in the due index (`listings.dueShard…`, sort key = its cycle's end), or, once released,
   * in the month's releases (`listings.releasedInShard…`); written with the case in the same transaction.
   */
  runEntry: (projectId: string, caseId: string): Key => ({ pk: `PROJECT#${projectId}`, sk: `RUNENTRY#${caseId}` }),
  // the standing index (shared/store/project-window.ts): one small item per finding and per case, in the project's
  // partition, ordered so that one Query from a day on reads the findings accepted since, every open one and every
  // case: ACCEPTED < OPEN < SUPERVISION
  /** a finding not yet accepted (验收通过): written with it, deleted by its acceptance */
  standingOpenFinding: (projectId: string, findingId: string): Key => ({
    pk: `PROJECT#${projectId}`,
    sk: `STANDING#FINDING#OPEN#${findingId}`,
  }),
  /** a finding accepted on `acceptedOn`: written by its acceptance (acceptance is final) */
  standingAcceptedFinding: (projectId: string, acceptedOn: string, findingId: string): Key => ({
    pk: `PROJECT#${projectId}`,
    sk: `STANDING#FINDING#ACCEPTED#${acceptedOn}#${findingId}`,
  }),
  /** a case of the project, whatever its status: written with its proposal */
  standingCase: (projectId: string, caseId: string): Key => ({
    pk: `PROJECT#${projectId}`,
    sk: `STANDING#SUPERVISION#${caseId}`,
  }),
  /** the first sort key of the standing index a read from `from` needs (findings accepted on or after it) */
  standingFrom: (from: string) => `STANDING#FINDING#ACCEPTED#${from}`,
  /** past the last sort key of the standing index */
  standingEnd: 'STANDING#~',
  /** a data migration that has completed on this table (e.g. `run-index`): code stops reading the old shape */
  migration: (name: string): Key => ({ pk: `MIGRATION#${name}`, sk: 'MIGRATION' }),
};

/**
 * A month's statistics lines are spread over this many partitions: at 500,000 cases the run's batches write them
 * at ≈ 1,300 WCU/s, more than one partition takes.
 */
export const STATS_SHARDS = 16;

/** Projects are listed in this many GSI shards, so a sweep of every project never reads one hot partition. */
export const PROJECT_SHARDS = 16;
/**
 * Cases are listed by status in this many GSI shards: the monthly run rewrites every active case within minutes,
 * and each rewrite is a write to the listing index, so one `CASES#active` key would be a hot partition at scale.
 */
export const CASE_SHARDS = 16;

/** GSI1 listings. */
export const listings = {
  /** projects spread over shards so a full sweep has no hot partition */
  projectShard: (projectId: string) => `PROJECTS#${shardOf(projectId, PROJECT_SHARDS)}`,
  projectShardKey: (shard: number) => `PROJECTS#${shard}`,
  /** the listing shard a case is written to */
  caseShard: (status: string, caseId: string) => `CASES#${status}#${shardOf(caseId, CASE_SHARDS)}`,
  /** every shard of a status's listing (read together, merged by sort key) */
  casesByStatus: (status: string): string[] => Array.from({ length: CASE_SHARDS }, (_, n) => `CASES#${status}#${n}`),
  circularsByStatus: (status: string) => `CIRCULARS#${status}`,
  /**
   * The project directory (`GET /v1/projects`), newest first: every project; a district's projects (by the
   * normalised district name); a unit's projects (its `UNIT#` items carry the directory fields). Written once at
   * registration, so none is a hot partition and none is sharded.
   */
  projectDirectory: 'PROJECTDIR',
  projectDirectoryOfDistrict: (districtKey: string) => `PROJECTDIR#DISTRICT#${districtKey}`,
  projectDirectoryOfUnit: (creditCode: string) => `PROJECTDIR#UNIT#${creditCode}`,
  /**
   * The quarter's assessed projects (SPEC §6.2–6.4), a sparse index: only a project with an assessment in the
   * quarter has the item, so the ranking and the statistics read the quarter's projects, never every project.
   */
  assessedShard: (quarter: string, projectId: string) => `ASSESSED#${quarter}#${shardOf(projectId, ASSESSED_SHARDS)}`,
  assessedShards: (quarter: string): string[] =>
    Array.from({ length: ASSESSED_SHARDS }, (_, n) => `ASSESSED#${quarter}#${n}`),
  /** the quarters that have a ranking (their heads, by quarter): a few a year, one partition */
  rankings: 'RANKINGS',
  /** enterprise-level cases by status: dozens in a city (seed 004: 49 + 28), one partition per status */
  enterpriseCasesByStatus: (status: string) => `ECASES#${status}`,
  /**
   * A quarter's inspections (SPEC §6.7 enforcement statistics), a sparse index: the inspection item itself is listed
   * under the quarter of its date, sorted by date, so the quarter's statistics read that quarter's inspections and
   * never a project's partition. Sharded: a national quarter holds a million inspections.
   */
  inspectionsOfQuarter: (quarter: string, inspectionId: string) =>
    `INSPECTIONS#${quarter}#${shardOf(inspectionId, INSPECTION_SHARDS)}`,
  inspectionQuarterShards: (quarter: string): string[] =>
    Array.from({ length: INSPECTION_SHARDS }, (_, n) => `INSPECTIONS#${quarter}#${n}`),
  /**
   * The register of projects (SPEC §6.7 coverage: the projects under construction), one slim entry per project
   * (district, phase, registration instant), so counting a district's projects reads ≈ 150 bytes a project.
   */
  projectRegister: (projectId: string) => `PROJECTREGISTER#${shardOf(projectId, PROJECT_SHARDS)}`,
  projectRegisterShards: (): string[] => Array.from({ length: PROJECT_SHARDS }, (_, n) => `PROJECTREGISTER#${n}`),
  /**
   * Penalty-points ledgers by kind of subject (SPEC §6.3), their heads listed: the credit export (SPEC §6.6) finds
   * every enterprise with points without knowing its credit code first.
   */
  penaltyLedgers: (kind: string, subjectId: string) => `LEDGERS#${kind}#${shardOf(subjectId, LEDGER_SHARDS)}`,
  penaltyLedgerShards: (kind: string): string[] =>
    Array.from({ length: LEDGER_SHARDS }, (_, n) => `LEDGERS#${kind}#${n}`),
  /**
   * What is overdue now (SPEC §7 dashboard), two sparse listings: the hazard or notice item itself is listed when the
   * daily deadline sweep flags it and unlisted when it is accepted or its receipt comes back, so the dashboard reads
   * what is overdue across every case without reading a case. Hundreds of items at most, written once a day each:
   * one partition each.
   */
  overdueHazards: 'OVERDUE#HAZARD',
  overdueNotices: 'OVERDUE#NOTICE',
};

/** The monthly run's sparse indexes are spread over this many GSI1 partitions each (read in parallel). */
export const RUN_INDEX_SHARDS = 16;

/** The monthly run's sparse indexes on GSI1 (items of `keys.unweighedMarker` and `keys.runEntry`). */
export const runListings = {
  /** projects with evidence not yet weighed (the proposal sweep) */
  unweighedShard: (projectId: string) => `UNWEIGHED#${shardOf(projectId, RUN_INDEX_SHARDS)}`,
  unweighedShards: (): string[] => Array.from({ length: RUN_INDEX_SHARDS }, (_, n) => `UNWEIGHED#${n}`),
  /** active cases by the end of their current cycle (sort key `<cycleEnd>#<caseId>`) */
  dueShard: (caseId: string) => `DUE#${shardOf(caseId, RUN_INDEX_SHARDS)}`,
  dueShards: (): string[] => Array.from({ length: RUN_INDEX_SHARDS }, (_, n) => `DUE#${n}`),
  /** cases released in a month `YYYY-MM` (the month's statistics count them at level 0) */
  releasedInShard: (month: string, caseId: string) => `RELEASEDIN#${month}#${shardOf(caseId, RUN_INDEX_SHARDS)}`,
  releasedInShards: (month: string): string[] =>
    Array.from({ length: RUN_INDEX_SHARDS }, (_, n) => `RELEASEDIN#${month}#${n}`),
};

/** A quarter's inspections are listed in this many shards, read in parallel. */
export const INSPECTION_SHARDS = 16;
/** Ledger heads are listed in this many shards (100,000 enterprises nationally). */
export const LEDGER_SHARDS = 16;

/** The quarter index of assessed projects in this many shards: a national ranking reads them in parallel. */
export const ASSESSED_SHARDS = 16;

function shardOf(id: string, shards: number): number {
  let hash = 0;
  for (let i = 0; i < id.length; i++) hash = (hash * 31 + id.charCodeAt(i)) >>> 0;
  return hash % shards;
}
