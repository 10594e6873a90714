// A till's offline sales synced through the real API on the local engines: each sale recorded once
// however its batches are replayed or reordered, a reused clientSaleId or seq refused, gaps in a
// terminal's seqs reported and then filled, stock allowed below zero (and announced), a price the
// till charged other than the engine's kept and flagged, one bad sale never failing its batch, and
// another store's or tenant's terminal refused with nothing written. A randomized run of shuffled,
// duplicated and concurrent batches ends with one order per sale and the stock they sold.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, eventually, expectEnvelope, itemCounts, newUser, seedStores, type ApiResponse, type TestTenant } from '../support/api.ts';
import { allSettled, createList, pricedChain, pricingKit, type PricedChain } from '../support/pricing.ts';
import { ok, stockAt } from '../support/orders.ts';
import { newTill, syncSales, syncStatus, tillSale, type TillLine, type TillSale } from '../support/pos.ts';
import { runs } from '../support/soak.ts';
import { terminalKit, type TerminalKit } from '../support/terminals.ts';

const PROPERTY_RUNS = runs(3, 30, process.env.POS_SYNC_PROPERTY_RUNS);
const HOUR = 3600_000;

const { tenant, refused } = pricingKit();
let t: TestTenant;
let c: PricedChain;
let kit: TerminalKit;
let cashier: { token: string };
let till: string;
/** Tenant B, its store, a till there and its cashier: the other tenant's side of every refusal. */
let other: { tenant: TestTenant; storeId: string; till: string; cashier: { token: string } };
let e2Till: string;

beforeAll(async () => {
  kit = await terminalKit();
  const [a, b] = await Promise.all([tenant('pos-sync'), tenant('pos-sync-other')]);
  t = a;
  // No stock is received: a synced sale never waits for it, and every count is read relative to its start.
  const [chain, { stores }] = await Promise.all([pricedChain(a), seedStores(b, 1)]);
  c = chain;
  const storeId = stores[0]!.id as string;
  const made = await Promise.all([newUser(a, 'cashier', [c.stores.e1]), newTill(kit, a, c.stores.e1), newTill(kit, a, c.stores.e2), newTill(kit, b, storeId), newUser(b, 'cashier', [storeId])]);
  [cashier, till, e2Till] = made;
  other = { tenant: b, storeId, till: made[3], cashier: made[4] };
}, 60_000);

let tags = 0;
/** A fresh sale-id namespace, so each test's clientSaleIds are its own. */
const tag = () => `t${Date.now().toString(36)}-${++tags}`;
const water = (quantity = 1): TillLine[] => [{ skuId: c.skus.water, quantity, unitPrice: 200 }];
const eventsOf = async (type: string, field: string, value: string) => {
  const res = await call('GET', '/v1/tenant/events?limit=100', { token: t.token });
  return res.body.data.filter((e: any) => e.type === type && e.payload[field] === value);
};
const sync = async (terminalId: string, sales: readonly TillSale[], token = cashier.token) => ok('sync', await syncSales(token, terminalId, sales));
const orderOf = async (answer: any, clientSaleId: string) => ok('order', await call('GET', `/v1/orders/${answer.orders.find((o: any) => o.clientSaleId === clientSaleId).orderId}`, { token: cashier.token }));

// First, while nothing this file wrote is still being published: a late event would count as a write.
describe('refusals', () => {
  it('refuses another store’s or tenant’s terminal, writing nothing', async () => {
    const sale = tillSale(tag(), 1, c.stores.e1, water());
    await refused(() => syncSales(cashier.token, e2Till, [{ ...sale, storeId: c.stores.e2 }]), 404, 'not_found');
    await refused(() => syncSales(cashier.token, other.till, [{ ...sale, storeId: other.storeId }]), 404, 'not_found');
    await refused(() => syncSales(other.cashier.token, till, [sale]), 404, 'not_found');
    await refused(() => syncStatus(other.tenant.token, till), 404, 'not_found');
  });

  it('refuses unknown terminals, roles that do not sell at a till and malformed batches, writing nothing', async () => {
    const sale = tillSale(tag(), 1, c.stores.e1, water());
    // As `refused` does, once for them all: every one must write nothing.
    await Promise.all([t, other.tenant].map(allSettled));
    const before = await itemCounts();
    const refusals: [Promise<ApiResponse>, number, string][] = [
      [syncSales(cashier.token, 'trm_01JZZZZZZZZZZZZZZZZZZZZZZZ', [sale]), 404, 'not_found'],
      [syncStatus(cashier.token, e2Till), 404, 'not_found'],
      [syncSales(t.token, till, [sale]), 403, 'forbidden'],
      [syncSales(cashier.token, till, []), 400, 'validation_failed'],
      [syncSales(cashier.token, till, [{ ...sale, seq: 0 }]), 400, 'validation_failed'],
      [syncSales(cashier.token, till, [{ ...sale, lines: [{ skuId: c.skus.water, quantity: 1 }] }]), 400, 'validation_failed'],
      [syncSales(cashier.token, till, [{ ...sale, payments: [{ method: 'cheque', amount: 200 }] }]), 400, 'validation_failed'],
      [syncSales(cashier.token, till, Array.from({ length: 51 }, (_, i) => ({ ...sale, seq: i + 1, clientSaleId: `x-${i}` }))), 400, 'validation_failed'],
    ];
    for (const [res, status, code] of refusals) expectEnvelope(await res, status, code);
    expect(await itemCounts()).toEqual(before);
  });
});

describe('POST /v1/pos/sales:sync', () => {
  it('records each sale once as a completed pos order, however its batches are replayed and reordered', async () => {
    const own = await newTill(kit, t, c.stores.e1);
    const k = tag();
    const sales = [1, 2, 3, 4].map((seq) => tillSale(k, seq, c.stores.e1, water(seq)));
    const wallet = tillSale(k, 5, c.stores.e1, water(2), { payments: [{ method: 'cash', amount: 100 }, { method: 'wechat', amount: 300, providerTxnId: '4200001234202611230000000001' }] });
    const before = (await stockAt(t.token, c.stores.e1, [c.skus.water])).get(c.skus.water)!.onHand;

    const first = await sync(own, [sales[2]!, sales[0]!]);
    expect(first).toMatchObject({ accepted: [`${k}-3`, `${k}-1`], duplicates: [], rejected: [] });
    const second = await sync(own, [wallet, ...sales].reverse());
    expect(second).toMatchObject({ accepted: [`${k}-4`, `${k}-2`, `${k}-5`], duplicates: [`${k}-3`, `${k}-1`], rejected: [] });
    const third = await sync(own, [sales[3]!, wallet, sales[3]!]);
    expect(third).toMatchObject({ accepted: [], duplicates: [`${k}-4`, `${k}-5`, `${k}-4`] });
    // A duplicate is answered with the order its first delivery made.
    expect(third.orders[0]).toEqual(second.orders.find((o: any) => o.clientSaleId === `${k}-4`));
    expect((await stockAt(t.token, c.stores.e1, [c.skus.water])).get(c.skus.water)!.onHand).toBe(before - 12);

    const order = await orderOf(second, `${k}-5`);
    expect(order).toMatchObject({ channel: 'pos', status: 'completed', fulfilmentType: 'instore', total: 400, paidAmount: 400, number: expect.stringMatching(/^P\d{4}-\d{3}$/), createdAt: wallet.occurredAt, completedAt: wallet.occurredAt });
    expect(order.offlineSale).toMatchObject({ terminalId: own, clientSaleId: `${k}-5`, seq: 5, occurredAt: wallet.occurredAt, chargedDiffers: false, engineTotal: 400, priceFlags: [] });
    expect(order.payments.map((p: any) => [p.provider, p.flow, p.status, p.amount, p.providerTxnId])).toEqual(
      expect.arrayContaining([['cash', 'cash', 'succeeded', 100, undefined], ['wechat', 'barcode', 'succeeded', 300, '4200001234202611230000000001']]),
    );
    const numbers = await Promise.all(sales.map(async (s) => (await orderOf(second, s.clientSaleId)).number));
    expect(new Set(numbers).size).toBe(4);
    await eventually(async () => ((await eventsOf('order.completed', 'orderId', order.id)).length ? true : undefined));
    for (const type of ['order.created', 'order.paid']) expect(await eventsOf(type, 'orderId', order.id)).toHaveLength(1);
  });

  it('numbers a sale in the business day it was made, in the store’s time zone', async () => {
    const k = tag();
    const yesterday = new Date(Date.now() - 26 * HOUR);
    const answer = await sync(till, [tillSale(k, 1, c.stores.e1, water(), { clientSaleId: `${k}-late`, occurredAt: yesterday.toISOString(), seq: 1000 + tags })]);
    const order = await orderOf(answer, `${k}-late`);
    expect(order.businessDay).toBe(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(yesterday));
    // The number carries the store-local time the customer paid, not the time of the sync.
    const hhmm = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(yesterday).replace(':', '');
    expect(order.number).toMatch(new RegExp(`^P${hhmm}-\\d{3}$`));
  });

  it('refuses a clientSaleId recorded with other contents, and a seq another sale holds', async () => {
    const own = await newTill(kit, t, c.stores.e1);
    const k = tag();
    const sale = tillSale(k, 1, c.stores.e1, water());
    const first = await sync(own, [sale]);
    const level = async () => (await stockAt(t.token, c.stores.e1, [c.skus.water])).get(c.skus.water)!.onHand;
    const onHand = await level();
    const changed = await sync(own, [{ ...sale, lines: water(2), payments: [{ method: 'cash', amount: 400 }] }, { ...sale, clientSaleId: `${k}-other` }]);
    expect(changed).toEqual({
      accepted: [],
      duplicates: [],
      rejected: [
        { clientSaleId: sale.clientSaleId, seq: 1, code: 'client_sale_id_reused' },
        { clientSaleId: `${k}-other`, seq: 1, code: 'seq_reused' },
      ],
      orders: [],
    });
    expect(await level()).toBe(onHand);
    expect((await orderOf(first, sale.clientSaleId)).total).toBe(200);
  });

  it('never refuses a sale for the count: stock goes below zero and stock.negative is announced', async () => {
    const { onHand } = (await stockAt(t.token, c.stores.e1, [c.skus.chips135])).get(c.skus.chips135)!;
    const k = tag();
    const answer = await sync(till, [tillSale(k, 2000 + tags, c.stores.e1, [{ skuId: c.skus.chips135, quantity: onHand + 3, unitPrice: 1100 }], { clientSaleId: `${k}-short` })]);
    expect(answer.accepted).toEqual([`${k}-short`]);
    expect((await stockAt(t.token, c.stores.e1, [c.skus.chips135])).get(c.skus.chips135)!.onHand).toBe(-3);
    const { orderId } = answer.orders[0];
    await eventually(async () => (await eventsOf('stock.negative', 'reference', orderId))[0]);
  });

  it('keeps a price the till charged other than the engine’s for that moment, and flags it', async () => {
    // From an hour ago cola 500 ml is 350 at E1; before that it was its list price, 400.
    await createList(t, { name: 'E1 cola', priority: 20, scope: { storeIds: [c.stores.e1] }, validFrom: new Date(Date.now() - HOUR).toISOString(), prices: [{ skuId: c.skus.cola500, amount: 350 }] });
    const k = tag();
    const cola = (quantity: number): TillLine[] => [{ skuId: c.skus.cola500, quantity, unitPrice: 400 }];
    const answer = await sync(till, [
      tillSale(k, 3000 + tags, c.stores.e1, cola(2), { clientSaleId: `${k}-old`, occurredAt: new Date(Date.now() - 2 * HOUR).toISOString() }),
      tillSale(k, 3001 + tags, c.stores.e1, cola(2), { clientSaleId: `${k}-new` }),
    ]);
    expect(answer.accepted).toHaveLength(2);
    expect((await orderOf(answer, `${k}-old`)).offlineSale).toMatchObject({ chargedDiffers: false, engineTotal: 800, priceFlags: [] });
    const flagged = await orderOf(answer, `${k}-new`);
    expect(flagged).toMatchObject({ total: 800, paidAmount: 800, lines: [expect.objectContaining({ skuId: c.skus.cola500, quantity: 2, unitPrice: 400, amount: 800 })] });
    expect(flagged.offlineSale).toMatchObject({ chargedDiffers: true, engineTotal: 700, priceFlags: [{ skuId: c.skus.cola500, quantity: 2, chargedUnitPrice: 400, chargedAmount: 800, engineUnitPrice: 350, engineAmount: 700 }] });
    const [event] = await eventually(async () => {
      const found = await eventsOf('order.price_differs', 'orderId', flagged.id);
      return found.length ? found : undefined;
    });
    expect(event.payload).toMatchObject({ terminalId: till, clientSaleId: `${k}-new`, total: 800, engineTotal: 700 });
  });

  it('refuses each bad sale with a code and records the good ones of the same batch', async () => {
    const k = tag();
    const s = (seq: number, over: Partial<TillSale>) => tillSale(k, 4000 + seq + tags * 20, c.stores.e1, water(), { clientSaleId: `${k}-${seq}`, ...over });
    const answer = await sync(till, [
      s(1, { payments: [{ method: 'cash', amount: 199 }] }),
      s(2, { payments: [{ method: 'alipay', amount: 200 }] }),
      s(3, { storeId: c.stores.e2 }),
      s(4, { lines: [{ skuId: 'sku_01JZZZZZZZZZZZZZZZZZZZZZZZ', quantity: 1, unitPrice: 200 }] }),
      s(5, { occurredAt: new Date(Date.now() + HOUR).toISOString() }),
      s(6, { occurredAt: new Date(Date.now() - 40 * 24 * HOUR).toISOString() }),
      s(7, { lines: [{ skuId: c.skus.water, quantity: 1, unitPrice: 200 }, { skuId: c.skus.water, quantity: 1, unitPrice: 150 }], payments: [{ method: 'cash', amount: 350 }] }),
      s(8, {}),
    ]);
    expect(answer.accepted).toEqual([`${k}-8`]);
    expect(answer.rejected.map((r: any) => [r.clientSaleId, r.code])).toEqual([
      [`${k}-1`, 'payments_do_not_match_total'],
      [`${k}-2`, 'provider_txn_id_required'],
      [`${k}-3`, 'terminal_not_at_store'],
      [`${k}-4`, 'unknown_sku'],
      [`${k}-5`, 'sale_in_future'],
      [`${k}-6`, 'sale_too_old'],
      [`${k}-7`, 'sku_repeated_at_different_prices'],
    ]);
  });

});

describe('GET /v1/pos/terminals/{id}/sync-status', () => {
  it('reports the gaps in a terminal’s seqs until they are filled', async () => {
    const own = await newTill(kit, t, c.stores.e1);
    const k = tag();
    const occurredAt = new Date(Date.now() - 60_000).toISOString();
    const sale = (seq: number, over: Partial<TillSale> = {}) => tillSale(k, seq, c.stores.e1, water(), { occurredAt, ...over });
    const fresh = ok('status', await syncStatus(cashier.token, own));
    expect(fresh).toMatchObject({ terminalId: own, storeId: c.stores.e1, highestSeq: 0, highestContiguousSeq: 0, recordedSales: 0, missing: [], lastSyncAt: null });

    await sync(own, [sale(5), sale(1), sale(2), sale(7)]);
    const gaps = ok('status', await syncStatus(t.token, own));
    expect(gaps).toMatchObject({ highestSeq: 7, highestContiguousSeq: 2, recordedSales: 4, missingCount: 3, missing: [{ from: 3, to: 4 }, { from: 6, to: 6 }], missingComplete: true, batches: 1 });
    expect(Date.parse(gaps.lastSyncAt)).toBeGreaterThan(Date.now() - 60_000);

    await sync(own, [sale(4), sale(8, { payments: [] }), sale(3)]);
    expect(ok('status', await syncStatus(cashier.token, own))).toMatchObject({
      highestSeq: 8,
      highestContiguousSeq: 5,
      missing: [{ from: 6, to: 6 }, { from: 8, to: 8 }],
      recentRejections: [{ clientSaleId: `${k}-8`, seq: 8, code: 'payments_do_not_match_total' }],
    });
    await sync(own, [sale(8), sale(6), sale(7)]);
    expect(ok('status', await syncStatus(cashier.token, own))).toMatchObject({
      highestSeq: 8,
      highestContiguousSeq: 8,
      recordedSales: 8,
      missingCount: 0,
      missing: [],
      batches: 3,
      answered: { accepted: 8, duplicates: 1, rejected: 1 },
    });
  });
});

describe('exactly once, at random', () => {
  const SKUS = ['water', 'cola330', 'chips70'] as const;
  const PRICES = { water: 200, cola330: 300, chips70: 650 } as const;
  const saleArb = fc.array(fc.record({ sku: fc.constantFrom(...SKUS), quantity: fc.integer({ min: 1, max: 3 }) }), { minLength: 1, maxLength: 3 });
  // The sales, the ones sent again, a sort key per delivery (the shuffle) and the batch size.
  const run = fc.record({
    sales: fc.array(saleArb, { minLength: 1, maxLength: 6 }),
    repeats: fc.array(fc.nat(), { maxLength: 8 }),
    keys: fc.array(fc.nat(), { minLength: 14, maxLength: 14 }),
    size: fc.integer({ min: 1, max: 5 }),
  });

  it('ends shuffled, duplicated and concurrent batches with one order per sale and onHand = start − sold', async () => {
    const store = c.stores.w1;
    const staff = await newUser(t, 'store_manager', [store]);
    await fc.assert(
      fc.asyncProperty(run, async ({ sales: drawn, repeats, keys, size }) => {
        const own = await newTill(kit, t, store);
        const k = tag();
        const sales = drawn.map((lines, i) => tillSale(k, i + 1, store, lines.map((l) => ({ skuId: c.skus[l.sku], quantity: l.quantity, unitPrice: PRICES[l.sku] }))));
        const skuIds = SKUS.map((s) => c.skus[s]);
        const start = await stockAt(t.token, store, skuIds);
        // Every sale at least once and the drawn repeats, shuffled, cut into batches of which the first two race.
        const deliveries = [...sales.map((_, i) => i), ...repeats.map((n) => n % sales.length)]
          .map((sale, i) => ({ sale, key: keys[i]! }))
          .sort((a, b) => a.key - b.key)
          .map((d) => d.sale);
        const batches = Array.from({ length: Math.ceil(deliveries.length / size) }, (_, b) => deliveries.slice(b * size, (b + 1) * size).map((i) => sales[i]!));
        const [racing, ...rest] = [batches.slice(0, 2), ...batches.slice(2).map((b) => [b])];
        const answers = [...(await Promise.all(racing!.map((b) => sync(own, b, staff.token))))];
        for (const [b] of rest) answers.push(await sync(own, b!, staff.token));

        const orderIds = new Map<string, Set<string>>();
        for (const a of answers) {
          expect(a.rejected).toEqual([]);
          for (const o of a.orders) orderIds.set(o.clientSaleId, (orderIds.get(o.clientSaleId) ?? new Set()).add(o.orderId));
        }
        expect(answers.flatMap((a) => a.accepted).sort()).toEqual(sales.map((s) => s.clientSaleId).sort());
        expect([...orderIds.values()].every((ids) => ids.size === 1)).toBe(true);
        const status = ok('status', await syncStatus(staff.token, own));
        expect(status).toMatchObject({ recordedSales: sales.length, highestContiguousSeq: sales.length, missing: [] });
        const after = await stockAt(t.token, store, skuIds);
        for (const skuId of skuIds) {
          const sold = sales.flatMap((s) => s.lines).filter((l) => l.skuId === skuId).reduce((n, l) => n + l.quantity, 0);
          expect(after.get(skuId)!.onHand).toBe(start.get(skuId)!.onHand - sold);
        }
      }),
      { numRuns: PROPERTY_RUNS },
    );
  }, 120_000);
});
