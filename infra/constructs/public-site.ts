import { fileURLToPath } from 'node:url';
import { Aws, type CfnElement, Duration, Lazy, Stack, Validations } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  Function as EdgeFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import type { IUserPool, IUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import { BlockPublicAccess, Bucket, BucketEncryption, type IBucket } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { CONSOLE_DIST, ensureConsoleBuilt } from '../../console/scripts/build.js';
import { API_CONTENT_SECURITY_POLICY, contentSecurityPolicy } from '../../shared/http/security-headers.js';
import { SITE_CONFIG_FILE, type SiteConfig } from '../../shared/http/site-config.js';
import { names, type RouteSpec } from '../../shared/wiring.js';

/** Props of {@link PublicSite}. */
export interface PublicSiteProps {
  /** receives the bucket's server access logs and the distribution's standard logs */
  readonly accessLogs: IBucket;
  /**
   * The AWS WAF web ACL (scope CLOUDFRONT, made in us-east-1 by the edge stack) in front of the distribution;
   * absent, the distribution has none (allowed outside `prod`, see infra/app.ts)
   */
  readonly webAclArn?: string | undefined;
}

/**
 * The CloudFront path patterns that send requests to the API, from the wiring's routes: every `/v1/…` route under
 * `/v1/*`; any other route by its own path (`/public/status`, `/openapi.json`), its first `{parameter}` and what
 * follows turned into `*`, so the published pages under `/public/` stay on the bucket.
 */
export function apiPathPatterns(routes: ReadonlyArray<Pick<RouteSpec, 'path'>>): string[] {
  const patterns = routes.map((route) =>
    route.path.startsWith('/v1/') ? '/v1/*' : route.path.replace(/\{[^}]*\}.*$/, '*'),
  );
  return [...new Set(patterns)].sort();
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
 * The agency console is a single-page app: a path under `/console/` without a file extension (a deep link such as
 * `/console/cases/{id}`) is answered by `/console/index.html`, whose router shows the screen. Files (hashed assets,
 * `config.json`) are served as they are. Limited to the `/console/*` behaviour: the public pages keep their 404s.
 */
const CONSOLE_SPA_FALLBACK = `
function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri.lastIndexOf('.') < uri.lastIndexOf('/')) {
    request.uri = '/console/index.html';
  }
  return request;
}`;

/** Props of {@link PublicSite.deployConsole}: what the console's `config.json` tells the browser. */
export interface ConsoleDeploymentProps {
  /** the HTTP API's base URL (the console calls it cross-origin; its CORS allows the site) */
  readonly apiUrl: string;
  readonly userPool: IUserPool;
  /** the app client with the authorization code grant and PKCE, callback `<site>/console/auth/callback` */
  readonly client: IUserPoolClient;
  /** the hosted UI's domain (`https://<prefix>.auth.<region>.amazoncognito.com`), for signing out there too */
  readonly hostedUiDomain?: string;
}

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
  /** the headers every page gets (CSP, HSTS, nosniff, …) */
  readonly pageHeaders: ResponseHeadersPolicy;
  /** the headers every API response gets through the distribution */
  readonly apiHeaders: ResponseHeadersPolicy;
  private readonly connectSources: string[] = [];
  private readonly formActions: string[] = [];

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

    const consoleFallback = new EdgeFunction(this, 'ConsoleSpaFallback', {
      code: FunctionCode.fromInline(CONSOLE_SPA_FALLBACK),
      runtime: FunctionRuntime.JS_2_0,
      comment: 'Agency console: deep links under /console/ answer its index.html',
    });
    const origin = S3BucketOrigin.withOriginAccessControl(this.bucket);

    // SPEC §4 Security: CSP with frame-ancestors 'none', nosniff, a referrer policy, HSTS. The connect-src origins are
    // added by the stack (allowConnectionsTo) once the resources they name exist.
    const securityHeaders = (contentSecurityPolicy: string) => ({
      contentSecurityPolicy: { contentSecurityPolicy, override: true },
      contentTypeOptions: { override: true },
      frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
      // upload-page URLs carry the token in the fragment, which no Referer holds; nothing else needs one either
      referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
      strictTransportSecurity: { accessControlMaxAge: Duration.days(730), includeSubdomains: true, override: true },
      xssProtection: { protection: false, override: true },
    });
    this.pageHeaders = new ResponseHeadersPolicy(this, 'PageHeaders', {
      comment: 'Pages: CSP (own origin, documents bucket, Cognito), HSTS, nosniff, no referrer, no framing',
      securityHeadersBehavior: securityHeaders(
        Lazy.string({ produce: () => contentSecurityPolicy(this.connectSources, this.formActions) }),
      ),
    });
    this.apiHeaders = new ResponseHeadersPolicy(this, 'ApiHeaders', {
      comment: 'API responses: nothing loads or runs, HSTS, nosniff, no referrer, no framing',
      securityHeadersBehavior: securityHeaders(API_CONTENT_SECURITY_POLICY),
    });

    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Differentiated supervision: public circulars and feeds, the upload page, the console, the API',
      defaultBehavior: {
        origin,
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy,
        responseHeadersPolicy: this.pageHeaders,
        functionAssociations: [{ function: indexRewrite, eventType: FunctionEventType.VIEWER_REQUEST }],
      },
      additionalBehaviors: {
        // the console's objects carry their own Cache-Control (hashed assets a year, index.html and config.json none)
        '/console/*': {
          origin,
          viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          cachePolicy,
          responseHeadersPolicy: this.pageHeaders,
          functionAssociations: [{ function: consoleFallback, eventType: FunctionEventType.VIEWER_REQUEST }],
        },
      },
      ...(props.webAclArn ? { webAclId: props.webAclArn } : {}),
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
      // the pages of site/ (the upload and assessment pages, their shared code, the published schemes) and their config
      distributionPaths: [
        '/public/upload/*',
        '/public/assess/*',
        '/public/shared/*',
        '/public/assessment-schemes/*',
        '/public/unit-status/*',
        '/public/public-site.css',
        `/public/${SITE_CONFIG_FILE}`,
      ],
      memoryLimit: 256,
    });
    this.assetsDeployment = assets;
    acknowledgeDeploymentHandler(this, this.bucket);

    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR1',
      reason:
        'The circulars are public by law (publication of criticism on the credit exposure platform); readers and the credit platform may be anywhere, so no country is excluded.',
    });
    if (!props.webAclArn) {
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR2',
        reason:
          'This synth has no edge web ACL (context cloudFrontWebAclArn unset), which infra/app.ts allows for non-prod stages only; the API routes keep their per-route throttles (docs/deploy.md, "Throttles and WAF").',
      });
    }
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR4',
      reason:
        'The distribution uses the default *.cloudfront.net certificate, for which CloudFront fixes the viewer TLS policy; a custom domain with TLSv1.2_2021 is added when the agency provides its domain and certificate.',
    });
  }

  /**
   * Deploy the agency console (`dist/console`, built now if it is missing or stale) under `console/` of the bucket,
   * with the `config.json` the browser reads at start: the API's URL and the Cognito user pool and app client for
   * the hosted UI's authorization code flow with PKCE. Hashed assets are cached for a year; `index.html` and
   * `config.json` are revalidated on every load, so a deployment reaches every browser at its next visit.
   */
  deployConsole(props: ConsoleDeploymentProps): void {
    ensureConsoleBuilt();
    const stack = Stack.of(this);
    const assets = new BucketDeployment(this, 'ConsoleAssets', {
      sources: [Source.asset(CONSOLE_DIST, { exclude: ['index.html'] })],
      destinationBucket: this.bucket,
      destinationKeyPrefix: 'console/',
      // old hashed chunks stay: a tab opened before a deployment still loads the screens it has not visited yet
      prune: false,
      cacheControl: [CacheControl.fromString('public, max-age=31536000, immutable')],
      memoryLimit: 256,
    });
    const entry = new BucketDeployment(this, 'ConsoleEntry', {
      sources: [
        Source.asset(CONSOLE_DIST, { exclude: ['*', '!index.html'] }),
        Source.jsonData('config.json', {
          auth: 'cognito',
          apiUrl: props.apiUrl,
          authority: `https://cognito-idp.${stack.region}.${stack.urlSuffix}/${props.userPool.userPoolId}`,
          clientId: props.client.userPoolClientId,
          ...(props.hostedUiDomain ? { domain: props.hostedUiDomain } : {}),
          redirectUri: `${this.url}/console/auth/callback`,
          postLogoutRedirectUri: `${this.url}/console/`,
          scope: 'openid profile email',
        }),
      ],
      destinationBucket: this.bucket,
      destinationKeyPrefix: 'console/',
      prune: false,
      cacheControl: [CacheControl.noCache()],
      distribution: this.distribution,
      distributionPaths: ['/console/*'],
      memoryLimit: 256,
    });
    // index.html names the assets: they must be in the bucket first
    entry.node.addDependency(assets);
    acknowledgeDeploymentHandler(this, this.bucket);
  }

  /**
   * The pages' deployment configuration (`public/config.json`: the API's URL, a deploy-time value), deployed with
   * the site's assets: the upload page takes the API's origin from it, never from its link.
   */
  publishSiteConfig(config: SiteConfig): void {
    this.assetsDeployment.addSource(Source.jsonData(SITE_CONFIG_FILE, config));
  }

  /**
   * Let the pages reach these origins (`connect-src`), e.g. the documents bucket the upload page posts to;
   * `formAction` also lets forms submit there (the Cognito sign-in).
   */
  allowConnectionsTo(origins: readonly string[], options: { formAction?: boolean } = {}): void {
    this.connectSources.push(...origins);
    if (options.formAction) this.formActions.push(...origins);
  }

  /**
   * Serve the API through the distribution, on the same origin as the pages: the WAF in front of the distribution
   * sees every API request, the pages call the API as `'self'`, and no browser needs CORS for them. Never cached;
   * every viewer header but Host (the API's own domain answers) reaches the API, Authorization included.
   */
  serveApi(api: IHttpApi, routes: ReadonlyArray<Pick<RouteSpec, 'path'>>): void {
    const origin = new HttpOrigin(`${api.apiId}.execute-api.${Aws.REGION}.${Aws.URL_SUFFIX}`, {
      protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
    });
    for (const pattern of apiPathPatterns(routes)) {
      this.distribution.addBehavior(pattern, origin, {
        // a redirect would turn a POST into a GET: plain HTTP is refused instead
        viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
        allowedMethods: AllowedMethods.ALLOW_ALL,
        cachePolicy: CachePolicy.CACHING_DISABLED,
        originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
        responseHeadersPolicy: this.apiHeaders,
      });
    }
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
    // one reason per finding, each true of this role (the grants CDK gives it, read in the synthesized policy)
    const findings: Record<string, string> = {
      'Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*':
        'it reads the zipped site/ asset from the CDK bootstrap asset bucket, whose object keys are content hashes',
      [`Resource::${targetArn}`]: 'it writes the pages into the public bucket, under keys taken from site/',
      'Action::s3:GetBucket*': 'it reads the location and settings of the asset and public buckets (CDK grant)',
      'Action::s3:GetObject*': 'it reads the asset and compares what is already in the public bucket (CDK grant)',
      'Action::s3:List*': 'it lists the asset and public buckets to plan the copy (CDK grant)',
      'Action::s3:Abort*': 'it aborts its own multipart copies of large files if the copy fails (CDK grant)',
      'Action::s3:DeleteObject*':
        'CDK grants delete for pruning; this deployment sets prune: false, so it never deletes what the publisher wrote',
      'Resource::*': 'CloudFront invalidations (of /public/upload/*) have no resource-level permission',
    };
    for (const [finding, detail] of Object.entries(findings)) {
      acknowledge(`AwsSolutions-IAM5[${finding}]`, `${why}: ${detail}.`);
    }
    acknowledge('AwsSolutions-L1', `${why}; its runtime is chosen by the aws-cdk-lib version.`);
  }
}
