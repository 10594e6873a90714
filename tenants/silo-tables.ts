// A silo tenant's own table must exist before its signup writes anything. In AWS the table comes
// from a CDK stack per silo chain listed in the stage configuration (infra/stages.ts), so signup
// only checks that it is there; locally the local cloud creates it on request, as a stack would.
import { DescribeTableCommand, ResourceNotFoundException } from '@aws-sdk/client-dynamodb';
import { boundSiloTable, TENANT_DATA_ENV } from '../domain/shared/bindings.ts';
import { runtimeEnv } from '../domain/shared/runtime-env.ts';
import { dynamoClient } from '../domain/shared/dynamo.ts';
import { DomainError } from '../domain/shared/errors.ts';

export type SiloTables = { ensure: (slug: string) => Promise<void> };

const notProvisioned = (slug: string) =>
  new DomainError('tier_unavailable', `No silo table is provisioned for "${slug}": silo chains are set up with their stage before they sign up`);

const deployedSiloTables: SiloTables = {
  ensure: async (slug) => {
    try {
      const { Table } = await dynamoClient.send(new DescribeTableCommand({ TableName: boundSiloTable(slug) }));
      if (Table?.TableStatus !== 'ACTIVE') throw notProvisioned(slug);
    } catch (error) {
      if (error instanceof ResourceNotFoundException) throw notProvisioned(slug);
      throw error;
    }
  },
};

const localSiloTables = (provisionerUrl: string): SiloTables => ({
  ensure: async (slug) => {
    const res = await fetch(provisionerUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ slug }) });
    if (!res.ok) throw new Error(`The local cloud could not create the silo table for ${slug}: ${res.status} ${await res.text()}`);
  },
});

export const siloTablesFromEnv = (): SiloTables => {
  const url = runtimeEnv()[TENANT_DATA_ENV.siloProvisionerUrl];
  return url ? localSiloTables(url) : deployedSiloTables;
};
