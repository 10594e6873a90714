// Reading levels and policies for a set of (location, SKU) pairs: one BatchGet each, repeated for
// whatever DynamoDB leaves unprocessed. Levels are read consistently, because the ledger plans
// its conditions from them (a caller's first read may be eventual: the conditions catch it);
// policies are configuration and may be a moment old.
import type { StockService } from '../stock-service.ts';
import { batchGet } from '../../shared/batches.ts';
import { DEFAULT_POLICY_SCOPE } from './stock-policy-entity.ts';
import { EMPTY_LEVEL, NO_POLICY, type EffectivePolicy, type LevelState } from './ledger-plan.ts';

export type LevelKey = { locationId: string; skuId: string };

export const levelKey = ({ locationId, skuId }: LevelKey): string => `${locationId}/${skuId}`;

const uniqueKeys = (keys: readonly LevelKey[]): LevelKey[] => [...new Map(keys.map((k) => [levelKey(k), k])).values()];

export const readLevels = async (service: StockService, tenantId: string, keys: readonly LevelKey[], consistent = true): Promise<Map<string, LevelState>> => {
  const items = await batchGet(
    uniqueKeys(keys).map((k) => ({ tenantId, ...k })),
    (pending) => service.entities.stockLevel.get(pending).go({ consistent }) as Promise<{ data: { locationId: string; skuId: string; onHand?: number; reserved?: number; free?: number; low?: boolean }[]; unprocessed: typeof pending }>,
  );
  const byKey = new Map(items.map((l) => [levelKey(l), { exists: true, onHand: l.onHand ?? 0, reserved: l.reserved ?? 0, free: l.free ?? 0, low: l.low ?? false }]));
  return new Map(keys.map((k) => [levelKey(k), byKey.get(levelKey(k)) ?? EMPTY_LEVEL]));
};

/** Each pair's policy: its SKU override, else its location's default, field by field. */
export const readPolicies = async (service: StockService, tenantId: string, keys: readonly LevelKey[]): Promise<Map<string, EffectivePolicy>> => {
  const scopes = uniqueKeys([...keys.map((k) => ({ locationId: k.locationId, skuId: k.skuId })), ...keys.map((k) => ({ locationId: k.locationId, skuId: DEFAULT_POLICY_SCOPE }))]);
  const items = await batchGet(
    scopes.map((k) => ({ tenantId, locationId: k.locationId, scope: k.skuId })),
    (pending) => service.entities.stockPolicy.get(pending).go() as Promise<{ data: { locationId: string; scope: string; safetyStock?: number; lowThreshold?: number }[]; unprocessed: typeof pending }>,
  );
  const byScope = new Map(items.map((p) => [`${p.locationId}/${p.scope}`, p]));
  return new Map(
    keys.map((k) => {
      const own = byScope.get(levelKey(k));
      const fallback = byScope.get(`${k.locationId}/${DEFAULT_POLICY_SCOPE}`);
      const policy: EffectivePolicy = {
        safetyStock: own?.safetyStock ?? fallback?.safetyStock ?? NO_POLICY.safetyStock,
        lowThreshold: own?.lowThreshold ?? fallback?.lowThreshold ?? NO_POLICY.lowThreshold,
      };
      return [levelKey(k), policy];
    }),
  );
};
