// POST /v1/pos/sales:sync: a till's store staff send the sales it made offline, in batches that
// may arrive again or out of order. The terminal must be one the caller may see (its store's
// staff); anything else, another tenant's terminal included, is not found and nothing is written.
// Each sale is recorded, answered a duplicate, or refused with a code on its own (record-sale.ts);
// they run one after another so a batch never races itself, then the terminal's sync state is
// brought up to date once.
import { NotFoundError } from '../../shared/errors.ts';
import { canAccessStore, type TenantContext } from '../../shared/tenancy.ts';
import { requireVisibleStore } from '../../stores/visible-store.ts';
import type { TerminalService } from '../../terminals/terminal-service.ts';
import type { OrderDeps } from '../place-order.ts';
import { recordSale, type SaleOutcome, type SyncTerminal } from './record-sale.ts';
import type { SalesBatch } from './schemas.ts';
import { recordBatch } from './sync-state.ts';
import type { SalesSyncView } from './views.ts';

export type SyncDeps = OrderDeps & { terminals: TerminalService };

/** The terminal, if the caller may see its store; another store's or tenant's is not found. */
export const requireSyncTerminal = async (ctx: TenantContext, terminalId: string, { terminals }: Pick<SyncDeps, 'terminals'>): Promise<SyncTerminal> => {
  const { data } = await terminals.entities.terminal.get({ tenantId: ctx.tenantId, thingName: terminalId }).go({ consistent: true });
  if (!data || !canAccessStore(ctx, data.storeId)) throw new NotFoundError('terminal');
  return { thingName: data.thingName, storeId: data.storeId, provisionedAt: data.provisionedAt };
};

const answer = (outcomes: readonly SaleOutcome[]): SalesSyncView => ({
  accepted: outcomes.flatMap((o) => (o.status === 'accepted' ? [o.clientSaleId] : [])),
  duplicates: outcomes.flatMap((o) => (o.status === 'duplicate' ? [o.clientSaleId] : [])),
  rejected: outcomes.flatMap((o) => (o.status === 'rejected' ? [{ clientSaleId: o.clientSaleId, seq: o.seq, code: o.code }] : [])),
  orders: outcomes.flatMap((o) => (o.status === 'rejected' ? [] : [{ clientSaleId: o.clientSaleId, orderId: o.orderId, number: o.number }])),
});

export const syncSales = async (ctx: TenantContext, batch: SalesBatch, deps: SyncDeps): Promise<SalesSyncView> => {
  const terminal = await requireSyncTerminal(ctx, batch.terminalId, deps);
  const store = await requireVisibleStore(ctx, terminal.storeId, deps);
  const outcomes: SaleOutcome[] = [];
  for (const sale of batch.sales) outcomes.push(await recordSale(ctx, terminal, store, sale, deps));
  await recordBatch(ctx.tenantId, terminal, outcomes, deps);
  return answer(outcomes);
};
