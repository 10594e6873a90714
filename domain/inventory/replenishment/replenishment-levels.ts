// A store's min/max per SKU (replenishment-level-entity.ts): set by the store's manager or HQ,
// a page at a time, in one transaction with the audit entry.
import { auditEntry } from '../../audit/audit.ts';
import { requireLocation } from '../../catalog/locations.ts';
import type { Clock } from '../../shared/clock.ts';
import { withCursor, type PageQuery } from '../../shared/pagination.ts';
import type { TenantContext } from '../../shared/tenancy.ts';
import type { LevelsChange } from './replenishment-schemas.ts';
import type { StockService } from '../stock-service.ts';
import { StockBusyError } from '../errors.ts';
import { requireSkus } from '../request-checks.ts';
import type { z } from 'zod';
import type { LevelPage, LevelsChangeView } from './replenishment-schemas.ts';

type Deps = { service: StockService; clock: Clock };

export const setLevels = async (ctx: TenantContext, storeId: string, change: LevelsChange, deps: Deps): Promise<LevelsChangeView> => {
  await requireLocation(ctx, storeId, deps);
  await requireSkus(ctx, change.levels.map((l) => l.skuId), 'body.levels', deps);
  const at = deps.clock.now();
  const rows = change.levels.map((l) => ({ tenantId: ctx.tenantId, storeId, ...l, updatedAt: at.toISOString(), updatedBy: ctx.userId }));
  const { canceled } = await deps.service.transaction
    .write((e) => [
      ...rows.map((r) => e.replenishmentLevel.put(r).commit()),
      e.auditEntry.create(auditEntry(ctx, { action: 'replenishmentLevels.set', targetType: 'store', targetId: storeId, after: change.levels }, at)).commit(),
    ])
    .go();
  // Puts have no conditions: only a conflicting writer cancels this, and the request may be sent again.
  if (canceled) throw new StockBusyError();
  return { storeId, levels: change.levels };
};

export const listLevels = async (ctx: TenantContext, storeId: string, page: PageQuery, { service }: Pick<Deps, 'service'>): Promise<z.output<typeof LevelPage>> => {
  await requireLocation(ctx, storeId, { service });
  const { data, cursor } = await withCursor(page.cursor, () =>
    service.entities.replenishmentLevel.query.byStore({ tenantId: ctx.tenantId, storeId }).go({ limit: page.limit, cursor: page.cursor ?? null }),
  );
  return { data: data.map((l) => ({ skuId: l.skuId, min: l.min, max: l.max, updatedAt: l.updatedAt })), nextCursor: cursor ?? null };
};
