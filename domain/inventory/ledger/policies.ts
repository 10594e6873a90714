// Stock policies of a location: its defaults and per-SKU overrides of the safety stock (kept back
// from online and delivery orders) and the low-stock threshold. Each request replaces what it
// names; an override with nothing left is deleted. A new threshold takes effect from the next
// change to a SKU's stock: stock.low is announced when a change crosses it, not when it is set.
import type { Clock } from '../../shared/clock.ts';
import { withCursor } from '../../shared/pagination.ts';
import type { TenantContext } from '../../shared/tenancy.ts';
import { auditEntry } from '../../audit/audit.ts';
import { DEFAULT_POLICY_SCOPE } from './stock-policy-entity.ts';
import { requireSkus, requireStockLocation } from '../request-checks.ts';
import type { PolicyChange, PolicyQuery } from '../schemas.ts';
import type { StockService } from '../stock-service.ts';
import type { PoliciesView, PolicyChangeView } from '../schemas.ts';

type Deps = { service: StockService; clock: Clock };
type Fields = { safetyStock?: number | null; lowThreshold?: number | null };

const fieldsView = (p: Fields | undefined) => ({ safetyStock: p?.safetyStock ?? null, lowThreshold: p?.lowThreshold ?? null });

export const setPolicies = async (ctx: TenantContext, change: PolicyChange, deps: Deps): Promise<PolicyChangeView> => {
  const { locationId } = change;
  await requireStockLocation(ctx, locationId, 'write', deps);
  await requireSkus(ctx, change.skus.map((s) => s.skuId), 'body.skus', deps);
  const { tenantId } = ctx;
  const named = [...(change.defaults ? [{ scope: DEFAULT_POLICY_SCOPE, ...change.defaults }] : []), ...change.skus.map(({ skuId, ...fields }) => ({ scope: skuId, ...fields }))];
  const result = { locationId, ...(change.defaults ? { defaults: fieldsView(change.defaults) } : {}), skus: change.skus.map((s) => ({ skuId: s.skuId, ...fieldsView(s) })) };
  const now = deps.clock.now();
  const { canceled, data } = await deps.service.transaction
    .write(({ stockPolicy, auditEntry: audit }) => [
      ...named.map(({ scope, safetyStock, lowThreshold }) =>
        safetyStock == null && lowThreshold == null
          ? stockPolicy.delete({ tenantId, locationId, scope }).commit()
          : stockPolicy.put({ tenantId, locationId, scope, safetyStock: safetyStock ?? undefined, lowThreshold: lowThreshold ?? undefined, updatedAt: now.toISOString() }).commit(),
      ),
      audit.create(auditEntry(ctx, { action: 'stock.policy.changed', targetType: 'location', targetId: locationId, after: result }, now)).commit(),
    ])
    .go();
  if (canceled) throw new Error(`Stock policy transaction canceled: ${JSON.stringify((data as { code: string }[]).map((d) => d.code))}`);
  return result;
};

/** The location's defaults and its SKU overrides, a page at a time. */
export const getPolicies = async (ctx: TenantContext, query: PolicyQuery, deps: Pick<Deps, 'service'>): Promise<PoliciesView> => {
  const { locationId } = query;
  await requireStockLocation(ctx, locationId, 'read', deps);
  const { tenantId } = ctx;
  const [{ data: defaults }, page] = await Promise.all([
    deps.service.entities.stockPolicy.get({ tenantId, locationId, scope: DEFAULT_POLICY_SCOPE }).go(),
    withCursor(query.cursor, () =>
      deps.service.entities.stockPolicy.query
        .byLocation({ tenantId, locationId })
        .where((a, { ne }) => ne(a.scope, DEFAULT_POLICY_SCOPE))
        .go({ limit: query.limit, cursor: query.cursor ?? null }),
    ),
  ]);
  return { locationId, defaults: fieldsView(defaults ?? undefined), data: page.data.map((p) => ({ skuId: p.scope, ...fieldsView(p) })), nextCursor: page.cursor ?? null };
};
