/**
 * The checks of the local S3 front (infra/local/s3-*.ts), pure: SigV4 against AWS's published examples, and POST
 * policies made by the product's own builder (shared/files/upload-policy.ts) then tampered with.
 */
import { createHash } from 'node:crypto';
import { S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { buildForm, type FormPart, parseForm } from '../../../infra/local/multipart-form.js';
import { checkPostObject } from '../../../infra/local/s3-post-policy.js';
import { type S3Refusal, S3RefusalError } from '../../../infra/local/s3-refusal.js';
import { type SigningAccount, sign, signingKey, verifySignature } from '../../../infra/local/s3-signature.js';
import { presignedUpload } from '../../../shared/files/upload-policy.js';

/** AWS's documentation credentials (the examples of sig-v4-header-based-auth, sigv4-query-string-auth). */
const EXAMPLE: SigningAccount = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  region: 'us-east-1',
};
const EXAMPLE_TIME = new Date('2013-05-24T00:00:00Z');
const EMPTY_SHA256 = createHash('sha256').update('').digest('hex');

function refusal(run: () => unknown): S3Refusal | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof S3RefusalError) return error.refusal;
    throw error;
  }
  return undefined;
}

/** AWS's "GET Object" example, as raw header lines. */
function exampleGet(signature: string, overrides: Record<string, string> = {}) {
  const headers = {
    Host: 'examplebucket.s3.amazonaws.com',
    Range: 'bytes=0-9',
    'x-amz-content-sha256': EMPTY_SHA256,
    'x-amz-date': '20130524T000000Z',
    Authorization: `AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,Signature=${signature}`,
    ...overrides,
  };
  return { method: 'GET', url: '/test.txt', rawHeaders: Object.entries(headers).flat() };
}
const EXAMPLE_SIGNATURE = 'f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41';
const PRESIGNED =
  '/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404';

describe('SigV4 as S3 verifies it', () => {
  it("verifies AWS's header-signed example and its presigned-URL example", () => {
    expect(verifySignature(exampleGet(EXAMPLE_SIGNATURE), EXAMPLE, EXAMPLE_TIME)).toEqual({
      kind: 'header',
      payloadHash: EMPTY_SHA256,
    });
    const presigned = { method: 'GET', url: PRESIGNED, rawHeaders: ['Host', 'examplebucket.s3.amazonaws.com'] };
    expect(verifySignature(presigned, EXAMPLE, EXAMPLE_TIME).kind).toBe('query');
  });

  it.each([
    ['a signature off by one character', exampleGet(`${EXAMPLE_SIGNATURE.slice(0, -1)}0`), 'SignatureDoesNotMatch'],
    ['a signed header changed', exampleGet(EXAMPLE_SIGNATURE, { Range: 'bytes=0-99' }), 'SignatureDoesNotMatch'],
    ['another path', { ...exampleGet(EXAMPLE_SIGNATURE), url: '/other.txt' }, 'SignatureDoesNotMatch'],
    ['no signature at all', { method: 'GET', url: '/test.txt', rawHeaders: ['Host', 'x'] }, 'AccessDenied'],
    [
      'another access key',
      exampleGet(EXAMPLE_SIGNATURE, {
        Authorization: `AWS4-HMAC-SHA256 Credential=AKIAOTHER/20130524/us-east-1/s3/aws4_request,SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,Signature=${EXAMPLE_SIGNATURE}`,
      }),
      'InvalidAccessKeyId',
    ],
    [
      'another region',
      exampleGet(EXAMPLE_SIGNATURE, {
        Authorization: `AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/eu-west-1/s3/aws4_request,SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,Signature=${EXAMPLE_SIGNATURE}`,
      }),
      'AuthorizationHeaderMalformed',
    ],
  ])('refuses %s', (_name, request, code) => {
    expect(refusal(() => verifySignature(request, EXAMPLE, EXAMPLE_TIME))?.code).toBe(code);
  });

  it('refuses a header-signed request more than 15 minutes off, and a presigned URL past its expiry', () => {
    const late = new Date(EXAMPLE_TIME.getTime() + 16 * 60_000);
    expect(refusal(() => verifySignature(exampleGet(EXAMPLE_SIGNATURE), EXAMPLE, late))?.code).toBe(
      'RequestTimeTooSkewed',
    );
    const presigned = { method: 'GET', url: PRESIGNED, rawHeaders: ['Host', 'examplebucket.s3.amazonaws.com'] };
    const dayAfter = new Date(EXAMPLE_TIME.getTime() + 86_401_000);
    expect(refusal(() => verifySignature(presigned, EXAMPLE, dayAfter))).toMatchObject({
      status: 403,
      code: 'AccessDenied',
      message: 'Request has expired',
    });
  });
});

describe('POST policies as S3 checks them', () => {
  it("signs AWS's POST policy example to the published signature", () => {
    const policy = [
      '{ "expiration": "2015-12-30T12:00:00.000Z",',
      '  "conditions": [',
      '    {"bucket": "sigv4examplebucket"},',
      '    ["starts-with", "$key", "user/user1/"],',
      '    {"acl": "public-read"},',
      '    {"success_action_redirect": "http://sigv4examplebucket.s3.amazonaws.com/successful_upload.html"},',
      '    ["starts-with", "$Content-Type", "image/"],',
      '    {"x-amz-meta-uuid": "14365123651274"},',
      '    {"x-amz-server-side-encryption": "AES256"},',
      '    ["starts-with", "$x-amz-meta-tag", ""],',
      '',
      '    {"x-amz-credential": "AKIAIOSFODNN7EXAMPLE/20151229/us-east-1/s3/aws4_request"},',
      '    {"x-amz-algorithm": "AWS4-HMAC-SHA256"},',
      '    {"x-amz-date": "20151229T000000Z" }',
      '  ]',
      '}',
    ].join('\r\n');
    const base64 = Buffer.from(policy, 'utf8').toString('base64');
    expect(sign(signingKey(EXAMPLE.secretAccessKey, '20151229', 'us-east-1', 's3'), base64)).toBe(
      '8afdbf4008c03f22c2cd3cdb72e4afbb1f6a588f3255ac628749a66d7f09699e',
    );
  });

  const account: SigningAccount = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', region: 'us-east-1' };
  const client = new S3Client({
    region: account.region,
    credentials: account,
    endpoint: 'http://127.0.0.1:9',
    forcePathStyle: true,
  });
  const bytes = Buffer.from('%PDF-1.4 a signed receipt');
  const declaration = {
    bucket: 'supervision-documents',
    key: 'cases/cas_1/91110000802100433B/notice_receipt/doc_1.pdf',
    contentType: 'application/pdf',
    size: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };

  /** The form a browser posts for this policy (fields in the builder's order, then the file), parsed back. */
  async function form(
    change: (fields: Array<[string, string]>) => Array<[string, string]> = (fields) => fields,
    file = bytes,
    expiresSeconds = 900,
  ): Promise<FormPart[]> {
    const post = await presignedUpload(declaration, expiresSeconds, client);
    const built = buildForm(change(Object.entries(post.fields)), { data: file, filename: 'receipt.pdf' });
    return parseForm(built.body, /boundary=(.+)$/.exec(built.contentType)?.[1] as string);
  }
  const check = (parts: FormPart[], bucket = declaration.bucket, now = new Date()) =>
    refusal(() => checkPostObject(parts, bucket, account, now));
  const replace = (name: string, value: string) => (fields: Array<[string, string]>) =>
    fields.map(([n, v]): [string, string] => [n, n === name ? value : v]);
  const without =
    (...names: string[]) =>
    (fields: Array<[string, string]>) =>
      fields.filter(([n]) => !names.includes(n));

  it('accepts the form the product signs, and reports the key and fields to store', async () => {
    const parts = await form();
    expect(check(parts)).toBeUndefined();
    const accepted = checkPostObject(parts, declaration.bucket, account, new Date());
    expect(accepted.key).toBe(declaration.key);
    expect(accepted.file.data.equals(bytes)).toBe(true);
  });

  it.each([
    [
      "another unit's key",
      replace('key', 'cases/cas_1/91110000000000000X/notice_receipt/doc_1.pdf'),
      403,
      'AccessDenied',
      /^Invalid according to Policy: Policy Condition failed: \["eq", "\$key"/,
    ],
    ['the public index', replace('key', 'public/index.html'), 403, 'AccessDenied', /Policy Condition failed/],
    ['another content type', replace('Content-Type', 'text/html'), 403, 'AccessDenied', /\$Content-Type/],
    ['another SHA-256', replace('x-amz-meta-sha256', '0'.repeat(64)), 403, 'AccessDenied', /x-amz-meta-sha256/],
    ['no signature', without('X-Amz-Signature'), 400, 'InvalidArgument', /named 'X-Amz-Signature'/],
    [
      'no policy and no signature fields (anonymous)',
      without('Policy', 'X-Amz-Signature', 'X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Date'),
      403,
      'AccessDenied',
      /^Access Denied$/,
    ],
    [
      'a signature of another policy',
      replace('X-Amz-Signature', '0'.repeat(64)),
      403,
      'SignatureDoesNotMatch',
      /does not match/,
    ],
    [
      'a field the policy does not name',
      (fields: Array<[string, string]>) => [...fields, ['acl', 'public-read']] as Array<[string, string]>,
      403,
      'AccessDenied',
      /^Invalid according to Policy: Extra input fields: acl$/,
    ],
    [
      'the policy swapped for a laxer one',
      (fields: Array<[string, string]>) =>
        replace(
          'Policy',
          Buffer.from(JSON.stringify({ expiration: '2099-01-01T00:00:00Z', conditions: [] })).toString('base64'),
        )(fields),
      403,
      'SignatureDoesNotMatch',
      /does not match/,
    ],
  ])('refuses %s', async (_name, change, status, code, message) => {
    const refused = check(await form(change));
    expect(refused).toMatchObject({ status, code });
    expect(refused?.message).toMatch(message);
  });

  it('refuses a file larger or smaller than declared, with the sizes', async () => {
    expect(check(await form(undefined, Buffer.concat([bytes, Buffer.from('x')])))).toMatchObject({
      status: 400,
      code: 'EntityTooLarge',
      detail: { ProposedSize: bytes.length + 1, MaxSizeAllowed: bytes.length },
    });
    expect(check(await form(undefined, bytes.subarray(1)))).toMatchObject({ status: 400, code: 'EntityTooSmall' });
  });

  it('refuses an expired policy, a post to another bucket, and ignores fields after the file', async () => {
    expect(check(await form(undefined, bytes, -1))).toMatchObject({
      code: 'AccessDenied',
      message: 'Invalid according to Policy: Policy expired.',
    });
    const fifteenMinutesLater = new Date(Date.now() + 16 * 60_000);
    expect(check(await form(), declaration.bucket, fifteenMinutesLater)?.message).toBe(
      'Invalid according to Policy: Policy expired.',
    );
    expect(check(await form(), 'supervision-public')?.message).toMatch(/\["eq", "\$bucket", "supervision-documents"\]/);
    // a key field after the file does not count: the key is missing
    const parts = await form(without('key'));
    const file = parts.findIndex((part) => part.name === 'file');
    parts.splice(file + 1, 0, { name: 'key', data: Buffer.from(declaration.key), offset: 0 });
    expect(check(parts)).toMatchObject({ status: 400, code: 'InvalidArgument', detail: { ArgumentName: 'key' } });
  });

  it('reads field names case-insensitively, as S3 does', async () => {
    const lower = await form((fields) => fields.map(([n, v]): [string, string] => [n.toLowerCase(), v]));
    expect(check(lower)).toBeUndefined();
  });
});
