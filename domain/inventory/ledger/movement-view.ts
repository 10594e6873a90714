// A ledger line as API.md shows it: `{ id, locationId, skuId, type, quantity, occurredAt, reference? }`.
import type { MovementType } from './movement-types.ts';

export type MovementView = { id: string; locationId: string; skuId: string; type: MovementType; quantity: number; occurredAt: string; reference?: string; postingId: string };

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
