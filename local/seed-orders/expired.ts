// A mini-shop order that was never paid and lapsed. Its hold has to have run out, which takes the
// chain's hold minutes of waiting through the API; instead it is placed through the orders domain
// in this process, as the order function would place it but on a clock set back past the hold, and
// then the reservation sweeper's own domain call expires it on the real clock, with its order
// (cancelled, `expired`, order.expired) in the same transaction. Both write only what the function
// and the sweeper write; nothing is written around them.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { expireDueReservations } from '../../domain/inventory/reservations/reservation-expiry.ts';
import { orderExpiry } from '../../domain/orders/expire-order.ts';
import { createOrderServices } from '../../domain/orders/order-deps.ts';
import { placeOrder } from '../../domain/orders/place-order.ts';
import { NewOrder } from '../../domain/orders/schemas.ts';
import { systemClock } from '../../domain/shared/clock.ts';
import { documentClientOver } from '../../domain/shared/document-client.ts';
import { newId } from '../../domain/shared/ids.ts';
import { tenantContextFromClaims } from '../../tenants/tenant-context.ts';
import { localCredentials, LOCAL_REGION } from '../aws-local.ts';
import { expectOk, type SeedCall } from '../seed-http.ts';
import type { BasketLine } from './baskets.ts';

/** What the local cloud passes the seed beside its MQTT endpoint (local/cloud.ts LocalCloud). */
export type LocalEngines = { endpoints: { dynamodb: string }; tables: Record<string, string> };

/** The order's id once the sweeper has expired it; undefined when the chain's data is not in the shared table. */
export const expiredOrder = async (call: SeedCall, token: string, engines: LocalEngines, storeId: string, lines: BasketLine[]): Promise<string | undefined> => {
  const tenant = expectOk('the chain', await call('GET', '/v1/tenant', undefined, token)).body;
  const table = engines.tables.main;
  if (tenant.tier !== 'pooled' || !table) return undefined;
  // The token came from the API's own sign-in: its claims are who HQ is, as the function reads them.
  const ctx = tenantContextFromClaims(JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')));
  const external = Boolean(process.env.AWS_ENDPOINT_URL);
  const dynamo = new DynamoDBClient({ region: process.env.AWS_REGION ?? LOCAL_REGION, endpoint: engines.endpoints.dynamodb, credentials: external ? undefined : localCredentials });
  try {
    const services = createOrderServices({ tenantTable: table, platformTable: table, client: documentClientOver(dynamo) });
    const placedAt = new Date(Date.now() - (tenant.settings.orderHoldMinutes + 5) * 60_000);
    const request = NewOrder.parse({ storeId, channel: 'online', lines, fulfilment: { type: 'pickup' } });
    const order = await placeOrder(ctx, request, newId('order', placedAt.getTime()), { ...services, clock: { now: () => placedAt } });
    const now = { service: services.service, clock: systemClock };
    // The scheduled sweeper may get there first; either way the order ends expired.
    await expireDueReservations(ctx.tenantId, now, orderExpiry(now));
    const after = expectOk('the lapsed order', await call('GET', `/v1/orders/${order.id}`, undefined, token)).body;
    if (after.cancelReason !== 'expired') throw new Error(`Seeding an expired order failed: ${order.number} is ${after.status}`);
    return order.id;
  } finally {
    dynamo.destroy();
  }
};
