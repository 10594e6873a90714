// What the Meituan sandbox knows: the apps registered in its "developer console" (id, secret, the
// push URL our webhook is registered under), the orders it pushed and where they stand, and every
// open-API call it received, for tests and developers to read back. In memory, like the platform
// a test talks to; gone when the local cloud stops.
import { meituan } from '../../../domain/channels/meituan/adapter.ts';

export type App = { appId: string; secret: string; pushUrl: string };

export type SandboxLine = { skuCode?: string; spuCode?: string; upc?: string; name: string; quantity: number; price: number };
export type SandboxOrder = { orderId: string; appId: string; storeCode: string; status: number; lines: SandboxLine[]; address: string; ctime: number; cancelReasonCode?: number };

export type RecordedCall = {
  at: number;
  method: string;
  path: string;
  appId: string | undefined;
  /** Decoded parameters without sig; food_data and other JSON values parsed. */
  params: Record<string, unknown>;
  verified: boolean;
  throttled: boolean;
  answer: unknown;
};

/** Lee-way for the few milliseconds between a caller's own limiter and its request arriving here. */
const SLACK_MS = 100;

export const createSandboxState = () => {
  const apps = new Map<string, App>();
  const orders = new Map<string, SandboxOrder>();
  const calls: RecordedCall[] = [];
  const buckets = new Map<string, { tokens: number; at: number }>();
  const lastStoreCall = new Map<string, number>();
  /** Stock calls to throttle whatever the limits, by app: a test's way to make the platform push back. */
  const throttleNext = new Map<string, number>();
  const limits = meituan.stockLimits;

  /** Whether a stock call now keeps within the limits the adapter assumes (so a test can see none was broken). */
  const admitStockCall = (appId: string, storeCode: string, now: number): boolean => {
    const forced = throttleNext.get(appId) ?? 0;
    if (forced > 0) {
      throttleNext.set(appId, forced - 1);
      return false;
    }
    const bucket = buckets.get(appId) ?? { tokens: limits.burst, at: now };
    const tokens = Math.min(limits.burst, bucket.tokens + ((now - bucket.at + SLACK_MS) * limits.requestsPerSecond) / 1000);
    const storeKey = `${appId}/${storeCode}`;
    const last = lastStoreCall.get(storeKey);
    if (tokens < 1 || (last !== undefined && now - last < limits.storeIntervalMs - SLACK_MS)) return false;
    buckets.set(appId, { tokens: tokens - 1, at: now });
    lastStoreCall.set(storeKey, now);
    return true;
  };

  return { apps, orders, calls, throttleNext, admitStockCall };
};

export type SandboxState = ReturnType<typeof createSandboxState>;
