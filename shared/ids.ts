import { encodeTime, monotonicFactory } from 'ulid';

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
  | 'req'
  /** a level-2 order to a group company (责令通知书) */
  | 'ord'
  /** the level-3 report to the municipal commission */
  | 'mrp'
  // status assessment (SPEC §6): an assessment, an assessment link, a penalty-points ledger entry
  | 'asm'
  | 'alk'
  | 'pts';

/** A new id like `prj_01JD5Z3X8K9Q2W4E6R7T8Y9V0P`: sortable by creation time, unique without coordination. */
export function newId(prefix: IdPrefix): string {
  return `${prefix}_${next()}`;
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * An id that is the same every time it is derived from the same time and name: a ULID whose time part is `time`
 * and whose randomness is a hash of `name` (so a retried scheduled run finds the run its first attempt made).
 */
export function derivedId(prefix: IdPrefix, time: Date, name: string): string {
  let seed = 2166136261;
  for (const char of name) seed = Math.imul(seed ^ char.charCodeAt(0), 16777619) >>> 0;
  let tail = '';
  for (let i = 0; i < 16; i++) {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    tail += CROCKFORD[(seed >>> 16) % 32];
  }
  return `${prefix}_${encodeTime(time.getTime(), 10)}${tail}`;
}
