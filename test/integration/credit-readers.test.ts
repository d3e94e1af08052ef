/**
 * The two readers the credit lookup (SPEC §6.6) takes from rankings and enterprise-level supervision, against the
 * real table: an enterprise's ranks per role as they stood on a day (the revision published by then; a correction
 * counts from its own publication; a draft never), and its enterprise case as it stood on a day. The items are
 * written as the ranking run and the enterprise-case life cycle write them; the quarters are far from the other
 * suites' (they share one table).
 */
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { keys, listings } from '../../shared/store/keys.js';
import { enterpriseCaseOf } from '../../shared/usecases/enterprise-cases.js';
import { latestPublishedRanks } from '../../shared/usecases/rankings.js';
import { table } from './support/api.js';
import { creditCode } from './support/fixtures.js';

async function write(items: Array<Record<string, unknown>>) {
  for (let i = 0; i < items.length; i += 25) {
    await table.client.send(
      new BatchWriteCommand({
        RequestItems: { [table.name]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) },
      }),
    );
  }
}

function head(quarter: string, publications: Array<{ revision: number; runId: string; publishedOn: string }>) {
  const latest = publications.at(-1);
  return {
    ...keys.rankingHead(quarter),
    type: 'ranking-head',
    gsi1pk: listings.rankings,
    gsi1sk: quarter,
    quarter,
    revision: (latest?.revision ?? 0) + 1,
    status: 'draft',
    runInFlight: null,
    publications: publications.map((p) => ({ ...p, publishedAt: `${p.publishedOn}T10:00:00+08:00`, reason: null })),
    version: 1,
  };
}

function rank(code: string, quarter: string, runId: string, role: string, place: number) {
  return {
    ...keys.enterpriseRank(code, quarter, runId, role),
    type: 'enterprise-rank',
    creditCode: code,
    name: '北京某建设工程有限公司',
    quarter,
    runId,
    role,
    rank: place,
    of: 120,
    score: 90 - place / 10,
    grade: 'excellent',
    rankPoints: 10,
    projects: 2,
  };
}

describe('latestPublishedRanks(creditCode, date)', () => {
  it('answers, per role, the latest published ranking listing the enterprise, as it stood that day', async () => {
    const code = creditCode();
    // 2041Q1: revision 1 published 04-15, a correction (revision 2) published 05-10; revision 3 is a draft
    // 2041Q2: revision 1 published 07-14 lists it as general contractor only
    await write([
      head('2041Q1', [
        { revision: 1, runId: 'rkr_q1r1', publishedOn: '2041-04-15' },
        { revision: 2, runId: 'rkr_q1r2', publishedOn: '2041-05-10' },
      ]),
      head('2041Q2', [{ revision: 1, runId: 'rkr_q2r1', publishedOn: '2041-07-14' }]),
      rank(code, '2041Q1', 'rkr_q1r1', 'general_contractor', 30),
      rank(code, '2041Q1', 'rkr_q1r1', 'supervisor', 7),
      rank(code, '2041Q1', 'rkr_q1r2', 'general_contractor', 31),
      rank(code, '2041Q1', 'rkr_q1r2', 'supervisor', 8),
      rank(code, '2041Q1', 'rkr_q1r3', 'general_contractor', 1),
      rank(code, '2041Q2', 'rkr_q2r1', 'general_contractor', 60),
    ]);

    expect(await latestPublishedRanks(code, '2041-04-14')).toEqual([]);
    const first = await latestPublishedRanks(code, '2041-04-15');
    expect(first.map((r) => [r.role, r.quarter, r.revision, r.rank])).toEqual([
      ['general_contractor', '2041Q1', 1, 30],
      ['supervisor', '2041Q1', 1, 7],
    ]);
    const corrected = await latestPublishedRanks(code, '2041-06-30');
    expect(corrected.map((r) => [r.role, r.quarter, r.revision, r.rank])).toEqual([
      ['general_contractor', '2041Q1', 2, 31],
      ['supervisor', '2041Q1', 2, 8],
    ]);
    const later = await latestPublishedRanks(code, '2041-08-01');
    expect(later.map((r) => [r.role, r.quarter, r.rank])).toEqual([
      ['general_contractor', '2041Q2', 60],
      ['supervisor', '2041Q1', 8],
    ]);
    expect(later[0]).toMatchObject({ of: 120, rankPoints: 10, grade: 'excellent', publishedOn: '2041-07-14' });
  });

  it('is empty for an enterprise never ranked', async () => {
    expect(await latestPublishedRanks(creditCode(), '2041-08-01')).toEqual([]);
  });
});

describe('enterpriseCaseOf(creditCode, date)', () => {
  it('answers the open case of the day: proposed, then active, then nothing after release', async () => {
    const code = creditCode();
    const record = (id: string, fields: Record<string, unknown>) => ({
      ...keys.enterpriseCase(code, id),
      type: 'enterprise-case',
      id,
      creditCode: code,
      name: '北京某监理有限公司',
      roles: ['supervisor'],
      grounds: [],
      weighings: [],
      ruleSetVersion: 'v1',
      timelineSeq: 1,
      timelineHead: 'x',
      ...fields,
    });
    await write([
      record('ecs_01A', {
        status: 'released',
        proposedOn: '2041-04-15',
        includedOn: '2041-04-20',
        releasedOn: '2041-07-14',
      }),
      record('ecs_01B', { status: 'proposed', proposedOn: '2041-09-01' }),
      // a timeline entry in the same partition is not a case
      { ...keys.enterpriseCaseTimelineEntry(code, 'ecs_01A', 1), type: 'enterprise-case-timeline', seq: 1 },
    ]);
    expect(await enterpriseCaseOf(code, '2041-04-14')).toBeNull();
    expect(await enterpriseCaseOf(code, '2041-04-16')).toMatchObject({ status: 'proposed', since: '2041-04-15' });
    expect(await enterpriseCaseOf(code, '2041-05-01')).toMatchObject({ status: 'active', since: '2041-04-20' });
    expect(await enterpriseCaseOf(code, '2041-07-14')).toBeNull();
    expect(await enterpriseCaseOf(code, '2041-09-02')).toMatchObject({
      status: 'proposed',
      since: '2041-09-01',
      caseId: 'ecs_01B',
    });
    expect(await enterpriseCaseOf(creditCode(), '2041-09-02')).toBeNull();
  });
});
