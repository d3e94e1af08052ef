import { ENV } from '../../shared/config.js';
import { names, type QueueName, queues } from '../../shared/wiring.js';
import { LOCAL_KMS_KEYS, localKeyArn } from './kms.js';
import { LOCAL_SECRETS, localSecretArn } from './secrets-manager.js';

/** The region the local twin claims; only ARNs and signatures see it. */
export const LOCAL_REGION = 'us-east-1';
/** The account id in local ARNs and event envelopes (AWS's documentation placeholder). */
export const LOCAL_ACCOUNT = '000000000000';
/** s3rver accepts only these; DynamoDB Local (-sharedDb) and the local bus accept anything, so one pair serves all. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

/** Where the local services listen. */
export interface LocalEndpoints {
  gateway: string;
  dynamodb: string;
  s3: string;
  eventBridge: string;
  sqs: string;
  secretsManager: string;
  /** the local KMS (the credit export's signing key) */
  kms: string;
  /** each work queue's URL */
  queueUrls: Record<QueueName, string>;
}

/**
 * The environment every function gets, as the CDK stack gives it in AWS, plus the standard AWS SDK endpoint
 * variables (`AWS_ENDPOINT_URL_<SERVICE>`), which the SDK reads by itself: handler code is the same in both.
 */
export function functionEnvironment(endpoints: LocalEndpoints): Record<string, string> {
  return {
    [ENV.table]: names.localTable,
    [ENV.documentsBucket]: names.localDocumentsBucket,
    [ENV.publicBucket]: names.localPublicBucket,
    [ENV.bus]: names.bus,
    [ENV.publicBaseUrl]: endpoints.gateway,
    [ENV.publicSiteUrl]: endpoints.gateway,
    [ENV.s3ForcePathStyle]: 'true',
    AWS_REGION: LOCAL_REGION,
    AWS_DEFAULT_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb,
    AWS_ENDPOINT_URL_DYNAMODB_STREAMS: endpoints.dynamodb,
    AWS_ENDPOINT_URL_S3: endpoints.s3,
    AWS_ENDPOINT_URL_EVENTBRIDGE: endpoints.eventBridge,
    AWS_ENDPOINT_URL_SQS: endpoints.sqs,
    AWS_ENDPOINT_URL_SECRETS_MANAGER: endpoints.secretsManager,
    AWS_ENDPOINT_URL_KMS: endpoints.kms,
    [ENV.creditSigningKey]: localKeyArn(LOCAL_KMS_KEYS.creditExport.keyId, LOCAL_REGION, LOCAL_ACCOUNT),
    [ENV.idempotencySecretArn]: localSecretArn(LOCAL_SECRETS.idempotencySealing, LOCAL_REGION, LOCAL_ACCOUNT),
    ...Object.fromEntries(
      (Object.keys(queues) as QueueName[]).map((name) => [queues[name].urlVariable, endpoints.queueUrls[name]]),
    ),
    // The SDK warns on every start that future versions will need Node 22; locally that is noise, not news.
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
}

/**
 * Set the function environment on this process. It must happen before any handler module is imported: handlers
 * read their configuration once, at cold start. A session token or profile from the developer's shell would
 * otherwise be mixed with the local credentials, so those are removed.
 */
export function applyFunctionEnvironment(environment: Record<string, string>): void {
  for (const name of ['AWS_SESSION_TOKEN', 'AWS_PROFILE', 'AWS_ENDPOINT_URL']) delete process.env[name];
  Object.assign(process.env, environment);
}
