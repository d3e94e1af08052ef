import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * The response an idempotency record keeps for retries, sealed with a key only the retrying client can derive: the
 * client's own `Idempotency-Key` (the record's key holds only its SHA-256). Someone who can read the table cannot
 * read what the API answered — an upload link's token, above all, which the table otherwise keeps only as a hash.
 * AES-256-GCM; the key is SHA-256 over a label, the operation's scope and the client's key.
 */
export interface Sealed {
  v: 1;
  iv: string;
  tag: string;
  data: string;
}

function keyOf(scope: string, idempotencyKey: string): Buffer {
  return createHash('sha256').update(`supervision idempotent response v1\0${scope}\0${idempotencyKey}`).digest();
}

export function seal(value: unknown, scope: string, idempotencyKey: string): Sealed {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyOf(scope, idempotencyKey), iv);
  const data = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return {
    v: 1,
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    data: data.toString('base64'),
  };
}

/** The sealed value; throws if it was not sealed with this scope and key (or was altered). */
export function unseal<T>(sealed: Sealed, scope: string, idempotencyKey: string): T {
  const decipher = createDecipheriv('aes-256-gcm', keyOf(scope, idempotencyKey), Buffer.from(sealed.iv, 'base64'));
  decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
  const text = Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]).toString('utf8');
  return JSON.parse(text) as T;
}

/** The SHA-256 of an `Idempotency-Key`, as the record's key holds it. */
export function idempotencyKeyHash(idempotencyKey: string): string {
  return createHash('sha256').update(idempotencyKey).digest('base64url');
}
