import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { type FileHandle, mkdir, open, rename, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import S3rver, { type S3rverEventRecord, type S3rverObject, type S3rverStore } from 's3rver';
import { clock } from '../../shared/clock.js';
import { LOCAL_ACCOUNT, LOCAL_CREDENTIALS, LOCAL_REGION } from './environment.js';
import { freePort } from './free-port.js';
import { startS3Front } from './s3-front.js';

/** An EventBridge "Object Created" event from S3 (the shape S3 sends to the `default` bus), before the envelope. */
export interface ObjectCreatedEvent {
  source: 'aws.s3';
  'detail-type': 'Object Created';
  resources: string[];
  time: string;
  detail: {
    version: '0';
    bucket: { name: string };
    object: { key: string; size: number; etag?: string; sequencer: string };
    'request-id': string;
    requester: string;
    'source-ip-address': string;
    reason: 'PutObject' | 'PostObject' | 'CopyObject';
  };
}

export interface LocalS3 {
  /** the front's address (infra/local/s3-front.ts): every client, the SDK and the browser, talks to S3 here */
  endpoint: string;
  port: number;
  /** the directory objects are stored in */
  directory: string;
  /** Subscribe to objects created in any bucket; returns an unsubscribe function. */
  onObjectCreated(listener: (event: ObjectCreatedEvent) => void): () => void;
  stop(): Promise<void>;
}

/** s3rver's object model (lib/models/object.js), which its routes expect from the store. */
const S3Object = createRequire(import.meta.url)('s3rver/lib/models/object') as new (
  bucket: string,
  key: string,
  content: Readable | null,
  metadata: Record<string, unknown>,
) => { range?: { start: number; end: number } };

const REASONS: Record<string, ObjectCreatedEvent['detail']['reason']> = {
  'ObjectCreated:Put': 'PutObject',
  'ObjectCreated:Post': 'PostObject',
  'ObjectCreated:Copy': 'CopyObject',
};

/**
 * s3rver in this process on a free port, with the buckets created and CORS allowing the browser (on the
 * gateway's origin) to POST uploads and GET documents, behind a front on another free port that checks signatures,
 * presigned URLs and POST policies as S3 does (s3rver checks none). `directory` undefined: a temporary directory
 * removed on stop.
 */
export async function startS3Server(options: {
  directory?: string;
  buckets: string[];
  corsOrigins: string[];
}): Promise<LocalS3> {
  const temporary = options.directory === undefined;
  const directory = options.directory ?? mkdtempSync(join(tmpdir(), 'supervision-s3-'));
  mkdirSync(directory, { recursive: true });
  const cors = corsConfiguration(options.corsOrigins);
  const port = await freePort();
  const server = new S3rver({
    address: '127.0.0.1',
    port,
    directory,
    // s3rver logs every request; our functions log what matters
    silent: process.env.LOG_LEVEL !== 'debug',
    configureBuckets: options.buckets.map((name) => ({ name, configs: [cors] })),
  });
  storeWholeObjects(server.store);
  await server.run();
  const front = await startS3Front({
    upstream: `http://127.0.0.1:${port}`,
    account: { ...LOCAL_CREDENTIALS, region: LOCAL_REGION },
    corsOrigins: options.corsOrigins,
  }).catch(async (error: unknown) => {
    await server.close().catch(() => {});
    throw error;
  });

  const listeners = new Set<(event: ObjectCreatedEvent) => void>();
  server.on('event', (event: { Records: S3rverEventRecord[] }) => {
    for (const record of event.Records) {
      const reason = REASONS[record.eventName];
      if (!reason) continue;
      const created = toObjectCreated(record, reason);
      for (const listener of listeners) listener(created);
    }
  });

  return {
    endpoint: front.endpoint,
    port: front.port,
    directory,
    onObjectCreated(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async stop() {
      listeners.clear();
      await front.stop();
      await server.close().catch(() => {});
      if (temporary) rmSync(directory, { recursive: true, force: true });
    },
  };
}

function toObjectCreated(
  record: S3rverEventRecord,
  reason: ObjectCreatedEvent['detail']['reason'],
): ObjectCreatedEvent {
  const { bucket, object } = record.s3;
  return {
    source: 'aws.s3',
    'detail-type': 'Object Created',
    resources: [`arn:aws:s3:::${bucket.name}`],
    // S3 stamps its own time, which in AWS is the time every handler reads; locally that is the local clock, so
    // an upload made while the clock stands at 2026-09-10 arrived on 2026-09-10 (s3rver's eventTime is the machine's).
    time: clock.now().toISOString(),
    detail: {
      version: '0',
      bucket: { name: bucket.name },
      object: {
        key: object.key,
        size: object.size ?? 0,
        ...(object.eTag ? { etag: object.eTag } : {}),
        sequencer: object.sequencer,
      },
      'request-id': record.responseElements['x-amz-request-id'] ?? '',
      requester: LOCAL_ACCOUNT,
      'source-ip-address': record.requestParameters.sourceIPAddress,
      reason,
    },
  };
}

function corsConfiguration(origins: string[]): string {
  const allowed = origins.map((origin) => `<AllowedOrigin>${origin}</AllowedOrigin>`).join('');
  const methods = ['GET', 'HEAD', 'POST', 'PUT'].map((method) => `<AllowedMethod>${method}</AllowedMethod>`).join('');
  return (
    '<CORSConfiguration><CORSRule>' +
    `${allowed}${methods}<AllowedHeader>*</AllowedHeader><ExposeHeader>ETag</ExposeHeader>` +
    '<MaxAgeSeconds>3000</MaxAgeSeconds></CORSRule></CORSConfiguration>'
  );
}

/**
 * Objects stored whole, as S3 stores them. s3rver 3.7 answers a PUT (or a multipart completion) once its body was
 * handed to the file, not once the file was written, and writes over an existing object's file in place: a GET right
 * after, or during a replacement, could read it empty or cut short (the credit export's latest.json read back empty;
 * a republished ranking's JSON read half-written). S3 shows the old object whole until the new one is stored, then
 * the new one. So the store's `putObject` writes the body to a file beside the object's (a name s3rver never lists)
 * and renames it over the object once it is closed, and its metadata likewise; then s3rver answers. Same files,
 * same MD5 ETag.
 */
export function storeWholeObjects(store: S3rverStore): void {
  const putMetadata = store.putMetadata.bind(store);
  const getMetadata = store.getMetadata.bind(store);
  // s3rver's getObject takes the length from one look at the file and the bytes from a later opening: an object
  // replaced in between was served cut short (or padded out) with the other version's length. One open file holds
  // one version: its length and its bytes both come from it.
  store.getObject = async (bucket: string, key: string, options?: { start?: number; end?: number }) => {
    let file: FileHandle;
    try {
      file = await open(store.getResourcePath(bucket, key, 'object'), 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    try {
      const stat = await file.stat();
      const metadata = {
        ...(await getMetadata(bucket, key)),
        'content-length': stat.size,
        'last-modified': stat.mtime.toUTCString(),
      };
      const lastByte = Math.max(0, stat.size - 1);
      const range = { start: options?.start ?? 0, end: Math.min(options?.end ?? Number.POSITIVE_INFINITY, lastByte) };
      const ranged = options !== undefined && (options.start !== undefined || options.end !== undefined);
      const satisfiable = range.start >= 0 && range.start <= range.end;
      const content = satisfiable
        ? file.createReadStream({ start: range.start, end: range.end, autoClose: true })
        : null;
      if (!satisfiable) await file.close();
      const object = new S3Object(bucket, key, content, metadata);
      if (ranged) object.range = range;
      return object;
    } catch (error) {
      await file.close().catch(() => {});
      throw error;
    }
  };
  store.putObject = async (object: S3rverObject) => {
    const objectPath = store.getResourcePath(object.bucket, object.key, 'object');
    await mkdir(dirname(objectPath), { recursive: true });
    const md5 = createHash('md5');
    let size = 0;
    const content = Buffer.isBuffer(object.content) ? Readable.from([object.content]) : object.content;
    const partial = `${objectPath}.${randomUUID()}.partial`;
    try {
      await pipeline(
        content,
        new Transform({
          transform(chunk: Buffer, _encoding, callback) {
            md5.update(chunk);
            size += chunk.length;
            callback(null, chunk);
          },
        }),
        createWriteStream(partial),
      );
      const digest = md5.digest('hex');
      await replaceMetadata(store, putMetadata, object, digest);
      await rename(partial, objectPath);
      return { size, md5: digest };
    } finally {
      await rm(partial, { force: true });
    }
  };
}

/**
 * The object's metadata and MD5 files replaced whole: s3rver's own `putMetadata` writes them into a scratch key's
 * files, which are then renamed over the object's.
 */
async function replaceMetadata(
  store: S3rverStore,
  putMetadata: S3rverStore['putMetadata'],
  object: S3rverObject,
  digest: string,
): Promise<void> {
  const scratch = `${object.key}.${randomUUID()}.partial-metadata`;
  await putMetadata(object.bucket, scratch, object.metadata, digest);
  for (const resource of ['metadata.json', 'object.md5']) {
    await rename(
      store.getResourcePath(object.bucket, scratch, resource),
      store.getResourcePath(object.bucket, object.key, resource),
    );
  }
}
