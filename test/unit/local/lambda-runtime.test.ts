/**
 * The local twin runs each function as Lambda does: in its own thread, with exactly the environment its wiring row
 * grants (the derivation the CDK stack uses), not this process's. A function whose row forgot a variable it reads
 * fails at cold start locally too, the way test/infra/bundles-start.test.ts shows it would in AWS.
 * These invocations touch no AWS service: the events are ones the handlers answer without I/O.
 */
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { functionEnvironment, type LocalEndpoints, platformEnvironment } from '../../../infra/local/environment.js';
import { FunctionLoadError, LambdaRuntime } from '../../../infra/local/lambda-runtime.js';
import { ENV } from '../../../shared/config.js';
import { environmentVariablesOf } from '../../../shared/function-environment.js';
import { type FunctionName, functions } from '../../../shared/wiring.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

const endpoints: LocalEndpoints = {
  gateway: 'http://127.0.0.1:3999',
  dynamodb: 'http://127.0.0.1:1',
  dynamodbForFunctions: 'http://127.0.0.1:5',
  s3: 'http://127.0.0.1:2',
  eventBridge: 'http://127.0.0.1:3',
  sqs: 'http://127.0.0.1:4',
  secretsManager: 'http://127.0.0.1:6',
  kms: 'http://127.0.0.1:7',
  queueUrls: {
    'evaluation-batches': 'http://127.0.0.1:4/000000000000/evaluation-batches',
    'ranking-batches': 'http://127.0.0.1:4/000000000000/ranking-batches',
    'document-renders': 'http://127.0.0.1:4/000000000000/document-renders',
  },
};

describe('each function’s local environment', () => {
  it.each(Object.keys(functions) as FunctionName[])('%s: the platform’s and exactly its wiring variables', (name) => {
    const environment = functionEnvironment(name, endpoints);
    const platform = Object.keys(platformEnvironment(name, endpoints));
    expect(Object.keys(environment).sort()).toEqual([...platform, ...environmentVariablesOf(name)].sort());
  });
});

describe('LambdaRuntime', () => {
  let runtime: LambdaRuntime;
  let saved: string | undefined;

  beforeEach(() => {
    runtime = new LambdaRuntime(ROOT);
    // this process has the variable; a function's thread must not see it
    saved = process.env[ENV.table];
    process.env[ENV.table] = 'from-the-test-process';
  });

  afterEach(async () => {
    await runtime.stop();
    if (saved === undefined) delete process.env[ENV.table];
    else process.env[ENV.table] = saved;
  });

  it('starts a function with its own environment only: a variable it was not given fails its cold start', async () => {
    runtime.useEnvironment(() => ({ AWS_REGION: 'us-east-1' }));
    const call = runtime.invoke('upload-authorizer', { type: 'REQUEST', headers: {} });
    await expect(call).rejects.toBeInstanceOf(FunctionLoadError);
    await expect(call).rejects.toThrow(/TABLE_NAME/);
  });

  it('runs the handler in its thread and hands back what it returns', async () => {
    runtime.useEnvironment((name) => functionEnvironment(name, endpoints));
    // no bearer token: the authorizer refuses without reading the table
    await expect(runtime.invoke('upload-authorizer', { type: 'REQUEST', headers: {} })).resolves.toEqual({
      isAuthorized: false,
      context: {},
    });
  });

  it('starts the publisher with only its own variables, and carries a handler’s error back as an error', async () => {
    runtime.useEnvironment((name) => functionEnvironment(name, endpoints));
    // a malformed event is refused by the handler (so it reaches the DLQ): loaded, then failed
    const call = runtime.invoke('public-publisher', { 'detail-type': 'CircularPublished', detail: {} });
    await expect(call).rejects.not.toBeInstanceOf(FunctionLoadError);
    await expect(call).rejects.toThrow(/circularId|eventId|subjectId/);
  });
});
