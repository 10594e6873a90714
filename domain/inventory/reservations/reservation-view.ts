// A reservation as the API shows it.
import type { ReservationItem } from './reservation-entity.ts';

export type ReservationLine = { skuId: string; quantity: number };

export const reservationView = (r: Pick<ReservationItem, 'reservationId' | 'locationId' | 'channel' | 'lines' | 'status' | 'expiresAt' | 'createdAt' | 'reference' | 'closedAt' | 'sold'>) => ({
  id: r.reservationId,
  status: r.status,
  locationId: r.locationId,
  channel: r.channel,
  lines: r.lines.map(({ skuId, quantity }) => ({ skuId, quantity })),
  expiresAt: r.expiresAt,
  createdAt: r.createdAt,
  reference: r.reference ?? null,
  closedAt: r.closedAt ?? null,
  ...(r.sold ? { sold: r.sold.map(({ skuId, quantity }) => ({ skuId, quantity })) } : {}),
});

export type ReservationView = ReturnType<typeof reservationView>;
