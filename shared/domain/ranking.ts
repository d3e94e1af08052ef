/**
 * Quarterly rankings (排名, seed 004: 对全市所有在施项目、企业、注册人员进行…排名，对17个区（县）…进行排名; SPEC
 * §6.4) and what follows from them (SPEC §6.5): who is ranked, standard competition ranking, rank points for tendering
 * (两场联动), the lists of projects, enterprises, persons and districts, the bottom 5 % proposed for differentiated
 * supervision, and the three grounds of enterprise-level supervision (企业级差别化监管).
 *
 * Pure: the quarter's scores come in already computed (assessment/quarter.ts), the numbers in `thresholds`.
 */
import { type Grade, gradeOfScore, roundScore } from './assessment/scoring.js';
import type { AssessmentThresholds } from './assessment/thresholds.js';
import type { PersonRole, ProjectCategory, ProjectPhase } from './vocabulary.js';

/** Roles whose enterprises are ranked (SPEC §6.4: `enterprises` per role). */
export const RANKED_UNIT_ROLES = ['general_contractor', 'supervisor', 'developer'] as const;
export type RankedUnitRole = (typeof RANKED_UNIT_ROLES)[number];

/** Grade boundaries of the scheme the scores come from (优良 from 80, 合格 from 70 in JGJ 59-2011). */
export type GradeBands = { excellentFrom: number; passFrom: number };

/** A project as the ranking sees it at the quarter's end. */
export interface RankableProject {
  projectId: string;
  name: string;
  district: string;
  category: ProjectCategory;
  phaseAtQuarterEnd: ProjectPhase;
  /** the quarter score (assessment/quarter.ts); null when nothing was assessed in the quarter */
  score: number | null;
  /** the quarter grade (不合格 whenever the government assessment graded 不合格) */
  grade: Grade | null;
  /** a fatal incident in the quarter: ranked last whatever its score (SPEC §6.2) */
  fatalIncident: boolean;
  /** its government assessment of the quarter graded 不合格 (SPEC §6.5) */
  governmentFailed: boolean;
  /** under differentiated supervision now (not proposed again) */
  supervised: boolean;
  units: Partial<Record<RankedUnitRole, { creditCode: string; name: string }>>;
  persons: Partial<
    Record<PersonRole, { registrationNo: string; name: string; enterpriseCreditCode: string; enterpriseName: string }>
  >;
}

/** An entry of a ranked list: its rank (shared by ties), the list's length and the subject's fields. */
export type Ranked<T> = T & { rank: number; of: number };

/**
 * Standard competition ranking (SPEC §6.4: "1, 2, 2, 4"): descending by score as shown (one decimal), equal scores
 * share a rank and the next rank skips. Entries `last(entry)` is true for are placed after all others and share the
 * rank after them, whatever their score (the fatal-incident rule). Ties are listed by `id` so a list is reproducible.
 */
export function competitionRanking<T>(
  entries: T[],
  score: (entry: T) => number,
  id: (entry: T) => string,
  last: (entry: T) => boolean = () => false,
): Array<Ranked<T>> {
  // keys computed once per entry, not once per comparison: a national list has 100,000s of entries
  const decorated = entries.map((entry) => ({
    entry,
    key: last(entry) ? Number.NEGATIVE_INFINITY : Math.round(score(entry) * 10),
    id: id(entry),
  }));
  decorated.sort((a, b) => (a.key !== b.key ? b.key - a.key : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const ranked: Array<Ranked<T>> = new Array(decorated.length);
  let rank = 0;
  let previous: number | undefined;
  decorated.forEach(({ entry, key }, index) => {
    if (key !== previous) {
      rank = index + 1;
      previous = key;
    }
    ranked[index] = { ...entry, rank, of: decorated.length };
  });
  return ranked;
}

/**
 * Rank points for tendering (SPEC §6.4, Beijing's 2022 credit rule): ranks 1–50 get full marks (10), each further
 * 50 ranks 0.5 less, never below 0.5 — rank 51 gets 9.5, rank 951 gets 0.5, rank 5,000 gets 0.5.
 */
export function rankPoints(rank: number, thresholds: Pick<AssessmentThresholds, 'ranking'>): number {
  const { full, ranksPerStep, step, floor } = thresholds.ranking.rankPoints;
  const steps = Math.floor((rank - 1) / ranksPerStep);
  return Math.max(floor, Math.round((full - steps * step) * 100) / 100);
}

/**
 * Whether a project is ranked this quarter (SPEC §6.4): it has an assessment in the quarter and its phase at the
 * quarter's end is not one left out (施工准备, 竣工收尾 by default: not yet building, or in pre-acceptance).
 */
export function isRanked(project: RankableProject, thresholds: Pick<AssessmentThresholds, 'ranking'>): boolean {
  return project.score !== null && !thresholds.ranking.excludedPhases.includes(project.phaseAtQuarterEnd);
}

/** A project's entry in its category's list. */
export type ProjectEntry = Ranked<{
  projectId: string;
  name: string;
  district: string;
  category: ProjectCategory;
  score: number;
  grade: Grade | null;
  fatalIncident: boolean;
}>;

/** Each category's list of ranked projects (SPEC §6.4 `projects: {building: [...], …}`). */
export function projectLists(
  projects: RankableProject[],
  thresholds: Pick<AssessmentThresholds, 'ranking'>,
): Record<ProjectCategory, ProjectEntry[]> {
  const byCategory = groupBy(
    projects.filter((p) => isRanked(p, thresholds)),
    (p) => p.category,
  );
  const lists = { building: [], municipal: [], rail: [], housing: [] } as Record<ProjectCategory, ProjectEntry[]>;
  for (const category of Object.keys(lists) as ProjectCategory[]) {
    lists[category] = rankProjects(byCategory.get(category) ?? []);
  }
  return lists;
}

function rankProjects(projects: RankableProject[]): ProjectEntry[] {
  return competitionRanking(
    projects.map((p) => ({
      projectId: p.projectId,
      name: p.name,
      district: p.district,
      category: p.category,
      score: p.score!,
      grade: p.grade,
      fatalIncident: p.fatalIncident,
    })),
    (p) => p.score,
    (p) => p.projectId,
    (p) => p.fatalIncident,
  );
}

/** An enterprise's or person's entry: the mean quarter score of its ranked projects, counted, and its rank points. */
export type SubjectEntry<T> = Ranked<T & { score: number; grade: Grade; projects: number; rankPoints: number }>;

function meanEntries<T>(
  groups: Map<string, { subject: T; scores: number[] }>,
  bands: GradeBands,
  thresholds: Pick<AssessmentThresholds, 'ranking'>,
  id: (subject: T) => string,
): Array<SubjectEntry<T>> {
  const entries = [...groups.values()].map(({ subject, scores }) => {
    const score = roundScore(scores.reduce((s, x) => s + x, 0) / scores.length);
    return { ...subject, score, grade: gradeOfScore(score, bands), projects: scores.length };
  });
  return competitionRanking(
    entries,
    (e) => e.score,
    (e) => id(e),
  ).map((e) => ({ ...e, rankPoints: rankPoints(e.rank, thresholds) }));
}

/**
 * Each role's list of enterprises (SPEC §6.4): an enterprise's score is the mean quarter score of the ranked projects
 * it takes part in in that role (across categories), with the number of projects and its rank points.
 */
export function enterpriseLists(
  projects: RankableProject[],
  bands: GradeBands,
  thresholds: Pick<AssessmentThresholds, 'ranking'>,
): Record<RankedUnitRole, Array<SubjectEntry<{ creditCode: string; name: string }>>> {
  const ranked = projects.filter((p) => isRanked(p, thresholds));
  const lists = {} as Record<RankedUnitRole, Array<SubjectEntry<{ creditCode: string; name: string }>>>;
  for (const role of RANKED_UNIT_ROLES) {
    const groups = new Map<string, { subject: { creditCode: string; name: string }; scores: number[] }>();
    for (const project of ranked) {
      const unit = project.units[role];
      if (!unit) continue;
      const group = groups.get(unit.creditCode) ?? { subject: { ...unit }, scores: [] };
      group.scores.push(project.score!);
      groups.set(unit.creditCode, group);
    }
    lists[role] = meanEntries(groups, bands, thresholds, (e) => e.creditCode);
  }
  return lists;
}

/** A person's entry: registration number, name (masked on publication), enterprise. */
export type PersonSubject = {
  registrationNo: string;
  name: string;
  enterpriseCreditCode: string;
  enterpriseName: string;
};

/** Each role's list of registered persons (SPEC §6.4: 项目经理, 总监理工程师), as for enterprises. */
export function personLists(
  projects: RankableProject[],
  bands: GradeBands,
  thresholds: Pick<AssessmentThresholds, 'ranking'>,
): Record<PersonRole, Array<SubjectEntry<PersonSubject>>> {
  const ranked = projects.filter((p) => isRanked(p, thresholds));
  const lists = {} as Record<PersonRole, Array<SubjectEntry<PersonSubject>>>;
  for (const role of ['project_manager', 'chief_supervising_engineer'] as const) {
    const groups = new Map<string, { subject: PersonSubject; scores: number[] }>();
    for (const project of ranked) {
      const person = project.persons[role];
      if (!person) continue;
      const group = groups.get(person.registrationNo) ?? { subject: { ...person }, scores: [] };
      group.scores.push(project.score!);
      groups.set(person.registrationNo, group);
    }
    lists[role] = meanEntries(groups, bands, thresholds, (e) => e.registrationNo);
  }
  return lists;
}

/** A district's entry (SPEC §6.4): mean score of its ranked projects, how many, and the share graded 优良. */
export type DistrictEntry = Ranked<{
  district: string;
  score: number;
  grade: Grade;
  projects: number;
  /** share of its ranked projects graded 优良, 0–1 to three decimals */
  excellentShare: number;
}>;

/** The list of districts (区县), ranked by the mean quarter score of their ranked projects. */
export function districtList(
  projects: RankableProject[],
  bands: GradeBands,
  thresholds: Pick<AssessmentThresholds, 'ranking'>,
): DistrictEntry[] {
  const groups = groupBy(
    projects.filter((p) => isRanked(p, thresholds)),
    (p) => p.district,
  );
  const entries = [...groups.entries()].map(([district, list]) => {
    const score = roundScore(list.reduce((s, p) => s + p.score!, 0) / list.length);
    const excellent = list.filter((p) => p.grade === 'excellent').length;
    return {
      district,
      score,
      grade: gradeOfScore(score, bands),
      projects: list.length,
      excellentShare: Math.round((excellent / list.length) * 1000) / 1000,
    };
  });
  return competitionRanking(
    entries,
    (e) => e.score,
    (e) => e.district,
  );
}

/**
 * The bottom of a ranked list (SPEC §6.5): 5 % of its entries, rounded up, where 10 or more are ranked (none below
 * 10); entries tied with the last one inside the cut are inside it too. `ranked` is a list as
 * {@link competitionRanking} returns it.
 */
export function bottomOfList<T extends { rank: number }>(
  ranked: T[],
  thresholds: Pick<AssessmentThresholds, 'ranking'>,
): T[] {
  const n = ranked.length;
  if (n < thresholds.ranking.bottomMinimumRanked) return [];
  // 0.05 × 20 is 1.0000000000000002 in binary: take the ceiling of the share counted in whole entries
  const count = Math.ceil(n * thresholds.ranking.bottomShare - 1e-9);
  if (count <= 0) return [];
  const ordered = [...ranked].sort((a, b) => a.rank - b.rank);
  const boundaryRank = ordered[n - count]!.rank;
  return ordered.filter((entry) => entry.rank >= boundaryRank);
}

/** Why a project is proposed for differentiated supervision at a published ranking. */
export type RankingGround = 'bottom_of_ranking' | 'government_fail';

/** A project proposed with `basis: "ranking"`, its grounds and the ranking it stood at (the evidence). */
export interface RankingProposal {
  projectId: string;
  grounds: RankingGround[];
  /** its entry in its category's list */
  categoryRank: { rank: number; of: number } | null;
  /** its place within its district in that category, where the bottom 5 % is cut */
  districtRank: { rank: number; of: number } | null;
}

/**
 * The projects a published ranking proposes for differentiated supervision (SPEC §6.5): in each district and
 * category the bottom 5 % (see {@link bottomOfList}), and every project whose government assessment that quarter
 * graded 不合格 — unless already supervised.
 */
export function rankingProposals(
  projects: RankableProject[],
  thresholds: Pick<AssessmentThresholds, 'ranking'>,
): RankingProposal[] {
  const lists = projectLists(projects, thresholds);
  const categoryRank = new Map(
    Object.values(lists)
      .flat()
      .map((e) => [e.projectId, { rank: e.rank, of: e.of }]),
  );
  const { ranks: districtRank, bottom } = districtGroups(projects, thresholds);
  return projects
    .filter((p) => !p.supervised)
    .map((p) => {
      const grounds: RankingGround[] = [];
      if (bottom.has(p.projectId)) grounds.push('bottom_of_ranking');
      if (p.governmentFailed) grounds.push('government_fail');
      return {
        projectId: p.projectId,
        grounds,
        categoryRank: categoryRank.get(p.projectId) ?? null,
        districtRank: districtRank.get(p.projectId) ?? null,
      };
    })
    .filter((proposal) => proposal.grounds.length > 0);
}

/**
 * Each ranked project's place within its district in its category (where SPEC §6.5 cuts the bottom 5 %), and the
 * projects inside that cut: competition ranks within each (district, category) group.
 */
export function districtGroups(
  projects: RankableProject[],
  thresholds: Pick<AssessmentThresholds, 'ranking'>,
): { ranks: Map<string, { rank: number; of: number }>; bottom: Set<string> } {
  const ranks = new Map<string, { rank: number; of: number }>();
  const bottom = new Set<string>();
  const groups = groupBy(
    projects.filter((p) => isRanked(p, thresholds)),
    (p) => `${p.category}\u0000${p.district}`,
  );
  for (const members of groups.values()) {
    const group = rankProjects(members);
    for (const e of group) ranks.set(e.projectId, { rank: e.rank, of: e.of });
    for (const e of bottomOfList(group, thresholds)) bottom.add(e.projectId);
  }
  return { ranks, bottom };
}

/** Every list of a quarter's ranking (SPEC §6.4 `lists`), each project entry with its place in its district. */
export interface RankingLists {
  projects: Record<ProjectCategory, Array<ProjectEntry & { districtRank: { rank: number; of: number } }>>;
  enterprises: Record<RankedUnitRole, Array<SubjectEntry<{ creditCode: string; name: string }>>>;
  persons: Record<PersonRole, Array<SubjectEntry<PersonSubject>>>;
  districts: DistrictEntry[];
}

/**
 * The quarter's lists (SPEC §6.4): projects per category, enterprises per role, registered persons per role and
 * districts, each by standard competition ranking, enterprises and persons with their rank points; each project
 * entry also carries its rank within its district in its category (where SPEC §6.5 cuts the bottom 5 %).
 */
export function rankingLists(
  projects: RankableProject[],
  bands: GradeBands,
  thresholds: Pick<AssessmentThresholds, 'ranking'>,
): RankingLists {
  const { ranks } = districtGroups(projects, thresholds);
  const byCategory = projectLists(projects, thresholds);
  const lists = {} as RankingLists['projects'];
  for (const category of Object.keys(byCategory) as ProjectCategory[]) {
    lists[category] = byCategory[category].map((entry) => ({
      ...entry,
      districtRank: ranks.get(entry.projectId) ?? { rank: entry.rank, of: entry.of },
    }));
  }
  return {
    projects: lists,
    enterprises: enterpriseLists(projects, bands, thresholds),
    persons: personLists(projects, bands, thresholds),
    districts: districtList(projects, bands, thresholds),
  };
}

/** Where a list of a run is stored: its length and its pages' lengths (page n holds entries after pages 1…n−1). */
export interface ListSummary {
  count: number;
  pages: number;
  pageSizes: number[];
}

/** The lists of a ranking by their keys (`projects.building`, `enterprises.supervisor` …), in SPEC §6.4's order. */
export const LIST_KEYS = [
  'projects.building',
  'projects.municipal',
  'projects.rail',
  'projects.housing',
  'enterprises.general_contractor',
  'enterprises.supervisor',
  'enterprises.developer',
  'persons.project_manager',
  'persons.chief_supervising_engineer',
  'districts',
] as const;
export type ListKey = (typeof LIST_KEYS)[number];

/** The lists by key nested as SPEC §6.4's `lists` object (`projects.building` → `lists.projects.building`). */
export function nestLists<T>(of: (key: ListKey) => T) {
  return {
    projects: {
      building: of('projects.building'),
      municipal: of('projects.municipal'),
      rail: of('projects.rail'),
      housing: of('projects.housing'),
    },
    enterprises: {
      general_contractor: of('enterprises.general_contractor'),
      supervisor: of('enterprises.supervisor'),
      developer: of('enterprises.developer'),
    },
    persons: {
      project_manager: of('persons.project_manager'),
      chief_supervising_engineer: of('persons.chief_supervising_engineer'),
    },
    districts: of('districts'),
  };
}

/** The grounds of enterprise-level differentiated supervision (企业级差别化监管, SPEC §6.5). */
export type EnterpriseGround = 'bottom_of_role_list' | 'supervised_projects' | 'penalty_points';

/**
 * Which of the three grounds hold for an enterprise (SPEC §6.5): in the bottom 5 % of one of its roles' lists at a
 * published ranking (`bottomOfRoles`, from {@link bottomOfList} of the role lists); 2 or more of its projects under
 * differentiated supervision at once; its points in window reaching 16. Proposed when any holds; released at a
 * published ranking when none does.
 */
export function enterpriseGrounds(
  enterprise: { bottomOfRoles: RankedUnitRole[]; supervisedProjectsNow: number; pointsInWindow: number },
  thresholds: Pick<AssessmentThresholds, 'enterpriseSupervision'>,
): EnterpriseGround[] {
  const grounds: EnterpriseGround[] = [];
  if (enterprise.bottomOfRoles.length > 0) grounds.push('bottom_of_role_list');
  if (enterprise.supervisedProjectsNow >= thresholds.enterpriseSupervision.supervisedProjectsAtOnce) {
    grounds.push('supervised_projects');
  }
  if (enterprise.pointsInWindow >= thresholds.enterpriseSupervision.pointsInWindow) grounds.push('penalty_points');
  return grounds;
}

/** Members by key, in input order; one pass, so a national list (500,000 projects) groups in linear time. */
function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
