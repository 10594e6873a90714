// Functions of orders, payments (cash and the wallets) and fulfilment.
import type { ManifestInput } from '../manifest-schema.ts';
import type { paymentProviderFunctions } from './payment-providers.ts';

const creating = { tables: { main: 'readWrite', idempotency: 'readWrite' } } as const;
/** A function that may call a payment provider opens a live merchant account's keys. */
const paying = { ...creating, keys: { accountData: 'decrypt' } } as const;
const reading = { tables: { main: 'read' } } as const;
/** Who sells: store staff at their own stores (checked per order), and HQ. */
const sellers = ['hq_admin', 'store_manager', 'cashier', 'franchisee'] as const;
/** Who works a store's fulfilment tasks: its own staff only. */
const storeStaff = ['store_manager', 'cashier', 'franchisee'] as const;

export const orderFunctions = {
  createOrder: {
    entry: 'functions/http/orders/create-order.ts',
    description: "Place an order from the till, the mini-shop or a delivery platform: priced by the engine, stock held or sold, optionally paid (cash, or the customer's payment code)",
    trigger: { type: 'http', method: 'POST', path: '/v1/orders', access: [...sellers] },
    bindings: paying,
    // A checkout paid by payment code waits out the provider's window as POST /v1/payments does.
    timeoutSeconds: 45,
  },
  getOrder: {
    entry: 'functions/http/orders/get-order.ts',
    description: 'One order with its payments, refunds, fulfilment and returns',
    trigger: { type: 'http', method: 'GET', path: '/v1/orders/{id}', access: [...sellers] },
    bindings: reading,
  },
  listOrders: {
    entry: 'functions/http/orders/list-orders.ts',
    description: "A store's (or, for HQ, the chain's) orders by business day, newest first",
    trigger: { type: 'http', method: 'GET', path: '/v1/orders', access: [...sellers] },
    bindings: reading,
  },
  cancelOrder: {
    entry: 'functions/http/orders/cancel-order.ts',
    description: 'Cancel an order before handover: its hold released or its sale restocked, its payments refunded',
    trigger: { type: 'http', method: 'POST', path: '/v1/orders/{id}/cancel', access: [...sellers] },
    bindings: paying,
    // Its wallet refunds are asked for and queried for a few seconds (wallet-refunds.ts).
    timeoutSeconds: 20,
  },
  createOrderReturn: {
    entry: 'functions/http/orders/create-return.ts',
    description: 'Take goods back: some units of some lines restocked and refunded',
    trigger: { type: 'http', method: 'POST', path: '/v1/orders/{id}/returns', access: [...sellers] },
    bindings: paying,
    timeoutSeconds: 20,
  },
  createPayment: {
    entry: 'functions/http/payments/create-payment.ts',
    description: "Pay an order in cash or by the customer's payment code (WeChat Pay, Alipay): the attempt is recorded before the provider is called, an undecided one queried within the provider's window, then reversed; the order is paid once its payments cover it",
    trigger: { type: 'http', method: 'POST', path: '/v1/payments', access: [...sellers] },
    bindings: paying,
    // The provider's window for a customer confirming (30 s, wallet-payments.ts), then its reversal.
    timeoutSeconds: 45,
  },
  refundPayment: {
    entry: 'functions/http/payments/refund-payment.ts',
    description: "Give back part or all of one payment: recorded with the payment's and order's refunded amounts before its provider is asked, never more in total than was paid",
    trigger: { type: 'http', method: 'POST', path: '/v1/payments/{id}/refunds', access: ['hq_admin', 'store_manager', 'franchisee'] },
    bindings: paying,
    // A wallet's refund is asked for and queried for a few seconds (wallet-refunds.ts).
    timeoutSeconds: 20,
  },
  getPayment: {
    entry: 'functions/http/payments/get-payment.ts',
    description: 'One payment',
    trigger: { type: 'http', method: 'GET', path: '/v1/payments/{id}', access: [...sellers] },
    bindings: reading,
  },
  listFulfilments: {
    entry: 'functions/http/fulfilment/list-fulfilments.ts',
    description: "A store's pickup and delivery tasks, by status, oldest first",
    trigger: { type: 'http', method: 'GET', path: '/v1/fulfilments', access: [...sellers] },
    bindings: reading,
  },
  stepFulfilment: {
    entry: 'functions/http/fulfilment/step-fulfilment.ts',
    description: 'Pick, pack, hand over or complete a fulfilment task (store staff of its store)',
    trigger: { type: 'http', method: 'POST', path: '/v1/fulfilments/{id}/{action}', access: [...storeStaff] },
    bindings: { tables: { main: 'readWrite' } },
  },
  resolveWaitingPayments: {
    entry: 'functions/schedule/resolve-payments.ts',
    description: 'Resume the wallet payments and refunds left processing past their window, in every registered tenant: query, then settle, fail or reverse; ask again for a refund its provider never answered',
    trigger: { type: 'schedule', cron: '* * * * ? *' },
    // Reads the platform's sweep registry; resumes each tenant's payments with its vended scope.
    bindings: { tables: { main: 'readWrite' }, keys: { accountData: 'decrypt' } },
    timeoutSeconds: 60,
  },
} as const satisfies ManifestInput['functions'];


/** The functions that call a payment provider (the local cloud points them at its sandboxes). */
export const PAYMENT_CALLERS: readonly (keyof typeof orderFunctions | keyof typeof paymentProviderFunctions)[] = [
  'createOrder',
  'createPayment',
  'refundPayment',
  'cancelOrder',
  'createOrderReturn',
  'resolveWaitingPayments',
  // They show the sandbox's merchant ids and credentials.
  'listPaymentProviders',
  'setPaymentProvider',
  'getSandboxCredentials',
];
