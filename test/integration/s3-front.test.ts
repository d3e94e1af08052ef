/**
 * The local S3 server checks what S3 checks (issue 12, item 7): presigned POSTs made by the product's own builder
 * (shared/files/upload-policy.ts), then tampered with and posted as a browser posts them; SDK calls with a wrong key
 * or secret; presigned GETs past their time or pointed at another key; anonymous requests. Before the front, s3rver
 * stored every one of these.
 */
import { createHash, randomUUID } from 'node:crypto';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { describe, expect, it } from 'vitest';
import { StreamedObject } from '../../shared/files/streamed-object.js';
import { presignedUpload } from '../../shared/files/upload-policy.js';
import { baseUrl } from './support/api.js';

const s3 = new S3Client({ forcePathStyle: true });
const documents = process.env.DOCUMENTS_BUCKET as string;
const publicBucket = process.env.PUBLIC_BUCKET as string;
const bytes = Buffer.from(`%PDF-1.4 signed receipt ${randomUUID()}`);
const sha256 = createHash('sha256').update(bytes).digest('hex');

function declaration(unit = '91110000802100433B') {
  return {
    bucket: documents,
    key: `cases/cas_front/${unit}/notice_receipt/doc_${randomUUID()}.pdf`,
    contentType: 'application/pdf',
    size: bytes.length,
    sha256,
  };
}

/** Post a form as the upload page does: every field, then the file last. */
async function post(url: string, fields: Array<[string, string]>, file: Buffer = bytes, origin?: string) {
  const form = new FormData();
  for (const [name, value] of fields) form.append(name, value);
  form.append('file', new Blob([file], { type: 'application/pdf' }), 'receipt.pdf');
  const response = await fetch(url, { method: 'POST', body: form, headers: origin ? { origin } : {} });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    code: /<Code>([^<]*)<\/Code>/.exec(text)?.[1],
    message: /<Message>([^<]*)<\/Message>/.exec(text)?.[1],
  };
}

async function exists(bucket: string, key: string): Promise<boolean> {
  try {
    await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    return true;
  } catch {
    return false;
  }
}

const replace = (name: string, value: string) => (fields: Array<[string, string]>) =>
  fields.map(([n, v]): [string, string] => [n, n === name ? value : v]);
const without =
  (...names: string[]) =>
  (fields: Array<[string, string]>) =>
    fields.filter(([n]) => !names.includes(n));

describe('presigned POSTs are checked as S3 checks them', () => {
  it('stores the form the product signs, unchanged (204)', async () => {
    const declared = declaration();
    const signed = await presignedUpload(declared, 900);
    const answer = await post(signed.url, Object.entries(signed.fields));
    expect(answer.status).toBe(204);
    const stored = await s3.send(new GetObjectCommand({ Bucket: documents, Key: declared.key }));
    expect(Buffer.from(await (stored.Body?.transformToByteArray() ?? new Uint8Array())).equals(bytes)).toBe(true);
    expect(stored.ContentType).toBe('application/pdf');
    expect(stored.Metadata?.sha256).toBe(sha256);
  });

  it.each([
    [
      "another unit's key",
      replace('key', 'cases/cas_front/91110000000000000X/notice_receipt/doc_stolen.pdf'),
      403,
      'AccessDenied',
    ],
    ['the public site index', replace('key', 'public/index.html'), 403, 'AccessDenied'],
    ['another content type', replace('Content-Type', 'text/html'), 403, 'AccessDenied'],
    ['no signature', without('X-Amz-Signature'), 400, 'InvalidArgument'],
    [
      'no policy and no signature at all',
      without('Policy', 'X-Amz-Signature', 'X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Date'),
      403,
      'AccessDenied',
    ],
    ['a forged signature', replace('X-Amz-Signature', 'f'.repeat(64)), 403, 'SignatureDoesNotMatch'],
    [
      'a field added',
      (fields: Array<[string, string]>) => [...fields, ['x-amz-meta-approved', 'yes']] as Array<[string, string]>,
      403,
      'AccessDenied',
    ],
  ])('refuses %s and stores nothing', async (_name, change, status, code) => {
    const declared = declaration();
    const signed = await presignedUpload(declared, 900);
    const fields = change(Object.entries(signed.fields));
    const answer = await post(signed.url, fields);
    expect({ status: answer.status, code: answer.code }, answer.message).toEqual({ status, code });
    expect(await exists(documents, declared.key)).toBe(false);
    const key = fields.find(([name]) => name === 'key')?.[1] as string;
    if (key !== declared.key) expect(await exists(documents, key)).toBe(false);
  });

  it('refuses an expired policy, a file larger than declared, and a post to the public bucket', async () => {
    const expired = declaration();
    const old = await presignedUpload(expired, -1);
    expect(await post(old.url, Object.entries(old.fields))).toMatchObject({
      status: 403,
      code: 'AccessDenied',
      message: 'Invalid according to Policy: Policy expired.',
    });

    const declared = declaration();
    const signed = await presignedUpload(declared, 900);
    expect(await post(signed.url, Object.entries(signed.fields), Buffer.concat([bytes, bytes]))).toMatchObject({
      status: 400,
      code: 'EntityTooLarge',
    });
    const toPublic = await post(signed.url.replace(documents, publicBucket), [
      ...replace('key', 'public/index.html')(Object.entries(signed.fields)),
    ]);
    expect(toPublic).toMatchObject({ status: 403, code: 'AccessDenied' });
    expect(await exists(documents, declared.key)).toBe(false);
    expect(await exists(documents, expired.key)).toBe(false);
    const index = await s3.send(new GetObjectCommand({ Bucket: publicBucket, Key: 'public/index.html' }));
    expect(await index.Body?.transformToString()).not.toContain('receipt');
  });

  it("answers the upload page's origin with CORS headers, so the page can read S3's message", async () => {
    const signed = await presignedUpload(declaration(), 900);
    const answer = await post(signed.url, without('X-Amz-Signature')(Object.entries(signed.fields)), bytes, baseUrl());
    expect(answer.status).toBe(400);
    expect(answer.headers.get('access-control-allow-origin')).toBe(baseUrl());
  });
});

describe('every other request needs a valid signature', () => {
  it('refuses anonymous reads and writes', async () => {
    const endpoint = process.env.AWS_ENDPOINT_URL_S3 as string;
    const put = await fetch(`${endpoint}/${publicBucket}/public/index.html`, { method: 'PUT', body: 'defaced' });
    expect(put.status).toBe(403);
    const get = await fetch(`${endpoint}/${documents}/cases/anything.pdf`);
    expect(get.status).toBe(403);
    expect(await get.text()).toContain('<Code>AccessDenied</Code>');
    const index = await s3.send(new GetObjectCommand({ Bucket: publicBucket, Key: 'public/index.html' }));
    expect(await index.Body?.transformToString()).not.toBe('defaced');
  });

  it('refuses an SDK client with a wrong secret or an unknown access key', async () => {
    const put = (credentials: { accessKeyId: string; secretAccessKey: string }) =>
      new S3Client({ forcePathStyle: true, credentials, maxAttempts: 1 })
        .send(new PutObjectCommand({ Bucket: publicBucket, Key: 'public/index.html', Body: 'defaced' }))
        .then(
          () => 'stored',
          (error: { name: string }) => error.name,
        );
    expect(await put({ accessKeyId: 'S3RVER', secretAccessKey: 'guessed' })).toBe('SignatureDoesNotMatch');
    expect(await put({ accessKeyId: 'AKIAGUESSED', secretAccessKey: 'S3RVER' })).toBe('InvalidAccessKeyId');
  });

  it('serves a presigned GET in its time, for its key only', async () => {
    const declared = declaration();
    await s3.send(new PutObjectCommand({ Bucket: documents, Key: declared.key, Body: bytes }));
    const url = await getSignedUrl(s3, new GetObjectCommand({ Bucket: documents, Key: declared.key }), {
      expiresIn: 60,
    });
    expect((await fetch(url)).status).toBe(200);
    const other = url.replace(/doc_[^.]+\.pdf/, 'doc_other.pdf');
    expect((await fetch(other)).status).toBe(403);
    const expired = await getSignedUrl(s3, new GetObjectCommand({ Bucket: documents, Key: declared.key }), {
      expiresIn: 60,
      signingDate: new Date(Date.now() - 120_000),
    });
    const answer = await fetch(expired);
    expect(answer.status).toBe(403);
    expect(await answer.text()).toContain('Request has expired');
  });
});

describe('a stored object is whole once S3 answered its PUT', () => {
  // s3rver answered a PUT before its file was flushed, so a GET right after could read it empty or cut short: the
  // credit export's latest.json read back empty now and then (test/integration/credit-export.test.ts)
  it('reads back every byte at once, small or large, new or overwritten', async () => {
    const overwritten = `public/credit/test-flush-${randomUUID()}.json`;
    for (let round = 0; round < 200; round++) {
      const key = round % 2 ? overwritten : `public/credit/test-flush-${randomUUID()}.bin`;
      const body = Buffer.alloc(round % 50 === 0 ? 8 * 1024 * 1024 : 300 + round, round + 1);
      await s3.send(new PutObjectCommand({ Bucket: publicBucket, Key: key, Body: body }));
      const read = await s3.send(new GetObjectCommand({ Bucket: publicBucket, Key: key }));
      const bytes = Buffer.from(
        await (read.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray(),
      );
      expect(bytes.length, `round ${round}`).toBe(body.length);
      expect(bytes.equals(body), `round ${round}`).toBe(true);
    }
  });
});

describe('a conditional write (If-None-Match: *) stores nothing over an object, as S3', () => {
  const status = (promise: Promise<unknown>) =>
    promise.then(
      () => 200,
      (error: { $metadata?: { httpStatusCode?: number } }) => error.$metadata?.httpStatusCode,
    );
  const read = async (key: string) => {
    const object = await s3.send(new GetObjectCommand({ Bucket: publicBucket, Key: key }));
    return Buffer.from(
      await (object.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray(),
    ).toString('utf8');
  };

  it('PutObject: stored on a free key, refused (412) on a taken one; an unconditional PUT still replaces', async () => {
    const key = `public/credit/test-once-${randomUUID()}.json`;
    const put = (body: string, once: boolean) =>
      status(
        s3.send(
          new PutObjectCommand({ Bucket: publicBucket, Key: key, Body: body, ...(once ? { IfNoneMatch: '*' } : {}) }),
        ),
      );
    expect(await put('first', true)).toBe(200);
    expect(await put('second', true)).toBe(412);
    expect(await read(key)).toBe('first');
    expect(await put('third', false)).toBe(200);
    expect(await read(key)).toBe('third');
  });

  it('a multipart upload: the completion is refused (412) on a taken key, and the object stays', async () => {
    const key = `public/credit/test-once-${randomUUID()}.csv`;
    await s3.send(new PutObjectCommand({ Bucket: publicBucket, Key: key, Body: 'stored', IfNoneMatch: '*' }));
    const object = new StreamedObject(s3, publicBucket, key, {
      contentType: 'text/csv',
      partSize: 5 * 1024 * 1024,
      writeOnce: true,
    });
    const refused = status(
      (async () => {
        await object.write(Buffer.alloc(6 * 1024 * 1024, 0x61));
        return object.end();
      })(),
    );
    expect(await refused).toBe(412);
    expect(await read(key)).toBe('stored');
  });
});
