/**
 * `npm run bench:publish [-- --archive 10000]`: what publishing ONE circular costs when N are already published.
 * Starts a fresh local stack in-process, seeds N published circulars straight into the table (shaped as the life
 * cycle leaves them), then times the publisher for one more, counting DynamoDB requests and S3 writes; the same
 * with a small archive (100) in the same run, so the ratio shows whether the cost grows with the archive.
 */
import { execSync } from 'node:child_process';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { startLocalStack } from '../infra/local/stack.js';

const { values } = parseArgs({
  options: { archive: { type: 'string', default: '10000' }, repeat: { type: 'string', default: '5' } },
});
const sizes = [100, Number(values.archive)];
const repeat = Number(values.repeat);

const stack = await startLocalStack({ port: 0, fresh: true, quiet: true });
Object.assign(process.env, stack.environment);
const { dynamo, TABLE_NAME } = await import('../shared/store/client.js');
const { s3 } = await import('../shared/files/s3.js');
const { keys, listings } = await import('../shared/store/keys.js');
const { publishPublicSite } = await import('../shared/usecases/publish-site.js');

const counts = { dynamo: 0, s3Writes: 0 };
dynamo.middlewareStack.add(
  (next) => async (args) => {
    counts.dynamo += 1;
    return next(args);
  },
  { step: 'initialize', name: 'benchCountDynamo' },
);
s3.middlewareStack.add(
  (next, context) => async (args) => {
    if (context.commandName === 'PutObjectCommand') counts.s3Writes += 1;
    return next(args);
  },
  { step: 'initialize', name: 'benchCountS3' },
);

const projectId = 'prj_01JD5Z3X8K9Q2W4E6R7T8Y9V0P';
const caseId = 'cas_01JD5Z3X8K9Q2W4E6R7T8Y9V0P';
const units = [
  { role: 'developer', name: '北京运河置业有限公司', creditCode: '91110000802100433B' },
  { role: 'general_contractor', name: '北京城建某建筑工程有限公司', creditCode: '91110112MA01ABCD04' },
];
let serial = 0;

function circular(publishedAt: string) {
  serial += 1;
  const id = `cir_${String(serial).padStart(26, '0')}`;
  return {
    ...keys.circular(projectId, caseId, id),
    type: 'circular',
    gsi1pk: listings.circularsByStatus('published'),
    gsi1sk: `${publishedAt}#${id}`,
    id,
    caseId,
    projectId,
    number: `通住建安通〔2026〕${serial}号`,
    sequence: serial,
    status: 'published',
    title: '关于对通州区某项目安全生产管理问题的通报',
    body: '各有关单位：该项目在采取差别化监管措施三个周期后仍未达到安全管理要求，现予以全区通报批评。',
    authority: '通州区住房和城乡建设委员会',
    projectName: '通州区某项目',
    units,
    keyPersons: [],
    conditionsMet: ['C1'],
    violations: ['安全管理机构不健全'],
    measures: [{ level: 3, code: 'district_circular', name: '全区通报批评', startedOn: publishedAt.slice(0, 10) }],
    draftedOn: publishedAt.slice(0, 10),
    draftedAt: publishedAt,
    statementWindowEndsOn: publishedAt.slice(0, 10),
    statementWindowEndsAt: publishedAt,
    calendarVersion: 'bench',
    statements: [],
    publishedOn: publishedAt.slice(0, 10),
    publishedAt,
    validUntil: '2027-12-31',
    eventId: `evt_${id}`,
    cycleIndex: 3,
    month: '2026-01',
  };
}

async function seed(n: number) {
  const items = Array.from({ length: n }, (_, i) =>
    circular(new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString()),
  );
  for (let i = 0; i < items.length; i += 25) {
    await dynamo.send(
      new BatchWriteCommand({
        RequestItems: { [TABLE_NAME]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) },
      }),
    );
  }
}

async function measure(): Promise<{ ms: number; dynamo: number; s3Writes: number }> {
  const samples: Array<{ ms: number; dynamo: number; s3Writes: number }> = [];
  for (let r = 0; r < repeat; r++) {
    const item = circular(new Date(Date.UTC(2026, 10, 1) + r * 60_000).toISOString());
    await dynamo.send(new BatchWriteCommand({ RequestItems: { [TABLE_NAME]: [{ PutRequest: { Item: item } }] } }));
    counts.dynamo = 0;
    counts.s3Writes = 0;
    const started = performance.now();
    await publishPublicSite({ circularId: item.id, caseId, projectId });
    samples.push({ ms: performance.now() - started, dynamo: counts.dynamo, s3Writes: counts.s3Writes });
  }
  samples.sort((a, b) => a.ms - b.ms);
  return samples[Math.floor(samples.length / 2)] as { ms: number; dynamo: number; s3Writes: number };
}

const results: Array<{ archive: number; ms: number; dynamo: number; s3Writes: number }> = [];
let seeded = 0;
for (const size of sizes) {
  await seed(size - seeded);
  seeded = size;
  results.push({ archive: size, ...(await measure()) });
  seeded += repeat;
}
await stack.stop();

const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}`;
console.log(`machine: ${machine}; ${execSync('date -u').toString().trim()}`);
console.log('| published already | publish one: median ms | DynamoDB requests | S3 objects written |');
console.log('|---:|---:|---:|---:|');
for (const r of results) console.log(`| ${r.archive} | ${r.ms.toFixed(0)} | ${r.dynamo} | ${r.s3Writes} |`);
const [small, large] = results as [(typeof results)[number], (typeof results)[number]];
console.log(
  `ratio (${large.archive} vs ${small.archive}): time ×${(large.ms / small.ms).toFixed(2)}, requests ×${(large.dynamo / small.dynamo).toFixed(2)}`,
);
process.exit(0);
