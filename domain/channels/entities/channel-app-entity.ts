// Platform app -> tenant: how a push, which carries only the platform's app id, finds the one
// chain it may act for. A platform directory item (`platform#`), read before any tenant is known
// and written by the credentials route with the function's own role; the tenant's account item
// must name the same app (channel-account-entity.ts), so a directory item left behind by an app
// change verifies nothing.
import { Entity, type EntityItem } from 'electrodb';
import type { DocumentClient } from '../../shared/data-scope.ts';
import { CHANNEL_PLATFORMS } from '../platforms.ts';

export const createChannelAppEntity = (table: string, client: DocumentClient) =>
  new Entity(
    {
      model: { entity: 'channelApp', version: '1', service: 'storefleet' },
      attributes: {
        channel: { type: CHANNEL_PLATFORMS, required: true, readOnly: true },
        appId: { type: 'string', required: true, readOnly: true },
        tenantId: { type: 'string', required: true, readOnly: true },
        claimedAt: { type: 'string', required: true, readOnly: true },
      },
      indexes: {
        byApp: {
          pk: { field: 'pk', composite: ['channel', 'appId'], template: 'platform#channel-app#${channel}#${appId}', casing: 'none' },
          sk: { field: 'sk', composite: [], template: 'app', casing: 'none' },
        },
      },
    },
    { table, client },
  );

export type ChannelAppItem = EntityItem<ReturnType<typeof createChannelAppEntity>>;
