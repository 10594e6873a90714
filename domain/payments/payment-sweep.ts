// The payment sweeper's domain half: every payment still `processing` well after its request
// must have ended (its window and its function's timeout both past) is resumed: queried, then
// settled, failed or reversed (wallet-payments.ts, resumePayment). The tenants come from the sweep
// registry that a tenant's first wallet attempt joins; each tenant's waiting payments are one
// Query of their sparse index, oldest first.
//
// The bound: a payment whose provider answers is decided by its request within the window (30 s),
// or by the first sweep after SWEEP_AFTER_MS (60 s): at most about two minutes with a sweep every
// minute. One whose provider answers neither query nor reversal stays processing, and is tried
// again every minute, because only the provider can say whether money moved.
import type { TenantContext } from '../shared/tenancy.ts';
import { forEachConcurrent } from '../shared/concurrency.ts';
import { CONFIRM_WINDOW_MS, resumePayment, type WalletDeps } from './wallet-payments.ts';

/** Past the window and the paying function's timeout (45 s): no request is still deciding it. */
export const SWEEP_AFTER_MS = Math.max(CONFIRM_WINDOW_MS, 45_000) + 15_000;
const PER_RUN = 100;
const IN_FLIGHT = 4;

export const SWEEPER_ACTOR = 'system:payment-sweeper';
const sweeperContext = (tenantId: string): TenantContext => ({ tenantId, userId: SWEEPER_ACTOR, role: 'hq_admin', storeIds: [] });

export type SweepOutcome = { resumed: number; decided: number; stillProcessing: number };

export const resolveWaitingPayments = async (tenantId: string, deps: WalletDeps): Promise<SweepOutcome> => {
  const before = new Date(deps.clock.now().getTime() - SWEEP_AFTER_MS).toISOString();
  const { data } = await deps.service.entities.payment.query
    .awaitingProvider({ tenantId })
    .lt({ createdAt: before })
    // The index holds only waiting payments; the filter is for any decided before that was so.
    .where((a, { eq }) => eq(a.status, 'processing'))
    .go({ limit: PER_RUN });
  const outcome: SweepOutcome = { resumed: data.length, decided: 0, stillProcessing: 0 };
  await forEachConcurrent(data, IN_FLIGHT, async (payment) => {
    const status = await resumePayment(sweeperContext(tenantId), payment, deps);
    if (status === 'processing') outcome.stillProcessing++;
    else outcome.decided++;
  });
  return outcome;
};
