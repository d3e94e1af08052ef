/**
 * The notice documents of SPEC §2.2, rendered from the seed's templates: 附件1 差别化监管告知单 (inclusion) and
 * 附件2 差别化监管解除告知单 (release). One A4 page each, the Chinese font embedded as a subset, the text extractable.
 *
 * The output is byte-for-byte reproducible for the same input, because the SHA-256 recorded beside a stored notice
 * must be re-derivable: the Info dates come from the issue date (not the clock), and pdfkit's file /ID is an MD5
 * over the Info dictionary, which we fill from the notice itself (number, project, issuer, dates). Nothing else in
 * pdfkit's output is random unless the document is encrypted, which these are not.
 */
import PDFDocument from 'pdfkit';
import { CONDITION_IDS, type ConditionId } from '../domain/vocabulary.js';
import { loadNoticeFonts, type NoticeFonts } from './fonts.js';

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
  /**
   * the conditions that hold: drawn ☑; the others ☐. At least one, or a ranking basis: otherwise the project is not
   * included.
   */
  conditionsMet: readonly ConditionId[];
  /**
   * SPEC §6.5: a project proposed by the quarter's ranking (basis `ranking`) — the ranking it stood at, one Chinese
   * sentence without the final stop, e.g. `2026年第3季度安全质量状况评估排名中，该项目在通州区房建类项目中排名第12名（共12名），位于后5%`.
   */
  rankingBasis?: string;
}

/** 附件2 差别化监管解除告知单. */
export type ReleaseNoticeInput = NoticeInput;

/**
 * 附件1 差别化监管告知单 as a one-page A4 PDF: the seed's text with the number, the units, the project and a drawn
 * checkbox before each of the six conditions (ticked for those met), the issuer's name and date, the blank
 * signature and stamp block for the recipient, and the 注 with the receipt due date.
 */
export async function renderInclusionNotice(input: InclusionNoticeInput): Promise<Buffer> {
  if (input.conditionsMet.length === 0 && !input.rankingBasis) {
    throw new RangeError('An inclusion notice needs at least one condition met, or the ranking it rests on');
  }
  const met = new Set(input.conditionsMet);
  return render('差别化监管告知单', input, input.issuer ?? DEFAULT_INCLUSION_ISSUER, (page) => {
    page.projectSentence(input, input.conditionsMet.length ? '进行检查。' : '进行安全质量状况评估。');
    if (input.conditionsMet.length) {
      page.paragraph('经现场检查发现，该项目具备下列差别化监管条件之一：');
      CONDITION_IDS.forEach((id, index) => {
        page.checkedItem(`（${index + 1}） ${INCLUSION_CONDITION_TEXTS[id]}`, met.has(id));
      });
    }
    if (input.rankingBasis) page.paragraph(`根据安全质量状况评估排名结果：${input.rankingBasis}。`);
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
  return render('差别化监管解除告知单', input, input.issuer ?? DEFAULT_RELEASE_ISSUER, (page) => {
    page.projectSentence(input, '进行差别化监管周期评定检查。');
    page.paragraph(
      '经对该项目安全管理情况进行周期评定，已不符合差别化监管条件，现我委决定解除其差别化监管措施，' +
        '现向贵单位书面告知。为保障施工项目安全生产管理稳步向好，请贵单位领导重点关注，确保安全生产管理责任落到实处。',
    );
  });
}

const PROJECT_SENTENCE_HEAD = '按照《建筑工程施工现场安全生产差别化监管实施方案》，对贵单位负责管理的工程建设项目：';
const RECEIPT_NOTE = '本告知单一式两份，需被告知方签字盖章后，于5个工作日内报送至告知方。';

/** 2026-09-10 → 2026年9月10日; rejects anything that is not a real calendar date. */
export function formatChineseDate(isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  const [year, month, day] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [0, 0, 0];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (!match || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${isoDate}`);
  }
  return `${year}年${month}月${day}日`;
}

// ---------------------------------------------------------------------------------------------------------------
// Layout. Sizes are in points at scale 1; a notice that does not fit on one page (a very long project name or many
// units) is laid out again a little smaller rather than spilling onto a second page.

const MARGINS = { top: 56, bottom: 50, left: 68, right: 68 } as const;
const SCALES = [1, 0.93, 0.86, 0.8, 0.74] as const;
const BODY_SIZE = 12;
const TITLE_SIZE = 20;

type Body = (page: NoticePage) => void;

async function render(title: string, input: NoticeInput, issuer: string, body: Body): Promise<Buffer> {
  const issued = formatChineseDate(input.issuedOn);
  const due = formatChineseDate(input.receiptDueOn);
  if (input.recipients.length === 0 || input.recipients.some((name) => name.trim() === '')) {
    throw new RangeError('A notice needs the names of the units it is addressed to');
  }
  const fonts = await loadNoticeFonts();
  for (const scale of SCALES) {
    const doc = newDocument(title, input, issuer, fonts);
    const page = new NoticePage(doc, fonts, scale);
    page.heading(title, input.number);
    page.field('告 知 方：', [issuer]);
    page.field('被告知方：', input.recipients);
    body(page);
    page.signOff(issuer, issued);
    page.receiptBlock();
    page.footnote(`注：`, [RECEIPT_NOTE, `请于${due}（含当日）前报送。`]);
    if (doc.bufferedPageRange().count === 1) return finish(doc);
    // Too long for one page: drop this attempt (never ended, so nothing is written) and try smaller.
  }
  throw new RangeError(`Notice ${input.number} does not fit on one page even at the smallest type size`);
}

function newDocument(title: string, input: NoticeInput, issuer: string, fonts: NoticeFonts): PDFKit.PDFDocument {
  // Midnight in Beijing of the issue date: a fixed instant, so the Info dates (and the /ID derived from them) repeat.
  const issuedAt = new Date(`${input.issuedOn}T00:00:00+08:00`);
  return new PDFDocument({
    size: 'A4',
    margins: MARGINS,
    bufferPages: true,
    // The Chinese font from the start: pdfkit otherwise opens Helvetica, whose metrics it loads with a runtime
    // require of its own package files, which a bundle does not have. pdfkit 0.20 takes the font bytes here; its
    // typings (@types/pdfkit 0.17) still say a path string.
    font: fonts.regular as unknown as string,
    info: {
      Title: `${title} ${input.number}`,
      Subject: input.projectName,
      Author: issuer,
      Keywords: input.number,
      Creator: '差别化监管',
      CreationDate: issuedAt,
      ModDate: issuedAt,
    },
    lang: 'zh-CN',
    displayTitle: true,
  });
}

function finish(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolvePdf, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolvePdf(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

/** Writes the parts of a notice top to bottom, keeping the vertical rhythm in one place. */
class NoticePage {
  private readonly left = MARGINS.left;
  private readonly width: number;
  private readonly size: number;
  private readonly lineGap: number;

  constructor(
    private readonly doc: PDFKit.PDFDocument,
    fonts: NoticeFonts,
    private readonly scale: number,
  ) {
    this.width = doc.page.width - MARGINS.left - MARGINS.right;
    this.size = BODY_SIZE * scale;
    // Noto's own line height is already 1.45em; a small gap on top gives the ~1.65em leading of printed forms.
    this.lineGap = 0.2 * this.size;
    // pdfkit takes a parsed fontkit font as well as bytes (its typings say only bytes or a path)
    doc
      .registerFont('regular', fonts.regular as unknown as PDFKit.Mixins.PDFFontSource)
      .registerFont('bold', fonts.bold as unknown as PDFKit.Mixins.PDFFontSource);
  }

  private regular(): PDFKit.PDFDocument {
    return this.doc.font('regular').fontSize(this.size).fillColor('black');
  }

  /** Extra space between blocks, in body lines. */
  private skip(lines: number): void {
    this.doc.y += lines * this.doc.font('regular').fontSize(this.size).currentLineHeight(true);
  }

  heading(title: string, number: string): void {
    const { doc } = this;
    doc.font('bold').fontSize(TITLE_SIZE * this.scale);
    // Letter-spaced, as printed forms set their titles. pdfkit counts the spacing after the last letter too, so the
    // box moves right by half of it to centre the letters themselves.
    const spacing = 0.25 * TITLE_SIZE * this.scale;
    doc.text(title, this.left + spacing / 2, MARGINS.top, {
      width: this.width,
      align: 'center',
      characterSpacing: spacing,
    });
    this.skip(0.6);
    this.regular().text(`编号：${number}`, this.left, doc.y, { width: this.width, align: 'right' });
    this.skip(0.5);
  }

  /** A label with its value(s) beside it, one value per line, wrapped lines hanging under the first. */
  field(label: string, values: readonly string[]): void {
    const { doc } = this;
    const y = doc.y;
    const labelWidth = this.regular().widthOfString('被告知方：');
    doc.text(label, this.left, y, { lineBreak: false });
    doc.text(values.join('\n'), this.left + labelWidth, y, { width: this.width - labelWidth, lineGap: this.lineGap });
    this.skip(0.2);
  }

  /** A body paragraph, first line indented two characters as Chinese prose is. */
  paragraph(text: string): void {
    this.regular().text(text, this.left, this.doc.y, this.paragraphOptions());
  }

  private paragraphOptions(): PDFKit.Mixins.TextOptions {
    return { width: this.width, lineGap: this.lineGap, indent: 2 * this.size, align: 'justify' };
  }

  /** The seed's sentence with the project filled into its blank, underlined as a filled-in blank is. */
  projectSentence(input: NoticeInput, ending: string): void {
    // Ragged right here: pdfkit justifies each continued segment on its own, which stretches the underline of a
    // project name that wraps past the margin.
    const options = { ...this.paragraphOptions(), align: 'left' as const };
    const project = input.projectAddress ? `${input.projectName}（${input.projectAddress}）` : input.projectName;
    this.skip(0.3);
    this.regular()
      .text(PROJECT_SENTENCE_HEAD, this.left, this.doc.y, { ...options, continued: true })
      .text(project, { ...options, underline: true, continued: true })
      .text(ending, { ...options, underline: false });
  }

  /** One condition: a drawn box (ticked when it holds) and the text hanging beside it. */
  checkedItem(text: string, checked: boolean): void {
    const { doc } = this;
    const y = doc.y;
    const box = 0.85 * this.size;
    const boxX = this.left + 0.6 * this.size;
    // pdfkit puts the first line's ideographs about 0.05em–1.05em below y (measured on the render); centre on them.
    const boxY = y + 0.55 * this.size - box / 2;
    drawCheckbox(doc, boxX, boxY, box, checked);
    const textX = this.left + 2 * this.size;
    this.regular().text(text, textX, y, {
      width: this.left + this.width - textX,
      lineGap: this.lineGap,
      paragraphGap: 0.25 * this.size,
    });
  }

  /** The issuer's name and the issue date, right-aligned with the date centred under the name (落款). */
  signOff(issuer: string, issued: string): void {
    const { doc } = this;
    this.skip(1);
    this.regular();
    const right = this.left + this.width - 2 * this.size;
    const issuerWidth = doc.widthOfString(issuer);
    const dateWidth = doc.widthOfString(issued);
    const issuerX = right - issuerWidth;
    doc.text(issuer, issuerX, doc.y, { lineBreak: false });
    this.skip(1);
    doc.text(issued, issuerX + (issuerWidth - dateWidth) / 2, doc.y, { lineBreak: false });
    this.skip(2);
  }

  /** The recipient's stamp, signature and date, left blank: they fill it in by hand when they return the notice. */
  receiptBlock(): void {
    const { doc } = this;
    const column = this.left + 0.45 * this.width;
    this.regular().text('被告知方（盖章）：', column, doc.y, { lineBreak: false });
    this.skip(2);
    doc.text('告知书接收人签字：', this.left, doc.y, { lineBreak: false });
    this.skip(1.4);
    doc.text('日期：\u3000\u3000\u3000\u3000年\u3000\u3000月\u3000\u3000日', column, doc.y, { lineBreak: false });
    this.skip(1.2);
  }

  /** The 注 at the foot of the page (as the seed places it), or right after the content if that is lower. */
  footnote(label: string, lines: readonly string[]): void {
    const { doc } = this;
    const size = 0.9 * this.size;
    doc.font('regular').fontSize(size);
    const labelWidth = doc.widthOfString(label);
    const options = { width: this.width - labelWidth, lineGap: 0.4 * size };
    const height = doc.heightOfString(lines.join('\n'), options);
    const bottom = doc.page.height - MARGINS.bottom;
    // pdfkit breaks the page when a line plus its gap would cross the bottom margin, so leave that gap too.
    const y = Math.max(doc.y + size, bottom - height - options.lineGap - 1);
    doc.text(label, this.left, y, { lineBreak: false });
    doc.text(lines.join('\n'), this.left + labelWidth, y, options);
  }
}

/**
 * ☐ / ☑ drawn as vector paths: the font has no glyphs for U+2610/U+2611, and a drawn box prints the same everywhere.
 */
function drawCheckbox(doc: PDFKit.PDFDocument, x: number, y: number, size: number, checked: boolean): void {
  doc.save();
  doc.lineWidth(Math.max(0.6, size * 0.07)).strokeColor('black');
  doc.rect(x, y, size, size).stroke();
  if (checked) {
    doc
      .lineWidth(size * 0.14)
      .lineCap('round')
      .lineJoin('round')
      .moveTo(x + size * 0.2, y + size * 0.52)
      .lineTo(x + size * 0.42, y + size * 0.76)
      .lineTo(x + size * 0.82, y + size * 0.22)
      .stroke();
  }
  doc.restore();
}
