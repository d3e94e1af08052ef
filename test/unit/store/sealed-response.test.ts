import { describe, expect, it } from 'vitest';
import { idempotencyKeyHash, seal, unseal } from '../../../shared/store/sealed-response.js';

const response = { status: 201, body: { linkId: 'lnk_01', token: 'secret-token-value-1234567890' } };
const key = '0f1d8a55-6a8e-4b8e-9d0c-6b2d3c4e5f60';
const scope = 'createUploadLink:inspector-1';

describe('sealed idempotent responses', () => {
  it('open with the same scope and key, and hide what they hold', () => {
    const sealed = seal(response, scope, key);
    expect(unseal(sealed, scope, key)).toEqual(response);
    expect(JSON.stringify(sealed)).not.toContain('secret-token');
    expect(JSON.stringify(sealed)).not.toContain(key);
    // a fresh IV each time: the same response sealed twice differs
    expect(seal(response, scope, key).data).not.toBe(sealed.data);
  });

  it('do not open with another key or scope, nor once altered', () => {
    const sealed = seal(response, scope, key);
    expect(() => unseal(sealed, scope, `${key}x`)).toThrow();
    expect(() => unseal(sealed, 'createUploadLink:inspector-2', key)).toThrow();
    const data = Buffer.from(sealed.data, 'base64');
    data[0] = (data[0] ?? 0) ^ 1;
    expect(() => unseal({ ...sealed, data: data.toString('base64') }, scope, key)).toThrow();
  });

  it('key records by a hash of the client key, stable and not the key', () => {
    expect(idempotencyKeyHash(key)).toBe(idempotencyKeyHash(key));
    expect(idempotencyKeyHash(key)).not.toContain(key);
    expect(idempotencyKeyHash(key)).not.toBe(idempotencyKeyHash(`${key} `));
  });
});
