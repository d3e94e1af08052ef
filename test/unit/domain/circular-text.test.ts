import { describe, expect, it } from 'vitest';
import {
  type CircularTextInput,
  chineseDate,
  composeCircular,
  DEFAULT_CIRCULAR_AUTHORITY,
  publicText,
} from '../../../shared/domain/circular-text.js';
import { creditCodeCheckCharacter } from '../../../shared/domain/credit-code.js';
import { findPersonalData, REDACTION_MARKER } from '../../../shared/domain/masking.js';
import { CONDITION_TEXTS } from '../../../shared/domain/rule-set.js';
import { measuresFor } from '../../../shared/domain/verdict.js';

/** Valid resident ID numbers (GB 11643 check character correct) and telephone numbers. */
const ID = '110101199003074514';
const ID_X = '11010519491231002X';
const MOBILE = '13912345678';
const LANDLINE = '010-61234567';

function code(body17: string): string {
  return body17 + creditCodeCheckCharacter(body17);
}
const DEVELOPER = code('91110112MA01ABCD1');
const CONTRACTOR = code('91110000101234567');
const SUPERVISOR = code('91110105MA00XYK12');

function input(overrides: Partial<CircularTextInput> = {}): CircularTextInput {
  return {
    draftedOn: '2026-12-01',
    project: { name: '通州区运河商务区 7 号地块办公楼项目', address: '北京市通州区运河东大街 1 号' },
    units: [
      { role: 'supervisor', name: '北京某工程监理有限公司', creditCode: SUPERVISOR },
      { role: 'developer', name: '北京运河置业有限公司', creditCode: DEVELOPER },
      { role: 'general_contractor', name: '北京城建某建筑工程有限公司', creditCode: CONTRACTOR },
    ],
    keyPersons: [
      { role: 'project_manager', name: '张三' },
      { role: 'chief_supervising_engineer', name: '欧阳娜娜' },
    ],
    conditionsMet: ['C4', 'C1'],
    violations: ['周期内仍具备差别化监管条件（1）：2026-11-10检查发现安全管理机构不健全', '2项隐患逾期未整改闭合'],
    measures: measuresFor(3).map((measure, index) => ({
      ...measure,
      level: index === 0 ? 1 : index < 5 ? 2 : 3,
      startedOn: index === 0 ? '2026-10-01' : null,
    })),
    ...overrides,
  };
}

/** Every string of the composed circular, joined: what a leak check must scan. */
function everything(text: ReturnType<typeof composeCircular>): string {
  return JSON.stringify(text);
}

describe('composeCircular', () => {
  it('titles the circular after the project and signs it with the authority and the date', () => {
    const text = composeCircular(input());
    expect(text.title).toBe('关于对通州区运河商务区 7 号地块办公楼项目安全生产管理问题的通报');
    expect(text.authority).toBe(DEFAULT_CIRCULAR_AUTHORITY);
    expect(text.dateText).toBe('2026年12月1日');
    const lines = text.body.split('\n');
    expect(lines[0]).toBe('各有关单位：');
    expect(lines.slice(-2)).toEqual(['通州区住房和城乡建设委员会', '2026年12月1日']);
    expect(text.body).toContain('全区通报批评');
    expect(text.body).toContain('《建筑工程施工现场安全生产差别化监管实施方案》第三条第（六）项');
  });

  it('names the units by role with name and unified social credit code only, in the order of the plan', () => {
    const text = composeCircular(input());
    expect(text.units.map((unit) => unit.role)).toEqual(['developer', 'general_contractor', 'supervisor']);
    expect(text.units[0]).toEqual({
      role: 'developer',
      roleName: '建设单位',
      name: '北京运河置业有限公司',
      creditCode: DEVELOPER,
    });
    expect(Object.keys(text.units[0] ?? {}).sort()).toEqual(['creditCode', 'name', 'role', 'roleName']);
    expect(text.body).toContain(`施工总承包单位：北京城建某建筑工程有限公司（统一社会信用代码：${CONTRACTOR}）`);
    expect(text.body).toContain(`监理单位：北京某工程监理有限公司（统一社会信用代码：${SUPERVISOR}）`);
  });

  it('masks the key persons: surname only, compound surnames kept whole', () => {
    const text = composeCircular(input());
    expect(text.keyPersons.map((person) => person.name)).toEqual(['张*', '欧阳**']);
    expect(text.body).toContain('项目经理：张*；总监理工程师：欧阳**');
    expect(everything(text)).not.toContain('张三');
    expect(everything(text)).not.toContain('欧阳娜娜');
  });

  it('lists the conditions that held in the seed wording, in order', () => {
    const text = composeCircular(input());
    expect(text.conditions.map((condition) => condition.id)).toEqual(['C1', 'C4']);
    expect(text.body).toContain(`（1）${CONDITION_TEXTS.C1}。`);
    expect(text.body).toContain(`（4）${CONDITION_TEXTS.C4}。`);
    expect(text.body).not.toContain(CONDITION_TEXTS.C6);
  });

  it('lists the violations and the measures of levels 1–3 with their start dates', () => {
    const text = composeCircular(input());
    expect(text.body).toContain('1. 周期内仍具备差别化监管条件（1）：2026-11-10检查发现安全管理机构不健全。');
    expect(text.body).toContain('2. 2项隐患逾期未整改闭合。');
    expect(text.body).toContain('一级：驻场监督（2026年10月1日起）。');
    expect(text.body).toContain('二级：对违法违规行为高限高额处罚。');
    expect(text.body).toContain('三级：全区通报批评。');
    expect(text.measures.map((measure) => measure.level)).toEqual([1, 2, 2, 2, 2, 3, 3, 3]);
  });

  it('leaves out ID and telephone numbers and full names, wherever the inputs carry them', () => {
    const text = composeCircular(
      input({
        project: { name: `运河项目（联系人张三 ${MOBILE}）`, address: `通州区某路 1 号，电话 ${LANDLINE}` },
        units: [
          { role: 'developer', name: `北京运河置业有限公司（法人身份证${ID}）`, creditCode: DEVELOPER },
          { role: 'general_contractor', name: '北京城建某建筑工程有限公司', creditCode: CONTRACTOR },
          { role: 'supervisor', name: '北京某工程监理有限公司', creditCode: SUPERVISOR },
        ],
        violations: [
          `项目经理张三（身份证号${ID_X}，手机 +86 139 1234 5678）多次未到岗`,
          `检查人员王五发现总监理工程师欧阳娜娜未履职，电话${MOBILE}`,
        ],
        measures: [{ level: 1, code: 'resident_supervision', name: `驻场监督（联系人王五 ${MOBILE}）` }],
        personNames: ['王五', '赵六'],
        authority: `通州区住房和城乡建设委员会（值班电话 ${LANDLINE}）`,
      }),
    );
    const all = everything(text);
    expect(findPersonalData(text.body)).toEqual([]);
    expect(findPersonalData(text.title)).toEqual([]);
    expect(findPersonalData(all)).toEqual([]);
    for (const leaked of [ID, ID_X, MOBILE, '139 1234 5678', '61234567', '张三', '欧阳娜娜', '王五']) {
      expect(all).not.toContain(leaked);
    }
    expect(text.body).toContain(REDACTION_MARKER);
    expect(text.violations[0]).toBe(`项目经理张*（身份证号${REDACTION_MARKER}，手机 ${REDACTION_MARKER}）多次未到岗`);
    expect(text.violations[1]).toContain('检查人员王*发现总监理工程师欧阳**未履职');
    // the credit codes are not mistaken for personal data
    expect(text.units.map((unit) => unit.creditCode)).toEqual([DEVELOPER, CONTRACTOR, SUPERVISOR]);
    expect(text.body).toContain(DEVELOPER);
  });

  it('prints a unit credit code that happens to read like an ID number as it is (it is public by law)', () => {
    const idShaped = '121101197401250599';
    const text = composeCircular(
      input({
        units: [
          { role: 'developer', name: '北京运河置业有限公司', creditCode: DEVELOPER },
          { role: 'general_contractor', name: '北京城建某建筑工程有限公司', creditCode: idShaped },
        ],
        violations: [`施工总承包单位（${idShaped}）2项隐患逾期未整改，联系人电话${MOBILE}`],
      }),
    );
    expect(text.body).toContain(`北京城建某建筑工程有限公司（统一社会信用代码：${idShaped}）`);
    expect(text.violations[0]).toBe(`施工总承包单位（${idShaped}）2项隐患逾期未整改，联系人电话${REDACTION_MARKER}`);
    expect(text.body).not.toContain(MOBILE);
  });

  it('is deterministic and omits empty sections', () => {
    const bare = input({ conditionsMet: [], violations: [], keyPersons: [] });
    expect(composeCircular(bare)).toEqual(composeCircular(bare));
    const text = composeCircular(bare);
    expect(text.body).not.toContain('具备的差别化监管条件');
    expect(text.body).not.toContain('存在的主要问题');
    expect(text.body).not.toContain('项目经理');
    expect(text.body).toContain('二、已采取的监管措施');
  });
});

describe('publicText', () => {
  it('masks longer names first and leaves single characters alone', () => {
    expect(publicText('张三丰与张三均在场', ['张三', '张三丰', '张'])).toBe('张**与张*均在场');
  });

  it('redacts an ID number even without a name list', () => {
    expect(publicText(`证件号 ${ID}`)).toBe(`证件号 ${REDACTION_MARKER}`);
  });
});

describe('chineseDate', () => {
  it.each([
    ['2026-12-01', '2026年12月1日'],
    ['2026-01-31', '2026年1月31日'],
  ])('%s → %s', (date, text) => {
    expect(chineseDate(date)).toBe(text);
  });
});
