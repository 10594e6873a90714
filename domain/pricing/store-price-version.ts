// A store's price version as its terminals see it: the number of the latest price change that
// affected the store, and the version its terminals acknowledged running. A terminal that holds
// an older version re-fetches its prices and then acknowledges the new one; the gap between the
// two is what HQ's fleet view shows. Both numbers only ever move forward.
import { isConditionalCheckFailed } from '../shared/dynamo.ts';
import type { Clock } from '../shared/clock.ts';
import type { TenantContext } from '../shared/tenancy.ts';
import type { PricingService } from './pricing-service.ts';
import { requirePricingStore } from './price-reads.ts';
import type { StorePriceVersionItem } from './store-price-version-entity.ts';
import { PriceListStateError } from './errors.ts';
import type { Acknowledgement } from './schemas.ts';
import type { StorePriceVersionView } from './views.ts';

type Deps = { service: PricingService; clock: Clock };

const view = (storeId: string, item: StorePriceVersionItem | null): StorePriceVersionView => {
  const version = item?.version ?? 0;
  const acknowledgedVersion = item?.acknowledgedVersion ?? 0;
  return {
    storeId,
    version,
    changedAt: item?.changedAt ?? null,
    priceListId: item?.priceListId ?? null,
    acknowledgedVersion,
    acknowledgedAt: item?.acknowledgedAt ?? null,
    upToDate: acknowledgedVersion >= version,
  };
};

const read = async (tenantId: string, storeId: string, { service }: Pick<Deps, 'service'>) =>
  (await service.entities.storePriceVersion.get({ tenantId, storeId }).go({ consistent: true })).data;

export const getStorePriceVersion = async (ctx: TenantContext, storeId: string, deps: Pick<Deps, 'service'>): Promise<StorePriceVersionView> => {
  await requirePricingStore(ctx, storeId, deps);
  return view(storeId, await read(ctx.tenantId, storeId, deps));
};

/** Records that the store's terminals run `version`; an older acknowledgement changes nothing. */
export const acknowledgePriceVersion = async (ctx: TenantContext, storeId: string, { version }: Acknowledgement, deps: Deps): Promise<StorePriceVersionView> => {
  await requirePricingStore(ctx, storeId, deps);
  const { tenantId } = ctx;
  const current = await read(tenantId, storeId, deps);
  if (version > (current?.version ?? 0))
    throw new PriceListStateError(`The store's price version is ${current?.version ?? 0}; version ${version} has not reached it`);
  if (version <= (current?.acknowledgedVersion ?? 0)) return view(storeId, current);
  try {
    await deps.service.entities.storePriceVersion
      .update({ tenantId, storeId })
      .set({ acknowledgedVersion: version, acknowledgedAt: deps.clock.now().toISOString() })
      .where((a, { notExists, lt, gte }) => `(${notExists(a.acknowledgedVersion)} OR ${lt(a.acknowledgedVersion, version)}) AND ${gte(a.version, version)}`)
      .go({ response: 'none' });
  } catch (error) {
    // A later acknowledgement won the race: it stands.
    if (!isConditionalCheckFailed(error)) throw error;
  }
  return view(storeId, await read(tenantId, storeId, deps));
};
