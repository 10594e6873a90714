// A silo chain's own table, one stack per slug listed in infra/stages.ts. The table has the shape
// of the manifest's tenant-data table and a fixed name (prefix + slug) so functions find it from
// the tenant's directory entry. The main stack wires its stream and grants; this stack owns only
// the data, so the chain's table outlives any redeploy of the service.
import { Stack, Tags, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { siloTableName, siloTablePrefix } from '../../domain/shared/bindings.ts';
import { tenantDataTable, type Manifest } from '../manifest-schema.ts';
import { manifestTable, type ManifestTable } from '../constructs/data.ts';

export interface SiloTenantStackProps extends StackProps {
  readonly manifest: Manifest;
  readonly stage: string;
  readonly slug: string;
  readonly retain: boolean;
}

export class SiloTenantStack extends Stack {
  readonly table: ManifestTable;

  constructor(scope: Construct, id: string, props: SiloTenantStackProps) {
    super(scope, id, props);
    const data = tenantDataTable(props.manifest);
    if (!data) throw new Error('The manifest declares no tenant-data table for silo tenants to copy');
    Tags.of(this).add('service', props.manifest.service);
    Tags.of(this).add('stage', props.stage);
    Tags.of(this).add('tenant-slug', props.slug);
    const tableName = siloTableName(siloTablePrefix(props.manifest.service, props.stage), props.slug);
    this.table = manifestTable(this, data.name, data.spec, { retain: props.retain, tableName });
  }
}
