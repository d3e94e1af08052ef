import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';

/**
 * What the local endpoints share (the bus's PutEvents, the queues' SendMessage, KMS, Secrets Manager; the gateway and
 * the S3 front for the first two): listen on 127.0.0.1, read a bounded body, answer JSON as the service does.
 */

/** Listen on 127.0.0.1 (0 = any free port); resolves with the port taken. */
export function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

/**
 * The request's body; undefined when it is longer than `maxBytes` (a declared length over it is refused before
 * anything is read, the rest of the request drained).
 */
export async function readBodyBytes(request: IncomingMessage, maxBytes: number): Promise<Buffer | undefined> {
  if (Number(request.headers['content-length'] ?? 0) > maxBytes) {
    request.resume();
    return undefined;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** The request's body as text; undefined when it is longer than `maxBytes`. */
export async function readBody(request: IncomingMessage, maxBytes: number): Promise<string | undefined> {
  return (await readBodyBytes(request, maxBytes))?.toString('utf8');
}

/** A JSON answer with the protocol's content type (`application/x-amz-json-1.0` or `-1.1`) and a request id. */
export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  contentType: 'application/x-amz-json-1.0' | 'application/x-amz-json-1.1',
): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': contentType,
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': randomUUID(),
  });
  response.end(text);
}
