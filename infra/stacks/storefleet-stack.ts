// The whole of one Storefleet stage, assembled from the manifest. Resources and grants live in
// the constructs; this file only wires them together and publishes what clients need.
import { CfnOutput, Stack, Tags } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { Manifest } from '../manifest-schema.ts';
import { Api } from '../constructs/api.ts';
import { Data } from '../constructs/data.ts';
import { Identity } from '../constructs/identity.ts';
import { Keys } from '../constructs/keys.ts';
import { pascal } from '../constructs/naming.ts';
import { Queues } from '../constructs/queues.ts';
import { ServiceFunction } from '../constructs/service-function.ts';
import { addEventTrigger } from '../constructs/triggers.ts';

export interface StorefleetStackProps extends StackProps {
  readonly manifest: Manifest;
  readonly stage: string;
}

/** Stages whose data, users and logs must outlive a `cdk destroy`. */
const RETAINED_STAGES: readonly string[] = ['prod'];

export class StorefleetStack extends Stack {
  readonly functions: Readonly<Record<string, ServiceFunction>>;

  constructor(scope: Construct, id: string, props: StorefleetStackProps) {
    super(scope, id, props);
    const { manifest, stage } = props;
    const retain = RETAINED_STAGES.includes(stage);
    Tags.of(this).add('service', manifest.service);
    Tags.of(this).add('stage', stage);

    const data = new Data(this, 'Data', { tables: manifest.tables, retain });
    const queues = new Queues(this, 'Queues', { service: manifest.service, stage, queues: manifest.queues });
    const identity = new Identity(this, 'Identity', { retain });
    const keys = new Keys(this, 'Keys', { service: manifest.service, stage, keys: manifest.keys, retain });
    const api = new Api(this, 'Api', { userPool: identity.userPool, client: identity.client, retain });

    const functions: Record<string, ServiceFunction> = {};
    for (const [name, spec] of Object.entries(manifest.functions)) {
      const fn = new ServiceFunction(this, pascal(name), { spec, service: manifest.service, stage, retain });
      for (const [table, access] of Object.entries(spec.bindings.tables)) fn.bindTable(data.get(table), access);
      for (const [queue, access] of Object.entries(spec.bindings.queues)) fn.bindQueue(queues.get(queue), access);
      fn.bindIdentity(identity, spec.bindings.identity);
      for (const [key, access] of Object.entries(spec.bindings.keys)) fn.bindKey(keys.get(key), access);
      if (spec.trigger.type === 'http') api.addRoute(name, spec.trigger, fn.fn);
      else addEventTrigger(fn, spec.trigger, { data, queues, identity, name, timeoutSeconds: spec.timeoutSeconds, retain });
      functions[name] = fn;
    }
    this.functions = functions;

    new CfnOutput(this, 'ApiUrl', { value: api.url });
    new CfnOutput(this, 'UserPoolId', { value: identity.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: identity.client.userPoolClientId });
    for (const { name, table } of Object.values(data.tables)) {
      new CfnOutput(this, `Table${pascal(name)}Name`, { value: table.tableName });
    }
    for (const { name, queue, deadLetterQueue } of Object.values(queues.queues)) {
      new CfnOutput(this, `Queue${pascal(name)}Url`, { value: queue.queueUrl });
      if (deadLetterQueue) new CfnOutput(this, `Queue${pascal(name)}DlqUrl`, { value: deadLetterQueue.queueUrl });
    }
  }
}
