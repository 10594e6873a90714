// The instance's memory of a chain's prices: kept only for reads issued under a sequence number
// already known, valid only while the sequence still has it, bounded per tenant and in tenants.
import { describe, expect, it } from 'vitest';
import { createPriceCache } from '../../domain/pricing/price-cache.ts';
import type { LivePriceListItem } from '../../domain/pricing/live-price-list-entity.ts';
import type { PriceEntryItem } from '../../domain/pricing/price-entry-entity.ts';

const list = { tenantId: 't', priceListId: 'prl_1', kind: 'standard', name: 'L', priority: 1, version: 1, scope: {} } as unknown as LivePriceListItem;
const entry = (skuId: string, amount: number) => ({ tenantId: 't', skuId, priceListId: 'prl_1', amount, version: 1, updatedAt: '' }) as PriceEntryItem;
const fresh = (amount: number) => ({ lists: [list], entries: new Map([['a', [entry('a', amount)]], ['b', [entry('b', amount)]]]) });

describe('price memory', () => {
  it('keeps nothing read beside the first sequence it sees, then keeps what was read under it', () => {
    const cache = createPriceCache();
    expect(cache.recall('t', ['a'])).toEqual({ knownBefore: undefined, validFor: undefined, lists: undefined, entries: new Map() });
    cache.remember('t', 5, undefined, fresh(100));
    expect(cache.recall('t', ['a'])).toMatchObject({ knownBefore: 5, validFor: undefined, lists: undefined });
    cache.remember('t', 5, 5, fresh(100));
    const memory = cache.recall('t', ['a', 'c']);
    expect(memory).toMatchObject({ knownBefore: 5, validFor: 5, lists: [list] });
    expect([...memory.entries.keys()]).toEqual(['a']);
  });

  it('forgets everything when the sequence moves, and keeps nothing read under the old number', () => {
    const cache = createPriceCache();
    cache.remember('t', 5, undefined, fresh(100));
    cache.remember('t', 5, 5, fresh(100));
    cache.remember('t', 6, 5, fresh(90));
    expect(cache.recall('t', ['a'])).toEqual({ knownBefore: 6, validFor: undefined, lists: undefined, entries: new Map() });
    cache.remember('t', 6, 6, fresh(90));
    expect(cache.recall('t', ['a']).entries.get('a')![0]!.amount).toBe(90);
  });

  it('adds entries read later under the same number to the lists already kept', () => {
    const cache = createPriceCache();
    cache.remember('t', 2, undefined, fresh(1));
    cache.remember('t', 2, 2, { lists: [list], entries: new Map([['a', [entry('a', 1)]]]) });
    cache.remember('t', 2, 2, { entries: new Map([['b', []]]) });
    const memory = cache.recall('t', ['a', 'b']);
    expect(memory.lists).toEqual([list]);
    expect([...memory.entries]).toEqual([['a', [entry('a', 1)]], ['b', []]]);
  });

  it('forgets the least recently priced tenant beyond its bound', () => {
    const cache = createPriceCache();
    for (let i = 0; i <= 64; i++) cache.remember(`t${i}`, 1, undefined, fresh(1));
    expect(cache.recall('t64', []).knownBefore).toBe(1);
    expect(cache.recall('t0', []).knownBefore).toBeUndefined();
  });
});
