// Store staff work a store's fulfilment tasks: list them by status, then pick, pack, hand over
// (a pickup only to the customer showing its 6-digit code) and complete. Picking starts the
// order's fulfilment and completing completes the order, each in the same transaction as the step.
import { DomainError, NotFoundError, ValidationError } from '../shared/errors.ts';
import { retryOptimistically, RETRY } from '../shared/optimistic-retry.ts';
import { withCursor } from '../shared/pagination.ts';
import { canAccessStore, type TenantContext } from '../shared/tenancy.ts';
import type { Clock } from '../shared/clock.ts';
import type { StockService } from '../inventory/stock-service.ts';
import { requireVisibleStore } from '../stores/visible-store.ts';
import { loadOrder } from '../orders/order-reads.ts';
import { nextStatus } from '../orders/order-state.ts';
import { ORDER_EVENTS, orderEvent, orderPatch } from '../orders/order-writes.ts';
import { OrderBusyError } from '../orders/errors.ts';
import type { FulfilmentItem } from './fulfilment-entity.ts';
import { fulfilmentTransition, STEP_TIME, type FulfilmentAction } from './fulfilment-state.ts';
import { fulfilmentPatch } from './fulfilment-writes.ts';
import { fulfilmentView, type FulfilmentView } from './views.ts';
import type { FulfilmentQuery, FulfilmentStep } from './schemas.ts';
import type { z } from 'zod';
import type { FulfilmentPage } from './views.ts';

type Deps = { service: StockService; clock: Clock };

export class WrongPickupCodeError extends DomainError {
  constructor() {
    super('wrong_pickup_code', 'That is not this order’s pickup code');
  }
}

const requireFulfilment = async (ctx: TenantContext, fulfilmentId: string, { service }: Pick<Deps, 'service'>): Promise<FulfilmentItem> => {
  const { data } = await service.entities.fulfilment.get({ tenantId: ctx.tenantId, fulfilmentId }).go({ consistent: true });
  if (!data || !canAccessStore(ctx, data.storeId)) throw new NotFoundError('fulfilment');
  return data;
};

/** What the order does when its task takes this step. */
const ORDER_ACTION = { pick: 'fulfil', complete: 'complete' } as const;

export const stepFulfilment = async (ctx: TenantContext, fulfilmentId: string, action: FulfilmentAction, step: FulfilmentStep, deps: Deps): Promise<FulfilmentView> => {
  const done = await retryOptimistically(8, () => new OrderBusyError(), async () => {
    const f = await requireFulfilment(ctx, fulfilmentId, deps);
    // The step already taken: a retry of the same press.
    if (f[STEP_TIME[action]]) return f;
    const status = fulfilmentTransition(f.status, action);
    if (action === 'handover' && f.type === 'pickup' && step.pickupCode !== f.pickupCode) {
      if (step.pickupCode === undefined) throw new ValidationError([{ path: 'body.pickupCode', message: 'A pickup is handed over only against its code' }]);
      throw new WrongPickupCodeError();
    }
    const orderAction = action === 'pick' || action === 'complete' ? ORDER_ACTION[action] : undefined;
    const order = orderAction ? await loadOrder(ctx.tenantId, f.orderId, deps) : undefined;
    const orderNext = order && orderAction ? nextStatus(order.status, orderAction) : undefined;
    const at = deps.clock.now();
    const { canceled } = await deps.service.transaction
      .write((e) => [
        fulfilmentPatch(e, f, action, ctx.userId, at),
        ...(order && orderNext
          ? [
              orderPatch(e, order, { status: orderNext, ...(orderNext === 'completed' ? { completedAt: at.toISOString() } : {}) }),
              ...(orderNext === 'completed' ? [orderEvent(e, { ...order, status: orderNext }, ORDER_EVENTS.completed, at, { fulfilmentId })] : []),
            ]
          : []),
      ])
      .go();
    if (canceled) return RETRY;
    return { ...f, status, [STEP_TIME[action]]: at.toISOString() };
  });
  return fulfilmentView(done);
};

/** A store's tasks, oldest first, optionally of one status (the queue staff work through). */
export const listFulfilments = async (ctx: TenantContext, q: FulfilmentQuery, { service }: Pick<Deps, 'service'>): Promise<z.output<typeof FulfilmentPage>> => {
  await requireVisibleStore(ctx, q.storeId, { service });
  const query = service.entities.fulfilment.query.byStoreStatus({ tenantId: ctx.tenantId, storeId: q.storeId, ...(q.status ? { status: q.status } : {}) });
  const page = await withCursor(q.cursor, () => query.go({ limit: q.limit, cursor: q.cursor ?? null }));
  return { data: page.data.map(fulfilmentView), nextCursor: page.cursor ?? null };
};
