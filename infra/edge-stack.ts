import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import type { Construct } from 'constructs';
import { type RouteAccess, type RouteSpec, rateLimits, routeList } from '../shared/wiring.js';

/**
 * The URI path prefixes of the routes of one access kind, as few as cover them all: each route's path up to its
 * first `{parameter}`, without those another prefix of the list already starts.
 */
export function routePathPrefixes(
  routes: ReadonlyArray<Pick<RouteSpec, 'path' | 'access'>>,
  kind: RouteAccess['kind'],
) {
  const prefixes = [
    ...new Set(routes.filter((route) => route.access.kind === kind).map((route) => route.path.replace(/\{.*$/, ''))),
  ].map((prefix) => (prefix.length > 1 ? prefix.replace(/\/$/, '') : prefix));
  return prefixes.filter((prefix) => !prefixes.some((other) => other !== prefix && prefix.startsWith(other))).sort();
}

/** WAF's visibility settings for a rule or the web ACL: metrics and sampled requests under this name. */
function visibility(metricName: string): CfnWebACL.VisibilityConfigProperty {
  return { cloudWatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName };
}

/** "Too many requests" instead of WAF's default 403, so clients back off rather than give up. */
const TOO_MANY_REQUESTS: CfnWebACL.RuleActionProperty = { block: { customResponse: { responseCode: 429 } } };

/**
 * Requests whose URI path starts with one of `prefixes` (the scope of a per-route-kind rate rule).
 */
function pathStartsWithAny(prefixes: string[]): CfnWebACL.StatementProperty {
  const statements = prefixes.map(
    (prefix): CfnWebACL.StatementProperty => ({
      byteMatchStatement: {
        fieldToMatch: { uriPath: {} },
        positionalConstraint: 'STARTS_WITH',
        searchString: prefix,
        textTransformations: [{ priority: 0, type: 'NONE' }],
      },
    }),
  );
  return statements.length === 1 ? statements[0]! : { orStatement: { statements } };
}

/**
 * What stands in front of the CloudFront distribution (the public site, the upload page, the console and, through
 * the same distribution, the API): an AWS WAF web ACL of scope CLOUDFRONT. CloudFront accepts only web ACLs made in
 * us-east-1, so this is its own stack, pinned to that region, whatever region the product runs in; its `WebAclArn`
 * output is given to the product stack as the context value `cloudFrontWebAclArn` (docs/deploy.md).
 *
 * Rules, in order: AWS's IP reputation list, known bad inputs, the common rule set (its body-size rule only counts:
 * an inspection with many findings is a large, legitimate body); then per-client-IP rate limits from the wiring
 * table's `rateLimits`: upload-token routes, public routes, and everything.
 */
export class SupervisionEdgeStack extends Stack {
  readonly webAcl: CfnWebACL;

  constructor(scope: Construct, id: string, props: StackProps = {}) {
    super(scope, id, props);

    const managed = (name: string, priority: number, excludedToCount: string[] = []): CfnWebACL.RuleProperty => ({
      name,
      priority,
      overrideAction: { none: {} },
      statement: {
        managedRuleGroupStatement: {
          vendorName: 'AWS',
          name,
          ...(excludedToCount.length
            ? { ruleActionOverrides: excludedToCount.map((rule) => ({ name: rule, actionToUse: { count: {} } })) }
            : {}),
        },
      },
      visibilityConfig: visibility(name),
    });
    const perIp = (
      name: string,
      priority: number,
      kind: RouteAccess['kind'],
      scope?: CfnWebACL.StatementProperty,
    ): CfnWebACL.RuleProperty => ({
      name,
      priority,
      action: TOO_MANY_REQUESTS,
      statement: {
        rateBasedStatement: {
          limit: rateLimits[kind].perIpPer5Minutes,
          evaluationWindowSec: 300,
          aggregateKeyType: 'IP',
          ...(scope ? { scopeDownStatement: scope } : {}),
        },
      },
      visibilityConfig: visibility(name),
    });

    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      scope: 'CLOUDFRONT',
      description: 'Differentiated supervision: the public site, the upload page, the console and the API',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('supervision-edge'),
      rules: [
        managed('AWSManagedRulesAmazonIpReputationList', 0),
        managed('AWSManagedRulesKnownBadInputsRuleSet', 1),
        managed('AWSManagedRulesCommonRuleSet', 2, ['SizeRestrictions_BODY']),
        perIp('upload-routes-per-ip', 3, 'upload', pathStartsWithAny(routePathPrefixes(routeList, 'upload'))),
        perIp('public-routes-per-ip', 4, 'public', pathStartsWithAny(routePathPrefixes(routeList, 'public'))),
        perIp('everything-per-ip', 5, 'agency'),
      ],
    });

    new CfnOutput(this, 'WebAclArn', {
      value: this.webAcl.attrArn,
      description: 'Pass to the product stack: -c cloudFrontWebAclArn=<this value>',
    });
  }
}
