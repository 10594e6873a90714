// The token bucket of one platform app (stock/rate-limit.ts), shared by every consumer instance
// that calls the platform for the tenant: tokens left at `refilledAt`, and after a throttle the
// time before which nobody calls (exponential back-off, `throttles` in a row).
import { Entity, type EntityItem } from 'electrodb';
import type { DocumentClient } from '../../shared/data-scope.ts';
import { CHANNEL_PLATFORMS } from '../platforms.ts';

export const createChannelRateEntity = (table: string, client: DocumentClient) =>
  new Entity(
    {
      model: { entity: 'channelRate', version: '1', service: 'storefleet' },
      attributes: {
        tenantId: { type: 'string', required: true, readOnly: true },
        channel: { type: CHANNEL_PLATFORMS, required: true, readOnly: true },
        tokens: { type: 'number', required: true },
        refilledAt: { type: 'number', required: true },
        blockedUntil: { type: 'number', required: true },
        throttles: { type: 'number', required: true },
        version: { type: 'number', required: true },
      },
      indexes: {
        byChannel: {
          pk: { field: 'pk', composite: ['tenantId', 'channel'], template: '${tenantId}#channelsync#${channel}', casing: 'none' },
          sk: { field: 'sk', composite: [], template: 'bucket', casing: 'none' },
        },
      },
    },
    { table, client },
  );

export type ChannelRateItem = EntityItem<ReturnType<typeof createChannelRateEntity>>;
