// The actors of the isolation walk, made through the public API: tenant A owns the data (a region,
// stores S1 and S2, users), tenant B is the neighbour with the same kinds of users, and A's own
// store-scoped users of S2 play "the wrong store" for S1. Every name A's data carries is unique
// (random suffix), so finding one in a response proves it came from A.
import { randomBytes } from 'node:crypto';
import type { Role } from '../../infra/manifest-schema.ts';
import { eventually, PASSWORD, uniqueSlug } from '../support/api.ts';
import type { Api } from './client.ts';
import { franchiseRecords } from './world-franchise.ts';
import { catalogRecords, ownSku, type CatalogRecords } from './world-catalog.ts';
import { pricingRecords, type PricingRecords } from './world-pricing.ts';
import { stockRecords, type StockRecords } from './world-stock.ts';
import { orderRecords, type OrderRecords } from './world-orders.ts';
import { transferRecords, type TransferRecords } from './world-transfers.ts';
import { terminalRecords, type FleetEndpoints, type TerminalRecords } from './world-terminals.ts';

export type ActorGroup = 'otherTenant' | 'wrongStore' | 'anonymous';
export type Actor = { name: string; group: ActorGroup; role?: Role; token?: string };
export type StoreRecord = { id: string; code: string; name: string; address: string; regionId: string };
type UserRecord = { id: string; email: string; role: Role; token: string };

export type World = {
  a: {
    tenantId: string;
    slug: string;
    adminToken: string;
    regionId: string;
    regionName: string;
    s1: StoreRecord;
    s2: StoreRecord;
    /** A store whose code tenant B reuses on purpose (codes are per chain), so its code is no secret. */
    s3: StoreRecord;
    /** S1's own manager: the control that shows an S1 route works for the right store. */
    s1Manager: UserRecord;
    /** A submitted franchise application, HQ's business: hq_admin only. */
    applicationId: string;
    /** A finished store import job of A's hq_admin (its creator, the only one who may read it). */
    jobId: string;
    /** Second pages of A's lists: a cursor is data too, and must not open A's list to B. */
    cursors: { stores: string; audit: string };
    /** A's catalog: a category, a product of two SKUs in S1's assortment, two warehouses. */
    catalog: CatalogRecords;
    /** A's price lists (one for S1 alone), after every change reached A's stores. */
    pricing: PricingRecords;
    /** A's stock: levels at S1 and a warehouse, S1's policies and a reservation at S1. */
    stock: StockRecords;
    /** A's transfers to S1 in transit, a stocktake at S1, S1's levels and submitted orders. */
    transfers: TransferRecords;
    /** A till registered into S1 by fleet provisioning. */
    terminals: TerminalRecords;
    /** A's orders at S1: a completed till sale and a paid pickup with its open task. */
    orders: OrderRecords;
  };
  b: { tenantId: string; adminToken: string; regionId: string; store: StoreRecord; invitationCode: string; ownSkuId: string };
  /** Who tries to reach A's data; each is checked against the route's fixture. */
  probes: Actor[];
  /** Identifying strings -> what they are: all of A's, and those only S1's users may see. */
  secrets: { tenantA: Map<string, string>; store1: Map<string, string> };
};

const hex = () => randomBytes(4).toString('hex');

const expectStatus = (what: string, res: { status: number; text: string }, status: number) => {
  if (res.status !== status) throw new Error(`${what}: expected ${status}, got ${res.status} ${res.text}`);
};

const signUp = async (api: Api, prefix: string) => {
  const slug = uniqueSlug(prefix);
  const email = `admin@${slug}.example`;
  const name = `Chain ${slug}`;
  const res = await api.call('POST', '/v1/tenants', { body: { name, slug, adminEmail: email, adminPassword: PASSWORD } });
  expectStatus(`signup ${slug}`, res, 201);
  const token = await signIn(api, slug, email);
  // Wait for the asynchronous tenant.created record so it cannot land in the middle of the walk.
  await eventually(async () => ((await api.call('GET', '/v1/tenant/events', { token })).body.data?.length ? true : undefined));
  return { tenantId: res.body.tenant.id as string, adminId: res.body.admin.id as string, slug, name, email, token };
};

const signIn = async (api: Api, slug: string, email: string): Promise<string> => {
  const res = await api.call('POST', '/v1/auth/token', { body: { tenant: slug, email, password: PASSWORD } });
  expectStatus(`sign in ${email}`, res, 200);
  return res.body.accessToken as string;
};

const createRegion = async (api: Api, token: string): Promise<{ id: string; name: string }> => {
  const res = await api.call('POST', '/v1/regions', { token, body: { name: `Region ${hex()}` } });
  expectStatus('region', res, 201);
  return { id: res.body.id, name: res.body.name };
};

const createStore = async (api: Api, token: string, regionId: string, ownership: 'direct' | 'franchise'): Promise<StoreRecord> => {
  const tag = hex();
  const body = { code: `ISO-${tag}`, name: `Store ${tag}`, regionId, ownership, address: `${tag} Huaihai Road` };
  const res = await api.call('POST', '/v1/stores', { token, body });
  expectStatus('store', res, 201);
  return { id: res.body.id, code: body.code, name: body.name, address: body.address, regionId };
};

const createUser = async (api: Api, tenant: { slug: string; token: string }, role: Role, storeIds: string[]): Promise<UserRecord> => {
  const email = `${role.replace('_', '-')}-${hex()}@${tenant.slug}.example`;
  const res = await api.call('POST', '/v1/users', { token: tenant.token, body: { email, password: PASSWORD, role, storeIds } });
  expectStatus(`user ${role}`, res, 201);
  return { id: res.body.id, email, role, token: await signIn(api, tenant.slug, email) };
};

/** One row naming a region nobody has, so the finished job carries a row error unique to A. */
const importJob = async (api: Api, token: string): Promise<{ id: string; regionName: string }> => {
  const regionName = `Nowhere ${hex()}`;
  const rawBody = `code,name,regionName,ownership,address\nJOB-${hex()},Job probe,${regionName},direct,1 Road`;
  const res = await api.call('POST', '/v1/stores:import', { token, rawBody, headers: { 'content-type': 'text/csv' } });
  expectStatus('store import', res, 202);
  await jobFinished(api, token, res.body.id);
  return { id: res.body.id, regionName };
};

export const jobFinished = async (api: Api, token: string | undefined, jobId: string): Promise<void> => {
  await eventually(async () => {
    const job = await api.call('GET', `/v1/jobs/${jobId}`, { token });
    return ['succeeded', 'failed'].includes(job.body.status) ? true : undefined;
  }, 60_000);
};

const SCOPED_ROLES = ['store_manager', 'cashier', 'franchisee'] as const satisfies readonly Role[];

const nextCursor = async (api: Api, token: string, path: string): Promise<string> => {
  const res = await api.call('GET', `${path}?limit=1`, { token });
  if (typeof res.body.nextCursor !== 'string') throw new Error(`${path}: no second page for tenant A (${res.text})`);
  return res.body.nextCursor;
};

/** `fleet`: the same cloud's MQTT endpoint and IoT control plane, for registering A's till. */
export const buildWorld = async (api: Api, fleet: FleetEndpoints): Promise<World> => {
  const [a, b] = await Promise.all([signUp(api, 'iso-a'), signUp(api, 'iso-b')]);
  const [aRegion, bRegion] = await Promise.all([createRegion(api, a.token), createRegion(api, b.token)]);
  // S2 is franchised so a franchisee of it is realistic; S1 is HQ-owned.
  const [s1, s2, s3, bStore] = await Promise.all([
    createStore(api, a.token, aRegion.id, 'direct'),
    createStore(api, a.token, aRegion.id, 'franchise'),
    createStore(api, a.token, aRegion.id, 'direct'),
    createStore(api, b.token, bRegion.id, 'franchise'),
  ]);
  const [s1Manager, job, franchise, wrongStore, bUsers, catalog] = await Promise.all([
    createUser(api, a, 'store_manager', [s1.id]),
    importJob(api, a.token),
    franchiseRecords(api, { token: a.token, regionId: aRegion.id }, { token: b.token }),
    Promise.all(SCOPED_ROLES.map((role) => createUser(api, a, role, [s2.id]))),
    Promise.all([createUser(api, b, 'field_engineer', []), ...SCOPED_ROLES.map((role) => createUser(api, b, role, [bStore.id]))]),
    catalogRecords(api, { token: a.token, regionId: aRegion.id, s1Id: s1.id }),
  ]);

  const [pricing, stock] = await Promise.all([
    pricingRecords(api, { token: a.token, regionId: aRegion.id, s1Id: s1.id, catalog: catalog.a }),
    stockRecords(api, { token: a.token, s1Id: s1.id, catalog: catalog.a }),
  ]);
  const transfers = await transferRecords(api, { token: a.token, s1Id: s1.id, catalog: catalog.a });
  const [terminals, orders] = await Promise.all([terminalRecords(api, fleet, { token: a.token, s1Id: s1.id }), orderRecords(api, { token: a.token, s1Id: s1.id, catalog: catalog.a })]);

  const probes: Actor[] = [
    { name: 'anonymous', group: 'anonymous' },
    { name: 'B hq_admin', group: 'otherTenant', role: 'hq_admin', token: b.token },
    ...bUsers.map((u): Actor => ({ name: `B ${u.role}`, group: 'otherTenant', role: u.role, token: u.token })),
    ...wrongStore.map((u): Actor => ({ name: `A ${u.role} of S2`, group: 'wrongStore', role: u.role, token: u.token })),
  ];

  const store1 = new Map<string, string>([
    [s1.id, 'S1 id'],
    [s1.code, 'S1 code'],
    [s1.name, 'S1 name'],
    [s1.address, 'S1 address'],
    [s1Manager.id, 'S1 manager id'],
    [s1Manager.email, 'S1 manager email'],
    ...stock.store1,
    ...transfers.store1,
    ...terminals.store1,
    ...orders.store1,
  ]);
  const tenantA = new Map<string, string>([
    [a.tenantId, 'A tenant id'],
    [a.slug, 'A slug'],
    [a.name, 'A name'],
    [a.adminId, 'A admin id'],
    [a.email, 'A admin email'],
    [aRegion.id, 'A region id'],
    [aRegion.name, 'A region name'],
    [job.id, 'A job id'],
    [job.regionName, 'A job row error'],
    ...franchise.secrets,
    ...catalog.secrets,
    ...pricing.secrets,
    ...stock.secrets,
    ...transfers.secrets,
    ...store1,
    [s2.id, 'S2 id'],
    [s2.code, 'S2 code'],
    [s2.name, 'S2 name'],
    [s2.address, 'S2 address'],
    [s3.id, 'S3 id'],
    [s3.name, 'S3 name'],
    [s3.address, 'S3 address'],
    ...wrongStore.flatMap((u): [string, string][] => [
      [u.id, `A ${u.role} id`],
      [u.email, `A ${u.role} email`],
    ]),
  ]);

  return {
    a: {
      tenantId: a.tenantId,
      slug: a.slug,
      adminToken: a.token,
      regionId: aRegion.id,
      regionName: aRegion.name,
      s1,
      s2,
      s3,
      s1Manager,
      applicationId: franchise.applicationId,
      jobId: job.id,
      cursors: { stores: await nextCursor(api, a.token, '/v1/stores'), audit: await nextCursor(api, a.token, '/v1/audit') },
      catalog: catalog.a,
      pricing: pricing.a,
      stock: stock.a,
      transfers: transfers.a,
      terminals: terminals.a,
      orders: orders.a,
    },
    b: { tenantId: b.tenantId, adminToken: b.token, regionId: bRegion.id, store: bStore, invitationCode: franchise.bInvitationCode, ownSkuId: await ownSku(api, b.token) },
    probes,
    secrets: { tenantA, store1 },
  };
};
