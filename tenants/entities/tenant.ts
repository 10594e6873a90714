// A tenant (one store chain). Keys lead with the tenant id so IAM LeadingKeys can fence them.
import { Entity, type EntityItem } from 'electrodb';
import type { DocumentClient } from '../../domain/shared/data-scope.ts';
import { TENANT_TIERS } from '../../domain/shared/tiers.ts';

export const TENANT_STATUSES = ['active', 'suspended'] as const;

export const createTenantEntity = (table: string, client: DocumentClient) =>
  new Entity(
    {
      model: { entity: 'tenant', version: '1', service: 'storefleet' },
      attributes: {
        tenantId: { type: 'string', required: true, readOnly: true },
        slug: { type: 'string', required: true, readOnly: true },
        name: { type: 'string', required: true },
        tier: { type: TENANT_TIERS, required: true },
        status: { type: TENANT_STATUSES, required: true },
        settings: {
          type: 'map',
          required: true,
          properties: {
            currency: { type: 'string', required: true },
            timezone: { type: 'string', required: true },
            locale: { type: 'string', required: true },
            royaltyRateBps: { type: 'number', required: true },
            paymentFeeRateBps: { type: 'number', required: true },
            // Absent on chains created before orders: ORDER_HOLD_MINUTES_DEFAULT applies.
            orderHoldMinutes: { type: 'number' },
          },
        },
        createdAt: { type: 'string', required: true, readOnly: true },
      },
      indexes: {
        byId: {
          pk: { field: 'pk', composite: ['tenantId'], template: '${tenantId}#tenant', casing: 'none' },
          sk: { field: 'sk', composite: [], template: 'tenant', casing: 'none' },
        },
      },
    },
    { table, client },
  );

export type TenantEntity = ReturnType<typeof createTenantEntity>;
export type TenantItem = EntityItem<TenantEntity>;
