/**
 * The local S3 server's front door: an HTTP server on 127.0.0.1 that checks every request as S3 would before s3rver
 * (which checks no SigV4 signature and no POST policy) sees it. Without it, a post with no signature, to another
 * unit's key or to `public/index.html` was stored, and a test could not tell a broken policy from a good one.
 *
 * What it checks (and what it does not):
 * - **Browser uploads** (POST Object, `multipart/form-data` without an `Authorization` header): everything
 *   infra/local/s3-post-policy.ts lists — the signature of the POST policy, its expiration, every condition, no
 *   field left uncovered; then s3rver gets a form rebuilt from exactly the checked fields.
 * - **Signed requests** (the SDK: `Authorization: AWS4-HMAC-SHA256 …`): the credential scope, the time (±15
 *   minutes), the signature over the canonical request, and a hex `x-amz-content-sha256` against the body's SHA-256.
 *   Streaming (`aws-chunked`) payloads have their seed signature checked, not each chunk's.
 * - **Presigned URLs** (`X-Amz-Signature` in the query): the scope, `X-Amz-Expires` (at most 7 days, not past) and
 *   the signature.
 * - **Anonymous requests** are refused (403 AccessDenied): the buckets are private, as in AWS; CORS preflights
 *   (OPTIONS) go through, since browsers send them without credentials.
 * - Keys the local store cannot hold (NUL, `..`, too long a segment) are refused or missing (infra/local/s3-keys.ts).
 * Refusals are S3's XML error documents, with CORS headers for the page's origin, so the upload page reads S3's
 * `<Message>` as it does in AWS. Time is the machine's, like S3's (the SDK signs with it), never the local clock.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, request as outgoing, type ServerResponse } from 'node:http';
import { listen, readBodyBytes } from './aws-json-endpoint.js';
import { boundaryOf, buildForm, MalformedFormError, parseForm } from './multipart-form.js';
import { storableKeyProblem } from './s3-keys.js';
import { checkPostObject } from './s3-post-policy.js';
import { refusalXml, refuse, type S3Refusal, S3RefusalError } from './s3-refusal.js';
import { type SigningAccount, verifySignature } from './s3-signature.js';

/** The largest body the front reads (a presigned POST is at most 20 MiB here; S3 takes up to 5 GiB). */
export const MAX_BODY_BYTES = 64 * 1024 * 1024;

/** The fields of a checked POST that s3rver gets: what S3 stores from a form (key, headers, metadata, answers). */
const STORED_FIELDS =
  /^(key|content-type|cache-control|content-disposition|content-encoding|expires|success_action_status|success_action_redirect|redirect|x-amz-meta-.+)$/i;

export interface S3FrontOptions {
  /** s3rver's address, e.g. `http://127.0.0.1:41234` */
  upstream: string;
  account: SigningAccount;
  /** browser origins allowed by the buckets' CORS rules (the refusals carry CORS headers for them) */
  corsOrigins: string[];
  /** the clock S3 reads (the machine's); tests may pass another */
  now?: () => Date;
}

export interface S3Front {
  endpoint: string;
  port: number;
  stop(): Promise<void>;
}

/** Start the front on a free port of 127.0.0.1. */
export async function startS3Front(options: S3FrontOptions): Promise<S3Front> {
  const now = options.now ?? (() => new Date());
  const upstream = new URL(options.upstream);
  const server = createServer((request, response) => {
    void handle(request, response).catch((error: unknown) => {
      // Our own bug: S3's 500, so the caller's SDK retries and reports it.
      answerRefusal(request, response, { status: 500, code: 'InternalError', message: String(error) });
    });
  });
  server.keepAliveTimeout = 5_000;

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const method = request.method ?? 'GET';
    const url = request.url ?? '/';
    if (method === 'OPTIONS') {
      request.resume();
      return forward(request, response, { method, url, headers: request.rawHeaders, body: Buffer.alloc(0) });
    }
    const body = await readBody(request);
    try {
      if (body === undefined) {
        refuse(400, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size', {
          MaxSizeAllowed: MAX_BODY_BYTES,
        });
      }
      const path = url.split('?')[0] as string;
      const [bucket = '', ...keySegments] = path.slice(1).split('/');
      const key = keySegments.map(decodedSegment).join('/');
      const received = { method, url, rawHeaders: request.rawHeaders };
      const isPostObject =
        method === 'POST' && !url.includes('?') && keySegments.every((s) => s === '') && !request.headers.authorization;
      if (isPostObject) return await postObject(request, response, decodedSegment(bucket), body);

      const verified = verifySignature(received, options.account, now());
      if (/^[0-9a-f]{64}$/.test(verified.payloadHash)) {
        const computed = createHash('sha256').update(body).digest('hex');
        if (computed !== verified.payloadHash) {
          refuse(
            400,
            'XAmzContentSHA256Mismatch',
            "The provided 'x-amz-content-sha256' header does not match what was computed.",
            {
              ClientComputedContentSHA256: verified.payloadHash,
              S3ComputedContentSHA256: computed,
            },
          );
        }
      }
      if (key) {
        const problem = storableKeyProblem(key);
        if (problem && (method === 'GET' || method === 'HEAD')) {
          refuse(404, 'NoSuchKey', 'The specified key does not exist.', { Key: key });
        }
        if (problem)
          refuse(400, 'InvalidArgument', `The local S3 store cannot hold this key: ${problem}.`, { Key: key });
      }
      if (key && request.headers['if-none-match'] === '*' && createsObject(method, url)) {
        await refuseIfStored(bucket, url.split('?')[0] as string);
      }
      return forward(request, response, { method, url, headers: request.rawHeaders, body });
    } catch (error) {
      if (!(error instanceof S3RefusalError)) throw error;
      answerRefusal(request, response, error.refusal);
    }
  }

  /**
   * A conditional write (`If-None-Match: *` on PutObject or CompleteMultipartUpload), which s3rver ignores: S3
   * refuses it with 412 when the key holds an object already. The check and the write are not one step here as they
   * are in S3, which is enough for one machine's writers (the credit export's write-once files).
   */
  async function refuseIfStored(bucket: string, path: string): Promise<void> {
    const status = await new Promise<number>((resolve, reject) => {
      const head = outgoing(
        { host: upstream.hostname, port: upstream.port, method: 'HEAD', path, headers: { host: upstream.host } },
        (answer) => {
          answer.resume();
          answer.on('end', () => resolve(answer.statusCode ?? 500));
        },
      );
      head.on('error', reject);
      head.end();
    });
    if (status === 200) {
      refuse(412, 'PreconditionFailed', 'At least one of the pre-conditions you specified did not hold', {
        Condition: 'If-None-Match',
        BucketName: decodedSegment(bucket),
      });
    }
  }

  /** A browser upload: parse, check as S3 does, then hand s3rver a form of exactly the checked fields. */
  async function postObject(request: IncomingMessage, response: ServerResponse, bucket: string, body: Buffer) {
    const boundary = boundaryOf(request.headers['content-type']);
    if (!/^\s*multipart\/form-data/i.test(request.headers['content-type'] ?? '')) {
      refuse(412, 'PreconditionFailed', 'At least one of the pre-conditions you specified did not hold', {
        Condition: 'Bucket POST must be of the enclosure-type multipart/form-data',
      });
    }
    if (!boundary) malformedPost();
    let parts: ReturnType<typeof parseForm>;
    try {
      parts = parseForm(body, boundary);
    } catch (error) {
      if (error instanceof MalformedFormError) malformedPost();
      throw error;
    }
    const accepted = checkPostObject(parts, bucket, options.account, now());
    const problem = storableKeyProblem(accepted.key);
    if (problem) {
      refuse(400, 'InvalidArgument', `The local S3 store cannot hold this key: ${problem}.`, { Key: accepted.key });
    }
    const form = buildForm(
      accepted.fields.filter(([name]) => STORED_FIELDS.test(name)),
      accepted.file,
    );
    const headers = request.rawHeaders.flatMap((value, index, all) =>
      index % 2 === 0 && !/^(content-type|content-length|transfer-encoding)$/i.test(value)
        ? [value, all[index + 1] as string]
        : [],
    );
    return forward(request, response, {
      method: 'POST',
      url: request.url ?? '/',
      headers: [...headers, 'content-type', form.contentType],
      body: form.body,
    });
  }

  /** Send the request on to s3rver and its answer back (its own URLs rewritten to the front's). */
  function forward(
    request: IncomingMessage,
    response: ServerResponse,
    sent: { method: string; url: string; headers: string[]; body: Buffer },
  ): Promise<void> {
    const headers: Array<[string, string]> = [];
    for (let i = 0; i + 1 < sent.headers.length; i += 2) {
      const name = sent.headers[i] as string;
      if (/^(host|connection|keep-alive|content-length|transfer-encoding)$/i.test(name)) continue;
      headers.push([name, sent.headers[i + 1] as string]);
    }
    headers.push(['host', upstream.host], ['content-length', String(sent.body.length)]);
    return new Promise((resolve, reject) => {
      const upstreamRequest = outgoing(
        { host: upstream.hostname, port: upstream.port, method: sent.method, path: sent.url, headers: headers.flat() },
        (answer) => {
          const location = answer.headers.location;
          const front = `http://${request.headers.host ?? upstream.host}`;
          if (location?.startsWith(upstream.origin))
            answer.headers.location = front + location.slice(upstream.origin.length);
          response.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(response);
          answer.on('end', resolve);
          answer.on('error', reject);
        },
      );
      upstreamRequest.on('error', reject);
      upstreamRequest.end(sent.body);
    });
  }

  function answerRefusal(request: IncomingMessage, response: ServerResponse, refusal: S3Refusal) {
    if (response.headersSent) {
      response.destroy();
      return;
    }
    const requestId = randomBytes(8).toString('hex').toUpperCase();
    const body = request.method === 'HEAD' ? '' : refusalXml(refusal, requestId);
    const origin = request.headers.origin;
    response.writeHead(refusal.status, {
      'content-type': 'application/xml',
      'content-length': Buffer.byteLength(body),
      'x-amz-request-id': requestId,
      ...(origin && options.corsOrigins.includes(origin)
        ? { 'access-control-allow-origin': origin, 'access-control-expose-headers': 'ETag', vary: 'Origin' }
        : {}),
    });
    response.end(body);
  }

  const port = await listen(server, 0);
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function malformedPost(): never {
  return refuse(400, 'MalformedPOSTRequest', 'The body of your POST request is not well-formed multipart/form-data.');
}

function decodedSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return refuse(400, 'InvalidURI', "Couldn't parse the specified URI.", { URI: segment });
  }
}

const readBody = (request: IncomingMessage) => readBodyBytes(request, MAX_BODY_BYTES);

/** Whether a request stores an object: PutObject (not a part upload) or CompleteMultipartUpload. */
function createsObject(method: string, url: string): boolean {
  const query = new URLSearchParams(url.split('?')[1] ?? '');
  if (method === 'PUT') return !query.has('partNumber') && !query.has('uploadId');
  return method === 'POST' && query.has('uploadId');
}
