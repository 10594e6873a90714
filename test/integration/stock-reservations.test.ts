// Reservations on the ledger against DynamoDB Local: holding units all or nothing, safety stock
// for online orders, ending exactly once (release, expiry by the sweeper, consumption into a sale)
// even when those race, and four times as many concurrent reservations as units left (50 units
// in the soak, 12 in `npm test`).
import { beforeAll, describe, expect, it } from 'vitest';
import { manualClock, stockKit, type StockKit } from '../support/stock.ts';
import { runs } from '../support/soak.ts';
import type * as Ledger from '../../domain/inventory/ledger/ledger.ts';
import type * as Reservations from '../../domain/inventory/reservations/reservation-ledger.ts';
import type * as Expiry from '../../domain/inventory/reservations/reservation-expiry.ts';

let kit: StockKit;
let ledger: typeof Ledger;
let reservations: typeof Reservations;
let expiry: typeof Expiry;
const clock = manualClock();
const MINUTE = 60_000;
const LAST_UNITS = runs(12, 50);

beforeAll(async () => {
  kit = await stockKit(clock);
  [ledger, reservations, expiry] = await Promise.all([import('../../domain/inventory/ledger/ledger.ts'), import('../../domain/inventory/reservations/reservation-ledger.ts'), import('../../domain/inventory/reservations/reservation-expiry.ts')]);
});

/** A fresh tenant and store holding `stock` units of each of `skus` fresh SKUs. */
const stocked = async (stock: number, skus = 1) => {
  const [tenantId, store] = [kit.fresh.tenant(), kit.fresh.store()];
  const skuIds = Array.from({ length: skus }, () => kit.fresh.sku());
  await ledger.postStock({ tenantId, postingId: kit.newId('posting'), changes: skuIds.map((skuId) => ({ locationId: store, skuId, movement: { type: 'receipt', quantity: stock }, guard: 'none' })) }, kit.deps);
  return { tenantId, store, skuIds };
};

const hold = (tenantId: string, locationId: string, lines: { skuId: string; quantity: number }[], extra: Partial<Reservations.NewReservation> = {}) =>
  reservations.placeReservation(tenantId, { reservationId: kit.newId('reservation'), locationId, channel: 'online', lines, expiresAt: new Date(clock.now().getTime() + 15 * MINUTE), ...extra }, kit.deps);

describe('reservations', () => {
  it('hold units all or nothing, keep online away from the safety stock, and give them back on release', async () => {
    const { tenantId, store, skuIds: [a, b] } = await stocked(10, 2);
    await kit.service.entities.stockPolicy.create({ tenantId, locationId: store, scope: 'default', safetyStock: 2, updatedAt: clock.now().toISOString() }).go();
    const r = await hold(tenantId, store, [{ skuId: a!, quantity: 6 }, { skuId: b!, quantity: 1 }]);
    expect(r).toMatchObject({ id: expect.stringMatching(/^rsv_/), status: 'active', channel: 'online', expiresAt: new Date(clock.now().getTime() + 15 * MINUTE).toISOString() });
    expect(await kit.level(tenantId, store, a!)).toMatchObject({ onHand: 10, reserved: 6, free: 4 });
    await expect(hold(tenantId, store, [{ skuId: a!, quantity: 3 }, { skuId: b!, quantity: 1 }])).rejects.toMatchObject({
      code: 'insufficient_stock',
      details: [{ skuId: a, locationId: store, requested: 3, available: 2 }],
    });
    expect(await kit.level(tenantId, store, b!)).toMatchObject({ reserved: 1 });
    // The till may sell what online keeps back.
    await hold(tenantId, store, [{ skuId: a!, quantity: 4 }], { channel: 'pos' });
    const released = await reservations.releaseReservation(tenantId, r.id, kit.deps);
    expect(released).toMatchObject({ id: r.id, status: 'released', closedAt: clock.now().toISOString() });
    expect(await reservations.releaseReservation(tenantId, r.id, kit.deps)).toEqual(released);
    expect(await kit.level(tenantId, store, a!)).toMatchObject({ onHand: 10, reserved: 4, free: 6 });
    expect((await kit.liveReserved(tenantId, store)).get(a!)).toBe(4);
  });

  it('replays a repeated reservation id and refuses it with other lines', async () => {
    const { tenantId, store, skuIds: [a] } = await stocked(3);
    const reservationId = kit.newId('reservation');
    const first = await hold(tenantId, store, [{ skuId: a!, quantity: 3 }], { reservationId });
    expect(await hold(tenantId, store, [{ skuId: a!, quantity: 3 }], { reservationId })).toEqual(first);
    await expect(hold(tenantId, store, [{ skuId: a!, quantity: 2 }], { reservationId })).rejects.toMatchObject({ code: 'idempotency_key_reused' });
    expect(await kit.level(tenantId, store, a!)).toMatchObject({ reserved: 3 });
  });

  it('are expired by the sweeper once due (at their deadline exactly), and a repeat sweep does nothing', async () => {
    const { tenantId, store, skuIds: [a] } = await stocked(5);
    const soon = await hold(tenantId, store, [{ skuId: a!, quantity: 2 }], { expiresAt: new Date(clock.now().getTime() + MINUTE) });
    const later = await hold(tenantId, store, [{ skuId: a!, quantity: 1 }], { expiresAt: new Date(clock.now().getTime() + 10 * MINUTE) });
    expect(await expiry.expireDueReservations(tenantId, kit.deps)).toEqual({ expired: 0, lost: 0 });
    clock.advance(MINUTE);
    expect(await expiry.expireDueReservations(tenantId, kit.deps)).toEqual({ expired: 1, lost: 0 });
    expect(await expiry.expireDueReservations(tenantId, kit.deps)).toEqual({ expired: 0, lost: 0 });
    expect((await reservations.requireReservation(tenantId, soon.id, kit.deps)).status).toBe('expired');
    expect((await reservations.requireReservation(tenantId, later.id, kit.deps)).status).toBe('active');
    expect(await kit.level(tenantId, store, a!)).toMatchObject({ onHand: 5, reserved: 1, free: 4 });
    await expect(reservations.releaseReservation(tenantId, soon.id, kit.deps)).rejects.toMatchObject({ code: 'invalid_state', details: [{ status: 'expired' }] });
  });

  it('end exactly once when the sweeper, a second sweeper and a release race', async () => {
    const { tenantId, store, skuIds: [a] } = await stocked(40);
    const held = await Promise.all(Array.from({ length: 8 }, () => hold(tenantId, store, [{ skuId: a!, quantity: 2 }], { expiresAt: new Date(clock.now().getTime() + MINUTE) })));
    clock.advance(2 * MINUTE);
    const [sweepA, sweepB, ...releases] = await Promise.allSettled([
      expiry.expireDueReservations(tenantId, kit.deps),
      expiry.expireDueReservations(tenantId, kit.deps),
      ...held.map((r) => reservations.releaseReservation(tenantId, r.id, kit.deps)),
    ]);
    const released = releases.filter((r) => r.status === 'fulfilled').length;
    const expired = [sweepA, sweepB].reduce((n, s) => n + (s.status === 'fulfilled' ? s.value.expired : 0), 0);
    expect(releases.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason.code)).toEqual(Array(8 - released).fill('invalid_state'));
    expect(released + expired).toBe(8);
    expect(await kit.level(tenantId, store, a!)).toMatchObject({ onHand: 40, reserved: 0, free: 40 });
  });

  it('are consumed into sales, wholly or in part, once, and not after their deadline', async () => {
    const { tenantId, store, skuIds: [a, b] } = await stocked(10, 2);
    const r = await hold(tenantId, store, [{ skuId: a!, quantity: 3 }, { skuId: b!, quantity: 2 }]);
    const sold = await reservations.consumeReservation(tenantId, r.id, kit.deps, { sold: [{ skuId: a!, quantity: 2 }] });
    expect(sold.reservation).toMatchObject({ status: 'consumed', sold: [{ skuId: a, quantity: 2 }] });
    expect(sold.movements).toEqual([expect.objectContaining({ skuId: a, type: 'sale', quantity: -2, locationId: store })]);
    expect(await reservations.consumeReservation(tenantId, r.id, kit.deps, { sold: [{ skuId: a!, quantity: 2 }] })).toEqual(sold);
    expect([await kit.level(tenantId, store, a!), await kit.level(tenantId, store, b!)]).toMatchObject([
      { onHand: 8, reserved: 0, free: 8 },
      { onHand: 10, reserved: 0, free: 10 },
    ]);
    await expect(reservations.releaseReservation(tenantId, r.id, kit.deps)).rejects.toMatchObject({ code: 'invalid_state' });
    await expect(reservations.consumeReservation(tenantId, r.id, kit.deps, { sold: [{ skuId: b!, quantity: 3 }] })).rejects.toMatchObject({ code: 'validation_failed' });

    const late = await hold(tenantId, store, [{ skuId: a!, quantity: 1 }], { expiresAt: new Date(clock.now().getTime() + MINUTE) });
    clock.advance(MINUTE);
    await expect(reservations.consumeReservation(tenantId, late.id, kit.deps)).rejects.toMatchObject({ code: 'invalid_state', details: [{ status: 'expired' }] });
    expect((await reservations.requireReservation(tenantId, late.id, kit.deps)).status).toBe('expired');
    expect(await kit.level(tenantId, store, a!)).toMatchObject({ onHand: 8, reserved: 0 });
    expect(await kit.ledgerSum(tenantId, store, a!)).toBe(8);
  });

  it(`lets exactly ${LAST_UNITS} of ${4 * LAST_UNITS} concurrent reservations take the last ${LAST_UNITS} units`, async () => {
    const { tenantId, store, skuIds: [a] } = await stocked(LAST_UNITS);
    const outcomes = await Promise.allSettled(Array.from({ length: 4 * LAST_UNITS }, () => hold(tenantId, store, [{ skuId: a!, quantity: 1 }])));
    const refusals = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason] : []));
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(LAST_UNITS);
    expect(refusals.map((e) => e.code)).toEqual(Array(3 * LAST_UNITS).fill('insufficient_stock'));
    expect(refusals[0].details).toEqual([{ skuId: a, locationId: store, requested: 1, available: 0 }]);
    expect(await kit.level(tenantId, store, a!)).toMatchObject({ onHand: LAST_UNITS, reserved: LAST_UNITS, free: 0 });
    expect((await kit.liveReserved(tenantId, store)).get(a!)).toBe(LAST_UNITS);
  }, 120_000);
});
