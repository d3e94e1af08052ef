import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assertFalsificationDecidable,
  falsificationGrounds,
  suspicion,
} from '../../../shared/domain/assessment/falsification.js';
import { JGJ59_2011 } from '../../../shared/domain/assessment/jgj59-2011.js';
import {
  type AssessmentInForce,
  fatalIncidentInQuarter,
  quarterGrade,
  quarterScore,
} from '../../../shared/domain/assessment/quarter.js';
import type { AssessmentInput } from '../../../shared/domain/assessment/scoring.js';
import { resolveAssessmentThresholds } from '../../../shared/domain/assessment/threshold-overrides.js';
import { DEFAULT_ASSESSMENT_THRESHOLDS as T } from '../../../shared/domain/assessment/thresholds.js';
import { ConflictError, InvalidInputError } from '../../../shared/domain/errors.js';

const bands = JGJ59_2011.scoring;
const self = (period: string, score: number): AssessmentInForce => ({ tier: 'self', period, score, grade: 'pass' });
const enterprise = (score: number): AssessmentInForce => ({
  tier: 'enterprise',
  period: '2026Q4',
  score,
  grade: 'pass',
});
const government = (score: number, grade: AssessmentInForce['grade'] = 'pass'): AssessmentInForce => ({
  tier: 'government',
  period: '2026Q4',
  score,
  grade,
});

describe('quarter score (SPEC §6.2: government 0.6, enterprise 0.2, self 0.2)', () => {
  it('weights the tier means: 0.6 × 72 + 0.2 × 81 + 0.2 × 88 = 43.2 + 16.2 + 17.6 = 77.0', () => {
    // self: (86 + 88 + 90) ÷ 3 = 88; enterprise: (80 + 82) ÷ 2 = 81; government 72
    const result = quarterScore(
      '2026Q4',
      [self('2026-10', 86), self('2026-11', 88), self('2026-12', 90), enterprise(80), enterprise(82), government(72)],
      T,
    );
    expect(result.score).toBe(77);
    expect(result.tiers.map((t) => [t.tier, t.count, t.mean, t.share])).toEqual([
      ['self', 3, 88, 0.2],
      ['enterprise', 2, 81, 0.2],
      ['government', 1, 72, 0.6],
    ]);
  });

  it('drops an absent tier and renormalises: no government → (0.2 × 88 + 0.2 × 81) ÷ 0.4 = 84.5', () => {
    const result = quarterScore('2026Q4', [self('2026-10', 88), enterprise(81)], T);
    expect(result.score).toBe(84.5);
    expect(result.tiers.find((t) => t.tier === 'government')).toMatchObject({ count: 0, mean: null, share: 0 });
    expect(result.tiers.find((t) => t.tier === 'self')?.share).toBe(0.5);
  });

  it('is the government’s alone when only the government assessed', () => {
    expect(quarterScore('2026Q4', [government(64.3)], T).score).toBe(64.3);
  });

  it('is null when nothing was assessed', () => {
    expect(quarterScore('2026Q4', [], T)).toMatchObject({ score: null });
  });

  it('averages several government assessments of the quarter', () => {
    // (70 + 75) ÷ 2 = 72.5; 0.6 × 72.5 + 0.2 × 90 = 43.5 + 18 → ÷ 0.8 = 76.875 → 76.9
    expect(quarterScore('2026Q4', [government(70), government(75), enterprise(90)], T).score).toBe(76.9);
  });

  it('refuses an assessment of another quarter', () => {
    expect(() => quarterScore('2026Q4', [self('2026-09', 80)], T)).toThrow(InvalidInputError);
  });

  it('takes its weights from the thresholds', () => {
    const even = resolveAssessmentThresholds({ tierWeights: { government: 1, enterprise: 1, self: 1 } });
    expect(quarterScore('2026Q4', [self('2026-10', 90), enterprise(60), government(75)], even).score).toBe(75);
  });

  it('lies between the lowest and highest tier mean, whatever is present (fast-check)', () => {
    const score = fc.integer({ min: 0, max: 1000 }).map((x) => x / 10);
    fc.assert(
      fc.property(
        fc.array(score, { maxLength: 3 }),
        fc.array(score, { maxLength: 3 }),
        fc.array(score, { maxLength: 2 }),
        (s, e, g) => {
          const months = ['2026-10', '2026-11', '2026-12'];
          const result = quarterScore(
            '2026Q4',
            [...s.map((x, i) => self(months[i]!, x)), ...e.map(enterprise), ...g.map((x) => government(x))],
            T,
          );
          const means = result.tiers.filter((t) => t.mean !== null).map((t) => t.mean!);
          if (means.length === 0) {
            expect(result.score).toBeNull();
          } else {
            expect(result.score!).toBeGreaterThanOrEqual(Math.min(...means) - 0.05);
            expect(result.score!).toBeLessThanOrEqual(Math.max(...means) + 0.05);
          }
        },
      ),
    );
  });
});

describe('quarter grade', () => {
  it('is the grade of the quarter score', () => {
    expect(quarterGrade(80, [], bands)).toBe('excellent');
    expect(quarterGrade(79.9, ['pass'], bands)).toBe('pass');
    expect(quarterGrade(69.9, [], bands)).toBe('fail');
    expect(quarterGrade(null, [], bands)).toBeNull();
  });

  it('is 不合格 whenever a government assessment of the quarter graded 不合格, whatever the score', () => {
    expect(quarterGrade(91.2, ['excellent', 'fail'], bands)).toBe('fail');
  });
});

describe('fatal incidents', () => {
  it('counts a fatal incident dated inside the quarter only', () => {
    expect(fatalIncidentInQuarter([{ date: '2026-12-31', fatalities: 1 }], '2026Q4')).toBe(true);
    expect(fatalIncidentInQuarter([{ date: '2027-01-01', fatalities: 1 }], '2026Q4')).toBe(false);
    expect(fatalIncidentInQuarter([{ date: '2026-11-05', fatalities: 0 }], '2026Q4')).toBe(false);
  });
});

/** A full input of the default scheme with the given deductions (item id → points). */
function input(deductions: Record<string, number>, notApplicable: string[] = []): AssessmentInput {
  return {
    tables: JGJ59_2011.tables.map((t) => ({
      tableId: t.id,
      items: t.items.map((i) => ({
        itemId: i.id,
        deduction: deductions[i.id] ?? 0,
        notApplicable: notApplicable.includes(i.id),
      })),
    })),
  };
}

describe('falsification suspicion (SPEC §6.2)', () => {
  it('suspects a total more than 15 points above the government’s, and not one exactly 15 above', () => {
    const gov = { tier: 'government' as const, score: 70.1, input: input({}) };
    // 85.1 − 70.1 is 15.000000000000009 in binary: compared in tenths, it is exactly 15
    expect(falsificationGrounds(JGJ59_2011, { tier: 'self', score: 85.1, input: input({}) }, gov, T)).toEqual([]);
    const grounds = falsificationGrounds(JGJ59_2011, { tier: 'self', score: 85.2, input: input({}) }, gov, T);
    expect(grounds).toEqual([
      {
        kind: 'exceeds_government',
        by: 15.1,
        text: expect.objectContaining({ zh: expect.stringContaining('高出政府评估（70.1分）15.1分') }),
      },
    ]);
  });

  it('suspects full marks on a guaranteed item the government scored 0', () => {
    // government: 安全管理 安全技术交底 (B.1.3, 10) deducted 10; the enterprise deducted nothing there
    const gov = { tier: 'government' as const, score: 80, input: input({ 'B.1.3': 10 }) };
    const grounds = falsificationGrounds(
      JGJ59_2011,
      { tier: 'enterprise', score: 84, input: input({ 'B.2.1': 4 }) },
      gov,
      T,
    );
    expect(grounds).toEqual([
      expect.objectContaining({ kind: 'full_marks_where_government_zero', tableId: 'B.1', itemId: 'B.1.3' }),
    ]);
    expect(grounds[0]!.text.zh).toContain('安全技术交底');
  });

  it('does not suspect where the unit deducted something, or found the item not applicable, or it is general', () => {
    const gov = { tier: 'government' as const, score: 80, input: input({ 'B.1.3': 10, 'B.1.7': 10 }) };
    expect(falsificationGrounds(JGJ59_2011, { tier: 'self', score: 80, input: input({ 'B.1.3': 1 }) }, gov, T)).toEqual(
      [],
    );
    expect(falsificationGrounds(JGJ59_2011, { tier: 'self', score: 80, input: input({}, ['B.1.3']) }, gov, T)).toEqual(
      [],
    );
  });

  it('compares only self or enterprise with government', () => {
    const gov = { tier: 'government' as const, score: 80, input: input({}) };
    expect(() => falsificationGrounds(JGJ59_2011, gov, gov, T)).toThrow(InvalidInputError);
  });

  it('gives the unit 5 working days for its statement', () => {
    // suspected Thu 2026-09-24 evening: 09-25..27 and 10-01..07 are holidays, 09-28 (Mon), 09-29, 09-30, 10-08, 10-09
    expect(suspicion('2026-09-24T20:00:00+08:00', T)).toEqual({
      status: 'suspected',
      suspectedAt: '2026-09-24T20:00:00+08:00',
      statementDueAt: '2026-10-09T23:59:59+08:00',
    });
  });

  it('refuses a decision before the window closes unless the unit has made its statement (409)', () => {
    const pending = { status: 'suspected' as const, statementDueAt: '2026-10-09T23:59:59+08:00' };
    expect(() =>
      assertFalsificationDecidable({ ...pending, statementMadeAt: null, at: '2026-10-09T10:00:00+08:00' }),
    ).toThrow(ConflictError);
    expect(() =>
      assertFalsificationDecidable({
        ...pending,
        statementMadeAt: '2026-10-08T09:00:00+08:00',
        at: '2026-10-09T10:00:00+08:00',
      }),
    ).not.toThrow();
    expect(() =>
      assertFalsificationDecidable({ ...pending, statementMadeAt: null, at: '2026-10-10T00:00:00+08:00' }),
    ).not.toThrow();
    expect(() =>
      assertFalsificationDecidable({
        status: 'confirmed',
        statementDueAt: pending.statementDueAt,
        statementMadeAt: null,
        at: '2026-11-01T00:00:00+08:00',
      }),
    ).toThrow(/already/);
  });
});
