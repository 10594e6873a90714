import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runs } from '../support/soak.ts';
import {
  isWithinWindow,
  PriceListCandidate,
  resolvePrice,
  resolvePrices,
  scopeMatches,
  type PriceContext,
} from '../../domain/pricing/price-resolution.ts';

const SKU = { skuId: 'sku_01JB0000000000000000000001', listPrice: 1290 };
const OTHER = { skuId: 'sku_01JB0000000000000000000002', listPrice: 500 };
const CTX: PriceContext = { storeId: 'sto_A', regionId: 'reg_EAST', channel: 'pos', at: '2026-11-23T08:00:00.000Z' };

const list = (over: Partial<PriceListCandidate> & { id: string }): PriceListCandidate => ({
  priority: 10,
  version: 1,
  scope: {},
  prices: { [SKU.skuId]: 990 },
  ...over,
});

describe('resolvePrice', () => {
  it('falls back to the list price when no list applies', () => {
    expect(resolvePrice(SKU, CTX, [])).toEqual({ skuId: SKU.skuId, amount: 1290, source: { type: 'list_price' } });
  });

  it('takes an applicable list and names it with its version', () => {
    expect(resolvePrice(SKU, CTX, [list({ id: 'prl_1', version: 4 })])).toEqual({
      skuId: SKU.skuId,
      amount: 990,
      source: { type: 'price_list', id: 'prl_1', version: 4 },
    });
  });

  it('prefers the higher priority, whatever the input order', () => {
    const low = list({ id: 'prl_low', priority: 5, prices: { [SKU.skuId]: 800 } });
    const high = list({ id: 'prl_high', priority: 20, prices: { [SKU.skuId]: 1100 } });
    expect(resolvePrice(SKU, CTX, [low, high]).amount).toBe(1100);
    expect(resolvePrice(SKU, CTX, [high, low]).amount).toBe(1100);
  });

  it('falls through a list that does not price the SKU to the next one, then to the list price', () => {
    const high = list({ id: 'prl_high', priority: 20, prices: { [OTHER.skuId]: 450 } });
    const low = list({ id: 'prl_low', priority: 5, prices: new Map([[SKU.skuId, 880]]) });
    expect(resolvePrice(SKU, CTX, [high, low])).toMatchObject({ amount: 880, source: { id: 'prl_low' } });
    expect(resolvePrices([SKU, OTHER, { skuId: 'sku_3', listPrice: 7 }], CTX, [high])).toEqual([
      { skuId: SKU.skuId, amount: 1290, source: { type: 'list_price' } },
      { skuId: OTHER.skuId, amount: 450, source: { type: 'price_list', id: 'prl_high', version: 1 } },
      { skuId: 'sku_3', amount: 7, source: { type: 'list_price' } },
    ]);
  });

  it('honours a price of 0 rather than treating it as missing', () => {
    expect(resolvePrice(SKU, CTX, [list({ id: 'prl_free', prices: { [SKU.skuId]: 0 } })]).amount).toBe(0);
  });

  it('never reads a price off Object.prototype', () => {
    const sku = { skuId: 'constructor', listPrice: 300 };
    expect(resolvePrice(sku, CTX, [list({ id: 'prl_1', prices: {} })]).amount).toBe(300);
    expect(resolvePrice({ skuId: '__proto__', listPrice: 301 }, CTX, [list({ id: 'prl_1' })]).amount).toBe(301);
  });

  describe('scope', () => {
    it.each([
      ['matching region', { regionIds: ['reg_WEST', 'reg_EAST'] }, true],
      ['other region', { regionIds: ['reg_WEST'] }, false],
      ['matching store', { storeIds: ['sto_A'] }, true],
      ['other store', { storeIds: ['sto_B'] }, false],
      ['matching channel', { channels: ['pos' as const, 'online' as const] }, true],
      ['other channel', { channels: ['delivery' as const] }, false],
      ['empty dimensions', { regionIds: [], storeIds: [], channels: [] }, true],
      ['all match', { regionIds: ['reg_EAST'], storeIds: ['sto_A'], channels: ['pos' as const] }, true],
      ['one of three misses', { regionIds: ['reg_EAST'], storeIds: ['sto_A'], channels: ['online' as const] }, false],
    ])('%s', (_name, scope, applies) => {
      expect(scopeMatches(scope, CTX)).toBe(applies);
      expect(resolvePrice(SKU, CTX, [list({ id: 'prl_1', scope })]).amount).toBe(applies ? 990 : 1290);
    });
  });

  describe('validity window', () => {
    const window = { validFrom: '2026-11-11T00:00:00.000Z', validTo: '2026-11-12T00:00:00.000Z' };
    it.each([
      ['one ms before validFrom', '2026-11-10T23:59:59.999Z', false],
      ['exactly validFrom (inclusive)', '2026-11-11T00:00:00.000Z', true],
      ['inside', '2026-11-11T12:00:00.000Z', true],
      ['one ms before validTo', '2026-11-11T23:59:59.999Z', true],
      ['exactly validTo (exclusive)', '2026-11-12T00:00:00.000Z', false],
      ['same instant with an offset', '2026-11-11T08:00:00+08:00', true],
    ])('%s', (_name, at, applies) => {
      expect(isWithinWindow(window, at)).toBe(applies);
      expect(resolvePrice(SKU, { ...CTX, at }, [list({ id: 'prl_1', ...window })]).amount).toBe(applies ? 990 : 1290);
    });

    it('accepts Date objects on either side', () => {
      expect(isWithinWindow({ validFrom: new Date('2026-11-11T00:00:00Z') }, new Date('2026-11-11T00:00:00Z'))).toBe(true);
      expect(isWithinWindow({ validTo: new Date('2026-11-11T00:00:00Z') }, '2026-11-11T00:00:00Z')).toBe(false);
      expect(isWithinWindow({}, new Date(0))).toBe(true);
    });

    it('throws on an unparseable moment instead of silently falling back', () => {
      expect(() => resolvePrice(SKU, { ...CTX, at: 'yesterday' }, [list({ id: 'prl_1' })])).toThrow(RangeError);
    });
  });

  describe('ties on priority', () => {
    it('the later validFrom wins, and an open start counts as earliest', () => {
      const evergreen = list({ id: 'prl_9', prices: { [SKU.skuId]: 1000 } });
      const older = list({ id: 'prl_8', validFrom: '2026-11-01T00:00:00.000Z', prices: { [SKU.skuId]: 950 } });
      const newer = list({ id: 'prl_1', validFrom: '2026-11-20T00:00:00.000Z', prices: { [SKU.skuId]: 900 } });
      expect(resolvePrice(SKU, CTX, [evergreen, older, newer])).toMatchObject({ amount: 900, source: { id: 'prl_1' } });
      expect(resolvePrice(SKU, CTX, [evergreen, older])).toMatchObject({ amount: 950, source: { id: 'prl_8' } });
    });

    it('then the greater id (the list created later) wins', () => {
      const a = list({ id: 'prl_01JA', prices: { [SKU.skuId]: 700 } });
      const b = list({ id: 'prl_01JB', prices: { [SKU.skuId]: 710 } });
      expect(resolvePrice(SKU, CTX, [a, b]).amount).toBe(710);
      expect(resolvePrice(SKU, CTX, [b, a]).amount).toBe(710);
    });
  });

  describe('member lists', () => {
    const member = list({ id: 'prl_member', kind: 'member', priority: 50, prices: { [SKU.skuId]: 850 } });
    const standard = list({ id: 'prl_std', kind: 'standard', priority: 10 });

    it('apply only to members', () => {
      expect(resolvePrice(SKU, CTX, [member, standard]).amount).toBe(990);
      expect(resolvePrice(SKU, { ...CTX, member: false }, [member]).amount).toBe(1290);
      expect(resolvePrice(SKU, { ...CTX, member: true }, [member, standard]).amount).toBe(850);
    });

    it('compete with standard lists on priority like any other list', () => {
      const promo = list({ id: 'prl_promo', priority: 60, prices: { [SKU.skuId]: 800 } });
      expect(resolvePrice(SKU, { ...CTX, member: true }, [member, promo]).amount).toBe(800);
    });
  });

  it('schema takes the API shape, leaves kind absent (standard) and refuses fractions and unknown channels', () => {
    const parsed = PriceListCandidate.parse({ id: 'prl_1', priority: 1, version: 1, scope: { channels: ['online'] }, prices: { a: 1 } });
    expect(parsed.kind).toBeUndefined();
    expect(PriceListCandidate.safeParse({ id: 'prl_1', priority: 1, version: 1, scope: { channels: ['web'] }, prices: {} }).success).toBe(false);
    expect(PriceListCandidate.safeParse({ id: 'prl_1', priority: 1, version: 1, scope: {}, prices: { a: 1.5 } }).success).toBe(false);
  });
});

describe('resolvePrice properties', () => {
  const skuIds = ['s1', 's2', 's3'];
  const contextArb = fc.record({
    storeId: fc.constantFrom('sto_A', 'sto_B'),
    regionId: fc.constantFrom('reg_E', 'reg_W'),
    channel: fc.constantFrom('pos' as const, 'online' as const, 'delivery' as const),
    at: fc.integer({ min: 0, max: 100 }).map((d) => new Date(Date.UTC(2026, 0, 1) + d * 86_400_000)),
    member: fc.boolean(),
  });
  const dayArb = fc.option(fc.integer({ min: 0, max: 100 }).map((d) => new Date(Date.UTC(2026, 0, 1) + d * 86_400_000).toISOString()), { nil: undefined });
  const listArb = fc.record(
    {
      id: fc.constantFrom('prl_a', 'prl_b', 'prl_c', 'prl_d', 'prl_e'),
      priority: fc.integer({ min: 0, max: 3 }),
      version: fc.integer({ min: 1, max: 9 }),
      scope: fc.record(
        {
          regionIds: fc.subarray(['reg_E', 'reg_W']),
          storeIds: fc.subarray(['sto_A', 'sto_B']),
          channels: fc.subarray(['pos' as const, 'online' as const, 'delivery' as const]),
        },
        { requiredKeys: [] },
      ),
      validFrom: dayArb,
      validTo: dayArb,
      kind: fc.constantFrom('standard' as const, 'member' as const),
      prices: fc.dictionary(fc.constantFrom(...skuIds), fc.integer({ min: 0, max: 10_000 })),
    },
    { requiredKeys: ['id', 'priority', 'version', 'scope', 'prices'] },
  );
  // Distinct ids, as in the table: ties are then fully decided by the rule.
  const listsArb = fc.uniqueArray(listArb, { selector: (l) => l.id, maxLength: 5 });

  it('does not depend on the order the lists are given in', () => {
    fc.assert(
      fc.property(listsArb.chain((ls) => fc.tuple(fc.constant(ls), fc.shuffledSubarray(ls, { minLength: ls.length }))), contextArb, fc.constantFrom(...skuIds), ([lists, shuffled], ctx, skuId) => {
        const sku = { skuId, listPrice: 12_345 };
        expect(resolvePrice(sku, ctx, shuffled)).toEqual(resolvePrice(sku, ctx, lists));
      }),
      { numRuns: runs(3000 / 10, 3000) },
    );
  });

  // An independent oracle written from the rule's words, not from the implementation.
  const oracle = (lists: PriceListCandidate[], ctx: { storeId: string; regionId: string; channel: string; at: Date; member: boolean }, skuId: string) => {
    const covers = (dim: readonly string[] | undefined, v: string) => !dim || dim.length === 0 || dim.includes(v);
    const ms = (s: unknown) => Date.parse(String(s));
    const t = ctx.at.getTime();
    const eligible = lists.filter(
      (l) =>
        (l.kind !== 'member' || ctx.member) &&
        covers(l.scope.regionIds, ctx.regionId) &&
        covers(l.scope.storeIds, ctx.storeId) &&
        covers(l.scope.channels, ctx.channel) &&
        (l.validFrom === undefined || ms(l.validFrom) <= t) &&
        (l.validTo === undefined || t < ms(l.validTo)) &&
        Object.hasOwn(l.prices, skuId),
    );
    const key = (l: PriceListCandidate) => [l.priority, l.validFrom === undefined ? -Infinity : ms(l.validFrom), l.id] as const;
    const better = (a: PriceListCandidate, b: PriceListCandidate) => {
      const [pa, fa, ia] = key(a);
      const [pb, fb, ib] = key(b);
      return pa !== pb ? pa > pb : fa !== fb ? fa > fb : ia > ib;
    };
    return eligible.reduce<PriceListCandidate | undefined>((best, l) => (best === undefined || better(l, best) ? l : best), undefined);
  };

  it('agrees with the rule written out longhand', () => {
    fc.assert(
      fc.property(listsArb, contextArb, fc.constantFrom(...skuIds), (lists, ctx, skuId) => {
        const winner = oracle(lists, ctx, skuId);
        const expected =
          winner === undefined
            ? { skuId, amount: 12_345, source: { type: 'list_price' } }
            : { skuId, amount: (winner.prices as Record<string, number>)[skuId], source: { type: 'price_list', id: winner.id, version: winner.version } };
        expect(resolvePrice({ skuId, listPrice: 12_345 }, ctx, lists)).toEqual(expected);
      }),
      { numRuns: runs(5000 / 10, 5000) },
    );
  });
});
