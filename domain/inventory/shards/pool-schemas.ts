// Requests and answers of the flash-sale pool routes (`PUT /v1/stock/shards`, `GET
// /v1/stock/shards`, `POST /v1/stock/shards:release`).
import { z } from 'zod';
import { Id, Timestamp } from '../../shared/fields.ts';
import { page, PageQuery } from '../../shared/pagination.ts';
import { SkuId } from '../../catalog/product-schemas.ts';
import { StockLocationId } from '../ledger/movement-view.ts';
import { LocationId } from '../schemas.ts';
import { POOL_STATUSES } from './stock-pool-entity.ts';
import { SHARD_STATUSES } from './stock-shard-entity.ts';
import { MAX_SHARDS } from './shard-plan.ts';

/** The channels that hold stock for an order: the till sells off the shelf and has no pool. */
export const POOL_CHANNELS = ['online', 'delivery'] as const;
const PoolChannel = z.enum(POOL_CHANNELS);

export const NewPool = z
  .object({
    locationId: LocationId,
    skuId: SkuId,
    channel: PoolChannel,
    units: z.number().int().min(1).max(1_000_000).describe("Taken from the level's free stock (the channel's safety stock kept back) into the pool"),
    shards: z.number().int().min(1).max(MAX_SHARDS).describe('Shard items (partitions) the units are split across'),
  })
  .superRefine((p, ctx) => {
    if (p.units < p.shards) ctx.addIssue({ code: 'custom', path: ['units'], message: 'at least one unit per shard' });
  });
export type NewPool = z.infer<typeof NewPool>;

export const PoolKey = z.object({ locationId: LocationId, skuId: SkuId, channel: PoolChannel });
export type PoolKey = z.infer<typeof PoolKey>;

export const PoolQuery = PageQuery.extend({ locationId: LocationId, skuId: SkuId.optional() });
export type PoolQuery = z.infer<typeof PoolQuery>;

export const PoolView = z
  .object({
    id: Id('posting').describe('The posting that opened the pool'),
    locationId: StockLocationId,
    skuId: Id('sku'),
    channel: PoolChannel,
    status: z.enum(POOL_STATUSES),
    units: z.number().int().describe('Units put in the pool when it opened'),
    remaining: z.number().int().describe('Units in its open shards now, not held by anyone'),
    returned: z.number().int().nullable().describe("Once closed: the units the close gave back to the level's free stock"),
    shards: z.array(z.object({ shard: z.number().int(), units: z.number().int(), status: z.enum(SHARD_STATUSES) })),
    openedAt: Timestamp,
    closedAt: Timestamp.nullable(),
  })
  .meta({ id: 'StockPool' });
export type PoolView = z.output<typeof PoolView>;

/** `GET /v1/stock/shards`: a location's pools (of one SKU, if named), open and last closed. */
export const PoolPage = page(PoolView);
export type PoolPage = z.output<typeof PoolPage>;
