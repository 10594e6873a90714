// How a price list is stored and shown, and the pieces every change derives from it: its scope
// without empty dimensions and its item in the live partition.
import type { PriceListScope } from './price-resolution.ts';
import type { PromotionRule } from './schemas.ts';
import type { ALL_PRICE_LIST_KINDS, PRICE_LIST_STATUSES } from './price-list-entity.ts';
import type { PriceListView } from './views.ts';

export type PriceListRecord = {
  tenantId: string;
  priceListId: string;
  name: string;
  kind: (typeof ALL_PRICE_LIST_KINDS)[number];
  priority: number;
  scope: PriceListScope;
  validFrom?: string;
  validTo?: string;
  status: (typeof PRICE_LIST_STATUSES)[number];
  version: number;
  lineCount: number;
  promotion?: PromotionRule;
  createdAt: string;
  updatedAt: string;
};

/**
 * Every dimension present, empty meaning "every": one shape to store, compare and stream. (Not
 * `{}`: the local stream reader hands an empty map over as no value at all.)
 */
export const fullScope = (scope: PriceListScope | undefined) => ({ regionIds: scope?.regionIds ?? [], storeIds: scope?.storeIds ?? [], channels: scope?.channels ?? [] });

/** A price list as the API shows it (views.ts). */
export const priceListView = (p: PriceListRecord): PriceListView => ({
  id: p.priceListId,
  name: p.name,
  kind: p.kind,
  priority: p.priority,
  scope: fullScope(p.scope),
  validFrom: p.validFrom ?? null,
  validTo: p.validTo ?? null,
  status: p.status,
  version: p.version,
  lineCount: p.lineCount,
  promotion: p.promotion ?? null,
  currency: 'CNY' as const,
  createdAt: p.createdAt,
  updatedAt: p.updatedAt,
});

const DAY_SECONDS = 24 * 3600;

/** The item that puts an active list in the chain's live partition (live-price-list-entity.ts). */
export const liveListItem = (p: PriceListRecord) => ({
  tenantId: p.tenantId,
  priceListId: p.priceListId,
  name: p.name,
  kind: p.kind,
  priority: p.priority,
  version: p.version,
  scope: p.scope,
  validFrom: p.validFrom,
  validTo: p.validTo,
  promotion: p.promotion,
  expiresAt: p.validTo === undefined ? undefined : Math.floor(Date.parse(p.validTo) / 1000) + DAY_SECONDS,
});
