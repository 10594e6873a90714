// Imports one chunk of a product import. Each product goes in one transaction whose conditions
// include creating its rows' marks, so a redelivered chunk finds them and repeats nothing; a SKU
// code or barcode that is taken refuses just the row that has it (a whole line, for JSON lines)
// and the product is tried again without it, so no row is ever half imported. The chunk is then
// counted into the job once, and, if it imported anything, moves the catalog version: the rows
// are committed before the version that announces them, never after.
import type { Clock } from '../shared/clock.ts';
import { forEachConcurrent } from '../shared/concurrency.ts';
import { isConditionalCheckFailed } from '../shared/dynamo.ts';
import { auditEntry } from '../audit/audit.ts';
import { completeIfDone, listable, markRunning, MARK_TTL_SECONDS } from '../jobs/jobs.ts';
import { chunkMark, rowMark } from '../jobs/job-mark-entity.ts';
import type { CatalogService } from './catalog-service.ts';
import { commitCatalogChange, type TxEntities, type TxWrite } from './catalog-version.ts';
import { clashMessage, newProductRecords, newSkuWrites, takenBy, type WriteLabel } from './product-writes.ts';
import type { ProductImportChunk } from './product-import.ts';

type Deps = { service: CatalogService; clock: Clock };
type Group = Extract<ProductImportChunk['entries'][number], { group: unknown }>['group'];

const GROUP_CONCURRENCY = 8;
const expiry = (now: Date) => Math.floor(now.getTime() / 1000) + MARK_TTL_SECONDS;
const unique = (rows: readonly number[]) => [...new Set(rows)];
const rowsOf = (chunk: ProductImportChunk) => unique(chunk.entries.flatMap((e) => ('group' in e ? e.group.rows : [e.refusal.row])));

export const importProductChunk = async (chunk: ProductImportChunk, deps: Deps): Promise<void> => {
  const { tenantId } = chunk.context;
  await markRunning(tenantId, chunk.jobId, deps.service.entities.job, deps.clock.now());
  const rows = rowsOf(chunk);
  const done = new Set((await marksOf(chunk, rows, deps)).map((m) => m.row));
  const categories = await categoriesNamed(chunk, deps);
  await forEachConcurrent(chunk.entries, GROUP_CONCURRENCY, async (entry) => {
    if ('refusal' in entry) return done.has(entry.refusal.row) ? undefined : refuseRow(chunk, entry.refusal.row, entry.refusal.message, deps);
    const pending = entry.group.skus.filter((s) => !done.has(s.row));
    const categoryId = entry.group.product.categoryId;
    if (categoryId !== undefined && !categories.has(categoryId)) {
      await Promise.all(unique(pending.map((s) => s.row)).map((row) => refuseRow(chunk, row, `categoryId: no category ${categoryId} in this chain`, deps)));
      return;
    }
    return importGroup(chunk, entry.group, pending, deps);
  });
  await countChunk(chunk, rows, deps);
  await completeIfDone(tenantId, chunk.jobId, chunk.total, deps.service.entities.job, deps.clock.now());
};

const marksOf = async (chunk: ProductImportChunk, rows: readonly number[], { service }: Deps) => {
  const { tenantId } = chunk.context;
  const { data } = await service.entities.jobMark.get(rows.map((row) => ({ tenantId, jobId: chunk.jobId, mark: rowMark(row) }))).go({ consistent: true });
  return data.map((m) => ({ ...m, row: Number(m.mark.slice('row#'.length)) }));
};

const categoriesNamed = async (chunk: ProductImportChunk, { service }: Deps): Promise<Set<string>> => {
  const named = chunk.entries.some((e) => 'group' in e && e.group.product.categoryId !== undefined);
  if (!named) return new Set();
  const { data } = await service.entities.category.query.byTenant({ tenantId: chunk.context.tenantId }).go({ pages: 'all', attributes: ['categoryId'] });
  return new Set(data.map((c) => c.categoryId));
};

const importGroup = async (chunk: ProductImportChunk, group: Group, skus: Group['skus'], deps: Deps): Promise<void> => {
  const ctx = chunk.context;
  let pending = skus;
  for (let conflicts = 0; pending.length; ) {
    const now = deps.clock.now();
    const records = newProductRecords(ctx.tenantId, { ...group.product, skus: pending }, now);
    const rows = unique(pending.map((s) => s.row));
    let labels: WriteLabel[] = [];
    const { canceled, data } = await deps.service.transaction
      .write((e) => {
        const sku = newSkuWrites(e, records.skus);
        labels = [...rows.map((): WriteLabel => ({ kind: 'other' })), { kind: 'product' }, ...sku.labels];
        const after = { name: group.product.name, skus: records.skus.map((s) => s.code), importJobId: chunk.jobId, rows };
        return [
          ...rows.map((row) => e.jobMark.create({ tenantId: ctx.tenantId, jobId: chunk.jobId, mark: rowMark(row), outcome: 'imported', expiresAt: expiry(now) }).commit()),
          e.product.create(records.product).commit(),
          ...sku.writes,
          e.auditEntry.create(auditEntry(ctx, { action: 'product.created', targetType: 'product', targetId: records.product.productId, after }, now)).commit(),
        ];
      })
      .go();
    if (!canceled) return;
    const codes = (data as readonly { code: string }[]).map((d) => d.code);
    if (codes.slice(0, rows.length).includes('ConditionalCheckFailed')) return; // imported by an earlier delivery
    if (codes.includes('TransactionConflict')) {
      // Another writer held one of these items at that instant; the chunk is retried whole if this persists.
      if (++conflicts > 5) throw new Error(`Import transaction kept conflicting: ${JSON.stringify(codes)}`);
      await new Promise((r) => setTimeout(r, Math.random() * 20 * conflicts));
      continue;
    }
    const taken = takenBy(codes, labels);
    if (!taken.length) throw new Error(`Import transaction canceled: ${JSON.stringify(codes)}`);
    // One reason per row: its first clash in write order, so a taken code is named before a taken barcode.
    const refused = new Map<number, string>();
    for (const t of taken) {
      const row = pending[records.skus.indexOf(t.sku)]!.row;
      if (!refused.has(row)) refused.set(row, `${clashMessage(t)} already exists`);
    }
    await Promise.all([...refused].map(([row, message]) => refuseRow(chunk, row, message, deps)));
    pending = pending.filter((s) => !refused.has(s.row));
  }
};

const refuseRow = async (chunk: ProductImportChunk, row: number, message: string, { service, clock }: Deps) => {
  const mark = { tenantId: chunk.context.tenantId, jobId: chunk.jobId, mark: rowMark(row), outcome: 'refused' as const, message, expiresAt: expiry(clock.now()) };
  await service.entities.jobMark.create(mark).go().catch((error: unknown) => {
    if (!isConditionalCheckFailed(error)) throw error;
  });
};

class AlreadyCounted extends Error {}

/**
 * Adds the chunk's rows and refusals to the job once, read back from the row marks, in a
 * transaction conditioned on the chunk's mark. A chunk that imported anything also moves the
 * catalog version in that transaction; the job's error count is read inside the plan because a
 * version race replans.
 */
const countChunk = async (chunk: ProductImportChunk, rows: readonly number[], deps: Deps) => {
  const { tenantId } = chunk.context;
  const { service } = deps;
  const key = { tenantId, jobId: chunk.jobId, mark: chunkMark(chunk.chunk) };
  if ((await service.entities.jobMark.get(key).go({ consistent: true })).data) return;
  const marks = await marksOf(chunk, rows, deps);
  if (marks.length !== rows.length) throw new Error(`Chunk ${chunk.chunk} of job ${chunk.jobId} has unhandled rows`);
  const errors = marks.flatMap((m) => (m.outcome === 'refused' ? [{ row: m.row, message: m.message ?? 'refused' }] : []));
  const imported = marks.length - errors.length;
  const listed = async () => (await service.entities.job.get({ tenantId, jobId: chunk.jobId }).go({ consistent: true })).data?.errors.length ?? 0;
  const writes = (e: TxEntities, now: Date, alreadyListed: number): TxWrite[] => [
    e.jobMark.create({ ...key, outcome: 'counted', expiresAt: expiry(now) }).commit(),
    e.job.update({ tenantId, jobId: chunk.jobId }).add({ done: marks.length, refused: errors.length }).append({ errors: listable(errors, alreadyListed) }).set({ updatedAt: now.toISOString() }).commit(),
  ];
  if (imported === 0) {
    const now = deps.clock.now();
    const alreadyListed = await listed();
    const { canceled, data } = await service.transaction.write((e) => writes(e, now, alreadyListed)).go();
    const codes = (data as readonly { code: string }[]).map((d) => d.code);
    if (canceled && codes[0] !== 'ConditionalCheckFailed') throw new Error(`Counting transaction canceled: ${JSON.stringify(codes)}`);
    return;
  }
  try {
    await commitCatalogChange(
      tenantId,
      async (_versions, now) => {
        const alreadyListed = await listed();
        return {
          writes: (e) => writes(e, now, alreadyListed),
          event: { change: 'products.imported', jobId: chunk.jobId, chunk: chunk.chunk, importedRows: imported },
          result: undefined,
          refused: (codes) => (codes[0] === 'ConditionalCheckFailed' ? new AlreadyCounted() : undefined),
        };
      },
      deps,
    );
  } catch (error) {
    if (!(error instanceof AlreadyCounted)) throw error;
  }
};
