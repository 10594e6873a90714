// Every catalog change commits through here: its own writes, the tenant's catalog version moved
// from n to n+1 (conditioned on still being n), and a catalog.changed event carrying n+1, all in one
// transaction. Versions are therefore gapless and strictly increasing, each names exactly one
// change, and a change is never visible under a version that does not include it. The condition
// also serialises catalog changes per tenant: a change planned on stale reads is retried on
// fresh ones, which is what keeps a product patch and an assortment change race-free.
import { retryOptimistically, RETRY } from '../shared/optimistic-retry.ts';
import type { Clock } from '../shared/clock.ts';
import { outboxItem } from '../shared/events/outbox-event.ts';
import type { CatalogService } from './catalog-service.ts';
import { CatalogBusyError } from './errors.ts';
import type { CatalogVersionView } from './views.ts';

export const CATALOG_CHANGED = 'catalog.changed';
const MAX_ATTEMPTS = 8;

type WriteFn = Parameters<CatalogService['transaction']['write']>[0];
export type TxEntities = Parameters<WriteFn>[0];
export type TxWrite = ReturnType<WriteFn>[number];

export type CatalogChange<T> = {
  /** The change's own writes; the version and the event are appended after them. */
  writes: (e: TxEntities) => TxWrite[];
  /** What the event says besides the version, e.g. `{ change: 'product.created', productId }`. */
  event: Record<string, unknown>;
  result: T;
  /** The error a cancellation of the change's own writes means (codes in `writes` order), if known. */
  refused?: (codes: readonly string[]) => Error | undefined;
};

export type Planned<T> = CatalogChange<T> | { unchanged: T };
export type Versions = { current: number; next: number };
type Deps = { service: CatalogService; clock: Clock };

export const currentCatalogVersion = async (tenantId: string, service: CatalogService): Promise<CatalogVersionView> => {
  const { data } = await service.entities.catalogVersion.get({ tenantId }).go({ consistent: true });
  return { version: data?.version ?? 0, updatedAt: data?.updatedAt ?? null };
};

/**
 * Plans the change against the current version (plan may read, and must read again when called
 * again) and commits it with the version bump. `version` is the catalog version after the call.
 */
export const commitCatalogChange = async <T>(
  tenantId: string,
  plan: (versions: Versions, now: Date) => Promise<Planned<T>>,
  { service, clock }: Deps,
): Promise<{ result: T; version: number }> =>
  retryOptimistically(MAX_ATTEMPTS, () => new CatalogBusyError(), async () => {
    const { version: current } = await currentCatalogVersion(tenantId, service);
    const next = current + 1;
    const now = clock.now();
    const planned = await plan({ current, next }, now);
    if ('unchanged' in planned) return { result: planned.unchanged, version: current };
    const updatedAt = now.toISOString();
    let own = 0;
    const { canceled, data } = await service.transaction
      .write((e) => {
        const writes = planned.writes(e);
        own = writes.length;
        return [
          ...writes,
          current === 0
            ? e.catalogVersion.create({ tenantId, version: next, updatedAt }).commit()
            : e.catalogVersion.patch({ tenantId }).set({ version: next, updatedAt }).where((a, { eq }) => eq(a.version, current)).commit(),
          e.outboxEvent.create(outboxItem(tenantId, CATALOG_CHANGED, { version: next, ...planned.event }, now)).commit(),
        ];
      })
      .go();
    if (!canceled) return { result: planned.result, version: next };
    const codes = (data as readonly { code: string }[]).map((d) => d.code);
    // Another change took version `next` first (or touched the same items at the same moment).
    if (codes[own] === 'ConditionalCheckFailed' || codes.includes('TransactionConflict')) return RETRY;
    const refusal = planned.refused?.(codes.slice(0, own));
    if (refusal) throw refusal;
    throw new Error(`Catalog transaction canceled: ${JSON.stringify(codes)}`);
  });
