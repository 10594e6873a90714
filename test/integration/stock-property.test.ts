// The ledger's invariants under random sequences of receipts, sales, write-offs, corrections,
// stocktake variances, transfers out and in, reservations (some racing), releases, consumptions,
// the passing of time, expiry sweeps and repeated postings, run against DynamoDB Local: each level
// equals the sum of its movements, reserved equals what live reservations hold, free = onHand -
// reserved, and every command is accepted or refused exactly when the model says (so a guarded
// change never leaves free stock below what its channel keeps back). STOCK_PROPERTY_RUNS sets the
// number of sequences (a long run: STOCK_PROPERTY_RUNS=2000).
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { runs } from '../support/soak.ts';
import { manualClock, stockKit, type StockKit } from '../support/stock.ts';
import { expectInvariants, LOCATIONS, SKUS, stockCommands, type Ledger, type Model, type Real } from '../support/stock-model.ts';
import { available } from '../../domain/inventory/ledger/stock-levels.ts';

const RUNS = runs(8, 60, process.env.STOCK_PROPERTY_RUNS);
const START = Date.UTC(2031, 5, 1);

let kit: StockKit;
let ledger: Ledger;
const clock = manualClock(START);

beforeAll(async () => {
  kit = await stockKit(clock);
  const [posting, reservations, expiry] = await Promise.all([import('../../domain/inventory/ledger/ledger.ts'), import('../../domain/inventory/reservations/reservation-ledger.ts'), import('../../domain/inventory/reservations/reservation-expiry.ts')]);
  ledger = { ...posting, ...reservations, ...expiry };
});

const policy = fc.record({ safetyStock: fc.nat(4), lowThreshold: fc.option(fc.nat(8), { nil: null }) });

describe('the stock ledger', () => {
  it(`keeps its invariants over ${RUNS} random sequences of stock commands`, async () => {
    let commandsRun = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(policy, { minLength: LOCATIONS, maxLength: LOCATIONS }), fc.commands(stockCommands, { maxCommands: 30, size: 'max' }), async (policies, commands) => {
        clock.set(START);
        // A fresh tenant per sequence: its own partitions, its own expiry index.
        const real: Real = { kit, clock, ledger, tenantId: kit.fresh.tenant(), locations: [kit.fresh.store(), kit.fresh.warehouse()], skus: Array.from({ length: SKUS }, () => kit.fresh.sku()) };
        for (const [l, p] of policies.entries())
          await kit.service.entities.stockPolicy.create({ tenantId: real.tenantId, locationId: real.locations[l]!, scope: 'default', safetyStock: p.safetyStock, lowThreshold: p.lowThreshold ?? undefined, updatedAt: new Date(START).toISOString() }).go();
        const model: Model = {
          levels: Array.from({ length: LOCATIONS }, () => Array.from({ length: SKUS }, () => ({ onHand: 0, reserved: 0, low: false }))),
          policy: policies,
          reservations: [],
          inTransit: [],
          posted: [],
          now: START,
        };
        await fc.asyncModelRun(() => ({ model, real }), commands);
        commandsRun += [...commands].length;
        await expectInvariants(model, real);
        for (const [l, row] of model.levels.entries())
          for (const level of row)
            for (const channel of ['pos', 'online', 'delivery'] as const) expect(available(level.onHand, level.reserved, channel, policies[l]!.safetyStock)).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: RUNS },
    );
    console.log(`stock property: ${RUNS} sequences, ${commandsRun} commands`);
  }, Math.max(300_000, RUNS * 15_000));
});
