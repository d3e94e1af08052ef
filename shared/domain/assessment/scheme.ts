/**
 * An assessment scheme (评估指标体系, SPEC §6.1) as versioned data: categories with weights, each backed by one or more
 * check tables (检查评分表) whose items are guaranteed (保证项目) or general (一般项目) with a maximum score. A scheme
 * is validated when it is loaded, so a wrong transcription fails at cold start and in the unit tests, never in a
 * citizen's score.
 *
 * Every table and item carries where it was read (`sources`) and, where it could not be confirmed against a copy of
 * the standard, `verified: false` with a note: the data says what is certain and what is our reading.
 */
import * as z from 'zod/mini';
import { parseInput } from '../../schemas/messages.js';
import { InvalidInputError } from '../errors.js';
import { PROJECT_PHASES, type ProjectPhase } from '../vocabulary.js';
import { deepFreeze } from './frozen.js';

/** 保证项目 or 一般项目 (JGJ 59-2011 §2.0.2–2.0.3). */
export const ITEM_KINDS = ['guaranteed', 'general'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

/** Ids are stable and ASCII, so they can be keys, URLs and CSV columns; names are the Chinese as printed. */
const schemeId = z
  .string()
  .check(z.regex(/^[a-z0-9][a-z0-9.-]*$/, 'lower-case ASCII letters, digits, dots and dashes'));
const entityId = z
  .string()
  .check(z.regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'ASCII letters, digits, dots, dashes, underscores'));
const chineseName = z.string().check(z.minLength(1));
const score = z.number().check(z.positive());

const itemSchema = z.object({
  id: entityId,
  /** the item (检查项目) as the table prints it */
  name: chineseName,
  kind: z.enum(ITEM_KINDS),
  /** 应得分数 */
  maximum: score,
  /** false where name or maximum could not be confirmed against a copy of the standard */
  verified: z.optional(z.boolean()),
  /** why it is not verified, or how it was (e.g. "maximum by subtraction from the 60-point subtotal") */
  note: z.optional(z.string()),
});

const tableSchema = z.object({
  id: entityId,
  /** e.g. 扣件式钢管脚手架检查评分表 */
  name: chineseName,
  /** the table's number in the standard, e.g. 表B.3 */
  clause: z.string().check(z.minLength(1)),
  /** the clause listing the table's items and their requirements, e.g. §3.3 */
  itemsClause: z.string().check(z.minLength(1)),
  items: z.array(itemSchema).check(z.minLength(1)),
  /** where the transcription was checked (URLs of copies read) */
  sources: z.array(z.string()),
  note: z.optional(z.string()),
});

const categorySchema = z.object({
  id: entityId,
  /** the summary table's column, e.g. 物料提升机与施工升降机 */
  name: chineseName,
  /** 满分分值 in the summary table */
  weight: score,
  tableIds: z.array(entityId).check(z.minLength(1)),
  verified: z.optional(z.boolean()),
  note: z.optional(z.string()),
});

const phaseDefaultSchema = z.object({
  tableId: entityId,
  /** phases in which the table applies by default; in the others it is pre-marked 不涉及 */
  phases: z.array(z.enum(PROJECT_PHASES)),
  /** why, in a sentence a site manager can check */
  reason: z.string().check(z.minLength(1)),
});

const scoringSchema = z.object({
  /** every table and the summary total out of this (JGJ 59-2011 §4.0.3-1) */
  tableTotal: score,
  /** the summary table's weights total this */
  weightsTotal: score,
  /** where a table has guaranteed items they total this … */
  guaranteedTotal: score,
  /** … and a table scores 0 when they score less than this (§4.0.3-3) */
  guaranteedSubtotalMinimum: score,
  /** 优良 from this total, with no table at 0 (§5.0.2-1) */
  excellentFrom: score,
  /** 合格 from this total, with no table at 0 (§5.0.2-2) */
  passFrom: score,
  /** the clauses these numbers come from, for explanations */
  clauses: z.record(z.string(), z.string()),
});

const schemeShape = z.object({
  id: schemeId,
  /** the data's own revision: bump when a transcription is corrected */
  revision: z.number().check(z.int(), z.positive()),
  name: chineseName,
  /** the standard transcribed, e.g. JGJ 59-2011 */
  standard: z.string().check(z.minLength(1)),
  summaryTable: z.object({ clause: z.string().check(z.minLength(1)), name: chineseName, sources: z.array(z.string()) }),
  scoring: scoringSchema,
  categories: z.array(categorySchema).check(z.minLength(1)),
  tables: z.array(tableSchema).check(z.minLength(1)),
  phaseDefaults: z.array(phaseDefaultSchema),
});

/** Sums of decimal maxima: equal within a rounding error. */
const SUM_EPSILON = 1e-9;
const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

/** The scheme's shape and its arithmetic (SPEC §6.1): the validation every scheme passes on load. */
export const schemeSchema = schemeShape.check(
  z.superRefine((scheme, ctx) => {
    const issue = (path: Array<string | number>, message: string) => ctx.addIssue({ code: 'custom', path, message });
    const duplicates = (ids: string[]) => ids.filter((id, i) => ids.indexOf(id) !== i);

    for (const id of duplicates(scheme.categories.map((c) => c.id))) issue(['categories'], `duplicate category ${id}`);
    for (const id of duplicates(scheme.tables.map((t) => t.id))) issue(['tables'], `duplicate table ${id}`);
    const itemIds = scheme.tables.flatMap((t) => t.items.map((i) => i.id));
    for (const id of duplicates(itemIds)) issue(['tables'], `duplicate item ${id}`);

    const weights = sum(scheme.categories.map((c) => c.weight));
    if (Math.abs(weights - scheme.scoring.weightsTotal) > SUM_EPSILON) {
      issue(['categories'], `category weights total ${weights}, not ${scheme.scoring.weightsTotal}`);
    }

    const generalTotal = scheme.scoring.tableTotal - scheme.scoring.guaranteedTotal;
    scheme.tables.forEach((table, t) => {
      const total = sum(table.items.map((i) => i.maximum));
      if (Math.abs(total - scheme.scoring.tableTotal) > SUM_EPSILON) {
        issue(['tables', t], `${table.id} ${table.name}: items total ${total}, not ${scheme.scoring.tableTotal}`);
      }
      const guaranteed = table.items.filter((i) => i.kind === 'guaranteed');
      if (guaranteed.length > 0) {
        const g = sum(guaranteed.map((i) => i.maximum));
        if (Math.abs(g - scheme.scoring.guaranteedTotal) > SUM_EPSILON) {
          issue(['tables', t], `${table.id}: guaranteed items total ${g}, not ${scheme.scoring.guaranteedTotal}`);
        }
        const general = sum(table.items.filter((i) => i.kind === 'general').map((i) => i.maximum));
        if (Math.abs(general - generalTotal) > SUM_EPSILON) {
          issue(['tables', t], `${table.id}: general items total ${general}, not ${generalTotal}`);
        }
      }
    });

    const tableIds = new Set(scheme.tables.map((t) => t.id));
    const placed = scheme.categories.flatMap((c) => c.tableIds);
    for (const id of duplicates(placed)) issue(['categories'], `table ${id} is in more than one category`);
    for (const id of placed) if (!tableIds.has(id)) issue(['categories'], `unknown table ${id}`);
    for (const id of tableIds) if (!placed.includes(id)) issue(['categories'], `table ${id} is in no category`);

    const mapped = scheme.phaseDefaults.map((p) => p.tableId);
    for (const id of duplicates(mapped)) issue(['phaseDefaults'], `table ${id} is mapped twice`);
    for (const id of mapped) if (!tableIds.has(id)) issue(['phaseDefaults'], `unknown table ${id}`);
    for (const id of tableIds) if (!mapped.includes(id)) issue(['phaseDefaults'], `table ${id} has no phase default`);

    if (scheme.scoring.guaranteedSubtotalMinimum > scheme.scoring.guaranteedTotal) {
      issue(['scoring'], 'the guaranteed minimum exceeds the guaranteed total');
    }
    if (scheme.scoring.passFrom > scheme.scoring.excellentFrom) issue(['scoring'], 'passFrom exceeds excellentFrom');
  }),
);

/** A scheme as loaded: plain data, validated and frozen. */
export type Scheme = z.infer<typeof schemeShape>;
export type SchemeTable = Scheme['tables'][number];
export type SchemeItem = SchemeTable['items'][number];
export type SchemeCategory = Scheme['categories'][number];

/**
 * Validates scheme data and freezes it. Refuses data whose arithmetic is wrong (weights not 100, a table not 100,
 * guaranteed items not 60) with every problem named, in Chinese and English.
 */
export function loadScheme(data: unknown): Scheme {
  const parsed = parseInput(schemeSchema, data);
  if (!parsed.success) {
    // Scheme data ships with the code (jgj59-2011.ts): a refusal stops the module loading and is read by its
    // developer, so the arithmetic checks above are worded in English only.
    const fields = parsed.fields.map(({ field, message }) => ({ field: `scheme.${field}`, message }));
    throw new InvalidInputError(
      {
        zh: `评估指标体系数据有误（${fields.length}处）：${fields.map((f) => `${f.field}：${f.message.zh}`).join('；')}`,
        en: `the assessment scheme is invalid (${fields.length} problems): ${fields.map((f) => `${f.field}: ${f.message.en}`).join('; ')}`,
      },
      fields,
    );
  }
  return deepFreeze(parsed.data);
}

/** One table's default for a phase: applicable or pre-marked 不涉及, and why. */
export interface PhaseDefault {
  tableId: string;
  applicable: boolean;
  reason: string;
}

/**
 * The default applicability of every table of `scheme` in a project `phase` (SPEC §3 phases): tables outside their
 * phases are pre-marked 不涉及 on the assessment form. Only a default: the unit or inspector changes it per
 * assessment, and whatever is submitted is what is scored.
 */
export function phaseDefaults(scheme: Scheme, phase: ProjectPhase): PhaseDefault[] {
  if (!(PROJECT_PHASES as readonly string[]).includes(phase)) {
    throw new InvalidInputError({ zh: `未知的施工阶段：${phase}`, en: `unknown phase: ${phase}` }, [
      { field: 'phase', message: { zh: '施工阶段无效', en: 'not a project phase' } },
    ]);
  }
  const byTable = new Map(scheme.phaseDefaults.map((p) => [p.tableId, p]));
  return scheme.tables.map((table) => {
    const entry = byTable.get(table.id);
    return { tableId: table.id, applicable: entry?.phases.includes(phase) ?? true, reason: entry?.reason ?? '' };
  });
}

/** The ids of the tables pre-marked 不涉及 in `phase`, in the scheme's order. */
export function tablesNotApplicableByDefault(scheme: Scheme, phase: ProjectPhase): string[] {
  return phaseDefaults(scheme, phase)
    .filter((d) => !d.applicable)
    .map((d) => d.tableId);
}
