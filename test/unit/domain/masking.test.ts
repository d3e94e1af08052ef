import { describe, expect, it } from 'vitest';
import {
  findPersonalData,
  maskPersonName,
  REDACTION_MARKER,
  redactPersonalData,
} from '../../../shared/domain/masking.js';

describe('maskPersonName', () => {
  it.each([
    ['张三', '张*'],
    ['张三丰', '张**'],
    ['李小龙飞', '李***'],
    ['欧阳娜娜', '欧阳**'],
    ['欧阳娜', '欧阳*'],
    ['司马光', '司马*'],
    ['诸葛亮', '诸葛*'],
    ['上官婉儿', '上官**'],
    ['欧阳', '欧*'],
    ['  王五 ', '王*'],
    ['王', '王'],
    ['', ''],
    ['阿依古丽·买买提', '阿***·***'],
    ['𠮷野家', '𠮷**'],
    ['John Smith', 'J*** *****'],
  ])('%j → %j', (name, masked) => {
    expect(maskPersonName(name)).toBe(masked);
  });
});

/** Valid resident ID numbers (GB 11643 check character correct). */
const ID_X = '11010519491231002X';
const ID = '110101199003074514';

describe('findPersonalData and redactPersonalData', () => {
  it.each([
    ['an 18-character ID', `身份证号${ID}。`, 'resident_id', ID],
    ['an ID ending in X', `身份证：${ID_X}`, 'resident_id', ID_X],
    ['an ID ending in lower-case x', `证件${ID_X.toLowerCase()}`, 'resident_id', ID_X.toLowerCase()],
    ['an ID grouped 6-8-4', '110101 19900307 4514，', 'resident_id', '110101 19900307 4514'],
    [
      'a mistyped ID (wrong check, not a credit code): removed, privacy first',
      '110101199003074515',
      'resident_id',
      '110101199003074515',
    ],
    ['a 15-digit first-generation ID', '旧证号110101900307451', 'resident_id', '110101900307451'],
    ['a mobile number', '联系人张*，13812345678', 'mobile', '13812345678'],
    ['a mobile with +86 and spaces', '手机+86 138 1234 5678。', 'mobile', '+86 138 1234 5678'],
    ['a mobile with hyphens', '电话138-1234-5678', 'mobile', '138-1234-5678'],
    ['a mobile with 0086', '0086 19912345678', 'mobile', '0086 19912345678'],
    ['a mobile with (+86)', '（+86）15912345678', 'mobile', '（+86）15912345678'],
    ['a Beijing landline', '值班电话010-62541234', 'landline', '010-62541234'],
    ['a landline with bracketed area code', '（010）62541234', 'landline', '（010）62541234'],
    ['a landline with extension', '0755-8888 1234转801', 'landline', '0755-8888 1234转801'],
    ['a local number after 电话', '联系电话：6254 1234', 'landline', '6254 1234'],
  ])('finds %s', (_case, text, kind, value) => {
    const found = findPersonalData(text);
    expect(found).toEqual([{ kind, value, start: text.indexOf(value), end: text.indexOf(value) + value.length }]);
    expect(redactPersonalData(text)).toBe(text.replace(value, REDACTION_MARKER));
  });

  it.each([
    ['a unified social credit code with letters', '统一社会信用代码91110108MA01C2XK76'],
    [
      'an all-digit credit code that reads like an ID but only the credit-code check fits',
      '统一社会信用代码111101199003071255',
    ],
    ['an ID-like run inside a longer digit string (bank account)', '账号6222110101199003074514'],
    ['a mobile-like run inside a longer digit string', '订单号2013812345678901'],
    ['an 11-digit number not starting 1[3-9]', '编号12812345678'],
    ['a date and a notice number', '2026-06-30通住建差监告〔2026〕12号'],
    ['an amount', '罚款12345678元'],
    ['the government hotline and a 400 number', '请拨打12345或400-810-8888'],
    ['an 18-digit run with an impossible birth date', '110101199013074514'],
    ['an 18-digit run starting with 9 (no such division)', '910101199003074514'],
    ['a bare 8-digit number without a telephone keyword', '编号62541234'],
  ])('leaves alone %s', (_case, text) => {
    expect(findPersonalData(text)).toEqual([]);
    expect(redactPersonalData(text)).toBe(text);
  });

  it('removes an all-digit 18-character code when the ID check fits, even if the credit-code check fits too', () => {
    // 11110119900307124 + '2' is both a valid credit code and a valid ID number: privacy wins
    expect(findPersonalData('111101199003071242').map((m) => m.kind)).toEqual(['resident_id']);
  });

  it('an ID number is not also reported as a phone number inside it', () => {
    expect(findPersonalData(`${ID} ${ID_X}`).map((m) => m.kind)).toEqual(['resident_id', 'resident_id']);
  });

  it('removes everything in a mixed text and keeps the rest', () => {
    const text = `项目经理张*（身份证${ID}，手机13912345678），监理单位电话010-62541234，信用代码91110108MA01C2XK76。`;
    expect(redactPersonalData(text)).toBe(
      `项目经理张*（身份证${REDACTION_MARKER}，手机${REDACTION_MARKER}），监理单位电话${REDACTION_MARKER}，信用代码91110108MA01C2XK76。`,
    );
    expect(findPersonalData(text).map((m) => m.kind)).toEqual(['resident_id', 'mobile', 'landline']);
  });

  it('leaves a text without personal data unchanged', () => {
    expect(redactPersonalData('')).toBe('');
    expect(redactPersonalData('通州区某项目脚手架隐患3项')).toBe('通州区某项目脚手架隐患3项');
  });
});

describe('public codes: a unit’s unified social credit code is public by law (SPEC §4 "Security")', () => {
  // a valid GB 32100 code whose digits also read as a resident ID number (its GB 11643 check character fits too)
  const ID_SHAPED_CODE = '121101197401250599';

  it('an ID-shaped credit code is taken for an ID number when nothing says it is a credit code', () => {
    expect(findPersonalData(`代码${ID_SHAPED_CODE}`).map((m) => m.kind)).toEqual(['resident_id']);
  });

  it('is left alone, and appears as such, when it is one of the public codes named', () => {
    const text = `施工总承包单位（统一社会信用代码：${ID_SHAPED_CODE}），项目经理手机13812345678`;
    expect(findPersonalData(text, { publicCodes: [ID_SHAPED_CODE] }).map((m) => m.kind)).toEqual(['mobile']);
    expect(redactPersonalData(text, { publicCodes: [ID_SHAPED_CODE] })).toBe(
      `施工总承包单位（统一社会信用代码：${ID_SHAPED_CODE}），项目经理手机${REDACTION_MARKER}`,
    );
  });

  it('exempts only the exact code: a real ID number in the same text is still removed', () => {
    const text = `${ID_SHAPED_CODE}；身份证${ID}`;
    expect(redactPersonalData(text, { publicCodes: [ID_SHAPED_CODE] })).toBe(
      `${ID_SHAPED_CODE}；身份证${REDACTION_MARKER}`,
    );
  });

  it('a public code never exempts a telephone number', () => {
    expect(findPersonalData('13812345678', { publicCodes: ['13812345678'] }).map((m) => m.kind)).toEqual(['mobile']);
  });
});
