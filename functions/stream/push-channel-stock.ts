// Tells delivery platforms our stock (docs/delivery-platforms.md §7): a consumer of the table's
// stream, filtered to stock levels, stock policies and channel listings.
//
// Why the stream, rather than a schedule or a queue of our own: every stock change already lands
// on it, from every path that posts stock and for silo tables too, in order per partition and
// retried until handled, so nothing has to announce stock changes for us and none is missed. A
// schedule would leave an item we just sold out on sale for up to its period (a minute at least),
// which on a delivery platform means orders for goods that are gone; a queue in between would be a
// second hop carrying what the stream already carries. Each call sends absolute levels read at
// call time, only those the platform has not been sent, so a redelivered batch sends nothing new
// (idempotent), a burst of changes to one store is one call, and the per-app and per-store limits
// hold across consumer instances (domain/channels/stock/call-slot.ts). A store that fails is
// reported as a partial batch failure from its first change, so the shard retries it (and
// whatever followed, which then finds nothing new to send). The table's stream now has three
// consumers; if GetRecords throttling shows, fan them out from one (see the note's §"how
// Storefleet implements it").
import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { systemClock } from '../../domain/shared/clock.ts';
import { cipherFromEnv } from '../../domain/shared/crypto/cipher-from-env.ts';
import { createStockService } from '../../domain/inventory/stock-service.ts';
import { createChannelService } from '../../domain/channels/channel-service.ts';
import { stockChanges } from '../../domain/channels/stock/stock-changes.ts';
import { syncChannelStock } from '../../domain/channels/stock/stock-sync.ts';
import { scoped } from '../../tenants/data-access.ts';
import { logger } from '../middleware/logger.ts';

const channelsOf = scoped(createChannelService);
const stockOf = scoped(createStockService);
const cipher = cipherFromEnv();
/** Time kept back at the end of an invocation, so it stops calling before Lambda stops it. */
const MARGIN_MS = 5_000;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export const handler = async (event: DynamoDBStreamEvent, context: Context): Promise<DynamoDBBatchResponse> => {
  const deadline = Date.now() + context.getRemainingTimeInMillis() - MARGIN_MS;
  const failures = await syncChannelStock(stockChanges(event.Records), { channelsOf, stockOf, cipher, clock: systemClock, sleep, deadline });
  for (const f of failures) logger.warn('Channel stock not pushed; the shard will retry from its first change', { tenantId: f.tenantId, channel: f.channel, storeId: f.storeId, error: f.error });
  const first = Math.min(...failures.flatMap((f) => f.indexes));
  const record = Number.isFinite(first) ? event.Records[first] : undefined;
  return { batchItemFailures: record ? [{ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' }] : [] };
};
