// The whole of one Storefleet stage, assembled from the manifest. Resources and grants live in
// the constructs; this file only wires them together and publishes what clients need. The stage's
// own stack holds what functions share (tables, queues, keys, identity, the API, alarms, tenant
// roles); the functions are in nested stacks, one per function group (function-groups.ts), so
// adding functions grows those and not this one.
import { CfnOutput, Stack, Tags } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { tenantDataTable, type Manifest } from '../manifest-schema.ts';
import { siloTablePrefix } from '../../domain/shared/bindings.ts';
import type { PlatformValues } from '../../domain/shared/function-env.ts';
import { retainsData } from '../stages.ts';
import type { ManifestTable } from '../constructs/data.ts';
import { TenantAccess, tenantRoleArn, type TableAccess } from '../constructs/tenant-access.ts';
import { Api } from '../constructs/api.ts';
import { Data } from '../constructs/data.ts';
import { Identity } from '../constructs/identity.ts';
import { Keys } from '../constructs/keys.ts';
import { pascal } from '../constructs/naming.ts';
import { Queues } from '../constructs/queues.ts';
import type { ServiceFunction } from '../constructs/service-function.ts';
import { FailureAlarms } from '../constructs/alarms.ts';
import { COGNITO_TRIGGERS_GROUP, PLATFORM_GROUP, groupFunctions, type FunctionGroups } from './function-groups.ts';
import { FunctionStack, type StageResources } from './function-stack.ts';

export interface StorefleetStackProps extends StackProps {
  readonly manifest: Manifest;
  readonly stage: string;
  /** Silo tenants' tables (infra/stacks/silo-tenant-stack.ts): their streams feed the same consumers. */
  readonly siloTables?: readonly ManifestTable[];
  /** The manifest's function groups (loadFunctionGroups): one nested stack each. */
  readonly functionGroups: FunctionGroups;
}

const describeGroup = (group: string): string =>
  group === PLATFORM_GROUP
    ? 'the functions declared in infra/manifest.ts itself'
    : group === COGNITO_TRIGGERS_GROUP
      ? 'the Cognito user pool triggers'
      : `the ${group} functions (infra/functions/)`;

export class StorefleetStack extends Stack {
  readonly functions: Readonly<Record<string, ServiceFunction>>;
  /** The nested stacks of functions, by group. */
  readonly functionStacks: Readonly<Record<string, FunctionStack>>;

  constructor(scope: Construct, id: string, props: StorefleetStackProps) {
    super(scope, id, props);
    const { manifest, stage } = props;
    const retain = retainsData(stage);
    const namePrefix = `${manifest.service}-${stage}`;
    const siloPrefix = siloTablePrefix(manifest.service, stage);
    const tenantData = tenantDataTable(manifest);
    Tags.of(this).add('service', manifest.service);
    Tags.of(this).add('stage', stage);

    const data = new Data(this, 'Data', { tables: manifest.tables, retain });
    const queues = new Queues(this, 'Queues', { service: manifest.service, stage, queues: manifest.queues });
    const identity = new Identity(this, 'Identity', { retain });
    const keys = new Keys(this, 'Keys', { service: manifest.service, stage, keys: manifest.keys, retain });
    const api = new Api(this, 'Api', { userPool: identity.userPool, client: identity.client, retain });
    const alarms = new FailureAlarms(this, 'FailureAlarms');
    for (const { name, deadLetterQueue } of Object.values(queues.queues))
      if (deadLetterQueue) alarms.watch(`${pascal(name)}Dlq`, deadLetterQueue, `Messages of queue ${name} dead-lettered`);

    // What the function environment contract's variables carry here: CDK tokens, which become
    // parameters of the nested stacks that use them. The tenant roles' ARNs are built from their
    // names: the roles trust the functions, so they come last and nothing may reference them.
    const platform: PlatformValues = {
      stage,
      table: (table) => data.get(table).table.tableName,
      queueUrl: (queue) => queues.get(queue).queue.queueUrl,
      encryptionKey: (key) => ({ kmsKeyId: keys.get(key).key.keyArn }),
      macKey: (key) => ({ kmsKeyId: keys.get(key).key.keyArn }),
      identity: () => ({ provider: 'cognito', userPoolId: identity.userPool.userPoolId, userPoolClientId: identity.client.userPoolClientId }),
      tenantData: { siloTablePrefix: siloPrefix, tenantRoleArn: (level) => tenantRoleArn(namePrefix, level) },
    };
    const shared: StageResources = { manifest, namePrefix, retain, data, queues, identity, keys, api, alarms, platform, siloTablePrefix: siloPrefix, siloTables: props.siloTables ?? [] };

    const functions: Record<string, ServiceFunction> = {};
    const functionStacks: Record<string, FunctionStack> = {};
    for (const [group, names] of groupFunctions(manifest, props.functionGroups)) {
      const nested = new FunctionStack(this, `${pascal(group)}Functions`, { functions: names, shared, description: `Storefleet ${stage}: ${describeGroup(group)}` });
      Object.assign(functions, nested.functions);
      functionStacks[group] = nested;
    }
    this.functions = functions;
    this.functionStacks = functionStacks;

    const tenantRoleUsers = Object.values(functionStacks).flatMap((nested) => nested.tenantRoleUsers);
    if (tenantData && tenantRoleUsers.length > 0) {
      const assumers = (level: TableAccess) => tenantRoleUsers.filter((u) => u.access === level).map((u) => u.fn.role);
      new TenantAccess(this, 'TenantAccess', { table: data.get(tenantData.name), siloTablePrefix: siloPrefix, namePrefix, assumers: { read: assumers('read'), readWrite: assumers('readWrite') } });
    }

    new CfnOutput(this, 'ApiUrl', { value: api.url });
    new CfnOutput(this, 'UserPoolId', { value: identity.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: identity.client.userPoolClientId });
    new CfnOutput(this, 'AlarmTopicArn', { value: alarms.topic.topicArn });
    for (const { name, table } of Object.values(data.tables)) {
      new CfnOutput(this, `Table${pascal(name)}Name`, { value: table.tableName });
    }
    for (const { name, queue, deadLetterQueue } of Object.values(queues.queues)) {
      new CfnOutput(this, `Queue${pascal(name)}Url`, { value: queue.queueUrl });
      if (deadLetterQueue) new CfnOutput(this, `Queue${pascal(name)}DlqUrl`, { value: deadLetterQueue.queueUrl });
    }
  }
}
