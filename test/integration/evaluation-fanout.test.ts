/**
 * The monthly run fanned out (plan → batches → workers), driven in this process so a crash can be placed between
 * any two steps: the plan is stored with the run, a batch delivered twice (even at once) is counted once, a run
 * that stopped halfway is finished by the next delivery or a re-plan with every case judged exactly once, and the
 * month's statistics come from the batches' lines. Also the sharded case listing: the shards are merged, so a
 * client pages through one list, newest first.
 *
 * The cases live in March 2025, months before any other suite's records: a run of 2025-03 finds no other case due.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../shared/ids.js';
import { dynamo } from '../../shared/store/client.js';
import { keys } from '../../shared/store/keys.js';
import { runEvaluation, workBatch } from '../../shared/usecases/evaluation-batch.js';
import {
  type BatchMessage,
  CASES_PER_BATCH,
  type EvaluationRun,
  planEvaluation,
} from '../../shared/usecases/evaluation-run.js';
import { api, partitionItems, setClock, tokenFor } from './support/api.js';
import { failingInspection, projectBody } from './support/fixtures.js';

const MONTH = '2025-03';
const INCLUDED_AT = '2025-03-10T10:00:00+08:00';
const RUN_AT = new Date('2025-04-01T01:00:00+08:00');
const CASES = 12;

let inspector: string;
let officer: string;
const mine: Array<{ projectId: string; caseId: string }> = [];

async function run(runId: string): Promise<EvaluationRun> {
  const items = await partitionItems(`RUN#${runId}`, { skPrefix: 'RUN' });
  return items[0] as unknown as EvaluationRun;
}

async function cycleRecordsOf(projectId: string, caseId: string) {
  return partitionItems(`PROJECT#${projectId}`, { skPrefix: `CASE#${caseId}#CYCLE#` });
}

beforeAll(async () => {
  inspector = await tokenFor('inspector');
  officer = await tokenFor('officer');
  await setClock(INCLUDED_AT);
  for (let i = 0; i < CASES; i++) {
    const body = projectBody();
    const registered = await api('/v1/projects', { method: 'POST', token: inspector, body });
    expect(registered.status, registered.text).toBe(201);
    const projectId = (registered.json as { id: string }).id;
    const inspected = await api(`/v1/projects/${projectId}/inspections`, {
      method: 'POST',
      token: inspector,
      body: {
        ...failingInspection(body, '2025-03-05'),
        findings: failingInspection(body).findings.map((f) => ({ ...f, deadline: '2025-03-20' })),
      },
    });
    expect(inspected.status, inspected.text).toBe(201);
    const caseId = (inspected.json as { caseId: string }).caseId;
    const confirmed = await api(`/v1/cases/${caseId}/confirm`, { method: 'POST', token: officer, body: {} });
    expect(confirmed.status, confirmed.text).toBe(200);
    mine.push({ projectId, caseId });
  }
});

afterAll(async () => {
  await setClock(null);
});

describe('the sharded case listing', () => {
  it('pages through every shard as one list, newest first, each case once', async () => {
    const seen: Array<{ id: string; proposedAt: string }> = [];
    let nextToken: string | null = null;
    do {
      const query: string = nextToken ? `&nextToken=${encodeURIComponent(nextToken)}` : '';
      const page = await api(`/v1/cases?status=active&limit=5${query}`, { token: inspector });
      expect(page.status, page.text).toBe(200);
      const body = page.json as { items: Array<{ id: string; proposedAt: string }>; nextToken: string | null };
      expect(body.items.length).toBeLessThanOrEqual(5);
      seen.push(...body.items);
      nextToken = body.nextToken;
    } while (nextToken);
    const ids = seen.map((item) => item.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { caseId } of mine) expect(ids).toContain(caseId);
    const order = seen.map((item) => `${item.proposedAt}#${item.id}`);
    expect(order).toEqual([...order].sort().reverse());
  });
});

describe('a fanned-out run that stops halfway', () => {
  const runId = newId('run');
  let messages: BatchMessage[] = [];

  it('stores its plan and fixes the number of batches before sending any', async () => {
    await planEvaluation(
      runId,
      MONTH,
      RUN_AT,
      async (sent) => {
        messages = sent;
      },
      { cases: 5 },
    );
    const planned = await run(runId);
    expect(planned.status).toBe('running');
    expect(planned.batchesTotal).toBe(messages.length);
    expect(messages.map((message) => message.batch)).toEqual(messages.map((_, index) => index + 1));
    expect(planned.casesDue).toBe(CASES);
    const plans = await partitionItems(`RUN#${runId}`, { skPrefix: 'PLAN#' });
    expect(plans).toHaveLength(messages.length);
    const planned_cases = plans.flatMap((plan) =>
      plan.kind === 'cases' ? (plan.cases as Array<{ caseId: string }>) : [],
    );
    for (const plan of plans)
      if (plan.kind === 'cases') expect((plan.cases as unknown[]).length).toBeLessThanOrEqual(CASES_PER_BATCH);
    for (const { caseId } of mine) expect(planned_cases.map((ref) => ref.caseId)).toContain(caseId);
  });

  it('counts a batch delivered twice at once, and again later, once', async () => {
    const first = messages[0] as BatchMessage;
    await Promise.all([workBatch(first, RUN_AT), workBatch(first, RUN_AT)]);
    await workBatch(first, RUN_AT);
    const after = await run(runId);
    expect(after.batchesDone).toBe(1);
    expect(after.status).toBe('running');
    const done = await partitionItems(`RUN#${runId}`, { skPrefix: 'DONE#' });
    expect(done).toHaveLength(1);
  });

  it('leaves no case half-judged when a worker dies before counting its batch', async () => {
    // the other suites' cases share the table (none due in 2025): take the next batch holding some of ours
    const plans = await partitionItems(`RUN#${runId}`, { skPrefix: 'PLAN#' });
    const ours = (plan: Record<string, unknown> | undefined) =>
      ((plan?.cases ?? []) as Array<{ caseId: string }>).filter((ref) => mine.some((m) => m.caseId === ref.caseId));
    const countedBefore = ours(plans[0]).length;
    const index = plans.findIndex((plan, n) => n > 0 && ours(plan).length > 0);
    expect(index).toBeGreaterThan(0);
    const second = messages[index] as BatchMessage;
    const plan = plans[index];
    // the process dies at the batch's closing transaction: its cases were judged, the batch is not counted
    const crash = 'crash-before-counting';
    dynamo.middlewareStack.add(
      (next) => async (args) => {
        const input = args.input as { TransactItems?: Array<{ Put?: { Item?: { sk?: string } } }> };
        if (String(input.TransactItems?.[0]?.Put?.Item?.sk ?? '').startsWith('DONE#')) {
          throw new Error('simulated crash');
        }
        return next(args);
      },
      { step: 'initialize', name: crash },
    );
    try {
      await expect(workBatch(second, RUN_AT)).rejects.toThrow('simulated crash');
    } finally {
      dynamo.middlewareStack.remove(crash);
    }
    const judged = ours(plan) as Array<{ projectId: string; caseId: string }>;
    for (const { projectId, caseId } of judged) expect(await cycleRecordsOf(projectId, caseId)).toHaveLength(1);
    const after = await run(runId);
    expect(after.batchesDone).toBe(1);
    expect(after.evaluated).toBe(countedBefore);
  });

  it('is finished by a re-plan and the remaining deliveries, every case judged exactly once', async () => {
    // the planner's event delivered again: the same stored batches are sent again, nothing is planned anew
    let resent: BatchMessage[] = [];
    await planEvaluation(runId, MONTH, RUN_AT, async (sent) => {
      resent = sent;
    });
    expect(resent).toEqual(messages);
    const finished = await runEvaluation(runId, MONTH, RUN_AT);
    expect(finished.status).toBe('succeeded');
    expect(finished.batchesDone).toBe(finished.batchesTotal);
    expect(finished.evaluated).toBe(CASES);
    expect(finished.evaluated).toBe(finished.escalated + finished.released + finished.continued);
    for (const { projectId, caseId } of mine) {
      const cycles = await cycleRecordsOf(projectId, caseId);
      expect(cycles, caseId).toHaveLength(1);
      expect(cycles[0]).toMatchObject({ runId, index: 1, end: '2025-03-31' });
      const timeline = (await api(`/v1/cases/${caseId}`, { token: inspector })).json as {
        timeline: Array<{ action: string }>;
        timelineIntact: boolean;
      };
      expect(timeline.timeline.filter((entry) => entry.action === 'cycle_evaluated')).toHaveLength(1);
      expect(timeline.timelineIntact).toBe(true);
    }
  });

  it("writes the month's statistics from the batches' lines", async () => {
    const stats = await api(`/v1/stats?month=${MONTH}`, { token: officer });
    expect(stats.status, stats.text).toBe(200);
    const body = stats.json as {
      casesByLevel: Record<string, number>;
      casesUnderSupervision: number;
      agencyInspections: { perCase: Array<{ caseId: string; level: number; inspections: number }>; nextToken: null };
    };
    expect(body.casesUnderSupervision).toBe(CASES);
    expect(Object.values(body.casesByLevel).reduce((sum, n) => sum + n, 0)).toBe(CASES);
    expect(body.agencyInspections.perCase.map((line) => line.caseId).sort()).toEqual(
      mine.map((ref) => ref.caseId).sort(),
    );
    // the agency inspected each project once in March (the failing inspection): short of 4 with 1 joint
    for (const line of body.agencyInspections.perCase) expect(line.inspections).toBe(1);
    expect(body.agencyInspections.nextToken).toBeNull();
    expect((await api(`/v1/stats?month=${MONTH}&nextToken=bm90LWEtdG9rZW4`, { token: officer })).status).toBe(400);
    // the lines are spread over 16 partitions, read in turn: a page resumes at a shard
    const token = (cursor: unknown) => Buffer.from(JSON.stringify(cursor)).toString('base64url');
    const tail = await api(`/v1/stats?month=${MONTH}&nextToken=${token({ s: 8 })}`, { token: officer });
    expect(tail.status, tail.text).toBe(200);
    const tailLines = (tail.json as typeof body).agencyInspections.perCase.map((line) => line.caseId);
    const shardOf = (caseId: string) => Number(keys.monthStatsLine(MONTH, caseId).pk.split('#').at(-1));
    expect(tailLines.sort()).toEqual(
      mine
        .map((ref) => ref.caseId)
        .filter((caseId) => shardOf(caseId) >= 8)
        .sort(),
    );
    for (const forged of [{ s: 16 }, { s: -1 }, { s: 1, k: 'x' }, { s: 1, k: mine[0]?.caseId, extra: 1 }]) {
      expect((await api(`/v1/stats?month=${MONTH}&nextToken=${token(forged)}`, { token: officer })).status).toBe(400);
    }
  });

  it('a second run of the month judges nothing and writes the same figures', async () => {
    const before = (await api(`/v1/stats?month=${MONTH}`, { token: officer })).json as Record<string, unknown>;
    const again = await runEvaluation(newId('run'), MONTH, RUN_AT);
    expect(again).toMatchObject({ status: 'succeeded', evaluated: 0, escalated: 0, released: 0, skipped: 0 });
    const after = (await api(`/v1/stats?month=${MONTH}`, { token: officer })).json as Record<string, unknown>;
    expect({ ...after, computedAt: null }).toEqual({ ...before, computedAt: null });
  });

  it('catches up the months no run judged, cycle by cycle, and counts each case once in its progress', async () => {
    // no run for April or May (a schedule that did not fire): June's run judges each case's April, May and June
    // cycles, in order, each in its own transaction
    const catchUp = newId('run');
    const finished = await runEvaluation(catchUp, '2025-06', new Date('2025-07-01T01:00:00+08:00'));
    expect(finished.status).toBe('succeeded');
    expect(finished.casesDue).toBe(CASES);
    expect(finished.evaluated).toBe(3 * CASES);
    const view = await api(`/v1/evaluations/${catchUp}`, { token: officer });
    expect(view.status, view.text).toBe(200);
    // the progress an officer watches counts cases, as casesDue does: 12 of 12, not 36 of 12
    expect((view.json as { progress: Record<string, unknown> }).progress).toMatchObject({
      casesDue: CASES,
      done: CASES,
    });
    for (const { projectId, caseId } of mine) {
      const cycles = await cycleRecordsOf(projectId, caseId);
      expect(
        cycles.map((cycle) => [cycle.index, cycle.end]),
        caseId,
      ).toEqual([
        [1, '2025-03-31'],
        [2, '2025-04-30'],
        [3, '2025-05-31'],
        [4, '2025-06-30'],
      ]);
      expect(cycles.slice(1).every((cycle) => cycle.runId === catchUp)).toBe(true);
    }
  });
});
