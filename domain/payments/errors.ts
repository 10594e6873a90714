// Payment refusals (API.md: 422 for business-rule refusals, payment_declined among them).
import { DomainError } from '../shared/errors.ts';

/** A payment beyond what the order still owes: refused before any provider is called. */
export class AmountExceedsBalanceError extends DomainError {
  constructor(amount: number, owed: number) {
    super('amount_exceeds_balance', `The order owes ${owed} fen; a payment of ${amount} is more than that`, { details: [{ amount, owed }] });
  }
}

export class InsufficientTenderError extends DomainError {
  constructor(tendered: number, amount: number) {
    super('insufficient_tender', `${tendered} fen tendered does not cover ${amount}`, { details: [{ tendered, amount }] });
  }
}

/** A wallet whose provider is not connected to the platform yet. */
export class PaymentMethodUnavailableError extends DomainError {
  constructor(what: string) {
    super('payment_method_unavailable', `${what} payments are not available yet; take cash`, { details: [{ method: what }] });
  }
}

/** Split tender is a till's business; an online or delivery order is paid in one go. */
export class PartialPaymentUnavailableError extends DomainError {
  constructor(owed: number) {
    super('partial_payment_unavailable', `Only a till takes part payments; this order is paid with one payment of ${owed} fen`, { details: [{ owed }] });
  }
}

export class TooManyPaymentsError extends DomainError {
  constructor(max: number) {
    super('too_many_payments', `An order takes at most ${max} payments`, { details: [{ max }] });
  }
}

/** The customer's wallet refused the payment; the failed payment stays on the order as the record. */
export class PaymentDeclinedError extends DomainError {
  constructor(paymentId: string, providerCode: string, message: string) {
    super('payment_declined', `The payment was declined: ${message}`, { details: [{ paymentId, providerCode, message }] });
  }
}

/** A refund beyond what its payment has left to give back: refused before any provider is called. */
export class RefundExceedsPaymentError extends DomainError {
  constructor(amount: number, refundable: number) {
    super('refund_exceeds_payment', `The payment has ${refundable} fen left to give back; a refund of ${amount} is more than that`, { details: [{ amount, refundable }] });
  }
}

/** Only money that was taken can go back. */
export class PaymentNotRefundableError extends DomainError {
  constructor(paymentId: string, status: string) {
    super('invalid_state', `A payment that is ${status} cannot be refunded`, { details: [{ paymentId, status }] });
  }
}
