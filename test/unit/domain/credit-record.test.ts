import { describe, expect, it } from 'vitest';
import {
  CREDIT_CSV_COLUMNS,
  type CreditRecord,
  creditCsvHeading,
  creditCsvLine,
  creditJsonClosing,
  creditJsonLine,
  creditJsonOpening,
  csvLine,
  hasRecord,
  personalDataInRecord,
} from '../../../shared/domain/credit-record.js';

const record = (overrides: Partial<CreditRecord> = {}): CreditRecord => ({
  creditCode: '91110000000000000X',
  name: '北京某建筑工程有限公司',
  date: '2026-10-08',
  ranks: [],
  points: { totalInWindow: 0, thresholdsReached: [] },
  enterpriseCase: null,
  supervisedProjects: [],
  circulars: [],
  ...overrides,
});

describe('the credit record (SPEC §6.6)', () => {
  it('has a record when any part says something', () => {
    expect(hasRecord(record())).toBe(false);
    expect(hasRecord(record({ points: { totalInWindow: 1, thresholdsReached: [] } }))).toBe(true);
    expect(hasRecord(record({ supervisedProjects: [{ projectId: 'p', name: 'n', level: 0 }] }))).toBe(true);
    expect(hasRecord(record({ circulars: [{ number: 'x', publishedOn: 'a', validUntil: 'b' }] }))).toBe(true);
    expect(hasRecord(record({ enterpriseCase: { status: 'active', since: '2026-10-01' } }))).toBe(true);
    expect(
      hasRecord(
        record({
          ranks: [
            { role: 'supervisor', quarter: '2026Q3', rank: 1, of: 9, score: 91, grade: 'excellent', rankPoints: 10 },
          ],
        }),
      ),
    ).toBe(true);
  });

  it('makes valid JSON of the envelope and its lines, with or without records, ordering each list', () => {
    const opening = creditJsonOpening({ date: '2026-10-08', kid: 'k1', exportedAt: '2026-10-09T00:30:00+08:00' });
    expect(JSON.parse(opening + creditJsonClosing(0))).toEqual({
      format: 'supervision-credit-export/1',
      date: '2026-10-08',
      kid: 'k1',
      exportedAt: '2026-10-09T00:30:00+08:00',
      enterprises: [],
    });
    const two = record({
      supervisedProjects: [
        { projectId: 'prj_b', name: 'B', level: 1 },
        { projectId: 'prj_a', name: 'A', level: 2 },
      ],
    });
    const text = opening + creditJsonLine(record(), true) + creditJsonLine(two, false) + creditJsonClosing(2);
    const parsed = JSON.parse(text) as { enterprises: CreditRecord[] };
    expect(parsed.enterprises).toHaveLength(2);
    expect(parsed.enterprises[1]?.supervisedProjects.map((p) => p.projectId)).toEqual(['prj_a', 'prj_b']);
  });

  it('writes CSV as RFC 4180 with CRLF, quoting what needs it and neutralising formulas', () => {
    expect(csvLine(['a', 'b,c', 'say "hi"', 'two\nlines', 3])).toBe('a,"b,c","say ""hi""","two\nlines",3\r\n');
    expect(csvLine(['=HYPERLINK("x")', '+1', '-2', '@SUM(A1)', 5, -5])).toBe(
      `"'=HYPERLINK(""x"")",'+1,'-2,'@SUM(A1),5,-5\r\n`,
    );
    const heading = creditCsvHeading();
    expect(heading.split(',')).toHaveLength(CREDIT_CSV_COLUMNS.length);
    const line = creditCsvLine(
      record({
        points: { totalInWindow: 17, thresholdsReached: [16, 8] },
        supervisedProjects: [{ projectId: 'prj_a', name: '某项目', level: 2 }],
        ranks: [
          {
            role: 'general_contractor',
            quarter: '2026Q3',
            rank: 3,
            of: 120,
            score: 88.5,
            grade: 'excellent',
            rankPoints: 10,
          },
        ],
      }),
    );
    const cells = line.trimEnd().split(',');
    expect(cells).toHaveLength(CREDIT_CSV_COLUMNS.length);
    expect(cells.slice(0, 10)).toEqual([
      '91110000000000000X',
      '北京某建筑工程有限公司',
      '2026-10-08',
      '17',
      '8;16',
      '',
      '',
      '1',
      '2',
      '某项目（prj_a，2级）',
    ]);
    expect(cells.slice(12, 18)).toEqual(['2026Q3', '3', '120', '88.5', 'excellent', '10']);
  });
});

describe('a record fit to export (SPEC §6.6, published record by record)', () => {
  it('keeps an enterprise whose own credit code is shaped like an ID number (valid check character)', () => {
    expect(personalDataInRecord(record({ creditCode: '121101197401250599' }))).toEqual([]);
  });

  it('names the personal data a record still holds, so that record alone is left out', () => {
    expect(personalDataInRecord(record({ name: '北京某建筑工程有限公司（联系人电话 13800138000）' }))).toEqual([
      'mobile',
    ]);
    expect(
      personalDataInRecord(
        record({ supervisedProjects: [{ projectId: 'p', name: '110101197401250596 住宅项目', level: 1 }] }),
      ),
    ).toEqual(['resident_id']);
  });
});
