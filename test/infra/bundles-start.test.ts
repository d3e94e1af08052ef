/**
 * Every function the stack deploys starts in AWS: each synthesized bundle (the asset folder `cdk synth` writes into
 * the cloud assembly) is imported in a child process whose environment is exactly what the template gives that
 * function, plus what Lambda itself sets, and nothing from this machine. Module-level configuration reads
 * (`requireEnv` at cold start) throw on import, so a variable the stack forgets fails here, not in production.
 *
 * The template's values are CloudFormation expressions (`Ref`, `Fn::GetAtt`, `Fn::Join`): they are resolved to
 * plausible deployed values (a queue URL for a queue, a domain name for a distribution), since a bundle may parse
 * them at cold start.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app.js';
import { type FunctionName, functions } from '../../shared/wiring.js';

const run = promisify(execFile);

interface TemplateResource {
  Type: string;
  Properties?: Record<string, unknown>;
  Metadata?: Record<string, unknown>;
}

const REGION = 'ap-east-1';
const ACCOUNT = '123456789012';

/** A deployed function's bundle and the environment its template gives it. */
interface DeployedFunction {
  name: FunctionName;
  bundle: string;
  environment: Record<string, string>;
}

let deployed: DeployedFunction[] = [];

beforeAll(() => {
  const outdir = mkdtempSync(join(tmpdir(), 'supervision-bundles-'));
  // the metadata the CDK CLI asks for: each resource's construct path and each function's asset folder
  const { app, stack } = buildApp({
    outdir,
    nag: false,
    context: { 'aws:cdk:enable-path-metadata': true, 'aws:cdk:enable-asset-metadata': true },
  });
  const assembly = app.synth();
  const template = JSON.parse(readFileSync(join(assembly.directory, stack.templateFile), 'utf8')) as {
    Resources: Record<string, TemplateResource>;
  };
  const resolve = resolverOf(template.Resources);
  deployed = Object.entries(template.Resources).flatMap(([, resource]) => {
    if (resource.Type !== 'AWS::Lambda::Function') return [];
    const path = String(resource.Metadata?.['aws:cdk:path'] ?? '');
    // `<stack>/<wiring name>/Resource`; CDK's own singleton handlers (bucket deployment, notifications) are not ours
    const name = /^[^/]+\/([^/]+)\/Resource$/.exec(path)?.[1];
    if (!name || !(name in functions)) return [];
    const assetPath = String(resource.Metadata?.['aws:asset:path'] ?? '');
    const variables = ((resource.Properties?.Environment as { Variables?: Record<string, unknown> } | undefined)
      ?.Variables ?? {}) as Record<string, unknown>;
    return [
      {
        name: name as FunctionName,
        bundle: join(assembly.directory, assetPath),
        environment: Object.fromEntries(Object.entries(variables).map(([key, value]) => [key, resolve(value)])),
      },
    ];
  });
});

describe('synthesized function bundles', () => {
  it('has one bundle per row of the wiring table', () => {
    expect(deployed.map((fn) => fn.name).sort()).toEqual(Object.keys(functions).sort());
    for (const fn of deployed) expect(existsSync(join(fn.bundle, 'index.mjs')), fn.name).toBe(true);
  });

  it.each(Object.keys(functions) as FunctionName[])('%s starts with its template environment', async (name) => {
    const fn = deployed.find((candidate) => candidate.name === name);
    expect(fn, `${name} is deployed`).toBeDefined();
    const result = await coldStart(fn!);
    expect(result.error, `${name} failed at cold start:\n${result.error}`).toBeUndefined();
    expect(result.handler).toBe('function');
  });
});

/**
 * Import the bundle as Lambda's Node.js runtime does (`index.handler` from the task root), in a fresh process with
 * the function's environment and the variables Lambda sets; report whether it exported a handler.
 */
async function coldStart(fn: DeployedFunction): Promise<{ handler?: string; error?: string }> {
  const script = `
    try {
      const module = await import(${JSON.stringify(pathToFileURL(join(fn.bundle, 'index.mjs')).href)});
      process.stdout.write(JSON.stringify({ handler: typeof module.handler }));
    } catch (error) {
      process.stdout.write(JSON.stringify({ error: String(error?.stack ?? error) }));
    }`;
  const environment = {
    // what the Lambda runtime itself provides (https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html)
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    LANG: 'en_US.UTF-8',
    TZ: ':UTC',
    LAMBDA_TASK_ROOT: fn.bundle,
    AWS_REGION: REGION,
    AWS_DEFAULT_REGION: REGION,
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
    AWS_LAMBDA_FUNCTION_NAME: `Supervision-dev-${fn.name}`,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(functions[fn.name].memoryMiB),
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_ACCESS_KEY_ID: 'ASIAEXAMPLEEXAMPLE00',
    AWS_SECRET_ACCESS_KEY: 'example-secret-access-key',
    AWS_SESSION_TOKEN: 'example-session-token',
    // ... and the function's own, from its template
    ...fn.environment,
  };
  const { stdout } = await run(process.execPath, ['--input-type=module', '--eval', script], {
    cwd: fn.bundle,
    env: environment,
    timeout: 60_000,
  });
  return JSON.parse(stdout) as { handler?: string; error?: string };
}

/**
 * Resolves CloudFormation expressions to the kind of value they take when deployed: `Ref` of a queue is its URL,
 * of a bucket or table its name; `Fn::GetAtt` of a distribution's `DomainName` a CloudFront domain; pseudo
 * parameters their usual values.
 */
function resolverOf(resources: Record<string, TemplateResource>): (value: unknown) => string {
  const pseudo: Record<string, string> = {
    'AWS::Region': REGION,
    'AWS::AccountId': ACCOUNT,
    'AWS::Partition': 'aws',
    'AWS::URLSuffix': 'amazonaws.com',
    'AWS::StackName': 'Supervision-dev',
  };
  const refOf = (logicalId: string): string => {
    if (logicalId in pseudo) return pseudo[logicalId]!;
    const type = resources[logicalId]?.Type;
    const name = logicalId.toLowerCase().slice(0, 40);
    switch (type) {
      case 'AWS::SQS::Queue':
        return `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/${name}`;
      case 'AWS::ApiGatewayV2::Api':
        return 'a1b2c3d4e5';
      case 'AWS::CloudFront::Distribution':
        return 'E2EXAMPLE12345';
      default:
        return name;
    }
  };
  const attributeOf = (logicalId: string, attribute: string): string => {
    const type = resources[logicalId]?.Type;
    if (type === 'AWS::CloudFront::Distribution' && attribute === 'DomainName') return 'd111111abcdef8.cloudfront.net';
    if (type === 'AWS::ApiGatewayV2::Api' && attribute === 'ApiEndpoint') {
      return `https://a1b2c3d4e5.execute-api.${REGION}.amazonaws.com`;
    }
    if (attribute === 'Arn') return `arn:aws:service:${REGION}:${ACCOUNT}:${logicalId.toLowerCase()}`;
    if (attribute === 'QueueUrl') return refOf(logicalId);
    if (attribute === 'Name') return logicalId.toLowerCase();
    return `${logicalId.toLowerCase()}-${attribute.toLowerCase()}`;
  };
  const resolve = (value: unknown): string => {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
    const expression = value as Record<string, unknown>;
    if ('Ref' in expression) return refOf(String(expression.Ref));
    if ('Fn::GetAtt' in expression) {
      const [logicalId, attribute] = expression['Fn::GetAtt'] as [string, string];
      return attributeOf(logicalId, attribute);
    }
    if ('Fn::Join' in expression) {
      const [separator, parts] = expression['Fn::Join'] as [string, unknown[]];
      return parts.map(resolve).join(separator);
    }
    if ('Fn::Select' in expression) {
      const [index, list] = expression['Fn::Select'] as [number, unknown];
      return resolveList(list)[Number(index)] ?? '';
    }
    throw new Error(`cannot resolve ${JSON.stringify(value)} to a plausible value`);
  };
  const resolveList = (value: unknown): string[] => {
    const expression = value as Record<string, unknown>;
    if ('Fn::Split' in expression) {
      const [separator, source] = expression['Fn::Split'] as [string, unknown];
      return resolve(source).split(separator);
    }
    if (Array.isArray(value)) return value.map(resolve);
    throw new Error(`cannot resolve ${JSON.stringify(value)} to a list`);
  };
  return resolve;
}
