/**
 * Periods of the status assessment as the console shows and picks them (SPEC §6.2): months `2026-10` for
 * self-assessments, quarters `2026Q4` for re-assessments, government assessments and the quarter standing. The
 * rules about periods (due days, lateness) are the API's; these only name and list them.
 */

/** The quarter (`2026Q4`) a date or month (`2026-10-15`, `2026-10`) falls in. */
export function quarterOf(date: string): string {
  const month = Number(date.slice(5, 7));
  return `${date.slice(0, 4)}Q${Math.ceil(month / 3)}`;
}

/** `2026Q4` → `2026Q3`, `2026Q1` → `2025Q4`. */
export function previousQuarter(quarter: string): string {
  const year = Number(quarter.slice(0, 4));
  const index = Number(quarter.slice(5));
  return index === 1 ? `${year - 1}Q4` : `${year}Q${index - 1}`;
}

/** The quarter and the `count - 1` before it, newest first. */
export function recentQuarters(quarter: string, count: number): string[] {
  const quarters = [quarter];
  while (quarters.length < count) quarters.push(previousQuarter(quarters.at(-1) as string));
  return quarters;
}

/** '2026-10' → 2026年10月, '2026Q4' → 2026年第4季度. */
export function periodName(period: string): string {
  const quarter = /^(\d{4})Q([1-4])$/.exec(period);
  if (quarter) return `${quarter[1]}年第${quarter[2]}季度`;
  const month = /^(\d{4})-(\d{2})$/.exec(period);
  return month ? `${month[1]}年${Number(month[2])}月` : period;
}
