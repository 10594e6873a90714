// Exactly-once money movement when the paying or refunding request dies (wallet-payments.ts,
// payment-sweep.ts, wallet-refunds.ts): a crash is injected between writing the attempt and
// calling the provider, and after the provider has answered; the sweeper, run with a clock past
// the window, heals each by query, never by a second charge or refund: the sandbox's own records
// show one trade per payment, paid once, or reversed, or never made, and one refund per refund.
import { beforeAll, describe, expect, it } from 'vitest';
import { call, cloud, type TestTenant } from '../support/api.ts';
import { pricingKit, type PricedChain } from '../support/pricing.ts';
import { ok, placeOrder, stockedChain } from '../support/orders.ts';
import { manualClock, useLocalEngine } from '../support/stock.ts';
import { sharedScope } from '../support/scope.ts';
import type { BarcodeProvider } from '../../domain/payments/providers/provider.ts';
import type * as WalletModule from '../../domain/payments/wallet-payments.ts';
import type * as SweepModule from '../../domain/payments/payment-sweep.ts';
import type * as RefundModule from '../../domain/payments/wallet-refunds.ts';
import type * as PaymentRefundModule from '../../domain/payments/payment-refunds.ts';

type WalletDeps = WalletModule.WalletDeps;

const { tenant } = pricingKit();
let t: TestTenant;
let c: PricedChain;
let wallet: typeof WalletModule;
let sweep: typeof SweepModule;
let refunds: typeof RefundModule;
let paymentRefunds: typeof PaymentRefundModule;
let real: (tenantId: string) => BarcodeProvider;
let service: WalletDeps['service'];

beforeAll(async () => {
  useLocalEngine();
  // This process pays as the functions do: against the test cloud's sandbox.
  Object.assign(process.env, { PAYMENT_SANDBOX_URL: cloud().endpoints.payments, PAYMENT_SANDBOX_SECRET: cloud().paymentSandboxSecret });
  (await import('../../domain/shared/runtime-env.ts')).resetRuntimeEnv();
  const { barcodeProviderFor } = await import('../../domain/payments/providers/registry.ts');
  real = (tenantId) => barcodeProviderFor(tenantId, 'wechat');
  wallet = await import('../../domain/payments/wallet-payments.ts');
  sweep = await import('../../domain/payments/payment-sweep.ts');
  refunds = await import('../../domain/payments/wallet-refunds.ts');
  paymentRefunds = await import('../../domain/payments/payment-refunds.ts');
  const { createStockService } = await import('../../domain/inventory/stock-service.ts');
  service = createStockService(await sharedScope(cloud().tables.main));
  t = await tenant('recovery');
  c = await stockedChain(t, 30);
}, 120_000);

class Crash extends Error {}
/** The real sandbox provider, dying at the named point of the first payment call. */
const crashing = (when: 'before_call' | 'after_answer'): WalletDeps['providerFor'] => (tenantId) => {
  const provider = real(tenantId);
  return {
    ...provider,
    payByCode: async (order) => {
      if (when === 'before_call') throw new Crash('the function died before calling the provider');
      await provider.payByCode(order);
      throw new Crash('the function died after the provider answered');
    },
  };
};

const ctx = () => ({ tenantId: t.tenantId, userId: t.adminId, role: 'hq_admin' as const, storeIds: [] });
const code = (last4: string) => `13${String(Date.now()).slice(-12)}${last4}`;
const tillOrder = async () => ok('order', await placeOrder(t.token, { storeId: c.stores.e2, channel: 'pos', lines: [{ skuId: c.skus.cola330, quantity: 1 }] }), 201);
const order = async (id: string) => ok('order', await call('GET', `/v1/orders/${id}`, { token: t.token }));
const trades = async (outTradeNo: string) => {
  const { wechatSandboxMchId } = await import('../../domain/payments/providers/sandbox-merchants.ts');
  const res = await fetch(`${cloud().endpoints.payments}/_sandbox/wechat/_trades?mchId=${wechatSandboxMchId(cloud().paymentSandboxSecret, t.tenantId)}`);
  return ((await res.json()) as { data: { outTradeNo: string; state: string; refunds: { outRefundNo: string; fee: number }[] }[] }).data.filter((x) => x.outTradeNo === outTradeNo);
};

/** Pays with a crash injected, then sweeps once the clock is past the window; the payment's end. */
const crashThenSweep = async (when: 'before_call' | 'after_answer', last4: string) => {
  const clock = manualClock(Date.now());
  const o = await tillOrder();
  const { newId } = await import('../../domain/shared/ids.ts');
  const paymentId = newId('payment');
  const deps = { service, clock, sleep: async (ms: number) => clock.advance(ms) };
  await expect(wallet.payWithWallet(ctx(), o.id, { flow: 'barcode', method: 'auto', authCode: code(last4) }, paymentId, { ...deps, providerFor: crashing(when) })).rejects.toBeInstanceOf(Crash);
  expect(await order(o.id)).toMatchObject({ status: 'pending_payment', payments: [expect.objectContaining({ id: paymentId, status: 'processing' })] });
  // Too soon for the sweeper: a request may still be deciding it.
  expect(await sweep.resolveWaitingPayments(t.tenantId, { ...deps, providerFor: real })).toMatchObject({ resumed: 0 });
  clock.advance(sweep.SWEEP_AFTER_MS + 1_000);
  const swept = await sweep.resolveWaitingPayments(t.tenantId, { ...deps, providerFor: real });
  expect(swept).toMatchObject({ resumed: 1, decided: 1, stillProcessing: 0 });
  return { o, paymentId, after: await order(o.id), trades: await trades(paymentId) };
};

describe('a paying request that dies', () => {
  it('before the provider heard of the payment: the sweeper closes it, and nothing was charged', async () => {
    const { after, paymentId, trades } = await crashThenSweep('before_call', '0000');
    expect(after).toMatchObject({ status: 'pending_payment', paidAmount: 0, payments: [expect.objectContaining({ id: paymentId, status: 'failed', failureCode: 'never_reached_provider' })] });
    expect(trades).toEqual([]);
  });

  it('after the provider took the money: the sweeper finds it paid and pays the order, once', async () => {
    const { o, after, paymentId, trades } = await crashThenSweep('after_answer', '0000');
    expect(after).toMatchObject({ status: 'completed', paidAmount: o.total, payments: [expect.objectContaining({ id: paymentId, status: 'succeeded', providerTxnId: expect.any(String) })] });
    expect(trades).toEqual([expect.objectContaining({ state: 'SUCCESS' })]);
  });

  it('while the customer never confirmed: the sweeper reverses it at the provider', async () => {
    const { after, paymentId, trades } = await crashThenSweep('after_answer', '0003');
    expect(after).toMatchObject({ status: 'pending_payment', paidAmount: 0, payments: [expect.objectContaining({ id: paymentId, status: 'failed', failureCode: 'timeout_reversed' })] });
    expect(trades).toEqual([expect.objectContaining({ state: 'REVOKED' })]);
    // The order is free to be paid another way.
    ok('cash', await call('POST', '/v1/payments', { token: t.token, body: { orderId: after.id, flow: 'cash' }, headers: { 'idempotency-key': paymentId } }), 201);
  });
});

/** The real sandbox provider, dying at the named point of the first refund call. */
const crashingRefund = (when: 'before_call' | 'after_answer'): WalletDeps['providerFor'] => (tenantId) => {
  const provider = real(tenantId);
  return {
    ...provider,
    refund: async (request) => {
      if (when === 'after_answer') await provider.refund(request);
      throw new Crash(`the function died ${when === 'before_call' ? 'before calling' : 'after'} the provider`);
    },
  };
};

describe('a refunding request that dies', () => {
  it.each(['before_call', 'after_answer'] as const)('%s: the sweeper completes the one refund, and a retry finds it', async (when) => {
    const clock = manualClock(Date.now());
    // Real pauses too: the sandbox's refund takes half a second to reach the customer.
    const deps = { service, clock, sleep: async (ms: number) => (clock.advance(ms), new Promise<void>((r) => setTimeout(r, ms))) };
    const o = await tillOrder();
    const { newId } = await import('../../domain/shared/ids.ts');
    const payment = await wallet.payWithWallet(ctx(), o.id, { flow: 'barcode', method: 'auto', authCode: code('0000') }, newId('payment'), { ...deps, providerFor: real });
    const key = newId('refund');
    const request = { amount: 100, reason: 'crash test' };
    await expect(paymentRefunds.refundPayment(ctx(), payment.paymentId, request, key, { ...deps, providerFor: crashingRefund(when) })).rejects.toBeInstanceOf(Crash);
    expect(await order(o.id)).toMatchObject({ refundedAmount: 100, refunds: [expect.objectContaining({ status: 'processing', amount: 100 })] });
    expect(await refunds.resolveWaitingRefunds({ tenantId: t.tenantId }, { ...deps, providerFor: real })).toMatchObject({ resumed: 0 });
    clock.advance(refunds.REFUND_SWEEP_AFTER_MS + 1_000);
    expect(await refunds.resolveWaitingRefunds({ tenantId: t.tenantId }, { ...deps, providerFor: real })).toMatchObject({ resumed: 1, decided: 1, stillProcessing: 0 });
    const retried = await paymentRefunds.refundPayment(ctx(), payment.paymentId, request, key, { ...deps, providerFor: real });
    expect(retried).toMatchObject({ status: 'succeeded', amount: 100 });
    expect(await order(o.id)).toMatchObject({ refundedAmount: 100, refunds: [expect.objectContaining({ id: retried.id, status: 'succeeded' })] });
    expect((await trades(payment.outTradeNo))[0]!.refunds).toEqual([expect.objectContaining({ outRefundNo: retried.id, fee: 100 })]);
  });
});
