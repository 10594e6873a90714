// Changing a price list: its name, priority, scope, window, status, promotion rule or prices. Each
// effective change is one list version (the header write is conditioned on the version read, so
// two editors never overwrite each other) and one number in the chain's price sequence. Archiving
// ends a list for good; its prices are cleared afterwards by the fan-out.
import { ValidationError } from '../shared/errors.ts';
import type { Clock } from '../shared/clock.ts';
import type { TenantContext } from '../shared/tenancy.ts';
import { auditEntry } from '../audit/audit.ts';
import type { PricingService } from './pricing-service.ts';
import { commitPriceChange, type PriceListChangeKind } from './price-change.ts';
import type { PriceListScope } from './price-resolution.ts';
import { referencesOf, requireReferences } from './references.ts';
import { fullScope, liveListItem, priceListView, type PriceListRecord } from './price-list-view.ts';
import { readPriceList } from './price-lists.ts';
import { PriceListStateError, StaleVersionError } from './errors.ts';
import type { PriceListPatch } from './schemas.ts';
import type { PriceListView, PriceListWrite } from './views.ts';

type Deps = { service: PricingService; clock: Clock };

const HEADER_FIELDS = ['name', 'priority', 'scope', 'validFrom', 'validTo', 'status', 'promotion'] as const;

/** Refusals that depend on the list as it is now, not on the request alone. */
const checkAgainst = (list: PriceListRecord, patch: PriceListPatch, next: PriceListRecord) => {
  if (patch.expectedVersion !== undefined && patch.expectedVersion !== list.version) throw new StaleVersionError(patch.expectedVersion, list.version);
  if (list.status === 'archived') throw new PriceListStateError('The price list is archived; create a new one instead');
  const problems: { path: string; message: string }[] = [];
  if (list.kind === 'promotion' && (patch.prices?.length || patch.removeSkuIds?.length)) problems.push({ path: 'body.prices', message: 'a promotion list has a rule, not prices' });
  if (list.kind !== 'promotion' && patch.promotion) problems.push({ path: 'body.promotion', message: `a ${list.kind} list has prices, not a promotion rule` });
  if (next.validFrom && next.validTo && next.validTo <= next.validFrom) problems.push({ path: 'body.validTo', message: 'must be later than validFrom' });
  if (problems.length) throw new ValidationError(problems);
};

const nextHeader = (list: PriceListRecord, patch: PriceListPatch): PriceListRecord => ({
  ...list,
  name: patch.name ?? list.name,
  priority: patch.priority ?? list.priority,
  scope: patch.scope ? fullScope(patch.scope) : list.scope,
  validFrom: patch.validFrom === undefined ? list.validFrom : (patch.validFrom ?? undefined),
  validTo: patch.validTo === undefined ? list.validTo : (patch.validTo ?? undefined),
  status: patch.status ?? list.status,
  promotion: patch.promotion ?? list.promotion,
});

const changeKind = (before: PriceListRecord, after: PriceListRecord): PriceListChangeKind =>
  after.status === before.status ? 'price_list.updated' : after.status === 'archived' ? 'price_list.archived' : 'price_list.activated';

/** The scopes whose stores may sell at other prices: none for a rename or a draft's edits. */
const touchedScopes = (before: PriceListRecord, after: PriceListRecord, pricesMoved: boolean): PriceListScope[] => {
  const differs = (k: (typeof HEADER_FIELDS)[number]) => JSON.stringify(before[k]) !== JSON.stringify(after[k]);
  if (!pricesMoved && !HEADER_FIELDS.some((k) => k !== 'name' && differs(k))) return [];
  const scopes = [before, after].filter((l) => l.status === 'active').map((l) => l.scope);
  return scopes.length === 2 && JSON.stringify(scopes[0]) === JSON.stringify(scopes[1]) ? [scopes[0]!] : scopes;
};

export const updatePriceList = async (ctx: TenantContext, priceListId: string, patch: PriceListPatch, deps: Deps): Promise<PriceListWrite> => {
  await requireReferences(ctx, referencesOf({ scope: patch.scope, promotion: patch.promotion, prices: patch.prices }), deps);
  const { tenantId } = ctx;
  const { result, sequence } = await commitPriceChange<PriceListView>(
    tenantId,
    // Read inside the plan: a retry after another price change must see that change.
    async (now) => {
      const list = await readPriceList(ctx, priceListId, deps);
      const next = nextHeader(list, patch);
      checkAgainst(list, patch, next);
      const named = [...(patch.prices ?? []).map((l) => l.skuId), ...(patch.removeSkuIds ?? [])];
      const { data: entries } = named.length
        ? await deps.service.entities.priceEntry.get(named.map((skuId) => ({ tenantId, skuId, priceListId }))).go({ consistent: true })
        : { data: [] };
      const current = new Map(entries.map((e) => [e.skuId, e.amount]));
      const set = (patch.prices ?? []).filter((l) => current.get(l.skuId) !== l.amount);
      const removed = (patch.removeSkuIds ?? []).filter((id) => current.has(id));
      next.lineCount = list.lineCount + set.filter((l) => !current.has(l.skuId)).length - removed.length;
      const headerMoved = HEADER_FIELDS.some((k) => JSON.stringify(list[k]) !== JSON.stringify(next[k]));
      if (!headerMoved && set.length + removed.length === 0) return { unchanged: priceListView(list) };

      const at = now.toISOString();
      Object.assign(next, { version: list.version + 1, updatedAt: at });
      const change = changeKind(list, next);
      const cleared = (['validFrom', 'validTo'] as const).filter((k) => next[k] === undefined && list[k] !== undefined);
      const { name, priority, scope, validFrom, validTo, status, promotion, lineCount, version } = next;
      const view = priceListView(next);
      return {
        priceListId,
        listVersion: version,
        change,
        scopes: touchedScopes(list, next, set.length + removed.length > 0),
        writes: (e) => {
          const patched = e.priceList
            .patch({ tenantId, priceListId })
            .set({ name, priority, scope, status, lineCount, version, updatedAt: at, ...(validFrom && { validFrom }), ...(validTo && { validTo }), ...(promotion && { promotion }) });
          return [
            (cleared.length ? patched.remove(cleared) : patched).where((a, { eq }) => eq(a.version, list.version)).commit(),
            ...set.map((l) => e.priceEntry.put({ tenantId, priceListId, skuId: l.skuId, amount: l.amount, version, updatedAt: at }).commit()),
            ...removed.map((skuId) => e.priceEntry.delete({ tenantId, priceListId, skuId }).commit()),
            ...(status === 'active' ? [e.livePriceList.put(liveListItem(next)).commit()] : []),
            ...(status !== 'active' && list.status === 'active' ? [e.livePriceList.delete({ tenantId, priceListId }).commit()] : []),
            e.auditEntry
              .create(auditEntry(ctx, { action: change, targetType: 'priceList', targetId: priceListId, before: priceListView(list), after: { ...view, prices: set, removedSkuIds: removed } }, now))
              .commit(),
          ];
        },
        result: view,
      };
    },
    deps,
  );
  return { ...result, priceSequence: sequence };
};
