/**
 * The twin's KMS speaks to the unchanged `@aws-sdk/client-kms` as AWS KMS does for an ECC_NIST_P256 SIGN_VERIFY key:
 * a DER ECDSA signature of a DIGEST or a RAW message, the public key as a DER SubjectPublicKeyInfo, AWS's errors.
 * What it signs verifies with Node's crypto and the published JWK; the key made at the first start is kept.
 */
import { createHash, verify } from 'node:crypto';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetPublicKeyCommand, KMSClient, SignCommand } from '@aws-sdk/client-kms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_KMS_KEYS, type LocalKms, localKeyArn, startKms } from '../../../infra/local/kms.js';
import { kmsCreditSigner } from '../../../shared/signing/credit-signer.js';

const region = 'us-east-1';
const account = '000000000000';
const keyArn = localKeyArn(LOCAL_KMS_KEYS.creditExport.keyId, region, account);

let kms: LocalKms;
let client: KMSClient;

const clientOf = (endpoint: string) =>
  new KMSClient({ endpoint, region, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });

beforeAll(async () => {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  kms = await startKms({ region, account });
  client = clientOf(kms.endpoint);
});

afterAll(async () => {
  client.destroy();
  await kms.stop();
});

describe('the local KMS', () => {
  const file = Buffer.from('{"enterprises":[]}\n', 'utf8');
  const digest = createHash('sha256').update(file).digest();

  it('signs a digest with the key; the signature verifies with the published JWK and fails on one byte changed', async () => {
    const signer = kmsCreditSigner({ keyId: keyArn, client });
    const jwk = await signer.publicJwk();
    expect(jwk).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
    expect(jwk.kid).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const signature = await signer.signDigest(digest);
    expect(signature[0]).toBe(0x30); // a DER SEQUENCE
    const key = { key: { ...jwk }, format: 'jwk', dsaEncoding: 'der' } as const;
    expect(verify('sha256', file, key, signature)).toBe(true);
    const changed = Buffer.from(file);
    changed[3] = (changed[3] as number) ^ 1;
    expect(verify('sha256', changed, key, signature)).toBe(false);
  });

  it('signs a RAW message by its SHA-256, and answers the key by id, ARN or alias', async () => {
    const { PublicKey } = await client.send(new GetPublicKeyCommand({ KeyId: LOCAL_KMS_KEYS.creditExport.alias }));
    for (const KeyId of [LOCAL_KMS_KEYS.creditExport.keyId, keyArn, LOCAL_KMS_KEYS.creditExport.alias]) {
      const raw = await client.send(
        new SignCommand({ KeyId, Message: file, MessageType: 'RAW', SigningAlgorithm: 'ECDSA_SHA_256' }),
      );
      expect(raw.KeyId).toBe(keyArn);
      const key = {
        key: Buffer.from(PublicKey as Uint8Array),
        format: 'der',
        type: 'spki',
        dsaEncoding: 'der',
      } as const;
      expect(verify('sha256', file, key, Buffer.from(raw.Signature as Uint8Array))).toBe(true);
    }
  });

  it('refuses as KMS does: an unknown key, another algorithm, a digest of the wrong length', async () => {
    const refusal = (input: ConstructorParameters<typeof SignCommand>[0]) =>
      client.send(new SignCommand(input)).then(
        () => 'signed',
        (error: { name: string }) => error.name,
      );
    expect(
      await refusal({ KeyId: 'another', Message: digest, MessageType: 'DIGEST', SigningAlgorithm: 'ECDSA_SHA_256' }),
    ).toBe('NotFoundException');
    expect(
      await refusal({ KeyId: keyArn, Message: digest, MessageType: 'DIGEST', SigningAlgorithm: 'ECDSA_SHA_384' }),
    ).toBe('ValidationException');
    expect(
      await refusal({ KeyId: keyArn, Message: file, MessageType: 'DIGEST', SigningAlgorithm: 'ECDSA_SHA_256' }),
    ).toBe('ValidationException');
  });

  it('keeps the key made at the first start in its file (mode 0600), so the published key stays the same', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'local-kms-')), 'credit-signing-key.pem');
    const kidOf = async () => {
      const started = await startKms({ region, account, file });
      const local = clientOf(started.endpoint);
      try {
        return (await kmsCreditSigner({ keyId: keyArn, client: local }).publicJwk()).kid;
      } finally {
        local.destroy();
        await started.stop();
      }
    };
    const first = await kidOf();
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(await kidOf()).toBe(first);
    // a fresh run (no file) has a key of its own
    expect((await kmsCreditSigner({ keyId: keyArn, client }).publicJwk()).kid).not.toBe(first);
  });
});
