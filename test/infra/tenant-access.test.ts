// The IAM half of tenant isolation, read off the synthesized template: a function's own role
// reaches only `platform#` keys of the tenant-data table; tenant items need the tenant role, which
// only the bound functions may assume, only with tenant session tags, and whose policy fences every
// call to keys that begin with the tagged tenant's id (dynamodb:LeadingKeys) or to its silo table.
import { App } from 'aws-cdk-lib';
import type { CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { manifest } from '../../infra/manifest.ts';
import { StorefleetStack } from '../../infra/stacks/storefleet-stack.ts';
import { SiloTenantStack } from '../../infra/stacks/silo-tenant-stack.ts';
import { STAGE, asText, flatten, functionGroups, synthesize, type CfnResource } from './synthesized.ts';

type Statement = { Effect: string; Action: string | string[]; Resource: unknown; Condition?: Record<string, Record<string, unknown>>; Principal?: { AWS?: unknown } };

// Written out, not imported from the construct, so a widened fence fails here.
const TENANT_KEYS = [
  '${aws:PrincipalTag/tenantId}#*',
  'platform#tenant#${aws:PrincipalTag/tenantId}',
  'platform#slug#*',
  'platform#invitation#*',
  'platform#provisioning-code#*',
  'platform#terminal#*',
];
const PLATFORM_KEYS = ['platform#*'];
const WRITES = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];
const INDEXES = manifest.tables.main!.globalIndexes.map((index) => index.name);

let s: ReturnType<typeof synthesize>;
const tenantFunctions = Object.entries(manifest.functions).filter(([, f]) => f.bindings.tables.main);
const policyOf = (roleId: string): Statement[] =>
  s.ofType('AWS::IAM::Policy')
    .filter(([, p]) => JSON.stringify(p.Properties.Roles) === JSON.stringify([{ Ref: roleId }]))
    .flatMap(([, p]) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
const mainArn = () => ({ 'Fn::GetAtt': [s.tableId('main'), 'Arn'] });
/** Whether a statement reaches the items of the tenant-data table (its stream, read by stream consumers, holds none it could write). */
const touchesMain = (st: Statement) =>
  JSON.stringify(st.Resource).includes(JSON.stringify(mainArn())) && [st.Action].flat().some((a) => a.startsWith('dynamodb:') && !['dynamodb:ListStreams', 'dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'].includes(a));
const leading = (st: Statement) => st.Condition?.['ForAllValues:StringLike']?.['dynamodb:LeadingKeys'];
const roleId = (level: 'read' | 'readWrite') => s.tenantRoleId(level);
/** The table and each of its indexes by name (no `index/*`), in any order. */
const expectTableAndIndexes = (resource: unknown, arn: unknown): void => {
  const expected = [arn, ...INDEXES.map((index) => ({ 'Fn::Join': ['', [arn, `/index/${index}`]] }))];
  expect([resource].flat()).toHaveLength(expected.length);
  expect([resource].flat()).toEqual(expect.arrayContaining(expected));
};

beforeAll(() => {
  s = synthesize();
});

describe("functions' own roles", () => {
  it.each(tenantFunctions)('%s reaches the tenant-data table only under platform# keys', (name) => {
    const onMain = policyOf(s.idOf(s.stack.functions[name]!.role)).filter(touchesMain);
    expect(onMain.length).toBeGreaterThan(0);
    for (const st of onMain) expect(leading(st)).toEqual(PLATFORM_KEYS);
    for (const st of onMain) expectTableAndIndexes(st.Resource, mainArn());
  });

  it.each(tenantFunctions)('%s may assume exactly the tenant role of its binding level', (name, spec) => {
    const sts = policyOf(s.idOf(s.stack.functions[name]!.role)).filter((st) => [st.Action].flat().some((a) => a.startsWith('sts:')));
    expect(sts).toEqual([expect.objectContaining({ Effect: 'Allow', Action: ['sts:AssumeRole', 'sts:TagSession'] })]);
    // The role's ARN built from the name the role is deployed with, not a reference to it.
    expect(asText(sts[0]!.Resource)).toBe(s.tenantRoleArn(spec.bindings.tables.main!));
  });
});

describe('tenant roles', () => {
  it.each(['read', 'readWrite'] as const)('%s: fenced to the tagged tenant by LeadingKeys on the shared table', (level) => {
    const statements = policyOf(roleId(level));
    const shared = statements.filter((st) => JSON.stringify(st.Resource).includes(s.tableId('main')));
    expect(shared).toHaveLength(1);
    expectTableAndIndexes(shared[0]!.Resource, mainArn());
    expect(leading(shared[0]!)).toEqual(TENANT_KEYS);
    const actions = statements.flatMap((st) => [st.Action].flat());
    expect(actions.filter((a) => WRITES.includes(a)).length).toBe(level === 'read' ? 0 : WRITES.length * 2);
    expect(actions).not.toContain('dynamodb:Scan');
  });

  it.each(['read', 'readWrite'] as const)('%s: reaches silo tables only by the slug in the session tag', (level) => {
    const silo = policyOf(roleId(level)).filter((st) => JSON.stringify(st.Resource).includes('silo'));
    expect(silo).toHaveLength(1);
    const siloArn = `arn:\${AWS::Partition}:dynamodb:\${AWS::Region}:\${AWS::AccountId}:table/storefleet-${STAGE}-silo-\${aws:PrincipalTag/tenantSlug}`;
    expect([silo[0]!.Resource].flat().map(asText).sort()).toEqual([siloArn, ...INDEXES.map((index) => `${siloArn}/index/${index}`)].sort());
  });

  it.each(['read', 'readWrite'] as const)('%s: has a name of the stage and region that references nothing, so functions build its ARN without depending on it', (level) => {
    expect(asText(s.resources[roleId(level)]!.Properties.RoleName)).toBe(`storefleet-${STAGE}-tenant-${level}-\${AWS::Region}`);
    expect(s.own.toJSON().Resources[roleId(level)]).toBeDefined();
  });

  it.each(['read', 'readWrite'] as const)('%s: trusts exactly the functions bound at that level, and only with a tenant tag', (level) => {
    const trust = (s.resources[roleId(level)]!.Properties.AssumeRolePolicyDocument as { Statement: Statement[] }).Statement;
    const expected = tenantFunctions.filter(([, f]) => f.bindings.tables.main === level).map(([n]) => ({ 'Fn::GetAtt': [s.idOf(s.stack.functions[n]!.role), 'Arn'] }));
    for (const st of trust) expect(new Set([st.Principal?.AWS].flat().map((p) => JSON.stringify(p)))).toEqual(new Set(expected.map((p) => JSON.stringify(p))));
    const tagging = trust.find((st) => st.Action === 'sts:TagSession');
    expect(tagging?.Condition).toEqual({ StringLike: { 'aws:RequestTag/tenantId': 'ten_*', 'aws:RequestTag/tenantSlug': '*' } });
  });
});

describe('silo tenants from the stage configuration', () => {
  let silo: Template;
  let main: Template;
  let siloStack: SiloTenantStack;

  beforeAll(() => {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    siloStack = new SiloTenantStack(app, 'SiloBigmart', { manifest, stage: STAGE, slug: 'bigmart', retain: true });
    const stack = new StorefleetStack(app, 'StorefleetWithSilo', { manifest, stage: STAGE, siloTables: [siloStack.table], functionGroups });
    silo = Template.fromStack(siloStack);
    main = flatten(stack).template;
  });

  it('deploy a retained table named for the slug, shaped like the shared one', () => {
    const shared = Object.values(s.resources).find((r: CfnResource) => r.Type === 'AWS::DynamoDB::Table' && JSON.stringify(r.Properties.KeySchema).includes('"pk"'))!;
    silo.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      Properties: {
        TableName: `storefleet-${STAGE}-silo-bigmart`,
        KeySchema: shared.Properties.KeySchema,
        GlobalSecondaryIndexes: shared.Properties.GlobalSecondaryIndexes,
        StreamSpecification: shared.Properties.StreamSpecification,
        DeletionProtectionEnabled: true,
      },
    });
  });

  it("feed the silo table's stream to the shared table's stream consumers", () => {
    const streamFns = Object.entries(manifest.functions).filter(([, f]) => f.trigger.type === 'stream' && f.trigger.table === 'main');
    const mappings = Object.values(main.findResources('AWS::Lambda::EventSourceMapping')).filter((m) => JSON.stringify(m).includes('StreamArn'));
    expect(mappings).toHaveLength(streamFns.length * 2);
    const tableId = siloStack.getLogicalId(siloStack.table.table.node.defaultChild as CfnElement);
    expect(mappings.filter((m) => JSON.stringify(m).includes(tableId))).toHaveLength(streamFns.length);
  });
});
