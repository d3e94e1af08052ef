/**
 * A circular takes its number when it is published (SPEC §2.2: a 文号 belongs to an issued document), so a draft an
 * officer abandons (`POST /v1/circulars/{id}/withdraw`) leaves no gap in the year's sequence. Against the whole local
 * twin; the drafts come from the escalation consumer as the bus would deliver a level-3 `CaseEscalated`. Other files
 * publish in 2026 too, so the counter is read before and after (the files run one at a time); the clock stays in
 * September 2026 (no monthly run is set off by a jump of years).
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noticeCounterName } from '../../shared/domain/notice-number.js';
import { keys } from '../../shared/store/keys.js';
import { api, eventually, journalOf, partitionItems, setClock, table, tokenFor } from './support/api.js';
import { activeCase, draftCircular } from './support/records.js';

interface Circular {
  id: string;
  number: string | null;
  status: string;
  caseId: string;
  projectId: string;
  publishedOn: string | null;
  withdrawnOn: string | null;
  withdrawalReason: string | null;
}

interface Problem {
  status: number;
  title: string;
  detail: string;
}

let inspector: string;
let officer: string;

async function counterValue(year: number): Promise<number | undefined> {
  const [item] = await partitionItems(keys.counter(noticeCounterName('circular', year)).pk);
  return item?.value as number | undefined;
}

async function circularById(id: string): Promise<Circular | undefined> {
  const all: Circular[] = [];
  let nextToken: string | null = null;
  do {
    const query = new URLSearchParams({ limit: '100' });
    if (nextToken) query.set('nextToken', nextToken);
    const page = (await api(`/v1/circulars?${query}`, { token: inspector })).json as {
      items: Circular[];
      nextToken: string | null;
    };
    all.push(...page.items);
    nextToken = page.nextToken;
  } while (nextToken);
  return all.find((circular) => circular.id === id);
}

const NOW = '2026-09-10T10:00:00+08:00';
/** after the drafts' statement window (5 working days from 09-10) */
const PUBLICATION_DAY = '2026-09-25T10:00:00+08:00';
const numbered = (n: number) => `通住建安通〔2026〕${n}号`;

/** Two active cases, each at level 3 with its draft circular, drafted on 10 September 2026. */
async function twoDrafts() {
  await setClock(NOW);
  const cases = [await activeCase(), await activeCase()];
  const ids: string[] = [];
  for (const record of cases) ids.push(await draftCircular(record, NOW));
  return cases.map((record, index) => ({ ...record, circularId: ids[index] as string }));
}

beforeAll(async () => {
  inspector = await tokenFor('inspector');
  officer = await tokenFor('officer');
});

afterAll(async () => {
  await setClock(null);
});

describe('circular numbers are taken at publication; a draft can be withdrawn', () => {
  let drafts: Awaited<ReturnType<typeof twoDrafts>>;
  let before: number;

  it('a draft has no number and takes none from the counter', async () => {
    before = (await counterValue(2026)) ?? 0;
    drafts = await twoDrafts();
    for (const draft of drafts) {
      expect(await circularById(draft.circularId)).toMatchObject({ status: 'draft', number: null });
    }
    expect((await counterValue(2026)) ?? 0).toBe(before);
  });

  it('refuses a withdrawal without a reason (400) or by an inspector (403)', async () => {
    await setClock('2026-09-11T10:00:00+08:00');
    const path = `/v1/circulars/${drafts[0]?.circularId}/withdraw`;
    expect((await api(path, { method: 'POST', token: officer, body: {} })).status).toBe(400);
    expect((await api(path, { method: 'POST', token: inspector, body: { reason: '撤销' } })).status).toBe(403);
    expect((await circularById(drafts[0]?.circularId as string))?.status).toBe('draft');
  });

  it('withdraws a draft, idempotently: never public, listed as withdrawn, on the timeline', async () => {
    const first = drafts[0] as (typeof drafts)[number];
    const path = `/v1/circulars/${first.circularId}/withdraw`;
    const reason = '经复核，该项目事实需进一步核实，本草稿不再发布';
    const withdrawn = await api(path, { method: 'POST', token: officer, body: { reason } });
    expect(withdrawn.status, withdrawn.text).toBe(200);
    expect(withdrawn.json).toMatchObject({
      id: first.circularId,
      status: 'withdrawn',
      number: null,
      withdrawnOn: '2026-09-11',
      withdrawalReason: reason,
      publishedOn: null,
    });
    // again, even with another reason: the circular as it is, nothing written twice
    const again = await api(path, { method: 'POST', token: officer, body: { reason: '再次撤销' } });
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({ status: 'withdrawn', withdrawalReason: reason });

    const listed = (await api('/v1/circulars?status=withdrawn&limit=100', { token: inspector })).json as {
      items: Circular[];
    };
    expect(listed.items.map((circular) => circular.id)).toContain(first.circularId);
    const drafted = (await api('/v1/circulars?status=draft&limit=100', { token: inspector })).json as {
      items: Circular[];
    };
    expect(drafted.items.map((circular) => circular.id)).not.toContain(first.circularId);

    const view = (await api(`/v1/cases/${first.caseId}`, { token: inspector })).json as {
      timeline: Array<{ action: string; detail: Record<string, unknown> }>;
      timelineIntact: boolean;
    };
    const entries = view.timeline.filter((entry) => entry.action === 'circular_withdrawn');
    expect(entries).toHaveLength(1);
    expect(entries[0]?.detail).toMatchObject({ circularId: first.circularId, reason });
    expect(view.timelineIntact).toBe(true);
    const journal = await eventually(
      () => journalOf(first.circularId),
      (items) => items.some((item) => item.eventType === 'CircularWithdrawn'),
      { what: 'CircularWithdrawn in the journal' },
    );
    expect(journal.filter((item) => item.eventType === 'CircularWithdrawn')).toHaveLength(1);
  });

  it('the next publication takes the next number: the withdrawn draft left no gap', async () => {
    await setClock(PUBLICATION_DAY);
    const second = drafts[1] as (typeof drafts)[number];
    const published = await api(`/v1/circulars/${second.circularId}/publish`, {
      method: 'POST',
      token: officer,
      body: {},
    });
    expect(published.status, published.text).toBe(200);
    expect(published.json).toMatchObject({ status: 'published', number: numbered(before + 1) });
    expect(await counterValue(2026)).toBe(before + 1);
    const view = (await api(`/v1/cases/${second.caseId}`, { token: inspector })).json as {
      timeline: Array<{ action: string; detail: Record<string, unknown> }>;
    };
    expect(view.timeline.find((entry) => entry.action === 'circular_published')?.detail).toMatchObject({
      number: numbered(before + 1),
    });
    const journal = await eventually(
      () => journalOf(second.circularId),
      (items) => items.some((item) => item.eventType === 'CircularPublished'),
      { what: 'CircularPublished in the journal' },
    );
    expect(journal.find((item) => item.eventType === 'CircularPublished')?.data).toMatchObject({
      number: numbered(before + 1),
    });
  });

  it('refuses (409, in Chinese) to publish a withdrawn draft, or to withdraw a published circular', async () => {
    const publish = await api(`/v1/circulars/${drafts[0]?.circularId}/publish`, {
      method: 'POST',
      token: officer,
      body: {},
    });
    expect(publish.status).toBe(409);
    expect(publish.headers.get('content-type')).toContain('application/problem+json');
    expect((publish.json as Problem).detail).toMatch(/已撤销/);
    const withdraw = await api(`/v1/circulars/${drafts[1]?.circularId}/withdraw`, {
      method: 'POST',
      token: officer,
      body: { reason: '撤销' },
    });
    expect(withdraw.status).toBe(409);
    expect((withdraw.json as Problem).detail).toContain(`通报${numbered(before + 1)}当前状态为“已发布”，只有草稿`);
    expect(await counterValue(2026)).toBe(before + 1);
    // a withdrawn draft never reaches the public site
    expect((await api(`/public/circulars/${drafts[0]?.circularId}.html`)).status).toBe(404);
  });

  it('publications at once take consecutive numbers, each exactly once', async () => {
    const start = (await counterValue(2026)) ?? 0;
    const pair = await twoDrafts();
    await setClock(PUBLICATION_DAY);
    const answers = await Promise.all(
      pair.map((draft) =>
        api(`/v1/circulars/${draft.circularId}/publish`, { method: 'POST', token: officer, body: {} }),
      ),
    );
    expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
    const numbers = answers.map((answer) => (answer.json as Circular).number).sort();
    expect(numbers).toEqual([numbered(start + 1), numbered(start + 2)].sort());
    expect(await counterValue(2026)).toBe(start + 2);
  });

  it('a draft made before this change keeps the number it was drafted with, and takes no other', async () => {
    const [legacy] = await twoDrafts();
    if (!legacy) throw new Error('no draft');
    const taken = ((await counterValue(2026)) ?? 0) + 1;
    // as the earlier version drafted it: numbered (and the counter moved) at the draft
    await table.client.send(
      new UpdateCommand({
        TableName: table.name,
        Key: keys.circular(legacy.projectId, legacy.caseId, legacy.circularId),
        UpdateExpression: 'SET #number = :number, #sequence = :sequence',
        ExpressionAttributeNames: { '#number': 'number', '#sequence': 'sequence' },
        ExpressionAttributeValues: { ':number': numbered(taken), ':sequence': taken },
      }),
    );
    await table.client.send(
      new UpdateCommand({
        TableName: table.name,
        Key: keys.counter(noticeCounterName('circular', 2026)),
        UpdateExpression: 'SET #value = :taken',
        ExpressionAttributeNames: { '#value': 'value' },
        ExpressionAttributeValues: { ':taken': taken },
      }),
    );
    await setClock(PUBLICATION_DAY);
    const published = await api(`/v1/circulars/${legacy.circularId}/publish`, {
      method: 'POST',
      token: officer,
      body: {},
    });
    expect(published.status, published.text).toBe(200);
    expect(published.json).toMatchObject({ status: 'published', number: numbered(taken) });
    expect(await counterValue(2026)).toBe(taken);
  });
});
