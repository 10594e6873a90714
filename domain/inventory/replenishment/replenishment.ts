// Suggested order quantity for one SKU at one store, from its recent sales. A periodic-review
// min/max policy: the job runs every review period, and a store manager sets `min` (the least
// stock they want on the shelf) and `max` (what the shelf holds).
//
//   v          = average daily sales over the window  (sum(dailySales) / dailySales.length; 0 if empty)
//   position   = onHand + inTransit - reserved        (what is, or will be, free to sell)
//   projected  = position - v * (leadTime + review)   (what is left when an order placed at the
//                                                      *next* review would arrive)
//   if projected >= min:  order 0
//   else:                 order ceil((max + v * leadTime - position) / packSize) * packSize, at least 0
//
// The trigger looks past the lead time by one review period because if we wait, the next chance
// to order lands that much later; checking only the lead time would let the shelf drop below min
// between reviews. The order-up-to level is max plus what sells during the lead time, so the
// delivery arrives with the shelf about full rather than overflowing it. Suppliers ship whole
// cases, so the quantity is rounded up: rounding down would leave the store short of max.
//
// Sums stay in integers: every comparison is multiplied through by the number of days, so a
// velocity like 10/3 a day never becomes a float that rounds one case the wrong way.
import { z } from 'zod';

const Quantity = z.number().int().nonnegative();

export const REPLENISHMENT_DEFAULTS = { reviewPeriodDays: 1 } as const;

export const ReplenishmentInput = z
  .object({
    /** Units sold on each of the last N days; the order of days does not matter. */
    dailySales: z.array(Quantity),
    /** May be negative for a while when offline tills sell stock the ledger has not received yet. */
    onHand: z.number().int(),
    inTransit: Quantity,
    reserved: Quantity,
    min: Quantity,
    max: Quantity,
    leadTimeDays: Quantity,
    /** Days between two runs of the suggestion; 1 when the job runs nightly. */
    reviewPeriodDays: Quantity.optional(),
    /** Units per case; orders are whole cases. */
    packSize: z.number().int().positive(),
  })
  .refine((input) => input.min <= input.max, { message: 'min must not exceed max', path: ['min'] });
export type ReplenishmentInput = z.infer<typeof ReplenishmentInput>;

/** ceil(a / b) for positive safe integers, corrected for the float quotient landing on the wrong side of an integer. */
const ceilDiv = (a: number, b: number): number => {
  const q = Math.trunc(a / b);
  return q * b < a ? q + 1 : q;
};

export const suggestOrderQuantity = (input: ReplenishmentInput): number => {
  const { dailySales, onHand, inTransit, reserved, min, max, leadTimeDays, packSize } = input;
  if (!Number.isInteger(packSize) || packSize < 1) throw new RangeError('packSize must be a positive integer');
  if (min > max) throw new RangeError('min must not exceed max');
  const reviewPeriodDays = input.reviewPeriodDays ?? REPLENISHMENT_DEFAULTS.reviewPeriodDays;

  // With no history, velocity is 0; counting one day keeps the scaled formulas below well defined.
  const days = Math.max(dailySales.length, 1);
  const sold = dailySales.reduce((sum, quantity) => sum + quantity, 0);
  const position = onHand + inTransit - reserved;

  // projected >= min, multiplied through by `days`.
  if (position * days - sold * (leadTimeDays + reviewPeriodDays) >= min * days) return 0;

  // (max + v * leadTime - position) * days
  const shortfall = (max - position) * days + sold * leadTimeDays;
  if (shortfall <= 0) return 0;
  return ceilDiv(shortfall, days * packSize) * packSize;
};
