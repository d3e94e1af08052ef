/**
 * The documents beside the notices — the inspection report (检查报告), the level-2 order to a group company and the
 * level-3 report to the municipal commission — read back with poppler-utils.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  INSPECTION_REPORT_TITLE,
  type InspectionReportInput,
  renderInspectionReport,
} from '../../../shared/documents/inspection-report-pdf.js';
import {
  DEFAULT_COMMISSION,
  GROUP_ORDER_TITLE,
  type GroupOrderInput,
  MUNICIPAL_REPORT_TITLE,
  type MunicipalReportInput,
  renderGroupOrder,
  renderMunicipalReport,
} from '../../../shared/documents/ladder-pdf.js';
import { DEFAULT_INCLUSION_ISSUER } from '../../../shared/documents/notice-pdf.js';
import { pdfFonts, pdfPageCount, pdfText } from '../../support/pdf-reader.js';

/**
 * The text without any white space: pdftotext breaks lines where the page does and sets a gap after a number (（1）)
 * as a space; the expected strings are squeezed alike.
 */
const squeeze = (text: string) => text.replace(/\s+/g, '');
const read = (pdf: Uint8Array) => squeeze(pdfText(pdf));
/** `expect(text).toContain(expected)`, both squeezed. */
const contains = (text: string, expected: string) => expect(text).toContain(squeeze(expected));

const units = [
  { role: 'developer' as const, name: '北京某某房地产开发有限公司', creditCode: '91110112MA01AAAA1X' },
  { role: 'general_contractor' as const, name: '中国某某建设集团有限公司', creditCode: '91110000100000000A' },
  { role: 'supervisor' as const, name: '北京某某工程监理有限公司', creditCode: '91110105MA02BBBB2Y' },
];
const [developer, contractor, supervisor] = units as [(typeof units)[0], (typeof units)[1], (typeof units)[2]];
const projectName = '通州区台湖镇某某地块R2二类居住用地项目';

const report: InspectionReportInput = {
  inspectionId: 'ins_01JABCDEF0000000000000000',
  projectName,
  projectAddress: '通州区台湖镇某某路1号',
  units,
  date: '2026-09-10',
  kind: 'joint',
  inspectors: ['张某某', '李某某'],
  keyPersonnelPresent: { projectManager: true, chiefSupervisingEngineer: false },
  keyPersons: { projectManager: '王某某', chiefSupervisingEngineer: '赵某某' },
  findings: [
    {
      kind: 'hazard',
      category: 'excavation',
      severity: 'major',
      unitCreditCode: contractor.creditCode,
      description: '基坑东侧临边防护栏杆缺失约20米，坑边1米内堆放钢筋。',
      deadline: '2026-09-12',
    },
    {
      kind: 'site_disorder',
      category: 'management',
      severity: 'general',
      unitCreditCode: supervisor.creditCode,
      description: '监理日志记录不全，旁站记录缺失。',
      deadline: '2026-09-17',
    },
    {
      kind: 'hazard',
      category: 'electrical',
      severity: 'general',
      unitCreditCode: contractor.creditCode,
      description: '二级配电箱未设置漏电保护器。',
      deadline: '2026-09-11',
    },
  ],
  summary: '该项目基坑临边防护和临时用电问题突出，监理履职不到位，须立即整改。',
  rectificationPlanDueOn: '2026-09-17',
};

describe('inspection report (检查报告)', () => {
  let pdf: Buffer;
  let text: string;
  beforeAll(async () => {
    pdf = await renderInspectionReport(report);
    text = read(pdf);
  }, 30_000);

  it('is a PDF with the Chinese font embedded as a subset, and nothing else', () => {
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const fonts = pdfFonts(pdf);
    expect(fonts).toMatch(/\+NotoSansHans-Regular\s.*\byes\s+yes\s+yes\b/);
    expect(fonts).not.toMatch(/Helvetica/);
  });

  it('names the project, the inspection, the inspectors and who of the key personnel was there', () => {
    contains(text, INSPECTION_REPORT_TITLE);
    contains(text, `检查记录号：${report.inspectionId}`);
    contains(text, `${projectName}（通州区台湖镇某某路1号）`);
    for (const unit of units) contains(text, unit.name);
    contains(text, '检查日期：2026年9月10日');
    contains(text, '检查类型：联合执法检查');
    contains(text, '检查人员：张某某、李某某');
    contains(text, '项目经理 王某某：到岗');
    contains(text, '总监理工程师 赵某某：未到岗');
  });

  it('lists each finding item by item: category, nature, severity, responsible unit, deadline', () => {
    contains(text, '一、检查发现的问题（共3项）');
    contains(
      text,
      '（1）基坑东侧临边防护栏杆缺失约20米，坑边1米内堆放钢筋。类别：基坑；性质：安全隐患；严重程度：重大' +
        `责任单位：${contractor.name}（施工总承包单位）整改期限：2026年9月12日`,
    );
    contains(
      text,
      '（2）监理日志记录不全，旁站记录缺失。类别：安全管理；性质：施工现场管理混乱；严重程度：一般' +
        `责任单位：${supervisor.name}（监理单位）整改期限：2026年9月17日`,
    );
    contains(text, '（3）二级配电箱未设置漏电保护器。类别：临时用电；性质：安全隐患；严重程度：一般');
    contains(text, `二、检查结论${report.summary}`);
  });

  it('asks the units for their rectification plans (一厂一策) by the deadline, each responsible unit with its items', () => {
    contains(text, '请各参建单位对照本检查报告，“一厂一策”做好整改方案，于2026年9月17日（含当日）前报送安全监管机构');
    contains(text, '逐条逐项检查、验收隐患整改情况，确保隐患全面消除。');
    contains(text, `1.${contractor.name}（施工总承包单位）第1、3项，共2项`);
    contains(text, `2.${supervisor.name}（监理单位）第2项，共1项`);
    // the developer is responsible for nothing here: named among the units, not among those with items
    expect(text.split('各责任单位应整改的问题')[1]).not.toContain(developer.name);
    contains(text, `${DEFAULT_INCLUSION_ISSUER}2026年9月10日`);
    contains(text, '检查人员（签字）：');
  });

  it('renders the same bytes for the same input, other bytes for another', async () => {
    const again = await renderInspectionReport({ ...report, findings: report.findings.map((f) => ({ ...f })) });
    expect(again.equals(pdf)).toBe(true);
    const other = await renderInspectionReport({ ...report, summary: `${report.summary}另查。` });
    expect(other.equals(pdf)).toBe(false);
  }, 30_000);

  it('runs onto numbered pages when the findings are many', async () => {
    const many = await renderInspectionReport({
      ...report,
      findings: Array.from({ length: 30 }, (_, i) => ({
        ...(report.findings[i % 3] as InspectionReportInput['findings'][number]),
        description: `第${i + 1}处：${report.findings[i % 3]?.description}`,
      })),
    });
    const pages = pdfPageCount(many);
    expect(pages).toBeGreaterThan(1);
    const manyText = read(many);
    for (let page = 1; page <= pages; page++) contains(manyText, `第${page}页共${pages}页`);
    contains(manyText, '（30）第30处：');
  }, 30_000);

  it('says so when nothing was found, and asks for no plan', async () => {
    const clean = read(await renderInspectionReport({ ...report, findings: [], rectificationPlanDueOn: null }));
    contains(clean, '一、检查发现的问题本次检查未发现问题隐患。');
    contains(clean, '本次检查未发现需要整改的问题。');
    expect(clean).not.toContain('一厂一策');
  }, 30_000);

  it('refuses a finding of a unit that is not the project’s, a single inspector, findings without a plan deadline', async () => {
    const stranger = { ...(report.findings[0] as InspectionReportInput['findings'][number]), unitCreditCode: 'X' };
    await expect(renderInspectionReport({ ...report, findings: [stranger] })).rejects.toThrow(RangeError);
    await expect(renderInspectionReport({ ...report, inspectors: ['张某某'] })).rejects.toThrow(RangeError);
    await expect(renderInspectionReport({ ...report, rectificationPlanDueOn: null })).rejects.toThrow(RangeError);
  });
});

const order: GroupOrderInput = {
  orderId: 'ord_01JABCDEF0000000000000000',
  groupCompany: '北京城建集团有限责任公司',
  units: [developer, contractor],
  projectName,
  includedOn: '2026-09-10',
  orderedOn: '2026-11-01',
  groupReportDueOn: '2026-11-13',
  grounds: ['隐患逾期未整改3项', '本周期履约率45%，低于90%'],
};

describe('order to a group company (seed §3(5))', () => {
  it('orders, in the seed’s words, the replacement, the staff on site and the group report by its deadline', async () => {
    const pdf = await renderGroupOrder(order);
    const text = read(pdf);
    contains(text, GROUP_ORDER_TITLE);
    contains(text, `文书记录号：${order.orderId}`);
    contains(text, `${order.groupCompany}：`);
    contains(
      text,
      `贵集团所属建设单位${developer.name}、施工总承包单位${contractor.name}参建的工程建设项目：${projectName}`,
    );
    contains(text, '于2026年9月10日纳入差别化监管。在采取差别化监管措施两个周期后，该项目仍具备差别化监管条件');
    contains(text, '（1）隐患逾期未整改3项（2）本周期履约率45%，低于90%');
    contains(text, '现责令贵集团公司：（1）安排更换相关责任人员；（2）派专人进驻施工现场督促整改落实；');
    contains(text, '（3）以集团名义向我委报送整改情况及后续措施，报送期限：2026年11月13日（含当日）前。');
    contains(text, `${DEFAULT_COMMISSION}2026年11月1日`);
    expect((await renderGroupOrder({ ...order, units: [...order.units] })).equals(pdf)).toBe(true);
  }, 30_000);

  it('refuses an order naming no unit', async () => {
    await expect(renderGroupOrder({ ...order, units: [] })).rejects.toThrow(RangeError);
  });
});

const municipal: MunicipalReportInput = {
  reportId: 'mrp_01JABCDEF0000000000000000',
  recipient: '北京市住房和城乡建设委员会',
  projectName,
  units,
  includedOn: '2026-09-10',
  reportedOn: '2026-12-01',
  conditionsMet: ['C1', 'C4'],
  violations: ['隐患逾期未整改3项'],
  measures: [
    { name: '驻场监督', startedOn: '2026-10-01' },
    { name: '全区通报批评', startedOn: '2026-12-01' },
    { name: '违法违规情况上报市住房城乡建设委', startedOn: null },
  ],
  circularNumber: '通住建安通〔2026〕1号',
};

describe('report to the municipal commission (seed §3(6))', () => {
  it('reports the project, its units with their credit codes, the conditions, violations, measures and circular', async () => {
    const pdf = await renderMunicipalReport(municipal);
    const text = read(pdf);
    contains(text, MUNICIPAL_REPORT_TITLE);
    contains(text, '北京市住房和城乡建设委员会：');
    contains(text, '在采取差别化监管措施三个周期后，施工现场安全管理水平仍然无法达到安全管理要求。');
    for (const unit of units) contains(text, `${unit.name}（统一社会信用代码：${unit.creditCode}）`);
    contains(text, '（1）建筑工程项目管理混乱，安全管理机构不健全');
    contains(text, '（4）建筑工程项目对施工过程中存在安全隐患问题拒不整改或不认真整改且问题频繁出现的。');
    expect(text).not.toContain('（6）建筑工程项目在施工过程中发生过亡人事故');
    contains(text, '三、违法违规情况（1）隐患逾期未整改3项');
    contains(
      text,
      '（1）驻场监督（2026年10月1日起）（2）全区通报批评（2026年12月1日起）（3）违法违规情况上报市住房城乡建设委',
    );
    contains(text, '我委已起草全区通报批评（通住建安通〔2026〕1号）');
    contains(text, '“信用通州”曝光台');
    contains(text, `特此报告。${DEFAULT_COMMISSION}2026年12月1日`);
    expect((await renderMunicipalReport({ ...municipal })).equals(pdf)).toBe(true);
  }, 30_000);

  it('names no number for a draft circular, which is numbered when published (SPEC §2.2)', async () => {
    const text = read(await renderMunicipalReport({ ...municipal, circularNumber: null }));
    contains(text, '我委已起草全区通报批评，在依法听取参建单位陈述申辩后予以编号发布');
    expect(text).not.toContain('〔2026〕1号');
  }, 30_000);
});
