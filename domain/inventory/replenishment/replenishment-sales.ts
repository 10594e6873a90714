// Recent sales of one SKU at one store, read from the ledger. Movement ids are ULIDs, so the
// movements since a moment are a range of the (store, SKU) partition's sort key: the query reads
// the window's movements of that one SKU and nothing older, however long the ledger grows.
import { encodeTime } from 'ulid';
import { ID_PREFIXES } from '../../shared/ids.ts';
import type { StockService } from '../stock-service.ts';

export const DAY_MS = 24 * 3600 * 1000;

/** The smallest movement id of `at` or later. */
export const firstMovementIdAt = (at: number): string => `${ID_PREFIXES.movement}_${encodeTime(at, 10)}${'0'.repeat(16)}`;

/**
 * Units sold on each of the last `days` 24-hour periods before `now` (index 0 the most recent).
 * Sales are negative movements of type `sale`; returns and other movements are not demand.
 */
export const dailySales = async (service: StockService, key: { tenantId: string; locationId: string; skuId: string }, now: Date, days: number): Promise<number[]> => {
  const start = now.getTime() - days * DAY_MS;
  const { data } = await service.entities.stockMovement.query
    .bySku(key)
    .gte({ movementId: firstMovementIdAt(start) })
    .where((a, { eq }) => eq(a.type, 'sale'))
    .go({ pages: 'all', attributes: ['quantity', 'occurredAt'] });
  const buckets = Array<number>(days).fill(0);
  for (const m of data) {
    const day = Math.floor((now.getTime() - Date.parse(m.occurredAt)) / DAY_MS);
    if (day >= 0 && day < days) buckets[day]! += -m.quantity;
  }
  return buckets;
};
