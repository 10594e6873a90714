// What the owner of a reservation (an order) commits with its placement or end, and how a
// cancelled transaction's codes are split between the ledger's reservation items and the owner's.
import type { Posting, TxEntities, TxWrite } from '../ledger/ledger.ts';

/**
 * What the owner of a reservation (an order) commits with its placement or end, and the error a
 * failed condition among those items means (their codes, in order).
 */
export type Companion = { extra?: Posting['extra']; refused?: Posting['refused'] };

/** The caller's part of a transaction comes after the ledger's own items: hand it its own codes. */
export const withCompanion = (own: (e: TxEntities, at: Date) => TxWrite[], mine: (codes: readonly string[]) => Error | undefined, companion: Companion): Pick<Posting, 'extra' | 'refused'> => {
  let count = 0;
  return {
    extra: (e, at) => {
      const items = own(e, at);
      count = items.length;
      return [...items, ...(companion.extra?.(e, at) ?? [])];
    },
    refused: (codes) => (codes.slice(0, count).includes('ConditionalCheckFailed') ? mine(codes) : companion.refused?.(codes.slice(count))),
  };
};
