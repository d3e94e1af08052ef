import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  DynamoDBClient,
  ListTablesCommand,
  PutItemCommand,
  ResourceInUseException,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { keys } from '../../shared/store/keys.js';
import { tableDesign } from '../../shared/store/table-design.js';
import { freePort } from './free-port.js';

/** The one line a user sees when Java is absent. */
export const JAVA_MISSING =
  'Java is missing: DynamoDB Local needs a Java runtime. Install it with: sudo apt-get install -y default-jre-headless';

/** Thrown when the local twin cannot start for a reason the user can fix; main.ts prints only its message. */
export class LocalStartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LocalStartError';
  }
}

export interface DynamoDbLocal {
  endpoint: string;
  port: number;
  pid: number;
  stop(): Promise<void>;
}

/** Where amplify-dynamodb-simulator keeps DynamoDB Local's jar and native libraries. */
export function dynamoDbLocalDirectory(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('amplify-dynamodb-simulator/package.json')), 'emulator');
}

/**
 * Start DynamoDB Local as a child process on a free port: in memory (`dbPath` undefined) or persisted under
 * `dbPath`. Resolves when it answers requests. `stop()` ends this child and only it.
 */
export async function startDynamoDbLocal(options: {
  dbPath?: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  region: string;
  startTimeoutMs?: number;
}): Promise<DynamoDbLocal> {
  const directory = dynamoDbLocalDirectory();
  const port = await freePort();
  const storage = options.dbPath ? ['-dbPath', options.dbPath] : ['-inMemory'];
  if (options.dbPath) mkdirSync(options.dbPath, { recursive: true });
  const args = [
    `-Djava.library.path=${join(directory, 'DynamoDBLocal_lib')}`,
    // a small heap is plenty for a local table and spares a 2-core shared machine
    '-Xmx512m',
    '-jar',
    join(directory, 'DynamoDBLocal.jar'),
    '-sharedDb',
    '-disableTelemetry',
    '-port',
    String(port),
    ...storage,
  ];
  const child = spawn('java', args, { cwd: directory, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const remember = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', remember);
  child.stderr?.on('data', remember);

  const exited = new Promise<never>((_, reject) => {
    child.once('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'ENOENT' ? new LocalStartError(JAVA_MISSING) : error);
    });
    child.once('exit', (code, signal) => {
      reject(new LocalStartError(`DynamoDB Local exited (${signal ?? `code ${code}`}) while starting:\n${output}`));
    });
  });
  exited.catch(() => {});
  const watchdog = child.pid ? startOrphanWatchdog(child.pid) : undefined;

  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({ endpoint, region: options.region, credentials: options.credentials });
  try {
    await Promise.race([waitUntilAnswering(client, options.startTimeoutMs ?? 90_000), exited]);
  } catch (error) {
    await stopChild(child);
    stopWatchdog(watchdog);
    throw error;
  } finally {
    client.destroy();
  }
  child.stdout?.off('data', remember);
  child.stderr?.off('data', remember);
  child.stdout?.resume();
  child.stderr?.resume();

  return {
    endpoint,
    port,
    pid: child.pid ?? 0,
    async stop() {
      await stopChild(child);
      stopWatchdog(watchdog);
    },
  };
}

async function waitUntilAnswering(client: DynamoDBClient, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await client.send(new ListTablesCommand({ Limit: 1 }));
      return;
    } catch (error) {
      if (Date.now() > deadline) {
        throw new LocalStartError(`DynamoDB Local did not answer within ${timeoutMs / 1000} s: ${String(error)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || !child.pid) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/**
 * If this Node process dies without cleaning up (kill -9, a crashed test runner), the JVM would live on as an
 * orphan. A tiny detached shell watches our pid and ends the JVM (and only it) when we are gone.
 */
function startOrphanWatchdog(childPid: number): ChildProcess | undefined {
  try {
    const watchdog = spawn(
      'sh',
      [
        '-c',
        'while kill -0 "$0" 2>/dev/null; do sleep 1; done; kill "$1" 2>/dev/null',
        String(process.pid),
        String(childPid),
      ],
      { detached: true, stdio: 'ignore' },
    );
    watchdog.on('error', () => {});
    watchdog.unref();
    return watchdog;
  } catch {
    return undefined;
  }
}

function stopWatchdog(watchdog: ChildProcess | undefined): void {
  if (watchdog?.pid && watchdog.exitCode === null) {
    try {
      process.kill(watchdog.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
}

/**
 * Create the one table exactly as shared/store/table-design.ts describes it (keys, GSI, stream with both images,
 * TTL). Idempotent: an existing table is kept, and TTL is enabled if it is not yet.
 */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<{ created: boolean }> {
  const keyNames = new Set<string>([tableDesign.partitionKey, tableDesign.sortKey]);
  for (const index of tableDesign.indexes) {
    keyNames.add(index.partitionKey);
    keyNames.add(index.sortKey);
  }
  let created = true;
  try {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [...keyNames].map((name) => ({ AttributeName: name, AttributeType: 'S' })),
        KeySchema: [
          { AttributeName: tableDesign.partitionKey, KeyType: 'HASH' },
          { AttributeName: tableDesign.sortKey, KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: tableDesign.indexes.map((index) => ({
          IndexName: index.name,
          KeySchema: [
            { AttributeName: index.partitionKey, KeyType: 'HASH' },
            { AttributeName: index.sortKey, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        })),
        StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
      }),
    );
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
    created = false;
  }
  // DynamoDB Local creates synchronously, but wait for ACTIVE as AWS would need.
  for (let attempt = 0; attempt < 100; attempt++) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    if (Table?.TableStatus === 'ACTIVE') break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (created) {
    for (const name of tableDesign.migrationsDoneAtCreation) {
      const { pk, sk } = keys.migration(name);
      await client.send(
        new PutItemCommand({
          TableName: tableName,
          Item: { pk: { S: pk }, sk: { S: sk }, type: { S: 'migration' }, completedAt: { S: 'table created' } },
        }),
      );
    }
  }
  const ttl = await client.send(new DescribeTimeToLiveCommand({ TableName: tableName }));
  const status = ttl.TimeToLiveDescription?.TimeToLiveStatus;
  if (status !== 'ENABLED' && status !== 'ENABLING') {
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { Enabled: true, AttributeName: tableDesign.ttlAttribute },
      }),
    );
  }
  return { created };
}
