// A hold on stock at one location, for an order not yet paid or picked. While `active` its lines
// count in the levels' `reserved`; it ends exactly once (released, expired or consumed into a
// sale), in the same transaction that gives the units back or sells them. Active reservations
// alone sit in the tenant's expiry index, oldest deadline first, which is what the sweeper reads.
import { Entity, type EntityItem } from 'electrodb';
import type { DocumentClient } from '../../shared/data-scope.ts';
import { CHANNELS } from '../../shared/channels.ts';

export const RESERVATION_STATUSES = ['active', 'released', 'expired', 'consumed'] as const;
export type ReservationStatus = (typeof RESERVATION_STATUSES)[number];

export const createReservationEntity = (table: string, client: DocumentClient) =>
  new Entity(
    {
      model: { entity: 'stockReservation', version: '1', service: 'storefleet' },
      attributes: {
        tenantId: { type: 'string', required: true, readOnly: true },
        reservationId: { type: 'string', required: true, readOnly: true },
        locationId: { type: 'string', required: true, readOnly: true },
        channel: { type: CHANNELS, required: true, readOnly: true },
        lines: {
          type: 'list',
          required: true,
          readOnly: true,
          items: { type: 'map', properties: { skuId: { type: 'string', required: true }, quantity: { type: 'number', required: true } } },
        },
        status: { type: RESERVATION_STATUSES, required: true },
        // Not readOnly only because a status change must restate it for the sparse index (below).
        expiresAt: { type: 'string', required: true },
        createdAt: { type: 'string', required: true, readOnly: true },
        reference: { type: 'string', readOnly: true },
        actorId: { type: 'string', readOnly: true },
        closedAt: { type: 'string' },
        /** For a consumed reservation, the units sold per SKU (at most the reserved ones). */
        sold: { type: 'list', items: { type: 'map', properties: { skuId: { type: 'string', required: true }, quantity: { type: 'number', required: true } } } },
        /** For a hold of pooled SKUs: which flash-sale shard(s) each pooled line's units came from (shards/). */
        draws: {
          type: 'list',
          readOnly: true,
          items: {
            type: 'map',
            properties: { skuId: { type: 'string', required: true }, poolId: { type: 'string', required: true }, shard: { type: 'number', required: true }, quantity: { type: 'number', required: true } },
          },
        },
      },
      indexes: {
        byId: {
          pk: { field: 'pk', composite: ['tenantId', 'reservationId'], template: '${tenantId}#reservation#${reservationId}', casing: 'none' },
          sk: { field: 'sk', composite: [], template: 'reservation', casing: 'none' },
        },
        // Sparse: ElectroDB writes these keys only while the status is active and removes them
        // when a change sets another status (the change must name status and expiresAt).
        dueForExpiry: {
          index: 'gsi1',
          condition: (attr) => attr.status === 'active',
          pk: { field: 'gsi1pk', composite: ['tenantId', 'status'], template: '${tenantId}#reservations#${status}', casing: 'none' },
          sk: { field: 'gsi1sk', composite: ['expiresAt', 'reservationId'], template: '${expiresAt}#${reservationId}', casing: 'none' },
        },
      },
    },
    { table, client },
  );

export type ReservationEntity = ReturnType<typeof createReservationEntity>;
export type ReservationItem = EntityItem<ReservationEntity>;
