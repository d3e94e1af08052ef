import { describe, expect, it } from 'vitest';
import { DEFAULT_ASSESSMENT_THRESHOLDS } from '../../../shared/domain/assessment/thresholds.js';
import { InvalidInputError, RuleViolationError } from '../../../shared/domain/errors.js';
import {
  assessmentThresholdsOf,
  DEFAULT_RULE_SET,
  nextRuleSetVersion,
  type RuleSetVersion,
  resolveRuleSetThresholds,
  ruleSetHistory,
  ruleSetInForce,
  ruleSetStanding,
} from '../../../shared/domain/rule-set.js';

function version(n: number, effectiveFrom: string, changes: Partial<RuleSetVersion['thresholds']> = {}) {
  return {
    ...DEFAULT_RULE_SET,
    id: `v${n}`,
    version: n,
    effectiveFrom,
    thresholds: { ...DEFAULT_RULE_SET.thresholds, ...changes },
    reason: `版本${n}`,
  } satisfies RuleSetVersion;
}

function refusal(run: () => unknown): { error: unknown; fields: string[] } {
  try {
    run();
  } catch (error) {
    return { error, fields: (error as { fields?: Array<{ field: string }> }).fields?.map((f) => f.field) ?? [] };
  }
  throw new Error('expected a refusal');
}

describe('version 1: the defaults of SPEC §2.1–§2.5, in force from the beginning', () => {
  it('holds every threshold the SPEC names, at its default', () => {
    expect(DEFAULT_RULE_SET).toMatchObject({ id: 'v1', version: 1, effectiveFrom: null });
    expect(DEFAULT_RULE_SET.thresholds).toEqual({
      lookbackDays: 90,
      keyPersonAbsenceCount: 2,
      recurrenceCount: 3,
      releaseCompliance: 0.9,
      receiptWorkingDays: 5,
      statementWorkingDays: 5,
      rectificationPlanWorkingDays: 5,
      groupReportWorkingDays: 10,
      publicationMonthsMin: 6,
      publicationMonthsMax: 36,
      publicationMonthsDefault: 12,
      // SPEC §6.2–6.5
      tierWeightGovernment: 0.6,
      tierWeightEnterprise: 0.2,
      tierWeightSelf: 0.2,
      falsificationMarginPoints: 15,
      falsificationStatementWorkingDays: 5,
      enterpriseAssessmentWorkingDays: 5,
      penaltyWindowMonths: 12,
      penaltyWarningPoints: 8,
      penaltyTenderingPoints: 16,
      penaltyReviewPoints: 24,
      penaltyDowngradePoints: 30,
      pointsLateSelfEnterprise: 1,
      pointsLateSelfPerson: 1,
      pointsLateEnterprise: 1,
      pointsMissingEnterprise: 2,
      pointsMissingPerson: 2,
      pointsFalsificationEnterprise: 3,
      pointsFalsificationPerson: 3,
      pointsRectificationOrder: 1,
      pointsSmallFine: 2,
      pointsLargeFine: 3,
      largeFineFromYuan: 10_000,
      rankPointsFull: 10,
      rankPointsRanksPerStep: 50,
      rankPointsStep: 0.5,
      rankPointsFloor: 0.5,
      rankingBottomShare: 0.05,
      rankingBottomMinimumRanked: 10,
      enterpriseSupervisedProjects: 2,
      enterprisePointsInWindow: 16,
      enterpriseAgencyInspectionsPerMonth: 2,
      enterpriseSelfInspectionsPerQuarter: 2,
      governmentAssessmentsPerQuarter: 1,
    });
  });

  it("gives §6's rules exactly the defaults they were written with", () => {
    expect(assessmentThresholdsOf(DEFAULT_RULE_SET.thresholds)).toEqual(DEFAULT_ASSESSMENT_THRESHOLDS);
  });

  it('fills a threshold a stored version predates with its default (the value used while it was in force)', () => {
    const { tierWeightGovernment: _dropped, ...older } = DEFAULT_RULE_SET.thresholds;
    const stored = { ...version(2, '2026-01-01', { lookbackDays: 60 }), thresholds: { ...older, lookbackDays: 60 } };
    const [, filled] = ruleSetHistory([stored as unknown as RuleSetVersion]);
    expect(filled?.thresholds).toMatchObject({ lookbackDays: 60, tierWeightGovernment: 0.6 });
  });

  it('is the history when nothing is stored, and heads it otherwise', () => {
    expect(ruleSetHistory([])).toEqual([DEFAULT_RULE_SET]);
    expect(ruleSetHistory([version(3, '2027-03-01'), version(2, '2027-01-01')]).map((v) => v.id)).toEqual([
      'v1',
      'v2',
      'v3',
    ]);
    expect(ruleSetInForce([], '1990-01-01')).toBe(DEFAULT_RULE_SET);
  });
});

describe('the version in force on a day', () => {
  const v2 = version(2, '2027-01-01', { lookbackDays: 60 });
  it('is the last version made whose first day is on or before it', () => {
    const versions = ruleSetHistory([v2]);
    expect(ruleSetInForce(versions, '2026-12-31').id).toBe('v1');
    expect(ruleSetInForce(versions, '2027-01-01').id).toBe('v2');
    expect(ruleSetInForce(versions, '2030-06-30').id).toBe('v2');
  });

  it('a version made later for an earlier day takes over from that day; the earlier plan never comes in', () => {
    const v3 = version(3, '2026-10-01', { lookbackDays: 45 });
    const versions = ruleSetHistory([v2, v3]);
    expect(ruleSetInForce(versions, '2026-09-30').id).toBe('v1');
    expect(ruleSetInForce(versions, '2026-10-01').id).toBe('v3');
    expect(ruleSetInForce(versions, '2027-06-01').id).toBe('v3');
    expect(ruleSetStanding(versions, v2, '2026-09-01')).toEqual({ status: 'replaced', effectiveUntil: null });
  });

  it('says where each version stands, and until when', () => {
    const v3 = version(3, '2027-06-01');
    const versions = ruleSetHistory([v2, v3]);
    expect(ruleSetStanding(versions, DEFAULT_RULE_SET, '2026-09-01')).toEqual({
      status: 'in_force',
      effectiveUntil: '2026-12-31',
    });
    expect(ruleSetStanding(versions, v2, '2026-09-01')).toEqual({ status: 'scheduled', effectiveUntil: '2027-05-31' });
    expect(ruleSetStanding(versions, DEFAULT_RULE_SET, '2027-02-01').status).toBe('superseded');
    expect(ruleSetStanding(versions, v2, '2027-02-01').status).toBe('in_force');
    expect(ruleSetStanding(versions, v3, '2027-06-01')).toEqual({ status: 'in_force', effectiveUntil: null });
  });
});

describe('adding a version (POST /v1/rule-sets)', () => {
  const today = '2026-09-10';

  it('is never retroactive: the first day must be after today (422 naming effectiveFrom)', () => {
    for (const effectiveFrom of [today, '2026-09-09', '2020-01-01']) {
      const { error, fields } = refusal(() =>
        nextRuleSetVersion([DEFAULT_RULE_SET], { effectiveFrom, thresholds: {}, reason: '调整' }, today),
      );
      expect(error).toBeInstanceOf(RuleViolationError);
      expect(fields).toEqual(['effectiveFrom']);
      expect((error as RuleViolationError).text).toMatchObject({ zh: expect.stringContaining('不能溯及既往') });
    }
  });

  it('takes the next number; thresholds not named are those otherwise in force on its first day', () => {
    const v2 = version(2, '2027-01-01', { lookbackDays: 60, releaseCompliance: 0.95 });
    const history = ruleSetHistory([v2]);
    const beforeV2 = nextRuleSetVersion(
      history,
      { effectiveFrom: '2026-11-01', thresholds: { recurrenceCount: 4 }, reason: '同类隐患' },
      today,
    );
    expect(beforeV2).toMatchObject({ id: 'v3', version: 3, effectiveFrom: '2026-11-01', reason: '同类隐患' });
    expect(beforeV2.thresholds).toEqual({ ...DEFAULT_RULE_SET.thresholds, recurrenceCount: 4 });
    const afterV2 = nextRuleSetVersion(
      history,
      { effectiveFrom: '2027-02-01', thresholds: { recurrenceCount: 4 }, reason: '同类隐患' },
      today,
    );
    expect(afterV2.thresholds).toEqual({ ...v2.thresholds, recurrenceCount: 4 });
  });

  it.each([
    ['lookbackDays', 0],
    ['lookbackDays', 1.5],
    ['recurrenceCount', 1],
    ['releaseCompliance', 0],
    ['releaseCompliance', 1.2],
    ['receiptWorkingDays', 31],
    ['publicationMonthsMax', 48],
    ['publicationMonthsMin', 3],
  ] as const)('refuses %s = %s, naming it', (name, value) => {
    const { error, fields } = refusal(() => resolveRuleSetThresholds(DEFAULT_RULE_SET.thresholds, { [name]: value }));
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(fields).toEqual([name]);
  });

  it('refuses publication bounds that contradict each other, naming the field changed', () => {
    const { error, fields } = refusal(() =>
      resolveRuleSetThresholds(DEFAULT_RULE_SET.thresholds, { publicationMonthsMin: 24 }),
    );
    expect(error).toBeInstanceOf(RuleViolationError);
    expect(fields).toEqual(['publicationMonthsMin']);
    expect(
      resolveRuleSetThresholds(DEFAULT_RULE_SET.thresholds, { publicationMonthsMin: 12, publicationMonthsDefault: 24 }),
    ).toMatchObject({ publicationMonthsMin: 12, publicationMonthsDefault: 24, publicationMonthsMax: 36 });
  });
});

describe('§6\'s numbers in a version (SPEC §2.1 "and those of §6")', () => {
  it('a version changes them, and the pure rules receive the change in their own shape', () => {
    const next = nextRuleSetVersion(
      [DEFAULT_RULE_SET],
      {
        effectiveFrom: '2027-01-01',
        thresholds: { rankingBottomShare: 0.1, penaltyTenderingPoints: 18, tierWeightSelf: 0 },
        reason: '试点调整',
      },
      '2026-12-01',
    );
    const rules = assessmentThresholdsOf(next.thresholds);
    expect(rules.ranking.bottomShare).toBe(0.1);
    expect(rules.penalty.levels).toEqual([8, 18, 24, 30]);
    expect(rules.tierWeights).toEqual({ government: 0.6, enterprise: 0.2, self: 0 });
  });

  it('refuses penalty levels that do not rise, naming the field changed', () => {
    const refused = refusal(() => resolveRuleSetThresholds(DEFAULT_RULE_SET.thresholds, { penaltyReviewPoints: 16 }));
    expect(refused.error).toBeInstanceOf(RuleViolationError);
    expect(refused.fields).toEqual(['penaltyReviewPoints']);
  });

  it('refuses three zero tier weights, and a rank-points floor above full marks', () => {
    const zero = refusal(() =>
      resolveRuleSetThresholds(DEFAULT_RULE_SET.thresholds, {
        tierWeightGovernment: 0,
        tierWeightEnterprise: 0,
        tierWeightSelf: 0,
      }),
    );
    expect(zero.fields).toEqual(['tierWeightGovernment']);
    const floor = refusal(() => resolveRuleSetThresholds(DEFAULT_RULE_SET.thresholds, { rankPointsFloor: 11 }));
    expect(floor.fields).toEqual(['rankPointsFloor']);
  });

  it('refuses a share out of its bounds like any threshold', () => {
    const refused = refusal(() => resolveRuleSetThresholds(DEFAULT_RULE_SET.thresholds, { rankingBottomShare: 0.9 }));
    expect(refused.error).toBeInstanceOf(InvalidInputError);
    expect(refused.fields).toEqual(['rankingBottomShare']);
  });
});
