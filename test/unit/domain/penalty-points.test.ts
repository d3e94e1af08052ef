import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ASSESSMENT_THRESHOLDS as T } from '../../../shared/domain/assessment/thresholds.js';
import { InvalidInputError } from '../../../shared/domain/errors.js';
import {
  countsOn,
  crossingHistory,
  crossingsCausedBy,
  falsificationCharges,
  type LedgerEntry,
  lastDayCounted,
  lateEnterpriseAssessmentCharges,
  lateSelfAssessmentCharges,
  ledgerStanding,
  measurePoints,
  missingAssessmentCharges,
  requireOfficerPoints,
  thresholdsReached,
  totalInWindow,
} from '../../../shared/domain/penalty-points.js';

const gc = { creditCode: '91110000100000000A', name: '北京某建设集团有限公司' };
const developer = { creditCode: '91110000200000000B', name: '某房地产开发有限公司' };
const supervisor = { creditCode: '91110000300000000C', name: '某工程监理有限公司' };
const pm = { registrationNo: '京111060800001', name: '张三' };

describe('the 12-month window (Civil Code art. 201–202)', () => {
  it.each([
    ['2026-01-15', '2027-01-15'],
    ['2026-01-31', '2027-01-31'],
    ['2024-02-29', '2025-02-28'],
    ['2026-03-31', '2027-03-31'],
  ])('points dated %s count through %s', (on, last) => {
    expect(lastDayCounted(on, 12)).toBe(last);
  });

  it('an entry counts from its date to its last day, and not after; a revocation stops it that day', () => {
    const entry: LedgerEntry = { id: 'e1', points: 3, on: '2026-01-15' };
    expect(countsOn(entry, '2026-01-14', T)).toBe(false);
    expect(countsOn(entry, '2026-01-15', T)).toBe(true);
    expect(countsOn(entry, '2027-01-15', T)).toBe(true);
    expect(countsOn(entry, '2027-01-16', T)).toBe(false);
    const revoked = { ...entry, revokedOn: '2026-06-01' };
    expect(countsOn(revoked, '2026-05-31', T)).toBe(true);
    expect(countsOn(revoked, '2026-06-01', T)).toBe(false);
  });

  it('totals the points in window as of a date, with the thresholds reached', () => {
    const entries: LedgerEntry[] = [
      { id: 'a', points: 3, on: '2025-12-01' },
      { id: 'b', points: 2, on: '2026-03-10' },
      { id: 'c', points: 3, on: '2026-05-20' },
      { id: 'd', points: 1, on: '2026-06-01', revokedOn: '2026-06-15' },
    ];
    expect(ledgerStanding(entries, '2026-06-10', T)).toEqual({ totalInWindow: 9, thresholdsReached: [8] });
    expect(ledgerStanding(entries, '2026-06-20', T)).toEqual({ totalInWindow: 8, thresholdsReached: [8] });
    // a's window ends 2026-12-01
    expect(ledgerStanding(entries, '2026-12-02', T)).toEqual({ totalInWindow: 5, thresholdsReached: [] });
    expect(thresholdsReached(31, T)).toEqual([8, 16, 24, 30]);
  });

  it('refuses a date that is not one', () => {
    expect(() => totalInWindow([], '2026-02-30', T)).toThrow(InvalidInputError);
  });
});

describe('crossings: each upward crossing inside the window emits once', () => {
  it('an append from 7 to 8 crosses 8; the next append at 8 or above crosses nothing', () => {
    const ledger: LedgerEntry[] = [
      { id: 'a', points: 3, on: '2026-01-10' },
      { id: 'b', points: 2, on: '2026-02-10' },
      { id: 'c', points: 2, on: '2026-03-10' },
    ];
    const d = { id: 'd', points: 1, on: '2026-04-10' };
    expect(crossingsCausedBy(ledger, d, d.on, T)).toEqual([8]);
    const e = { id: 'e', points: 3, on: '2026-05-10' };
    expect(crossingsCausedBy([...ledger, d], e, e.on, T)).toEqual([]);
  });

  it('one append may cross several levels: 7 → 17 crosses 8 and 16', () => {
    const ledger: LedgerEntry[] = [{ id: 'a', points: 7, on: '2026-01-10' }];
    expect(crossingsCausedBy(ledger, { id: 'b', points: 10, on: '2026-01-11' }, '2026-01-11', T)).toEqual([8, 16]);
  });

  it('recounting an entry already in the ledger (a redelivered append) crosses nothing new', () => {
    const a = { id: 'a', points: 5, on: '2026-01-10' };
    const b = { id: 'b', points: 3, on: '2026-02-10' };
    // the use case may pass the ledger with b already stored: b is still the cause, once
    expect(crossingsCausedBy([a, b], b, b.on, T)).toEqual([8]);
  });

  it('after expiry brings the total below 8, reaching 8 again is a new crossing and emits again', () => {
    const history = crossingHistory([
      { id: 'a', points: 5, on: '2026-01-10' },
      { id: 'b', points: 3, on: '2026-02-10' }, // 8: crosses 8
      { id: 'c', points: 2, on: '2026-06-10' }, // 10: already above, nothing
      // a expires after 2027-01-10: total 5 on 2027-01-11
      { id: 'd', points: 3, on: '2027-01-20' }, // b 3 + c 2 + d 3 = 8 again: crosses 8 again
      { id: 'e', points: 1, on: '2027-01-25' }, // 9: nothing
    ]);
    expect(history).toEqual([
      { entryId: 'b', level: 8, on: '2026-02-10' },
      { entryId: 'd', level: 8, on: '2027-01-20' },
    ]);
  });

  it('after a revocation brings the total below 16, the next append to 16 crosses 16 again', () => {
    const history = crossingHistory([
      { id: 'a', points: 8, on: '2026-01-10' }, // 8
      { id: 'b', points: 8, on: '2026-02-10', revokedOn: '2026-03-01' }, // 16 → revoked: 8
      { id: 'c', points: 8, on: '2026-04-10' }, // 16 again
    ]);
    expect(history).toEqual([
      { entryId: 'a', level: 8, on: '2026-01-10' },
      { entryId: 'b', level: 16, on: '2026-02-10' },
      { entryId: 'c', level: 16, on: '2026-04-10' },
    ]);
  });

  it('an entry recorded outside its own window (dated over 12 months back) crosses nothing', () => {
    const ledger: LedgerEntry[] = [{ id: 'a', points: 7, on: '2026-06-01' }];
    expect(crossingsCausedBy(ledger, { id: 'b', points: 3, on: '2025-01-01' }, '2026-06-02', T)).toEqual([]);
  });

  it('emits a level only when the total is at or above it, and never twice without falling below in between', () => {
    const entry = fc.record({
      points: fc.integer({ min: 1, max: 3 }),
      day: fc.integer({ min: 0, max: 900 }),
      revokeAfter: fc.option(fc.integer({ min: 0, max: 400 }), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 40 }), (drafts) => {
        const date = (day: number) => new Date(Date.UTC(2025, 0, 1 + day)).toISOString().slice(0, 10);
        const entries: LedgerEntry[] = drafts.map((d, i) => ({
          id: `e${String(i).padStart(3, '0')}`,
          points: d.points,
          on: date(d.day),
          revokedOn: d.revokeAfter === undefined ? null : date(d.day + d.revokeAfter),
        }));
        const history = crossingHistory(entries, T);
        for (const level of T.penalty.levels) {
          const crossings = history.filter((c) => c.level === level);
          for (const c of crossings)
            expect(
              totalInWindow(
                entries.filter((e) => e.on <= c.on),
                c.on,
                T,
              ),
            ).toBeGreaterThanOrEqual(level);
          // between two crossings of a level the total must have fallen below it on some day — on the second
          // crossing's own day counted just before its entry (entries expire at the start of a day, so points
          // leaving the window and the crossing entry may share that day)
          for (let k = 1; k < crossings.length; k++) {
            const next = crossings[k]!;
            let fell = false;
            for (let d = 0; !fell; d++) {
              const day = new Date(Date.parse(`${crossings[k - 1]!.on}T00:00:00Z`) + d * 86_400_000)
                .toISOString()
                .slice(0, 10);
              if (day > next.on) break;
              const before = entries.filter((e) =>
                day < next.on ? e.on <= day : e.on < day || (e.on === day && e.id < next.entryId),
              );
              if (totalInWindow(before, day, T) < level) fell = true;
            }
            expect(fell).toBe(true);
          }
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe('charges (SPEC §6.3): who gets how many', () => {
  it('a late self-assessment: 1 to the general contractor and 1 to the project manager', () => {
    expect(
      lateSelfAssessmentCharges(
        { projectId: 'p1', month: '2026-10', generalContractor: gc, projectManager: pm, missingCharged: false },
        T,
      ),
    ).toEqual([
      {
        subject: { kind: 'enterprise', id: gc.creditCode, name: gc.name },
        points: 1,
        code: 'late_self_assessment',
        reason: '2026-10月度项目自评逾期提交',
        chargeKey: 'late:self:p1:2026-10',
      },
      {
        subject: { kind: 'person', id: pm.registrationNo, name: '张三' },
        points: 1,
        code: 'late_self_assessment',
        reason: '2026-10月度项目自评逾期提交',
        chargeKey: 'late:self:p1:2026-10',
      },
    ]);
  });

  it('no person charge for an unregistered project manager', () => {
    const charges = lateSelfAssessmentCharges(
      {
        projectId: 'p1',
        month: '2026-10',
        generalContractor: gc,
        projectManager: { name: '李四' },
        missingCharged: false,
      },
      T,
    );
    expect(charges.map((c) => c.subject.kind)).toEqual(['enterprise']);
  });

  it('a late enterprise re-assessment: 1 to the enterprise that owed it', () => {
    expect(
      lateEnterpriseAssessmentCharges(
        { projectId: 'p1', quarter: '2026Q4', unit: supervisor, missingCharged: false },
        T,
      ),
    ).toEqual([
      expect.objectContaining({ subject: expect.objectContaining({ id: supervisor.creditCode }), points: 1 }),
    ]);
  });

  it('missing at the ranking: 2 + 2 once for the self tier however many months, 2 to each unit missing', () => {
    const charges = missingAssessmentCharges(
      {
        projectId: 'p1',
        quarter: '2026Q4',
        generalContractor: gc,
        projectManager: pm,
        owed: { selfMonths: ['2026-10', '2026-11', '2026-12'], enterpriseUnits: [developer, gc, supervisor] },
        present: { selfMonths: ['2026-10'], enterpriseUnits: [gc.creditCode] },
      },
      T,
    );
    expect(charges.map((c) => [c.subject.id, c.points, c.chargeKey])).toEqual([
      [gc.creditCode, 2, 'missing:self:p1:2026Q4'],
      [pm.registrationNo, 2, 'missing:self:p1:2026Q4'],
      [developer.creditCode, 2, `missing:enterprise:p1:2026Q4:${developer.creditCode}`],
      [supervisor.creditCode, 2, `missing:enterprise:p1:2026Q4:${supervisor.creditCode}`],
    ]);
    expect(charges[0]!.reason).toBe('2026Q4项目自评缺报（2026-11、2026-12）');
  });

  it('nothing missing, nothing charged', () => {
    expect(
      missingAssessmentCharges(
        {
          projectId: 'p1',
          quarter: '2026Q4',
          generalContractor: gc,
          projectManager: pm,
          owed: { selfMonths: ['2026-12'], enterpriseUnits: [gc] },
          present: { selfMonths: ['2026-12'], enterpriseUnits: [gc.creditCode] },
        },
        T,
      ),
    ).toEqual([]);
  });

  it('missing is charged instead of, not as well as, lateness', () => {
    expect(
      lateSelfAssessmentCharges(
        { projectId: 'p1', month: '2026-12', generalContractor: gc, projectManager: pm, missingCharged: true },
        T,
      ),
    ).toEqual([]);
    expect(
      lateEnterpriseAssessmentCharges({ projectId: 'p1', quarter: '2026Q4', unit: gc, missingCharged: true }, T),
    ).toEqual([]);
  });

  it('a confirmed falsification: 3 to the enterprise and 3 to the person responsible, once per assessment', () => {
    const charges = falsificationCharges({ assessmentId: 'as-1', period: '2026-10', unit: gc, responsible: pm }, T);
    expect(charges.map((c) => [c.subject.kind, c.points, c.code, c.chargeKey])).toEqual([
      ['enterprise', 3, 'falsification', 'falsification:as-1'],
      ['person', 3, 'falsification', 'falsification:as-1'],
    ]);
  });

  it('enforcement measures: 1 责令改正, 2 a fine below ¥10,000, 3 a fine of ¥10,000 or more', () => {
    expect(measurePoints('rectification_order', undefined, T)).toBe(1);
    expect(measurePoints('fine', 9_999, T)).toBe(2);
    expect(measurePoints('fine', 10_000, T)).toBe(3);
    expect(measurePoints('stop_work', undefined, T)).toBeNull();
    expect(() => measurePoints('fine', undefined, T)).toThrow(/amount in yuan/);
    expect(() => requireOfficerPoints(4)).toThrow(InvalidInputError);
    expect(() => requireOfficerPoints(2)).not.toThrow();
  });
});
