// One group of manifest functions (infra/stacks/function-groups.ts) as a nested stack of the
// stage: each function with its role, log group and grants, and what its trigger makes (route,
// integration and invoke permission; event source mappings and their failure queues; schedule
// rules; IoT rules and provisioning). The shared resources stay in the stage's stack and reach
// this one as nested stack parameters, which the CDK adds for every reference.
import { NestedStack, type NestedStackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { Manifest } from '../manifest-schema.ts';
import { functionEnvironment, type PlatformValues } from '../../domain/shared/function-env.ts';
import type { Api } from '../constructs/api.ts';
import type { Data, ManifestTable } from '../constructs/data.ts';
import type { Identity } from '../constructs/identity.ts';
import type { Keys } from '../constructs/keys.ts';
import type { FailureAlarms } from '../constructs/alarms.ts';
import type { Queues } from '../constructs/queues.ts';
import { pascal } from '../constructs/naming.ts';
import { ServiceFunction } from '../constructs/service-function.ts';
import { tenantRoleArn, type TableAccess } from '../constructs/tenant-access.ts';
import { addEventTrigger } from '../constructs/triggers.ts';

/** What the stage's stack shares with its function stacks. */
export interface StageResources {
  readonly manifest: Manifest;
  /** `<service>-<stage>`: physical names outside CloudFormation's own naming (IoT, tenant roles). */
  readonly namePrefix: string;
  readonly retain: boolean;
  readonly data: Data;
  readonly queues: Queues;
  readonly identity: Identity;
  readonly keys: Keys;
  readonly api: Api;
  readonly alarms: FailureAlarms;
  /** The function environment contract's values: CDK tokens of the stage's resources. */
  readonly platform: PlatformValues;
  readonly siloTablePrefix: string;
  /** Silo tenants' tables (infra/stacks/silo-tenant-stack.ts): their streams feed the same consumers. */
  readonly siloTables: readonly ManifestTable[];
}

export interface FunctionStackProps extends NestedStackProps {
  /** The manifest names of the functions this stack deploys. */
  readonly functions: readonly string[];
  readonly shared: StageResources;
}

export class FunctionStack extends NestedStack {
  readonly functions: Readonly<Record<string, ServiceFunction>>;
  /** The functions bound to the tenant-data table, by level: who the tenant roles must trust. */
  readonly tenantRoleUsers: ReadonlyArray<{ readonly fn: ServiceFunction; readonly access: TableAccess }>;

  constructor(scope: Construct, id: string, props: FunctionStackProps) {
    super(scope, id, props);
    const { manifest, data, queues, identity, keys, api, alarms, retain, namePrefix } = props.shared;
    const functions: Record<string, ServiceFunction> = {};
    const tenantRoleUsers: Array<{ fn: ServiceFunction; access: TableAccess }> = [];
    for (const name of props.functions) {
      const spec = manifest.functions[name];
      if (!spec) throw new Error(`function ${name} is not in the manifest`);
      const fn = new ServiceFunction(this, pascal(name), { spec, environment: functionEnvironment(manifest, spec, props.shared.platform), retain });
      for (const [table, access] of Object.entries(spec.bindings.tables)) {
        const bound = data.get(table);
        fn.bindTable(bound, access);
        const macKey = manifest.tables[table]?.macKey;
        if (macKey) fn.bindMacKey(keys.get(macKey));
        if (bound.spec.tenantData) {
          fn.bindTenantRole(tenantRoleArn(namePrefix, access));
          tenantRoleUsers.push({ fn, access });
        }
      }
      if (spec.bindings.siloTables === 'provision') fn.bindSiloProvisioning(props.shared.siloTablePrefix);
      for (const [queue, access] of Object.entries(spec.bindings.queues)) fn.bindQueue(queues.get(queue), access);
      fn.bindIdentity(identity, spec.bindings.identity);
      for (const [key, access] of Object.entries(spec.bindings.keys)) fn.bindKey(keys.get(key), access);
      fn.bindIot(spec.bindings.iot);
      if (spec.trigger.type === 'http') api.addRoute(fn, name, spec.trigger, fn.fn);
      else {
        const failures = addEventTrigger(fn, spec.trigger, { data, queues, identity, name, timeoutSeconds: spec.timeoutSeconds, retain, namePrefix, siloTables: props.shared.siloTables });
        failures.forEach((queue, i) => alarms.watch(`${pascal(name)}StreamFailures${i}`, queue, `Stream batches of ${name} failed (replay: npm run outbox:replay)`));
      }
      functions[name] = fn;
    }
    this.functions = functions;
    this.tenantRoleUsers = tenantRoleUsers;
  }
}
