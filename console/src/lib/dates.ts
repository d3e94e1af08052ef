/** Dates as the product counts them: calendar days in Asia/Shanghai (SPEC §4), shown in Chinese. */
import { daysBetween } from '../../../shared/domain/dates.js';

/**
 * The formats, made once: making an `Intl.DateTimeFormat` with a time zone costs far more than using one, and a list
 * formats a timestamp per row (on a slow phone that was a visible part of each render).
 */
let dayFormat: Intl.DateTimeFormat | undefined;
let timestampFormat: Intl.DateTimeFormat | undefined;

/** Today in Asia/Shanghai as `YYYY-MM-DD`. */
export function shanghaiToday(): string {
  dayFormat ??= new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' });
  return dayFormat.format(new Date());
}

/** The current month in Asia/Shanghai as `YYYY-MM`, or `offsetMonths` from it (plain arithmetic: no date library on the first screen). */
export function shanghaiMonth(offsetMonths = 0): string {
  const today = shanghaiToday();
  const index = Number(today.slice(0, 4)) * 12 + Number(today.slice(5, 7)) - 1 + offsetMonths;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/**
 * Whole calendar days a deadline (`YYYY-MM-DD`, the last day allowed) is past on `today` (Asia/Shanghai): 1 the day
 * after it, 0 on the day itself or before it (not late, or a device whose clock is behind the server's).
 */
export function daysOverdue(deadline: string, today: string = shanghaiToday()): number {
  return Math.max(0, daysBetween(deadline, today));
}

/** A timestamp as `2026-09-10 10:00` in Asia/Shanghai. */
export function formatTimestamp(value: string | null | undefined): string {
  if (!value) return '—';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  timestampFormat ??= new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  });
  return timestampFormat.format(date).replace(/\//g, '-');
}

/** A ratio 0..1 as a percentage. */
export function percent(ratio: number | null | undefined): string {
  return ratio === null || ratio === undefined ? '—' : `${Math.round(ratio * 1000) / 10}%`;
}
