// Silo tenants' own tables, locally. In AWS a CDK stack per silo chain creates one (infra/stages.ts);
// here signup asks the local cloud for it, and its stream feeds the same functions as the shared
// table's. Tables left by a persisted run are picked up again at start.
import { ListTablesCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { siloTableName, siloTablePrefix } from '../domain/shared/bindings.ts';
import { tenantDataTable, type Manifest } from '../infra/manifest-schema.ts';
import { DomainError } from '../domain/shared/errors.ts';
import { ensureTable } from './provision.ts';
import type { EventSources } from './event-sources.ts';

export const SILO_PROVISIONER_PATH = '/_local/silo-tables';
const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/;

export type LocalSiloTables = { prefix: string; create: (slug: unknown) => Promise<string> };

const existingTables = async (dynamo: DynamoDBClient, prefix: string): Promise<string[]> => {
  const names: string[] = [];
  let start: string | undefined;
  do {
    const page = await dynamo.send(new ListTablesCommand({ ExclusiveStartTableName: start }));
    names.push(...(page.TableNames ?? []).filter((n) => n.startsWith(prefix)));
    start = page.LastEvaluatedTableName;
  } while (start);
  return names;
};

export const startLocalSiloTables = async (manifest: Manifest, stage: string, deps: { dynamo: DynamoDBClient; sources: EventSources }): Promise<LocalSiloTables | undefined> => {
  const data = tenantDataTable(manifest);
  if (!data) return undefined;
  const prefix = siloTablePrefix(manifest.service, stage);
  const streaming = new Map<string, Promise<void>>();
  const stream = (table: string) => {
    // One stream source per table, however many signups ask for it.
    if (!streaming.has(table)) streaming.set(table, deps.sources.addTableStream(data.name, table));
    return streaming.get(table)!;
  };
  for (const table of await existingTables(deps.dynamo, prefix)) await stream(table);
  return {
    prefix,
    create: async (slug) => {
      if (typeof slug !== 'string' || !SLUG.test(slug)) throw new DomainError('validation_failed', 'slug must be a tenant slug');
      const table = siloTableName(prefix, slug);
      await ensureTable(deps.dynamo, table, data.spec);
      await stream(table);
      return table;
    },
  };
};
