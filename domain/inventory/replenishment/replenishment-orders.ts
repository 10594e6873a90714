// Replenishment orders (门店订货): a store asks a warehouse for goods. Submitted by the store's
// manager or HQ; while submitted it counts as on order in the store's suggestions and may be
// cancelled; HQ ships it as a transfer (replenishment-ship.ts). Store staff see their own stores'
// orders; a warehouse's queue of orders is HQ's.
import { auditEntry } from '../../audit/audit.ts';
import type { Clock } from '../../shared/clock.ts';
import { newId } from '../../shared/ids.ts';
import type { TenantContext } from '../../shared/tenancy.ts';
import { batchGet } from '../../shared/batches.ts';
import { orderStateOf, type ReplenishmentOrderItem } from './replenishment-order-entity.ts';
import type { NewReplenishmentOrder, OrderListQuery } from './replenishment-schemas.ts';
import type { StockService } from '../stock-service.ts';
import { requireSkus, requireStockLocation } from '../request-checks.ts';
import { requireVisible } from '../transfers/transfer-checks.ts';
import { createEntries, updateEntries, type Ends } from '../transfers/transfer-entries.ts';
import { DocumentStateError } from '../transfer-errors.ts';
import { entryPage, inOrder } from '../transfers/transfer-reads.ts';
import type { z } from 'zod';
import type { OrderPage, OrderView } from './replenishment-schemas.ts';

type Deps = { service: StockService; clock: Clock };

export const orderEnds = (o: Pick<ReplenishmentOrderItem, 'tenantId' | 'orderId' | 'storeId' | 'warehouseId'>): Ends => ({
  tenantId: o.tenantId,
  kind: 'replenishmentOrder',
  documentId: o.orderId,
  from: o.warehouseId,
  to: o.storeId,
});

export const orderView = (o: ReplenishmentOrderItem): OrderView => ({
  id: o.orderId,
  storeId: o.storeId,
  warehouseId: o.warehouseId,
  status: o.status,
  lines: o.lines,
  note: o.note ?? null,
  transferId: o.transferId ?? null,
  createdAt: o.createdAt,
  createdBy: o.createdBy,
  updatedAt: o.updatedAt,
});

export const loadOrder = async (ctx: TenantContext, orderId: string, { service }: Pick<Deps, 'service'>): Promise<ReplenishmentOrderItem> => {
  const { data } = await service.entities.replenishmentOrder.get({ tenantId: ctx.tenantId, orderId }).go({ consistent: true });
  return requireVisible(ctx, 'replenishment order', data as ReplenishmentOrderItem | null, 'storeId');
};

export const createOrder = async (ctx: TenantContext, input: NewReplenishmentOrder, deps: Deps): Promise<OrderView> => {
  await requireStockLocation(ctx, input.storeId, 'write', deps);
  await requireStockLocation(ctx, input.warehouseId, 'read', deps);
  await requireSkus(ctx, input.lines.map((l) => l.skuId), 'body.lines', deps);
  const at = deps.clock.now();
  const stamp = at.toISOString();
  const order: ReplenishmentOrderItem = {
    tenantId: ctx.tenantId,
    orderId: newId('replenishmentOrder', at.getTime()),
    storeId: input.storeId,
    warehouseId: input.warehouseId,
    status: 'submitted',
    state: 'open',
    lines: input.lines,
    note: input.note,
    createdAt: stamp,
    createdBy: ctx.userId,
    updatedAt: stamp,
    updatedBy: ctx.userId,
  };
  await deps.service.transaction
    .write((e) => [
      e.replenishmentOrder.create(order).commit(),
      ...createEntries(e, orderEnds(order), order.status),
      e.auditEntry.create(auditEntry(ctx, { action: 'replenishmentOrder.submitted', targetType: 'replenishmentOrder', targetId: order.orderId, after: orderView(order) }, at)).commit(),
    ])
    .go()
    .then(({ canceled, data }) => {
      if (canceled) throw new Error(`Replenishment order transaction canceled: ${JSON.stringify(data.map((d) => d.code))}`);
    });
  return orderView(order);
};

export const getOrder = async (ctx: TenantContext, orderId: string, deps: Pick<Deps, 'service'>): Promise<OrderView> => orderView(await loadOrder(ctx, orderId, deps));

export const listOrders = async (ctx: TenantContext, query: OrderListQuery, deps: Pick<Deps, 'service'>): Promise<z.output<typeof OrderPage>> => {
  const [locationId, side] = query.storeId ? [query.storeId, 'to' as const] : [query.warehouseId!, 'from' as const];
  const { ids, nextCursor } = await entryPage(ctx, 'replenishmentOrder', { ...query, locationId, side }, deps);
  const found = (await batchGet(
    ids.map((orderId) => ({ tenantId: ctx.tenantId, orderId })),
    (keys) => deps.service.entities.replenishmentOrder.get(keys).go({ consistent: true }),
  )) as ReplenishmentOrderItem[];
  return { data: inOrder(ids, found, (o) => o.orderId).map(orderView), nextCursor };
};

/** Units a store has on order (submitted, not yet shipped), per SKU. One query of its open orders. */
export const onOrderTo = async (tenantId: string, storeId: string, { service }: Pick<Deps, 'service'>): Promise<Map<string, number>> => {
  const { data } = await service.entities.replenishmentOrder.query.toStore({ tenantId, storeId }).begins({ state: 'open' }).go({ pages: 'all' });
  const totals = new Map<string, number>();
  // The index lags a moment behind a ship or cancel; status says whether it is still on order.
  for (const o of data) if (orderStateOf(o.status) === 'open') for (const l of o.lines) totals.set(l.skuId, (totals.get(l.skuId) ?? 0) + l.quantity);
  return totals;
};

/** Store staff cancel their own stores' orders, HQ any; only a submitted order can be cancelled. */
export const cancelOrder = async (ctx: TenantContext, orderId: string, deps: Deps): Promise<OrderView> => {
  const order = await loadOrder(ctx, orderId, deps);
  if (order.status !== 'submitted') throw new DocumentStateError('replenishment order', order.status);
  const at = deps.clock.now();
  const cancelled: ReplenishmentOrderItem = { ...order, status: 'cancelled', state: 'done', updatedAt: at.toISOString(), updatedBy: ctx.userId };
  const { canceled, data } = await deps.service.transaction
    .write((e) => [
      e.replenishmentOrder
        .patch({ tenantId: ctx.tenantId, orderId })
        .set({ status: 'cancelled', state: 'done', updatedAt: cancelled.updatedAt, updatedBy: ctx.userId })
        .where((a, { eq }) => eq(a.status, 'submitted'))
        .commit(),
      ...updateEntries(e, orderEnds(order), 'cancelled'),
      e.auditEntry.create(auditEntry(ctx, { action: 'replenishmentOrder.cancelled', targetType: 'replenishmentOrder', targetId: orderId, before: orderView(order), after: orderView(cancelled) }, at)).commit(),
    ])
    .go();
  if (canceled) {
    if (data[0]?.code === 'ConditionalCheckFailed') throw new DocumentStateError('replenishment order', (await loadOrder(ctx, orderId, deps)).status);
    throw new Error(`Cancelling replenishment order ${orderId} canceled: ${JSON.stringify(data.map((d) => d.code))}`);
  }
  return orderView(cancelled);
};
