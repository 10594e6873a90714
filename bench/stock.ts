// What a stock movement costs, in one run against DynamoDB Local:
//   putItem   - a bare PutItem of one ledger line with the raw SDK client (baseline)
//   posting   - postStock() in-process for a 1-line receipt: reads of the posting, the level and
//               its policies, then one TransactWriteItems (counted here)
//   api       - POST /v1/stock/movements with 1 line: + gateway, JWT, request quota, middy, the
//               location and SKU checks, the audit entry
// and the write units of typical postings: computed from the items each transaction wrote, by
// DynamoDB's rules (bench/write-units.ts), beside what DynamoDB Local reports with
// ReturnConsumedCapacity (it counts a transactional write as an ordinary one). A line's movement
// item is written after the transaction, from its level's stream record, and is not counted.
import { GetItemCommand, PutItemCommand, type AttributeValue, type TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { LocalCloud } from '../local/cloud.ts';
import { measureInterleaved, writeResult } from './measure.ts';
import { bareClient, countedScope, useLocalEngine } from './local-engine.ts';
import { transactionalWriteUnits } from './write-units.ts';

/** 40: the most lines one request takes, so the 40-line case touches each SKU once. */
const SKUS = 40;
const OPTIONS = { warmup: 20, iterations: 200 };
const GSI_KEYS = ['gsi1pk'];

type Session = { token: string; tenantId: string; userId: string };
type Captured = { items: TransactWriteItem[]; reported?: number };

export const runStockBench = async (cloud: LocalCloud, session: Session) => {
  useLocalEngine(cloud);
  const { postStock } = await import('../domain/inventory/ledger/ledger.ts');
  const { recordMovements } = await import('../domain/inventory/ledger/movements.ts');
  const { placeReservation, releaseReservation, consumeReservation } = await import('../domain/inventory/reservations/reservation-ledger.ts');
  const { createStockService } = await import('../domain/inventory/stock-service.ts');
  const { newId } = await import('../domain/shared/ids.ts');
  const { systemClock } = await import('../domain/shared/clock.ts');

  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${cloud.apiUrl}${path}`, { method: 'POST', headers: { authorization: `Bearer ${session.token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (res.status !== 201) throw new Error(`bench ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as Record<string, any>;
  };
  const region = await post('/v1/regions', { name: 'Stock bench' });
  const store = (await post('/v1/stores', { code: 'STOCK-1', name: 'Stock bench', regionId: region.id, ownership: 'direct', address: '1 Bench Road' })).id as string;
  // A product holds at most 30 SKUs: two products.
  const products = await Promise.all([0, 1].map((p) => post('/v1/products', { name: `库存测试 ${p}`, skus: Array.from({ length: SKUS / 2 }, (_, i) => ({ code: `STOCK-${p}-${i}`, unit: '个', listPrice: 100 + i })) })));
  const skuIds: string[] = products.flatMap((product) => product.skus.map((s: { id: string }) => s.id));

  // The use case's client: every command counted, and each transaction's items kept with what the engine reported.
  const { scope, calls, destroy } = countedScope(cloud);
  const captured: Captured[] = [];
  const raw = (scope.client as unknown as { config: unknown; middlewareStack: { add: (...a: unknown[]) => void } }).middlewareStack;
  raw.add(
    (next: (a: { input: Record<string, unknown> }) => Promise<{ output: { ConsumedCapacity?: { CapacityUnits?: number }[] } }>, context: { commandName?: string }) =>
      async (args: { input: Record<string, unknown> }) => {
        if (!String(context.commandName).startsWith('TransactWrite')) return next(args);
        args.input.ReturnConsumedCapacity = 'INDEXES';
        const result = await next(args);
        captured.push({ items: args.input.TransactItems as TransactWriteItem[], reported: result.output.ConsumedCapacity?.reduce((n, c) => n + (c.CapacityUnits ?? 0), 0) });
        return result;
      },
    // Before the input is serialized, so the engine is asked for its consumed capacity.
    { step: 'initialize', priority: 'low' },
  );
  const service = createStockService(scope);
  const deps = { service, clock: systemClock };
  const ctx = { tenantId: session.tenantId, userId: session.userId, role: 'hq_admin' as const, storeIds: [] };
  const bare = bareClient(cloud);

  /** The write units of the last captured transaction, computed from the items as they stand after it. */
  const unitsOfLast = async () => {
    const { items, reported } = captured.at(-1)!;
    let table = 0;
    let indexes = 0;
    for (const t of items) {
      // Seen before the document client marshalled them: plain values.
      const put = t.Put?.Item as Record<string, unknown> | undefined;
      const update = t.Update && { TableName: t.Update.TableName, Key: marshall(t.Update.Key as Record<string, unknown>) };
      const written: Record<string, AttributeValue> | undefined = put ? marshall(put, { removeUndefinedValues: true }) : update ? (await bare.send(new GetItemCommand({ ...update, ConsistentRead: true }))).Item : undefined;
      if (!written) continue;
      const cost = transactionalWriteUnits(written, t.Put ? GSI_KEYS : []);
      table += cost.table;
      indexes += cost.indexes;
    }
    return { items: items.length, computedWcu: table + indexes, tableWcu: table, indexWcu: indexes, localEngineReported: reported ?? null };
  };
  const receipt = (lines: number, from = 0) =>
    postStock({ tenantId: session.tenantId, postingId: newId('posting'), changes: skuIds.slice(from, from + lines).map((skuId) => ({ locationId: store, skuId, movement: { type: 'receipt' as const, quantity: 12 }, guard: 'none' as const })) }, deps);

  await receipt(SKUS); // every level exists from here on
  const writeUnitsOf: Record<string, Awaited<ReturnType<typeof unitsOfLast>> & { movements: number; perMovement: number | null }> = {};
  const record = async (name: string, movements: number, run: () => Promise<unknown>) => {
    await run();
    const units = await unitsOfLast();
    writeUnitsOf[name] = { ...units, movements, perMovement: movements ? Math.round((units.computedWcu / movements) * 100) / 100 : null };
  };
  await record('receipt, 1 line (postStock)', 1, () => receipt(1));
  await record('receipt, 10 lines (postStock)', 10, () => receipt(10));
  await record('receipt, 40 lines as the API posts it (with its audit entry)', SKUS, () =>
    recordMovements(ctx, { locationId: store, type: 'receipt', lines: skuIds.map((skuId) => ({ skuId, quantity: 1 })), reference: 'DN-BENCH' }, deps),
  );
  const held = () => placeReservation(session.tenantId, { reservationId: newId('reservation'), locationId: store, channel: 'online', lines: [{ skuId: skuIds[0]!, quantity: 1 }], expiresAt: new Date(Date.now() + 900_000) }, deps);
  await record('reservation, 1 line', 0, held);
  const toRelease = await held();
  await record('release of a 1-line reservation', 0, () => releaseReservation(session.tenantId, toRelease.id, deps));
  const toSell = await held();
  await record('reservation consumed into a 1-line sale', 1, () => consumeReservation(session.tenantId, toSell.id, deps));

  calls.length = 0;
  await receipt(1);
  const dynamoCallsPerPosting = calls.length;

  let n = 0;
  const nextSku = () => skuIds[n++ % SKUS]!;
  const results = await measureInterleaved(
    {
      putItem: async () => {
        const movementId = newId('movement');
        const item = { pk: `${session.tenantId}#ledger#${store}#${nextSku()}`, sk: movementId, tenantId: session.tenantId, movementId, locationId: store, type: 'receipt', quantity: 1, occurredAt: new Date().toISOString(), postingId: newId('posting') };
        await bare.send(new PutItemCommand({ TableName: cloud.tables.main, Item: marshall(item) }));
      },
      posting: async () => {
        await postStock({ tenantId: session.tenantId, postingId: newId('posting'), changes: [{ locationId: store, skuId: nextSku(), movement: { type: 'receipt', quantity: 1 }, guard: 'none' }] }, deps);
      },
      api: async () => {
        await post('/v1/stock/movements', { locationId: store, type: 'receipt', lines: [{ skuId: nextSku(), quantity: 1 }] });
      },
    },
    OPTIONS,
  );
  bare.destroy();
  destroy();

  const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;
  const result = {
    description: `Stock movements at one store over ${SKUS} SKUs: bare PutItem of a ledger line vs postStock() of a 1-line receipt in-process vs POST /v1/stock/movements; write units of typical postings (their transactions; each line's movement item is then written from its level's stream record, a plain put of 1 WCU plus its gsi1 entry, not counted here)`,
    dynamoCallsPerPosting,
    writeUnits: writeUnitsOf,
    results,
    ratios: { postingOverPutItemP50: ratio(results.posting.p50Ms, results.putItem.p50Ms), apiOverPutItemP50: ratio(results.api.p50Ms, results.putItem.p50Ms) },
  };
  writeResult('stock', result);
  return result;
};

/** The README bench table's stock rows. */
