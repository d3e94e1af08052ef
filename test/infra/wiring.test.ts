/**
 * Every row of shared/wiring.ts is in the synthesized template: expectations are derived from the table (and
 * logical ids from the construct tree), never written out, so a row that infra drops fails here.
 * Bundling is skipped (context `aws:cdk:bundling-stacks: []`) to keep this fast; nag.test.ts synthesizes for real.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CfnElement } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app.js';
import type { SupervisionStack } from '../../infra/stack.js';
import { ENV } from '../../shared/config.js';
import { environmentVariablesOf } from '../../shared/function-environment.js';
import { METRICS, METRICS_NAMESPACE } from '../../shared/metrics.js';
import { tableDesign } from '../../shared/store/table-design.js';
import {
  type DocumentPrefix,
  documentPrefixes,
  type FunctionAccess,
  type FunctionName,
  functions,
  names,
  outboxStream,
  type PrefixAccess,
  type QueueName,
  type QueueSpec,
  queues,
  type RouteAccess,
  rateLimits,
  routeList,
  routesByFunction,
  rulePattern,
  rules,
  schedules,
  tableOperationActions,
} from '../../shared/wiring.js';

type Resources = Record<string, { Type: string; Properties: Record<string, unknown> }>;

let stack: SupervisionStack;
let template: Template;
let resources: Resources;

beforeAll(() => {
  ({ stack } = buildApp({
    nag: false,
    context: { 'aws:cdk:bundling-stacks': [] },
    outdir: mkdtempSync(join(tmpdir(), 'supervision-wiring-')),
  }));
  template = Template.fromStack(stack);
  resources = template.toJSON().Resources as Resources;
});

/** The logical id CloudFormation knows a construct's main resource by. */
function logicalId(construct: IConstruct): string {
  const resource = construct.node.defaultChild;
  if (!(resource instanceof CfnElement)) throw new Error(`${construct.node.path} has no CloudFormation resource`);
  return stack.getLogicalId(resource);
}

function functionId(name: FunctionName): string {
  const fn = stack.functions.get(name);
  if (!fn) throw new Error(`no function ${name} in the stack`);
  return logicalId(fn);
}

const functionNames = Object.keys(functions) as FunctionName[];

function ofType(type: string): Array<[string, Record<string, unknown>]> {
  return Object.entries(resources)
    .filter(([, resource]) => resource.Type === type)
    .map(([id, resource]) => [id, resource.Properties]);
}

function refTarget(value: unknown): string {
  const ref = (value as { Ref?: string }).Ref;
  if (!ref) throw new Error(`not a Ref: ${JSON.stringify(value)}`);
  return ref;
}

function getAttTarget(value: unknown): string {
  const getAtt = (value as { 'Fn::GetAtt'?: [string, string] })['Fn::GetAtt'];
  if (!getAtt) throw new Error(`not a GetAtt: ${JSON.stringify(value)}`);
  return getAtt[0];
}

/** The policy statements attached to a function's execution role. */
function statementsOf(
  name: FunctionName,
): Array<{ Action: string | string[]; Resource: unknown; Condition?: Record<string, unknown> }> {
  const roleId = logicalId(stack.functions.get(name)!.executionRole);
  return ofType('AWS::IAM::Policy')
    .filter(([, policy]) => (policy.Roles as unknown[]).some((role) => refTarget(role) === roleId))
    .flatMap(([, policy]) => (policy.PolicyDocument as { Statement: [] }).Statement);
}

function actionsOf(name: FunctionName): string[] {
  return statementsOf(name).flatMap((statement) =>
    Array.isArray(statement.Action) ? statement.Action : [statement.Action],
  );
}

describe('functions', () => {
  it('one Lambda per row of `functions`, with the fixed defaults', () => {
    const ours = ofType('AWS::Lambda::Function').filter(([, fn]) => fn.Runtime === 'nodejs22.x');
    expect(ours).toHaveLength(functionNames.length);
    for (const name of functionNames) {
      const spec = functions[name];
      const fn = resources[functionId(name)]!.Properties;
      expect(fn, name).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        MemorySize: spec.memoryMiB,
        Timeout: spec.timeoutSeconds,
        Description: spec.description,
        LoggingConfig: { LogFormat: 'JSON' },
        Environment: { Variables: expect.objectContaining({ NODE_OPTIONS: '--enable-source-maps' }) },
      });
      const logGroupId = refTarget((fn.LoggingConfig as { LogGroup: unknown }).LogGroup);
      expect(resources[logGroupId]!.Properties.RetentionInDays, name).toBeGreaterThanOrEqual(365);
    }
  });

  it('environment: exactly the variables the row grants (shared/function-environment.ts), nothing more', () => {
    for (const name of functionNames) {
      const env = (resources[functionId(name)]!.Properties.Environment as { Variables: Record<string, unknown> })
        .Variables;
      expect(Object.keys(env).sort(), name).toEqual([...environmentVariablesOf(name), 'NODE_OPTIONS'].sort());
    }
    // the two that could not start in AWS (no PUBLIC_BASE_URL) now get what they read, and only that
    expect(environmentVariablesOf('upload-authorizer')).toEqual([ENV.table]);
    expect(environmentVariablesOf('public-publisher')).toEqual([ENV.publicBucket, ENV.publicSiteUrl, ENV.table].sort());
  });

  it('table: exactly the actions of the row’s operations; Scan, DeleteItem, BatchWriteItem only where used', () => {
    const tableId = logicalId(stack.storage.table);
    for (const name of functionNames) {
      const access: FunctionAccess = functions[name].access;
      const granted = statementsOf(name)
        .filter((statement) => JSON.stringify(statement.Resource).includes(tableId))
        .flatMap((statement) => [statement.Action].flat())
        // the outbox relay's stream read comes with its event source mapping
        .filter((action) => !/Stream|GetRecords|GetShardIterator/.test(action));
      const expected = (access.table ?? []).flatMap((operation) => tableOperationActions[operation]);
      expect(new Set(granted), name).toEqual(new Set(expected));
      expect(granted, name).not.toContain('dynamodb:BatchWriteItem');
      expect(granted, name).not.toContain('dynamodb:*');
      const stream = access.tableStream;
      expect(actionsOf(name).includes('dynamodb:ListStreams'), `${name} reads the stream`).toBe(Boolean(stream));
    }
    // the security review's finding: the function reachable with an upload token alone
    const uploads = actionsOf('uploads');
    for (const action of ['dynamodb:Scan', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem']) {
      expect(uploads).not.toContain(action);
    }
  });

  it('buckets: actions by key prefix as the row says; only the verifier deletes; no version is ever deleted', () => {
    const buckets = { documents: logicalId(stack.storage.documents), publicSite: logicalId(stack.publicSite.bucket) };
    for (const name of functionNames) {
      const access: FunctionAccess = functions[name].access;
      for (const [which, bucketId] of Object.entries(buckets) as Array<[keyof typeof buckets, string]>) {
        // the credit export's own grants on the public bucket (conditional writes) are checked in their describe below
        if (which === 'publicSite' && access.creditExport) continue;
        const rows = access[which] as PrefixAccess<string> | undefined;
        const onObjects = new Map<string, string[]>();
        let listsKeys = false;
        for (const statement of statementsOf(name)) {
          // a minimized policy may give one statement several resources
          for (const resource of [statement.Resource].flat()) {
            const target = objectTarget(resource, bucketId);
            if (target === undefined) continue;
            const actions = [statement.Action].flat();
            if (target === '') listsKeys = listsKeys || actions.includes('s3:ListBucket');
            else onObjects.set(target, [...(onObjects.get(target) ?? []), ...actions]);
          }
        }
        const expected = new Map<string, string[]>();
        const add = (prefixes: readonly string[] | undefined, actions: (prefix: string) => string[]) => {
          for (const prefix of prefixes ?? [])
            expected.set(prefix, [...(expected.get(prefix) ?? []), ...actions(prefix)]);
        };
        add(rows?.read, () => ['s3:GetObject']);
        add(rows?.write, (prefix) =>
          which === 'documents' && documentPrefixes[prefix as DocumentPrefix].writeOnce
            ? ['s3:PutObject', 's3:PutObjectRetention']
            : ['s3:PutObject'],
        );
        add(rows?.delete, () => ['s3:DeleteObject']);
        const sorted = (map: Map<string, string[]>) =>
          Object.fromEntries([...map].map(([prefix, actions]) => [prefix, [...actions].sort()]));
        expect(sorted(onObjects), `${name} on ${which}`).toEqual(sorted(expected));
        expect(listsKeys, `${name} lists ${which}`).toBe(Boolean(rows?.listKeys));
      }
      const actions = actionsOf(name);
      expect(
        actions.filter((action) => /^s3:.*\*/.test(action)),
        `${name}: no wildcard S3 action`,
      ).toEqual([]);
      expect(actions, name).not.toContain('s3:DeleteObjectVersion');
      expect(actions.includes('s3:DeleteObject'), `${name} deletes`).toBe(name === 'document-verifier');
    }
    // the upload path signs presigned POSTs with its own role: it may create objects under cases/ and nothing else;
    // it reads only the inspection reports, to sign a unit's short-lived GET of one
    expect(functions.uploads.access.documents).toEqual({ read: ['reports/'], write: ['cases/'] });
    // the agency's documents are written by the document renderer alone, under their write-once prefixes, never
    // deleted; the functions that serve them only read
    const writeOnce = (Object.keys(documentPrefixes) as DocumentPrefix[]).filter((p) => documentPrefixes[p].writeOnce);
    for (const name of functionNames) {
      const access: FunctionAccess = functions[name].access;
      const write = access.documents?.write ?? [];
      expect(
        write.filter((prefix) => writeOnce.includes(prefix)),
        `${name} writes the agency's documents`,
      ).toEqual(name === 'document-renderer' ? writeOnce : []);
    }
    expect(functions['document-renderer'].access.documents).not.toHaveProperty('delete');
  });

  it('queues and the bus follow the row', () => {
    for (const name of functionNames) {
      const access: FunctionAccess = functions[name].access;
      expect(actionsOf(name).includes('events:PutEvents'), `${name} puts events`).toBe(Boolean(access.bus));
      for (const [queueName, queue] of Object.entries(queues) as Array<[QueueName, QueueSpec]>) {
        const queueId = logicalId(stack.workQueues.queues.get(queueName)!.queue);
        // a queue's consumer may receive from it (its event source mapping's grant), a sender send to it
        const touches = statementsOf(name).filter((statement) => JSON.stringify(statement.Resource).includes(queueId));
        const granted = touches.flatMap((statement) => [statement.Action].flat());
        expect(granted.includes('sqs:SendMessage'), `${name} sends to ${queueName}`).toBe(access.sendsTo === queueName);
        expect(granted.includes('sqs:ReceiveMessage'), `${name} receives from ${queueName}`).toBe(
          queue.function === name,
        );
      }
    }
  });
});

/**
 * For a statement resource on the bucket `bucketId`: the key prefix of an `<arn>/<prefix>*` grant, `''` for the
 * bucket itself, undefined when it is not about that bucket.
 */
function objectTarget(resource: unknown, bucketId: string): string | undefined {
  const text = JSON.stringify(resource);
  if (!text.includes(bucketId)) return undefined;
  const join = (resource as { 'Fn::Join'?: [string, unknown[]] })['Fn::Join'];
  if (!join) return '';
  const suffix = join[1].filter((part): part is string => typeof part === 'string').join('');
  if (!suffix.startsWith('/') || !suffix.endsWith('*')) throw new Error(`unexpected object resource ${text}`);
  return suffix.slice(1, -1);
}

describe('the credit export (SPEC §6.6)', () => {
  it('signs with its own asymmetric KMS key, and is the only function that can', () => {
    const keyId = logicalId(stack.creditSigningKey);
    expect(resources[keyId]!.Properties).toMatchObject({ KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' });
    for (const name of functionNames) {
      const kms = statementsOf(name).filter((statement) =>
        [statement.Action].flat().some((action) => action.startsWith('kms:')),
      );
      const access: FunctionAccess = functions[name].access;
      const signs = access.signsWith === 'credit';
      const env = (resources[functionId(name)]!.Properties.Environment as { Variables: Record<string, unknown> })
        .Variables;
      expect(env[ENV.creditSigningKey] !== undefined, `${name} names the signing key`).toBe(signs);
      if (!signs) {
        expect(JSON.stringify(kms), `${name} uses no KMS key of the export`).not.toContain(keyId);
        continue;
      }
      // kms:Sign on that key only, only ECDSA_SHA_256 over a digest; kms:GetPublicKey to publish the JWKS
      expect(kms).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            Action: 'kms:Sign',
            Resource: { 'Fn::GetAtt': [keyId, 'Arn'] },
            Condition: { StringEquals: { 'kms:SigningAlgorithm': 'ECDSA_SHA_256', 'kms:MessageType': 'DIGEST' } },
          }),
          expect.objectContaining({ Action: 'kms:GetPublicKey', Resource: { 'Fn::GetAtt': [keyId, 'Arn'] } }),
        ]),
      );
      expect(kms).toHaveLength(2);
    }
  });

  it('writes only under public/credit/ of the public bucket, a date once, and deletes nothing', () => {
    const publicId = logicalId(stack.publicSite.bucket);
    const touching = statementsOf('credit-export').filter((statement) =>
      JSON.stringify(statement.Resource).includes(publicId),
    );
    for (const statement of touching) expect(JSON.stringify(statement.Resource)).toContain('/public/credit/');
    const actions = touching.flatMap((statement) => [statement.Action].flat());
    expect(new Set(actions)).toEqual(new Set(['s3:GetObject', 's3:AbortMultipartUpload', 's3:PutObject']));
    const puts = touching.filter((statement) => [statement.Action].flat().includes('s3:PutObject'));
    // unconditional only on the two pointers; anywhere else under the prefix, only a conditional write
    const unconditional = puts.filter((statement) => statement.Condition === undefined);
    expect(unconditional).toHaveLength(1);
    const pointers = JSON.stringify(unconditional[0]!.Resource);
    expect(pointers).toContain('/public/credit/latest.json');
    expect(pointers).toContain('/public/credit/keys.json');
    expect(pointers).not.toContain('/public/credit/*');
    expect(puts.filter((statement) => statement.Condition !== undefined).map((s) => s.Condition)).toEqual(
      expect.arrayContaining([
        { Null: { 's3:if-none-match': 'false' } },
        { Bool: { 's3:ObjectCreationOperation': 'false' } },
      ]),
    );
    expect(puts).toHaveLength(3);
  });

  it('for every principal: a dated export object is never deleted, never stored but by a conditional write', () => {
    const publicId = logicalId(stack.publicSite.bucket);
    // ofType answers each resource's Properties
    const policy = ofType('AWS::S3::BucketPolicy').find(([, candidate]) =>
      JSON.stringify(candidate.Bucket).includes(publicId),
    );
    const statements = (policy![1].PolicyDocument as { Statement: Array<Record<string, unknown>> }).Statement;
    const bySid = (sid: string) => {
      const found = statements.find((statement) => statement.Sid === sid);
      expect(found, sid).toMatchObject({ Effect: 'Deny', Principal: { AWS: '*' } });
      expect(JSON.stringify(found!.Resource), sid).toContain('/public/credit/2*');
      return found!;
    };
    expect([bySid('CreditExportNeverDeleted').Action].flat().sort()).toEqual([
      's3:DeleteObject',
      's3:DeleteObjectVersion',
    ]);
    expect(bySid('CreditExportNeverOverwritten')).toMatchObject({
      Action: 's3:PutObject',
      Condition: { Null: { 's3:if-none-match': 'true' }, Bool: { 's3:ObjectCreationOperation': 'true' } },
    });
  });
});

describe('HTTP API', () => {
  const authorizationType: Record<RouteAccess['kind'], string> = {
    agency: 'JWT',
    upload: 'CUSTOM',
    assessment: 'CUSTOM',
    public: 'NONE',
  };

  it("each function's route module (what its handler serves) holds exactly that function's rows", () => {
    for (const [name, own] of Object.entries(routesByFunction)) {
      expect(
        Object.values(own)
          .map((route) => route.function)
          .filter((fn) => fn !== name),
      ).toEqual([]);
    }
    const served = Object.values(routesByFunction).flatMap((own) => Object.keys(own));
    expect(served.sort()).toEqual(routeList.map((route) => route.operationId).sort());
  });

  it('has exactly the routes of the table, and $default for what none matches', () => {
    const keys = ofType('AWS::ApiGatewayV2::Route').map(([, route]) => route.RouteKey);
    expect(keys.sort()).toEqual([...routeList.map((route) => `${route.method} ${route.path}`), '$default'].sort());
  });

  it('hands a request no route matches to the openapi function, which answers 404 in Chinese, anonymous and throttled', () => {
    const [[, props]] = ofType('AWS::ApiGatewayV2::Route').filter(([, route]) => route.RouteKey === '$default') as [
      [string, Record<string, unknown>],
    ];
    expect(props.AuthorizationType).toBe('NONE');
    const target = props.Target as { 'Fn::Join': [string, [string, unknown]] };
    const integration = resources[refTarget(target['Fn::Join'][1][1])]!.Properties;
    expect(getAttTarget(integration.IntegrationUri)).toBe(functionId('openapi'));
    const [[, stage]] = ofType('AWS::ApiGatewayV2::Stage') as [[string, Record<string, unknown>]];
    expect((stage.RouteSettings as Record<string, unknown>).$default).toEqual({
      ThrottlingRateLimit: rateLimits.public.api.rate,
      ThrottlingBurstLimit: rateLimits.public.api.burst,
    });
  });

  it.each(routeList.map((route) => [route.operationId, route] as const))('%s', (_operationId, route) => {
    const matches = ofType('AWS::ApiGatewayV2::Route').filter(
      ([, props]) => props.RouteKey === `${route.method} ${route.path}`,
    );
    expect(matches).toHaveLength(1);
    const props = matches[0]![1];
    expect(props.AuthorizationType).toBe(authorizationType[route.access.kind]);

    const target = props.Target as { 'Fn::Join': [string, [string, unknown]] };
    expect(target['Fn::Join'][1][0]).toBe('integrations/');
    const integration = resources[refTarget(target['Fn::Join'][1][1])]!.Properties;
    expect(integration).toMatchObject({ IntegrationType: 'AWS_PROXY', PayloadFormatVersion: '2.0' });
    expect(getAttTarget(integration.IntegrationUri)).toBe(functionId(route.function));

    if (route.access.kind === 'public') {
      expect(props.AuthorizerId).toBeUndefined();
      return;
    }
    const authorizer = resources[refTarget(props.AuthorizerId)]!.Properties;
    if (route.access.kind === 'agency') {
      expect(authorizer).toMatchObject({
        AuthorizerType: 'JWT',
        IdentitySource: ['$request.header.Authorization'],
        JwtConfiguration: { Audience: [{ Ref: logicalId(stack.api.agencyClient) }] },
      });
      const issuer = JSON.stringify((authorizer.JwtConfiguration as { Issuer: unknown }).Issuer);
      expect(issuer).toContain('https://cognito-idp.');
      expect(issuer).toContain(logicalId(stack.api.userPool));
    } else {
      expect(authorizer).toMatchObject({
        AuthorizerType: 'REQUEST',
        EnableSimpleResponses: true,
        AuthorizerResultTtlInSeconds: 0,
        IdentitySource: ['$request.header.Authorization'],
      });
      expect(JSON.stringify(authorizer.AuthorizerUri)).toContain(functionId('upload-authorizer'));
    }
  });

  it('logs access and throttles on its stage', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('requestId') },
      DefaultRouteSettings: { ThrottlingRateLimit: Match.anyValue(), ThrottlingBurstLimit: Match.anyValue() },
    });
  });

  it('authenticates agency users in a Cognito pool with MFA, no sign-up, both role groups', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      MfaConfiguration: 'ON',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      Policies: { PasswordPolicy: Match.objectLike({ MinimumLength: 12, RequireSymbols: true }) },
    });
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', { GenerateSecret: false });
    const groups = ofType('AWS::Cognito::UserPoolGroup').map(([, group]) => group.GroupName);
    const roles = new Set(routeList.flatMap((route) => (route.access.kind === 'agency' ? [route.access.role] : [])));
    expect(groups.sort()).toEqual([...roles].sort());
  });
});

describe('events', () => {
  it('one rule per row, same pattern, right bus, right function, with a DLQ', () => {
    const found = ofType('AWS::Events::Rule');
    expect(found).toHaveLength(rules.length);
    for (const spec of rules) {
      // a rule on a bucket's object events names that bucket: as a reference to the stack's documents bucket
      const expected = rulePattern(spec, {
        documents: { Ref: logicalId(stack.storage.documents) } as unknown as string,
      });
      const matches = found.filter(
        ([, rule]) =>
          JSON.stringify(rule.EventPattern) === JSON.stringify(expected) && rule.Description === spec.description,
      );
      expect(matches, spec.name).toHaveLength(1);
      const rule = matches[0]![1];
      if (spec.bus === 'supervision') expect(refTarget(rule.EventBusName)).toBe(logicalId(stack.events.bus));
      else expect(rule.EventBusName).toBe('default');
      const targets = rule.Targets as Array<{
        Arn: unknown;
        DeadLetterConfig?: { Arn: unknown };
        RetryPolicy?: object;
      }>;
      expect(targets).toHaveLength(1);
      expect(getAttTarget(targets[0]!.Arn), spec.name).toBe(
        spec.queue === undefined
          ? functionId(spec.function)
          : logicalId(stack.workQueues.queues.get(spec.queue)!.queue),
      );
      const dlq = resources[getAttTarget(targets[0]!.DeadLetterConfig?.Arn)]!;
      expect(dlq.Type).toBe('AWS::SQS::Queue');
      expect(dlq.Properties.SqsManagedSseEnabled).toBe(true);
      expect(targets[0]!.RetryPolicy).toBeDefined();
    }
  });

  it('has the supervision bus with an archive', () => {
    template.hasResourceProperties('AWS::Events::EventBus', { Name: names.bus });
    template.hasResourceProperties('AWS::Events::Archive', { RetentionDays: Match.anyValue() });
  });
});

describe('schedules', () => {
  it('one schedule per row: the cron, Asia/Shanghai, the input, a DLQ', () => {
    const found = ofType('AWS::Scheduler::Schedule');
    expect(found).toHaveLength(schedules.length);
    for (const spec of schedules) {
      const matches = found.filter(([, schedule]) => schedule.Description === spec.description);
      expect(matches, spec.name).toHaveLength(1);
      const schedule = matches[0]![1];
      expect(schedule.ScheduleExpression).toBe(spec.cron);
      expect(schedule.ScheduleExpressionTimezone).toBe(spec.timeZone);
      const target = schedule.Target as { Arn: unknown; Input: string; DeadLetterConfig?: { Arn: unknown } };
      expect(getAttTarget(target.Arn)).toBe(functionId(spec.function));
      expect(JSON.parse(target.Input)).toEqual(spec.input);
      expect(resources[getAttTarget(target.DeadLetterConfig?.Arn)]!.Type).toBe('AWS::SQS::Queue');
    }
  });
});

describe('work queues', () => {
  it.each(Object.entries(queues) as Array<[QueueName, QueueSpec]>)('%s', (name, spec) => {
    const queueId = logicalId(stack.workQueues.queues.get(name)!.queue);
    const queue = resources[queueId]!.Properties as {
      VisibilityTimeout: number;
      RedrivePolicy: { deadLetterTargetArn: unknown; maxReceiveCount: number };
    };
    expect(queue.VisibilityTimeout).toBe(spec.visibilityTimeoutSeconds);
    expect(queue.VisibilityTimeout).toBeGreaterThanOrEqual(functions[spec.function].timeoutSeconds);
    expect(queue.RedrivePolicy.maxReceiveCount).toBe(spec.maxReceiveCount);
    expect(resources[getAttTarget(queue.RedrivePolicy.deadLetterTargetArn)]!.Type).toBe('AWS::SQS::Queue');
    const mappings = ofType('AWS::Lambda::EventSourceMapping').filter(
      ([, mapping]) => getAttTarget(mapping.EventSourceArn) === queueId,
    );
    expect(mappings).toHaveLength(1);
    expect(refTarget(mappings[0]![1].FunctionName)).toBe(functionId(spec.function));
    expect(mappings[0]![1]).toMatchObject({
      BatchSize: spec.batchSize,
      ScalingConfig: { MaximumConcurrency: spec.maxConcurrency },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
  });
});

describe('outbox stream', () => {
  it('maps the table stream to the relay with the row’s filter', () => {
    const mappings = ofType('AWS::Lambda::EventSourceMapping').filter(
      ([, mapping]) => !JSON.stringify(mapping.EventSourceArn).includes('Queue'),
    );
    expect(mappings).toHaveLength(1);
    const mapping = mappings[0]![1];
    expect(refTarget(mapping.FunctionName)).toBe(functionId(outboxStream.function));
    expect(mapping.EventSourceArn).toEqual({ 'Fn::GetAtt': [logicalId(stack.storage.table), 'StreamArn'] });
    const filters = (mapping.FilterCriteria as { Filters: Array<{ Pattern: string }> }).Filters;
    expect(filters.map((filter) => JSON.parse(filter.Pattern))).toEqual([outboxStream.filter]);
    expect(mapping).toMatchObject({
      BatchSize: outboxStream.batchSize,
      StartingPosition: 'TRIM_HORIZON',
      BisectBatchOnFunctionError: true,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      MaximumRetryAttempts: expect.any(Number),
    });
    const dlq = (mapping.DestinationConfig as { OnFailure: { Destination: unknown } }).OnFailure.Destination;
    expect(resources[getAttTarget(dlq)]!.Type).toBe('AWS::SQS::Queue');
  });
});

describe('dead-letter queues', () => {
  it('every queue is encrypted and TLS-only, every dead-letter queue watched by an alarm', () => {
    const all = ofType('AWS::SQS::Queue').map(([id]) => id);
    const work = [...stack.workQueues.queues.values()].map(({ queue }) => logicalId(queue));
    const deadLetter = all.filter((id) => !work.includes(id));
    // one per rule, per schedule, the outbox relay's, and one per work queue
    expect(deadLetter.length).toBe(rules.length + schedules.length + 1 + Object.keys(queues).length);
    const watched = ofType('AWS::CloudWatch::Alarm')
      .filter(([, alarm]) => alarm.Namespace === 'AWS/SQS')
      .flatMap(([, alarm]) =>
        (alarm.Dimensions as Array<{ Value: unknown }>).map((dimension) => getAttTarget(dimension.Value)),
      );
    expect(watched.sort()).toEqual(deadLetter.sort());
    for (const id of all) {
      expect(resources[id]!.Properties.SqsManagedSseEnabled, id).toBe(true);
      const policy = ofType('AWS::SQS::QueuePolicy').find(([, p]) =>
        (p.Queues as unknown[]).some((queue) => refTarget(queue) === id),
      );
      expect(JSON.stringify(policy?.[1].PolicyDocument), `${id} denies plain HTTP`).toContain('aws:SecureTransport');
    }
  });
});

describe('alarms on what the functions report', () => {
  it("a circular left out of the public site raises an alarm on the operators' topic", () => {
    const [, alarm] =
      ofType('AWS::CloudWatch::Alarm').find(
        ([, candidate]) => candidate.MetricName === METRICS.publicRecordsWithheld,
      ) ?? [];
    expect(alarm).toMatchObject({
      Namespace: METRICS_NAMESPACE,
      Statistic: 'Sum',
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
      TreatMissingData: 'notBreaching',
    });
    expect(refTarget((alarm?.AlarmActions as unknown[] | undefined)?.[0])).toBe(logicalId(stack.alarms.topic));
  });
});

describe('storage', () => {
  it('has the one table of tableDesign', () => {
    template.resourceCountIs('AWS::DynamoDB::Table', 1);
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [
        { AttributeName: tableDesign.partitionKey, KeyType: 'HASH' },
        { AttributeName: tableDesign.sortKey, KeyType: 'RANGE' },
      ],
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      DeletionProtectionEnabled: true,
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
      TimeToLiveSpecification: { AttributeName: tableDesign.ttlAttribute, Enabled: true },
      SSESpecification: { SSEEnabled: true },
      GlobalSecondaryIndexes: tableDesign.indexes.map((index) =>
        Match.objectLike({
          IndexName: index.name,
          KeySchema: [
            { AttributeName: index.partitionKey, KeyType: 'HASH' },
            { AttributeName: index.sortKey, KeyType: 'RANGE' },
          ],
        }),
      ),
    });
  });

  it('keeps documents versioned, private, logged, with quarantine expiry, EventBridge and upload CORS', () => {
    const documents = resources[logicalId(stack.storage.documents)]!.Properties;
    expect(documents).toMatchObject({
      VersioningConfiguration: { Status: 'Enabled' },
      LoggingConfiguration: { DestinationBucketName: { Ref: logicalId(stack.storage.accessLogs) } },
      CorsConfiguration: { CorsRules: [expect.objectContaining({ AllowedMethods: ['POST'] })] },
    });
    const lifecycle = (documents.LifecycleConfiguration as { Rules: Array<Record<string, unknown>> }).Rules;
    expect(lifecycle).toContainEqual(
      expect.objectContaining({ Prefix: 'quarantine/', ExpirationInDays: 180, Status: 'Enabled' }),
    );
    template.hasResourceProperties('Custom::S3BucketNotifications', {
      BucketName: { Ref: logicalId(stack.storage.documents) },
      NotificationConfiguration: { EventBridgeConfiguration: {} },
    });
  });

  it('blocks public access, encrypts and denies plain HTTP on every bucket', () => {
    const buckets = ofType('AWS::S3::Bucket');
    expect(buckets).toHaveLength(3);
    for (const [id, bucket] of buckets) {
      expect(bucket.PublicAccessBlockConfiguration, id).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      expect(bucket.BucketEncryption, id).toBeDefined();
      const policy = ofType('AWS::S3::BucketPolicy').find(([, p]) => refTarget(p.Bucket) === id);
      expect(policy, `${id} has a bucket policy`).toBeDefined();
      expect((policy![1].PolicyDocument as { Statement: unknown[] }).Statement).toContainEqual(
        expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      );
    }
  });

  it('serves the public site through CloudFront with OAC, HTTPS and logging', () => {
    template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultCacheBehavior: Match.objectLike({ ViewerProtocolPolicy: 'redirect-to-https' }),
        Logging: Match.objectLike({ Bucket: Match.anyValue() }),
        Origins: Match.arrayWith([Match.objectLike({ OriginAccessControlId: Match.anyValue() })]),
      }),
    });
  });

  it("tells the site's pages the API's address (public/config.json), refreshed at each deployment", () => {
    const deployments = ofType('Custom::CDKBucketDeployment').map(([, resource]) => JSON.stringify(resource));
    const config = deployments.find((text) => text.includes('/public/config.json'));
    expect(config, 'a deployment of config.json').toBeDefined();
    // the API is served through the site's own distribution (one origin): config.json names the distribution
    expect(config).toContain(logicalId(stack.publicSite.distribution));
    expect(config).toContain(logicalId(stack.publicSite.bucket));
  });

  it('outputs what a deployer needs', () => {
    const outputs = Object.keys(template.toJSON().Outputs as object);
    for (const name of [
      'SiteUrl',
      'SignInUrl',
      'ApiUrl',
      'PublicSiteUrl',
      'UserPoolId',
      'UserPoolClientId',
      'TableName',
      'DocumentsBucketName',
    ]) {
      expect(outputs).toContain(name);
    }
  });
});
