/**
 * The published rankings on the public site (SPEC §6.4; seed 004: 对全市所有在施项目、企业、注册人员进行…排名…并在
 * 市住房城乡建设委官方网站向社会公布，供社会监督): static HTML pages per quarter (every list, filterable by district
 * and category through server-rendered filter pages — the pages' CSP allows no inline script, no form posts), the
 * quarter's JSON and CSV (UTF-8 with BOM, for Excel), and the index of quarters.
 *
 * Pure: records in, objects out; the same revision gives the same bytes. Record by record: an entry whose public
 * text would carry personal data (an ID or telephone number in a name) is left out and reported, never published,
 * and never stops the rest. Persons appear masked (张*) with their enterprise; their registration numbers do not
 * appear. Every object is scanned again with `findPersonalData` before it is returned; one with a hit is left out.
 */
import { createHash } from 'node:crypto';
import { stringify } from 'csv-stringify/sync';
import { quarterName } from '../domain/assessment/periods.js';
import type { Grade } from '../domain/assessment/scoring.js';
import { findPersonalData, maskPersonName } from '../domain/masking.js';
import { RANKED_UNIT_ROLES, type RankedUnitRole } from '../domain/ranking.js';
import {
  PERSON_ROLE_NAMES,
  PERSON_ROLES,
  type PersonRole,
  PROJECT_CATEGORIES,
  PROJECT_CATEGORY_NAMES,
  type ProjectCategory,
  UNIT_ROLE_NAMES,
} from '../domain/vocabulary.js';
import { escapeMarkup as e, PUBLIC_CACHE_CONTROL, type PublicObject, type SiteContext } from './public-site.js';

/** Rows an HTML page of a list carries; a longer list continues on the next page. */
export const ROWS_PER_PAGE = 500;
/** The site's name for the rankings. */
export const RANKINGS_TITLE = '建筑施工安全质量状况评估排名';

export const RANKING_CONTENT_TYPES = {
  html: 'text/html; charset=utf-8',
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  css: 'text/css; charset=utf-8',
} as const;

/** Keys in the public bucket (the URL path without its leading slash). */
export const rankingKeys = {
  index: 'public/rankings/index.html',
  stylesheet: 'public/rankings/rankings.css',
  quarterPrefix: (quarter: string) => `public/rankings/${quarter}/`,
  quarterPage: (quarter: string, page: string) => `public/rankings/${quarter}/${page}`,
  json: (quarter: string) => `public/rankings/${quarter}.json`,
  csv: (quarter: string) => `public/rankings/${quarter}.csv`,
};

type Place = { rank: number; of: number };

/** A published revision's lists as the run stored them (agency fields: persons unmasked, registration numbers). */
export interface StoredLists {
  projects: Record<
    ProjectCategory,
    Array<
      Place & {
        score: number;
        grade: Grade | null;
        projectId: string;
        name: string;
        district: string;
        category: ProjectCategory;
        fatalIncident: boolean;
        districtRank: Place;
      }
    >
  >;
  enterprises: Record<
    RankedUnitRole,
    Array<
      Place & { score: number; grade: Grade; creditCode: string; name: string; projects: number; rankPoints: number }
    >
  >;
  persons: Record<
    PersonRole,
    Array<
      Place & {
        score: number;
        grade: Grade;
        registrationNo: string;
        name: string;
        enterpriseCreditCode: string;
        enterpriseName: string;
        projects: number;
        rankPoints: number;
      }
    >
  >;
  districts: Array<Place & { score: number; grade: Grade; district: string; projects: number; excellentShare: number }>;
}

/** A published revision of a quarter. */
export interface PublishedRanking {
  quarter: string;
  revision: number;
  publishedOn: string;
  /** why this revision was computed (a correction's reason); null for a first publication */
  reason: string | null;
  /** every publication of the quarter, oldest first */
  publications: Array<{ revision: number; publishedOn: string; reason: string | null }>;
  rankedOn: string;
  lists: StoredLists;
}

/** A quarter in the index. */
export interface PublishedQuarter {
  quarter: string;
  revision: number;
  publishedOn: string;
  /** published more than once: the latest is a correction */
  corrected: boolean;
}

/** What one regeneration of a quarter renders, and the entries it left out (to raise as an alarm). */
export interface RenderedQuarter {
  objects: PublicObject[];
  omitted: Array<{ list: string; rank: number; kinds: string[] }>;
}

const GRADE_NAMES: Record<Grade, string> = { excellent: '优良', pass: '合格', fail: '不合格' };

/** A district's page name: a short digest of its name (stable across revisions; names are Chinese). */
export function districtSlug(district: string): string {
  return `d${createHash('sha256').update(district).digest('hex').slice(0, 10)}`;
}

// ---------------------------------------------------------------------------------------------------------------
// the public entries: masked, checked record by record

type PublicProject = StoredLists['projects'][ProjectCategory][number];
type PublicEnterprise = StoredLists['enterprises'][RankedUnitRole][number];
type PublicPerson = Omit<StoredLists['persons'][PersonRole][number], 'registrationNo'>;
type PublicDistrict = StoredLists['districts'][number];

export interface PublicLists {
  projects: Record<ProjectCategory, PublicProject[]>;
  enterprises: Record<RankedUnitRole, PublicEnterprise[]>;
  persons: Record<PersonRole, PublicPerson[]>;
  districts: PublicDistrict[];
}

/**
 * The lists as the public may see them: persons masked (张*) without their registration numbers; an entry whose
 * text still holds personal data left out (and named in `omitted`).
 */
export function publicLists(lists: StoredLists): { lists: PublicLists; omitted: RenderedQuarter['omitted'] } {
  const omitted: RenderedQuarter['omitted'] = [];
  const safe = <T extends { rank: number }>(list: string, entries: readonly T[], text: (entry: T) => string[]) =>
    entries.filter((entry) => {
      // an enterprise's own credit code is public (SPEC §6.4), even when it is shaped like an ID number
      const publicCodes = 'creditCode' in entry && typeof entry.creditCode === 'string' ? [entry.creditCode] : [];
      const kinds = [
        ...new Set(text(entry).flatMap((value) => findPersonalData(value, { publicCodes }).map((m) => m.kind))),
      ];
      if (kinds.length) omitted.push({ list, rank: entry.rank, kinds });
      return kinds.length === 0;
    });
  const projects = {} as PublicLists['projects'];
  for (const category of PROJECT_CATEGORIES) {
    projects[category] = safe(`projects.${category}`, lists.projects[category] ?? [], (p) => [p.name, p.district]);
  }
  const enterprises = {} as PublicLists['enterprises'];
  for (const role of RANKED_UNIT_ROLES) {
    enterprises[role] = safe(`enterprises.${role}`, lists.enterprises[role] ?? [], (x) => [x.name]);
  }
  const persons = {} as PublicLists['persons'];
  for (const role of PERSON_ROLES) {
    const masked = (lists.persons[role] ?? []).map(({ registrationNo: _no, ...person }) => ({
      ...person,
      name: maskPersonName(person.name),
    }));
    persons[role] = safe(`persons.${role}`, masked, (p) => [p.name, p.enterpriseName]);
  }
  const districts = safe('districts', lists.districts ?? [], (d) => [d.district]);
  return { lists: { projects, enterprises, persons, districts }, omitted };
}

// ---------------------------------------------------------------------------------------------------------------
// HTML

/** The stylesheet of the rankings pages (the pages' CSP takes styles from the own origin only: no inline style). */
export const RANKINGS_STYLESHEET = `
:root{color-scheme:light;--ink:#1f2328;--muted:#59636e;--line:#d1d9e0;--accent:#b42318;--link:#0b5cad;--zebra:#f6f8fa}
*{box-sizing:border-box}
body{margin:0;font:16px/1.7 system-ui,-apple-system,"PingFang SC","Noto Sans SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;color:var(--ink);overflow-wrap:anywhere}
header,main,footer{max-width:64rem;margin:0 auto;padding:0 1rem}
header{border-bottom:3px solid var(--accent);padding-top:1rem}
header p{margin:.25rem 0 .75rem}
h1{font-size:1.35rem;line-height:1.4;margin:1rem 0 .5rem}
h2{font-size:1.1rem;margin:1.5rem 0 .5rem;border-left:4px solid var(--accent);padding-left:.5rem}
a{color:var(--link)}
.meta{color:var(--muted);font-size:.9rem;margin:.25rem 0}
.note{background:#eef6ff;border:1px solid #9ec5fe;padding:.5rem .75rem;border-radius:.25rem}
.correction{background:#fff4e5;border:1px solid #f5a524;padding:.75rem;border-radius:.25rem}
nav ul{display:flex;flex-wrap:wrap;gap:.25rem 1rem;padding:0;margin:.25rem 0;list-style:none}
nav a[aria-current]{font-weight:700;color:var(--ink);text-decoration:none}
.table{overflow-x:auto;margin:.5rem 0}
table{border-collapse:collapse;width:100%;font-size:.95rem}
caption{text-align:left;color:var(--muted);font-size:.9rem;padding:.25rem 0}
th,td{border-bottom:1px solid var(--line);padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:var(--zebra);white-space:nowrap}
td.num,th.num{text-align:right;white-space:nowrap}
tbody tr:nth-child(even){background:var(--zebra)}
.grade-fail{color:var(--accent);font-weight:700}
code{font-family:ui-monospace,"SFMono-Regular",Menlo,monospace;font-size:.9em}
footer{color:var(--muted);font-size:.85rem;margin-top:2rem;padding-bottom:2rem;border-top:1px solid var(--line)}
@media (max-width:40rem){th,td{padding:.3rem .35rem}table{font-size:.9rem}}
`.trim();

interface PageOptions {
  title: string;
  path: string;
  /** how to reach `/public/rankings/` from the page */
  root: string;
  main: string;
}

function absolute(site: SiteContext, path: string): string {
  return `${site.baseUrl.replace(/\/+$/, '')}${path}`;
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
<link rel="stylesheet" href="${root}rankings.css">
</head>
<body>
<header>
<p><a href="${root}index.html">${e(RANKINGS_TITLE)}</a> · <a href="${root}../index.html">差别化监管通报</a></p>
</header>
<main>
${options.main}
</main>
<footer>
<p>排名按标准竞争排名法（同分同名次，其后名次顺延）；发生亡人事故的项目排在最后。企业和注册人员的排名得分：第1—50名10分，此后每50名递减0.5分，最低0.5分。</p>
<p>本页所载单位信息依法公示；注册人员姓名已作脱敏处理，不公布其身份证件号码和联系方式。</p>
</footer>
</body>
</html>
`;
}

const num = (value: number) => `<td class="num">${e(String(value))}</td>`;
const gradeCell = (grade: Grade | null) =>
  grade ? `<td class="${grade === 'fail' ? 'grade-fail' : ''}">${GRADE_NAMES[grade]}</td>` : '<td>—</td>';
const rankCell = (place: Place) => `<td class="num">${place.rank}<span class="meta">/${place.of}</span></td>`;

function table(caption: string, head: string[], rows: string[], numeric: ReadonlySet<number>): string {
  if (!rows.length) return `<p>${e(caption)}：暂无参评。</p>`;
  const headRow = head.map((cell, index) => `<th scope="col"${numeric.has(index) ? ' class="num"' : ''}>${cell}</th>`);
  return `<div class="table" role="region" aria-label="${e(caption)}" tabindex="0"><table>
<caption>${e(caption)}</caption>
<thead><tr>${headRow.join('')}</tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table></div>`;
}

function projectRows(entries: readonly PublicProject[], withCategory: boolean): string[] {
  return entries.map(
    (p) =>
      `<tr>${rankCell(p)}${rankCell(p.districtRank)}<td>${e(p.name)}${p.fatalIncident ? '（本季度发生亡人事故）' : ''}</td><td>${e(
        p.district,
      )}</td>${withCategory ? `<td>${e(PROJECT_CATEGORY_NAMES[p.category])}</td>` : ''}${num(p.score)}${gradeCell(p.grade)}</tr>`,
  );
}

function projectTable(caption: string, entries: readonly PublicProject[], withCategory = false): string {
  const head = ['名次', '区县内名次', '项目名称', '区县', ...(withCategory ? ['类别'] : []), '得分', '等级'];
  const numeric = new Set([0, 1, withCategory ? 5 : 4]);
  return table(caption, head, projectRows(entries, withCategory), numeric);
}

function enterpriseTable(caption: string, entries: readonly PublicEnterprise[]): string {
  return table(
    caption,
    ['名次', '企业名称', '统一社会信用代码', '参评项目数', '平均得分', '等级', '排名得分'],
    entries.map(
      (x) =>
        `<tr>${rankCell(x)}<td>${e(x.name)}</td><td><code>${e(x.creditCode)}</code></td>${num(x.projects)}${num(
          x.score,
        )}${gradeCell(x.grade)}${num(x.rankPoints)}</tr>`,
    ),
    new Set([0, 3, 4, 6]),
  );
}

function personTable(caption: string, entries: readonly PublicPerson[]): string {
  return table(
    caption,
    ['名次', '姓名', '所在企业', '参评项目数', '平均得分', '等级', '排名得分'],
    entries.map(
      (p) =>
        `<tr>${rankCell(p)}<td>${e(p.name)}</td><td>${e(p.enterpriseName)}<br><code>${e(
          p.enterpriseCreditCode,
        )}</code></td>${num(p.projects)}${num(p.score)}${gradeCell(p.grade)}${num(p.rankPoints)}</tr>`,
    ),
    new Set([0, 3, 4, 6]),
  );
}

function districtTable(entries: readonly PublicDistrict[], links: boolean): string {
  return table(
    '区县排名',
    ['名次', '区县', '参评项目数', '平均得分', '等级', '优良率'],
    entries.map(
      (d) =>
        `<tr>${rankCell(d)}<td>${
          links ? `<a href="district-${districtSlug(d.district)}.html">${e(d.district)}</a>` : e(d.district)
        }</td>${num(d.projects)}${num(d.score)}${gradeCell(d.grade)}<td class="num">${(d.excellentShare * 100).toFixed(1)}%</td></tr>`,
    ),
    new Set([0, 2, 3, 5]),
  );
}

/** Pages of a long list: `name.html`, `name-2.html` …; each with the links to the others. */
function paged<T>(
  name: string,
  entries: readonly T[],
): Array<{ file: string; entries: T[]; index: number; count: number }> {
  const count = Math.max(1, Math.ceil(entries.length / ROWS_PER_PAGE));
  return Array.from({ length: count }, (_, index) => ({
    file: index === 0 ? `${name}.html` : `${name}-${index + 1}.html`,
    entries: entries.slice(index * ROWS_PER_PAGE, (index + 1) * ROWS_PER_PAGE),
    index,
    count,
  }));
}

function pager(name: string, index: number, count: number): string {
  if (count <= 1) return '';
  const links = Array.from({ length: count }, (_, i) => {
    const file = i === 0 ? `${name}.html` : `${name}-${i + 1}.html`;
    return i === index
      ? `<li><a href="${file}" aria-current="page">第${i + 1}页</a></li>`
      : `<li><a href="${file}">第${i + 1}页</a></li>`;
  });
  return `<nav aria-label="分页"><ul>${links.join('')}</ul></nav>`;
}

/** The filter: a link per category and per district (the current one marked), as navigation, no script. */
function filters(
  ranking: PublishedRanking,
  lists: PublicLists,
  current: { category?: ProjectCategory; district?: string },
): string {
  const categoryLinks = PROJECT_CATEGORIES.filter((category) => lists.projects[category].length).map((category) => {
    const file = current.district
      ? `projects-${category}-${districtSlug(current.district)}.html`
      : `projects-${category}.html`;
    const here = current.category === category;
    return `<li><a href="${file}"${here ? ' aria-current="page"' : ''}>${e(PROJECT_CATEGORY_NAMES[category])}（${
      lists.projects[category].length
    }）</a></li>`;
  });
  const districts = [...new Set(PROJECT_CATEGORIES.flatMap((c) => lists.projects[c].map((p) => p.district)))].sort(
    (a, b) => a.localeCompare(b, 'zh-CN'),
  );
  const districtLinks = districts.map((district) => {
    const file = current.category
      ? lists.projects[current.category].some((p) => p.district === district)
        ? `projects-${current.category}-${districtSlug(district)}.html`
        : `district-${districtSlug(district)}.html`
      : `district-${districtSlug(district)}.html`;
    const here = current.district === district;
    return `<li><a href="${file}"${here ? ' aria-current="page"' : ''}>${e(district)}</a></li>`;
  });
  const all = current.category
    ? `<li><a href="projects-${current.category}.html"${current.district ? '' : ' aria-current="page"'}>全部区县</a></li>`
    : '';
  return `<nav aria-label="按类别筛选"><p class="meta">按类别：</p><ul>${categoryLinks.join('')}</ul></nav>
<nav aria-label="按区县筛选"><p class="meta">按区县：</p><ul>${all}${districtLinks.join('')}</ul></nav>
<p class="meta">${e(quarterName(ranking.quarter))} · 第${ranking.revision}版 · ${e(ranking.publishedOn)}公布</p>`;
}

function correctionBanner(ranking: PublishedRanking): string {
  if (ranking.revision <= 1 && ranking.publications.length <= 1) return '';
  const earlier = ranking.publications
    .filter((publication) => publication.revision < ranking.revision)
    .map((publication) => `第${publication.revision}版（${e(publication.publishedOn)}公布）`)
    .join('、');
  return `<p class="correction" role="note">本排名为更正后的第${ranking.revision}版，${e(ranking.publishedOn)}公布，取代${
    earlier || '此前公布的版本'
  }。更正理由：${e(ranking.reason?.trim() || '未说明理由')}</p>`;
}

function html(key: string, body: string): PublicObject {
  return { key, body, contentType: RANKING_CONTENT_TYPES.html, cacheControl: PUBLIC_CACHE_CONTROL };
}

/** Every HTML page of a quarter. */
function quarterPages(ranking: PublishedRanking, lists: PublicLists, site: SiteContext): PublicObject[] {
  const { quarter } = ranking;
  const base = `/public/rankings/${quarter}/`;
  const title = `${quarterName(quarter)}${RANKINGS_TITLE}`;
  const objects: PublicObject[] = [];
  const add = (file: string, heading: string, main: string) =>
    objects.push(
      html(
        rankingKeys.quarterPage(quarter, file),
        page(site, { title: `${heading} - ${title}`, path: `${base}${file}`, root: '../', main }),
      ),
    );
  const back = `<p><a href="index.html">返回${e(quarterName(quarter))}排名</a> · <a href="../index.html">历次排名</a></p>`;

  // the quarter's page: the districts, the links to every list
  const categorySummary = PROJECT_CATEGORIES.map(
    (category) =>
      `<li><a href="projects-${category}.html">${e(PROJECT_CATEGORY_NAMES[category])}项目排名</a>（${
        lists.projects[category].length
      }个）</li>`,
  ).join('');
  const roleLinks = RANKED_UNIT_ROLES.map(
    (role) =>
      `<li><a href="enterprises-${role}.html">${e(UNIT_ROLE_NAMES[role])}排名</a>（${lists.enterprises[role].length}家）</li>`,
  ).join('');
  const personLinks = PERSON_ROLES.map(
    (role) =>
      `<li><a href="persons-${role}.html">${e(PERSON_ROLE_NAMES[role])}排名</a>（${lists.persons[role].length}人）</li>`,
  ).join('');
  objects.push(
    html(
      rankingKeys.quarterPage(quarter, 'index.html'),
      page(site, {
        title,
        path: base,
        root: '../',
        main: `<h1>${e(title)}</h1>
${correctionBanner(ranking)}
<p class="meta">第${ranking.revision}版 · ${e(ranking.publishedOn)}公布 · 评估数据截至${e(ranking.rankedOn)} · 下载：<a href="../${e(
          quarter,
        )}.json">JSON</a> · <a href="../${e(quarter)}.csv">CSV（Excel）</a></p>
<h2>项目排名（按类别）</h2>
<ul>${categorySummary}</ul>
${filters(ranking, lists, {})}
<h2>企业排名</h2>
<ul>${roleLinks}</ul>
<h2>注册人员排名</h2>
<ul>${personLinks}</ul>
<h2>区县排名</h2>
${districtTable(lists.districts, true)}`,
      }),
    ),
  );

  // each category's list, page by page, and filtered to each district
  for (const category of PROJECT_CATEGORIES) {
    const name = `projects-${category}`;
    const heading = `${PROJECT_CATEGORY_NAMES[category]}项目排名`;
    for (const part of paged(name, lists.projects[category])) {
      add(
        part.file,
        heading,
        `<h1>${e(quarterName(quarter))}${e(heading)}</h1>
${correctionBanner(ranking)}
${filters(ranking, lists, { category })}
${pager(name, part.index, part.count)}
${projectTable(`${heading}（共${lists.projects[category].length}个）`, part.entries)}
${pager(name, part.index, part.count)}
${back}`,
      );
    }
    const byDistrict = new Map<string, PublicProject[]>();
    for (const project of lists.projects[category]) {
      byDistrict.set(project.district, [...(byDistrict.get(project.district) ?? []), project]);
    }
    for (const [district, projects] of byDistrict) {
      const file = `projects-${category}-${districtSlug(district)}.html`;
      add(
        file,
        `${district}${heading}`,
        `<h1>${e(quarterName(quarter))}${e(district)}${e(heading)}</h1>
${correctionBanner(ranking)}
${filters(ranking, lists, { category, district })}
${projectTable(`${district}${heading}（共${projects.length}个；名次为全类别名次）`, projects)}
${back}`,
      );
    }
  }
  // each district's projects of every category
  const districts = new Map<string, PublicProject[]>();
  for (const category of PROJECT_CATEGORIES) {
    for (const project of lists.projects[category]) {
      districts.set(project.district, [...(districts.get(project.district) ?? []), project]);
    }
  }
  for (const [district, projects] of districts) {
    add(
      `district-${districtSlug(district)}.html`,
      `${district}项目排名`,
      `<h1>${e(quarterName(quarter))}${e(district)}项目排名</h1>
${correctionBanner(ranking)}
${filters(ranking, lists, { district })}
${projectTable(`${district}参评项目（共${projects.length}个；名次为所在类别名次）`, projects, true)}
${back}`,
    );
  }
  // enterprises and persons, page by page
  for (const role of RANKED_UNIT_ROLES) {
    const name = `enterprises-${role}`;
    const heading = `${UNIT_ROLE_NAMES[role]}排名`;
    for (const part of paged(name, lists.enterprises[role])) {
      add(
        part.file,
        heading,
        `<h1>${e(quarterName(quarter))}${e(heading)}</h1>
${correctionBanner(ranking)}
${pager(name, part.index, part.count)}
${enterpriseTable(`${heading}（共${lists.enterprises[role].length}家）`, part.entries)}
${pager(name, part.index, part.count)}
${back}`,
      );
    }
  }
  for (const role of PERSON_ROLES) {
    const name = `persons-${role}`;
    const heading = `${PERSON_ROLE_NAMES[role]}排名`;
    for (const part of paged(name, lists.persons[role])) {
      add(
        part.file,
        heading,
        `<h1>${e(quarterName(quarter))}${e(heading)}</h1>
${correctionBanner(ranking)}
<p class="meta">姓名已作脱敏处理，附所在企业。</p>
${pager(name, part.index, part.count)}
${personTable(`${heading}（共${lists.persons[role].length}人）`, part.entries)}
${pager(name, part.index, part.count)}
${back}`,
      );
    }
  }
  return objects;
}

// ---------------------------------------------------------------------------------------------------------------
// JSON and CSV

/** The quarter as JSON: SPEC §6.4's shape, persons masked, with the publication's history. */
export function rankingJson(ranking: PublishedRanking, lists: PublicLists, site: SiteContext): string {
  return `${JSON.stringify(
    {
      quarter: ranking.quarter,
      status: 'published',
      revision: ranking.revision,
      reason: ranking.reason,
      publishedOn: ranking.publishedOn,
      rankedOn: ranking.rankedOn,
      publications: ranking.publications,
      url: absolute(site, `/public/rankings/${ranking.quarter}/`),
      lists,
    },
    null,
    1,
  )}\n`;
}

const CSV_HEADER = [
  '榜单',
  '名次',
  '参评数',
  '区县内名次',
  '得分',
  '等级',
  '名称',
  '区县',
  '类别',
  '统一社会信用代码',
  '所在企业',
  '所在企业统一社会信用代码',
  '参评项目数',
  '排名得分',
  '优良率',
];

/** The quarter as CSV for Excel: UTF-8 with a BOM, one row per entry of every list, the list named in Chinese. */
export function rankingCsv(lists: PublicLists): string {
  const rows: Array<Array<string | number>> = [];
  for (const category of PROJECT_CATEGORIES) {
    for (const p of lists.projects[category]) {
      rows.push([
        `${PROJECT_CATEGORY_NAMES[category]}项目`,
        p.rank,
        p.of,
        p.districtRank.rank,
        p.score,
        p.grade ? GRADE_NAMES[p.grade] : '',
        p.name,
        p.district,
        PROJECT_CATEGORY_NAMES[category],
        '',
        '',
        '',
        '',
        '',
        '',
      ]);
    }
  }
  for (const role of RANKED_UNIT_ROLES) {
    for (const x of lists.enterprises[role]) {
      rows.push([
        UNIT_ROLE_NAMES[role],
        x.rank,
        x.of,
        '',
        x.score,
        GRADE_NAMES[x.grade],
        x.name,
        '',
        '',
        x.creditCode,
        '',
        '',
        x.projects,
        x.rankPoints,
        '',
      ]);
    }
  }
  for (const role of PERSON_ROLES) {
    for (const p of lists.persons[role]) {
      rows.push([
        PERSON_ROLE_NAMES[role],
        p.rank,
        p.of,
        '',
        p.score,
        GRADE_NAMES[p.grade],
        p.name,
        '',
        '',
        '',
        p.enterpriseName,
        p.enterpriseCreditCode,
        p.projects,
        p.rankPoints,
        '',
      ]);
    }
  }
  for (const d of lists.districts) {
    rows.push([
      '区县',
      d.rank,
      d.of,
      '',
      d.score,
      GRADE_NAMES[d.grade],
      d.district,
      d.district,
      '',
      '',
      '',
      '',
      d.projects,
      '',
      `${(d.excellentShare * 100).toFixed(1)}%`,
    ]);
  }
  // Excel opens a UTF-8 CSV as such only with the BOM; CRLF line ends as RFC 4180 has them
  return stringify([CSV_HEADER, ...rows], { bom: true, record_delimiter: 'windows' });
}

// ---------------------------------------------------------------------------------------------------------------
// what one regeneration writes

/**
 * Every object of a published quarter: its pages, its JSON and CSV, the stylesheet. The index of quarters is
 * rendered apart ({@link renderRankingsIndex}) from the quarters' heads. Scanned for personal data; entries that
 * would carry any are left out and listed in `omitted`.
 */
export function renderRankingQuarter(ranking: PublishedRanking, site: SiteContext): RenderedQuarter {
  const { lists, omitted } = publicLists(ranking.lists);
  const objects: PublicObject[] = [
    ...quarterPages(ranking, lists, site),
    {
      key: rankingKeys.json(ranking.quarter),
      body: rankingJson(ranking, lists, site),
      contentType: RANKING_CONTENT_TYPES.json,
      cacheControl: PUBLIC_CACHE_CONTROL,
    },
    {
      key: rankingKeys.csv(ranking.quarter),
      body: rankingCsv(lists),
      contentType: RANKING_CONTENT_TYPES.csv,
      cacheControl: PUBLIC_CACHE_CONTROL,
    },
    {
      key: rankingKeys.stylesheet,
      body: `${RANKINGS_STYLESHEET}\n`,
      contentType: RANKING_CONTENT_TYPES.css,
      cacheControl: PUBLIC_CACHE_CONTROL,
    },
  ];
  // the last guard, object by object: the entries were screened one by one, so a hit here is in the page's own
  // text; that object is left out (an older version stays up) and reported, the others are published
  const kept = objects.filter((object) => {
    const kinds = [...new Set(findPersonalData(String(object.body)).map((match) => match.kind))];
    if (kinds.length) omitted.push({ list: object.key, rank: 0, kinds });
    return kinds.length === 0;
  });
  return { objects: kept, omitted };
}

/**
 * What a page of the quarter becomes when a correction no longer has it (a district no longer ranked, a shorter
 * list): a notice pointing at the quarter, so an old link never shows the superseded entries. Public objects are
 * never deleted (only the document verifier deletes anything); like a retracted circular's page, it is replaced.
 */
export function renderRetiredRankingPage(
  key: string,
  ranking: Pick<PublishedRanking, 'quarter' | 'revision'>,
  site: SiteContext,
): PublicObject {
  const title = `${quarterName(ranking.quarter)}${RANKINGS_TITLE}`;
  return html(
    key,
    page(site, {
      title: `本页已不再适用 - ${title}`,
      path: `/${key}`,
      root: '../',
      main: `<h1>本页已不再适用</h1>
<p>${e(quarterName(ranking.quarter))}排名已更正为第${ranking.revision}版，本页所列内容不在更正后的排名中。</p>
<p><a href="index.html">查看${e(quarterName(ranking.quarter))}排名（第${ranking.revision}版）</a></p>`,
    }),
  );
}

/** The index of the quarters published (`/public/rankings/`), newest first, a correction marked as such. */
export function renderRankingsIndex(quarters: readonly PublishedQuarter[], site: SiteContext): PublicObject {
  const sorted = [...quarters].sort((a, b) => b.quarter.localeCompare(a.quarter));
  const list = sorted.length
    ? `<ul>${sorted
        .map(
          (q) =>
            `<li><a href="${e(q.quarter)}/index.html">${e(quarterName(q.quarter))}</a> <span class="meta">第${
              q.revision
            }版 · ${e(q.publishedOn)}公布${q.corrected ? ' · 已更正' : ''} · <a href="${e(q.quarter)}.json">JSON</a> · <a href="${e(
              q.quarter,
            )}.csv">CSV</a></span></li>`,
        )
        .join('\n')}</ul>`
    : '<p>暂无公布的排名。</p>';
  const object = html(
    rankingKeys.index,
    page(site, {
      title: RANKINGS_TITLE,
      path: '/public/rankings/',
      root: '',
      main: `<h1>${e(RANKINGS_TITLE)}</h1>
<p>按季度公布的在施工程项目、企业、注册人员和区县安全质量状况评估排名，供社会监督。</p>
${list}`,
    }),
  );
  // the index names quarters and dates only: nothing of a record reaches it
  return object;
}
