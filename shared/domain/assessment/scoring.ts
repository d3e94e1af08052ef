/**
 * Scoring an assessment against a scheme (SPEC §6.1, JGJ 59-2011 ch. 4–5): deductions per item, a score out of 100
 * per check table, a mean per category, a weighted total, a grade. Pure: the scheme and the input come in, the result
 * goes out; the scoring numbers are the scheme's own (`scheme.scoring`).
 *
 * Rounding. The standard's chapter 4 (as far as the copies read show) states no rounding rule; SPEC §6.1 says "scores
 * to one decimal". We round to one decimal by GB/T 8170-2008《数值修约规则与极限数值的表示和判定》(the national rule
 * for rounding where a standard says nothing else: 四舍六入五成双, a trailing 5 rounds to the even digit), at every
 * level that is shown — each table score, each category score (the mean of the shown table scores), the total (from
 * the shown category scores) — so that a person holding the printed form can recompute every figure from the
 * figures printed beside it, as with the paper 汇总表 (A1 = B × C ÷ 100, §4.0.3-4). The zeroing rule (§4.0.3-3) is
 * decided on the exact item scores, and the grade (§5.0.2) on the shown total, so a score shown as 80.0 is never
 * graded 合格.
 */
import { type FieldProblem, InvalidInputError } from '../errors.js';
import type { ItemKind, Scheme, SchemeItem, SchemeTable } from './scheme.js';

/** 优良 / 合格 / 不合格 (JGJ 59-2011 §5.0.1). */
export const GRADES = ['excellent', 'pass', 'fail'] as const;
export type Grade = (typeof GRADES)[number];
export const GRADE_NAMES: Readonly<Record<Grade, string>> = Object.freeze({
  excellent: '优良',
  pass: '合格',
  fail: '不合格',
});

/** One item as submitted: the points deducted (扣减分数), or 不涉及. */
export interface ItemInput {
  itemId: string;
  deduction: number;
  notApplicable?: boolean;
  note?: string;
}

/** One check table as submitted; every table of the scheme must be listed, 不涉及 ones too. */
export interface TableInput {
  tableId: string;
  notApplicable?: boolean;
  items: ItemInput[];
}

/** What is scored: the tables of SPEC §6.2's request. */
export interface AssessmentInput {
  tables: TableInput[];
}

/** A table's result: its score (null when 不涉及) and whether the guaranteed-item rule zeroed it. */
export interface TableResult {
  tableId: string;
  score: number | null;
  zeroed: boolean;
}

/** A category's result: the mean of its tables in use (null when none is), with its weight in the total. */
export interface CategoryResult {
  categoryId: string;
  score: number | null;
  weight: number;
  applicable: boolean;
}

/** The result, shaped as SPEC §6.2's response fields. */
export interface AssessmentResult {
  score: number;
  grade: Grade;
  tables: TableResult[];
  categories: CategoryResult[];
}

/** An item after checking: the scheme's facts beside the submitted deduction. */
export interface CheckedItem {
  tableId: string;
  itemId: string;
  name: string;
  kind: ItemKind;
  maximum: number;
  /** 0 when not applicable */
  deduction: number;
  applicable: boolean;
}

/** A table after checking, in the scheme's order of items. */
export interface CheckedTable {
  tableId: string;
  name: string;
  /** false when marked 不涉及 or when every item is */
  applicable: boolean;
  items: CheckedItem[];
}

/** A deduction above the item's maximum (JGJ 59-2011 §4.0.3-2): refused, naming the item. */
export class DeductionExceedsMaximumError extends InvalidInputError {}

/** A table or item of the scheme left out of the input: refused, so nothing is dropped silently (SPEC §6.2). */
export class IncompleteAssessmentError extends InvalidInputError {}

/** Decimal deductions compare within a rounding error. */
const EPSILON = 1e-9;
/** A value this close to a trailing 5 (in tenths) is a tie for GB/T 8170. */
const TIE_EPSILON = 1e-6;

/**
 * `value` rounded to one decimal by GB/T 8170-2008 §3.2 (进舍规则: 四舍六入五成双): 83.36 → 83.4, 83.34 → 83.3, 83.35 → 83.4
 * (3 is odd), 83.25 → 83.2 (2 is even). Scores come from divisions, so "exactly a trailing 5" is decided within a
 * rounding error of the binary value (93.05 computes as 93.05000000000001).
 */
export function roundScore(value: number): number {
  const tenths = value * 10;
  const floor = Math.floor(tenths);
  const fraction = tenths - floor;
  if (Math.abs(fraction - 0.5) < TIE_EPSILON) return (floor % 2 === 0 ? floor : floor + 1) / 10;
  return Math.round(tenths) / 10;
}

/** The grade a total earns by its value alone (§5.0.2), for a total that no zeroed table makes 不合格. */
export function gradeOfScore(score: number, scoring: Pick<Scheme['scoring'], 'excellentFrom' | 'passFrom'>): Grade {
  if (score >= scoring.excellentFrom) return 'excellent';
  if (score >= scoring.passFrom) return 'pass';
  return 'fail';
}

/**
 * Checks `input` against `scheme` and returns every table and item in the scheme's order. Refuses (400): a table or
 * item not in the scheme, one listed twice, a table of the scheme left out, an item of an applicable table left out
 * ({@link IncompleteAssessmentError}), a deduction that is negative or not a number, a deduction on something marked
 * 不涉及, and a deduction above the item's maximum ({@link DeductionExceedsMaximumError}, checked last so that its
 * message is about deductions only).
 */
export function checkAssessmentInput(scheme: Scheme, input: AssessmentInput): CheckedTable[] {
  const problems: FieldProblem[] = [];
  const missing: FieldProblem[] = [];
  const excessive: Array<{ field: string; table: SchemeTable; item: SchemeItem; deduction: number }> = [];

  const schemeTables = new Map(scheme.tables.map((t) => [t.id, t]));
  const submitted = new Map<string, { table: TableInput; index: number }>();
  input.tables.forEach((table, index) => {
    const field = `tables[${index}].tableId`;
    if (!schemeTables.has(table.tableId)) {
      problems.push({
        field,
        message: {
          zh: `检查评分表 ${table.tableId} 不属于评估指标体系「${scheme.name}」`,
          en: `table ${table.tableId} is not in scheme ${scheme.id}`,
        },
      });
    } else if (submitted.has(table.tableId)) {
      problems.push({
        field,
        message: { zh: `检查评分表 ${table.tableId} 重复填写`, en: `table ${table.tableId} is listed twice` },
      });
    } else {
      submitted.set(table.tableId, { table, index });
    }
  });

  const checked: CheckedTable[] = scheme.tables.map((schemeTable) => {
    const entry = submitted.get(schemeTable.id);
    if (!entry) {
      missing.push({
        field: 'tables',
        message: {
          zh: `未填写「${schemeTable.name}」（${schemeTable.clause}）：每张检查评分表都须列出，不涉及的请标记为不涉及`,
          en: `${schemeTable.id} ${schemeTable.name} is missing: list every table, marking those that do not apply`,
        },
      });
      return { tableId: schemeTable.id, name: schemeTable.name, applicable: false, items: [] };
    }
    const { table, index } = entry;
    const tableNotApplicable = table.notApplicable === true;
    const schemeItems = new Map(schemeTable.items.map((i) => [i.id, i]));
    const submittedItems = new Map<string, ItemInput>();
    table.items.forEach((item, j) => {
      const field = `tables[${index}].items[${j}]`;
      const schemeItem = schemeItems.get(item.itemId);
      if (!schemeItem) {
        problems.push({
          field: `${field}.itemId`,
          message: {
            zh: `「${schemeTable.name}」中没有检查项目 ${item.itemId}`,
            en: `${schemeTable.id} has no item ${item.itemId}`,
          },
        });
        return;
      }
      if (submittedItems.has(item.itemId)) {
        problems.push({
          field: `${field}.itemId`,
          message: { zh: `检查项目「${schemeItem.name}」重复填写`, en: `item ${item.itemId} is listed twice` },
        });
        return;
      }
      submittedItems.set(item.itemId, item);
      const deduction = item.deduction;
      if (typeof deduction !== 'number' || !Number.isFinite(deduction) || deduction < 0) {
        problems.push({
          field: `${field}.deduction`,
          message: {
            zh: `「${schemeItem.name}」的扣减分数须为不小于0的数`,
            en: `${item.itemId}: the deduction must be a number of at least 0`,
          },
        });
      } else if ((tableNotApplicable || item.notApplicable === true) && deduction > 0) {
        problems.push({
          field: `${field}.deduction`,
          message: {
            zh: `「${schemeItem.name}」已标记为不涉及，不能再扣分`,
            en: `${item.itemId} is marked not applicable and cannot have a deduction`,
          },
        });
      } else if (deduction > schemeItem.maximum + EPSILON) {
        excessive.push({ field: `${field}.deduction`, table: schemeTable, item: schemeItem, deduction });
      }
    });

    const items: CheckedItem[] = schemeTable.items.map((schemeItem) => {
      const item = submittedItems.get(schemeItem.id);
      if (!item && !tableNotApplicable) {
        missing.push({
          field: `tables[${index}].items`,
          message: {
            zh: `「${schemeTable.name}」缺少检查项目「${schemeItem.name}」：请填写扣减分数，或标记为不涉及`,
            en: `${schemeTable.id} is missing item ${schemeItem.id} ${schemeItem.name}: give its deduction or mark it`,
          },
        });
      }
      const applicable = !tableNotApplicable && item !== undefined && item.notApplicable !== true;
      const deduction = applicable && item && Number.isFinite(item.deduction) ? item.deduction : 0;
      return {
        tableId: schemeTable.id,
        itemId: schemeItem.id,
        name: schemeItem.name,
        kind: schemeItem.kind,
        maximum: schemeItem.maximum,
        deduction,
        applicable,
      };
    });
    return {
      tableId: schemeTable.id,
      name: schemeTable.name,
      applicable: !tableNotApplicable && items.some((i) => i.applicable),
      items,
    };
  });

  if (problems.length > 0) {
    throw new InvalidInputError(
      {
        zh: `评估内容有误（${problems.length}处）：${problems.map((p) => zhOf(p.message)).join('；')}`,
        en: `the assessment is not valid (${problems.length} problems)`,
      },
      problems,
    );
  }
  if (missing.length > 0) {
    throw new IncompleteAssessmentError(
      {
        zh: `评估不完整（缺${missing.length}处）：${missing.map((p) => zhOf(p.message)).join('；')}`,
        en: `the assessment is incomplete (${missing.length} missing)`,
      },
      missing,
    );
  }
  if (excessive.length > 0) {
    const [first] = excessive;
    const more = excessive.length > 1 ? `等${excessive.length}项` : '';
    const moreEn = excessive.length > 1 ? ` (and ${excessive.length - 1} more)` : '';
    throw new DeductionExceedsMaximumError(
      {
        zh: `「${first!.table.name}」的「${first!.item.name}」扣减${first!.deduction}分，超过该项应得分${first!.item.maximum}分${more}：扣减分值总和不得超过该检查项目的应得分值（JGJ 59-2011 第4.0.3条）`,
        en: `${first!.table.id} ${first!.item.id}: a deduction of ${first!.deduction} exceeds the item's maximum of ${first!.item.maximum}${moreEn} (JGJ 59-2011 §4.0.3)`,
      },
      excessive.map((e) => ({
        field: e.field,
        message: {
          zh: `「${e.item.name}」最多扣${e.item.maximum}分`,
          en: `${e.item.id} allows at most ${e.item.maximum}`,
        },
      })),
    );
  }
  return checked;
}

/** The exact (unrounded) score of a checked table and whether the guaranteed-item rule zeroed it. */
export function tableScore(table: CheckedTable, scoring: Scheme['scoring']): { score: number | null; zeroed: boolean } {
  if (!table.applicable) return { score: null, zeroed: false };
  const applicable = table.items.filter((i) => i.applicable);
  const actual = (i: CheckedItem) => i.maximum - i.deduction;
  const guaranteed = applicable.filter((i) => i.kind === 'guaranteed');
  if (guaranteed.length > 0) {
    // §4.0.3-3, with 不涉及 guaranteed items renormalised as §4.0.3-5 renormalises the table: the subtotal must
    // reach 40/60 of the applicable guaranteed maxima (40 when all six apply).
    const anyAtZero = guaranteed.some((i) => actual(i) <= EPSILON);
    const subtotal = sum(guaranteed.map(actual));
    const subtotalMaximum = sum(guaranteed.map((i) => i.maximum));
    const minimum = (scoring.guaranteedSubtotalMinimum * subtotalMaximum) / scoring.guaranteedTotal;
    if (anyAtZero || subtotal < minimum - EPSILON) return { score: 0, zeroed: true };
  }
  // §4.0.3-5: Σ actual of the items checked ÷ Σ their maxima × 100
  const score = (sum(applicable.map(actual)) / sum(applicable.map((i) => i.maximum))) * scoring.tableTotal;
  return { score, zeroed: false };
}

/**
 * Scores `input` against `scheme` (SPEC §6.1): each table by deduction out of 100, renormalised over its applicable
 * items and zeroed by the guaranteed-item rule; each category the mean of its applicable tables; the total the
 * weighted mean over applicable categories; the grade 优良 / 合格 / 不合格. Refuses input that
 * {@link checkAssessmentInput} refuses, and an assessment in which nothing applies.
 */
export function scoreAssessment(scheme: Scheme, input: AssessmentInput): AssessmentResult {
  const checked = checkAssessmentInput(scheme, input);
  const scoring = scheme.scoring;

  const tables: TableResult[] = checked.map((table) => {
    const { score, zeroed } = tableScore(table, scoring);
    return { tableId: table.tableId, score: score === null ? null : roundScore(score), zeroed };
  });
  const byTable = new Map(tables.map((t) => [t.tableId, t]));

  const categories: CategoryResult[] = scheme.categories.map((category) => {
    // §4.0.3-6: a category with several tables in use scores their arithmetic mean
    const scores = category.tableIds
      .map((id) => byTable.get(id)?.score)
      .filter((score): score is number => typeof score === 'number');
    const applicable = scores.length > 0;
    return {
      categoryId: category.id,
      score: applicable ? roundScore(sum(scores) / scores.length) : null,
      weight: category.weight,
      applicable,
    };
  });

  const weighed = categories.filter((c) => c.applicable);
  if (weighed.length === 0) {
    throw new InvalidInputError(
      {
        zh: '所有检查评分表都标记为不涉及，没有可评分的内容',
        en: 'every table is marked not applicable: there is nothing to score',
      },
      [{ field: 'tables', message: { zh: '至少须有一张涉及的检查评分表', en: 'at least one table must apply' } }],
    );
  }
  // §4.0.3-4/5: Σ category score × weight ÷ Σ applicable weights (× 100 ÷ 100)
  const score = roundScore(sum(weighed.map((c) => (c.score ?? 0) * c.weight)) / sum(weighed.map((c) => c.weight)));
  const anyZeroed = tables.some((t) => t.zeroed);
  const grade: Grade = anyZeroed ? 'fail' : gradeOfScore(score, scoring);
  return { score, grade, tables, categories };
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

function zhOf(message: FieldProblem['message']): string {
  return typeof message === 'string' ? message : message.zh;
}
