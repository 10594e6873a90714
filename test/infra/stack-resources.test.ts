// The synthesized template against infra/manifest.ts, part 2: routes, queues, tables, the user
// pool and the stack outputs, each with the settings the manifest gives it. The stage's stack and
// its nested stacks are read as one template (synthesized.ts); `own` is the stage's stack alone.
import { Stack, type NestedStack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { manifest } from '../../infra/manifest.ts';
import { queuePhysicalName } from '../../infra/manifest-schema.ts';
import { pascal } from '../../infra/constructs/naming.ts';
import type { StorefleetStack } from '../../infra/stacks/storefleet-stack.ts';
import { STAGE, synthesize, type CfnResource } from './synthesized.ts';



let synthesized: ReturnType<typeof synthesize>;
let stack: StorefleetStack;
let template: Template;
let resources: Record<string, CfnResource>;

const idOf = (construct: IConstruct): string => synthesized.idOf(construct);
const ofType = (type: string) => synthesized.ofType(type);
const tableId = (name: string): string => synthesized.tableId(name);
const queueId = (name: string, dlq = false): string => synthesized.queueId(name, dlq);
const functionEntries = Object.entries(manifest.functions);

beforeAll(() => {
  synthesized = synthesize();
  ({ stack, template, resources } = synthesized);
});

describe('http api', () => {
  const httpFns = functionEntries.filter(([, f]) => f.trigger.type === 'http');

  it('has one route per http function, each in its function\'s stack, and a JWT authorizer on the Cognito pool in the stage\'s own', () => {
    template.resourceCountIs('AWS::ApiGatewayV2::Route', httpFns.length);
    synthesized.own.resourceCountIs('AWS::ApiGatewayV2::Route', 0);
    for (const [name] of httpFns) {
      const route = stack.functions[name]!.node.findChild('Route');
      expect(Stack.of(route), name).toBe(Stack.of(stack.functions[name]!));
    }
    const authorizers = ofType('AWS::ApiGatewayV2::Authorizer');
    expect(authorizers).toHaveLength(1);
    synthesized.own.resourceCountIs('AWS::ApiGatewayV2::Authorizer', 1);
    const { JwtConfiguration: jwt, ...authorizer } = authorizers[0]![1].Properties as { JwtConfiguration: { Issuer: unknown; Audience: unknown[] } };
    expect(authorizer).toMatchObject({ AuthorizerType: 'JWT', IdentitySource: ['$request.header.Authorization'] });
    expect(jwt.Issuer).toEqual({ 'Fn::GetAtt': [idOf(stack.node.findChild('Identity').node.findChild('Users')), 'ProviderURL'] });
    expect(jwt.Audience).toEqual([{ Ref: expect.stringMatching(/^IdentityUsersConsole/) }]);
  });

  it.each(httpFns)('%s is routed, with an authorizer iff it is not public', (name, spec) => {
    if (spec.trigger.type !== 'http') throw new Error('unreachable');
    const routeKey = `${spec.trigger.method} ${spec.trigger.path}`;
    const found = ofType('AWS::ApiGatewayV2::Route').filter(([, r]) => r.Properties.RouteKey === routeKey);
    expect(found).toHaveLength(1);
    const route = found[0]![1].Properties;
    expect(route.ApiId).toEqual({ Ref: idOf(stack.node.findChild('Api').node.findChild('Http')) });
    if (spec.trigger.access === 'public') {
      expect(route.AuthorizationType).toBe('NONE');
      expect(route.AuthorizerId).toBeUndefined();
    } else {
      expect(route.AuthorizationType).toBe('JWT');
      expect(route.AuthorizerId).toEqual({ Ref: ofType('AWS::ApiGatewayV2::Authorizer')[0]![0] });
    }
    const integrationId = JSON.stringify(route.Target).match(/"Ref":"([^"]+)"/)![1]!;
    expect(resources[integrationId]!.Properties.IntegrationUri).toEqual({ 'Fn::GetAtt': [idOf(stack.functions[name]!.fn), 'Arn'] });
    // API Gateway may invoke the function for this API only.
    const permissions = ofType('AWS::Lambda::Permission').filter(([, p]) => JSON.stringify(p.Properties.FunctionName) === JSON.stringify({ 'Fn::GetAtt': [idOf(stack.functions[name]!.fn), 'Arn'] }));
    expect(permissions.map(([, p]) => p.Properties.Principal)).toEqual(['apigateway.amazonaws.com']);
    expect(JSON.stringify(permissions[0]![1].Properties.SourceArn)).toContain(JSON.stringify({ Ref: idOf(stack.node.findChild('Api').node.findChild('Http')) }));
  });

  it('logs every request of the default stage', () => {
    synthesized.own.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('\\$context\\.requestId') },
    });
  });
});

describe('queues', () => {
  const queues = Object.entries(manifest.queues);

  it.each(queues)('%s has its FIFO setting, visibility, retention, SSE and dead-letter queue', (name, spec) => {
    const props = resources[queueId(name)]!.Properties;
    expect(props).toMatchObject({
      QueueName: queuePhysicalName(manifest.service, STAGE, name, spec),
      VisibilityTimeout: spec.visibilityTimeoutSeconds,
      MessageRetentionPeriod: spec.retentionDays * 86_400,
      SqsManagedSseEnabled: true,
    });
    expect(props.FifoQueue).toBe(spec.fifo ? true : undefined);
    if (spec.deadLetter) {
      expect(props.RedrivePolicy).toEqual({
        deadLetterTargetArn: { 'Fn::GetAtt': [queueId(name, true), 'Arn'] },
        maxReceiveCount: spec.deadLetter.maxReceiveCount,
      });
      expect(resources[queueId(name, true)]!.Properties).toMatchObject({
        QueueName: queuePhysicalName(manifest.service, STAGE, name, spec, true),
        MessageRetentionPeriod: 14 * 86_400,
      });
    }
  });

  it('denies non-TLS access to every queue', () => {
    const queueIds = ofType('AWS::SQS::Queue').map(([id]) => id);
    for (const id of queueIds) {
      template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [{ Ref: id }],
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          ]),
        },
      });
    }
  });
});

describe('tables', () => {
  it.each(Object.entries(manifest.tables))('%s has its keys, indexes, stream, TTL, PITR and encryption', (name, spec) => {
    const props = resources[tableId(name)]!.Properties;
    const keySchema = (pk: { name: string }, sk?: { name: string }): unknown[] => [
      { AttributeName: pk.name, KeyType: 'HASH' },
      ...(sk ? [{ AttributeName: sk.name, KeyType: 'RANGE' }] : []),
    ];
    expect(props).toMatchObject({
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: keySchema(spec.partitionKey, spec.sortKey),
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true },
    });
    const attrs = [spec.partitionKey, spec.sortKey, ...spec.globalIndexes.flatMap((g) => [g.partitionKey, g.sortKey])].filter((a) => a !== undefined);
    expect(props.AttributeDefinitions).toEqual(
      expect.arrayContaining(attrs.map((a) => ({ AttributeName: a.name, AttributeType: a.type }))),
    );
    const gsis = spec.globalIndexes.map((g) => ({ IndexName: g.name, KeySchema: keySchema(g.partitionKey, g.sortKey), Projection: { ProjectionType: 'ALL' } }));
    expect(props.GlobalSecondaryIndexes).toEqual(gsis.length > 0 ? gsis : undefined);
    expect(props.StreamSpecification).toEqual(spec.stream ? { StreamViewType: spec.stream } : undefined);
    expect(props.TimeToLiveSpecification).toEqual(spec.ttlAttribute ? { AttributeName: spec.ttlAttribute, Enabled: true } : undefined);
  });
});

describe('identity and outputs', () => {
  it('has a user pool with tenant attributes, a strong password policy and no self sign-up', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      Policies: { PasswordPolicy: Match.objectLike({ MinimumLength: Match.anyValue(), RequireLowercase: true, RequireUppercase: true, RequireNumbers: true, RequireSymbols: true }) },
      Schema: Match.arrayWith([
        Match.objectLike({ Name: 'tenantId', Mutable: false }),
        Match.objectLike({ Name: 'role' }),
        Match.objectLike({ Name: 'storeIds' }),
      ]),
    });
    const pool = ofType('AWS::Cognito::UserPool')[0]![1].Properties;
    expect((pool.Policies as { PasswordPolicy: { MinimumLength: number } }).PasswordPolicy.MinimumLength).toBeGreaterThanOrEqual(12);
  });

  it('signs in by username (our user id) only, case-insensitively: email is neither alias nor username', () => {
    const pool = ofType('AWS::Cognito::UserPool')[0]![1].Properties;
    expect(pool.AliasAttributes).toBeUndefined();
    expect(pool.UsernameAttributes).toBeUndefined();
    expect(pool.UsernameConfiguration).toEqual({ CaseSensitive: false });
  });

  it('enforces the password policy the runtime validates, on the Plus plan V2 triggers need', () => {
    const pool = ofType('AWS::Cognito::UserPool')[0]![1].Properties;
    expect(pool.Policies).toMatchObject({
      PasswordPolicy: { MinimumLength: 12, RequireLowercase: true, RequireUppercase: true, RequireNumbers: true, RequireSymbols: true },
    });
    expect(pool.UserPoolTier).toBe('PLUS');
  });

  it('runs the customizeTokenClaims function as a V2 pre token generation trigger', () => {
    const fn = stack.functions.customizeTokenClaims!;
    const pool = ofType('AWS::Cognito::UserPool')[0]![1].Properties;
    expect(pool.LambdaConfig).toEqual({
      PreTokenGenerationConfig: { LambdaArn: { 'Fn::GetAtt': [idOf(fn.fn), 'Arn'] }, LambdaVersion: 'V2_0' },
    });
  });

  it('has a client for server-side sign-in only: admin password auth, no secret, no browser flows', () => {
    const client = ofType('AWS::Cognito::UserPoolClient')[0]![1].Properties;
    expect(client.ExplicitAuthFlows).toEqual(['ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']);
    expect(client.GenerateSecret).toBe(false);
    expect(client.AllowedOAuthFlows).toBeUndefined();
    expect(client.AllowedOAuthFlowsUserPoolClient).toBe(false);
  });

  it('has no circular dependency between resources (the trigger function does not name the pool)', () => {
    // Template.fromStack refuses a template whose resources reference each other in a cycle; the
    // stage's stack would show a cycle through a nested stack as one between it and the pool.
    for (const { stack: s } of synthesized.stacks) expect(() => Template.fromStack(s)).not.toThrow();
    const fn = resources[idOf(stack.functions.customizeTokenClaims!.fn)]!;
    const pool = idOf(stack.node.findChild('Identity').node.findChild('Users'));
    expect(JSON.stringify(fn)).not.toContain(pool);
    // Nor does anything else in the trigger's nested stack: the pool depends on that stack.
    const nested = Stack.of(stack.functions.customizeTokenClaims!) as NestedStack;
    const passed = JSON.stringify(resources[idOf(nested.nestedStackResource!)]!.Properties.Parameters ?? {});
    const taken = [...passed.matchAll(/"(?:Ref|Fn::GetAtt)":\[?"([^"]+)"/g)].map((m) => m[1]!).filter((id) => id in resources);
    for (const id of taken) expect(id === pool || JSON.stringify(resources[id]).includes(pool), id).toBe(false);
  });

  it('lets no client write the tenant claims', () => {
    const client = ofType('AWS::Cognito::UserPoolClient')[0]![1].Properties;
    expect(client.GenerateSecret).toBe(false);
    expect((client.WriteAttributes as string[]).filter((a) => a.startsWith('custom:'))).toEqual([]);
    expect(client.ReadAttributes).toEqual(expect.arrayContaining(['custom:tenantId', 'custom:role', 'custom:storeIds']));
  });

  it('outputs the API URL, pool and client ids, table names and queue URLs', () => {
    const outputs = Object.keys(synthesized.own.toJSON().Outputs as Record<string, unknown>);
    expect(outputs).toEqual(
      expect.arrayContaining([
        'ApiUrl',
        'UserPoolId',
        'UserPoolClientId',
        ...Object.keys(manifest.tables).map((t) => `Table${pascal(t)}Name`),
        ...Object.keys(manifest.queues).map((q) => `Queue${pascal(q)}Url`),
      ]),
    );
  });
});
