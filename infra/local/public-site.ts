import { readdirSync, readFileSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import {
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import type { Bilingual } from '../../shared/domain/errors.js';
import { SITE_CONFIG_FILE, type SiteConfig } from '../../shared/http/site-config.js';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from './environment.js';
import { storableKeyProblem } from './s3-keys.js';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

/** An object of the public bucket, as the gateway serves it. */
export type PublicObject =
  | { kind: 'object'; body: Buffer; contentType: string; etag?: string; cacheControl?: string; lastModified?: Date }
  | { kind: 'not-modified'; etag?: string }
  | { kind: 'missing' }
  /** a path no object can have (malformed escapes, control characters, a key over S3's 1,024 bytes) */
  | { kind: 'invalid'; reason: Bilingual };

/** The placeholder index written when the public bucket has none yet (no circulars published). */
export const PLACEHOLDER_INDEX = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>差别化监管通报</title>
</head>
<body>
<main>
<h1>差别化监管通报</h1>
<p>暂无通报。</p>
</main>
</body>
</html>
`;

/**
 * The public site of the twin: objects of the public bucket under `public/`, as CloudFront serves them in AWS
 * (stored content type, ETag, Cache-Control, 304 on If-None-Match).
 */
export class PublicSite {
  private readonly s3: S3Client;

  constructor(
    endpoint: string,
    private readonly bucket: string,
  ) {
    this.s3 = new S3Client({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS, forcePathStyle: true });
  }

  /**
   * Copy the static pages of the repository (`site/`, e.g. the upload page) under `public/`, as the stack's
   * BucketDeployment does in AWS, so `/public/upload/` is served from the bucket like everything public.
   */
  async deployAssets(directory: string): Promise<number> {
    const files = readdirSync(directory, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
    for (const file of files) {
      const path = join(file.parentPath, file.name);
      const key = `public/${relative(directory, path).split(sep).join('/')}`;
      await this.s3.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: key,
          Body: readFileSync(path),
          ContentType: CONTENT_TYPES[extname(file.name).toLowerCase()] ?? 'application/octet-stream',
          CacheControl: 'no-cache',
        }),
      );
    }
    return files.length;
  }

  /**
   * Write the deployment's configuration for the pages (`public/config.json`: the API's origin), as the stack's
   * site deployment does in AWS. Rewritten at every start, since the port may change.
   */
  async deployConfig(config: SiteConfig): Promise<void> {
    await this.s3.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: `public/${SITE_CONFIG_FILE}`,
        Body: JSON.stringify(config),
        ContentType: 'application/json',
        CacheControl: 'no-cache',
      }),
    );
  }

  /** Write the placeholder `public/index.html` unless an index exists. */
  async ensureIndex(): Promise<void> {
    try {
      await this.s3.send(new HeadObjectCommand({ Bucket: this.bucket, Key: 'public/index.html' }));
    } catch (error) {
      if (statusOf(error) !== 404) throw error;
      await this.s3.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: 'public/index.html',
          Body: PLACEHOLDER_INDEX,
          ContentType: 'text/html; charset=utf-8',
          CacheControl: 'no-cache',
        }),
      );
    }
  }

  /**
   * The object for a URL path (`/public/` → `public/index.html`; a path without an extension also tries
   * `<path>/index.html`, as the site's folders are pages).
   */
  async get(urlPath: string, ifNoneMatch?: string): Promise<PublicObject> {
    const located = keyOf(urlPath);
    if (located.kind !== 'key') return located.kind === 'outside' ? { kind: 'missing' } : located;
    const { key } = located;
    // A key the local S3 store cannot hold (a segment too long for a file name) cannot have been published.
    if (storableKeyProblem(key) || storableKeyProblem(`${key}/index.html`)) return { kind: 'missing' };
    const first = await this.fetch(key, ifNoneMatch);
    if (first.kind !== 'missing' || key.endsWith('index.html') || /\.[a-z0-9]+$/i.test(key)) return first;
    return this.fetch(`${key}/index.html`, ifNoneMatch);
  }

  private async fetch(key: string, ifNoneMatch?: string): Promise<PublicObject> {
    try {
      const object = await this.s3.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: key, ...(ifNoneMatch ? { IfNoneMatch: ifNoneMatch } : {}) }),
      );
      return {
        kind: 'object',
        body: Buffer.from((await object.Body?.transformToByteArray()) ?? []),
        contentType: object.ContentType ?? 'application/octet-stream',
        ...(object.ETag ? { etag: object.ETag } : {}),
        ...(object.CacheControl ? { cacheControl: object.CacheControl } : {}),
        ...(object.LastModified ? { lastModified: object.LastModified } : {}),
      };
    } catch (error) {
      const status = statusOf(error);
      if (status === 304) return { kind: 'not-modified', ...(ifNoneMatch ? { etag: ifNoneMatch } : {}) };
      if (status === 404 || status === 403) return { kind: 'missing' };
      throw error;
    }
  }

  close(): void {
    this.s3.destroy();
  }
}

/** S3's longest object key, in UTF-8 bytes. */
const MAX_KEY_BYTES = 1024;

/**
 * `/public/a/b.html` → `public/a/b.html`. Refuses `..` so nothing outside `public/` is reachable (`outside`), and
 * paths no object can have (`invalid`: a malformed escape, a control character, a key longer than S3 allows),
 * which CloudFront and S3 answer with a 4xx, never a 5xx.
 */
export function keyOf(
  urlPath: string,
): { kind: 'key'; key: string } | { kind: 'outside' } | { kind: 'invalid'; reason: Bilingual } {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return { kind: 'invalid', reason: { zh: '路径的百分号编码无效', en: 'the path has a malformed percent-escape' } };
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused here
  if (/[\u0000-\u001f\u007f]/.test(decoded)) {
    return { kind: 'invalid', reason: { zh: '路径含有控制字符', en: 'the path contains a control character' } };
  }
  if (!decoded.startsWith('/public/') && decoded !== '/public') return { kind: 'outside' };
  if (decoded.split('/').some((segment) => segment === '..' || segment === '.')) return { kind: 'outside' };
  const path = decoded.slice(1);
  const key = path.endsWith('/') ? `${path}index.html` : path === 'public' ? 'public/index.html' : path;
  if (Buffer.byteLength(key) > MAX_KEY_BYTES) {
    return {
      kind: 'invalid',
      reason: {
        zh: `路径过长（最多 ${MAX_KEY_BYTES} 字节）`,
        en: `the path is too long (at most ${MAX_KEY_BYTES} bytes)`,
      },
    };
  }
  return { kind: 'key', key };
}

function statusOf(error: unknown): number | undefined {
  if (error instanceof S3ServiceException) return error.$metadata.httpStatusCode;
  return (error as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata?.httpStatusCode;
}
