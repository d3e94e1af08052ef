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
import { tableDesign } from '../../shared/store/table-design.js';
import {
  type DocumentPrefix,
  documentPrefixes,
  type FunctionAccess,
  type FunctionName,
  type FunctionSpec,
  type PrefixAccess,
  type TableOperation,
  tableOperationActions,
} from '../../shared/wiring.js';
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
 * retention) and small binders that turn a wiring row's `access` into the narrowest grants.
 *
 * The role is created here, not by `NodejsFunction`, so it carries no `AWSLambdaBasicExecutionRole` managed policy:
 * the function may write to its own log group only.
 */
export class SupervisionFunction extends NodejsFunction {
  /** the function's key in the wiring table */
  readonly wiringName: FunctionName;
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
    this.wiringName = props.name;
    this.spec = spec;
    this.executionRole = role;
    Validations.of(this).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'Pinned to nodejs22.x on purpose: the bundle targets Node 20+ and is tested on it; moving to a newer runtime is a deliberate, tested upgrade, not a silent one.',
    });
  }

  /**
   * Grant everything the wiring row's `access` names, and nothing else: DynamoDB actions by kind of operation, S3
   * actions by key prefix, PutEvents on the bus. (The environment comes from the same row, through
   * shared/function-environment.ts; the stack sets it.)
   */
  bindAccess(resources: SupervisionResources): this {
    const access: FunctionAccess = this.spec.access;
    if (access.table) this.useTable(resources.table, access.table);
    if (access.documents) {
      this.useBucket(resources.documents, access.documents, (prefix) => {
        const spec = documentPrefixes[prefix as DocumentPrefix];
        return { description: spec.description, writeOnce: spec.writeOnce };
      });
    }
    if (access.publicSite) {
      this.useBucket(resources.publicSite, access.publicSite, () => ({
        description: 'the public pages and feeds CloudFront serves',
        writeOnce: false,
      }));
    }
    if (access.creditExport) this.useCreditExportPrefix(resources.publicSite);
    if (access.signsWith === 'credit') this.useCreditSigningKey(resources.creditSigningKey);
    if (access.bus) this.usePublishEvents(resources.bus);
    // `tableStream` is granted by the event source mapping (see OutboxRelay)
    return this;
  }

  /**
   * Exactly the DynamoDB actions of the row's operations (`tableOperationActions`) on the table; reads and scans
   * also on its indexes. No `BatchWriteItem` (it can delete), no `Scan` or `DeleteItem` unless the row says so.
   */
  useTable(table: ITable, operations: readonly TableOperation[]): this {
    const actions = operations.flatMap((operation) => tableOperationActions[operation]);
    this.addToRolePolicy(new PolicyStatement({ actions, resources: [table.tableArn] }));
    const indexActions = operations
      .filter((operation) => operation === 'read' || operation === 'scan')
      .flatMap((operation) => tableOperationActions[operation])
      .filter((action) => action !== 'dynamodb:GetItem' && action !== 'dynamodb:BatchGetItem');
    if (indexActions.length) {
      this.addToRolePolicy(new PolicyStatement({ actions: indexActions, resources: [`${table.tableArn}/index/*`] }));
      this.acknowledgeWildcard(
        `Resource::<${logicalIdOf(table)}.Arn>/index/*`,
        `The ${this.wiringName} function may ${indexActions.join(', ')} on the table's own global secondary indexes (${tableDesign.indexes.map((index) => index.name).join(', ')}); the wildcard spans only this table's indexes.`,
      );
    }
    return this;
  }

  /**
   * S3 by key prefix: `read` → GetObject, `write` → PutObject (and PutObjectRetention under a write-once prefix,
   * to put the Object Lock the bucket policy demands), `delete` → DeleteObject (a delete marker: the buckets are
   * versioned, and no role holds DeleteObjectVersion), `listKeys` → ListBucket on the bucket.
   */
  useBucket<Prefix extends string>(
    bucket: IBucket,
    access: PrefixAccess<Prefix>,
    describe: (prefix: Prefix) => { description: string; writeOnce: boolean },
  ): this {
    const granted = new Map<Prefix, string[]>();
    const grant = (prefixes: readonly Prefix[] | undefined, actions: (prefix: Prefix) => string[]) => {
      for (const prefix of prefixes ?? []) granted.set(prefix, [...(granted.get(prefix) ?? []), ...actions(prefix)]);
    };
    grant(access.read, () => ['s3:GetObject']);
    grant(access.write, (prefix) =>
      describe(prefix).writeOnce ? ['s3:PutObject', 's3:PutObjectRetention'] : ['s3:PutObject'],
    );
    grant(access.delete, () => ['s3:DeleteObject']);
    for (const [prefix, actions] of granted) {
      this.addToRolePolicy(new PolicyStatement({ actions, resources: [bucket.arnForObjects(`${prefix}*`)] }));
      const { description } = describe(prefix);
      this.acknowledgeWildcard(
        `Resource::<${logicalIdOf(bucket)}.Arn>/${prefix}*`,
        `The ${this.wiringName} function may ${actions.join(', ')} under ${prefix} only (${description}); object keys below the prefix are made per record at run time, so the grant names the prefix.`,
      );
    }
    if (access.listKeys) {
      this.addToRolePolicy(new PolicyStatement({ actions: ['s3:ListBucket'], resources: [bucket.bucketArn] }));
    }
    return this;
  }

  /**
   * The credit export's part of the public bucket, `public/credit/`, and nothing else of it: read its objects; replace
   * only the two pointers (`latest.json`, `keys.json`); store every other object (a date's files and signatures)
   * only as a conditional write that S3 refuses when the key holds an object (`If-None-Match: *` on PutObject and
   * CompleteMultipartUpload; the multipart steps that take no condition are allowed as such), so a published date is
   * never replaced; abort its own multipart uploads; no delete, no listing.
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
    this.acknowledgeWildcard(
      `Resource::<${logicalIdOf(bucket)}.Arn>/${CREDIT_EXPORT_PREFIX}*`,
      `The ${this.wiringName} function may s3:GetObject, s3:AbortMultipartUpload and (only as a conditional write, ` +
        `If-None-Match) s3:PutObject under ${CREDIT_EXPORT_PREFIX} only (the credit export: a file per date and its ` +
        'signature); object keys below the prefix are made per date at run time, so the grant names the prefix.',
    );
    return this;
  }

  /**
   * Signs with the credit export's KMS key: `kms:Sign` on that key only, and only ECDSA_SHA_256 over a digest (the
   * export hashes its files as it streams them); `kms:GetPublicKey` on it to publish the JWKS.
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
    return this;
  }

  /** PutEvents on the supervision bus. */
  usePublishEvents(bus: IEventBus): this {
    bus.grantPutEventsTo(this);
    return this;
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
