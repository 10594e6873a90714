import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { businessDayBefore, cashTendered, pickBasket, seededRng, tillMethod, tradingMoments, walletTxnId, type Shelf } from '../../local/seed-orders/baskets.ts';

const shelfOf = (units: number[]): Shelf => new Map(units.map((n, i) => [`sku_${i}`, n]));
const shanghai = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', hourCycle: 'h23' });
const local = (at: Date) => Object.fromEntries(shanghai.formatToParts(at).map((p) => [p.type, p.value]));

describe("the seed's baskets", () => {
  it('hold 1 to 6 different SKUs, 1 to 3 units each, never more than the shelf has above what is kept back, taken off it', () => {
    fc.assert(
      fc.property(fc.string(), fc.array(fc.integer({ min: 0, max: 30 }), { maxLength: 60 }), fc.integer({ min: 0, max: 4 }), (seed, units, keepBack) => {
        const shelf = shelfOf(units);
        const before = new Map(shelf);
        const lines = pickBasket(seededRng(seed), shelf, keepBack);
        const stocked = units.filter((n) => n > keepBack).length;
        expect(lines.length).toBeGreaterThanOrEqual(Math.min(1, stocked));
        expect(lines.length).toBeLessThanOrEqual(Math.min(6, stocked));
        expect(new Set(lines.map((l) => l.skuId)).size).toBe(lines.length);
        for (const l of lines) {
          expect(l.quantity).toBeGreaterThanOrEqual(1);
          expect(l.quantity).toBeLessThanOrEqual(3);
          expect(before.get(l.skuId)! - l.quantity).toBeGreaterThanOrEqual(keepBack);
          expect(shelf.get(l.skuId)).toBe(before.get(l.skuId)! - l.quantity);
        }
        const untouched = [...before].filter(([skuId]) => !lines.some((l) => l.skuId === skuId));
        for (const [skuId, n] of untouched) expect(shelf.get(skuId)).toBe(n);
      }),
    );
  });

  it('are mostly small and the same for the same seed', () => {
    const sizes = Array.from({ length: 2000 }, (_, i) => pickBasket(seededRng(`s${i}`), shelfOf(Array(50).fill(20))).length);
    expect(sizes.filter((n) => n <= 3).length / sizes.length).toBeGreaterThan(0.6);
    expect(new Set(sizes)).toEqual(new Set([1, 2, 3, 4, 5, 6]));
    expect(pickBasket(seededRng('PD-001/2026-12-03'), shelfOf(Array(50).fill(20)))).toEqual(pickBasket(seededRng('PD-001/2026-12-03'), shelfOf(Array(50).fill(20))));
  });

  it('are paid mostly in cash; a wallet carries a transaction id of its provider’s form', () => {
    const rng = seededRng('pay');
    const methods = Array.from({ length: 4000 }, () => tillMethod(rng));
    expect(methods.filter((m) => m === 'cash').length / methods.length).toBeGreaterThan(0.65);
    expect(new Set(methods)).toEqual(new Set(['cash', 'wechat', 'alipay']));
    expect(walletTxnId(rng, 'wechat', '2026-12-03')).toMatch(/^4200\d{24}$/);
    expect(walletTxnId(rng, 'alipay', '2026-12-03')).toMatch(/^20261203\d{22}$/);
  });

  it('are paid with cash that covers them', () => {
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 1, max: 50_000 }), (seed, total) => {
        const tendered = cashTendered(seededRng(seed), total);
        expect(tendered).toBeGreaterThanOrEqual(total);
        expect(tendered === total || tendered % 500 === 0).toBe(true);
      }),
    );
  });

  it('are rung up in opening hours of their business day in Shanghai, in order', () => {
    const moments = tradingMoments(seededRng('t'), '2026-12-02', 200);
    expect(moments.map((m) => m.getTime())).toEqual(moments.map((m) => m.getTime()).sort((a, b) => a - b));
    for (const at of moments) {
      const { year, month, day, hour } = local(at);
      expect(`${year}-${month}-${day}`).toBe('2026-12-02');
      expect(Number(hour)).toBeGreaterThanOrEqual(7);
      expect(Number(hour)).toBeLessThan(23);
    }
  });

  it('count business days back from Shanghai’s date, not UTC’s', () => {
    // Thursday 18:47 UTC is already Friday in Shanghai.
    const now = new Date('2026-12-03T18:47:00.000Z');
    expect([0, 1, 3].map((n) => businessDayBefore(now, n))).toEqual(['2026-12-04', '2026-12-03', '2026-12-01']);
  });
});
