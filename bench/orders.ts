// What an order checkout costs, in one run against DynamoDB Local. A 5-line POS cash sale (5 SKUs
// with stock, at list prices; one promotion list active, on a SKU outside the basket, so the
// promotion read runs and takes nothing off) four ways:
//   raw       - a bare TransactWriteItems of fresh copies of the items one checkout's transaction
//               wrote (captured from a checkout; keys renewed, same sizes; an Update's condition,
//               which a fresh item cannot meet, dropped): the write the checkout cannot avoid
//   inProcess - placeOrder() with payment { flow: 'cash' } in-process (countedScope's client)
//   api       - POST /v1/orders over HTTP with a fresh Idempotency-Key: + gateway, JWT, request
//               quota, middy chain, idempotency records, worker
// and raw / in-process / API for an online order with a hold and for its later payment.
//
// Per operation: DynamoDB calls by command, sequential round trips, read and write units. The API
// runs each function in a worker thread whose SDK clients this process cannot reach, so a request's
// calls are counted on the route's handler run here, through its middy chain, on an API Gateway
// event: the same module the worker runs, every SDK call it makes (domain, idempotency, quota)
// through the one module client (domain/shared/dynamo.ts; locally the tenant client is that client
// too), which is traced. The edge (JWT) makes no DynamoDB call: API Gateway's authorizer verifies
// the token (locally the gateway, in memory).
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { DescribeTableCommand, GetItemCommand, TransactWriteItemsCommand, type AttributeValue, type DynamoDBClient, type TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, Context } from 'aws-lambda';
import type { LocalCloud } from '../local/cloud.ts';
import { manifest } from '../infra/manifest.ts';
import { functionEnvironment } from '../domain/shared/function-env.ts';
import { siloTablePrefix } from '../domain/shared/bindings.ts';
import { measureInterleaved, writeResult, type Summary } from './measure.ts';
import { bareClient, countedScope, useLocalEngine } from './local-engine.ts';
import { itemSize, writeUnits } from './write-units.ts';

const LINES = 5;
const POS = { warmup: 20, iterations: 200 };
/** The API path, with its own interleaved raw baseline: fewer rounds keep the run short. */
const API = { warmup: 10, iterations: 100 };
/** The online order and its payment: six variants, so fewer rounds too. */
const ONLINE = { warmup: 10, iterations: 60 };
/** Traced operations of each kind; the quota lease falls on some of them. */
const TRACES = 6;
/** The pooled tier's request quota is 100/s per tenant: API calls are spaced to stay well under it. */
const API_SPACING_MS = 20;
/** The issue's budget for a 5-line POS checkout, edge, idempotency and quota included. */
const BUDGET = { roundTrips: 3, wcu: 30, rcu: 12 };

type Session = { token: string; tenantId: string; userId: string };
type Attrs = Record<string, AttributeValue>;
type Written = { kind: 'Put' | 'Update' | 'Delete' | 'ConditionCheck'; table: string; key: Attrs; before?: Attrs; after?: Attrs };
type Call = { command: string; start: number; end: number; input: Record<string, any>; output?: Record<string, any>; error?: string; written: Written[] };
type Recording = { calls: Call[]; images: boolean };

const round2 = (x: number) => Math.round(x * 100) / 100;
const opsPerSecond = (s: Summary) => round2(1000 / s.meanMs);
const withThroughput = (s: Summary) => ({ ...s, opsPerSecond: opsPerSecond(s) });

// ---------------------------------------------------------------------------------------------
// DynamoDB's rules, from the items themselves.

const ATTRIBUTE_TYPES = new Set(['S', 'N', 'B', 'BOOL', 'NULL', 'L', 'M', 'SS', 'NS', 'BS']);
/** Items as the wire carries them: the document client hands plain ones to the outer middlewares. */
const asAttrs = (item: Record<string, unknown>): Attrs =>
  Object.values(item).every((v) => v !== null && typeof v === 'object' && Object.keys(v).length === 1 && ATTRIBUTE_TYPES.has(Object.keys(v)[0]!))
    ? (item as Attrs)
    : marshall(item, { removeUndefinedValues: true, convertClassInstanceToMap: true });
const sizeOf = (item: Attrs | undefined) => (item ? itemSize(item) : 0);
/** 1 RCU per 4 KB for a strongly consistent read, half that for an eventual one, at least one unit. */
const readUnits = (bytes: number) => Math.max(1, Math.ceil(bytes / 4096));
const canonical = (item: Attrs | undefined) => JSON.stringify(item ? Object.entries(item).sort(([a], [b]) => a.localeCompare(b)) : null);

const READS = new Set(['GetItem', 'BatchGetItem', 'Query', 'Scan', 'TransactGetItems']);
const CAPACITY_COMMANDS = new Set([...READS, 'PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem', 'TransactWriteItems']);

type TableShape = { key: string[]; gsis: { pk: string; sk?: string }[] };

const rcuByRules = (c: Call): number => {
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
const indexUnits = (w: Written, shape: TableShape | undefined): number =>
  (shape?.gsis ?? []).reduce((n, g) => {
    const keyOf = (item: Attrs | undefined) => (item?.[g.pk] !== undefined && (!g.sk || item[g.sk] !== undefined) ? JSON.stringify([item[g.pk], g.sk ? item[g.sk] : null]) : undefined);
    const [was, is] = [keyOf(w.before), keyOf(w.after)];
    if (was && is && was === is) return n + (canonical(w.before) === canonical(w.after) ? 0 : writeUnits(Math.max(sizeOf(w.before), sizeOf(w.after))));
    return n + (was ? writeUnits(sizeOf(w.before)) : 0) + (is ? writeUnits(sizeOf(w.after)) : 0);
  }, 0);

/** A write call's units by DynamoDB's rules, from the items before and after it. */
const wcuByRules = (c: Call, shapes: Record<string, TableShape>): { table: number; indexes: number } => {
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

const reportedUnits = (c: Call): number => {
  const cc = c.output?.ConsumedCapacity as { CapacityUnits?: number }[] | { CapacityUnits?: number } | undefined;
  return (Array.isArray(cc) ? cc : cc ? [cc] : []).reduce((n, x) => n + (x.CapacityUnits ?? 0), 0);
};

// ---------------------------------------------------------------------------------------------
// Tracing: each command's start and end, inputs as sent and outputs as received, and (when asked)
// the items each write touched, read before and after it outside the timed window.

type Stack = { add: (...args: any[]) => void };

const createTracer = async (cloud: LocalCloud, bare: DynamoDBClient) => {
  const logical = Object.fromEntries(Object.entries(cloud.tables).map(([name, physical]) => [physical, name]));
  const shapes: Record<string, TableShape> = {};
  for (const physical of Object.keys(logical)) {
    const { Table } = await bare.send(new DescribeTableCommand({ TableName: physical }));
    shapes[physical] = {
      key: (Table?.KeySchema ?? []).map((k) => k.AttributeName!),
      gsis: (Table?.GlobalSecondaryIndexes ?? []).map((g) => ({ pk: g.KeySchema!.find((k) => k.KeyType === 'HASH')!.AttributeName!, sk: g.KeySchema!.find((k) => k.KeyType === 'RANGE')?.AttributeName })),
    };
  }
  const keyOf = (table: string, item: Attrs): Attrs => Object.fromEntries((shapes[table]?.key ?? []).map((k) => [k, item[k]!]));
  const writtenBy = (command: string, input: Record<string, any>): Written[] => {
    if (command === 'PutItem') return [{ kind: 'Put', table: input.TableName, key: keyOf(input.TableName, input.Item) }];
    if (command === 'UpdateItem') return [{ kind: 'Update', table: input.TableName, key: input.Key }];
    if (command === 'DeleteItem') return [{ kind: 'Delete', table: input.TableName, key: input.Key }];
    if (command === 'TransactWriteItems')
      return (input.TransactItems as TransactWriteItem[]).map((t) => {
        if (t.Put) return { kind: 'Put', table: t.Put.TableName!, key: keyOf(t.Put.TableName!, t.Put.Item!) };
        const [kind, op] = t.Update ? (['Update', t.Update] as const) : t.Delete ? (['Delete', t.Delete] as const) : (['ConditionCheck', t.ConditionCheck!] as const);
        return { kind, table: op.TableName!, key: op.Key! };
      });
    if (command === 'BatchWriteItem')
      return Object.entries(input.RequestItems as Record<string, { PutRequest?: { Item: Attrs }; DeleteRequest?: { Key: Attrs } }[]>).flatMap(([table, requests]) =>
        requests.map((r): Written => (r.PutRequest ? { kind: 'Put', table, key: keyOf(table, r.PutRequest.Item) } : { kind: 'Delete', table, key: r.DeleteRequest!.Key })),
      );
    return [];
  };
  const image = async (w: Written) => (await bare.send(new GetItemCommand({ TableName: w.table, Key: w.key, ConsistentRead: true }))).Item;

  let recording: Recording | undefined;
  type Ctx = { commandName?: string; benchCall?: Call };
  const attach = (stack: Stack) => {
    // Outermost, as the caller sends: when the call starts and ends, and (before the input is
    // serialized) a request for what it consumed.
    stack.add(
      (next: (a: unknown) => Promise<unknown>, context: Ctx) => async (args: { input: Record<string, unknown> }) => {
        const log = recording;
        if (!log) return next(args);
        const command = String(context.commandName).replace(/Command$/, '');
        if (CAPACITY_COMMANDS.has(command)) args.input.ReturnConsumedCapacity ??= 'INDEXES';
        const call: Call = { command, start: performance.now(), end: 0, input: args.input, written: [] };
        context.benchCall = call;
        log.calls.push(call);
        try {
          return await next(args);
        } catch (error) {
          call.error = (error as Error).name;
          throw error;
        } finally {
          call.end = performance.now();
        }
      },
      { step: 'initialize', priority: 'high', name: 'benchTrace' },
    );
    // After marshalling (the document client's happens before serialization): inputs and outputs
    // as the wire carries them, and the written items' images (read outside the traced client).
    stack.add(
      (next: (a: unknown) => Promise<{ output: Record<string, any> }>, context: Ctx) => async (args: { input: Record<string, any> }) => {
        const call = context.benchCall;
        if (!call || !recording) return next(args);
        const images = recording.images;
        call.input = args.input;
        call.written = writtenBy(call.command, args.input);
        if (images) await Promise.all(call.written.map(async (w) => (w.before = await image(w))));
        try {
          const result = await next(args);
          call.output = result.output;
          return result;
        } finally {
          if (images) await Promise.all(call.written.map(async (w) => (w.after = await image(w))));
        }
      },
      { step: 'build', name: 'benchWireTrace' },
    );
  };
  const record = async <T>(images: boolean, run: () => Promise<T>): Promise<{ calls: Call[]; value: T }> => {
    recording = { calls: [], images };
    try {
      return { value: await run(), calls: recording.calls };
    } finally {
      recording = undefined;
    }
  };
  return { attach, record, shapes, logical };
};

type Tracer = Awaited<ReturnType<typeof createTracer>>;

// ---------------------------------------------------------------------------------------------
// Reading a trace: what each call was, its wave, and the operation's units.

const segmentOf = (pk: string | undefined): string => {
  const parts = (pk ?? '?').split('#');
  return parts[0] === 'platform' ? `platform#${parts[1]}` : (parts[1] ?? parts[0]!);
};
/** An item's kind from its key: the partition's word, and for an order's partition the sort key's (payment, refund, return). */
const kindOf = (pk: string | undefined, sk: string | undefined): string => {
  const segment = segmentOf(pk);
  return segment === 'order' && sk ? sk.split('#')[0] || segment : segment;
};
const keyKind = (key: Attrs | undefined) => kindOf(key?.pk?.S, key?.sk?.S);
/** A written item's kind: ElectroDB's entity name where the write carries it, else its key's. */
const writtenKind = (t: TransactWriteItem | undefined, w: Written): string => {
  const named = t?.Put?.Item?.__edb_e__?.S ?? Object.entries(t?.Update?.ExpressionAttributeValues ?? {}).find(([k]) => k.includes('edb_e'))?.[1]?.S;
  return named ?? (w.after?.__edb_e__?.S || keyKind(w.key));
};
const counted = (names: string[]) => Object.entries(names.reduce<Record<string, number>>((m, n) => ((m[n] = (m[n] ?? 0) + 1), m), {})).map(([n, k]) => (k > 1 ? `${n}×${k}` : n)).join(', ');

/** The request quota's lease: a conditional update of the tenant-second counter (tenants/entities/request-counter.ts). */
const isLease = (c: Call) => c.command === 'UpdateItem' && String(c.input.Key?.pk?.S).startsWith('platform#rate#');

/** What a call did, in words: the table, the items (by key) and, for the edge's own calls, why. */
const describe = (c: Call, tracer: Tracer): string => {
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
const wavesOf = (calls: Call[]): number[] => {
  const byStart = calls.map((_, i) => i).sort((a, b) => calls[a]!.start - calls[b]!.start);
  const wave: number[] = [];
  for (const i of byStart) wave[i] = 1 + Math.max(0, ...byStart.filter((j) => wave[j] !== undefined && calls[j]!.end <= calls[i]!.start).map((j) => wave[j]!));
  return wave;
};


const shapeOf = (calls: Call[], tracer: Tracer) => {
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

const consistentOf = (c: Call): boolean =>
  Boolean(c.input.ConsistentRead) || Object.values((c.input.RequestItems ?? {}) as Record<string, { ConsistentRead?: boolean }>).some((r) => r.ConsistentRead);

const unitsOf = (calls: Call[], tracer: Tracer) => {
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
    reads: reads.map((c) => ({ call: describe(c, tracer), consistent: consistentOf(c), rcu: rcuByRules(c), reportedByEngine: reportedUnits(c) })),
    writes: wcu.map((w) => ({ call: describe(w.call, tracer), wcu: w.table + w.indexes, wcuTable: w.table, wcuIndexes: w.indexes, reportedByEngine: reportedUnits(w.call) })),
  };
};

/**
 * An operation's figures from traced runs: its round trips as most runs saw them (and with the
 * quota lease some pay), its units from one run with item images. The lease's write is counted
 * apart, as the share of requests that paid one in the traced runs says how often it falls.
 */
const figuresOf = (traces: Call[][], imaged: Call[], tracer: Tracer, budget?: typeof BUDGET) => {
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

// ---------------------------------------------------------------------------------------------
// Fresh copies of a captured transaction, for the raw baseline.

/** The same items under new partition keys of the same length (a hash of the old key and the round), so sizes stay as they were. */
const replayOf = (items: TransactWriteItem[], tracer: Tracer) => (n: number): TransactWriteItem[] => {
  const fresh = (table: string, item: Attrs): Attrs => {
    const pkName = tracer.shapes[table]!.key[0]!;
    const pk = item[pkName]!.S!;
    return { ...item, [pkName]: { S: pk.slice(0, -8) + createHash('sha256').update(`${pk}/${n}`).digest('base64url').slice(0, 8) } };
  };
  const used = (expression: string) => new Set(expression.match(/[#:][A-Za-z0-9_]+/g) ?? []);
  return items.flatMap((t): TransactWriteItem[] => {
    if (t.Put) return [{ Put: { ...t.Put, Item: fresh(t.Put.TableName!, t.Put.Item!) } }];
    if (t.Update) {
      // The condition was about the item as it stood (a version, a number, a level): a fresh item cannot meet it.
      const { ConditionExpression: _, ReturnValuesOnConditionCheckFailure: __, ExpressionAttributeNames, ExpressionAttributeValues, ...update } = t.Update;
      const keep = used(update.UpdateExpression!);
      const names = Object.fromEntries(Object.entries(ExpressionAttributeNames ?? {}).filter(([k]) => keep.has(k)));
      const values = Object.fromEntries(Object.entries(ExpressionAttributeValues ?? {}).filter(([k]) => keep.has(k)));
      return [{ Update: { ...update, Key: fresh(update.TableName!, update.Key!), ...(Object.keys(names).length ? { ExpressionAttributeNames: names } : {}), ...(Object.keys(values).length ? { ExpressionAttributeValues: values } : {}) } }];
    }
    if (t.Delete) return [{ Delete: { TableName: t.Delete.TableName, Key: fresh(t.Delete.TableName!, t.Delete.Key!) } }];
    return []; // a ConditionCheck writes nothing
  });
};

// ---------------------------------------------------------------------------------------------

/** Which code was measured: the commit, and whether the order, payment and edge code differed from it. */
const sourceOf = (): string => {
  try {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: join(import.meta.dirname, '..'), encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const changed = git('status', '--porcelain', '--', 'domain', 'functions', 'tenants');
    return `${git('rev-parse', '--short', 'HEAD')}${changed ? ' with uncommitted changes to domain/, functions/ or tenants/' : ''}`;
  } catch {
    return process.env.BENCH_SOURCE ?? 'unknown (not a git work tree)';
  }
};

export const runOrdersBench = async (cloud: LocalCloud, session: Session) => {
  const loadBefore = loadavg().map(round2);
  const started = performance.now();
  const durationsS: Record<string, number> = {};
  const phase = (name: string) => (durationsS[name] = round2((performance.now() - started) / 1000 - Object.values(durationsS).reduce((a, b) => a + b, 0)));
  useLocalEngine(cloud);
  // The route's own environment, as the local cloud gives its function (its own mac key: the
  // in-process handler keeps its idempotency records apart from the worker's).
  const spec = manifest.functions.createOrder!;
  const env = functionEnvironment(manifest, spec, {
    stage: 'bench',
    table: (t) => cloud.tables[t] ?? '',
    queueUrl: (q) => cloud.queues[q]?.url ?? '',
    encryptionKey: () => ({ localKey: randomBytes(32).toString('base64') }),
    macKey: () => ({ localKey: randomBytes(32).toString('base64') }),
    identity: () => {
      throw new Error('createOrder has no identity binding');
    },
    tenantData: { siloTablePrefix: siloTablePrefix(manifest.service, 'bench') },
  });
  Object.assign(process.env, env, { POWERTOOLS_LOG_LEVEL: 'SILENT' });
  const { resetRuntimeEnv } = await import('../domain/shared/runtime-env.ts');
  resetRuntimeEnv();
  const { dynamoClient } = await import('../domain/shared/dynamo.ts');
  const { placeOrder } = await import('../domain/orders/place-order.ts');
  const { createPayment } = await import('../domain/payments/payments.ts');
  const { createOrderServices } = await import('../domain/orders/order-deps.ts');
  const { newId } = await import('../domain/shared/ids.ts');
  const { systemClock } = await import('../domain/shared/clock.ts');
  const { handler: createOrderHandler } = await import('../functions/http/orders/create-order.ts');
  const { handler: createPaymentHandler } = await import('../functions/http/payments/create-payment.ts');

  const post = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${cloud.apiUrl}${path}`, { method: 'POST', headers: { authorization: `Bearer ${session.token}`, 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    if (res.status !== 201) throw new Error(`bench ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as Record<string, any>;
  };
  const region = await post('/v1/regions', { name: 'Order bench' });
  const storeId = (await post('/v1/stores', { code: 'ORDER-1', name: 'Order bench', regionId: region.id, ownership: 'direct', address: '1 Bench Road' })).id as string;
  const product = await post('/v1/products', { name: '下单测试', skus: Array.from({ length: LINES + 1 }, (_, i) => ({ code: `ORDER-${i}`, unit: '个', listPrice: 300 + i * 10 })) });
  const skuIds: string[] = product.skus.map((s: { id: string }) => s.id);
  const basket = skuIds.slice(0, LINES);
  await post('/v1/stock/movements', { locationId: storeId, type: 'receipt', lines: basket.map((skuId) => ({ skuId, quantity: 100_000 })) });
  // Buy 2 get 1 on the SKU the basket leaves out: the promotion is read and priced, and takes nothing.
  const promotion = await post('/v1/price-lists', { name: 'Bench promotion', kind: 'promotion', priority: 0, promotion: { type: 'buy_x_get_y', skuIds: [skuIds[LINES]], buy: 2, get: 1 } });

  const bare = bareClient(cloud);
  const tracer = await createTracer(cloud, bare);
  const inProcess = countedScope(cloud);
  tracer.attach(inProcess.scope.client.middlewareStack as unknown as Stack);
  tracer.attach(dynamoClient.middlewareStack as unknown as Stack);
  const deps = { ...createOrderServices(inProcess.scope), clock: systemClock };
  const ctx = { tenantId: session.tenantId, userId: session.userId, role: 'hq_admin' as const, storeIds: [] };
  const lines = basket.map((skuId) => ({ skuId, quantity: 1 }));
  const posOrder = { storeId, channel: 'pos' as const, lines, payment: { flow: 'cash' as const } };
  const onlineOrder = { storeId, channel: 'online' as const, lines };

  const context = { functionName: 'createOrder', awsRequestId: 'bench', getRemainingTimeInMillis: () => 10_000 } as unknown as Context;
  const eventFor = (routeKey: string, body: unknown) =>
    ({
      version: '2.0',
      routeKey,
      rawPath: routeKey.split(' ')[1],
      rawQueryString: '',
      headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: JSON.stringify(body),
      isBase64Encoded: false,
      requestContext: { requestId: randomUUID(), http: { method: 'POST', path: routeKey.split(' ')[1] }, authorizer: { jwt: { claims: { sub: session.userId, tenantId: session.tenantId, role: 'hq_admin' }, scopes: [] } } },
    }) as unknown as APIGatewayProxyEventV2WithJWTAuthorizer;
  type Handler = (event: APIGatewayProxyEventV2WithJWTAuthorizer, context: Context) => Promise<{ statusCode: number; body?: unknown }>;
  const viaHandler = async (h: Handler, routeKey: string, body: unknown) => {
    const res = await h(eventFor(routeKey, body), context);
    if (res.statusCode !== 201) throw new Error(`${routeKey} in-process answered ${res.statusCode}: ${res.body}`);
    return JSON.parse(String(res.body)) as Record<string, any>;
  };
  const expectTotal = (order: { total?: number; lines?: { discount: number }[] }) => {
    const listTotal = basket.reduce((n, _, i) => n + 300 + i * 10, 0);
    if (order.total !== listTotal) throw new Error(`the checkout charged ${order.total}, not the list total ${listTotal}`);
  };

  const posInProcess = () => placeOrder(ctx, posOrder, newId('order'), deps);
  const posHandler = () => viaHandler(createOrderHandler, 'POST /v1/orders', posOrder);
  const onlineInProcess = () => placeOrder(ctx, onlineOrder, newId('order'), deps);
  const payInProcess = (orderId: string) => createPayment(ctx, { orderId, flow: 'cash' }, newId('payment'), deps);

  // Warm every path (cold start: the tenant's route, the mac key, the services), and check the prices.
  for (let i = 0; i < 3; i++) {
    expectTotal(await posInProcess());
    expectTotal(await posHandler());
    const o = await onlineInProcess();
    await payInProcess(o.id);
    await viaHandler(createPaymentHandler, 'POST /v1/payments', { orderId: (await viaHandler(createOrderHandler, 'POST /v1/orders', onlineOrder)).id, flow: 'cash' });
  }

  phase('setupAndWarmup');
  /** TRACES timed traces of an operation and one with item images; `prepare` runs untraced before each. */
  const traceOf = async <P>(run: (p: P) => Promise<unknown>, prepare: () => Promise<P>) => {
    const traces: Call[][] = [];
    for (let i = 0; i < TRACES; i++) {
      const p = await prepare();
      traces.push((await tracer.record(false, () => run(p))).calls);
      await new Promise((r) => setTimeout(r, 15));
    }
    const p = await prepare();
    const imaged = (await tracer.record(true, () => run(p))).calls;
    return { traces, imaged };
  };
  const none = async () => undefined;
  const pendingOrder = async () => (await onlineInProcess()).id;
  const pos = { handler: await traceOf(posHandler, none), inProcess: await traceOf(posInProcess, none) };
  const online = { handler: await traceOf(() => viaHandler(createOrderHandler, 'POST /v1/orders', onlineOrder), none), inProcess: await traceOf(onlineInProcess, none) };
  const payment = {
    handler: await traceOf((orderId: string) => viaHandler(createPaymentHandler, 'POST /v1/payments', { orderId, flow: 'cash' }), pendingOrder),
    inProcess: await traceOf(payInProcess, pendingOrder),
  };
  phase('traces');
  const transactionOf = (calls: Call[]) => {
    const tx = calls.find((c) => c.command === 'TransactWriteItems');
    if (!tx) throw new Error('the operation wrote no transaction');
    return replayOf(tx.input.TransactItems as TransactWriteItem[], tracer);
  };
  let n = 0;
  const rawOf = (replay: (n: number) => TransactWriteItem[]) => async () => void (await bare.send(new TransactWriteItemsCommand({ TransactItems: replay(n++) })));
  const rawPos = rawOf(transactionOf(pos.inProcess.imaged));
  const rawOnline = rawOf(transactionOf(online.inProcess.imaged));
  const rawPayment = rawOf(transactionOf(payment.inProcess.imaged));

  const api = (path: string, body: unknown) => post(path, body, { 'idempotency-key': randomUUID() });
  inProcess.calls.length = 0;
  const posTiming = await measureInterleaved({ raw: rawPos, inProcess: async () => void (await posInProcess()) }, POS);
  const countedPerCheckout = round2(inProcess.calls.length / (POS.warmup + POS.iterations));
  const posApiTiming = await measureInterleaved({ raw: rawPos, api: async () => void (await api('/v1/orders', posOrder)) }, { ...API, paced: { variant: 'api', spacingMs: API_SPACING_MS } });
  phase('posTiming');
  // Payments take the oldest pending order, whichever path placed it; a few are placed ahead so
  // the queue never runs dry whichever variant a round starts with.
  const pending: string[] = [];
  for (let i = 0; i < 3; i++) pending.push(await pendingOrder());
  const nextPending = () => {
    const id = pending.shift();
    if (!id) throw new Error('no pending order to pay');
    return id;
  };
  const onlineTiming = await measureInterleaved(
    {
      onlineRaw: rawOnline,
      onlineInProcess: async () => void pending.push((await onlineInProcess()).id),
      onlineApi: async () => void pending.push((await api('/v1/orders', onlineOrder)).id),
      paymentRaw: rawPayment,
      paymentInProcess: async () => void (await payInProcess(nextPending())),
      paymentApi: async () => void (await api('/v1/payments', { orderId: nextPending(), flow: 'cash' })),
    },
    { ...ONLINE, paced: { variant: 'onlineApi', spacingMs: API_SPACING_MS } },
  );
  phase('onlineTiming');
  bare.destroy();
  inProcess.destroy();

  const ratio = (a: number, b: number) => round2(a / b);
  const timingOf = (variants: Record<string, Summary>) => Object.fromEntries(Object.entries(variants).map(([k, s]) => [k, withThroughput(s)]));
  /** Each path against the raw baseline measured beside it. */
  const timed = (raw: Summary, own: Summary, viaApi: Summary, rawBesideApi = raw) => ({
    inProcessOverRawThroughput: ratio(opsPerSecond(own), opsPerSecond(raw)),
    apiOverRawThroughput: ratio(opsPerSecond(viaApi), opsPerSecond(rawBesideApi)),
    inProcessOverRawP50: ratio(own.p50Ms, raw.p50Ms),
    apiOverRawP50: ratio(viaApi.p50Ms, rawBesideApi.p50Ms),
  });
  const posRatios = timed(posTiming.raw, posTiming.inProcess, posApiTiming.api, posApiTiming.raw);
  const result = {
    source: sourceOf(),
    machineLoad: { before: loadBefore, after: loadavg().map(round2) },
    durationsS,
    description:
      `Order checkout against DynamoDB Local. A ${LINES}-line POS cash checkout (placeOrder with payment { flow: 'cash' }; ${LINES} SKUs with stock at list prices, ` +
      `one promotion list active on another SKU so the promotion read runs), sequential: raw = bare TransactWriteItems of fresh copies of the items one checkout's ` +
      `transaction wrote (new partition keys of the same length, Update conditions dropped), inProcess = placeOrder in-process (countedScope client), ` +
      `interleaved, ${POS.warmup} + ${POS.iterations} rounds; api = POST /v1/orders over the local gateway with a fresh Idempotency-Key (paced ${API_SPACING_MS} ms apart), ` +
      `interleaved with its own raw baseline (rawBesideApi), ${API.warmup} + ${API.iterations} rounds. The same raw / in-process / API for an online order with a hold (channel online, pickup) and for its later payment ` +
      `(createPayment, POST /v1/payments, cash), six variants interleaved, ${ONLINE.warmup} + ${ONLINE.iterations} rounds. Per-request figures ('request') are counted on the route's handler run in-process, because the local API runs ` +
      `functions in worker threads this process cannot instrument: the same module and middy chain, every DynamoDB call (domain, idempotency records, request-quota ` +
      `lease) traced on the module client they all share locally; the edge's JWT check makes no DynamoDB call; every path is warmed first, so cold-start reads (the tenant's route) are not counted. 'useCase' counts the use case alone. Round trips = ` +
      `sequential waves: a call's wave is one past the latest wave of the calls that ended before it started, so calls overlapping in time share a wave. The ` +
      `request-quota lease (one conditional UpdateItem per leased block, about once a second per function instance; every request of an instance with no history) ` +
      `is counted apart: roundTripsWithQuotaLease and wcuWithQuotaLease. RCU by DynamoDB's rules from the items returned (strongly consistent 1 per 4 KB, eventual 0.5, ` +
      `BatchGet per item, Query per 4 KB of the result, a read that finds nothing the minimum unit), beside what DynamoDB Local reported with ` +
      `ReturnConsumedCapacity (it reports 0 for an empty Query and for a BatchGet's missing keys); WCU by DynamoDB's ` +
      `rules from each written item read before and after the write (bench/write-units.ts: 1 per KB of the larger image, 2 inside a transaction, +1 per KB per GSI ` +
      `entry written, moved or removed; projection ALL), beside what DynamoDB Local reported (it does not bill transactions as DynamoDB does). floorWcu: the ` +
      `transaction's items alone. Timing: ops/s = 1000 / mean ms, one at a time.`,
    budget: BUDGET,
    promotionListId: promotion.id,
    pos: {
      timing: timingOf({ ...posTiming, api: posApiTiming.api, rawBesideApi: posApiTiming.raw }),
      ratios: { ...posRatios, target: 0.8, inProcessMeetsTarget: posRatios.inProcessOverRawThroughput >= 0.8 },
      request: figuresOf(pos.handler.traces, pos.handler.imaged, tracer, BUDGET),
      useCase: { ...figuresOf(pos.inProcess.traces, pos.inProcess.imaged, tracer), countedByScopePerCheckout: countedPerCheckout },
    },
    online: {
      timing: timingOf({ raw: onlineTiming.onlineRaw, inProcess: onlineTiming.onlineInProcess, api: onlineTiming.onlineApi }),
      ratios: timed(onlineTiming.onlineRaw, onlineTiming.onlineInProcess, onlineTiming.onlineApi),
      request: figuresOf(online.handler.traces, online.handler.imaged, tracer),
      useCase: figuresOf(online.inProcess.traces, online.inProcess.imaged, tracer),
    },
    payment: {
      timing: timingOf({ raw: onlineTiming.paymentRaw, inProcess: onlineTiming.paymentInProcess, api: onlineTiming.paymentApi }),
      ratios: timed(onlineTiming.paymentRaw, onlineTiming.paymentInProcess, onlineTiming.paymentApi),
      request: figuresOf(payment.handler.traces, payment.handler.imaged, tracer),
      useCase: figuresOf(payment.inProcess.traces, payment.inProcess.imaged, tracer),
    },
  };
  writeResult('orders', result);
  return result;
};
