/**
 * What is overdue across every case (SPEC §7 dashboard: notices and hazards overdue), through
 * `GET /v1/overdue/hazards` and `GET /v1/overdue/notices`: the daily deadline sweep lists what it flags, a hazard's
 * acceptance and a notice's signed receipt take them off, items flagged before the listings existed are listed by
 * the next sweep without a second event, and the lists page with `nextToken`.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keys } from '../../shared/store/keys.js';
import {
  api,
  eventually,
  journalOf,
  partitionItems,
  setClock,
  table,
  tokenFor,
  triggerSchedule,
} from './support/api.js';
import { pdf, uploadDocument, verdictOf } from './support/documents.js';
import { contractorOf } from './support/fixtures.js';
import { activeCase, uploadLink } from './support/records.js';

interface OverdueHazard {
  id: string;
  projectId: string;
  projectName: string;
  caseId: string | null;
  deadline: string;
  status: string;
  overdueSince: string;
}
interface OverdueNotice {
  id: string;
  caseId: string;
  projectName: string;
  number: string;
  receiptDueOn: string;
  overdueSince: string;
}
interface Page<T> {
  items: T[];
  nextToken: string | null;
}

let inspector: string;
let setup: Awaited<ReturnType<typeof activeCase>>;

/** Every page of a listing (the shared table holds other suites' overdue items too). */
async function everything<T>(path: string): Promise<T[]> {
  const items: T[] = [];
  let nextToken: string | null = null;
  do {
    const query: string = nextToken ? `&nextToken=${encodeURIComponent(nextToken)}` : '';
    const response = await api(`${path}?limit=100${query}`, { token: inspector });
    expect(response.status, response.text).toBe(200);
    const page = response.json as Page<T>;
    items.push(...page.items);
    nextToken = page.nextToken;
  } while (nextToken);
  return items;
}

const overdueHazardsOf = async (projectId: string) =>
  (await everything<OverdueHazard>('/v1/overdue/hazards')).filter((hazard) => hazard.projectId === projectId);
const overdueNoticesOf = async (caseId: string) =>
  (await everything<OverdueNotice>('/v1/overdue/notices')).filter((notice) => notice.caseId === caseId);

async function sweep(): Promise<void> {
  const response = await triggerSchedule('daily-deadlines');
  expect(response.status, response.text).toBeLessThan(300);
}

beforeAll(async () => {
  await setClock('2026-09-10T02:00:00Z');
  inspector = await tokenFor('inspector');
  // a failing inspection on 2026-09-10 (four hazards due 2026-09-20), confirmed: an inclusion notice whose receipt
  // is due a few working days later
  setup = await activeCase();
});

afterAll(async () => {
  await setClock(null);
});

describe('the overdue lists', () => {
  it('list nothing of a case before its deadlines pass', async () => {
    await sweep();
    expect(await overdueHazardsOf(setup.projectId)).toEqual([]);
    expect(await overdueNoticesOf(setup.caseId)).toEqual([]);
  });

  it('list what the daily sweep flags, with the project and the case, once', async () => {
    await setClock('2026-10-09T01:00:00Z');
    await sweep();
    const hazards = await overdueHazardsOf(setup.projectId);
    expect(hazards.map((hazard) => hazard.id).sort()).toEqual([...setup.hazardIds].sort());
    for (const hazard of hazards) {
      expect(hazard).toMatchObject({
        projectName: setup.body.name,
        caseId: setup.caseId,
        deadline: '2026-09-20',
        status: 'open',
        overdueSince: '2026-10-09',
      });
    }
    const notices = await overdueNoticesOf(setup.caseId);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ id: setup.noticeId, projectName: setup.body.name });
    expect(notices[0]?.number).toMatch(/\S/);
    expect(notices[0]?.overdueSince).toMatch(/^2026-10-09T/);

    // a second sweep the same day flags nothing again: the listing as it was, one HazardOverdue per hazard (moving
    // the clock also fires the twin's own schedules, the daily sweep among them: those runs race this one, and the
    // conditional flags let exactly one of them win)
    await sweep();
    expect(await overdueHazardsOf(setup.projectId)).toEqual(hazards);
    for (const hazardId of setup.hazardIds) {
      const journal = await eventually(
        () => partitionItems(`JOURNAL#${hazardId}`),
        (items) => items.some((item) => item.eventType === 'HazardOverdue'),
        { what: `HazardOverdue of ${hazardId}` },
      );
      expect(journal.filter((item) => item.eventType === 'HazardOverdue')).toHaveLength(1);
    }
  });

  it('page with nextToken, each item once', async () => {
    const seen: string[] = [];
    let nextToken: string | null = null;
    do {
      const query: string = nextToken ? `&nextToken=${encodeURIComponent(nextToken)}` : '';
      const response = await api(`/v1/overdue/hazards?limit=1${query}`, { token: inspector });
      expect(response.status, response.text).toBe(200);
      const page = response.json as Page<OverdueHazard>;
      expect(page.items.length).toBeLessThanOrEqual(1);
      seen.push(...page.items.map((hazard) => hazard.id));
      nextToken = page.nextToken;
    } while (nextToken);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expect.arrayContaining(setup.hazardIds));
  });

  it('take a hazard off when it is accepted, and keep one that is only rejected', async () => {
    const [accepted, rejected] = setup.hazardIds as [string, string];
    const verify = (hazardId: string, result: 'accepted' | 'rejected') =>
      api(`/v1/hazards/${hazardId}/verifications`, {
        method: 'POST',
        token: inspector,
        body: { result, date: '2026-10-09', note: '复查' },
      });
    const first = await verify(accepted, 'accepted');
    expect(first.status, first.text).toBe(201);
    const second = await verify(rejected, 'rejected');
    expect(second.status, second.text).toBe(201);
    const listed = (await overdueHazardsOf(setup.projectId)).map((hazard) => hazard.id);
    expect(listed).not.toContain(accepted);
    expect(listed).toContain(rejected);
    expect((await overdueHazardsOf(setup.projectId)).find((hazard) => hazard.id === rejected)?.status).toBe('rejected');
  });

  it('take a notice off when its signed receipt comes back', async () => {
    const contractor = contractorOf(setup.body);
    const { token } = await uploadLink(setup.caseId, contractor);
    const { documentId } = await uploadDocument(
      token,
      { docType: 'notice_receipt', fileName: '告知单回执.pdf' },
      pdf('signed receipt'),
    );
    expect((await verdictOf(token, documentId)).status).toBe('accepted');
    expect(await overdueNoticesOf(setup.caseId)).toEqual([]);
  });

  it('list items flagged before the listings existed at the next sweep, without a second event', async () => {
    const [, , third] = setup.hazardIds as [string, string, string];
    // as an item flagged by the sweep of an earlier release looks: flagged, not listed
    await table.client.send(
      new UpdateCommand({
        TableName: table.name,
        Key: keys.hazard(setup.projectId, third),
        UpdateExpression: 'REMOVE gsi1pk, gsi1sk, overdueListedOn, listedProjectName, listedCaseId',
      }),
    );
    expect((await overdueHazardsOf(setup.projectId)).map((hazard) => hazard.id)).not.toContain(third);
    const overdueEvents = async () =>
      (await journalOf(third)).filter((entry) => entry.eventType === 'HazardOverdue').length;
    const eventsBefore = await overdueEvents();

    await setClock('2026-10-10T01:00:00Z');
    await sweep();
    const listed = (await overdueHazardsOf(setup.projectId)).find((hazard) => hazard.id === third);
    expect(listed).toMatchObject({ caseId: setup.caseId, projectName: setup.body.name, overdueSince: '2026-10-09' });
    expect(await overdueEvents()).toBe(eventsBefore);
  });

  it('are for agency staff only, and say in Chinese what is wrong with a query', async () => {
    const contractor = contractorOf(setup.body);
    const { token } = await uploadLink(setup.caseId, contractor);
    for (const path of ['/v1/overdue/hazards', '/v1/overdue/notices']) {
      // an upload link's token is not an agency sign-in
      expect((await api(path, { token })).status).toBe(401);
      expect((await api(path)).status).toBe(401);
    }
    const bad = await api('/v1/overdue/hazards?limit=0', { token: inspector });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(/problem\+json/);
    expect(bad.text).toMatch(/[\u4e00-\u9fff]/);
  });
});
