/**
 * The signed bulk export (SPEC §6.6) end to end on the twin: the nightly schedule and a `RankingPublished` event
 * write `/public/credit/{date}.json` and `.csv` with their signatures, the JWKS and `latest.json`; every enterprise
 * with a record is in it with the record the lookup answers, and nobody else; the files verify with the published
 * key — through the very commands docs/credit-export.md gives a tender platform (Node's crypto, and openssl) — and
 * fail with one byte changed; a re-run changes nothing; the stream goes up in parts.
 */
import { execFile, spawnSync } from 'node:child_process';
import { createHash, randomUUID, verify } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENV } from '../../shared/config.js';
import { findPersonalData } from '../../shared/domain/masking.js';
import { StreamedObject } from '../../shared/files/streamed-object.js';
import { api, baseUrl, eventually, setClock, tokenFor, triggerSchedule } from './support/api.js';
import { contractorOf, failingInspection, projectBody } from './support/fixtures.js';

let inspector: string;
let officer: string;

interface Latest {
  date: string;
  json: string;
  csv: string;
  signatures: { json: string; csv: string };
  kid: string;
  keys: string;
  enterprises: number;
}
interface Jwks {
  keys: Array<{ kty: string; crv: string; x: string; y: string; kid: string; alg: string; use: string }>;
}
interface ExportFile {
  format: string;
  date: string;
  kid: string;
  enterprises: Array<{ creditCode: string; name: string; points: { totalInWindow: number } } & Record<string, unknown>>;
}

/** A public object through the gateway, as a platform downloads it: its exact bytes. */
async function download(path: string): Promise<{ status: number; bytes: Buffer; type: string | null }> {
  const response = await fetch(new URL(path, baseUrl()));
  return {
    status: response.status,
    bytes: Buffer.from(await response.arrayBuffer()),
    type: response.headers.get('content-type'),
  };
}

async function json<T>(path: string): Promise<T> {
  const file = await download(path);
  expect(file.status, path).toBe(200);
  return JSON.parse(file.bytes.toString('utf8')) as T;
}

/** A project registered on the clock's day; with `supervised`, a failing inspection and its case confirmed. */
async function project(supervised: boolean, date: string) {
  const body = projectBody();
  const registered = await api('/v1/projects', { token: inspector, body });
  expect(registered.status, registered.text).toBe(201);
  const id = (registered.json as { id: string }).id;
  if (supervised) {
    const failing = failingInspection(body, date);
    const inspection = await api(`/v1/projects/${id}/inspections`, {
      token: inspector,
      body: { ...failing, findings: failing.findings.map((finding) => ({ ...finding, deadline: date })) },
    });
    expect(inspection.status, inspection.text).toBe(201);
    const caseId = (inspection.json as { caseId: string }).caseId;
    expect((await api(`/v1/cases/${caseId}/confirm`, { token: officer, body: {} })).status).toBe(200);
  }
  return { id, body, contractor: contractorOf(body) };
}

/** The fenced block of docs/credit-export.md whose info string names `name`. */
function documented(name: string): string {
  const doc = readFileSync(new URL('../../docs/credit-export.md', import.meta.url), 'utf8');
  const block = new RegExp(`\`\`\`\\w+ ${name.replaceAll('.', '\\.')}\\n([\\s\\S]*?)\`\`\``).exec(doc);
  if (!block?.[1]) throw new Error(`docs/credit-export.md has no block ${name}`);
  return block[1];
}

/**
 * Run a command without blocking the event loop (a blocked loop leaves the client's idle keep-alive sockets to the
 * gateway unread, and the next request goes out on one the gateway has closed): its exit status and output.
 */
function run(
  command: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv },
): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(command, args, { ...options, encoding: 'utf8' }, (error, stdout, stderr) => {
      const code = (error as { code?: unknown } | null)?.code;
      resolve({ status: error ? (typeof code === 'number' ? code : 1) : 0, stdout, stderr });
    });
  });
}

/** Whether a command is on this machine. */
const present = (command: string) => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;

let supervised: Awaited<ReturnType<typeof project>>;
let pointsOnly: Awaited<ReturnType<typeof project>>;
let clean: Awaited<ReturnType<typeof project>>;

beforeAll(async () => {
  inspector = await tokenFor('inspector');
  officer = await tokenFor('officer');
  await setClock('2026-09-16T10:00:00+08:00');
  supervised = await project(true, '2026-09-16');
  pointsOnly = await project(false, '2026-09-16');
  clean = await project(false, '2026-09-16');
  const recorded = await api('/v1/penalty-points', {
    token: officer,
    body: {
      subject: { kind: 'enterprise', id: pointsOnly.contractor, name: '北京城建某建筑工程有限公司' },
      points: 2,
      reason: '罚款一万元以下',
      documentNo: '京建执罚〔2026〕88号',
    },
  });
  expect(recorded.status, recorded.text).toBe(201);
});

afterAll(async () => {
  await setClock(null);
});

describe('the nightly export (SPEC §6.6)', () => {
  let latest: Latest;
  let file: ExportFile;

  it('exports the day that ended: latest.json names the files and the key', async () => {
    await setClock('2026-09-17T00:30:00+08:00');
    const triggered = await triggerSchedule('nightly-credit-export');
    expect(triggered.status, triggered.text).toBe(200);
    latest = await json<Latest>('/public/credit/latest.json');
    expect(latest).toMatchObject({
      date: '2026-09-16',
      json: '/public/credit/2026-09-16.json',
      csv: '/public/credit/2026-09-16.csv',
      signatures: { json: '/public/credit/2026-09-16.json.sig', csv: '/public/credit/2026-09-16.csv.sig' },
      keys: '/public/credit/keys.json',
    });
    const jwks = await json<Jwks>('/public/credit/keys.json');
    expect(jwks.keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig', kid: latest.kid });
  });

  it('holds every enterprise with a record, with the record the lookup answers for that date, and no one else', async () => {
    const downloaded = await download(latest.json);
    expect(downloaded.type).toContain('application/json');
    file = JSON.parse(downloaded.bytes.toString('utf8')) as ExportFile;
    expect(file).toMatchObject({ format: 'supervision-credit-export/1', date: '2026-09-16', kid: latest.kid });
    expect(file.enterprises).toHaveLength(latest.enterprises);
    const codes = file.enterprises.map((record) => record.creditCode);
    expect(codes).toEqual([...codes].sort());
    // the supervised project's four units, the contractor with points; not the clean project's units
    for (const unit of supervised.body.units) expect(codes).toContain(unit.creditCode);
    expect(codes).toContain(pointsOnly.contractor);
    for (const unit of clean.body.units) expect(codes).not.toContain(unit.creditCode);
    for (const code of [supervised.contractor, pointsOnly.contractor]) {
      const lookup = await api(`/public/credit?creditCode=${code}&date=2026-09-16`);
      expect(file.enterprises.find((record) => record.creditCode === code)).toEqual(lookup.json);
    }
    expect(file.enterprises.find((record) => record.creditCode === pointsOnly.contractor)?.points).toEqual({
      totalInWindow: 2,
      thresholdsReached: [],
    });
    expect(findPersonalData(downloaded.bytes.toString('utf8'))).toEqual([]);
    expect(downloaded.bytes.toString('utf8')).not.toContain('张三');
  });

  it('writes the CSV in UTF-8 with a byte-order mark, a heading, and a row per enterprise', async () => {
    const csv = await download(latest.csv);
    expect(csv.type).toContain('text/csv');
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csv.bytes.toString('utf8').slice(1).split('\r\n').filter(Boolean);
    expect(lines[0]).toMatch(/^统一社会信用代码\(creditCode\),企业名称\(name\),日期\(date\)/);
    expect(lines).toHaveLength(1 + file.enterprises.length);
    expect(lines.find((line) => line.startsWith(pointsOnly.contractor))).toContain(',2026-09-16,2,');
  });

  it('signs each file: the signature verifies with the published key and fails with one byte changed', async () => {
    const jwks = await json<Jwks>('/public/credit/keys.json');
    const key = { key: { ...jwks.keys.find((candidate) => candidate.kid === latest.kid) }, format: 'jwk' } as const;
    for (const [path, signaturePath] of [
      [latest.json, latest.signatures.json],
      [latest.csv, latest.signatures.csv],
    ] as const) {
      const data = (await download(path)).bytes;
      const signature = Buffer.from((await download(signaturePath)).bytes.toString('utf8'), 'base64');
      expect(signature[0], 'a DER SEQUENCE').toBe(0x30);
      expect(verify('sha256', data, { ...key, dsaEncoding: 'der' }, signature), path).toBe(true);
      const changed = Buffer.from(data);
      changed[changed.length - 5] = (changed[changed.length - 5] as number) ^ 0x01;
      expect(verify('sha256', changed, { ...key, dsaEncoding: 'der' }, signature), path).toBe(false);
    }
  });

  it('is written once: a re-run keeps the same bytes and the same signatures', async () => {
    const paths = [latest.json, latest.csv, latest.signatures.json, latest.signatures.csv];
    const digests = () =>
      Promise.all(
        paths.map(async (path) =>
          createHash('sha256')
            .update((await download(path)).bytes)
            .digest('hex'),
        ),
      );
    const before = await digests();
    expect((await triggerSchedule('nightly-credit-export')).status).toBe(200);
    expect(await digests()).toEqual(before);
    expect((await json<Latest>('/public/credit/latest.json')).enterprises).toBe(latest.enterprises);
  });

  it('the local S3 refuses to replace a dated file, as S3 does a conditional write', async () => {
    const s3 = new S3Client({ forcePathStyle: true });
    try {
      const refused = await s3
        .send(
          new PutObjectCommand({
            Bucket: process.env[ENV.publicBucket],
            Key: latest.json.slice(1),
            Body: '{}',
            IfNoneMatch: '*',
          }),
        )
        .then(
          () => 200,
          (error: { $metadata?: { httpStatusCode?: number } }) => error.$metadata?.httpStatusCode,
        );
      expect(refused).toBe(412);
      expect(JSON.parse((await download(latest.json)).bytes.toString('utf8')).date).toBe('2026-09-16');
    } finally {
      s3.destroy();
    }
  });

  it('signs, as stored, a file a cut-off run stored but did not sign', async () => {
    const s3 = new S3Client({ forcePathStyle: true });
    const bucket = process.env[ENV.publicBucket];
    try {
      await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: latest.signatures.csv.slice(1) }));
      expect((await download(latest.signatures.csv)).status).not.toBe(200);
      const csv = (await download(latest.csv)).bytes;
      expect((await triggerSchedule('nightly-credit-export')).status).toBe(200);
      expect((await download(latest.csv)).bytes.equals(csv)).toBe(true);
      const jwks = await json<Jwks>('/public/credit/keys.json');
      const key = { key: { ...jwks.keys[0] }, format: 'jwk', dsaEncoding: 'der' } as const;
      const signature = Buffer.from((await download(latest.signatures.csv)).bytes.toString('utf8'), 'base64');
      expect(verify('sha256', csv, key, signature)).toBe(true);
    } finally {
      s3.destroy();
    }
  });
});

describe('the verification a tender platform copies from docs/credit-export.md', () => {
  const directory = mkdtempSync(join(tmpdir(), 'credit-export-'));
  let date: string;

  beforeAll(async () => {
    // the download block, as written, against the twin
    const download = await run('bash', ['-euo', 'pipefail', '-c', documented('download-credit-export.sh')], {
      cwd: directory,
      env: { ...process.env, BASE: baseUrl().replace(/\/$/, '') },
    });
    expect(download.status, download.stderr).toBe(0);
    date = JSON.parse(readFileSync(join(directory, 'latest.json'), 'utf8')).date as string;
    writeFileSync(join(directory, 'verify-credit-export.mjs'), documented('verify-credit-export.mjs'));
  });

  const node = (file: string) => run(process.execPath, ['verify-credit-export.mjs', file], { cwd: directory });
  const openssl = () =>
    run('bash', ['-uo', 'pipefail', '-c', documented('verify-credit-export-openssl.sh')], { cwd: directory });
  const flipOneByte = (file: string) => {
    const bytes = readFileSync(join(directory, file));
    bytes[Math.floor(bytes.length / 2)] = (bytes[Math.floor(bytes.length / 2)] as number) ^ 0x20;
    writeFileSync(join(directory, file), bytes);
  };

  it('Node crypto: both files verify', async () => {
    for (const file of [`${date}.json`, `${date}.csv`]) {
      const verified = await node(file);
      expect(verified.status, verified.stderr).toBe(0);
      expect(verified.stdout).toContain('signature OK');
    }
  });

  // openssl, jq and xxd are on this machine and CI's; a machine without them skips this half (and says so)
  const tools = ['openssl', 'jq', 'xxd'].filter((tool) => !present(tool));
  it.skipIf(tools.length > 0)(
    `openssl: both files verify${tools.length ? ` (skipped: no ${tools.join(', ')})` : ''}`,
    async () => {
      const verified = await openssl();
      expect(verified.status, verified.stderr).toBe(0);
      expect(verified.stdout.match(/Verified OK/g)).toHaveLength(2);
    },
  );

  it('one byte changed: Node crypto and openssl both refuse the file', async () => {
    flipOneByte(`${date}.json`);
    const refused = await node(`${date}.json`);
    expect(refused.status).toBe(1);
    expect(refused.stdout).toContain('SIGNATURE DOES NOT MATCH');
    if (tools.length === 0) {
      const refusedToo = await openssl();
      expect(refusedToo.status).not.toBe(0);
      expect(refusedToo.stdout + refusedToo.stderr).toContain('Verification failure');
    }
  });
});

describe('on a ranking publication', () => {
  it('exports the day of the publication at once, and latest.json never goes back to an older date', async () => {
    await setClock('2026-09-17T15:00:00+08:00');
    const bus = new EventBridgeClient({});
    try {
      const put = await bus.send(
        new PutEventsCommand({
          Entries: [
            {
              EventBusName: process.env[ENV.bus],
              Source: 'supervision',
              DetailType: 'RankingPublished',
              Detail: JSON.stringify({
                eventId: randomUUID(),
                occurredAt: '2026-09-17T15:00:00+08:00',
                subjectId: '2026Q2',
                data: { quarter: '2026Q2', revision: 1 },
              }),
            },
          ],
        }),
      );
      expect(put.FailedEntryCount).toBe(0);
    } finally {
      bus.destroy();
    }
    const latest = await eventually(
      () => json<Latest>('/public/credit/latest.json'),
      (answer) => answer.date === '2026-09-17',
      { what: 'the export of the publication day', timeoutMs: 60_000 },
    );
    expect(latest.json).toBe('/public/credit/2026-09-17.json');
    // the night's export of 2026-09-16 run again: it stores nothing, and latest.json keeps the newer date
    expect((await triggerSchedule('nightly-credit-export')).status).toBe(200);
    expect((await json<Latest>('/public/credit/latest.json')).date).toBe('2026-09-17');
    expect((await download('/public/credit/2026-09-16.json')).status).toBe(200);
  });

  it('the publication day stays as exported at the publication: the night after stores nothing over it', async () => {
    const published = (await download('/public/credit/2026-09-17.json')).bytes;
    const file = JSON.parse(published.toString('utf8')) as ExportFile & { exportedAt: string };
    expect(file.exportedAt).toBe('2026-09-17T15:00:00+08:00');
    expect(file.enterprises.map((record) => record.creditCode)).not.toContain(clean.contractor);
    // later that day the clean project's contractor gets points: the lookup for the 11th shows them at once
    await setClock('2026-09-17T16:00:00+08:00');
    const recorded = await api('/v1/penalty-points', {
      token: officer,
      body: {
        subject: { kind: 'enterprise', id: clean.contractor, name: '北京某建设集团有限公司' },
        points: 1,
        reason: '未按规定整改',
        documentNo: '京建执罚〔2026〕89号',
      },
    });
    expect(recorded.status, recorded.text).toBe(201);
    const lookup = await api(`/public/credit?creditCode=${clean.contractor}&date=2026-09-17`);
    expect((lookup.json as { points: { totalInWindow: number } }).points.totalInWindow).toBe(1);
    // the night exports the 11th again: the published file and its signature are what they were
    const signature = (await download('/public/credit/2026-09-17.json.sig')).bytes;
    await setClock('2026-09-18T00:30:00+08:00');
    expect((await triggerSchedule('nightly-credit-export')).status).toBe(200);
    expect((await download('/public/credit/2026-09-17.json')).bytes.equals(published)).toBe(true);
    expect((await download('/public/credit/2026-09-17.json.sig')).bytes.equals(signature)).toBe(true);
    // the 12th's export (the next night) holds the points
    await setClock('2026-09-19T00:30:00+08:00');
    expect((await triggerSchedule('nightly-credit-export')).status).toBe(200);
    const next = await json<ExportFile>('/public/credit/2026-09-18.json');
    expect(next.enterprises.find((record) => record.creditCode === clean.contractor)?.points.totalInWindow).toBe(1);
  });
});

describe('the streamed upload under the export', () => {
  it('sends a file larger than a part as a multipart upload and reports the SHA-256 of what it stored', async () => {
    const s3 = new S3Client({ forcePathStyle: true });
    const bucket = process.env[ENV.publicBucket] as string;
    const key = `public/credit/test-multipart-${randomUUID()}.txt`;
    const object = new StreamedObject(s3, bucket, key, { contentType: 'text/plain', partSize: 5 * 1024 * 1024 });
    const hash = createHash('sha256');
    const line = `${'两场联动'.repeat(200)}\n`;
    let size = 0;
    while (size < 11 * 1024 * 1024) {
      await object.write(line);
      hash.update(line);
      size += Buffer.byteLength(line);
    }
    const stored = await object.end();
    expect(stored.size).toBe(size);
    expect(stored.sha256.toString('hex')).toBe(hash.digest('hex'));
    const read = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    const bytes = Buffer.from(
      await (read.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray(),
    );
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(stored.sha256.toString('hex'));
    // three parts: 5 + 5 + 1 MiB
    expect(stored.parts).toBe(3);
    s3.destroy();
  });

  it('reports a failed upload instead of hanging', async () => {
    const s3 = new S3Client({ forcePathStyle: true });
    const object = new StreamedObject(s3, 'no-such-bucket-here', 'public/credit/x.json', { contentType: 'text/plain' });
    await expect(
      (async () => {
        await object.write('{}');
        return object.end();
      })(),
    ).rejects.toThrow();
    s3.destroy();
  });
});
