/**
 * The idempotency sealing secret in the synthesized template: one generated secret; the functions with idempotent
 * routes (and only they) may `GetSecretValue` on it (and on nothing else of Secrets Manager) and carry its ARN.
 * Bundling is skipped, as in wiring.test.ts.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app.js';
import type { SupervisionStack } from '../../infra/stack.js';
import { ENV } from '../../shared/config.js';
import { type FunctionName, functions, sealingFunctions } from '../../shared/wiring.js';

type Resources = Record<string, { Type: string; Properties: Record<string, unknown> }>;
let stack: SupervisionStack;
let resources: Resources;

beforeAll(() => {
  ({ stack } = buildApp({
    nag: false,
    context: { 'aws:cdk:bundling-stacks': [] },
    outdir: mkdtempSync(join(tmpdir(), 'supervision-secret-')),
  }));
  resources = Template.fromStack(stack).toJSON().Resources as Resources;
});

function logicalId(element: unknown): string {
  if (!(element instanceof CfnElement)) throw new Error('not a CloudFormation element');
  return stack.getLogicalId(element);
}

/** Every Secrets Manager statement of a function's role policies. */
function secretStatements(name: FunctionName) {
  const fn = stack.functions.get(name);
  if (!fn) throw new Error(`no function ${name}`);
  const roleId = logicalId(fn.executionRole.node.defaultChild);
  return Object.values(resources)
    .filter((resource) => resource.Type === 'AWS::IAM::Policy')
    .filter((policy) => JSON.stringify(policy.Properties.Roles).includes(roleId))
    .flatMap(
      (policy) =>
        (policy.Properties.PolicyDocument as { Statement: Array<{ Action: string | string[]; Resource: unknown }> })
          .Statement,
    )
    .filter((statement) => JSON.stringify(statement.Action).includes('secretsmanager'));
}

describe('the idempotency sealing secret', () => {
  it('is one secret CloudFormation generates (no value in the template)', () => {
    const secrets = Object.values(resources).filter((resource) => resource.Type === 'AWS::SecretsManager::Secret');
    expect(secrets).toHaveLength(1);
    expect(secrets[0]?.Properties.GenerateSecretString).toMatchObject({ PasswordLength: 64 });
    expect(secrets[0]?.Properties.SecretString).toBeUndefined();
  });

  it('is read by exactly the functions with idempotent routes, with GetSecretValue on it alone', () => {
    expect(sealingFunctions.size).toBeGreaterThan(0);
    const secretId = logicalId(stack.idempotencySecret.secret.node.defaultChild);
    for (const name of Object.keys(functions) as FunctionName[]) {
      const statements = secretStatements(name);
      const fn = resources[logicalId(stack.functions.get(name)?.node.defaultChild)];
      if (!fn) throw new Error(`no resource for the function ${name}`);
      const variables = (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
      if (sealingFunctions.has(name)) {
        expect(statements, name).toEqual([
          { Action: 'secretsmanager:GetSecretValue', Effect: 'Allow', Resource: { Ref: secretId } },
        ]);
        expect(variables[ENV.idempotencySecretArn], name).toEqual({ Ref: secretId });
      } else {
        expect(statements, name).toEqual([]);
        expect(variables[ENV.idempotencySecretArn], name).toBeUndefined();
      }
    }
  });
});
