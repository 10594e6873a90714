// Catalog refusals that the shared errors do not already name.
import { DomainError } from '../shared/errors.ts';

/** Every catalog change of a tenant is serialised on its version; this one lost the race too often. */
export class CatalogBusyError extends DomainError {
  constructor() {
    super('invalid_state', 'The catalog kept changing while this change was being made; send it again');
  }
}
