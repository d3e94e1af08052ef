/**
 * An S3 object written as a stream: the caller writes it piece by piece, the bytes go up by multipart upload in
 * parts of `partSize` (S3's own minimum is 5 MiB; a body smaller than one part is one PutObject), and the SHA-256 and
 * size of exactly the bytes uploaded come back at the end. Memory stays at about `partSize × queueSize` whatever the
 * object's size: a 100 MB export is never one string. An upload that fails is aborted (no parts left behind) and
 * the failure surfaces in `write` or `end`.
 */
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import type { S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';

/** What the object is, besides its bytes. */
export interface StreamedObjectOptions {
  contentType: string;
  cacheControl?: string;
  metadata?: Record<string, string>;
  /** bytes per part: at least 5 MiB (S3's minimum); 8 MiB by default */
  partSize?: number;
  /** parts in flight at once: 2 by default */
  queueSize?: number;
  /**
   * write once: stored only if the key holds no object yet (`If-None-Match: *` on the PutObject or the multipart
   * completion); otherwise `end` fails with S3's 412 (see {@link isAlreadyStored})
   */
  writeOnce?: boolean;
}

/** What was stored. */
export interface StoredObject {
  key: string;
  /** the SHA-256 of the object's bytes */
  sha256: Buffer;
  size: number;
  /** how many parts it went up in (1: a single PutObject) */
  parts: number;
}

/** An S3 object written as a stream (see above); `write` its bytes in order, then `end`. */
export class StreamedObject {
  private readonly body = new PassThrough();
  private readonly hash = createHash('sha256');
  private size = 0;
  private parts = 0;
  private readonly done: Promise<unknown>;
  private failure: unknown;

  constructor(
    s3: S3Client,
    private readonly bucket: string,
    private readonly key: string,
    options: StreamedObjectOptions,
  ) {
    const upload = new Upload({
      client: s3,
      params: {
        Bucket: bucket,
        Key: key,
        Body: this.body,
        ContentType: options.contentType,
        ...(options.cacheControl ? { CacheControl: options.cacheControl } : {}),
        ...(options.metadata ? { Metadata: options.metadata } : {}),
        ...(options.writeOnce ? { IfNoneMatch: '*' } : {}),
      },
      partSize: options.partSize ?? 8 * 1024 * 1024,
      queueSize: options.queueSize ?? 2,
      leavePartsOnError: false,
    });
    upload.on('httpUploadProgress', (progress) => {
      this.parts = Math.max(this.parts, progress.part ?? 1);
    });
    this.done = upload.done();
    // remembered, so a failure is reported by the next write even while nothing waits on `done`
    this.done.catch((error: unknown) => {
      this.failure = error ?? new Error(`the upload of ${key} failed`);
    });
  }

  /** Append text (UTF-8) or bytes, waiting while the upload is behind. */
  async write(chunk: string | Uint8Array): Promise<void> {
    if (this.failure) throw this.failure;
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    if (bytes.length === 0) return;
    this.hash.update(bytes);
    this.size += bytes.length;
    if (!this.body.write(bytes)) {
      await Promise.race([
        once(this.body, 'drain'),
        this.done.then(() => {
          throw new Error(`the upload of ${this.key} to ${this.bucket} ended before its body did`);
        }),
      ]);
    }
  }

  /** Finish the body and wait for the object to be stored. */
  async end(): Promise<StoredObject> {
    if (this.failure) throw this.failure;
    this.body.end();
    await this.done;
    return { key: this.key, sha256: this.hash.digest(), size: this.size, parts: Math.max(this.parts, 1) };
  }
}

/**
 * Whether S3 refused a write-once PUT because the key holds an object already: 412 PreconditionFailed, or 409
 * ConditionalRequestConflict when another writer's conditional write to the key was in flight.
 */
export function isAlreadyStored(error: unknown): boolean {
  const status = (error as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata?.httpStatusCode;
  const name = (error as { name?: string } | undefined)?.name;
  return status === 412 || status === 409 || name === 'PreconditionFailed' || name === 'ConditionalRequestConflict';
}
