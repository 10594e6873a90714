// The whole of one Storefleet stage, assembled from the manifest. Resources and grants live in
// the constructs; this file only wires them together and publishes what clients need.
import { CfnOutput, Lazy, Stack, Tags } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { tenantDataTable, type Manifest } from '../manifest-schema.ts';
import { siloTablePrefix } from '../../domain/shared/bindings.ts';
import { functionEnvironment, type PlatformValues } from '../../domain/shared/function-env.ts';
import { retainsData } from '../stages.ts';
import type { ManifestTable } from '../constructs/data.ts';
import { TenantAccess, type TableAccess } from '../constructs/tenant-access.ts';
import { Api } from '../constructs/api.ts';
import { Data } from '../constructs/data.ts';
import { Identity } from '../constructs/identity.ts';
import { Keys } from '../constructs/keys.ts';
import { pascal } from '../constructs/naming.ts';
import { Queues } from '../constructs/queues.ts';
import { ServiceFunction } from '../constructs/service-function.ts';
import { addEventTrigger } from '../constructs/triggers.ts';
import { FailureAlarms } from '../constructs/alarms.ts';

export interface StorefleetStackProps extends StackProps {
  readonly manifest: Manifest;
  readonly stage: string;
  /** Silo tenants' tables (infra/stacks/silo-tenant-stack.ts): their streams feed the same consumers. */
  readonly siloTables?: readonly ManifestTable[];
}

export class StorefleetStack extends Stack {
  readonly functions: Readonly<Record<string, ServiceFunction>>;

  constructor(scope: Construct, id: string, props: StorefleetStackProps) {
    super(scope, id, props);
    const { manifest, stage } = props;
    const retain = retainsData(stage);
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

    // What the function environment contract's variables carry here: CDK tokens. The tenant roles
    // trust the functions that use them, so they exist only after the functions; their ARNs are
    // resolved at synthesis.
    let tenantAccess: TenantAccess | undefined;
    const platform: PlatformValues = {
      stage,
      table: (table) => data.get(table).table.tableName,
      queueUrl: (queue) => queues.get(queue).queue.queueUrl,
      encryptionKey: (key) => ({ kmsKeyId: keys.get(key).key.keyArn }),
      macKey: (key) => ({ kmsKeyId: keys.get(key).key.keyArn }),
      identity: () => ({ provider: 'cognito', userPoolId: identity.userPool.userPoolId, userPoolClientId: identity.client.userPoolClientId }),
      tenantData: {
        siloTablePrefix: siloPrefix,
        tenantRoleArn: (level) =>
          Lazy.string({
            produce: () => {
              const role = tenantAccess?.roles[level];
              if (!role) throw new Error(`No tenant data role for ${level} access`);
              return role.roleArn;
            },
          }),
      },
    };

    const functions: Record<string, ServiceFunction> = {};
    const tenantRoleUsers: Array<{ fn: ServiceFunction; access: TableAccess }> = [];
    for (const [name, spec] of Object.entries(manifest.functions)) {
      const fn = new ServiceFunction(this, pascal(name), { spec, environment: functionEnvironment(manifest, spec, platform), retain });
      for (const [table, access] of Object.entries(spec.bindings.tables)) {
        fn.bindTable(data.get(table), access);
        const macKey = manifest.tables[table]?.macKey;
        if (macKey) fn.bindMacKey(keys.get(macKey));
        if (table === tenantData?.name) tenantRoleUsers.push({ fn, access });
      }
      if (spec.bindings.siloTables === 'provision') fn.bindSiloProvisioning(siloPrefix);
      for (const [queue, access] of Object.entries(spec.bindings.queues)) fn.bindQueue(queues.get(queue), access);
      fn.bindIdentity(identity, spec.bindings.identity);
      for (const [key, access] of Object.entries(spec.bindings.keys)) fn.bindKey(keys.get(key), access);
      fn.bindIot(spec.bindings.iot);
      if (spec.trigger.type === 'http') api.addRoute(name, spec.trigger, fn.fn);
      else {
        const failures = addEventTrigger(fn, spec.trigger, { data, queues, identity, name, timeoutSeconds: spec.timeoutSeconds, retain, namePrefix: `${manifest.service}-${stage}`, siloTables: props.siloTables ?? [] });
        failures.forEach((queue, i) => alarms.watch(`${pascal(name)}StreamFailures${i}`, queue, `Stream batches of ${name} failed (replay: npm run outbox:replay)`));
      }
      functions[name] = fn;
    }
    this.functions = functions;

    if (tenantData && tenantRoleUsers.length > 0) {
      const assumers = (level: TableAccess) => tenantRoleUsers.filter((u) => u.access === level).map((u) => u.fn.role);
      const access = new TenantAccess(this, 'TenantAccess', { table: data.get(tenantData.name), siloTablePrefix: siloPrefix, assumers: { read: assumers('read'), readWrite: assumers('readWrite') } });
      for (const { fn, access: level } of tenantRoleUsers) fn.bindTenantRole(access.roles[level]!);
      tenantAccess = access;
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
