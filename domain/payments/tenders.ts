// The payment seam: how money is taken for an order and given back, one tender per provider. An
// order is paid when its succeeded payments cover its total, whatever tenders they came from
// (split tender), so the orders context asks a tender only for an outcome. Cash succeeds on the
// spot and computes change. The wallets (WeChat Pay, Alipay) take money through their providers
// in wallet-payments.ts, and their refunds start `processing` until the provider has given the
// money back (wallet-refunds.ts); refundOutcomeOf says so for every provider. A delivery
// platform is a tender too, one no client can choose: it collected the customer's money before
// pushing us the order, so the channel adapter pays the order with it when it confirms.
import type { PaymentFields } from './schemas.ts';
import type { PaymentFlow, Provider } from './payment-entity.ts';
import type { ChannelPlatform } from '../channels/platforms.ts';
import { InsufficientTenderError, PaymentMethodUnavailableError } from './errors.ts';
import { isWallet } from './routing.ts';

export type TenderOutcome =
  | { status: 'succeeded'; tendered?: number; change?: number; providerTxnId?: string }
  | { status: 'failed'; failureCode: string }
  | { status: 'processing' };

/** A payment's fields as a tender sees them: a client's, or a platform's (its own flow and order id). */
export type TenderFields = Omit<PaymentFields, 'flow'> & { flow: PaymentFlow; providerTxnId?: string };

export type Tender = {
  provider: Provider;
  /** Everything that can be known before anything is written; throws the refusal. */
  check: (fields: TenderFields, amount: number) => void;
  /** Whether `take` settles in the same transaction as the order (no provider to wait for). */
  immediate: boolean;
  take: (fields: TenderFields, amount: number) => TenderOutcome;
  /** A refund of `amount` of a payment this tender took. */
  refund: (amount: number) => { status: 'succeeded' } | { status: 'processing' };
};

const cash: Tender = {
  provider: 'cash',
  immediate: true,
  check: (fields, amount) => {
    const tendered = fields.tendered ?? amount;
    if (tendered < amount) throw new InsufficientTenderError(tendered, amount);
  },
  take: (fields, amount) => {
    const tendered = fields.tendered ?? amount;
    return { status: 'succeeded', tendered, change: tendered - amount };
  },
  // Cash comes back out of the drawer there and then.
  refund: () => ({ status: 'succeeded' }),
};

/** A platform's order arrives paid: the payment records it, under the platform's order id. */
const platformTender = (platform: ChannelPlatform): Tender => ({
  provider: platform,
  immediate: true,
  check: () => undefined,
  take: (fields) => ({ status: 'succeeded', providerTxnId: fields.providerTxnId }),
  // The platform refunds its customer itself; our refund records the money it takes back from us.
  refund: () => ({ status: 'succeeded' }),
});

export const platformTenders = { meituan: platformTender('meituan') } satisfies Record<ChannelPlatform, Tender>;

const TENDERS: Partial<Record<Provider, Tender>> = { cash, ...platformTenders };

/** The tender a payment request names, or 422 payment_method_unavailable for one not connected yet. */
export const tenderFor = (fields: Pick<PaymentFields, 'flow' | 'method'>): Tender => {
  const provider = fields.flow === 'cash' ? 'cash' : fields.method && fields.method !== 'auto' ? fields.method : undefined;
  // PaymentFields names only what a client may choose: never a platform.
  const tender = provider && TENDERS[provider];
  if (!tender) throw new PaymentMethodUnavailableError(provider ?? `${fields.flow} (auto-routed)`);
  return tender;
};

/** The tender that took a recorded payment, for its refund. */
export const tenderOf = (provider: Provider): Tender => {
  const tender = TENDERS[provider];
  if (!tender) throw new PaymentMethodUnavailableError(provider);
  return tender;
};

/** How a refund of a recorded payment starts: a wallet's waits on its provider; the others are done when written. */
export const refundOutcomeOf = (provider: Provider, amount: number): ReturnType<Tender['refund']> => (isWallet(provider) ? { status: 'processing' } : tenderOf(provider).refund(amount));
