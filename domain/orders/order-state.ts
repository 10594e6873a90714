// The order's life as a pure transition table (DESIGN.md rule 9). Every change of status in the
// orders context asks `transition` first; anything the table does not list is 409 invalid_state.
//
//   pending_payment --pay--> paid --fulfil--> fulfilling --complete--> completed
//          |                  |  \--complete (instore)----------------^    |
//          |                  |                                            refund_part / refund_all
//          +--cancel/expire-->+--cancel (refund)--> cancelled              v
//                                                              partially_refunded --> refunded
import { DomainError } from '../shared/errors.ts';

export const ORDER_STATUSES = ['pending_payment', 'paid', 'fulfilling', 'completed', 'cancelled', 'partially_refunded', 'refunded'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const ORDER_ACTIONS = ['pay', 'fulfil', 'complete', 'cancel', 'expire', 'refund_part', 'refund_all'] as const;
export type OrderAction = (typeof ORDER_ACTIONS)[number];

const TABLE: Readonly<Record<OrderStatus, Partial<Record<OrderAction, OrderStatus>>>> = {
  pending_payment: { pay: 'paid', cancel: 'cancelled', expire: 'cancelled' },
  paid: { fulfil: 'fulfilling', complete: 'completed', cancel: 'cancelled' },
  // Cancelling while fulfilling is allowed until handover; the fulfilment task says whether it is.
  fulfilling: { complete: 'completed', cancel: 'cancelled' },
  // Goods in the customer's hands come back only as returns.
  completed: { refund_part: 'partially_refunded', refund_all: 'refunded' },
  partially_refunded: { refund_part: 'partially_refunded', refund_all: 'refunded' },
  cancelled: {},
  refunded: {},
};

export class OrderStateError extends DomainError {
  constructor(status: OrderStatus, action: OrderAction) {
    super('invalid_state', `An order that is ${status} cannot ${action.replace('_', ' ')}`, { details: [{ status, action }] });
  }
}

/** The status `action` leads to from `status`, or undefined when the table has no such move. */
export const nextStatus = (status: OrderStatus, action: OrderAction): OrderStatus | undefined => TABLE[status][action];

/** The status `action` leads to; throws OrderStateError (409 invalid_state) for a move the table lacks. */
export const transition = (status: OrderStatus, action: OrderAction): OrderStatus => {
  const next = nextStatus(status, action);
  if (!next) throw new OrderStateError(status, action);
  return next;
};
