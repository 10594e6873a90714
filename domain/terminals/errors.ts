// The terminals context's refusals, each with a stable code the HTTP edge maps to a status.
import { DomainError } from '../shared/errors.ts';

export class StoreClosedError extends DomainError {
  constructor(storeId: string) {
    super('invalid_state', 'Terminals can be registered only into an active store', { details: [{ storeId }] });
  }
}
