// What handling one verified push works with: the tenant it was identified as, acting as the
// platform (never as a user), its services, and the app to answer the platform with.
import type { Clock } from '../../shared/clock.ts';
import type { TenantContext } from '../../shared/tenancy.ts';
import type { OrderDeps } from '../../orders/place-order.ts';
import type { DeliveryPlatform, PlatformApp } from '../adapter.ts';
import type { ChannelService } from '../channel-service.ts';
import { platformActor, type ChannelPlatform } from '../platforms.ts';

export type PushContext = {
  ctx: TenantContext;
  channel: ChannelPlatform;
  adapter: DeliveryPlatform;
  app: PlatformApp;
  channels: ChannelService;
  orders: OrderDeps;
  clock: Clock;
};

/** HQ's reach over the chain's stores, as the platform: the tenant came from the verified app. */
export const platformContext = (tenantId: string, channel: ChannelPlatform): TenantContext => ({ tenantId, userId: platformActor(channel), role: 'hq_admin', storeIds: [] });

/** What a push came to, for the log line at the edge. */
export type PushOutcome = { kind: string; platformOrderId?: string; outcome: string; orderId?: string; reasonCode?: number };
