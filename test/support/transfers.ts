// Transfer, stocktake and replenishment test helpers: a chain made through the API (two stores, a
// warehouse, SKUs, managers of each store), stock put in place through the ledger primitive (as
// the goods-in and sales paths will), reads of levels and ledger sums, and refusals that must
// write nothing. Catalog events are waited out before any item count.
import { expect } from 'vitest';
import { call, newTenant, newUser, seedStores, uniqueSlug, type ApiResponse, type TestTenant } from './api.ts';
import { manualClock, stockKit, type ManualClock, type StockKit } from './stock.ts';
import type { MovementType } from '../../domain/inventory/ledger/movement-types.ts';

type Lines = Record<string, number>;

export type Chain = Awaited<ReturnType<typeof transferChain>>;

const ok = <T extends ApiResponse>(what: string, res: T, status = 201): T => {
  if (res.status !== status) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return res;
};

/** A chain with stores S1, S2, a warehouse W, `skus` SKUs (attributes per SKU optional) and managers of S1 and S2. */
export const transferChain = async (prefix: string, skus = 3, attributes: (i: number) => Record<string, string> | undefined = () => undefined) => {
  const t: TestTenant = await newTenant(prefix);
  const { regionId, stores } = await seedStores(t, 2);
  const [s1, s2] = stores.map((s) => s.id as string) as [string, string];
  const w = ok('warehouse', await call('POST', '/v1/warehouses', { token: t.token, body: { code: `W-${uniqueSlug('w')}`, name: '华东仓', regionId } })).body.id as string;
  const skuIds: string[] = [];
  for (let from = 0; from < skus; from += 30) {
    const body = { name: `Goods ${uniqueSlug()}`, skus: Array.from({ length: Math.min(30, skus - from) }, (_, j) => ({ code: `G-${from + j}`, unit: '个', listPrice: 100, attributes: attributes(from + j) })) };
    skuIds.push(...ok('product', await call('POST', '/v1/products', { token: t.token, body })).body.skus.map((s: { id: string }) => s.id));
  }
  const [m1, m2] = await Promise.all([newUser(t, 'store_manager', [s1]), newUser(t, 'store_manager', [s2])]);
  // Sales history is posted with a clock set in the past, against the system clock of the API.
  const clock: ManualClock = manualClock(Date.now());
  const kit: StockKit = await stockKit(clock);
  const { postStock } = await import('../../domain/inventory/ledger/ledger.ts');
  const post = (locationId: string, type: MovementType, lines: Lines) =>
    postStock(
      {
        tenantId: t.tenantId,
        postingId: kit.newId('posting', kit.clock.now().getTime()),
        changes: Object.entries(lines).map(([skuId, quantity]) => ({ locationId, skuId, movement: { type, quantity }, guard: quantity < 0 ? ('onHand' as const) : ('none' as const) })),
      },
      kit.deps,
    );
  return {
    t,
    s1,
    s2,
    w,
    skus: skuIds,
    m1,
    m2,
    kit,
    /** The clock the helpers below post at: set it back in time to seed a sales history. */
    clock,
    /** Goods in at a location, through the ledger primitive. */
    receipt: (locationId: string, lines: Lines) => post(locationId, 'receipt', lines),
    /** Sales (positive quantities sold) at a location, at the kit's clock. */
    sale: (locationId: string, lines: Lines) => post(locationId, 'sale', Object.fromEntries(Object.entries(lines).map(([s, q]) => [s, -q]))),
    /** Customer returns (positive quantities) at a location, at the kit's clock. */
    customerReturn: (locationId: string, lines: Lines) => post(locationId, 'return', lines),
    onHand: async (locationId: string, skuId: string) => (await kit.level(t.tenantId, locationId, skuId)).onHand,
    ledgerSum: (locationId: string, skuId: string) => kit.ledgerSum(t.tenantId, locationId, skuId),
    /** The level of every SKU at a location equals the sum of its movements. */
    expectLedgerBalanced: async (locationIds: string[]) => {
      for (const locationId of locationIds)
        for (const skuId of skuIds) expect(await kit.ledgerSum(t.tenantId, locationId, skuId), `${locationId}/${skuId}`).toBe((await kit.level(t.tenantId, locationId, skuId)).onHand);
    },
  };
};

export { refusedWritingNothing } from './catalog.ts';
