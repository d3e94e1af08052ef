/**
 * The public site against the whole local twin: circular records written straight into the table (shaped like the
 * life cycle leaves them: published under gsi1 `CIRCULARS#published`, one retracted), the publisher's handler called
 * with a CircularPublished event, then every page and feed fetched through the gateway like a reader would, and the
 * index and a circular page opened on a phone-sized headless Chromium.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { EventBridgeEvent } from 'aws-lambda';
import { parseAtomFeed, parseJsonFeed, parseRssFeed } from 'feedsmith';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handler } from '../../functions/public-publisher/handler.js';
import { TOMBSTONES_NS } from '../../shared/documents/public-site.js';
import { keys, listings } from '../../shared/store/keys.js';
import { CHROMIUM, hasChromium, launchChromium } from '../support/browser.js';
import { api, baseUrl, table } from './support/api.js';
import { creditCode } from './support/fixtures.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const ARTIFACTS = join(ROOT, 'test-artifacts');
const PHONE = { width: 390, height: 844 };
const HAS_CHROMIUM = hasChromium;
if (!HAS_CHROMIUM) console.warn(`public-site browser checks skipped: ${CHROMIUM} is absent`);

const run = Date.now().toString(36);
const projectId = `prj_pub${run}`;
const caseId = `cas_pub${run}`;
const standingId = `cir_pub${run}a`;
const retractedId = `cir_pub${run}b`;
const units = [
  { role: 'developer', name: '北京运河置业有限公司', creditCode: creditCode() },
  { role: 'general_contractor', name: '北京城建某建筑工程有限公司', creditCode: creditCode() },
  { role: 'supervisor', name: '北京某工程监理有限公司', creditCode: creditCode() },
];

/** A circular record as shared/usecases/escalation.ts drafts it, moved on by the life cycle to `status`. */
function circularItem(id: string, sequence: number, status: 'published' | 'retracted', draftedAt: string) {
  const draftedOn = draftedAt.slice(0, 10);
  const projectName = '通州区运河商务区 7 号地块办公楼项目（一期）工程总承包';
  return {
    ...keys.circular(projectId, caseId, id),
    type: 'circular',
    gsi1pk: listings.circularsByStatus(status),
    // listed at the instant of its last status change, as the life cycle (shared/usecases/circulars.ts) lists it
    gsi1sk: `${status === 'retracted' ? '2026-06-20T03:00:00.000Z' : '2026-06-10T02:00:00.000Z'}#${id}`,
    id,
    caseId,
    projectId,
    number: `通住建安通〔2026〕${sequence}号`,
    sequence,
    status,
    title: `关于对${projectName}安全生产管理问题的通报`,
    body: [
      '各有关单位：',
      `${projectName}被纳入建筑工程施工现场安全生产差别化监管。在采取差别化监管措施三个周期后，该项目施工现场安全管理水平仍无法达到安全管理要求，现予以全区通报批评。`,
      '项目经理：张*；总监理工程师：李*',
      '通州区住房和城乡建设委员会',
    ].join('\n'),
    authority: '通州区住房和城乡建设委员会',
    projectName,
    units,
    keyPersons: [
      { role: 'project_manager', name: '张*' },
      { role: 'chief_supervising_engineer', name: '李*' },
    ],
    conditionsMet: ['C1', 'C4'],
    violations: ['外脚手架连墙件缺失，经三次复查仍未整改到位', '项目安全管理机构不健全，专职安全员配备不足'],
    measures: [
      { level: 1, code: 'resident_supervision', name: '驻场监督', startedOn: '2026-03-01' },
      { level: 3, code: 'district_circular', name: '全区通报批评', startedOn: draftedOn },
    ],
    draftedOn,
    draftedAt,
    statementWindowEndsOn: draftedOn,
    statementWindowEndsAt: draftedAt,
    calendarVersion: 'test',
    statements: status === 'published' ? [{ unitCreditCode: units[1]?.creditCode, documentId: 'doc_1' }] : [],
    publishedOn: '2026-06-10',
    publishedAt: '2026-06-10T02:00:00.000Z',
    validUntil: '2027-06-09',
    eventId: `evt_${id}`,
    cycleIndex: 3,
    month: '2026-05',
    ...(status === 'retracted'
      ? {
          retractedOn: '2026-06-20',
          retractedAt: '2026-06-20T03:00:00.000Z',
          retractionReason: '被通报单位申辩理由成立',
        }
      : {}),
  };
}

function publishedEvent(id: string): EventBridgeEvent<'CircularPublished', unknown> {
  return {
    id: `eb-${id}`,
    version: '0',
    account: '000000000000',
    time: '2026-06-10T02:00:00Z',
    region: 'us-east-1',
    resources: [],
    source: 'supervision',
    'detail-type': 'CircularPublished',
    detail: {
      eventId: `evt_published_${id}`,
      occurredAt: '2026-06-10T02:00:00.000Z',
      subjectId: id,
      data: { circularId: id, caseId, projectId, number: '通住建安通〔2026〕1号' },
    },
  };
}

describe('the public site of the circulars', () => {
  const pageUrl = (id: string) => `${baseUrl()}/public/circulars/${id}.html`;

  let browser: Browser | undefined;

  beforeAll(async () => {
    for (const item of [
      circularItem(standingId, 1, 'published', '2026-05-20T02:00:00.000Z'),
      circularItem(retractedId, 2, 'retracted', '2026-05-25T02:00:00.000Z'),
    ]) {
      await table.client.send(new PutCommand({ TableName: table.name, Item: item }));
    }
    if (!HAS_CHROMIUM) return;
    mkdirSync(ARTIFACTS, { recursive: true });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('regenerates on CircularPublished, and a redelivery writes nothing', async () => {
    const first = await handler(publishedEvent(standingId));
    expect(first.written).toEqual(
      expect.arrayContaining([
        `public/circulars/${standingId}.html`,
        'public/archive/2026.html',
        'public/index.html',
        'public/circulars.json',
        'public/circulars.atom',
        'public/circulars.rss',
      ]),
    );
    const before = await api('/public/circulars.json');
    const again = await handler(publishedEvent(standingId));
    expect(again.written).toEqual([]);
    const after = await api('/public/circulars.json');
    expect(after.text).toBe(before.text);
    expect(after.headers.get('etag')).toBe(before.headers.get('etag'));
  });

  it('serves the index: the standing circular, not the retracted one', async () => {
    const index = await api('/public/');
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(index.headers.get('cache-control')).toBe('public, max-age=300');
    expect(index.text).toContain('<html lang="zh-CN">');
    expect(index.text).toContain(`circulars/${standingId}.html`);
    expect(index.text).not.toContain(retractedId);
    expect(index.text).toContain(units[1]?.creditCode);
    expect(index.text).toContain('archive/2026.html');
  });

  it("serves the circular's page", async () => {
    const page = await api(`/public/circulars/${standingId}.html`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    for (const text of ['通住建安通〔2026〕1号', '被通报单位已提出陈述申辩', units[0]?.creditCode ?? '', '驻场监督']) {
      expect(page.text).toContain(text);
    }
  });

  it('serves the JSON Feed with the circular and the retraction', async () => {
    const response = await api('/public/circulars.json');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/feed+json; charset=utf-8');
    const feed = JSON.parse(response.text);
    // other tests of the suite publish circulars on the same stack: look at ours, in their order
    const ours = [pageUrl(retractedId), pageUrl(standingId)];
    expect(
      parseJsonFeed(feed)
        .items?.map((item) => item.id)
        .filter((id) => ours.includes(id as string)),
    ).toEqual(ours);
    const statuses = feed.items
      .map((item: { _supervision: { circularId: string; status: string } }) => [
        item._supervision.circularId,
        item._supervision.status,
      ])
      .filter(([id]: string[]) => id === retractedId || id === standingId);
    expect(statuses).toEqual([
      [retractedId, 'retracted'],
      [standingId, 'published'],
    ]);
  });

  it('serves Atom with the circular as an entry and the retraction as a tombstone', async () => {
    const response = await api('/public/circulars.atom');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    const entries = parseAtomFeed(response.text).entries?.map((entry) => entry.id) ?? [];
    expect(entries).toContain(pageUrl(standingId));
    expect(entries).not.toContain(pageUrl(retractedId));
    expect(response.text).toContain(`xmlns:at="${TOMBSTONES_NS}"`);
    expect(response.text).toContain(
      `<at:deleted-entry ref="${pageUrl(retractedId)}" when="2026-06-20T11:00:00+08:00">`,
    );
  });

  it('serves RSS with the circular', async () => {
    const response = await api('/public/circulars.rss');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/rss+xml; charset=utf-8');
    const guids = parseRssFeed(response.text).items?.map((item) => item.guid?.value);
    expect(guids).toContain(pageUrl(standingId));
  });

  // the pages and the feed are read by a real browser: the screen of a phone, and the XML parser of the web
  describe.skipIf(!HAS_CHROMIUM)('on a phone', () => {
    for (const [name, path, screenshot] of [
      ['the index', '/public/', 'public-index.png'],
      ['a circular', `/public/circulars/${standingId}.html`, 'public-circular.png'],
    ] as const) {
      it(`${name} is zh-CN and fits 390 px without scrolling sideways`, async () => {
        const context = await browser!.newContext({ viewport: PHONE, deviceScaleFactor: 2, isMobile: true });
        try {
          const page = await context.newPage();
          const response = await page.goto(`${baseUrl()}${path}`);
          expect(response?.status()).toBe(200);
          expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
          // an expression, not a function: the test compiles without the DOM's types
          const widths = await page.evaluate<{ scroll: number; viewport: number }>(
            '({ scroll: document.scrollingElement.scrollWidth, viewport: window.innerWidth })',
          );
          expect(widths.scroll).toBeLessThanOrEqual(widths.viewport);
          await page.screenshot({ path: join(ARTIFACTS, screenshot), fullPage: true });
        } finally {
          await context.close();
        }
      });
    }

    it("the Atom feed is well-formed XML and its tombstone is in RFC 6721's namespace", async () => {
      const atom = (await api('/public/circulars.atom')).text;
      const context = await browser!.newContext();
      try {
        const page = await context.newPage();
        const found = await page.evaluate<{ errors: number; tombstones: string[]; comments: number }>(
          `(() => {
            const doc = new DOMParser().parseFromString(${JSON.stringify(atom)}, 'application/xml');
            const ns = ${JSON.stringify(TOMBSTONES_NS)};
            return {
              errors: doc.getElementsByTagName('parsererror').length,
              tombstones: [...doc.getElementsByTagNameNS(ns, 'deleted-entry')].map((el) => el.getAttribute('ref')),
              comments: doc.getElementsByTagNameNS(ns, 'comment').length,
            };
          })()`,
        );
        expect(found.errors).toBe(0);
        expect(found.tombstones).toContain(pageUrl(retractedId));
        expect(found.comments).toBe(found.tombstones.length);
      } finally {
        await context.close();
      }
    });
  });
});
