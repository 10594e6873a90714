// Functions of the stock ledger: movements, levels, policies, reservations and their expiry.
import type { ManifestInput } from '../manifest-schema.ts';

const creating = { tables: { main: 'readWrite', idempotency: 'readWrite' } } as const;
const reading = { tables: { main: 'read' } } as const;
const writing = { tables: { main: 'readWrite' } } as const;
/** Store staff act at their own stores (domain/inventory/request-checks.ts); cashiers and franchisees only read. */
const changers = ['hq_admin', 'store_manager'] as const;
const readers = ['hq_admin', 'store_manager', 'cashier', 'franchisee'] as const;

export const stockFunctions = {
  recordStockMovements: {
    entry: 'functions/http/stock/record-movements.ts',
    description: 'Record receipts, adjustments or damage at a location: one posting on the stock ledger',
    trigger: { type: 'http', method: 'POST', path: '/v1/stock/movements', access: [...changers] },
    bindings: creating,
  },
  listStockMovements: {
    entry: 'functions/http/stock/list-movements.ts',
    description: 'The append-only stock ledger of a location, or of one SKU there',
    trigger: { type: 'http', method: 'GET', path: '/v1/stock/movements', access: ['hq_admin', 'store_manager', 'franchisee'] },
    bindings: reading,
  },
  getStock: {
    entry: 'functions/http/stock/get-stock.ts',
    description: 'On hand, reserved and available per SKU at a location, for a channel',
    trigger: { type: 'http', method: 'GET', path: '/v1/stock', access: [...readers] },
    bindings: reading,
  },
  setStockPolicies: {
    entry: 'functions/http/stock/set-policies.ts',
    description: "A location's safety stock and low-stock thresholds, as defaults and per SKU",
    trigger: { type: 'http', method: 'PUT', path: '/v1/stock/policies', access: [...changers] },
    bindings: writing,
  },
  getStockPolicies: {
    entry: 'functions/http/stock/get-policies.ts',
    description: "A location's stock policies: defaults and SKU overrides",
    trigger: { type: 'http', method: 'GET', path: '/v1/stock/policies', access: [...readers] },
    bindings: reading,
  },
  createStockReservation: {
    entry: 'functions/http/stock/create-reservation.ts',
    description: 'Hold stock at a location for a while, all lines or none',
    trigger: { type: 'http', method: 'POST', path: '/v1/stock/reservations', access: [...changers] },
    bindings: creating,
  },
  getStockReservation: {
    entry: 'functions/http/stock/get-reservation.ts',
    description: 'One stock reservation',
    trigger: { type: 'http', method: 'GET', path: '/v1/stock/reservations/{id}', access: [...readers] },
    bindings: reading,
  },
  releaseStockReservation: {
    entry: 'functions/http/stock/release-reservation.ts',
    description: "Give a reservation's units back",
    trigger: { type: 'http', method: 'POST', path: '/v1/stock/reservations/{id}/release', access: [...changers] },
    bindings: writing,
  },
  consumeStockReservation: {
    entry: 'functions/http/stock/consume-reservation.ts',
    description: 'Sell reserved units: sale movements, the rest given back',
    trigger: { type: 'http', method: 'POST', path: '/v1/stock/reservations/{id}/consume', access: [...changers] },
    bindings: writing,
  },
  openStockPool: {
    entry: 'functions/http/stock/open-pool.ts',
    description: 'Set aside a flash-sale pool of one SKU for a channel, split across shard items',
    trigger: { type: 'http', method: 'PUT', path: '/v1/stock/shards', access: ['hq_admin'] },
    bindings: creating,
  },
  listStockPools: {
    entry: 'functions/http/stock/list-pools.ts',
    description: "A location's flash-sale pools and what is left in each shard",
    trigger: { type: 'http', method: 'GET', path: '/v1/stock/shards', access: [...changers] },
    bindings: reading,
  },
  releaseStockPool: {
    entry: 'functions/http/stock/release-pool.ts',
    description: "Close a flash-sale pool: what is left in its shards goes back to the level's free stock",
    trigger: { type: 'http', method: 'POST', path: '/v1/stock/shards:release', access: ['hq_admin'] },
    bindings: writing,
  },
  expireStockReservations: {
    entry: 'functions/schedule/expire-reservations.ts',
    description: 'End the reservations whose deadline has passed, in every registered tenant',
    trigger: { type: 'schedule', cron: '* * * * ? *' },
    // Reads the platform's sweep registry; ends each tenant's reservations with its vended scope.
    bindings: writing,
    timeoutSeconds: 60,
  },
} as const satisfies ManifestInput['functions'];
