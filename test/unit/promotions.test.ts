import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runs } from '../support/soak.ts';
import { applyPromotions, basisPointsOf, discountsFor, Promotion, type BasketLine } from '../../domain/pricing/promotions.ts';

const AT = '2026-11-11T10:00:00.000Z';
const b2g1 = (skuIds: string[], id = 'pro_b2g1'): Promotion => ({ id, type: 'buy_x_get_y', skuIds, buy: 2, get: 1 });
const off = (categoryId: string, rateBps: number, id = 'pro_off'): Promotion => ({ id, type: 'percent_off_category', categoryId, rateBps });
const line = (skuId: string, quantity: number, unitPrice: number, categoryId?: string): BasketLine =>
  categoryId === undefined ? { skuId, quantity, unitPrice } : { skuId, quantity, unitPrice, categoryId };

describe('buy_x_get_y', () => {
  it('gives the third unit free', () => {
    const r = applyPromotions([line('cola', 3, 500)], [b2g1(['cola'])], AT);
    expect(r.lines[0]).toEqual({ skuId: 'cola', quantity: 3, unitPrice: 500, listTotal: 1500, discount: 500, total: 1000, promotionId: 'pro_b2g1' });
    expect([r.listTotal, r.discountTotal, r.total, r.appliedPromotionIds]).toEqual([1500, 500, 1000, ['pro_b2g1']]);
  });

  it('needs the whole group in the basket', () => {
    const r = applyPromotions([line('cola', 2, 500)], [b2g1(['cola'])], AT);
    expect([r.discountTotal, r.appliedPromotionIds, r.lines[0]?.promotionId]).toEqual([0, [], null]);
  });

  it('repeats per group: buy 1 get 1 on 5 units frees 2', () => {
    const bogo: Promotion = { id: 'pro_bogo', type: 'buy_x_get_y', skuIds: ['tea'], buy: 1, get: 1 };
    expect(applyPromotions([line('tea', 5, 100)], [bogo], AT).discountTotal).toBe(200);
    const b3g2: Promotion = { id: 'pro_b3g2', type: 'buy_x_get_y', skuIds: ['tea'], buy: 3, get: 2 };
    expect(applyPromotions([line('tea', 11, 100)], [b3g2], AT).discountTotal).toBe(400);
  });

  it('mixes SKUs of the set and frees the cheapest units', () => {
    const r = applyPromotions([line('a', 3, 800), line('b', 4, 500), line('c', 9, 1)], [b2g1(['a', 'b'])], AT);
    // 7 qualifying units make 2 groups; the 2 free units are b's at 500; c is not in the set.
    expect(r.lines.map((l) => l.discount)).toEqual([0, 1000, 0]);
    expect(r.total).toBe(2400 + 2000 + 9 - 1000);
  });

  it('spreads free units over lines from the cheapest up', () => {
    const r = applyPromotions([line('a', 5, 900), line('b', 1, 300), line('c', 1, 200)], [b2g1(['a', 'b', 'c'])], AT);
    // 7 units, 2 groups, 2 free: c (200) and then b (300).
    expect(r.lines.map((l) => l.discount)).toEqual([0, 300, 200]);
  });
});

describe('percent_off_category', () => {
  it.each([
    [1000, 1005, 101], // 100.5 rounds half up
    [1000, 1004, 100],
    [1000, 1006, 101],
    [1500, 999, 150], // 149.85
    [3333, 100, 33], // 33.33
    [10_000, 1234, 1234],
    [1, 4999, 0], // 0.4999
    [1, 5000, 1], // 0.5
  ])('%i bps of %i fen is %i', (rateBps, amount, expected) => {
    expect(applyPromotions([line('x', 1, amount, 'cat_drinks')], [off('cat_drinks', rateBps)], AT).discountTotal).toBe(expected);
    expect(basisPointsOf(amount, rateBps)).toBe(expected);
  });

  it('rounds each line, not the basket', () => {
    const r = applyPromotions([line('x', 1, 1005, 'cat_d'), line('y', 1, 1005, 'cat_d')], [off('cat_d', 1000)], AT);
    expect(r.lines.map((l) => l.discount)).toEqual([101, 101]);
    expect(r.discountTotal).toBe(202); // 10% of 2010 rounded once would be 201
  });

  it("reaches the lines of a category's sub-categories through their ancestors", () => {
    const chips = { ...line('chips', 2, 650, 'cat_crisps'), categoryAncestorIds: ['cat_snacks'] };
    const cola = { ...line('cola', 1, 300, 'cat_soda'), categoryAncestorIds: ['cat_drinks'] };
    const r = applyPromotions([chips, cola], [off('cat_snacks', 2000)], AT);
    expect(r.lines.map((l) => [l.discount, l.promotionId])).toEqual([[260, 'pro_off'], [0, null]]);
  });

  it('skips lines of other categories and lines with none', () => {
    const r = applyPromotions([line('x', 2, 1000, 'cat_d'), line('y', 2, 1000, 'cat_snack'), line('z', 2, 1000)], [off('cat_d', 2000)], AT);
    expect(r.lines.map((l) => l.discount)).toEqual([400, 0, 0]);
  });

  it('stays exact near the safe-integer limit', () => {
    expect(basisPointsOf(Number.MAX_SAFE_INTEGER, 10_000)).toBe(Number.MAX_SAFE_INTEGER);
    expect(basisPointsOf(9_007_199_254_740_990, 5_000)).toBe(4_503_599_627_370_495);
  });

  it('refuses a line total it cannot compute exactly', () => {
    expect(() => applyPromotions([line('x', 2 ** 30, 2 ** 30)], [], AT)).toThrow(RangeError);
  });
});

describe('applyPromotions', () => {
  const basket = [line('cola', 3, 500, 'cat_drinks'), line('juice', 1, 1200, 'cat_drinks'), line('chips', 2, 650, 'cat_snacks')];

  it('gives each line the single best promotion, never a sum', () => {
    const r = applyPromotions(basket, [b2g1(['cola']), off('cat_drinks', 2000, 'pro_drinks20')], AT);
    // cola: b2g1 500 beats 20% = 300; juice: 20% = 240; chips: nothing.
    expect(r.lines.map((l) => [l.discount, l.promotionId])).toEqual([
      [500, 'pro_b2g1'],
      [240, 'pro_drinks20'],
      [0, null],
    ]);
    expect([r.listTotal, r.discountTotal, r.total]).toEqual([1500 + 1200 + 1300, 740, 3260]);
    expect(r.appliedPromotionIds).toEqual(['pro_b2g1', 'pro_drinks20']);
  });

  it('lets a bigger percentage beat the free unit', () => {
    const r = applyPromotions(basket, [b2g1(['cola']), off('cat_drinks', 4000, 'pro_drinks40')], AT);
    expect(r.lines[0]).toMatchObject({ discount: 600, promotionId: 'pro_drinks40' });
    expect(r.appliedPromotionIds).toEqual(['pro_drinks40']);
  });

  it('names the smaller id on an equal discount', () => {
    const r = applyPromotions([line('x', 1, 1000, 'c')], [off('c', 1000, 'pro_z'), off('c', 1000, 'pro_a')], AT);
    expect(r.lines[0]).toMatchObject({ discount: 100, promotionId: 'pro_a' });
  });

  it('ignores promotions outside their window (validFrom inclusive, validTo exclusive)', () => {
    const p = { ...off('cat_drinks', 5000), validFrom: '2026-11-11T00:00:00.000Z', validTo: '2026-11-12T00:00:00.000Z' };
    expect(applyPromotions(basket, [p], '2026-11-10T23:59:59.999Z').discountTotal).toBe(0);
    expect(applyPromotions(basket, [p], '2026-11-11T00:00:00.000Z').discountTotal).toBe(1350);
    expect(applyPromotions(basket, [p], new Date('2026-11-12T00:00:00.000Z')).discountTotal).toBe(0);
  });

  it('returns zero for an empty basket', () => {
    expect(applyPromotions([], [b2g1(['cola']), off('cat_drinks', 10_000)], AT)).toEqual({
      lines: [],
      listTotal: 0,
      discountTotal: 0,
      total: 0,
      appliedPromotionIds: [],
    });
  });

  it('schema refuses rates above 100% and zero-sized groups', () => {
    expect(Promotion.safeParse({ id: 'p', type: 'percent_off_category', categoryId: 'c', rateBps: 10_001 }).success).toBe(false);
    expect(Promotion.safeParse({ id: 'p', type: 'buy_x_get_y', skuIds: ['a'], buy: 0, get: 1 }).success).toBe(false);
    expect(Promotion.safeParse({ id: 'p', type: 'buy_x_get_y', skuIds: ['a'], buy: 2, get: 1 }).success).toBe(true);
  });
});

describe('promotion properties', () => {
  const skus = ['a', 'b', 'c', 'd'];
  const cats = ['cat_1', 'cat_2'];
  const DEPARTMENT = 'cat_dept';
  const lineArb = fc.record(
    {
      skuId: fc.constantFrom(...skus),
      categoryId: fc.constantFrom(...cats),
      // Both line categories sit under one department, which some promotions target.
      categoryAncestorIds: fc.constant<string[]>([DEPARTMENT]),
      // Often small quantities and a few shared prices, so equally cheap lines (the tie-break's case) come up.
      quantity: fc.oneof(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 50 })),
      unitPrice: fc.oneof(fc.constantFrom(0, 100, 250), fc.integer({ min: 0, max: 1_000_000 })),
    },
    { requiredKeys: ['skuId', 'quantity', 'unitPrice'] },
  );
  const day = fc.integer({ min: 0, max: 20 }).map((d) => new Date(Date.UTC(2026, 10, 1) + d * 86_400_000).toISOString());
  const windowArb = fc.record({ validFrom: day, validTo: day }, { requiredKeys: [] });
  const promoArb: fc.Arbitrary<Promotion> = fc.oneof(
    fc.record({
      id: fc.constantFrom('p1', 'p2', 'p3', 'p4', 'p5'),
      type: fc.constant('buy_x_get_y' as const),
      skuIds: fc.subarray(skus, { minLength: 1 }),
      buy: fc.integer({ min: 1, max: 5 }),
      get: fc.integer({ min: 1, max: 3 }),
    }),
    fc.record({
      id: fc.constantFrom('p1', 'p2', 'p3', 'p4', 'p5'),
      type: fc.constant('percent_off_category' as const),
      categoryId: fc.constantFrom(...cats, DEPARTMENT),
      rateBps: fc.integer({ min: 1, max: 10_000 }),
    }),
  ).chain((p) => windowArb.map((w) => ({ ...p, ...w })));
  const basketArb = fc.array(lineArb, { maxLength: 8 });
  const promosArb = fc.uniqueArray(promoArb, { selector: (p) => p.id, maxLength: 5 });
  const atArb = day.map((d) => new Date(Date.parse(d) + 3_600_000));
  const RUNS = { numRuns: runs(5000 / 10, 5000) };

  it('never goes negative or above the list total, and only in whole fen', () => {
    fc.assert(
      fc.property(basketArb, promosArb, atArb, (lines, promotions, at) => {
        const r = applyPromotions(lines, promotions, at);
        expect(r.listTotal).toBe(lines.reduce((s, l) => s + l.quantity * l.unitPrice, 0));
        expect(r.total).toBeGreaterThanOrEqual(0);
        expect(r.total).toBeLessThanOrEqual(r.listTotal);
        expect(r.total).toBe(r.listTotal - r.discountTotal);
        expect(r.discountTotal).toBe(r.lines.reduce((s, l) => s + l.discount, 0));
        for (const l of r.lines) {
          expect(Number.isInteger(l.discount)).toBe(true);
          expect(l.discount).toBeGreaterThanOrEqual(0);
          expect(l.total).toBeGreaterThanOrEqual(0);
          expect(l.total).toBe(l.listTotal - l.discount);
          expect(l.promotionId === null).toBe(l.discount === 0);
        }
        expect(r.appliedPromotionIds).toEqual([...new Set(r.lines.flatMap((l) => (l.promotionId ? [l.promotionId] : [])))].sort());
      }),
      RUNS,
    );
  });

  it('gives nothing on an empty basket', () => {
    fc.assert(
      fc.property(promosArb, atArb, (promotions, at) => {
        expect(applyPromotions([], promotions, at)).toEqual({ lines: [], listTotal: 0, discountTotal: 0, total: 0, appliedPromotionIds: [] });
      }),
      RUNS,
    );
  });

  it('does not depend on line order or promotion order', () => {
    const permuted = <T>(arb: fc.Arbitrary<T[]>) => arb.chain((xs) => fc.tuple(fc.constant(xs), fc.shuffledSubarray(xs, { minLength: xs.length })));
    const canonical = (ls: readonly unknown[]) => ls.map((l) => JSON.stringify(l)).sort();
    fc.assert(
      fc.property(permuted(basketArb), permuted(promosArb), atArb, ([lines, shuffledLines], [promos, shuffledPromos], at) => {
        const r = applyPromotions(lines, promos, at);
        const s = applyPromotions(shuffledLines, shuffledPromos, at);
        expect(canonical(s.lines)).toEqual(canonical(r.lines));
        expect({ ...s, lines: [] }).toEqual({ ...r, lines: [] });
        expect(applyPromotions(lines, shuffledPromos, at)).toEqual(r);
      }),
      RUNS,
    );
  });

  it('buy_x_get_y frees exactly the cheapest units, counted one by one', () => {
    fc.assert(
      fc.property(basketArb, promoArb.filter((p) => p.type === 'buy_x_get_y'), (lines, p) => {
        if (p.type !== 'buy_x_get_y') return;
        const units = lines.filter((l) => p.skuIds.includes(l.skuId)).flatMap((l) => Array<number>(l.quantity).fill(l.unitPrice));
        units.sort((x, y) => x - y);
        const free = Math.floor(units.length / (p.buy + p.get)) * p.get;
        const expected = units.slice(0, free).reduce((s, u) => s + u, 0);
        expect(discountsFor(p, lines).reduce((s, d) => s + d, 0)).toBe(expected);
      }),
      RUNS,
    );
  });

  it("a department's percentage gives a sub-category's line exactly what it gives a line filed in the department", () => {
    fc.assert(
      fc.property(basketArb, fc.integer({ min: 1, max: 10_000 }), (lines, rateBps) => {
        const promotion = off(DEPARTMENT, rateBps);
        const inSubCategories = lines.map((l) => (l.categoryId === undefined ? l : { ...l, categoryAncestorIds: [DEPARTMENT] }));
        const filedInDepartment = lines.map((l) => (l.categoryId === undefined ? l : line(l.skuId, l.quantity, l.unitPrice, DEPARTMENT)));
        expect(discountsFor(promotion, inSubCategories)).toEqual(discountsFor(promotion, filedInDepartment));
        // Without its ancestors a line is only in its own category.
        expect(discountsFor(promotion, lines.map((l) => ({ ...l, categoryAncestorIds: undefined }))).every((d) => d === 0)).toBe(true);
      }),
      RUNS,
    );
  });

  it('basis points round half up exactly, however large the amount', () => {
    fc.assert(
      fc.property(fc.maxSafeNat(), fc.integer({ min: 0, max: 10_000 }), (amount, rate) => {
        const exact = (BigInt(amount) * BigInt(rate) + 5_000n) / 10_000n;
        expect(basisPointsOf(amount, rate)).toBe(Number(exact));
      }),
      RUNS,
    );
  });
});
