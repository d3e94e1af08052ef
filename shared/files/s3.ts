import { S3Client } from '@aws-sdk/client-s3';
import { ENV, optionalEnv } from '../config.js';

/**
 * One S3 client per module. The endpoint comes from `AWS_ENDPOINT_URL_S3` locally; the local S3 server wants
 * path-style addresses (`S3_FORCE_PATH_STYLE=true`), AWS gets virtual-hosted ones.
 */
export const s3 = new S3Client({ forcePathStyle: optionalEnv(ENV.s3ForcePathStyle) === 'true' });
