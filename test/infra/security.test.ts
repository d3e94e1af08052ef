/**
 * What the security review asked of the AWS stack (issue 12), read from the synthesized templates: documents the
 * agency issues are write-once under Object Lock; per-route throttles by access kind; the API served through the
 * distribution, behind the edge WAF's per-IP rate rules; the Cognito app client on the code flow only with the
 * console's real callback URLs; security headers on every page and API response. Expectations come from the wiring
 * table (`documentPrefixes`, `rateLimits`, `routeList`), so a row added there is checked here too.
 * Bundling is skipped; nag.test.ts synthesizes for real.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app.js';
import { apiPathPatterns } from '../../infra/constructs/public-site.js';
import { routePathPrefixes } from '../../infra/edge-stack.js';
import type { SupervisionStack } from '../../infra/stack.js';
import { renderIndexPage } from '../../shared/documents/public-site.js';
import { type DocumentPrefix, documentPrefixes, rateLimits, routeList } from '../../shared/wiring.js';

type Resources = Record<string, { Type: string; Properties: Record<string, unknown>; DependsOn?: string[] }>;

const WEB_ACL_ARN = 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/supervision-edge/0a1b2c3d';

let stack: SupervisionStack;
let template: Template;
let resources: Resources;
let edge: Template;

function synth(context: Record<string, unknown> = {}) {
  return buildApp({
    nag: false,
    context: { 'aws:cdk:bundling-stacks': [], ...context },
    outdir: mkdtempSync(join(tmpdir(), 'supervision-security-')),
  });
}

beforeAll(() => {
  const built = synth({ cloudFrontWebAclArn: WEB_ACL_ARN });
  stack = built.stack;
  template = Template.fromStack(stack);
  resources = template.toJSON().Resources as Resources;
  edge = Template.fromStack(built.edge);
});

function logicalId(construct: IConstruct): string {
  const resource = construct.node.defaultChild;
  if (!(resource instanceof CfnElement)) throw new Error(`${construct.node.path} has no CloudFormation resource`);
  return stack.getLogicalId(resource);
}

function ofType(type: string) {
  return Object.entries(resources).filter(([, resource]) => resource.Type === type);
}

/** A CloudFormation value with its references turned into `<LogicalId>` / `<LogicalId.Attribute>` text. */
function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(text).join(',');
  const expression = value as Record<string, unknown>;
  if ('Ref' in expression) return `<${String(expression.Ref)}>`;
  if ('Fn::GetAtt' in expression) return `<${(expression['Fn::GetAtt'] as string[]).join('.')}>`;
  if ('Fn::Join' in expression) {
    const [separator, parts] = expression['Fn::Join'] as [string, unknown[]];
    return parts.map(text).join(separator);
  }
  return JSON.stringify(value);
}

describe('documents the agency issues are write-once (SPEC §4 Security)', () => {
  const writeOnce = (Object.keys(documentPrefixes) as DocumentPrefix[]).filter((p) => documentPrefixes[p].writeOnce);
  const writable = (Object.keys(documentPrefixes) as DocumentPrefix[]).filter((p) => !documentPrefixes[p].writeOnce);

  it('the documents bucket has Object Lock, versioning and a fixed name (the CSP names it)', () => {
    const bucket = resources[logicalId(stack.storage.documents)]!.Properties;
    expect(bucket).toMatchObject({ ObjectLockEnabled: true, VersioningConfiguration: { Status: 'Enabled' } });
    expect(bucket.ObjectLockConfiguration).toBeUndefined(); // no default retention: quarantine/ still expires
    expect(text(bucket.BucketName)).toBe('supervision-dev-documents-<AWS::AccountId>');
  });

  it('for every principal: no delete, no overwrite, no put without the lock, under each write-once prefix only', () => {
    const policy = ofType('AWS::S3::BucketPolicy').find(
      ([, p]) => text(p.Properties.Bucket) === `<${logicalId(stack.storage.documents)}>`,
    );
    const statements = (policy![1].Properties.PolicyDocument as { Statement: Array<Record<string, unknown>> })
      .Statement;
    const denials = statements.filter((statement) => statement.Effect === 'Deny' && statement.Principal !== undefined);
    const bySid = (sid: string) => {
      const found = denials.find((statement) => statement.Sid === sid);
      expect(found, sid).toBeDefined();
      expect(found!.Principal).toEqual({ AWS: '*' });
      const prefixes = [found!.Resource]
        .flat()
        .map((resource) => text(resource).replace(`<${logicalId(stack.storage.documents)}.Arn>/`, ''));
      expect(prefixes.sort(), sid).toEqual(writeOnce.map((prefix) => `${prefix}*`).sort());
      return found!;
    };
    expect(bySid('WriteOnceNeverDeleted').Action).toEqual(
      expect.arrayContaining(['s3:DeleteObject', 's3:DeleteObjectVersion', 's3:BypassGovernanceRetention']),
    );
    expect(bySid('WriteOnceNeverOverwritten')).toMatchObject({
      Action: 's3:PutObject',
      Condition: { Null: { 's3:if-none-match': 'true' } },
    });
    expect(bySid('WriteOnceLocked')).toMatchObject({
      Action: 's3:PutObject',
      Condition: { Null: { 's3:object-lock-mode': 'true' } },
    });
    expect(bySid('WriteOnceLockedForTheRetention')).toMatchObject({
      Action: 's3:PutObject',
      Condition: { NumericLessThan: { 's3:object-lock-remaining-retention-days': String(30 * 365) } },
    });
    // uploads can still be moved to quarantine (by the verifier alone: its IAM grant, wiring.test.ts)
    const denied = JSON.stringify(denials);
    for (const prefix of writable) expect(denied).not.toContain(`/${prefix}*`);
  });

  it('prod locks in compliance mode; a put in another mode is refused', () => {
    const prod = Template.fromStack(synth({ stage: 'prod', cloudFrontWebAclArn: WEB_ACL_ARN }).stack);
    const statements = Object.values(prod.findResources('AWS::S3::BucketPolicy')).flatMap(
      (policy) => (policy.Properties.PolicyDocument as { Statement: Array<Record<string, unknown>> }).Statement,
    );
    expect(statements).toContainEqual(
      expect.objectContaining({
        Sid: 'WriteOnceLockedInComplianceMode',
        Effect: 'Deny',
        Condition: { StringNotEquals: { 's3:object-lock-mode': 'COMPLIANCE' } },
      }),
    );
    const writers = Object.values(prod.findResources('AWS::Lambda::Function')).filter(
      (fn) => (fn.Properties.Environment as { Variables?: Record<string, unknown> })?.Variables?.DOCUMENT_LOCK_MODE,
    );
    expect(writers.length).toBeGreaterThan(0);
    for (const fn of writers) {
      expect(fn.Properties.Environment.Variables).toMatchObject({
        DOCUMENT_LOCK_MODE: 'COMPLIANCE',
        DOCUMENT_RETENTION_YEARS: '30',
      });
    }
  });
});

describe('throttles (per route, by who may call it)', () => {
  it('agency routes have the stage default; every public and upload-token route its own, far lower', () => {
    const [stageId, stageResource] = ofType('AWS::ApiGatewayV2::Stage')[0]!;
    expect(stageResource.Properties.DefaultRouteSettings).toEqual({
      ThrottlingRateLimit: rateLimits.agency.api.rate,
      ThrottlingBurstLimit: rateLimits.agency.api.burst,
    });
    const settings = stageResource.Properties.RouteSettings as Record<string, Record<string, number>>;
    const anonymous = routeList.filter((route) => route.access.kind !== 'agency');
    // and the $default route, which takes what no route matches (anonymous, at the public limit: wiring.test.ts)
    expect(Object.keys(settings).sort()).toEqual(
      [...anonymous.map((route) => `${route.method} ${route.path}`), '$default'].sort(),
    );
    for (const route of anonymous) {
      const limits = rateLimits[route.access.kind].api;
      expect(settings[`${route.method} ${route.path}`]).toEqual({
        ThrottlingRateLimit: limits.rate,
        ThrottlingBurstLimit: limits.burst,
      });
      // "far below": at most a fifth of what an agency route gets
      expect(limits.rate * 5).toBeLessThanOrEqual(rateLimits.agency.api.rate);
    }
    // the stage names routes by key: CloudFormation must create them first
    const routeIds = ofType('AWS::ApiGatewayV2::Route').map(([id]) => id);
    const anonymousRouteIds = routeIds.filter((id) =>
      anonymous.some((route) => text(resources[id]!.Properties.RouteKey) === `${route.method} ${route.path}`),
    );
    expect(resources[stageId]!.DependsOn).toEqual(expect.arrayContaining(anonymousRouteIds));
  });
});

describe('the edge: the distribution serves the API, behind the WAF (us-east-1)', () => {
  it('every route reaches the API through exactly one behavior; published pages stay on the bucket', () => {
    const patterns = apiPathPatterns(routeList);
    const matches = (pattern: string, path: string) =>
      pattern.endsWith('*') ? path.startsWith(pattern.slice(0, -1)) : path === pattern;
    for (const route of routeList) {
      const concrete = route.path.replace(/\{[^}]+\}/g, 'x1');
      expect(
        patterns.filter((pattern) => matches(pattern, concrete)),
        route.path,
      ).toHaveLength(1);
    }
    for (const page of ['/public/', '/public/index.html', '/public/circulars.json', '/public/upload/', '/console/']) {
      expect(
        patterns.filter((pattern) => matches(pattern, page)),
        page,
      ).toEqual([]);
    }
    const distribution = ofType('AWS::CloudFront::Distribution')[0]![1].Properties.DistributionConfig as {
      CacheBehaviors: Array<Record<string, unknown>>;
      WebACLId?: string;
      Origins: Array<{ Id: string; DomainName: unknown }>;
    };
    const apiOrigin = distribution.Origins.find((origin) => text(origin.DomainName).includes('execute-api'));
    expect(text(apiOrigin?.DomainName)).toContain(`<${logicalId(stack.api.httpApi)}>`);
    const apiBehaviors = distribution.CacheBehaviors.filter((behavior) => behavior.TargetOriginId === apiOrigin!.Id);
    expect(apiBehaviors.map((behavior) => behavior.PathPattern).sort()).toEqual(patterns);
    // the other behaviours (the console's SPA fallback) serve the bucket, never the API
    for (const behavior of distribution.CacheBehaviors.filter((b) => !apiBehaviors.includes(b)))
      expect(patterns).not.toContain(behavior.PathPattern);
    for (const behavior of apiBehaviors) {
      expect(behavior).toMatchObject({
        TargetOriginId: apiOrigin!.Id,
        ViewerProtocolPolicy: 'https-only',
        // the managed CachingDisabled and AllViewerExceptHostHeader policies
        CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
        OriginRequestPolicyId: 'b689b0a8-53d0-40ab-baf2-68738e2966ac',
        ResponseHeadersPolicyId: { Ref: logicalId(stack.publicSite.apiHeaders) },
        AllowedMethods: expect.arrayContaining(['POST', 'PUT', 'DELETE']),
      });
    }
    expect(distribution.WebACLId).toBe(WEB_ACL_ARN);
  });

  it('the web ACL is CloudFront-scoped, in us-east-1, with per-IP rate rules from the wiring’s rateLimits', () => {
    expect(synth().edge.region).toBe('us-east-1');
    const acl = Object.values(edge.findResources('AWS::WAFv2::WebACL'))[0]!.Properties as {
      Scope: string;
      Rules: Array<{ Name: string; Statement: Record<string, Record<string, unknown>>; Action?: unknown }>;
    };
    expect(acl.Scope).toBe('CLOUDFRONT');
    const rate = (name: string) => acl.Rules.find((rule) => rule.Name === name)!.Statement.RateBasedStatement!;
    expect(rate('everything-per-ip')).toMatchObject({
      Limit: rateLimits.agency.perIpPer5Minutes,
      AggregateKeyType: 'IP',
      EvaluationWindowSec: 300,
    });
    expect(rate('everything-per-ip').ScopeDownStatement).toBeUndefined();
    for (const [name, kind] of [
      ['upload-routes-per-ip', 'upload'],
      ['public-routes-per-ip', 'public'],
    ] as const) {
      const statement = rate(name);
      expect(statement.Limit, name).toBe(rateLimits[kind].perIpPer5Minutes);
      expect(statement.Limit as number).toBeLessThan(rateLimits.agency.perIpPer5Minutes);
      const searched = JSON.stringify(statement.ScopeDownStatement);
      for (const prefix of routePathPrefixes(routeList, kind)) expect(searched, name).toContain(`"${prefix}"`);
      // the scope is exactly the routes of that kind: no route of another kind starts with one of its prefixes
      for (const route of routeList.filter((candidate) => candidate.access.kind !== kind)) {
        for (const prefix of routePathPrefixes(routeList, kind)) expect(route.path.startsWith(prefix)).toBe(false);
      }
    }
    edge.hasOutput('WebAclArn', {});
  });

  it('prod is not synthesized without its web ACL', () => {
    expect(() => synth({ stage: 'prod' })).toThrow(/cloudFrontWebAclArn/);
  });
});

describe('Cognito: the console signs in with the code flow and PKCE, the API takes access tokens', () => {
  it('one public client: code flow only, no secret, no password or SRP sign-in, the console’s callback URLs', () => {
    const clients = ofType('AWS::Cognito::UserPoolClient');
    expect(clients).toHaveLength(1);
    const client = clients[0]![1].Properties;
    const site = `https://<${logicalId(stack.publicSite.distribution)}.DomainName>`;
    expect(client).toMatchObject({
      GenerateSecret: false,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'],
      SupportedIdentityProviders: ['COGNITO'],
      PreventUserExistenceErrors: 'ENABLED',
      EnableTokenRevocation: true,
    });
    expect(client.AllowedOAuthScopes).not.toContain('aws.cognito.signin.user.admin');
    expect((client.CallbackURLs as unknown[]).map(text)).toEqual([`${site}/console/auth/callback`]);
    expect((client.LogoutURLs as unknown[]).map(text)).toEqual([`${site}/console/`]);
    template.resourceCountIs('AWS::Cognito::UserPoolDomain', 1);
  });

  it('a custom console origin from context is added to the callback and logout URLs', () => {
    const custom = Template.fromStack(synth({ consoleOrigins: 'https://supervision.example.gov.cn' }).stack);
    const client = Object.values(custom.findResources('AWS::Cognito::UserPoolClient'))[0]!.Properties;
    expect((client.CallbackURLs as unknown[]).map(text)).toContain(
      'https://supervision.example.gov.cn/console/auth/callback',
    );
    expect((client.LogoutURLs as unknown[]).map(text)).toContain('https://supervision.example.gov.cn/console/');
  });

  it('the JWT authorizer’s audience is the client id (access tokens carry it in client_id)', () => {
    const authorizer = ofType('AWS::ApiGatewayV2::Authorizer').find(
      ([, resource]) => resource.Properties.AuthorizerType === 'JWT',
    )![1].Properties;
    expect(authorizer.JwtConfiguration).toMatchObject({ Audience: [{ Ref: logicalId(stack.api.agencyClient) }] });
  });
});

describe('security headers on every response of the distribution', () => {
  const policy = (construct: IConstruct) =>
    resources[logicalId(construct)]!.Properties.ResponseHeadersPolicyConfig as {
      SecurityHeadersConfig: Record<string, Record<string, unknown>>;
    };
  const csp = (construct: IConstruct) =>
    text(policy(construct).SecurityHeadersConfig.ContentSecurityPolicy!.ContentSecurityPolicy);
  const directives = (value: string) =>
    Object.fromEntries(
      value.split(';').map((directive) => {
        const [name, ...sources] = directive.trim().split(/\s+/);
        return [name, sources];
      }),
    ) as Record<string, string[]>;

  it('pages: own origin, the documents bucket and the Cognito domain only; no inline script; never framed', () => {
    const page = directives(csp(stack.publicSite.pageHeaders));
    expect(page['default-src']).toEqual(["'none'"]);
    expect(page['script-src']).toEqual(["'self'"]);
    expect(page['frame-ancestors']).toEqual(["'none'"]);
    expect(page['connect-src']).toEqual([
      "'self'",
      `https://supervision-dev-documents-<AWS::AccountId>.s3.<AWS::Region>.<AWS::URLSuffix>`,
      `https://<${logicalId(stack.api.authDomain)}>.auth.<AWS::Region>.amazoncognito.com`,
    ]);
    expect(page['form-action']).toEqual([
      "'self'",
      `https://<${logicalId(stack.api.authDomain)}>.auth.<AWS::Region>.amazoncognito.com`,
    ]);
    expect(csp(stack.publicSite.pageHeaders)).not.toMatch(/unsafe-inline|unsafe-eval|https:(?!\/\/)|\*/);
  });

  it('no inline style: the published pages link their stylesheet, and the CSP allows styles from the site only', () => {
    const html = renderIndexPage([], [], { baseUrl: 'https://example.invalid' });
    expect(html).not.toMatch(/<style[\s>]|\sstyle=/);
    expect(html).toMatch(/<link rel="stylesheet" href="[^"]*public-site\.css">/);
    expect(directives(csp(stack.publicSite.pageHeaders))['style-src']).toEqual(["'self'"]);
  });

  it('pages and API: nosniff, HSTS, no referrer, no framing', () => {
    for (const construct of [stack.publicSite.pageHeaders, stack.publicSite.apiHeaders]) {
      expect(policy(construct).SecurityHeadersConfig).toMatchObject({
        ContentTypeOptions: { Override: true },
        FrameOptions: { FrameOption: 'DENY', Override: true },
        ReferrerPolicy: { ReferrerPolicy: 'no-referrer', Override: true },
        StrictTransportSecurity: expect.objectContaining({
          AccessControlMaxAgeSec: 730 * 86400,
          IncludeSubdomains: true,
        }),
      });
    }
    expect(directives(csp(stack.publicSite.apiHeaders))).toMatchObject({
      'default-src': ["'none'"],
      'frame-ancestors': ["'none'"],
    });
    const distribution = ofType('AWS::CloudFront::Distribution')[0]![1].Properties.DistributionConfig as {
      DefaultCacheBehavior: Record<string, unknown>;
    };
    expect(distribution.DefaultCacheBehavior.ResponseHeadersPolicyId).toEqual({
      Ref: logicalId(stack.publicSite.pageHeaders),
    });
  });
});
