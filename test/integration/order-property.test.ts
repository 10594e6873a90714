// The order pipeline's money-and-stock invariants under random concurrent operations on the real
// local engine: online orders (holding stock), till sales (paid in the request or later, in parts),
// payments, cancellations, returns, expiry sweeps, and every operation sometimes sent twice with
// the same ids (a client retry or a duplicate delivery). After each sequence: one order per key,
// stock equal to what the orders say was sold and returned, holds equal to pending online orders,
// online SKUs never oversold, payments and refunds adding up and never beyond what was paid, no
// line returned beyond what was sold, and every level equal to the sum of its ledger movements.
// `npm test` runs 200 operations; `npm run test:soak` runs 10,000.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, type TestTenant } from '../support/api.ts';
import { pricedChain, pricingKit, type PricedChain } from '../support/pricing.ts';
import { ok } from '../support/orders.ts';
import { runs } from '../support/soak.ts';
import { manualClock, stockKit, type StockKit } from '../support/stock.ts';
import type * as Place from '../../domain/orders/place-order.ts';
import type * as Payments from '../../domain/payments/payments.ts';
import type * as Cancel from '../../domain/orders/cancel-order.ts';
import type * as Returns from '../../domain/orders/returns.ts';
import type * as Expiry from '../../domain/inventory/reservations/reservation-expiry.ts';
import type * as Expire from '../../domain/orders/expire-order.ts';
import type * as Reads from '../../domain/orders/order-reads.ts';
import type * as Ids from '../../domain/shared/ids.ts';
import type * as Errors from '../../domain/shared/errors.ts';
import type * as Pricing from '../../domain/pricing/pricing-service.ts';

const SEQUENCES = runs(5, 250, process.env.ORDER_PROPERTY_RUNS);
const OPS = 40;
const STOCK = 12;
const MINUTE = 60_000;
const SOLD = new Set(['paid', 'fulfilling', 'completed', 'partially_refunded', 'refunded']);

const { tenant } = pricingKit();
let t: TestTenant;
let c: PricedChain;
let kit: StockKit;
let regionId: string;
const clock = manualClock(Date.now());
let domain: typeof Place &
  typeof Payments &
  typeof Cancel &
  typeof Returns &
  typeof Expiry &
  typeof Expire &
  typeof Reads &
  typeof Ids &
  typeof Errors & { pricing: ReturnType<typeof Pricing.createPricingService> };

beforeAll(async () => {
  t = await tenant('order-prop');
  c = await pricedChain(t);
  regionId = (await call('GET', `/v1/stores/${c.stores.e1}`, { token: t.token })).body.regionId;
  kit = await stockKit(clock);
  const [place, payments, cancel, returns, expiry, expire, reads, ids, errors, pricing] = await Promise.all([
    import('../../domain/orders/place-order.ts'),
    import('../../domain/payments/payments.ts'),
    import('../../domain/orders/cancel-order.ts'),
    import('../../domain/orders/returns.ts'),
    import('../../domain/inventory/reservations/reservation-expiry.ts'),
    import('../../domain/orders/expire-order.ts'),
    import('../../domain/orders/order-reads.ts'),
    import('../../domain/shared/ids.ts'),
    import('../../domain/shared/errors.ts'),
    import('../../domain/pricing/pricing-service.ts'),
  ]);
  const { sharedScope } = await import('../support/scope.ts');
  const { cloud } = await import('../support/api.ts');
  domain = { ...place, ...payments, ...cancel, ...returns, ...expiry, ...expire, ...reads, ...ids, ...errors, pricing: pricing.createPricingService(await sharedScope(cloud().tables.main)) };
});

type Line = { sku: number; quantity: number };
type Op =
  | { kind: 'online'; key: number; lines: Line[] }
  | { kind: 'pos'; key: number; lines: Line[]; pay: boolean }
  | { kind: 'pay'; key: number; part: boolean }
  | { kind: 'cancel'; key: number }
  | { kind: 'return'; key: number; line: number; quantity: number }
  | { kind: 'expire' };

/** SKUs 0 and 1 sell online only (so they can be checked for oversell), SKU 2 at the till only. */
const line = (skus: number[]) => fc.record({ sku: fc.constantFrom(...skus), quantity: fc.integer({ min: 1, max: 4 }) });
const key = fc.nat(9);
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('online' as const), key, lines: fc.array(line([0, 1]), { minLength: 1, maxLength: 3 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('pos' as const), key, lines: fc.array(line([2]), { minLength: 1, maxLength: 2 }), pay: fc.boolean() }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('pay' as const), key, part: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('cancel' as const), key }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('return' as const), key, line: fc.nat(2), quantity: fc.integer({ min: 1, max: 3 }) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'expire' as const }) },
);
/** An operation, whether it is sent twice, and whether it runs alongside the previous one. */
const step = fc.record({ op, twice: fc.boolean(), concurrent: fc.boolean() });

describe('the order pipeline', () => {
  it(`keeps money and stock exact over ${SEQUENCES} random sequences of ${OPS} operations`, async () => {
    const succeeded = new Map<string, number>();
    const ctx = { tenantId: t.tenantId, userId: 'usr_01JPROPERTY00000000000000', role: 'hq_admin' as const, storeIds: [] as string[] };
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: OPS, maxLength: OPS }), async (steps) => {
        clock.set(Date.now());
        const store = ok('store', await call('POST', '/v1/stores', { token: t.token, body: { code: `P${domain.newId('order').slice(-8)}`, name: 'Property store', regionId, ownership: 'direct', address: '1 Random Rd' } }), 201).id as string;
        const skus = [c.skus.cola330, c.skus.chips70, c.skus.water];
        ok('receipt', await call('POST', '/v1/stock/movements', { token: t.token, body: { locationId: store, type: 'receipt', lines: skus.map((skuId) => ({ skuId, quantity: STOCK })) } }), 201);
        const deps = { service: kit.service, pricing: domain.pricing, clock };
        const orderIds = Array.from({ length: 10 }, () => domain.newId('order'));
        const refusedCodes = new Set<string>();
        const run = async (o: Op, ids: { payment: string; ret: string }) => {
          const orderId = o.kind === 'expire' ? '' : orderIds[o.key]!;
          const lines = (ls: Line[]) => ls.map((l) => ({ skuId: skus[l.sku]!, quantity: l.quantity }));
          switch (o.kind) {
            case 'online':
              return domain.placeOrder(ctx, { storeId: store, channel: 'online', lines: lines(o.lines) }, orderId, deps);
            case 'pos':
              return domain.placeOrder(ctx, { storeId: store, channel: 'pos', lines: lines(o.lines), ...(o.pay ? { payment: { flow: 'cash' as const } } : {}) }, orderId, deps);
            case 'pay':
              return domain.createPayment(ctx, { orderId, flow: 'cash', ...(o.part ? { amount: 100 } : {}) }, ids.payment, deps);
            case 'cancel':
              return domain.cancelOrder(ctx, orderId, {}, deps);
            case 'return': {
              // A line the order has (or, for a key with no order, any SKU: refused as not found).
              const { data } = await kit.service.entities.order.get({ tenantId: t.tenantId, orderId }).go();
              const skuId = data ? data.lines[o.line % data.lines.length]!.skuId : skus[o.line]!;
              return domain.returnGoods(ctx, orderId, { lines: [{ skuId, quantity: o.quantity }], reason: 'property' }, ids.ret, deps);
            }
            case 'expire':
              clock.advance(16 * MINUTE);
              return domain.expireDueReservations(t.tenantId, deps, domain.orderExpiry(deps));
          }
        };
        const attempt = (o: Op, ids: { payment: string; ret: string }) =>
          run(o, ids).then(() => void succeeded.set(o.kind, (succeeded.get(o.kind) ?? 0) + 1), (error: unknown) => {
            // A refusal is a 4xx the rules allow; anything else is a defect.
            if (error instanceof domain.DomainError && error.code !== 'internal') return void refusedCodes.add(`${o.kind}:${error.code}`);
            throw error;
          });
        let inFlight: Promise<unknown>[] = [];
        for (const s of steps) {
          if (!s.concurrent) await Promise.all(inFlight.splice(0));
          const ids = { payment: domain.newId('payment'), ret: domain.newId('orderReturn') };
          inFlight.push(attempt(s.op, ids));
          if (s.twice) inFlight.push(attempt(s.op, ids));
        }
        await Promise.all(inFlight);
        inFlight = [];
        await expectConsistent(store, skus, orderIds);
        if (process.env.ORDER_PROPERTY_DEBUG) console.log([...refusedCodes]);
      }),
      { numRuns: SEQUENCES },
    );
    // Not a vacuous pass: every kind of operation got through somewhere.
    for (const kind of ['online', 'pos', 'pay', 'cancel', 'return', 'expire']) expect(succeeded.get(kind) ?? 0, `${kind} in ${JSON.stringify([...succeeded])}`).toBeGreaterThan(0);
  }, 600_000);
});

const expectConsistent = async (store: string, skus: string[], orderIds: string[]) => {
  const orders = (await Promise.all(orderIds.map((orderId) => kit.service.entities.order.get({ tenantId: t.tenantId, orderId }).go({ consistent: true })))).flatMap((r) => (r.data ? [r.data] : []));
  const listed = await kit.service.entities.order.query.byStoreDay({ tenantId: t.tenantId, storeId: store }).go({ pages: 'all' });
  // One order per key, and numbers unique per business day.
  expect(listed.data.map((o) => o.orderId).sort()).toEqual(orders.map((o) => o.orderId).sort());
  const numbers = listed.data.map((o) => `${o.businessDay}/${o.number}`);
  expect(new Set(numbers).size).toBe(numbers.length);

  const sold = new Map<string, number>();
  const held = new Map<string, number>();
  for (const o of orders) {
    const parts = await domain.readOrderParts(o, { service: kit.service });
    const paid = parts.payments.filter((p) => p.status === 'succeeded').reduce((n, p) => n + p.amount, 0);
    const refunded = parts.refunds.reduce((n, r) => n + r.amount, 0);
    expect({ order: o.orderId, paid, refunded }).toEqual({ order: o.orderId, paid: o.paidAmount, refunded: o.refundedAmount });
    expect(o.refundedAmount).toBeLessThanOrEqual(o.paidAmount);
    for (const p of parts.payments) expect(p.refundedAmount).toBeLessThanOrEqual(p.amount);
    if (o.status === 'pending_payment') expect(o.paidAmount).toBeLessThan(o.total);
    else if (o.status !== 'cancelled') expect(o.paidAmount).toBe(o.total);
    expect(parts.returns.reduce((n, r) => n + r.amount, 0)).toBe(o.status === 'cancelled' ? 0 : o.refundedAmount);
    for (const l of o.lines) {
      expect(l.returned).toBeLessThanOrEqual(l.quantity);
      if (SOLD.has(o.status)) sold.set(l.skuId, (sold.get(l.skuId) ?? 0) + l.quantity - l.returned);
      if (o.status === 'pending_payment' && o.reservationId) held.set(l.skuId, (held.get(l.skuId) ?? 0) + l.quantity);
    }
  }
  const live = await kit.liveReserved(t.tenantId, store);
  for (const [i, skuId] of skus.entries()) {
    const level = await kit.level(t.tenantId, store, skuId);
    expect({ skuId, onHand: level.onHand, reserved: level.reserved }).toEqual({ skuId, onHand: STOCK - (sold.get(skuId) ?? 0), reserved: held.get(skuId) ?? 0 });
    expect(live.get(skuId) ?? 0).toBe(level.reserved);
    expect(await kit.ledgerSum(t.tenantId, store, skuId)).toBe(level.onHand);
    // Online SKUs are never oversold; the till's SKU may go below zero (goods already in hand).
    if (i < 2) expect(level.onHand - level.reserved).toBeGreaterThanOrEqual(0);
  }
};
