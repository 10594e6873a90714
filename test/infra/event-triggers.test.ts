// Trigger kinds the real manifest does not use yet (schedule, iotRule, REMOVE stream filters),
// synthesized from a small test-only manifest, plus the synth-time refusals of bad wiring
// (Cognito triggers included).
import { readFileSync } from 'node:fs';
import { App } from 'aws-cdk-lib';
import type { CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Manifest } from '../../infra/manifest-schema.ts';
import type { ManifestInput } from '../../infra/manifest-schema.ts';
import { streamFilters } from '../../infra/constructs/triggers.ts';
import { StorefleetStack } from '../../infra/stacks/storefleet-stack.ts';

type CfnResource = { Type: string; Properties: Record<string, unknown> };

const cdkContext = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')).context as Record<string, unknown>;

// Entry files need not exist: bundling is skipped.
const declared = {
  service: 'fleettest',
  tables: {
    main: { partitionKey: { name: 'pk', type: 'S' }, sortKey: { name: 'sk', type: 'S' }, stream: 'NEW_AND_OLD_IMAGES' },
  },
  queues: {
    terminalTelemetry: { fifo: false, visibilityTimeoutSeconds: 180, deadLetter: { maxReceiveCount: 3 } },
  },
  functions: {
    nightlySettlement: {
      entry: 'functions/schedule/nightly-settlement.ts',
      description: 'Settle yesterday at 02:00 Beijing time',
      trigger: { type: 'schedule', cron: '0 18 * * ? *' },
      bindings: { tables: { main: 'readWrite' } },
    },
    ingestTelemetry: {
      entry: 'functions/iot/ingest-telemetry.ts',
      description: 'Store terminal telemetry forwarded by IoT Core',
      trigger: { type: 'iotRule', topicFilter: 'storefleet/+/terminals/+/telemetry', queue: 'terminalTelemetry', batchSize: 50 },
      bindings: { tables: { main: 'readWrite' } },
      timeoutSeconds: 30,
    },
    auditStockChanges: {
      entry: 'functions/stream/audit-stock-changes.ts',
      description: 'Audit changed and removed stock items',
      trigger: { type: 'stream', table: 'main', batchSize: 50, startingPosition: 'LATEST', filter: { eventNames: ['MODIFY', 'REMOVE'], entities: ['stockItem'] } },
    },
  },
} as const satisfies ManifestInput;
const testManifest = Manifest.parse(declared);

const synth = (manifest: Manifest, id = 'FleetTest'): StorefleetStack => {
  const app = new App({ context: { ...cdkContext, 'aws:cdk:bundling-stacks': [] } });
  return new StorefleetStack(app, id, { manifest, stage: 'test' });
};

let stack: StorefleetStack;
let template: Template;
let resources: Record<string, CfnResource>;
const idOf = (c: IConstruct): string => stack.getLogicalId(c.node.defaultChild as CfnElement);
const ofType = (type: string): CfnResource[] => Object.values(resources).filter((r) => r.Type === type);

beforeAll(() => {
  stack = synth(testManifest);
  template = Template.fromStack(stack);
  resources = template.toJSON().Resources as Record<string, CfnResource>;
});

describe('schedule trigger', () => {
  it('fires the function from an EventBridge cron rule', () => {
    const fnArn = { 'Fn::GetAtt': [idOf(stack.functions.nightlySettlement!.fn), 'Arn'] };
    const rules = ofType('AWS::Events::Rule');
    expect(rules).toHaveLength(1);
    expect(rules[0]!.Properties).toMatchObject({
      ScheduleExpression: 'cron(0 18 * * ? *)',
      State: 'ENABLED',
      Targets: [expect.objectContaining({ Arn: fnArn, RetryPolicy: expect.objectContaining({ MaximumRetryAttempts: 2 }) })],
    });
    template.hasResourceProperties('AWS::Lambda::Permission', { Principal: 'events.amazonaws.com', FunctionName: fnArn });
  });
});

describe('iotRule trigger', () => {
  const queueId = (): string => idOf(stack.node.findChild('Queues').node.findChild('TerminalTelemetry'));

  it('forwards the topic to the manifest queue through a rule with its own send-only role', () => {
    const [rule] = ofType('AWS::IoT::TopicRule');
    const payload = rule!.Properties.TopicRulePayload as Record<string, unknown>;
    const roleId = idOf(stack.functions.ingestTelemetry!.node.findChild('IotRule').node.findChild('Role'));
    expect(payload).toMatchObject({
      Sql: "SELECT * FROM 'storefleet/+/terminals/+/telemetry'",
      AwsIotSqlVersion: '2016-03-23',
      RuleDisabled: false,
      Actions: [{ Sqs: { QueueUrl: { Ref: queueId() }, RoleArn: { 'Fn::GetAtt': [roleId, 'Arn'] }, UseBase64: false } }],
      ErrorAction: { CloudwatchLogs: expect.objectContaining({ RoleArn: { 'Fn::GetAtt': [roleId, 'Arn'] } }) },
    });
    expect(resources[roleId]!.Properties).toMatchObject({
      AssumeRolePolicyDocument: { Statement: [expect.objectContaining({ Principal: { Service: 'iot.amazonaws.com' } })] },
    });
    const policy = ofType('AWS::IAM::Policy').find((p) => JSON.stringify(p.Properties.Roles) === JSON.stringify([{ Ref: roleId }]))!;
    const statements = (policy.Properties.PolicyDocument as { Statement: Array<{ Action: string | string[]; Resource: unknown }> }).Statement;
    const onQueue = statements.filter((s) => JSON.stringify(s.Resource) === JSON.stringify({ 'Fn::GetAtt': [queueId(), 'Arn'] }));
    expect(onQueue.flatMap((s) => [s.Action].flat())).toContain('sqs:SendMessage');
    expect(onQueue.flatMap((s) => [s.Action].flat())).not.toContain('sqs:ReceiveMessage');
  });

  it('has the function consume that queue, reporting partial batch failures', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: idOf(stack.functions.ingestTelemetry!.fn) },
      EventSourceArn: { 'Fn::GetAtt': [queueId(), 'Arn'] },
      BatchSize: 50,
      // Above 10 messages Lambda requires a batching window.
      MaximumBatchingWindowInSeconds: 1,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
  });
});

describe('stream trigger with REMOVE', () => {
  it('matches removals on the old image, other changes on the new image', () => {
    const mapping = ofType('AWS::Lambda::EventSourceMapping').find(
      (m) => JSON.stringify(m.Properties.FunctionName) === JSON.stringify({ Ref: idOf(stack.functions.auditStockChanges!.fn) }),
    )!;
    expect(mapping.Properties).toMatchObject({ StartingPosition: 'LATEST', FunctionResponseTypes: ['ReportBatchItemFailures'] });
    const patterns = (mapping.Properties.FilterCriteria as { Filters: Array<{ Pattern: string }> }).Filters.map((f) => JSON.parse(f.Pattern) as unknown);
    expect(patterns).toEqual([
      { eventName: ['MODIFY'], dynamodb: { NewImage: { __edb_e__: { S: ['stockItem'] } } } },
      { eventName: ['REMOVE'], dynamodb: { OldImage: { __edb_e__: { S: ['stockItem'] } } } },
    ]);
  });

  it('refuses to filter removals by entity when the stream carries no old image', () => {
    const bound = { name: 'main', spec: { ...testManifest.tables.main!, stream: 'NEW_IMAGE' as const } };
    expect(() => streamFilters(bound, { eventNames: ['REMOVE'], entities: ['stockItem'] })).toThrow(/old image/);
  });
});

describe('synth-time refusals', () => {
  it('refuses an IoT rule into a FIFO queue (IoT rules cannot set a message group)', () => {
    const bad = Manifest.parse({ ...declared, queues: { terminalTelemetry: { ...declared.queues.terminalTelemetry, fifo: true } } });
    expect(() => synth(bad, 'Fifo')).toThrow(/FIFO/);
  });

  const tokenClaims = {
    entry: 'functions/cognito/pre-token-generation.ts',
    description: 'Shape access tokens',
    trigger: { type: 'cognito', event: 'preTokenGeneration' },
  } as const;

  it('refuses identity bindings on a Cognito trigger function (the pool and the function would depend on each other)', () => {
    const bad = Manifest.parse({ ...declared, functions: { ...declared.functions, tokenClaims: { ...tokenClaims, bindings: { identity: ['signIn'] } } } });
    expect(() => synth(bad, 'TriggerBound')).toThrow(/tokenClaims: a cognito trigger cannot have identity bindings/);
  });

  it('refuses two functions for the same Cognito event', () => {
    const bad = Manifest.parse({ ...declared, functions: { ...declared.functions, tokenClaims, moreClaims: tokenClaims } });
    expect(() => synth(bad, 'TwoTriggers')).toThrow(/preTokenGeneration: declared by both tokenClaims and moreClaims/);
  });

  it("refuses a queue whose visibility timeout is shorter than its consumer's timeout", () => {
    const bad = Manifest.parse({ ...declared, queues: { terminalTelemetry: { ...declared.queues.terminalTelemetry, visibilityTimeoutSeconds: 10 } } });
    expect(() => synth(bad, 'Visibility')).toThrow(/visibility timeout/);
  });
});

describe('cdk-nag on the test-only manifest', () => {
  it('leaves no unacknowledged finding for schedule, IoT and stream wiring', () => {
    const report = new AwsSolutionsChecks(undefined, { verbose: true }).validateScope(stack);
    expect(report.violations.map((v) => `${v.ruleName} @ ${v.violatingResources.map((r) => r.constructPath).join(', ')}`)).toEqual([]);
  });
});
