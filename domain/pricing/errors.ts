// Pricing refusals that the shared errors do not already name.
import { DomainError } from '../shared/errors.ts';

/** Every price change of a tenant is serialised on its price sequence; this one lost the race too often. */
export class PricingBusyError extends DomainError {
  constructor() {
    super('invalid_state', 'Prices kept changing while this change was being made; send it again');
  }
}

export class StaleVersionError extends DomainError {
  constructor(expected: number, current: number) {
    super('invalid_state', `The price list is at version ${current}, not ${expected}`, { details: [{ expectedVersion: expected, version: current }] });
  }
}

export class PriceListStateError extends DomainError {
  constructor(message: string) {
    super('invalid_state', message);
  }
}
