// What an order recorded from a till's offline sale carries beyond any other order: where and
// when the sale was made, the fingerprint its duplicates are compared by, and how the price the
// till charged compares with what the engine said for that moment. One optional attribute of the
// order entity (order-entity.ts spreads it in), so the rest of the pipeline is unchanged.
// A leaf module: the order entity imports it, so it imports nothing of the orders context.

const priceFlag = {
  type: 'map',
  properties: {
    skuId: { type: 'string', required: true },
    quantity: { type: 'number', required: true },
    chargedUnitPrice: { type: 'number', required: true },
    chargedAmount: { type: 'number', required: true },
    engineUnitPrice: { type: 'number', required: true },
    engineAmount: { type: 'number', required: true },
  },
} as const;

export const offlineSaleAttribute = {
  type: 'map',
  readOnly: true,
  properties: {
    terminalId: { type: 'string', required: true },
    clientSaleId: { type: 'string', required: true },
    seq: { type: 'number', required: true },
    occurredAt: { type: 'string', required: true },
    syncedAt: { type: 'string', required: true },
    /** sale-check.ts saleFingerprint: a later sale under the same clientSaleId is a duplicate only if it matches. */
    fingerprint: { type: 'string', required: true },
    /** The engine's total for the same lines at occurredAt (priceBasket with `at`). */
    engineTotal: { type: 'number', required: true },
    chargedDiffers: { type: 'boolean', required: true },
    /** Lines whose charged amount is not the engine's; empty when the till charged what the engine says. */
    priceFlags: { type: 'list', required: true, items: priceFlag },
  },
} as const;
