import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { log } from '../../shared/log.js';
import { names } from '../../shared/wiring.js';
import { AgencyTokens } from './agency-tokens.js';
import { DeadLetterQueue } from './async-invocation.js';
import { startDynamoDbGate } from './dynamodb-gate.js';
import { type DynamoDbLocal, ensureTable, startDynamoDbLocal } from './dynamodb-local.js';
import {
  functionEnvironment,
  LOCAL_ACCOUNT,
  LOCAL_CREDENTIALS,
  LOCAL_REGION,
  type LocalEndpoints,
  sharedEnvironment,
} from './environment.js';
import { type LocalEventBus, startEventBus } from './event-bus.js';
import { LocalGateway } from './gateway.js';
import { startKms } from './kms.js';
import { LambdaRuntime } from './lambda-runtime.js';
import { PublicSite } from './public-site.js';
import { type LocalS3, type ObjectCreatedEvent, startS3Server } from './s3-server.js';
import { type LocalScheduler, startScheduler } from './scheduler.js';
import { startSecretsManager } from './secrets-manager.js';
import { type StreamRelay, startStreamRelay } from './stream-relay.js';
import { StreamsApi } from './streams-api.js';
import { type LocalWorkQueues, startWorkQueues } from './work-queues.js';

/** The repository root: function entries in the wiring table are relative to it. */
const REPOSITORY_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');

export interface LocalStackOptions {
  /** gateway port; 0 = any free port; default 3000 */
  port?: number;
  /** in memory and empty (DynamoDB -inMemory, S3 in a temporary directory, a new signing key) */
  fresh?: boolean;
  /** where persistent data lives; default `.local` in the repository */
  dataDir?: string;
  /** no request log lines (warnings and errors still show) */
  quiet?: boolean;
}

export interface LocalStack {
  /** `http://127.0.0.1:PORT` */
  url: string;
  endpoints: LocalEndpoints;
  /**
   * every variable any function may get, with the SDK endpoints of the local services (tests copy it to use the SDK
   * against the same services); each function itself gets only its own (`functionEnvironment`)
   */
  environment: Record<string, string>;
  /** undefined when fresh */
  dataDir: string | undefined;
  bus: LocalEventBus;
  queues: LocalWorkQueues;
  relay: StreamRelay;
  scheduler: LocalScheduler;
  /** Subscribe to S3 "Object Created" events (they are also put on the local `default` bus). */
  onObjectCreated(listener: (event: ObjectCreatedEvent) => void): () => void;
  /** Stop every server and child process this stack started. Safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Start the local twin of the stack: DynamoDB Local with the table, S3 with the buckets, the event bus with the
 * wiring rules, the stream relay, the scheduler, and the gateway in front of the functions. Resolves when the
 * gateway accepts requests. On failure, whatever was started is stopped before the error is thrown.
 */
export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  // Our own SDK clients start before the function environment is applied; spare them the Node 22 notice too.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const fresh = options.fresh ?? false;
  const dataDir = fresh ? undefined : resolve(REPOSITORY_ROOT, options.dataDir ?? '.local');
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const stops: Array<() => Promise<void> | void> = [];
  const stopAll = async () => {
    for (const stop of stops.reverse().splice(0)) {
      try {
        await stop();
      } catch (error) {
        log.warn('stopping a part of the local twin failed', { error });
      }
    }
  };

  try {
    // The gateway binds first: a taken port fails in a second, before Java starts.
    const gateway = await LocalGateway.listen(options.port ?? 3000, options.quiet ?? false);
    stops.push(() => gateway.stop());
    const origins = [gateway.url, `http://localhost:${gateway.port}`];

    const [dynamodb, s3] = await Promise.all([
      startDynamoDbLocal({
        ...(dataDir ? { dbPath: join(dataDir, 'dynamodb') } : {}),
        credentials: LOCAL_CREDENTIALS,
        region: LOCAL_REGION,
      }).then((started: DynamoDbLocal) => {
        stops.push(() => started.stop());
        return started;
      }),
      startS3Server({
        ...(dataDir ? { directory: join(dataDir, 's3') } : {}),
        buckets: [names.localDocumentsBucket, names.localPublicBucket],
        corsOrigins: origins,
      }).then((started: LocalS3) => {
        stops.push(() => started.stop());
        return started;
      }),
    ]);

    const gate = await startDynamoDbGate(dynamodb.endpoint);
    stops.push(() => gate.stop());
    const runtime = new LambdaRuntime(REPOSITORY_ROOT);
    stops.push(() => runtime.stop());
    const dlq = new DeadLetterQueue(dataDir ? join(dataDir, 'dlq.jsonl') : undefined);
    // the queues before the bus: a rule may deliver to a queue
    const queues = await startWorkQueues({
      runtime,
      dlq,
      ...(dataDir ? { file: join(dataDir, 'queues.jsonl') } : {}),
    });
    stops.push(() => queues.stop());
    const bus = await startEventBus({ runtime, dlq, queues });
    stops.push(() => bus.stop());

    const secretsManager = await startSecretsManager({
      region: LOCAL_REGION,
      account: LOCAL_ACCOUNT,
      ...(dataDir ? { file: join(dataDir, 'secrets.json') } : {}),
    });
    stops.push(() => secretsManager.stop());
    // the credit export's signing key: made at the first start and kept under .local/, in memory with --fresh
    const kms = await startKms({
      region: LOCAL_REGION,
      account: LOCAL_ACCOUNT,
      ...(dataDir ? { file: join(dataDir, 'credit-signing-key.pem') } : {}),
    });
    stops.push(() => kms.stop());

    const endpoints: LocalEndpoints = {
      gateway: gateway.url,
      dynamodb: dynamodb.endpoint,
      dynamodbForFunctions: gate.endpoint,
      s3: s3.endpoint,
      eventBridge: bus.endpoint,
      sqs: queues.endpoint,
      secretsManager: secretsManager.endpoint,
      kms: kms.endpoint,
      queueUrls: queues.urls,
    };
    // Each function in its own thread with exactly its own environment, set before its first invocation.
    runtime.useEnvironment((name) => functionEnvironment(name, endpoints));
    const environment = sharedEnvironment(endpoints);

    const admin = new DynamoDBClient({
      endpoint: dynamodb.endpoint,
      region: LOCAL_REGION,
      credentials: LOCAL_CREDENTIALS,
    });
    try {
      await ensureTable(admin, names.localTable);
    } finally {
      admin.destroy();
    }
    const publicSite = new PublicSite(s3.endpoint, names.localPublicBucket);
    stops.push(() => publicSite.close());
    await publicSite.deployAssets(join(REPOSITORY_ROOT, names.siteAssets));
    await publicSite.deployConfig({ api: gateway.url });
    await publicSite.ensureIndex();
    s3.onObjectCreated((event) => bus.publish('default', event));

    const tokens = await AgencyTokens.create(dataDir ? join(dataDir, 'jwt-key.json') : undefined);
    const streams = new StreamsApi(dynamodb.endpoint, LOCAL_CREDENTIALS, LOCAL_REGION);
    stops.push(() => streams.close());
    const relay = await startStreamRelay({
      streams,
      tableName: names.localTable,
      runtime,
      dlq,
      ...(dataDir ? { checkpointFile: join(dataDir, 'stream-checkpoint.json') } : {}),
    });
    stops.push(() => relay.stop());
    const scheduler = startScheduler({ runtime, dlq });
    stops.push(() => scheduler.stop());

    gateway.attach({
      runtime,
      tokens,
      bus,
      scheduler,
      dlq,
      publicSite,
      consoleDirectory: join(REPOSITORY_ROOT, 'dist/console'),
      pageOrigins: { api: gateway.url, documents: s3.endpoint },
      describe: () => ({
        dataDir: dataDir ?? null,
        fresh,
        endpoints,
        schedules: scheduler.list(),
        queues: queues.status(),
      }),
    });

    let stopping: Promise<void> | undefined;
    return {
      url: gateway.url,
      endpoints,
      environment,
      dataDir,
      bus,
      queues,
      relay,
      scheduler,
      onObjectCreated: (listener) => s3.onObjectCreated(listener),
      stop: () => {
        stopping ??= stopAll();
        return stopping;
      },
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
