// CDK entry point and the only place that reads CDK context. `-c stage=<name>` picks the stage.
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { manifest } from './manifest.ts';
import { StorefleetStack } from './stacks/storefleet-stack.ts';
import { loadFunctionGroups } from './stacks/function-groups.ts';
import { SiloTenantStack } from './stacks/silo-tenant-stack.ts';
import { retainsData, stageConfig } from './stages.ts';

const app = new App();
const stage: unknown = app.node.tryGetContext('stage') ?? 'dev';
// The stage ends up in queue names and stack names, which allow only these characters.
if (typeof stage !== 'string' || !/^[a-z][a-z0-9-]{0,19}$/.test(stage)) {
  throw new Error(`context 'stage' must match /^[a-z][a-z0-9-]{0,19}$/, got ${JSON.stringify(stage)}`);
}

// Environment-agnostic on purpose: synth needs no account lookups and runs offline.
const silos = stageConfig(stage).siloTenants.map(
  (slug) =>
    new SiloTenantStack(app, `Storefleet-${stage}-silo-${slug}`, {
      manifest,
      stage,
      slug,
      retain: retainsData(stage),
      description: `Storefleet ${stage}: the own table of silo chain ${slug}`,
    }),
);
new StorefleetStack(app, `Storefleet-${stage}`, {
  manifest,
  stage,
  siloTables: silos.map((s) => s.table),
  // The files of infra/functions/, one nested stack of functions each.
  functionGroups: await loadFunctionGroups(),
  description: `Storefleet ${stage}: API, data, queues and functions from infra/manifest.ts`,
});
// cdk-nag v3 is a policy-validation plugin: any unacknowledged finding fails `cdk synth`.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
