import { describe, expect, it } from 'vitest';
import type { ConditionResult } from '../../../shared/domain/conditions.js';
import { InvalidInputError } from '../../../shared/domain/errors.js';
import { decideVerdict, measuresAdded, measuresFor } from '../../../shared/domain/verdict.js';
import { CONDITION_IDS, type ConditionId } from '../../../shared/domain/vocabulary.js';

/** The six conditions, those in `met` held (with a record as evidence). */
function conditions(...met: ConditionId[]): ConditionResult[] {
  return CONDITION_IDS.map((id) => ({
    id,
    met: met.includes(id),
    evidence: met.includes(id) ? [`fnd_${id}`] : [],
    explanation: met.includes(id) ? `${id} 成立的说明` : `${id} 不成立`,
  }));
}

const clean = { conditions: conditions(), hazards: { open: 0, overdue: 0 }, compliance: 0.95 };

describe('decideVerdict', () => {
  it.each([
    // release: nothing held, nothing open, compliance ≥ 90 %
    ['release at level 0', { ...clean, level: 0 }, 'release', 0],
    ['release from level 3 drops to 0', { ...clean, level: 3 }, 'release', 0],
    ['release at exactly 90 % (27/30)', { ...clean, level: 1, compliance: 27 / 30 }, 'release', 0],
    ['release when nothing was due', { ...clean, level: 1, compliance: null }, 'release', 0],
    // escalate: each ground on its own
    ['a condition held', { ...clean, level: 0, conditions: conditions('C4') }, 'escalate', 1],
    ['a hazard overdue', { ...clean, level: 1, hazards: { open: 2, overdue: 1 } }, 'escalate', 2],
    ['compliance just below 90 % (26/30)', { ...clean, level: 2, compliance: 26 / 30 }, 'escalate', 3],
    ['compliance 0', { ...clean, level: 0, compliance: 0 }, 'escalate', 1],
    // the cap: level 3 stays 3
    ['a failed cycle at level 3', { ...clean, level: 3, conditions: conditions('C1') }, 'escalate', 3],
    // continue: hazards open, none overdue, everything else fine
    ['hazards open, not yet due', { ...clean, level: 1, hazards: { open: 3, overdue: 0 } }, 'continue', 1],
    [
      'hazards open, nothing due',
      { ...clean, level: 0, compliance: null, hazards: { open: 1, overdue: 0 } },
      'continue',
      0,
    ],
  ] as const)('%s → %s, level %i', (_name, input, verdict, levelAfter) => {
    const decision = decideVerdict({ ...input, conditions: [...input.conditions] });
    expect(decision.verdict).toBe(verdict);
    expect(decision.levelAfter).toBe(levelAfter);
    expect(decision.reasons.length).toBeGreaterThan(0);
  });

  it('escalates through the ladder 0 → 1 → 2 → 3 → 3', () => {
    let level = 0;
    const levels: number[] = [];
    for (let cycle = 0; cycle < 4; cycle++) {
      level = decideVerdict({ ...clean, level, compliance: 0.5 }).levelAfter;
      levels.push(level);
    }
    expect(levels).toEqual([1, 2, 3, 3]);
  });

  it('lists every ground of an escalation, one per line, in Chinese', () => {
    const decision = decideVerdict({
      level: 1,
      conditions: conditions('C3', 'C5'),
      hazards: { open: 4, overdue: 2 },
      compliance: 0.8966,
    });
    expect(decision.reasons).toEqual([
      '周期内仍具备差别化监管条件（3）：C3 成立的说明',
      '周期内仍具备差别化监管条件（5）：C5 成立的说明',
      '2项隐患逾期未整改闭合',
      '报送义务按时完成率89.7%，低于90%',
      '监管等级由一级升至二级',
    ]);
  });

  it('says when level 3 is kept', () => {
    const decision = decideVerdict({ ...clean, level: 3, compliance: 0.1 });
    expect(decision.reasons.at(-1)).toBe('已处最高监管等级（三级），维持三级监管措施');
  });

  it('says that a cycle with nothing due meets the compliance threshold', () => {
    const decision = decideVerdict({ ...clean, level: 1, compliance: null });
    expect(decision.reasons).toContain('本周期无到期报送义务，按时完成率视为达标');
  });

  it('explains a continue by the open hazards', () => {
    const decision = decideVerdict({ ...clean, level: 2, hazards: { open: 3, overdue: 0 } });
    expect(decision.reasons[0]).toBe('尚有3项隐患未整改闭合（均未逾期），继续差别化监管');
  });

  it('uses a configured release threshold', () => {
    expect(
      decideVerdict({ ...clean, level: 1, compliance: 0.85, thresholds: { releaseCompliance: 0.8 } }).verdict,
    ).toBe('release');
    expect(decideVerdict({ ...clean, level: 1, compliance: 0.95, thresholds: { releaseCompliance: 1 } }).verdict).toBe(
      'escalate',
    );
  });

  it.each([
    { ...clean, level: 4 },
    { ...clean, level: -1 },
    { ...clean, level: 1.5 },
    { ...clean, level: 1, hazards: { open: 1, overdue: 2 } },
    { ...clean, level: 1, hazards: { open: -1, overdue: 0 } },
    { ...clean, level: 1, compliance: 1.2 },
    { ...clean, level: 1, compliance: Number.NaN },
  ])('refuses impossible input %o', (input) => {
    expect(() => decideVerdict(input)).toThrow(InvalidInputError);
  });
});

describe('measures of the ladder (cumulative)', () => {
  it.each([
    [0, []],
    [1, ['resident_supervision']],
    [
      2,
      [
        'resident_supervision',
        'heavy_penalty',
        'group_replace_responsible_persons',
        'group_staff_on_site',
        'group_report',
      ],
    ],
    [
      3,
      [
        'resident_supervision',
        'heavy_penalty',
        'group_replace_responsible_persons',
        'group_staff_on_site',
        'group_report',
        'district_circular',
        'municipal_report',
        'credit_platform_publication',
      ],
    ],
  ])('level %i', (level, codes) => {
    expect(measuresFor(level).map((measure) => measure.code)).toEqual(codes);
  });

  it('names the measures in the seed’s words', () => {
    const names = measuresFor(3).map((measure) => measure.name);
    expect(names).toContain('驻场监督');
    expect(names.some((name) => name.includes('高限高额处罚'))).toBe(true);
    expect(names).toContain('全区通报批评');
    expect(names.some((name) => name.includes('上报市住房城乡建设委'))).toBe(true);
    expect(names.some((name) => name.includes('信用通州'))).toBe(true);
  });

  it('gives out copies, so a caller cannot change the ladder', () => {
    const first = measuresFor(1);
    (first[0] as { name: string }).name = 'changed';
    expect(measuresFor(1)[0]?.name).toBe('驻场监督');
  });

  it('tells which measures an escalation starts', () => {
    expect(measuresAdded(1, 2).map((m) => m.code)).toEqual([
      'heavy_penalty',
      'group_replace_responsible_persons',
      'group_staff_on_site',
      'group_report',
    ]);
    expect(measuresAdded(3, 3)).toEqual([]);
    expect(measuresAdded(2, 0)).toEqual([]);
  });

  it('refuses a level outside 0–3', () => {
    expect(() => measuresFor(4)).toThrow(InvalidInputError);
  });
});
