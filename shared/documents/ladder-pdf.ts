/**
 * The documents of the escalation ladder's upper levels (实施方案 §3(5)–(6), SPEC §2.4):
 *
 * - level 2, one per group company of the three main units (参建三方集团公司):
 *   > 责令参建三方集团公司安排更换相关责任人员，派专人进驻施工现场督促整改落实，并以集团名义向我委报送整改情况及后续措施。
 * - level 3, to the municipal commission:
 *   > 将工程项目违法违规情况上报市住房城乡建委。
 *
 * A4, as many pages as needed, set with the shared primitives of pdf-layout.ts; the same input gives the same bytes.
 * Neither carries a 文号: the seed configures no prefix for them (the notices' and circulars' are in
 * shared/domain/notice-number.ts), so each is referenced by its record id.
 */
import { CONDITION_TEXTS, conditionLabel } from '../domain/rule-set.js';
import { type ConditionId, ISSUED_DOCUMENT_TITLES, UNIT_ROLE_NAMES, type UnitRole } from '../domain/vocabulary.js';
import { DEFAULT_RELEASE_ISSUER, projectBlank } from './notice-pdf.js';
import { type DocumentPage, formatChineseDate, renderDocument } from './pdf-layout.js';

const PLAN = '《建筑工程施工现场安全生产差别化监管实施方案》';

/** The title of the level-2 order to a group company. */
export const GROUP_ORDER_TITLE = ISSUED_DOCUMENT_TITLES.group_order;
/** The title of the level-3 report to the municipal commission. */
export const MUNICIPAL_REPORT_TITLE = ISSUED_DOCUMENT_TITLES.municipal_report;

/** The commission (我委) that signs the order and the report: 附件2's issuer, the seed's signatory. */
export const DEFAULT_COMMISSION = DEFAULT_RELEASE_ISSUER;

/** A unit of the project as these documents name it. */
export interface LadderUnit {
  role: UnitRole;
  name: string;
  creditCode: string;
}

/** 差别化监管责令通知书 to one group company. Dates are `YYYY-MM-DD`. */
export interface GroupOrderInput {
  /** the order's record id, its reference */
  orderId: string;
  groupCompany: string;
  /** the group's units in the project (a group owning two of the three main units is ordered once, for both) */
  units: readonly LadderUnit[];
  projectName: string;
  projectAddress?: string;
  /** the day the case was included (纳入差别化监管) */
  includedOn: string;
  /** the day of the order: the evaluation that raised the case to level 2 */
  orderedOn: string;
  /** the last day for the group report (以集团名义报送): 10 working days after `orderedOn` */
  groupReportDueOn: string;
  /** the grounds of the failed cycle, in Chinese (the evaluation's reasons) */
  grounds: readonly string[];
  /** defaults to the commission (我委) */
  issuer?: string;
}

/**
 * 差别化监管责令通知书: addressed to the group company, naming its units and the project, the grounds, and the three
 * orders of seed §3(5) word for word, the group report's deadline, the issuer and the date.
 */
export async function renderGroupOrder(input: GroupOrderInput): Promise<Buffer> {
  const issuer = input.issuer ?? DEFAULT_COMMISSION;
  if (input.units.length === 0) throw new RangeError('An order names the units of the group in the project');
  const due = formatChineseDate(input.groupReportDueOn);
  const info = {
    title: GROUP_ORDER_TITLE,
    reference: input.orderId,
    subject: input.projectName,
    author: issuer,
    datedOn: input.orderedOn,
  };
  return renderDocument(info, 'pages', (page) => {
    page.heading(GROUP_ORDER_TITLE, `文书记录号：${input.orderId}`);
    page.addressee(`${input.groupCompany}：`);
    page.sentence([
      { text: `按照${PLAN}，贵集团所属` },
      { text: unitList(input.units), underline: true },
      { text: '参建的工程建设项目：' },
      { text: projectBlank(input.projectName, input.projectAddress), underline: true },
      {
        text:
          `于${formatChineseDate(input.includedOn)}纳入差别化监管。在采取差别化监管措施两个周期后，该项目仍具备差别化监管条件，` +
          '施工现场安全管理水平依旧未有效提高。',
      },
    ]);
    if (input.grounds.length) {
      page.paragraph('周期评定发现的主要问题：');
      numbered(page, input.grounds);
    }
    page.paragraph(`依据${PLAN}第三部分第（5）项，现责令贵集团公司：`);
    numbered(page, [
      '安排更换相关责任人员；',
      '派专人进驻施工现场督促整改落实；',
      `以集团名义向我委报送整改情况及后续措施，报送期限：${due}（含当日）前。`,
    ]);
    page.paragraph('请贵集团公司高度重视，切实履行安全生产主体责任，督促所属单位全面落实整改。');
    page.signOff(issuer, input.orderedOn);
  });
}

/** 关于差别化监管项目违法违规情况的报告, to the municipal commission. Dates are `YYYY-MM-DD`. */
export interface MunicipalReportInput {
  /** the report's record id, its reference */
  reportId: string;
  /** 北京市住房和城乡建设委员会 */
  recipient: string;
  projectName: string;
  projectAddress?: string;
  units: readonly LadderUnit[];
  includedOn: string;
  /** the day of the report: the day the level-3 measures were set in motion */
  reportedOn: string;
  /** the conditions that held (差别化监管条件), printed in the plan's wording */
  conditionsMet: readonly ConditionId[];
  /** the violations and grounds, in Chinese */
  violations: readonly string[];
  /** the measures taken, levels 1–3, with the day each started when known */
  measures: ReadonlyArray<{ name: string; startedOn?: string | null }>;
  /**
   * the draft circular of criticism (全区通报批评), by its number; null while it has none (it is numbered when
   * published, SPEC §2.2)
   */
  circularNumber: string | null;
  /** defaults to the commission (我委) */
  issuer?: string;
}

/**
 * 关于差别化监管项目违法违规情况的报告: the project and its units (with their unified social credit codes), the
 * conditions that held, the violations, the measures taken level by level, and the circular of criticism.
 */
export async function renderMunicipalReport(input: MunicipalReportInput): Promise<Buffer> {
  const issuer = input.issuer ?? DEFAULT_COMMISSION;
  const info = {
    title: MUNICIPAL_REPORT_TITLE,
    reference: input.reportId,
    subject: input.projectName,
    author: issuer,
    datedOn: input.reportedOn,
  };
  const included = formatChineseDate(input.includedOn);
  return renderDocument(info, 'pages', (page) => {
    page.heading(MUNICIPAL_REPORT_TITLE, `文书记录号：${input.reportId}`);
    page.addressee(`${input.recipient}：`);
    page.sentence([
      { text: `按照${PLAN}，我委对工程建设项目` },
      { text: projectBlank(input.projectName, input.projectAddress), underline: true },
      {
        text:
          `实施差别化监管。该项目于${included}纳入差别化监管，在采取差别化监管措施三个周期后，施工现场安全管理水平仍然` +
          '无法达到安全管理要求。现将该工程项目违法违规情况报告如下：',
      },
    ]);
    page.section('一、工程项目基本情况');
    page.field('工程名称：', [projectBlank(input.projectName, input.projectAddress)], '参建单位：');
    page.field(
      '参建单位：',
      input.units.map((unit) => `${UNIT_ROLE_NAMES[unit.role]}　${unit.name}（统一社会信用代码：${unit.creditCode}）`),
      '参建单位：',
    );
    page.section('二、具备的差别化监管条件');
    if (input.conditionsMet.length === 0) page.paragraph('（见历次周期评定记录）');
    for (const id of input.conditionsMet) page.numberedItem(conditionLabel(id), `${CONDITION_TEXTS[id]}。`);
    page.section('三、违法违规情况');
    if (input.violations.length === 0) page.paragraph('（见历次周期评定记录）');
    numbered(page, input.violations);
    page.section('四、已采取的监管措施');
    numbered(
      page,
      input.measures.map((measure) =>
        measure.startedOn ? `${measure.name}（${formatChineseDate(measure.startedOn)}起）` : measure.name,
      ),
    );
    page.section('五、通报批评及信用曝光');
    // a draft circular is numbered when it is published (SPEC §2.2); reports of numbered drafts name the number
    page.paragraph(
      input.circularNumber
        ? `我委已起草全区通报批评（${input.circularNumber}），在依法听取参建单位陈述申辩后予以发布，` +
            '并报通州区人民政府“信用通州”曝光台公示。'
        : '我委已起草全区通报批评，在依法听取参建单位陈述申辩后予以编号发布，' +
            '并报通州区人民政府“信用通州”曝光台公示。',
    );
    // the closing words stay with the sign-off
    page.keepLines(6);
    page.paragraph('特此报告。');
    page.signOff(issuer, input.reportedOn);
  });
}

/** 建设单位 甲、施工总承包单位 乙 */
function unitList(units: readonly LadderUnit[]): string {
  return units.map((unit) => `${UNIT_ROLE_NAMES[unit.role]}${unit.name}`).join('、');
}

function numbered(page: DocumentPage, lines: readonly string[]): void {
  lines.forEach((line, index) => {
    page.numberedItem(`（${index + 1}）`, line);
  });
}
