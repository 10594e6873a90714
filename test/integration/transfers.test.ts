// Transfers through the API against the local engines: shipping takes stock out of the source
// under the available guard with the transfer in the same transaction, partial receipts add it
// at the destination until everything arrived, closing short writes off the rest on the transfer,
// and every refusal writes nothing. Store managers act at their own stores only.
import { beforeAll, describe, expect, it } from 'vitest';
import { call, newTenant, newUser, type ApiResponse, type TestTenant } from '../support/api.ts';
import { refusedWritingNothing, transferChain, type Chain } from '../support/transfers.ts';

let c: Chain;
let other: TestTenant;
let A: string, B: string, C: string;

const ship = (body: unknown, token = c.t.token, headers?: Record<string, string>) => call('POST', '/v1/stock/transfers', { token, body, headers });
const receive = (id: string, body: unknown = {}, token = c.t.token, headers?: Record<string, string>) => call('POST', `/v1/stock/transfers/${id}/receive`, { token, body, headers });
const refused = (request: () => Promise<ApiResponse>, status: number, code: string) => refusedWritingNothing([c.t, other], request, status, code);

beforeAll(async () => {
  c = await transferChain('trf');
  other = await newTenant('trf-other');
  [A, B, C] = c.skus as [string, string, string];
});

describe('shipping and receiving', () => {
  it('ships out of the source, receives in parts until everything arrived, and lists it on both sides', async () => {
    await c.receipt(c.w, { [A]: 10, [B]: 5 });
    const shipped = await ship({ fromLocationId: c.w, toLocationId: c.s1, lines: [{ skuId: A, quantity: 6 }, { skuId: B, quantity: 5 }], reference: 'DN-7' });
    expect(shipped.status).toBe(201);
    const id = shipped.body.id as string;
    expect(shipped.body).toMatchObject({
      id: expect.stringMatching(/^trf_/),
      status: 'in_transit',
      fromLocationId: c.w,
      toLocationId: c.s1,
      reference: 'DN-7',
      receipts: 0,
      lines: [{ skuId: A, shipped: 6, received: 0, lost: 0, outstanding: 6 }, { skuId: B, shipped: 5, received: 0, lost: 0, outstanding: 5 }],
    });
    expect([await c.onHand(c.w, A), await c.onHand(c.w, B), await c.onHand(c.s1, A)]).toEqual([4, 0, 0]);

    const first = await receive(id, { lines: [{ skuId: A, quantity: 2 }] });
    expect(first.body).toMatchObject({ status: 'partially_received', receipts: 1, lines: [{ skuId: A, received: 2, outstanding: 4 }, { skuId: B, received: 0, outstanding: 5 }] });
    const second = await receive(id, { lines: [{ skuId: B, quantity: 5 }, { skuId: A, quantity: 1 }] }, c.m1.token);
    expect(second.body).toMatchObject({ status: 'partially_received', receipts: 2 });
    const last = await receive(id);
    expect(last.status).toBe(200);
    expect(last.body).toMatchObject({ id, status: 'received', receipts: 3, lines: [{ skuId: A, received: 6, outstanding: 0 }, { skuId: B, received: 5, outstanding: 0 }] });
    expect([await c.onHand(c.s1, A), await c.onHand(c.s1, B)]).toEqual([6, 5]);
    await c.expectLedgerBalanced([c.w, c.s1]);

    const movements = await c.kit.service.entities.stockMovement.query.bySku({ tenantId: c.t.tenantId, locationId: c.s1, skuId: A }).go();
    expect(movements.data.map((m) => [m.type, m.quantity, m.reference, m.postingId])).toEqual([
      ['transfer_in', 2, id, `${id}:receipt:1`],
      ['transfer_in', 1, id, `${id}:receipt:2`],
      ['transfer_in', 3, id, `${id}:receipt:3`],
    ]);
    expect((await call('GET', `/v1/stock/transfers/${id}`, { token: c.m1.token })).body).toEqual(last.body);
    const inbound = await call('GET', `/v1/stock/transfers?locationId=${c.s1}&direction=inbound`, { token: c.m1.token });
    expect(inbound.body.data.map((t: { id: string }) => t.id)).toContain(id);
    expect((await call('GET', `/v1/stock/transfers?locationId=${c.s1}&direction=outbound`, { token: c.t.token })).body.data).toEqual([]);
    const byStatus = await call('GET', `/v1/stock/transfers?locationId=${c.w}&status=received`, { token: c.t.token });
    expect(byStatus.body.data.map((t: { id: string }) => t.id)).toContain(id);
    expect((await call('GET', `/v1/stock/transfers?locationId=${c.w}&status=in_transit`, { token: c.t.token })).body.data.map((t: { id: string }) => t.id)).not.toContain(id);
    await refused(() => receive(id), 409, 'invalid_state');
  });

  it('pages a location list newest first with a cursor', async () => {
    await c.receipt(c.s2, { [C]: 3 });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await ship({ fromLocationId: c.s2, toLocationId: c.w, lines: [{ skuId: C, quantity: 1 }] }, c.m2.token)).body.id);
    const first = await call('GET', `/v1/stock/transfers?locationId=${c.s2}&limit=2`, { token: c.m2.token });
    const rest = await call('GET', `/v1/stock/transfers?locationId=${c.s2}&limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`, { token: c.m2.token });
    expect([...first.body.data, ...rest.body.data].map((t: { id: string }) => t.id)).toEqual([...ids].reverse());
    // A cursor is of one location's list: on another location's it opens nothing.
    await refused(() => call('GET', `/v1/stock/transfers?locationId=${c.s1}&limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`, { token: c.m1.token }), 400, 'validation_failed');
    // The warehouse is HQ's to receive at: S2's manager sent them, HQ receives them.
    await refused(() => receive(ids[0]!, {}, c.m2.token), 403, 'forbidden');
    for (const id of ids) expect((await receive(id)).body.status).toBe('received');
    expect(await c.onHand(c.w, C)).toBe(3);
  });

  it('closes a transfer short, writing off what never arrived without moving any level', async () => {
    await c.receipt(c.w, { [C]: 10 });
    const id = (await ship({ fromLocationId: c.w, toLocationId: c.s2, lines: [{ skuId: C, quantity: 10 }] })).body.id;
    await receive(id, { lines: [{ skuId: C, quantity: 4 }] }, c.m2.token);
    const levels = [await c.onHand(c.w, C), await c.onHand(c.s2, C)];
    await refused(() => call('POST', `/v1/stock/transfers/${id}/close`, { token: c.m2.token, body: { reason: 'short' } }), 403, 'forbidden');
    await refused(() => call('POST', `/v1/stock/transfers/${id}/close`, { token: c.t.token, body: {} }), 400, 'validation_failed');
    const closed = await call('POST', `/v1/stock/transfers/${id}/close`, { token: c.t.token, body: { reason: '6 cases missing from the truck' } });
    expect(closed.body).toMatchObject({ status: 'closed', closeReason: '6 cases missing from the truck', closedBy: c.t.adminId, lines: [{ skuId: C, shipped: 10, received: 4, lost: 6, outstanding: 0 }] });
    expect([await c.onHand(c.w, C), await c.onHand(c.s2, C)]).toEqual(levels);
    await refused(() => receive(id, {}, c.m2.token), 409, 'invalid_state');
    await refused(() => call('POST', `/v1/stock/transfers/${id}/close`, { token: c.t.token, body: { reason: 'again' } }), 409, 'invalid_state');
    await c.expectLedgerBalanced([c.w, c.s2]);
  });
});

describe('refusals', () => {
  it('refuses bad transfers, unknown places, short stock and over-receipts, writing nothing', async () => {
    await c.receipt(c.w, { [A]: 3 });
    const line = [{ skuId: A, quantity: 1 }];
    await refused(() => ship({ fromLocationId: c.w, toLocationId: c.w, lines: line }), 400, 'validation_failed');
    await refused(() => ship({ fromLocationId: c.w, toLocationId: c.s1, lines: [] }), 400, 'validation_failed');
    await refused(() => ship({ fromLocationId: c.w, toLocationId: c.s1, lines: [...line, ...line] }), 400, 'validation_failed');
    await refused(() => ship({ fromLocationId: c.w, toLocationId: c.s1, lines: [{ skuId: A, quantity: 0 }] }), 400, 'validation_failed');
    await refused(() => ship({ fromLocationId: c.w, toLocationId: c.s1, lines: [{ skuId: 'sku_01JC0000000000000000000000', quantity: 1 }] }), 400, 'validation_failed');
    await refused(() => ship({ fromLocationId: c.w, toLocationId: 'sto_01JC0000000000000000000000', lines: line }), 404, 'not_found');
    await refused(() => ship({ fromLocationId: c.w, toLocationId: 'reg_01JC0000000000000000000000', lines: line }), 400, 'validation_failed');
    // Another chain's stores and warehouse are not there at all.
    await refused(() => ship({ fromLocationId: c.w, toLocationId: c.s1, lines: line }, other.token), 404, 'not_found');
    const many = Array.from({ length: 46 }, (_, i) => ({ skuId: `sku_01JC00000000000000000000${String(i).padStart(2, '0')}`, quantity: 1 }));
    await refused(() => ship({ fromLocationId: c.w, toLocationId: c.s1, lines: many }), 400, 'validation_failed');

    const [hasA, hasB] = [await c.onHand(c.w, A), await c.onHand(c.w, B)];
    const short = await refused(() => ship({ fromLocationId: c.w, toLocationId: c.s1, lines: [{ skuId: A, quantity: hasA + 1 }, { skuId: B, quantity: hasB + 1 }] }), 409, 'insufficient_stock');
    expect(short.body.error.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ skuId: A, requested: hasA + 1, available: hasA }), expect.objectContaining({ skuId: B, requested: hasB + 1, available: hasB })]),
    );

    const id = (await ship({ fromLocationId: c.w, toLocationId: c.s1, lines: [{ skuId: A, quantity: 2 }] })).body.id;
    const over = await refused(() => receive(id, { lines: [{ skuId: A, quantity: 3 }] }), 422, 'over_receipt');
    expect(over.body.error.details).toEqual([{ skuId: A, requested: 3, outstanding: 2 }]);
    await refused(() => receive(id, { lines: [{ skuId: B, quantity: 1 }] }), 400, 'validation_failed');
    await refused(() => receive(id, {}, other.token), 404, 'not_found');
    await refused(() => receive('trf_01JC0000000000000000000000'), 404, 'not_found');
    expect((await receive(id)).body.status).toBe('received');
  });

  it('lets store managers send from and receive at their own stores only; warehouses are HQ-run', async () => {
    await c.receipt(c.w, { [B]: 4 });
    await c.receipt(c.s1, { [B]: 4 });
    const line = [{ skuId: B, quantity: 1 }];
    const cashier = await newUser(c.t, 'cashier', [c.s1]);
    await refused(() => ship({ fromLocationId: c.s1, toLocationId: c.w, lines: line }, cashier.token), 403, 'forbidden');
    await refused(() => ship({ fromLocationId: c.w, toLocationId: c.s1, lines: line }, c.m1.token), 403, 'forbidden');
    await refused(() => ship({ fromLocationId: c.s2, toLocationId: c.w, lines: line }, c.m1.token), 404, 'not_found');
    await refused(() => ship({ fromLocationId: c.s1, toLocationId: c.s2, lines: line }, c.m1.token), 404, 'not_found');
    const toS2 = (await ship({ fromLocationId: c.w, toLocationId: c.s2, lines: line })).body.id;
    // S1's manager sees neither end of it; S2's manager receives it.
    await refused(() => receive(toS2, {}, c.m1.token), 404, 'not_found');
    await refused(() => call('GET', `/v1/stock/transfers/${toS2}`, { token: c.m1.token }), 404, 'not_found');
    await refused(() => call('GET', `/v1/stock/transfers?locationId=${c.w}`, { token: c.m1.token }), 403, 'forbidden');
    await refused(() => call('GET', `/v1/stock/transfers?locationId=${c.s2}`, { token: c.m1.token }), 404, 'not_found');
    expect((await receive(toS2, {}, c.m2.token)).body.status).toBe('received');
    const back = await ship({ fromLocationId: c.s1, toLocationId: c.w, lines: line }, c.m1.token);
    expect(back.status).toBe(201);
    expect((await call('GET', `/v1/stock/transfers/${back.body.id}`, { token: c.m1.token })).status).toBe(200);
  });
});

describe('idempotency and races', () => {
  it('replays a shipment and a receipt sent again with the same Idempotency-Key', async () => {
    await c.receipt(c.w, { [C]: 5 });
    const before = await c.onHand(c.w, C);
    const body = { fromLocationId: c.w, toLocationId: c.s1, lines: [{ skuId: C, quantity: 5 }] };
    const first = await ship(body, c.t.token, { 'idempotency-key': 'ship-once' });
    const again = await ship(body, c.t.token, { 'idempotency-key': 'ship-once' });
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    await refused(() => ship({ ...body, lines: [{ skuId: C, quantity: 4 }] }, c.t.token, { 'idempotency-key': 'ship-once' }), 409, 'idempotency_key_reused');
    const part = { lines: [{ skuId: C, quantity: 2 }] };
    const r1 = await receive(first.body.id, part, c.m1.token, { 'idempotency-key': 'pallet-1' });
    const r2 = await receive(first.body.id, part, c.m1.token, { 'idempotency-key': 'pallet-1' });
    expect(r2.body).toEqual(r1.body);
    expect(r2.headers.get('idempotent-replayed')).toBe('true');
    expect(await c.onHand(c.w, C)).toBe(before - 5);
    expect((await call('GET', `/v1/stock/transfers/${first.body.id}`, { token: c.t.token })).body).toMatchObject({ receipts: 1, lines: [{ received: 2, outstanding: 3 }] });
  });

  it('cannot over-receive under concurrent receipts, whole or partial', async () => {
    await c.receipt(c.w, { [A]: 20 });
    const whole = (await ship({ fromLocationId: c.w, toLocationId: c.s2, lines: [{ skuId: A, quantity: 7 }] })).body.id;
    const before = await c.onHand(c.s2, A);
    const all = await Promise.all(Array.from({ length: 6 }, () => receive(whole, {}, c.m2.token)));
    // The same receipt sent at once is one receipt; whoever read it received is refused.
    expect(all.every((r) => r.status === 200 || (r.status === 409 && r.body.error.code === 'invalid_state'))).toBe(true);
    expect(await c.onHand(c.s2, A)).toBe(before + 7);
    expect((await call('GET', `/v1/stock/transfers/${whole}`, { token: c.t.token })).body).toMatchObject({ status: 'received', receipts: 1 });

    const parts = (await ship({ fromLocationId: c.w, toLocationId: c.s2, lines: [{ skuId: A, quantity: 10 }] })).body.id;
    const racing = await Promise.all([1, 2, 3, 4, 5, 3, 2].map((q) => receive(parts, { lines: [{ skuId: A, quantity: q }] }, c.m2.token)));
    const transfer = (await call('GET', `/v1/stock/transfers/${parts}`, { token: c.t.token })).body;
    expect(racing.every((r) => [200, 409, 422].includes(r.status))).toBe(true);
    expect(transfer.lines[0].received).toBeLessThanOrEqual(10);
    expect(await c.onHand(c.s2, A)).toBe(before + 7 + transfer.lines[0].received);
    expect(await c.ledgerSum(c.s2, A)).toBe(await c.onHand(c.s2, A));
  });
});
