// Recomputing stock from the ledger, as data in, data out: tools/stock-verify.ts feeds it the
// items it scans and prints what differs. A level must equal the sum of its movements (onHand),
// the units its tenant's active reservations hold there plus the units left in the shards of its
// flash-sale pools (reserved: a pool's units are reserved from its opening until a hold sells
// them or its close gives them back), and onHand - reserved (free).
//
// A level's last ledger line reaches the ledger a stream delay after the level
// (movement-projection.ts); until it has, the level is pending, not different.

export type ScannedItem = {
  __edb_e__?: string;
  tenantId?: string;
  locationId?: string;
  skuId?: string;
  quantity?: number;
  onHand?: number;
  reserved?: number;
  free?: number;
  status?: string;
  lines?: { skuId: string; quantity: number }[];
  /** A flash-sale shard's units. */
  units?: number;
  movementId?: string;
  /** A level's last ledger line. */
  lastMove?: { movementId?: string };
};

export type Recomputed = {
  tenantId: string;
  locationId: string;
  skuId: string;
  level?: { onHand: number; reserved: number; free: number };
  ledger: number;
  held: number;
  pooled: number;
  /** The level's last line, and the latest line the ledger holds (ids are ULIDs: they sort by time). */
  lastMoveId?: string;
  latestMovementId?: string;
};
export type Difference = Recomputed & { drift: { onHand: number; reserved: number; free: number } };

/** The ElectroDB entities whose items the check reads. */
export const AUDITED_ENTITIES = ['stockLevel', 'stockMovement', 'stockReservation', 'stockShard'] as const;

export const recompute = (items: Iterable<ScannedItem>): Map<string, Recomputed> => {
  const byKey = new Map<string, Recomputed>();
  const at = (tenantId: string, locationId: string, skuId: string) => {
    const key = `${tenantId} ${locationId} ${skuId}`;
    let entry = byKey.get(key);
    if (!entry) byKey.set(key, (entry = { tenantId, locationId, skuId, ledger: 0, held: 0, pooled: 0 }));
    return entry;
  };
  for (const item of items) {
    const { tenantId, locationId } = item;
    if (!tenantId || !locationId) continue;
    if (item.__edb_e__ === 'stockMovement' && item.skuId) {
      const entry = at(tenantId, locationId, item.skuId);
      entry.ledger += item.quantity ?? 0;
      if (item.movementId && (!entry.latestMovementId || item.movementId > entry.latestMovementId)) entry.latestMovementId = item.movementId;
    }
    if (item.__edb_e__ === 'stockLevel' && item.skuId) {
      const entry = at(tenantId, locationId, item.skuId);
      entry.level = { onHand: item.onHand ?? 0, reserved: item.reserved ?? 0, free: item.free ?? 0 };
      entry.lastMoveId = item.lastMove?.movementId;
    }
    if (item.__edb_e__ === 'stockReservation' && item.status === 'active') for (const line of item.lines ?? []) at(tenantId, locationId, line.skuId).held += line.quantity;
    // Open or closed: a closed shard is emptied in the posting that gives its units back.
    if (item.__edb_e__ === 'stockShard' && item.skuId) at(tenantId, locationId, item.skuId).pooled += item.units ?? 0;
  }
  return byKey;
};

/** The level's last line is not in the ledger yet. */
export const isPending = (r: Recomputed): boolean => r.lastMoveId !== undefined && (r.latestMovementId === undefined || r.latestMovementId < r.lastMoveId);

/** Every key whose level disagrees with its ledger or reservations (a missing level counts as zeros); pending keys are left out. */
export const differences = (recomputed: Map<string, Recomputed>): Map<string, Difference> => {
  const found = new Map<string, Difference>();
  for (const [key, r] of recomputed) {
    if (isPending(r)) continue;
    const level = r.level ?? { onHand: 0, reserved: 0, free: 0 };
    const drift = { onHand: level.onHand - r.ledger, reserved: level.reserved - r.held - r.pooled, free: level.free - (level.onHand - level.reserved) };
    if (drift.onHand !== 0 || drift.reserved !== 0 || drift.free !== 0) found.set(key, { ...r, drift });
  }
  return found;
};

/**
 * A scan is no snapshot: a posting committed between reading its movements and its level looks
 * like a difference once. What two scans both show, with the same drift, is real.
 */
export const persistent = (first: Map<string, Difference>, second: Map<string, Difference>): Difference[] =>
  [...second].filter(([key, d]) => {
    const before = first.get(key)?.drift;
    return before && before.onHand === d.drift.onHand && before.reserved === d.drift.reserved && before.free === d.drift.free;
  }).map(([, d]) => d);

export const describeDifference = (d: Difference): string => {
  const level = d.level ? `onHand ${d.level.onHand}, reserved ${d.level.reserved}, free ${d.level.free}` : 'no level item';
  return `${d.tenantId} ${d.locationId} ${d.skuId}: ${level}; ledger says onHand ${d.ledger}, active reservations hold ${d.held}${d.pooled ? `, flash-sale shards ${d.pooled}` : ''}`;
};
