import { Duration, Stack, Validations } from 'aws-cdk-lib';
import {
  AttributeType,
  BillingMode,
  ProjectionType,
  StreamViewType,
  Table,
  TableEncryption,
} from 'aws-cdk-lib/aws-dynamodb';
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

/**
 * Where the product keeps its state: the one DynamoDB table (design in shared/store/table-design.ts, its stream
 * feeding the outbox relay), the documents bucket (uploads and the PDFs the agency issues) and the bucket that
 * receives the access logs of the other buckets and of CloudFront.
 */
export class Storage extends Construct {
  readonly table: Table;
  readonly documents: Bucket;
  readonly accessLogs: Bucket;

  constructor(scope: Construct, id: string) {
    super(scope, id);

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
    Validations.of(this.accessLogs).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This is the access-log bucket itself; logging it into itself would log its own log deliveries.',
    });

    this.documents = new Bucket(this, 'Documents', {
      versioned: true,
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
