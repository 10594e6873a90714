// The order's and the fulfilment task's transition tables, exhaustively: every (status, action)
// pair either leads where the table says or is refused as 409 invalid_state.
import { describe, expect, it } from 'vitest';
import { ORDER_ACTIONS, ORDER_STATUSES, nextStatus, transition, type OrderAction, type OrderStatus } from '../../domain/orders/order-state.ts';
import { FULFILMENT_ACTIONS, FULFILMENT_STATUSES, fulfilmentTransition, handedOver } from '../../domain/fulfilment/fulfilment-state.ts';
import { refundForUnits, mergeLines } from '../../domain/orders/order-lines.ts';

const LEGAL: Record<OrderStatus, Partial<Record<OrderAction, OrderStatus>>> = {
  pending_payment: { pay: 'paid', cancel: 'cancelled', expire: 'cancelled' },
  paid: { fulfil: 'fulfilling', complete: 'completed', cancel: 'cancelled' },
  fulfilling: { complete: 'completed', cancel: 'cancelled' },
  completed: { refund_part: 'partially_refunded', refund_all: 'refunded' },
  partially_refunded: { refund_part: 'partially_refunded', refund_all: 'refunded' },
  cancelled: {},
  refunded: {},
};

describe('order transitions', () => {
  const pairs = ORDER_STATUSES.flatMap((s) => ORDER_ACTIONS.map((a) => [s, a] as const));
  it.each(pairs)('%s --%s--> as the table says, or 409 invalid_state', (status, action) => {
    const legal = LEGAL[status][action];
    expect(nextStatus(status, action)).toBe(legal);
    if (legal) expect(transition(status, action)).toBe(legal);
    else expect(() => transition(status, action)).toThrow(expect.objectContaining({ code: 'invalid_state', details: [{ status, action }] }));
  });

  it('ends only in cancelled and refunded', () => {
    const terminal = ORDER_STATUSES.filter((s) => ORDER_ACTIONS.every((a) => nextStatus(s, a) === undefined));
    expect(terminal).toEqual(['cancelled', 'refunded']);
  });
});

describe('fulfilment transitions', () => {
  const order = ['open', 'picked', 'packed', 'handed_over', 'completed'] as const;
  it.each(FULFILMENT_STATUSES.flatMap((s) => [...FULFILMENT_ACTIONS, 'cancel' as const].map((a) => [s, a] as const)))('%s --%s-->', (status, action) => {
    const i = order.indexOf(status as (typeof order)[number]);
    const forward = action !== 'cancel' && i >= 0 && FULFILMENT_ACTIONS.indexOf(action) === i;
    const cancellable = action === 'cancel' && i >= 0 && i < 3;
    if (forward) expect(fulfilmentTransition(status, action)).toBe(order[i + 1]);
    else if (cancellable) expect(fulfilmentTransition(status, action)).toBe('cancelled');
    else expect(() => fulfilmentTransition(status, action)).toThrow(expect.objectContaining({ code: 'invalid_state' }));
  });

  it('counts goods as gone from handover on', () => {
    expect(FULFILMENT_STATUSES.filter(handedOver)).toEqual(['handed_over', 'completed']);
  });
});

describe('order lines', () => {
  it('merge lines of one SKU, keeping where each first appeared', () => {
    expect(mergeLines([{ skuId: 'a', quantity: 2 }, { skuId: 'b', quantity: 1 }, { skuId: 'a', quantity: 3 }])).toEqual([
      { skuId: 'a', quantity: 5, firstAt: 0 },
      { skuId: 'b', quantity: 1, firstAt: 1 },
    ]);
  });

  it('refund a line unit by unit to exactly its amount, never a fen more', () => {
    for (const [quantity, amount] of [[3, 1000], [7, 999], [1, 5], [4, 0], [6, 100]] as const) {
      let returned = 0;
      let refunded = 0;
      const steps: number[] = [];
      while (returned < quantity) {
        const q = Math.min(quantity - returned, 1 + (returned % 2));
        const r = refundForUnits({ quantity, amount, returned }, q);
        expect(r).toBeGreaterThanOrEqual(0);
        steps.push(r);
        refunded += r;
        returned += q;
      }
      expect(refunded).toBe(amount);
      expect(Math.max(...steps) - Math.min(...steps)).toBeLessThanOrEqual(Math.ceil(amount / quantity) * 2);
    }
  });
});
