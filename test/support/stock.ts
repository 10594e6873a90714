// Stock test helpers: the ledger's domain services against the run's DynamoDB Local, a clock the
// test moves, and reads of what the ledger holds (levels, the sum of a SKU's movements, live
// reservations) for checking invariants. Imported lazily so the SDK is pointed at the local
// engine before any client is built.
import { cloud, eventually } from './api.ts';
import { sharedScope } from './scope.ts';
import type { Clock } from '../../domain/shared/clock.ts';

export const useLocalEngine = () =>
  Object.assign(process.env, { AWS_ENDPOINT_URL_DYNAMODB: cloud().endpoints.dynamodb, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' });

export type ManualClock = Clock & { set: (at: Date | number) => void; advance: (ms: number) => void };

export const manualClock = (start: Date | number = Date.UTC(2031, 0, 1)): ManualClock => {
  let t = new Date(start).getTime();
  return { now: () => new Date(t), set: (at) => void (t = new Date(at).getTime()), advance: (ms) => void (t += ms) };
};

export const stockKit = async (clock: Clock = manualClock()) => {
  useLocalEngine();
  const { createStockService } = await import('../../domain/inventory/stock-service.ts');
  const { newId } = await import('../../domain/shared/ids.ts');
  const { readLevels, levelKey } = await import('../../domain/inventory/ledger/level-reads.ts');
  const service = createStockService(await sharedScope(cloud().tables.main));
  // The ledger's movement items arrive from the levels' stream records (movement-projection.ts).
  const ledgerOf = (tenantId: string, locationId: string, skuId: string) =>
    eventually(async () => {
      const { data: level } = await service.entities.stockLevel.get({ tenantId, locationId, skuId }).go({ consistent: true });
      const { data } = await service.entities.stockMovement.query.bySku({ tenantId, locationId, skuId }).go({ pages: 'all', consistent: true });
      const last = level?.lastMove?.movementId;
      return !last || data.some((m) => m.movementId === last) ? data : undefined;
    }, 20_000, 50);
  return {
    service,
    clock,
    deps: { service, clock },
    newId,
    /** A location, SKU or tenant id nobody has used: fresh partitions for every case. */
    fresh: { tenant: () => newId('tenant'), store: () => newId('store'), warehouse: () => newId('warehouse'), sku: () => newId('sku') },
    level: async (tenantId: string, locationId: string, skuId: string) => {
      const { data } = await service.entities.stockLevel.get({ tenantId, locationId, skuId }).go({ consistent: true });
      return { onHand: data?.onHand ?? 0, reserved: data?.reserved ?? 0, free: data?.free ?? 0, low: data?.low ?? false };
    },
    /** Several levels with one BatchGet, in the order asked. */
    levels: async (tenantId: string, keys: { locationId: string; skuId: string }[]) => {
      const found = await readLevels(service, tenantId, keys);
      return keys.map((k) => {
        const { onHand, reserved, free, low } = found.get(levelKey(k))!;
        return { onHand, reserved, free, low };
      });
    },
    ledgerSum: async (tenantId: string, locationId: string, skuId: string) => (await ledgerOf(tenantId, locationId, skuId)).reduce((sum, m) => sum + m.quantity, 0),
    /** A (location, SKU)'s movements, oldest first, once its level's last line has reached the ledger. */
    ledger: (tenantId: string, locationId: string, skuId: string) => ledgerOf(tenantId, locationId, skuId),
    /** Units held per SKU at `locationId` by the tenant's active reservations. */
    liveReserved: async (tenantId: string, locationId: string) => {
      const { data } = await service.entities.reservation.query.dueForExpiry({ tenantId, status: 'active' }).go({ pages: 'all' });
      const held = new Map<string, number>();
      for (const r of data.filter((r) => r.locationId === locationId)) for (const l of r.lines) held.set(l.skuId, (held.get(l.skuId) ?? 0) + l.quantity);
      return held;
    },
  };
};

export type StockKit = Awaited<ReturnType<typeof stockKit>>;
