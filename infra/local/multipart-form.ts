/**
 * `multipart/form-data` (RFC 7578 over RFC 2046 §5.1), read and written byte for byte for the local S3 front: what a
 * browser posts to S3 with a presigned POST. Reading keeps the parts in order with their raw bytes, so the front
 * checks exactly what arrived; writing builds the clean form it hands the S3 server, so the server stores exactly
 * what was checked (no two parsers that might read one body two ways).
 */
import { randomBytes } from 'node:crypto';

/** One part of a form: its field name, the file name if the part carries one, its bytes, and where it began. */
export interface FormPart {
  name: string;
  filename?: string;
  contentType?: string;
  data: Buffer;
  /** offset of the part's first byte (its header) in the body */
  offset: number;
}

/** The body is not well-formed multipart/form-data. */
export class MalformedFormError extends Error {}

/** The boundary of a `multipart/form-data` content type, or undefined when it is another type or has none. */
export function boundaryOf(contentType: string | undefined): string | undefined {
  if (!contentType || !/^\s*multipart\/form-data\s*(;|$)/i.test(contentType)) return undefined;
  const match = /;\s*boundary\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]+))/i.exec(contentType);
  const boundary = match?.[1] ?? match?.[2];
  return boundary && boundary.length <= 70 ? boundary : undefined;
}

/** Every part of a form body, in order. Throws MalformedFormError on anything RFC 2046 does not allow. */
export function parseForm(body: Buffer, boundary: string): FormPart[] {
  const delimiter = Buffer.from(`--${boundary}`, 'latin1');
  const parts: FormPart[] = [];
  // The first delimiter opens the body or follows a preamble and CRLF.
  let position = body.indexOf(delimiter);
  if (position !== 0) {
    position = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]));
    if (position === -1) throw new MalformedFormError('no boundary');
    position += 2;
  }
  for (;;) {
    position += delimiter.length;
    if (body[position] === 0x2d && body[position + 1] === 0x2d) return parts; // close delimiter
    while (body[position] === 0x20 || body[position] === 0x09) position++; // transport padding
    if (body[position] !== 0x0d || body[position + 1] !== 0x0a) throw new MalformedFormError('boundary line');
    const start = position + 2;
    const closing = Buffer.concat([Buffer.from('\r\n'), delimiter]);
    const headerEnd = body.indexOf('\r\n\r\n', start, 'latin1');
    const emptyHeaders = body[start] === 0x0d && body[start + 1] === 0x0a;
    const dataStart = emptyHeaders ? start + 2 : headerEnd + 4;
    const next = body.indexOf(closing, dataStart);
    if (next === -1) throw new MalformedFormError('unterminated part');
    // the blank line that ends the headers must come before the part ends
    if (!emptyHeaders && (headerEnd === -1 || body.indexOf(closing, start) < headerEnd)) {
      throw new MalformedFormError('part headers');
    }
    const headers = emptyHeaders ? [] : body.toString('utf8', start, headerEnd).split('\r\n');
    parts.push({ ...describePart(headers), data: body.subarray(dataStart, next), offset: start });
    position = next + 2;
  }
}

function describePart(headers: string[]): Omit<FormPart, 'data' | 'offset'> {
  let name: string | undefined;
  let filename: string | undefined;
  let contentType: string | undefined;
  for (const line of headers) {
    const colon = line.indexOf(':');
    if (colon === -1) throw new MalformedFormError('part header');
    const field = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (field === 'content-type') contentType = value;
    if (field !== 'content-disposition') continue;
    // Only a `form-data` part is a field of the form (a `file; name="file"` part is not the file, S3 says).
    if (!/^form-data\s*(;|$)/i.test(value)) continue;
    for (const [, parameter, quoted, bare] of value.matchAll(/;\s*([^=;\s]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]*))/g)) {
      const text = quoted !== undefined ? quoted.replace(/\\(.)/g, '$1') : (bare ?? '').trim();
      if (parameter?.toLowerCase() === 'name') name = text;
      if (parameter?.toLowerCase() === 'filename') filename = text;
    }
  }
  if (name === undefined) throw new MalformedFormError('a part without a form-data name');
  return { name, ...(filename !== undefined ? { filename } : {}), ...(contentType ? { contentType } : {}) };
}

/** A form body with these fields (in order) and the file last, and its content type. */
export function buildForm(
  fields: Array<[string, string]>,
  file: { data: Buffer; filename: string; contentType?: string },
): { body: Buffer; contentType: string } {
  const boundary = `----localS3Front${randomBytes(12).toString('hex')}`;
  const quote = (text: string) => text.replace(/[\r\n"]/g, (c) => encodeURIComponent(c));
  const chunks: Buffer[] = [];
  for (const [name, value] of fields) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${quote(name)}"\r\n\r\n`, 'utf8'));
    chunks.push(Buffer.from(value, 'utf8'), Buffer.from('\r\n'));
  }
  chunks.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${quote(file.filename)}"\r\n` +
        `Content-Type: ${file.contentType ?? 'application/octet-stream'}\r\n\r\n`,
      'utf8',
    ),
    file.data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}
