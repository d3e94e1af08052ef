/**
 * The agency console on the public site's distribution (SPEC §7): a `/console/*` behaviour whose CloudFront Function
 * answers deep links with the app's index.html, and two deployments into `console/` of the bucket — the hashed
 * assets cached for a year, index.html and the config.json naming the API and the Cognito app client revalidated.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app.js';

let template: Template;

beforeAll(() => {
  const { stack } = buildApp({
    nag: false,
    context: { 'aws:cdk:bundling-stacks': [] },
    outdir: mkdtempSync(join(tmpdir(), 'supervision-console-')),
  });
  template = Template.fromStack(stack);
});

describe('the agency console on the public site', () => {
  it('serves /console/* through a function that falls back to index.html for paths without an extension', () => {
    const functions = template.findResources('AWS::CloudFront::Function');
    const fallback = Object.entries(functions).find(([, resource]) =>
      String((resource as { Properties: { FunctionCode: string } }).Properties.FunctionCode).includes(
        "'/console/index.html'",
      ),
    );
    expect(fallback, 'a CloudFront Function rewriting to /console/index.html').toBeDefined();
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        CacheBehaviors: Match.arrayWith([
          Match.objectLike({
            PathPattern: '/console/*',
            ViewerProtocolPolicy: 'redirect-to-https',
            FunctionAssociations: [
              { EventType: 'viewer-request', FunctionARN: { 'Fn::GetAtt': [fallback![0], 'FunctionARN'] } },
            ],
          }),
        ]),
      }),
    });
  });

  it('deploys the assets for a year, and index.html with config.json revalidated and invalidated', () => {
    template.hasResourceProperties('Custom::CDKBucketDeployment', {
      DestinationBucketKeyPrefix: 'console/',
      Prune: false,
      SystemMetadata: { 'cache-control': 'public, max-age=31536000, immutable' },
    });
    const entry = template.findResources('Custom::CDKBucketDeployment', {
      Properties: { DestinationBucketKeyPrefix: 'console/', DistributionPaths: ['/console/*'] },
    });
    const [only] = Object.values(entry) as Array<{ Properties: Record<string, unknown> }>;
    expect(only, 'the deployment of index.html and config.json').toBeDefined();
    expect(only!.Properties.SystemMetadata).toEqual({ 'cache-control': 'no-cache' });
    // config.json is made at deploy time from the stack's values: the API's URL (the distribution's), the user pool and its app client
    const markers = JSON.stringify(only!.Properties.SourceMarkers);
    expect(markers).toMatch(/AgencyUsers/);
    expect(markers).toMatch(/AgencyWebApp/);
    // the API is reached through the site's distribution (one origin, behind the WAF)
    expect(markers).toMatch(/PublicSiteDistribution/);
  });
});
