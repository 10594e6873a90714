// What a function that may call a payment provider hands its use case: the tenant's service, the
// clock, the provider registry, and the step that takes written wallet refunds to their provider.
import type { StockService } from '../../../domain/inventory/stock-service.ts';
import { systemClock } from '../../../domain/shared/clock.ts';
import { barcodeProviderFor } from '../../../domain/payments/providers/registry.ts';
import { completeRefunds } from '../../../domain/payments/wallet-refunds.ts';
import type { RefundItem } from '../../../domain/payments/refund-entity.ts';

export const walletDeps = (service: StockService) => {
  const deps = { service, clock: systemClock, providerFor: barcodeProviderFor };
  return { ...deps, completeRefunds: (refunds: readonly RefundItem[]) => completeRefunds(refunds, deps) };
};
