// Reading orders: one order with everything it carries, and lists by store (or, for HQ, the chain)
// and business day, each one Query of an index, never a scan. A store-scoped caller sees only its
// stores' orders; any other order, another tenant's included, is not found.
import { NotFoundError, ValidationError } from '../shared/errors.ts';
import { ID_PREFIXES } from '../shared/ids.ts';
import { withCursor } from '../shared/pagination.ts';
import { canAccessStore, isStoreScoped, type TenantContext } from '../shared/tenancy.ts';
import type { StockService } from '../inventory/stock-service.ts';
import { requireVisibleStore } from '../stores/visible-store.ts';
import type { OrderItem } from './order-entity.ts';
import type { OrderQuery } from './schemas.ts';
import { orderSummaryView, orderView, type OrderParts, type OrderView } from './views.ts';
import type { z } from 'zod';
import type { OrderPage } from './views.ts';

type Deps = { service: StockService };

/** An order's fulfilment task shares its ULID. */
export const fulfilmentIdOf = (orderId: string): string => `${ID_PREFIXES.fulfilment}_${orderId.slice(ID_PREFIXES.order.length + 1)}`;
export const reservationIdOf = (orderId: string): string => `${ID_PREFIXES.reservation}_${orderId.slice(ID_PREFIXES.order.length + 1)}`;

export const loadOrder = async (tenantId: string, orderId: string, { service }: Deps): Promise<OrderItem | undefined> =>
  (await service.entities.order.get({ tenantId, orderId }).go({ consistent: true })).data ?? undefined;

/** The order, if the caller may see its store. */
export const requireOrder = async (ctx: TenantContext, orderId: string, deps: Deps): Promise<OrderItem> => {
  const order = await loadOrder(ctx.tenantId, orderId, deps);
  if (!order || !canAccessStore(ctx, order.storeId)) throw new NotFoundError('order');
  return order;
};

/** The order's payments, refunds, returns and fulfilment task, read side by side. */
export const readOrderParts = async (o: OrderItem, { service }: Deps): Promise<Required<OrderParts>> => {
  const key = { tenantId: o.tenantId, orderId: o.orderId };
  const { entities } = service;
  const [payments, refunds, returns, fulfilment] = await Promise.all([
    entities.payment.query.byOrder(key).go({ pages: 'all', consistent: true }),
    entities.refund.query.byOrder(key).go({ pages: 'all', consistent: true }),
    entities.orderReturn.query.byOrder(key).go({ pages: 'all', consistent: true }),
    o.fulfilmentType === 'instore' ? { data: null } : entities.fulfilment.get({ tenantId: o.tenantId, fulfilmentId: fulfilmentIdOf(o.orderId) }).go({ consistent: true }),
  ]);
  return { payments: payments.data, refunds: refunds.data, returns: returns.data, fulfilment: fulfilment.data ?? null };
};

export const fullOrderView = async (o: OrderItem, deps: Deps): Promise<OrderView> => orderView(o, await readOrderParts(o, deps));

export const getOrder = async (ctx: TenantContext, orderId: string, deps: Deps): Promise<OrderView> => fullOrderView(await requireOrder(ctx, orderId, deps), deps);

/** Newest first. Without a store: HQ lists the chain; a store-scoped caller must name one of its stores. */
export const listOrders = async (ctx: TenantContext, q: OrderQuery, { service }: Deps): Promise<z.output<typeof OrderPage>> => {
  const { tenantId } = ctx;
  if (!q.storeId && isStoreScoped(ctx) && ctx.storeIds.length !== 1) throw new ValidationError([{ path: 'query.storeId', message: 'Name one of your stores' }]);
  const storeId = q.storeId ?? (isStoreScoped(ctx) ? ctx.storeIds[0] : undefined);
  // A store of another chain (or not the caller's) is not found, not an empty list.
  if (storeId) await requireVisibleStore(ctx, storeId, { service });
  const { order } = service.entities;
  const query = storeId ? order.query.byStoreDay({ tenantId, storeId }) : order.query.byTenantDay({ tenantId });
  // Days sort as strings; '~' sorts after every time and id within the last day.
  const ranged = q.from && q.to ? query.between({ businessDay: q.from }, { businessDay: `${q.to}~` }) : q.from ? query.gte({ businessDay: q.from }) : q.to ? query.lte({ businessDay: `${q.to}~` }) : query;
  const filtered = q.status || q.channel ? ranged.where((a, { eq }) => [q.status ? eq(a.status, q.status) : '', q.channel ? eq(a.channel, q.channel) : ''].filter(Boolean).join(' AND ')) : ranged;
  const page = await withCursor(q.cursor, () => filtered.go({ limit: q.limit, cursor: q.cursor ?? null, order: 'desc' }));
  return { data: page.data.map(orderSummaryView), nextCursor: page.cursor ?? null };
};
