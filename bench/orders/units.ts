// What a traced DynamoDB call costs by DynamoDB's rules, from the items themselves (bench/orders.ts).
import { type AttributeValue } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { type Summary } from '../measure.ts';
import { itemSize, writeUnits } from '../write-units.ts';

/** A per-operation budget of sequential round trips and capacity units. */
export type Budget = { roundTrips: number; wcu: number; rcu: number };
export type Session = { token: string; tenantId: string; userId: string };
export type Attrs = Record<string, AttributeValue>;
export type Written = { kind: 'Put' | 'Update' | 'Delete' | 'ConditionCheck'; table: string; key: Attrs; before?: Attrs; after?: Attrs };
export type Call = { command: string; start: number; end: number; input: Record<string, any>; output?: Record<string, any>; error?: string; written: Written[] };
export type Recording = { calls: Call[]; images: boolean };

export const round2 = (x: number) => Math.round(x * 100) / 100;
export const opsPerSecond = (s: Summary) => round2(1000 / s.meanMs);
export const withThroughput = (s: Summary) => ({ ...s, opsPerSecond: opsPerSecond(s) });

// ---------------------------------------------------------------------------------------------
// DynamoDB's rules, from the items themselves.

export const ATTRIBUTE_TYPES = new Set(['S', 'N', 'B', 'BOOL', 'NULL', 'L', 'M', 'SS', 'NS', 'BS']);
/** Items as the wire carries them: the document client hands plain ones to the outer middlewares. */
export const asAttrs = (item: Record<string, unknown>): Attrs =>
  Object.values(item).every((v) => v !== null && typeof v === 'object' && Object.keys(v).length === 1 && ATTRIBUTE_TYPES.has(Object.keys(v)[0]!))
    ? (item as Attrs)
    : marshall(item, { removeUndefinedValues: true, convertClassInstanceToMap: true });
export const sizeOf = (item: Attrs | undefined) => (item ? itemSize(item) : 0);
/** 1 RCU per 4 KB for a strongly consistent read, half that for an eventual one, at least one unit. */
export const readUnits = (bytes: number) => Math.max(1, Math.ceil(bytes / 4096));
export const canonical = (item: Attrs | undefined) => JSON.stringify(item ? Object.entries(item).sort(([a], [b]) => a.localeCompare(b)) : null);

export const READS = new Set(['GetItem', 'BatchGetItem', 'Query', 'Scan', 'TransactGetItems']);
export const CAPACITY_COMMANDS = new Set([...READS, 'PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem', 'TransactWriteItems']);

export type TableShape = { key: string[]; gsis: { pk: string; sk?: string }[] };

export const rcuByRules = (c: Call): number => {
  const factor = (consistent: unknown) => (consistent ? 1 : 0.5);
  const items = (list: unknown) => ((list as Record<string, unknown>[] | undefined) ?? []).map(asAttrs);
  switch (c.command) {
    case 'GetItem':
      return factor(c.input.ConsistentRead) * readUnits(sizeOf(c.output?.Item && asAttrs(c.output.Item)));
    case 'BatchGetItem':
      return Object.entries(c.input.RequestItems as Record<string, { Keys: unknown[]; ConsistentRead?: boolean }>).reduce((n, [table, { Keys, ConsistentRead }]) => {
        const found = items(c.output?.Responses?.[table]);
        const unprocessed = (c.output?.UnprocessedKeys?.[table]?.Keys as unknown[] | undefined)?.length ?? 0;
        // Each key is read as a GetItem would be: rounded up alone; a missing item still costs a unit.
        const units = found.reduce((u, item) => u + readUnits(sizeOf(item)), 0) + Math.max(0, Keys.length - unprocessed - found.length);
        return n + factor(ConsistentRead) * units;
      }, 0);
    case 'Query':
    case 'Scan':
      return factor(c.input.ConsistentRead) * readUnits(items(c.output?.Items).reduce((n, item) => n + sizeOf(item), 0));
    case 'TransactGetItems':
      return items((c.output?.Responses as { Item?: unknown }[] | undefined)?.map((r) => r.Item ?? {})).reduce((n, item) => n + 2 * readUnits(sizeOf(item)), 0);
    default:
      return 0;
  }
};

/** A write's index entries (projection ALL: an entry is the item's size): added, rewritten, moved or removed. */
export const indexUnits = (w: Written, shape: TableShape | undefined): number =>
  (shape?.gsis ?? []).reduce((n, g) => {
    const keyOf = (item: Attrs | undefined) => (item?.[g.pk] !== undefined && (!g.sk || item[g.sk] !== undefined) ? JSON.stringify([item[g.pk], g.sk ? item[g.sk] : null]) : undefined);
    const [was, is] = [keyOf(w.before), keyOf(w.after)];
    if (was && is && was === is) return n + (canonical(w.before) === canonical(w.after) ? 0 : writeUnits(Math.max(sizeOf(w.before), sizeOf(w.after))));
    return n + (was ? writeUnits(sizeOf(w.before)) : 0) + (is ? writeUnits(sizeOf(w.after)) : 0);
  }, 0);

/** A write call's units by DynamoDB's rules, from the items before and after it. */
export const wcuByRules = (c: Call, shapes: Record<string, TableShape>): { table: number; indexes: number } => {
  const transactional = c.command === 'TransactWriteItems';
  if (c.error && !transactional) return { table: c.written.reduce((n, w) => n + writeUnits(sizeOf(w.before)), 0), indexes: 0 };
  return c.written.reduce(
    (n, w) => {
      const table = writeUnits(w.kind === 'Delete' || w.kind === 'ConditionCheck' ? sizeOf(w.before) : Math.max(sizeOf(w.before), sizeOf(w.after)));
      const indexes = w.kind === 'ConditionCheck' ? 0 : indexUnits(w, shapes[w.table]);
      // In a transaction each item costs twice (write-units.ts); its index entries are written once.
      return { table: n.table + (transactional ? 2 : 1) * table, indexes: n.indexes + indexes };
    },
    { table: 0, indexes: 0 },
  );
};

export const reportedUnits = (c: Call): number => {
  const cc = c.output?.ConsumedCapacity as { CapacityUnits?: number }[] | { CapacityUnits?: number } | undefined;
  return (Array.isArray(cc) ? cc : cc ? [cc] : []).reduce((n, x) => n + (x.CapacityUnits ?? 0), 0);
};

