// Alipay's amounts are yuan strings with at most two decimals; ours are integer fen. The
// conversion is exact both ways (no floating point), and anything else is not an amount.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fenOf, yuan } from '../../domain/payments/providers/alipay/trade.ts';

describe('Alipay amounts', () => {
  it('writes fen as yuan with two decimals and reads them back exactly', () => {
    expect([yuan(0), yuan(5), yuan(350), yuan(100_000_000)]).toEqual(['0.00', '0.05', '3.50', '1000000.00']);
    fc.assert(fc.property(fc.integer({ min: 0, max: 10 ** 11 }), (fen) => fenOf(yuan(fen)) === fen));
  });

  it('reads one decimal and none, and nothing that is not an amount', () => {
    expect([fenOf('3.5'), fenOf('12'), fenOf('0.01')]).toEqual([350, 1200, 1]);
    for (const bad of ['', '-1.00', '1.005', '1e3', 'abc', undefined]) expect(fenOf(bad)).toBeNaN();
  });
});
