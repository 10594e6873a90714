// Reading a trace (bench/orders.ts): what each call was, its wave of round trips, and the operation's units.
import type { TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { type Budget, type Attrs, type Written, type Call, round2, READS, rcuByRules, wcuByRules, reportedUnits, sizeOf } from './units.ts';
import { type Tracer } from './tracer.ts';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { createStockMovementEntity } from '../../domain/inventory/ledger/stock-movement-entity.ts';
import { writeUnits } from '../write-units.ts';

/** Builds movement items as the ledger's projection writes them (no client: params only). */
const movementEntity = createStockMovementEntity('bench', undefined as never);

/**
 * The ledger lines the transaction recorded on its levels, which the stream consumer then writes
 * as movement items (movement-projection.ts): each a non-transactional put, 1 WCU per KB, plus
 * its gsi1 entry. Outside the request, so counted apart from it.
 */
export const ledgerLinesOf = (tx: { call: Call }[]) => {
  const lines = tx.flatMap((w) =>
    w.call.written.flatMap((x) => {
      const after = x.after && (unmarshall(x.after) as { __edb_e__?: string; tenantId: string; locationId: string; skuId: string; lastMove?: { movementId: string } });
      const before = x.before && (unmarshall(x.before) as { lastMove?: { movementId: string } });
      if (after?.__edb_e__ !== 'stockLevel' || !after.lastMove || before?.lastMove?.movementId === after.lastMove.movementId) return [];
      const item = movementEntity.put({ ...after.lastMove, tenantId: after.tenantId, locationId: after.locationId, skuId: after.skuId } as never).params() as { Item: Record<string, unknown> };
      return [sizeOf(marshall(item.Item, { removeUndefinedValues: true }))];
    }),
  );
  return { items: lines.length, bytesEach: lines, wcu: lines.reduce((n, bytes) => n + 2 * writeUnits(bytes), 0) };
};

// ---------------------------------------------------------------------------------------------
// Reading a trace: what each call was, its wave, and the operation's units.

export const segmentOf = (pk: string | undefined): string => {
  const parts = (pk ?? '?').split('#');
  return parts[0] === 'platform' ? `platform#${parts[1]}` : (parts[1] ?? parts[0]!);
};
/** An item's kind from its key: the partition's word, and for an order's partition the sort key's (payment, refund, return). */
export const kindOf = (pk: string | undefined, sk: string | undefined): string => {
  const segment = segmentOf(pk);
  return segment === 'order' && sk ? sk.split('#')[0] || segment : segment;
};
export const keyKind = (key: Attrs | undefined) => kindOf(key?.pk?.S, key?.sk?.S);
/** A written item's kind: ElectroDB's entity name where the write carries it, else its key's. */
export const writtenKind = (t: TransactWriteItem | undefined, w: Written): string => {
  const named = t?.Put?.Item?.__edb_e__?.S ?? Object.entries(t?.Update?.ExpressionAttributeValues ?? {}).find(([k]) => k.includes('edb_e'))?.[1]?.S;
  return named ?? (w.after?.__edb_e__?.S || keyKind(w.key));
};
export const counted = (names: string[]) => Object.entries(names.reduce<Record<string, number>>((m, n) => ((m[n] = (m[n] ?? 0) + 1), m), {})).map(([n, k]) => (k > 1 ? `${n}×${k}` : n)).join(', ');

/** The request quota's lease: a conditional update of the tenant-second counter (tenants/entities/request-counter.ts). */
export const isLease = (c: Call) => c.command === 'UpdateItem' && String(c.input.Key?.pk?.S).startsWith('platform#rate#');

/** What a call did, in words: the table, the items (by key) and, for the edge's own calls, why. */
export const describe = (c: Call, tracer: Tracer): string => {
  const table = tracer.logical[c.input.TableName ?? Object.keys(c.input.RequestItems ?? {})[0] ?? c.written[0]?.table ?? ''] ?? '?';
  if (table === 'idempotency') {
    const firstAttempt = String(c.input.Item?.id?.S ?? c.input.Key?.id?.S ?? '').endsWith('#first-attempt');
    const why = firstAttempt
      ? 'first-attempt mark (idFor, functions/middleware/idempotency.ts)'
      : c.command === 'PutItem'
        ? 'Powertools in-progress record'
        : c.command === 'UpdateItem'
          ? 'Powertools completed record (sealed response)'
          : 'Powertools record';
    return `${c.command} idempotency: ${why}`;
  }
  let what: string;
  if (c.command === 'Query') {
    // ElectroDB's key condition: `#pk = :pk` and, for a collection, `begins_with(#sk1, :sk1)`.
    const values = (c.input.ExpressionAttributeValues ?? {}) as Attrs;
    const placeholder = (pattern: RegExp) => values[String(c.input.KeyConditionExpression).match(pattern)?.[1] ?? '']?.S;
    what = `${kindOf(placeholder(/= (:\w+)/), placeholder(/begins_with\([^,]+, (:\w+)\)/))}${c.input.IndexName ? ` (${c.input.IndexName})` : ''}`;
  } else if (c.command === 'BatchGetItem') {
    what = counted(Object.values(c.input.RequestItems as Record<string, { Keys: Attrs[] }>).flatMap((r) => r.Keys.map(keyKind)));
  } else if (c.written.length) {
    const items = c.input.TransactItems as TransactWriteItem[] | undefined;
    what = counted(c.written.map((w, i) => writtenKind(items?.[i], w)));
  } else {
    what = keyKind(c.input.Key);
  }
  const why = isLease(c) ? ': request-quota lease (tenant-second counter)' : keyKind(c.input.Key) === 'platform#tenant' ? ': tenant route (directory)' : '';
  return `${c.command}${c.command === 'TransactWriteItems' ? ` of ${c.written.length} items` : ''} ${table}: ${what}${why}${c.error ? ` (${c.error})` : ''}`;
};

/** Sequential waves: a call's wave is one past the latest wave among the calls that ended before it began. */
export const wavesOf = (calls: Call[]): number[] => {
  const byStart = calls.map((_, i) => i).sort((a, b) => calls[a]!.start - calls[b]!.start);
  const wave: number[] = [];
  for (const i of byStart) wave[i] = 1 + Math.max(0, ...byStart.filter((j) => wave[j] !== undefined && calls[j]!.end <= calls[i]!.start).map((j) => wave[j]!));
  return wave;
};


export const shapeOf = (calls: Call[], tracer: Tracer) => {
  const wave = wavesOf(calls);
  const roundTrips = Math.max(0, ...wave);
  const t0 = Math.min(...calls.map((c) => c.start));
  return {
    roundTrips,
    dynamoCalls: calls.length,
    byCommand: calls.reduce<Record<string, number>>((m, c) => ((m[c.command] = (m[c.command] ?? 0) + 1), m), {}),
    byCommandAndTable: calls.reduce<Record<string, number>>((m, c) => {
      const name = describe(c, tracer).split(':')[0]!.replace(/ of \d+ items/, '');
      return (m[name] = (m[name] ?? 0) + 1), m;
    }, {}),
    waves: Array.from({ length: roundTrips }, (_, w) => {
      const mine = calls.filter((_, i) => wave[i] === w + 1);
      return { wave: w + 1, fromMs: round2(Math.min(...mine.map((c) => c.start)) - t0), toMs: round2(Math.max(...mine.map((c) => c.end)) - t0), calls: mine.map((c) => describe(c, tracer)) };
    }),
  };
};

export const consistentOf = (c: Call): boolean =>
  Boolean(c.input.ConsistentRead) || Object.values((c.input.RequestItems ?? {}) as Record<string, { ConsistentRead?: boolean }>).some((r) => r.ConsistentRead);

export const unitsOf = (calls: Call[], tracer: Tracer) => {
  const reads = calls.filter((c) => READS.has(c.command));
  const writes = calls.filter((c) => !READS.has(c.command) && c.written.length);
  const wcu = writes.map((c) => ({ call: c, ...wcuByRules(c, tracer.shapes) }));
  const tx = wcu.filter((w) => w.call.command === 'TransactWriteItems');
  const sum = (xs: number[]) => round2(xs.reduce((a, b) => a + b, 0));
  return {
    rcu: sum(reads.map(rcuByRules)),
    rcuReportedByEngine: sum(reads.map(reportedUnits)),
    readsStronglyConsistent: reads.filter(consistentOf).length,
    readsEventual: reads.filter((c) => !consistentOf(c)).length,
    wcu: sum(wcu.map((w) => w.table + w.indexes)),
    wcuTable: sum(wcu.map((w) => w.table)),
    wcuIndexes: sum(wcu.map((w) => w.indexes)),
    wcuReportedByEngine: sum(writes.map(reportedUnits)),
    /** The transaction's items alone: what the operation must write, by DynamoDB's rules. */
    floorWcu: sum(tx.map((w) => w.table + w.indexes)),
    transactionItems: tx.reduce((n, w) => n + w.call.written.length, 0),
    transactionItemsByKind: counted(tx.flatMap((w) => w.call.written.map((x, i) => `${x.kind} ${writtenKind((w.call.input.TransactItems as TransactWriteItem[])[i], x)}`))),
    /** Each of the transaction's items: its size and its units, table and index, so a change to an item's shape shows where it lands. */
    transactionItemUnits: tx.flatMap((w) =>
      w.call.written.map((x, i) => {
        const units = wcuByRules({ ...w.call, written: [x] }, tracer.shapes);
        return { item: `${x.kind} ${writtenKind((w.call.input.TransactItems as TransactWriteItem[])[i], x)}`, bytes: Math.max(sizeOf(x.before), sizeOf(x.after)), wcuTable: units.table, wcuIndexes: units.indexes };
      }),
    ),
    ledgerLinesAfterTheRequest: ledgerLinesOf(tx),
    reads: reads.map((c) => ({ call: describe(c, tracer), consistent: consistentOf(c), rcu: rcuByRules(c), reportedByEngine: reportedUnits(c) })),
    writes: wcu.map((w) => ({ call: describe(w.call, tracer), wcu: w.table + w.indexes, wcuTable: w.table, wcuIndexes: w.indexes, reportedByEngine: reportedUnits(w.call) })),
  };
};

/**
 * An operation's figures from traced runs: its round trips as most runs saw them (and with the
 * quota lease some pay), its units from one run with item images. The lease's write is counted
 * apart, as the share of requests that paid one in the traced runs says how often it falls.
 */
export const figuresOf = (traces: Call[][], imaged: Call[], tracer: Tracer, budget?: Budget) => {
  const shapes = traces.map((t) => ({ lease: t.some((c) => isLease(c)), shape: shapeOf(t.filter((c) => !isLease(c)), tracer), full: shapeOf(t, tracer) }));
  const seen = shapes.reduce<Record<number, number>>((m, s) => ((m[s.shape.roundTrips] = (m[s.shape.roundTrips] ?? 0) + 1), m), {});
  const typical = Number(Object.entries(seen).sort((a, b) => b[1] - a[1] || Number(a[0]) - Number(b[0]))[0]![0]);
  const representative = shapes.find((s) => s.shape.roundTrips === typical)!.shape;
  const leasedSeen = shapes.filter((s) => s.lease).reduce<Record<number, number>>((m, s) => ((m[s.full.roundTrips] = (m[s.full.roundTrips] ?? 0) + 1), m), {});
  const leasedTypical = Object.entries(leasedSeen).sort((a, b) => b[1] - a[1] || Number(a[0]) - Number(b[0]))[0]?.[0];
  const leased = shapes.find((s) => s.lease && String(s.full.roundTrips) === leasedTypical)?.full;
  const units = unitsOf(imaged.filter((c) => !isLease(c)), tracer);
  const leaseCall = traces.flat().find((c) => isLease(c));
  const leaseWcu = leaseCall ? reportedUnits(leaseCall) : 0;
  const figures = {
    roundTrips: typical,
    roundTripsWithQuotaLease: leased?.roundTrips ?? null,
    quotaLeases: {
      tracedRuns: traces.length,
      runsThatLeased: shapes.filter((s) => s.lease).length,
      wcuEach: leaseWcu,
      atWave: leased ? leased.waves.findIndex((w) => w.calls.some((c) => c.includes('request-quota lease'))) + 1 : null,
      roundTripsSeen: leasedSeen,
      leaseCallsPerLeasedRun: traces.filter((t) => t.some((c) => isLease(c))).map((t) => t.filter((c) => isLease(c)).length),
    },
    roundTripsSeen: seen,
    dynamoCalls: representative.dynamoCalls,
    byCommand: representative.byCommand,
    byCommandAndTable: representative.byCommandAndTable,
    ...units,
    wcuWithQuotaLease: units.wcu + leaseWcu,
    waves: representative.waves,
    wavesWithQuotaLease: leased?.waves.map((w) => w.calls.join(' + ')) ?? null,
  };
  if (!budget) return figures;
  return {
    ...figures,
    budget,
    withinBudget: {
      roundTrips: typical <= budget.roundTrips,
      roundTripsWithQuotaLease: leased ? leased.roundTrips <= budget.roundTrips : null,
      wcu: units.wcu <= budget.wcu,
      wcuWithQuotaLease: units.wcu + leaseWcu <= budget.wcu,
      rcu: units.rcu <= budget.rcu,
      floorWcu: units.floorWcu <= budget.wcu,
    },
  };
};

