import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { idempotencyKeyHash, type Sealed, seal, unseal } from '../../../shared/store/sealed-response.js';

const response = { status: 201, body: { linkId: 'lnk_01', token: 'secret-token-value-1234567890' } };
const key = '0f1d8a55-6a8e-4b8e-9d0c-6b2d3c4e5f60';
const scope = 'createUploadLink:inspector-1';
const secret = randomBytes(32);

/** What an attacker who reads the table and guesses the client's key can compute: the key of version 1. */
function openWithClientKeyAlone(sealed: Sealed, clientKey: string): unknown {
  const derived = createHash('sha256').update(`supervision idempotent response v1\0${scope}\0${clientKey}`).digest();
  const decipher = createDecipheriv('aes-256-gcm', derived, Buffer.from(sealed.iv, 'base64'));
  decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
  return JSON.parse(Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]).toString());
}

describe('sealed idempotent responses', () => {
  it('open with the same secret, scope and key, and hide what they hold', () => {
    const sealed = seal(response, scope, key, secret);
    expect(sealed.v).toBe(2);
    expect(unseal(sealed, scope, key, secret)).toEqual(response);
    expect(JSON.stringify(sealed)).not.toContain('secret-token');
    expect(JSON.stringify(sealed)).not.toContain(key);
    // a fresh IV each time: the same response sealed twice differs
    expect(seal(response, scope, key, secret).data).not.toBe(sealed.data);
  });

  it('do not open with another key, scope or secret, nor once altered', () => {
    const sealed = seal(response, scope, key, secret);
    expect(() => unseal(sealed, scope, `${key}x`, secret)).toThrow();
    expect(() => unseal(sealed, 'createUploadLink:inspector-2', key, secret)).toThrow();
    expect(() => unseal(sealed, scope, key, randomBytes(32))).toThrow();
    const data = Buffer.from(sealed.data, 'base64');
    data[0] = (data[0] ?? 0) ^ 1;
    expect(() => unseal({ ...sealed, data: data.toString('base64') }, scope, key, secret)).toThrow();
  });

  it('a guessed client key alone no longer opens a record: the server secret is needed', () => {
    const guessable = '1';
    const sealed = seal(response, scope, guessable, secret);
    expect(() => openWithClientKeyAlone(sealed, guessable)).toThrow();
    expect(unseal(sealed, scope, guessable, secret)).toEqual(response);
  });

  it('still opens a record sealed before the secret (version 1) during its 24-hour life', () => {
    const derived = createHash('sha256').update(`supervision idempotent response v1\0${scope}\0${key}`).digest();
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', derived, iv);
    const data = Buffer.concat([cipher.update(JSON.stringify(response), 'utf8'), cipher.final()]);
    const legacy: Sealed = {
      v: 1,
      iv: iv.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
      data: data.toString('base64'),
    };
    expect(unseal(legacy, scope, key, secret)).toEqual(response);
    expect(openWithClientKeyAlone(legacy, key)).toEqual(response);
  });

  it('refuses to seal with a secret too short to be one', () => {
    expect(() => seal(response, scope, key, Buffer.from('short'))).toThrow(/too short/);
  });

  it('key records by a hash of the client key, stable and not the key', () => {
    expect(idempotencyKeyHash(key)).toBe(idempotencyKeyHash(key));
    expect(idempotencyKeyHash(key)).not.toContain(key);
    expect(idempotencyKeyHash(key)).not.toBe(idempotencyKeyHash(`${key} `));
  });
});
