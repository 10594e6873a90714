// Taking the right to make one stock call for a store now: the store's interval has passed and
// the app's bucket has a token. Both are written in one transaction, conditioned on what was read,
// so consumer instances running side by side (one per stream shard) share the limits; a loser
// reads again. Waiting happens here, within the invocation's time. Once the platform has answered,
// the slot is settled as used at the answer's time, not the claim's: the platform counts calls as
// they reach it, and however long ours took on the way, the next one then cannot reach it early.
import { isConditionalCheckFailed } from '../../shared/dynamo.ts';
import type { StockLimits } from '../adapter.ts';
import type { ChannelService } from '../channel-service.ts';
import type { ChannelPlatform } from '../platforms.ts';
import { fullBucket, storeWait, takeToken, throttled, type Bucket } from './rate-limit.ts';

export type SlotDeps = { channels: ChannelService; now: () => number; sleep: (ms: number) => Promise<void>; deadline: number };

/** The invocation would run out of time waiting; the batch is retried from the store's changes. */
export class OutOfTimeError extends Error {
  constructor(waitMs: number) {
    super(`A stock call would wait ${waitMs} ms, past this invocation's time`);
    this.name = 'OutOfTimeError';
  }
}

export class SlotBusyError extends Error {
  constructor() {
    super('Other consumers kept taking the stock call slot');
    this.name = 'SlotBusyError';
  }
}

type Key = { tenantId: string; channel: ChannelPlatform };

const readState = async (key: Key, storeId: string, { channels }: Pick<SlotDeps, 'channels'>) => {
  const [sync, rate] = await Promise.all([
    channels.entities.channelStockSync.get({ ...key, storeId }).go({ consistent: true }),
    channels.entities.channelRate.get(key).go({ consistent: true }),
  ]);
  return { sync: sync.data, rate: rate.data };
};

/** What the store's platform was last sent (SKU id -> units), read when its slot is taken. */
export type Slot = { claimedAt: number; bucketVersion: number; lastSent: Readonly<Record<string, number>> };

/** Conflicts (another instance took a slot between our read and write) tried again before giving up. */
const MAX_CONFLICTS = 16;

export const takeCallSlot = async (key: Key, storeId: string, limits: StockLimits, deps: SlotDeps): Promise<Slot> => {
  // Not the shared optimistic loop: its back-off grows with each attempt, and waiting for the
  // limits is not a conflict; each wait here is exactly as long as the limits ask.
  for (let conflicts = 0; conflicts < MAX_CONFLICTS; ) {
    const { sync, rate } = await readState(key, storeId, deps);
    const now = deps.now();
    const bucket: Bucket = rate ?? fullBucket(limits, now);
    const token = takeToken(bucket, now, limits);
    const wait = Math.max(storeWait(sync?.lastCallAt ?? 0, now, limits), 'waitMs' in token ? token.waitMs : 0);
    if (wait > 0 || !('next' in token)) {
      if (now + wait > deps.deadline) throw new OutOfTimeError(wait);
      await deps.sleep(wait);
      continue;
    }
    const { canceled } = await deps.channels.transaction
      .write(({ channelRate, channelStockSync }) => [
        channelRate
          .put({ ...key, ...token.next, version: (rate?.version ?? 0) + 1 })
          .where((a, { eq, notExists }) => (rate ? eq(a.version, rate.version) : notExists(a.version)))
          .commit(),
        channelStockSync
          .update({ ...key, storeId })
          .set({ lastCallAt: now })
          // An item made only to hold pending SKUs has no call yet.
          .where((a, { eq, notExists }) => (sync?.lastCallAt !== undefined ? eq(a.lastCallAt, sync.lastCallAt) : notExists(a.lastCallAt)))
          .commit(),
      ])
      .go();
    if (!canceled) return { claimedAt: now, bucketVersion: (rate?.version ?? 0) + 1, lastSent: (sync?.lastSent ?? {}) as Record<string, number> };
    conflicts += 1;
    await deps.sleep(Math.random() * 20);
  }
  throw new SlotBusyError();
};

/**
 * Settles a slot once the platform answered at `answeredAt`: the store's last call is then, with
 * what it was sent (merged into lastSent), and the token it took counts from then too, unless
 * another call has taken the bucket or the store's slot since (theirs stands).
 */
export const settleSlot = async (key: Key, storeId: string, slot: Slot, answeredAt: number, sent: Readonly<Record<string, number>>, deps: Pick<SlotDeps, 'channels'>): Promise<void> => {
  const { channelStockSync, channelRate } = deps.channels.entities;
  const ignoreTaken = (error: unknown) => {
    if (!isConditionalCheckFailed(error)) throw error;
  };
  const rate = (await channelRate.get(key).go({ consistent: true })).data;
  const settled = channelStockSync.patch({ ...key, storeId }).set({ lastCallAt: answeredAt, lastSent: { ...slot.lastSent, ...sent } });
  const sentIds = Object.keys(sent);
  await Promise.all([
    (sentIds.length ? settled.delete({ pending: sentIds }) : settled)
      .where((a, { eq }) => eq(a.lastCallAt, slot.claimedAt))
      .go({ response: 'none' })
      .catch(ignoreTaken),
    rate && rate.version === slot.bucketVersion
      ? channelRate
          .patch(key)
          .set({ refilledAt: rate.refilledAt + Math.max(0, answeredAt - slot.claimedAt), version: rate.version + 1 })
          .where((a, { eq }) => eq(a.version, rate.version))
          .go({ response: 'none' })
          .catch(ignoreTaken)
      : undefined,
  ]);
};

/** Keeps SKUs a sync could not send (or clears ones no longer due) for the store's next sync. */
export const markPending = async (key: Key, storeId: string, change: { add?: readonly string[]; remove?: readonly string[] }, { channels }: Pick<SlotDeps, 'channels'>): Promise<void> => {
  const update = channels.entities.channelStockSync.update({ ...key, storeId });
  if (change.add?.length) await update.add({ pending: [...change.add] }).go({ response: 'none' });
  else if (change.remove?.length) await update.delete({ pending: [...change.remove] }).go({ response: 'none' });
};

/** Closes the app's bucket for its next back-off step after a throttle (best effort: the call failed anyway). */
export const backOff = async (key: Key, limits: StockLimits, deps: Pick<SlotDeps, 'channels' | 'now'>): Promise<void> => {
  const rate = (await deps.channels.entities.channelRate.get(key).go({ consistent: true })).data;
  const now = deps.now();
  await deps.channels.entities.channelRate
    .put({ ...key, ...throttled(rate ?? fullBucket(limits, now), now, limits), version: (rate?.version ?? 0) + 1 })
    .where((a, { eq, notExists }) => (rate ? eq(a.version, rate.version) : notExists(a.version)))
    .go({ response: 'none' })
    // Someone else moved the bucket since: their write stands, and the next throttle backs off again.
    .catch((error: unknown) => {
      if (!isConditionalCheckFailed(error)) throw error;
    });
};
