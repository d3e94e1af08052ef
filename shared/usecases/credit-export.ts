/**
 * The signed bulk export of credit records for tendering (两场联动, SPEC §6.6): on each ranking publication and
 * nightly, `/public/credit/{date}.json` and `.csv` (UTF-8 with BOM) hold the record (`GET /public/credit`) of every
 * enterprise with a record on that date — points in window, a rank, an enterprise case, a supervised project, a
 * standing circular — each file with a detached ECDSA P-256 / SHA-256 signature beside it (`{file}.sig`: the DER
 * signature, base64), the public key as a JWKS at `/public/credit/keys.json`, and `/public/credit/latest.json`
 * naming the newest export. See docs/credit-export.md.
 *
 * Built for 100,000 enterprises: the enterprises are found through bounded listings (ledger heads, supervised cases,
 * circulars, the rankings), never a scan; their records are kept as small objects (≈ 0.5 KB each, ≈ 50 MB at
 * 100,000), and the two files are streamed to S3 by multipart upload while their SHA-256 is computed, so no file is
 * ever one string in memory; KMS signs the 32-byte digest.
 *
 * Write once, so a re-run changes nothing: a date's files and signatures are stored only where no object is yet
 * (S3 conditional writes); the first export of a date stands, and the JSON says when it was taken (`exportedAt`).
 */
import { createHash } from 'node:crypto';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ENV, requireEnv } from '../config.js';
import { publicText } from '../domain/circular-text.js';
import {
  type CreditRecord,
  CSV_BOM,
  creditCsvHeading,
  creditCsvLine,
  creditJsonClosing,
  creditJsonLine,
  creditJsonOpening,
  hasRecord,
  orderedRecord,
  personalDataInRecord,
} from '../domain/credit-record.js';
import { addDays, shanghaiTimestamp } from '../domain/dates.js';
import { s3 } from '../files/s3.js';
import { isAlreadyStored, StreamedObject } from '../files/streamed-object.js';
import { log } from '../log.js';
import { emitCount, METRICS } from '../metrics.js';
import { type CreditPublicJwk, type CreditSigner, kmsCreditSigner } from '../signing/credit-signer.js';
import { dynamo, TABLE_NAME } from '../store/client.js';
import { listings } from '../store/keys.js';
import { allListingItems } from '../store/listing.js';
import { readSnapshot, type StoredCircular } from '../store/snapshot.js';
import { circularStandingOn } from './circulars.js';
import { creditSources } from './credit-sources.js';
import { enterprisePointsOn, projectCreditFacts } from './public-credit.js';
import { supervisedOn } from './public-status.js';

/** Where the export lives in the public bucket (the URL path is the key with a leading slash). */
export const creditExportKeys = {
  prefix: 'public/credit/',
  json: (date: string) => `public/credit/${date}.json`,
  csv: (date: string) => `public/credit/${date}.csv`,
  signature: (key: string) => `${key}.sig`,
  latest: 'public/credit/latest.json',
  keys: 'public/credit/keys.json',
};

/** The URL path of a key of the public bucket (CloudFront serves `public/…` at `/public/…`). */
const pathOf = (key: string) => `/${key}`;

/**
 * Every object of the export is revalidated by CloudFront and browsers on each request (S3 answers 304 cheaply): a
 * re-issued file and its signature are never served from two different cache generations.
 */
const CACHE_CONTROL = 'no-cache';
/** Object metadata: the SHA-256 (hex) of the file a signature object signs, and the key that signed it. */
const SIGNED_SHA256 = 'signed-sha256';
const KID = 'kid';
/** Object metadata: how many enterprises the file holds (on the files and their signatures). */
const ENTERPRISES = 'enterprises';
/** Reads in flight at once (ledgers, project partitions). */
const PARALLEL_READS = 16;

/** What one export did for one of its files. */
export interface ExportedFile {
  path: string;
  /** the SHA-256 (hex) of the file's bytes, as signed */
  sha256: string;
  signature: string;
  /** whether this run stored the file (false: it was stored by an earlier run, and is never replaced) */
  written: boolean;
  /** whether this run stored its signature (false: signed by an earlier run) */
  signed: boolean;
}

/** What one export did. */
export interface CreditExportOutcome {
  date: string;
  /** the enterprises in the date's files (as the signature records them) */
  enterprises: number;
  /** the key the date's files are signed with */
  kid: string;
  files: ExportedFile[];
  /** whether `latest.json` now names this export (an older date never replaces a newer one) */
  latest: boolean;
}

/** The public bucket; read at first use, so modules importing the record builders need no bucket. */
const publicBucket = () => requireEnv(ENV.publicBucket);

/**
 * Export the credit records as they stood on `date`: both files, their signatures, the JWKS and `latest.json`.
 *
 * Write once: a date's files and signatures are stored only if their keys are free (`If-None-Match: *`, and the
 * function's role may not store them otherwise, infra/constructs/supervision-function.ts), so what a tender platform
 * downloaded and verified for a date is what the date holds for good. A second run for the date (a retry, the night
 * after a publication-day export) stores nothing new: it signs a file an interrupted run left unsigned, republishes
 * the key and points `latest.json`. `partSize` is the multipart part size (tests lower it to S3's 5 MiB minimum).
 */
export async function exportCredit(
  date: string,
  now: Date,
  options: { signer?: CreditSigner; partSize?: number } = {},
): Promise<CreditExportOutcome> {
  const signer = options.signer ?? kmsCreditSigner();
  const jwk = await signer.publicJwk();
  // the key before any signature: a platform never finds a signature it has no key for
  await publishKey(jwk);
  const dataKeys = [creditExportKeys.json(date), creditExportKeys.csv(date)] as const;
  const signatures = await Promise.all(dataKeys.map((key) => headObject(creditExportKeys.signature(key))));

  // the files not yet stored are written from the records as they stand (both, but for a run cut off between them)
  let stored = new Map<string, { sha256: Buffer; enterprises: number }>();
  if (signatures.some((signature) => signature === undefined)) {
    const present = await Promise.all(dataKeys.map((key) => headObject(key)));
    const missing = dataKeys.filter((_key, index) => present[index] === undefined);
    if (missing.length > 0) stored = await writeFiles(date, now, jwk.kid, new Set(missing), options.partSize);
  }

  const files: ExportedFile[] = [];
  let enterprises = 0;
  let kid = jwk.kid;
  for (const [index, key] of dataKeys.entries()) {
    const signatureKey = creditExportKeys.signature(key);
    const written = stored.get(key);
    let signature = signatures[index];
    let sha256: string;
    let signed = false;
    if (signature) {
      sha256 = signature[SIGNED_SHA256] ?? '';
    } else {
      // this run's bytes, or (a file an earlier run stored but did not sign) the stored bytes read back
      const digest = written?.sha256 ?? (await storedSha256(key));
      const count = written?.enterprises ?? Number((await headObject(key))?.[ENTERPRISES] ?? 0);
      signature = { [SIGNED_SHA256]: digest.toString('hex'), [KID]: jwk.kid, [ENTERPRISES]: String(count), date };
      signed = await putOnce(signatureKey, `${(await signer.signDigest(digest)).toString('base64')}\n`, {
        contentType: 'text/plain; charset=us-ascii',
        metadata: signature,
      });
      // another run signed it first: its signature stands
      if (!signed) signature = (await headObject(signatureKey)) ?? signature;
      sha256 = signature[SIGNED_SHA256] ?? digest.toString('hex');
    }
    enterprises = Number(signature[ENTERPRISES] ?? enterprises);
    kid = signature[KID] ?? kid;
    files.push({ path: pathOf(key), sha256, signature: pathOf(signatureKey), written: written !== undefined, signed });
  }
  const latest = await pointLatestAt(date, kid, enterprises, now);
  log.info('credit export', {
    date,
    enterprises,
    latest,
    written: files.map((file) => file.written),
    signed: files.map((file) => file.signed),
  });
  return { date, enterprises, kid, files, latest };
}

/**
 * Stream the records of `date` into the files of `keys` (write once), each record checked for personal data first.
 * A file another run stored meanwhile is left as that run stored it (it is then signed as stored).
 */
async function writeFiles(
  date: string,
  now: Date,
  kid: string,
  keys: ReadonlySet<string>,
  partSize: number | undefined,
): Promise<Map<string, { sha256: Buffer; enterprises: number }>> {
  // record by record: a record that still holds personal data is left out and alarmed, the rest is exported
  const records = (await creditRecordsOn(date)).filter((record) => {
    const kinds = personalDataInRecord(record);
    if (kinds.length === 0) return true;
    log.error('credit export: a record is left out of the export (personal data in its text)', {
      alarm: 'PublicRecordWithheld',
      date,
      creditCode: record.creditCode,
      kinds,
    });
    emitCount(METRICS.publicRecordsWithheld, 1, { creditExportDate: date });
    return false;
  });
  const bucket = publicBucket();
  const metadata = { [KID]: kid, date, [ENTERPRISES]: String(records.length) };
  const open = (key: string, contentType: string) =>
    keys.has(key)
      ? new StreamedObject(s3, bucket, key, {
          contentType,
          cacheControl: CACHE_CONTROL,
          metadata,
          writeOnce: true,
          ...(partSize ? { partSize } : {}),
        })
      : undefined;
  const json = open(creditExportKeys.json(date), 'application/json; charset=utf-8');
  const csv = open(creditExportKeys.csv(date), 'text/csv; charset=utf-8');
  await json?.write(creditJsonOpening({ date, kid, exportedAt: shanghaiTimestamp(now) }));
  await csv?.write(CSV_BOM + creditCsvHeading());
  let written = 0;
  for (const record of records) {
    await json?.write(creditJsonLine(record, written === 0));
    await csv?.write(creditCsvLine(record));
    written += 1;
  }
  await json?.write(creditJsonClosing(written));
  const ended = await Promise.all(
    [json, csv].map(async (file) => {
      if (!file) return undefined;
      try {
        return await file.end();
      } catch (error) {
        if (isAlreadyStored(error)) return undefined;
        throw error;
      }
    }),
  );
  const stored = new Map<string, { sha256: Buffer; enterprises: number }>();
  for (const file of ended) if (file) stored.set(file.key, { sha256: file.sha256, enterprises: written });
  return stored;
}

/** The SHA-256 of a stored object's bytes, read as a stream. */
async function storedSha256(key: string): Promise<Buffer> {
  const object = await s3.send(new GetObjectCommand({ Bucket: publicBucket(), Key: key }));
  const hash = createHash('sha256');
  for await (const chunk of object.Body as AsyncIterable<Uint8Array>) hash.update(chunk);
  return hash.digest();
}

/** Store a small object once; false when the key held one already. */
async function putOnce(
  key: string,
  body: string,
  options: { contentType: string; metadata: Record<string, string> },
): Promise<boolean> {
  try {
    await s3.send(
      new PutObjectCommand({
        Bucket: publicBucket(),
        Key: key,
        Body: body,
        ContentType: options.contentType,
        CacheControl: CACHE_CONTROL,
        Metadata: options.metadata,
        IfNoneMatch: '*',
      }),
    );
    return true;
  } catch (error) {
    if (isAlreadyStored(error)) return false;
    throw error;
  }
}

/** `latest.json` as the export writes it (SPEC §6.6 `{date, json, csv}`: their paths). */
export interface LatestCreditExport {
  date: string;
  json: string;
  csv: string;
  signatures: { json: string; csv: string };
  kid: string;
  keys: string;
  enterprises: number;
  generatedAt: string;
}

/** Name this export in `latest.json`, unless a newer date is named already; true when it was written. */
async function pointLatestAt(date: string, kid: string, enterprises: number, now: Date): Promise<boolean> {
  const current = await readJson<LatestCreditExport>(creditExportKeys.latest);
  if (current && current.date > date) return false;
  const latest: LatestCreditExport = {
    date,
    json: pathOf(creditExportKeys.json(date)),
    csv: pathOf(creditExportKeys.csv(date)),
    signatures: {
      json: pathOf(creditExportKeys.signature(creditExportKeys.json(date))),
      csv: pathOf(creditExportKeys.signature(creditExportKeys.csv(date))),
    },
    kid,
    keys: pathOf(creditExportKeys.keys),
    enterprises,
    generatedAt: shanghaiTimestamp(now),
  };
  await putJson(creditExportKeys.latest, latest);
  return true;
}

/**
 * Publish the signing key in the JWKS (RFC 7517) beside the keys published before, newest first: an export signed
 * with a key since rotated still verifies against the key set.
 */
async function publishKey(jwk: CreditPublicJwk): Promise<void> {
  const current = await readJson<{ keys: CreditPublicJwk[] }>(creditExportKeys.keys);
  if (current?.keys?.[0]?.kid === jwk.kid) return;
  const others = (current?.keys ?? []).filter((key) => key.kid !== jwk.kid);
  await putJson(creditExportKeys.keys, { keys: [jwk, ...others] });
}

async function readJson<T>(key: string): Promise<T | undefined> {
  try {
    const object = await s3.send(new GetObjectCommand({ Bucket: publicBucket(), Key: key }));
    return JSON.parse(await (object.Body as { transformToString(): Promise<string> }).transformToString()) as T;
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw error;
  }
}

async function putJson(key: string, body: unknown): Promise<void> {
  await s3.send(
    new PutObjectCommand({
      Bucket: publicBucket(),
      Key: key,
      Body: `${JSON.stringify(body, null, 2)}\n`,
      ContentType: 'application/json; charset=utf-8',
      CacheControl: CACHE_CONTROL,
    }),
  );
}

/** An object's metadata, or undefined when it does not exist. */
async function headObject(key: string): Promise<Record<string, string> | undefined> {
  try {
    return (await s3.send(new HeadObjectCommand({ Bucket: publicBucket(), Key: key }))).Metadata ?? {};
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw error;
  }
}

/** S3 answers a missing key 404 — or 403 to a role that may not list the bucket (the export's may not). */
function isMissing(error: unknown): boolean {
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  return status === 404 || status === 403;
}

// ---------------------------------------------------------------------------------------------------------------
// the records
// ---------------------------------------------------------------------------------------------------------------

/** An enterprise's record being put together from the sources, with the name each source knows it by. */
interface Builder {
  creditCode: string;
  /** the name it was last registered under in a project, and when */
  registeredName?: { name: string; at: string };
  otherName?: string;
  points: CreditRecord['points'];
  ranks: CreditRecord['ranks'];
  enterpriseCase: CreditRecord['enterpriseCase'];
  supervised: Map<string, CreditRecord['supervisedProjects'][number]>;
  circulars: Map<string, CreditRecord['circulars'][number]>;
}

/**
 * Every enterprise's record on `date` that says something (`hasRecord`), sorted by credit code: the union of the
 * enterprises with points (the ledger heads' listing), with a project under supervision that day (the case
 * listings, then those projects' partitions), named in a circular that stood (the circular listings), ranked or
 * under an enterprise case (shared/usecases/credit-sources.ts).
 */
export async function creditRecordsOn(date: string): Promise<CreditRecord[]> {
  const builders = new Map<string, Builder>();
  const builder = (creditCode: string): Builder => {
    let found = builders.get(creditCode);
    if (!found) {
      found = {
        creditCode,
        points: { totalInWindow: 0, thresholdsReached: [] },
        ranks: [],
        enterpriseCase: null,
        supervised: new Map(),
        circulars: new Map(),
      };
      builders.set(creditCode, found);
    }
    return found;
  };
  const register = (entry: Builder, name: string, at: string) => {
    if (!entry.registeredName || entry.registeredName.at < at) entry.registeredName = { name, at };
  };

  const [ledgerHeads, supervisedProjects, circulars, ranked, enterpriseCases] = await Promise.all([
    (
      await Promise.all(
        listings.penaltyLedgerShards('enterprise').map((shard) => allListingItems(shard, { attributes: ['subject'] })),
      )
    ).flat(),
    supervisedProjectIdsOn(date),
    circularsStandingOn(date),
    creditSources.rankedEnterprisesOn(date),
    creditSources.enterpriseCasesOn(date),
  ]);

  await inParallel(ledgerHeads, PARALLEL_READS, async (head) => {
    const subject = head.subject as { id?: string; name?: string } | undefined;
    if (!subject?.id) return;
    const { points, subjectName } = await enterprisePointsOn(subject.id, date);
    if (points.totalInWindow === 0) return;
    const entry = builder(subject.id);
    entry.points = points;
    entry.otherName ??= subjectName ?? undefined;
  });

  await inParallel(supervisedProjects, PARALLEL_READS, async (projectId) => {
    const snapshot = await readSnapshot(projectId);
    if (!snapshot) return;
    const facts = projectCreditFacts(snapshot, date);
    if (!facts.supervised) return;
    for (const unit of facts.units) {
      const entry = builder(unit.creditCode);
      entry.supervised.set(projectId, facts.supervised);
      register(entry, unit.name, unit.registeredAt);
    }
  });

  for (const circular of circulars) {
    for (const unit of circular.units) {
      const entry = builder(unit.creditCode);
      entry.circulars.set(circular.id, {
        // numbered at its publication (gap-free numbers), and only a published circular stands
        number: circular.number as string,
        publishedOn: circular.publishedOn as string,
        validUntil: circular.validUntil as string,
      });
      entry.otherName ??= unit.name;
    }
  }
  for (const [creditCode, { name, ranks }] of ranked) {
    const entry = builder(creditCode);
    entry.ranks = ranks;
    entry.otherName ??= name;
  }
  for (const [creditCode, { name, enterpriseCase }] of enterpriseCases) {
    const entry = builder(creditCode);
    entry.enterpriseCase = enterpriseCase;
    entry.otherName ??= name;
  }

  return [...builders.values()]
    .map((entry) =>
      orderedRecord({
        creditCode: entry.creditCode,
        // an enterprise's name, published: anything in it that reads as an ID or phone number is removed
        name: publicText(entry.registeredName?.name ?? entry.otherName ?? ''),
        date,
        ranks: entry.ranks,
        points: entry.points,
        enterpriseCase: entry.enterpriseCase,
        supervisedProjects: [...entry.supervised.values()],
        circulars: [...entry.circulars.values()],
      }),
    )
    .filter(hasRecord)
    .sort((a, b) => a.creditCode.localeCompare(b.creditCode));
}

/** The projects with a case under supervision on `date`: active cases included by then, and those released after. */
async function supervisedProjectIdsOn(date: string): Promise<string[]> {
  const attributes = ['id', 'projectId', 'status', 'includedOn', 'releasedOn'];
  const [active, released] = await Promise.all([
    Promise.all(listings.casesByStatus('active').map((shard) => allListingItems(shard, { attributes }))),
    Promise.all(
      listings.casesByStatus('released').map((shard) =>
        allListingItems(shard, {
          attributes,
          filter: { expression: 'releasedOn > :date', values: { ':date': date } },
        }),
      ),
    ),
  ]);
  const ids = new Set<string>();
  for (const item of [...active.flat(), ...released.flat()]) {
    // the listing is eventually consistent and carries the case itself: the same test the lookup applies
    if (supervisedOn(item as never, date)) ids.add(String(item.projectId));
  }
  return [...ids].sort();
}

/**
 * The circulars that stood on `date`: every published one (the listing of the status a circular is in now), and the
 * retracted or expired ones whose change came after that day (listed by the instant of their change).
 */
async function circularsStandingOn(date: string): Promise<StoredCircular[]> {
  const afterTheDay = new Date(`${addDays(date, 1)}T00:00:00+08:00`).toISOString();
  const read = async (status: string, from?: string) => {
    const found: StoredCircular[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await dynamo.send(
        new QueryCommand({
          TableName: TABLE_NAME,
          IndexName: 'gsi1',
          KeyConditionExpression: from ? 'gsi1pk = :pk AND gsi1sk >= :from' : 'gsi1pk = :pk',
          ExpressionAttributeValues: { ':pk': listings.circularsByStatus(status), ...(from ? { ':from': from } : {}) },
          ExclusiveStartKey: startKey,
        }),
      );
      found.push(...((page.Items ?? []) as unknown as StoredCircular[]));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return found;
  };
  const all = (
    await Promise.all([read('published'), read('retracted', afterTheDay), read('expired', afterTheDay)])
  ).flat();
  return all.filter((circular) => circularStandingOn(circular, date));
}

/** Work through `items`, `width` at a time. */
async function inParallel<T>(items: readonly T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next] as T;
      next += 1;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
}
