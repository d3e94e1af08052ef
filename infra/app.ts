import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { App, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { SupervisionEdgeStack } from './edge-stack.js';
import { SupervisionStack } from './stack.js';

/** Options of {@link buildApp}; the CDK CLI passes none, tests pass some. */
export interface BuildAppOptions {
  /** context values, as `-c key=value` would set them (e.g. `{ stage: 'prod' }`, `{ 'aws:cdk:bundling-stacks': [] }`) */
  readonly context?: Record<string, unknown>;
  /** where the cloud assembly goes; default: the CLI's, or a temporary directory */
  readonly outdir?: string;
  /** run the cdk-nag AwsSolutions checks at synth (default true) */
  readonly nag?: boolean;
}

/**
 * The feature flags of cdk.json, so an App built here (tests) behaves like the one the CLI runs; values the CLI
 * passes (cdk.json and `-c`) still win, because App takes these as defaults.
 */
function featureFlagsOfCdkJson(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(new URL('../cdk.json', import.meta.url), 'utf8')) as {
    context?: Record<string, unknown>;
  };
  return cdkJson.context ?? {};
}

/** `a,b , c` → `['a', 'b', 'c']`; context from `-c` is a string, from tests it may be an array. */
function listFromContext(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === 'string') {
    return value
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean);
  }
  return [];
}

/** The Object Lock of notices and reports, from context: compliance mode in `prod`, governance elsewhere; 30 years. */
function documentLockFromContext(app: App, stage: string) {
  const mode = String(app.node.tryGetContext('documentLockMode') ?? (stage === 'prod' ? 'COMPLIANCE' : 'GOVERNANCE'));
  if (mode !== 'GOVERNANCE' && mode !== 'COMPLIANCE') {
    throw new Error(`Context "documentLockMode" must be GOVERNANCE or COMPLIANCE (got "${mode}")`);
  }
  const years = Number(app.node.tryGetContext('documentRetentionYears') ?? 30);
  if (!Number.isInteger(years) || years < 1 || years > 100) {
    throw new Error(`Context "documentRetentionYears" must be a whole number of years, 1–100 (got "${years}")`);
  }
  return { mode, years } as const;
}

/**
 * The CDK app, checked by cdk-nag's AwsSolutions pack as a policy-validation plugin, so an unacknowledged finding
 * fails the synth. Per stage (`-c stage=prod`, default `dev`): the product stack `Supervision-<stage>`, and the edge
 * stack `Supervision-<stage>-edge` in us-east-1 with the web ACL CloudFront requires to be made there; its ARN
 * reaches the product stack as `-c cloudFrontWebAclArn=…` (docs/deploy.md). `prod` is never synthesized without it.
 */
export function buildApp(options: BuildAppOptions = {}): {
  app: App;
  stack: SupervisionStack;
  edge: SupervisionEdgeStack;
} {
  const app = new App({
    context: { ...featureFlagsOfCdkJson(), ...options.context },
    ...(options.outdir ? { outdir: options.outdir } : {}),
  });
  // cdk-nag 3 implements the stable IPolicyValidationPlugin (not the Beta1 interface of `policyValidationBeta1`)
  if (options.nag !== false) Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  const stage = String(app.node.tryGetContext('stage') ?? 'dev');
  if (!/^[a-z][a-z0-9-]{0,19}$/.test(stage)) {
    throw new Error(`Context "stage" must be lower-case letters, digits and dashes (got "${stage}")`);
  }
  const edge = new SupervisionEdgeStack(app, `Supervision-${stage}-edge`, {
    description: `Differentiated supervision: the CloudFront web ACL (${stage}); CloudFront requires us-east-1`,
    env: { region: 'us-east-1', account: process.env.CDK_DEFAULT_ACCOUNT },
  });
  const cloudFrontWebAclArn = app.node.tryGetContext('cloudFrontWebAclArn') as string | undefined;
  if (stage === 'prod' && !cloudFrontWebAclArn) {
    throw new Error(
      `Stage "prod" needs its WAF: deploy Supervision-prod-edge first, then pass its WebAclArn output as -c cloudFrontWebAclArn=… (docs/deploy.md)`,
    );
  }
  const authDomainPrefix = app.node.tryGetContext('authDomainPrefix') as string | undefined;
  const stack = new SupervisionStack(app, `Supervision-${stage}`, {
    description: `Differentiated supervision of construction-site safety (${stage})`,
    extraAllowedOrigins: listFromContext(app.node.tryGetContext('allowedOrigins')),
    extraConsoleOrigins: listFromContext(app.node.tryGetContext('consoleOrigins')),
    alarmEmail: app.node.tryGetContext('alarmEmail') as string | undefined,
    documentLock: documentLockFromContext(app, stage),
    ...(cloudFrontWebAclArn ? { cloudFrontWebAclArn } : {}),
    ...(authDomainPrefix ? { authDomainPrefix } : {}),
  });
  for (const made of [stack, edge]) {
    Tags.of(made).add('project', 'differentiated-supervision');
    Tags.of(made).add('stage', stage);
  }
  return { app, stack, edge };
}

// Run by the CDK CLI (`npx tsx infra/app.ts`, see cdk.json): build and write the cloud assembly.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  buildApp().app.synth();
}
