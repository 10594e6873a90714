// HQ's product list: a page of products with their SKUs, in the shape GET /v1/products/{id} gives.
import { withCursor } from '../shared/pagination.ts';
import type { TenantContext } from '../shared/tenancy.ts';
import type { CatalogService } from './catalog-service.ts';
import type { ProductRecord } from './product-writes.ts';
import type { ProductListQuery } from './product-schemas.ts';
import { productView } from './products.ts';
import type { SkuRecord } from './sku-view.ts';
import type { z } from 'zod';
import type { ProductPage } from './views.ts';

export const listProducts = async (ctx: TenantContext, query: ProductListQuery, { service }: { service: CatalogService }): Promise<z.output<typeof ProductPage>> => {
  const { data, cursor } = await withCursor(query.cursor, () =>
    service.entities.product.query
      .byTenant({ tenantId: ctx.tenantId })
      .where((attr, { eq }) =>
        [query.status ? eq(attr.status, query.status) : '', query.categoryId ? eq(attr.categoryId, query.categoryId) : '', query.brand ? eq(attr.brand, query.brand) : '']
          .filter(Boolean)
          .join(' AND '),
      )
      .go({ limit: query.limit, cursor: query.cursor ?? null }),
  );
  const products = data as ProductRecord[];
  // One batch read for the page's SKUs (ElectroDB splits it into 100-key requests).
  const keys = products.flatMap((p) => p.skuIds.map((skuId) => ({ tenantId: ctx.tenantId, skuId })));
  const { data: skus } = keys.length ? await service.entities.sku.get(keys).go() : { data: [] };
  const byId = new Map(skus.map((s) => [s.skuId, s as SkuRecord]));
  return { data: products.map((p) => productView(p, p.skuIds.flatMap((id) => byId.get(id) ?? []))), nextCursor: cursor ?? null };
};
