// Franchisee self-onboarding through the API: invite -> apply -> approve -> the franchisee signs
// in and sees its store; every refusal answers with the envelope and writes nothing.
import { beforeAll, describe, expect, it } from 'vitest';
import { call, expectEnvelope, itemCounts, newTenant, newUser, PASSWORD, seedStores, type ApiResponse, type TestTenant } from '../support/api.ts';
import { applicationBody, apply, countsWithoutAttempts, freshSourceIp, invite, postFrom, rawItem } from '../support/franchise.ts';

let hq: TestTenant;
let regionId: string;
beforeAll(async () => {
  hq = await newTenant('franchise');
  ({ regionId } = await seedStores(hq, 1, 'direct', 'D'));
});

const submitted = async (over: { email?: string } = {}) => {
  const inv = await invite(hq, { regionId });
  const body = applicationBody(inv.code, over);
  const res = await apply(body);
  expect(res.status).toBe(201);
  return { invitation: inv, body, id: res.body.id as string };
};

describe('franchise onboarding, happy path', () => {
  it('invites, takes the application, approves it, and the franchisee sees exactly its store', async () => {
    const inv = await invite(hq, { regionId });
    expect(inv).toEqual({ id: expect.stringMatching(/^inv_/), code: expect.stringMatching(/^[A-Za-z0-9_-]{32}$/), expiresAt: expect.any(String) });
    expect(Date.parse(inv.expiresAt) - Date.now()).toBeGreaterThan(6.9 * 24 * 3600_000);
    // Only the hash is stored: the code appears nowhere in the invitation item.
    expect(JSON.stringify(await rawItem(`${hq.tenantId}#invitation#${inv.id}`, 'invitation'))).not.toContain(inv.code);

    const body = applicationBody(inv.code);
    const res = await apply(body);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: expect.stringMatching(/^app_/), status: 'submitted' });

    const list = await call('GET', '/v1/franchise/applications?status=submitted', { token: hq.token });
    const listed = list.body.data.find((a: { id: string }) => a.id === res.body.id);
    expect(listed).toMatchObject({ status: 'submitted', invitationId: inv.id, store: { name: body.store.name, regionId }, settlementAccount: { accountNo: '****0123', bankName: 'Bank of Shanghai' } });
    expect(list.body.nextCursor).toBeNull();
    expect(JSON.stringify(list.body)).not.toMatch(/6222|Cipher|password/i);
    const stored = await rawItem(`${hq.tenantId}#application#${res.body.id}`, 'application');
    expect(JSON.stringify(stored)).not.toMatch(/62220212|Correct-horse/);

    const approved = await call('POST', `/v1/franchise/applications/${res.body.id}/approve`, { token: hq.token, body: {} });
    expect(approved.status).toBe(200);
    expect(approved.body).toEqual({ id: res.body.id, status: 'approved', storeId: expect.stringMatching(/^sto_/), userId: expect.stringMatching(/^usr_/) });
    const { storeId, userId } = approved.body;

    const login = await call('POST', '/v1/auth/token', { body: { tenant: hq.slug, email: body.applicant.email, password: PASSWORD } });
    expect(login.status).toBe(200);
    const stores = await call('GET', '/v1/stores', { token: login.body.accessToken });
    expect(stores.body.data).toEqual([expect.objectContaining({ id: storeId, ownership: 'franchise', regionId, name: body.store.name, code: `FR-${res.body.id.slice(-8)}` })]);

    const profile = await rawItem(`${hq.tenantId}#store#${storeId}`, 'settlementProfile');
    expect(profile).toMatchObject({ accountNoLast4: '0123', royaltyRateBps: 600, bankName: 'Bank of Shanghai', applicationId: res.body.id, profileId: expect.stringMatching(/^stl_/) });
    expect(String(profile?.accountNoCipher)).toMatch(/^local1\./);
    expect(JSON.stringify(profile)).not.toContain('62220212');
    // The applicant's password is not kept once the login exists.
    expect(await rawItem(`${hq.tenantId}#application#${res.body.id}`, 'application')).not.toHaveProperty('passwordCipher');
    const one = await call('GET', `/v1/franchise/applications/${res.body.id}`, { token: hq.token });
    expect(one.body).toMatchObject({ status: 'approved', storeId, userId, settlementAccount: { accountNo: '****0123' } });

    const audit = await call('GET', '/v1/audit?limit=100', { token: hq.token });
    const actions = audit.body.data.map((e: { action: string; target: { id: string } }) => `${e.action} ${e.target.id}`);
    expect(actions).toEqual(expect.arrayContaining([`franchise.invitation.created ${inv.id}`, `franchise.application.approved ${res.body.id}`, `store.created ${storeId}`, `user.created ${userId}`]));
    expect(JSON.stringify(audit.body)).not.toContain(inv.code);
  });

  it('rejects with a reason, forgets the password, and refuses to decide again (409)', async () => {
    const { id } = await submitted();
    const res = await call('POST', `/v1/franchise/applications/${id}/reject`, { token: hq.token, body: { reason: 'Territory already taken' } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id, status: 'rejected' });
    expect(await rawItem(`${hq.tenantId}#application#${id}`, 'application')).not.toHaveProperty('passwordCipher');
    const before = await itemCounts();
    expectEnvelope(await call('POST', `/v1/franchise/applications/${id}/approve`, { token: hq.token, body: {} }), 409, 'invalid_state');
    expectEnvelope(await call('POST', `/v1/franchise/applications/${id}/reject`, { token: hq.token, body: { reason: 'again' } }), 409, 'invalid_state');
    expect(await itemCounts()).toEqual(before);
    const rejected = await call('GET', '/v1/franchise/applications?status=rejected', { token: hq.token });
    expect(rejected.body.data.map((a: { id: string }) => a.id)).toContain(id);
    const audit = await call('GET', '/v1/audit?limit=5', { token: hq.token });
    expect(audit.body.data[0]).toMatchObject({ action: 'franchise.application.rejected', target: { id }, after: { status: 'rejected', reason: 'Territory already taken' } });
  });

  it('pages the list with a cursor', async () => {
    for (let i = 0; i < 3; i++) await submitted();
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: ApiResponse = await call('GET', `/v1/franchise/applications?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token: hq.token });
      expect(page.body.data.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.data.map((a: { id: string }) => a.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBeGreaterThanOrEqual(5);
  });
});

describe('franchise onboarding, refusals', () => {
  it('refuses bad application bodies (400) and writes nothing', async () => {
    const inv = await invite(hq, { regionId });
    const good = applicationBody(inv.code);
    const before = await itemCounts();
    const bad = [
      { ...good, applicant: { ...good.applicant, password: 'short' } },
      { ...good, applicant: { ...good.applicant, email: 'not-an-email' } },
      { ...good, applicant: { ...good.applicant, phone: 'call me' } },
      { ...good, applicant: { ...good.applicant, licenseNo: '!' } },
      { ...good, store: { ...good.store, name: '' } },
      { ...good, store: { ...good.store, regionId: 'nope' } },
      { ...good, settlementAccount: { ...good.settlementAccount, accountNo: '12AB' } },
      { ...good, settlementAccount: undefined },
      { ...good, code: undefined },
    ];
    for (const body of bad) expectEnvelope(await apply(body), 400, 'validation_failed');
    const junk = await call('POST', '/v1/franchise/applications', { rawBody: '{oops' });
    expectEnvelope(junk, 400, 'invalid_json');
    expect(await itemCounts()).toEqual(before);
  });

  it('refuses an unknown region, a missing region and another email (400), leaving the code usable', async () => {
    const open = await invite(hq);
    const addressed = await invite(hq, { email: 'owner@xinyue.example', regionId });
    const before = await countsWithoutAttempts();
    const ghost = await apply(applicationBody(open.code, { regionId: 'reg_01JC0000000000000000000000' }));
    expectEnvelope(ghost, 400, 'validation_failed');
    expect(ghost.body.error.details).toEqual([{ path: 'body.store.regionId', message: 'No such region in this chain' }]);
    expectEnvelope(await apply(applicationBody(open.code)), 400, 'validation_failed');
    expectEnvelope(await apply(applicationBody(addressed.code, { email: 'someone@else.example' })), 400, 'validation_failed');
    expect(await countsWithoutAttempts()).toEqual(before);
    expect((await apply(applicationBody(addressed.code, { email: 'Owner@Xinyue.example' }))).status).toBe(201);
  });

  it('answers unknown and used codes alike (404) and writes no application', async () => {
    const { body } = await submitted();
    const before = await countsWithoutAttempts();
    const used = await apply(body);
    expectEnvelope(used, 404, 'not_found');
    const unknown = await apply(applicationBody('x'.repeat(32)));
    expectEnvelope(unknown, 404, 'not_found');
    expect(used.body.error.message).toBe(unknown.body.error.message);
    expect(await countsWithoutAttempts()).toEqual(before);
  });

  it('limits submissions per code and per source IP (429)', async () => {
    const code = `guess-${'a'.repeat(26)}`;
    for (let i = 0; i < 5; i++) expectEnvelope(await apply(applicationBody(code)), 404, 'not_found');
    const limited = await apply(applicationBody(code));
    expectEnvelope(limited, 429, 'rate_limited');
    expect(limited.body.error.details[0].retryAfterSeconds).toBeGreaterThan(0);

    const ip = freshSourceIp();
    for (let i = 0; i < 20; i++) expectEnvelope(await postFrom(ip, '/v1/franchise/applications', applicationBody(`spray-${i}-${'b'.repeat(24)}`)), 404, 'not_found');
    // Even a valid code is refused from that address now, and stays usable from another.
    const inv = await invite(hq, { regionId });
    const before = await countsWithoutAttempts();
    expectEnvelope(await postFrom(ip, '/v1/franchise/applications', applicationBody(inv.code)), 429, 'rate_limited');
    expect(await countsWithoutAttempts()).toEqual(before);
    expect((await apply(applicationBody(inv.code))).status).toBe(201);
  });

  it('approves once only (409) and answers another tenant as not found, writing nothing', async () => {
    const { id } = await submitted();
    expect((await call('POST', `/v1/franchise/applications/${id}/approve`, { token: hq.token, body: {} })).status).toBe(200);
    const other = await newTenant('other-hq');
    const before = await itemCounts();
    expectEnvelope(await call('POST', `/v1/franchise/applications/${id}/approve`, { token: hq.token, body: {} }), 409, 'invalid_state');
    expectEnvelope(await call('POST', `/v1/franchise/applications/${id}/approve`, { token: other.token, body: {} }), 404, 'not_found');
    expectEnvelope(await call('POST', `/v1/franchise/applications/${id}/reject`, { token: other.token, body: { reason: 'x' } }), 404, 'not_found');
    expectEnvelope(await call('GET', `/v1/franchise/applications/${id}`, { token: other.token }), 404, 'not_found');
    expect((await call('GET', '/v1/franchise/applications', { token: other.token })).body.data).toEqual([]);
    expectEnvelope(await call('POST', '/v1/franchise/applications/app_01JC0000000000000000000000/approve', { token: hq.token, body: {} }), 404, 'not_found');
    expect(await itemCounts()).toEqual(before);
  });

  it('lets only HQ admins invite, list and decide (403/401), writing nothing', async () => {
    const { id } = await submitted();
    const store = (await call('GET', '/v1/stores?limit=1', { token: hq.token })).body.data[0].id as string;
    const roles = await Promise.all([newUser(hq, 'store_manager', [store]), newUser(hq, 'cashier', [store]), newUser(hq, 'field_engineer'), newUser(hq, 'franchisee', [store])]);
    const before = await itemCounts();
    for (const { token } of roles) {
      expectEnvelope(await call('POST', '/v1/franchise/invitations', { token, body: {} }), 403, 'forbidden');
      expectEnvelope(await call('GET', '/v1/franchise/applications', { token }), 403, 'forbidden');
      expectEnvelope(await call('POST', `/v1/franchise/applications/${id}/approve`, { token, body: {} }), 403, 'forbidden');
      expectEnvelope(await call('POST', `/v1/franchise/applications/${id}/reject`, { token, body: { reason: 'x' } }), 403, 'forbidden');
    }
    expectEnvelope(await call('POST', '/v1/franchise/invitations', { body: {} }), 401, 'unauthenticated');
    expectEnvelope(await call('POST', '/v1/franchise/invitations', { token: hq.token, body: { regionId: 'reg_01JC0000000000000000000000' } }), 400, 'validation_failed');
    expectEnvelope(await call('POST', '/v1/franchise/invitations', { token: hq.token, body: { email: 'nope' } }), 400, 'validation_failed');
    expectEnvelope(await call('POST', `/v1/franchise/applications/${id}/reject`, { token: hq.token, body: {} }), 400, 'validation_failed');
    expect(await itemCounts()).toEqual(before);
  });
});
