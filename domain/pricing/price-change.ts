// Every price change commits through here: its own writes (the list, its prices, its promotion,
// its audit entry), the tenant's price sequence moved from n to n+1 (conditioned on still being
// n), a priceChange record carrying n+1 and the scopes it touched, and a prices.changed event, all
// in one transaction. So sequence numbers have no gaps, each names exactly one change, and a
// change is never announced before it is visible. The condition also serialises a chain's price
// changes: a change planned on stale reads is planned again on fresh ones. Per-store versions are
// moved afterwards by the fan-out (price-fanout.ts), since a chain can have more stores than a
// transaction can hold items.
import { retryOptimistically, RETRY } from '../shared/optimistic-retry.ts';
import type { Clock } from '../shared/clock.ts';
import { outboxItem } from '../shared/events/outbox-event.ts';
import type { PriceListScope } from './price-resolution.ts';
import { PRICE_CHANGE_RETENTION_SECONDS } from './price-change-entity.ts';
import type { PricingService } from './pricing-service.ts';
import { PricingBusyError } from './errors.ts';

export const PRICES_CHANGED = 'prices.changed';
const MAX_ATTEMPTS = 8;

type WriteFn = Parameters<PricingService['transaction']['write']>[0];
export type TxEntities = Parameters<WriteFn>[0];
export type TxWrite = ReturnType<WriteFn>[number];

export type PriceListChangeKind = 'price_list.created' | 'price_list.updated' | 'price_list.activated' | 'price_list.archived';

export type PriceChange<T> = {
  priceListId: string;
  listVersion: number;
  change: PriceListChangeKind;
  /** Scopes whose stores may now sell at other prices; empty when no effective price moved. */
  scopes: PriceListScope[];
  /** The change's own writes, each conditioned on what the plan read. */
  writes: (e: TxEntities) => TxWrite[];
  result: T;
};
export type PlannedPriceChange<T> = PriceChange<T> | { unchanged: T };
type Deps = { service: PricingService; clock: Clock };

export const readSequence = async (tenantId: string, key: 'sequence' | 'delivered', service: PricingService, consistent = true): Promise<number> => {
  const { data } = await service.entities.priceSequence.get({ tenantId, key }).go({ consistent });
  return data?.value ?? 0;
};

/**
 * Plans the change (plan may read, and must read again when called again) and commits it with the
 * next sequence number, which it returns. An unchanged plan commits nothing.
 */
export const commitPriceChange = async <T>(
  tenantId: string,
  plan: (now: Date) => Promise<PlannedPriceChange<T>>,
  { service, clock }: Deps,
): Promise<{ result: T; sequence: number }> =>
  retryOptimistically(MAX_ATTEMPTS, () => new PricingBusyError(), async () => {
    const current = await readSequence(tenantId, 'sequence', service);
    const next = current + 1;
    const now = clock.now();
    const planned = await plan(now);
    if ('unchanged' in planned) return { result: planned.unchanged, sequence: current };
    const at = now.toISOString();
    const { priceListId, listVersion, change, scopes } = planned;
    const { canceled, data } = await service.transaction
      .write((e) => [
        ...planned.writes(e),
        current === 0
          ? e.priceSequence.create({ tenantId, key: 'sequence', value: next, updatedAt: at }).commit()
          : e.priceSequence.patch({ tenantId, key: 'sequence' }).set({ value: next, updatedAt: at }).where((a, { eq }) => eq(a.value, current)).commit(),
        e.priceChange
          .create({ tenantId, sequence: next, priceListId, listVersion, change, scopes, occurredAt: at, expiresAt: Math.floor(now.getTime() / 1000) + PRICE_CHANGE_RETENTION_SECONDS })
          .commit(),
        e.outboxEvent.create(outboxItem(tenantId, PRICES_CHANGED, { sequence: next, priceListId, version: listVersion, change, scopes }, now)).commit(),
      ])
      .go();
    if (!canceled) return { result: planned.result, sequence: next };
    const codes = (data as readonly { code: string }[]).map((d) => d.code);
    // Another change took `next` first, or changed what the plan read: plan again on fresh reads.
    if (!codes.some((c) => c === 'ConditionalCheckFailed' || c === 'TransactionConflict'))
      throw new Error(`Price change transaction canceled: ${JSON.stringify(codes)}`);
    return RETRY;
  });
