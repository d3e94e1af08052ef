/**
 * The names of a ranking's lists and statuses (SPEC §6.4), in the words the public pages use: the project lists by
 * category, the enterprise lists by role, the person lists by role, the districts.
 */
import { PERSON_ROLE_NAMES, PROJECT_CATEGORY_NAMES, UNIT_ROLE_NAMES } from '@/lib/vocabulary';
import type { ListKey } from '../api/rankings';

/** The four groups of lists, each a tab of the quarter's screen. */
export type ListGroup = 'projects' | 'enterprises' | 'persons' | 'districts';

export const LIST_GROUP_NAMES: Record<ListGroup, string> = {
  projects: '项目排名',
  enterprises: '企业排名',
  persons: '人员排名',
  districts: '区域排名',
};

/** Every list, in SPEC §6.4's order, with its group and the name of its subject. */
export const RANKING_LISTS: Array<{ key: ListKey; group: ListGroup; name: string }> = [
  ...(['building', 'municipal', 'rail', 'housing'] as const).map((category) => ({
    key: `projects.${category}` as ListKey,
    group: 'projects' as const,
    name: PROJECT_CATEGORY_NAMES[category],
  })),
  ...(['general_contractor', 'supervisor', 'developer'] as const).map((role) => ({
    key: `enterprises.${role}` as ListKey,
    group: 'enterprises' as const,
    name: UNIT_ROLE_NAMES[role],
  })),
  ...(['project_manager', 'chief_supervising_engineer'] as const).map((role) => ({
    key: `persons.${role}` as ListKey,
    group: 'persons' as const,
    name: PERSON_ROLE_NAMES[role],
  })),
  { key: 'districts', group: 'districts', name: '各区' },
];

export const RANKING_STATUS_NAMES: Record<'draft' | 'published', string> = { draft: '草稿', published: '已发布' };
export const RANKING_STATUS_COLORS: Record<'draft' | 'published', string> = { draft: 'gold', published: 'green' };
