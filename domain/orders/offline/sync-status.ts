// GET /v1/pos/terminals/{id}/sync-status: where a terminal's offline-sale sync stands, gaps in its
// seqs included, for anyone who may see the terminal (HQ, its store's staff, field engineers).
import type { TenantContext } from '../../shared/tenancy.ts';
import type { StockService } from '../../inventory/stock-service.ts';
import { requireSyncTerminal, type SyncDeps } from './sync-sales.ts';
import { readSyncStatus } from './sync-state.ts';
import type { SyncStatusView } from './views.ts';

export const getSyncStatus = async (ctx: TenantContext, terminalId: string, deps: Pick<SyncDeps, 'terminals'> & { service: StockService }): Promise<SyncStatusView> =>
  readSyncStatus(ctx.tenantId, await requireSyncTerminal(ctx, terminalId, deps), deps);
