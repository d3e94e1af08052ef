/**
 * Reading PDFs back with poppler-utils (pdftotext, pdfinfo, pdffonts): an independent reader, so tests check what a
 * viewer shows rather than what pdfkit was asked to draw. poppler-utils must be installed.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let scratch: string | undefined;
let fileCount = 0;

/** The bytes written to a scratch file (removed when the process exits), for the poppler tools. */
export function pdfFile(pdf: Uint8Array): string {
  if (!scratch) {
    const dir = mkdtempSync(join(tmpdir(), 'pdf-reader-'));
    scratch = dir;
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  }
  const file = join(scratch, `document-${++fileCount}.pdf`);
  writeFileSync(file, pdf);
  return file;
}

/** The text, as pdftotext extracts it (UTF-8, reading order). */
export function pdfText(pdf: Uint8Array): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', pdfFile(pdf), '-'], { encoding: 'utf8' });
}

export function pdfPageCount(pdf: Uint8Array): number {
  return Number(/^Pages:\s+(\d+)/m.exec(execFileSync('pdfinfo', [pdfFile(pdf)], { encoding: 'utf8' }))?.[1]);
}

/** pdffonts' listing: which fonts, embedded and subset or not. */
export function pdfFonts(pdf: Uint8Array): string {
  return execFileSync('pdffonts', [pdfFile(pdf)], { encoding: 'utf8' });
}

/** pdftotext breaks lines where the page does; compare text with the line breaks (and their spaces) taken out. */
export const flat = (text: string) => text.replace(/\s*\n\s*/g, '');
