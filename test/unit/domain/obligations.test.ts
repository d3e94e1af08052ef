import { describe, expect, it } from 'vitest';
import { addWorkingDays } from '../../../shared/domain/calendar.js';
import { addDays } from '../../../shared/domain/dates.js';
import { InvalidInputError } from '../../../shared/domain/errors.js';
import {
  ANY_UNIT,
  computeObligations,
  type DeliveredDocument,
  dueToday,
  earliestAnswerDay,
  missingFor,
  type ObligationInput,
  type ObligationInstance,
  type ObligationReport,
  type ObligationUnit,
} from '../../../shared/domain/obligations.js';
import { DEFAULT_RULE_SET, type RuleSetVersion } from '../../../shared/domain/rule-set.js';
import type { DocumentType } from '../../../shared/domain/vocabulary.js';

/** A version from `effectiveFrom` with some thresholds changed (the rest: version 1's). */
function ruleSet(version: number, effectiveFrom: string, changes: Partial<RuleSetVersion['thresholds']>) {
  return {
    ...DEFAULT_RULE_SET,
    id: `v${version}`,
    version,
    effectiveFrom,
    thresholds: { ...DEFAULT_RULE_SET.thresholds, ...changes },
  } satisfies RuleSetVersion;
}

const V2026 = 'prc-2026@2025-11-04';
const DEV = '91110112MA01DEV001';
const GC = '91110112MA01GCX002';
const SUP = '91110112MA01SUP003';
const SUB = '91110112MA01SUB004';

const developer: ObligationUnit = {
  role: 'developer',
  creditCode: DEV,
  name: '通州建设发展有限公司',
  groupCompany: '某建设集团',
};
const contractor: ObligationUnit = {
  role: 'general_contractor',
  creditCode: GC,
  name: '某建工集团第三公司',
  groupCompany: '某建工集团',
};
const supervisor: ObligationUnit = { role: 'supervisor', creditCode: SUP, name: '某监理公司' };
const subcontractor: ObligationUnit = {
  role: 'subcontractor',
  creditCode: SUB,
  name: '某劳务公司',
  groupCompany: '某劳务集团',
};
const allUnits = [developer, contractor, supervisor, subcontractor];

function input(overrides: Partial<ObligationInput> = {}): ObligationInput {
  return {
    includedOn: '2026-09-28',
    period: { from: '2026-09-28', to: '2026-10-31' },
    asOf: '2026-11-01',
    units: allUnits,
    inspectionReports: [],
    notices: [],
    ...overrides,
  };
}

let nextId = 1;
/** An accepted document; `at` is 'YYYY-MM-DD HH:MM:SS' in Shanghai or a full ISO timestamp. */
function doc(
  docType: DocumentType,
  unitCreditCode: string,
  at: string,
  extra: Partial<DeliveredDocument> = {},
): DeliveredDocument {
  const uploadedAt = at.includes('T') ? at : `${at.replace(' ', 'T')}+08:00`;
  return { id: `doc_${nextId++}`, docType, unitCreditCode, uploadedAt, status: 'accepted', ...extra };
}

function find(report: ObligationReport, key: string): ObligationInstance {
  const found = report.obligations.find((o) => o.key === key);
  if (!found) throw new Error(`no obligation ${key}; have ${report.obligations.map((o) => o.key).join(', ')}`);
  return found;
}

function ofType(report: ObligationReport, type: DocumentType, unit?: string): ObligationInstance[] {
  return report.obligations.filter((o) => o.type === type && (unit === undefined || o.unitCreditCode === unit));
}

describe('the day of inclusion (the daily report starts that day, patrols and follow-ups the day after)', () => {
  const report = computeObligations(input({ asOf: '2026-09-28' }), []);
  const owedOn = (date: string) =>
    report.obligations
      .filter((o) => o.dueOn === date)
      .map((o) => o.key)
      .sort();

  it.each([
    ['2026-09-28 (inclusion day: the daily report only)', '2026-09-28', [`daily_report#2026-09-28#${GC}`]],
    [
      '2026-09-29 (first day: report and patrols, nothing yet to follow up)',
      '2026-09-29',
      [`daily_report#2026-09-29#${GC}`, `patrol_record#2026-09-29#${SUP}#1`, `patrol_record#2026-09-29#${SUP}#2`],
    ],
    [
      '2026-09-30 (follow-up of 09-29 joins)',
      '2026-09-30',
      [
        `daily_report#2026-09-30#${GC}`,
        `follow_up_report#2026-09-29#${SUP}`,
        `patrol_record#2026-09-30#${SUP}#1`,
        `patrol_record#2026-09-30#${SUP}#2`,
      ],
    ],
  ])('%s', (_name, date, keys) => {
    expect(owedOn(date)).toEqual(keys);
  });

  it('owes only that day’s report when judged at the end of the inclusion day', () => {
    expect(report.compliance.overall).toEqual({ due: 1, onTime: 0, late: 0, missing: 1, ratio: 0 });
    expect(report.obligations.filter((o) => o.status !== 'pending').map((o) => o.key)).toEqual([
      `daily_report#2026-09-28#${GC}`,
    ]);
  });

  it('shows the day’s report as due, not missing, during the inclusion day', () => {
    const live = computeObligations(input({ asOf: '2026-09-28T15:00:00+08:00' }), []);
    expect(live.compliance.overall.due).toBe(0);
    expect(find(live, `daily_report#2026-09-28#${GC}`).status).toBe('pending');
  });
});

describe('daily reports (日报): general contractor, every calendar day, holidays included', () => {
  const report = computeObligations(input(), []);
  const daily = ofType(report, 'daily_report');

  it('one per day from the day of inclusion to the period end', () => {
    expect(daily).toHaveLength(34); // Sep 28, 29, 30 and Oct 1–31
    expect(daily[0]).toMatchObject({
      key: `daily_report#2026-09-28#${GC}`,
      unitCreditCode: GC,
      unitRole: 'general_contractor',
      reportDate: '2026-09-28',
      dueOn: '2026-09-28',
      dueAt: '2026-09-28T23:59:59+08:00',
      status: 'missing',
      documentIds: [],
      description: '施工总承包单位 2026-09-28 日报（项目经理签字）',
    });
    expect(daily.map((o) => o.dueOn)).toContain('2026-10-03'); // National Day: the site is still supervised
  });

  it('only the general contractor owes them', () => {
    expect(new Set(daily.map((o) => o.unitCreditCode))).toEqual(new Set([GC]));
  });
});

describe('on time or late at the 23:59:59 boundary', () => {
  it.each([
    ['2026-10-12T23:59:59+08:00', 'on_time'],
    ['2026-10-12T23:59:59.999+08:00', 'on_time'], // the whole last second counts
    ['2026-10-12T15:59:59Z', 'on_time'], // the same instant in UTC
    ['2026-10-12T08:00:00+08:00', 'on_time'],
    ['2026-10-11T20:00:00+08:00', 'on_time'], // early is on time
    ['2026-10-13T00:00:00+08:00', 'late'],
    ['2026-10-12T16:00:00Z', 'late'],
    ['2026-10-31T12:00:00+08:00', 'late'],
  ])('a daily report for 10-12 uploaded %s is %s', (uploadedAt, status) => {
    const report = computeObligations(input(), [doc('daily_report', GC, uploadedAt, { reportDate: '2026-10-12' })]);
    expect(find(report, `daily_report#2026-10-12#${GC}`).status).toBe(status);
  });

  it('the earliest accepted document decides, the others are listed', () => {
    const late = doc('daily_report', GC, '2026-10-13 09:00:00', { reportDate: '2026-10-12' });
    const onTime = doc('daily_report', GC, '2026-10-12 18:00:00', { reportDate: '2026-10-12' });
    const daily = find(computeObligations(input(), [late, onTime]), `daily_report#2026-10-12#${GC}`);
    expect(daily.status).toBe('on_time');
    expect(daily.documentIds).toEqual([onTime.id, late.id]);
  });
});

describe('only accepted documents count', () => {
  it.each([
    ['accepted', 'on_time'],
    ['pending', 'missing'],
    ['rejected', 'missing'],
  ] as const)('a %s daily report → %s', (status, expected) => {
    const upload = doc('daily_report', GC, '2026-10-12 18:00:00', { reportDate: '2026-10-12', status });
    expect(find(computeObligations(input(), [upload]), `daily_report#2026-10-12#${GC}`).status).toBe(expected);
  });

  it("another unit's document does not discharge the general contractor's report", () => {
    const upload = doc('daily_report', DEV, '2026-10-12 18:00:00', { reportDate: '2026-10-12' });
    expect(find(computeObligations(input(), [upload]), `daily_report#2026-10-12#${GC}`).status).toBe('missing');
  });
});

describe('patrol records (巡查记录): two per day from the supervising firm', () => {
  const day = '2026-10-12';
  const patrol = (at: string, extra: Partial<DeliveredDocument> = {}) =>
    doc('patrol_record', SUP, `${day} ${at}`, { reportDate: day, ...extra });
  const statuses = (documents: DeliveredDocument[]) => {
    const report = computeObligations(input(), documents);
    return [1, 2].map((n) => find(report, `patrol_record#${day}#${SUP}#${n}`).status);
  };

  it.each([
    ['none', [], ['missing', 'missing']],
    ['one', [patrol('09:00:00')], ['on_time', 'missing']],
    ['two', [patrol('09:00:00'), patrol('16:00:00')], ['on_time', 'on_time']],
    [
      'three (the extra one changes nothing)',
      [patrol('09:00:00'), patrol('12:00:00'), patrol('16:00:00')],
      ['on_time', 'on_time'],
    ],
    [
      'one on time, one the next day',
      [patrol('09:00:00'), doc('patrol_record', SUP, '2026-10-13 08:00:00', { reportDate: day })],
      ['on_time', 'late'],
    ],
    [
      'the same document twice counts once',
      (() => {
        const one = patrol('09:00:00');
        return [one, { ...one }];
      })(),
      ['on_time', 'missing'],
    ],
    [
      'one accepted, one rejected',
      [patrol('09:00:00'), patrol('16:00:00', { status: 'rejected' })],
      ['on_time', 'missing'],
    ],
  ] as Array<[string, DeliveredDocument[], string[]]>)('%s', (_name, documents, expected) => {
    expect(statuses(documents)).toEqual(expected);
  });

  it('counts each slot in compliance: one patrol is half done', () => {
    const report = computeObligations(
      input({ units: [supervisor], period: { from: '2026-10-12', to: '2026-10-12' }, includedOn: '2026-10-01' }),
      [patrol('09:00:00')],
    );
    expect(report.compliance.byType.patrol_record).toEqual({ due: 2, onTime: 1, late: 0, missing: 1, ratio: 0.5 });
  });
});

describe('follow-up reports (复查): one per day, for the previous day', () => {
  it('is due at the end of the day after the day it reports on', () => {
    const report = computeObligations(input(), [
      doc('follow_up_report', SUP, '2026-10-13 10:00:00', { reportDate: '2026-10-12' }),
      doc('follow_up_report', SUP, '2026-10-15 10:00:00', { reportDate: '2026-10-13' }),
    ]);
    expect(find(report, `follow_up_report#2026-10-12#${SUP}`)).toMatchObject({
      dueOn: '2026-10-13',
      dueAt: '2026-10-13T23:59:59+08:00',
      status: 'on_time',
    });
    expect(find(report, `follow_up_report#2026-10-13#${SUP}`).status).toBe('late');
    expect(find(report, `follow_up_report#2026-10-14#${SUP}`).status).toBe('missing');
  });

  it('a follow-up without reportDate is taken for the day before its arrival', () => {
    const report = computeObligations(input(), [doc('follow_up_report', SUP, '2026-10-13 10:00:00')]);
    expect(find(report, `follow_up_report#2026-10-12#${SUP}`).status).toBe('on_time');
  });

  it("belongs to the period in which it falls due: the period's last day is followed up in the next one", () => {
    const october = computeObligations(input(), []);
    const followUps = ofType(october, 'follow_up_report');
    expect(followUps[0]?.reportDate).toBe('2026-09-29');
    expect(followUps.at(-1)?.reportDate).toBe('2026-10-30');
    const november = computeObligations(
      input({ period: { from: '2026-11-01', to: '2026-11-30' }, asOf: '2026-12-01' }),
      [],
    );
    expect(ofType(november, 'follow_up_report')[0]).toMatchObject({ reportDate: '2026-10-31', dueOn: '2026-11-01' });
  });
});

describe('weekly reports (周报): every Friday, a holiday Friday moves to the next working day', () => {
  it.each([
    // [included, period, expected Friday → dueOn]
    [
      'National Day: Friday Oct 2 is a holiday → Thursday Oct 8',
      '2026-09-28',
      { from: '2026-09-28', to: '2026-10-31' },
      [
        ['2026-10-02', '2026-10-08'],
        ['2026-10-09', '2026-10-09'],
        ['2026-10-16', '2026-10-16'],
        ['2026-10-23', '2026-10-23'],
        ['2026-10-30', '2026-10-30'],
      ],
    ],
    [
      'a cycle starting mid-week (Wed Sep 16); Mid-autumn Friday Sep 25 → Monday Sep 28',
      '2026-09-16',
      { from: '2026-09-16', to: '2026-09-30' },
      [
        ['2026-09-18', '2026-09-18'],
        ['2026-09-25', '2026-09-28'],
      ],
    ],
    [
      'included on a Friday: that Friday is not owed',
      '2026-10-16',
      { from: '2026-10-16', to: '2026-11-30' },
      [
        ['2026-10-23', '2026-10-23'],
        ['2026-10-30', '2026-10-30'],
        ['2026-11-06', '2026-11-06'],
        ['2026-11-13', '2026-11-13'],
        ['2026-11-20', '2026-11-20'],
        ['2026-11-27', '2026-11-27'],
      ],
    ],
    [
      'a Friday before the period whose deadline moved into it belongs to the period',
      '2026-09-01',
      { from: '2026-10-05', to: '2026-10-16' },
      [
        ['2026-10-02', '2026-10-08'],
        ['2026-10-09', '2026-10-09'],
        ['2026-10-16', '2026-10-16'],
      ],
    ],
  ] as Array<[string, string, { from: string; to: string }, string[][]]>)(
    '%s',
    (_name, includedOn, period, expected) => {
      const report = computeObligations(input({ includedOn, period }), []);
      const weekly = ofType(report, 'weekly_report', SUP);
      expect(weekly.map((o) => [o.reportDate, o.dueOn])).toEqual(expected);
      for (const o of weekly) {
        expect(o.dueAt).toBe(`${o.dueOn}T23:59:59+08:00`);
        expect(o.calendarVersion).toBe(V2026);
      }
    },
  );

  it('says when the deadline moved', () => {
    const report = computeObligations(input(), []);
    expect(find(report, `weekly_report#2026-10-02#${SUP}`).description).toBe(
      '监理单位 2026-10-02（周五）安全工作周报（周五为节假日，顺延至 2026-10-08）',
    );
  });

  it.each([
    ['uploaded on the holiday Friday itself', '2026-10-02 17:00:00', '2026-10-02', 'on_time'],
    ['uploaded on the moved deadline day', '2026-10-08 23:00:00', '2026-10-02', 'on_time'],
    ['reportDate inside the week (Wednesday)', '2026-10-08 23:00:00', '2026-09-30', 'on_time'],
    ['uploaded after the moved deadline', '2026-10-09 00:00:00', '2026-10-02', 'late'],
  ])('Friday Oct 2: %s → %s', (_name, at, reportDate, status) => {
    const report = computeObligations(input(), [doc('weekly_report', SUP, at, { reportDate })]);
    expect(find(report, `weekly_report#2026-10-02#${SUP}`).status).toBe(status);
    // the report for the week ending Oct 2 does not also answer the week ending Oct 9
    expect(find(report, `weekly_report#2026-10-09#${SUP}`).status).toBe('missing');
  });
});

describe('rectification plans (整改方案, 一厂一策): every unit, 5 working days after a report listing hazards', () => {
  const reports = [
    { inspectionId: 'ins_before', date: '2026-09-20', hazardCount: 4 }, // before inclusion
    { inspectionId: 'ins_a', date: '2026-09-28', hazardCount: 3 },
    { inspectionId: 'ins_clean', date: '2026-10-13', hazardCount: 0 },
    { inspectionId: 'ins_b', date: '2026-10-20', hazardCount: 1 },
  ];

  it('one per unit per report with hazards, counted across National Day (Sat Oct 10 is a working day)', () => {
    const report = computeObligations(input({ inspectionReports: reports }), []);
    const plans = ofType(report, 'rectification_plan');
    expect(plans.map((o) => o.key).sort()).toEqual(
      [DEV, GC, SUP, SUB]
        .flatMap((code) => [`rectification_plan#ins_a#${code}`, `rectification_plan#ins_b#${code}`])
        .sort(),
    );
    expect(find(report, `rectification_plan#ins_a#${SUB}`)).toMatchObject({
      reportDate: '2026-09-28',
      dueOn: '2026-10-10',
      dueAt: '2026-10-10T23:59:59+08:00',
      calendarVersion: V2026,
      description: '分包单位（某劳务公司） 2026-09-28 检查报告（3项隐患）整改方案（一厂一策）',
    });
    expect(find(report, `rectification_plan#ins_b#${GC}`).dueOn).toBe('2026-10-27');
  });

  it.each([
    ['on the last working day, 23:59:59', '2026-10-10 23:59:59', undefined, 'on_time', 'missing'],
    ['the day after the deadline', '2026-10-11 00:00:00', undefined, 'late', 'missing'],
    ['after the next report: answers the next report', '2026-10-21 09:00:00', undefined, 'missing', 'on_time'],
    ['after the next report but dated for the first', '2026-10-21 09:00:00', '2026-10-05', 'late', 'missing'],
  ])('a plan uploaded %s', (_name, at, reportDate, first, second) => {
    const plan = doc('rectification_plan', GC, at, reportDate ? { reportDate } : {});
    const report = computeObligations(input({ inspectionReports: reports }), [plan]);
    expect(find(report, `rectification_plan#ins_a#${GC}`).status).toBe(first);
    expect(find(report, `rectification_plan#ins_b#${GC}`).status).toBe(second);
    expect(find(report, `rectification_plan#ins_a#${DEV}`).status).toBe('missing');
  });

  it("counts the rule set's working days in force on the report's day", () => {
    const ruleSets = [DEFAULT_RULE_SET, ruleSet(2, '2026-10-20', { rectificationPlanWorkingDays: 3 })];
    const report = computeObligations(input({ inspectionReports: reports, ruleSets }), []);
    expect(find(report, `rectification_plan#ins_a#${GC}`)).toMatchObject({ dueOn: '2026-10-10', ruleSetVersion: 'v1' });
    expect(find(report, `rectification_plan#ins_b#${GC}`)).toMatchObject({ dueOn: '2026-10-23', ruleSetVersion: 'v2' });
  });

  it('a report whose plans fall due in the next period belongs to it', () => {
    const late = [{ inspectionId: 'ins_c', date: '2026-10-28', hazardCount: 2 }];
    expect(ofType(computeObligations(input({ inspectionReports: late }), []), 'rectification_plan')).toEqual([]);
    const november = computeObligations(
      input({ inspectionReports: late, period: { from: '2026-11-01', to: '2026-11-30' }, asOf: '2026-12-01' }),
      [],
    );
    expect(ofType(november, 'rectification_plan').map((o) => o.dueOn)).toEqual(Array(4).fill('2026-11-04'));
  });
});

describe('notice receipts (签收回执): one per notice, from any unit', () => {
  const notices = [
    { id: 'ntc_1', type: 'inclusion' as const, issuedOn: '2026-09-28', receiptDueAt: '2026-10-10T23:59:59+08:00' },
  ];

  it('is owed by the project, not by one unit', () => {
    const receipt = find(computeObligations(input({ notices }), []), 'notice_receipt#ntc_1');
    expect(receipt).toMatchObject({
      unitCreditCode: null,
      unitRole: null,
      dueOn: '2026-10-10',
      dueAt: '2026-10-10T23:59:59+08:00',
      status: 'missing',
      description: '2026-09-28 差别化监管告知单签字盖章回执（任一参建单位）',
    });
  });

  it.each([
    ['naming the notice, from the supervising firm', { noticeId: 'ntc_1' }, SUP, '2026-10-09 10:00:00', 'on_time'],
    ['without a notice id (taken for the latest notice)', {}, DEV, '2026-10-08 10:00:00', 'on_time'],
    ['naming another notice', { noticeId: 'ntc_9' }, DEV, '2026-10-08 10:00:00', 'missing'],
    ['after the deadline', { noticeId: 'ntc_1' }, GC, '2026-10-11 10:00:00', 'late'],
  ])('a receipt %s → %s', (_name, extra, unit, at, status) => {
    const report = computeObligations(input({ notices }), [doc('notice_receipt', unit, at, extra)]);
    expect(find(report, 'notice_receipt#ntc_1').status).toBe(status);
    expect(report.compliance.byUnit[ANY_UNIT]?.due).toBe(1);
  });
});

describe('self-inspection (自查自纠): developer and general contractor, once per period', () => {
  it('is due at the end of the period', () => {
    const report = computeObligations(input(), [
      doc('self_inspection', DEV, '2026-10-20 10:00:00'),
      doc('self_inspection', GC, '2026-11-01 10:00:00', { reportDate: '2026-10-31' }),
    ]);
    const selfInspections = ofType(report, 'self_inspection');
    expect(selfInspections.map((o) => [o.unitCreditCode, o.dueOn, o.status])).toEqual([
      [DEV, '2026-10-31', 'on_time'],
      [GC, '2026-10-31', 'late'],
    ]);
    expect(selfInspections[0]?.key).toBe(`self_inspection#2026-09-28#${DEV}`);
  });

  it('a document of another period does not count for this one', () => {
    const report = computeObligations(input(), [doc('self_inspection', DEV, '2026-11-02 10:00:00')]);
    expect(find(report, `self_inspection#2026-09-28#${DEV}`).status).toBe('missing');
  });
});

describe('group reports (集团报告): after level 2, from the group companies of the three main units', () => {
  const november = {
    period: { from: '2026-11-01', to: '2026-11-30' },
    asOf: '2026-12-01',
    level2ReachedOn: '2026-11-02',
  };

  it('only units with a group company, never subcontractors; 10 working days', () => {
    const report = computeObligations(input(november), [doc('group_report', GC, '2026-11-16 20:00:00')]);
    const groupReports = ofType(report, 'group_report');
    expect(groupReports.map((o) => [o.unitCreditCode, o.dueOn, o.status])).toEqual([
      [DEV, '2026-11-16', 'missing'],
      [GC, '2026-11-16', 'on_time'],
    ]);
    expect(groupReports[1]?.description).toBe(
      '施工总承包单位所属集团公司（某建工集团）以集团名义报送整改情况及后续措施',
    );
  });

  it('a report from before level 2 does not count', () => {
    const report = computeObligations(input(november), [doc('group_report', DEV, '2026-11-01 10:00:00')]);
    expect(find(report, `group_report#2026-11-02#${DEV}`).status).toBe('missing');
  });

  it('counts the working days of the rule set in force on the day level 2 was reached, and names it', () => {
    const longer = ruleSet(2, '2026-11-02', { groupReportWorkingDays: 15 });
    const report = computeObligations(input({ ...november, ruleSets: [DEFAULT_RULE_SET, longer] }), []);
    expect(ofType(report, 'group_report').map((o) => [o.dueOn, o.ruleSetVersion])).toEqual([
      ['2026-11-23', 'v2'],
      ['2026-11-23', 'v2'],
    ]);
    // a version from the day after does not apply to it
    const later = ruleSet(2, '2026-11-03', { groupReportWorkingDays: 15 });
    const unchanged = computeObligations(input({ ...november, ruleSets: [DEFAULT_RULE_SET, later] }), []);
    expect(ofType(unchanged, 'group_report').map((o) => [o.dueOn, o.ruleSetVersion])).toEqual([
      ['2026-11-16', 'v1'],
      ['2026-11-16', 'v1'],
    ]);
  });

  it('none before level 2', () => {
    expect(ofType(computeObligations(input({ ...november, level2ReachedOn: undefined }), []), 'group_report')).toEqual(
      [],
    );
  });
});

describe('the cut-off (asOf)', () => {
  it('obligations due after asOf are pending and left out of compliance', () => {
    const report = computeObligations(input({ asOf: '2026-10-15' }), []);
    expect(find(report, `daily_report#2026-10-15#${GC}`).status).toBe('missing');
    expect(find(report, `daily_report#2026-10-16#${GC}`).status).toBe('pending');
    expect(find(report, `self_inspection#2026-09-28#${DEV}`).status).toBe('pending');
    const pending = report.obligations.filter((o) => o.status === 'pending').length;
    expect(report.compliance.overall.due).toBe(report.obligations.length - pending);
    expect(report.compliance.byType.daily_report?.due).toBe(18); // Sep 28 .. Oct 15
  });

  it('documents that arrived after asOf are not seen', () => {
    const upload = doc('daily_report', GC, '2026-10-16 08:00:00', { reportDate: '2026-10-14' });
    expect(
      find(computeObligations(input({ asOf: '2026-10-15' }), [upload]), `daily_report#2026-10-14#${GC}`).status,
    ).toBe('missing');
    expect(
      find(computeObligations(input({ asOf: '2026-10-16' }), [upload]), `daily_report#2026-10-14#${GC}`).status,
    ).toBe('late');
  });

  it('an early delivery is on time but counts only once its deadline has passed', () => {
    const early = doc('self_inspection', DEV, '2026-10-10 10:00:00');
    const report = computeObligations(input({ asOf: '2026-10-15' }), [early]);
    expect(find(report, `self_inspection#2026-09-28#${DEV}`).status).toBe('on_time');
    expect(report.compliance.byType.self_inspection).toBeUndefined();
  });

  it('a timestamp cut-off keeps the day’s own items pending until midnight', () => {
    const today = '2026-10-15';
    const sent = doc('patrol_record', SUP, '2026-10-15 09:00:00', { reportDate: today });
    const report = computeObligations(input({ asOf: '2026-10-15T10:00:00+08:00' }), [sent]);
    expect(find(report, `daily_report#${today}#${GC}`).status).toBe('pending');
    expect(find(report, `daily_report#2026-10-14#${GC}`).status).toBe('missing');
    expect(find(report, `patrol_record#${today}#${SUP}#1`).status).toBe('on_time');
  });
});

describe('compliance (按时完成率 = on time / due)', () => {
  it('per type, per unit and overall', () => {
    const report = computeObligations(
      input({
        includedOn: '2026-10-11',
        period: { from: '2026-10-11', to: '2026-10-13' },
        asOf: '2026-10-14',
        units: [contractor],
      }),
      [
        doc('daily_report', GC, '2026-10-12 20:00:00', { reportDate: '2026-10-12' }),
        doc('daily_report', GC, '2026-10-14 08:00:00', { reportDate: '2026-10-13' }),
      ],
    );
    // owed: the reports of 10-11 (inclusion day, missing), 10-12 (on time), 10-13 (late), and the self-inspection
    expect(report.compliance.overall).toEqual({ due: 4, onTime: 1, late: 1, missing: 2, ratio: 0.25 });
    expect(report.compliance.byType).toEqual({
      daily_report: { due: 3, onTime: 1, late: 1, missing: 1, ratio: 1 / 3 },
      self_inspection: { due: 1, onTime: 0, late: 0, missing: 1, ratio: 0 },
    });
    expect(report.compliance.byUnit).toEqual({ [GC]: { due: 4, onTime: 1, late: 1, missing: 2, ratio: 0.25 } });
  });

  it('a full month delivered on time is 100 %', () => {
    const documents: DeliveredDocument[] = [];
    const report0 = computeObligations(input(), []);
    for (const o of report0.obligations) {
      const extra: Partial<DeliveredDocument> = o.reportDate ? { reportDate: o.reportDate } : {};
      if (o.type === 'rectification_plan') continue;
      documents.push(doc(o.type, o.unitCreditCode ?? DEV, `${o.dueOn} 12:00:00`, extra));
    }
    const report = computeObligations(input(), documents);
    expect(report.compliance.overall.ratio).toBe(1);
    expect(report.compliance.overall.due).toBe(report.obligations.length);
  });

  it('null when nothing is due', () => {
    const report = computeObligations(
      input({ includedOn: '2026-10-13', period: { from: '2026-10-13', to: '2026-10-13' }, units: [supervisor] }),
      [],
    );
    expect(report.obligations).toEqual([]);
    expect(report.compliance.overall.ratio).toBeNull();
  });
});

describe('upload page helpers', () => {
  const report = computeObligations(
    input({
      asOf: '2026-10-15T10:00:00+08:00',
      notices: [{ id: 'ntc_1', type: 'inclusion', issuedOn: '2026-10-08', receiptDueAt: '2026-10-15T23:59:59+08:00' }],
    }),
    [doc('patrol_record', SUP, '2026-10-15 09:00:00', { reportDate: '2026-10-15' })],
  );

  it('dueToday lists what a unit still owes today, with what any unit may deliver', () => {
    expect(dueToday(report, '2026-10-15', SUP).map((o) => o.key)).toEqual([
      `follow_up_report#2026-10-14#${SUP}`,
      'notice_receipt#ntc_1',
      `patrol_record#2026-10-15#${SUP}#2`,
    ]);
    expect(dueToday(report, '2026-10-15', GC).map((o) => o.key)).toEqual([
      `daily_report#2026-10-15#${GC}`,
      'notice_receipt#ntc_1',
    ]);
  });

  it('missingFor lists what a unit missed', () => {
    const missed = missingFor(report, GC);
    expect(missed.every((o) => o.unitCreditCode === GC && o.status === 'missing')).toBe(true);
    expect(missed.map((o) => o.dueOn)).toContain('2026-10-14');
    expect(missed.map((o) => o.dueOn)).not.toContain('2026-10-15');
  });
});

describe('keys and input checks', () => {
  it('keys are unique and stable across recomputations', () => {
    const a = computeObligations(
      input({ inspectionReports: [{ inspectionId: 'ins_a', date: '2026-09-28', hazardCount: 1 }] }),
      [],
    );
    const b = computeObligations(
      input({ inspectionReports: [{ inspectionId: 'ins_a', date: '2026-09-28', hazardCount: 1 }] }),
      [],
    );
    const keys = a.obligations.map((o) => o.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(b.obligations.map((o) => o.key)).toEqual(keys);
  });

  it('sorted by due time', () => {
    const due = computeObligations(input(), []).obligations.map((o) => o.dueAt);
    expect([...due].sort()).toEqual(due);
  });

  it.each([
    { period: { from: '2026-10-31', to: '2026-10-01' } },
    { period: { from: '2026-02-30', to: '2026-03-31' } },
    { asOf: 'yesterday' },
    { asOf: '2026-10-15T10:00:00' }, // no offset: would be read in the machine's time zone
    { includedOn: '2026/09/28' },
  ])('refuses %o', (overrides) => {
    expect(() => computeObligations(input(overrides), [])).toThrow(InvalidInputError);
  });

  it.each([
    ['an unreadable upload time', doc('daily_report', GC, 'soon')],
    ['an upload time without offset', doc('daily_report', GC, '2026-10-12T10:00:00')],
    [
      'a report date that is not a date',
      doc('weekly_report', SUP, '2026-10-12 10:00:00', { reportDate: '2026-13-01' }),
    ],
  ])('refuses a document with %s', (_name, bad) => {
    expect(() => computeObligations(input(), [bad])).toThrow(InvalidInputError);
  });
});

describe('a long cycle', () => {
  it('a 3-month cycle with 4 units and a full set of documents delivered on time has nothing missing or late', () => {
    const longInput = input({
      includedOn: '2026-08-31',
      period: { from: '2026-09-01', to: '2026-11-30' },
      asOf: '2026-12-01',
      level2ReachedOn: '2026-09-01',
      inspectionReports: Array.from({ length: 12 }, (_, i) => ({
        inspectionId: `ins_${i}`,
        date: `2026-${String(9 + Math.floor(i / 4)).padStart(2, '0')}-${String(3 + (i % 4) * 7).padStart(2, '0')}`,
        hazardCount: 2,
      })),
    });
    const documents: DeliveredDocument[] = [];
    for (const o of computeObligations(longInput, []).obligations) {
      const extra: Partial<DeliveredDocument> = o.reportDate ? { reportDate: o.reportDate } : {};
      documents.push(doc(o.type, o.unitCreditCode ?? DEV, `${o.dueOn} 12:00:00`, extra));
    }
    expect(documents.length).toBeGreaterThan(400);
    // Speed is measured by `npm run bench` (docs/benchmarks.md), not asserted here: shared machines are noisy.
    const report = computeObligations(longInput, documents);
    expect(report.compliance.overall.missing).toBe(0);
    expect(report.compliance.overall.late).toBe(0);
  });
});

describe('earliestAnswerDay: the documents the monthly evaluation reads (issue 13, reads bounded by windows)', () => {
  // periods after holidays that stretch working-day deadlines the most: Spring Festival, National Day
  for (const period of [
    { from: '2026-03-01', to: '2026-03-31' },
    { from: '2026-10-01', to: '2026-10-31' },
    { from: '2026-10-09', to: '2026-11-30' },
  ]) {
    it(`every obligation due in ${period.from}…${period.to} has its origin on or after the day (${period.from})`, () => {
      const thresholds = DEFAULT_RULE_SET.thresholds;
      const earliest = earliestAnswerDay(period, thresholds);
      const days = Array.from({ length: 60 }, (_, n) => addDays(period.from, n - 60));
      const report = computeObligations(
        input({
          includedOn: days[0] as string,
          period,
          asOf: period.to,
          inspectionReports: days.map((date) => ({ inspectionId: `ins_${date}`, date, hazardCount: 1 })),
          notices: days.map((date) => ({
            id: `ntc_${date}`,
            type: 'inclusion' as const,
            issuedOn: date,
            receiptDueAt: addWorkingDays(date, thresholds.receiptWorkingDays).dueAt,
          })),
        }),
        [],
      );
      const origins = report.obligations.flatMap((obligation) => {
        if (obligation.type === 'rectification_plan') return [obligation.key.split('#')[1]?.slice(4) as string];
        if (obligation.type === 'notice_receipt') return [obligation.key.split('#')[1]?.slice(4) as string];
        return obligation.reportDate ? [obligation.reportDate] : [];
      });
      expect(origins.length).toBeGreaterThan(0);
      for (const origin of origins) expect(origin >= earliest, `${origin} before ${earliest}`).toBe(true);
    });
  }

  it('reaches back to the day level 2 was reached while the group report can still fall due in the period', () => {
    const thresholds = DEFAULT_RULE_SET.thresholds;
    const period = { from: '2026-10-01' };
    const plain = earliestAnswerDay(period, thresholds);
    expect(earliestAnswerDay(period, thresholds, addDays(plain, -5))).toBe(addDays(plain, -5));
    expect(earliestAnswerDay(period, thresholds, addDays(period.from, -120))).toBe(plain);
    expect(earliestAnswerDay(period, thresholds, addDays(period.from, 3))).toBe(plain);
  });
});
