import { GetObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { ENV, requireEnv } from '../config.js';
import { s3 } from './s3.js';

/**
 * The documents bucket as the functions that hand its documents out see it: short-lived presigned GETs. Storing a
 * document the agency issues is the document renderer's alone (write-once-documents.ts), so a function that only
 * reads needs neither a write grant nor the Object Lock settings.
 */
export const DOCUMENTS_BUCKET = requireEnv(ENV.documentsBucket);

/** How long a presigned GET of a document stays valid. */
export const DOCUMENT_LINK_SECONDS = 300;

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
