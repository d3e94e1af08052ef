/**
 * AWS Signature Version 4 as S3 verifies it, for the local S3 front (infra/local/s3-front.ts): a request signed in
 * its `Authorization` header (the SDK's calls) or in its query string (presigned GETs), and the signing key a POST
 * policy is signed with. Pure functions over the request as received; time is an argument.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html
 * https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { refuse } from './s3-refusal.js';

export const ALGORITHM = 'AWS4-HMAC-SHA256';
/** S3 accepts a header-signed request whose time is at most 15 minutes from its own. */
const MAX_SKEW_MS = 15 * 60 * 1000;
/** A presigned URL lives at most seven days. */
const MAX_PRESIGNED_SECONDS = 7 * 24 * 3600;

/** The one access key the twin knows, and the region it claims. */
export interface SigningAccount {
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
}

/** A request as the front received it: the raw path and query, and the raw header lines. */
export interface ReceivedRequest {
  method: string;
  /** path and query exactly as on the request line, e.g. `/bucket/cases/a%20b.pdf?x-id=GetObject` */
  url: string;
  /** node:http's `rawHeaders`: name, value, name, value… */
  rawHeaders: string[];
}

/** What a verified request proved: the payload hash it signed (hex, `UNSIGNED-PAYLOAD` or `STREAMING-…`). */
export interface VerifiedSignature {
  kind: 'header' | 'query';
  payloadHash: string;
}

/** `HMAC(HMAC(HMAC(HMAC("AWS4"+secret, date), region), service), "aws4_request")`. */
export function signingKey(secret: string, date: string, region: string, service: string): Buffer {
  const step = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();
  return step(step(step(step(`AWS4${secret}`, date), region), service), 'aws4_request');
}

/** Hex HMAC-SHA256 of a string under a signing key. */
export function sign(key: Buffer, text: string): string {
  return createHmac('sha256', key).update(text, 'utf8').digest('hex');
}

/** Compare two hex signatures in constant time. */
export function sameSignature(expected: string, provided: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(provided, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Whether the request carries SigV4 (header or query); undefined when it is anonymous. */
export function authenticationOf(request: ReceivedRequest): 'header' | 'query' | undefined {
  const authorization = headerValues(request.rawHeaders, 'authorization');
  const query = queryParameters(request.url);
  if (authorization.length && query.some(([name]) => name === 'X-Amz-Algorithm')) {
    refuse(
      400,
      'InvalidArgument',
      'Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string parameter or the Authorization header should be specified',
      { ArgumentName: 'Authorization', ArgumentValue: authorization[0] as string },
    );
  }
  if (authorization.length) return 'header';
  if (query.some(([name]) => name === 'X-Amz-Algorithm' || name === 'X-Amz-Signature' || name === 'Signature')) {
    return 'query';
  }
  return undefined;
}

/**
 * Verify a SigV4 request as S3 does: the credential scope (known key, this region, `s3`, `aws4_request`), the time
 * (±15 minutes for a signed header; for a presigned URL its `X-Amz-Expires`, at most seven days), and the signature
 * over the canonical request rebuilt from what arrived. Throws an S3 refusal; returns the payload hash that was
 * signed, which the caller compares with the body it read.
 */
export function verifySignature(request: ReceivedRequest, account: SigningAccount, now: Date): VerifiedSignature {
  const kind = authenticationOf(request);
  if (!kind) refuse(403, 'AccessDenied', 'Access Denied');
  return kind === 'header' ? verifyHeader(request, account, now) : verifyQuery(request, account, now);
}

function verifyHeader(request: ReceivedRequest, account: SigningAccount, now: Date): VerifiedSignature {
  const authorization = headerValues(request.rawHeaders, 'authorization')[0] as string;
  const [algorithm, ...rest] = authorization.trim().split(/\s+/);
  if (algorithm !== ALGORITHM) {
    if (algorithm === 'AWS')
      refuse(
        400,
        'InvalidRequest',
        'The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.',
      );
    refuse(400, 'InvalidArgument', 'Unsupported Authorization Type', {
      ArgumentName: 'Authorization',
      ArgumentValue: authorization,
    });
  }
  const components = new Map(
    rest
      .join('')
      .split(',')
      .map((component) => {
        const equals = component.indexOf('=');
        return [component.slice(0, equals).trim(), component.slice(equals + 1).trim()] as const;
      }),
  );
  for (const name of ['Credential', 'SignedHeaders', 'Signature']) {
    if (!components.get(name)) {
      refuse(400, 'AuthorizationHeaderMalformed', `The authorization header is malformed; missing ${name}.`);
    }
  }
  const amzDate = headerValues(request.rawHeaders, 'x-amz-date')[0];
  if (!amzDate || !/^\d{8}T\d{6}Z$/.test(amzDate)) {
    refuse(403, 'AccessDenied', 'AWS authentication requires a valid Date or x-amz-date header');
  }
  const scope = credentialScope(components.get('Credential') as string, account, amzDate, 'header');
  const requestTime = parseAmzDate(amzDate);
  if (Math.abs(now.getTime() - requestTime.getTime()) > MAX_SKEW_MS) {
    refuse(403, 'RequestTimeTooSkewed', 'The difference between the request time and the current time is too large.', {
      RequestTime: amzDate,
      ServerTime: now.toISOString().replace(/\.\d+Z$/, 'Z'),
      MaxAllowedSkewMilliseconds: MAX_SKEW_MS,
    });
  }
  const payloadHash = headerValues(request.rawHeaders, 'x-amz-content-sha256')[0];
  if (!payloadHash) refuse(400, 'InvalidRequest', 'Missing required header for this request: x-amz-content-sha256');
  if (!/^([0-9a-f]{64}|UNSIGNED-PAYLOAD|STREAMING-[A-Z0-9-]+)$/.test(payloadHash)) {
    refuse(
      400,
      'InvalidArgument',
      'x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-AWS4-HMAC-SHA256-PAYLOAD, or a valid sha256 value.',
      { ArgumentName: 'x-amz-content-sha256', ArgumentValue: payloadHash },
    );
  }
  const signedHeaders = components.get('SignedHeaders') as string;
  checkSignature(request, account, {
    amzDate,
    scope,
    signedHeaders,
    payloadHash,
    provided: components.get('Signature') as string,
    excludeFromQuery: undefined,
  });
  return { kind: 'header', payloadHash };
}

function verifyQuery(request: ReceivedRequest, account: SigningAccount, now: Date): VerifiedSignature {
  const query = new Map(queryParameters(request.url));
  if (query.has('Signature') && !query.has('X-Amz-Algorithm')) {
    refuse(
      400,
      'InvalidRequest',
      'The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.',
    );
  }
  if (query.get('X-Amz-Algorithm') !== ALGORITHM) {
    refuse(400, 'AuthorizationQueryParametersError', 'X-Amz-Algorithm only supports "AWS4-HMAC-SHA256"');
  }
  for (const name of ['X-Amz-Credential', 'X-Amz-Signature', 'X-Amz-Date', 'X-Amz-SignedHeaders', 'X-Amz-Expires']) {
    if (!query.get(name)) {
      refuse(
        400,
        'AuthorizationQueryParametersError',
        'Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.',
      );
    }
  }
  const amzDate = query.get('X-Amz-Date') as string;
  if (!/^\d{8}T\d{6}Z$/.test(amzDate)) {
    refuse(
      400,
      'AuthorizationQueryParametersError',
      "X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\"",
    );
  }
  const expires = query.get('X-Amz-Expires') as string;
  if (!/^\d+$/.test(expires)) {
    refuse(400, 'AuthorizationQueryParametersError', 'X-Amz-Expires should be a number');
  }
  if (Number(expires) > MAX_PRESIGNED_SECONDS) {
    refuse(
      400,
      'AuthorizationQueryParametersError',
      'X-Amz-Expires must be less than a week (in seconds); that is, the given X-Amz-Expires must be less than 604800 seconds',
    );
  }
  const scope = credentialScope(query.get('X-Amz-Credential') as string, account, amzDate, 'query');
  const expiresAt = parseAmzDate(amzDate).getTime() + Number(expires) * 1000;
  if (now.getTime() > expiresAt) {
    refuse(403, 'AccessDenied', 'Request has expired', {
      'X-Amz-Expires': expires,
      Expires: new Date(expiresAt).toISOString().replace(/\.\d+Z$/, 'Z'),
      ServerTime: now.toISOString().replace(/\.\d+Z$/, 'Z'),
    });
  }
  const payloadHash = query.get('X-Amz-Content-Sha256') ?? 'UNSIGNED-PAYLOAD';
  checkSignature(request, account, {
    amzDate,
    scope,
    signedHeaders: query.get('X-Amz-SignedHeaders') as string,
    payloadHash,
    provided: query.get('X-Amz-Signature') as string,
    excludeFromQuery: 'X-Amz-Signature',
  });
  return { kind: 'query', payloadHash };
}

/**
 * `AKID/YYYYMMDD/REGION/s3/aws4_request`: the key must be the twin's, the date the request's, the region the
 * twin's. Returns the scope string as signed.
 */
export function credentialScope(
  credential: string,
  account: SigningAccount,
  amzDate: string,
  where: 'header' | 'query' | 'post',
): string {
  const parts = credential.split('/');
  const malformed = (message: string): never =>
    where === 'header'
      ? refuse(400, 'AuthorizationHeaderMalformed', `The authorization header is malformed; ${message}`)
      : where === 'query'
        ? refuse(400, 'AuthorizationQueryParametersError', `Error parsing the X-Amz-Credential parameter; ${message}`)
        : refuse(400, 'InvalidArgument', message, { ArgumentName: 'X-Amz-Credential', ArgumentValue: credential });
  if (parts.length !== 5) {
    malformed('the Credential is mal-formed; expecting "<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request".');
  }
  const [accessKeyId, date, region, service, terminal] = parts as [string, string, string, string, string];
  if (!accessKeyId) malformed('a non-empty Access Key (AKID) must be provided in the credential.');
  if (accessKeyId !== account.accessKeyId) {
    refuse(403, 'InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.', {
      AWSAccessKeyId: accessKeyId,
    });
  }
  if (!/^\d{8}$/.test(date)) {
    malformed(`incorrect date format "${date}". This date in the credential must be in the format "yyyyMMdd".`);
  }
  if (date !== amzDate.slice(0, 8)) {
    malformed(`the credential date "${date}" does not match the request date "${amzDate.slice(0, 8)}".`);
  }
  if (region !== account.region) malformed(`the region '${region}' is wrong; expecting '${account.region}'`);
  if (service !== 's3') malformed(`incorrect service "${service}". This endpoint belongs to "s3".`);
  if (terminal !== 'aws4_request') malformed(`incorrect terminal "${terminal}". This endpoint uses "aws4_request".`);
  return `${date}/${region}/${service}/${terminal}`;
}

function checkSignature(
  request: ReceivedRequest,
  account: SigningAccount,
  signed: {
    amzDate: string;
    scope: string;
    signedHeaders: string;
    payloadHash: string;
    provided: string;
    excludeFromQuery: string | undefined;
  },
): void {
  const names = signed.signedHeaders.split(';');
  if (!names.includes('host')) {
    refuse(
      400,
      'AuthorizationHeaderMalformed',
      'The authorization header is malformed; SignedHeaders must include host.',
    );
  }
  const canonicalHeaders = names
    .map((name) => `${name}:${headerValues(request.rawHeaders, name).map(canonicalHeaderValue).join(',')}\n`)
    .join('');
  const canonicalRequest = [
    request.method,
    canonicalUri(request.url),
    canonicalQuery(request.url, signed.excludeFromQuery),
    canonicalHeaders,
    signed.signedHeaders,
    signed.payloadHash,
  ].join('\n');
  const stringToSign = [
    ALGORITHM,
    signed.amzDate,
    signed.scope,
    createHash('sha256').update(canonicalRequest, 'utf8').digest('hex'),
  ].join('\n');
  const [date, region, service] = signed.scope.split('/') as [string, string, string];
  const expected = sign(signingKey(account.secretAccessKey, date, region, service), stringToSign);
  if (!sameSignature(expected, signed.provided)) {
    refuse(
      403,
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
      {
        AWSAccessKeyId: account.accessKeyId,
        StringToSign: stringToSign,
        SignatureProvided: signed.provided,
        StringToSignBytes: hexBytes(stringToSign),
        CanonicalRequest: canonicalRequest,
        CanonicalRequestBytes: hexBytes(canonicalRequest),
      },
    );
  }
}

/** Every value of a header, in order (names compared case-insensitively). */
export function headerValues(rawHeaders: string[], name: string): string[] {
  const values: string[] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    if ((rawHeaders[i] as string).toLowerCase() === name) values.push(rawHeaders[i + 1] as string);
  }
  return values;
}

/** The query's parameters, decoded, in the order sent (a malformed escape is kept as sent). */
export function queryParameters(url: string): Array<[string, string]> {
  const question = url.indexOf('?');
  if (question === -1) return [];
  return url
    .slice(question + 1)
    .split('&')
    .filter(Boolean)
    .map((pair) => {
      const equals = pair.indexOf('=');
      return equals === -1 ? [decoded(pair), ''] : [decoded(pair.slice(0, equals)), decoded(pair.slice(equals + 1))];
    });
}

/** RFC 3986 encoding as SigV4 wants it: everything but `A-Za-z0-9-._~` percent-encoded, in upper case. */
export function uriEncode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** S3's canonical URI: each path segment decoded and encoded once more as RFC 3986 (S3 does not normalise `..`). */
function canonicalUri(url: string): string {
  const question = url.indexOf('?');
  const path = question === -1 ? url : url.slice(0, question);
  return (
    path
      .split('/')
      .map((segment) => uriEncode(decoded(segment)))
      .join('/') || '/'
  );
}

function canonicalQuery(url: string, exclude: string | undefined): string {
  return queryParameters(url)
    .filter(([name]) => name !== exclude)
    .map(([name, value]) => [uriEncode(name), uriEncode(value)] as const)
    .sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
}

function canonicalHeaderValue(value: string): string {
  return value.trim().replace(/\s+/g, ' ');
}

function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** `20261201T101500Z` → the instant. */
export function parseAmzDate(amzDate: string): Date {
  const [, y, mo, d, h, mi, s] = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amzDate) as RegExpExecArray;
  return new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)));
}

function hexBytes(text: string): string {
  return Buffer.from(text, 'utf8')
    .toString('hex')
    .replace(/(..)(?!$)/g, '$1 ');
}
