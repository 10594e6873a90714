// The pure part of receiving and closing a transfer: what arrives, the lines and status after,
// and the refusals (a SKU not on the transfer, more than outstanding).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { outstanding, planClosure, planReceipt } from '../../domain/inventory/transfers/transfer-receipt.ts';

const line = (skuId: string, shipped: number, received = 0) => ({ skuId, shipped, received });

describe('planReceipt', () => {
  it('receives everything outstanding when no lines are given', () => {
    const plan = planReceipt([line('a', 5, 2), line('b', 3, 3), line('c', 4)]);
    expect(plan.arrived).toEqual([{ skuId: 'a', quantity: 3 }, { skuId: 'c', quantity: 4 }]);
    expect(plan.lines.map(outstanding)).toEqual([0, 0, 0]);
    expect(plan.status).toBe('received');
  });

  it('stays partially received until every line has arrived', () => {
    const plan = planReceipt([line('a', 5), line('b', 3)], [{ skuId: 'b', quantity: 3 }]);
    expect(plan).toEqual({ arrived: [{ skuId: 'b', quantity: 3 }], lines: [line('a', 5), line('b', 3, 3)], status: 'partially_received' });
  });

  it('refuses a SKU not on the transfer and more than is outstanding, naming each', () => {
    expect(() => planReceipt([line('a', 5)], [{ skuId: 'z', quantity: 1 }])).toThrow(expect.objectContaining({ code: 'validation_failed', details: [{ path: 'body.lines.0.skuId', message: 'This SKU is not on the transfer' }] }));
    expect(() => planReceipt([line('a', 5, 4), line('b', 2)], [{ skuId: 'a', quantity: 2 }, { skuId: 'b', quantity: 3 }])).toThrow(
      expect.objectContaining({ code: 'over_receipt', details: [{ skuId: 'a', requested: 2, outstanding: 1 }, { skuId: 'b', requested: 3, outstanding: 2 }] }),
    );
  });

  it('writes off exactly what is outstanding when closing', () => {
    expect(planClosure([line('a', 5, 2), line('b', 3, 3)])).toEqual([{ ...line('a', 5, 2), lost: 3 }, { ...line('b', 3, 3), lost: 0 }]);
    expect(planClosure([line('a', 5, 2)]).map(outstanding)).toEqual([0]);
  });

  it('never lets received pass shipped, whatever the receipts', () => {
    const shipment = fc.uniqueArray(fc.record({ skuId: fc.constantFrom('a', 'b', 'c', 'd'), shipped: fc.integer({ min: 1, max: 20 }) }), { selector: (l) => l.skuId, minLength: 1 });
    const receipts = fc.array(fc.option(fc.array(fc.record({ pick: fc.nat(), quantity: fc.integer({ min: 1, max: 25 }) }), { minLength: 1, maxLength: 3 }), { nil: undefined }), { maxLength: 6 });
    fc.assert(
      fc.property(shipment, receipts, (shipped, attempts) => {
        let lines = shipped.map((l) => line(l.skuId, l.shipped));
        for (const attempt of attempts) {
          const requested = attempt ? [...new Map(attempt.map((a) => [lines[a.pick % lines.length]!.skuId, a.quantity])).entries()].map(([skuId, quantity]) => ({ skuId, quantity })) : undefined;
          const over = requested?.some((r) => r.quantity > outstanding(lines.find((l) => l.skuId === r.skuId)!));
          if (lines.every((l) => outstanding(l) === 0)) break;
          if (over) {
            expect(() => planReceipt(lines, requested)).toThrow(expect.objectContaining({ code: 'over_receipt' }));
            continue;
          }
          const plan = planReceipt(lines, requested);
          expect(plan.status === 'received').toBe(plan.lines.every((l) => outstanding(l) === 0));
          lines = plan.lines;
        }
        for (const l of lines) expect(l.received).toBeLessThanOrEqual(l.shipped);
      }),
    );
  });
});
