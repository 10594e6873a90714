// HQ choosing what it sells on a platform (PUT /v1/channels/{channel}/listings): stores opened
// there and SKUs listed there, each with the product code it was uploaded under. Each request
// sets or removes what it names; at most 40 stores and 50 SKUs, so the request and its audit entry
// stay within one transaction's 100 items.
import { z } from 'zod';
import { SkuCode, SkuId } from '../../catalog/product-schemas.ts';
import { StoreId } from '../../catalog/schemas.ts';
import { ChannelPlatform } from '../platforms.ts';

export const MAX_LISTED_STORES = 40;
export const MAX_LISTED_SKUS = 50;

export const ListingChange = z
  .object({
    stores: z.array(z.object({ storeId: StoreId, listed: z.boolean() })).max(MAX_LISTED_STORES).optional(),
    skus: z
      .array(
        z.object({
          skuId: SkuId,
          listed: z.boolean(),
          spuCode: SkuCode.optional().describe('The product code uploaded to the platform (Meituan app_spu_code); the SKU code when omitted'),
        }),
      )
      .max(MAX_LISTED_SKUS)
      .optional(),
  })
  .superRefine((c, ctx) => {
    if (!c.stores?.length && !c.skus?.length) ctx.addIssue({ code: 'custom', path: [], message: 'name at least one store or SKU' });
    if (c.stores && new Set(c.stores.map((s) => s.storeId)).size !== c.stores.length) ctx.addIssue({ code: 'custom', path: ['stores'], message: 'each store once' });
    if (c.skus && new Set(c.skus.map((s) => s.skuId)).size !== c.skus.length) ctx.addIssue({ code: 'custom', path: ['skus'], message: 'each SKU once' });
  });
export type ListingChange = z.infer<typeof ListingChange>;

export const ListingView = z
  .object({
    channel: ChannelPlatform,
    stores: z.array(z.object({ storeId: z.string(), storeCode: z.string(), listed: z.boolean() })),
    skus: z.array(z.object({ skuId: z.string(), skuCode: z.string(), spuCode: z.string().nullable(), listed: z.boolean() })),
  })
  .meta({ id: 'ChannelListingChange' });
export type ListingView = z.output<typeof ListingView>;
