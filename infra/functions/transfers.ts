// Functions of stock transfers, stocktakes and replenishment: moving stock between locations with
// an in-transit state, counting it, and a store's suggestions and orders that a warehouse ships.
// Store managers act at their own stores; warehouses are HQ-run.
import type { ManifestInput } from '../manifest-schema.ts';

const creating = { tables: { main: 'readWrite', idempotency: 'readWrite' } } as const;
const reading = { tables: { main: 'read' } } as const;
const writing = { tables: { main: 'readWrite' } } as const;
const stockRoles = ['hq_admin', 'store_manager'] as const;
const http = (method: 'GET' | 'POST' | 'PUT', path: string, access: readonly ('hq_admin' | 'store_manager')[] = stockRoles) => ({ type: 'http' as const, method, path, access: [...access] });

export const transferFunctions = {
  createTransfer: {
    entry: 'functions/http/transfers/create-transfer.ts',
    description: 'Ship stock from one location to another: transfer_out at the source and the in-transit transfer, one transaction',
    trigger: http('POST', '/v1/stock/transfers'),
    bindings: creating,
  },
  listTransfers: {
    entry: 'functions/http/transfers/list-transfers.ts',
    description: "A location's transfers, newest first, by status and direction",
    trigger: http('GET', '/v1/stock/transfers'),
    bindings: reading,
  },
  getTransfer: {
    entry: 'functions/http/transfers/get-transfer.ts',
    description: 'One transfer with shipped, received, lost and outstanding per line',
    trigger: http('GET', '/v1/stock/transfers/{id}'),
    bindings: reading,
  },
  receiveTransfer: {
    entry: 'functions/http/transfers/receive-transfer.ts',
    description: 'Receive a transfer in whole or in part: transfer_in at the destination, counted once per receipt',
    trigger: http('POST', '/v1/stock/transfers/{id}/receive'),
    bindings: creating,
  },
  closeTransfer: {
    entry: 'functions/http/transfers/close-transfer.ts',
    description: 'Close a transfer short, writing off what never arrived as lost in transit',
    trigger: http('POST', '/v1/stock/transfers/{id}/close', ['hq_admin']),
    bindings: creating,
  },
  createStocktake: {
    entry: 'functions/http/stocktakes/create-stocktake.ts',
    description: 'Record counted stock against the ledger and post the variances, one transaction',
    trigger: http('POST', '/v1/stocktakes'),
    bindings: creating,
  },
  listStocktakes: {
    entry: 'functions/http/stocktakes/list-stocktakes.ts',
    description: "A location's stocktakes, newest first",
    trigger: http('GET', '/v1/stocktakes'),
    bindings: reading,
  },
  getStocktake: {
    entry: 'functions/http/stocktakes/get-stocktake.ts',
    description: 'One stocktake: expected, counted and variance per SKU, who and when',
    trigger: http('GET', '/v1/stocktakes/{id}'),
    bindings: reading,
  },
  setReplenishmentLevels: {
    entry: 'functions/http/replenishment/set-levels.ts',
    description: "Set a store's min/max per SKU for replenishment",
    trigger: http('PUT', '/v1/stores/{id}/replenishment/levels'),
    bindings: writing,
  },
  listReplenishmentLevels: {
    entry: 'functions/http/replenishment/list-levels.ts',
    description: "A store's min/max per SKU",
    trigger: http('GET', '/v1/stores/{id}/replenishment/levels'),
    bindings: reading,
  },
  getReplenishmentSuggestions: {
    entry: 'functions/http/replenishment/get-suggestions.ts',
    description: 'Suggested order quantities for a page of the store assortment, from recent sales, stock, in-transit and min/max',
    trigger: http('GET', '/v1/stores/{id}/replenishment/suggestions'),
    bindings: reading,
  },
  createReplenishmentOrder: {
    entry: 'functions/http/replenishment/create-order.ts',
    description: 'Submit a store replenishment order to a warehouse',
    trigger: http('POST', '/v1/replenishment-orders'),
    bindings: creating,
  },
  listReplenishmentOrders: {
    entry: 'functions/http/replenishment/list-orders.ts',
    description: "A store's or a warehouse's replenishment orders, newest first, by status",
    trigger: http('GET', '/v1/replenishment-orders'),
    bindings: reading,
  },
  getReplenishmentOrder: {
    entry: 'functions/http/replenishment/get-order.ts',
    description: 'One replenishment order and the transfer that shipped it',
    trigger: http('GET', '/v1/replenishment-orders/{id}'),
    bindings: reading,
  },
  shipReplenishmentOrder: {
    entry: 'functions/http/replenishment/ship-order.ts',
    description: 'Ship a submitted replenishment order as a transfer from its warehouse, exactly once',
    trigger: http('POST', '/v1/replenishment-orders/{id}/ship', ['hq_admin']),
    bindings: creating,
  },
  cancelReplenishmentOrder: {
    entry: 'functions/http/replenishment/cancel-order.ts',
    description: 'Cancel a replenishment order that has not shipped',
    trigger: http('POST', '/v1/replenishment-orders/{id}/cancel'),
    bindings: creating,
  },
} as const satisfies ManifestInput['functions'];
