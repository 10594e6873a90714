// How much of a location's stock each channel may sell. Online and delivery orders are picked
// later, by which time walk-in customers may have taken the last units, so those channels leave
// `safetyStock` on the shelf for the till; the till itself sells whatever is physically there.
import type { Channel } from '../../shared/channels.ts';

export const available = (onHand: number, reserved: number, channel: Channel, safetyStock = 0): number => {
  const keptBack = channel === 'pos' ? 0 : Math.max(0, safetyStock);
  // onHand can briefly sit below reserved (a damage write-off after a reservation); sell none then, not minus some.
  return Math.max(0, onHand - reserved - keptBack);
};

/** Low means at or below the threshold: a threshold of 5 flags the fifth-to-last unit, as store staff read it. */
export const isLow = (quantity: number, threshold: number): boolean => quantity <= threshold;
