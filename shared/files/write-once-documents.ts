/**
 * Storing the documents the agency issues (notices, inspection reports, the ladder's orders and report): each once,
 * under a write-once prefix of the documents bucket (shared/wiring.ts `documentPrefixes`), with S3 Object Lock. Only
 * the document renderer writes these, so only its environment has the lock settings (shared/function-environment.ts
 * gives them with a write grant on a write-once prefix), and only it imports this module.
 */
import { createHash } from 'node:crypto';
import { GetObjectCommand, PutObjectCommand, S3ServiceException } from '@aws-sdk/client-s3';
import { ENV, requireEnv } from '../config.js';
import { log } from '../log.js';
import { DOCUMENTS_BUCKET } from './documents-bucket.js';
import { s3 } from './s3.js';

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

/**
 * Store a generated document once: a conditional put (`If-None-Match: *`) never overwrites an object that is
 * already there, so a document cannot change after its SHA-256 was recorded, and the version is locked for the
 * retention period. Returns the SHA-256 of the object that is stored: these bytes', or — when an earlier attempt
 * stored the document first (a retry after a crash) — the stored object's, read back, so the SHA-256 recorded is
 * always that of the object of record.
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
    return sha256;
  } catch (error) {
    if (!(error instanceof S3ServiceException && error.$metadata.httpStatusCode === 412)) throw error;
  }
  // 412: the object exists already. The renderers are deterministic, so it is normally these very bytes.
  const stored = await s3.send(new GetObjectCommand({ Bucket: DOCUMENTS_BUCKET, Key: key }));
  const storedSha256 = createHash('sha256')
    .update(await (stored.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray())
    .digest('hex');
  if (storedSha256 !== sha256) {
    log.warn('a document rendered again differs from the stored one: the stored one stands', {
      key,
      storedSha256,
      renderedSha256: sha256,
    });
  }
  return storedSha256;
}
