// A small client for the public API as tests use it, plus direct engine access for assertions
// about what was (not) written.
import { inject } from 'vitest';
import { randomBytes } from 'node:crypto';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { siloTablePrefix } from '../../domain/shared/bindings.ts';
import '../../local/loopback-dns.ts';
import { apiAt, type CallOptions } from '../isolation/client.ts';
import { itemChanges } from './writes.ts';

export const cloud = () => inject('cloud');

export type ApiResponse<T = Record<string, any>> = { status: number; headers: Headers; body: T };

/** The public API of the run's local cloud (test/isolation/client.ts: quota 429s are waited out). */
export const call = async <T = Record<string, any>>(method: string, path: string, options: CallOptions = {}): Promise<ApiResponse<T>> =>
  apiAt(cloud().apiUrl).call<T>(method, path, options);

export const uniqueSlug = (prefix = 'chain'): string => `${prefix}-${randomBytes(5).toString('hex')}`;

export const PASSWORD = 'Correct-horse-42';

/**
 * Signs up a fresh tenant and signs its admin in, then waits until its tenant.created event has
 * been consumed, so the asynchronous write it causes cannot land inside a later measurement.
 */
export const newTenant = async (prefix = 'chain', tier: 'pooled' | 'silo' = 'pooled') => {
  const slug = uniqueSlug(prefix);
  const email = `admin@${slug}.example`;
  const signup = await call('POST', '/v1/tenants', { body: { name: `Chain ${slug}`, slug, adminEmail: email, adminPassword: PASSWORD, tier } });
  if (signup.status !== 201) throw new Error(`signup failed: ${JSON.stringify(signup.body)}`);
  const token = await call('POST', '/v1/auth/token', { body: { tenant: slug, email, password: PASSWORD } });
  if (token.status !== 200) throw new Error(`login failed: ${JSON.stringify(token.body)}`);
  await eventually(async () => {
    const events = await call('GET', '/v1/tenant/events', { token: token.body.accessToken });
    return events.body.data?.length ? true : undefined;
  });
  return { slug, email, tenantId: signup.body.tenant.id as string, adminId: signup.body.admin.id as string, token: token.body.accessToken as string };
};

let dynamo: DynamoDBClient | undefined;
const dynamoClient = () =>
  (dynamo ??= new DynamoDBClient({ endpoint: cloud().endpoints.dynamodb, region: process.env.AWS_REGION ?? 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }));

/** Silo tenants' tables of this run, by name. */
export const siloTables = async (): Promise<string[]> => {
  const { TableNames = [] } = await dynamoClient().send(new ListTablesCommand({}));
  return TableNames.filter((n) => n.startsWith(siloTablePrefix('storefleet', 'test')));
};

/**
 * Items gained per table, silo tenants' included, since the file first asked: equal before and
 * after shows a refused request wrote nothing (test/support/writes.ts reads it from the streams).
 */
export const itemCounts = itemChanges;

export const eventually = async <T>(probe: () => Promise<T | undefined>, timeoutMs = 20_000, intervalMs = 200): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
};

export const expectEnvelope = (res: ApiResponse, status: number, code: string) => {
  if (res.status !== status || res.body?.error?.code !== code || typeof res.body?.error?.requestId !== 'string')
    throw new Error(`expected ${status} ${code}, got ${res.status} ${JSON.stringify(res.body)}`);
};

export type TestTenant = Awaited<ReturnType<typeof newTenant>>;

/** Creates a region and `count` stores (codes S001...) in it, as the tenant's HQ admin. */
export const seedStores = async (t: TestTenant, count: number, ownership: 'direct' | 'franchise' = 'direct', prefix = 'S') => {
  const region = await call('POST', '/v1/regions', { token: t.token, body: { name: `Region ${uniqueSlug()}` } });
  if (region.status !== 201) throw new Error(`region: ${JSON.stringify(region.body)}`);
  const stores = [];
  for (let i = 1; i <= count; i++) {
    const res = await call('POST', '/v1/stores', {
      token: t.token,
      body: { code: `${prefix}${String(i).padStart(3, '0')}`, name: `Store ${i}`, regionId: region.body.id, ownership, address: `${i} Nanjing Road` },
    });
    if (res.status !== 201) throw new Error(`store: ${JSON.stringify(res.body)}`);
    stores.push(res.body);
  }
  return { regionId: region.body.id as string, stores };
};

/** Adds a user with `role` (and stores) and signs it in. */
export const newUser = async (t: TestTenant, role: string, storeIds: string[] = []) => {
  const email = `${role}-${uniqueSlug()}@${t.slug}.example`;
  const res = await call('POST', '/v1/users', { token: t.token, body: { email, password: PASSWORD, role, storeIds } });
  if (res.status !== 201) throw new Error(`user: ${JSON.stringify(res.body)}`);
  const token = await call('POST', '/v1/auth/token', { body: { tenant: t.slug, email, password: PASSWORD } });
  return { id: res.body.id as string, email, token: token.body.accessToken as string };
};
