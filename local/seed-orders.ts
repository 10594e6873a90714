// Seeds the demo chain's trade once its shelves hold stock (after seed-stock.ts), so orders show
// on first look: at five stores (the four with an assortment and SZ-002's core range), each with a
// cashier and a till, the last three business days' till sales synced as a till that traded
// offline sends them (seed-orders/tills.ts) and today's live cash checkouts; then mini-shop pickups
// in every state of their task, a delivery platform's order, a cancelled pickup and a partly
// returned sale (seed-orders/online.ts), and a pickup that lapsed unpaid (seed-orders/expired.ts).
// Baskets are drawn from each store's own stocked range (seed-orders/baskets.ts). In the
// background; skipped when the chain has any order already (a persisted chain, a second start).
import { forEachConcurrent } from '../domain/shared/concurrency.ts';
import { expectOk, type SeedCall } from './seed-http.ts';
import { ASSORTMENT_STORES } from './seed-data.ts';
import type { FleetEndpoint } from './seed-terminals.ts';
import { businessDayBefore, seededRng } from './seed-orders/baskets.ts';
import { expiredOrder, type LocalEngines } from './seed-orders/expired.ts';
import { cancelledPickup, onlineBasket, partReturn, pickups, platformDelivery } from './seed-orders/online.ts';
import { walletExtras } from './seed-orders/wallets.ts';
import { checkOutToday, prepareStore, syncDays, type RecordedSale, type SeedStore } from './seed-orders/tills.ts';

/** The stores that trade; the first already has the demo tills JJ-POS-0001/2, the others get the serials after them. */
export const TRADING_STORES = [...ASSORTMENT_STORES, 'SZ-002'] as const;
const PAST_DAYS = 3;
const STORES_IN_FLIGHT = 5;

const serialFor = (n: number) => `JJ-POS-${String(n + 2).padStart(4, '0')}`;

/** The local cloud, as far as the seed reaches into it: its MQTT broker and, when local, its engines, gateway and platform sandbox. */
type SeedCloud = FleetEndpoint & Partial<LocalEngines> & { apiUrl?: string; endpoints?: { meituan?: string } };

const seed = async (call: SeedCall, token: string, storesByCode: ReadonlyMap<string, string>, fleet: SeedCloud) => {
  const started = Date.now();
  if (expectOk('the chain’s orders', await call('GET', '/v1/orders?limit=1', undefined, token)).body.data.length > 0) {
    console.log('Orders ready: the demo chain has orders already; none added');
    return;
  }
  const now = new Date();
  const days = Array.from({ length: PAST_DAYS }, (_, i) => businessDayBefore(now, PAST_DAYS - i));
  const today = businessDayBefore(now, 0);
  const stores: SeedStore[] = [];
  await forEachConcurrent([...TRADING_STORES.entries()], STORES_IN_FLIGHT, async ([n, code]) => {
    stores[n] = await prepareStore(call, token, fleet, code, storesByCode.get(code)!, serialFor(n));
  });

  const sales: RecordedSale[] = [];
  let checkouts = 0;
  await forEachConcurrent(stores, STORES_IN_FLIGHT, async (s) => {
    const synced = await syncDays(call, s, days);
    sales.push(...synced);
    const live = await checkOutToday(call, s, today);
    checkouts += live;
  });

  // Each at a store of its own but the return, which takes back a till sale and no online stock.
  const [first, second, third, fourth] = stores as [SeedStore, SeedStore, SeedStore, SeedStore];
  const lapsing = onlineBasket(seededRng(`${fourth.code}/expired`), fourth);
  const engines = fleet.endpoints && fleet.tables ? { endpoints: fleet.endpoints, tables: fleet.tables } : undefined;
  const [states, delivery, cancelled, returned, expired, wallets] = await Promise.all([
    pickups(call, token, first),
    platformDelivery(call, token, second, fleet.apiUrl && fleet.endpoints?.meituan ? { apiUrl: fleet.apiUrl, sandboxUrl: fleet.endpoints.meituan } : undefined),
    cancelledPickup(call, token, third),
    partReturn(call, first, sales, days.at(-1)!),
    engines && lapsing.length ? expiredOrder(call, token, engines, fourth.id, lapsing) : undefined,
    walletExtras(call, token, second),
  ]);

  const tills = stores.reduce((n, s) => n + s.tills.length, 0);
  console.log(
    `Orders ready: ${sales.length} till sales synced by ${tills} tills at ${stores.length} stores for ${days[0]} to ${days.at(-1)}, ${checkouts} checkouts today; ` +
      `${states.length} pickups at ${first.code} (${states.join(', ')}), ${delivery} delivery order at ${second.code}, ${cancelled} cancelled, ${returned} partly returned, ` +
      `${expired ? 1 : 0} expired; at ${second.code} ${wallets.split} paid by Alipay and cash, ${wallets.refunded} fen of a WeChat payment refunded (${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
};

/** Starts once `stockReady` settles and reports on the console; nothing waits for it. */
export const seedOrders = (call: SeedCall, token: string, storesByCode: ReadonlyMap<string, string>, fleet: SeedCloud, stockReady: Promise<unknown>): Promise<void> =>
  stockReady.then(() => seed(call, token, storesByCode, fleet)).catch((error: Error) => console.error(`Seeding orders failed: ${error.message}`));
