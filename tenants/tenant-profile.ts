// Reading the caller's own tenant and the event log its consumers keep.
import { NotFoundError } from '../domain/shared/errors.ts';
import type { TenancyService } from './store.ts';
import type { TenantContext } from '../domain/shared/tenancy.ts';
import type { DomainEvent } from '../domain/shared/events/domain-event.ts';
import type { Clock } from '../domain/shared/clock.ts';
import { isConditionalCheckFailed } from '../domain/shared/dynamo.ts';
import { withCursor, type PageQuery } from '../domain/shared/pagination.ts';
import type { TenantEventPage, TenantView } from './views.ts';
import type { z } from 'zod';
import { ORDER_HOLD_MINUTES_DEFAULT } from '../domain/orders/order-settings.ts';

export const getTenantProfile = async (ctx: TenantContext, { service }: { service: TenancyService }): Promise<TenantView> => {
  const { data } = await service.entities.tenant.get({ tenantId: ctx.tenantId }).go();
  if (!data) throw new NotFoundError('tenant');
  return { id: data.tenantId, slug: data.slug, name: data.name, tier: data.tier, status: data.status, settings: { ...data.settings, orderHoldMinutes: data.settings.orderHoldMinutes ?? ORDER_HOLD_MINUTES_DEFAULT } };
};

export const listTenantEvents = async (
  ctx: TenantContext,
  page: PageQuery,
  { service }: { service: TenancyService },
): Promise<z.output<typeof TenantEventPage>> => {
  const { data, cursor } = await withCursor(page.cursor, () =>
    service.entities.tenantEvent.query
      .byTenant({ tenantId: ctx.tenantId })
      .go({ limit: page.limit, cursor: page.cursor ?? null, order: 'desc' }),
  );
  return {
    data: data.map((e) => ({ id: e.eventId, type: e.type, occurredAt: e.occurredAt, recordedAt: e.recordedAt, payload: e.payload })),
    nextCursor: cursor ?? null,
  };
};

/** Records a consumed event once: a duplicate delivery finds the record and changes nothing. */
export const recordTenantEvent = async (event: DomainEvent, { service, clock }: { service: TenancyService; clock: Clock }) => {
  try {
    await service.entities.tenantEvent
      .create({
        tenantId: event.tenantId,
        eventId: event.id,
        type: event.type,
        occurredAt: event.occurredAt,
        recordedAt: clock.now().toISOString(),
        payload: event.payload,
      })
      .go();
    return 'recorded' as const;
  } catch (error) {
    if (isConditionalCheckFailed(error)) return 'duplicate' as const;
    throw error;
  }
};
