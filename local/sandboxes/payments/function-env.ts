// Points the functions that call a payment provider at the local sandboxes: the contract's
// PAYMENT_SANDBOX_ENV variables, for the manifest's payment callers only (infra/functions/orders.ts),
// on top of the local cloud's environment, as the Meituan sandbox's are (../meituan/function-env.ts).
import { PAYMENT_SANDBOX_ENV } from '../../../domain/shared/function-env.ts';
import type { FunctionSpec } from '../../../infra/manifest-schema.ts';
import { PAYMENT_CALLERS } from '../../../infra/functions/orders.ts';
import { encodeMerchantKeys, type AlipayMerchantKeys } from '../../../domain/payments/providers/sandbox-merchants.ts';

type FunctionEnvironment = (name: string, spec: FunctionSpec) => Record<string, string>;

export const withPaymentSandboxes = (env: FunctionEnvironment, url: string, secret: string, alipay: AlipayMerchantKeys): FunctionEnvironment => (name, spec) => ({
  ...env(name, spec),
  ...((PAYMENT_CALLERS as readonly string[]).includes(name)
    ? { [PAYMENT_SANDBOX_ENV.url]: url, [PAYMENT_SANDBOX_ENV.secret]: secret, [PAYMENT_SANDBOX_ENV.alipayKeys]: encodeMerchantKeys(alipay) }
    : {}),
});
