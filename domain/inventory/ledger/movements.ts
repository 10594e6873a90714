// Movements a person records by hand (receipts, adjustments, damage) and the ledger as it reads.
// Each request is one posting: its lines, the level changes and an audit entry, all or nothing.
import type { Clock } from '../../shared/clock.ts';
import { newId } from '../../shared/ids.ts';
import { withCursor } from '../../shared/pagination.ts';
import type { TenantContext } from '../../shared/tenancy.ts';
import { auditEntry } from '../../audit/audit.ts';
import { postStock } from './ledger.ts';
import { defaultGuard } from './movement-types.ts';
import { movementView } from './movement-view.ts';
import { requireSkus, requireStockLocation } from '../request-checks.ts';
import type { MovementQuery, NewMovements } from '../schemas.ts';
import type { StockService } from '../stock-service.ts';
import type { z } from 'zod';
import type { PostingView } from '../schemas.ts';
import type { MovementPage } from './movement-view.ts';

type Deps = { service: StockService; clock: Clock };

/** Posts one request's lines as `postingId`; a retry under the same id answers with what the first one posted. */
export const recordMovements = async (ctx: TenantContext, request: NewMovements, deps: Deps, postingId: string = newId('posting', deps.clock.now().getTime())): Promise<PostingView> => {
  const { locationId, type, reference } = request;
  await requireStockLocation(ctx, locationId, 'write', deps);
  await requireSkus(ctx, request.lines.map((l) => l.skuId), 'body.lines', deps);
  const lines = request.lines.map(({ skuId, quantity }) => ({ skuId, quantity }));
  const posted = await postStock(
    {
      tenantId: ctx.tenantId,
      postingId,
      reference,
      actorId: ctx.userId,
      changes: lines.map(({ skuId, quantity }) => ({ locationId, skuId, movement: { type, quantity }, guard: defaultGuard(type, quantity) })),
      extra: (e, at) => [e.auditEntry.create(auditEntry(ctx, { action: `stock.${type}`, targetType: 'location', targetId: locationId, after: { postingId, lines, reference } }, at)).commit()],
    },
    deps,
  );
  return { id: posted.postingId, locationId, type, reference: reference ?? null, occurredAt: posted.occurredAt, movements: posted.movements };
};

/** The ledger of a location (or of one SKU there), newest first unless `order=asc`. */
export const listMovements = async (ctx: TenantContext, query: MovementQuery, deps: Pick<Deps, 'service'>): Promise<z.output<typeof MovementPage>> => {
  await requireStockLocation(ctx, query.locationId, 'read', deps);
  const { tenantId } = ctx;
  const options = { limit: query.limit, cursor: query.cursor ?? null, order: query.order };
  const movements = deps.service.entities.stockMovement.query;
  const { data, cursor } = await withCursor(query.cursor, () =>
    query.skuId
      ? movements.bySku({ tenantId, locationId: query.locationId, skuId: query.skuId }).go({ ...options, consistent: true })
      : movements.byLocation({ tenantId, locationId: query.locationId }).go(options),
  );
  return { data: data.map(movementView), nextCursor: cursor ?? null };
};
