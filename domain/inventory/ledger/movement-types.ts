// What can move stock, and which way. A movement's quantity is signed from the location's point
// of view (API.md): positive into it, negative out of it. Each type has one direction except the
// two corrections, which go whichever way the count was wrong.
import { z } from 'zod';

export const MOVEMENT_TYPES = ['receipt', 'adjustment', 'damage', 'sale', 'return', 'transfer_out', 'transfer_in', 'stocktake_variance'] as const;
export const MovementType = z.enum(MOVEMENT_TYPES);
export type MovementType = z.infer<typeof MovementType>;

export const MOVEMENT_SIGNS: Readonly<Record<MovementType, 'in' | 'out' | 'either'>> = {
  receipt: 'in',
  return: 'in',
  transfer_in: 'in',
  sale: 'out',
  damage: 'out',
  transfer_out: 'out',
  adjustment: 'either',
  stocktake_variance: 'either',
};

/** Why `quantity` cannot be a movement of `type`, or undefined when it can. */
export const signProblem = (type: MovementType, quantity: number): string | undefined => {
  if (!Number.isSafeInteger(quantity) || quantity === 0) return 'must be a whole number other than 0';
  const sign = MOVEMENT_SIGNS[type];
  if (sign === 'in' && quantity < 0) return `a ${type} moves stock in: give a positive quantity`;
  if (sign === 'out' && quantity > 0) return `a ${type} moves stock out: give a negative quantity`;
  return undefined;
};

/**
 * What a change must leave intact (checked from a fresh read and enforced again by the
 * transaction's conditions, so concurrent writers cannot get past it):
 * - `available`: selling or sending away stock that is not already promised: onHand - reserved
 *   stays at or above what the channel keeps back. Sales, transfers out and reservations.
 * - `onHand`: recording goods that physically left or were miscounted: onHand stays at or above 0,
 *   but may drop below what is reserved (the reservation is then short, and `available` shows 0).
 *   Damage, corrections, and consuming a reservation into a sale.
 * - `none`: the goods are already gone and the ledger must say so (a sale rung up on an offline
 *   till and synced later); onHand may go negative until a receipt or stocktake catches up.
 * Whatever the guard, reserved never goes below 0.
 */
export const GUARDS = ['available', 'onHand', 'none'] as const;
export type Guard = (typeof GUARDS)[number];

/** The guard a movement of `type` gets unless its caller says otherwise. */
export const defaultGuard = (type: MovementType, quantity: number): Guard => {
  if (quantity > 0) return 'none';
  return type === 'sale' || type === 'transfer_out' ? 'available' : 'onHand';
};
