// Registering terminals with one-time provisioning codes: the code route, and the provisioning
// hook's use case against DynamoDB Local. One code registers one terminal, once; the chain's
// terminal quota holds under racing registrations; a terminal retrying its own registration is
// answered again; nothing is written by a refusal.
import { beforeAll, describe, expect, it } from 'vitest';
import { call, expectEnvelope, itemCounts, newTenant, newUser, seedStores, type TestTenant } from '../support/api.ts';
import { issueCode, terminalKit, type TerminalKit } from '../support/terminals.ts';

let kit: TerminalKit;
let chain: TestTenant;
let storeId: string;
let otherStoreId: string;

beforeAll(async () => {
  kit = await terminalKit();
  chain = await newTenant('tills');
  const { stores } = await seedStores(chain, 2);
  [storeId, otherStoreId] = stores.map((s) => s.id as string) as [string, string];
}, 120_000);

const serial = () => `SN-${Math.random().toString(36).slice(2, 10).toUpperCase()}`;

describe('POST /v1/stores/{storeId}/provisioning-codes', () => {
  it('gives HQ and field engineers a short single-use code valid for 30 minutes', async () => {
    const engineer = await newUser(chain, 'field_engineer');
    for (const token of [chain.token, engineer.token]) {
      const before = Date.now();
      const res = await call('POST', `/v1/stores/${storeId}/provisioning-codes`, { token, body: {} });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({ code: expect.stringMatching(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/), expiresAt: expect.any(String), storeId });
      const ttl = Date.parse(res.body.expiresAt) - before;
      expect(ttl).toBeGreaterThan(29 * 60_000);
      expect(ttl).toBeLessThanOrEqual(30 * 60_000 + 5_000);
    }
    const audit = await call('GET', '/v1/audit', { token: chain.token });
    expect(audit.body.data.filter((e: { action: string }) => e.action === 'terminal.provisioning_code.issued')).toHaveLength(2);
    // The code itself is shown once and kept nowhere, not even in the audit trail.
    expect(JSON.stringify(audit.body)).not.toMatch(/[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/);
  });

  it('refuses roles that do not provision, unknown and closed stores, and bodies with fields, writing nothing', async () => {
    const cashier = await newUser(chain, 'cashier', [storeId]);
    const manager = await newUser(chain, 'store_manager', [storeId]);
    const other = await newTenant('other-tills');
    const before = await itemCounts();
    expectEnvelope(await call('POST', `/v1/stores/${storeId}/provisioning-codes`, { token: cashier.token, body: {} }), 403, 'forbidden');
    expectEnvelope(await call('POST', `/v1/stores/${storeId}/provisioning-codes`, { token: manager.token, body: {} }), 403, 'forbidden');
    expectEnvelope(await call('POST', `/v1/stores/${storeId}/provisioning-codes`, { token: other.token, body: {} }), 404, 'not_found');
    expectEnvelope(await call('POST', '/v1/stores/sto_01JAAAAAAAAAAAAAAAAAAAAAAA/provisioning-codes', { token: chain.token, body: {} }), 404, 'not_found');
    expectEnvelope(await call('POST', '/v1/stores/not-a-store/provisioning-codes', { token: chain.token, body: {} }), 400, 'validation_failed');
    expectEnvelope(await call('POST', `/v1/stores/${storeId}/provisioning-codes`, { token: chain.token, body: { tenantId: other.tenantId } }), 400, 'validation_failed');
    expect(await itemCounts()).toEqual(before);

    const { stores } = await seedStores(chain, 1, 'direct', 'C');
    await kit.closeStore(chain.tenantId, stores[0]!.id);
    expectEnvelope(await call('POST', `/v1/stores/${stores[0]!.id}/provisioning-codes`, { token: chain.token, body: {} }), 409, 'invalid_state');
  });

  it("answers 403 quota_exceeded once the chain holds its tier's 10,000 terminals", async () => {
    const full = await newTenant('full-fleet');
    const { stores } = await seedStores(full, 1);
    await kit.setCount(full.tenantId, 10_000);
    const before = await itemCounts();
    const res = await call('POST', `/v1/stores/${stores[0]!.id}/provisioning-codes`, { token: full.token, body: {} });
    expectEnvelope(res, 403, 'quota_exceeded');
    expect(res.body.error.details).toEqual([{ quota: 'terminals', limit: 10_000, tier: 'pooled' }]);
    expect(await itemCounts()).toEqual(before);
    await kit.setCount(full.tenantId, 9_999);
    expect((await call('POST', `/v1/stores/${stores[0]!.id}/provisioning-codes`, { token: full.token, body: {} })).status).toBe(201);
  });
});

describe('registering with a code (the provisioning hook)', () => {
  it('registers one terminal into the code’s store and counts it, once', async () => {
    const code = await issueCode(chain, storeId);
    const before = await kit.count(chain.tenantId);
    const sn = serial();
    // Typed by hand: lower case, no dashes, O for 0 and I for 1 all read as meant.
    const typed = code.replace(/-/g, '').toLowerCase().replace(/0/g, 'o').replace(/1/g, 'i');
    const first = await kit.register({ code: typed, serialNumber: sn });
    expect(first).toEqual({ allowed: true, replayed: false, tenantId: chain.tenantId, storeId, thingName: expect.stringMatching(/^trm_[0-9A-HJKMNP-TV-Z]{26}$/) });
    expect(await kit.count(chain.tenantId)).toBe(before + 1);
    const terminal = await call('GET', `/v1/terminals/${first.allowed && first.thingName}`, { token: chain.token });
    expect(terminal.body).toMatchObject({ storeId, serialNumber: sn, certificateId: 'c'.repeat(64) });

    // The same terminal, retrying because it never heard the answer, gets the same registration,
    // and its earlier certificate is revoked and detached before the retry is allowed.
    const retry = await kit.register({ code, serialNumber: sn, certificateId: 'd'.repeat(64) });
    expect(retry).toEqual({ ...first, replayed: true, supersedes: 'c'.repeat(64) });
    expect(kit.retired).toContainEqual([first.allowed && first.thingName, 'c'.repeat(64)]);
    expect(await kit.count(chain.tenantId)).toBe(before + 1);
    expect((await call('GET', `/v1/terminals/${first.allowed && first.thingName}`, { token: chain.token })).body.certificateId).toBe('d'.repeat(64));
    // Any other device holding the spent code gets nothing.
    expect(await kit.register({ code, serialNumber: serial() })).toEqual({ allowed: false, reason: 'code_used' });
  });

  it('answers a retry again only while the code is valid and the till has not connected', async () => {
    const sn = serial();
    const first = await kit.register({ code: await issueCode(chain, storeId), serialNumber: sn });
    if (!first.allowed) throw new Error(first.reason);
    const connected = await issueCode(chain, storeId);
    const other = await kit.register({ code: connected, serialNumber: serial() });
    if (!other.allowed) throw new Error(other.reason);
    const expiring = await issueCode(chain, storeId);
    const late = await kit.register({ code: expiring, serialNumber: sn.replace('SN-', 'SL-') });
    if (!late.allowed) throw new Error(late.reason);
    const certificate = async (thingName: string) => (await call('GET', `/v1/terminals/${thingName}`, { token: chain.token })).body.certificateId;

    // The till connected with its certificate: it had its answer, so a registration now is not its retry.
    expect(await kit.presence(other.thingName, 'connected', 1)).toBe('applied');
    const serialOf = (await call('GET', `/v1/terminals/${other.thingName}`, { token: chain.token })).body.serialNumber;
    expect(await kit.register({ code: connected, serialNumber: serialOf, certificateId: 'e'.repeat(64) })).toEqual({ allowed: false, reason: 'code_used' });
    expect(await certificate(other.thingName)).toBe('c'.repeat(64));

    // Past the code's 30 minutes a retry is refused too, connected or not.
    kit.clock.set(Date.now() + 30 * 60_000 + 1_000);
    try {
      expect(await kit.register({ code: expiring, serialNumber: sn.replace('SN-', 'SL-'), certificateId: 'e'.repeat(64) })).toEqual({ allowed: false, reason: 'code_used' });
    } finally {
      kit.clock.set(Date.now());
    }
    expect(await certificate(late.thingName)).toBe('c'.repeat(64));
    // A refused registration revokes nothing: the till keeps its one certificate.
    expect(kit.retired.filter(([thing]) => thing === other.thingName || thing === late.thingName)).toEqual([]);
  });

  it('retires nothing for a retry with the certificate recorded, and refuses a retry whose earlier certificate cannot be revoked, changing nothing', async () => {
    const code = await issueCode(chain, storeId);
    const sn = serial();
    const first = await kit.register({ code, serialNumber: sn });
    if (!first.allowed) throw new Error(first.reason);
    const retiredOf = () => kit.retired.filter(([thing]) => thing === first.thingName);
    const certificate = async () => (await call('GET', `/v1/terminals/${first.thingName}`, { token: chain.token })).body.certificateId;

    // IoT Core asking again for the certificate it already has: answered, nothing retired.
    expect(await kit.register({ code, serialNumber: sn })).toEqual({ ...first, replayed: true });
    expect(retiredOf()).toEqual([]);

    // The registry cannot revoke the earlier certificate: the retry fails (IoT Core refuses the
    // till) and the terminal still names the earlier certificate, so nothing escapes revocation.
    kit.setRegistryDown(true);
    try {
      await expect(kit.register({ code, serialNumber: sn, certificateId: 'd'.repeat(64) })).rejects.toMatchObject({ name: 'ThrottlingException' });
    } finally {
      kit.setRegistryDown(false);
    }
    expect(await certificate()).toBe('c'.repeat(64));
    expect(retiredOf()).toEqual([]);

    // The till's next retry goes through the same path and retires the certificate recorded.
    expect(await kit.register({ code, serialNumber: sn, certificateId: 'e'.repeat(64) })).toEqual({ ...first, replayed: true, supersedes: 'c'.repeat(64) });
    expect(await certificate()).toBe('e'.repeat(64));
    expect(await kit.register({ code, serialNumber: sn, certificateId: 'f'.repeat(64) })).toEqual({ ...first, replayed: true, supersedes: 'e'.repeat(64) });
    expect(retiredOf()).toEqual([
      [first.thingName, 'c'.repeat(64)],
      [first.thingName, 'e'.repeat(64)],
    ]);
  });

  it('refuses unknown, malformed and expired codes, a serial registered already and a closed store, writing nothing', async () => {
    const sn = serial();
    expect((await kit.register({ code: await issueCode(chain, otherStoreId), serialNumber: sn })).allowed).toBe(true);
    const fresh = await issueCode(chain, otherStoreId);
    const expiring = await issueCode(chain, otherStoreId);
    const { stores } = await seedStores(chain, 1, 'direct', 'X');
    const closing = await issueCode(chain, stores[0]!.id);
    await kit.closeStore(chain.tenantId, stores[0]!.id);

    const before = await itemCounts();
    expect(await kit.register({ code: 'ZZZZ-ZZZZ-ZZZZ', serialNumber: serial() })).toEqual({ allowed: false, reason: 'unknown_code' });
    expect(await kit.register({ code: 'not a code', serialNumber: serial() })).toEqual({ allowed: false, reason: 'malformed' });
    expect(await kit.register({ code: fresh, serialNumber: 'bad serial/../' })).toEqual({ allowed: false, reason: 'malformed' });
    expect(await kit.register({ code: fresh, serialNumber: sn })).toEqual({ allowed: false, reason: 'serial_registered' });
    expect(await kit.register({ code: closing, serialNumber: serial() })).toEqual({ allowed: false, reason: 'store_not_active' });
    kit.clock.set(Date.now() + 30 * 60_000 + 1_000);
    expect(await kit.register({ code: expiring, serialNumber: serial() })).toEqual({ allowed: false, reason: 'code_expired' });
    kit.clock.set(Date.now());
    expect(await itemCounts()).toEqual(before);
  });

  it('spends a code once when two devices race with it', async () => {
    const code = await issueCode(chain, storeId);
    const before = await kit.count(chain.tenantId);
    const outcomes = await Promise.all([serial(), serial(), serial()].map((serialNumber) => kit.register({ code, serialNumber })));
    expect(outcomes.filter((o) => o.allowed)).toHaveLength(1);
    expect(outcomes.filter((o) => !o.allowed)).toEqual([{ allowed: false, reason: 'code_used' }, { allowed: false, reason: 'code_used' }]);
    expect(await kit.count(chain.tenantId)).toBe(before + 1);
  });

  it('holds the terminal quota when registrations race for the last places', async () => {
    const small = await newTenant('small-fleet');
    const { stores } = await seedStores(small, 1);
    const codes = await Promise.all(Array.from({ length: 8 }, () => issueCode(small, stores[0]!.id)));
    kit.setLimit(3);
    try {
      const outcomes = await Promise.all(codes.map((code) => kit.register({ code, serialNumber: serial() })));
      expect(outcomes.filter((o) => o.allowed)).toHaveLength(3);
      expect(outcomes.filter((o) => !o.allowed).map((o) => !o.allowed && o.reason)).toEqual(Array(5).fill('quota_exceeded'));
      expect(await kit.count(small.tenantId)).toBe(3);
      const listed = await call('GET', '/v1/terminals', { token: small.token });
      expect(listed.body.data).toHaveLength(3);
    } finally {
      kit.setLimit(10_000);
    }
  });
});

describe("a terminal's presence (IoT Core lifecycle events)", () => {
  it('follows connects and disconnects in version order, however late or often they arrive', async () => {
    const registered = await kit.register({ code: await issueCode(chain, storeId), serialNumber: serial() });
    if (!registered.allowed) throw new Error(registered.reason);
    const { thingName } = registered;
    const view = async () => (await call('GET', `/v1/terminals/${thingName}`, { token: chain.token })).body;
    expect(await view()).toMatchObject({ status: 'offline', lastSeenAt: null });

    const t0 = Date.UTC(2026, 10, 24, 8, 0, 0);
    // The disconnect of the first connection arrives before its connect.
    expect(await kit.presence(thingName, 'disconnected', 100, t0 + 5_000)).toBe('applied');
    expect(await kit.presence(thingName, 'connected', 100, t0)).toBe('stale');
    expect(await view()).toMatchObject({ status: 'offline', lastSeenAt: new Date(t0 + 5_000).toISOString() });
    expect(await kit.presence(thingName, 'connected', 200, t0 + 9_000)).toBe('applied');
    expect(await kit.presence(thingName, 'connected', 200, t0 + 9_000)).toBe('stale');
    expect(await view()).toMatchObject({ status: 'online', lastSeenAt: new Date(t0 + 9_000).toISOString() });
    expect(await kit.presence('claim-SN-1', 'connected', 300)).toBe('not_a_terminal');

    // Events of a connection that did not authenticate as the terminal's certificate change nothing.
    expect(await kit.presence(thingName, 'disconnected', 400, t0 + 20_000, 'f'.repeat(64))).toBe('stale');
    expect(await view()).toMatchObject({ status: 'online', lastSeenAt: new Date(t0 + 9_000).toISOString() });
  });
});

describe('GET /v1/terminals and /v1/terminals/{id}', () => {
  it('show the serial number to HQ and field engineers only', async () => {
    const sn = serial();
    const { stores } = await seedStores(chain, 1, 'direct', 'V');
    const storeId = stores[0]!.id as string;
    const registered = await kit.register({ code: await issueCode(chain, storeId), serialNumber: sn });
    if (!registered.allowed) throw new Error(registered.reason);
    const engineer = await newUser(chain, 'field_engineer');
    const manager = await newUser(chain, 'store_manager', [storeId]);
    const cashier = await newUser(chain, 'cashier', [storeId]);
    for (const [token, shown] of [[chain.token, true], [engineer.token, true], [manager.token, false], [cashier.token, false]] as const) {
      const one = await call('GET', `/v1/terminals/${registered.thingName}`, { token });
      expect(one.status).toBe(200);
      expect('serialNumber' in one.body).toBe(shown);
      const listed = (await call('GET', `/v1/terminals?storeId=${storeId}`, { token })).body.data.find((t: { id: string }) => t.id === registered.thingName);
      expect(listed.serialNumber).toBe(shown ? sn : undefined);
      if (!shown) expect(JSON.stringify((await call('GET', '/v1/terminals', { token })).body)).not.toContain(sn);
    }
  });
});

