import type { S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { s3 } from './s3.js';

/** What a unit declared before uploading (SPEC §4 `POST /v1/uploads`), and where the bytes must go. */
export interface UploadDeclaration {
  bucket: string;
  /** the one key the upload may write */
  key: string;
  contentType: string;
  /** exact size in bytes */
  size: number;
  /** lowercase hex SHA-256, stored as `x-amz-meta-sha256` for the verifier */
  sha256: string;
}

/**
 * The presigned POST of one declared upload: its policy pins the exact key, the content type, the exact size and
 * the SHA-256 metadata, and expires after `expiresSeconds` (SPEC §4: 15 minutes). S3 (and the local S3 front,
 * infra/local/s3-front.ts) refuses any form that breaks one of these conditions or adds a field the policy does not
 * name. `client` is the product's S3 client unless a test signs with another.
 */
export function presignedUpload(
  declaration: UploadDeclaration,
  expiresSeconds: number,
  client: S3Client = s3,
): Promise<{ url: string; fields: Record<string, string> }> {
  return createPresignedPost(client, {
    Bucket: declaration.bucket,
    Key: declaration.key,
    Conditions: [
      ['eq', '$key', declaration.key],
      ['eq', '$Content-Type', declaration.contentType],
      ['content-length-range', declaration.size, declaration.size],
      ['eq', '$x-amz-meta-sha256', declaration.sha256],
    ],
    Fields: { 'Content-Type': declaration.contentType, 'x-amz-meta-sha256': declaration.sha256 },
    Expires: expiresSeconds,
  });
}
