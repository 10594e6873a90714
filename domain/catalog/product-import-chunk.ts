// Imports one chunk of a product import, on the import machinery of domain/jobs. Each product
// goes in one transaction whose conditions include creating its rows' marks, so a redelivered
// chunk finds them and repeats nothing; a SKU code or barcode that is taken refuses just the row
// that has it (a whole line, for JSON lines) and the product is tried again without it, so no row
// is ever half imported. The chunk is then counted into the job once, and, if it imported
// anything, moves the catalog version in the same transaction: the rows are committed before the
// version that announces them, never after. A chunk that dead-lettered is counted the same way.
import type { Clock } from '../shared/clock.ts';
import { forEachConcurrent } from '../shared/concurrency.ts';
import { retryOptimistically, RETRY } from '../shared/optimistic-retry.ts';
import { auditEntry } from '../audit/audit.ts';
import { commitCountAlone, countRefusal, endDeadChunk, importedMark, refuseRow, runChunk, type CommitCount } from '../jobs/import-chunk.ts';
import type { CatalogService } from './catalog-service.ts';
import { commitCatalogChange } from './catalog-version.ts';
import { clashMessage, newProductRecords, newSkuWrites, takenBy, type WriteLabel } from './product-writes.ts';
import { chunkRows, type DeadProductImportChunk, type ProductImportChunk } from './product-import.ts';

type Deps = { service: CatalogService; clock: Clock };
type Group = Extract<ProductImportChunk['entries'][number], { group: unknown }>['group'];

const GROUP_CONCURRENCY = 8;
/** Attempts of a product's transaction while other writers hold its items at that instant. */
const CONFLICT_ATTEMPTS = 6;
const unique = (rows: readonly number[]) => [...new Set(rows)];
const jobDeps = ({ service, clock }: Deps) => ({ jobs: service.entities, clock });

export const importProductChunk = (chunk: ProductImportChunk, deps: Deps): Promise<void> =>
  runChunk(
    chunk,
    chunkRows(chunk),
    async (done) => {
      const categories = await categoriesNamed(chunk, deps);
      await forEachConcurrent(chunk.entries, GROUP_CONCURRENCY, async (entry) => {
        if ('refusal' in entry) return done.has(entry.refusal.row) ? undefined : refuseRow(chunk, entry.refusal.row, entry.refusal.message, jobDeps(deps));
        const pending = entry.group.skus.filter((s) => !done.has(s.row));
        const categoryId = entry.group.product.categoryId;
        if (categoryId !== undefined && !categories.has(categoryId)) {
          await Promise.all(unique(pending.map((s) => s.row)).map((row) => refuseRow(chunk, row, `categoryId: no category ${categoryId} in this chain`, jobDeps(deps))));
          return;
        }
        return importGroup(chunk, entry.group, pending, deps);
      });
    },
    jobDeps(deps),
    commitCount(chunk, deps),
  );

/** Ends a chunk that dead-lettered: its unhandled rows fail as chunk_failed and the job ends failed. */
export const endDeadProductChunk = (chunk: DeadProductImportChunk, deps: Deps): Promise<void> =>
  endDeadChunk(chunk, chunkRows(chunk), jobDeps(deps), commitCount(chunk, deps));

/**
 * A chunk that imported anything is counted in a catalog change (products.imported), so the
 * version moves in the transaction that counts the rows; one that imported nothing, alone.
 */
const commitCount =
  (chunk: Pick<ProductImportChunk, 'context' | 'jobId' | 'chunk'>, deps: Deps): CommitCount =>
  async (count) => {
    if (count.imported === 0) return commitCountAlone(deps.service.entities)(count);
    await commitCatalogChange(
      chunk.context.tenantId,
      async () => ({
        writes: (e) => [...count.writes(e)],
        event: { change: 'products.imported', jobId: chunk.jobId, chunk: chunk.chunk, importedRows: count.imported },
        result: undefined,
        refused: countRefusal,
      }),
      deps,
    );
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
  await retryOptimistically(CONFLICT_ATTEMPTS, () => new Error(`Import of product "${group.product.name}" kept conflicting`), async () => {
    while (pending.length) {
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
            ...rows.map((row) => importedMark(e.jobMark, chunk, row, now)),
            e.product.create(records.product).commit(),
            ...sku.writes,
            e.auditEntry.create(auditEntry(ctx, { action: 'product.created', targetType: 'product', targetId: records.product.productId, after }, now)).commit(),
          ];
        })
        .go();
      if (!canceled) return undefined;
      const codes = (data as readonly { code: string }[]).map((d) => d.code);
      if (codes.slice(0, rows.length).includes('ConditionalCheckFailed')) return undefined; // imported by an earlier delivery
      // Another writer held one of these items at that instant; the chunk is retried whole if this persists.
      if (codes.includes('TransactionConflict')) return RETRY;
      const taken = takenBy(codes, labels);
      if (!taken.length) throw new Error(`Import transaction canceled: ${JSON.stringify(codes)}`);
      // One reason per row: its first clash in write order, so a taken code is named before a taken barcode.
      const refused = new Map<number, string>();
      for (const t of taken) {
        const row = pending[records.skus.indexOf(t.sku)]!.row;
        if (!refused.has(row)) refused.set(row, `${clashMessage(t)} already exists`);
      }
      await Promise.all([...refused].map(([row, message]) => refuseRow(chunk, row, message, jobDeps(deps))));
      pending = pending.filter((s) => !refused.has(s.row));
    }
    return undefined;
  });
};
