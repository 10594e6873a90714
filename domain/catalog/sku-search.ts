// Listing and searching a tenant's SKUs on its name index (gsi1, `${tenantId}#skus`, sorted by
// lower-cased name then code). A name search is a filter on that index, so its cost grows with the
// catalog, not with the matches: each call evaluates at most MAX_PAGES x PAGE_SIZE SKUs (about
// 0.5 KB each, so at most ~63 eventually consistent RCU) and returns a cursor to go on from there.
// Fine for the few thousand SKUs of a convenience chain; a catalog of 100k+ SKUs wants a search
// index (OpenSearch) fed from catalog.changed instead.
import { z } from 'zod';
import { ValidationError } from '../shared/errors.ts';
import type { TenantContext } from '../shared/tenancy.ts';
import type { CatalogService } from './catalog-service.ts';
import { skuView, type SkuRecord } from './sku-view.ts';
import type { SkuView } from './views.ts';

const PAGE_SIZE = 200;
const MAX_PAGES = 5;

/** The index position a page ends at: the four key attributes a GSI query resumes from. */
const Position = z.object({ pk: z.string(), sk: z.string(), gsi1pk: z.string(), gsi1sk: z.string() }).strict();
type Position = z.infer<typeof Position>;

const badCursor = () => new ValidationError([{ path: 'query.cursor', message: 'The cursor is not valid for this list' }]);

const encodeCursor = (p: Position): string => Buffer.from(JSON.stringify(p)).toString('base64url');

/** A cursor is ours only if it points at the caller's own items: anything else is a 400. */
const decodeCursor = (cursor: string, tenantId: string, partition: string): Position => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badCursor();
  }
  const position = Position.safeParse(parsed);
  if (!position.success || position.data.gsi1pk !== partition || !position.data.pk.startsWith(`${tenantId}#sku#`)) throw badCursor();
  return position.data;
};

const positionOf = (item: Record<string, unknown>): Position => Position.parse({ pk: item.pk, sk: item.sk, gsi1pk: item.gsi1pk, gsi1sk: item.gsi1sk });

type RawPage = { Items?: Record<string, unknown>[]; LastEvaluatedKey?: Record<string, unknown> };

export const searchSkus = async (
  ctx: TenantContext,
  { q, limit, cursor }: { q?: string; limit: number; cursor?: string },
  service: CatalogService,
): Promise<{ data: SkuView[]; nextCursor: string | null }> => {
  const sku = service.entities.sku;
  const partition = `${ctx.tenantId}#skus`;
  let start: Position | undefined = cursor === undefined ? undefined : decodeCursor(cursor, ctx.tenantId, partition);
  const needle = q?.toLowerCase();
  const found: { item: Record<string, unknown>; view: SkuView }[] = [];
  for (let page = 0; page < MAX_PAGES; page++) {
    const query = sku.query.byName({ tenantId: ctx.tenantId }).where((a, { contains }) => (needle === undefined ? '' : contains(a.searchText, needle)));
    // Raw, so the page resumes from our own validated position rather than a cursor we cannot check.
    const { data } = (await query.go({ data: 'raw', limit: needle === undefined ? limit : PAGE_SIZE, params: { ExclusiveStartKey: start } })) as unknown as { data: RawPage };
    const items = data.Items ?? [];
    const { data: parsed } = sku.parse({ Items: items });
    parsed.forEach((s, i) => found.push({ item: items[i]!, view: skuView(s as SkuRecord) }));
    start = data.LastEvaluatedKey && positionOf(data.LastEvaluatedKey);
    if (found.length >= limit || !start) break;
  }
  if (found.length > limit) {
    // The last page matched more than asked for: resume right after the last one returned.
    found.length = limit;
    start = positionOf(found[limit - 1]!.item);
  }
  return { data: found.map((f) => f.view), nextCursor: start ? encodeCursor(start) : null };
};
