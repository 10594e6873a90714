// A chain's connection to a delivery platform: the platform app it runs (app id and secret, the
// secret only as a ciphertext under the manifest key) and the push URL as registered in the
// platform's developer console, which the push signature covers. One per tenant and platform.
import { Entity, type EntityItem } from 'electrodb';
import type { DocumentClient } from '../../shared/data-scope.ts';
import { CHANNEL_PLATFORMS } from '../platforms.ts';

export const createChannelAccountEntity = (table: string, client: DocumentClient) =>
  new Entity(
    {
      model: { entity: 'channelAccount', version: '1', service: 'storefleet' },
      attributes: {
        tenantId: { type: 'string', required: true, readOnly: true },
        channel: { type: CHANNEL_PLATFORMS, required: true, readOnly: true },
        appId: { type: 'string', required: true },
        secretCipher: { type: 'string', required: true },
        pushUrl: { type: 'string', required: true },
        updatedAt: { type: 'string', required: true },
        updatedBy: { type: 'string', required: true },
        /** Every change is conditioned on it, so two HQ admins saving at once cannot interleave. */
        version: { type: 'number', required: true },
      },
      indexes: {
        byChannel: {
          pk: { field: 'pk', composite: ['tenantId', 'channel'], template: '${tenantId}#channel#${channel}', casing: 'none' },
          sk: { field: 'sk', composite: [], template: 'account', casing: 'none' },
        },
      },
    },
    { table, client },
  );

export type ChannelAccountEntity = ReturnType<typeof createChannelAccountEntity>;
export type ChannelAccountItem = EntityItem<ChannelAccountEntity>;
