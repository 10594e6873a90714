// Functions and queue of the price engine: price lists, price resolution and basket quotes, store
// price versions, and the fan-out that moves those versions after each price change.
import type { ManifestInput } from '../manifest-schema.ts';

const creating = { tables: { main: 'readWrite', idempotency: 'readWrite' } } as const;
const reading = { tables: { main: 'read' } } as const;
const writing = { tables: { main: 'readWrite' } } as const;

export const pricingQueues = {
  // Price changes to fan out to the stores they affect; one message group per tenant.
  priceFanouts: { fifo: true, visibilityTimeoutSeconds: 180, deadLetter: { maxReceiveCount: 5 } },
} as const satisfies ManifestInput['queues'];

export const pricingFunctions = {
  createPriceList: {
    entry: 'functions/http/pricing/create-price-list.ts',
    description: 'Create a standard, member or promotion price list with its first prices; a price change',
    trigger: { type: 'http', method: 'POST', path: '/v1/price-lists', access: ['hq_admin'] },
    bindings: creating,
  },
  listPriceLists: {
    entry: 'functions/http/pricing/list-price-lists.ts',
    description: "The chain's price lists, newest first, by status and kind",
    trigger: { type: 'http', method: 'GET', path: '/v1/price-lists', access: ['hq_admin'] },
    bindings: reading,
  },
  getPriceList: {
    entry: 'functions/http/pricing/get-price-list.ts',
    description: 'One price list: scope, window, priority, status, version',
    trigger: { type: 'http', method: 'GET', path: '/v1/price-lists/{id}', access: ['hq_admin'] },
    bindings: reading,
  },
  updatePriceList: {
    entry: 'functions/http/pricing/update-price-list.ts',
    description: 'Change, activate or archive a price list (a new version); a price change',
    trigger: { type: 'http', method: 'PATCH', path: '/v1/price-lists/{id}', access: ['hq_admin'] },
    bindings: writing,
  },
  listPriceListPrices: {
    entry: 'functions/http/pricing/list-price-list-prices.ts',
    description: "A price list's prices in SKU order, a page at a time",
    trigger: { type: 'http', method: 'GET', path: '/v1/price-lists/{id}/prices', access: ['hq_admin'] },
    bindings: reading,
  },
  resolvePrices: {
    entry: 'functions/http/pricing/resolve-prices.ts',
    description: 'Effective prices of SKUs at a store, channel and moment, with the source of each',
    trigger: { type: 'http', method: 'GET', path: '/v1/prices/resolve', access: 'signedIn' },
    bindings: reading,
  },
  quoteBasket: {
    entry: 'functions/http/pricing/quote-basket.ts',
    description: 'Price a basket at a store: unit prices, promotions, discounts and total',
    trigger: { type: 'http', method: 'POST', path: '/v1/prices:quote', access: 'signedIn' },
    bindings: reading,
  },
  getStorePriceVersion: {
    entry: 'functions/http/pricing/get-store-price-version.ts',
    description: "A store's price version and the version its terminals acknowledged",
    trigger: { type: 'http', method: 'GET', path: '/v1/stores/{id}/price-version', access: 'signedIn' },
    bindings: reading,
  },
  acknowledgePriceVersion: {
    entry: 'functions/http/pricing/acknowledge-price-version.ts',
    description: "Record the price version a store's terminals now run",
    trigger: { type: 'http', method: 'PUT', path: '/v1/stores/{id}/price-version/acknowledgement', access: 'signedIn' },
    bindings: writing,
  },
  publishPriceChanges: {
    entry: 'functions/stream/publish-price-changes.ts',
    description: 'Queue each committed price change for the fan-out to its stores',
    trigger: {
      type: 'stream',
      table: 'main',
      batchSize: 100,
      startingPosition: 'TRIM_HORIZON',
      filter: { eventNames: ['INSERT'], entities: ['priceChange'] },
    },
    bindings: { queues: { priceFanouts: 'send' } },
  },
  fanOutPriceChange: {
    entry: 'functions/sqs/fan-out-price-change.ts',
    description: "Move the price version of every store a price change affects, forward only",
    trigger: { type: 'sqs', queue: 'priceFanouts', batchSize: 1 },
    bindings: writing,
    timeoutSeconds: 120,
  },
} as const satisfies ManifestInput['functions'];
