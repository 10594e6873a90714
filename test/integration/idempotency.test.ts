// Idempotency-Key on creating POSTs, as API.md specifies.
import { describe, expect, it } from 'vitest';
import { call, eventually, expectEnvelope, itemCounts, newTenant, PASSWORD, uniqueSlug } from '../support/api.ts';

/** Waits until the tenant's tenant.created event is recorded: its one asynchronous write. */
const consumed = async (slug: string) => {
  const token = await call('POST', '/v1/auth/token', { body: { tenant: slug, email: `admin@${slug}.example`, password: PASSWORD } });
  await eventually(async () => ((await call('GET', '/v1/tenant/events', { token: token.body.accessToken })).body.data.length ? true : undefined));
};

const signupBody = (slug = uniqueSlug()) => ({ name: `Chain ${slug}`, slug, adminEmail: `admin@${slug}.example`, adminPassword: PASSWORD });

describe('Idempotency-Key', () => {
  it('replays the first response within the window, marked Idempotent-Replayed', async () => {
    const key = `key-${uniqueSlug()}`;
    const body = signupBody();
    const first = await call('POST', '/v1/tenants', { body, headers: { 'idempotency-key': key } });
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    await consumed(body.slug);

    const before = await itemCounts();
    const replay = await call('POST', '/v1/tenants', { body, headers: { 'idempotency-key': key } });
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body).toEqual(first.body);
    expect(await itemCounts()).toEqual(before);
  });

  it('refuses the same key with a different body: 409 idempotency_key_reused', async () => {
    const key = `key-${uniqueSlug()}`;
    const first = await call('POST', '/v1/tenants', { body: signupBody(), headers: { 'idempotency-key': key } });
    expect(first.status).toBe(201);
    await consumed(first.body.tenant.slug);
    const before = await itemCounts();
    const res = await call('POST', '/v1/tenants', { body: signupBody(), headers: { 'idempotency-key': key } });
    expectEnvelope(res, 409, 'idempotency_key_reused');
    expect(await itemCounts()).toEqual(before);
  });

  it('answers 409 request_in_progress while the first request runs, and creates the tenant once', async () => {
    const key = `key-${uniqueSlug()}`;
    const body = signupBody();
    const responses = await Promise.all(Array.from({ length: 4 }, () => call('POST', '/v1/tenants', { body, headers: { 'idempotency-key': key } })));
    const created = responses.filter((r) => r.status === 201 && r.headers.get('idempotent-replayed') === null);
    const inProgress = responses.filter((r) => r.status === 409 && r.body.error.code === 'request_in_progress');
    const replayed = responses.filter((r) => r.status === 201 && r.headers.get('idempotent-replayed') === 'true');
    expect(created).toHaveLength(1);
    expect(inProgress.length).toBeGreaterThan(0);
    expect(created.length + inProgress.length + replayed.length).toBe(4);
    await consumed(body.slug);
  });

  it('does not keep a failed request: a retry with the same key is answered afresh', async () => {
    const key = `key-${uniqueSlug()}`;
    const taken = signupBody();
    expect((await call('POST', '/v1/tenants', { body: taken })).status).toBe(201);
    await consumed(taken.slug);
    const body = { ...signupBody(), slug: taken.slug };
    expectEnvelope(await call('POST', '/v1/tenants', { body, headers: { 'idempotency-key': key } }), 409, 'already_exists');
    const retry = await call('POST', '/v1/tenants', { body, headers: { 'idempotency-key': key } });
    expectEnvelope(retry, 409, 'already_exists');
    expect(retry.headers.get('idempotent-replayed')).toBeNull();
  });

  it('refuses a key longer than 255 characters with 400, writing nothing', async () => {
    const before = await itemCounts();
    const res = await call('POST', '/v1/tenants', { body: signupBody(), headers: { 'idempotency-key': 'k'.repeat(256) } });
    expectEnvelope(res, 400, 'validation_failed');
    expect(res.body.error.details).toEqual([{ path: 'headers.idempotency-key', message: expect.any(String) }]);
    expect(await itemCounts()).toEqual(before);
  });
});

describe('Idempotency-Key across tenants', () => {
  it("never replays another tenant's response for the same key and body", async () => {
    const [a, b] = [await newTenant('idem-a'), await newTenant('idem-b')];
    const key = `shared-${uniqueSlug()}`;
    const body = { name: 'North' };
    const first = await call('POST', '/v1/regions', { token: a.token, body, headers: { 'idempotency-key': key } });
    const other = await call('POST', '/v1/regions', { token: b.token, body, headers: { 'idempotency-key': key } });
    expect(first.status).toBe(201);
    expect(other.status).toBe(201);
    expect(other.headers.get('idempotent-replayed')).toBeNull();
    expect(other.body.id).not.toBe(first.body.id);
    expect((await call('GET', '/v1/regions', { token: b.token })).body.data.map((r: { id: string }) => r.id)).toEqual([other.body.id]);
  });
});
