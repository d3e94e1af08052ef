import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { ENV, requireEnv } from '../config.js';

/** One client per module; locally `AWS_ENDPOINT_URL_SECRETS_MANAGER` points it at the twin's Secrets Manager. */
const secretsManager = new SecretsManagerClient({});

let loading: Promise<Buffer> | undefined;

/**
 * The server-side secret mixed into idempotency sealing (shared/store/sealed-response.ts), read from Secrets Manager
 * once per execution environment (the secret named by `IDEMPOTENCY_SECRET_ARN`) and kept in memory. A failed read is
 * not remembered: the next request tries again.
 */
export function sealingSecret(): Promise<Buffer> {
  loading ??= (async () => {
    const secretId = requireEnv(ENV.idempotencySecretArn);
    const answer = await secretsManager.send(new GetSecretValueCommand({ SecretId: secretId }));
    if (!answer.SecretString || answer.SecretString.length < 32) {
      throw new Error(`The idempotency sealing secret ${secretId} is missing or shorter than 32 characters`);
    }
    return Buffer.from(answer.SecretString, 'utf8');
  })();
  loading.catch(() => {
    loading = undefined;
  });
  return loading;
}
