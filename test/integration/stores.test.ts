// Regions, stores and users at chain scale: creation, filters, cursors, store-scoped roles, audit.
import { beforeAll, describe, expect, it } from 'vitest';
import { call, expectEnvelope, itemCounts, newTenant, newUser, PASSWORD, seedStores, type ApiResponse, type TestTenant } from '../support/api.ts';

let chain: TestTenant;
let north: Awaited<ReturnType<typeof seedStores>>;
let south: Awaited<ReturnType<typeof seedStores>>;

beforeAll(async () => {
  chain = await newTenant('stores');
  north = await seedStores(chain, 4, 'direct', 'N');
  south = await seedStores(chain, 3, 'franchise', 'S');
});

describe('stores', () => {
  it('creates a store with the tenant time zone by default', async () => {
    expect(north.stores[0]).toEqual({
      id: expect.stringMatching(/^sto_/),
      code: 'N001',
      name: 'Store 1',
      regionId: north.regionId,
      ownership: 'direct',
      address: '1 Nanjing Road',
      timezone: 'Asia/Shanghai',
      status: 'active',
      createdAt: expect.any(String),
    });
  });

  it('refuses a duplicate code (409) and an unknown region (400), writing nothing', async () => {
    const before = await itemCounts();
    const dup = await call('POST', '/v1/stores', { token: chain.token, body: { code: 'N001', name: 'x', regionId: north.regionId, ownership: 'direct', address: 'a' } });
    expectEnvelope(dup, 409, 'already_exists');
    const ghost = await call('POST', '/v1/stores', { token: chain.token, body: { code: 'X1', name: 'x', regionId: 'reg_01JC0000000000000000000000', ownership: 'direct', address: 'a' } });
    expectEnvelope(ghost, 400, 'validation_failed');
    expect(ghost.body.error.details).toEqual([{ path: 'body.regionId', message: 'No such region in this chain' }]);
    const badTz = await call('POST', '/v1/stores', { token: chain.token, body: { code: 'X2', name: 'x', regionId: north.regionId, ownership: 'direct', address: 'a', timezone: 'Mars/Olympus' } });
    expectEnvelope(badTz, 400, 'validation_failed');
    expect(await itemCounts()).toEqual(before);
  });

  it('lists by code, filters by region and ownership, and pages with a cursor', async () => {
    const all = await call('GET', '/v1/stores?limit=100', { token: chain.token });
    expect(all.body.data.map((s: { code: string }) => s.code)).toEqual(['N001', 'N002', 'N003', 'N004', 'S001', 'S002', 'S003']);
    const franchised = await call('GET', '/v1/stores?ownership=franchise', { token: chain.token });
    expect(franchised.body.data.map((s: { code: string }) => s.code)).toEqual(['S001', 'S002', 'S003']);
    // Walk the pages: each holds at most `limit`, and together they hold every match once.
    const pages: string[][] = [];
    let cursor: string | null = null;
    do {
      const page: ApiResponse = await call('GET', `/v1/stores?regionId=${north.regionId}&limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token: chain.token });
      pages.push(page.body.data.map((s: { code: string }) => s.code));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(pages[0]).toEqual(['N001', 'N002', 'N003']);
    expect(pages.flat()).toEqual(['N001', 'N002', 'N003', 'N004']);
  });

  it('shows store-scoped roles only their stores, and other stores as not found', async () => {
    const mine = north.stores[1]!.id;
    const manager = await newUser(chain, 'store_manager', [mine]);
    const list = await call('GET', '/v1/stores', { token: manager.token });
    expect(list.body.data.map((s: { id: string }) => s.id)).toEqual([mine]);
    expect((await call('GET', `/v1/stores/${mine}`, { token: manager.token })).status).toBe(200);
    expectEnvelope(await call('GET', `/v1/stores/${north.stores[0]!.id}`, { token: manager.token }), 404, 'not_found');
    expectEnvelope(await call('POST', '/v1/stores', { token: manager.token, body: {} }), 403, 'forbidden');
  });

  it("answers another tenant's store as not found", async () => {
    const other = await newTenant('other');
    expectEnvelope(await call('GET', `/v1/stores/${north.stores[0]!.id}`, { token: other.token }), 404, 'not_found');
    expect((await call('GET', '/v1/stores', { token: other.token })).body.data).toEqual([]);
  });
});

describe('users', () => {
  it('adds a scoped user who can sign in, and never returns the password', async () => {
    const res = await call('POST', '/v1/users', { token: chain.token, body: { email: 'Cashier@Chain.example', password: PASSWORD, role: 'cashier', storeIds: [south.stores[0]!.id] } });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: expect.stringMatching(/^usr_/), email: 'cashier@chain.example', role: 'cashier', storeIds: [south.stores[0]!.id], createdAt: expect.any(String) });
    expect(JSON.stringify(res.body)).not.toContain(PASSWORD);
    const token = await call('POST', '/v1/auth/token', { body: { tenant: chain.slug, email: 'cashier@chain.example', password: PASSWORD } });
    expect(token.status).toBe(200);
    expectEnvelope(await call('POST', '/v1/users', { token: chain.token, body: { email: 'cashier@chain.example', password: PASSWORD, role: 'cashier', storeIds: [south.stores[0]!.id] } }), 409, 'already_exists');
  });

  it('refuses stores of another tenant, scoped roles without stores and chain roles with stores', async () => {
    const other = await newTenant('other');
    const foreign = await seedStores(other, 1);
    const before = await itemCounts();
    const cases = [
      { role: 'cashier', storeIds: [foreign.stores[0]!.id], path: 'body.storeIds.0' },
      { role: 'store_manager', storeIds: [], path: 'body.storeIds' },
      { role: 'hq_admin', storeIds: [north.stores[0]!.id], path: 'body.storeIds' },
    ];
    for (const c of cases) {
      const res = await call('POST', '/v1/users', { token: chain.token, body: { email: `x-${c.role}@chain.example`, password: PASSWORD, role: c.role, storeIds: c.storeIds } });
      expectEnvelope(res, 400, 'validation_failed');
      expect(res.body.error.details[0].path).toBe(c.path);
    }
    expect(await itemCounts()).toEqual(before);
  });
});

describe('audit trail', () => {
  it('records who created what, newest first, for HQ only', async () => {
    const fresh = await newTenant('audit');
    const seeded = await seedStores(fresh, 1);
    const trail = await call('GET', '/v1/audit', { token: fresh.token });
    expect(trail.body.data.map((e: { action: string }) => e.action)).toEqual(['store.created', 'region.created']);
    expect(trail.body.data[0]).toMatchObject({
      actor: { id: fresh.adminId, role: 'hq_admin' },
      target: { type: 'store', id: seeded.stores[0]!.id },
      before: null,
      after: expect.objectContaining({ code: 'S001' }),
    });
    const cashier = await newUser(fresh, 'cashier', [seeded.stores[0]!.id]);
    expectEnvelope(await call('GET', '/v1/audit', { token: cashier.token }), 403, 'forbidden');
  });
});
