// A reservation as the API shows it.
import { z } from 'zod';
import { Channel } from '../../shared/channels.ts';
import { Id, Timestamp } from '../../shared/fields.ts';
import { MovementView, StockLocationId } from '../ledger/movement-view.ts';
import { RESERVATION_STATUSES, type ReservationItem } from './reservation-entity.ts';

export type ReservationLine = { skuId: string; quantity: number };

const Lines = z.array(z.object({ skuId: Id('sku'), quantity: z.number().int() }));

export const ReservationView = z
  .object({
    id: Id('reservation'),
    status: z.enum(RESERVATION_STATUSES),
    locationId: StockLocationId,
    channel: Channel,
    lines: Lines,
    expiresAt: Timestamp,
    createdAt: Timestamp,
    reference: z.string().nullable(),
    closedAt: Timestamp.nullable(),
    sold: Lines.optional().describe('Once consumed: what was sold of it'),
    shards: z
      .array(z.object({ skuId: Id('sku'), shard: z.number().int(), quantity: z.number().int() }))
      .optional()
      .describe("A hold of SKUs in a flash-sale pool: the pool's shards its units came from"),
  })
  .meta({ id: 'Reservation' });
export type ReservationView = z.output<typeof ReservationView>;

/** `POST /v1/stock/reservations/{id}/consume`: the reservation and the sale it posted. */
export const ConsumedReservationView = ReservationView.extend({ movements: z.array(MovementView) });
export type ConsumedReservationView = z.output<typeof ConsumedReservationView>;

export const reservationView = (r: Pick<ReservationItem, 'reservationId' | 'locationId' | 'channel' | 'lines' | 'status' | 'expiresAt' | 'createdAt' | 'reference' | 'closedAt' | 'sold' | 'draws'>): ReservationView => ({
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
  ...(r.draws?.length ? { shards: r.draws.map(({ skuId, shard, quantity }) => ({ skuId, shard, quantity })) } : {}),
});
