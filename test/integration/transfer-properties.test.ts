// Transfers, partial (and racing) receipts, closings and stocktakes in random sequences through the
// use cases, against DynamoDB Local: every outcome is the model's, and after every sequence each
// level equals the sum of its ledger, what is in transit to each location is shipped - received -
// written off over its open transfers, and each transfer's counters are the model's.
// TRANSFER_PROPERTY_RUNS sets the number of sequences.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { runs } from '../support/soak.ts';
import { systemClock } from '../../domain/shared/clock.ts';
import { transferChain, type Chain } from '../support/transfers.ts';
import { LOCATIONS, modelInTransit, SKUS, transferCommands, type Model, type Real } from '../support/transfer-model.ts';

const RUNS = runs(6, 25, process.env.TRANSFER_PROPERTY_RUNS);

let c: Chain;
let real: Real;

beforeAll(async () => {
  c = await transferChain('trf-prop', SKUS);
  const use = {
    ...(await import('../../domain/inventory/transfers/transfer-ship.ts')),
    ...(await import('../../domain/inventory/transfers/transfer-receive.ts')),
    ...(await import('../../domain/inventory/stocktakes/stocktakes.ts')),
    ...(await import('../../domain/inventory/transfers/transfer-reads.ts')),
  };
  real = { c, use, ctx: { tenantId: c.t.tenantId, userId: c.t.adminId, role: 'hq_admin', storeIds: [] }, locations: [c.w, c.s1, c.s2], deps: { service: c.kit.service, clock: systemClock } };
});

const inTransit = async (loc: number): Promise<number[]> => {
  const { inTransitTo } = await import('../../domain/inventory/transfers/transfer-reads.ts');
  const totals = await inTransitTo(c.t.tenantId, real.locations[loc]!, { service: c.kit.service });
  return c.skus.map((s) => totals.get(s) ?? 0);
};

describe('transfers and stocktakes', () => {
  it(`keep the ledger and the in-transit quantities right over ${RUNS} random sequences`, async () => {
    let commandsRun = 0;
    await fc.assert(
      fc.asyncProperty(fc.commands(transferCommands, { maxCommands: 15, size: 'max' }), async (commands) => {
        // Each sequence starts from what the chain holds now; earlier sequences' transfers are closed.
        const onHand = await Promise.all(real.locations.map((l) => Promise.all(c.skus.map((s) => c.onHand(l, s)))));
        for (const loc of real.locations.keys()) expect(await inTransit(loc)).toEqual(Array(SKUS).fill(0));
        const model: Model = { onHand, transfers: [] };
        try {
          await fc.asyncModelRun(() => ({ model, real }), commands);
          commandsRun += [...commands].length;
          await c.expectLedgerBalanced(real.locations);
          for (let loc = 0; loc < LOCATIONS; loc++) expect(await inTransit(loc), `in transit to ${loc}`).toEqual(modelInTransit(model, loc));
          for (const t of model.transfers) {
            const seen = await real.use.getTransfer(real.ctx, t.id, real.deps);
            expect(seen.lines).toEqual([...t.lines].map(([sku, l]) => ({ skuId: c.skus[sku], ...l, outstanding: l.shipped - l.received - l.lost })));
          }
        } finally {
          for (const t of model.transfers.filter((t) => t.open)) await real.use.closeTransfer(real.ctx, t.id, { reason: 'end of sequence' }, real.deps).catch(() => undefined);
        }
      }),
      { numRuns: RUNS },
    );
    console.log(`transfer property: ${RUNS} sequences, ${commandsRun} commands`);
  }, Math.max(300_000, RUNS * 30_000));
});
