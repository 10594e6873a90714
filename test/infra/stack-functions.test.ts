// The synthesized template against infra/manifest.ts, part 1: every declared function with its
// runtime, env, grants and event source, and the IAM rules that hold across the whole stage. The
// stage's stack and its nested stacks of functions are read as one template (synthesized.ts).
import type { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { manifest } from '../../infra/manifest.ts';
import { ACCESS_ENV_VAR, encodeAccess, queueEnvVar, tableEnvVar } from '../../infra/manifest-schema.ts';
import { IDENTITY_ENV, TENANT_DATA_ENV } from '../../domain/shared/bindings.ts';
import { pascal } from '../../infra/constructs/naming.ts';
import type { StorefleetStack } from '../../infra/stacks/storefleet-stack.ts';
import { STAGE, asText, synthesize, type CfnResource } from './synthesized.ts';
import { MAC_ENV } from '../../domain/shared/crypto/mac-key.ts';
import { CIPHER_ENV } from '../../domain/shared/crypto/cipher-from-env.ts';
import { functionEnvironment, type PlatformValues } from '../../domain/shared/function-env.ts';
import { LAMBDA_RUNTIME_ENV } from '../../infra/constructs/service-function.ts';

type Statement = { Effect: string; Action: string | string[]; Resource: unknown };


let synthesized: ReturnType<typeof synthesize>;
let stack: StorefleetStack;
let template: Template;
let resources: Record<string, CfnResource>;

const idOf = (construct: IConstruct): string => synthesized.idOf(construct);
const ofType = (type: string) => synthesized.ofType(type);
const tableId = (name: string): string => synthesized.tableId(name);
const queueId = (name: string, dlq = false): string => synthesized.queueId(name, dlq);
const functionEntries = Object.entries(manifest.functions);
const poolId = (): string => idOf(stack.node.findChild('Identity').node.findChild('Users'));
const keyId = (name: string): string => idOf(stack.node.findChild('Keys').node.findChild(pascal(name)));
const clientId = (): string => idOf(stack.node.findChild('Identity').node.findChild('Users').node.findChild('Console'));

// Written out rather than imported from the construct, so a widened grant fails here.
const COGNITO_ACTIONS = {
  registerUsers: [
    'cognito-idp:AdminCreateUser',
    'cognito-idp:AdminSetUserPassword',
    'cognito-idp:AdminDeleteUser',
    'cognito-idp:AdminUpdateUserAttributes',
    'cognito-idp:AdminGetUser',
  ],
  signIn: ['cognito-idp:AdminInitiateAuth'],
} as const;
const KMS_ACTIONS = { encrypt: ['kms:Encrypt'], decrypt: ['kms:Decrypt'], encryptDecrypt: ['kms:Encrypt', 'kms:Decrypt'] } as const;

/** Allow statements of the identity policy attached to a role. */
const roleStatements = (roleId: string): Statement[] =>
  ofType('AWS::IAM::Policy')
    .filter(([, p]) => JSON.stringify(p.Properties.Roles) === JSON.stringify([{ Ref: roleId }]))
    .flatMap(([, p]) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement)
    .filter((s) => s.Effect === 'Allow');
const actionsOn = (statements: Statement[], resource: unknown): string[] =>
  statements
    .filter((s) => [s.Resource].flat().some((r) => JSON.stringify(r) === JSON.stringify(resource)))
    .flatMap((s) => [s.Action].flat());

beforeAll(() => {
  synthesized = synthesize();
  ({ stack, template, resources } = synthesized);
});

describe('keys', () => {
  it('makes each mac key a KMS HMAC-SHA-256 key for generating and verifying MACs only', () => {
    const macKeys = Object.entries(manifest.keys).filter(([, k]) => k.usage === 'mac');
    expect(macKeys.length).toBeGreaterThan(0);
    for (const [name] of macKeys) expect(resources[keyId(name)]!.Properties).toMatchObject({ KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' });
  });
});

describe('functions', () => {
  it('creates exactly the manifest functions', () => {
    template.resourceCountIs('AWS::Lambda::Function', functionEntries.length);
  });

  it.each(functionEntries)('%s runs Node 22 on arm64 with tracing, its own log group and manifest sizing', (name, spec) => {
    const fn = resources[idOf(stack.functions[name]!.fn)]!;
    expect(fn.Properties).toMatchObject({
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      TracingConfig: { Mode: 'Active' },
      Timeout: spec.timeoutSeconds,
      MemorySize: spec.memoryMb,
      Description: spec.description,
      LoggingConfig: { LogGroup: { Ref: idOf(stack.functions[name]!.node.findChild('Logs')) } },
    });
  });

  it.each(functionEntries)('%s gets exactly the env vars of its bindings', (name, spec) => {
    const fnConstruct = stack.functions[name]!;
    const { Variables: variables } = resources[idOf(fnConstruct.fn)]!.Properties.Environment as { Variables: Record<string, unknown> };
    // The tenant role's ARN is built from its name (a join of pseudo parameters): compared as text.
    const vars = TENANT_DATA_ENV.tenantRoleArn in variables ? { ...variables, [TENANT_DATA_ENV.tenantRoleArn]: asText(variables[TENANT_DATA_ENV.tenantRoleArn]) } : variables;
    const expected: Record<string, unknown> = {
      STAGE,
      POWERTOOLS_SERVICE_NAME: manifest.service,
      NODE_OPTIONS: '--enable-source-maps',
      ...(spec.trigger.type === 'http' ? { [ACCESS_ENV_VAR]: encodeAccess(spec.trigger.access) } : {}),
    };
    for (const table of Object.keys(spec.bindings.tables)) expected[tableEnvVar(table)] = { Ref: tableId(table) };
    if (spec.bindings.tables.main) {
      // Tenant data: silo tables by name prefix, and the tenant role of the binding's level.
      expected[TENANT_DATA_ENV.siloTablePrefix] = `storefleet-${STAGE}-silo-`;
      expected[TENANT_DATA_ENV.tenantRoleArn] = synthesized.tenantRoleArn(spec.bindings.tables.main);
    }
    for (const queue of Object.keys(spec.bindings.queues)) expected[queueEnvVar(queue)] = { Ref: queueId(queue) };
    for (const key of Object.keys(spec.bindings.keys)) expected[CIPHER_ENV.kmsKeyId] = { 'Fn::GetAtt': [keyId(key), 'Arn'] };
    // A table keyed by HMAC brings its mac key (the idempotency table).
    for (const table of Object.keys(spec.bindings.tables)) {
      const macKey = manifest.tables[table]?.macKey;
      if (macKey) expected[MAC_ENV.kmsKeyId] = { 'Fn::GetAtt': [keyId(macKey), 'Arn'] };
    }
    if (spec.bindings.identity.length > 0) {
      expected[IDENTITY_ENV.provider] = 'cognito';
      expected[IDENTITY_ENV.userPoolId] = { Ref: poolId() };
      expected[IDENTITY_ENV.userPoolClientId] = { Ref: clientId() };
    }
    expect(vars).toEqual(expected);
  });

  // Placeholders of the kinds the CDK passes (KMS keys, the Cognito pool, tenant roles): only the
  // variable names are compared, with the contract the local cloud and the OpenAPI tool use too.
  const awsPlaceholders: PlatformValues = {
    stage: STAGE,
    table: (t) => t,
    queueUrl: (q) => q,
    encryptionKey: (k) => ({ kmsKeyId: k }),
    macKey: (k) => ({ kmsKeyId: k }),
    identity: () => ({ provider: 'cognito', userPoolId: 'pool', userPoolClientId: 'client' }),
    tenantData: { siloTablePrefix: 'silo-', tenantRoleArn: (level) => level },
  };

  it.each(functionEntries)("%s gets exactly the function environment contract's variables, and Lambda's NODE_OPTIONS", (name, spec) => {
    const vars = (resources[idOf(stack.functions[name]!.fn)]!.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
    const contract = functionEnvironment(manifest, spec, awsPlaceholders);
    expect(Object.keys(vars).sort()).toEqual([...Object.keys(contract), ...Object.keys(LAMBDA_RUNTIME_ENV)].sort());
  });

  it.each(functionEntries)('%s is granted what its bindings say and no more', (name, spec) => {
    const statements = roleStatements(idOf(stack.functions[name]!.role));
    const writes = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];
    for (const [table, access] of Object.entries(spec.bindings.tables)) {
      const actions = actionsOn(statements, { 'Fn::GetAtt': [tableId(table), 'Arn'] });
      expect(actions).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:Query']));
      if (access === 'read') expect(actions.filter((a) => writes.includes(a))).toEqual([]);
      else expect(actions).toEqual(expect.arrayContaining(writes));
    }
    for (const queue of Object.keys(spec.bindings.queues)) {
      expect(actionsOn(statements, { 'Fn::GetAtt': [queueId(queue), 'Arn'] })).toContain('sqs:SendMessage');
    }
    // KMS: exactly the binding's actions, on the bound key only; GenerateMac only, on the mac key
    // of a table keyed by HMAC.
    const kms = statements.filter((s) => [s.Action].flat().some((a) => a.startsWith('kms:') && a !== 'kms:GenerateMac'));
    const expectedKms = Object.entries(spec.bindings.keys).flatMap(([, access]) => KMS_ACTIONS[access]);
    expect(kms.flatMap((s) => [s.Action].flat()).sort()).toEqual([...expectedKms].sort());
    for (const s of kms) expect([s.Resource].flat()).toEqual(Object.keys(spec.bindings.keys).map((k) => ({ 'Fn::GetAtt': [keyId(k), 'Arn'] })));
    const macKeys = [...new Set(Object.keys(spec.bindings.tables).flatMap((t) => manifest.tables[t]?.macKey ?? []))];
    const mac = statements.filter((s) => [s.Action].flat().includes('kms:GenerateMac'));
    expect(mac.map((s) => [s.Action].flat())).toEqual(macKeys.map(() => ['kms:GenerateMac']));
    expect(mac.flatMap((s) => [s.Resource].flat())).toEqual(macKeys.map((k) => ({ 'Fn::GetAtt': [keyId(k), 'Arn'] })));
    const boundTables = new Set(Object.keys(spec.bindings.tables).map(tableId));
    const touched = statements.flatMap((s) => [s.Resource].flat()).flatMap((r) => JSON.stringify(r).match(/(?<=")Data[A-Za-z0-9]+(?=")/g) ?? []);
    // A stream consumer reads its table's stream; any other table access must come from a binding.
    const streamTable = spec.trigger.type === 'stream' ? tableId(spec.trigger.table) : undefined;
    for (const id of touched) expect(boundTables.has(id) || id === streamTable).toBe(true);
  });

  it.each(functionEntries)('%s gets exactly the Cognito actions of its identity bindings, on the pool only', (name, spec) => {
    const statements = roleStatements(idOf(stack.functions[name]!.role));
    const expected = [...new Set(spec.bindings.identity.flatMap((b) => COGNITO_ACTIONS[b]))].sort();
    const cognito = statements.filter((s) => [s.Action].flat().some((a) => a.startsWith('cognito-idp:')));
    expect(cognito.flatMap((s) => [s.Action].flat()).sort()).toEqual(expected);
    // Each of those statements names the pool ARN and nothing else.
    for (const s of cognito) expect([s.Resource].flat()).toEqual([{ 'Fn::GetAtt': [poolId(), 'Arn'] }]);
  });
});

describe('identity bindings', () => {
  const identityEnv = Object.values(IDENTITY_ENV) as string[];
  const unbound = functionEntries.filter(([, f]) => f.bindings.identity.length === 0);

  it('covers both kinds of binding and functions without one', () => {
    expect(functionEntries.filter(([, f]) => f.bindings.identity.includes('registerUsers')).length).toBeGreaterThan(0);
    expect(functionEntries.filter(([, f]) => f.bindings.identity.includes('signIn')).length).toBeGreaterThan(0);
    expect(unbound.length).toBeGreaterThan(0);
  });

  it.each(unbound)('%s (no identity binding) has no cognito-idp permission, no IDENTITY_* env and no reference to the pool', (name) => {
    const fn = stack.functions[name]!;
    const actions = roleStatements(idOf(fn.role)).flatMap((s) => [s.Action].flat());
    expect(actions.filter((a) => a.startsWith('cognito-idp:'))).toEqual([]);
    const vars = (resources[idOf(fn.fn)]!.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(Object.keys(vars).filter((v) => identityEnv.includes(v))).toEqual([]);
    expect(JSON.stringify(resources[idOf(fn.fn)])).not.toContain(poolId());
  });

  it('grants cognito-idp actions to no role but those of identity-bound functions', () => {
    const boundRoles = new Set(functionEntries.filter(([, f]) => f.bindings.identity.length > 0).map(([n]) => idOf(stack.functions[n]!.role)));
    const holders = ofType('AWS::IAM::Policy')
      .filter(([, p]) => JSON.stringify(p.Properties.PolicyDocument).includes('cognito-idp:'))
      .flatMap(([, p]) => (p.Properties.Roles as Array<{ Ref: string }>).map((r) => r.Ref));
    expect(holders.length).toBeGreaterThan(0);
    for (const role of holders) expect(boundRoles.has(role), role).toBe(true);
  });
});

describe('event sources', () => {
  /** What invokes a function: API routes, event source mappings, EventBridge rules, user pool triggers. */
  const invokers = (name: string): { routes: number; mappings: number; rules: number; cognito: string[] } => {
    const fn = idOf(stack.functions[name]!.fn);
    const arn = JSON.stringify({ 'Fn::GetAtt': [fn, 'Arn'] });
    const integrations = new Set(ofType('AWS::ApiGatewayV2::Integration').filter(([, i]) => JSON.stringify(i.Properties.IntegrationUri) === arn).map(([id]) => id));
    const cognito = ofType('AWS::Cognito::UserPool').flatMap(([, p]) =>
      Object.entries((p.Properties.LambdaConfig as Record<string, unknown> | undefined) ?? {})
        .filter(([, v]) => JSON.stringify(v).includes(arn))
        .map(([k]) => k),
    );
    return {
      routes: ofType('AWS::ApiGatewayV2::Route').filter(([, r]) => integrations.has(JSON.stringify(r.Properties.Target).match(/"Ref":"([^"]+)"/)?.[1] ?? '')).length,
      mappings: ofType('AWS::Lambda::EventSourceMapping').filter(([, m]) => JSON.stringify(m.Properties.FunctionName) === JSON.stringify({ Ref: fn })).length,
      rules: ofType('AWS::Events::Rule').filter(([, r]) => JSON.stringify(r.Properties.Targets).includes(arn)).length,
      cognito,
    };
  };

  it.each(functionEntries)('%s is invoked by its declared trigger and nothing else', (name, spec) => {
    const t = spec.trigger.type;
    expect(invokers(name)).toEqual({
      routes: t === 'http' ? 1 : 0,
      mappings: ['sqs', 'deadLetter', 'stream', 'iotRule'].includes(t) ? 1 : 0,
      rules: t === 'schedule' ? 1 : 0,
      cognito: t === 'cognito' ? ['PreTokenGenerationConfig'] : [],
    });
  });

  it.each(functionEntries.filter(([, f]) => f.trigger.type === 'cognito'))('%s is a V2 pre token generation trigger only the pool may invoke', (name) => {
    const fnArn = { 'Fn::GetAtt': [idOf(stack.functions[name]!.fn), 'Arn'] };
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      LambdaConfig: { PreTokenGenerationConfig: { LambdaArn: fnArn, LambdaVersion: 'V2_0' } },
    });
    const permissions = ofType('AWS::Lambda::Permission').filter(([, p]) => JSON.stringify(p.Properties.FunctionName) === JSON.stringify(fnArn));
    expect(permissions.map(([, p]) => p.Properties)).toEqual([
      { Action: 'lambda:InvokeFunction', FunctionName: fnArn, Principal: 'cognito-idp.amazonaws.com', SourceArn: { 'Fn::GetAtt': [poolId(), 'Arn'] } },
    ]);
  });

  it('maps exactly the queue and stream triggers, each reporting partial batch failures', () => {
    const mapped = functionEntries.filter(([, f]) => ['sqs', 'deadLetter', 'stream', 'iotRule'].includes(f.trigger.type));
    const mappings = ofType('AWS::Lambda::EventSourceMapping');
    expect(mappings).toHaveLength(mapped.length);
    for (const [, m] of mappings) expect(m.Properties.FunctionResponseTypes).toEqual(['ReportBatchItemFailures']);
  });

  it.each(functionEntries.filter(([, f]) => f.trigger.type === 'sqs'))('%s consumes its queue', (name, spec) => {
    if (spec.trigger.type !== 'sqs') throw new Error('unreachable');
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: idOf(stack.functions[name]!.fn) },
      EventSourceArn: { 'Fn::GetAtt': [queueId(spec.trigger.queue), 'Arn'] },
      BatchSize: spec.trigger.batchSize,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
  });

  it.each(functionEntries.filter(([, f]) => f.trigger.type === 'stream'))('%s consumes its table stream, filtered, with a failure queue', (name, spec) => {
    if (spec.trigger.type !== 'stream') throw new Error('unreachable');
    const fn = stack.functions[name]!;
    const [, mapping] = ofType('AWS::Lambda::EventSourceMapping').find(([, m]) => JSON.stringify(m.Properties.FunctionName) === JSON.stringify({ Ref: idOf(fn.fn) }))!;
    expect(mapping.Properties).toMatchObject({
      EventSourceArn: { 'Fn::GetAtt': [tableId(spec.trigger.table), 'StreamArn'] },
      BatchSize: spec.trigger.batchSize,
      StartingPosition: spec.trigger.startingPosition,
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: expect.any(Number),
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [idOf(fn.node.findChild('StreamFailures')), 'Arn'] } } },
    });
    if (spec.trigger.filter) {
      const patterns = (mapping.Properties.FilterCriteria as { Filters: Array<{ Pattern: string }> }).Filters.map((f) => JSON.parse(f.Pattern) as unknown);
      const changes = spec.trigger.filter.eventNames.filter((e) => e !== 'REMOVE');
      expect(patterns).toContainEqual({ eventName: changes, dynamodb: { NewImage: { __edb_e__: { S: spec.trigger.filter.entities } } } });
    }
  });
});

describe('iam', () => {
  const POLICY_TYPES = ['AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy', 'AWS::IAM::Role', 'AWS::SQS::QueuePolicy'];
  const allowStatements = (): Statement[] =>
    Object.values(resources)
      .filter((r) => POLICY_TYPES.includes(r.Type))
      .flatMap((r) => {
        const inline = (r.Properties.Policies as Array<{ PolicyDocument: unknown }> | undefined) ?? [];
        const docs = [r.Properties.PolicyDocument, ...inline.map((p) => p.PolicyDocument)];
        return docs.flatMap((d) => ((d as { Statement?: Statement[] } | undefined)?.Statement ?? []).filter((s) => s.Effect === 'Allow'));
      });

  it('never allows a wildcard action (no dynamodb:*, no *)', () => {
    const actions = allowStatements().flatMap((s) => [s.Action].flat());
    expect(actions.length).toBeGreaterThan(0);
    expect(actions.filter((a) => a.includes('*'))).toEqual([]);
  });

  it("grants Resource '*' only for actions that have no resource-level permissions", () => {
    const allowed = ['dynamodb:ListStreams', 'xray:PutTelemetryRecords', 'xray:PutTraceSegments'];
    const onStar = allowStatements().filter((s) => s.Resource === '*').flatMap((s) => [s.Action].flat());
    expect(onStar).toContain('xray:PutTraceSegments');
    expect(onStar.filter((a) => !allowed.includes(a))).toEqual([]);
  });

  it('uses no AWS managed policies', () => {
    for (const [, role] of ofType('AWS::IAM::Role')) expect(role.Properties.ManagedPolicyArns).toBeUndefined();
  });
});
