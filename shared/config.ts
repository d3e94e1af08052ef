/**
 * Configuration from the environment, read once at cold start: a function that lacks what it needs fails at
 * once with a message naming the variable, not on the first request that happens to need it.
 */
export function requireEnv(name: string): string {
  const value = process.env[name];
  if (value === undefined || value.trim() === '') {
    throw new Error(`Missing configuration: environment variable ${name} is not set`);
  }
  return value;
}

export function optionalEnv(name: string): string | undefined {
  const value = process.env[name];
  return value === undefined || value.trim() === '' ? undefined : value;
}

/** Names of the environment variables the stack and the local twin set for the functions. */
export const ENV = {
  table: 'TABLE_NAME',
  documentsBucket: 'DOCUMENTS_BUCKET',
  publicBucket: 'PUBLIC_BUCKET',
  bus: 'EVENT_BUS_NAME',
  /** public base URL of the API */
  publicBaseUrl: 'PUBLIC_BASE_URL',
  /** public base URL of the public site (the upload page, the circulars); the API's URL when they share a host */
  publicSiteUrl: 'PUBLIC_SITE_URL',
  /**
   * S3 Object Lock of the documents the agency writes once (`writeOnce` prefixes of shared/wiring.ts):
   * `GOVERNANCE` or `COMPLIANCE`, and the retention in years (docs/deploy.md says why 30)
   */
  documentLockMode: 'DOCUMENT_LOCK_MODE',
  documentRetentionYears: 'DOCUMENT_RETENTION_YEARS',
  /** the queue of the monthly evaluation's batches (planner → workers) */
  evaluationQueueUrl: 'EVALUATION_QUEUE_URL',
  /** the queue of the quarterly ranking's batches (planner → workers) */
  rankingQueueUrl: 'RANKING_QUEUE_URL',
  /** the Secrets Manager secret mixed into idempotency sealing (functions with idempotent routes) */
  idempotencySecretArn: 'IDEMPOTENCY_SECRET_ARN',
  /** the KMS key (ECC_NIST_P256, SIGN_VERIFY) that signs the credit export (SPEC §6.6): its ARN */
  creditSigningKey: 'CREDIT_SIGNING_KEY_ID',
  /** set by the local twin only: path-style S3 addressing for the local S3 server */
  s3ForcePathStyle: 'S3_FORCE_PATH_STYLE',
} as const;
