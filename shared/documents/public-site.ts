/**
 * The public site of the circulars (通报, SPEC §2.5): static HTML pages and three feeds (JSON Feed 1.1, Atom with
 * RFC 6721 tombstones, RSS 2.0), rendered from circular records. Pure: no I/O, no clock — every date printed comes
 * from the records, so the same records give the same bytes (a redelivered event rewrites nothing).
 *
 * Record by record (SPEC §2.5: one record never stops the rest of the site):
 * 1. every free text of a record passes the masking of the body once more (`safeForPublication`: ID and telephone
 *    numbers removed; the names known from the project were masked where the text was written, by the use case that
 *    knows them); the units' unified social credit codes are public by law and are never taken for ID numbers;
 * 2. everything the record would contribute (its page, its lines in the index, the archive and the three feeds) is
 *    rendered and scanned with `findPersonalData` — the last guard, per record;
 * 3. a record the guard still finds something in is left out of every object (`withheld`, for the caller to alarm
 *    on), and the site is rendered from the others.
 * The feeds are written by hand, not with a feed library: the one we have (feedsmith) is a development dependency and
 * knows no Atom tombstones; the tests parse the output with it instead.
 */
import * as z from 'zod/mini';
import { chineseDate } from '../domain/circular-text.js';
import { creditCodeProblem } from '../domain/credit-code.js';
import { findPersonalData, type PersonalDataKind, redactPersonalData } from '../domain/masking.js';
import { CONDITION_TEXTS, conditionLabel } from '../domain/rule-set.js';
import { CONDITION_IDS, UNIT_ROLE_NAMES, UNIT_ROLES, type UnitRole } from '../domain/vocabulary.js';

/** How many circulars the index and the feeds carry: the cost of a publication must not grow with the archive. */
export const FEED_LIMIT = 50;
/** The site's name, in the page titles and the feeds. */
export const SITE_TITLE = '建筑工程施工现场安全生产差别化监管通报';
/** Browsers and CloudFront may keep a page or feed five minutes: publication shows within that, no invalidation. */
export const PUBLIC_CACHE_CONTROL = 'public, max-age=300';

export const CONTENT_TYPES = {
  html: 'text/html; charset=utf-8',
  jsonFeed: 'application/feed+json; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  rss: 'application/rss+xml; charset=utf-8',
} as const;

/** Keys in the public bucket; they mirror the URL paths (`/public/x` is served from key `public/x`). */
export const publicKeys = {
  index: 'public/index.html',
  circular: (id: string) => `public/circulars/${id}.html`,
  archive: (year: number) => `public/archive/${year}.html`,
  archivePrefix: 'public/archive/',
  jsonFeed: 'public/circulars.json',
  atom: 'public/circulars.atom',
  rss: 'public/circulars.rss',
};

const date = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/));
/** What a circular id may be to become part of a key and a URL. */
export const PUBLIC_ID = /^[A-Za-z0-9_-]{1,100}$/;
const instant = z.string().check(z.refine((value) => !Number.isNaN(Date.parse(value)), 'an ISO 8601 timestamp'));

/**
 * A circular as the public site reads it from the table (the fields of `CircularRecord` plus what the life cycle
 * adds: publishedOn, validUntil, retractedOn + retractionReason, expiredOn, optionally their exact instants).
 * A draft is never public, so `status` has no `draft`.
 */
export const publicCircular = z.object({
  // it becomes part of a key and a URL: nothing but letters, digits, '_' and '-'
  id: z.string().check(z.regex(PUBLIC_ID)),
  number: z.string().check(z.minLength(1)),
  status: z.enum(['published', 'retracted', 'expired']),
  title: z.string().check(z.minLength(1)),
  body: z._default(z.string(), ''),
  authority: z.string().check(z.minLength(1)),
  projectName: z.string().check(z.minLength(1)),
  units: z._default(
    z.array(
      z.object({
        role: z.optional(z.string()),
        name: z.string(),
        // public by law, shown as it is: so it must be a unit's code (GB 32100 check character right), nothing else
        creditCode: z
          .string()
          .check(z.refine((code) => creditCodeProblem(code) === null, 'not a unified social credit code')),
      }),
    ),
    [],
  ),
  conditionsMet: z._default(z.array(z.enum(CONDITION_IDS)), []),
  violations: z._default(z.array(z.string()), []),
  measures: z._default(
    z.array(z.object({ level: z.number(), code: z.string(), name: z.string(), startedOn: z.nullish(date) })),
    [],
  ),
  statements: z._default(z.array(z.unknown()), []),
  draftedOn: date,
  draftedAt: instant,
  publishedOn: z.nullish(date),
  publishedAt: z.nullish(instant),
  validUntil: z.nullish(date),
  retractedOn: z.nullish(date),
  retractedAt: z.nullish(instant),
  retractionReason: z.nullish(z.string()),
  retractionCorrectedAt: z.nullish(instant),
  expiredOn: z.nullish(date),
  expiredAt: z.nullish(instant),
});

/** A circular the public site shows. */
export type PublicCircular = z.infer<typeof publicCircular>;

/** Where the site lives: absolute links in the feeds and canonical links are built on it. */
export interface SiteContext {
  /** e.g. `https://d111.cloudfront.net` (PUBLIC_SITE_URL); the pages live under `/public/` */
  baseUrl: string;
}

/** One object of the public bucket, ready to put. */
export interface PublicObject {
  key: string;
  body: string;
  contentType: string;
  cacheControl: string;
}

/** What one regeneration renders. */
export interface PublicSiteInput {
  site: SiteContext;
  /** the newest circulars of every public status (any order, at most a few × FEED_LIMIT); duplicates by id are fine */
  recent: readonly PublicCircular[];
  /** the circular the event was about: its own page is rewritten */
  changed?: PublicCircular | undefined;
  /** the year archive page to rewrite (the changed circular's year) and every circular of that year */
  archive?: { year: number; circulars: readonly PublicCircular[] } | undefined;
  /** the years that have an archive page, for the links */
  archiveYears: readonly number[];
}

/** A circular the site leaves out, and why: the caller raises the alarm. Names kinds and places, never a value. */
export interface WithheldCircular {
  circularId: string;
  /**
   * `personal_data`: the last guard found an ID or telephone number in what the record would publish, after masking
   * (something masking cannot remove: its id, its number); `malformed`: the record is not a public circular (the
   * publisher, `shared/usecases/publish-site.ts`, says which fields)
   */
  reason: 'personal_data' | 'malformed';
  kinds: PersonalDataKind[];
  /** the renderings (`page`, `index`, `archive`, `json`, `atom`, `rss`) or the fields concerned */
  where: string[];
}

/** What one regeneration renders: the objects to put, and the records left out of them. */
export interface PublicSiteRendering {
  objects: PublicObject[];
  withheld: WithheldCircular[];
}

/**
 * Render every object one regeneration writes: the changed circular's page, its year's archive page, the index and
 * the three feeds. Each record is made safe and checked on its own (see the module's comment); a record that cannot
 * be made safe is left out of every object and listed in `withheld`, and when it is the changed one its page becomes
 * a notice without any of its content (an earlier version of the page must not stay up, e.g. after a retraction).
 */
export function renderPublicSite(input: PublicSiteInput): PublicSiteRendering {
  const withheld = new Map<string, WithheldCircular>();
  const screened = new Map<string, PublicCircular>();
  const places = new Map<string, Set<Place>>();
  const note = (circulars: readonly PublicCircular[], place: Place) => {
    for (const circular of circulars) {
      const at = places.get(circular.id) ?? new Set<Place>();
      at.add(place);
      places.set(circular.id, at);
    }
  };
  note(input.recent, 'lists');
  if (input.archive) note(input.archive.circulars, 'archive');
  if (input.changed) note([input.changed], 'page');
  // one record per id (the later status wins), each screened once for every place it appears in
  for (const circular of uniqueById([
    ...input.recent,
    ...(input.archive?.circulars ?? []),
    ...(input.changed ? [input.changed] : []),
  ])) {
    const at = places.get(circular.id) ?? new Set<Place>();
    // a record only in the year's archive (up to 1,000 of them) shows only its list line: mask just what it prints
    const safe = at.has('page') || at.has('lists') ? safeForPublication(circular) : safeForListLine(circular);
    const found = lastGuard(safe, at, input.site);
    if (found) withheld.set(circular.id, found);
    else screened.set(circular.id, safe);
  }
  const keep = (circulars: readonly PublicCircular[]) =>
    circulars
      .filter((circular) => screened.has(circular.id))
      .map((circular) => screened.get(circular.id) as PublicCircular);

  const recent = newestFirst(uniqueById(keep(input.recent)));
  const standing = recent.filter((circular) => circular.status === 'published').slice(0, FEED_LIMIT);
  const feedItems = recent.slice(0, FEED_LIMIT);
  const years = [...new Set([...input.archiveYears, ...(input.archive ? [input.archive.year] : [])])].sort(
    (a, b) => b - a,
  );
  const objects: PublicObject[] = [];
  if (input.changed) {
    const changed = screened.get(input.changed.id);
    const key = publicKeys.circular(input.changed.id);
    objects.push(htmlObject(key, changed ? renderCircularPage(changed, input.site) : renderWithheldPage(input.site)));
  }
  if (input.archive) {
    const { year, circulars } = input.archive;
    objects.push(htmlObject(publicKeys.archive(year), renderArchivePage(year, keep(circulars), years, input.site)));
  }
  objects.push(htmlObject(publicKeys.index, renderIndexPage(standing, years, input.site)));
  objects.push(feedObject(publicKeys.jsonFeed, renderJsonFeed(feedItems, input.site), CONTENT_TYPES.jsonFeed));
  objects.push(feedObject(publicKeys.atom, renderAtomFeed(feedItems, input.site), CONTENT_TYPES.atom));
  objects.push(feedObject(publicKeys.rss, renderRssFeed(feedItems, input.site), CONTENT_TYPES.rss));
  return { objects, withheld: [...withheld.values()].sort((a, b) => (a.circularId < b.circularId ? -1 : 1)) };
}

/** Where a record appears in one regeneration: its own page, the index and feeds, the year archive. */
type Place = 'page' | 'lists' | 'archive';

/** Characters XML 1.0 forbids even escaped (C0 controls other than tab, newline, carriage return; U+FFFE/FFFF). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing exactly those characters is the point
const NOT_XML_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** A text of the record made fit for publication: what XML forbids dropped, ID and phone numbers removed, codes kept. */
function publicTextOf(circular: PublicCircular): (text: string) => string {
  const publicCodes = circular.units.map((unit) => unit.creditCode);
  return (text) => redactPersonalData(text.replace(NOT_XML_CHARACTERS, ''), { publicCodes });
}

/**
 * The record with every free text masked as the body is (SPEC §2.5): ID and telephone numbers removed, the units'
 * credit codes kept. The characters escaping would drop are dropped first, so no number can hide behind one
 * (`138\u000100138000`) from the masking and reappear once escaped.
 */
export function safeForPublication(circular: PublicCircular): PublicCircular {
  const clean = publicTextOf(circular);
  return {
    ...circular,
    title: clean(circular.title),
    body: clean(circular.body),
    authority: clean(circular.authority),
    projectName: clean(circular.projectName),
    units: circular.units.map((unit) => ({ ...unit, name: clean(unit.name) })),
    violations: circular.violations.map(clean),
    measures: circular.measures.map((measure) => ({ ...measure, name: clean(measure.name) })),
    retractionReason: circular.retractionReason == null ? circular.retractionReason : clean(circular.retractionReason),
  };
}

/** {@link safeForPublication} of only what a list line prints (title, unit names, the retraction's reason). */
function safeForListLine(circular: PublicCircular): PublicCircular {
  const clean = publicTextOf(circular);
  return {
    ...circular,
    title: clean(circular.title),
    units: circular.units.map((unit) => ({ ...unit, name: clean(unit.name) })),
    retractionReason: circular.retractionReason == null ? circular.retractionReason : clean(circular.retractionReason),
  };
}

/**
 * The last guard, per record: render everything the record contributes where it appears and scan it (its units'
 * credit codes are public). Null when nothing is found.
 */
function lastGuard(circular: PublicCircular, places: ReadonlySet<Place>, site: SiteContext): WithheldCircular | null {
  const renderings: Array<[string, string]> = [];
  if (places.has('page')) renderings.push(['page', renderCircularPage(circular, site)]);
  if (places.has('lists')) {
    renderings.push([
      'index',
      `${listItem(circular, '', true)}${circular.units.map((unit) => unitSection(unit, [circular])).join('')}`,
    ]);
    renderings.push(['json', JSON.stringify(jsonFeedItem(circular, site))]);
    renderings.push(['atom', atomEntry(circular, site)]);
    renderings.push(['rss', rssItem(circular, site)]);
  }
  if (places.has('archive')) renderings.push(['archive', listItem(circular, '../', false)]);
  const publicCodes = circular.units.map((unit) => unit.creditCode);
  const kinds = new Set<PersonalDataKind>();
  const where: string[] = [];
  for (const [name, text] of renderings) {
    const found = findPersonalData(text, { publicCodes });
    if (!found.length) continue;
    where.push(name);
    for (const match of found) kinds.add(match.kind);
  }
  return where.length ? { circularId: circular.id, reason: 'personal_data', kinds: [...kinds].sort(), where } : null;
}

function htmlObject(key: string, body: string): PublicObject {
  return { key, body, contentType: CONTENT_TYPES.html, cacheControl: PUBLIC_CACHE_CONTROL };
}

function feedObject(key: string, body: string, contentType: string): PublicObject {
  return { key, body, contentType, cacheControl: PUBLIC_CACHE_CONTROL };
}

// ---------------------------------------------------------------------------------------------------------------
// Dates and order

const STATUS_NAMES: Record<PublicCircular['status'], string> = {
  published: '公示中',
  retracted: '已撤回',
  expired: '公示期满',
};

/** A date alone stands for the start of that day in Beijing time. */
function dayStart(day: string): string {
  return `${day}T00:00:00+08:00`;
}

/** An instant as RFC 3339 in Beijing time (+08:00), whatever offset it was stored with. */
function beijingTimestamp(value: string): string {
  return `${new Date(Date.parse(value) + 8 * 3600_000).toISOString().slice(0, 19)}+08:00`;
}

/** When the circular was published (the draft's date if the record somehow lacks one). */
function publishedTime(circular: PublicCircular): string {
  return beijingTimestamp(circular.publishedAt ?? dayStart(circular.publishedOn ?? circular.draftedOn));
}

/** When a retracted or expired circular stopped being public; null while it stands. */
function withdrawnTime(circular: PublicCircular): string | null {
  if (circular.status === 'retracted') {
    const at = circular.retractedAt ?? (circular.retractedOn ? dayStart(circular.retractedOn) : null);
    return at ? beijingTimestamp(at) : publishedTime(circular);
  }
  if (circular.status === 'expired') {
    const at = circular.expiredAt ?? (circular.expiredOn ? dayStart(circular.expiredOn) : null);
    return at ? beijingTimestamp(at) : publishedTime(circular);
  }
  return null;
}

/** The last change the public saw: the withdrawal if any, else the publication. */
function updatedTime(circular: PublicCircular): string {
  return withdrawnTime(circular) ?? publishedTime(circular);
}

function withdrawnOn(circular: PublicCircular): string | null {
  if (circular.status === 'retracted') return circular.retractedOn ?? withdrawnTime(circular)?.slice(0, 10) ?? null;
  if (circular.status === 'expired') return circular.expiredOn ?? withdrawnTime(circular)?.slice(0, 10) ?? null;
  return null;
}

/** Why the circular is no longer public, as the feeds and the page say it. */
function withdrawalReason(circular: PublicCircular): string | null {
  if (circular.status === 'retracted') return circular.retractionReason?.trim() || '未说明理由';
  if (circular.status === 'expired') return '公示期满';
  return null;
}

/** Newest change first; ties by id, so the order (and so the bytes) never depends on the order read. */
function newestFirst(circulars: readonly PublicCircular[]): PublicCircular[] {
  return [...circulars].sort(
    (a, b) =>
      Date.parse(updatedTime(b)) - Date.parse(updatedTime(a)) ||
      Date.parse(publishedTime(b)) - Date.parse(publishedTime(a)) ||
      (a.id < b.id ? 1 : a.id > b.id ? -1 : 0),
  );
}

/** One record per id; the later status wins (a record read twice, once before and once after its change). */
function uniqueById(circulars: readonly PublicCircular[]): PublicCircular[] {
  const rank: Record<PublicCircular['status'], number> = { published: 0, retracted: 1, expired: 1 };
  const byId = new Map<string, PublicCircular>();
  for (const circular of circulars) {
    const known = byId.get(circular.id);
    if (!known || rank[circular.status] > rank[known.status]) byId.set(circular.id, circular);
  }
  return [...byId.values()];
}

// ---------------------------------------------------------------------------------------------------------------
// Escaping and links

/** Text or attribute value escaped for HTML and XML alike. */
export function escapeMarkup(text: string): string {
  return text
    .replace(NOT_XML_CHARACTERS, '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

const e = escapeMarkup;

/** An absolute URL of a public path, e.g. `/public/circulars/cir_1.html`. */
function absolute(site: SiteContext, path: string): string {
  return `${site.baseUrl.replace(/\/+$/, '')}${path}`;
}

function circularUrl(site: SiteContext, id: string): string {
  return absolute(site, `/${publicKeys.circular(id)}`);
}

/** An HTML id for a unit's anchor: the credit code is 18 letters and digits; anything else is dropped. */
function unitAnchor(creditCode: string): string {
  return `unit-${creditCode.replace(/[^0-9A-Za-z]/g, '')}`;
}

function roleName(role: string | undefined): string | null {
  return role && (UNIT_ROLES as readonly string[]).includes(role) ? UNIT_ROLE_NAMES[role as UnitRole] : null;
}

/** The year a circular is archived under: the (Beijing) year of its publication. */
export function archiveYearOf(circular: Pick<PublicCircular, 'publishedOn' | 'draftedOn'>): number {
  return Number((circular.publishedOn ?? circular.draftedOn).slice(0, 4));
}

const yearOf = archiveYearOf;

// ---------------------------------------------------------------------------------------------------------------
// HTML

/** The stylesheet of the public pages (site/public-site.css, deployed with the site's static files). */
const STYLESHEET = 'public-site.css';

interface PageOptions {
  title: string;
  /** the page's own path, for the canonical link */
  path: string;
  /** how to reach `/public/` from this page: '' at the top, '../' one folder down */
  root: string;
  main: string;
}

function page(site: SiteContext, options: PageOptions): string {
  const { root } = options;
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(options.title)}</title>
<link rel="canonical" href="${e(absolute(site, options.path))}">
<link rel="alternate" type="application/feed+json" title="${e(SITE_TITLE)}（JSON Feed）" href="${root}circulars.json">
<link rel="alternate" type="application/atom+xml" title="${e(SITE_TITLE)}（Atom）" href="${root}circulars.atom">
<link rel="alternate" type="application/rss+xml" title="${e(SITE_TITLE)}（RSS）" href="${root}circulars.rss">
<link rel="stylesheet" href="${root}${STYLESHEET}">
</head>
<body>
<header>
<p><a href="${root}index.html">${e(SITE_TITLE)}</a></p>
</header>
<main>
${options.main}
</main>
<footer>
<p><a href="${root}unit-status/">查询单位监管状态</a> · 订阅：<a href="${root}circulars.json">JSON Feed</a> · <a href="${root}circulars.atom">Atom</a> · <a href="${root}circulars.rss">RSS</a></p>
<p>本页所载单位信息依法公示；个人姓名已作脱敏处理。公示期满或撤回的通报不再公示其具体内容。</p>
</footer>
</body>
</html>
`;
}

function yearNav(years: readonly number[], root: string, current?: number): string {
  if (!years.length) return '';
  const links = years.map((year) =>
    year === current
      ? `<li><strong>${year}年</strong></li>`
      : `<li><a href="${root}archive/${year}.html">${year}年</a></li>`,
  );
  return `<nav aria-label="按年度查看"><h2>按年度查看</h2><ul>${links.join('')}</ul></nav>`;
}

/**
 * One line of a list of circulars: title, number, dates, units (each a link to its anchor when `unitLinks`). A
 * retracted or expired circular says so, with its date (and the retraction's reason), never "公示至" a date.
 */
function listItem(circular: PublicCircular, root: string, unitLinks: boolean): string {
  const units = circular.units
    .map((unit) =>
      unitLinks ? `<a href="#${unitAnchor(unit.creditCode)}">${e(unit.name)}</a>` : `<span>${e(unit.name)}</span>`,
    )
    .join('、');
  const published = circular.publishedOn ? `发布 ${e(circular.publishedOn)}` : '';
  let state = '';
  if (circular.status === 'published' && circular.validUntil) state = `公示至 ${e(circular.validUntil)}`;
  if (circular.status === 'retracted') {
    state = `已撤回（${e(withdrawnOn(circular) ?? '')}）：${e(withdrawalReason(circular) ?? '')}`;
  }
  if (circular.status === 'expired') state = `公示期满（${e(withdrawnOn(circular) ?? '')}起停止公示）`;
  const meta = [e(circular.number), published, state].filter((part) => part !== '').join(' · ');
  const badge = circular.status === 'published' ? '' : ` <span class="status">${STATUS_NAMES[circular.status]}</span>`;
  return `<li>
<h3><a href="${root}circulars/${e(circular.id)}.html">${e(circular.title)}</a>${badge}</h3>
<p class="meta">${meta}</p>
${units ? `<p class="meta">涉及单位：${units}</p>` : ''}
</li>`;
}

/** A unit of the index's "by unit" list: its name, its credit code and the standing circulars naming it. */
function unitSection(unit: { name: string; creditCode: string }, circulars: readonly PublicCircular[]): string {
  return `<section id="${unitAnchor(unit.creditCode)}">
<h3>${e(unit.name)}</h3>
<p class="meta">统一社会信用代码：<code>${e(unit.creditCode)}</code></p>
<ul>${circulars.map((c) => `<li><a href="circulars/${e(c.id)}.html">${e(c.number)}</a></li>`).join('')}</ul>
</section>`;
}

/**
 * The index (`/public/`): the standing circulars, newest first, a link to each year's archive, and the units named
 * in them with their unified social credit codes, each listing its circulars (the filter by unit, without script).
 */
export function renderIndexPage(standing: readonly PublicCircular[], years: readonly number[], site: SiteContext) {
  const circulars = newestFirst(standing.filter((circular) => circular.status === 'published')).slice(0, FEED_LIMIT);
  const list = circulars.length
    ? `<ol class="circulars">\n${circulars.map((circular) => listItem(circular, '', true)).join('\n')}\n</ol>`
    : '<p>暂无通报。</p>';
  const units = new Map<string, { name: string; creditCode: string; circulars: PublicCircular[] }>();
  for (const circular of circulars) {
    for (const unit of circular.units) {
      const entry = units.get(unit.creditCode) ?? { name: unit.name, creditCode: unit.creditCode, circulars: [] };
      if (!entry.circulars.includes(circular)) entry.circulars.push(circular);
      units.set(unit.creditCode, entry);
    }
  }
  const byUnit = [...units.values()]
    .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN') || (a.creditCode < b.creditCode ? -1 : 1))
    .map((unit) => unitSection(unit, unit.circulars));
  const main = `<h1>${e(SITE_TITLE)}</h1>
<p>以下为公示期内的通报，按发布时间由新到旧排列（最多 ${FEED_LIMIT} 条；更早的通报见年度归档）。查询某一单位在某日是否处于差别化监管、是否被通报，请使用<a href="unit-status/">单位监管状态查询</a>。</p>
<h2>公示中的通报</h2>
${list}
${yearNav(years, '')}
${byUnit.length ? `<h2>按参建单位查看</h2>\n${byUnit.join('\n')}` : ''}`;
  return page(site, { title: SITE_TITLE, path: '/public/', root: '', main });
}

/** A year's archive (`/public/archive/{year}.html`): every public circular published in that year, any status. */
export function renderArchivePage(
  year: number,
  circulars: readonly PublicCircular[],
  years: readonly number[],
  site: SiteContext,
) {
  const ofYear = newestFirst(uniqueById(circulars).filter((circular) => yearOf(circular) === year));
  const list = ofYear.length
    ? `<ol class="circulars">\n${ofYear.map((circular) => listItem(circular, '../', false)).join('\n')}\n</ol>`
    : '<p>暂无通报。</p>';
  const title = `${year}年通报 - ${SITE_TITLE}`;
  const main = `<h1>${year}年通报</h1>
<p>${year}年发布的全部通报，含已撤回和公示期满的通报。</p>
${list}
${yearNav(years, '../', year)}`;
  return page(site, { title, path: `/${publicKeys.archive(year)}`, root: '../', main });
}

const LEVEL_NAMES: Readonly<Record<number, string>> = { 1: '一级', 2: '二级', 3: '三级' };

/**
 * One circular (`/public/circulars/{id}.html`). A standing circular shows everything it says; a retracted or
 * expired one stays at its address and says so — with the reason, or that its publication period ended — and
 * keeps only what identifies it: the adverse details are no longer published.
 */
export function renderCircularPage(circular: PublicCircular, site: SiteContext) {
  const standing = circular.status === 'published';
  const facts: Array<[string, string]> = [
    ['文号', e(circular.number)],
    ['发布机关', e(circular.authority)],
    ['成文日期', e(chineseDate(circular.draftedOn))],
  ];
  if (circular.publishedOn) facts.push(['发布日期', e(chineseDate(circular.publishedOn))]);
  // the period only while it runs: a retracted or expired circular is not "公示至" any date
  if (standing && circular.publishedOn && circular.validUntil) {
    facts.push(['公示期', `${e(chineseDate(circular.publishedOn))}至${e(chineseDate(circular.validUntil))}`]);
  }
  facts.push(['状态', `<span class="status">${STATUS_NAMES[circular.status]}</span>`]);
  if (circular.status === 'retracted') facts.push(['撤回日期', e(chineseDate(withdrawnOn(circular) ?? ''))]);
  if (circular.status === 'expired') facts.push(['停止公示日期', e(chineseDate(withdrawnOn(circular) ?? ''))]);
  facts.push(['工程项目', e(circular.projectName)]);

  const sections: string[] = [];
  if (circular.status === 'retracted') {
    sections.push(
      `<p class="withdrawn" role="status">本通报已于${e(chineseDate(withdrawnOn(circular) ?? ''))}撤回。撤回理由：${e(
        withdrawalReason(circular) ?? '',
      )}${circular.retractionCorrectedAt ? `（撤回理由已于${e(chineseDate(beijingTimestamp(circular.retractionCorrectedAt).slice(0, 10)))}更正）` : ''}</p>`,
    );
  } else if (circular.status === 'expired') {
    sections.push(
      `<p class="withdrawn" role="status">本通报公示期满，已于${e(chineseDate(withdrawnOn(circular) ?? ''))}停止公示。</p>`,
    );
  }
  sections.push(`<dl class="facts">${facts.map(([term, value]) => `<dt>${term}</dt><dd>${value}</dd>`).join('')}</dl>`);
  if (circular.units.length) {
    sections.push(`<h2>被通报单位</h2>
<ul>${circular.units
      .map((unit) => {
        const role = roleName(unit.role);
        return `<li>${role ? `${e(role)}：` : ''}${e(unit.name)}<br><span class="meta">统一社会信用代码：<code>${e(
          unit.creditCode,
        )}</code></span></li>`;
      })
      .join('')}</ul>`);
  }
  if (standing) {
    if (circular.conditionsMet.length) {
      sections.push(`<h2>具备的差别化监管条件</h2>
<ul>${circular.conditionsMet.map((id) => `<li>${e(conditionLabel(id))}${e(CONDITION_TEXTS[id])}</li>`).join('')}</ul>`);
    }
    if (circular.violations.length) {
      sections.push(`<h2>存在的主要问题</h2>
<ol>${circular.violations.map((line) => `<li>${e(line)}</li>`).join('')}</ol>`);
    }
    if (circular.measures.length) {
      sections.push(`<h2>已采取的监管措施</h2>
<ul>${circular.measures
        .map(
          (measure) =>
            `<li>${e(LEVEL_NAMES[measure.level] ?? `${measure.level}级`)}：${e(measure.name)}${
              measure.startedOn ? `（${e(chineseDate(measure.startedOn))}起）` : ''
            }</li>`,
        )
        .join('')}</ul>`);
    }
    if (circular.statements.length) sections.push('<p class="note">被通报单位已提出陈述申辩。</p>');
    if (circular.body.trim()) {
      const paragraphs = circular.body
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line !== '')
        .map((line) => `<p>${e(line)}</p>`);
      sections.push(`<h2>通报全文</h2>\n<div class="body">${paragraphs.join('\n')}</div>`);
    }
  }
  const main = `<h1>${e(circular.title)}</h1>
${sections.join('\n')}
<p><a href="../index.html">返回通报列表</a> · <a href="../archive/${yearOf(circular)}.html">${yearOf(circular)}年通报</a></p>`;
  return page(site, {
    title: `${circular.title} - ${SITE_TITLE}`,
    path: `/${publicKeys.circular(circular.id)}`,
    root: '../',
    main,
  });
}

/**
 * What stands at a circular's address while its record is withheld (left out of the site and alarmed): nothing of
 * the record, only that it is being checked, so an earlier version of the page (e.g. "公示中" before a retraction)
 * does not stay up.
 */
export function withheldPageObject(circularId: string, site: SiteContext): PublicObject {
  return htmlObject(publicKeys.circular(circularId), renderWithheldPage(site));
}

/** The page of {@link withheldPageObject}. */
export function renderWithheldPage(site: SiteContext) {
  const main = `<h1>通报信息核对中</h1>
<p class="withdrawn" role="status">本通报的公示信息正在核对，暂不提供查看。核对完成后将在此页公布。</p>
<p><a href="../index.html">返回通报列表</a></p>`;
  return page(site, { title: `通报信息核对中 - ${SITE_TITLE}`, path: '/public/', root: '../', main });
}

// ---------------------------------------------------------------------------------------------------------------
// Feeds

/** The structured fields of a circular, in the JSON Feed item's `_supervision` extension. */
export interface SupervisionExtension {
  about: string;
  circularId: string;
  number: string;
  status: PublicCircular['status'];
  authority: string;
  projectName: string;
  units: Array<{ name: string; creditCode: string }>;
  conditions: Array<{ id: string; text: string }>;
  violations: string[];
  measures: Array<{ level: number; name: string; startedOn: string | null }>;
  statementMade: boolean;
  draftedOn: string;
  publishedOn: string | null;
  validUntil: string | null;
  retractedOn: string | null;
  expiredOn: string | null;
  /** why it is no longer public (the retraction's reason, or 公示期满); null while it stands */
  reason: string | null;
}

function supervisionExtension(circular: PublicCircular, site: SiteContext): SupervisionExtension {
  const standing = circular.status === 'published';
  return {
    about: absolute(site, '/public/index.html'),
    circularId: circular.id,
    number: circular.number,
    status: circular.status,
    authority: circular.authority,
    projectName: circular.projectName,
    // the units stay on a withdrawal, so a reader can clear the mark against the right unit
    units: circular.units.map((unit) => ({ name: unit.name, creditCode: unit.creditCode })),
    conditions: standing ? circular.conditionsMet.map((id) => ({ id, text: CONDITION_TEXTS[id] })) : [],
    violations: standing ? circular.violations : [],
    measures: standing
      ? circular.measures.map((m) => ({ level: m.level, name: m.name, startedOn: m.startedOn ?? null }))
      : [],
    statementMade: circular.statements.length > 0,
    draftedOn: circular.draftedOn,
    publishedOn: circular.publishedOn ?? null,
    validUntil: circular.validUntil ?? null,
    retractedOn: circular.status === 'retracted' ? withdrawnOn(circular) : null,
    expiredOn: circular.status === 'expired' ? withdrawnOn(circular) : null,
    reason: withdrawalReason(circular),
  };
}

/** The circular's identifying facts as lines of text: number, status, authority, project, units, dates, reason. */
function factLines(circular: PublicCircular): string[] {
  const lines = [`文号：${circular.number}`];
  if (circular.status === 'published') lines.push(`状态：${STATUS_NAMES.published}`);
  if (circular.status === 'retracted') {
    lines.push(`状态：已撤回（${chineseDate(withdrawnOn(circular) ?? '')}）`);
    lines.push(`撤回理由：${withdrawalReason(circular)}`);
  }
  if (circular.status === 'expired')
    lines.push(`状态：公示期满（${chineseDate(withdrawnOn(circular) ?? '')}起停止公示）`);
  lines.push(`发布机关：${circular.authority}`, `工程项目：${circular.projectName}`);
  if (circular.units.length) {
    lines.push(
      `被通报单位：${circular.units.map((unit) => `${unit.name}（统一社会信用代码：${unit.creditCode}）`).join('；')}`,
    );
  }
  if (circular.publishedOn) lines.push(`发布日期：${chineseDate(circular.publishedOn)}`);
  if (circular.status === 'published' && circular.validUntil)
    lines.push(`公示期至：${chineseDate(circular.validUntil)}`);
  return lines;
}

/**
 * The text a feed carries for a circular: its facts (number, status, project, units with their credit codes, dates),
 * then its full text while it stands; after a withdrawal, the notice and the facts that identify it, nothing more.
 */
function feedText(circular: PublicCircular): string {
  const facts = factLines(circular).join('\n');
  if (circular.status === 'retracted') {
    return `${circular.number}《${circular.title}》已于${chineseDate(withdrawnOn(circular) ?? '')}撤回。\n${facts}`;
  }
  if (circular.status === 'expired') {
    return `${circular.number}《${circular.title}》公示期满，已于${chineseDate(withdrawnOn(circular) ?? '')}停止公示。\n${facts}`;
  }
  const body = circular.body.trim();
  return body ? `${facts}\n\n${body}` : facts;
}

/** Every item is named by its number: `关于对…的通报（通住建安通〔2026〕1号）`, marked when withdrawn. */
function feedTitle(circular: PublicCircular): string {
  const title = `${circular.title}（${circular.number}）`;
  return circular.status === 'published' ? title : `【${STATUS_NAMES[circular.status]}】${title}`;
}

/** The newest change among the items; a fixed instant when there are none, so the bytes never depend on the clock. */
function feedUpdated(items: readonly PublicCircular[]): string {
  const times = items.map(updatedTime).sort((a, b) => Date.parse(b) - Date.parse(a));
  return times[0] ?? '1970-01-01T08:00:00+08:00';
}

/** One JSON Feed item: the text and the structured fields (`_supervision`). */
function jsonFeedItem(circular: PublicCircular, site: SiteContext) {
  return {
    id: circularUrl(site, circular.id),
    url: circularUrl(site, circular.id),
    title: feedTitle(circular),
    content_text: feedText(circular),
    summary: `${circular.number} · ${STATUS_NAMES[circular.status]} · ${circular.projectName}`,
    date_published: publishedTime(circular),
    date_modified: updatedTime(circular),
    authors: [{ name: circular.authority }],
    tags: [STATUS_NAMES[circular.status], ...circular.units.map((unit) => unit.creditCode)],
    language: 'zh-CN',
    _supervision: supervisionExtension(circular, site),
  };
}

/**
 * JSON Feed 1.1: the newest circulars of every status, newest change first. A retracted or expired circular stays an
 * item, its `_supervision.status` saying so, its title marked and its text the withdrawal notice.
 */
export function renderJsonFeed(circulars: readonly PublicCircular[], site: SiteContext): string {
  const items = newestFirst(uniqueById(circulars)).slice(0, FEED_LIMIT);
  const feed = {
    version: 'https://jsonfeed.org/version/1.1',
    title: SITE_TITLE,
    home_page_url: absolute(site, '/public/'),
    feed_url: absolute(site, `/${publicKeys.jsonFeed}`),
    description: '建筑工程施工现场安全生产差别化监管全区通报批评，含撤回和公示期满的记录。',
    language: 'zh-CN',
    items: items.map((circular) => jsonFeedItem(circular, site)),
  };
  return `${JSON.stringify(feed, null, 2)}\n`;
}

const ATOM_NS = 'http://www.w3.org/2005/Atom';
/** RFC 6721 (The Atom "deleted-entry" Element). */
export const TOMBSTONES_NS = 'http://purl.org/atompub/tombstones/1.0';
/** Dublin Core elements: `dc:identifier` carries the document number (文号) in Atom and RSS. */
const DC_NS = 'http://purl.org/dc/elements/1.1/';

/** The categorisation scheme of the units, by credit code: the index's "by unit" anchors. */
function unitScheme(site: SiteContext): string {
  return absolute(site, '/public/index.html#unit');
}

/** Atom categories: the status, and each unit (term: its credit code, label: its name). */
function atomCategories(circular: PublicCircular, site: SiteContext): string {
  return [
    `<category term="${e(circular.status)}" label="${STATUS_NAMES[circular.status]}"/>`,
    ...circular.units.map(
      (unit) => `<category term="${e(unit.creditCode)}" scheme="${e(unitScheme(site))}" label="${e(unit.name)}"/>`,
    ),
  ].join('\n');
}

/** A standing circular as an Atom entry, or a withdrawn one as an RFC 6721 tombstone. */
function atomEntry(circular: PublicCircular, site: SiteContext): string {
  const id = e(circularUrl(site, circular.id));
  if (circular.status !== 'published') {
    return `<at:deleted-entry ref="${id}" when="${e(updatedTime(circular))}">
<at:by><name>${e(circular.authority)}</name></at:by>
<at:comment xml:lang="zh-CN">${e(feedText(circular))}</at:comment>
<link rel="alternate" type="text/html" href="${id}"/>
<dc:identifier>${e(circular.number)}</dc:identifier>
</at:deleted-entry>`;
  }
  return `<entry>
<id>${id}</id>
<title>${e(feedTitle(circular))}</title>
<link rel="alternate" type="text/html" href="${id}"/>
<published>${e(publishedTime(circular))}</published>
<updated>${e(updatedTime(circular))}</updated>
<author><name>${e(circular.authority)}</name></author>
<dc:identifier>${e(circular.number)}</dc:identifier>
${atomCategories(circular, site)}
<summary>${e(factLines(circular).join('\n'))}</summary>
<content type="text">${e(feedText(circular))}</content>
</entry>`;
}

/**
 * Atom (RFC 4287): standing circulars as entries, retracted and expired ones as RFC 6721 tombstones
 * (`at:deleted-entry`, its `ref` the entry's id, `when` the withdrawal, `at:comment` the notice and the facts).
 */
export function renderAtomFeed(circulars: readonly PublicCircular[], site: SiteContext): string {
  const items = newestFirst(uniqueById(circulars)).slice(0, FEED_LIMIT);
  const self = absolute(site, `/${publicKeys.atom}`);
  const authority = items[0]?.authority ?? SITE_TITLE;
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="${ATOM_NS}" xmlns:at="${TOMBSTONES_NS}" xmlns:dc="${DC_NS}" xml:lang="zh-CN">
<id>${e(self)}</id>
<title>${e(SITE_TITLE)}</title>
<updated>${e(feedUpdated(items))}</updated>
<author><name>${e(authority)}</name></author>
<link rel="self" type="application/atom+xml" href="${e(self)}"/>
<link rel="alternate" type="text/html" href="${e(absolute(site, '/public/'))}"/>
${items.map((circular) => atomEntry(circular, site)).join('\n')}
</feed>
`;
}

/** RFC 822 date as RSS 2.0 wants it, in GMT. */
function rfc822(value: string): string {
  return new Date(Date.parse(value)).toUTCString();
}

/**
 * An RSS item: title with the number, the facts and the text as description, the status and each unit as categories
 * (the unit's by credit code), the number as `dc:identifier`, the authority as `dc:creator`.
 */
function rssItem(circular: PublicCircular, site: SiteContext): string {
  const url = circularUrl(site, circular.id);
  const guid = circular.status === 'published' ? url : `${url}#${circular.status}`;
  return `<item>
<title>${e(feedTitle(circular))}</title>
<link>${e(url)}</link>
<guid isPermaLink="${circular.status === 'published'}">${e(guid)}</guid>
<pubDate>${e(rfc822(updatedTime(circular)))}</pubDate>
<dc:identifier>${e(circular.number)}</dc:identifier>
<dc:creator>${e(circular.authority)}</dc:creator>
<category>${STATUS_NAMES[circular.status]}</category>
${circular.units.map((unit) => `<category domain="${e(unitScheme(site))}">${e(unit.creditCode)}</category>`).join('\n')}
<description>${e(feedText(circular))}</description>
</item>`;
}

/**
 * RSS 2.0: the standing circulars. RSS has no tombstone, so a withdrawal is an item of its own (guid
 * `…#retracted` / `…#expired`) announcing it: a reader sees the retraction instead of an item that quietly vanished.
 */
export function renderRssFeed(circulars: readonly PublicCircular[], site: SiteContext): string {
  const items = newestFirst(uniqueById(circulars)).slice(0, FEED_LIMIT);
  const self = absolute(site, `/${publicKeys.rss}`);
  return `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:atom="${ATOM_NS}" xmlns:dc="${DC_NS}">
<channel>
<title>${e(SITE_TITLE)}</title>
<link>${e(absolute(site, '/public/'))}</link>
<description>${e('建筑工程施工现场安全生产差别化监管全区通报批评')}</description>
<language>zh-cn</language>
<lastBuildDate>${e(rfc822(feedUpdated(items)))}</lastBuildDate>
<atom:link href="${e(self)}" rel="self" type="application/rss+xml"/>
${items.map((circular) => rssItem(circular, site)).join('\n')}
</channel>
</rss>
`;
}
