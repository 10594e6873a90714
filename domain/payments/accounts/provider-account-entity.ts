// A chain's merchant account at a payment provider (PUT /v1/payment-providers/{provider}): its
// mode, the merchant number it is known by, and its keys only as one ciphertext under the
// manifest key. No item means the provider's default: sandbox mode in the local cloud.
import { Entity, type EntityItem } from 'electrodb';
import type { DocumentClient } from '../../shared/data-scope.ts';
import { WALLETS } from '../routing.ts';

export const PROVIDER_MODES = ['sandbox', 'live'] as const;

export const createProviderAccountEntity = (table: string, client: DocumentClient) =>
  new Entity(
    {
      model: { entity: 'paymentProviderAccount', version: '1', service: 'storefleet' },
      attributes: {
        tenantId: { type: 'string', required: true, readOnly: true },
        provider: { type: WALLETS, required: true, readOnly: true },
        mode: { type: PROVIDER_MODES, required: true },
        /** WeChat's mchId, Alipay's appId: what the provider's bills and consoles name the merchant by. */
        merchantId: { type: 'string' },
        /** The credentials as JSON, encrypted (credentialsContext binds it to tenant and provider). */
        credentialsCipher: { type: 'string' },
        updatedAt: { type: 'string', required: true },
        updatedBy: { type: 'string', required: true },
        /** Every change is conditioned on it, so two HQ admins saving at once cannot interleave. */
        version: { type: 'number', required: true },
      },
      indexes: {
        byProvider: {
          pk: { field: 'pk', composite: ['tenantId'], template: '${tenantId}#paymentproviders', casing: 'none' },
          sk: { field: 'sk', composite: ['provider'], template: '${provider}', casing: 'none' },
        },
      },
    },
    { table, client },
  );

export type ProviderAccountItem = EntityItem<ReturnType<typeof createProviderAccountEntity>>;
