// Exactly-once money movement under random failures, against the real local engine and the WeChat
// Pay and Alipay sandboxes: payments by every sandbox test code (paid, declined, confirmed after
// polling, never confirmed), refunds of random amounts (some beyond what is left), crashes
// injected before the provider call and after its answer, client retries with the same ids (some
// racing the first attempt), and sweeps with the clock moved past their windows. Afterwards,
// once the sweepers have run: every payment and refund final; the sandboxes' own records show one
// trade per payment, charged exactly when ours succeeded, and refunds equal to ours, never beyond
// what was paid; each order's paid amount equal to its succeeded payments.
// `npm test` runs a few sequences; `npm run test:soak` runs many more.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { cloud, type TestTenant } from '../support/api.ts';
import { pricingKit, type PricedChain } from '../support/pricing.ts';
import { ok, placeOrder, stockedChain } from '../support/orders.ts';
import { runs } from '../support/soak.ts';
import { manualClock, useLocalEngine } from '../support/stock.ts';
import { sharedScope } from '../support/scope.ts';
import type { BarcodeProvider } from '../../domain/payments/providers/provider.ts';
import type * as Wallet from '../../domain/payments/wallet-payments.ts';
import type * as Sweep from '../../domain/payments/payment-sweep.ts';
import type * as Refunds from '../../domain/payments/wallet-refunds.ts';
import type * as PaymentRefunds from '../../domain/payments/payment-refunds.ts';

const SEQUENCES = runs(3, 60, process.env.PAYMENT_PROPERTY_RUNS);
const OPS = 10;

type WalletName = 'wechat' | 'alipay';
type Crash = 'none' | 'before_call' | 'after_answer';
type Op =
  | { kind: 'pay'; wallet: WalletName; code: '0000' | '0001' | '0002' | '0003'; crash: Crash; retry: 'none' | 'after' | 'racing'; quantity: number }
  | { kind: 'refund'; pick: number; share: number; crash: Crash; retry: boolean }
  | { kind: 'sweep' };

const { tenant } = pricingKit();
let t: TestTenant;
let c: PricedChain;
let wallet: typeof Wallet;
let sweep: typeof Sweep;
let refunds: typeof Refunds;
let paymentRefunds: typeof PaymentRefunds;
let real: (tenantId: string, w: WalletName) => BarcodeProvider;
let service: Wallet.WalletDeps['service'];
let newId: (kind: 'payment' | 'refund') => string;
let merchants: Record<WalletName, string>;

beforeAll(async () => {
  useLocalEngine();
  const { encodeMerchantKeys, wechatSandboxMchId, alipaySandboxAppId } = await import('../../domain/payments/providers/sandbox-merchants.ts');
  Object.assign(process.env, { PAYMENT_SANDBOX_URL: cloud().endpoints.payments, PAYMENT_SANDBOX_SECRET: cloud().paymentSandboxSecret, PAYMENT_SANDBOX_ALIPAY_KEYS: encodeMerchantKeys(cloud().alipaySandboxKeys) });
  (await import('../../domain/shared/runtime-env.ts')).resetRuntimeEnv();
  const { barcodeProviderFor } = await import('../../domain/payments/providers/registry.ts');
  real = (tenantId, w) => barcodeProviderFor(tenantId, w);
  [wallet, sweep, refunds, paymentRefunds] = await Promise.all([
    import('../../domain/payments/wallet-payments.ts'),
    import('../../domain/payments/payment-sweep.ts'),
    import('../../domain/payments/wallet-refunds.ts'),
    import('../../domain/payments/payment-refunds.ts'),
  ]);
  newId = (await import('../../domain/shared/ids.ts')).newId;
  const { createStockService } = await import('../../domain/inventory/stock-service.ts');
  service = createStockService(await sharedScope(cloud().tables.main));
  t = await tenant('pay-prop');
  c = await stockedChain(t, 2_000);
  merchants = { wechat: wechatSandboxMchId(cloud().paymentSandboxSecret, t.tenantId), alipay: alipaySandboxAppId(cloud().paymentSandboxSecret, t.tenantId) };
}, 120_000);

class Crashed extends Error {}
/** The real sandbox provider, dying once at `when` of its first pay or refund call. */
const crashing = (when: Crash) => {
  let armed = when !== 'none';
  return (tenantId: string, w: string): BarcodeProvider => {
    const p = real(tenantId, w as WalletName);
    const once = <A, R>(call: (a: A) => Promise<R>) => async (a: A): Promise<R> => {
      if (!armed) return call(a);
      armed = false;
      if (when === 'after_answer') await call(a);
      throw new Crashed(when);
    };
    return { ...p, payByCode: once(p.payByCode), refund: once(p.refund) };
  };
};

const ctx = () => ({ tenantId: t.tenantId, userId: t.adminId, role: 'hq_admin' as const, storeIds: [] });
const digits = (n: number) => Array.from({ length: n }, () => Math.floor(Math.random() * 10)).join('');
const authCode = (w: WalletName, last4: string) => `${w === 'wechat' ? '13' : '28'}${digits(12)}${last4}`;
type SandboxTrade = { outTradeNo: string; state: string; totalFee: number; refundedByReversal?: boolean; refunds: { outRefundNo: string; fee: number }[] };
const sandboxTrades = async (w: WalletName): Promise<SandboxTrade[]> => {
  const res = await fetch(`${cloud().endpoints.payments}/_sandbox/${w}/_trades?${w === 'wechat' ? 'mchId' : 'appId'}=${merchants[w]}`);
  return ((await res.json()) as { data: SandboxTrade[] }).data;
};
const settled = (r: PromiseSettledResult<unknown>) => r.status === 'fulfilled' || r.reason instanceof Crashed || (r.reason as { code?: string })?.code !== undefined;

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('pay' as const), wallet: fc.constantFrom<WalletName>('wechat', 'alipay'), code: fc.constantFrom('0000', '0000', '0001', '0002', '0003'), crash: fc.constantFrom<Crash>('none', 'before_call', 'after_answer'), retry: fc.constantFrom('none', 'after', 'racing'), quantity: fc.integer({ min: 1, max: 4 }) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('refund' as const), pick: fc.nat(), share: fc.double({ min: 0.05, max: 1.3, noNaN: true }), crash: fc.constantFrom<Crash>('none', 'before_call', 'after_answer'), retry: fc.boolean() }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'sweep' as const }) },
);

describe('payments and refunds under crashes, retries and sweeps', () => {
  it('end with every payment and refund final, charged and refunded exactly once at the provider', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: OPS, maxLength: OPS }), async (ops) => {
        const clock = manualClock(Date.now());
        const deps = (when: Crash) => ({ service, clock, sleep: async (ms: number) => void clock.advance(ms), providerFor: crashing(when) });
        const orders: string[] = [];
        const paid: { paymentId: string; orderId: string }[] = [];
        const sweepAll = async () => {
          clock.advance(Math.max(sweep.SWEEP_AFTER_MS, refunds.REFUND_SWEEP_AFTER_MS) + 1_000);
          await sweep.resolveWaitingPayments(t.tenantId, deps('none'));
          await refunds.resolveWaitingRefunds({ tenantId: t.tenantId }, deps('none'));
        };
        for (const op of ops) {
          if (op.kind === 'sweep') await sweepAll();
          else if (op.kind === 'pay') {
            const o = ok('order', await placeOrder(t.token, { storeId: c.stores.e1, channel: 'pos', lines: [{ skuId: c.skus.water, quantity: op.quantity }] }), 201);
            orders.push(o.id);
            const paymentId = newId('payment');
            const fields = { flow: 'barcode' as const, method: 'auto' as const, authCode: authCode(op.wallet, op.code) };
            const attempt = (when: Crash) => wallet.payWithWallet(ctx(), o.id, fields, paymentId, deps(when));
            const results = op.retry === 'racing' ? await Promise.allSettled([attempt(op.crash), attempt('none')]) : [await attempt(op.crash).then((v) => ({ status: 'fulfilled' as const, value: v }), (reason) => ({ status: 'rejected' as const, reason }))];
            if (op.retry === 'after') results.push(await attempt('none').then((v) => ({ status: 'fulfilled' as const, value: v }), (reason) => ({ status: 'rejected' as const, reason })));
            expect(results.every(settled)).toBe(true);
            paid.push({ paymentId, orderId: o.id });
          } else if (paid.length) {
            const target = paid[op.pick % paid.length]!;
            const { data: payment } = await service.entities.payment.get({ tenantId: t.tenantId, ...target }).go({ consistent: true });
            if (payment?.status !== 'succeeded') continue;
            const amount = Math.max(1, Math.round(payment.amount * op.share));
            const key = newId('refund');
            const ask = (when: Crash) => paymentRefunds.refundPayment(ctx(), payment.paymentId, { amount, reason: 'property' }, key, deps(when)).then(() => undefined, (e: unknown) => e);
            const outcomes = [await ask(op.crash), ...(op.retry ? [await ask('none')] : [])];
            for (const e of outcomes) if (e && !(e instanceof Crashed)) expect((e as { code?: string }).code).toMatch(/^(refund_exceeds_payment|invalid_state)$/);
          }
        }
        // The end: wallet refunds need a moment of real time at the WeChat sandbox; sweep until nothing waits.
        for (let i = 0; i < 6; i++) {
          await new Promise((r) => setTimeout(r, 600));
          await sweepAll();
          const waiting = await Promise.all([
            service.entities.payment.query.awaitingProvider({ tenantId: t.tenantId }).go({ pages: 'all' }),
            service.entities.refund.query.awaitingProvider({ tenantId: t.tenantId }).go({ pages: 'all' }),
          ]);
          if (waiting.every((w) => w.data.length === 0)) break;
        }
        const trades = new Map<string, SandboxTrade[]>();
        for (const w of ['wechat', 'alipay'] as const) for (const tr of await sandboxTrades(w)) trades.set(tr.outTradeNo, [...(trades.get(tr.outTradeNo) ?? []), tr]);
        for (const orderId of orders) {
          const [{ data: payments }, { data: orderRefunds }, { data: order }] = await Promise.all([
            service.entities.payment.query.byOrder({ tenantId: t.tenantId, orderId }).go({ pages: 'all' }),
            service.entities.refund.query.byOrder({ tenantId: t.tenantId, orderId }).go({ pages: 'all' }),
            service.entities.order.get({ tenantId: t.tenantId, orderId }).go({ consistent: true }),
          ]);
          const succeeded = payments.filter((p) => p.status === 'succeeded');
          expect(order!.paidAmount).toBe(succeeded.reduce((n, p) => n + p.amount, 0));
          expect(order!.paidAmount).toBeLessThanOrEqual(order!.total);
          for (const p of payments) {
            expect(p.status).not.toBe('processing');
            const atProvider = trades.get(p.outTradeNo) ?? [];
            expect(atProvider.length).toBeLessThanOrEqual(1);
            const charged = atProvider.some((x) => x.state === 'SUCCESS' && !x.refundedByReversal);
            expect({ payment: p.paymentId, charged }).toEqual({ payment: p.paymentId, charged: p.status === 'succeeded' });
            const mine = orderRefunds.filter((r) => r.paymentId === p.paymentId);
            expect(mine.every((r) => r.status !== 'processing')).toBe(true);
            const given = mine.filter((r) => r.status === 'succeeded').reduce((n, r) => n + r.amount, 0);
            const atProviderRefunded = (atProvider[0]?.refunds ?? []).reduce((n, r) => n + r.fee, 0);
            expect(atProviderRefunded).toBe(given);
            expect(p.refundedAmount).toBeLessThanOrEqual(p.amount);
            expect(given).toBeLessThanOrEqual(p.amount);
          }
        }
      }),
      { numRuns: SEQUENCES },
    );
  }, 600_000);
});
