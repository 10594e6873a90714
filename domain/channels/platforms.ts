// The delivery platforms a chain can connect (API.md: `POST /v1/channels/{channel}/webhook`). Each
// has one adapter folder here (meituan/); everything outside it speaks only the adapter interface
// (adapter.ts). Orders they bring are `delivery` channel orders of the orders context.
import { z } from 'zod';

export const CHANNEL_PLATFORMS = ['meituan'] as const;
export const ChannelPlatform = z.enum(CHANNEL_PLATFORMS);
export type ChannelPlatform = z.infer<typeof ChannelPlatform>;

export const ChannelPath = z.object({ channel: ChannelPlatform });

/**
 * Who acts for a platform's pushes in our records (orders' createdBy, audit, reservations): the
 * platform itself, never a user. Pushes act with HQ's reach (every store of the chain) because the
 * tenant was identified by the verified app, not by a person.
 */
export const platformActor = (channel: ChannelPlatform): string => `system:channel-${channel}`;
