// Stocktakes through the API: expected is the ledger's onHand at posting time, each non-zero
// difference is one stocktake_variance movement that brings the level to the count, the record
// is readable afterwards, and every refusal writes nothing.
import { beforeAll, describe, expect, it } from 'vitest';
import { call, newTenant, type ApiResponse, type TestTenant } from '../support/api.ts';
import { refusedWritingNothing, transferChain, type Chain } from '../support/transfers.ts';

let c: Chain;
let other: TestTenant;
let A: string, B: string, C: string;

const count = (body: unknown, token = c.t.token, headers?: Record<string, string>) => call('POST', '/v1/stocktakes', { token, body, headers });
const refused = (request: () => Promise<ApiResponse>, status: number, code: string) => refusedWritingNothing([c.t, other], request, status, code);

beforeAll(async () => {
  c = await transferChain('stk', 50);
  other = await newTenant('stk-other');
  [A, B, C] = c.skus as [string, string, string];
});

describe('stocktakes', () => {
  it('posts the variances between counted and expected, bringing each level to its count', async () => {
    await c.receipt(c.s1, { [A]: 10, [B]: 5 });
    const res = await count({ locationId: c.s1, counts: [{ skuId: A, counted: 8 }, { skuId: B, counted: 5 }, { skuId: C, counted: 2 }], reference: 'shelf 3' }, c.m1.token);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      id: expect.stringMatching(/^stk_/),
      locationId: c.s1,
      reference: 'shelf 3',
      countedBy: c.m1.id,
      variances: [
        { skuId: A, expected: 10, counted: 8, delta: -2 },
        { skuId: B, expected: 5, counted: 5, delta: 0 },
        { skuId: C, expected: 0, counted: 2, delta: 2 },
      ],
    });
    expect([await c.onHand(c.s1, A), await c.onHand(c.s1, B), await c.onHand(c.s1, C)]).toEqual([8, 5, 2]);
    // Balanced once every level's last line is in the ledger, so the listing below has them all.
    await c.expectLedgerBalanced([c.s1]);
    const lines = await c.kit.service.entities.stockMovement.query.byLocation({ tenantId: c.t.tenantId, locationId: c.s1 }).go();
    expect(lines.data.filter((m) => m.type === 'stocktake_variance').map((m) => [m.skuId, m.quantity, m.reference, m.postingId])).toEqual([
      [A, -2, res.body.id, `${res.body.id}:variance`],
      [C, 2, res.body.id, `${res.body.id}:variance`],
    ]);
    expect((await call('GET', `/v1/stocktakes/${res.body.id}`, { token: c.m1.token })).body).toEqual(res.body);
    expect((await call('GET', `/v1/stocktakes?locationId=${c.s1}`, { token: c.m1.token })).body.data).toEqual([res.body]);

    // Counting again what the ledger now says is a stocktake with no variance and no movement.
    const again = await count({ locationId: c.s1, counts: [{ skuId: A, counted: 8 }] });
    expect(again.body.variances).toEqual([{ skuId: A, expected: 8, counted: 8, delta: 0 }]);
    expect((await c.kit.service.entities.stockMovement.query.bySku({ tenantId: c.t.tenantId, locationId: c.s1, skuId: A }).go()).data).toHaveLength(2);
  });

  it('counts against the ledger at posting time, an offline oversell below zero included', async () => {
    await c.receipt(c.s2, { [A]: 4 });
    const { postStock } = await import('../../domain/inventory/ledger/ledger.ts');
    // A sale synced from an offline till took onHand below 0.
    await postStock({ tenantId: c.t.tenantId, postingId: c.kit.newId('posting'), changes: [{ locationId: c.s2, skuId: B, movement: { type: 'sale', quantity: -3 }, guard: 'none' }] }, c.kit.deps);
    const res = await count({ locationId: c.s2, counts: [{ skuId: A, counted: 1 }, { skuId: B, counted: 0 }] }, c.m2.token);
    expect(res.body.variances).toEqual([
      { skuId: A, expected: 4, counted: 1, delta: -3 },
      { skuId: B, expected: -3, counted: 0, delta: 3 },
    ]);
    expect([await c.onHand(c.s2, A), await c.onHand(c.s2, B)]).toEqual([1, 0]);
    await c.expectLedgerBalanced([c.s2]);
  });

  it('posts racing stocktakes of one location one after the other, each against the one before', async () => {
    await c.receipt(c.w, { [B]: 100 });
    const takes = await Promise.all([90, 80, 70].map((counted) => count({ locationId: c.w, counts: [{ skuId: B, counted }] })));
    // Each expected is what the one before counted: they form one chain from the 100 received.
    const lines = takes.map((r) => r.body.variances[0] as { expected: number; counted: number });
    const chain = [lines.find((l) => l.expected === 100)];
    while (chain.length < lines.length) chain.push(lines.find((l) => !chain.includes(l) && l.expected === chain.at(-1)?.counted));
    expect(chain.every(Boolean)).toBe(true);
    expect(await c.onHand(c.w, B)).toBe(chain.at(-1)?.counted);
    await c.expectLedgerBalanced([c.w]);
  });

  it('keeps the ledger balanced when sales land while counts are posted', async () => {
    await c.receipt(c.w, { [C]: 100 });
    const sales = Array.from({ length: 6 }, () => c.sale(c.w, { [C]: 1 }));
    const takes = [count({ locationId: c.w, counts: [{ skuId: C, counted: 90 }] }), count({ locationId: c.w, counts: [{ skuId: C, counted: 80 }] })];
    const [results] = await Promise.all([Promise.all(takes), Promise.all(sales)]);
    for (const r of results) {
      expect(r.status).toBe(201);
      const [v] = r.body.variances;
      expect(v.delta).toBe(v.counted - v.expected);
    }
    await c.expectLedgerBalanced([c.w]);
  });

  it('takes 47 differing counts in one posting, and refuses more, writing nothing', async () => {
    const all = c.skus.slice(0, 47).map((skuId, i) => ({ skuId, counted: 100 + i }));
    const res = await count({ locationId: c.s2, counts: all });
    expect(res.status).toBe(201);
    expect(res.body.variances.every((v: { delta: number }) => v.delta !== 0)).toBe(true);
    expect(await c.onHand(c.s2, c.skus[46]!)).toBe(146);
    await refused(() => count({ locationId: c.s2, counts: c.skus.slice(0, 48).map((skuId) => ({ skuId, counted: 1 })) }), 400, 'validation_failed');
  });

  it('refuses bad counts, other stores and other tenants, writing nothing', async () => {
    const one = [{ skuId: A, counted: 1 }];
    await refused(() => count({ locationId: c.s1, counts: [] }), 400, 'validation_failed');
    await refused(() => count({ locationId: c.s1, counts: [{ skuId: A, counted: -1 }] }), 400, 'validation_failed');
    await refused(() => count({ locationId: c.s1, counts: [{ skuId: A, counted: 1.5 }] }), 400, 'validation_failed');
    await refused(() => count({ locationId: c.s1, counts: [...one, ...one] }), 400, 'validation_failed');
    await refused(() => count({ locationId: c.s1, counts: [{ skuId: 'sku_01JC0000000000000000000000', counted: 1 }] }), 400, 'validation_failed');
    await refused(() => count({ locationId: 'sto_01JC0000000000000000000000', counts: one }), 404, 'not_found');
    await refused(() => count({ locationId: c.s2, counts: one }, c.m1.token), 404, 'not_found');
    await refused(() => count({ locationId: c.w, counts: one }, c.m1.token), 403, 'forbidden');
    await refused(() => count({ locationId: c.s1, counts: one }, other.token), 404, 'not_found');
    const mine = (await count({ locationId: c.s1, counts: [{ skuId: B, counted: 5 }] }, c.m1.token)).body.id;
    await refused(() => call('GET', `/v1/stocktakes/${mine}`, { token: c.m2.token }), 404, 'not_found');
    await refused(() => call('GET', `/v1/stocktakes/${mine}`, { token: other.token }), 404, 'not_found');
    await refused(() => call('GET', `/v1/stocktakes?locationId=${c.s1}`, { token: c.m2.token }), 404, 'not_found');
  });

  it('replays a stocktake sent again with the same Idempotency-Key', async () => {
    const body = { locationId: c.s1, counts: [{ skuId: C, counted: 7 }] };
    const first = await count(body, c.m1.token, { 'idempotency-key': 'count-shelf-9' });
    const again = await count(body, c.m1.token, { 'idempotency-key': 'count-shelf-9' });
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    expect((await call('GET', `/v1/stocktakes?locationId=${c.s1}&limit=100`, { token: c.t.token })).body.data.filter((s: { id: string }) => s.id === first.body.id)).toHaveLength(1);
  });
});
