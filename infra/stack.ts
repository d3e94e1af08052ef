import { Aws, CfnOutput, Fn, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { AnyPrincipal, Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Key, KeySpec, KeyUsage } from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import { ENV } from '../shared/config.js';
import { environmentOf } from '../shared/function-environment.js';
import { METRICS, METRICS_NAMESPACE } from '../shared/metrics.js';
import {
  type FunctionName,
  functions,
  outboxStream,
  type QueueName,
  queues,
  routeList,
  rules,
  schedules,
  sealingFunctions,
} from '../shared/wiring.js';
import { DeadLetterAlarms } from './constructs/dead-letter-alarms.js';
import type { DeadLetterQueue } from './constructs/dead-letter-queue.js';
import { IdempotencySecret } from './constructs/idempotency-secret.js';
import { OutboxRelay } from './constructs/outbox-relay.js';
import { PublicSite } from './constructs/public-site.js';
import { Schedules } from './constructs/schedules.js';
import { type DocumentLock, Storage } from './constructs/storage.js';
import { SupervisionApi } from './constructs/supervision-api.js';
import { SupervisionEvents } from './constructs/supervision-events.js';
import { SupervisionFunction } from './constructs/supervision-function.js';
import { WorkQueues } from './constructs/work-queues.js';

/** Props of {@link SupervisionStack}. */
export interface SupervisionStackProps extends StackProps {
  /**
   * Browser origins, besides the public site's own, that may call the API and post uploads (e.g. the agency web
   * app's origin). From the `allowedOrigins` context value.
   */
  readonly extraAllowedOrigins?: string[];
  /** subscribed to the dead-letter alarms; from the `alarmEmail` context value */
  readonly alarmEmail?: string;
  /** Object Lock of notices and reports (from `documentLockMode`, `documentRetentionYears`) */
  readonly documentLock?: DocumentLock;
  /** the edge stack's web ACL (scope CLOUDFRONT, us-east-1) for the distribution; from `cloudFrontWebAclArn` */
  readonly cloudFrontWebAclArn?: string;
  /**
   * more origins the console is served from (a custom domain on the distribution, e.g.
   * `https://supervision.example.gov.cn`); from `consoleOrigins`
   */
  readonly extraConsoleOrigins?: string[];
  /** the Cognito sign-in domain's prefix; from `authDomainPrefix`, default `<stack name>-<account>` */
  readonly authDomainPrefix?: string;
}

/** Notices and reports: governance-mode lock (an administrator can still lift it) for 30 years, unless told otherwise. */
export const DEFAULT_DOCUMENT_LOCK: DocumentLock = { mode: 'GOVERNANCE', years: 30 };

/**
 * The whole product on AWS, generated from shared/wiring.ts: one function per row of `functions`, one route per
 * row of `routes`, one rule per row of `rules`, one schedule per row of `schedules`, one queue per row of `queues`
 * and the outbox stream mapping.
 * Environment-agnostic: it synthesizes without credentials and deploys to whichever account and region the CLI uses.
 */
export class SupervisionStack extends Stack {
  readonly storage: Storage;
  readonly publicSite: PublicSite;
  readonly functions: ReadonlyMap<FunctionName, SupervisionFunction>;
  readonly events: SupervisionEvents;
  readonly api: SupervisionApi;
  readonly schedules: Schedules;
  readonly outboxRelay: OutboxRelay;
  readonly workQueues: WorkQueues;
  readonly alarms: DeadLetterAlarms;
  readonly idempotencySecret: IdempotencySecret;
  /** signs the credit export (SPEC §6.6); its public key is published at /public/credit/keys.json */
  readonly creditSigningKey: Key;

  constructor(scope: Construct, id: string, props: SupervisionStackProps = {}) {
    super(scope, id, props);

    // the site logs into Storage's access-log bucket and Storage's upload CORS names the site: CORS comes last
    this.storage = new Storage(this, 'Storage', { documentLock: props.documentLock ?? DEFAULT_DOCUMENT_LOCK });
    this.publicSite = new PublicSite(this, 'PublicSite', {
      accessLogs: this.storage.accessLogs,
      webAclArn: props.cloudFrontWebAclArn,
    });
    const extraOrigins = props.extraAllowedOrigins ?? [];
    this.storage.allowUploadsFrom([this.publicSite.url, ...extraOrigins]);

    const made = new Map<FunctionName, SupervisionFunction>();
    for (const [name, spec] of Object.entries(functions) as Array<[FunctionName, (typeof functions)[FunctionName]]>) {
      made.set(name, new SupervisionFunction(this, name, { name, spec }));
    }
    this.functions = made;
    const functionNamed = (name: FunctionName): SupervisionFunction => {
      const fn = made.get(name);
      if (!fn) throw new Error(`The wiring names a function "${name}" that is not in its functions table`);
      return fn;
    };

    // the queues before the rules: a rule may deliver to a queue
    this.workQueues = new WorkQueues(this, 'Queues', { queues, functionNamed });
    this.events = new SupervisionEvents(this, 'Events', {
      rules,
      functionNamed,
      queueNamed: (name) => this.workQueues.queueNamed(name),
      buckets: { documents: this.storage.documents },
    });
    // The credit export's signing key (SPEC §6.6): asymmetric, so its private half never leaves KMS; retained, since
    // the exports it signed stay published (and their JWKS with them).
    this.creditSigningKey = new Key(this, 'CreditSigningKey', {
      description: 'Signs the credit export for tender platforms (SPEC 6.6): ECDSA P-256 / SHA-256',
      keySpec: KeySpec.ECC_NIST_P256,
      keyUsage: KeyUsage.SIGN_VERIFY,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.protectCreditExports();
    for (const fn of made.values()) {
      fn.bindAccess({
        table: this.storage.table,
        documents: this.storage.documents,
        publicSite: this.publicSite.bucket,
        bus: this.events.bus,
        creditSigningKey: this.creditSigningKey,
      });
    }

    for (const fn of made.values()) {
      const queue = fn.spec.access.sendsTo;
      if (queue) this.workQueues.grantSend(fn, queue);
    }

    this.api = new SupervisionApi(this, 'Api', {
      routes: routeList,
      functionNamed,
      uploadAuthorizer: functionNamed('upload-authorizer'),
      // the site reaches the API through its own distribution (same origin): CORS only for other origins
      corsOrigins: extraOrigins,
      consoleOrigins: [this.publicSite.url, ...(props.extraConsoleOrigins ?? [])],
      authDomainPrefix: props.authDomainPrefix ?? Fn.join('-', [this.stackName.toLowerCase(), Aws.ACCOUNT_ID]),
    });
    this.publicSite.serveApi(this.api.httpApi, routeList);
    // the upload page posts to the documents bucket; the console exchanges its sign-in code with Cognito
    this.publicSite.allowConnectionsTo([this.storage.documentsOrigin]);
    this.publicSite.allowConnectionsTo([this.api.authOrigin], { formAction: true });

    // the pages read the API's origin from the deployment (public/config.json), never from a link: the site's own
    // origin, which serves the API behind the WAF
    this.publicSite.publishSiteConfig({ api: this.publicSite.url });

    // Stored idempotent answers are sealed with a server-side secret; only the functions that seal may read it.
    this.idempotencySecret = new IdempotencySecret(this, 'IdempotencySecret');
    for (const name of sealingFunctions) this.idempotencySecret.grantSealing(functionNamed(name));

    // Every function's environment, from its wiring row (shared/function-environment.ts), the same derivation the
    // local twin uses: exactly the variables the row grants. Links in responses (upload links, the OpenAPI
    // document's server) point at the distribution, which serves the pages and the API on one origin.
    const configuration: Record<string, string> = {
      [ENV.table]: this.storage.table.tableName,
      [ENV.documentsBucket]: this.storage.documents.bucketName,
      [ENV.documentLockMode]: this.storage.documentLock.mode,
      [ENV.documentRetentionYears]: String(this.storage.documentLock.years),
      [ENV.publicBucket]: this.publicSite.bucket.bucketName,
      [ENV.bus]: this.events.bus.eventBusName,
      [ENV.publicBaseUrl]: this.publicSite.url,
      [ENV.publicSiteUrl]: this.publicSite.url,
      [ENV.idempotencySecretArn]: this.idempotencySecret.secret.secretArn,
      [ENV.creditSigningKey]: this.creditSigningKey.keyArn,
      ...Object.fromEntries(
        // a queue only a rule of `rules` feeds (document-renders) has no URL variable: no function sends to it
        (Object.keys(queues) as QueueName[]).flatMap((name) => {
          const variable = queues[name].urlVariable;
          return variable ? [[variable, this.workQueues.queues.get(name)!.queue.queueUrl]] : [];
        }),
      ),
    };
    for (const [name, fn] of made) {
      for (const [variable, value] of Object.entries(environmentOf(name, configuration))) {
        fn.addEnvironment(variable, value);
      }
    }

    // the agency console on the public site, signing in with the API's user pool (SPEC §7); it calls the API on its
    // own origin (the distribution serves /v1/*)
    this.publicSite.deployConsole({
      apiUrl: this.publicSite.url,
      userPool: this.api.userPool,
      client: this.api.agencyClient,
    });

    this.schedules = new Schedules(this, 'Schedules', { schedules, functionNamed });
    this.outboxRelay = new OutboxRelay(this, 'OutboxRelay', {
      table: this.storage.table,
      spec: outboxStream,
      relay: functionNamed(outboxStream.function),
    });

    const deadLetterQueues = new Map<string, DeadLetterQueue>([
      ...[...this.events.rules].map(([name, { deadLetterQueue }]) => [`rule-${name}`, deadLetterQueue] as const),
      ...[...this.schedules.schedules].map(
        ([name, { deadLetterQueue }]) => [`schedule-${name}`, deadLetterQueue] as const,
      ),
      ['outbox-relay', this.outboxRelay.deadLetterQueue],
      ...[...this.workQueues.queues].map(([name, { deadLetterQueue }]) => [`queue-${name}`, deadLetterQueue] as const),
    ]);
    this.alarms = new DeadLetterAlarms(this, 'Alarms', {
      queues: deadLetterQueues,
      ...(props.alarmEmail ? { email: props.alarmEmail } : {}),
    });
    // a circular or ranking entry a publisher left out of the public site (SPEC §2.5, §6.4): an operator looks at once
    this.alarms.alarmOnCount(
      'public-records-withheld',
      METRICS_NAMESPACE,
      METRICS.publicRecordsWithheld,
      'A circular or ranking record was left out of the public site (it could not be made safe, or does not parse); the rest was published. Search the public-publisher and ranking-publisher logs for alarm "PublicRecordWithheld".',
    );

    new CfnOutput(this, 'SiteUrl', {
      value: this.publicSite.url,
      description: 'The product: public pages under /public/, the console under /console/, the API under /v1/',
    });
    new CfnOutput(this, 'ApiUrl', {
      value: this.api.url,
      description: 'The HTTP API itself (the site serves it as well, behind the WAF: use the site URL)',
    });
    new CfnOutput(this, 'PublicSiteUrl', {
      value: `${this.publicSite.url}/public/`,
      description: 'Public circulars and feeds (CloudFront)',
    });
    new CfnOutput(this, 'UserPoolId', { value: this.api.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', {
      value: this.api.agencyClient.userPoolClientId,
      description: 'App client of the console (authorization code + PKCE, no secret)',
    });
    new CfnOutput(this, 'SignInUrl', {
      value: this.api.authOrigin,
      description: 'The Cognito domain of the sign-in pages and the token endpoint',
    });
    new CfnOutput(this, 'TableName', { value: this.storage.table.tableName });
    new CfnOutput(this, 'DocumentsBucketName', { value: this.storage.documents.bucketName });
    new CfnOutput(this, 'PublicBucketName', { value: this.publicSite.bucket.bucketName });
    new CfnOutput(this, 'AccessLogsBucketName', { value: this.storage.accessLogs.bucketName });
    new CfnOutput(this, 'EventBusName', { value: this.events.bus.eventBusName });
    new CfnOutput(this, 'CreditSigningKeyArn', {
      value: this.creditSigningKey.keyArn,
      description: 'The KMS key that signs the credit export (its public key: /public/credit/keys.json)',
    });
    new CfnOutput(this, 'AlarmTopicArn', {
      value: this.alarms.topic.topicArn,
      description: 'Dead-letter alarms; subscribe operators here',
    });
  }

  /**
   * SPEC §6.6, write once for every principal (bucket policy denies win over any grant, the publisher's write on
   * `public/` included): a date's export files and signatures (`public/credit/2…`; the pointers `latest.json` and
   * `keys.json` are not dated) are never deleted, and never stored but by a conditional write (`If-None-Match`), the
   * multipart steps that take no condition aside (they store nothing until the completion, which must carry it).
   */
  private protectCreditExports(): void {
    const dated = [this.publicSite.bucket.arnForObjects('public/credit/2*')];
    const deny = (sid: string, actions: string[], conditions?: Record<string, Record<string, unknown>>) =>
      this.publicSite.bucket.addToResourcePolicy(
        new PolicyStatement({
          sid,
          effect: Effect.DENY,
          principals: [new AnyPrincipal()],
          actions,
          resources: dated,
          ...(conditions ? { conditions } : {}),
        }),
      );
    deny('CreditExportNeverDeleted', ['s3:DeleteObject', 's3:DeleteObjectVersion']);
    deny('CreditExportNeverOverwritten', ['s3:PutObject'], {
      Null: { 's3:if-none-match': 'true' },
      Bool: { 's3:ObjectCreationOperation': 'true' },
    });
  }
}
