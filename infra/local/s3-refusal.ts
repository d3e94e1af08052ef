import { randomBytes } from 'node:crypto';

/**
 * An answer S3 gives instead of doing what was asked: status, S3's error code and message, and the extra elements
 * S3 puts in its `<Error>` document (e.g. `ArgumentName`, `MaxSizeAllowed`). The local S3 front
 * (infra/local/s3-front.ts) answers these exactly as S3 shapes them, so the SDK and the upload page read them as
 * they read S3's.
 */
export interface S3Refusal {
  status: number;
  code: string;
  message: string;
  detail?: Record<string, string | number>;
}

/** A refusal, thrown by the checks and caught by the front. */
export class S3RefusalError extends Error {
  constructor(readonly refusal: S3Refusal) {
    super(`${refusal.code}: ${refusal.message}`);
  }
}

/** Throw a refusal. */
export function refuse(status: number, code: string, message: string, detail?: S3Refusal['detail']): never {
  throw new S3RefusalError({ status, code, message, ...(detail ? { detail } : {}) });
}

/** `403 AccessDenied` with S3's wording for a POST that breaks its policy. */
export function policyRefusal(reason: string): never {
  return refuse(403, 'AccessDenied', `Invalid according to Policy: ${reason}`);
}

/** S3's error document: `<Error><Code/><Message/>…<RequestId/><HostId/></Error>`. */
export function refusalXml(refusal: S3Refusal, requestId: string): string {
  const elements = Object.entries(refusal.detail ?? {})
    .map(([name, value]) => `<${name}>${escapeXml(String(value))}</${name}>`)
    .join('');
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<Error><Code>${escapeXml(refusal.code)}</Code><Message>${escapeXml(refusal.message)}</Message>${elements}` +
    `<RequestId>${requestId}</RequestId><HostId>${randomBytes(24).toString('base64')}</HostId></Error>`
  );
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (character) => `&#${character.charCodeAt(0)};`);
}
