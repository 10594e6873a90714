// Reading terminals. Store-scoped roles see their stores' terminals and no others; another
// store's or tenant's terminal, or store, answers 404, as if it did not exist.
import { NotFoundError } from '../shared/errors.ts';
import { withCursor } from '../shared/pagination.ts';
import { canAccessStore, isStoreScoped, type TenantContext } from '../shared/tenancy.ts';
import type { TerminalListQuery } from './schemas.ts';
import type { TerminalService } from './terminal-service.ts';
import { terminalView } from './terminal-view.ts';

type Deps = { service: TerminalService };

export const getTerminal = async (ctx: TenantContext, thingName: string, { service }: Deps) => {
  const { data } = await service.entities.terminal.get({ tenantId: ctx.tenantId, thingName }).go();
  if (!data || !canAccessStore(ctx, data.storeId)) throw new NotFoundError('terminal');
  return terminalView(ctx)(data);
};

const storeTerminals = async (ctx: TenantContext, storeId: string, query: TerminalListQuery, { service }: Deps) =>
  withCursor(query.cursor, () => service.entities.terminal.query.byStore({ tenantId: ctx.tenantId, storeId }).go({ limit: query.limit, cursor: query.cursor ?? null }));

export const listTerminals = async (ctx: TenantContext, query: TerminalListQuery, deps: Deps) => {
  if (query.storeId) {
    const { data: store } = canAccessStore(ctx, query.storeId) ? await deps.service.entities.store.get({ tenantId: ctx.tenantId, storeId: query.storeId }).go() : { data: null };
    if (!store) throw new NotFoundError('store');
    const { data, cursor } = await storeTerminals(ctx, query.storeId, query, deps);
    return { data: data.map(terminalView(ctx)), nextCursor: cursor ?? null };
  }
  if (isStoreScoped(ctx)) {
    // A scoped role has a handful of stores, each with a handful of terminals: all of them at once.
    const pages = await Promise.all(
      ctx.storeIds.map((storeId) => deps.service.entities.terminal.query.byStore({ tenantId: ctx.tenantId, storeId }).go({ pages: 'all' })),
    );
    return { data: pages.flatMap((p) => p.data).map(terminalView(ctx)), nextCursor: null };
  }
  const { data, cursor } = await withCursor(query.cursor, () =>
    deps.service.entities.terminal.query.byStore({ tenantId: ctx.tenantId }).go({ limit: query.limit, cursor: query.cursor ?? null }),
  );
  return { data: data.map(terminalView(ctx)), nextCursor: cursor ?? null };
};
