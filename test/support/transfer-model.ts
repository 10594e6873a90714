// A model of transfers and stocktakes for the property test: what each (location, SKU) holds and,
// per transfer, what was shipped, received and written off. Commands run the real use cases
// (DynamoDB Local) and the model side by side; each command's outcome (done, or the refusal's
// code) must be the model's, and after each the touched levels must equal the model's.
import fc from 'fast-check';
import { expect } from 'vitest';
import type { TenantContext } from '../../domain/shared/tenancy.ts';
import type { createTransfer } from '../../domain/inventory/transfers/transfer-ship.ts';
import type { closeTransfer, receiveTransfer } from '../../domain/inventory/transfers/transfer-receive.ts';
import type { postStocktake } from '../../domain/inventory/stocktakes/stocktakes.ts';
import type { getTransfer } from '../../domain/inventory/transfers/transfer-reads.ts';
import type { Chain } from './transfers.ts';

export const LOCATIONS = 3;
export const SKUS = 3;

type Line = { shipped: number; received: number; lost: number };
export type ModelTransfer = { id: string; from: number; to: number; lines: Map<number, Line>; open: boolean };
export type Model = { onHand: number[][]; transfers: ModelTransfer[] };

type UseCases = { createTransfer: typeof createTransfer; receiveTransfer: typeof receiveTransfer; closeTransfer: typeof closeTransfer; postStocktake: typeof postStocktake; getTransfer: typeof getTransfer };
export type Real = { c: Chain; ctx: TenantContext; locations: string[]; use: UseCases; deps: Chain['kit']['deps'] };

const outcome = async (run: () => Promise<unknown>): Promise<string> =>
  run().then(
    () => 'done',
    (error: { code?: string }) => {
      if (!error.code) throw error;
      return error.code;
    },
  );

const expectLevels = async (m: Model, r: Real, locs: number[]) => {
  for (const loc of locs)
    for (let sku = 0; sku < SKUS; sku++) expect(await r.c.onHand(r.locations[loc]!, r.c.skus[sku]!), `level ${loc}/${sku}`).toBe(m.onHand[loc]![sku]);
};

const outstanding = (l: Line) => l.shipped - l.received - l.lost;

const pick = <T>(items: readonly T[], index: number): T | undefined => (items.length ? items[index % items.length] : undefined);

const lines = fc.uniqueArray(fc.record({ sku: fc.nat(SKUS - 1), quantity: fc.integer({ min: 1, max: 6 }) }), { selector: (l) => l.sku, minLength: 1, maxLength: SKUS });

const ship = fc.record({ from: fc.nat(LOCATIONS - 1), hop: fc.integer({ min: 1, max: LOCATIONS - 1 }), lines }).map(
  ({ from, hop, lines }): fc.AsyncCommand<Model, Real> => ({
    check: () => true,
    toString: () => `ship ${from}->${(from + hop) % LOCATIONS} ${JSON.stringify(lines)}`,
    run: async (m, r) => {
      const to = (from + hop) % LOCATIONS;
      const short = lines.some((l) => l.quantity > m.onHand[from]![l.sku]!);
      let id = '';
      const body = { fromLocationId: r.locations[from]!, toLocationId: r.locations[to]!, lines: lines.map((l) => ({ skuId: r.c.skus[l.sku]!, quantity: l.quantity })) };
      expect(await outcome(async () => (id = (await r.use.createTransfer(r.ctx, body, r.deps)).id))).toBe(short ? 'insufficient_stock' : 'done');
      if (!short) {
        for (const l of lines) m.onHand[from]![l.sku]! -= l.quantity;
        m.transfers.push({ id, from, to, open: true, lines: new Map(lines.map((l) => [l.sku, { shipped: l.quantity, received: 0, lost: 0 }])) });
      }
      await expectLevels(m, r, [from, to]);
    },
  }),
);

/**
 * Receives everything outstanding, or one line's outstanding quantity plus `extra` (over it is
 * refused). `racing` sends the same receipt twice at once: planned from the same read they are one
 * receipt; if the second reads the first's result it is a receipt of its own, or refused.
 */
const receive = fc.record({ which: fc.nat(), whole: fc.boolean(), extra: fc.integer({ min: -3, max: 1 }), racing: fc.boolean() }).map(
  ({ which, whole, extra, racing }): fc.AsyncCommand<Model, Real> => ({
    check: (m) => m.transfers.length > 0,
    toString: () => `receive #${which} ${whole ? 'all' : `outstanding${extra >= 0 ? '+' : ''}${extra}`}${racing ? ' twice at once' : ''}`,
    run: async (m, r) => {
      const t = pick(m.transfers, which)!;
      const [sku, line] = [...t.lines].find(([, l]) => outstanding(l) > 0) ?? [...t.lines][0]!;
      const quantity = Math.max(1, outstanding(line) + extra);
      const request = whole ? {} : { lines: [{ skuId: r.c.skus[sku]!, quantity }] };
      const expected = !t.open ? 'invalid_state' : !whole && quantity > outstanding(line) ? 'over_receipt' : 'done';
      const send = () => outcome(() => r.use.receiveTransfer(r.ctx, t.id, request, r.deps));
      const seen = racing ? await Promise.all([send(), send()]) : [await send()];
      expect(seen.includes(expected), `${seen} vs ${expected}`).toBe(true);
      if (expected === 'done') {
        const before = line.received;
        const twice = racing && !whole && seen.every((o) => o === 'done') && (await r.use.getTransfer(r.ctx, t.id, r.deps)).lines.find((l) => l.skuId === r.c.skus[sku])!.received === before + 2 * quantity;
        for (const [s, l] of t.lines) {
          const arriving = whole ? outstanding(l) : s === sku ? quantity * (twice ? 2 : 1) : 0;
          l.received += arriving;
          m.onHand[t.to]![s]! += arriving;
        }
        t.open = [...t.lines.values()].some((l) => outstanding(l) > 0);
      }
      await expectLevels(m, r, [t.to, t.from]);
    },
  }),
);

const close = fc.nat().map(
  (which): fc.AsyncCommand<Model, Real> => ({
    check: (m) => m.transfers.length > 0,
    toString: () => `close #${which}`,
    run: async (m, r) => {
      const t = pick(m.transfers, which)!;
      expect(await outcome(() => r.use.closeTransfer(r.ctx, t.id, { reason: 'property' }, r.deps))).toBe(t.open ? 'done' : 'invalid_state');
      if (t.open) for (const l of t.lines.values()) l.lost = outstanding(l);
      t.open = false;
      await expectLevels(m, r, [t.from, t.to]);
    },
  }),
);

const stocktake = fc.record({ loc: fc.nat(LOCATIONS - 1), counts: fc.uniqueArray(fc.record({ sku: fc.nat(SKUS - 1), counted: fc.nat(12) }), { selector: (c) => c.sku, minLength: 1, maxLength: SKUS }) }).map(
  ({ loc, counts }): fc.AsyncCommand<Model, Real> => ({
    check: () => true,
    toString: () => `stocktake ${loc} ${JSON.stringify(counts)}`,
    run: async (m, r) => {
      const body = { locationId: r.locations[loc]!, counts: counts.map((c) => ({ skuId: r.c.skus[c.sku]!, counted: c.counted })) };
      const taken = await r.use.postStocktake(r.ctx, body, r.deps);
      expect(taken.variances).toEqual(counts.map((c) => ({ skuId: r.c.skus[c.sku]!, expected: m.onHand[loc]![c.sku], counted: c.counted, delta: c.counted - m.onHand[loc]![c.sku]! })));
      for (const c of counts) m.onHand[loc]![c.sku] = c.counted;
      await expectLevels(m, r, [loc]);
    },
  }),
);

export const transferCommands = [ship, ship, receive, receive, close, stocktake];

/** What is still on its way to each location per SKU, by the model. */
export const modelInTransit = (m: Model, loc: number): number[] =>
  Array.from({ length: SKUS }, (_, sku) => m.transfers.filter((t) => t.open && t.to === loc).reduce((sum, t) => sum + (t.lines.get(sku) ? outstanding(t.lines.get(sku)!) : 0), 0));
