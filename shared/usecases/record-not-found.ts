import { NotFoundError } from '../domain/errors.js';

/** The records a person names by id in a path, as the agency calls them. */
const RECORD_NAMES = {
  project: { zh: '项目', en: 'project' },
  case: { zh: '案件', en: 'case' },
  notice: { zh: '告知单', en: 'notice' },
  hazard: { zh: '隐患', en: 'hazard' },
  document: { zh: '材料', en: 'document' },
  evaluationRun: { zh: '月度评估', en: 'evaluation run' },
  circular: { zh: '通报', en: 'circular' },
} as const;

/**
 * The refusal of an id that names no record (404): the same words wherever a record is looked up by its id, and
 * what to do about it.
 */
export function recordNotFound(kind: keyof typeof RECORD_NAMES, id: string): NotFoundError {
  const name = RECORD_NAMES[kind];
  return new NotFoundError({
    zh: `没有编号为 ${id} 的${name.zh}：请核对编号，或从列表中打开。`,
    en: `There is no ${name.en} ${id}: check the id, or open it from its list.`,
  });
}
