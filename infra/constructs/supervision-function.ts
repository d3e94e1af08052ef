import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Duration, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Architecture, LoggingFormat, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { ENV } from '../../shared/config.js';
import type { FunctionAccess, FunctionName, FunctionSpec } from '../../shared/wiring.js';
import { logicalIdOf } from './logical-id.js';

/** The repository root: wiring entries and the lock file are relative to it. */
const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));

/** The PDF renderer looks for these beside the bundle, in `fonts/`. */
const FONT_FILES = ['NotoSansHans-Regular.otf', 'NotoSansHans-Bold.otf'];
const FONT_SOURCE_DIR = 'node_modules/@embedpdf/fonts-sc/fonts';

/**
 * ESM bundles have no `require`; some CommonJS dependencies bundled into them still call it (e.g. for `crypto`),
 * so the bundle recreates it.
 */
// Renamed import: bundled packages (pdfkit's ESM build) import `createRequire` themselves.
const ESM_REQUIRE_BANNER =
  "import { createRequire as __bannerCreateRequire } from 'module'; const require = __bannerCreateRequire(import.meta.url);";

/** The key prefix of the public bucket the credit export writes under (URL path `/public/credit/`). */
const CREDIT_EXPORT_PREFIX = 'public/credit/';
/** The export's two objects that are replaced, not written once: the newest export's pointer and the JWKS. */
const CREDIT_EXPORT_POINTERS = ['latest.json', 'keys.json'] as const;

/** Props of {@link SupervisionFunction}. */
export interface SupervisionFunctionProps {
  /** the function's key in `functions` of shared/wiring.ts */
  readonly name: FunctionName;
  /** its row: entry, memory, timeout, what it may touch */
  readonly spec: FunctionSpec;
}

/** The resources a wiring row's `access` can name; binders grant on exactly these. */
export interface SupervisionResources {
  readonly table: ITable;
  readonly documents: IBucket;
  readonly publicSite: IBucket;
  readonly bus: IEventBus;
  /** the credit export's asymmetric signing key (ECC_NIST_P256, SIGN_VERIFY) */
  readonly creditSigningKey: IKey;
}

/**
 * A Lambda function of this product: a `NodejsFunction` with the defaults fixed once (Node.js 22 on arm64, an ESM
 * bundle with the AWS SDK inside so versions are pinned, source maps, JSON logs into its own log group with a
 * retention) and small binders that turn a wiring row's `access` into the narrowest grants and the environment
 * variables of shared/config.ts.
 *
 * The role is created here, not by `NodejsFunction`, so it carries no `AWSLambdaBasicExecutionRole` managed policy:
 * the function may write to its own log group only.
 */
export class SupervisionFunction extends NodejsFunction {
  /** the wiring row this function was made from */
  readonly spec: FunctionSpec;
  /** the execution role (a plain `Role`, so binders can acknowledge findings on it) */
  readonly executionRole: Role;

  constructor(scope: Construct, id: string, props: SupervisionFunctionProps) {
    const { spec } = props;
    const logGroup = new LogGroup(scope, `${id}Logs`, { retention: RetentionDays.ONE_YEAR });
    const role = new Role(scope, `${id}Role`, {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of the ${props.name} function`,
    });
    logGroup.grantWrite(role);
    super(scope, id, {
      entry: join(repositoryRoot, spec.entry),
      handler: 'handler',
      description: spec.description,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: spec.memoryMiB,
      timeout: Duration.seconds(spec.timeoutSeconds),
      ...('reservedConcurrency' in spec ? { reservedConcurrentExecutions: spec.reservedConcurrency } : {}),
      role,
      logGroup,
      loggingFormat: LoggingFormat.JSON,
      projectRoot: repositoryRoot,
      depsLockFilePath: join(repositoryRoot, 'package-lock.json'),
      environment: { NODE_OPTIONS: '--enable-source-maps' },
      bundling: {
        format: OutputFormat.ESM,
        target: 'node20',
        platform: 'node',
        minify: true,
        sourceMap: true,
        mainFields: ['module', 'main'],
        // the AWS SDK is bundled too: the versions in package-lock.json are the ones that run
        externalModules: [],
        banner: ESM_REQUIRE_BANNER,
        // esbuild is a devDependency; never fall back to Docker (there may be no Docker engine)
        forceDockerBundling: false,
        ...(spec.fonts ? { commandHooks: fontsBesideTheBundle } : {}),
      },
    });
    this.spec = spec;
    this.executionRole = role;
    Validations.of(this).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'Pinned to nodejs22.x on purpose: the bundle targets Node 20+ and is tested on it; moving to a newer runtime is a deliberate, tested upgrade, not a silent one.',
    });
  }

  /** Grant and configure everything the wiring row's `access` names, and nothing else. */
  bindAccess(resources: SupervisionResources): this {
    const access: FunctionAccess = this.spec.access;
    if (access.table) this.useTable(resources.table, access.table);
    if (access.documents) this.useDocuments(resources.documents, access.documents);
    if (access.publicSite === 'credit') this.useCreditExportPrefix(resources.publicSite);
    else if (access.publicSite) this.usePublicSite(resources.publicSite);
    if (access.signsWith === 'credit') this.useCreditSigningKey(resources.creditSigningKey);
    if (access.bus) this.usePublishEvents(resources.bus);
    // `tableStream` is granted by the event source mapping (see OutboxRelay)
    return this;
  }

  /** `read` → grantReadData; `readWrite` → grantReadWriteData. Sets TABLE_NAME. */
  useTable(table: ITable, level: 'read' | 'readWrite'): this {
    if (level === 'read') table.grantReadData(this);
    else table.grantReadWriteData(this);
    this.addEnvironment(ENV.table, table.tableName);
    this.acknowledgeWildcard(
      `Resource::<${logicalIdOf(table)}.Arn>/index/*`,
      "Queries the table's own global secondary indexes; the grant names the table, the wildcard only spans its indexes.",
    );
    return this;
  }

  /**
   * `read` → grantRead; `readWrite` → grantReadWrite plus grantDelete (the verifier moves rejected uploads to
   * `quarantine/`, which is a copy and a delete). Sets DOCUMENTS_BUCKET.
   */
  useDocuments(bucket: IBucket, level: 'read' | 'readWrite'): this {
    if (level === 'read') bucket.grantRead(this);
    else {
      bucket.grantReadWrite(this);
      bucket.grantDelete(this);
    }
    this.addEnvironment(ENV.documentsBucket, bucket.bucketName);
    this.acknowledgeBucketWildcards(bucket, level, 'case documents');
    return this;
  }

  /** Writes the public pages and feeds. Sets PUBLIC_BUCKET. */
  usePublicSite(bucket: IBucket): this {
    bucket.grantReadWrite(this);
    bucket.grantDelete(this);
    this.addEnvironment(ENV.publicBucket, bucket.bucketName);
    this.acknowledgeBucketWildcards(bucket, 'readWrite', 'public pages and feeds');
    return this;
  }

  /**
   * The credit export's part of the public bucket, `public/credit/`, and nothing else of it: read its objects; replace
   * only the two pointers (`latest.json`, `keys.json`); store every other object (a date's files and signatures)
   * only as a conditional write that S3 refuses when the key holds an object (`If-None-Match: *` on PutObject and
   * CompleteMultipartUpload; the multipart steps that take no condition are allowed as such), so a published date is
   * never replaced; abort its own multipart uploads; no delete, no listing. Sets PUBLIC_BUCKET.
   */
  useCreditExportPrefix(bucket: IBucket): this {
    const everything = bucket.arnForObjects(`${CREDIT_EXPORT_PREFIX}*`);
    this.addToRolePolicy(
      new PolicyStatement({ actions: ['s3:GetObject', 's3:AbortMultipartUpload'], resources: [everything] }),
    );
    this.addToRolePolicy(
      new PolicyStatement({
        actions: ['s3:PutObject'],
        resources: CREDIT_EXPORT_POINTERS.map((name) => bucket.arnForObjects(`${CREDIT_EXPORT_PREFIX}${name}`)),
      }),
    );
    this.addToRolePolicy(
      new PolicyStatement({
        actions: ['s3:PutObject'],
        resources: [everything],
        conditions: { Null: { 's3:if-none-match': 'false' } },
      }),
    );
    this.addToRolePolicy(
      new PolicyStatement({
        actions: ['s3:PutObject'],
        resources: [everything],
        // CreateMultipartUpload and UploadPart carry no condition header; they store nothing until the completion
        conditions: { Bool: { 's3:ObjectCreationOperation': 'false' } },
      }),
    );
    this.addEnvironment(ENV.publicBucket, bucket.bucketName);
    this.acknowledgeWildcard(
      `Resource::<${logicalIdOf(bucket)}.Arn>/${CREDIT_EXPORT_PREFIX}*`,
      'The export writes a file per date (public/credit/{date}.json, .csv and their signatures): named by prefix, ' +
        'scoped to that prefix of this one bucket, and written once (If-None-Match required).',
    );
    return this;
  }

  /**
   * Signs with the credit export's KMS key: `kms:Sign` on that key only, and only ECDSA_SHA_256 over a digest (the
   * export hashes its files as it streams them); `kms:GetPublicKey` on it to publish the JWKS. Sets
   * CREDIT_SIGNING_KEY_ID.
   */
  useCreditSigningKey(key: IKey): this {
    this.addToRolePolicy(
      new PolicyStatement({
        actions: ['kms:Sign'],
        resources: [key.keyArn],
        conditions: { StringEquals: { 'kms:SigningAlgorithm': 'ECDSA_SHA_256', 'kms:MessageType': 'DIGEST' } },
      }),
    );
    this.addToRolePolicy(new PolicyStatement({ actions: ['kms:GetPublicKey'], resources: [key.keyArn] }));
    this.addEnvironment(ENV.creditSigningKey, key.keyArn);
    return this;
  }

  /** PutEvents on the supervision bus. Sets EVENT_BUS_NAME. */
  usePublishEvents(bus: IEventBus): this {
    bus.grantPutEventsTo(this);
    this.addEnvironment(ENV.bus, bus.eventBusName);
    return this;
  }

  /** The base URL links in responses point under (upload links). Sets PUBLIC_BASE_URL. */
  usePublicBaseUrl(url: string): this {
    this.addEnvironment(ENV.publicBaseUrl, url);
    return this;
  }

  /** The public site's base URL (the upload page lives there). Sets PUBLIC_SITE_URL. */
  usePublicSiteUrl(url: string): this {
    this.addEnvironment(ENV.publicSiteUrl, url);
    return this;
  }

  private acknowledgeBucketWildcards(bucket: IBucket, level: 'read' | 'readWrite', what: string): void {
    const reason = (detail: string) => `${detail} (${what}; the grant is scoped to this one bucket).`;
    this.acknowledgeWildcard(
      `Resource::<${logicalIdOf(bucket)}.Arn>/*`,
      reason('Object keys are created at run time (cases/{caseId}/{unit}/...), so the objects are named by prefix'),
    );
    this.acknowledgeWildcard('Action::s3:GetObject*', reason('Reads objects and their versions/tags'));
    this.acknowledgeWildcard('Action::s3:GetBucket*', reason('Reads bucket attributes the SDK needs'));
    this.acknowledgeWildcard('Action::s3:List*', reason('Lists objects under a prefix'));
    if (level === 'readWrite') {
      this.acknowledgeWildcard('Action::s3:DeleteObject*', reason('Deletes objects (moves to quarantine/)'));
      this.acknowledgeWildcard('Action::s3:Abort*', reason('Aborts its own incomplete multipart uploads'));
    }
  }

  /** A finding of IAM5 on this function's own policy, acknowledged with the grant that caused it. */
  private acknowledgeWildcard(finding: string, reason: string): void {
    Validations.of(this.executionRole).acknowledge({ id: `AwsSolutions-IAM5[${finding}]`, reason });
  }
}

/**
 * `fonts: true` rows render PDFs with an embedded Chinese font: the renderer opens `fonts/NotoSansHans-*.otf`
 * beside the bundle, so the two weights it uses are copied there after esbuild ran.
 */
const fontsBesideTheBundle = {
  beforeBundling: (): string[] => [],
  beforeInstall: (): string[] => [],
  afterBundling: (inputDir: string, outputDir: string): string[] => [
    `mkdir -p "${outputDir}/fonts"`,
    ...FONT_FILES.map((file) => `cp "${inputDir}/${FONT_SOURCE_DIR}/${file}" "${outputDir}/fonts/${file}"`),
  ],
};
