import { describe, expect, it } from 'vitest';
import {
  assessmentThresholdsSchema,
  resolveAssessmentThresholds,
} from '../../../shared/domain/assessment/threshold-overrides.js';
import { DEFAULT_ASSESSMENT_THRESHOLDS } from '../../../shared/domain/assessment/thresholds.js';
import { InvalidInputError } from '../../../shared/domain/errors.js';

describe('assessment thresholds (SPEC §6 defaults)', () => {
  it('has the SPEC’s numbers, frozen, and passes its own schema', () => {
    expect(DEFAULT_ASSESSMENT_THRESHOLDS.tierWeights).toEqual({ government: 0.6, enterprise: 0.2, self: 0.2 });
    expect(DEFAULT_ASSESSMENT_THRESHOLDS.penalty.levels).toEqual([8, 16, 24, 30]);
    expect(DEFAULT_ASSESSMENT_THRESHOLDS.ranking.bottomShare).toBe(0.05);
    expect(Object.isFrozen(DEFAULT_ASSESSMENT_THRESHOLDS.penalty.levels)).toBe(true);
    expect(assessmentThresholdsSchema.safeParse(DEFAULT_ASSESSMENT_THRESHOLDS).success).toBe(true);
  });

  it('overrides a group in part and keeps the rest', () => {
    const t = resolveAssessmentThresholds({ falsification: { marginPoints: 10 } });
    expect(t.falsification).toEqual({ marginPoints: 10, statementWorkingDays: 5 });
    expect(t.tierWeights).toEqual(DEFAULT_ASSESSMENT_THRESHOLDS.tierWeights);
  });

  it.each([
    ['levels that do not increase', { penalty: { levels: [8, 8, 24] } }, 'thresholds.penalty.levels'],
    ['no tier weighted', { tierWeights: { government: 0, enterprise: 0, self: 0 } }, 'thresholds.tierWeights'],
    ['a share above 1', { ranking: { bottomShare: 1.5 } }, 'thresholds.ranking.bottomShare'],
    [
      'negative points',
      { penalty: { lateSelf: { enterprise: -1, person: 1 } } },
      'thresholds.penalty.lateSelf.enterprise',
    ],
  ])('refuses %s, naming the field', (_, overrides, field) => {
    let error: unknown;
    try {
      resolveAssessmentThresholds(overrides as never);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).fields.map((f) => f.field)).toContain(field);
  });
});
