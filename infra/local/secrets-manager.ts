import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { dirname } from 'node:path';
import { log } from '../../shared/log.js';
import { listen, readBody, sendJson } from './aws-json-endpoint.js';

/** The secrets the stack creates, by name (in AWS: infra/constructs/idempotency-secret.ts). */
export const LOCAL_SECRETS = {
  /** the server-side key material mixed into idempotency sealing (shared/store/sealed-response.ts) */
  idempotencySealing: 'supervision/idempotency-sealing',
} as const;

/** A local secret's ARN, shaped as Secrets Manager shapes them (a 6-character suffix). */
export function localSecretArn(name: string, region: string, account: string): string {
  return `arn:aws:secretsmanager:${region}:${account}:secret:${name}-local0`;
}

export interface LocalSecretsManager {
  endpoint: string;
  stop(): Promise<void>;
}

/**
 * The local Secrets Manager: `GetSecretValue` (AWS JSON 1.1) for the secrets of `LOCAL_SECRETS`, so the functions'
 * unchanged `SecretsManagerClient` reads them through `AWS_ENDPOINT_URL_SECRETS_MANAGER` as in AWS. The values are
 * 256 random bits each, made at the first start and kept in `file` (`.local/secrets.json`, mode 0600) as
 * CloudFormation keeps a generated secret; without a file (`--fresh`) they are new at every start.
 */
export async function startSecretsManager(options: {
  region: string;
  account: string;
  file?: string;
  port?: number;
}): Promise<LocalSecretsManager> {
  const secrets = loadOrCreate(options.file);
  const arnOf = (name: string) => localSecretArn(name, options.region, options.account);
  const server = createServer((request, response) => {
    handle(request, response, secrets, arnOf).catch((error: unknown) => {
      log.error('local secrets manager failed', { error });
      if (!response.headersSent) reply(response, 500, { __type: 'InternalServiceError', message: 'internal error' });
    });
  });
  const port = await listen(server, options.port ?? 0);
  return {
    endpoint: `http://127.0.0.1:${port}`,
    async stop() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
    },
  };
}

function loadOrCreate(file: string | undefined): Map<string, string> {
  const stored = file && existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>) : {};
  let created = false;
  for (const name of Object.values(LOCAL_SECRETS)) {
    if (typeof stored[name] === 'string' && stored[name].length >= 32) continue;
    stored[name] = randomBytes(32).toString('base64url');
    created = true;
  }
  if (file && created) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
  }
  return new Map(Object.entries(stored));
}

async function handle(
  request: IncomingMessage,
  response: ServerResponse,
  secrets: Map<string, string>,
  arnOf: (name: string) => string,
) {
  const target = request.headers['x-amz-target'];
  if (request.method !== 'POST' || target !== 'secretsmanager.GetSecretValue') {
    reply(response, 400, {
      __type: 'UnknownOperationException',
      message: `The local Secrets Manager speaks only GetSecretValue, not ${String(target ?? request.method)}`,
    });
    return;
  }
  const text = await readBody(request, 64 * 1024);
  let secretId: unknown;
  try {
    secretId = (JSON.parse(text ?? '') as { SecretId?: unknown }).SecretId;
  } catch {
    reply(response, 400, { __type: 'SerializationException', message: 'Malformed JSON' });
    return;
  }
  // By name or by ARN, as Secrets Manager accepts either.
  const name = [...secrets.keys()].find((candidate) => secretId === candidate || secretId === arnOf(candidate));
  if (!name) {
    reply(response, 400, {
      __type: 'ResourceNotFoundException',
      Message: "Secrets Manager can't find the specified secret.",
    });
    return;
  }
  reply(response, 200, {
    ARN: arnOf(name),
    Name: name,
    SecretString: secrets.get(name),
    VersionId: 'local-1',
    VersionStages: ['AWSCURRENT'],
    CreatedDate: 0,
  });
}

function reply(response: ServerResponse, status: number, body: unknown): void {
  sendJson(response, status, body, 'application/x-amz-json-1.1');
}
