import { describe, expect, it } from 'vitest';
import {
  type ConditionsEvaluation,
  type CriticismFact,
  evaluateConditions,
  type FindingFact,
  hazardStatusOn,
  type IncidentFact,
  type InspectionFact,
  isOverdue,
  type ProjectFacts,
} from '../../../shared/domain/conditions.js';
import { InvalidInputError } from '../../../shared/domain/errors.js';
import { DEFAULT_RULE_SET, DEFAULT_THRESHOLDS, type Thresholds } from '../../../shared/domain/rule-set.js';
import type { ConditionId, FindingKind, HazardCategory } from '../../../shared/domain/vocabulary.js';

/** The default window for AS_OF: the 90 days 2026-04-02 .. 2026-06-30, both inclusive. */
const AS_OF = '2026-06-30';
const FIRST_DAY = '2026-04-02';
const DAY_BEFORE = '2026-04-01';
const DAY_AFTER = '2026-07-01';

function inspection(id: string, date: string, absent: Array<'pm' | 'chief'> = []): InspectionFact {
  return {
    id,
    date,
    kind: 'routine',
    keyPersonnelPresent: {
      projectManager: !absent.includes('pm'),
      chiefSupervisingEngineer: !absent.includes('chief'),
    },
  };
}

function finding(id: string, fields: Partial<FindingFact> = {}): FindingFact {
  return {
    id,
    inspectionId: 'ins-1',
    kind: 'hazard',
    category: 'scaffolding',
    severity: 'general',
    unitCreditCode: '91110112MA01ABCD1X',
    foundOn: '2026-06-01',
    // not yet due as of AS_OF unless a test says otherwise
    deadline: '2026-12-31',
    history: [],
    ...fields,
  };
}

function managementFinding(id: string, kind: FindingKind, foundOn: string): FindingFact {
  return finding(id, { kind, category: 'management', foundOn, deadline: foundOn });
}

function hazards(prefix: string, count: number, category: HazardCategory, foundOn = '2026-06-01'): FindingFact[] {
  return Array.from({ length: count }, (_, i) => finding(`${prefix}${i + 1}`, { category, foundOn }));
}

function criticism(id: string, date: string, issuer: CriticismFact['issuer'] = 'district_government'): CriticismFact {
  return { id, date, issuer, documentNo: '通政发〔2026〕1号' };
}

function incident(id: string, date: string, fatalities: number): IncidentFact {
  return { id, date, fatalities, injuries: 0 };
}

function facts(partial: Partial<ProjectFacts>): ProjectFacts {
  return { inspections: [], findings: [], incidents: [], criticisms: [], ...partial };
}

function evaluate(
  partial: Partial<ProjectFacts>,
  options: { asOf?: string; window?: { from: string; to: string }; thresholds?: Partial<Thresholds> } = {},
): ConditionsEvaluation {
  return evaluateConditions(facts(partial), { asOf: AS_OF, ...options });
}

function condition(evaluation: ConditionsEvaluation, id: ConditionId) {
  const found = evaluation.conditions.find((c) => c.id === id);
  if (!found) throw new Error(`no ${id}`);
  return found;
}

function metIds(evaluation: ConditionsEvaluation): ConditionId[] {
  return evaluation.conditions.filter((c) => c.met).map((c) => c.id);
}

describe('evaluateConditions: the record it returns', () => {
  it('names the rule set, the thresholds, the window and all six conditions in order', () => {
    const evaluation = evaluate({});
    expect(evaluation).toMatchObject({
      asOf: AS_OF,
      window: { from: FIRST_DAY, to: AS_OF },
      ruleSetVersion: DEFAULT_RULE_SET.id,
      thresholds: DEFAULT_THRESHOLDS,
    });
    expect(evaluation.conditions.map((c) => c.id)).toEqual(['C1', 'C2', 'C3', 'C4', 'C5', 'C6']);
    expect(metIds(evaluation)).toEqual([]);
    for (const result of evaluation.conditions) {
      expect(result.evidence).toEqual([]);
      expect(result.explanation).toMatch(/不符合条件（[1-6]）$/);
      expect(result.explanation).not.toContain('\n');
    }
  });

  it('the default window is the lookbackDays calendar days ending on asOf', () => {
    expect(evaluate({}, { thresholds: { lookbackDays: 30 } }).window).toEqual({ from: '2026-06-01', to: AS_OF });
    expect(evaluate({}, { thresholds: { lookbackDays: 1 } }).window).toEqual({ from: AS_OF, to: AS_OF });
    expect(evaluate({}, { asOf: '2026-03-01' }).window).toEqual({ from: '2025-12-02', to: '2026-03-01' });
  });

  it('merges partial thresholds into the defaults and records them', () => {
    expect(evaluate({}, { thresholds: { recurrenceCount: 4 } }).thresholds).toEqual({
      lookbackDays: 90,
      keyPersonAbsenceCount: 2,
      recurrenceCount: 4,
    });
  });

  it.each([
    ['a malformed asOf', { asOf: '2026-06-31' }],
    ['a window that ends before it starts', { window: { from: '2026-06-30', to: '2026-06-01' } }],
    ['a malformed window', { window: { from: '2026-6-1', to: '2026-06-30' } }],
    ['a zero threshold', { thresholds: { recurrenceCount: 0 } }],
    ['a fractional threshold', { thresholds: { lookbackDays: 1.5 } }],
  ])('refuses %s', (_case, options) => {
    expect(() => evaluate({}, options)).toThrow(InvalidInputError);
  });
});

describe('C1 and C2: management findings in the window', () => {
  it.each([
    ['C1', 'safety_org_incomplete'],
    ['C1', 'responsibility_not_implemented'],
    ['C1', 'hazard_screening_not_performed'],
    ['C2', 'management_rules_incomplete'],
    ['C2', 'negligent_management'],
    ['C3', 'management_system_incomplete'],
    ['C3', 'site_disorder'],
  ] as const)('%s is met by a finding of kind %s, and no other condition is', (id, kind) => {
    const evaluation = evaluate({ findings: [managementFinding('f1', kind, '2026-06-10')] });
    expect(metIds(evaluation)).toEqual([id]);
    expect(condition(evaluation, id).evidence).toEqual(['f1']);
  });

  it('a site hazard alone meets none of C1–C3', () => {
    expect(metIds(evaluate({ findings: [finding('h1')] }))).toEqual([]);
  });

  it.each([
    ['on the first day of the window', FIRST_DAY, true],
    ['the day before the window', DAY_BEFORE, false],
    ['on asOf', AS_OF, true],
    ['after asOf (as-of: not yet recorded)', DAY_AFTER, false],
  ])('a finding %s (%s) → met: %s', (_case, foundOn, met) => {
    const evaluation = evaluate({ findings: [managementFinding('f1', 'safety_org_incomplete', foundOn)] });
    expect(condition(evaluation, 'C1').met).toBe(met);
  });

  it('explains in one line with dates and counts, as a regulator writes', () => {
    const evaluation = evaluate({ findings: [managementFinding('f1', 'safety_org_incomplete', '2026-06-10')] });
    expect(condition(evaluation, 'C1').explanation).toBe('2026-06-10检查发现安全管理机构不健全（1项），符合条件（1）');
  });

  it('counts per kind, lists the dates, sorts and deduplicates evidence', () => {
    const evaluation = evaluate({
      findings: [
        managementFinding('f3', 'negligent_management', '2026-06-12'),
        managementFinding('f1', 'management_rules_incomplete', '2026-06-10'),
        managementFinding('f2', 'negligent_management', '2026-06-10'),
      ],
    });
    expect(condition(evaluation, 'C2')).toEqual({
      id: 'C2',
      met: true,
      evidence: ['f1', 'f2', 'f3'],
      explanation:
        '2026-06-10、2026-06-12检查发现项目管理制度不健全（1项）、对工程项目各项工作疏于管理（2项），符合条件（2）',
    });
  });

  it('abbreviates a long list of dates', () => {
    const findings = ['2026-06-01', '2026-06-02', '2026-06-03', '2026-06-04'].map((date, i) =>
      managementFinding(`f${i}`, 'safety_org_incomplete', date),
    );
    expect(condition(evaluate({ findings }), 'C1').explanation).toBe(
      '2026-06-01、2026-06-02、2026-06-03等4日检查发现安全管理机构不健全（4项），符合条件（1）',
    );
  });

  it('a condition that is not met says what was looked for and where', () => {
    const evaluation = evaluate({});
    expect(condition(evaluation, 'C1').explanation).toBe(
      '近90日内（2026-04-02至2026-06-30）未发现安全管理机构不健全、安全生产责任制落实不到位或未认真履行隐患排查治理制度的问题，不符合条件（1）',
    );
    expect(condition(evaluation, 'C2').explanation).toBe(
      '近90日内（2026-04-02至2026-06-30）未发现项目管理制度不健全或对工程项目各项工作疏于管理的问题，不符合条件（2）',
    );
  });
});

describe('C3: management system, or key persons absent', () => {
  it.each([
    ['project manager absent once', [['pm']], false, []],
    ['project manager absent twice', [['pm'], ['pm']], true, ['i1', 'i2']],
    ['chief supervising engineer absent twice', [['chief'], [], ['chief']], true, ['i1', 'i3']],
    ['each absent once (counted per person)', [['pm'], ['chief']], false, []],
    [
      'both absent at the same two inspections',
      [
        ['pm', 'chief'],
        ['pm', 'chief'],
      ],
      true,
      ['i1', 'i2'],
    ],
    [
      'project manager absent twice, chief once (only the person at threshold is evidence)',
      [['pm'], ['pm', 'chief'], []],
      true,
      ['i1', 'i2'],
    ],
  ] as const)('%s → met: %s', (_case, absences, met, evidence) => {
    const inspections = absences.map((absent, i) => inspection(`i${i + 1}`, `2026-06-0${i + 1}`, [...absent]));
    const result = condition(evaluate({ inspections }), 'C3');
    expect(result.met).toBe(met);
    expect(result.evidence).toEqual(evidence);
  });

  it('names the person, the dates and the count', () => {
    const inspections = [inspection('i1', '2026-06-01', ['pm']), inspection('i2', '2026-06-15', ['pm'])];
    expect(condition(evaluate({ inspections }), 'C3').explanation).toBe(
      '项目经理在2026-06-01、2026-06-15共2次检查中未到岗（达到2次），符合条件（3）',
    );
    const chief = [inspection('i1', '2026-06-01', ['chief']), inspection('i2', '2026-06-15', ['chief'])];
    expect(condition(evaluate({ inspections: chief }), 'C3').explanation).toContain('总监理工程师在');
  });

  it('says the counts when not met', () => {
    const inspections = [inspection('i1', '2026-06-01', ['pm'])];
    expect(condition(evaluate({ inspections }), 'C3').explanation).toBe(
      '近90日内（2026-04-02至2026-06-30）未发现项目部管理体系不健全或施工现场管理混乱的问题，项目经理未到岗1次、总监理工程师未到岗0次（未达2次），不符合条件（3）',
    );
  });

  it.each([
    ['both inside, on the edges', FIRST_DAY, AS_OF, true],
    ['one the day before the window', DAY_BEFORE, AS_OF, false],
    ['one after asOf', FIRST_DAY, DAY_AFTER, false],
  ])('absences %s (%s, %s) → met: %s', (_case, first, second, met) => {
    const inspections = [inspection('i1', first, ['pm']), inspection('i2', second, ['pm'])];
    expect(condition(evaluate({ inspections }), 'C3').met).toBe(met);
  });

  it('the absence threshold is configurable', () => {
    const inspections = [inspection('i1', '2026-06-01', ['pm']), inspection('i2', '2026-06-15', ['pm'])];
    expect(condition(evaluate({ inspections }, { thresholds: { keyPersonAbsenceCount: 3 } }), 'C3').met).toBe(false);
    expect(
      condition(evaluate({ inspections: [inspections[0]!] }, { thresholds: { keyPersonAbsenceCount: 1 } }), 'C3').met,
    ).toBe(true);
  });

  it('combines findings and absences in one line', () => {
    const result = condition(
      evaluate({
        findings: [managementFinding('f1', 'site_disorder', '2026-06-10')],
        inspections: [inspection('i1', '2026-06-01', ['chief']), inspection('i2', '2026-06-10', ['chief'])],
      }),
      'C3',
    );
    expect(result.evidence).toEqual(['f1', 'i1', 'i2']);
    expect(result.explanation).toBe(
      '2026-06-10检查发现施工现场管理混乱（1项）；总监理工程师在2026-06-01、2026-06-10共2次检查中未到岗（达到2次），符合条件（3）',
    );
  });
});

describe('hazardStatusOn and isOverdue', () => {
  const rectified = finding('h1', {
    foundOn: '2026-06-01',
    deadline: '2026-06-10',
    history: [
      { on: '2026-06-05', status: 'submitted' },
      { on: '2026-06-08', status: 'rejected' },
      { on: '2026-06-12', status: 'submitted' },
      { on: '2026-06-15', status: 'accepted' },
    ],
  });

  it.each([
    ['2026-06-01', 'open', false],
    ['2026-06-05', 'submitted', false],
    ['2026-06-09', 'rejected', false],
    ['2026-06-10', 'rejected', false],
    ['2026-06-11', 'rejected', true],
    ['2026-06-14', 'submitted', true],
    ['2026-06-15', 'accepted', false],
    ['2026-12-31', 'accepted', false],
  ] as const)('on %s: %s, overdue %s', (date, status, overdue) => {
    expect(hazardStatusOn(rectified, date)).toBe(status);
    expect(isOverdue(rectified, date)).toBe(overdue);
  });

  it('the last change of a day wins, and history out of order is read in date order', () => {
    const sameDay = finding('h2', {
      history: [
        { on: '2026-06-05', status: 'submitted' },
        { on: '2026-06-05', status: 'accepted' },
      ],
    });
    expect(hazardStatusOn(sameDay, '2026-06-05')).toBe('accepted');
    const unordered = finding('h3', {
      history: [
        { on: '2026-06-09', status: 'accepted' },
        { on: '2026-06-03', status: 'submitted' },
      ],
    });
    expect(hazardStatusOn(unordered, '2026-06-04')).toBe('submitted');
    expect(hazardStatusOn(unordered, '2026-06-09')).toBe('accepted');
  });

  it('a refused finding is overdue once its deadline has passed', () => {
    const refused = finding('h4', { deadline: '2026-06-10', history: [{ on: '2026-06-05', status: 'refused' }] });
    expect(isOverdue(refused, '2026-06-10')).toBe(false);
    expect(isOverdue(refused, '2026-06-11')).toBe(true);
  });
});

describe('C4: refused, or poorly rectified while hazards recur', () => {
  const refusedOn = (on: string, extra: FindingFact['history'] = []) =>
    finding('r1', { foundOn: '2026-03-01', deadline: '2026-12-31', history: [{ on, status: 'refused' }, ...extra] });

  it.each([
    ['refused inside the window', refusedOn('2026-06-10'), true],
    ['refused on the first day of the window', refusedOn(FIRST_DAY), true],
    ['refused on asOf', refusedOn(AS_OF), true],
    ['refused the day before the window', refusedOn(DAY_BEFORE), false],
    ['refused after asOf', refusedOn(DAY_AFTER), false],
    [
      'refused, then rectified and accepted',
      refusedOn('2026-06-10', [{ on: '2026-06-20', status: 'accepted' }]),
      false,
    ],
    [
      'refused, then accepted after asOf (still refused as of asOf)',
      refusedOn('2026-06-10', [{ on: DAY_AFTER, status: 'accepted' }]),
      true,
    ],
  ])('%s → met: %s', (_case, refused, met) => {
    const result = condition(evaluate({ findings: [refused] }), 'C4');
    expect(result.met).toBe(met);
    expect(result.evidence).toEqual(met ? ['r1'] : []);
  });

  it('explains a refusal', () => {
    expect(condition(evaluate({ findings: [refusedOn('2026-06-10')] }), 'C4').explanation).toBe(
      '2026-06-10有1项隐患拒不整改，符合条件（4）',
    );
  });

  const rejected = finding('x1', {
    category: 'electrical',
    foundOn: '2026-05-01',
    deadline: '2026-12-31',
    history: [
      { on: '2026-06-05', status: 'submitted' },
      { on: '2026-06-08', status: 'rejected' },
    ],
  });
  const overdue = finding('x1', { category: 'electrical', foundOn: '2026-05-01', deadline: '2026-06-29' });
  const notYetDue = finding('x1', { category: 'electrical', foundOn: '2026-05-01', deadline: AS_OF });

  it.each([
    ['rejected + 3 hazards of one category', [rejected, ...hazards('s', 3, 'scaffolding')], true],
    ['rejected + 2 hazards of one category', [rejected, ...hazards('s', 2, 'scaffolding')], false],
    [
      'rejected + mixed categories 2 + 2',
      [rejected, ...hazards('s', 2, 'scaffolding'), ...hazards('l', 2, 'lifting')],
      false,
    ],
    ['rejected + 2 more of its own category (3 electrical)', [rejected, ...hazards('e', 2, 'electrical')], true],
    ['overdue (deadline the day before asOf) + 3 recurring', [overdue, ...hazards('s', 3, 'scaffolding')], true],
    ['not yet due (deadline = asOf) + 3 recurring', [notYetDue, ...hazards('s', 3, 'scaffolding')], false],
    ['3 recurring hazards but nothing poorly rectified', hazards('s', 3, 'scaffolding'), false],
    [
      'rejected, recurring hazards partly before the window',
      [rejected, ...hazards('s', 2, 'scaffolding'), finding('s0', { foundOn: DAY_BEFORE })],
      false,
    ],
    [
      'rejected, recurring hazards on the window edges',
      [rejected, finding('s1', { foundOn: FIRST_DAY }), finding('s2', { foundOn: AS_OF }), finding('s3')],
      true,
    ],
    [
      'rejected, one recurring hazard after asOf',
      [rejected, ...hazards('s', 2, 'scaffolding'), finding('s3', { foundOn: DAY_AFTER })],
      false,
    ],
    [
      'management findings do not count as recurring hazards',
      [rejected, ...['m1', 'm2', 'm3'].map((id) => managementFinding(id, 'site_disorder', '2026-06-01'))],
      false,
    ],
  ])('%s → met: %s', (_case, findings, met) => {
    expect(condition(evaluate({ findings }), 'C4').met).toBe(met);
  });

  it.each([
    ['rejected before the window', '2026-03-20', false],
    ['rejected on the first day of the window', FIRST_DAY, true],
    ['rejected after asOf', DAY_AFTER, false],
  ])('a rejection %s (%s) → met: %s', (_case, on, met) => {
    const late = finding('x1', {
      foundOn: '2026-03-01',
      deadline: '2026-12-31',
      history: [{ on, status: 'rejected' }],
    });
    expect(condition(evaluate({ findings: [late, ...hazards('s', 3, 'scaffolding')] }), 'C4').met).toBe(met);
  });

  it.each([
    ['overdue and accepted before the window', '2026-03-20', false],
    ['overdue until accepted inside the window', '2026-04-05', true],
    ['accepted on the last day before its deadline passed', '2026-03-01', false],
  ])('%s (accepted %s) → met: %s', (_case, acceptedOn, met) => {
    const late = finding('x1', {
      foundOn: '2026-02-20',
      deadline: '2026-03-01',
      history: [{ on: acceptedOn, status: 'accepted' }],
    });
    expect(condition(evaluate({ findings: [late, ...hazards('s', 3, 'scaffolding')] }), 'C4').met).toBe(met);
  });

  it('evidence is the poorly rectified findings and the recurring hazards; the line names both', () => {
    const result = condition(
      evaluate({ findings: [rejected, ...hazards('s', 3, 'scaffolding'), ...hazards('l', 2, 'lifting')] }),
      'C4',
    );
    expect(result.evidence).toEqual(['s1', 's2', 's3', 'x1']);
    expect(result.explanation).toBe(
      '1项隐患复查验收未通过（2026-06-08），且脚手架隐患3项反复出现（达到3项），符合条件（4）',
    );
  });

  it('says why it is not met when hazards are poorly rectified but do not recur enough', () => {
    const result = condition(evaluate({ findings: [overdue, ...hazards('s', 2, 'scaffolding')] }), 'C4');
    expect(result.explanation).toBe(
      '近90日内（2026-04-02至2026-06-30）未发现拒不整改的隐患；1项隐患逾期未整改，但同类隐患最多2项（未达3项），不符合条件（4）',
    );
  });

  it('says why it is not met when hazards recur but are rectified properly', () => {
    expect(condition(evaluate({ findings: hazards('s', 3, 'scaffolding') }), 'C4').explanation).toBe(
      '近90日内（2026-04-02至2026-06-30）未发现拒不整改的隐患；脚手架隐患3项，但无逾期未整改或复查验收未通过的隐患，不符合条件（4）',
    );
  });

  it('the recurrence threshold is configurable', () => {
    const findings = [rejected, ...hazards('s', 2, 'scaffolding')];
    expect(condition(evaluate({ findings }, { thresholds: { recurrenceCount: 2 } }), 'C4').met).toBe(true);
  });

  it('refusal and recurrence together give all the evidence', () => {
    const result = condition(
      evaluate({ findings: [refusedOn('2026-06-10'), rejected, ...hazards('s', 3, 'scaffolding')] }),
      'C4',
    );
    expect(result.evidence).toEqual(['r1', 's1', 's2', 's3', 'x1']);
    expect(result.explanation.split('；')).toHaveLength(2);
  });
});

describe('C5: criticisms in the window', () => {
  it.each([
    ['on the first day of the window', FIRST_DAY, true],
    ['the day before the window', DAY_BEFORE, false],
    ['on asOf', AS_OF, true],
    ['after asOf', DAY_AFTER, false],
  ])('a criticism %s (%s) → met: %s', (_case, date, met) => {
    expect(condition(evaluate({ criticisms: [criticism('c1', date)] }), 'C5').met).toBe(met);
  });

  it.each([
    ['city_government', '市人民政府'],
    ['district_government', '区人民政府'],
    ['authority', '行业主管部门'],
  ] as const)('any issuer counts: %s', (issuer, name) => {
    const result = condition(evaluate({ criticisms: [criticism('c1', '2026-06-10', issuer)] }), 'C5');
    expect(result).toEqual({
      id: 'C5',
      met: true,
      evidence: ['c1'],
      explanation: `2026-06-10被${name}通报批评（通政发〔2026〕1号），符合条件（5）`,
    });
  });
});

describe('C6: fatal incidents', () => {
  it.each([
    ['no fatalities', incident('a1', '2026-06-10', 0), false],
    ['one fatality', incident('a1', '2026-06-10', 1), true],
    ['long before the look-back window (no window for C6)', incident('a1', '2019-05-01', 2), true],
    ['after asOf', incident('a1', DAY_AFTER, 1), false],
  ])('%s → met: %s', (_case, recorded, met) => {
    expect(condition(evaluate({ incidents: [recorded] }), 'C6').met).toBe(met);
  });

  it('explains with the date and the number of deaths', () => {
    const evaluation = evaluate({ incidents: [incident('a2', '2026-05-03', 2), incident('a1', '2026-05-01', 0)] });
    expect(condition(evaluation, 'C6')).toEqual({
      id: 'C6',
      met: true,
      evidence: ['a2'],
      explanation: '2026-05-03发生亡人事故（死亡2人），符合条件（6）',
    });
    expect(condition(evaluate({}), 'C6').explanation).toBe('截至2026-06-30未发生施工过程中的亡人事故，不符合条件（6）');
  });
});

describe('an explicit window (a monthly cycle: evidence dated inside the cycle)', () => {
  const cycle = { from: '2026-06-01', to: '2026-06-30' };
  const asOf = '2026-07-01';

  it('replaces the look-back window', () => {
    const evaluation = evaluate({}, { asOf, window: cycle });
    expect(evaluation.window).toEqual(cycle);
    expect(condition(evaluation, 'C5').explanation).toBe(
      '2026-06-01至2026-06-30期间未被市、区人民政府或行业主管部门通报批评，不符合条件（5）',
    );
  });

  it.each([
    ['the day before the cycle', '2026-05-31', false],
    ['the first day of the cycle', '2026-06-01', true],
    ['the last day of the cycle', '2026-06-30', true],
    ['after the cycle but before asOf', '2026-07-01', false],
  ])('evidence dated %s (%s) → met: %s', (_case, date, met) => {
    const evaluation = evaluate(
      {
        findings: [managementFinding('f1', 'safety_org_incomplete', date)],
        criticisms: [criticism('c1', date)],
        incidents: [incident('a1', date, 1)],
      },
      { asOf, window: cycle },
    );
    expect(metIds(evaluation)).toEqual(met ? ['C1', 'C5', 'C6'] : []);
  });

  it('C6 counts only incidents inside the window, and says so', () => {
    const evaluation = evaluate({ incidents: [incident('a1', '2019-05-01', 1)] }, { asOf, window: cycle });
    expect(condition(evaluation, 'C6')).toMatchObject({
      met: false,
      explanation: '2026-06-01至2026-06-30期间未发生施工过程中的亡人事故，不符合条件（6）',
    });
  });

  it('still ignores records after asOf when the window reaches beyond it', () => {
    const evaluation = evaluate(
      { findings: [managementFinding('f1', 'safety_org_incomplete', '2026-06-20')] },
      { asOf: '2026-06-15', window: cycle },
    );
    expect(condition(evaluation, 'C1').met).toBe(false);
  });

  it('a refusal before the cycle that still stands is not evidence of the cycle', () => {
    const refused = finding('r1', {
      foundOn: '2026-05-01',
      deadline: '2026-12-31',
      history: [{ on: '2026-05-20', status: 'refused' }],
    });
    expect(condition(evaluate({ findings: [refused] }, { asOf, window: cycle }), 'C4').met).toBe(false);
  });
});
