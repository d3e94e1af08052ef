import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JGJ59_2011 } from '../../../shared/domain/assessment/jgj59-2011.js';
import { DEFAULT_ASSESSMENT_THRESHOLDS as T } from '../../../shared/domain/assessment/thresholds.js';
import {
  bottomOfList,
  competitionRanking,
  districtList,
  enterpriseGrounds,
  enterpriseLists,
  isRanked,
  personLists,
  projectLists,
  type RankableProject,
  rankingProposals,
  rankPoints,
} from '../../../shared/domain/ranking.js';

const bands = JGJ59_2011.scoring;

let counter = 0;
function project(overrides: Partial<RankableProject> & { score: number | null }): RankableProject {
  counter += 1;
  const id = overrides.projectId ?? `p${String(counter).padStart(3, '0')}`;
  return {
    projectId: id,
    name: `项目${id}`,
    district: '通州区',
    category: 'building',
    phaseAtQuarterEnd: 'structure',
    grade:
      overrides.score === null ? null : overrides.score >= 80 ? 'excellent' : overrides.score >= 70 ? 'pass' : 'fail',
    fatalIncident: false,
    governmentFailed: false,
    supervised: false,
    units: {},
    persons: {},
    ...overrides,
  };
}

describe('standard competition ranking (SPEC §6.4: 1, 2, 2, 4)', () => {
  it('shares a rank between equal scores and skips the next', () => {
    const ranked = competitionRanking(
      [
        { id: 'a', score: 80 },
        { id: 'b', score: 91.5 },
        { id: 'c', score: 85 },
        { id: 'd', score: 85 },
      ],
      (e) => e.score,
      (e) => e.id,
    );
    expect(ranked.map((e) => [e.id, e.rank, e.of])).toEqual([
      ['b', 1, 4],
      ['c', 2, 4],
      ['d', 2, 4],
      ['a', 4, 4],
    ]);
  });

  it('compares scores as shown, to one decimal', () => {
    const ranked = competitionRanking(
      [
        { id: 'a', score: 85.1 },
        { id: 'b', score: 85.09999999999999 },
      ],
      (e) => e.score,
      (e) => e.id,
    );
    expect(ranked.map((e) => e.rank)).toEqual([1, 1]);
  });

  it('a rank is one more than the number of entries strictly better (fast-check)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1000 }), { maxLength: 60 }), (tenths) => {
        const entries = tenths.map((t, i) => ({ id: `e${i}`, score: t / 10 }));
        const ranked = competitionRanking(
          entries,
          (e) => e.score,
          (e) => e.id,
        );
        for (const entry of ranked) {
          expect(entry.rank).toBe(1 + entries.filter((e) => e.score > entry.score).length);
          expect(entry.of).toBe(entries.length);
        }
      }),
    );
  });
});

describe('rank points (SPEC §6.4, Beijing 2022)', () => {
  it.each([
    [1, 10],
    [50, 10],
    [51, 9.5],
    [100, 9.5],
    [101, 9],
    [901, 1],
    [950, 1],
    [951, 0.5],
    [5000, 0.5],
  ])('rank %i → %d', (rank, points) => {
    expect(rankPoints(rank, T)).toBe(points);
  });
});

describe('who is ranked', () => {
  it('projects with an assessment in the quarter, not in preparation or completion at its end', () => {
    expect(isRanked(project({ score: 80 }), T)).toBe(true);
    expect(isRanked(project({ score: null }), T)).toBe(false);
    expect(isRanked(project({ score: 80, phaseAtQuarterEnd: 'preparation' }), T)).toBe(false);
    expect(isRanked(project({ score: 80, phaseAtQuarterEnd: 'completion' }), T)).toBe(false);
    expect(isRanked(project({ score: 80, phaseAtQuarterEnd: 'decoration' }), T)).toBe(true);
  });
});

describe('the lists', () => {
  const contractorA = { creditCode: 'A', name: '甲建设' };
  const contractorB = { creditCode: 'B', name: '乙建设' };
  const supervisorS = { creditCode: 'S', name: '丙监理' };
  const projects = [
    project({
      projectId: 'p1',
      score: 90,
      units: { general_contractor: contractorA, supervisor: supervisorS },
      persons: {
        project_manager: { registrationNo: 'R1', name: '张三', enterpriseCreditCode: 'A', enterpriseName: '甲建设' },
      },
    }),
    project({
      projectId: 'p2',
      score: 70,
      units: { general_contractor: contractorA },
      persons: {
        project_manager: { registrationNo: 'R1', name: '张三', enterpriseCreditCode: 'A', enterpriseName: '甲建设' },
      },
    }),
    project({
      projectId: 'p3',
      score: 85,
      category: 'municipal',
      district: '朝阳区',
      units: { general_contractor: contractorB },
    }),
    project({ projectId: 'p4', score: 95, fatalIncident: true, units: { general_contractor: contractorB } }),
    // not ranked: pre-acceptance; its score counts nowhere
    project({
      projectId: 'p5',
      score: 20,
      phaseAtQuarterEnd: 'completion',
      units: { general_contractor: contractorB },
    }),
  ];

  it('projects per category, a fatal incident ranked last whatever its score', () => {
    const lists = projectLists(projects, T);
    expect(lists.building.map((e) => [e.projectId, e.rank, e.of, e.score])).toEqual([
      ['p1', 1, 3, 90],
      ['p2', 2, 3, 70],
      ['p4', 3, 3, 95],
    ]);
    expect(lists.municipal.map((e) => e.projectId)).toEqual(['p3']);
    expect(lists.rail).toEqual([]);
  });

  it('enterprises per role: the mean of their ranked projects, counted, with rank points', () => {
    const lists = enterpriseLists(projects, bands, T);
    // A: (90 + 70) ÷ 2 = 80 (2 projects); B: (85 + 95) ÷ 2 = 90 (p5 not ranked)
    expect(
      lists.general_contractor.map((e) => [e.creditCode, e.rank, e.score, e.grade, e.projects, e.rankPoints]),
    ).toEqual([
      ['B', 1, 90, 'excellent', 2, 10],
      ['A', 2, 80, 'excellent', 2, 10],
    ]);
    expect(lists.supervisor.map((e) => [e.creditCode, e.score, e.projects])).toEqual([['S', 90, 1]]);
    expect(lists.developer).toEqual([]);
  });

  it('persons per role, as enterprises', () => {
    const lists = personLists(projects, bands, T);
    expect(lists.project_manager).toEqual([
      expect.objectContaining({ registrationNo: 'R1', score: 80, projects: 2, rank: 1, of: 1, rankPoints: 10 }),
    ]);
    expect(lists.chief_supervising_engineer).toEqual([]);
  });

  it('districts: mean score, projects ranked and the share graded 优良', () => {
    // 通州区: p1 90 (优良), p2 70 (合格), p4 95 (优良) → 85, 3 projects, 2/3 优良; 朝阳区: p3 85 → 85
    expect(
      districtList(projects, bands, T).map((e) => [e.district, e.rank, e.score, e.projects, e.excellentShare]),
    ).toEqual([
      ['朝阳区', 1, 85, 1, 1],
      ['通州区', 1, 85, 3, 0.667],
    ]);
  });
});

describe('the bottom 5 % (SPEC §6.5)', () => {
  const list = (scores: number[]) =>
    competitionRanking(
      scores.map((score, i) => ({ id: `e${String(i).padStart(2, '0')}`, score })),
      (e) => e.score,
      (e) => e.id,
    );
  const descending = (n: number) => Array.from({ length: n }, (_, i) => 100 - i);

  it('none where fewer than 10 are ranked', () => {
    expect(bottomOfList(list(descending(9)), T)).toEqual([]);
  });

  it.each([
    [10, 1],
    [20, 1],
    [21, 2],
    [40, 2],
    [41, 3],
  ])('%i ranked → the last %i (rounded up)', (n, count) => {
    const bottom = bottomOfList(list(descending(n)), T);
    expect(bottom).toHaveLength(count);
    expect(bottom.map((e) => e.score)).toEqual(descending(n).slice(n - count));
  });

  it('entries tied with the last one inside the cut are inside it too', () => {
    // 12 ranked → 1 inside; the last two tie at 60
    const bottom = bottomOfList(list([...descending(10), 60, 60]), T);
    expect(bottom.map((e) => e.score)).toEqual([60, 60]);
    // 21 ranked → 2 inside: the 20th and 21st; the 19th ties with the 20th
    const scores = [...descending(18), 50, 50, 40];
    expect(bottomOfList(list(scores), T).map((e) => e.score)).toEqual([50, 50, 40]);
  });
});

describe('proposals for differentiated supervision at a published ranking (SPEC §6.5)', () => {
  it('the bottom of each district and category, and every government 不合格, unless already supervised', () => {
    const tongzhou = Array.from({ length: 10 }, (_, i) => project({ projectId: `t${i}`, score: 90 - i }));
    const chaoyang = Array.from({ length: 9 }, (_, i) =>
      project({ projectId: `c${i}`, district: '朝阳区', score: 60 - i }),
    );
    const failed = project({
      projectId: 'g1',
      district: '朝阳区',
      category: 'rail',
      score: 75,
      governmentFailed: true,
    });
    const supervisedFail = project({ projectId: 'g2', score: 72, governmentFailed: true, supervised: true });
    const proposals = rankingProposals([...tongzhou, ...chaoyang, failed, supervisedFail], T);
    expect(proposals).toEqual([
      // 通州区 房建: 11 ranked (t0–t9 at 90…81, g2 at 72) → 1 inside: g2, already supervised, so not proposed;
      // 朝阳区 房建: 9 ranked → none; g1 (朝阳区 轨道) graded 不合格 by the government
      {
        projectId: 'g1',
        grounds: ['government_fail'],
        categoryRank: { rank: 1, of: 1 },
        districtRank: { rank: 1, of: 1 },
      },
    ]);
  });

  it('proposes the bottom project of a district with 10 ranked, with its ranks as evidence', () => {
    const tongzhou = Array.from({ length: 10 }, (_, i) => project({ projectId: `t${i}`, score: 90 - i }));
    const elsewhere = Array.from({ length: 5 }, (_, i) =>
      project({ projectId: `x${i}`, district: '朝阳区', score: 50 + i }),
    );
    expect(rankingProposals([...tongzhou, ...elsewhere], T)).toEqual([
      {
        projectId: 't9',
        grounds: ['bottom_of_ranking'],
        categoryRank: { rank: 10, of: 15 },
        districtRank: { rank: 10, of: 10 },
      },
    ]);
  });
});

describe('enterprise grounds (SPEC §6.5)', () => {
  it('any of the three grounds proposes; none releases', () => {
    expect(enterpriseGrounds({ bottomOfRoles: [], supervisedProjectsNow: 1, pointsInWindow: 15 }, T)).toEqual([]);
    expect(
      enterpriseGrounds({ bottomOfRoles: ['general_contractor'], supervisedProjectsNow: 2, pointsInWindow: 16 }, T),
    ).toEqual(['bottom_of_role_list', 'supervised_projects', 'penalty_points']);
  });
});
