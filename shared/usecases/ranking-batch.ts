/**
 * The ranking run's batch work and finish (the `ranking-worker` function; the request and plan are in
 * `ranking-run.ts`; the design for a national scale in docs/rankings-at-scale.md).
 *
 * A batch: per project, ONE strongly consistent read of its item collection, from which (a) the tiers it still
 * owes for the quarter are charged their points (SPEC §6.3–6.4: once per tier, project and quarter — a charge key
 * makes a re-run charge nothing) and (b) its quarter standing is recomputed under the run's rules; then ONE
 * transaction counts the batch once (its done marker is conditional) and stores its rows.
 *
 * The finish (whichever delivery counts the last batch): every row read back, every list computed in memory
 * (competition ranks, rank points), written in pages of ≤ 400 KB keyed by the run, each enterprise's entries written
 * to its own partition, and the revision stored as a draft — conditional on the run still holding its quarter.
 */
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { quarterDays } from '../domain/assessment/periods.js';
import { DEFAULT_SCHEME_ID, schemeById } from '../domain/assessment/schemes.js';
import type { Grade } from '../domain/assessment/scoring.js';
import { shanghaiDate } from '../domain/dates.js';
import {
  LIST_KEYS,
  type ListKey,
  type ListSummary,
  RANKED_UNIT_ROLES,
  type RankableProject,
  type RankedUnitRole,
  type RankingLists,
  rankingLists,
} from '../domain/ranking.js';
import type { PersonRole, ProjectCategory, ProjectPhase } from '../domain/vocabulary.js';
import { log } from '../log.js';
import { dynamo, TABLE_NAME } from '../store/client.js';
import { keys } from '../store/keys.js';
import { readItems, readProjectCollection } from '../store/project-collection.js';
import { RuleSets } from '../store/rule-sets.js';
import { ConditionFailed, UnitOfWork } from '../store/unit-of-work.js';
import { type AssessmentRules, assessmentRulesOn } from './assessment-rules.js';
import { quarterStandingFromItems } from './assessments.js';
import { inParallel } from './evaluation-run.js';
import { chargeMissingAssessments } from './missing-assessments.js';
import {
  planRanking,
  type RankingBatchMessage,
  type RankingRun,
  rankingRunView,
  readRankingRun,
} from './ranking-run.js';

const BATCH_DONE = 'ranking-batch-done';
const RANKING_HEAD = 'ranking-head-held';
const RANKING_REVISION = 'ranking-revision-draft';
/** projects read at once in one batch */
const PARALLEL_PROJECTS = 8;
/** a page of a list is cut at this many bytes of JSON: a DynamoDB item holds 400 KB */
const PAGE_BYTES = 300_000;

/** A project as a batch read it: what the lists and the proposals need, nothing more. */
export interface RankingRow {
  projectId: string;
  name: string;
  district: string;
  category: ProjectCategory;
  phase: ProjectPhase;
  score: number;
  grade: Grade | null;
  fatalIncident: boolean;
  governmentFailed: boolean;
  /** its case when the batch read it: proposed, active, or none */
  openCase: 'proposed' | 'active' | null;
  units: Partial<Record<RankedUnitRole, { creditCode: string; name: string }>>;
  persons: Partial<
    Record<PersonRole, { registrationNo: string; name: string; enterpriseCreditCode: string; enterpriseName: string }>
  >;
  /** the quarter's assessments it was scored on (the evidence of a proposal) */
  assessmentIds: string[];
}

/** A list's entries, by its key. */
export function entriesOf(lists: RankingLists, key: ListKey): unknown[] {
  if (key === 'districts') return lists.districts;
  const [group, name] = key.split('.') as [keyof RankingLists, string];
  return (lists[group] as unknown as Record<string, unknown[]>)[name] ?? [];
}

/** The row of a project as the pure ranking rules take it. */
export function rankableOf(row: RankingRow, supervised = row.openCase === 'active'): RankableProject {
  return {
    projectId: row.projectId,
    name: row.name,
    district: row.district,
    category: row.category,
    phaseAtQuarterEnd: row.phase,
    score: row.score,
    grade: row.grade,
    fatalIncident: row.fatalIncident,
    governmentFailed: row.governmentFailed,
    supervised,
    units: row.units,
    persons: row.persons,
  };
}

/** The grade boundaries the lists grade means by (the default scheme's: JGJ 59-2011 §5.0.2). */
export function rankingBands() {
  const { excellentFrom, passFrom } = schemeById(DEFAULT_SCHEME_ID).scoring;
  return { excellentFrom, passFrom };
}

/** Every list of a run's rows, under its rules. */
export function computeLists(rows: readonly RankingRow[], rules: AssessmentRules): RankingLists {
  return rankingLists(
    rows.map((row) => rankableOf(row)),
    rankingBands(),
    rules.thresholds,
  );
}

// ---------------------------------------------------------------------------------------------------------------
// a batch
// ---------------------------------------------------------------------------------------------------------------

/** A project's row from its item collection, or null when it was not assessed in the quarter (or is gone). */
function rowOf(
  computed: NonNullable<ReturnType<typeof quarterStandingFromItems>>,
  projectId: string,
): RankingRow | null {
  const { snapshot, standing } = computed;
  if (standing.score === null) return null;
  const { project } = snapshot;
  const unitOf = (role: RankedUnitRole) => project.units.find((unit) => unit.role === role);
  const units: RankingRow['units'] = {};
  for (const role of RANKED_UNIT_ROLES) {
    const unit = unitOf(role);
    if (unit) units[role] = { creditCode: unit.creditCode, name: unit.name };
  }
  const persons: RankingRow['persons'] = {};
  for (const person of project.persons) {
    // a registered person (注册人员) is ranked by registration number; one without is not ranked
    if (!person.registrationNo || persons[person.role]) continue;
    const enterprise = project.units.find((unit) => unit.creditCode === person.unitCreditCode);
    persons[person.role] = {
      registrationNo: person.registrationNo,
      name: person.name,
      enterpriseCreditCode: person.unitCreditCode,
      enterpriseName: enterprise?.name ?? '',
    };
  }
  return {
    projectId,
    name: project.name,
    district: project.district,
    category: project.category,
    phase: project.phase,
    score: standing.score,
    grade: standing.grade,
    fatalIncident: standing.fatalIncident,
    governmentFailed: standing.governmentGrades.includes('fail'),
    openCase: snapshot.openCase ? (snapshot.openCase.status as 'proposed' | 'active') : null,
    units,
    persons,
    assessmentIds: standing.assessments
      .filter((assessment) => assessment.inForce && assessment.falsification !== 'confirmed')
      .map((assessment) => assessment.id),
  };
}

/**
 * Work one batch of a run. Resolves when the batch is counted (now or by an earlier delivery); throws when it could
 * not be finished (the queue delivers it again, then to its DLQ).
 */
export async function workRankingBatch(message: RankingBatchMessage, now: Date): Promise<void> {
  const { runId, batch } = message;
  const [plan, done] = await Promise.all([
    dynamo.send(new GetCommand({ TableName: TABLE_NAME, Key: keys.rankingPlan(runId, message.plan, batch) })),
    dynamo.send(new GetCommand({ TableName: TABLE_NAME, Key: keys.rankingBatchDone(runId, batch) })),
  ]);
  if (done.Item) {
    // counted by an earlier delivery, which may have died before finishing the run
    await finishIfComplete(runId, now);
    return;
  }
  const projectIds = plan.Item?.projectIds as string[] | undefined;
  if (!projectIds) throw new Error(`ranking run ${runId} has no batch ${batch} in plan ${message.plan}`);
  const run = await readRankingRun(runId);
  if (run?.status !== 'running') return;
  const ruleSets = new RuleSets();
  const rules = await assessmentRulesOn(run.rankedOn, ruleSets);
  const lastDay = quarterDays(run.quarter).last;
  const rows: RankingRow[] = [];
  let pointsCharged = 0;
  await inParallel(projectIds, PARALLEL_PROJECTS, async (projectId) => {
    const items = await readProjectCollection(projectId);
    const computed = quarterStandingFromItems(items, run.quarter, rules, now);
    if (!computed) return;
    const { project } = computed.snapshot;
    if (shanghaiDate(new Date(project.registeredAt)) > lastDay) return;
    // a project building in the quarter owes its assessments; one not yet building or in pre-acceptance owes none
    if (!rules.thresholds.ranking.excludedPhases.includes(project.phase)) {
      const { charged } = await chargeMissingAssessments(projectId, run.quarter, now, { items, ruleSets });
      pointsCharged += charged.length;
    }
    const row = rowOf(computed, projectId);
    if (row) rows.push(row);
  });
  rows.sort((a, b) => a.projectId.localeCompare(b.projectId));
  const uow = new UnitOfWork(now);
  uow.put(
    { ...keys.rankingBatchDone(runId, batch), type: 'ranking-batch', projects: projectIds.length, rows: rows.length },
    { mustBeNew: true, label: BATCH_DONE },
  );
  uow.put({ ...keys.rankingRows(runId, batch), type: 'ranking-rows', runId, batch, rows: JSON.stringify(rows) });
  uow.update(keys.rankingRun(runId), {
    expression: 'ADD batchesDone :one, projectsRead :read, projectsAssessed :assessed, pointsCharged :charged',
    values: { ':one': 1, ':read': projectIds.length, ':assessed': rows.length, ':charged': pointsCharged },
  });
  try {
    await uow.commit();
  } catch (error) {
    if (!(error instanceof ConditionFailed && error.label === BATCH_DONE)) throw error;
  }
  await finishIfComplete(runId, now);
}

async function finishIfComplete(runId: string, now: Date) {
  const run = await readRankingRun(runId);
  if (run?.status === 'running' && run.batchesTotal !== null && run.batchesDone >= run.batchesTotal) {
    await finishRanking(runId, now);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// the finish
// ---------------------------------------------------------------------------------------------------------------

/** Every row a run's batches stored. */
export async function readRunRows(run: Pick<RankingRun, 'runId' | 'batchesTotal'>): Promise<RankingRow[]> {
  const total = run.batchesTotal ?? 0;
  const items = await readItems(Array.from({ length: total }, (_, index) => keys.rankingRows(run.runId, index + 1)));
  return items.flatMap((item) => JSON.parse(String(item.rows)) as RankingRow[]);
}

/** A list cut into pages of at most PAGE_BYTES of JSON each (at least one page, possibly empty). */
export function pagesOf(entries: readonly unknown[]): Array<{ json: string; count: number }> {
  const pages: Array<{ json: string; count: number }> = [];
  let current: string[] = [];
  let bytes = 2;
  for (const entry of entries) {
    const json = JSON.stringify(entry);
    const size = Buffer.byteLength(json) + 1;
    if (current.length && bytes + size > PAGE_BYTES) {
      pages.push({ json: `[${current.join(',')}]`, count: current.length });
      current = [];
      bytes = 2;
    }
    current.push(json);
    bytes += size;
  }
  pages.push({ json: `[${current.join(',')}]`, count: current.length });
  return pages;
}

/**
 * Put items, 16 at once. One PutItem each, not BatchWriteItem: no role is granted BatchWriteItem (it can delete, and
 * IAM cannot tell a batch put from a batch delete — shared/wiring.ts `tableOperationActions`); the SDK retries a
 * throttled put.
 */
async function putAll(items: ReadonlyArray<Record<string, unknown>>) {
  await inParallel(items, 16, async (Item) => {
    await dynamo.send(new PutCommand({ TableName: TABLE_NAME, Item }));
  });
}

/**
 * Compute and store the run's lists, and the draft revision naming them (SPEC §6.4). Idempotent: the pages and the
 * enterprises' entries are keyed by the run and computed from its stored rows, so a second finisher writes the
 * same bytes; the revision and the run's success commit once, conditional on the run still holding its quarter.
 */
export async function finishRanking(runId: string, now: Date): Promise<RankingRun | undefined> {
  const run = await readRankingRun(runId);
  if (run?.status !== 'running') return run;
  const rows = await readRunRows(run);
  const rules = await assessmentRulesOn(run.rankedOn, new RuleSets());
  const lists = computeLists(rows, rules);

  const summary: Record<string, ListSummary> = {};
  const pageItems: Array<Record<string, unknown>> = [];
  for (const key of LIST_KEYS) {
    const entries = entriesOf(lists, key);
    const pages = pagesOf(entries);
    summary[key] = { count: entries.length, pages: pages.length, pageSizes: pages.map((page) => page.count) };
    pages.forEach((page, index) => {
      pageItems.push({
        ...keys.rankingListPage(runId, key, index + 1),
        type: 'ranking-list-page',
        runId,
        list: key,
        page: index + 1,
        count: page.count,
        entries: page.json,
      });
    });
  }
  await putAll(pageItems);
  await putAll(
    RANKED_UNIT_ROLES.flatMap((role) =>
      lists.enterprises[role].map((entry) => ({
        ...keys.enterpriseRank(entry.creditCode, run.quarter, runId, role),
        type: 'enterprise-rank',
        creditCode: entry.creditCode,
        name: entry.name,
        quarter: run.quarter,
        runId,
        role,
        rank: entry.rank,
        of: entry.of,
        score: entry.score,
        grade: entry.grade,
        rankPoints: entry.rankPoints,
        projects: entry.projects,
      })),
    ),
  );

  const ranked = Object.fromEntries(Object.entries(summary).map(([key, value]) => [key, value.count]));
  const revision = {
    ...keys.rankingRevision(run.quarter, run.revision),
    type: 'ranking-revision',
    quarter: run.quarter,
    revision: run.revision,
    status: 'draft',
    runId,
    reason: run.reason,
    trigger: run.trigger,
    requestedBy: run.requestedBy,
    rankedOn: run.rankedOn,
    computedAt: now.toISOString(),
    ruleSetVersion: rules.ruleSetVersion,
    rulesRevision: rules.rulesRevision,
    thresholds: {
      tierWeights: rules.thresholds.tierWeights,
      ranking: rules.thresholds.ranking,
    },
    lists: summary,
    counts: { projectsRead: run.projectsRead, projectsAssessed: rows.length, pointsCharged: run.pointsCharged },
    publishedAt: null,
    publishedOn: null,
    publishedBy: null,
  };
  const uow = new UnitOfWork(now);
  uow.put(revision, {
    label: RANKING_REVISION,
    condition: {
      expression: 'attribute_not_exists(pk) OR #status = :draft',
      names: { '#status': 'status' },
      values: { ':draft': 'draft' },
    },
  });
  uow.update(
    keys.rankingHead(run.quarter),
    {
      expression: 'SET revision = :revision, #status = :draft, runInFlight = :none ADD version :one',
      names: { '#status': 'status' },
      values: { ':revision': run.revision, ':draft': 'draft', ':none': null, ':one': 1 },
    },
    {
      label: RANKING_HEAD,
      condition: {
        expression: 'runInFlight.runId = :runId',
        values: { ':runId': runId },
      },
    },
  );
  uow.update(
    keys.rankingRun(runId),
    {
      expression: 'SET #status = :succeeded, finishedAt = :at, ranked = :ranked',
      names: { '#status': 'status' },
      values: { ':succeeded': 'succeeded', ':at': now.toISOString(), ':ranked': ranked },
    },
    { condition: { expression: '#status = :running', values: { ':running': 'running' } } },
  );
  uow.emit('RankingComputed', runId, {
    runId,
    quarter: run.quarter,
    revision: run.revision,
    recomputesDraft: run.recomputesDraft,
    ranked,
    ruleSetVersion: rules.ruleSetVersion,
  });
  try {
    await uow.commit();
  } catch (error) {
    if (!(error instanceof ConditionFailed)) throw error;
    const current = await readRankingRun(runId);
    if (current?.status !== 'running') return current; // another finisher committed first
    // the run no longer holds its quarter: a later run took over after its hold lapsed
    await dynamo
      .send(
        new UpdateCommand({
          TableName: TABLE_NAME,
          Key: keys.rankingRun(runId),
          UpdateExpression: 'SET #status = :failed, finishedAt = :at, #error = :error',
          ConditionExpression: '#status = :running',
          ExpressionAttributeNames: { '#status': 'status', '#error': 'error' },
          ExpressionAttributeValues: {
            ':failed': 'failed',
            ':running': 'running',
            ':at': now.toISOString(),
            ':error': `superseded: the run no longer held ${run.quarter} when it finished (${error.label})`,
          },
        }),
      )
      .catch(() => undefined);
    log.warn('ranking run superseded at its finish', { runId, quarter: run.quarter });
    return readRankingRun(runId);
  }
  log.info('ranking run finished', { runId, quarter: run.quarter, revision: run.revision, ranked });
  return readRankingRun(runId);
}

// ---------------------------------------------------------------------------------------------------------------
// in process
// ---------------------------------------------------------------------------------------------------------------

/**
 * Run a whole ranking in this process — the same plan, batches and finish the queue drives, the batches worked
 * here a few at once (the benchmark, fault-injection tests, a run from a shell).
 */
export async function runRanking(
  runId: string,
  now: Date,
  options: { parallelBatches?: number; projectsPerBatch?: number } = {},
) {
  const batches: RankingBatchMessage[] = [];
  await planRanking(
    runId,
    now,
    async (messages) => {
      batches.push(...messages);
    },
    options,
  );
  await inParallel(batches, options.parallelBatches ?? 2, (message) => workRankingBatch(message, now));
  const run = await readRankingRun(runId);
  return run ? rankingRunView(run) : undefined;
}
