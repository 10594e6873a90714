// What a function that may call a payment provider hands its use case: the tenant's service, the
// clock, the tenant's adapters as its provider accounts say, and the step that takes written
// wallet refunds to their provider. The cipher opens a live account's keys, made when first needed.
import type { StockService } from '../../../domain/inventory/stock-service.ts';
import { systemClock } from '../../../domain/shared/clock.ts';
import { providersFor } from '../../../domain/payments/accounts/provider-resolution.ts';
import { cipherFromEnv } from '../../../domain/shared/crypto/cipher-from-env.ts';
import type { Cipher } from '../../../domain/shared/crypto/cipher.ts';
import { completeRefunds } from '../../../domain/payments/wallet-refunds.ts';
import type { RefundItem } from '../../../domain/payments/refund-entity.ts';

let cipher: Cipher | undefined;
const instanceCipher = () => (cipher ??= cipherFromEnv());

export const walletDeps = (service: StockService) => {
  const deps = { service, clock: systemClock, providerFor: providersFor(service, instanceCipher) };
  return { ...deps, completeRefunds: (refunds: readonly RefundItem[]) => completeRefunds(refunds, deps) };
};
