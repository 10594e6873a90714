// The seed's tills at work, through the public API as the tills and their cashiers use it. Each
// seeded store gets a cashier and, unless it has tills already (the first store's JJ-POS-0001/2),
// one till registered by fleet provisioning as seed-terminals.ts registers them. The past business
// days' sales reach the server as a till that traded offline sends them, through
// POST /v1/pos/sales:sync: numbered, dated and put in the business day they were rung up, at the
// prices the engine (POST /v1/prices:quote, at that moment) gave the till then. Today's trade is
// live checkouts: POST /v1/orders at the counter, then POST /v1/payments with the cash handed over.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseMqttUrl } from '../../iot/device/mqtt-connection.ts';
import { provisionByClaim } from '../../iot/device/provision-by-claim.ts';
import { DEVICE_PARAMETERS } from '../../iot/provisioning-template.ts';
import { forEachConcurrent } from '../../domain/shared/concurrency.ts';
import { allPages, expectOk, type Json, type SeedCall } from '../seed-http.ts';
import { DEMO } from '../seed-data.ts';
import type { FleetEndpoint } from '../seed-terminals.ts';
import { livePayment } from './wallets.ts';
import { intBetween, pickBasket, seededRng, tillMethod, tradingMoments, walletTxnId, type BasketLine, type Shelf } from './baskets.ts';

export const CASHIER_PASSWORD = 'Jiajia-till-2026';
/** A till syncs a day's sales at a time; far below the route's 50, so a batch never nears its timeout. */
const SALES_PER_DAY = [6, 10] as const;
const QUOTES_IN_FLIGHT = 6;

export type Till = { id: string; nextSeq: number };
export type SeedStore = { code: string; id: string; shelf: Shelf; cashier: string; tills: Till[] };
export type RecordedSale = { orderId: string; storeId: string; day: string; method: string; lines: BasketLine[] };
type TillLine = BasketLine & { unitPrice: number };
type RungSale = { occurredAt: string; storeId: string; lines: TillLine[]; payments: { method: string; amount: number; providerTxnId?: string }[] };

const signIn = async (call: SeedCall, email: string, password: string): Promise<string> =>
  expectOk(`sign-in of ${email}`, await call('POST', '/v1/auth/token', { tenant: DEMO.tenant.slug, email, password })).body.accessToken;

const registerTill = async (call: SeedCall, token: string, storeId: string, serialNumber: string, fleet: FleetEndpoint): Promise<string> => {
  const read = (file: string) => readFileSync(join(fleet.iotDir, file), 'utf8');
  const { code } = expectOk('a provisioning code', await call('POST', `/v1/stores/${storeId}/provisioning-codes`, {}, token)).body;
  const device = await provisionByClaim({
    ...parseMqttUrl(fleet.mqttUrl),
    ca: read('ca.pem'),
    claimCert: read('claim.pem'),
    claimKey: read('claim.key'),
    clientId: `claim-${serialNumber}`,
    parameters: { [DEVICE_PARAMETERS.code]: code, [DEVICE_PARAMETERS.serialNumber]: serialNumber },
  });
  return device.thingName;
};

/** The store's shelf (what it holds beyond its holds), a signed-in cashier of its own, and its tills with their next seq. */
export const prepareStore = async (call: SeedCall, token: string, fleet: FleetEndpoint, code: string, id: string, serialNumber: string): Promise<SeedStore> => {
  const levels = await allPages(call, `/v1/stock?locationId=${id}`, token);
  const shelf: Shelf = new Map(levels.filter((l: Json) => l.onHand - l.reserved > 0).map((l: Json) => [l.skuId as string, l.onHand - l.reserved]));
  const email = `cashier.${code.toLowerCase()}@jiajia.example`;
  expectOk(`cashier of ${code}`, await call('POST', '/v1/users', { email, password: CASHIER_PASSWORD, role: 'cashier', storeIds: [id] }, token), 'already_exists');
  const cashier = await signIn(call, email, CASHIER_PASSWORD);
  let ids = (await allPages(call, `/v1/terminals?storeId=${id}`, token)).map((t: Json) => t.id as string);
  if (ids.length === 0) ids = [await registerTill(call, token, id, serialNumber, fleet)];
  const tills = await Promise.all(
    ids.map(async (tillId) => ({ id: tillId, nextSeq: expectOk('sync status', await call('GET', `/v1/pos/terminals/${tillId}/sync-status`, undefined, token)).body.highestSeq + 1 })),
  );
  return { code, id, shelf, cashier, tills };
};

/**
 * What the till charges for `basket` at `at`: the engine's amount for each line as a unit price.
 * A promotion's rounding can leave a line's amount not a whole number of fen per unit; the till
 * then sells that line one unit at a time (quoted again), as it could ring up no other way.
 */
const tillLines = async (call: SeedCall, s: SeedStore, basket: BasketLine[], at: string): Promise<TillLine[]> => {
  for (let lines = basket; ; ) {
    const quote = expectOk('a quote', await call('POST', '/v1/prices:quote', { storeId: s.id, channel: 'pos', at, lines }, s.cashier)).body;
    const uneven = quote.lines.some((l: Json) => l.amount % l.quantity !== 0);
    if (!uneven) return quote.lines.map((l: Json) => ({ skuId: l.skuId as string, quantity: l.quantity as number, unitPrice: l.amount / l.quantity }));
    lines = quote.lines.map((l: Json) => ({ skuId: l.skuId, quantity: l.amount % l.quantity === 0 ? l.quantity : 1 }));
  }
};

/** The store's till sales of `days`, rung up offline and synced by each till a day at a time, in order; the recorded sales. */
export const syncDays = async (call: SeedCall, s: SeedStore, days: readonly string[]): Promise<RecordedSale[]> => {
  // Drawn up front, day by day, so the same seed always gives the same trade whatever the quotes' timing.
  const rung = days.flatMap((day) => {
    const rng = seededRng(`${s.code}/${day}`);
    return tradingMoments(rng, day, intBetween(rng, ...SALES_PER_DAY)).map((at, n) => {
      const method = tillMethod(rng);
      return { day, at: at.toISOString(), till: s.tills[n % s.tills.length]!, basket: pickBasket(rng, s.shelf), method, providerTxnId: method === 'cash' ? undefined : walletTxnId(rng, method, day) };
    });
  });
  const sales = new Map<string, RungSale[]>();
  await forEachConcurrent(rung, QUOTES_IN_FLIGHT, async (r) => {
    if (r.basket.length === 0) return;
    const lines = await tillLines(call, s, r.basket, r.at);
    const amount = lines.reduce((sum, l) => sum + l.quantity * l.unitPrice, 0);
    const payment = { method: r.method, amount, ...(r.providerTxnId ? { providerTxnId: r.providerTxnId } : {}) };
    const key = `${r.till.id}/${r.day}`;
    sales.set(key, [...(sales.get(key) ?? []), { occurredAt: r.at, storeId: s.id, lines, payments: [payment] }]);
  });
  const recorded: RecordedSale[] = [];
  // The tills sync side by side, each its days in order, its sales numbered in the order it rang them up.
  await Promise.all(
    s.tills.map(async (till) => {
      for (const day of days) {
        const made = (sales.get(`${till.id}/${day}`) ?? []).sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));
        if (made.length === 0) continue;
        const batch = made.map((sale) => ({ clientSaleId: `${day.replaceAll('-', '')}-${String(till.nextSeq).padStart(6, '0')}`, seq: till.nextSeq++, ...sale }));
        const answer = expectOk(`${s.code}'s sales of ${day}`, await call('POST', '/v1/pos/sales:sync', { terminalId: till.id, sales: batch }, s.cashier)).body;
        if (answer.rejected.length) throw new Error(`Seeding ${s.code}'s sales of ${day} failed: refused ${JSON.stringify(answer.rejected)}`);
        for (const o of answer.orders) {
          const sale = batch.find((b) => b.clientSaleId === o.clientSaleId)!;
          recorded.push({ orderId: o.orderId, storeId: s.id, day, method: sale.payments[0]!.method, lines: sale.lines.map(({ skuId, quantity }) => ({ skuId, quantity })) });
        }
      }
    }),
  );
  return recorded;
};

/** Today's trade so far at the store's counter: a few checkouts, by WeChat, Alipay and cash in turn. */
export const checkOutToday = async (call: SeedCall, s: SeedStore, today: string): Promise<number> => {
  const rng = seededRng(`${s.code}/${today}/live`);
  let done = 0;
  for (let n = intBetween(rng, 2, 4); n > 0; n--) {
    const lines = pickBasket(rng, s.shelf);
    if (lines.length === 0) break;
    const order = expectOk(`a checkout at ${s.code}`, await call('POST', '/v1/orders', { storeId: s.id, channel: 'pos', lines }, s.cashier, undefined, { 'idempotency-key': randomUUID() })).body;
    // Wallet codes are paid through the WeChat Pay and Alipay sandboxes.
    const payment = livePayment(rng, n, order);
    expectOk(`paying ${order.number} at ${s.code}`, await call('POST', '/v1/payments', payment, s.cashier, undefined, { 'idempotency-key': randomUUID() }));
    done++;
  }
  return done;
};
