/**
 * The inspection report (检查报告, seed §3(2), SPEC §2.2): after every inspection the safety supervision body writes
 * down what it found, item by item, and asks the units to answer it with their rectification plans:
 *
 * > 针对检查结果分析原因形成检查报告。要求各参建单位对照检查报告，“一厂一策”做好整改方案。安全监管机构将对照检查报告
 * > 及各参建单位提交的整改方案逐条逐项检查、验收隐患整改情况，确保隐患全面消除。
 *
 * A4, as many pages as the findings need (numbered 第 n 页 共 N 页), set with the shared primitives of
 * pdf-layout.ts; the same input gives the same bytes.
 */
import { FINDING_KIND_NAMES } from '../domain/conditions.js';
import {
  type FindingKind,
  HAZARD_CATEGORY_NAMES,
  type HazardCategory,
  INSPECTION_KIND_NAMES,
  type InspectionKind,
  ISSUED_DOCUMENT_TITLES,
  SEVERITY_NAMES,
  type Severity,
  UNIT_ROLE_NAMES,
  type UnitRole,
} from '../domain/vocabulary.js';
import { DEFAULT_INCLUSION_ISSUER, projectBlank } from './notice-pdf.js';
import { formatChineseDate, renderDocument } from './pdf-layout.js';

/** The report's title as printed. */
export const INSPECTION_REPORT_TITLE = ISSUED_DOCUMENT_TITLES.inspection_report;

/** A unit of the project as the report names it. */
export interface ReportUnit {
  role: UnitRole;
  name: string;
  creditCode: string;
}

/** One finding (问题、隐患) of the inspection, as recorded. */
export interface ReportFinding {
  kind: FindingKind;
  category: HazardCategory;
  severity: Severity;
  /** the responsible unit's unified social credit code: one of `units` */
  unitCreditCode: string;
  description: string;
  /** rectification deadline (整改期限) `YYYY-MM-DD` */
  deadline: string;
}

/** Everything the report prints. Dates are calendar dates `YYYY-MM-DD` (Asia/Shanghai). */
export interface InspectionReportInput {
  /** the inspection's id, printed as the report's reference (the report has no 文号 of its own) */
  inspectionId: string;
  projectName: string;
  projectAddress?: string;
  /** the participating units (参建单位) */
  units: readonly ReportUnit[];
  /** the inspection's date: the report is dated on it */
  date: string;
  kind: InspectionKind;
  inspectors: readonly string[];
  keyPersonnelPresent: { projectManager: boolean; chiefSupervisingEngineer: boolean };
  /** the key persons' names, when the project records them (printed beside 到岗 / 未到岗) */
  keyPersons?: { projectManager?: string; chiefSupervisingEngineer?: string };
  /** in the order they were recorded: the report numbers them （1）, （2）… */
  findings: readonly ReportFinding[];
  summary: string;
  /** the last day for the units' rectification plans (5 working days after `date`); null when nothing was found */
  rectificationPlanDueOn: string | null;
  /** the safety supervision body (安全监督机构); defaults to the seed's */
  issuer?: string;
}

const PLAN = '《建筑工程施工现场安全生产差别化监管实施方案》';

/**
 * 施工现场安全检查报告: the project and its units, the inspection (date, kind, inspectors, key personnel present),
 * each finding item by item (category, nature, severity, responsible unit, deadline), the summary, the request to
 * the units to submit their rectification plans (一厂一策) by the deadline with each responsible unit's items, the
 * issuer and date, and room for the inspectors' and the inspected units' signatures.
 */
export async function renderInspectionReport(input: InspectionReportInput): Promise<Buffer> {
  const issuer = input.issuer ?? DEFAULT_INCLUSION_ISSUER;
  if (input.inspectors.length < 2) throw new RangeError('An inspection is made by two or more inspectors (双人执法)');
  const units = new Map(input.units.map((unit) => [unit.creditCode, unit]));
  const unitName = (creditCode: string) => {
    const unit = units.get(creditCode);
    if (!unit) throw new RangeError(`The responsible unit ${creditCode} is not a unit of the project`);
    return `${unit.name}（${UNIT_ROLE_NAMES[unit.role]}）`;
  };
  if (input.findings.length > 0 && input.rectificationPlanDueOn === null) {
    throw new RangeError('A report that lists findings names the deadline of the rectification plans');
  }
  // validated here, so a wrong date fails before anything is drawn
  const planDue = input.rectificationPlanDueOn ? formatChineseDate(input.rectificationPlanDueOn) : null;
  const person = (role: string, name: string | undefined, present: boolean) =>
    `${role}${name ? ` ${name}` : ''}：${present ? '到岗' : '未到岗'}`;

  const info = {
    title: INSPECTION_REPORT_TITLE,
    reference: input.inspectionId,
    subject: input.projectName,
    author: issuer,
    datedOn: input.date,
  };
  return renderDocument(info, 'pages', (page) => {
    page.heading(INSPECTION_REPORT_TITLE, `检查记录号：${input.inspectionId}`);
    const labels = '关键岗位人员：';
    page.field('工程名称：', [projectBlank(input.projectName, input.projectAddress)], labels);
    page.field(
      '参建单位：',
      input.units.map((unit) => `${UNIT_ROLE_NAMES[unit.role]}　${unit.name}`),
      labels,
    );
    page.field('检查日期：', [formatChineseDate(input.date)], labels);
    page.field('检查类型：', [INSPECTION_KIND_NAMES[input.kind]], labels);
    page.field('检查人员：', [input.inspectors.join('、')], labels);
    page.field(
      labels,
      [
        person('项目经理', input.keyPersons?.projectManager, input.keyPersonnelPresent.projectManager),
        person(
          '总监理工程师',
          input.keyPersons?.chiefSupervisingEngineer,
          input.keyPersonnelPresent.chiefSupervisingEngineer,
        ),
      ],
      labels,
    );

    page.section(`一、检查发现的问题${input.findings.length ? `（共${input.findings.length}项）` : ''}`);
    if (input.findings.length === 0) page.paragraph('本次检查未发现问题隐患。');
    input.findings.forEach((finding, index) => {
      page.numberedItem(`（${index + 1}）`, finding.description, [
        `类别：${HAZARD_CATEGORY_NAMES[finding.category]}；性质：${FINDING_KIND_NAMES[finding.kind]}；` +
          `严重程度：${SEVERITY_NAMES[finding.severity]}`,
        `责任单位：${unitName(finding.unitCreditCode)}`,
        `整改期限：${formatChineseDate(finding.deadline)}`,
      ]);
    });

    page.section('二、检查结论');
    page.paragraph(input.summary);

    page.section('三、整改要求');
    if (planDue === null) {
      page.paragraph('本次检查未发现需要整改的问题。请各参建单位继续落实安全生产主体责任，做好隐患排查治理工作。');
    } else {
      page.paragraph(
        `按照${PLAN}，请各参建单位对照本检查报告，“一厂一策”做好整改方案，于${planDue}（含当日）前报送安全监管机构，` +
          '并在整改期限内逐项完成整改。安全监管机构将对照检查报告及各参建单位提交的整改方案逐条逐项检查、' +
          '验收隐患整改情况，确保隐患全面消除。',
      );
      page.paragraph('各责任单位应整改的问题：');
      const byUnit = new Map<string, number[]>();
      input.findings.forEach((finding, index) => {
        byUnit.set(finding.unitCreditCode, [...(byUnit.get(finding.unitCreditCode) ?? []), index + 1]);
      });
      [...byUnit].forEach(([creditCode, items], index) => {
        page.numberedItem(`${index + 1}.`, unitName(creditCode), [`第${items.join('、')}项，共${items.length}项`]);
      });
    }

    page.signOff(issuer, input.date);
    page.signatureLine(['检查人员（签字）：', '被检查单位负责人（签字）：']);
  });
}
