// Order refusals that the shared errors and the state table do not already name.
import { DomainError } from '../shared/errors.ts';

export class StoreClosedError extends DomainError {
  constructor() {
    super('store_closed', 'The store is closed and takes no orders');
  }
}

/** A return asking for more of a line than was sold and not yet returned. */
export class ReturnExceedsSoldError extends DomainError {
  constructor(details: readonly { skuId: string; requested: number; returnable: number }[]) {
    super('return_exceeds_sold', 'A return cannot give back more than was sold and not yet returned', { details });
  }
}

/** Someone else changed the order between our read and our write; the caller reads again. */
export class OrderChangedError extends Error {
  constructor(orderId: string) {
    super(`Order ${orderId} changed while it was being updated`);
    this.name = 'OrderChangedError';
  }
}

/** The same order kept changing under this request; nothing was changed and it may be sent again. */
export class OrderBusyError extends DomainError {
  constructor() {
    super('invalid_state', 'The order kept changing while this request was being made; send it again');
  }
}

/** A wallet payment is waiting on its provider: the order cannot be cancelled until it is decided. */
export class PaymentInProgressError extends DomainError {
  constructor(orderId: string, processing: number) {
    super('invalid_state', `A payment of ${processing} fen towards order ${orderId} is waiting on its provider; cancel once it is decided`, { details: [{ orderId, processingAmount: processing }] });
  }
}
