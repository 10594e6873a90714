// A ledger line as API.md shows it: `{ id, locationId, skuId, type, quantity, occurredAt, reference? }`.
import { z } from 'zod';
import { Id, Timestamp } from '../../shared/fields.ts';
import { page } from '../../shared/pagination.ts';
import { MovementType } from './movement-types.ts';

/** A store (sto_...) or a warehouse (whs_...): where stock is. */
export const StockLocationId = z.union([Id('store'), Id('warehouse')]);

/** A posting: a request's own (pst_...), or the step of the document that posted it (trf_...:ship, stk_...:variance). */
export const PostingId = z.string().min(1).describe('pst_..., or the document and step that posted, e.g. trf_...:ship');

export const MovementView = z
  .object({
    id: Id('movement'),
    locationId: StockLocationId,
    skuId: Id('sku'),
    type: MovementType,
    quantity: z.number().int().describe('Signed: positive into the location, negative out of it'),
    occurredAt: Timestamp,
    reference: z.string().optional(),
    postingId: PostingId.describe('The posting that moved it, with the movements of its other lines'),
  })
  .meta({ id: 'StockMovement' });
export type MovementView = z.output<typeof MovementView>;
/** `GET /v1/stock/movements`: the append-only ledger. */
export const MovementPage = page(MovementView);

export const movementView = (m: { movementId: string; locationId: string; skuId: string; type: MovementType; quantity: number; occurredAt: string; reference?: string; postingId: string }): MovementView => ({
  id: m.movementId,
  locationId: m.locationId,
  skuId: m.skuId,
  type: m.type,
  quantity: m.quantity,
  occurredAt: m.occurredAt,
  ...(m.reference === undefined ? {} : { reference: m.reference }),
  postingId: m.postingId,
});
