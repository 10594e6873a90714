// Store price versions through the real API: each price change numbered without gaps, announced
// as prices.changed, and fanned out to exactly the stores it affects; a redelivered or stale
// fan-out moves nothing back; terminals read their store's version and acknowledge it.
import { beforeAll, describe, expect, it } from 'vitest';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { call, cloud, newUser, type TestTenant } from '../support/api.ts';
import { createList, patchList, pricedChain, pricesSettled, pricingKit, pricingService, type PricedChain } from '../support/pricing.ts';

const { tenant, refused } = pricingKit();
let t: TestTenant;
let c: PricedChain;

beforeAll(async () => {
  t = await tenant('versions');
  c = await pricedChain(t);
});

const versionOf = async (storeId: string, token = t.token) => (await call('GET', `/v1/stores/${storeId}/price-version`, { token })).body;
const versions = async () => {
  await pricesSettled(t);
  return Promise.all([c.stores.e1, c.stores.e2, c.stores.w1].map(async (id) => (await versionOf(id)).version));
};
const line = (amount: number) => [{ skuId: c.skus.cola330, amount }];

describe('store price versions', () => {
  it('numbers every change without gaps, announces it, and moves exactly the stores it affects', async () => {
    const east = await createList(t, { name: 'East', priority: 10, scope: { regionIds: [c.regions.east] }, prices: line(290) });
    const s1 = east.priceSequence;
    expect(await versions()).toEqual([s1, s1, 0]);
    expect(await versionOf(c.stores.e1)).toMatchObject({ storeId: c.stores.e1, version: s1, priceListId: east.id, changedAt: expect.any(String) });
    const west = await createList(t, { name: 'W1 only', priority: 10, scope: { storeIds: [c.stores.w1], channels: ['online'] }, prices: line(280) });
    expect(await versions()).toEqual([s1, s1, s1 + 1]);
    await createList(t, { name: 'Everywhere', priority: 1, prices: line(299) });
    expect(await versions()).toEqual([s1 + 2, s1 + 2, s1 + 2]);
    // A rename changes no price: numbered and announced, but no store moves.
    expect(await patchList(t, east.id, { name: 'East (renamed)' })).toMatchObject({ priceSequence: s1 + 3 });
    expect(await versions()).toEqual([s1 + 2, s1 + 2, s1 + 2]);
    // Moving a list's scope affects the stores it leaves and the stores it reaches.
    await patchList(t, west.id, { scope: { storeIds: [c.stores.e2] } });
    expect(await versions()).toEqual([s1 + 2, s1 + 4, s1 + 4]);
    // A draft affects nobody until it is activated.
    const draft = await createList(t, { name: 'Draft', status: 'draft', priority: 1, scope: { storeIds: [c.stores.e1] } });
    expect(await versions()).toEqual([s1 + 2, s1 + 4, s1 + 4]);
    await patchList(t, draft.id, { prices: line(1) });
    await patchList(t, draft.id, { status: 'active' });
    expect(await versions()).toEqual([s1 + 7, s1 + 4, s1 + 4]);

    const events = (await call('GET', '/v1/tenant/events?limit=100', { token: t.token })).body.data.filter((e: any) => e.type === 'prices.changed').reverse();
    expect(events.map((e: any) => e.payload.sequence)).toEqual([1, 2, 3, 4, 5, 6, 7, 8].map((n) => s1 + n - 1));
    expect(events.map((e: any) => e.payload.change)).toEqual([
      'price_list.created', 'price_list.created', 'price_list.created', 'price_list.updated', 'price_list.updated', 'price_list.created', 'price_list.updated', 'price_list.activated',
    ]);
    const full = (scope: Record<string, string[]>) => ({ regionIds: [], storeIds: [], channels: [], ...scope });
    expect(events[0].payload).toEqual({ sequence: s1, priceListId: east.id, version: 1, change: 'price_list.created', scopes: [full({ regionIds: [c.regions.east] })] });
    expect(events[3].payload).toMatchObject({ priceListId: east.id, version: 2, scopes: [] });
    // A new scope replaces the old one whole.
    expect(events[4].payload.scopes).toEqual([full({ storeIds: [c.stores.w1], channels: ['online'] }), full({ storeIds: [c.stores.e2] })]);
  });

  it('moves nothing back on a redelivered or stale fan-out', async () => {
    const sqs = new SQSClient({ endpoint: cloud().endpoints.sqs, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    const before = await Promise.all([c.stores.e1, c.stores.e2, c.stores.w1].map((id) => versionOf(id)));
    const latest = Math.max(...before.map((v) => v.version));
    // The latest change exactly as the stream queued it, and the first change with a wider scope.
    const { data: change } = await (await pricingService()).entities.priceChange.get({ tenantId: t.tenantId, sequence: latest }).go();
    const queued = { tenantId: t.tenantId, sequence: latest, priceListId: change!.priceListId, listVersion: change!.listVersion, change: change!.change, scopes: change!.scopes };
    const send = (sequence: number, copy: string) =>
      sqs.send(
        new SendMessageCommand({
          QueueUrl: cloud().queues.priceFanouts!.url,
          MessageBody: JSON.stringify(sequence === latest ? queued : { ...queued, sequence, scopes: [{ regionIds: [], storeIds: [], channels: [] }] }),
          MessageGroupId: t.tenantId,
          MessageDeduplicationId: `${t.tenantId}-${sequence}-${copy}`,
        }),
      );
    await send(1, 'stale');
    await send(latest, 'again');
    // The queue is FIFO per tenant: once this later change is delivered, both copies have been consumed.
    const next = await createList(t, { name: 'After', status: 'draft', priority: 1 });
    await pricesSettled(t);
    expect(next.priceSequence).toBe(latest + 1);
    expect(await Promise.all([c.stores.e1, c.stores.e2, c.stores.w1].map((id) => versionOf(id)))).toEqual(before);
    sqs.destroy();
  });

  it('lets terminals read their store version and acknowledge what they run, forward only', async () => {
    const cashier = await newUser(t, 'cashier', [c.stores.e1]);
    const { version } = await versionOf(c.stores.e1, cashier.token);
    expect(version).toBeGreaterThan(1);
    expect(await versionOf(c.stores.e1, cashier.token)).toMatchObject({ acknowledgedVersion: 0, acknowledgedAt: null, upToDate: false });
    const ack = (v: unknown, storeId = c.stores.e1, token = cashier.token) => call('PUT', `/v1/stores/${storeId}/price-version/acknowledgement`, { token, body: { version: v } });
    expect((await ack(version - 1)).body).toMatchObject({ version, acknowledgedVersion: version - 1, upToDate: false });
    const done = (await ack(version)).body;
    expect(done).toMatchObject({ version, acknowledgedVersion: version, acknowledgedAt: expect.any(String), upToDate: true });
    expect((await ack(version - 1)).body).toEqual(done);
    expect(await versionOf(c.stores.e1)).toEqual(done);
    const ahead = await refused(() => ack(version + 1), 409, 'invalid_state');
    expect(ahead.body.error.message).toMatch(/has not reached it/);
    await refused(() => ack(-1), 400, 'validation_failed');
    await refused(() => ack('latest'), 400, 'validation_failed');
    await refused(() => ack(1, c.stores.e2), 404, 'not_found');
    await refused(() => call('GET', `/v1/stores/${c.stores.e2}/price-version`, { token: cashier.token }), 404, 'not_found');
    const other = await tenant('versions-other');
    await refused(() => call('GET', `/v1/stores/${c.stores.e1}/price-version`, { token: other.token }), 404, 'not_found');
    await refused(() => ack(1, c.stores.e1, other.token), 404, 'not_found');
  });
});
