import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { JGJ59_2011, JGJ59_2011_DATA } from '../../../shared/domain/assessment/jgj59-2011.js';
import { loadScheme, phaseDefaults, tablesNotApplicableByDefault } from '../../../shared/domain/assessment/scheme.js';
import { DEFAULT_SCHEME_ID, schemeById } from '../../../shared/domain/assessment/schemes.js';
import { InvalidInputError, NotFoundError } from '../../../shared/domain/errors.js';
import { PROJECT_PHASES } from '../../../shared/domain/vocabulary.js';

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
/** A deep, mutable copy of the default data, for breaking it in one place. */
const copy = () => structuredClone(JGJ59_2011_DATA) as typeof JGJ59_2011_DATA;

describe('JGJ 59-2011 as transcribed (SPEC §6.1)', () => {
  it('has the summary table’s ten categories with the weights of 表A, totalling 100', () => {
    expect(JGJ59_2011.categories.map((c) => [c.name, c.weight])).toEqual([
      ['安全管理', 10],
      ['文明施工', 15],
      ['脚手架', 10],
      ['基坑工程', 10],
      ['模板支架', 10],
      ['高处作业', 10],
      ['施工用电', 10],
      ['物料提升机与施工升降机', 10],
      ['塔式起重机与起重吊装', 10],
      ['施工机具', 5],
    ]);
    expect(sum(JGJ59_2011.categories.map((c) => c.weight))).toBe(100);
  });

  it('has the 19 check tables of 附录B in order, numbered 表B.1 … 表B.19', () => {
    expect(JGJ59_2011.tables.map((t) => `${t.clause} ${t.name}`)).toEqual([
      '表B.1 安全管理检查评分表',
      '表B.2 文明施工检查评分表',
      '表B.3 扣件式钢管脚手架检查评分表',
      '表B.4 门式钢管脚手架检查评分表',
      '表B.5 碗扣式钢管脚手架检查评分表',
      '表B.6 承插型盘扣式钢管脚手架检查评分表',
      '表B.7 满堂脚手架检查评分表',
      '表B.8 悬挑式脚手架检查评分表',
      '表B.9 附着式升降脚手架检查评分表',
      '表B.10 高处作业吊篮检查评分表',
      '表B.11 基坑工程检查评分表',
      '表B.12 模板支架检查评分表',
      '表B.13 高处作业检查评分表',
      '表B.14 施工用电检查评分表',
      '表B.15 物料提升机检查评分表',
      '表B.16 施工升降机检查评分表',
      '表B.17 塔式起重机检查评分表',
      '表B.18 起重吊装检查评分表',
      '表B.19 施工机具检查评分表',
    ]);
  });

  it('puts the eight scaffold tables under 脚手架 and two tables under each hoisting category', () => {
    const tables = Object.fromEntries(JGJ59_2011.categories.map((c) => [c.id, c.tableIds]));
    expect(tables.scaffolding).toHaveLength(8);
    expect(tables.hoists).toEqual(['B.15', 'B.16']);
    expect(tables.cranes_and_lifting).toEqual(['B.17', 'B.18']);
  });

  it.each(JGJ59_2011.tables.map((t) => [t.id, t] as const))(
    '%s totals 100; guaranteed 60 and general 40 where it has guaranteed items',
    (_, table) => {
      expect(sum(table.items.map((i) => i.maximum))).toBe(100);
      const guaranteed = table.items.filter((i) => i.kind === 'guaranteed');
      if (guaranteed.length > 0) {
        expect(sum(guaranteed.map((i) => i.maximum))).toBe(60);
        expect(sum(table.items.filter((i) => i.kind === 'general').map((i) => i.maximum))).toBe(40);
        // the standard prints guaranteed items first
        const firstGeneral = table.items.findIndex((i) => i.kind === 'general');
        expect(table.items.slice(firstGeneral).every((i) => i.kind === 'general')).toBe(true);
      }
    },
  );

  it('has no guaranteed items in 高处作业 and 施工机具 only', () => {
    const withoutGuaranteed = JGJ59_2011.tables.filter((t) => !t.items.some((i) => i.kind === 'guaranteed'));
    expect(withoutGuaranteed.map((t) => t.name)).toEqual(['高处作业检查评分表', '施工机具检查评分表']);
  });

  it('prints 安全管理 as the standard does: six guaranteed items and four general, 10 points each', () => {
    const table = JGJ59_2011.tables.find((t) => t.id === 'B.1')!;
    expect(table.items.map((i) => [i.id, i.name, i.kind, i.maximum])).toEqual([
      ['B.1.1', '安全生产责任制', 'guaranteed', 10],
      ['B.1.2', '施工组织设计及专项施工方案', 'guaranteed', 10],
      ['B.1.3', '安全技术交底', 'guaranteed', 10],
      ['B.1.4', '安全检查', 'guaranteed', 10],
      ['B.1.5', '安全教育', 'guaranteed', 10],
      ['B.1.6', '应急救援', 'guaranteed', 10],
      ['B.1.7', '分包单位安全管理', 'general', 10],
      ['B.1.8', '持证上岗', 'general', 10],
      ['B.1.9', '生产安全事故处理', 'general', 10],
      ['B.1.10', '安全标志', 'general', 10],
    ]);
  });

  it('uses stable ASCII ids and cites a source for every table it calls verified', () => {
    const ids = [
      ...JGJ59_2011.categories.map((c) => c.id),
      ...JGJ59_2011.tables.flatMap((t) => [t.id, ...t.items.map((i) => i.id)]),
    ];
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9._-]+$/);
    for (const table of JGJ59_2011.tables) {
      const anyVerified = table.items.some((i) => i.verified !== false);
      if (anyVerified) expect(table.sources.length).toBeGreaterThan(0);
      for (const item of table.items) if (item.verified === false) expect(item.note).toBeTruthy();
    }
  });

  it('is summarised truthfully in docs/assessment.md: the count of unverified items matches the data', () => {
    const docs = readFileSync(new URL('../../../docs/assessment.md', import.meta.url), 'utf8');
    const stated = docs.match(/\*\*(\d+) of the (\d+) items are so marked\*\*/);
    const all = JGJ59_2011.tables.flatMap((t) => t.items);
    expect(stated?.slice(1).map(Number)).toEqual([all.filter((i) => i.verified === false).length, all.length]);
  });

  it('is frozen: a caller cannot change the rules by accident', () => {
    expect(Object.isFrozen(JGJ59_2011.tables[0]!.items[0])).toBe(true);
    expect(() => {
      (JGJ59_2011.categories[0] as { weight: number }).weight = 50;
    }).toThrow(TypeError);
  });

  it('is the default scheme, found by id; an unknown id is not found', () => {
    expect(schemeById(DEFAULT_SCHEME_ID)).toBe(JGJ59_2011);
    expect(() => schemeById('beijing-2014')).toThrow(NotFoundError);
  });
});

describe('loading a scheme refuses wrong arithmetic, naming it', () => {
  it('accepts the default data', () => {
    expect(loadScheme(copy()).id).toBe('jgj59-2011');
  });

  it.each([
    [
      'weights not totalling 100',
      (d: ReturnType<typeof copy>) => {
        d.categories[1]!.weight = 20;
      },
      /weights total 105/,
    ],
    [
      'a table not totalling 100',
      (d: ReturnType<typeof copy>) => {
        d.tables[0]!.items[9]!.maximum = 5;
      },
      /B\.1 安全管理检查评分表: items total 95/,
    ],
    [
      'guaranteed items not totalling 60',
      (d: ReturnType<typeof copy>) => {
        d.tables[0]!.items[0]!.maximum = 15;
        d.tables[0]!.items[9]!.maximum = 5;
      },
      /B\.1: guaranteed items total 65/,
    ],
    [
      'a table in no category',
      (d: ReturnType<typeof copy>) => {
        d.categories[2]!.tableIds = d.categories[2]!.tableIds.filter((id) => id !== 'B.7');
      },
      /table B\.7 is in no category/,
    ],
    [
      'an item id used twice',
      (d: ReturnType<typeof copy>) => {
        d.tables[1]!.items[0]!.id = 'B.1.1';
      },
      /duplicate item B\.1\.1/,
    ],
    [
      'a table without a phase default',
      (d: ReturnType<typeof copy>) => {
        d.phaseDefaults = d.phaseDefaults.filter((p) => p.tableId !== 'B.11');
      },
      /table B\.11 has no phase default/,
    ],
    [
      'a non-ASCII id',
      (d: ReturnType<typeof copy>) => {
        d.categories[0]!.id = '安全管理';
      },
      /ASCII/,
    ],
  ])('%s', (_, breakIt, message) => {
    const data = copy();
    breakIt(data);
    let error: unknown;
    try {
      loadScheme(data);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidInputError);
    const fields = (error as InvalidInputError).fields.map((f) =>
      typeof f.message === 'string' ? f.message : f.message.en,
    );
    expect(fields.join('\n')).toMatch(message);
    expect((error as InvalidInputError).text).toMatchObject({ zh: expect.stringContaining('评估指标体系数据有误') });
  });
});

describe('phase defaults (pre-marked 不涉及, editable per assessment)', () => {
  it('gives every table a default and a reason in every phase', () => {
    for (const phase of PROJECT_PHASES) {
      const defaults = phaseDefaults(JGJ59_2011, phase);
      expect(defaults.map((d) => d.tableId)).toEqual(JGJ59_2011.tables.map((t) => t.id));
      for (const d of defaults) expect(d.reason.length).toBeGreaterThan(0);
    }
  });

  it('applies 基坑工程 only in earthwork and foundation', () => {
    const applies = PROJECT_PHASES.filter((phase) => !tablesNotApplicableByDefault(JGJ59_2011, phase).includes('B.11'));
    expect(applies).toEqual(['earthwork', 'foundation']);
  });

  it('always applies 安全管理, 文明施工 and 施工用电', () => {
    for (const phase of PROJECT_PHASES) {
      const off = tablesNotApplicableByDefault(JGJ59_2011, phase);
      expect(off).not.toContain('B.1');
      expect(off).not.toContain('B.2');
      expect(off).not.toContain('B.14');
    }
  });

  it('leaves something to score in every phase', () => {
    for (const phase of PROJECT_PHASES) {
      expect(tablesNotApplicableByDefault(JGJ59_2011, phase).length).toBeLessThan(JGJ59_2011.tables.length);
    }
  });

  it('marks the type-specific scaffold tables 不涉及 by default, so an unused type cannot lift the mean', () => {
    const off = tablesNotApplicableByDefault(JGJ59_2011, 'structure');
    expect(off).toEqual(expect.arrayContaining(['B.4', 'B.5', 'B.6', 'B.7', 'B.8', 'B.9', 'B.10']));
    expect(off).not.toContain('B.3');
  });

  it('refuses a phase that is not one of SPEC §3', () => {
    expect(() => phaseDefaults(JGJ59_2011, 'roofing' as never)).toThrow(InvalidInputError);
  });
});
