import { Aws, Duration, Fn, Stack, Validations } from 'aws-cdk-lib';
import {
  AttributeType,
  BillingMode,
  ProjectionType,
  StreamViewType,
  Table,
  TableEncryption,
} from 'aws-cdk-lib/aws-dynamodb';
import { AnyPrincipal, Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  HttpMethods,
  ObjectOwnership,
  StorageClass,
} from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { tableDesign } from '../../shared/store/table-design.js';
import { type DocumentPrefix, documentPrefixes } from '../../shared/wiring.js';

/** Object Lock of the documents the agency issues (docs/deploy.md, "Documents the agency issues"). */
export interface DocumentLock {
  readonly mode: 'GOVERNANCE' | 'COMPLIANCE';
  readonly years: number;
}

/** Props of {@link Storage}. */
export interface StorageProps {
  readonly documentLock: DocumentLock;
}

/**
 * Where the product keeps its state: the one DynamoDB table (design in shared/store/table-design.ts, its stream
 * feeding the outbox relay), the documents bucket (uploads and the PDFs the agency issues) and the bucket that
 * receives the access logs of the other buckets and of CloudFront.
 */
export class Storage extends Construct {
  readonly table: Table;
  readonly documents: Bucket;
  readonly accessLogs: Bucket;
  /** the Object Lock every object under a write-once prefix carries */
  readonly documentLock: DocumentLock;
  /**
   * `https://<bucket>.s3.<region>.<suffix>`, where browsers post uploads (the presigned POST's URL). Built from the
   * bucket's fixed name, not a reference to the bucket, so the site's Content-Security-Policy can name it: the
   * bucket's CORS rule names the site, so a reference would be a dependency cycle.
   */
  readonly documentsOrigin: string;

  constructor(scope: Construct, id: string, props: StorageProps) {
    super(scope, id);
    this.documentLock = props.documentLock;

    this.table = new Table(this, 'Table', {
      partitionKey: { name: tableDesign.partitionKey, type: AttributeType.STRING },
      sortKey: { name: tableDesign.sortKey, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      // the outbox relay needs the new image; old images keep the stream useful for audits and migrations
      stream: StreamViewType.NEW_AND_OLD_IMAGES,
      timeToLiveAttribute: tableDesign.ttlAttribute,
      encryption: TableEncryption.AWS_MANAGED,
    });
    for (const index of tableDesign.indexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
        projectionType: ProjectionType.ALL,
      });
    }

    this.accessLogs = new Bucket(this, 'AccessLogs', {
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      // CloudFront standard logging writes with an ACL, so the bucket must accept object-writer ownership
      objectOwnership: ObjectOwnership.OBJECT_WRITER,
      lifecycleRules: [{ id: 'expire-access-logs', expiration: Duration.days(365) }],
    });
    // (cdk-nag's S1 needs no acknowledgement here: it sees this bucket is the other buckets' log destination)

    const stack = Stack.of(this);
    // one stage per account: the stack's name and the account make the name unique (S3 names are global)
    const documentsBucketName = Fn.join('-', [stack.stackName.toLowerCase(), 'documents', Aws.ACCOUNT_ID]);
    this.documentsOrigin = Fn.join('', ['https://', documentsBucketName, '.s3.', Aws.REGION, '.', Aws.URL_SUFFIX]);
    this.documents = new Bucket(this, 'Documents', {
      bucketName: documentsBucketName,
      versioned: true,
      // each version under a write-once prefix is put with its own retention (shared/files/write-once-documents.ts);
      // no default retention, so refused uploads in quarantine/ can still expire
      objectLockEnabled: true,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      serverAccessLogsBucket: this.accessLogs,
      serverAccessLogsPrefix: 'documents/',
      // Object Created reaches the default bus, where the upload verifier's rule listens
      eventBridgeEnabled: true,
      lifecycleRules: [
        {
          id: 'expire-quarantine',
          prefix: 'quarantine/',
          expiration: Duration.days(180),
          noncurrentVersionExpiration: Duration.days(30),
        },
        {
          id: 'tidy-uploads',
          abortIncompleteMultipartUploadAfter: Duration.days(7),
          // superseded versions are evidence and are kept, in cheaper storage after a month
          noncurrentVersionTransitions: [
            { storageClass: StorageClass.INFREQUENT_ACCESS, transitionAfter: Duration.days(30) },
          ],
        },
      ],
    });
    this.protectWriteOncePrefixes();

    // eventBridgeEnabled is applied by CDK's shared bucket-notifications custom resource, a stack-level singleton
    const notificationsHandler = Stack.of(this).node.children.find((child) =>
      child.node.id.startsWith('BucketNotificationsHandler'),
    );
    if (notificationsHandler) {
      Validations.of(notificationsHandler).acknowledge({
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason:
          "CDK's own bucket-notifications handler (it turns on EventBridge delivery of the documents bucket at deploy time); it only writes its logs with this policy.",
      });
    }
  }

  /**
   * SPEC §4 Security: notices and reports are never overwritten or deleted. For every principal (bucket policy
   * denies win over any grant), under each write-once prefix: no delete of an object or a version; no put that
   * could overwrite (it must carry `If-None-Match: *`); no put without the Object Lock of the deployment; no bypass
   * of a governance-mode lock. Multipart uploads are refused there too (their parts cannot be conditional); the
   * documents are small PDFs put in one request.
   */
  private protectWriteOncePrefixes(): void {
    const prefixes = (Object.keys(documentPrefixes) as DocumentPrefix[]).filter(
      (prefix) => documentPrefixes[prefix].writeOnce,
    );
    const resources = prefixes.map((prefix) => this.documents.arnForObjects(`${prefix}*`));
    const deny = (sid: string, actions: string[], conditions?: Record<string, Record<string, unknown>>) =>
      this.documents.addToResourcePolicy(
        new PolicyStatement({
          sid,
          effect: Effect.DENY,
          principals: [new AnyPrincipal()],
          actions,
          resources,
          ...(conditions ? { conditions } : {}),
        }),
      );
    deny('WriteOnceNeverDeleted', ['s3:DeleteObject', 's3:DeleteObjectVersion', 's3:BypassGovernanceRetention']);
    deny('WriteOnceNeverOverwritten', ['s3:PutObject'], { Null: { 's3:if-none-match': 'true' } });
    deny('WriteOnceLocked', ['s3:PutObject'], { Null: { 's3:object-lock-mode': 'true' } });
    deny('WriteOnceLockedForTheRetention', ['s3:PutObject'], {
      NumericLessThan: { 's3:object-lock-remaining-retention-days': String(this.documentLock.years * 365) },
    });
    if (this.documentLock.mode === 'COMPLIANCE') {
      deny('WriteOnceLockedInComplianceMode', ['s3:PutObject'], {
        StringNotEquals: { 's3:object-lock-mode': 'COMPLIANCE' },
      });
    }
  }

  /**
   * Lets pages on these origins (the unit's upload page) post files straight to the documents bucket with the
   * presigned POST the uploads function hands out.
   */
  allowUploadsFrom(origins: string[]): void {
    this.documents.addCorsRule({
      allowedMethods: [HttpMethods.POST],
      allowedOrigins: origins,
      allowedHeaders: ['*'],
      exposedHeaders: ['ETag'],
      maxAge: 3000,
    });
  }
}
