import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';

/**
 * The response an idempotency record keeps for retries, sealed so that neither the table alone nor the client's key
 * alone opens it: the key is derived from a server-side secret (Secrets Manager, read once per cold start:
 * shared/store/sealing-secret.ts) together with the operation's scope and the client's own `Idempotency-Key` (the
 * record's key holds only its SHA-256). Someone who can read the table and guesses a client's key (`1`, a
 * timestamp…) still cannot read what the API answered — an upload link's token above all, which the table
 * otherwise keeps only as a hash. AES-256-GCM; the key is HMAC-SHA256(secret, label ‖ scope ‖ client key).
 *
 * Version 1 (before the secret) derived the key from the label, scope and client key alone. Records of version 1
 * are still opened, so a retry across the deployment that introduced version 2 gets its first answer; they expire
 * 24 hours after they were written (the idempotency window), after which no version-1 record is left to open and
 * the version-1 branch can be removed (docs/reliability.md, "Idempotency sealing").
 */
export interface Sealed {
  v: 1 | 2;
  iv: string;
  tag: string;
  data: string;
}

const LABEL_V1 = 'supervision idempotent response v1';
const LABEL_V2 = 'supervision idempotent response v2';

function keyOf(version: 1 | 2, scope: string, idempotencyKey: string, secret: Buffer): Buffer {
  if (version === 1) return createHash('sha256').update(`${LABEL_V1}\0${scope}\0${idempotencyKey}`).digest();
  return createHmac('sha256', secret).update(`${LABEL_V2}\0${scope}\0${idempotencyKey}`).digest();
}

/** Seal a response (version 2) with the server's secret, the scope and the client's key. */
export function seal(value: unknown, scope: string, idempotencyKey: string, secret: Buffer): Sealed {
  if (secret.length < 16) throw new Error('the sealing secret is too short');
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyOf(2, scope, idempotencyKey, secret), iv);
  const data = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return {
    v: 2,
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    data: data.toString('base64'),
  };
}

/** The sealed value; throws if it was not sealed with this secret, scope and key (or was altered). */
export function unseal<T>(sealed: Sealed, scope: string, idempotencyKey: string, secret: Buffer): T {
  const version = sealed.v === 1 ? 1 : 2;
  const decipher = createDecipheriv(
    'aes-256-gcm',
    keyOf(version, scope, idempotencyKey, secret),
    Buffer.from(sealed.iv, 'base64'),
  );
  decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
  const text = Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]).toString('utf8');
  return JSON.parse(text) as T;
}

/** The SHA-256 of an `Idempotency-Key`, as the record's key holds it. */
export function idempotencyKeyHash(idempotencyKey: string): string {
  return createHash('sha256').update(idempotencyKey).digest('base64url');
}
