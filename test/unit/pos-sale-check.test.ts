// The pure rules of a synced till sale (domain/orders/offline/sale-check.ts): each refusal code,
// lines of one SKU merged, the fingerprint a duplicate is compared by, the derived order id, and
// which lines are flagged for a price other than the engine's.
import { describe, expect, it } from 'vitest';
import { checkSale, offlineOrderId, priceFlags, saleFingerprint, SALE_REJECTIONS } from '../../domain/orders/offline/sale-check.ts';
import { SyncedSale } from '../../domain/orders/offline/schemas.ts';

const STORE = 'sto_01JAAAAAAAAAAAAAAAAAAAAAAA';
const WATER = 'sku_01JAAAAAAAAAAAAAAAAAAAAAAA';
const COLA = 'sku_01JBBBBBBBBBBBBBBBBBBBBBBB';
const NOW = new Date('2026-11-23T08:00:00.000Z');
const sale = (over: Partial<SyncedSale> = {}): SyncedSale =>
  SyncedSale.parse({
    clientSaleId: 'S-1',
    seq: 1,
    occurredAt: '2026-11-23T07:00:00.000Z',
    storeId: STORE,
    lines: [{ skuId: WATER, quantity: 2, unitPrice: 200 }, { skuId: COLA, quantity: 1, unitPrice: 300 }, { skuId: WATER, quantity: 1, unitPrice: 200 }],
    payments: [{ method: 'cash', amount: 500 }, { method: 'alipay', amount: 400, providerTxnId: '2026112322001' }],
    ...over,
  });

describe('checkSale', () => {
  it('merges the lines of a SKU and totals what the till charged', () => {
    expect(checkSale(sale(), STORE, NOW)).toEqual({
      lines: [{ skuId: WATER, quantity: 3, unitPrice: 200, amount: 600 }, { skuId: COLA, quantity: 1, unitPrice: 300, amount: 300 }],
      total: 900,
    });
  });

  it.each([
    ['another store', sale({ storeId: 'sto_01JCCCCCCCCCCCCCCCCCCCCCCC' }), SALE_REJECTIONS.storeMismatch],
    ['a sale more than the clock skew ahead', sale({ occurredAt: '2026-11-23T08:06:00.000Z' }), SALE_REJECTIONS.saleInFuture],
    ['a sale older than 30 days', sale({ occurredAt: '2026-10-23T07:59:00.000Z' }), SALE_REJECTIONS.saleTooOld],
    ['one SKU at two prices', sale({ lines: [{ skuId: WATER, quantity: 1, unitPrice: 200 }, { skuId: WATER, quantity: 1, unitPrice: 190 }] }), SALE_REJECTIONS.skuPricesDiffer],
    ['a wallet payment without its transaction id', sale({ payments: [{ method: 'cash', amount: 500 }, { method: 'wechat', amount: 400 }] }), SALE_REJECTIONS.providerTxnIdRequired],
    ['payments short of the total', sale({ payments: [{ method: 'cash', amount: 899 }] }), SALE_REJECTIONS.paymentsDoNotMatch],
    ['payments beyond the total', sale({ payments: [{ method: 'cash', amount: 901 }] }), SALE_REJECTIONS.paymentsDoNotMatch],
    ['41 SKUs', sale({ lines: Array.from({ length: 41 }, (_, i) => ({ skuId: `sku_01J${String(i).padStart(23, '0')}`, quantity: 1, unitPrice: 0 })), payments: [] }), SALE_REJECTIONS.tooManySkus],
  ])('refuses %s', (_, s, code) => {
    expect(checkSale(s, STORE, NOW)).toEqual({ rejected: code });
  });

  it('takes a free sale with no payments, and a clock a little ahead', () => {
    expect(checkSale(sale({ lines: [{ skuId: WATER, quantity: 1, unitPrice: 0 }], payments: [] }), STORE, NOW)).toEqual({ lines: [{ skuId: WATER, quantity: 1, unitPrice: 0, amount: 0 }], total: 0 });
    expect(checkSale(sale({ occurredAt: '2026-11-23T08:04:00.000Z' }), STORE, NOW)).toMatchObject({ total: 900 });
  });
});

describe('saleFingerprint and offlineOrderId', () => {
  it('is the same for the same sale whatever offset its time is written in, and differs for any other content', () => {
    const base = saleFingerprint(sale());
    expect(saleFingerprint(sale({ occurredAt: '2026-11-23T15:00:00+08:00' }))).toBe(base);
    for (const other of [sale({ seq: 2 }), sale({ occurredAt: '2026-11-23T07:00:01.000Z' }), sale({ lines: [{ skuId: WATER, quantity: 4, unitPrice: 200 }, { skuId: COLA, quantity: 1, unitPrice: 300 }] }), sale({ payments: [{ method: 'cash', amount: 900 }] })])
      expect(saleFingerprint(other)).not.toBe(base);
  });

  it('derives one order id per tenant, terminal and clientSaleId', () => {
    const till = { thingName: 'trm_01JAAAAAAAAAAAAAAAAAAAAAAA', provisionedAt: '2026-01-01T00:00:00.000Z' };
    const id = offlineOrderId('ten_1', till, 'S-1');
    expect(id).toMatch(/^ord_[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(offlineOrderId('ten_1', till, 'S-1')).toBe(id);
    expect(new Set([offlineOrderId('ten_2', till, 'S-1'), offlineOrderId('ten_1', { ...till, thingName: 'trm_01JBBBBBBBBBBBBBBBBBBBBBBB' }, 'S-1'), offlineOrderId('ten_1', till, 'S-2')]).has(id)).toBe(false);
  });
});

describe('priceFlags', () => {
  it('flags the lines whose charged amount is not the engine’s, promotions included', () => {
    const charged = [{ skuId: WATER, quantity: 3, unitPrice: 200, amount: 600 }, { skuId: COLA, quantity: 2, unitPrice: 300, amount: 600 }];
    expect(priceFlags(charged, [{ skuId: WATER, unitPrice: 200, amount: 600 }, { skuId: COLA, unitPrice: 300, amount: 450 }])).toEqual([
      { skuId: COLA, quantity: 2, chargedUnitPrice: 300, chargedAmount: 600, engineUnitPrice: 300, engineAmount: 450 },
    ]);
    expect(priceFlags(charged, [{ skuId: WATER, unitPrice: 200, amount: 600 }, { skuId: COLA, unitPrice: 300, amount: 600 }])).toEqual([]);
  });
});
