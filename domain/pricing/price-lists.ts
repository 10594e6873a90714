// Creating price lists and reading them back. A list and its first prices are one price change:
// one transaction, one list version (1), one number in the chain's price sequence.
import { NotFoundError } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import type { Clock } from '../shared/clock.ts';
import { withCursor, type PageQuery } from '../shared/pagination.ts';
import type { TenantContext } from '../shared/tenancy.ts';
import { auditEntry } from '../audit/audit.ts';
import type { PricingService } from './pricing-service.ts';
import { commitPriceChange } from './price-change.ts';
import { referencesOf, requireReferences } from './references.ts';
import { fullScope, liveListItem, priceListView, type PriceListRecord } from './price-list-view.ts';
import type { NewPriceList, PriceListQuery } from './schemas.ts';
import type { z } from 'zod';
import type { PriceEntryPage, PriceListPage, PriceListView, PriceListWrite } from './views.ts';

type Deps = { service: PricingService; clock: Clock };

export const createPriceList = async (ctx: TenantContext, input: NewPriceList, deps: Deps): Promise<PriceListWrite> => {
  await requireReferences(ctx, referencesOf(input), deps);
  const { tenantId } = ctx;
  const { result, sequence } = await commitPriceChange(
    tenantId,
    async (now) => {
      const at = now.toISOString();
      const record: PriceListRecord = {
        tenantId,
        priceListId: newId('priceList', now.getTime()),
        name: input.name,
        kind: input.kind,
        priority: input.priority,
        scope: fullScope(input.scope),
        validFrom: input.validFrom,
        validTo: input.validTo,
        status: input.status,
        version: 1,
        lineCount: input.prices.length,
        promotion: input.promotion,
        createdAt: at,
        updatedAt: at,
      };
      const { priceListId } = record;
      const view = priceListView(record);
      return {
        priceListId,
        listVersion: 1,
        change: 'price_list.created',
        scopes: record.status === 'active' ? [record.scope] : [],
        writes: (e) => [
          e.priceList.create(record).commit(),
          ...input.prices.map((l) => e.priceEntry.create({ tenantId, priceListId, skuId: l.skuId, amount: l.amount, version: 1, updatedAt: at }).commit()),
          ...(record.status === 'active' ? [e.livePriceList.put(liveListItem(record)).commit()] : []),
          e.auditEntry.create(auditEntry(ctx, { action: 'price_list.created', targetType: 'priceList', targetId: priceListId, after: { ...view, prices: input.prices } }, now)).commit(),
        ],
        result: view,
      };
    },
    deps,
  );
  return { ...result, priceSequence: sequence };
};

export const readPriceList = async (ctx: TenantContext, priceListId: string, { service }: Pick<Deps, 'service'>): Promise<PriceListRecord> => {
  const { data } = await service.entities.priceList.get({ tenantId: ctx.tenantId, priceListId }).go({ consistent: true });
  if (!data) throw new NotFoundError('price list');
  return data as PriceListRecord;
};

export const getPriceList = async (ctx: TenantContext, priceListId: string, deps: Pick<Deps, 'service'>): Promise<PriceListView> => priceListView(await readPriceList(ctx, priceListId, deps));

/** Newest first, optionally one status or kind. */
export const listPriceLists = async (ctx: TenantContext, query: PriceListQuery, { service }: Pick<Deps, 'service'>): Promise<z.output<typeof PriceListPage>> => {
  const { data, cursor } = await withCursor(query.cursor, () =>
    service.entities.priceList.query
      .byTenant({ tenantId: ctx.tenantId })
      .where((a, { eq }) => [query.status ? eq(a.status, query.status) : '', query.kind ? eq(a.kind, query.kind) : ''].filter(Boolean).join(' AND '))
      .go({ limit: query.limit, cursor: query.cursor ?? null, order: 'desc' }),
  );
  return { data: data.map((p) => priceListView(p as PriceListRecord)), nextCursor: cursor ?? null };
};

/** A list's prices in SKU order, a page at a time (a list can price thousands of SKUs). */
export const listPriceListPrices = async (ctx: TenantContext, priceListId: string, page: PageQuery, deps: Pick<Deps, 'service'>): Promise<z.output<typeof PriceEntryPage>> => {
  await readPriceList(ctx, priceListId, deps);
  const { data, cursor } = await withCursor(page.cursor, () =>
    deps.service.entities.priceEntry.query.byList({ tenantId: ctx.tenantId, priceListId }).go({ limit: page.limit, cursor: page.cursor ?? null }),
  );
  return { data: data.map((e) => ({ skuId: e.skuId, amount: e.amount, currency: 'CNY' as const, version: e.version, updatedAt: e.updatedAt })), nextCursor: cursor ?? null };
};
