import { describe, expect, it } from 'vitest';
import {
  districtSlug,
  type PublishedRanking,
  publicLists,
  rankingKeys,
  renderRankingQuarter,
  renderRankingsIndex,
  renderRetiredRankingPage,
  type StoredLists,
} from '../../../shared/documents/public-rankings.js';
import { findPersonalData } from '../../../shared/domain/masking.js';

const site = { baseUrl: 'https://public.example.gov.cn/' };

const place = (rank: number, of: number) => ({ rank, of });

function lists(): StoredLists {
  const project = (rank: number, name: string, district: string) => ({
    ...place(rank, 3),
    score: 90 - rank,
    grade: rank === 3 ? ('fail' as const) : ('excellent' as const),
    projectId: `prj_${rank}`,
    name,
    district,
    category: 'building' as const,
    fatalIncident: false,
    districtRank: place(1, 1),
  });
  return {
    projects: {
      building: [
        project(1, '运河商务区1号地块办公楼', '通州区'),
        // a registrar typed the manager's ID number into the project name: this entry must never be published
        project(2, '张三110101199003071234宿舍楼', '通州区'),
        project(3, '宋庄文化区2号楼', '密云区'),
      ],
      municipal: [],
      rail: [],
      housing: [],
    },
    enterprises: {
      general_contractor: [
        {
          ...place(1, 1),
          score: 85,
          grade: 'excellent',
          creditCode: '91110000100000000A',
          name: '北京城建某建筑工程有限公司',
          projects: 2,
          rankPoints: 10,
        },
      ],
      supervisor: [],
      developer: [],
    },
    persons: {
      project_manager: [
        {
          ...place(1, 1),
          score: 85,
          grade: 'excellent',
          registrationNo: '京111060801234',
          name: '张三丰',
          enterpriseCreditCode: '91110000100000000A',
          enterpriseName: '北京城建某建筑工程有限公司',
          projects: 2,
          rankPoints: 10,
        },
      ],
      chief_supervising_engineer: [],
    },
    districts: [
      { ...place(1, 2), score: 88, grade: 'excellent', district: '通州区', projects: 2, excellentShare: 1 },
      { ...place(2, 2), score: 87, grade: 'excellent', district: '密云区', projects: 1, excellentShare: 0 },
    ],
  };
}

function ranking(overrides: Partial<PublishedRanking> = {}): PublishedRanking {
  return {
    quarter: '2026Q3',
    revision: 1,
    publishedOn: '2026-10-15',
    reason: null,
    publications: [{ revision: 1, publishedOn: '2026-10-15', reason: null }],
    rankedOn: '2026-10-14',
    lists: lists(),
    ...overrides,
  };
}

const bodyOf = (objects: Array<{ key: string; body: string | Uint8Array }>, key: string) => {
  const found = objects.find((object) => object.key === key);
  if (!found) throw new Error(`no object ${key}`);
  return String(found.body);
};

describe('the published rankings on the public site (SPEC §6.4)', () => {
  it('masks persons, drops their registration numbers, keeps their enterprise', () => {
    const { lists: shown } = publicLists(lists());
    const manager = shown.persons.project_manager[0] as unknown as Record<string, unknown>;
    expect(manager.name).toBe('张**');
    expect(manager).not.toHaveProperty('registrationNo');
    expect(manager.enterpriseName).toBe('北京城建某建筑工程有限公司');
  });

  it('leaves out the one entry carrying personal data and renders every other, record by record', () => {
    const { objects, omitted } = renderRankingQuarter(ranking(), site);
    expect(omitted).toEqual([{ list: 'projects.building', rank: 2, kinds: ['resident_id'] }]);
    for (const object of objects) expect(findPersonalData(String(object.body))).toEqual([]);
    const building = bodyOf(objects, rankingKeys.quarterPage('2026Q3', 'projects-building.html'));
    expect(building).toContain('运河商务区1号地块办公楼');
    expect(building).toContain('宋庄文化区2号楼');
    expect(building).not.toContain('宿舍楼');
    const everything = objects.map((object) => String(object.body)).join('\n');
    expect(everything).not.toContain('京111060801234');
    expect(everything).not.toContain('张三丰');
  });

  it('writes JSON, and CSV in UTF-8 with a BOM for Excel', () => {
    const { objects } = renderRankingQuarter(ranking(), site);
    const json = JSON.parse(bodyOf(objects, rankingKeys.json('2026Q3')));
    expect(json).toMatchObject({ quarter: '2026Q3', status: 'published', revision: 1, reason: null });
    expect(json.lists.projects.building.map((entry: { rank: number }) => entry.rank)).toEqual([1, 3]);
    const csv = bodyOf(objects, rankingKeys.csv('2026Q3'));
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[0]?.startsWith('榜单,名次,参评数')).toBe(true);
    expect(lines.some((line) => line.startsWith('施工总承包单位,1,1,') && line.includes('91110000100000000A'))).toBe(
      true,
    );
  });

  it('filters by district and by category with pages of their own, linked from the quarter', () => {
    const { objects } = renderRankingQuarter(ranking(), site);
    const miyun = `district-${districtSlug('密云区')}.html`;
    const index = bodyOf(objects, rankingKeys.quarterPage('2026Q3', 'index.html'));
    expect(index).toContain(miyun);
    expect(index).toContain('projects-building.html');
    const page = bodyOf(objects, rankingKeys.quarterPage('2026Q3', miyun));
    expect(page).toContain('宋庄文化区2号楼');
    expect(page).not.toContain('运河商务区');
  });

  it('shows a correction with its reason; the same revision gives the same bytes', () => {
    const reason = '更正通州区一项目的政府评估录入错误';
    const corrected = ranking({
      revision: 2,
      reason,
      publications: [
        { revision: 1, publishedOn: '2026-10-15', reason: null },
        { revision: 2, publishedOn: '2026-10-20', reason },
      ],
    });
    const first = renderRankingQuarter(corrected, site).objects;
    expect(bodyOf(first, rankingKeys.quarterPage('2026Q3', 'index.html'))).toContain(`更正理由：${reason}`);
    const again = renderRankingQuarter(corrected, site).objects;
    expect(again.map((object) => [object.key, object.body])).toEqual(first.map((object) => [object.key, object.body]));
  });

  it('indexes the quarters newest first, a corrected one marked', () => {
    const index = String(
      renderRankingsIndex(
        [
          { quarter: '2026Q2', revision: 1, publishedOn: '2026-07-10', corrected: false },
          { quarter: '2026Q3', revision: 2, publishedOn: '2026-10-20', corrected: true },
        ],
        site,
      ).body,
    );
    expect(index.indexOf('2026Q3/index.html')).toBeLessThan(index.indexOf('2026Q2/index.html'));
    expect(index).toContain('已更正');
  });

  it('replaces a page a correction no longer has with a notice pointing at the quarter', () => {
    const key = rankingKeys.quarterPage('2026Q3', `district-${districtSlug('密云区')}.html`);
    const retired = renderRetiredRankingPage(key, { quarter: '2026Q3', revision: 2 }, site);
    expect(retired.key).toBe(key);
    const body = String(retired.body);
    expect(body).toContain('本页已不再适用');
    expect(body).toContain('第2版');
    expect(body).toContain('href="index.html"');
    expect(body).not.toContain('宋庄文化区');
  });
});
