// Stock refusals that the shared errors do not already name.
import { DomainError } from '../shared/errors.ts';

export type Shortfall = { skuId: string; locationId: string; requested: number; available: number };

/** API.md: 409 insufficient_stock, details `[{ skuId, requested, available }]`, one per short SKU. */
export class InsufficientStockError extends DomainError {
  constructor(shortfalls: readonly Shortfall[]) {
    super('insufficient_stock', 'There is not enough stock for this request; nothing was changed', { details: shortfalls });
  }
}

/** The same levels kept changing under this request; nothing was changed and it may be sent again. */
export class StockBusyError extends DomainError {
  constructor() {
    super('invalid_state', 'The stock kept changing while this request was being made; send it again');
  }
}

/** A posting id already used for a different posting (API.md's idempotency_key_reused). */
export class PostingIdReusedError extends DomainError {
  constructor(postingId: string) {
    super('idempotency_key_reused', `Posting ${postingId} was already made with different contents`);
  }
}

export class ReservationStateError extends DomainError {
  constructor(status: string) {
    super('invalid_state', `The reservation is ${status}`, { details: [{ status }] });
  }
}

/**
 * A change would give back more reserved units than a level holds. Only a reservation's own end
 * gives units back, so this means that end already happened (a race the caller can explain) or
 * the ledger is broken (not a refusal: it stays a 500).
 */
export class ReservedUnderflowError extends Error {
  constructor(locationId: string, skuId: string, releasing: number, reserved: number) {
    super(`Releasing ${releasing} of ${skuId} at ${locationId}, but only ${reserved} are reserved`);
    this.name = 'ReservedUnderflowError';
  }
}
