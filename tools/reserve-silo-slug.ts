// `npx tsx tools/reserve-silo-slug.ts --slug acme --table <stage main table>`: the operator's step
// when provisioning a silo chain (with its slug listed in infra/stages.ts). Reserves the slug and
// prints the one-time signup token (valid 7 days; running it again voids the previous one) to hand
// to the chain, which signs up with `{ slug, tier: "silo", siloToken }`. Credentials and endpoint
// come from the usual AWS_* variables (AWS_ENDPOINT_URL_DYNAMODB for DynamoDB Local).
import { parseArgs } from 'node:util';
import { documentClient } from '../domain/shared/dynamo.ts';
import { systemClock } from '../domain/shared/clock.ts';
import { createTenancyService } from '../tenants/store.ts';
import { reserveSiloSlug } from '../tenants/silo-reservations.ts';

const { values: args } = parseArgs({ options: { slug: { type: 'string' }, table: { type: 'string', default: process.env.TABLE_MAIN } } });
if (!args.slug || !args.table) {
  console.error('Usage: npx tsx tools/reserve-silo-slug.ts --slug <slug> --table <main table name> (or TABLE_MAIN)');
  process.exit(2);
}
const platform = createTenancyService({ tenantTable: args.table, platformTable: args.table, client: documentClient });
const { token, expiresAt } = await reserveSiloSlug(args.slug, { platform, clock: systemClock });
console.log(`Reserved silo slug "${args.slug}". One-time signup token (shown once, expires ${expiresAt}):\n${token}`);
