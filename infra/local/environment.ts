import { ENV } from '../../shared/config.js';
import { environmentOf } from '../../shared/function-environment.js';
import { type FunctionName, functions, names, type QueueName, queues } from '../../shared/wiring.js';
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
  /** the functions' way to DynamoDB Local: through the gate that bounds its concurrent requests (dynamodb-gate.ts) */
  dynamodbForFunctions: string;
  s3: string;
  eventBridge: string;
  sqs: string;
  secretsManager: string;
  /** the local KMS (the credit export's signing key) */
  kms: string;
  /** each work queue's URL */
  queueUrls: Record<QueueName, string>;
}

/** Object Lock settings the local functions put on notices and reports (the local S3 server keeps no locks). */
export const LOCAL_DOCUMENT_LOCK = { mode: 'GOVERNANCE', years: 30 } as const;

/**
 * The local deployment's configuration: every variable of shared/config.ts a function may be granted, with its
 * local value (the stack's counterpart: `configuration` in infra/stack.ts). One origin serves pages and API, as the
 * CloudFront distribution does in AWS.
 */
export function localConfiguration(endpoints: LocalEndpoints): Record<string, string> {
  return {
    [ENV.table]: names.localTable,
    [ENV.documentsBucket]: names.localDocumentsBucket,
    [ENV.documentLockMode]: LOCAL_DOCUMENT_LOCK.mode,
    [ENV.documentRetentionYears]: String(LOCAL_DOCUMENT_LOCK.years),
    [ENV.publicBucket]: names.localPublicBucket,
    [ENV.bus]: names.bus,
    [ENV.publicBaseUrl]: endpoints.gateway,
    [ENV.publicSiteUrl]: endpoints.gateway,
    [ENV.idempotencySecretArn]: localSecretArn(LOCAL_SECRETS.idempotencySealing, LOCAL_REGION, LOCAL_ACCOUNT),
    [ENV.creditSigningKey]: localKeyArn(LOCAL_KMS_KEYS.creditExport.keyId, LOCAL_REGION, LOCAL_ACCOUNT),
    ...Object.fromEntries(
      (Object.keys(queues) as QueueName[]).flatMap((name) => {
        const variable = queues[name].urlVariable;
        return variable ? [[variable, endpoints.queueUrls[name]]] : [];
      }),
    ),
  };
}

/**
 * What every function's environment holds besides its wiring variables: what Lambda itself sets (region,
 * credentials, the function's name) and, locally, the standard AWS SDK endpoint variables
 * (`AWS_ENDPOINT_URL_<SERVICE>`, read by the SDK by itself) and path-style S3: handler code is the same in both.
 */
export function platformEnvironment(name: FunctionName | undefined, endpoints: LocalEndpoints): Record<string, string> {
  return {
    AWS_REGION: LOCAL_REGION,
    AWS_DEFAULT_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    ...(name
      ? {
          AWS_LAMBDA_FUNCTION_NAME: `supervision-local-${name}`,
          AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(functions[name].memoryMiB),
        }
      : {}),
    AWS_ENDPOINT_URL_DYNAMODB: name ? endpoints.dynamodbForFunctions : endpoints.dynamodb,
    AWS_ENDPOINT_URL_DYNAMODB_STREAMS: endpoints.dynamodb,
    AWS_ENDPOINT_URL_S3: endpoints.s3,
    AWS_ENDPOINT_URL_EVENTBRIDGE: endpoints.eventBridge,
    AWS_ENDPOINT_URL_SQS: endpoints.sqs,
    AWS_ENDPOINT_URL_SECRETS_MANAGER: endpoints.secretsManager,
    AWS_ENDPOINT_URL_KMS: endpoints.kms,
    [ENV.s3ForcePathStyle]: 'true',
    // The SDK warns on every start that future versions will need Node 22; locally that is noise, not news.
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    // the developer's log level (Lambda's own is set on the function)
    ...(process.env.LOG_LEVEL ? { LOG_LEVEL: process.env.LOG_LEVEL } : {}),
  };
}

/**
 * One function's environment: the platform's and exactly the variables its wiring row grants
 * (shared/function-environment.ts, as the stack sets them), nothing from the developer's shell.
 */
export function functionEnvironment(name: FunctionName, endpoints: LocalEndpoints): Record<string, string> {
  return { ...platformEnvironment(name, endpoints), ...environmentOf(name, localConfiguration(endpoints)) };
}

/**
 * Every variable any function may get, with the platform's: NOT a function's environment, but what a test process
 * copies to use the AWS SDK (or a shared/ module) against the same services the twin runs.
 */
export function sharedEnvironment(endpoints: LocalEndpoints): Record<string, string> {
  return { ...platformEnvironment(undefined, endpoints), ...localConfiguration(endpoints) };
}
