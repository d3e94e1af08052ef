import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { dirname } from 'node:path';
import { p256 } from '@noble/curves/nist.js';
import { log } from '../../shared/log.js';
import { listen, readBody, sendJson } from './aws-json-endpoint.js';

/** The asymmetric keys the stack creates (in AWS: the `CreditSigningKey` of infra/stack.ts), by local key id. */
export const LOCAL_KMS_KEYS = {
  /** signs the credit export (SPEC §6.6): ECC_NIST_P256, SIGN_VERIFY */
  creditExport: { keyId: 'local-credit-export', alias: 'alias/supervision-credit-export' },
} as const;

/** A local key's ARN, shaped as KMS shapes them. */
export function localKeyArn(keyId: string, region: string, account: string): string {
  return `arn:aws:kms:${region}:${account}:key/${keyId}`;
}

export interface LocalKms {
  endpoint: string;
  stop(): Promise<void>;
}

/** KMS takes a RAW message of at most this many bytes; larger ones are signed as a DIGEST. */
const RAW_MESSAGE_LIMIT = 4096;

/**
 * The local AWS KMS: `Sign` and `GetPublicKey` (AWS JSON 1.1, `TrentService.*`) for the asymmetric ECC_NIST_P256
 * SIGN_VERIFY key of `LOCAL_KMS_KEYS`, so the functions' unchanged `KMSClient` signs through `AWS_ENDPOINT_URL_KMS` as
 * in AWS, with the same messages: ECDSA_SHA_256 over a RAW message (hashed here) or a 32-byte DIGEST, the signature
 * DER-encoded, the public key a DER SubjectPublicKeyInfo. The private key is made at the first start and kept in
 * `file` (`.local/credit-signing-key.pem`, PKCS #8, mode 0600) — KMS never lets a key out, and neither does this
 * endpoint; without a file (`--fresh`) it lives in memory for the run.
 */
export async function startKms(options: {
  region: string;
  account: string;
  file?: string;
  port?: number;
}): Promise<LocalKms> {
  const key = loadOrCreate(options.file);
  const { keyId, alias } = LOCAL_KMS_KEYS.creditExport;
  const arn = localKeyArn(keyId, options.region, options.account);
  // by key id, key ARN, alias name or alias ARN, as KMS accepts
  const names = new Set([keyId, arn, alias, `arn:aws:kms:${options.region}:${options.account}:${alias}`]);
  const server = createServer((request, response) => {
    handle(request, response, { key, arn, names }).catch((error: unknown) => {
      log.error('local KMS failed', { error });
      if (!response.headersSent) reply(response, 500, { __type: 'KMSInternalException', message: 'internal error' });
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

function loadOrCreate(file: string | undefined): KeyObject {
  if (file && existsSync(file)) return createPrivateKey(readFileSync(file, 'utf8'));
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  if (file) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  }
  return privateKey;
}

interface SigningKey {
  key: KeyObject;
  arn: string;
  names: Set<string>;
}

type Request = Record<string, unknown>;

async function handle(request: IncomingMessage, response: ServerResponse, signing: SigningKey) {
  const target = String(request.headers['x-amz-target'] ?? '');
  const operation = target.startsWith('TrentService.') ? target.slice('TrentService.'.length) : '';
  if (request.method !== 'POST' || (operation !== 'Sign' && operation !== 'GetPublicKey')) {
    reply(response, 400, {
      __type: 'UnsupportedOperationException',
      message: `The local KMS speaks only Sign and GetPublicKey, not ${target || String(request.method)}`,
    });
    return;
  }
  const text = await readBody(request, 64 * 1024);
  let body: Request;
  try {
    body = JSON.parse(text ?? '') as Request;
  } catch {
    reply(response, 400, { __type: 'SerializationException', message: 'Malformed JSON' });
    return;
  }
  if (typeof body.KeyId !== 'string' || !signing.names.has(body.KeyId)) {
    reply(response, 400, { __type: 'NotFoundException', message: `Key '${String(body.KeyId)}' does not exist` });
    return;
  }
  const answer = operation === 'Sign' ? sign(body, signing) : publicKeyOf(signing);
  reply(response, answer.status, answer.body);
}

/** `GetPublicKey`: the DER SubjectPublicKeyInfo, base64, and what the key is for. */
function publicKeyOf(signing: SigningKey) {
  const spki = createPublicKey(signing.key).export({ type: 'spki', format: 'der' });
  return {
    status: 200,
    body: {
      KeyId: signing.arn,
      PublicKey: spki.toString('base64'),
      KeySpec: 'ECC_NIST_P256',
      CustomerMasterKeySpec: 'ECC_NIST_P256',
      KeyUsage: 'SIGN_VERIFY',
      SigningAlgorithms: ['ECDSA_SHA_256'],
    },
  };
}

/** `Sign`: ECDSA_SHA_256 over a RAW message (≤ 4096 bytes, hashed here) or a 32-byte DIGEST; the signature in DER. */
function sign(body: Request, signing: SigningKey) {
  const invalid = (message: string) => ({ status: 400, body: { __type: 'ValidationException', message } });
  if (body.SigningAlgorithm !== 'ECDSA_SHA_256') {
    return invalid(`SigningAlgorithm ${String(body.SigningAlgorithm)} is not valid for this key (ECDSA_SHA_256)`);
  }
  if (typeof body.Message !== 'string') return invalid('Message is required');
  const message = Buffer.from(body.Message, 'base64');
  const messageType = body.MessageType ?? 'RAW';
  let digest: Buffer;
  if (messageType === 'DIGEST') {
    if (message.length !== 32) return invalid('Digest is invalid length for algorithm ECDSA_SHA_256.');
    digest = message;
  } else if (messageType === 'RAW') {
    if (message.length < 1 || message.length > RAW_MESSAGE_LIMIT) {
      return invalid(`Message must be 1 to ${RAW_MESSAGE_LIMIT} bytes; sign a larger message as a DIGEST`);
    }
    digest = createHash('sha256').update(message).digest();
  } else {
    return invalid(`MessageType ${String(messageType)} is not RAW or DIGEST`);
  }
  // Node's crypto hashes whatever it signs; KMS's DIGEST is signed as it is, so the curve arithmetic is noble's
  const scalar = Buffer.from(signing.key.export({ format: 'jwk' }).d as string, 'base64url');
  const signature = p256.sign(digest, scalar, { prehash: false, format: 'der' });
  return {
    status: 200,
    body: {
      KeyId: signing.arn,
      Signature: Buffer.from(signature).toString('base64'),
      SigningAlgorithm: 'ECDSA_SHA_256',
    },
  };
}

function reply(response: ServerResponse, status: number, body: unknown): void {
  sendJson(response, status, body, 'application/x-amz-json-1.1');
}
