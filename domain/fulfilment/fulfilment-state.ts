// A fulfilment task's steps as a pure table: pick, pack, hand over (to the customer collecting or
// the courier), complete. Until handover the task may be cancelled and its goods go back on the
// shelf; after it, the goods are gone and only a return brings them back.
import { DomainError } from '../shared/errors.ts';

export const FULFILMENT_STATUSES = ['open', 'picked', 'packed', 'handed_over', 'completed', 'cancelled'] as const;
export type FulfilmentStatus = (typeof FULFILMENT_STATUSES)[number];
export const FULFILMENT_ACTIONS = ['pick', 'pack', 'handover', 'complete'] as const;
export type FulfilmentAction = (typeof FULFILMENT_ACTIONS)[number];

const TABLE: Readonly<Record<FulfilmentStatus, Partial<Record<FulfilmentAction | 'cancel', FulfilmentStatus>>>> = {
  open: { pick: 'picked', cancel: 'cancelled' },
  picked: { pack: 'packed', cancel: 'cancelled' },
  packed: { handover: 'handed_over', cancel: 'cancelled' },
  handed_over: { complete: 'completed' },
  completed: {},
  cancelled: {},
};

/** The timestamp field each step sets, for SLA reports (time to pick, to hand over). */
export const STEP_TIME = { pick: 'pickedAt', pack: 'packedAt', handover: 'handedOverAt', complete: 'completedAt', cancel: 'cancelledAt' } as const;

export class FulfilmentStateError extends DomainError {
  constructor(status: FulfilmentStatus, action: FulfilmentAction | 'cancel') {
    super('invalid_state', `A fulfilment that is ${status.replace('_', ' ')} cannot ${action}`, { details: [{ status, action }] });
  }
}

export const nextFulfilmentStatus = (status: FulfilmentStatus, action: FulfilmentAction | 'cancel'): FulfilmentStatus | undefined => TABLE[status][action];

export const fulfilmentTransition = (status: FulfilmentStatus, action: FulfilmentAction | 'cancel'): FulfilmentStatus => {
  const next = nextFulfilmentStatus(status, action);
  if (!next) throw new FulfilmentStateError(status, action);
  return next;
};

/** Whether the goods have left the store's hands: cancelling is then a return. */
export const handedOver = (status: FulfilmentStatus): boolean => status === 'handed_over' || status === 'completed';
