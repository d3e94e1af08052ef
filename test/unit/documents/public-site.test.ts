import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { parseAtomFeed, parseJsonFeed, parseRssFeed } from 'feedsmith';
import { describe, expect, it } from 'vitest';
import {
  CONTENT_TYPES,
  FEED_LIMIT,
  type PublicCircular,
  publicCircular,
  renderArchivePage,
  renderAtomFeed,
  renderCircularPage,
  renderIndexPage,
  renderJsonFeed,
  renderPublicSite,
  renderRssFeed,
  TOMBSTONES_NS,
} from '../../../shared/documents/public-site.js';
import { creditCodeCheckCharacter } from '../../../shared/domain/credit-code.js';
import { findPersonalData } from '../../../shared/domain/masking.js';

const site = { baseUrl: 'https://public.example.gov.cn/' };

function creditCode(serial: number): string {
  const body = `91110112MA0${String(serial).padStart(6, '0')}`;
  return body + creditCodeCheckCharacter(body);
}

/** A circular as the table holds it (CircularRecord plus the life cycle's fields), parsed as the publisher does. */
function circular(overrides: Record<string, unknown> = {}): PublicCircular {
  return publicCircular.parse({
    id: 'cir_01JTEST0000000000000000001',
    caseId: 'cas_1',
    projectId: 'prj_1',
    type: 'circular',
    number: '通住建安通〔2026〕1号',
    sequence: 1,
    status: 'published',
    title: '关于对运河商务区1号地块办公楼项目安全生产管理问题的通报',
    body: '各有关单位：\n运河商务区1号地块办公楼项目被纳入差别化监管。\n项目经理：张*\n通州区住房和城乡建设委员会\n2026年11月21日',
    authority: '通州区住房和城乡建设委员会',
    projectName: '运河商务区1号地块办公楼项目',
    units: [
      { role: 'developer', name: '北京运河置业有限公司', creditCode: creditCode(1) },
      { role: 'general_contractor', name: '北京某建筑工程有限公司', creditCode: creditCode(2) },
    ],
    keyPersons: [{ role: 'project_manager', name: '张*' }],
    conditionsMet: ['C1', 'C4'],
    violations: ['外脚手架连墙件缺失，整改不到位', '专职安全员配备不足'],
    measures: [
      { level: 1, code: 'resident_supervision', name: '驻场监督', startedOn: '2026-06-01' },
      { level: 3, code: 'district_circular', name: '全区通报批评', startedOn: '2026-11-21' },
    ],
    statements: [{ unitCreditCode: creditCode(2), documentId: 'doc_1' }],
    draftedOn: '2026-11-21',
    draftedAt: '2026-11-21T02:00:00.000Z',
    publishedOn: '2026-12-01',
    publishedAt: '2026-12-01T03:00:00.000Z',
    validUntil: '2027-11-30',
    ...overrides,
  });
}

const standing = circular();
const older = circular({
  id: 'cir_01JTEST0000000000000000002',
  number: '通住建安通〔2026〕2号',
  title: '关于对<b>"某"</b> & 项目的通报',
  projectName: '<script>alert(1)</script>项目',
  draftedAt: '2026-10-01T02:00:00.000Z',
  draftedOn: '2026-10-01',
  publishedOn: '2026-10-15',
  publishedAt: '2026-10-15T03:00:00.000Z',
  statements: [],
});
const retracted = circular({
  id: 'cir_01JTEST0000000000000000003',
  number: '通住建安通〔2026〕3号',
  status: 'retracted',
  retractedOn: '2026-12-05',
  retractedAt: '2026-12-05T01:00:00.000Z',
  retractionReason: '事实认定有误 <已更正>',
});
const expired = circular({
  id: 'cir_01JTEST0000000000000000004',
  number: '通住建安通〔2025〕9号',
  status: 'expired',
  draftedOn: '2025-01-10',
  draftedAt: '2025-01-10T02:00:00.000Z',
  publishedOn: '2025-01-20',
  publishedAt: '2025-01-20T02:00:00.000Z',
  validUntil: '2026-01-19',
  expiredOn: '2026-01-20',
});
const all = [standing, older, retracted, expired];

/** JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/): required members and the types the spec gives them. */
const jsonFeedSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  required: ['version', 'title', 'items'],
  properties: {
    version: { const: 'https://jsonfeed.org/version/1.1' },
    title: { type: 'string' },
    home_page_url: { type: 'string', format: 'uri' },
    feed_url: { type: 'string', format: 'uri' },
    description: { type: 'string' },
    user_comment: { type: 'string' },
    next_url: { type: 'string', format: 'uri' },
    icon: { type: 'string', format: 'uri' },
    favicon: { type: 'string', format: 'uri' },
    authors: { type: 'array', items: { $ref: '#/$defs/author' } },
    language: { type: 'string' },
    expired: { type: 'boolean' },
    hubs: {
      type: 'array',
      items: {
        type: 'object',
        required: ['type', 'url'],
        properties: { type: { type: 'string' }, url: { type: 'string', format: 'uri' } },
      },
    },
    items: { type: 'array', items: { $ref: '#/$defs/item' } },
  },
  // extensions start with an underscore; anything else unknown is a mistake
  patternProperties: { '^_': { type: 'object' } },
  additionalProperties: false,
  $defs: {
    author: {
      type: 'object',
      properties: {
        name: { type: 'string' },
        url: { type: 'string', format: 'uri' },
        avatar: { type: 'string', format: 'uri' },
      },
      minProperties: 1,
    },
    item: {
      type: 'object',
      required: ['id'],
      anyOf: [{ required: ['content_html'] }, { required: ['content_text'] }],
      properties: {
        id: { type: 'string' },
        url: { type: 'string', format: 'uri' },
        external_url: { type: 'string', format: 'uri' },
        title: { type: 'string' },
        content_html: { type: 'string' },
        content_text: { type: 'string' },
        summary: { type: 'string' },
        image: { type: 'string', format: 'uri' },
        banner_image: { type: 'string', format: 'uri' },
        date_published: { type: 'string', format: 'date-time' },
        date_modified: { type: 'string', format: 'date-time' },
        authors: { type: 'array', items: { $ref: '#/$defs/author' } },
        tags: { type: 'array', items: { type: 'string' } },
        language: { type: 'string' },
        attachments: {
          type: 'array',
          items: {
            type: 'object',
            required: ['url', 'mime_type'],
            properties: { url: { type: 'string', format: 'uri' }, mime_type: { type: 'string' } },
          },
        },
      },
      patternProperties: { '^_': { type: 'object' } },
      additionalProperties: false,
    },
  },
};

describe('the JSON Feed', () => {
  const text = renderJsonFeed(all, site);
  const feed = JSON.parse(text);

  it('is valid JSON Feed 1.1 by a schema of the spec', () => {
    // strictRequired off: the item's anyOf names content_html / content_text, which the item's properties define
    const ajv = new Ajv2020.default({ allErrors: true, strict: true, strictRequired: false });
    addFormats.default(ajv);
    const validate = ajv.compile(jsonFeedSchema);
    expect(validate(feed), JSON.stringify(validate.errors)).toBe(true);
    // and the schema does reject what the spec forbids
    expect(validate({ version: 'https://jsonfeed.org/version/1', title: 1, items: [{ id: 2 }], extra: true })).toBe(
      false,
    );
  });

  it('parses with feedsmith and lists the circulars newest change first, withdrawals included', () => {
    const parsed = parseJsonFeed(feed);
    expect(parsed.title).toBe(feed.title);
    expect(parsed.items?.map((item) => item.id)).toEqual([
      'https://public.example.gov.cn/public/circulars/cir_01JTEST0000000000000000003.html',
      'https://public.example.gov.cn/public/circulars/cir_01JTEST0000000000000000001.html',
      'https://public.example.gov.cn/public/circulars/cir_01JTEST0000000000000000002.html',
      'https://public.example.gov.cn/public/circulars/cir_01JTEST0000000000000000004.html',
    ]);
    expect(feed.language).toBe('zh-CN');
    expect(feed.home_page_url).toBe('https://public.example.gov.cn/public/');
    expect(feed.feed_url).toBe('https://public.example.gov.cn/public/circulars.json');
  });

  it('carries the structured fields in _supervision, and says when a circular was withdrawn', () => {
    const byId = Object.fromEntries(
      feed.items.map((item: { _supervision: { circularId: string } }) => [
        item._supervision.circularId,
        item._supervision,
      ]),
    );
    const byStatus = {
      published: byId[standing.id],
      retracted: byId[retracted.id],
      expired: byId[expired.id],
    };
    expect(byStatus.published).toMatchObject({
      number: '通住建安通〔2026〕1号',
      projectName: '运河商务区1号地块办公楼项目',
      units: [
        { name: '北京运河置业有限公司', creditCode: creditCode(1) },
        { name: '北京某建筑工程有限公司', creditCode: creditCode(2) },
      ],
      publishedOn: '2026-12-01',
      validUntil: '2027-11-30',
      statementMade: true,
      retractedOn: null,
      reason: null,
    });
    expect(byStatus.published.conditions.map((c: { id: string }) => c.id)).toEqual(['C1', 'C4']);
    expect(byStatus.published.measures).toHaveLength(2);
    expect(byStatus.retracted).toMatchObject({
      retractedOn: '2026-12-05',
      reason: '事实认定有误 <已更正>',
      violations: [],
    });
    expect(byStatus.expired).toMatchObject({ expiredOn: '2026-01-20', reason: '公示期满' });
  });

  it(`keeps at most ${FEED_LIMIT} items`, () => {
    const many = Array.from({ length: FEED_LIMIT + 7 }, (_, i) =>
      circular({ id: `cir_${i}`, publishedAt: new Date(Date.UTC(2026, 0, 1 + i)).toISOString() }),
    );
    const items = JSON.parse(renderJsonFeed(many, site)).items;
    expect(items).toHaveLength(FEED_LIMIT);
    expect(items[0]._supervision.circularId).toBe(`cir_${FEED_LIMIT + 6}`);
  });
});

describe('the Atom feed', () => {
  const text = renderAtomFeed(all, site);

  it('parses with feedsmith: the standing circulars are entries, the withdrawn ones are not', () => {
    const feed = parseAtomFeed(text);
    expect(feed.entries?.map((entry) => entry.id)).toEqual([
      'https://public.example.gov.cn/public/circulars/cir_01JTEST0000000000000000001.html',
      'https://public.example.gov.cn/public/circulars/cir_01JTEST0000000000000000002.html',
    ]);
    expect(feed.entries?.[1]?.title).toEqual(expect.objectContaining({ value: `${older.title}（${older.number}）` }));
  });

  it('carries RFC 6721 tombstones for the retraction and the expiry, in the tombstones namespace', () => {
    expect(TOMBSTONES_NS).toBe('http://purl.org/atompub/tombstones/1.0');
    expect(text).toMatch(
      /<feed xmlns="http:\/\/www\.w3\.org\/2005\/Atom" xmlns:at="http:\/\/purl\.org\/atompub\/tombstones\/1\.0"/,
    );
    const tombstones = [
      ...text.matchAll(/<at:deleted-entry ref="([^"]+)" when="([^"]+)">([\s\S]*?)<\/at:deleted-entry>/g),
    ];
    expect(tombstones.map((m) => [m[1], m[2]])).toEqual([
      [
        'https://public.example.gov.cn/public/circulars/cir_01JTEST0000000000000000003.html',
        '2026-12-05T09:00:00+08:00',
      ],
      [
        'https://public.example.gov.cn/public/circulars/cir_01JTEST0000000000000000004.html',
        '2026-01-20T00:00:00+08:00',
      ],
    ]);
    expect(tombstones[0]?.[3]).toContain('<at:comment xml:lang="zh-CN">');
    expect(tombstones[0]?.[3]).toContain('撤回理由：事实认定有误 &lt;已更正&gt;');
    expect(tombstones[1]?.[3]).toContain('公示期满');
  });

  it('escapes the text', () => {
    expect(text).toContain(
      '<title>关于对&lt;b&gt;&quot;某&quot;&lt;/b&gt; &amp; 项目的通报（通住建安通〔2026〕2号）</title>',
    );
    expect(text).not.toContain('<script>');
  });
});

describe('the RSS feed', () => {
  it('parses with feedsmith, lists the standing circulars and announces the withdrawals as their own items', () => {
    const feed = parseRssFeed(renderRssFeed(all, site));
    expect(feed.language).toBe('zh-cn');
    const guids = feed.items?.map((item) => item.guid?.value);
    expect(guids).toContain('https://public.example.gov.cn/public/circulars/cir_01JTEST0000000000000000001.html');
    expect(guids).toContain(
      'https://public.example.gov.cn/public/circulars/cir_01JTEST0000000000000000003.html#retracted',
    );
    expect(feed.items?.find((item) => item.guid?.value?.endsWith('#retracted'))?.title).toMatch(/^【已撤回】/);
    expect(feed.items?.[1]?.pubDate).toBe('Tue, 01 Dec 2026 03:00:00 GMT');
  });
});

describe('the HTML pages', () => {
  it('the index: zh-CN, mobile viewport, standing circulars only, year links and the units with credit codes', () => {
    const html = renderIndexPage(all, [2026, 2025], site);
    expect(html).toMatch(/^<!doctype html>\n<html lang="zh-CN">/);
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(html).toContain('href="circulars/cir_01JTEST0000000000000000001.html"');
    expect(html).not.toContain('cir_01JTEST0000000000000000003');
    expect(html).not.toContain('cir_01JTEST0000000000000000004');
    expect(html).toContain('href="archive/2025.html"');
    expect(html).toContain(`id="unit-${creditCode(2)}"`);
    expect(html).toContain(`<code>${creditCode(2)}</code>`);
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;b&gt;&quot;某&quot;&lt;/b&gt; &amp; 项目');
  });

  it('the index says 暂无通报 when nothing stands', () => {
    expect(renderIndexPage([retracted], [], site)).toContain('<p>暂无通报。</p>');
  });

  it('a standing circular: number, authority, project, units, conditions, violations, measures, statement, period', () => {
    const html = renderCircularPage(standing, site);
    expect(html).toContain('<html lang="zh-CN">');
    for (const text of [
      '通住建安通〔2026〕1号',
      '通州区住房和城乡建设委员会',
      '运河商务区1号地块办公楼项目',
      '建设单位：北京运河置业有限公司',
      creditCode(2),
      '（4）建筑工程项目对施工过程中存在安全隐患问题拒不整改',
      '外脚手架连墙件缺失，整改不到位',
      '三级：全区通报批评（2026年11月21日起）',
      '被通报单位已提出陈述申辩',
      '2026年12月1日至2027年11月30日',
    ]) {
      expect(html).toContain(text);
    }
    expect(renderCircularPage(older, site)).not.toContain('陈述申辩');
  });

  it('a retracted circular says so with its reason; an expired one says its period ended; details are gone', () => {
    const retractedPage = renderCircularPage(retracted, site);
    expect(retractedPage).toContain('本通报已于2026年12月5日撤回。撤回理由：事实认定有误 &lt;已更正&gt;');
    expect(retractedPage).not.toContain('外脚手架连墙件缺失');
    const expiredPage = renderCircularPage(expired, site);
    expect(expiredPage).toContain('本通报公示期满，已于2026年1月20日停止公示。');
    expect(expiredPage).not.toContain('通报全文');
  });

  it('escapes every text it prints', () => {
    const html = renderCircularPage(older, site);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;项目');
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>');
  });
});

describe('the whole site', () => {
  const input = {
    site,
    recent: all,
    changed: standing,
    archive: { year: 2026, circulars: [standing, older, retracted] },
    archiveYears: [2025],
  };

  it('renders the changed page, the year archive, the index and the three feeds with their content types', () => {
    const { objects, withheld } = renderPublicSite(input);
    expect(withheld).toEqual([]);
    expect(objects.map((object) => [object.key, object.contentType])).toEqual([
      ['public/circulars/cir_01JTEST0000000000000000001.html', CONTENT_TYPES.html],
      ['public/archive/2026.html', CONTENT_TYPES.html],
      ['public/index.html', CONTENT_TYPES.html],
      ['public/circulars.json', 'application/feed+json; charset=utf-8'],
      ['public/circulars.atom', 'application/atom+xml; charset=utf-8'],
      ['public/circulars.rss', 'application/rss+xml; charset=utf-8'],
    ]);
    expect(new Set(objects.map((object) => object.cacheControl))).toEqual(new Set(['public, max-age=300']));
    const archive = objects.find((object) => object.key === 'public/archive/2026.html')?.body ?? '';
    expect(archive).toContain('cir_01JTEST0000000000000000003');
    expect(archive).toContain('已撤回');
    expect(archive).not.toContain('cir_01JTEST0000000000000000004');
  });

  it('gives the same bytes for the same records, whatever order they were read in', () => {
    const again = renderPublicSite({ ...input, recent: [...all].reverse(), archiveYears: [2025, 2026] });
    expect(again).toEqual(renderPublicSite(input));
  });

  it('holds no ID or telephone number in any object', () => {
    for (const object of renderPublicSite(input).objects) {
      expect(findPersonalData(object.body), object.key).toEqual([]);
    }
  });

  it('masks a record carrying an ID or telephone number in any free text, and publishes it (one record never stops the site)', () => {
    const leaking = circular({ violations: ['联系人电话 13812345678'], body: '身份证号 110105199001011234' });
    const { objects, withheld } = renderPublicSite({ ...input, changed: leaking, recent: [leaking] });
    expect(withheld).toEqual([]);
    const page = objects.find((object) => object.key === 'public/circulars/cir_01JTEST0000000000000000001.html');
    expect(page?.body).toContain('联系人电话 [已隐去]');
    expect(page?.body).toContain('身份证号 [已隐去]');
    for (const object of objects) expect(findPersonalData(object.body), object.key).toEqual([]);
  });
});

describe('record by record: one record never stops the site (SPEC §2.5)', () => {
  const input = {
    site,
    recent: all,
    archive: { year: 2026, circulars: [standing, older, retracted] },
    archiveYears: [],
  };
  const bodies = (objects: Array<{ key: string; body: string }>) =>
    Object.fromEntries(objects.map((o) => [o.key, o.body]));

  it('a retraction whose reason carries a telephone number is published, the number removed', () => {
    const phoned = circular({ ...retracted, retractionReason: '经核实已整改到位，如有疑问请致电 13800138000' });
    const { objects, withheld } = renderPublicSite({ ...input, recent: [standing, phoned], changed: phoned });
    expect(withheld).toEqual([]);
    const byKey = bodies(objects);
    const page = byKey[`public/circulars/${phoned.id}.html`] ?? '';
    expect(page).toContain('本通报已于2026年12月5日撤回。撤回理由：经核实已整改到位，如有疑问请致电 [已隐去]');
    expect(byKey['public/circulars.atom']).toContain(
      `<at:deleted-entry ref="https://public.example.gov.cn/public/circulars/${phoned.id}.html"`,
    );
    expect(byKey['public/index.html']).not.toContain(phoned.id);
    for (const object of objects) expect(object.body, object.key).not.toContain('13800138000');
  });

  it('a unit credit code that reads like an ID number appears as such, everywhere the unit is named', () => {
    const idShaped = '121101197401250599';
    const named = circular({
      units: [{ role: 'general_contractor', name: '北京某建筑工程有限公司', creditCode: idShaped }],
      body: `施工总承包单位：北京某建筑工程有限公司（统一社会信用代码：${idShaped}）`,
    });
    const { objects, withheld } = renderPublicSite({ ...input, recent: [named], changed: named });
    expect(withheld).toEqual([]);
    for (const key of [
      'public/index.html',
      `public/circulars/${named.id}.html`,
      'public/circulars.json',
      'public/circulars.atom',
      'public/circulars.rss',
    ]) {
      expect(bodies(objects)[key], key).toContain(idShaped);
    }
    expect(bodies(objects)[`public/circulars/${named.id}.html`]).not.toContain('[已隐去]');
  });

  it('a number hidden behind a control character is removed before escaping could join it again', () => {
    const hidden = circular({ violations: ['联系电话138\u000100138000'] });
    const { objects, withheld } = renderPublicSite({ ...input, recent: [hidden], changed: hidden });
    expect(withheld).toEqual([]);
    for (const object of objects) expect(object.body, object.key).not.toContain('13800138000');
  });

  it('a record it cannot make safe is left out of every object and reported; the rest is published', () => {
    // masking cannot touch a record's id: it is its address
    const unsafe = circular({
      id: 'cir_13800138000',
      number: '通住建安通〔2026〕5号',
      publishedAt: '2026-12-02T03:00:00.000Z',
    });
    const { objects, withheld } = renderPublicSite({
      ...input,
      recent: [standing, unsafe, retracted],
      changed: unsafe,
      archive: { year: 2026, circulars: [standing, unsafe] },
    });
    expect(withheld).toEqual([
      {
        circularId: 'cir_13800138000',
        reason: 'personal_data',
        kinds: ['mobile'],
        where: ['page', 'index', 'json', 'atom', 'rss', 'archive'],
      },
    ]);
    for (const object of objects) {
      expect(object.body, object.key).not.toContain('13800138000');
      expect(object.body, object.key).not.toContain('通住建安通〔2026〕5号');
    }
    const byKey = bodies(objects);
    // its address shows no content of the record, so an earlier page cannot stay up
    expect(byKey['public/circulars/cir_13800138000.html']).toContain('本通报的公示信息正在核对');
    // the others are there
    expect(byKey['public/index.html']).toContain(standing.id);
    expect(byKey['public/circulars.json']).toContain(retracted.id);
    expect(byKey['public/archive/2026.html']).toContain(standing.id);
  });
});

describe('a withdrawn circular says so; every feed item names the circular by its number', () => {
  it('the archive shows a retracted or expired circular as such, never "公示至" a date', () => {
    const html = renderArchivePage(2026, [standing, retracted, expired], [2026, 2025], site);
    const items = html.split('<li>').slice(1);
    const of = (id: string) => items.find((item) => item.includes(id)) ?? '';
    expect(of(standing.id)).toContain('公示至 2027-11-30');
    expect(of(retracted.id)).toContain('已撤回（2026-12-05）：事实认定有误 &lt;已更正&gt;');
    expect(of(retracted.id)).not.toContain('公示至');
    const expiredYear = renderArchivePage(2025, [expired], [2026, 2025], site);
    expect(expiredYear).toContain('公示期满（2026-01-20起停止公示）');
    expect(expiredYear).not.toContain('公示至');
    expect(renderCircularPage(retracted, site)).not.toContain('公示期</dt>');
  });

  it('RSS: the item of a published circular carries the number, project, units with credit codes, dates and status', () => {
    const rss = renderRssFeed(all, site);
    const feed = parseRssFeed(rss);
    const item = feed.items?.find((i) => i.guid?.value?.endsWith(`${standing.id}.html`));
    expect(item?.title).toBe(`${standing.title}（通住建安通〔2026〕1号）`);
    for (const text of [
      '文号：通住建安通〔2026〕1号',
      '状态：公示中',
      '工程项目：运河商务区1号地块办公楼项目',
      `北京运河置业有限公司（统一社会信用代码：${creditCode(1)}）`,
      `北京某建筑工程有限公司（统一社会信用代码：${creditCode(2)}）`,
      '发布日期：2026年12月1日',
      '公示期至：2027年11月30日',
    ]) {
      expect(item?.description).toContain(text);
    }
    const block = rss.slice(
      rss.indexOf(`<link>https://public.example.gov.cn/public/circulars/${standing.id}.html</link>`),
    );
    expect(block.slice(0, block.indexOf('</item>'))).toContain('<dc:identifier>通住建安通〔2026〕1号</dc:identifier>');
    const retractedItem = feed.items?.find((i) => i.guid?.value?.endsWith('#retracted'));
    expect(retractedItem?.description).toContain('状态：已撤回（2026年12月5日）');
    expect(retractedItem?.description).not.toContain('公示期至');
  });

  it('every item of every feed names its circular by number', () => {
    const numbers = all.map((c) => c.number);
    const json = JSON.parse(renderJsonFeed(all, site));
    for (const item of json.items) {
      expect(numbers.some((n) => item.title.includes(n) && item.content_text.includes(n))).toBe(true);
    }
    const atom = parseAtomFeed(renderAtomFeed(all, site));
    for (const entry of atom.entries ?? []) {
      expect(numbers.some((n) => String(entry.title?.value ?? entry.title).includes(n))).toBe(true);
    }
    const atomText = renderAtomFeed(all, site);
    for (const tombstone of atomText.match(/<at:deleted-entry[\s\S]*?<\/at:deleted-entry>/g) ?? []) {
      expect(numbers.some((n) => tombstone.includes(`<dc:identifier>${n}</dc:identifier>`))).toBe(true);
    }
    for (const item of parseRssFeed(renderRssFeed(all, site)).items ?? []) {
      expect(numbers.some((n) => String(item.title).includes(n))).toBe(true);
    }
  });
});
