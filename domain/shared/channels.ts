// The channels a chain sells through, shared by prices (a list may apply to some channels only),
// stock (each channel keeps its own safety stock back) and, next, orders.
import { z } from 'zod';

/** The till in the store, the chain's own online mini-shop, and delivery platforms. */
export const CHANNELS = ['pos', 'online', 'delivery'] as const;
export const Channel = z.enum(CHANNELS);
export type Channel = z.infer<typeof Channel>;
