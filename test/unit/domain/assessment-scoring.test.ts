import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JGJ59_2011 } from '../../../shared/domain/assessment/jgj59-2011.js';
import {
  type AssessmentInput,
  DeductionExceedsMaximumError,
  IncompleteAssessmentError,
  roundScore,
  scoreAssessment,
  type TableInput,
} from '../../../shared/domain/assessment/scoring.js';
import { InvalidInputError } from '../../../shared/domain/errors.js';

const scheme = JGJ59_2011;

/**
 * An assessment in which every table of the scheme is listed: `deductions` maps item ids to points deducted, an
 * item id in `notApplicable` or a table id in `tablesNotApplicable` is marked 不涉及.
 */
function assessment(
  deductions: Record<string, number>,
  options: { tablesNotApplicable?: string[]; notApplicable?: string[] } = {},
): AssessmentInput {
  const off = new Set(options.tablesNotApplicable ?? []);
  const itemsOff = new Set(options.notApplicable ?? []);
  return {
    tables: scheme.tables.map(
      (table): TableInput => ({
        tableId: table.id,
        notApplicable: off.has(table.id),
        items: table.items.map((item) => ({
          itemId: item.id,
          deduction: deductions[item.id] ?? 0,
          notApplicable: itemsOff.has(item.id),
        })),
      }),
    ),
  };
}

const tableScore = (result: ReturnType<typeof scoreAssessment>, id: string) =>
  result.tables.find((t) => t.tableId === id)!;
const categoryScore = (result: ReturnType<typeof scoreAssessment>, id: string) =>
  result.categories.find((c) => c.categoryId === id)!;

/** Scaffold types other than 扣件式, and the hoist and crane tables a project does not use. */
const UNUSED_SCAFFOLDS = ['B.4', 'B.5', 'B.6', 'B.7', 'B.8', 'B.9', 'B.10'];

describe('worked examples, checked by hand against JGJ 59-2011 §4.0.3 and §5.0.2', () => {
  /**
   * Example 1 — a site in structure with every category in use (脚手架: 扣件式 only; 物料提升机 not used).
   *
   *   B.1  安全管理   100 − (4 + 2 + 3)        = 91     A1 = 10 × 91 ÷ 100 =  9.1
   *   B.2  文明施工   100 − (5 + 3 + 4)        = 88     A1 = 15 × 88 ÷ 100 = 13.2
   *   B.3  扣件式     100 − (5 + 4 + 5 + 2)    = 84     A1 = 10 × 84 ÷ 100 =  8.4
   *   B.11 基坑工程   100 − (3 + 5)            = 92     A1 = 10 × 92 ÷ 100 =  9.2
   *   B.12 模板支架   100 − (6 + 4)            = 90     A1 = 10 × 90 ÷ 100 =  9.0
   *   B.13 高处作业   100 − (5 + 5 + 3)        = 87     A1 = 10 × 87 ÷ 100 =  8.7
   *   B.14 施工用电   100 − (10 + 5 + 6)       = 79     A1 = 10 × 79 ÷ 100 =  7.9
   *        (guaranteed 10 + 10 + 10 + 15 = 45 ≥ 40, no guaranteed item at 0: not zeroed)
   *   B.16 施工升降机 100 − (4 + 5)            = 91     A1 = 10 × 91 ÷ 100 =  9.1
   *   B.17 塔式起重机 100 − (6 + 4) = 90; B.18 起重吊装 100 − (5 + 5) = 90
   *        mean (90 + 90) ÷ 2 = 90 (§4.0.3-6)          A1 = 10 × 90 ÷ 100 =  9.0
   *   B.19 施工机具   100 − (5 + 4 + 3)        = 88     A1 =  5 × 88 ÷ 100 =  4.4
   *   汇总表 9.1 + 13.2 + 8.4 + 9.2 + 9.0 + 8.7 + 7.9 + 9.1 + 9.0 + 4.4 = 88.0 → 优良 (no table at 0, ≥ 80)
   */
  const example1 = {
    'B.1.3': 4,
    'B.1.5': 2,
    'B.1.10': 3,
    'B.2.3': 5,
    'B.2.4': 3,
    'B.2.9': 4,
    'B.3.2': 5,
    'B.3.4': 4,
    'B.3.9': 5,
    'B.3.11': 2,
    'B.11.3': 3,
    'B.11.7': 5,
    'B.12.4': 6,
    'B.12.7': 4,
    'B.13.4': 5,
    'B.13.5': 5,
    'B.13.7': 3,
    'B.14.2': 10,
    'B.14.4': 5,
    'B.14.6': 6,
    'B.16.3': 4,
    'B.16.9': 5,
    'B.17.2': 6,
    'B.17.8': 4,
    'B.18.5': 5,
    'B.18.10': 5,
    'B.19.1': 5,
    'B.19.3': 4,
    'B.19.6': 3,
  };
  const example1Off = { tablesNotApplicable: [...UNUSED_SCAFFOLDS, 'B.15'] };

  it('example 1: a full site scores 88.0, 优良', () => {
    const result = scoreAssessment(scheme, assessment(example1, example1Off));
    expect(result.tables.filter((t) => t.score !== null).map((t) => [t.tableId, t.score])).toEqual([
      ['B.1', 91],
      ['B.2', 88],
      ['B.3', 84],
      ['B.11', 92],
      ['B.12', 90],
      ['B.13', 87],
      ['B.14', 79],
      ['B.16', 91],
      ['B.17', 90],
      ['B.18', 90],
      ['B.19', 88],
    ]);
    expect(result.categories.map((c) => [c.categoryId, c.score, c.weight, c.applicable])).toEqual([
      ['safety_management', 91, 10, true],
      ['civilized_construction', 88, 15, true],
      ['scaffolding', 84, 10, true],
      ['foundation_pit', 92, 10, true],
      ['formwork_support', 90, 10, true],
      ['work_at_height', 87, 10, true],
      ['temporary_electricity', 79, 10, true],
      ['hoists', 91, 10, true],
      ['cranes_and_lifting', 90, 10, true],
      ['construction_machinery', 88, 5, true],
    ]);
    expect(result.score).toBe(88);
    expect(result.grade).toBe('excellent');
    expect(result.tables.some((t) => t.zeroed)).toBe(false);
  });

  /**
   * Example 2 — the guaranteed-item rule (§4.0.3-3) and the grade (§5.0.2-3).
   *
   * (a) Example 1, but 扣件式 交底与验收 (B.3.6, 10 points) deducted 10: a guaranteed item scores 0, so 表B.3 scores 0,
   *     脚手架 scores 0, and the total loses its 8.4: 88.0 − 8.4 = 79.6. 79.6 alone would be 合格, but a table at 0
   *     makes the result 不合格.
   * (b) Example 1, but 基坑工程 施工方案, 基坑支护, 降排水 (B.11.1–3) deducted 7 each (and no other deductions there):
   *     no guaranteed item at 0, but the guaranteed subtotal is 60 − 21 = 39 < 40, so 表B.11 scores 0 (it would
   *     have scored 79): total 88.0 − 9.2 = 78.8, 不合格.
   */
  it('example 2a: a guaranteed item at 0 zeroes its table, and a zeroed table fails the site', () => {
    const result = scoreAssessment(scheme, assessment({ ...example1, 'B.3.6': 10 }, example1Off));
    expect(tableScore(result, 'B.3')).toEqual({ tableId: 'B.3', score: 0, zeroed: true });
    expect(categoryScore(result, 'scaffolding').score).toBe(0);
    expect(result.score).toBe(79.6);
    expect(result.grade).toBe('fail');
  });

  it('example 2b: a guaranteed subtotal under 40 zeroes the table though no item is at 0', () => {
    const { 'B.11.3': _, 'B.11.7': __, ...rest } = example1;
    const result = scoreAssessment(scheme, assessment({ ...rest, 'B.11.1': 7, 'B.11.2': 7, 'B.11.3': 7 }, example1Off));
    expect(tableScore(result, 'B.11')).toEqual({ tableId: 'B.11', score: 0, zeroed: true });
    expect(result.score).toBe(78.8);
    expect(result.grade).toBe('fail');
    // one point less deducted: the subtotal is 40, the table stands at 80
    const atForty = scoreAssessment(
      scheme,
      assessment({ ...rest, 'B.11.1': 7, 'B.11.2': 7, 'B.11.3': 6 }, example1Off),
    );
    expect(tableScore(atForty, 'B.11')).toEqual({ tableId: 'B.11', score: 80, zeroed: false });
  });

  /**
   * Example 3 — 缺项 (§4.0.3-5) at item, table and category level: a site in earthwork (土方开挖支护).
   * Categories checked: 安全管理 10, 文明施工 15, 基坑工程 10, 高处作业 10, 施工用电 10, 施工机具 5 (Σ 60); 脚手架,
   * 模板支架, 提升机 and 塔吊/起重吊装 are 不涉及 and drop out.
   *
   *   B.1  分包单位安全管理 (10) 不涉及; −2 −3:  (90 − 5) ÷ 90 × 100 = 94.44… → 94.4
   *   B.2  −4 −2:                                  100 − 6 = 94
   *   B.11 −4 −6:                                  100 − 10 = 90
   *   B.13 移动式操作平台, 悬挑式物料钢平台 不涉及 (the other eight total 80); −5 −3:  (80 − 8) ÷ 80 × 100 = 90
   *   B.14 −4 −2:                                  100 − 6 = 94
   *   B.19 平刨 (10) 不涉及; −2:                    (90 − 2) ÷ 90 × 100 = 97.77… → 97.8
   *   D = 10 × 94.4 + 15 × 94 + 10 × 90 + 10 × 90 + 10 × 94 + 5 × 97.8 = 944 + 1410 + 900 + 900 + 940 + 489 = 5583
   *   A2 = D ÷ E = 5583 ÷ 60 = 93.05 → 93.0 (GB/T 8170: a trailing 5 after an even digit is dropped) → 优良
   */
  it('example 3: 不涉及 items, tables and categories drop out and the rest renormalise', () => {
    const result = scoreAssessment(
      scheme,
      assessment(
        {
          'B.1.1': 2,
          'B.1.4': 3,
          'B.2.1': 4,
          'B.2.7': 2,
          'B.11.2': 4,
          'B.11.6': 6,
          'B.13.4': 5,
          'B.13.7': 3,
          'B.14.3': 4,
          'B.14.7': 2,
          'B.19.3': 2,
        },
        {
          tablesNotApplicable: ['B.3', ...UNUSED_SCAFFOLDS, 'B.12', 'B.15', 'B.16', 'B.17', 'B.18'],
          notApplicable: ['B.1.7', 'B.13.9', 'B.13.10', 'B.19.1'],
        },
      ),
    );
    expect(tableScore(result, 'B.1').score).toBe(94.4);
    expect(tableScore(result, 'B.13').score).toBe(90);
    expect(tableScore(result, 'B.19').score).toBe(97.8);
    expect(tableScore(result, 'B.3')).toEqual({ tableId: 'B.3', score: null, zeroed: false });
    expect(categoryScore(result, 'scaffolding')).toEqual({
      categoryId: 'scaffolding',
      score: null,
      weight: 10,
      applicable: false,
    });
    expect(result.categories.filter((c) => c.applicable).map((c) => c.weight)).toEqual([10, 15, 10, 10, 10, 5]);
    expect(result.score).toBe(93);
    expect(result.grade).toBe('excellent');
  });

  /**
   * Example 4 — a category with two tables in use, one zeroed (§4.0.3-6 with §4.0.3-3): 塔式起重机 载荷限制装置
   * (B.17.1) deducted 10 → 表B.17 = 0; 起重吊装 −5 → 95; 塔式起重机与起重吊装 = (0 + 95) ÷ 2 = 47.5. With only those
   * two tables and 安全管理 (100) in use: (10 × 100 + 10 × 47.5) ÷ 20 = 73.75 → 73.8; a table at 0 → 不合格.
   */
  it('example 4: a zeroed table counts as 0 in its category’s mean', () => {
    const used = new Set(['B.1', 'B.17', 'B.18']);
    const result = scoreAssessment(
      scheme,
      assessment(
        { 'B.17.1': 10, 'B.18.4': 5 },
        { tablesNotApplicable: scheme.tables.map((t) => t.id).filter((id) => !used.has(id)) },
      ),
    );
    expect(categoryScore(result, 'cranes_and_lifting').score).toBe(47.5);
    expect(result.score).toBe(73.8);
    expect(result.grade).toBe('fail');
  });

  it('grades 合格 from 70 to below 80, and 不合格 below 70, with no table at 0', () => {
    const onlyB1 = { tablesNotApplicable: scheme.tables.map((t) => t.id).filter((id) => id !== 'B.1') };
    // 安全管理 alone: guaranteed items −0, general −20 … −31
    expect(scoreAssessment(scheme, assessment({ 'B.1.7': 10, 'B.1.8': 10 }, onlyB1))).toMatchObject({
      score: 80,
      grade: 'excellent',
    });
    expect(scoreAssessment(scheme, assessment({ 'B.1.7': 10, 'B.1.8': 10, 'B.1.9': 1 }, onlyB1))).toMatchObject({
      score: 79,
      grade: 'pass',
    });
    expect(
      scoreAssessment(scheme, assessment({ 'B.1.7': 10, 'B.1.8': 10, 'B.1.9': 10, 'B.1.1': 1 }, onlyB1)),
    ).toMatchObject({ score: 69, grade: 'fail' });
  });
});

describe('refusals (400, in Chinese and English, naming what is wrong)', () => {
  it('refuses a deduction above the item’s maximum, naming table and item', () => {
    let error: unknown;
    try {
      scoreAssessment(scheme, assessment({ 'B.19.3': 9 }));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DeductionExceedsMaximumError);
    expect(error).toBeInstanceOf(InvalidInputError);
    const e = error as DeductionExceedsMaximumError;
    expect(e.text).toMatchObject({
      zh: expect.stringContaining('「施工机具检查评分表」的「手持电动工具」扣减9分，超过该项应得分8分'),
      en: expect.stringContaining('B.19.3'),
    });
    const index = scheme.tables.findIndex((t) => t.id === 'B.19');
    expect(e.fields).toEqual([{ field: `tables[${index}].items[2].deduction`, message: expect.anything() }]);
  });

  it('refuses a table of the scheme left out, naming it', () => {
    const input = assessment({});
    input.tables = input.tables.filter((t) => t.tableId !== 'B.11');
    expect(() => scoreAssessment(scheme, input)).toThrow(IncompleteAssessmentError);
    try {
      scoreAssessment(scheme, input);
    } catch (e) {
      expect((e as IncompleteAssessmentError).text).toMatchObject({
        zh: expect.stringContaining('基坑工程检查评分表'),
      });
    }
  });

  it('refuses an item of an applicable table left out, but not of a 不涉及 one', () => {
    const input = assessment({});
    input.tables[0]!.items.pop();
    expect(() => scoreAssessment(scheme, input)).toThrow(/incomplete/);
    input.tables[0]!.notApplicable = true;
    expect(() => scoreAssessment(scheme, input)).not.toThrow();
  });

  it.each([
    ['an unknown table', (i: AssessmentInput) => i.tables.push({ tableId: 'B.20', items: [] }), /B\.20/],
    ['a table twice', (i: AssessmentInput) => i.tables.push({ ...i.tables[0]!, items: [] }), /twice|重复/],
    [
      'an unknown item',
      (i: AssessmentInput) => i.tables[0]!.items.push({ itemId: 'B.1.11', deduction: 0 }),
      /B\.1\.11/,
    ],
    ['a negative deduction', (i: AssessmentInput) => (i.tables[0]!.items[0]!.deduction = -1), /不小于0/],
    [
      'a deduction that is not a number',
      (i: AssessmentInput) => (i.tables[0]!.items[0]!.deduction = Number.NaN),
      /不小于0/,
    ],
    [
      'a deduction on a 不涉及 item',
      (i: AssessmentInput) => Object.assign(i.tables[0]!.items[6]!, { notApplicable: true, deduction: 2 }),
      /不涉及/,
    ],
  ])('refuses %s', (_, breakIt, message) => {
    const input = assessment({});
    breakIt(input);
    let error: unknown;
    try {
      scoreAssessment(scheme, input);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidInputError);
    const e = error as InvalidInputError;
    expect(e.fields.length).toBeGreaterThan(0);
    expect(typeof e.text === 'string' ? e.text : e.text.zh).toMatch(message);
  });

  it('refuses an assessment in which nothing applies', () => {
    const input = assessment({}, { tablesNotApplicable: scheme.tables.map((t) => t.id) });
    expect(() => scoreAssessment(scheme, input)).toThrow(/nothing to score/);
  });
});

describe('rounding to one decimal (GB/T 8170: 四舍六入五成双)', () => {
  it.each([
    [83.36, 83.4],
    [83.34, 83.3],
    [83.35, 83.4],
    [83.25, 83.2],
    [93.05, 93],
    [5583 / 60, 93],
    [(85 / 90) * 100, 94.4],
    [100, 100],
    [0, 0],
  ])('%d → %d', (value, rounded) => {
    expect(roundScore(value)).toBe(rounded);
  });
});

/** Any valid assessment of the default scheme with at least one applicable item. */
const anyAssessment: fc.Arbitrary<AssessmentInput> = fc
  .tuple(
    ...scheme.tables.map((table) =>
      fc.record({
        tableId: fc.constant(table.id),
        notApplicable: fc.boolean(),
        items: fc.tuple(
          ...table.items.map((item) =>
            fc.record({
              itemId: fc.constant(item.id),
              deduction: fc.integer({ min: 0, max: item.maximum * 2 }).map((halves) => halves / 2),
              notApplicable: fc.constantFrom(false, false, false, false, true),
            }),
          ),
        ),
      }),
    ),
  )
  .map((tables) => ({
    tables: tables.map((t) => ({
      ...t,
      items: t.items.map((i) => (i.notApplicable || t.notApplicable ? { ...i, deduction: 0 } : i)),
    })),
  }))
  .filter((input) => input.tables.some((t) => !t.notApplicable && t.items.some((i) => !i.notApplicable)));

const maximumOf = new Map(scheme.tables.flatMap((t) => t.items.map((i) => [i.id, i] as const)));

describe('invariants (fast-check)', () => {
  it('every score lies in 0–100 and has one decimal', () => {
    fc.assert(
      fc.property(anyAssessment, (input) => {
        const result = scoreAssessment(scheme, input);
        const scores = [
          result.score,
          ...result.tables.map((t) => t.score),
          ...result.categories.map((c) => c.score),
        ].filter((s): s is number => s !== null);
        for (const s of scores) {
          expect(s).toBeGreaterThanOrEqual(0);
          expect(s).toBeLessThanOrEqual(100);
          expect(Math.round(s * 10) / 10).toBe(s);
        }
      }),
    );
  });

  it('is monotone: deducting more from one item never raises a table, a category or the total', () => {
    fc.assert(
      fc.property(anyAssessment, fc.nat(), fc.nat(), fc.integer({ min: 1, max: 20 }), (input, t, i, more) => {
        const tables = input.tables.filter((table) => !table.notApplicable);
        fc.pre(tables.length > 0);
        const table = tables[t % tables.length]!;
        const items = table.items.filter((item) => !item.notApplicable);
        fc.pre(items.length > 0);
        const item = items[i % items.length]!;
        const maximum = maximumOf.get(item.itemId)!.maximum;
        const worse = structuredClone(input);
        const changed = worse.tables
          .find((x) => x.tableId === table.tableId)!
          .items.find((x) => x.itemId === item.itemId)!;
        changed.deduction = Math.min(maximum, item.deduction + more / 2);

        const before = scoreAssessment(scheme, input);
        const after = scoreAssessment(scheme, worse);
        expect(after.score).toBeLessThanOrEqual(before.score);
        before.tables.forEach((b, k) => {
          if (b.score !== null) expect(after.tables[k]!.score!).toBeLessThanOrEqual(b.score);
        });
        before.categories.forEach((b, k) => {
          if (b.score !== null) expect(after.categories[k]!.score!).toBeLessThanOrEqual(b.score);
        });
        const rank = { excellent: 2, pass: 1, fail: 0 } as const;
        expect(rank[after.grade]).toBeLessThanOrEqual(rank[before.grade]);
      }),
    );
  });

  it('a guaranteed item scored 0 zeroes its table and fails the assessment', () => {
    fc.assert(
      fc.property(anyAssessment, fc.nat(), (input, pick) => {
        const candidates = input.tables.flatMap((table) =>
          table.notApplicable
            ? []
            : table.items
                .filter((item) => !item.notApplicable && maximumOf.get(item.itemId)!.kind === 'guaranteed')
                .map((item) => ({ tableId: table.tableId, itemId: item.itemId })),
        );
        fc.pre(candidates.length > 0);
        const { tableId, itemId } = candidates[pick % candidates.length]!;
        const zeroed = structuredClone(input);
        zeroed.tables.find((t) => t.tableId === tableId)!.items.find((i) => i.itemId === itemId)!.deduction =
          maximumOf.get(itemId)!.maximum;
        const result = scoreAssessment(scheme, zeroed);
        expect(result.tables.find((t) => t.tableId === tableId)).toEqual({ tableId, score: 0, zeroed: true });
        expect(result.grade).toBe('fail');
      }),
    );
  });

  it('full marks on whatever applies score 100 and 优良, however much is 不涉及', () => {
    fc.assert(
      fc.property(anyAssessment, (input) => {
        const full = structuredClone(input);
        for (const table of full.tables) for (const item of table.items) item.deduction = 0;
        const result = scoreAssessment(scheme, full);
        expect(result.score).toBe(100);
        expect(result.grade).toBe('excellent');
        for (const table of result.tables) expect([null, 100]).toContain(table.score);
        for (const category of result.categories) expect(category.applicable ? 100 : null).toBe(category.score);
      }),
    );
  });

  it('the order of tables and items in the input does not matter', () => {
    fc.assert(
      fc.property(anyAssessment, fc.integer(), (input, seed) => {
        const shuffled = structuredClone(input);
        const shuffle = <T>(list: T[]) => list.sort((a, b) => hash(a, seed) - hash(b, seed));
        shuffle(shuffled.tables);
        for (const table of shuffled.tables) shuffle(table.items);
        expect(scoreAssessment(scheme, shuffled)).toEqual(scoreAssessment(scheme, input));
      }),
    );
  });

  it('the total lies between the lowest and the highest applicable category score', () => {
    fc.assert(
      fc.property(anyAssessment, (input) => {
        const result = scoreAssessment(scheme, input);
        const scores = result.categories.filter((c) => c.applicable).map((c) => c.score!);
        expect(result.score).toBeGreaterThanOrEqual(Math.min(...scores) - 0.05);
        expect(result.score).toBeLessThanOrEqual(Math.max(...scores) + 0.05);
      }),
    );
  });

  it('grade and score agree: 优良 ⇒ ≥ 80 and no table at 0; 不合格 ⇔ a table at 0 or < 70', () => {
    fc.assert(
      fc.property(anyAssessment, (input) => {
        const result = scoreAssessment(scheme, input);
        const anyZeroed = result.tables.some((t) => t.zeroed);
        if (result.grade === 'excellent') expect(result.score >= 80 && !anyZeroed).toBe(true);
        if (result.grade === 'pass') expect(result.score >= 70 && result.score < 80 && !anyZeroed).toBe(true);
        expect(result.grade === 'fail').toBe(anyZeroed || result.score < 70);
      }),
    );
  });

  it('marking a table 不涉及 is the same as leaving it out of its category’s mean', () => {
    fc.assert(
      fc.property(anyAssessment, (input) => {
        const result = scoreAssessment(scheme, input);
        for (const category of scheme.categories) {
          const scores = category.tableIds
            .map((id) => result.tables.find((t) => t.tableId === id)!.score)
            .filter((s): s is number => s !== null);
          const expected = scores.length === 0 ? null : roundScore(scores.reduce((a, b) => a + b, 0) / scores.length);
          expect(result.categories.find((c) => c.categoryId === category.id)!.score).toBe(expected);
        }
      }),
    );
  });
});

function hash(value: unknown, seed: number): number {
  let h = seed | 0;
  for (const char of JSON.stringify(value)) h = (Math.imul(h, 31) + char.charCodeAt(0)) | 0;
  return h;
}
