import { fileURLToPath } from 'node:url';
import { type CfnElement, Duration, Stack, Validations } from 'aws-cdk-lib';
import {
  CachePolicy,
  Distribution,
  Function as EdgeFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption, type IBucket } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { names } from '../../shared/wiring.js';

/** Props of {@link PublicSite}. */
export interface PublicSiteProps {
  /** receives the bucket's server access logs and the distribution's standard logs */
  readonly accessLogs: IBucket;
}

/**
 * Directory-style URLs (`/public/`, `/public/upload`) are served by the `index.html` inside them, as the local
 * gateway does. A CloudFront Function, because S3 behind Origin Access Control has no website index documents.
 */
const INDEX_DOCUMENT_REWRITE = `
function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri.endsWith('/')) {
    request.uri = uri + 'index.html';
  } else if (uri.lastIndexOf('.') < uri.lastIndexOf('/')) {
    request.uri = uri + '/index.html';
  }
  return request;
}`;

/**
 * The public face of the circulars (SPEC §2.5): a private bucket whose keys mirror the URL path
 * (`public/index.html`, `public/circulars.json`, ...) served by CloudFront through Origin Access Control, so the
 * objects are reachable at `/public/*` and nowhere else.
 */
export class PublicSite extends Construct {
  readonly bucket: Bucket;
  /** copies `site/` to `public/` of the bucket at each deployment */
  readonly assetsDeployment: BucketDeployment;
  readonly distribution: Distribution;
  /** `https://<distribution domain>` without a trailing slash */
  readonly url: string;

  constructor(scope: Construct, id: string, props: PublicSiteProps) {
    super(scope, id);

    this.bucket = new Bucket(this, 'Bucket', {
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      serverAccessLogsBucket: props.accessLogs,
      serverAccessLogsPrefix: 'public-site/',
    });

    // Feeds change when a circular is published or retracted: a short default TTL keeps them fresh without
    // giving the publisher a CloudFront invalidation permission; objects may still set their own Cache-Control.
    const cachePolicy = new CachePolicy(this, 'CachePolicy', {
      comment: 'Public pages and feeds: short default TTL, honours Cache-Control',
      defaultTtl: Duration.minutes(5),
      minTtl: Duration.seconds(0),
      maxTtl: Duration.hours(1),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });

    const indexRewrite = new EdgeFunction(this, 'IndexDocuments', {
      code: FunctionCode.fromInline(INDEX_DOCUMENT_REWRITE),
      runtime: FunctionRuntime.JS_2_0,
      comment: 'Serve index.html for directory-style URLs',
    });

    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Differentiated supervision: public circulars and feeds',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy,
        responseHeadersPolicy: ResponseHeadersPolicy.SECURITY_HEADERS,
        functionAssociations: [{ function: indexRewrite, eventType: FunctionEventType.VIEWER_REQUEST }],
      },
      enableLogging: true,
      logBucket: props.accessLogs,
      logFilePrefix: 'cloudfront/',
    });
    this.url = `https://${this.distribution.distributionDomainName}`;

    // The static pages of the repository (the upload page) go under public/ beside the published circulars; no
    // pruning, so a deployment never deletes what the publisher wrote.
    const assets = new BucketDeployment(this, 'SiteAssets', {
      sources: [Source.asset(fileURLToPath(new URL(`../../${names.siteAssets}`, import.meta.url)))],
      destinationBucket: this.bucket,
      destinationKeyPrefix: 'public/',
      prune: false,
      distribution: this.distribution,
      distributionPaths: ['/public/upload/*', '/public/unit-status/*', '/public/public-site.css'],
      memoryLimit: 256,
    });
    this.assetsDeployment = assets;
    acknowledgeDeploymentHandler(this, this.bucket);

    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR1',
      reason:
        'The circulars are public by law (publication of criticism on the credit exposure platform); readers and the credit platform may be anywhere, so no country is excluded.',
    });
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR2',
      reason:
        'The distribution serves static, read-only pages and feeds from a private bucket through OAC: there is no application behind it for a WAF to protect; CloudFront Shield Standard applies.',
    });
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR4',
      reason:
        'The distribution uses the default *.cloudfront.net certificate, for which CloudFront fixes the viewer TLS policy; a custom domain with TLSv1.2_2021 is added when the agency provides its domain and certificate.',
    });
  }

  /**
   * Tell the site's pages where the API is: `public/site-config.json` → `{apiBaseUrl}`, written at each deployment.
   * The unit status form reads it (and falls back to its own origin where there is none, as on the local twin,
   * whose gateway serves the API and the site together). A file, not a CloudFront route to the API: the API's CORS
   * names this distribution, so the distribution cannot name the API back.
   */
  publishSiteConfig(apiUrl: string): BucketDeployment {
    return new BucketDeployment(this, 'SiteConfig', {
      sources: [Source.jsonData('site-config.json', { apiBaseUrl: apiUrl })],
      destinationBucket: this.bucket,
      destinationKeyPrefix: 'public/',
      prune: false,
      distribution: this.distribution,
      distributionPaths: ['/public/site-config.json'],
      memoryLimit: 256,
    });
  }
}

/**
 * BucketDeployment runs a CDK-provided singleton function at deploy time only (not reachable by any request). Its
 * role and runtime are CDK's; the findings on it are acknowledged on that construct alone, one by one.
 */
function acknowledgeDeploymentHandler(scope: Construct, target: Bucket) {
  const stack = Stack.of(scope);
  const targetArn = `<${stack.getLogicalId(target.node.defaultChild as CfnElement)}.Arn>/*`;
  for (const handler of stack.node.children.filter((child) =>
    child.node.id.startsWith('Custom::CDKBucketDeployment'),
  )) {
    const acknowledge = (id: string, reason: string) => Validations.of(handler).acknowledge({ id, reason });
    const why =
      'CDK BucketDeployment handler (deploy-time only): it copies site/ from the CDK asset bucket into public/ of the public bucket';
    acknowledge(
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      `${why}; CDK attaches the basic execution role for its logs.`,
    );
    for (const finding of [
      'Action::s3:GetBucket*',
      'Action::s3:GetObject*',
      'Action::s3:List*',
      'Action::s3:Abort*',
      'Action::s3:DeleteObject*',
      'Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*',
      'Resource::*',
      `Resource::${targetArn}`,
    ]) {
      acknowledge(
        `AwsSolutions-IAM5[${finding}]`,
        `${why}; CDK grants it read on the asset bucket and write on the target bucket (and CloudFront invalidation, which has no resource-level permission).`,
      );
    }
    acknowledge('AwsSolutions-L1', `${why}; its runtime is chosen by the aws-cdk-lib version.`);
  }
}
