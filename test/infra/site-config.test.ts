/**
 * The pages' deployment configuration (public/config.json) in the synthesized template: deployed with the site's
 * assets, its `api` the HTTP API's URL resolved at deploy time (not a value written in the repository), and
 * invalidated on CloudFront at each deployment. Bundling is skipped, as in wiring.test.ts.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CfnElement, CfnResource } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app.js';
import type { SupervisionStack } from '../../infra/stack.js';

type Resources = Record<string, { Type: string; Properties: Record<string, unknown> }>;
let stack: SupervisionStack;
let resources: Resources;

beforeAll(() => {
  ({ stack } = buildApp({
    nag: false,
    context: { 'aws:cdk:bundling-stacks': [] },
    outdir: mkdtempSync(join(tmpdir(), 'supervision-site-config-')),
  }));
  resources = Template.fromStack(stack).toJSON().Resources as Resources;
});

describe('public/config.json', () => {
  it("is deployed with the site's assets, carrying the API's URL as a deploy-time value", () => {
    // the API is served through the site's own distribution (one origin): config.json names the distribution
    const distribution = stack.publicSite.node
      .findAll()
      .find((c) => c instanceof CfnResource && c.cfnResourceType === 'AWS::CloudFront::Distribution');
    const apiId = stack.getLogicalId(distribution as CfnElement);
    const deployments = Object.values(resources).filter((r) => r.Type === 'Custom::CDKBucketDeployment');
    const site = deployments.find((d) => JSON.stringify(d.Properties.SourceMarkers ?? []).includes(apiId));
    expect(site, 'a site deployment whose markers reference the distribution serving the API').toBeDefined();
    expect(site?.Properties.DestinationBucketKeyPrefix).toBe('public/');
    expect(site?.Properties.DistributionPaths).toContain('/public/config.json');
  });
});
