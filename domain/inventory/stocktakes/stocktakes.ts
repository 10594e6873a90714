// Stocktakes (盘点): counted quantities at a location against what the ledger expects. Expected
// is the level's onHand read consistently just before the variances are posted, and each non-zero
// difference is posted as a stocktake_variance movement (guard `onHand`, as the ledger documents
// for corrections) in one posting with the stocktake record and its audit entry. Stocktakes of
// one location are serialised by its stocktake count (stocktake-lock-entity.ts); a sale that
// commits in the milliseconds between the read and the posting stands in the ledger as its own
// movement, as if it had been rung up just after the count.
//
// Counting while the store sells: the ledger at posting time is the reference, so a sale rung up
// between counting a shelf and posting its count is taken out of onHand by the sale and then
// "found" again by the variance. Post a section's count as soon as it is counted (or count it
// while it is not selling); the record keeps expected and counted side by side for review.
import { retryOptimistically, RETRY } from '../../shared/optimistic-retry.ts';
import { auditEntry } from '../../audit/audit.ts';
import { NotFoundError } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import { withCursor } from '../../shared/pagination.ts';
import type { TenantContext } from '../../shared/tenancy.ts';
import { InsufficientStockError, StockBusyError } from '../errors.ts';
import { postStock } from '../ledger/ledger.ts';
import { levelKey, readLevels } from '../ledger/level-reads.ts';
import type { StocktakeItem } from './stocktake-entity.ts';
import type { NewStocktake, StocktakeListQuery } from './stocktake-schemas.ts';
import { requireSkus, requireStockLocation } from '../request-checks.ts';
import { DocumentMovedError } from '../transfer-errors.ts';
import type { Deps } from '../transfers/transfer-ship.ts';
import type { z } from 'zod';
import type { StocktakePage, StocktakeView } from './stocktake-schemas.ts';

const MAX_ATTEMPTS = 5;

export type StocktakeLine = { skuId: string; expected: number; counted: number; delta: number };

/** Pure: each count against the ledger's onHand. */
export const variancesOf = (counts: NewStocktake['counts'], onHand: (skuId: string) => number): StocktakeLine[] =>
  counts.map(({ skuId, counted }) => {
    const expected = onHand(skuId);
    return { skuId, expected, counted, delta: counted - expected };
  });

const stocktakeView = (s: Omit<StocktakeItem, 'tenantId'>): StocktakeView => ({
  id: s.stocktakeId,
  locationId: s.locationId,
  variances: s.lines,
  postingId: s.postingId,
  reference: s.reference ?? null,
  countedBy: s.countedBy,
  postedAt: s.postedAt,
});

/** Posts the count as `stocktakeId`; a retry under the same id answers with the stocktake the first one posted. */
export const postStocktake = async (ctx: TenantContext, input: NewStocktake, deps: Deps, stocktakeId: string = newId('stocktake', deps.clock.now().getTime())): Promise<StocktakeView> => {
  const { tenantId } = ctx;
  const { locationId } = input;
  await requireStockLocation(ctx, locationId, 'write', deps);
  await requireSkus(ctx, input.counts.map((c) => c.skuId), 'body.counts', deps);
  const postingId = `${stocktakeId}:variance`;
  // A retry of a count that posted finds it here: its variances, planned again on the levels it
  // changed, would differ from the first attempt's, so the posting could not recognise it.
  const { data: posted } = await deps.service.entities.stocktake.get({ tenantId, stocktakeId }).go({ consistent: true });
  if (posted) return stocktakeView(posted);
  return retryOptimistically(MAX_ATTEMPTS, () => new StockBusyError(), async () => {
    // The count first: a stocktake committing after this read fails ours, one before it is in the levels read next.
    const { data: lock } = await deps.service.entities.stocktakeLock.get({ tenantId, locationId }).go({ consistent: true });
    const levels = await readLevels(deps.service, tenantId, input.counts.map(({ skuId }) => ({ locationId, skuId })));
    const lines = variancesOf(input.counts, (skuId) => levels.get(levelKey({ locationId, skuId }))!.onHand);
    let record: StocktakeItem | undefined;
    try {
      const result = await postStock(
        {
          tenantId,
          postingId,
          reference: stocktakeId,
          actorId: ctx.userId,
          changes: lines
            .filter((l) => l.delta !== 0)
            .map((l) => ({ locationId, skuId: l.skuId, movement: { type: 'stocktake_variance' as const, quantity: l.delta }, guard: l.delta < 0 ? ('onHand' as const) : ('none' as const) })),
          extra: (e, at) => {
            record = { tenantId, stocktakeId, locationId, lines, postingId, reference: input.reference, countedBy: ctx.userId, postedAt: at.toISOString() };
            return [
              e.stocktake.create(record).commit(),
              lock
                ? e.stocktakeLock.patch({ tenantId, locationId }).set({ posted: lock.posted + 1, lastStocktakeId: stocktakeId }).where((a, { eq }) => eq(a.posted, lock.posted)).commit()
                : e.stocktakeLock.create({ tenantId, locationId, posted: 1, lastStocktakeId: stocktakeId }).commit(),
              e.auditEntry.create(auditEntry(ctx, { action: 'stocktake.posted', targetType: 'stocktake', targetId: stocktakeId, after: stocktakeView(record) }, at)).commit(),
            ];
          },
          refused: (codes) => (codes[1] === 'ConditionalCheckFailed' ? new DocumentMovedError() : undefined),
        },
        deps,
      );
      return result.replayed ? getStocktake(ctx, stocktakeId, deps) : stocktakeView(record!);
    } catch (error) {
      // Another stocktake posted first, or a sale took the stock a negative variance would remove: count against the new level.
      if (error instanceof DocumentMovedError || error instanceof InsufficientStockError) return RETRY;
      throw error;
    }
  });
};

export const getStocktake = async (ctx: TenantContext, stocktakeId: string, { service }: Pick<Deps, 'service'>): Promise<StocktakeView> => {
  const { data } = await service.entities.stocktake.get({ tenantId: ctx.tenantId, stocktakeId }).go();
  if (!data) throw new NotFoundError('stocktake');
  // Readable by whoever may read stock there: a store's by its own staff, a warehouse's by all.
  await requireStockLocation(ctx, data.locationId, 'read', { service }).catch((error: unknown) => {
    throw error instanceof NotFoundError ? new NotFoundError('stocktake') : error;
  });
  return stocktakeView(data);
};

export const listStocktakes = async (ctx: TenantContext, query: StocktakeListQuery, deps: Pick<Deps, 'service'>): Promise<z.output<typeof StocktakePage>> => {
  await requireStockLocation(ctx, query.locationId, 'read', deps);
  const { data, cursor } = await withCursor(query.cursor, () =>
    deps.service.entities.stocktake.query.byLocation({ tenantId: ctx.tenantId, locationId: query.locationId }).go({ limit: query.limit, cursor: query.cursor ?? null, order: 'desc' }),
  );
  return { data: data.map(stocktakeView), nextCursor: cursor ?? null };
};
