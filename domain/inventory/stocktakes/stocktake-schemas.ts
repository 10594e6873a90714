// Requests of stocktakes (API.md: POST /v1/stocktakes), plus reading and listing them.
import { z } from 'zod';
import { SkuId } from '../../catalog/product-schemas.ts';
import { idPattern } from '../../shared/ids.ts';
import { Id, Timestamp } from '../../shared/fields.ts';
import { page, PageQuery } from '../../shared/pagination.ts';
import { PostingId, StockLocationId } from '../ledger/movement-view.ts';
import { LocationId, MAX_LINE_QUANTITY, skuLines } from '../transfers/transfer-schemas.ts';

/**
 * A stocktake posts its variances, the record, the location's stocktake count and the audit entry
 * in one transaction: 2 items a SKU plus 5 keeps 47 counts under DynamoDB's 100 items even when
 * every count differs. A whole store is counted as several stocktakes (a shelf or a section each).
 */
export const MAX_STOCKTAKE_COUNTS = 47;

export const StocktakeCount = z.object({ skuId: SkuId, counted: z.number().int().min(0).max(MAX_LINE_QUANTITY) });

export const NewStocktake = z.object({
  locationId: LocationId,
  counts: skuLines(StocktakeCount, MAX_STOCKTAKE_COUNTS),
  reference: z.string().trim().min(1).max(100).optional(),
});
export type NewStocktake = z.infer<typeof NewStocktake>;

export const StocktakePath = z.object({ id: z.string().regex(idPattern('stocktake'), 'a stocktake id (stk_...)') });

export const StocktakeListQuery = PageQuery.extend({ locationId: LocationId });
export type StocktakeListQuery = z.infer<typeof StocktakeListQuery>;

/** A posted stocktake: each count against what the ledger expected, the difference posted as a variance. */
export const StocktakeView = z
  .object({
    id: Id('stocktake'),
    locationId: StockLocationId,
    variances: z.array(z.object({ skuId: Id('sku'), expected: z.number().int(), counted: z.number().int(), delta: z.number().int().describe('counted - expected') })),
    postingId: PostingId,
    reference: z.string().nullable(),
    countedBy: z.string().describe('The user who posted it'),
    postedAt: Timestamp,
  })
  .meta({ id: 'Stocktake' });
export type StocktakeView = z.output<typeof StocktakeView>;
export const StocktakePage = page(StocktakeView);
