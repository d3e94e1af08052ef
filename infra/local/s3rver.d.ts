/** The part of s3rver 3's API the local twin uses (the package ships no types). */
declare module 's3rver' {
  import type { EventEmitter } from 'node:events';
  import type { AddressInfo } from 'node:net';

  interface S3rverOptions {
    address?: string;
    port?: number;
    silent?: boolean;
    directory?: string;
    resetOnClose?: boolean;
    allowMismatchedSignatures?: boolean;
    vhostBuckets?: boolean;
    configureBuckets?: Array<{ name: string; configs?: Array<string | Buffer> }>;
  }

  /** One S3 notification record as s3rver emits it on its `event` event. */
  interface S3rverEventRecord {
    eventName: string;
    eventTime: string;
    requestParameters: { sourceIPAddress: string };
    responseElements: Record<string, string>;
    s3: {
      bucket: { name: string; arn: string };
      object: { key: string; size?: number; eTag?: string; sequencer: string };
    };
  }

  /** An object as s3rver's store receives it (lib/models/object.js). */
  interface S3rverObject {
    bucket: string;
    key: string;
    content: Buffer | NodeJS.ReadableStream;
    metadata: Record<string, string>;
  }

  /** s3rver's filesystem store (lib/stores/filesystem.js): the methods the twin replaces or calls. */
  interface S3rverStore {
    getResourcePath(bucket: string, key: string | undefined, resource: string): string;
    putObject(object: S3rverObject): Promise<{ size: number; md5: string }>;
    putMetadata(bucket: string, key: string, metadata: Record<string, string>, md5: string): Promise<void>;
    /** the object's stored metadata, with its ETag, length and date from a look at its file */
    getMetadata(bucket: string, key: string): Promise<Record<string, unknown>>;
    /** the object (s3rver's S3Object) with its content stream, or null when there is none */
    getObject(bucket: string, key: string, options?: { start?: number; end?: number }): Promise<unknown>;
  }

  class S3rver extends EventEmitter {
    constructor(options?: S3rverOptions);
    readonly store: S3rverStore;
    run(): Promise<AddressInfo>;
    close(): Promise<void>;
    on(event: 'event', listener: (event: { Records: S3rverEventRecord[] }) => void): this;
    on(event: string, listener: (...args: unknown[]) => void): this;
  }
  export default S3rver;
  export type { S3rverEventRecord, S3rverObject, S3rverOptions, S3rverStore };
}
