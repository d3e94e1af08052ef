import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';

// The documents bucket is configuration read at import (cold start); presigning is local, nothing is sent to S3.
process.env.DOCUMENTS_BUCKET ??= 'unit-test-documents';
process.env.AWS_REGION ??= 'us-east-1';
process.env.AWS_ACCESS_KEY_ID ??= 'unit';
process.env.AWS_SECRET_ACCESS_KEY ??= 'test';

let module: typeof import('../../../shared/http/document-location.js');
let errors: typeof import('../../../shared/domain/errors.js');
beforeAll(async () => {
  module = await import('../../../shared/http/document-location.js');
  errors = await import('../../../shared/domain/errors.js');
});

describe('prefersJson: what an Accept header asks of a document route', () => {
  it.each([
    [undefined, false],
    ['', false],
    ['*/*', false],
    ['application/pdf', false],
    ['text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', false],
    ['application/*', false],
    ['application/json', true],
    ['Application/JSON', true],
    ['application/json, */*', true],
    ['application/json, text/plain, */*', true],
    ['application/json;q=0.9, */*;q=0.8', true],
    ['application/json;q=0.5, */*', false],
    ['application/pdf, application/json', false],
    ['application/pdf;q=0.5, application/json', true],
    ['application/json;q=0', false],
    ['application/json;q=0.8, application/*;q=0.8', true],
    ['application/pdf, application/json;q=0.5', false],
    ['application/json, application/problem+json', true],
    ['application/json, */*;q=0.1', true],
    [' Application/JSON ; q=1.0', true],
  ])('%j → JSON: %s', (accept, expected) => {
    expect(module.prefersJson(accept, 'application/pdf')).toBe(expected);
  });

  it('weighs the document’s own type: an image link asked for by an image-first client stays a redirect', () => {
    expect(module.prefersJson('image/jpeg, application/json;q=0.9', 'image/jpeg')).toBe(false);
    expect(module.prefersJson('image/jpeg;q=0.5, application/json', 'image/jpeg')).toBe(true);
  });
});

describe('documentLocation', () => {
  const now = new Date('2026-09-10T02:00:00Z');
  const ctx = (accept?: string) => ({
    now,
    event: { headers: accept ? { accept } : {} } as unknown as APIGatewayProxyEventV2,
  });
  const document = {
    key: 'notices/cas_1/ntc_1.pdf',
    fileName: '通住建差监告〔2026〕1号.pdf',
    sha256: 'a'.repeat(64),
    name: { zh: '告知单 通住建差监告〔2026〕1号 的 PDF', en: 'The PDF of notice 1' },
  };

  it('redirects to a presigned GET of the key, opened inline under the file name', async () => {
    const result = await module.documentLocation(ctx(), document);
    expect(result.status).toBe(302);
    const location = new URL(String(result.headers?.location));
    expect(location.pathname).toContain('notices/cas_1/ntc_1.pdf');
    expect(location.searchParams.get('X-Amz-Expires')).toBe('300');
    expect(location.searchParams.get('response-content-type')).toBe('application/pdf');
    expect(location.searchParams.get('response-content-disposition')).toBe(
      `inline; filename*=UTF-8''${encodeURIComponent(document.fileName)}`,
    );
    expect(result.body).toBeUndefined();
  });

  it('answers {url, expiresAt} (on the handlers’ clock, +08:00) when the request prefers JSON', async () => {
    const result = await module.documentLocation(ctx('application/json'), document);
    expect(result.status).toBe(200);
    const body = result.body as { url: string; expiresAt: string };
    expect(new URL(body.url).pathname).toContain('notices/cas_1/ntc_1.pdf');
    expect(body.expiresAt).toBe('2026-09-10T10:05:00+08:00');
    expect(result.headers?.location).toBeUndefined();
  });

  it('refuses a document still being rendered with a conflict saying so, in Chinese first', async () => {
    const pending = module.documentLocation(ctx(), { ...document, sha256: null });
    await expect(pending).rejects.toBeInstanceOf(errors.ConflictError);
    await expect(pending).rejects.toMatchObject({
      text: { zh: '告知单 通住建差监告〔2026〕1号 的 PDF正在生成，请稍后再试（通常几秒钟内完成）。' },
    });
  });
});
