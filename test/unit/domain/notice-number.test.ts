import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../../shared/domain/errors.js';
import {
  DEFAULT_NOTICE_PREFIXES,
  formatNoticeNumber,
  noticeCounterName,
  parseNoticeNumber,
} from '../../../shared/domain/notice-number.js';

describe('formatNoticeNumber', () => {
  it.each([
    [DEFAULT_NOTICE_PREFIXES.inclusion, 2026, 1, '通住建差监告〔2026〕1号'],
    [DEFAULT_NOTICE_PREFIXES.release, 2026, 12, '通住建差监解〔2026〕12号'],
    [DEFAULT_NOTICE_PREFIXES.circular, 2027, 105, '通住建安通〔2027〕105号'],
    [' 京建发 ', 2026, 3, '京建发〔2026〕3号'],
  ])('%s %i %i → %s', (prefix, year, n, expected) => {
    expect(formatNoticeNumber(prefix, year, n)).toBe(expected);
  });

  it.each([
    ['', 2026, 1],
    ['通住建〔差〕', 2026, 1],
    ['通住建差监告', 26, 1],
    ['通住建差监告', 2026, 0],
    ['通住建差监告', 2026, 1.5],
  ])('refuses %j %s %s', (prefix, year, n) => {
    expect(() => formatNoticeNumber(prefix, year, n)).toThrow(InvalidInputError);
  });
});

describe('parseNoticeNumber', () => {
  it.each([
    ['通住建差监告〔2026〕1号', { prefix: '通住建差监告', year: 2026, n: 1 }],
    ['通住建安通〔2027〕105号', { prefix: '通住建安通', year: 2027, n: 105 }],
    ['通住建差监解[2026]7号', { prefix: '通住建差监解', year: 2026, n: 7 }],
    ['通住建差监解［2026］7号', { prefix: '通住建差监解', year: 2026, n: 7 }],
    ['通住建差监解【2026】007号', { prefix: '通住建差监解', year: 2026, n: 7 }],
    [' 通住建差监告 〔2026〕 1 号 ', { prefix: '通住建差监告', year: 2026, n: 1 }],
  ])('%j', (text, parsed) => {
    expect(parseNoticeNumber(text)).toEqual(parsed);
  });

  it.each([
    '通住建差监告2026年1号',
    '〔2026〕1号',
    '通住建差监告〔26〕1号',
    '通住建差监告〔2026〕0号',
    '通住建差监告〔2026〕号',
    'x',
  ])('is null for %j', (text) => {
    expect(parseNoticeNumber(text)).toBeNull();
  });

  it('round-trips', () => {
    for (const prefix of Object.values(DEFAULT_NOTICE_PREFIXES)) {
      for (const n of [1, 9, 10, 999]) {
        expect(parseNoticeNumber(formatNoticeNumber(prefix, 2026, n))).toEqual({ prefix, year: 2026, n });
      }
    }
  });
});

describe('noticeCounterName', () => {
  it.each([
    ['inclusion', 2026, 'notice#inclusion#2026'],
    ['release', 2026, 'notice#release#2026'],
    ['circular', 2027, 'notice#circular#2027'],
  ] as const)('%s %i → %s', (type, year, name) => {
    expect(noticeCounterName(type, year)).toBe(name);
  });
});
