/**
 * Calendar dates as the regulator writes them: `YYYY-MM-DD` in Asia/Shanghai (UTC+8 all year, no DST).
 * Plain string arithmetic through UTC midnights, so the machine's time zone never matters.
 */
const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000;
const DAY_MS = 24 * 3600 * 1000;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when `value` is a real calendar date written 'YYYY-MM-DD' (2026-02-30 is not). */
export function isCalendarDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [, y, m, d] = match;
  return new Date(Date.UTC(Number(y), Number(m) - 1, Number(d))).toISOString().slice(0, 10) === value;
}

/** The Asia/Shanghai calendar date of an instant. */
export function shanghaiDate(instant: Date): string {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** The date `days` calendar days after (or before, if negative) `date`. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole calendar days from `from` to `to` (negative if `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** The end of a date in Shanghai (23:59:59+08:00) as an ISO timestamp with offset. */
export function endOfShanghaiDay(date: string): string {
  return `${date}T23:59:59+08:00`;
}

/** An instant as ISO 8601 with the +08:00 offset, as the API shows timestamps. */
export function shanghaiTimestamp(instant: Date): string {
  return `${new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 19)}+08:00`;
}

const UTC_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z$/;

/**
 * An ISO 8601 timestamp in UTC (`…Z`, as `Date.toISOString` writes) as the same instant with the +08:00 offset, to
 * the second (SPEC §4: every timestamp the API returns has the +08:00 offset); any other string unchanged.
 */
export function withShanghaiOffset(value: string): string {
  return UTC_TIMESTAMP.test(value) ? shanghaiTimestamp(new Date(value)) : value;
}
