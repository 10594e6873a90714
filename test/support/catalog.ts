// Catalog test helpers shared by the catalog integration files: the tenant's catalog version, a
// wait until its catalog.changed events are recorded (so no asynchronous write lands inside an
// item count), and refusals that must write nothing.
import { expect } from 'vitest';
import { withCheckDigit } from '../../domain/catalog/barcode.ts';
import { call, eventually, expectEnvelope, itemCounts, newTenant, type ApiResponse, type TestTenant } from './api.ts';

let serial = 0;
/** A fresh valid EAN-13 with a GS1 China prefix for every call. */
export const ean = () => withCheckDigit(`693${String(Date.now() % 1e6).padStart(6, '0')}${String(serial++).padStart(3, '0')}`);

export const product = (name: string, skus: Record<string, unknown>[], extra: Record<string, unknown> = {}) => ({ name, ...extra, skus });

export const catalogVersion = async (t: TestTenant): Promise<number> => (await call('GET', '/v1/catalog/version', { token: t.token })).body.version;

/** Waits until the catalog.changed event of the tenant's current version is recorded. */
export const catalogSettled = async (t: TestTenant) => {
  const current = await catalogVersion(t);
  if (current === 0) return;
  await eventually(async () => {
    const events = await call('GET', '/v1/tenant/events?limit=10', { token: t.token });
    return events.body.data.some((e: any) => e.type === 'catalog.changed' && e.payload.version === current) ? true : undefined;
  });
};

/** Waits for the tenants' catalog events, then requires `request` to be refused with `status`/`code` and to have written nothing. */
export const refusedWritingNothing = async (tenants: readonly TestTenant[], request: () => Promise<ApiResponse>, status: number, code: string) => {
  await Promise.all(tenants.map((t) => catalogSettled(t)));
  const before = await itemCounts();
  const res = await request();
  expectEnvelope(res, status, code);
  expect(await itemCounts()).toEqual(before);
  return res;
};

/**
 * The tenants a test file makes, the first being its main chain: `refused` waits for all their
 * catalog events before counting items, then requires the refusal to have written nothing.
 */
export const catalogKit = () => {
  const tenants: TestTenant[] = [];
  const main = () => {
    if (!tenants[0]) throw new Error('create the main tenant first');
    return tenants[0];
  };
  return {
    tenant: async (prefix: string) => {
      const t = await newTenant(prefix);
      tenants.push(t);
      return t;
    },
    version: (t = main()) => catalogVersion(t),
    settled: (t = main()) => catalogSettled(t),
    refused: (request: () => Promise<ApiResponse>, status: number, code: string) => refusedWritingNothing(tenants, request, status, code),
    createProduct: async (body: unknown, token = main().token) => {
      const res = await call('POST', '/v1/products', { token, body });
      if (res.status !== 201) throw new Error(`product: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    },
  };
};
