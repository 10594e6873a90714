// Functions of a chain's payment provider accounts (HQ): credentials sealed under the account key,
// never returned; in the local cloud, the sandboxes' merchant credentials.
import type { ManifestInput } from '../manifest-schema.ts';

const hq = ['hq_admin'] as const;
export const paymentProviderFunctions = {
  listPaymentProviders: {
    entry: 'functions/http/payment-providers/list-providers.ts',
    description: "The chain's payment providers: mode (sandbox or live), merchant id and whether payments through it are taken; never a secret",
    trigger: { type: 'http', method: 'GET', path: '/v1/payment-providers', access: [...hq] },
    bindings: { tables: { main: 'read' } },
  },
  setPaymentProvider: {
    entry: 'functions/http/payment-providers/set-provider.ts',
    description: "Set a payment provider's mode and, for live, the merchant's credentials in the provider's own terms: validated, stored encrypted, audited",
    trigger: { type: 'http', method: 'PUT', path: '/v1/payment-providers/{provider}', access: [...hq] },
    bindings: { tables: { main: 'readWrite' }, keys: { accountData: 'encrypt' } },
  },
  getSandboxCredentials: {
    entry: 'functions/http/payment-providers/sandbox-credentials.ts',
    description: "The merchant-side credentials of the chain at a provider's local sandbox, for pointing the provider's SDK at it (local cloud only; 404 elsewhere)",
    trigger: { type: 'http', method: 'GET', path: '/v1/payment-providers/{provider}/sandbox-credentials', access: [...hq] },
    bindings: { tables: { main: 'read' } },
  },
} as const satisfies ManifestInput['functions'];

