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
import { tableDesign } from '../../shared/store/table-design.js';
import {
  type FunctionAccess,
  type FunctionName,
  functions,
  names,
  outboxStream,
  type QueueName,
  type QueueSpec,
  queues,
  type RouteAccess,
  routeList,
  rulePattern,
  rules,
  schedules,
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

  it('grants and environment follow each row’s `access`, and nothing more', () => {
    const tableId = logicalId(stack.storage.table);
    const documentsId = logicalId(stack.storage.documents);
    const publicId = logicalId(stack.publicSite.bucket);
    for (const name of functionNames) {
      const access: FunctionAccess = functions[name].access;
      const env = (resources[functionId(name)]!.Properties.Environment as { Variables: Record<string, unknown> })
        .Variables;
      const actions = actionsOf(name);
      const resourcesText = JSON.stringify(statementsOf(name).map((statement) => statement.Resource));

      const table = access.table;
      // a route function names the table even without access (the request pipeline reads it at cold start); the
      // permission is what counts, and the two lines after this one check it
      const servesRoutes = routeList.some((route) => route.function === name);
      expect(env[ENV.table] && refTarget(env[ENV.table]), name).toBe(table || servesRoutes ? tableId : undefined);
      expect(actions.includes('dynamodb:GetItem'), `${name} reads the table`).toBe(table !== undefined);
      expect(actions.includes('dynamodb:PutItem'), `${name} writes the table`).toBe(table === 'readWrite');
      const stream = access.tableStream;
      expect(actions.includes('dynamodb:ListStreams'), `${name} reads the stream`).toBe(Boolean(stream));

      const documents = access.documents;
      expect(env[ENV.documentsBucket] && refTarget(env[ENV.documentsBucket]), name).toBe(
        documents ? documentsId : undefined,
      );
      expect(resourcesText.includes(documentsId), `${name} touches documents`).toBe(documents !== undefined);
      if (documents === 'readWrite') expect(actions, name).toEqual(expect.arrayContaining(['s3:DeleteObject*']));

      const publicSite = access.publicSite;
      expect(env[ENV.publicBucket] && refTarget(env[ENV.publicBucket]), name).toBe(publicSite ? publicId : undefined);
      expect(resourcesText.includes(publicId), `${name} touches the public site`).toBe(publicSite !== undefined);

      const bus = access.bus;
      expect(actions.includes('events:PutEvents'), `${name} puts events`).toBe(Boolean(bus));
      expect(env[ENV.bus] !== undefined, name).toBe(Boolean(bus));

      expect(env[ENV.publicBaseUrl] !== undefined, `${name} has PUBLIC_BASE_URL`).toBe(servesRoutes);

      const sendsTo = access.sendsTo;
      for (const [queueName, queue] of Object.entries(queues) as Array<[QueueName, QueueSpec]>) {
        const queueId = logicalId(stack.workQueues.queues.get(queueName)!.queue);
        const sendsHere = sendsTo === queueName;
        // a queue's consumer may receive from it (its event source mapping's grant), a sender send to it
        const touches = statementsOf(name).filter((statement) => JSON.stringify(statement.Resource).includes(queueId));
        const granted = touches.flatMap((statement) => [statement.Action].flat());
        expect(granted.includes('sqs:SendMessage'), `${name} sends to ${queueName}`).toBe(sendsHere);
        expect(granted.includes('sqs:ReceiveMessage'), `${name} receives from ${queueName}`).toBe(
          queue.function === name,
        );
        const url = env[queue.urlVariable];
        expect(url && refTarget(url), `${name}: ${queue.urlVariable}`).toBe(sendsHere ? queueId : undefined);
      }
    }
  });
});

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
});

describe('HTTP API', () => {
  const authorizationType: Record<RouteAccess['kind'], string> = {
    agency: 'JWT',
    upload: 'CUSTOM',
    assessment: 'CUSTOM',
    public: 'NONE',
  };

  it('has exactly the routes of the table', () => {
    const keys = ofType('AWS::ApiGatewayV2::Route').map(([, route]) => route.RouteKey);
    expect(keys.sort()).toEqual(routeList.map((route) => `${route.method} ${route.path}`).sort());
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
      expect(getAttTarget(targets[0]!.Arn), spec.name).toBe(functionId(spec.function));
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
    const watched = ofType('AWS::CloudWatch::Alarm').flatMap(([, alarm]) =>
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
        Origins: [Match.objectLike({ OriginAccessControlId: Match.anyValue() })],
      }),
    });
  });

  it('outputs what a deployer needs', () => {
    const outputs = Object.keys(template.toJSON().Outputs as object);
    for (const name of [
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
