/**
 * The state of an assessment form (JGJ 59-2011 check tables, item by item) and its running score. The score is
 * computed by the server's own rules, `shared/domain/assessment/scoring.ts`, bundled into the console (never a
 * copy): what the inspector sees while typing is what the API will answer, and the API scores again on submission.
 */
import type { Scheme } from '@shared/domain/assessment/scheme.js';
import { type AssessmentResult, scoreAssessment } from '@shared/domain/assessment/scoring.js';
import type { AssessmentScheme, AssessmentTableInput } from '@/lib/api/views';

/** One item as typed: the deduction (empty is 0) and 不涉及. */
export interface ItemState {
  deduction: number | null;
  notApplicable: boolean;
  note?: string;
}

/** One table: 不涉及 as a whole, or its items. */
export interface TableState {
  notApplicable: boolean;
  items: Record<string, ItemState>;
}

export type FormState = Record<string, TableState>;

/** The scheme as the scoring rules take it: the API's scheme is the domain's, serialised. */
export function asScheme(scheme: AssessmentScheme): Scheme {
  return scheme as unknown as Scheme;
}

/**
 * Whether each table applies by default in the project's phase, with the reason (as `phaseDefaults` in
 * shared/domain/assessment/scheme.ts decides it from the scheme's data: a table the data does not mention applies).
 */
export function phaseDefaultsOf(scheme: Scheme, phase: string): Map<string, { applicable: boolean; reason: string }> {
  const byTable = new Map(scheme.phaseDefaults.map((entry) => [entry.tableId, entry]));
  return new Map(
    scheme.tables.map((table) => {
      const entry = byTable.get(table.id);
      return [
        table.id,
        {
          applicable: entry ? (entry.phases as readonly string[]).includes(phase) : true,
          reason: entry?.reason ?? '',
        },
      ];
    }),
  );
}

/** A blank form: every item at full marks, the tables that do not apply in the phase pre-marked 不涉及. */
export function initialForm(scheme: Scheme, phase: string, previous?: AssessmentTableInput[]): FormState {
  const defaults = phaseDefaultsOf(scheme, phase);
  const before = new Map((previous ?? []).map((table) => [table.tableId, table]));
  return Object.fromEntries(
    scheme.tables.map((table) => {
      const earlier = before.get(table.id);
      const items = Object.fromEntries(
        table.items.map((item) => {
          const submitted = earlier?.items.find((candidate) => candidate.itemId === item.id);
          return [
            item.id,
            {
              deduction: submitted && submitted.deduction > 0 ? submitted.deduction : null,
              notApplicable: submitted?.notApplicable === true,
              ...(submitted?.note ? { note: submitted.note } : {}),
            },
          ];
        }),
      );
      const notApplicable = earlier ? earlier.notApplicable === true : !defaults.get(table.id)?.applicable;
      return [table.id, { notApplicable, items }];
    }),
  );
}

/** The form as the API takes it: every table of the scheme listed, 不涉及 ones marked (SPEC §6.2). */
export function tablesOf(scheme: Scheme, state: FormState): AssessmentTableInput[] {
  return scheme.tables.map((table) => {
    const entry = state[table.id];
    if (!entry || entry.notApplicable) return { tableId: table.id, notApplicable: true, items: [] };
    return {
      tableId: table.id,
      items: table.items.map((item) => {
        const typed = entry.items[item.id];
        const notApplicable = typed?.notApplicable === true;
        return {
          itemId: item.id,
          deduction: notApplicable ? 0 : (typed?.deduction ?? 0),
          ...(notApplicable ? { notApplicable: true } : {}),
          ...(typed?.note?.trim() ? { note: typed.note.trim() } : {}),
        };
      }),
    };
  });
}

/** The running score, or what the scoring rules refuse (a deduction above the item's maximum …), in Chinese. */
export function runningScore(
  scheme: Scheme,
  state: FormState,
): { result: AssessmentResult; problem?: undefined } | { result?: undefined; problem: string } {
  try {
    return { result: scoreAssessment(scheme, { tables: tablesOf(scheme, state) }) };
  } catch (error) {
    const text = (error as { text?: { zh?: string } | string }).text;
    const message = typeof text === 'string' ? text : (text?.zh ?? (error instanceof Error ? error.message : ''));
    return { problem: message || '评分有误，请检查扣分' };
  }
}
