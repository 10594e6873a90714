// The adapter of each platform a chain can connect.
import type { DeliveryPlatform } from './adapter.ts';
import type { ChannelPlatform } from './platforms.ts';
import { meituan } from './meituan/adapter.ts';

export const ADAPTERS: Readonly<Record<ChannelPlatform, DeliveryPlatform>> = { meituan };
