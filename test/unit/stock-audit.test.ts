import { describe, expect, it } from 'vitest';
import { differences, isPending, persistent, recompute, type ScannedItem } from '../../domain/inventory/ledger/stock-audit.ts';

const at = { tenantId: 'ten_1', locationId: 'sto_1' };
const level = (skuId: string, onHand: number, reserved: number, free = onHand - reserved): ScannedItem => ({ __edb_e__: 'stockLevel', ...at, skuId, onHand, reserved, free });
const move = (skuId: string, quantity: number): ScannedItem => ({ __edb_e__: 'stockMovement', ...at, skuId, quantity });
const hold = (status: string, ...lines: [string, number][]): ScannedItem => ({ __edb_e__: 'stockReservation', ...at, status, lines: lines.map(([skuId, quantity]) => ({ skuId, quantity })) });

describe('recomputing stock from the ledger', () => {
  it('finds nothing when levels are their movements and live reservations', () => {
    const items = [move('a', 10), move('a', -3), hold('active', ['a', 2]), hold('released', ['a', 5]), level('a', 7, 2), level('b', 0, 0)];
    expect(differences(recompute(items)).size).toBe(0);
  });

  it('reports drift in onHand, reserved and free, and a ledger with no level', () => {
    const found = differences(recompute([move('a', 10), level('a', 9, 0), hold('active', ['b', 1]), level('b', 4, 0), move('b', 4), level('c', 3, 1, 5), move('c', 3), hold('active', ['c', 1]), move('d', 2)]));
    expect([...found.values()].map((d) => [d.skuId, d.drift])).toEqual([
      ['a', { onHand: -1, reserved: 0, free: 0 }],
      ['b', { onHand: 0, reserved: -1, free: 0 }],
      ['c', { onHand: 0, reserved: 0, free: 3 }],
      ['d', { onHand: -2, reserved: 0, free: 0 }],
    ]);
  });

  it('keeps only what two scans agree on, so a posting caught between reads is not reported', () => {
    const first = differences(recompute([move('a', 5), level('a', 0, 0), move('b', 1), level('b', 2, 0)]));
    const second = differences(recompute([move('a', 5), level('a', 5, 0), move('b', 1), level('b', 2, 0)]));
    expect(persistent(first, second).map((d) => d.skuId)).toEqual(['b']);
  });

  it("leaves out a level whose last line has not reached the ledger yet, and not one whose line has", () => {
    const withLast = (item: ScannedItem, movementId: string): ScannedItem => ({ ...item, lastMove: { movementId } });
    const line = (skuId: string, quantity: number, movementId: string): ScannedItem => ({ ...move(skuId, quantity), movementId });
    const recomputed = recompute([line('a', 10, 'mov_1'), withLast(level('a', 7, 0), 'mov_2'), line('b', 4, 'mov_3'), withLast(level('b', 3, 0), 'mov_3'), withLast(level('c', 1, 0), 'mov_4')]);
    expect([...recomputed.values()].filter(isPending).map((r) => r.skuId)).toEqual(['a', 'c']);
    expect([...differences(recomputed).values()].map((d) => d.skuId)).toEqual(['b']);
  });
});
