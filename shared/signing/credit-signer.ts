/**
 * The one signer of the credit export (SPEC §6.6): ECDSA P-256 over SHA-256, the signature DER-encoded, the key an
 * asymmetric AWS KMS key (ECC_NIST_P256, SIGN_VERIFY) whose private half never leaves KMS. The export hashes what
 * it streams and asks KMS to sign the 32-byte digest (`MessageType: 'DIGEST'`: a RAW message may be at most 4 KB),
 * so a 100 MB file is never held to be signed. Locally the same `KMSClient` talks to the twin's KMS endpoint
 * (infra/local/kms.ts) through `AWS_ENDPOINT_URL_KMS`: the code path is the same in both runtimes.
 */
import { createPublicKey } from 'node:crypto';
import { GetPublicKeyCommand, KMSClient, SignCommand } from '@aws-sdk/client-kms';
import { calculateJwkThumbprint } from 'jose';
import { ENV, requireEnv } from '../config.js';

/** A public key of the export, as `/public/credit/keys.json` publishes it (RFC 7517 JWK, EC P-256). */
export interface CreditPublicJwk {
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
  /** the RFC 7638 thumbprint of the key: the same key has the same `kid` wherever it is published */
  kid: string;
  alg: 'ES256';
  use: 'sig';
}

/** Signs the export's files and names its public key. */
export interface CreditSigner {
  /** the DER-encoded ECDSA P-256 signature of a SHA-256 digest (32 bytes) */
  signDigest(sha256: Uint8Array): Promise<Buffer>;
  /** the public key as a JWK with its `kid` */
  publicJwk(): Promise<CreditPublicJwk>;
}

/** One KMS client per module (the endpoint comes from `AWS_ENDPOINT_URL_KMS` locally). */
let defaultClient: KMSClient | undefined;

function defaultKmsClient(): KMSClient {
  defaultClient ??= new KMSClient({});
  return defaultClient;
}

/**
 * The signer backed by the KMS key `keyId` (by default the function's `CREDIT_SIGNING_KEY_ID`, read at first use,
 * so a function without it fails on its first export with the variable named). The public key is read once per
 * signer.
 */
export function kmsCreditSigner(options: { keyId?: string; client?: KMSClient } = {}): CreditSigner {
  const keyId = options.keyId ?? requireEnv(ENV.creditSigningKey);
  const kms = options.client ?? defaultKmsClient();
  let jwk: Promise<CreditPublicJwk> | undefined;
  return {
    async signDigest(sha256) {
      if (sha256.length !== 32) throw new Error(`a SHA-256 digest is 32 bytes, not ${sha256.length}`);
      const signed = await kms.send(
        new SignCommand({ KeyId: keyId, Message: sha256, MessageType: 'DIGEST', SigningAlgorithm: 'ECDSA_SHA_256' }),
      );
      if (!signed.Signature) throw new Error(`KMS returned no signature for key ${keyId}`);
      return Buffer.from(signed.Signature);
    },
    publicJwk() {
      jwk ??= kms.send(new GetPublicKeyCommand({ KeyId: keyId })).then((answer) => {
        if (!answer.PublicKey || answer.KeySpec !== 'ECC_NIST_P256') {
          throw new Error(`key ${keyId} is not an ECC_NIST_P256 signing key (${String(answer.KeySpec)})`);
        }
        return jwkOfSpki(Buffer.from(answer.PublicKey));
      });
      return jwk;
    },
  };
}

/** A DER SubjectPublicKeyInfo of a P-256 key (what KMS's GetPublicKey returns) as the published JWK. */
export async function jwkOfSpki(spki: Buffer): Promise<CreditPublicJwk> {
  const exported = createPublicKey({ key: spki, format: 'der', type: 'spki' }).export({ format: 'jwk' });
  if (exported.kty !== 'EC' || exported.crv !== 'P-256' || !exported.x || !exported.y) {
    throw new Error('the signing key is not an EC P-256 key');
  }
  const key = { kty: 'EC' as const, crv: 'P-256' as const, x: exported.x, y: exported.y };
  return { ...key, kid: await calculateJwkThumbprint(key, 'sha256'), alg: 'ES256', use: 'sig' };
}
