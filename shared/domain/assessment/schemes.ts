/**
 * The schemes this deployment knows, by id (SPEC §6.1: `GET /v1/assessment-schemes/{schemeId}`). A deployment adds
 * its own (Beijing's indicators, for instance) as another entry; an assessment names the scheme it was scored with.
 */
import { NotFoundError } from '../errors.js';
import { JGJ59_2011 } from './jgj59-2011.js';
import type { Scheme } from './scheme.js';

/** The scheme used when none is named. */
export const DEFAULT_SCHEME_ID = 'jgj59-2011';

const SCHEMES: ReadonlyMap<string, Scheme> = new Map([[JGJ59_2011.id, JGJ59_2011]]);

/** Ids of the known schemes. */
export function schemeIds(): string[] {
  return [...SCHEMES.keys()];
}

/** The scheme with this id; refuses an unknown id (404). */
export function schemeById(id: string): Scheme {
  const scheme = SCHEMES.get(id);
  if (!scheme) {
    throw new NotFoundError({ zh: `没有编号为 ${id} 的评估指标体系`, en: `no assessment scheme ${id}` }, [
      { field: 'schemeId', message: { zh: '评估指标体系不存在', en: 'unknown scheme' } },
    ]);
  }
  return scheme;
}
