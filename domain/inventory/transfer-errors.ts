// Refusals of transfers, stocktakes and replenishment orders that the shared and stock errors do
// not already name.
import { DomainError } from '../shared/errors.ts';

/** 409 invalid_state: the document is past the step asked for (received, closed, shipped...). */
export class DocumentStateError extends DomainError {
  constructor(what: string, status: string) {
    super('invalid_state', `The ${what} is ${status.replace('_', ' ')}`, { details: [{ status }] });
  }
}

export type OverReceipt = { skuId: string; requested: number; outstanding: number };

/** 422: more of a SKU arrived than is still on its way; nothing was received. */
export class OverReceiptError extends DomainError {
  constructor(lines: readonly OverReceipt[]) {
    super('over_receipt', 'More arrived than is still outstanding on this transfer; nothing was received', { details: lines });
  }
}

/** A condition on the document failed: another request changed it since it was read. Internal: read again. */
export class DocumentMovedError extends Error {
  constructor() {
    super('The document changed while this request was being made');
    this.name = 'DocumentMovedError';
  }
}
