// Receiving a transfer, whole or in part, and closing it short. A receipt posts transfer_in at the
// destination under the posting id `${transferId}:receipt:${n}` (n = receipts so far + 1) and, in
// the same transaction, moves the transfer's received counters on condition that its receipt count
// and status are still what the plan was made from. So a retried or concurrent receipt cannot post
// twice: the same n with the same lines is a replay of the first, and anything else planned from
// a stale read fails its condition, reads the transfer again and is planned (or refused) afresh.
import { retryOptimistically, RETRY } from '../../shared/optimistic-retry.ts';
import { auditEntry } from '../../audit/audit.ts';
import { NotFoundError, ForbiddenError } from '../../shared/errors.ts';
import { isStoreScoped, canAccessStore, type TenantContext } from '../../shared/tenancy.ts';
import { idPattern } from '../../shared/ids.ts';
import { PostingIdReusedError, StockBusyError } from '../errors.ts';
import { postStock, type TxEntities } from '../ledger/ledger.ts';
import { stateOf, type TransferItem } from './transfer-entity.ts';
import { updateEntries } from './transfer-entries.ts';
import { DocumentMovedError, DocumentStateError } from '../transfer-errors.ts';
import { loadTransfer } from './transfer-reads.ts';
import { planClosure, planReceipt } from './transfer-receipt.ts';
import type { TransferClosure, TransferReceipt } from './transfer-schemas.ts';
import { transferEnds, type Deps } from './transfer-ship.ts';
import { transferView } from './transfer-view.ts';
import type { TransferView } from './transfer-view.ts';

const MAX_ATTEMPTS = 5;

/** Store staff receive at their own stores only (404 elsewhere, as the stock routes); warehouses are HQ's (403). */
const requireReceiver = (ctx: TenantContext, t: TransferItem) => {
  if (!isStoreScoped(ctx)) return;
  if (idPattern('warehouse').test(t.toLocationId)) throw new ForbiddenError('Warehouses are run by HQ; store staff receive at their own stores');
  if (!canAccessStore(ctx, t.toLocationId)) throw new NotFoundError('transfer');
};

const requireOpen = (t: TransferItem) => {
  if (stateOf(t.status) !== 'open') throw new DocumentStateError('transfer', t.status);
};

type Where = Parameters<ReturnType<ReturnType<TxEntities['transfer']['patch']>['set']>['where']>[0];

/** The transfer is still as it was read: the condition of every change planned from that read. */
const unchangedSince =
  (t: TransferItem): Where =>
  (a, op) =>
    `${op.eq(a.receiptCount, t.receiptCount)} AND ${op.eq(a.status, t.status)}`;

export const receiveTransfer = async (ctx: TenantContext, transferId: string, input: TransferReceipt, deps: Deps): Promise<TransferView> =>
  retryOptimistically(MAX_ATTEMPTS, () => new StockBusyError(), async () => {
    const t = await loadTransfer(ctx, transferId, deps);
    requireReceiver(ctx, t);
    requireOpen(t);
    const plan = planReceipt(t.lines, input.lines);
    const receipt = t.receiptCount + 1;
    try {
      await postStock(
        {
          tenantId: ctx.tenantId,
          postingId: `${transferId}:receipt:${receipt}`,
          reference: transferId,
          actorId: ctx.userId,
          changes: plan.arrived.map((a) => ({ locationId: t.toLocationId, skuId: a.skuId, movement: { type: 'transfer_in' as const, quantity: a.quantity }, guard: 'none' as const })),
          extra: (e, at) => {
            const after = { ...t, lines: plan.lines, status: plan.status, receiptCount: receipt, updatedAt: at.toISOString() };
            return [
              e.transfer
                .patch({ tenantId: ctx.tenantId, transferId })
                .set({ lines: plan.lines, receiptCount: receipt, status: plan.status, state: stateOf(plan.status), updatedAt: after.updatedAt })
                .where(unchangedSince(t))
                .commit(),
              ...(plan.status === t.status ? [] : updateEntries(e, transferEnds(t), plan.status)),
              e.auditEntry.create(auditEntry(ctx, { action: 'transfer.received', targetType: 'transfer', targetId: transferId, before: transferView(t), after: { receipt, arrived: plan.arrived, status: plan.status } }, at)).commit(),
            ];
          },
          refused: (codes) => (codes[0] === 'ConditionalCheckFailed' ? new DocumentMovedError() : undefined),
        },
        deps,
      );
      // A replayed receipt returns the first one's posting: either way the transfer now shows it.
      return transferView(await loadTransfer(ctx, transferId, deps));
    } catch (error) {
      // Another receipt (or the closing) got there first: read the transfer again and re-plan.
      if (error instanceof DocumentMovedError || error instanceof PostingIdReusedError) return RETRY;
      throw error;
    }
  });

/**
 * Closes a transfer short: what never arrived is written off as lost in transit on the transfer
 * itself. No ledger movement is posted: those units left the source's onHand when they were
 * shipped and never entered the destination's, so no location holds them and no level changes.
 */
export const closeTransfer = async (ctx: TenantContext, transferId: string, input: TransferClosure, deps: Deps): Promise<TransferView> =>
  retryOptimistically(MAX_ATTEMPTS, () => new StockBusyError(), async () => {
    const t = await loadTransfer(ctx, transferId, deps);
    requireOpen(t);
    const at = deps.clock.now();
    const closed: TransferItem = { ...t, lines: planClosure(t.lines), status: 'closed', state: 'done', updatedAt: at.toISOString(), closedBy: ctx.userId, closeReason: input.reason };
    const { canceled, data } = await deps.service.transaction
      .write((e) => [
        e.transfer
          .patch({ tenantId: ctx.tenantId, transferId })
          .set({ lines: closed.lines, status: 'closed', state: 'done', updatedAt: closed.updatedAt, closedBy: ctx.userId, closeReason: input.reason })
          .where(unchangedSince(t))
          .commit(),
        ...updateEntries(e, transferEnds(t), 'closed'),
        e.auditEntry.create(auditEntry(ctx, { action: 'transfer.closed', targetType: 'transfer', targetId: transferId, before: transferView(t), after: transferView(closed) }, at)).commit(),
      ])
      .go();
    if (!canceled) return transferView(closed);
    // A receipt landed between the read and the write: write off what is missing after it.
    if (data[0]?.code !== 'ConditionalCheckFailed') throw new Error(`Closing transfer ${transferId} canceled: ${JSON.stringify(data.map((d) => d.code))}`);
    return RETRY;
  });
