import { describe, expect, it } from 'vitest';
import {
  assessedTiersOf,
  periodsOnLink,
  requirePeriodStarted,
  requireUnitTier,
} from '../../../shared/domain/assessment/tiers.js';
import { InvalidInputError, RuleViolationError } from '../../../shared/domain/errors.js';

describe('who assesses what (SPEC §6.2)', () => {
  it('gives the general contractor both unit tiers, the developer and supervisor re-assessments, a subcontractor none', () => {
    expect(assessedTiersOf('general_contractor')).toEqual(['self', 'enterprise']);
    expect(assessedTiersOf('developer')).toEqual(['enterprise']);
    expect(assessedTiersOf('supervisor')).toEqual(['enterprise']);
    expect(assessedTiersOf('subcontractor')).toEqual([]);
  });

  it('refuses a tier the unit does not submit, and the government tier through any link', () => {
    expect(() => requireUnitTier('developer', 'self')).toThrow(RuleViolationError);
    expect(() => requireUnitTier('general_contractor', 'government')).toThrow(RuleViolationError);
    expect(() => requireUnitTier('general_contractor', 'self')).not.toThrow();
  });

  it('shows this and the last period on a link, across the turn of the year', () => {
    expect(periodsOnLink('self', '2026-10-20')).toEqual(['2026-10', '2026-09']);
    expect(periodsOnLink('self', '2027-01-05')).toEqual(['2027-01', '2026-12']);
    expect(periodsOnLink('enterprise', '2027-01-05')).toEqual(['2027Q1', '2026Q4']);
  });

  it('refuses a period that has not begun, and one of the wrong kind', () => {
    expect(() => requirePeriodStarted('self', '2026-11', '2026-10-31')).toThrow(InvalidInputError);
    expect(() => requirePeriodStarted('self', '2026-11', '2026-11-01')).not.toThrow();
    expect(() => requirePeriodStarted('enterprise', '2027Q1', '2026-12-31')).toThrow(InvalidInputError);
    expect(() => requirePeriodStarted('enterprise', '2026-10', '2026-12-31')).toThrow(InvalidInputError);
  });
});
