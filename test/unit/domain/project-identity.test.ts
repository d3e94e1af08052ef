import { describe, expect, it } from 'vitest';
import { MAX_SEARCH_TERMS, nameKey, permitKey, searchTerms } from '../../../shared/domain/project-identity.js';

describe('the normalised name of a project', () => {
  it.each([
    ['full-width and half-width digits and brackets', '运河商务区３号地块（一期）', '运河商务区3号地块(一期)'],
    ['spaces inside the name', '运河商务区 3 号地块', '运河商务区3号地块'],
    ['an ideographic space', '运河商务区\u30003号地块', '运河商务区3号地块'],
    ['punctuation', '运河商务区A-1地块·北区', '运河商务区A1地块北区'],
    ['letter case', 'CBD核心区Z15地块', 'cbd核心区z15地块'],
    ['a zero-width space pasted from a document', '运河\u200b商务区', '运河商务区'],
  ])('is the same across %s', (_what, one, other) => {
    expect(nameKey(one)).toBe(nameKey(other));
  });

  it('keeps apart names that differ in a character a person would see', () => {
    expect(nameKey('运河商务区3号地块')).not.toBe(nameKey('运河商务区5号地块'));
    expect(nameKey('1号楼')).not.toBe(nameKey('1号楼二期'));
  });
});

describe('the normalised permit number', () => {
  it('is the same for the old bracket styles and with spaces', () => {
    expect(permitKey('〔2023〕施〔通〕建字 0012 号')).toBe(permitKey('[2023]施[通]建字0012号'));
    expect(permitKey('１１０１１２２０２６０９０１０１０１')).toBe('110112202609010101');
  });

  it('tells different numbers apart', () => {
    expect(permitKey('110112202609010101')).not.toBe(permitKey('110112202609010102'));
  });

  it('is empty for punctuation alone (the schema refuses such a number)', () => {
    expect(permitKey(' -- 、')).toBe('');
  });
});

describe('the fragments of a name search', () => {
  it('splits on spaces, normalises each fragment and drops repeats', () => {
    expect(searchTerms('运河  办公楼 ３号')).toEqual(['运河', '办公楼', '3号']);
    expect(searchTerms('运河 运河')).toEqual(['运河']);
  });

  it('drops fragments of punctuation alone', () => {
    expect(searchTerms('— 运河 ，')).toEqual(['运河']);
    expect(searchTerms('，。')).toEqual([]);
  });

  it(`keeps at most ${MAX_SEARCH_TERMS} fragments`, () => {
    expect(searchTerms('a b c d e f g')).toHaveLength(MAX_SEARCH_TERMS);
  });
});
