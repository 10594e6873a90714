// Order numbers as printed on receipts and called out at the pickup counter: the channel's letter,
// the store-local time the order was placed and three random digits, e.g. `O1432-087`. Unique per
// store and business day by the claim the order's transaction makes (order-number-entity.ts).
import { randomInt } from 'node:crypto';
import type { Channel } from '../shared/channels.ts';
import { localHourMinuteOf } from '../shared/business-day.ts';

const LETTER: Readonly<Record<Channel, string>> = { pos: 'P', online: 'O', delivery: 'D' };

export const ORDER_NUMBER = /^[POD]\d{4}-\d{3}$/;

/** A fresh draw; a collision with a number already claimed that day makes the order draw again. */
export const drawOrderNumber = (channel: Channel, at: Date, timeZone: string): string => `${LETTER[channel]}${localHourMinuteOf(at, timeZone)}-${String(randomInt(0, 1000)).padStart(3, '0')}`;
