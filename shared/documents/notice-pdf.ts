/**
 * The notice documents of SPEC §2.2, rendered from the seed's templates: 附件1 差别化监管告知单 (inclusion) and
 * 附件2 差别化监管解除告知单 (release). One A4 page each, set with the shared primitives of pdf-layout.ts: the Chinese
 * font embedded as a subset, the text extractable, the bytes reproducible for the same input (the Info dates and the
 * /ID come from the notice, never the clock), so the SHA-256 recorded beside a stored notice can be re-derived.
 */
import { CONDITION_IDS, type ConditionId, ISSUED_DOCUMENT_TITLES } from '../domain/vocabulary.js';
import { type DocumentPage, formatChineseDate, renderDocument } from './pdf-layout.js';

export { formatChineseDate };

/** 告知方 of 附件1 as the seed prints it. */
export const DEFAULT_INCLUSION_ISSUER = '通州区住房和城乡建设委员会安全监督机构';
/**
 * 告知方 of 附件2. The seed prints "通州区住房和城乡建设委员" (the final 会 is missing): a typo, since the body says
 * 我委 and the seed is signed by 通州区住房和城乡建设委员会; we render the full name.
 */
export const DEFAULT_RELEASE_ISSUER = '通州区住房和城乡建设委员会';

/** The six conditions of 附件1, word for word (the same six as SPEC's C1–C6, in the same order). */
export const INCLUSION_CONDITION_TEXTS: Readonly<Record<ConditionId, string>> = {
  C1: '建筑工程项目管理混乱，安全管理机构不健全，安全生产责任制落实不到位的，没有认真履行隐患排查治理制度的；',
  C2: '建筑工程项目安全管理机构对项目管理制度不健全，对工程项目各项工作疏于管理的；',
  C3: '施工项目部、监理项目部管理体系不健全，人员到岗履职情况差，施工现场管理混乱的；',
  C4: '建筑工程项目对施工过程中存在安全隐患问题拒不整改或不认真整改且问题频繁出现的；',
  C5: '建筑工程项目被主管部门或有关机构通报批评的；',
  C6: '建筑工程项目在施工过程中发生过亡人事故的。',
};

/** What both notices print. Dates are calendar dates `YYYY-MM-DD` (Asia/Shanghai). */
export interface NoticeInput {
  /** 编号, e.g. 通住建差监告〔2026〕1号 */
  number: string;
  /** the issue date, printed under the issuer and used as the PDF's creation date */
  issuedOn: string;
  /** the last day for the signed and stamped receipt (5 working days after issue), printed with the 注 */
  receiptDueOn: string;
  /** 告知方; defaults to the seed's issuer of the notice type */
  issuer?: string;
  /** 被告知方: the units' names (建设单位, 施工总承包单位, 监理单位 …), one line each */
  recipients: readonly string[];
  projectName: string;
  /** printed in brackets after the project name when given */
  projectAddress?: string;
}

/** 附件1 差别化监管告知单. */
export interface InclusionNoticeInput extends NoticeInput {
  /** the conditions that hold: drawn ☑; the others ☐. At least one, or the project is not included. */
  conditionsMet: readonly ConditionId[];
}

/** 附件2 差别化监管解除告知单. */
export type ReleaseNoticeInput = NoticeInput;

/**
 * 附件1 差别化监管告知单 as a one-page A4 PDF: the seed's text with the number, the units, the project and a drawn
 * checkbox before each of the six conditions (ticked for those met), the issuer's name and date, the blank
 * signature and stamp block for the recipient, and the 注 with the receipt due date.
 */
export async function renderInclusionNotice(input: InclusionNoticeInput): Promise<Buffer> {
  if (input.conditionsMet.length === 0) {
    throw new RangeError('An inclusion notice needs at least one condition met');
  }
  const met = new Set(input.conditionsMet);
  return render(ISSUED_DOCUMENT_TITLES.inclusion_notice, input, input.issuer ?? DEFAULT_INCLUSION_ISSUER, (page) => {
    projectSentence(page, input, '进行检查。');
    page.paragraph('经现场检查发现，该项目具备下列差别化监管条件之一：');
    CONDITION_IDS.forEach((id, index) => {
      page.checkedItem(`（${index + 1}） ${INCLUSION_CONDITION_TEXTS[id]}`, met.has(id));
    });
    page.paragraph(
      '经对该项目安全管理情况进行评定，具备差别化监管条件，决定将其纳入差别化监管，现向贵单位书面告知。' +
        '为了更好的开展差别化监管工作，保证施工现场安全有序，请贵单位领导高度重视，承担起相应的管理责任。',
    );
  });
}

/**
 * 附件2 差别化监管解除告知单 as a one-page A4 PDF, laid out like the inclusion notice without the conditions.
 * The seed's "解决其差别化监管措施" is a typo for 解除 (the notice is the 解除告知单): we render 解除.
 */
export async function renderReleaseNotice(input: ReleaseNoticeInput): Promise<Buffer> {
  return render(ISSUED_DOCUMENT_TITLES.release_notice, input, input.issuer ?? DEFAULT_RELEASE_ISSUER, (page) => {
    projectSentence(page, input, '进行差别化监管周期评定检查。');
    page.paragraph(
      '经对该项目安全管理情况进行周期评定，已不符合差别化监管条件，现我委决定解除其差别化监管措施，' +
        '现向贵单位书面告知。为保障施工项目安全生产管理稳步向好，请贵单位领导重点关注，确保安全生产管理责任落到实处。',
    );
  });
}

const PROJECT_SENTENCE_HEAD = '按照《建筑工程施工现场安全生产差别化监管实施方案》，对贵单位负责管理的工程建设项目：';
const RECEIPT_NOTE = '本告知单一式两份，需被告知方签字盖章后，于5个工作日内报送至告知方。';

/** The project as the notices fill it into their blank: its name, and its address in brackets when given. */
export function projectBlank(projectName: string, projectAddress?: string): string {
  return projectAddress ? `${projectName}（${projectAddress}）` : projectName;
}

/** The seed's sentence naming the project, the project underlined in its blank. */
function projectSentence(page: DocumentPage, input: NoticeInput, ending: string): void {
  page.sentence([
    { text: PROJECT_SENTENCE_HEAD },
    { text: projectBlank(input.projectName, input.projectAddress), underline: true },
    { text: ending },
  ]);
}

/** Both notices: one A4 page (set smaller rather than spilling onto a second), the template's frame around `body`. */
async function render(
  title: string,
  input: NoticeInput,
  issuer: string,
  body: (page: DocumentPage) => void,
): Promise<Buffer> {
  const due = formatChineseDate(input.receiptDueOn);
  if (input.recipients.length === 0 || input.recipients.some((name) => name.trim() === '')) {
    throw new RangeError('A notice needs the names of the units it is addressed to');
  }
  const info = { title, reference: input.number, subject: input.projectName, author: issuer, datedOn: input.issuedOn };
  return renderDocument(info, 'one-page', (page) => {
    page.heading(title, `编号：${input.number}`);
    page.field('告 知 方：', [issuer]);
    page.field('被告知方：', input.recipients);
    body(page);
    page.signOff(issuer, input.issuedOn);
    page.receiptBlock();
    page.footnote(`注：`, [RECEIPT_NOTE, `请于${due}（含当日）前报送。`]);
  });
}
