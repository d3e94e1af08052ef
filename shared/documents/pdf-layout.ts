/**
 * The drawing primitives every document the agency issues is set with (告知单, 检查报告, 责令通知, 报告): A4, the
 * Chinese font embedded as a subset, the text extractable, and the bytes reproducible for the same input.
 *
 * Reproducible bytes: the SHA-256 recorded beside a stored document must be re-derivable, so the Info dates come
 * from the document's own date (not the clock), and pdfkit's file /ID — an MD5 over the Info dictionary — is fed
 * from the document itself (title, reference, subject, issuer, dates). Nothing else in pdfkit's output is random
 * unless the document is encrypted, which these are not.
 *
 * The templates (notice-pdf.ts, inspection-report-pdf.ts, ladder-pdf.ts) say WHAT a document says; this module
 * says how it is set: margins, type sizes, leading, headings, fields, paragraphs, numbered items, drawn check
 * boxes, the sign-off (落款), the recipient's blank signature block, the foot note and page numbers.
 */
import PDFDocument from 'pdfkit';
import { loadNoticeFonts, type NoticeFonts } from './fonts.js';

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

/** What the PDF's Info dictionary says about the document (and so what its /ID is derived from). */
export interface DocumentInfo {
  /** the document's title as printed, e.g. 差别化监管告知单 */
  title: string;
  /** its number (编号) or, for a document without one, its record id */
  reference: string;
  /** the project it concerns */
  subject: string;
  /** the issuer (告知方, 发文机关) */
  author: string;
  /** the document's date `YYYY-MM-DD`: the PDF's creation and modification date (midnight in Beijing) */
  datedOn: string;
}

/**
 * How the pages are laid out: `one-page` documents (the notices, returned signed on one sheet) are set again a
 * little smaller until they fit one page, and refused if they never do; `pages` documents (a report of many
 * findings) run onto as many pages as they need, each numbered 第 n 页 共 N 页.
 */
export type PageMode = 'one-page' | 'pages';

// Sizes are in points at scale 1.
const MARGINS = { top: 56, bottom: 50, left: 68, right: 68 } as const;
const SCALES = [1, 0.93, 0.86, 0.8, 0.74] as const;
const BODY_SIZE = 12;
const TITLE_SIZE = 20;

/**
 * Render a document: `draw` writes its parts top to bottom on a {@link DocumentPage}. Returns the PDF bytes.
 * Throws a RangeError when a one-page document does not fit even at the smallest type size.
 */
export async function renderDocument(
  info: DocumentInfo,
  mode: PageMode,
  draw: (page: DocumentPage) => void,
): Promise<Buffer> {
  formatChineseDate(info.datedOn);
  const fonts = await loadNoticeFonts();
  const scales = mode === 'one-page' ? SCALES : SCALES.slice(0, 1);
  for (const scale of scales) {
    const doc = newDocument(info, fonts);
    draw(new DocumentPage(doc, fonts, scale));
    const pages = doc.bufferedPageRange().count;
    if (mode === 'pages') {
      if (pages > 1) numberPages(doc, scale);
      return finish(doc);
    }
    if (pages === 1) return finish(doc);
    // Too long for one page: drop this attempt (never ended, so nothing is written) and try smaller.
  }
  throw new RangeError(`Document ${info.reference} does not fit on one page even at the smallest type size`);
}

function newDocument(info: DocumentInfo, fonts: NoticeFonts): PDFKit.PDFDocument {
  // Midnight in Beijing of the document's date: a fixed instant, so the Info dates (and the /ID derived from them)
  // repeat.
  const datedAt = new Date(`${info.datedOn}T00:00:00+08:00`);
  return new PDFDocument({
    size: 'A4',
    margins: MARGINS,
    bufferPages: true,
    // The Chinese font from the start: pdfkit otherwise opens Helvetica, whose metrics it loads with a runtime
    // require of its own package files, which a bundle does not have. pdfkit 0.20 takes the font bytes here; its
    // typings (@types/pdfkit 0.17) still say a path string.
    font: fonts.regular as unknown as string,
    info: {
      Title: `${info.title} ${info.reference}`,
      Subject: info.subject,
      Author: info.author,
      Keywords: info.reference,
      Creator: '差别化监管',
      CreationDate: datedAt,
      ModDate: datedAt,
    },
    lang: 'zh-CN',
    displayTitle: true,
  });
}

/** 第 n 页 共 N 页 centred in the bottom margin of every page. */
function numberPages(doc: PDFKit.PDFDocument, scale: number): void {
  const { start, count } = doc.bufferedPageRange();
  const size = 0.8 * BODY_SIZE * scale;
  for (let index = start; index < start + count; index++) {
    doc.switchToPage(index);
    // Writing inside the bottom margin would make pdfkit break the page: lift the margin while the number is set.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font('regular')
      .fontSize(size)
      .fillColor('black')
      .text(`第 ${index - start + 1} 页 共 ${count} 页`, MARGINS.left, doc.page.height - bottom + 0.6 * size, {
        width: doc.page.width - MARGINS.left - MARGINS.right,
        align: 'center',
        lineBreak: false,
      });
    doc.page.margins.bottom = bottom;
  }
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

/** A run of a sentence: underlined when it fills in a blank of the template (the project's name …). */
export interface SentencePart {
  text: string;
  underline?: boolean;
}

/** Writes the parts of a document top to bottom, keeping the vertical rhythm in one place. */
export class DocumentPage {
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

  private lineHeight(): number {
    return this.doc.font('regular').fontSize(this.size).currentLineHeight(true);
  }

  /** Extra space between blocks, in body lines. */
  skip(lines: number): void {
    this.doc.y += lines * this.lineHeight();
  }

  /** A new page when fewer than `lines` body lines are left on this one (so a block is not split from its head). */
  keepLines(lines: number): void {
    const bottom = this.doc.page.height - this.doc.page.margins.bottom;
    if (this.doc.y + lines * (this.lineHeight() + this.lineGap) > bottom) this.doc.addPage();
  }

  /**
   * The title, letter-spaced and centred, and under it, right-aligned, the reference line when there is one
   * (`编号：通住建差监告〔2026〕1号`).
   */
  heading(title: string, reference?: string): void {
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
    if (reference !== undefined) {
      this.regular().text(reference, this.left, doc.y, { width: this.width, align: 'right' });
    }
    this.skip(0.5);
  }

  /**
   * A label with its value(s) beside it, one value per line, wrapped lines hanging under the first. Labels of a
   * group align on `labelColumn` (the widest label of the group, e.g. '被告知方：').
   */
  field(label: string, values: readonly string[], labelColumn = '被告知方：'): void {
    const { doc } = this;
    const y = doc.y;
    const labelWidth = Math.max(this.regular().widthOfString(labelColumn), doc.widthOfString(label));
    doc.text(label, this.left, y, { lineBreak: false });
    doc.text(values.join('\n'), this.left + labelWidth, y, { width: this.width - labelWidth, lineGap: this.lineGap });
    this.skip(0.2);
  }

  /** A section title of a report (一、检查发现的问题), in bold, with a little air above. */
  section(title: string): void {
    this.keepLines(3);
    this.skip(0.4);
    this.doc.font('bold').fontSize(this.size).fillColor('black').text(title, this.left, this.doc.y, {
      width: this.width,
      lineGap: this.lineGap,
    });
    this.skip(0.15);
  }

  /** The addressee (主送机关) of a letter, flush left on a line of its own: `北京市住房和城乡建设委员会：`. */
  addressee(text: string): void {
    this.skip(0.3);
    this.regular().text(text, this.left, this.doc.y, { width: this.width, lineGap: this.lineGap });
  }

  /** A body paragraph, first line indented two characters as Chinese prose is. */
  paragraph(text: string): void {
    this.regular().text(text, this.left, this.doc.y, this.paragraphOptions());
  }

  private paragraphOptions(): PDFKit.Mixins.TextOptions {
    return { width: this.width, lineGap: this.lineGap, indent: 2 * this.size, align: 'justify' };
  }

  /** A paragraph whose blanks are filled in: the filled-in runs underlined, as a filled-in blank is. */
  sentence(parts: readonly SentencePart[]): void {
    // Ragged right here: pdfkit justifies each continued segment on its own, which stretches the underline of a
    // run that wraps past the margin.
    const options = { ...this.paragraphOptions(), align: 'left' as const };
    this.skip(0.3);
    const doc = this.regular();
    parts.forEach((part, index) => {
      const last = index === parts.length - 1;
      const partOptions = { ...options, underline: Boolean(part.underline), continued: !last };
      if (index === 0) doc.text(part.text, this.left, doc.y, partOptions);
      else doc.text(part.text, partOptions);
    });
  }

  /**
   * A numbered item (（1） …) with its text hanging beside the number, and its detail lines (责任单位、整改期限 …)
   * under the text, in the same column.
   */
  numberedItem(number: string, text: string, details: readonly string[] = []): void {
    const { doc } = this;
    this.keepLines(2 + details.length);
    const y = doc.y;
    const numberWidth = this.regular().widthOfString('（00）');
    doc.text(number, this.left + this.size, y, { lineBreak: false });
    const textX = this.left + this.size + numberWidth;
    const width = this.left + this.width - textX;
    doc.text(text, textX, y, { width, lineGap: this.lineGap, align: 'justify' });
    for (const detail of details) doc.text(detail, textX, doc.y, { width, lineGap: this.lineGap });
    this.skip(0.25);
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

  /** The issuer's name and the date, right-aligned with the date centred under the name (落款). */
  signOff(issuer: string, datedOn: string): void {
    const { doc } = this;
    const dated = formatChineseDate(datedOn);
    this.keepLines(4);
    this.skip(1);
    this.regular();
    const right = this.left + this.width - 2 * this.size;
    const issuerWidth = doc.widthOfString(issuer);
    const dateWidth = doc.widthOfString(dated);
    const issuerX = right - issuerWidth;
    doc.text(issuer, issuerX, doc.y, { lineBreak: false });
    this.skip(1);
    doc.text(dated, issuerX + (issuerWidth - dateWidth) / 2, doc.y, { lineBreak: false });
    this.skip(2);
  }

  /** The recipient's stamp, signature and date, left blank: they fill it in by hand when they return the notice. */
  receiptBlock(): void {
    const { doc } = this;
    this.keepLines(6);
    const column = this.left + 0.45 * this.width;
    this.regular().text('被告知方（盖章）：', column, doc.y, { lineBreak: false });
    this.skip(2);
    doc.text('告知书接收人签字：', this.left, doc.y, { lineBreak: false });
    this.skip(1.4);
    doc.text('日期：\u3000\u3000\u3000\u3000年\u3000\u3000月\u3000\u3000日', column, doc.y, { lineBreak: false });
    this.skip(1.2);
  }

  /** Labels for handwritten signatures side by side (检查人员（签字）：… 被检查单位（签字）：…), with room to sign. */
  signatureLine(labels: readonly string[]): void {
    const { doc } = this;
    this.keepLines(3);
    this.skip(0.5);
    const y = doc.y;
    const column = this.width / labels.length;
    labels.forEach((label, index) => {
      this.regular().text(label, this.left + index * column, y, { lineBreak: false });
    });
    doc.y = y;
    this.skip(2.5);
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
