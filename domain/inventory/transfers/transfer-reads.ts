// Reading transfers: one by id (store staff see those with one end at their stores; anyone else
// gets 404, as for another tenant's), a location's list newest first, and what is still on its way
// to a location per SKU (the in-transit quantity replenishment counts on).
import { ForbiddenError } from '../../shared/errors.ts';
import { withCursor } from '../../shared/pagination.ts';
import { isStoreScoped, type TenantContext } from '../../shared/tenancy.ts';
import { requireLocation } from '../../catalog/locations.ts';
import { batchGet } from '../../shared/batches.ts';
import type { StockService } from '../stock-service.ts';
import { requireVisible } from './transfer-checks.ts';
import type { TransferItem } from './transfer-entity.ts';
import type { EntryKind } from './transfer-entry-entity.ts';
import { outstanding } from './transfer-receipt.ts';
import type { TransferListQuery } from './transfer-schemas.ts';
import { transferView } from './transfer-view.ts';
import type { z } from 'zod';
import type { TransferPage, TransferView } from './transfer-view.ts';

type Deps = { service: StockService };

export const loadTransfer = async (ctx: TenantContext, transferId: string, { service }: Deps): Promise<TransferItem> => {
  const { data } = await service.entities.transfer.get({ tenantId: ctx.tenantId, transferId }).go({ consistent: true });
  return requireVisible(ctx, 'transfer', data as TransferItem | null, 'fromLocationId', 'toLocationId');
};

export const getTransfer = async (ctx: TenantContext, transferId: string, deps: Deps): Promise<TransferView> => transferView(await loadTransfer(ctx, transferId, deps));

export type EntryPageQuery = { locationId: string; status?: string; side?: 'from' | 'to'; limit: number; cursor?: string };

/**
 * One page of a location's entries of `kind`, newest first. A status or side filter is applied
 * by DynamoDB after reading, so a page may hold fewer than `limit` and still have a next page.
 * Store staff list their own stores; a warehouse's list (every store's goods) is HQ's.
 */
export const entryPage = async (ctx: TenantContext, kind: EntryKind, query: EntryPageQuery, { service }: Deps) => {
  const location = await requireLocation(ctx, query.locationId, { service });
  if (location.type === 'warehouse' && isStoreScoped(ctx)) throw new ForbiddenError("A warehouse's list is HQ's");
  const { data, cursor } = await withCursor(query.cursor, () =>
    service.entities.transferEntry.query
      .byLocation({ tenantId: ctx.tenantId, kind, locationId: query.locationId })
      .where((a, { eq }) => [query.status ? eq(a.status, query.status) : '', query.side ? eq(a.side, query.side) : ''].filter(Boolean).join(' AND '))
      .go({ limit: query.limit, cursor: query.cursor ?? null, order: 'desc' }),
  );
  return { ids: data.map((d) => d.documentId), nextCursor: cursor ?? null };
};

/** Documents found by a BatchGet, in the order their ids were asked for. */
export const inOrder = <T>(ids: readonly string[], found: readonly T[], idOf: (t: T) => string): T[] => {
  const byId = new Map(found.map((t) => [idOf(t), t]));
  return ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
};

const transfersById = async (tenantId: string, ids: readonly string[], { service }: Deps): Promise<TransferItem[]> =>
  (await batchGet(
    ids.map((transferId) => ({ tenantId, transferId })),
    (keys) => service.entities.transfer.get(keys).go({ consistent: true }),
  )) as TransferItem[];

export const listTransfers = async (ctx: TenantContext, query: TransferListQuery, deps: Deps): Promise<z.output<typeof TransferPage>> => {
  const side = query.direction === 'outbound' ? 'from' : query.direction === 'inbound' ? 'to' : undefined;
  const { ids, nextCursor } = await entryPage(ctx, 'transfer', { ...query, side }, deps);
  const found = await transfersById(ctx.tenantId, ids, deps);
  return { data: inOrder(ids, found, (t) => t.transferId).map(transferView), nextCursor };
};

/**
 * Units still on their way to `locationId`, per SKU: the outstanding lines of its open inbound
 * transfers. One query of the open part of its index, whatever its history, then the transfers
 * themselves read consistently (the index lags a moment behind a receipt).
 */
export const inTransitTo = async (tenantId: string, locationId: string, { service }: Deps): Promise<Map<string, number>> => {
  const { data: open } = await service.entities.transfer.query.toLocation({ tenantId, toLocationId: locationId }).begins({ state: 'open' }).go({ pages: 'all', attributes: ['transferId'] });
  const totals = new Map<string, number>();
  for (const t of await transfersById(tenantId, open.map((o) => o.transferId), { service }))
    for (const line of t.lines) totals.set(line.skuId, (totals.get(line.skuId) ?? 0) + outstanding(line));
  return totals;
};
