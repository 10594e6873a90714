// The "nothing was written" helpers read the tables' streams instead of scanning them; this proves
// they still see a write, a removal and an item of one tenant, so a refusal test using them can fail.
import { describe, expect, it } from 'vitest';
import { call, cloud, itemCounts, newTenant } from '../support/api.ts';
import { entityCounts } from '../support/franchise.ts';

describe('the write journal behind itemCounts and entityCounts', () => {
  it('counts what a request adds, by table and by entity, and nothing for a refused one', async () => {
    const t = await newTenant('journal');
    const before = await itemCounts();
    const entitiesBefore = await entityCounts(t.tenantId);
    const refused = await call('POST', '/v1/regions', { token: t.token, body: {}, headers: { 'idempotency-key': 'journal-refused' } });
    expect(refused.status).toBe(400);
    expect(await itemCounts()).toEqual(before);

    const created = await call('POST', '/v1/regions', { token: t.token, body: { name: 'East' }, headers: { 'idempotency-key': 'journal-1' } });
    expect(created.status).toBe(201);
    const after = await itemCounts();
    expect(after).not.toEqual(before);
    const main = cloud().tables.main!;
    expect(after[main]! - (before[main] ?? 0)).toBeGreaterThanOrEqual(1);
    const entitiesAfter = await entityCounts(t.tenantId);
    expect((entitiesAfter.region ?? 0) - (entitiesBefore.region ?? 0)).toBe(1);
    // Another tenant's view is untouched by this one's region.
    const other = await newTenant('journal-other');
    expect(await entityCounts(other.tenantId)).not.toHaveProperty('region');
  });
});
