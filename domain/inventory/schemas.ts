// Requests of the stock routes (API.md, "Goods, prices, stock", and the reservation and policy
// routes this context adds).
import { z } from 'zod';
import { Channel } from '../shared/channels.ts';
import { Id, Timestamp } from '../shared/fields.ts';
import { idPattern } from '../shared/ids.ts';
import { page, PageQuery } from '../shared/pagination.ts';
import { SkuId } from '../catalog/product-schemas.ts';
import { signProblem } from './ledger/movement-types.ts';
import { MovementView, StockLocationId } from './ledger/movement-view.ts';

/**
 * Lines per request. A movement posting writes the posting, a movement and a level per line, an
 * audit entry and perhaps a stock.low event: 40 lines is 83 items, inside DynamoDB's 100 per
 * transaction, so a request is never split and never half applied. Send more as more requests.
 */
export const MAX_LINES = 40;
/** Policy overrides per request: each is one item, with the defaults and the audit entry in the same transaction. */
export const MAX_POLICY_SKUS = 90;
/** `?skuIds=` names at most this many (one BatchGet). */
export const MAX_QUERY_SKUS = 100;
export const DEFAULT_TTL_SECONDS = 15 * 60;

export const LocationId = z.string().refine((id) => idPattern('store').test(id) || idPattern('warehouse').test(id), 'a store (sto_...) or warehouse (whs_...) id');
export const ReservationId = z.string().regex(idPattern('reservation'), 'a reservation id (rsv_...)');
const Reference = z.string().trim().min(1).max(100);
const Count = z.number().int().min(0).max(1_000_000);

const uniqueSkus = (lines: readonly { skuId: string }[], ctx: z.RefinementCtx, path: string) => {
  const seen = new Set<string>();
  lines.forEach((l, i) => {
    if (seen.has(l.skuId)) ctx.addIssue({ code: 'custom', path: [path, i, 'skuId'], message: 'appears twice in this request' });
    seen.add(l.skuId);
  });
};

/** The movements a person records by hand; sales, transfers and stocktakes have flows of their own. */
export const MANUAL_MOVEMENT_TYPES = ['receipt', 'adjustment', 'damage'] as const;

export const NewMovements = z
  .object({
    locationId: LocationId,
    type: z.enum(MANUAL_MOVEMENT_TYPES),
    lines: z.array(z.object({ skuId: SkuId, quantity: z.number().int().min(-1_000_000).max(1_000_000) })).min(1).max(MAX_LINES),
    reference: Reference.optional(),
  })
  .superRefine((m, ctx) => {
    uniqueSkus(m.lines, ctx, 'lines');
    m.lines.forEach((l, i) => {
      const problem = signProblem(m.type, l.quantity);
      if (problem) ctx.addIssue({ code: 'custom', path: ['lines', i, 'quantity'], message: problem });
    });
  });
export type NewMovements = z.infer<typeof NewMovements>;

export const MovementQuery = PageQuery.extend({ locationId: LocationId, skuId: SkuId.optional(), order: z.enum(['asc', 'desc']).default('desc') });
export type MovementQuery = z.infer<typeof MovementQuery>;

const SkuIdList = z
  .string()
  .transform((s) => s.split(',').map((id) => id.trim()).filter((id) => id !== ''))
  .pipe(z.array(SkuId).min(1, 'name at least one SKU').max(MAX_QUERY_SKUS).refine((ids) => new Set(ids).size === ids.length, 'name each SKU once'));

export const StockQuery = PageQuery.extend({ locationId: LocationId, skuIds: SkuIdList.optional(), channel: Channel.default('pos') });
export type StockQuery = z.infer<typeof StockQuery>;

export const NewReservation = z
  .object({
    locationId: LocationId,
    channel: Channel,
    lines: z.array(z.object({ skuId: SkuId, quantity: z.number().int().min(1).max(1_000_000) })).min(1).max(MAX_LINES),
    ttlSeconds: z.number().int().min(60).max(24 * 3600).default(DEFAULT_TTL_SECONDS),
    reference: Reference.optional(),
  })
  .superRefine((r, ctx) => uniqueSkus(r.lines, ctx, 'lines'));
export type NewReservation = z.infer<typeof NewReservation>;

export const ReservationPath = z.object({ id: ReservationId });

/** What was sold of a reservation; every line when absent. */
export const Consumption = z
  .object({ lines: z.array(z.object({ skuId: SkuId, quantity: z.number().int().min(0).max(1_000_000) })).min(1).max(MAX_LINES).optional() })
  .superRefine((c, ctx) => c.lines && uniqueSkus(c.lines, ctx, 'lines'));
export type Consumption = z.infer<typeof Consumption>;

/** A policy replaces what it names: a field left out or null falls back (to the location's default, or to none). */
const PolicyFields = z.object({ safetyStock: Count.nullish(), lowThreshold: Count.nullish() });

export const PolicyChange = z
  .object({
    locationId: LocationId,
    defaults: PolicyFields.optional(),
    skus: z.array(PolicyFields.extend({ skuId: SkuId })).max(MAX_POLICY_SKUS).default([]),
  })
  .superRefine((p, ctx) => {
    if (!p.defaults && p.skus.length === 0) ctx.addIssue({ code: 'custom', path: ['defaults'], message: 'give defaults, SKU policies, or both' });
    uniqueSkus(p.skus, ctx, 'skus');
  });
export type PolicyChange = z.infer<typeof PolicyChange>;

export const PolicyQuery = PageQuery.extend({ locationId: LocationId });
export type PolicyQuery = z.infer<typeof PolicyQuery>;

// What the stock routes answer. Reservations and ledger lines have their views beside them
// (reservations/reservation-view.ts, ledger/movement-view.ts).

/** `POST /v1/stock/movements`: the posting and the ledger lines it wrote. */
export const PostingView = z
  .object({
    id: Id('posting'),
    locationId: StockLocationId,
    type: z.enum(MANUAL_MOVEMENT_TYPES),
    reference: z.string().nullable(),
    occurredAt: Timestamp,
    movements: z.array(MovementView),
  })
  .meta({ id: 'StockPosting' });
export type PostingView = z.output<typeof PostingView>;

export const StockLevelView = z
  .object({
    locationId: StockLocationId,
    skuId: Id('sku'),
    onHand: z.number().int(),
    reserved: z.number().int(),
    available: z.number().int().describe('What the channel may sell: onHand less reservations and, off the till, the safety stock'),
    channel: Channel,
    safetyStock: z.number().int(),
    lowThreshold: z.number().int().nullable(),
    low: z.boolean(),
  })
  .meta({ id: 'StockLevel' });
export type StockLevelView = z.output<typeof StockLevelView>;
/** `GET /v1/stock`: the named SKUs, or every stocked SKU a page at a time. */
export const StockLevelPage = page(StockLevelView);

const PolicyFieldsView = z.object({ safetyStock: z.number().int().nullable(), lowThreshold: z.number().int().nullable() });
const SkuPolicyView = PolicyFieldsView.extend({ skuId: Id('sku') });

/** `GET /v1/stock/policies`: the location's defaults and a page of its SKU overrides (null: none set). */
export const PoliciesView = page(SkuPolicyView).extend({ locationId: StockLocationId, defaults: PolicyFieldsView }).meta({ id: 'StockPolicies' });
export type PoliciesView = z.output<typeof PoliciesView>;

/** `PUT /v1/stock/policies`: what the change set. */
export const PolicyChangeView = z.object({ locationId: StockLocationId, defaults: PolicyFieldsView.optional(), skus: z.array(SkuPolicyView) });
export type PolicyChangeView = z.output<typeof PolicyChangeView>;
