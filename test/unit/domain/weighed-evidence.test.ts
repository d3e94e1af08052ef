/**
 * SPEC §2.1 "Evidence is weighed once", the scenarios: a dismissed or released project and an old fatal accident;
 * new evidence after the decision; what happened to a weighed hazard after the decision; the records cited at
 * inclusion and the first cycle.
 */
import { describe, expect, it } from 'vitest';
import {
  type ConditionResult,
  evaluateConditions,
  type FindingFact,
  type ProjectFacts,
} from '../../../shared/domain/conditions.js';
import { DEFAULT_RULE_SET } from '../../../shared/domain/rule-set.js';
import type { ConditionId, HazardStatus } from '../../../shared/domain/vocabulary.js';
import {
  decideProposal,
  evidenceCited,
  evidenceStillMaturing,
  type Weighing,
  weighedEvidenceOf,
} from '../../../shared/domain/weighed-evidence.js';

const options = (asOf: string) => ({ asOf, ruleSet: DEFAULT_RULE_SET });

function facts(partial: Partial<ProjectFacts>): ProjectFacts {
  return { inspections: [], findings: [], incidents: [], criticisms: [], ...partial };
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
    deadline: '2026-12-31',
    history: [],
    ...fields,
  };
}

const change = (on: string, status: HazardStatus) => ({ on, status });
const met = (conditions: ConditionResult[]): ConditionId[] => conditions.filter((c) => c.met).map((c) => c.id);
const byId = (conditions: ConditionResult[], id: ConditionId) => conditions.find((c) => c.id === id) as ConditionResult;

const accident = { id: 'inc-1', date: '2026-05-10', fatalities: 1, injuries: 0 };
const dismissal: Weighing = { caseId: 'cas-1', decision: 'dismissal', on: '2026-05-12', evidence: ['inc-1'] };

describe('a dismissed project with an old fatal accident (C6 has no window)', () => {
  it('the accident still holds on the records, but proposes nothing again', () => {
    const decision = decideProposal(facts({ incidents: [accident] }), [dismissal], options('2026-06-20'));
    expect(met(decision.conditions.conditions)).toEqual(['C6']);
    expect(met(decision.unweighed.conditions)).toEqual([]);
    expect(decision.propose).toBe(false);
    expect(decision.weighedBy).toEqual([dismissal]);
    expect(decision.reason).toMatch(/条件（6）.*2026-05-12不予纳入.*审查/);
    // and the explanation does not pretend there was no accident
    expect(byId(decision.unweighed.conditions, 'C6')).toMatchObject({
      alreadyWeighed: ['inc-1'],
      explanation: expect.stringContaining('已经审查的1项记录不再作为证据'),
    });
  });

  it('a released project likewise (its inclusion and its release weighed it)', () => {
    const weighings: Weighing[] = [
      { caseId: 'cas-2', decision: 'inclusion', on: '2026-05-12', evidence: ['inc-1'] },
      { caseId: 'cas-2', decision: 'release', on: '2026-07-01', evidence: ['inc-1'] },
    ];
    const decision = decideProposal(facts({ incidents: [accident] }), weighings, options('2026-07-05'));
    expect(decision.propose).toBe(false);
    expect(decision.weighedBy.map((w) => w.decision)).toEqual(['inclusion', 'release']);
  });

  it('a new accident is new evidence: proposed, citing only it', () => {
    const second = { id: 'inc-2', date: '2026-06-15', fatalities: 1, injuries: 2 };
    const decision = decideProposal(facts({ incidents: [accident, second] }), [dismissal], options('2026-06-20'));
    expect(decision.propose).toBe(true);
    expect(byId(decision.unweighed.conditions, 'C6').evidence).toEqual(['inc-2']);
    expect(decision.weighedBy).toEqual([]);
    expect(decision.reason).toBeNull();
  });

  it('nothing weighed: the conditions on the records are the proposal', () => {
    const decision = decideProposal(facts({ incidents: [accident] }), [], options('2026-06-20'));
    expect(decision.propose).toBe(true);
    expect(decision.unweighed).toBe(decision.conditions);
  });
});

describe('what happened to a weighed record after the decision is new evidence', () => {
  const c1 = finding('haz-c1', { kind: 'safety_org_incomplete', category: 'management', foundOn: '2026-05-01' });
  const weighed: Weighing = { caseId: 'cas-1', decision: 'dismissal', on: '2026-05-12', evidence: ['haz-c1'] };

  it('a refusal after the dismissal meets C4 (拒不整改); the finding itself does not meet C1 again', () => {
    const refused = { ...c1, history: [change('2026-05-20', 'refused')] };
    const decision = decideProposal(facts({ findings: [refused] }), [weighed], options('2026-05-25'));
    expect(met(decision.unweighed.conditions)).toEqual(['C4']);
    expect(byId(decision.unweighed.conditions, 'C4').evidence).toEqual(['haz-c1']);
    expect(decision.propose).toBe(true);
  });

  it('a refusal before the decision was weighed with it', () => {
    const refused = { ...c1, history: [change('2026-05-10', 'refused')] };
    const decision = decideProposal(facts({ findings: [refused] }), [weighed], options('2026-05-25'));
    expect(met(decision.conditions.conditions)).toEqual(['C1', 'C4']);
    expect(decision.propose).toBe(false);
  });

  it('overdue only after the decision counts as poorly rectified (with recurring new hazards)', () => {
    const due = { ...finding('haz-old', { foundOn: '2026-05-01', deadline: '2026-05-15' }) };
    const fresh = [1, 2, 3].map((n) => finding(`haz-new${n}`, { foundOn: '2026-05-20' }));
    const weighing: Weighing = { ...weighed, evidence: ['haz-old'] };
    const decision = decideProposal(facts({ findings: [due, ...fresh] }), [weighing], options('2026-05-25'));
    const c4 = byId(decision.unweighed.conditions, 'C4');
    expect(c4.met).toBe(true);
    // the old hazard counts for its deadline passed after the decision, not towards the recurrence
    expect(c4.evidence).toEqual(['haz-new1', 'haz-new2', 'haz-new3', 'haz-old']);
    expect(c4.explanation).toContain('脚手架隐患3项');

    const overdueBefore = { ...due, deadline: '2026-05-05' };
    const before = decideProposal(facts({ findings: [overdueBefore, ...fresh] }), [weighing], options('2026-05-25'));
    expect(byId(before.unweighed.conditions, 'C4').met).toBe(false);
  });

  it('weighed hazards do not count towards a recurrence', () => {
    const old = [1, 2].map((n) => finding(`haz-old${n}`, { foundOn: '2026-05-01', deadline: '2026-05-05' }));
    const weighing: Weighing = { ...weighed, evidence: ['haz-old1', 'haz-old2'] };
    const one = finding('haz-new', { foundOn: '2026-05-20', deadline: '2026-05-21' });
    const decision = decideProposal(facts({ findings: [...old, one] }), [weighing], options('2026-05-25'));
    expect(met(decision.conditions.conditions)).toEqual(['C4']);
    expect(decision.propose).toBe(false);
  });
});

describe('the records cited at inclusion are not evidence of the first cycle (seed §3(4))', () => {
  const cited = finding('haz-c1', { kind: 'safety_org_incomplete', category: 'management', foundOn: '2026-09-14' });
  const inclusion: Weighing = { caseId: 'cas-1', decision: 'inclusion', on: '2026-09-14', evidence: ['haz-c1'] };
  const cycle = { asOf: '2026-09-30', window: { from: '2026-09-14', to: '2026-09-30' } };

  it('a case confirmed on its inspection day is not judged on the finding that caused it', () => {
    const onRecords = evaluateConditions(facts({ findings: [cited] }), cycle);
    expect(met(onRecords.conditions)).toEqual(['C1']);
    const judged = evaluateConditions(facts({ findings: [cited] }), {
      ...cycle,
      weighed: weighedEvidenceOf([inclusion]),
    });
    expect(met(judged.conditions)).toEqual([]);
    expect(byId(judged.conditions, 'C1').alreadyWeighed).toEqual(['haz-c1']);
  });

  it('a new finding in the cycle is judged', () => {
    const again = finding('haz-c1b', { kind: 'safety_org_incomplete', category: 'management', foundOn: '2026-09-20' });
    const judged = evaluateConditions(facts({ findings: [cited, again] }), {
      ...cycle,
      weighed: weighedEvidenceOf([inclusion]),
    });
    expect(byId(judged.conditions, 'C1')).toMatchObject({ met: true, evidence: ['haz-c1b'] });
  });
});

describe('what a decision weighs', () => {
  it('every record cited by a condition that held, each once', () => {
    const conditions = (evidence: Record<string, string[]>): ConditionResult[] =>
      Object.entries(evidence).map(([id, ids]) => ({
        id: id as ConditionId,
        met: ids.length > 0,
        evidence: ids,
        explanation: '',
      }));
    expect(evidenceCited(conditions({ C1: ['b', 'a'], C2: [] }), conditions({ C4: ['a', 'c'] }))).toEqual([
      'a',
      'b',
      'c',
    ]);
  });

  it('a record weighed twice counts from the later decision', () => {
    const weighed = weighedEvidenceOf([
      { caseId: 'c1', decision: 'inclusion', on: '2026-05-01', evidence: ['x'] },
      { caseId: 'c1', decision: 'release', on: '2026-07-01', evidence: ['x', 'y'] },
    ]);
    expect([...weighed.entries()]).toEqual([
      ['x', '2026-07-01'],
      ['y', '2026-07-01'],
    ]);
  });
});

describe('evidence still maturing (the proposal sweep keeps the project in its index)', () => {
  const finding = (id: string, deadline: string, history: Array<{ on: string; status: HazardStatus }> = []) => ({
    id,
    inspectionId: 'ins_1',
    kind: 'hazard' as const,
    category: 'scaffolding' as const,
    severity: 'general' as const,
    unitCreditCode: '91110000000000000X',
    foundOn: '2026-09-01',
    deadline,
    history,
  });

  it('names findings not accepted whose deadline has not passed on the day judged', () => {
    const facts = {
      findings: [
        finding('haz_due_later', '2026-10-15'),
        finding('haz_due_that_day', '2026-09-30'),
        finding('haz_overdue_already', '2026-09-20'),
        finding('haz_accepted', '2026-10-15', [{ on: '2026-09-10', status: 'accepted' }]),
        finding('haz_accepted_later', '2026-10-15', [{ on: '2026-10-02', status: 'accepted' }]),
      ],
    };
    expect(evidenceStillMaturing(facts, '2026-09-30')).toEqual([
      'haz_accepted_later',
      'haz_due_later',
      'haz_due_that_day',
    ]);
    expect(evidenceStillMaturing(facts, '2026-10-31')).toEqual([]);
  });
});
