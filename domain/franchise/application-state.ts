// The application's state machine. `approving` is held while the onboarding steps run, so two
// approvals (or an approval and a rejection) cannot both act on one application.
import { DomainError } from '../shared/errors.ts';

export const APPLICATION_STATUSES = ['submitted', 'approving', 'approved', 'rejected'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export const APPLICATION_EVENTS = ['approve', 'complete', 'undo', 'reject'] as const;
export type ApplicationEvent = (typeof APPLICATION_EVENTS)[number];

const TRANSITIONS: Readonly<Record<ApplicationEvent, { from: ApplicationStatus; to: ApplicationStatus }>> = {
  approve: { from: 'submitted', to: 'approving' },
  complete: { from: 'approving', to: 'approved' },
  undo: { from: 'approving', to: 'submitted' },
  reject: { from: 'submitted', to: 'rejected' },
};

export class InvalidStateError extends DomainError {
  constructor(message: string, details?: Record<string, unknown>[]) {
    super('invalid_state', message, { details });
  }
}

/** The status after `event`, or an invalid_state refusal naming the current status. */
export const transition = (status: ApplicationStatus, event: ApplicationEvent): { from: ApplicationStatus; to: ApplicationStatus } => {
  const t = TRANSITIONS[event];
  if (t.from !== status) throw new InvalidStateError(`An application that is ${status} cannot be ${event === 'reject' ? 'rejected' : 'approved'}`, [{ status }]);
  return t;
};
