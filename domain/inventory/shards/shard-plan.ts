// The pure half of flash-sale pools: how a pool's units are split across its shards, the order a
// buyer tries them in, and, once a first shard was short, how a line is drawn from what a read of
// the pool's shards found. Data in, data out; shard-draws.ts does the reads and writes.

/** What a hold took from one shard (recorded on the reservation, so its end can give it back). */
export type Draw = { skuId: string; poolId: string; shard: number; quantity: number };
export type ShardUnits = { shard: number; units: number; open: boolean };

export const MAX_SHARDS = 32;

/** `units` over `shards` shards as evenly as whole units go: the first `units % shards` get one more. */
export const splitUnits = (units: number, shards: number): number[] =>
  Array.from({ length: shards }, (_, i) => Math.floor(units / shards) + (i < units % shards ? 1 : 0));

/** A uniformly random shard of `shards`: where a buyer tries first. */
export const firstShard = (shards: number, random: () => number = Math.random): number => Math.floor(random() * shards);

/** A random shard other than `shard` (the same one when there is no other). */
export const otherShard = (shard: number, shards: number, random: () => number = Math.random): number => (shards < 2 ? shard : (shard + 1 + Math.floor(random() * (shards - 1))) % shards);

export type LinePlan = { ok: true; takes: { shard: number; quantity: number }[] } | { ok: false; available: number; closed: boolean };

/**
 * Where a line of `quantity` units is drawn from, given a read of its pool's shards: one random
 * shard of those that have the whole line (so buyers who moved on spread out again), else the
 * fullest shards one after another (a line larger than any one shard takes from several, in one
 * transaction), else short, with what the open shards hold between them.
 */
export const planLine = (shards: readonly ShardUnits[], quantity: number, random: () => number = Math.random): LinePlan => {
  const open = shards.filter((s) => s.open && s.units > 0);
  const whole = open.filter((s) => s.units >= quantity);
  if (whole.length) return { ok: true, takes: [{ shard: whole[Math.floor(random() * whole.length)]!.shard, quantity }] };
  const available = open.reduce((n, s) => n + s.units, 0);
  if (available < quantity) return { ok: false, available, closed: shards.length > 0 && shards.every((s) => !s.open) };
  const takes: { shard: number; quantity: number }[] = [];
  let left = quantity;
  for (const s of [...open].sort((a, b) => b.units - a.units || a.shard - b.shard)) {
    if (left === 0) break;
    const take = Math.min(left, s.units);
    takes.push({ shard: s.shard, quantity: take });
    left -= take;
  }
  return { ok: true, takes };
};

/**
 * Where an ended hold's draws go back: to their shards while those are open, to the level's free
 * stock (as `reserved` given back) for any shard the pool's close has emptied.
 */
export const returnsOf = (draws: readonly Draw[], closed: ReadonlySet<string>): { toShards: Draw[]; toLevel: Map<string, number> } => {
  const toShards: Draw[] = [];
  const toLevel = new Map<string, number>();
  for (const d of draws) {
    if (closed.has(shardKey(d))) toLevel.set(d.skuId, (toLevel.get(d.skuId) ?? 0) + d.quantity);
    else toShards.push(d);
  }
  return { toShards, toLevel };
};

export const shardKey = (d: { poolId: string; shard: number }): string => `${d.poolId}#${d.shard}`;
