// Trigger kinds the real manifest does not use yet (schedule, iotRule, REMOVE stream filters),
// synthesized from a small test-only manifest, plus the synth-time refusals of bad wiring
// (Cognito triggers included), and deadLetter triggers, in that manifest and in the real one.
import { App } from 'aws-cdk-lib';
import type { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Manifest } from '../../infra/manifest-schema.ts';
import type { ManifestInput } from '../../infra/manifest-schema.ts';
import { streamFilters } from '../../infra/constructs/triggers.ts';
import { StorefleetStack } from '../../infra/stacks/storefleet-stack.ts';
import { manifest as realManifest } from '../../infra/manifest.ts';
import { cdkContext, flatten, synthesize, type CfnResource } from './synthesized.ts';


// Entry files need not exist: bundling is skipped.
const declared = {
  service: 'fleettest',
  tables: {
    main: { partitionKey: { name: 'pk', type: 'S' }, sortKey: { name: 'sk', type: 'S' }, stream: 'NEW_AND_OLD_IMAGES' },
  },
  queues: {
    terminalTelemetry: { fifo: false, visibilityTimeoutSeconds: 180, deadLetter: { maxReceiveCount: 3 } },
    settlementChunks: { fifo: true, visibilityTimeoutSeconds: 60, deadLetter: { maxReceiveCount: 5 } },
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
    settleChunk: {
      entry: 'functions/sqs/settle-chunk.ts',
      description: 'Settle one chunk of stores',
      trigger: { type: 'sqs', queue: 'settlementChunks', batchSize: 1 },
      bindings: { tables: { main: 'readWrite' } },
      timeoutSeconds: 30,
    },
    endDeadSettlementChunk: {
      entry: 'functions/sqs/end-dead-settlement-chunk.ts',
      description: 'End the run of a settlement chunk that dead-lettered',
      trigger: { type: 'deadLetter', queue: 'settlementChunks', batchSize: 1 },
      bindings: { tables: { main: 'readWrite' } },
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
  return new StorefleetStack(app, id, { manifest, stage: 'test', functionGroups: {} });
};

let stack: StorefleetStack;
let flat: ReturnType<typeof flatten>;
let template: Template;
let resources: Record<string, CfnResource>;
const idOf = (c: IConstruct): string => flat.idOf(c);
const ofType = (type: string): CfnResource[] => Object.values(resources).filter((r) => r.Type === type);

// The stage's stack and its nested stack of functions read as one template (synthesized.ts).
beforeAll(() => {
  stack = synth(testManifest);
  flat = flatten(stack);
  ({ template, resources } = flat);
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

describe('deadLetter trigger', () => {
  const queues = (): IConstruct => stack.node.findChild('Queues');
  const mappingsOf = (fn: IConstruct) => ofType('AWS::Lambda::EventSourceMapping').filter((m) => JSON.stringify(m.Properties.FunctionName) === JSON.stringify({ Ref: idOf(fn) }));

  it("has the function consume the queue's DLQ, not the queue, reporting partial batch failures", () => {
    const dlqId = idOf(queues().node.findChild('SettlementChunksDlq'));
    expect(mappingsOf(stack.functions.endDeadSettlementChunk!.fn).map((m) => m.Properties)).toEqual([
      expect.objectContaining({ EventSourceArn: { 'Fn::GetAtt': [dlqId, 'Arn'] }, BatchSize: 1, FunctionResponseTypes: ['ReportBatchItemFailures'] }),
    ]);
    // The queue keeps its own consumer; the DLQ is still the queue's redrive target, with a visibility timeout its consumer fits in.
    expect(mappingsOf(stack.functions.settleChunk!.fn).map((m) => m.Properties.EventSourceArn)).toEqual([{ 'Fn::GetAtt': [idOf(queues().node.findChild('SettlementChunks')), 'Arn'] }]);
    expect(resources[idOf(queues().node.findChild('SettlementChunks'))]!.Properties.RedrivePolicy).toEqual({ deadLetterTargetArn: { 'Fn::GetAtt': [dlqId, 'Arn'] }, maxReceiveCount: 5 });
    expect(resources[dlqId]!.Properties).toMatchObject({ FifoQueue: true, VisibilityTimeout: 30 });
  });

  it('lets the function receive from the DLQ only', () => {
    const roleId = idOf(stack.functions.endDeadSettlementChunk!.role);
    const statements = ofType('AWS::IAM::Policy')
      .filter((p) => JSON.stringify(p.Properties.Roles) === JSON.stringify([{ Ref: roleId }]))
      .flatMap((p) => (p.Properties.PolicyDocument as { Statement: Array<{ Action: string | string[]; Resource: unknown }> }).Statement);
    const sqsResources = statements.filter((st) => [st.Action].flat().some((a) => a.startsWith('sqs:'))).map((st) => st.Resource);
    expect(sqsResources).toEqual([{ 'Fn::GetAtt': [idOf(queues().node.findChild('SettlementChunksDlq')), 'Arn'] }]);
  });

  it('refuses a consumer that would outlast the DLQ visibility timeout', () => {
    const slow = { ...declared.functions.endDeadSettlementChunk, timeoutSeconds: 31 };
    expect(Manifest.safeParse({ ...declared, functions: { ...declared.functions, endDeadSettlementChunk: slow } }).error?.issues[0]?.message).toMatch(/at most 30s/);
  });

  it('in the real stack, maps the DLQ of each import queue to its dead-letter function, and the DLQ keeps its alarm', () => {
    const real = synthesize();
    for (const [name, spec] of Object.entries(realManifest.functions)) {
      if (spec.trigger.type !== 'deadLetter') continue;
      const dlqId = real.queueId(spec.trigger.queue, true);
      real.template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        FunctionName: { Ref: real.idOf(real.stack.functions[name]!.fn) },
        EventSourceArn: { 'Fn::GetAtt': [dlqId, 'Arn'] },
        BatchSize: spec.trigger.batchSize,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
      });
      const alarms = real.ofType('AWS::CloudWatch::Alarm').filter(([, a]) => JSON.stringify(a.Properties.Dimensions).includes(`"${dlqId}"`));
      expect(alarms, `alarm on ${dlqId}`).toHaveLength(1);
    }
    const consumed = Object.values(realManifest.functions).flatMap((f) => (f.trigger.type === 'deadLetter' ? [f.trigger.queue] : []));
    expect(consumed.sort()).toEqual(['productImports', 'storeImports']);
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
    const bad = Manifest.parse({ ...declared, queues: { ...declared.queues, terminalTelemetry: { ...declared.queues.terminalTelemetry, fifo: true } } });
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
    const bad = Manifest.parse({ ...declared, queues: { ...declared.queues, terminalTelemetry: { ...declared.queues.terminalTelemetry, visibilityTimeoutSeconds: 10 } } });
    expect(() => synth(bad, 'Visibility')).toThrow(/visibility timeout/);
  });
});

describe('cdk-nag on the test-only manifest', () => {
  it('leaves no unacknowledged finding for schedule, IoT and stream wiring', () => {
    const report = new AwsSolutionsChecks(undefined, { verbose: true }).validateScope(stack);
    expect(report.violations.map((v) => `${v.ruleName} @ ${v.violatingResources.map((r) => r.constructPath).join(', ')}`)).toEqual([]);
  });
});
