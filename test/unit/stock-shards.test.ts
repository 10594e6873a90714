// The pure rules of flash-sale pools: how units split across shards, where a line is drawn from
// once its first shard was short, where an ended hold's units go back, and stock:verify's
// recomputation counting the units in shards as reserved.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { otherShard, planLine, returnsOf, shardKey, splitUnits, type ShardUnits } from '../../domain/inventory/shards/shard-plan.ts';
import { differences, recompute, type ScannedItem } from '../../domain/inventory/ledger/stock-audit.ts';

const shards = (...units: number[]): ShardUnits[] => units.map((u, shard) => ({ shard, units: u, open: true }));

describe('flash-sale shards', () => {
  it('split units as evenly as whole units go, never losing one', () => {
    expect(splitUnits(10, 4)).toEqual([3, 3, 2, 2]);
    expect(splitUnits(4, 4)).toEqual([1, 1, 1, 1]);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 32 }), fc.integer({ min: 0, max: 10_000 }), (k, extra) => {
        const split = splitUnits(k + extra, k);
        expect(split.reduce((a, b) => a + b, 0)).toBe(k + extra);
        expect(Math.max(...split) - Math.min(...split)).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('draw a line from a random shard that has all of it, else from the fullest shards, else refuse it', () => {
    expect(planLine(shards(0, 3, 5), 3, () => 0.99)).toEqual({ ok: true, takes: [{ shard: 2, quantity: 3 }] });
    expect(planLine(shards(0, 3, 5), 3, () => 0)).toEqual({ ok: true, takes: [{ shard: 1, quantity: 3 }] });
    expect(planLine(shards(2, 1, 2), 4)).toEqual({ ok: true, takes: [{ shard: 0, quantity: 2 }, { shard: 2, quantity: 2 }] });
    expect(planLine(shards(2, 1, 2), 6)).toEqual({ ok: false, available: 5, closed: false });
    // Units in a closed shard are the level's again: never drawn.
    expect(planLine([{ shard: 0, units: 4, open: false }, { shard: 1, units: 1, open: true }], 2)).toEqual({ ok: false, available: 1, closed: false });
    expect(planLine([{ shard: 0, units: 0, open: false }], 1)).toEqual({ ok: false, available: 0, closed: true });
  });

  it('never take more than a shard holds, and always exactly the line when the shards have it', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 16 }), fc.integer({ min: 1, max: 60 }), (units, quantity) => {
        const plan = planLine(shards(...units), quantity);
        const total = units.reduce((a, b) => a + b, 0);
        expect(plan.ok).toBe(total >= quantity);
        if (!plan.ok) {
          expect(plan.available).toBe(total);
          return;
        }
        expect(plan.takes.reduce((n, t) => n + t.quantity, 0)).toBe(quantity);
        for (const t of plan.takes) expect(t.quantity).toBeLessThanOrEqual(units[t.shard]!);
        expect(new Set(plan.takes.map((t) => t.shard)).size).toBe(plan.takes.length);
      }),
    );
  });

  it('send a buyer that lost a conflict on its shard to another one', () => {
    expect(otherShard(0, 1)).toBe(0);
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 32 }), fc.nat(), fc.double({ min: 0, max: 0.999999, noNaN: true }), (k, s, r) => {
        const next = otherShard(s % k, k, () => r);
        expect(next).not.toBe(s % k);
        expect(next).toBeGreaterThanOrEqual(0);
        expect(next).toBeLessThan(k);
      }),
    );
  });

  it('give ended holds back to open shards and to the level for closed ones', () => {
    const draws = [
      { skuId: 'a', poolId: 'p', shard: 0, quantity: 2 },
      { skuId: 'a', poolId: 'p', shard: 1, quantity: 1 },
      { skuId: 'b', poolId: 'q', shard: 0, quantity: 3 },
    ];
    const { toShards, toLevel } = returnsOf(draws, new Set([shardKey(draws[1]!), shardKey(draws[2]!)]));
    expect(toShards).toEqual([draws[0]]);
    expect(toLevel).toEqual(new Map([['a', 1], ['b', 3]]));
  });

  it('count units in shards as reserved when stock is recomputed', () => {
    const at = { tenantId: 'ten_1', locationId: 'sto_1' };
    const level = (reserved: number): ScannedItem => ({ __edb_e__: 'stockLevel', ...at, skuId: 'a', onHand: 20, reserved, free: 20 - reserved });
    const items: ScannedItem[] = [
      { __edb_e__: 'stockMovement', ...at, skuId: 'a', quantity: 20 },
      { __edb_e__: 'stockReservation', ...at, status: 'active', lines: [{ skuId: 'a', quantity: 3 }] },
      { __edb_e__: 'stockShard', ...at, skuId: 'a', units: 4, status: 'open' },
      { __edb_e__: 'stockShard', ...at, skuId: 'a', units: 5, status: 'open' },
    ];
    expect(differences(recompute([...items, level(12)])).size).toBe(0);
    expect([...differences(recompute([...items, level(3)])).values()].map((d) => [d.held, d.pooled, d.drift])).toEqual([[3, 9, { onHand: 0, reserved: -9, free: 0 }]]);
  });
});
