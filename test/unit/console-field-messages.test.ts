/** The console shows the API's field problems in Chinese, beside the field their path names. */
import { describe, expect, it } from 'vitest';
import { chineseFieldMessage, fieldPath } from '../../console/src/lib/api/field-messages.js';

describe("the console's field problems", () => {
  it('reads the API field paths as form name paths', () => {
    expect(fieldPath('units[1].creditCode')).toEqual(['units', 1, 'creditCode']);
    expect(fieldPath('findings.0.deadline')).toEqual(['findings', 0, 'deadline']);
    expect(fieldPath('body')).toEqual([]);
    expect(fieldPath('keyPersonnelPresent.projectManager')).toEqual(['keyPersonnelPresent', 'projectManager']);
  });

  it('says in Chinese what the schemas say in English, and keeps Chinese as it is', () => {
    expect(chineseFieldMessage('this credit code is already listed for another unit of the project')).toBe(
      '该信用代码已用于本项目的另一家单位',
    );
    expect(chineseFieldMessage('the rectification deadline 2026-09-01 is before the inspection date 2026-09-10')).toBe(
      '整改期限 2026-09-01 早于检查日期 2026-09-10',
    );
    expect(chineseFieldMessage('an inspection is made by two or more inspectors (双人执法)')).toContain('双人执法');
    expect(chineseFieldMessage('a project needs a unit with role "supervisor"')).toBe('项目须有监理单位');
    expect(chineseFieldMessage('整改期限不能早于检查日期')).toBe('整改期限不能早于检查日期');
    expect(chineseFieldMessage('something new')).toBe('填写有误（something new）');
  });
});
