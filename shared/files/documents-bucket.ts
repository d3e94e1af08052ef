import { createHash } from 'node:crypto';
import { GetObjectCommand, PutObjectCommand, S3ServiceException } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { ENV, requireEnv } from '../config.js';
import { log } from '../log.js';
import { s3 } from './s3.js';

const DOCUMENTS_BUCKET = requireEnv(ENV.documentsBucket);

/** How long a presigned GET of a document stays valid. */
export const DOCUMENT_LINK_SECONDS = 300;

/**
 * Store a generated document once: a conditional put (`If-None-Match: *`) never overwrites an object that is
 * already there, so a document cannot change after its SHA-256 was recorded. Returns the SHA-256 of the object
 * that is stored: these bytes', or — when an earlier attempt stored the document first (a retry after a crash) — the
 * stored object's, read back, so the SHA-256 recorded is always that of the object of record.
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

/** A short-lived presigned GET for a stored document, opened inline under `fileName`. */
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
