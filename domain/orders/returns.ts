// Returns: goods that reached the customer come back, some or all of some lines. Each returned
// unit goes back on the store's shelf (a `return` movement) and its share of the line's amount is
// refunded through the payment seam, in the one transaction that moves the order's `returned`
// counts on under its version condition. Two concurrent returns of the same line therefore cannot
// both pass: the second reads the first's counts and is refused if too little is left. A wallet's
// refunds then go to their provider (`completeRefunds`), a replay's too if still on their way.
import { ValidationError } from '../shared/errors.ts';
import { retryOptimistically, RETRY } from '../shared/optimistic-retry.ts';
import type { TenantContext } from '../shared/tenancy.ts';
import { postStock } from '../inventory/ledger/ledger.ts';
import { planRefunds, type RefundCompleter } from '../payments/refunds.ts';
import { transition } from './order-state.ts';
import { readOrderParts, requireOrder } from './order-reads.ts';
import { refundForUnits } from './order-lines.ts';
import { ORDER_EVENTS, orderEvent, orderPatch, orderRefused } from './order-writes.ts';
import { OrderBusyError, OrderChangedError, ReturnExceedsSoldError } from './errors.ts';
import type { OrderReturnItem } from './return-entity.ts';
import type { NewReturn } from './schemas.ts';
import type { OrderDeps } from './place-order.ts';
import { orderView, type ReturnView } from './views.ts';

export const returnGoods = async (ctx: TenantContext, orderId: string, request: NewReturn, returnId: string, deps: Pick<OrderDeps, 'service' | 'clock'> & { completeRefunds?: RefundCompleter }): Promise<ReturnView> => {
  const done = await retryOptimistically(8, () => new OrderBusyError(), async () => {
    const o = await requireOrder(ctx, orderId, deps);
    const parts = await readOrderParts(o, deps);
    const replay = parts.returns.find((r) => r.returnId === returnId);
    if (replay) return { order: o, parts };

    const problems = request.lines.flatMap((l, i) => (o.lines.some((ol) => ol.skuId === l.skuId) ? [] : [{ path: `body.lines.${i}.skuId`, message: 'This SKU is not on the order' }]));
    if (problems.length) throw new ValidationError(problems);
    const exceeding = request.lines.flatMap((l) => {
      const ol = o.lines.find((x) => x.skuId === l.skuId)!;
      return l.quantity > ol.quantity - ol.returned ? [{ skuId: l.skuId, requested: l.quantity, returnable: ol.quantity - ol.returned }] : [];
    });
    if (exceeding.length) throw new ReturnExceedsSoldError(exceeding);

    const back = new Map(request.lines.map((l) => [l.skuId, l.quantity]));
    const returned = request.lines.map((l) => {
      const ol = o.lines.find((x) => x.skuId === l.skuId)!;
      return { skuId: l.skuId, quantity: l.quantity, amount: refundForUnits(ol, l.quantity) };
    });
    const amount = returned.reduce((sum, l) => sum + l.amount, 0);
    const refundedAmount = o.refundedAmount + amount;
    const status = transition(o.status, refundedAmount >= o.paidAmount ? 'refund_all' : 'refund_part');
    const lines = o.lines.map((l) => {
      const q = back.get(l.skuId) ?? 0;
      return q ? { ...l, returned: l.returned + q, refunded: l.refunded + refundForUnits(l, q) } : l;
    });
    const at = deps.clock.now();
    const refunds = planRefunds(parts.payments, amount, { id: returnId, reason: request.reason }, at);
    const item: OrderReturnItem = {
      tenantId: o.tenantId,
      orderId,
      returnId,
      storeId: o.storeId,
      lines: returned,
      amount,
      reason: request.reason,
      refundIds: refunds.refunds.map((r) => r.refundId),
      createdBy: ctx.userId,
      createdAt: at.toISOString(),
    };
    const after = { status, lines, refundedAmount };
    try {
      const posting = await postStock(
        {
          tenantId: o.tenantId,
          postingId: `${returnId}:restock`,
          reference: orderId,
          actorId: ctx.userId,
          changes: returned.map((l) => ({ locationId: o.storeId, skuId: l.skuId, movement: { type: 'return' as const, quantity: l.quantity }, guard: 'none' as const })),
          extra: (e, t) => [e.orderReturn.create(item).commit(), orderPatch(e, o, after), ...refunds.writes(e), orderEvent(e, { ...o, ...after }, ORDER_EVENTS.refunded, t, { returnId, refundIds: item.refundIds, amount })],
          refused: orderRefused(orderId),
        },
        deps,
      );
      // Replayed: the first attempt of this return committed; read what it made.
      if (posting.replayed) return RETRY;
    } catch (error) {
      if (error instanceof OrderChangedError) return RETRY;
      throw error;
    }
    return { order: { ...o, ...after, version: o.version + 1 }, parts: { ...parts, returns: [...parts.returns, item], refunds: [...parts.refunds, ...refunds.refunds] } };
  });
  const mine = new Set(done.parts.returns.find((r) => r.returnId === returnId)!.refundIds);
  const completed = deps.completeRefunds ? new Map((await deps.completeRefunds(done.parts.refunds.filter((r) => mine.has(r.refundId)))).map((r) => [r.refundId, r])) : new Map();
  const view = orderView(done.order, { ...done.parts, refunds: done.parts.refunds.map((r) => completed.get(r.refundId) ?? r) });
  return view.returns.find((r) => r.id === returnId)!;
};
