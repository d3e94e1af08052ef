import { monotonicFactory } from 'ulid';

const next = monotonicFactory();

/** Record id prefixes: the type of a record is readable from its id. */
export type IdPrefix =
  | 'prj'
  | 'ins'
  | 'haz'
  | 'inc'
  | 'crt'
  | 'cas'
  | 'ntc'
  | 'doc'
  | 'cir'
  | 'run'
  | 'evt'
  | 'lnk'
  | 'req';

/** A new id like `prj_01JD5Z3X8K9Q2W4E6R7T8Y9V0P`: sortable by creation time, unique without coordination. */
export function newId(prefix: IdPrefix): string {
  return `${prefix}_${next()}`;
}
