// The ledger primitive (domain/inventory/ledger/ledger.ts) against DynamoDB Local: atomic postings whose
// levels always equal the sum of their movements, guards that refuse overselling with per-SKU
// details and write nothing, idempotent posting ids, the transaction's item limit, the caller's
// own items in the same transaction, and stock.low once per crossing.
import { beforeAll, describe, expect, it } from 'vitest';
import { itemCounts } from '../support/api.ts';
import { stockKit, type StockKit } from '../support/stock.ts';
import type { Posting, postStock as PostStock } from '../../domain/inventory/ledger/ledger.ts';

let kit: StockKit;
let postStock: typeof PostStock;

beforeAll(async () => {
  kit = await stockKit();
  ({ postStock } = await import('../../domain/inventory/ledger/ledger.ts'));
});

const posting = (tenantId: string, changes: Posting['changes'], extra: Partial<Posting> = {}): Posting => ({ tenantId, postingId: kit.newId('posting'), changes, ...extra });
const receipt = (locationId: string, skuId: string, quantity: number) => ({ locationId, skuId, movement: { type: 'receipt' as const, quantity }, guard: 'none' as const });
const sale = (locationId: string, skuId: string, quantity: number) => ({ locationId, skuId, movement: { type: 'sale' as const, quantity: -quantity }, guard: 'available' as const });

const expectRefused = async (run: () => Promise<unknown>, code: string) => {
  const before = await itemCounts();
  await expect(run()).rejects.toMatchObject({ code });
  expect(await itemCounts()).toEqual(before);
};

describe('postStock', () => {
  it('posts movements and level changes together, the level always the sum of its ledger', async () => {
    const [t, store, a, b] = [kit.fresh.tenant(), kit.fresh.store(), kit.fresh.sku(), kit.fresh.sku()];
    const first = await postStock(posting(t, [receipt(store, a, 24), receipt(store, b, 6)], { reference: 'DN-1001', actorId: 'usr_x' }), kit.deps);
    expect(first.movements).toEqual([
      expect.objectContaining({ id: expect.stringMatching(/^mov_/), locationId: store, skuId: a, type: 'receipt', quantity: 24, reference: 'DN-1001', postingId: first.postingId }),
      expect.objectContaining({ skuId: b, quantity: 6 }),
    ]);
    await postStock(posting(t, [sale(store, a, 5)]), kit.deps);
    await postStock(posting(t, [{ locationId: store, skuId: a, movement: { type: 'adjustment', quantity: -2 }, guard: 'onHand' }]), kit.deps);
    expect(await kit.level(t, store, a)).toMatchObject({ onHand: 17, reserved: 0, free: 17 });
    expect(await kit.ledgerSum(t, store, a)).toBe(17);
    expect(await kit.level(t, store, b)).toMatchObject({ onHand: 6, free: 6 });
  });

  it('writes each line to the ledger once, however often its stream record is delivered', async () => {
    const { writeMovements } = await import('../../domain/inventory/ledger/movement-projection.ts');
    const [t, store, a] = [kit.fresh.tenant(), kit.fresh.store(), kit.fresh.sku()];
    const posted = await postStock(posting(t, [receipt(store, a, 4)], { reference: 'DN-1002' }), kit.deps);
    const ledger = await kit.ledger(t, store, a);
    expect(ledger.map((m) => [m.movementId, m.quantity, m.reference, m.postingId])).toEqual([[posted.movements[0]!.id, 4, 'DN-1002', posted.postingId]]);
    // A redelivered batch puts the same items again: same keys, same contents, nothing added.
    await writeMovements(ledger, async () => kit.service);
    await writeMovements(ledger, async () => kit.service);
    expect(await kit.ledger(t, store, a)).toEqual(ledger);
  });

  it('refuses a posting short on any line with every short SKU, changing nothing anywhere', async () => {
    const [t, store, warehouse, a, b] = [kit.fresh.tenant(), kit.fresh.store(), kit.fresh.warehouse(), kit.fresh.sku(), kit.fresh.sku()];
    await postStock(posting(t, [receipt(warehouse, a, 10), receipt(warehouse, b, 3)]), kit.deps);
    // A transfer-like posting: out of the warehouse, into the store, all or nothing.
    const move = (qa: number, qb: number) =>
      posting(t, [
        { locationId: warehouse, skuId: a, movement: { type: 'transfer_out', quantity: -qa }, guard: 'available' },
        { locationId: warehouse, skuId: b, movement: { type: 'transfer_out', quantity: -qb }, guard: 'available' },
        { locationId: store, skuId: a, movement: { type: 'transfer_in', quantity: qa }, guard: 'none' },
        { locationId: store, skuId: b, movement: { type: 'transfer_in', quantity: qb }, guard: 'none' },
      ]);
    const error = await postStock(move(4, 5), kit.deps).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'insufficient_stock', details: [{ skuId: b, locationId: warehouse, requested: 5, available: 3 }] });
    await expectRefused(() => postStock(move(11, 4), kit.deps), 'insufficient_stock');
    expect(await kit.level(t, store, a)).toMatchObject({ onHand: 0 });
    await postStock(move(10, 3), kit.deps);
    expect([await kit.level(t, warehouse, a), await kit.level(t, store, a)]).toMatchObject([{ onHand: 0 }, { onHand: 10 }]);
    expect(await kit.ledgerSum(t, store, b)).toBe(3);
  });

  it('lets a write-off take onHand to 0 but not below, and a synced offline sale below it', async () => {
    const [t, store, a] = [kit.fresh.tenant(), kit.fresh.store(), kit.fresh.sku()];
    await postStock(posting(t, [receipt(store, a, 3)]), kit.deps);
    await postStock(posting(t, [{ locationId: store, skuId: a, reserved: 2, guard: 'available' }]), kit.deps);
    const damage = (q: number) => posting(t, [{ locationId: store, skuId: a, movement: { type: 'damage', quantity: -q }, guard: 'onHand' }]);
    await expectRefused(() => postStock(damage(4), kit.deps), 'insufficient_stock');
    // Damage may eat into reserved units: the reservation is short, free goes below 0.
    await postStock(damage(2), kit.deps);
    expect(await kit.level(t, store, a)).toMatchObject({ onHand: 1, reserved: 2, free: -1 });
    await expectRefused(() => postStock(posting(t, [sale(store, a, 1)]), kit.deps), 'insufficient_stock');
    await postStock(posting(t, [{ ...sale(store, a, 3), guard: 'none' }]), kit.deps);
    expect(await kit.level(t, store, a)).toMatchObject({ onHand: -2, reserved: 2, free: -4 });
    expect(await kit.ledgerSum(t, store, a)).toBe(-2);
  });

  it('makes a repeated posting id a replay, and refuses it with different contents', async () => {
    const [t, store, a] = [kit.fresh.tenant(), kit.fresh.store(), kit.fresh.sku()];
    await postStock(posting(t, [receipt(store, a, 5)]), kit.deps);
    const once = posting(t, [sale(store, a, 5)], { postingId: 'ord_01JC0000000000000000000000:sale', reference: 'ord' });
    const first = await postStock(once, kit.deps);
    // The stock is gone now; a redelivery must still get the first answer, not insufficient_stock.
    const again = await postStock(once, kit.deps);
    expect(again).toEqual({ ...first, replayed: true });
    const raced = await Promise.all([1, 2, 3].map(() => postStock(once, kit.deps)));
    expect(raced.every((r) => r.replayed)).toBe(true);
    expect(await kit.level(t, store, a)).toMatchObject({ onHand: 0 });
    await expectRefused(() => postStock({ ...once, changes: [sale(store, a, 4)] }, kit.deps), 'idempotency_key_reused');
  });

  it('refuses an invalid posting and one over the transaction limit before writing', async () => {
    const [t, store, a] = [kit.fresh.tenant(), kit.fresh.store(), kit.fresh.sku()];
    await expectRefused(() => postStock(posting(t, [receipt(store, a, 1), receipt(store, a, 2)]), kit.deps), 'validation_failed');
    await expectRefused(() => postStock(posting(t, [receipt(store, a, 0)]), kit.deps), 'validation_failed');
    await expectRefused(() => postStock({ ...posting(t, [receipt(store, a, 1)]), postingId: 'has space' }, kit.deps), 'validation_failed');
    const many = Array.from({ length: 100 }, () => receipt(store, kit.fresh.sku(), 1));
    await expectRefused(() => postStock(posting(t, many), kit.deps), 'validation_failed');
    // 98 lines: posting + 98 levels (each carrying its line) = 99 items, with room for an event.
    await postStock(posting(t, many.slice(0, 98)), kit.deps);
    expect(await kit.ledgerSum(t, store, many[97]!.skuId)).toBe(1);
  });

  it("commits the caller's own items with the posting, and a failed condition among them cancels it all", async () => {
    const [t, store, a] = [kit.fresh.tenant(), kit.fresh.store(), kit.fresh.sku()];
    const clash = new Error('the transfer is not in transit');
    const withPolicy = (scope: string) =>
      posting(t, [receipt(store, a, 2)], {
        extra: (e, at) => [e.stockPolicy.create({ tenantId: t, locationId: store, scope, safetyStock: 1, updatedAt: at.toISOString() }).commit()],
        refused: (codes) => (codes[0] === 'ConditionalCheckFailed' ? clash : undefined),
      });
    await postStock(withPolicy('default'), kit.deps);
    const before = await itemCounts();
    await expect(postStock(withPolicy('default'), kit.deps)).rejects.toBe(clash);
    expect(await itemCounts()).toEqual(before);
    expect(await kit.level(t, store, a)).toMatchObject({ onHand: 2 });
  });

  it('announces stock.low once when free stock crosses the threshold, and again only after it recovers', async () => {
    const [t, store, a] = [kit.fresh.tenant(), kit.fresh.store(), kit.fresh.sku()];
    await kit.service.entities.stockPolicy.create({ tenantId: t, locationId: store, scope: 'default', lowThreshold: 5, updatedAt: new Date().toISOString() }).go();
    const lows: unknown[] = [];
    const run = async (change: Posting['changes'][number]) => lows.push(...(await postStock(posting(t, [change]), kit.deps)).becameLow);
    await run(receipt(store, a, 8));
    await run(sale(store, a, 2)); // 6: above
    await run(sale(store, a, 1)); // 5: crossed
    await run(sale(store, a, 2)); // 3: still low, said already
    await run({ locationId: store, skuId: a, reserved: 1, guard: 'available' }); // 2 free
    await run(receipt(store, a, 10)); // 12: recovered
    await run({ locationId: store, skuId: a, reserved: 7, guard: 'available' }); // 5 free: crossed again
    expect(lows).toEqual([
      { locationId: store, skuId: a, available: 5 },
      { locationId: store, skuId: a, available: 5 },
    ]);
    expect(await kit.level(t, store, a)).toMatchObject({ onHand: 13, reserved: 8, free: 5, low: true });
  });

  it('lets exactly one of many concurrent postings take the last units, whatever the threshold', async () => {
    const [t, store, a] = [kit.fresh.tenant(), kit.fresh.store(), kit.fresh.sku()];
    await kit.service.entities.stockPolicy.create({ tenantId: t, locationId: store, scope: a, lowThreshold: 1, updatedAt: new Date().toISOString() }).go();
    await postStock(posting(t, [receipt(store, a, 3)]), kit.deps);
    const outcomes = await Promise.allSettled(Array.from({ length: 12 }, () => postStock(posting(t, [sale(store, a, 3)]), kit.deps)));
    const won = outcomes.filter((o) => o.status === 'fulfilled');
    expect(won).toHaveLength(1);
    expect(outcomes.filter((o) => o.status === 'rejected').map((o) => (o as PromiseRejectedResult).reason.code)).toEqual(Array(11).fill('insufficient_stock'));
    expect((won[0] as PromiseFulfilledResult<{ becameLow: unknown[] }>).value.becameLow).toHaveLength(1);
    expect(await kit.level(t, store, a)).toMatchObject({ onHand: 0, free: 0, low: true });
  });
});
