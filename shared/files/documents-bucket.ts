import { createHash } from 'node:crypto';
import { GetObjectCommand, PutObjectCommand, S3ServiceException } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { ENV, requireEnv } from '../config.js';
import { s3 } from './s3.js';

const DOCUMENTS_BUCKET = requireEnv(ENV.documentsBucket);

/**
 * The Object Lock every stored document is put under (SPEC §4 Security: notices and reports are never overwritten
 * or deleted). The bucket policy refuses a put under a write-once prefix without it; the mode and the years come
 * from the deployment (docs/deploy.md, "Documents the agency issues").
 */
const LOCK = {
  mode: lockMode(requireEnv(ENV.documentLockMode)),
  years: retentionYears(requireEnv(ENV.documentRetentionYears)),
};

function lockMode(value: string): 'GOVERNANCE' | 'COMPLIANCE' {
  if (value === 'GOVERNANCE' || value === 'COMPLIANCE') return value;
  throw new Error(`${ENV.documentLockMode} must be GOVERNANCE or COMPLIANCE (got "${value}")`);
}

function retentionYears(value: string): number {
  const years = Number(value);
  if (!Number.isInteger(years) || years < 1 || years > 100) {
    throw new Error(`${ENV.documentRetentionYears} must be a whole number of years, 1–100 (got "${value}")`);
  }
  return years;
}

/** Until when a document put now is retained: S3 measures retention by its own clock, so this is real time. */
export function retainUntil(now: Date, years: number = LOCK.years): Date {
  const until = new Date(now);
  until.setUTCFullYear(until.getUTCFullYear() + years);
  return until;
}

/** How long a presigned GET of a notice PDF stays valid. */
export const DOCUMENT_LINK_SECONDS = 300;

/**
 * Store a generated document once: a conditional put (`If-None-Match: *`) never overwrites an object that is
 * already there, so a notice's PDF cannot change after its SHA-256 was recorded, and the version is locked for the
 * retention period. Returns the SHA-256 of the bytes.
 */
export async function storeImmutableDocument(key: string, bytes: Buffer, contentType: string): Promise<string> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  try {
    await s3.send(
      new PutObjectCommand({
        Bucket: DOCUMENTS_BUCKET,
        Key: key,
        Body: bytes,
        ContentType: contentType,
        IfNoneMatch: '*',
        ObjectLockMode: LOCK.mode,
        ObjectLockRetainUntilDate: retainUntil(new Date()),
        Metadata: { sha256 },
      }),
    );
  } catch (error) {
    // 412: the object exists already (a retry after a crash); the renderer is deterministic, so it is the same file.
    if (!(error instanceof S3ServiceException && error.$metadata.httpStatusCode === 412)) throw error;
  }
  return sha256;
}

/** A short-lived presigned GET for a stored document (a PDF unless told otherwise: an upload may be a photo). */
export function documentDownloadUrl(key: string, fileName: string, contentType = 'application/pdf'): Promise<string> {
  return getSignedUrl(
    s3,
    new GetObjectCommand({
      Bucket: DOCUMENTS_BUCKET,
      Key: key,
      ResponseContentType: contentType,
      ResponseContentDisposition: `inline; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    }),
    { expiresIn: DOCUMENT_LINK_SECONDS },
  );
}
