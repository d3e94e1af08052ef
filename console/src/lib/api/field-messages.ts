/**
 * The API's field messages in Chinese. problem+json `errors[].message` comes from the zod schemas of the wiring
 * table, and several of those are still written in English; the console shows every field message in Chinese,
 * next to its field (SPEC §4: bad input gets a message a person can act on). A message already in Chinese is
 * shown as it is; an unknown English one says the field is wrong and keeps the API's words in brackets.
 */
const HAS_CHINESE = /[\u4e00-\u9fff]/;

const UNIT_ROLES: Record<string, string> = {
  developer: '建设单位',
  general_contractor: '施工总承包单位',
  supervisor: '监理单位',
  subcontractor: '分包单位',
  project_manager: '项目经理',
  chief_supervising_engineer: '总监理工程师',
};

const KNOWN: Array<[RegExp, (match: RegExpExecArray) => string]> = [
  [/^must not be empty$/, () => '不能为空'],
  [/^expected a date as YYYY-MM-DD$/, () => '日期格式应为 YYYY-MM-DD'],
  [/^this date does not exist in the calendar$/, () => '该日期不存在'],
  [/^expected a month as YYYY-MM$/, () => '月份格式应为 YYYY-MM'],
  [/^a unified social credit code has exactly 18 characters$/, () => '统一社会信用代码为 18 位'],
  [/^a unified social credit code uses only/, () => '统一社会信用代码只含数字和大写字母（不含 I、O、S、V、Z）'],
  [/^characters 3 to 8 of a unified social credit code/, () => '统一社会信用代码第 3–8 位应为行政区划码'],
  [/^the last character is not the GB 32100-2015 check character/, () => '校验码不符（GB 32100-2015），请核对是否输错'],
  [/^expected an id like/, () => '编号格式不正确'],
  [/^an inspection is made by two or more inspectors/, () => '执法检查须由两名以上检查人员进行（双人执法）'],
  [/^the same inspector is listed twice$/, () => '同一检查人员不能重复填写'],
  [
    /^the rectification deadline (\S+) is before the inspection date (\S+)$/,
    (m) => `整改期限 ${m[1]} 早于检查日期 ${m[2]}`,
  ],
  [/^a project needs a unit with role "(\w+)"$/, (m) => `项目须有${UNIT_ROLES[m[1] as string] ?? m[1]}`],
  [/^this credit code is already listed for another unit of the project$/, () => '该信用代码已用于本项目的另一家单位'],
  [/^a key person must belong to one of the units of the project$/, () => '关键岗位人员须属于本项目的参建单位'],
  [/^at most one person with role "(\w+)"$/, (m) => `${UNIT_ROLES[m[1] as string] ?? m[1]}只能有一人`],
  [
    /^Too small: expected string to have >=(\d+) characters?$/,
    (m) => (m[1] === '1' ? '不能为空' : `至少 ${m[1]} 个字`),
  ],
  [/^Too big: expected string to have <=(\d+) characters?$/, (m) => `最多 ${m[1]} 个字`],
  [/^Too small: expected array to have >=(\d+) items?$/, (m) => `至少 ${m[1]} 项`],
  [/^Too big: expected array to have <=(\d+) items?$/, (m) => `最多 ${m[1]} 项`],
  [/^Too small: expected number to be >=(\S+)$/, (m) => `不能小于 ${m[1]}`],
  [/^Too big: expected number to be <=(\S+)$/, (m) => `不能大于 ${m[1]}`],
  [/^Invalid input: expected \w+, received undefined$/, () => '必填'],
  [/^Invalid option/, () => '不在可选范围内'],
  [/^Invalid input/, () => '格式不正确'],
];

/** A field message in Chinese. */
export function chineseFieldMessage(message: string): string {
  for (const [pattern, translate] of KNOWN) {
    const match = pattern.exec(message);
    if (match) return translate(match);
  }
  return HAS_CHINESE.test(message) ? message : `填写有误（${message}）`;
}

/** A field path as the API writes it (`units[1].creditCode`, `findings.0.deadline`) → the form's name path. */
export function fieldPath(field: string): Array<string | number> {
  return field
    .replace(/^body\.?/, '')
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter(Boolean)
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}
