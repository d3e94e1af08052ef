/**
 * The local S3 store replaces an object as S3 does: a reader sees the old object whole until the new one is stored,
 * then the new one whole — never a file cut short. s3rver writes over the object's file in place; a full CI run read
 * a republished ranking's JSON half-written (a parse error), and a CSV not there yet.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import S3rver, { type S3rverObject } from 's3rver';
import { afterEach, describe, expect, it } from 'vitest';
import { storeWholeObjects } from '../../../infra/local/s3-server.js';

const directories: string[] = [];
afterEach(() => {
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

function store() {
  const directory = mkdtempSync(join(tmpdir(), 's3-store-'));
  directories.push(directory);
  const server = new S3rver({ directory, silent: true });
  storeWholeObjects(server.store);
  return server.store;
}

const object = (content: Buffer | Readable): S3rverObject =>
  ({
    bucket: 'public',
    key: 'rankings/2026Q3.json',
    metadata: { 'content-type': 'application/json' },
    content,
  }) as unknown as S3rverObject;

describe('the local S3 store', () => {
  it('keeps the old object whole while a new one is being written, then holds the new one whole', async () => {
    const s3 = store();
    const before = Buffer.from(JSON.stringify({ revision: 1, filler: 'a'.repeat(100_000) }));
    const after = Buffer.from(JSON.stringify({ revision: 2, filler: 'b'.repeat(100_000) }));
    await s3.putObject(object(before));
    const path = s3.getResourcePath('public', 'rankings/2026Q3.json', 'object');
    expect(readFileSync(path).equals(before)).toBe(true);

    // the new body arrives in pieces; halfway through, a reader looks
    let release: () => void = () => {};
    const halfway = new Promise<void>((resolve) => {
      release = resolve;
    });
    let readMidway: Buffer | undefined;
    async function* slowly() {
      yield after.subarray(0, 50_000);
      await new Promise((resolve) => setTimeout(resolve, 50));
      readMidway = readFileSync(path);
      release();
      yield after.subarray(50_000);
    }
    const writing = s3.putObject(object(Readable.from(slowly())));
    await halfway;
    expect(readMidway?.equals(before), `read ${readMidway?.length} bytes midway`).toBe(true);
    const stored = await writing;
    expect(stored.size).toBe(after.length);
    expect(readFileSync(path).equals(after)).toBe(true);
  });
  it('answers every read with one whole version and its own length, while the object is replaced again and again', async () => {
    const s3 = store() as unknown as {
      putObject(object: S3rverObject): Promise<unknown>;
      getObject(
        bucket: string,
        key: string,
      ): Promise<{ content: Readable; metadata: Record<string, string | number> } | null>;
    };
    // versions of very different lengths, so a length from one version and bytes from another show at once
    const versions = [1_000, 200_000, 5_000, 120_000].map((size, index) =>
      Buffer.from(JSON.stringify({ version: index, filler: 'x'.repeat(size) })),
    );
    await s3.putObject(object(versions[0] as Buffer));
    let writing = true;
    const writer = (async () => {
      for (let round = 0; round < 60; round += 1)
        await s3.putObject(object(versions[round % versions.length] as Buffer));
      writing = false;
    })();
    const seen: string[] = [];
    while (writing) {
      const read = await s3.getObject('public', 'rankings/2026Q3.json');
      if (!read) continue;
      const chunks: Buffer[] = [];
      for await (const chunk of read.content) chunks.push(chunk as Buffer);
      const body = Buffer.concat(chunks);
      const whole = versions.some((version) => version.equals(body));
      if (!whole || Number(read.metadata['content-length']) !== body.length) {
        seen.push(`${body.length} bytes (content-length ${read.metadata['content-length']})`);
      }
    }
    await writer;
    expect(seen, 'reads that were not one whole version with its own length').toEqual([]);
  });
});
