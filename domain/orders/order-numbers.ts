// Order numbers as printed on receipts and called out at the pickup counter: the channel's letter,
// the store-local time the order was placed and three random digits, e.g. `O1432-087`. Unique per
// store and business day by the claim the order's transaction makes (order-number-entity.ts).
import { randomInt } from 'node:crypto';
import type { Channel } from '../shared/channels.ts';

const LETTER: Readonly<Record<Channel, string>> = { pos: 'P', online: 'O', delivery: 'D' };
const formatters = new Map<string, Intl.DateTimeFormat>();

const hhmm = (at: Date, timeZone: string): string => {
  let f = formatters.get(timeZone);
  if (!f) formatters.set(timeZone, (f = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })));
  return f.format(at).replace(':', '');
};

export const ORDER_NUMBER = /^[POD]\d{4}-\d{3}$/;

/** A fresh draw; a collision with a number already claimed that day makes the order draw again. */
export const drawOrderNumber = (channel: Channel, at: Date, timeZone: string): string => `${LETTER[channel]}${hhmm(at, timeZone)}-${String(randomInt(0, 1000)).padStart(3, '0')}`;
