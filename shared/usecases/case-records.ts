import type { ConditionResult, ConditionsEvaluation } from '../domain/conditions.js';
import { shanghaiDate } from '../domain/dates.js';
import { RULES_REVISION } from '../domain/rule-set.js';
import { chainEntry, type TimelineEntry, type TimelineEntryContent } from '../domain/timeline.js';
import type { CaseStatus } from '../domain/vocabulary.js';
import { evidenceCited, type Weighing } from '../domain/weighed-evidence.js';
import { newId } from '../ids.js';
import { keys, listings } from '../store/keys.js';
import { referenceItem } from '../store/project-collection.js';
import { standingCaseItem } from '../store/project-window.js';
import type { CaseRecord, ProjectSnapshot, RankingCaseBasis } from '../store/snapshot.js';
import type { UnitOfWork } from '../store/unit-of-work.js';
import { markUnweighed, writeRunEntry } from './run-index.js';

/** Labels of the conditional writes a caller may want to tell apart when a commit fails. */
export const CASE_VERSION = 'case-version';
export const OPEN_CASE = 'open-case';

/**
 * Open a `proposed` case (detection proposes, an officer decides — seed: "经确认"): the case, its first timeline
 * entry with the evidence, the OPENCASE guard (one open case per project) and `CaseProposed`. `evaluation` is the
 * conditions on the evidence not yet weighed (weighed-evidence.ts `decideProposal`): what the proposal rests on.
 */
export function proposeCase(
  uow: UnitOfWork,
  snapshot: ProjectSnapshot,
  evaluation: ConditionsEvaluation,
  actor: string,
  now: Date,
  /** SPEC §6.5: a proposal of a published ranking (basis `ranking`), with the ranking entry it rests on */
  ranking?: RankingCaseBasis,
): CaseRecord {
  const id = newId('cas');
  const met = evaluation.conditions.filter((condition) => condition.met);
  const evidence = [
    ...new Set([...met.flatMap((condition) => condition.evidence), ...(ranking ? rankingEvidence(ranking) : [])]),
  ].sort();
  const entry = chainEntry(null, {
    at: now.toISOString(),
    actor,
    action: 'proposed',
    detail: {
      conditionsMet: met.map((condition) => condition.id),
      explanations: Object.fromEntries(met.map((condition) => [condition.id, condition.explanation])),
      asOf: evaluation.asOf,
      window: evaluation.window,
      ruleSetVersion: evaluation.ruleSetVersion,
      rulesRevision: RULES_REVISION,
      thresholds: evaluation.thresholds,
      ...(ranking
        ? {
            basis: 'ranking',
            ranking: {
              quarter: ranking.quarter,
              revision: ranking.revision,
              grounds: ranking.grounds,
              categoryRank: ranking.categoryRank,
              districtRank: ranking.districtRank,
              statement: ranking.statement,
            },
          }
        : {}),
    },
    evidence,
  });
  const record: CaseRecord = {
    id,
    projectId: snapshot.project.id,
    projectName: snapshot.project.name,
    district: snapshot.project.district,
    status: 'proposed',
    level: 0,
    proposedAt: now.toISOString(),
    proposedOn: shanghaiDate(now),
    ruleSetVersion: evaluation.ruleSetVersion,
    proposedConditions: evaluation.conditions,
    basis: ranking ? 'ranking' : 'conditions',
    ...(ranking ? { ranking } : {}),
    timelineSeq: entry.seq,
    timelineHead: entry.hash,
  };
  uow.put(
    { ...keys.supervisionCase(record.projectId, id), type: 'case', ...listingKeys(record), ...record },
    {
      mustBeNew: true,
      label: 'case',
    },
  );
  uow.put(
    { ...keys.openCaseLock(record.projectId), type: 'open-case', caseId: id },
    { mustBeNew: true, label: OPEN_CASE },
  );
  uow.put(referenceItem({ id, projectId: record.projectId, caseId: id, recordType: 'case' }), { mustBeNew: true });
  // every case stays in the windowed reads: the evidence its decisions weigh is set aside later (project-window.ts)
  uow.put(standingCaseItem(record.projectId, id), { mustBeNew: true });
  putTimeline(uow, record, [entry]);
  uow.emit('CaseProposed', id, {
    caseId: id,
    projectId: record.projectId,
    conditionsMet: met.map((condition) => condition.id),
    evidence,
    ruleSetVersion: evaluation.ruleSetVersion,
    basis: record.basis,
    ...(ranking ? { ranking: { quarter: ranking.quarter, revision: ranking.revision, grounds: ranking.grounds } } : {}),
  });
  return record;
}

/** The records a ranking proposal rests on (SPEC §6.5): the ranking entry and the quarter's assessments. */
export function rankingEvidence(ranking: RankingCaseBasis): string[] {
  return [ranking.entryId, ...ranking.assessmentIds];
}

/** The evidence a decision on `record` weighs besides the conditions': a ranking proposal's records. */
export function basisEvidence(record: CaseRecord): string[] {
  return record.ranking ? rankingEvidence(record.ranking) : [];
}

/**
 * Change a case and append to its timeline in the same write. The update is conditional on the timeline head the
 * caller read (optimistic locking): two changes racing on one case cannot both commit, the loser re-reads.
 */
export function changeCase(
  uow: UnitOfWork,
  current: CaseRecord,
  change: { set?: Partial<CaseRecord>; entries: TimelineEntryContent[] },
): CaseRecord {
  let previous: { seq: number; hash: string } = { seq: current.timelineSeq, hash: current.timelineHead };
  const entries: TimelineEntry[] = [];
  for (const content of change.entries) {
    const entry = chainEntry(previous, content);
    entries.push(entry);
    previous = entry;
  }
  const next: CaseRecord = { ...current, ...change.set, timelineSeq: previous.seq, timelineHead: previous.hash };
  const fields: Record<string, unknown> = {
    ...change.set,
    timelineSeq: next.timelineSeq,
    timelineHead: next.timelineHead,
  };
  if (change.set?.status && change.set.status !== current.status) Object.assign(fields, listingKeys(next));
  // top-level copy of the cycle's end: the monthly run selects active cases by it on the listing index
  if (change.set && 'cycle' in change.set) fields.cycleEnd = change.set.cycle?.end ?? null;
  const names: Record<string, string> = { '#seq': 'timelineSeq' };
  const values: Record<string, unknown> = { ':expectedSeq': current.timelineSeq };
  const assignments = Object.entries(fields).map(([field, value], index) => {
    names[`#f${index}`] = field;
    values[`:v${index}`] = value;
    return `#f${index} = :v${index}`;
  });
  uow.update(
    keys.supervisionCase(current.projectId, current.id),
    { expression: `SET ${assignments.join(', ')}`, names, values },
    { condition: { expression: '#seq = :expectedSeq' }, label: CASE_VERSION },
  );
  putTimeline(uow, next, entries);
  const statusChanged = change.set?.status !== undefined && change.set.status !== current.status;
  // the run's sparse indexes change with the case, in its transaction (run-index.ts)
  if (statusChanged || (change.set && 'cycle' in change.set)) writeRunEntry(uow, current, next);
  // what the closing decision did not cite is still unweighed: the next proposal sweep looks at the project again
  if (statusChanged && (next.status === 'dismissed' || next.status === 'released'))
    markUnweighed(uow, current.projectId);
  return next;
}

function putTimeline(uow: UnitOfWork, record: CaseRecord, entries: TimelineEntry[]) {
  for (const entry of entries) {
    uow.put(
      { ...keys.timelineEntry(record.projectId, record.id, entry.seq), type: 'timeline', caseId: record.id, ...entry },
      { mustBeNew: true, label: CASE_VERSION },
    );
  }
}

function listingKeys(record: { status: CaseStatus; proposedAt: string; id: string }) {
  return { gsi1pk: listings.caseShard(record.status, record.id), gsi1sk: `${record.proposedAt}#${record.id}` };
}

/**
 * The decisions of a case that weighed evidence. A case decided before they were recorded counts its proposal's
 * evidence as weighed on the day of its dismissal or inclusion (what the monthly run used to go by).
 */
export function weighingsOfCase(record: CaseRecord): Weighing[] {
  if (record.weighings) return record.weighings;
  const evidence = evidenceCited(record.proposedConditions as ConditionResult[]);
  if (record.status === 'dismissed') {
    const on =
      record.dismissedOn ?? (record.dismissedAt ? shanghaiDate(new Date(record.dismissedAt)) : record.proposedOn);
    return [{ caseId: record.id, decision: 'dismissal', on, evidence }];
  }
  if (record.includedOn) return [{ caseId: record.id, decision: 'inclusion', on: record.includedOn, evidence }];
  return [];
}

/** Every weighing of the project's cases, oldest first. */
export function weighingsOfProject(snapshot: ProjectSnapshot): Weighing[] {
  return snapshot.cases.flatMap(weighingsOfCase).sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
}

/** A case's weighings with one more decision added. */
export function withWeighing(record: CaseRecord, weighing: Weighing): Weighing[] {
  return [...weighingsOfCase(record), weighing];
}
