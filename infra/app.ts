import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { App, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
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

/**
 * The CDK app: one `SupervisionStack` per stage (`-c stage=prod`, default `dev`), checked by cdk-nag's
 * AwsSolutions pack as a policy-validation plugin, so an unacknowledged finding fails the synth.
 */
export function buildApp(options: BuildAppOptions = {}): { app: App; stack: SupervisionStack } {
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
  const stack = new SupervisionStack(app, `Supervision-${stage}`, {
    description: `Differentiated supervision of construction-site safety (${stage})`,
    extraAllowedOrigins: listFromContext(app.node.tryGetContext('allowedOrigins')),
    alarmEmail: app.node.tryGetContext('alarmEmail') as string | undefined,
  });
  Tags.of(stack).add('project', 'differentiated-supervision');
  Tags.of(stack).add('stage', stage);
  return { app, stack };
}

// Run by the CDK CLI (`npx tsx infra/app.ts`, see cdk.json): build and write the cloud assembly.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  buildApp().app.synth();
}
