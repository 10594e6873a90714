// The first slice through everything: signup, token, the caller's tenant, and tenant.created
// travelling outbox -> stream -> SQS -> consumer.
import { describe, expect, it } from 'vitest';
import { GetQueueAttributesCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { call, cloud, eventually, expectEnvelope, itemCounts, newTenant, newUser, PASSWORD, seedStores, uniqueSlug } from '../support/api.ts';

describe('POST /v1/tenants', () => {
  it('creates the tenant and its admin, as API.md says', async () => {
    const slug = uniqueSlug();
    const res = await call('POST', '/v1/tenants', {
      body: { name: 'Sunrise Mart', slug, adminEmail: `Boss@${slug}.example`, adminPassword: PASSWORD },
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      tenant: { id: expect.stringMatching(/^ten_[0-9A-Z]{26}$/), slug, name: 'Sunrise Mart', tier: 'pooled', status: 'active' },
      admin: { id: expect.stringMatching(/^usr_[0-9A-Z]{26}$/), email: `boss@${slug}.example` },
    });
    expect(JSON.stringify(res.body)).not.toContain(PASSWORD);
  });

  it('refuses a slug that is taken with 409 already_exists', async () => {
    const { slug } = await newTenant();
    const res = await call('POST', '/v1/tenants', { body: { name: 'Copycat', slug, adminEmail: 'x@copy.example', adminPassword: PASSWORD } });
    expectEnvelope(res, 409, 'already_exists');
  });
});

describe('POST /v1/auth/token', () => {
  it('issues a bearer token for the right password and the same 401 for every wrong credential', async () => {
    const t = await newTenant();
    const ok = await call('POST', '/v1/auth/token', { body: { tenant: t.slug, email: t.email.toUpperCase(), password: PASSWORD } });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ accessToken: expect.any(String), tokenType: 'Bearer', expiresIn: 3600 });

    const wrong = [
      { tenant: t.slug, email: t.email, password: 'nope-nope-nope' },
      { tenant: t.slug, email: 'nobody@x.example', password: PASSWORD },
      { tenant: 'no-such-chain', email: t.email, password: PASSWORD },
    ];
    for (const body of wrong) {
      const res = await call('POST', '/v1/auth/token', { body });
      expectEnvelope(res, 401, 'unauthenticated');
      expect(res.body.error.message).toBe('The tenant, email or password is wrong');
    }
  });
});

describe('GET /v1/tenant', () => {
  it("returns the caller's own tenant with its default settings", async () => {
    const a = await newTenant('a');
    const b = await newTenant('b');
    const resA = await call('GET', '/v1/tenant', { token: a.token });
    expect(resA.status).toBe(200);
    expect(resA.body).toEqual({
      id: a.tenantId,
      slug: a.slug,
      name: `Chain ${a.slug}`,
      tier: 'pooled',
      status: 'active',
      settings: { currency: 'CNY', timezone: 'Asia/Shanghai', locale: 'zh-CN', royaltyRateBps: 600, paymentFeeRateBps: 38, orderHoldMinutes: 15 },
    });
    const resB = await call('GET', '/v1/tenant', { token: b.token });
    expect(resB.body.id).toBe(b.tenantId);
  });
});

describe('tenant.created through the outbox', () => {
  it('is published from the stream to SQS and recorded once by the consumer', async () => {
    const t = await newTenant();
    const events = await eventually(async () => {
      const res = await call('GET', '/v1/tenant/events', { token: t.token });
      return res.body.data.length > 0 ? res.body.data : undefined;
    });
    expect(events).toEqual([
      {
        id: expect.stringMatching(/^evt_/),
        type: 'tenant.created',
        occurredAt: expect.any(String),
        recordedAt: expect.any(String),
        payload: { tenantId: t.tenantId, slug: t.slug, name: `Chain ${t.slug}`, adminUserId: t.adminId },
      },
    ]);
  });

  it("shows a tenant only its own events", async () => {
    const a = await newTenant('a');
    const b = await newTenant('b');
    const eventsOf = async (token: string) =>
      eventually(async () => {
        const res = await call('GET', '/v1/tenant/events', { token });
        return res.body.data.length > 0 ? (res.body.data as { payload: { tenantId: string } }[]) : undefined;
      });
    expect((await eventsOf(a.token)).map((e) => e.payload.tenantId)).toEqual([a.tenantId]);
    expect((await eventsOf(b.token)).map((e) => e.payload.tenantId)).toEqual([b.tenantId]);
  });
});

describe('the domain event consumer', () => {
  it('records an event once however often SQS delivers it', async () => {
    const t = await newTenant();
    const [recorded] = (await call('GET', '/v1/tenant/events', { token: t.token })).body.data as { id: string; type: string; occurredAt: string; payload: unknown }[];
    const event = { id: recorded!.id, type: recorded!.type, tenantId: t.tenantId, occurredAt: recorded!.occurredAt, payload: recorded!.payload };
    const { endpoints, queues } = cloud();
    const sqs = new SQSClient({ endpoint: endpoints.sqs, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    // Distinct deduplication ids: these are redeliveries SQS's own deduplication would not catch.
    for (const copy of ['again-1', 'again-2'])
      await sqs.send(new SendMessageCommand({ QueueUrl: queues.domainEvents!.url, MessageBody: JSON.stringify(event), MessageGroupId: t.tenantId, MessageDeduplicationId: `${event.id}-${copy}` }));
    await eventually(async () => ((await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queues.domainEvents!.url, AttributeNames: ['All'] }))).Attributes?.ApproximateNumberOfMessages === '0' ? true : undefined));
    await new Promise((r) => setTimeout(r, 500));
    const after = await call('GET', '/v1/tenant/events', { token: t.token });
    expect(after.body.data.map((e: { id: string }) => e.id)).toEqual([event.id]);
    sqs.destroy();
  });
});

describe('PATCH /v1/tenant', () => {
  it('lets HQ rename the chain and change settings, with before and after in the audit trail', async () => {
    const t = await newTenant();
    const res = await call('PATCH', '/v1/tenant', { token: t.token, body: { name: 'Renamed Mart', settings: { timezone: 'Asia/Urumqi', royaltyRateBps: 450 } } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: 'Renamed Mart', settings: { currency: 'CNY', timezone: 'Asia/Urumqi', royaltyRateBps: 450, paymentFeeRateBps: 38 } });
    expect((await call('GET', '/v1/tenant', { token: t.token })).body).toEqual(res.body);
    const [entry] = (await call('GET', '/v1/audit?limit=1', { token: t.token })).body.data;
    expect(entry).toMatchObject({ action: 'tenant.updated', before: { name: `Chain ${t.slug}`, settings: { timezone: 'Asia/Shanghai', royaltyRateBps: 600 } }, after: { name: 'Renamed Mart' } });
  });

  it('refuses empty, unknown and invalid changes with 400 and other roles with 403, writing nothing', async () => {
    const t = await newTenant();
    const store = await seedStores(t, 1);
    const cashier = await newUser(t, 'cashier', [store.stores[0]!.id]);
    const before = await itemCounts();
    for (const body of [{}, { settings: {} }, { name: 'x', tier: 'silo' }, { settings: { timezone: 'Nowhere/City' } }, { settings: { royaltyRateBps: -1 } }, { settings: { currency: 'USD' } }])
      expectEnvelope(await call('PATCH', '/v1/tenant', { token: t.token, body }), 400, 'validation_failed');
    expectEnvelope(await call('PATCH', '/v1/tenant', { token: cashier.token, body: { name: 'Mine now' } }), 403, 'forbidden');
    expect(await itemCounts()).toEqual(before);
  });
});
