import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { HttpResponse } from './http-api-event.js';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

/** The console's settings on the local twin (in AWS the stack writes `config.json` beside the app). */
const LOCAL_CONFIG = JSON.stringify({ auth: 'local', apiUrl: '' });

const NOT_BUILT = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>管理端尚未构建</title></head>
<body><main><h1>管理端尚未构建</h1><p>请运行 <code>npm run build:console</code> 后刷新本页（<code>npm start</code> 启动时会自动构建）。</p></main></body></html>
`;

/** Compressed bodies by ETag: CloudFront compresses text on the way out (its cache policy accepts gzip and Brotli). */
const gzipped = new Map<string, Buffer>();

function compressible(contentType: string): boolean {
  return /^(text\/|application\/json|image\/svg\+xml)/.test(contentType);
}

/**
 * The agency console on the local gateway, as CloudFront serves it in AWS: `dist/console` under `/console/`;
 * hashed assets (`/console/assets/*`) cached for a year, immutable; `config.json` the twin's settings; any other
 * path (a deep link such as `/console/cases/{id}`) answers `index.html`, never cached, so the app's router takes it.
 */
export function consoleResponse(
  directory: string,
  urlPath: string,
  ifNoneMatch: string | undefined,
  acceptEncoding = '',
): HttpResponse {
  const relative = urlPath.replace(/^\/console\/?/, '');
  if (relative === 'config.json') {
    return {
      status: 200,
      headers: { 'content-type': CONTENT_TYPES['.json'] as string, 'cache-control': 'no-cache' },
      body: Buffer.from(LOCAL_CONFIG),
    };
  }
  const index = join(directory, 'index.html');
  if (!existsSync(index)) {
    return {
      status: 503,
      headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
      body: Buffer.from(NOT_BUILT),
    };
  }
  let decoded: string;
  try {
    decoded = decodeURIComponent(relative);
  } catch {
    decoded = '';
  }
  const file = normalize(join(directory, decoded));
  const inside = file.startsWith(directory + sep) && !decoded.split('/').includes('..');
  const isFile = inside && decoded !== '' && existsSync(file) && statSync(file).isFile();
  if (!isFile && decoded.startsWith('assets/')) {
    // a missing asset is a 404, not the app: a stale index asking for an old chunk must fail visibly
    return {
      status: 404,
      headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
      body: Buffer.from('not found'),
    };
  }
  const path = isFile ? file : index;
  const body = readFileSync(path);
  const immutable = isFile && decoded.startsWith('assets/');
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  if (!immutable && ifNoneMatch === etag) return { status: 304, headers: { etag }, body: Buffer.alloc(0) };
  const contentType = CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
  const headers: Record<string, string> = {
    'content-type': contentType,
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    etag,
    vary: 'accept-encoding',
  };
  if (compressible(contentType) && /\bgzip\b/.test(acceptEncoding) && body.length > 1024) {
    let compressed = gzipped.get(etag);
    if (!compressed) {
      compressed = gzipSync(body);
      gzipped.set(etag, compressed);
    }
    return { status: 200, headers: { ...headers, 'content-encoding': 'gzip' }, body: compressed };
  }
  return { status: 200, headers, body };
}
