// Functions of the delivery platforms (domain/channels/): the webhook their pushes reach, HQ's
// connection of a platform app and its listings, and the stock push back to the platforms.
import type { ManifestInput } from '../manifest-schema.ts';

// App secrets are sealed under the account-data key, as franchisees' bank accounts are: the
// cipher's context (tenant, record, field) keeps a ciphertext of one from opening as the other.
const pushBindings = { tables: { main: 'readWrite' }, keys: { accountData: 'encryptDecrypt' } } as const;

const webhook = (method: 'POST' | 'GET') =>
  ({
    entry: method === 'POST' ? 'functions/http/channels/receive-push.ts' : 'functions/http/channels/receive-push-by-get.ts',
    description:
      method === 'POST'
        ? "A delivery platform's signed push (order, cancel, refund, status), answered in its shape: the app's signature alone names the tenant (401 otherwise, nothing written); an order is placed and confirmed, or rejected with the platform's reason code"
        : 'The same push with its parameters in the query, as the platform sends some push types',
    trigger: { type: 'http', method, path: '/v1/channels/{channel}/webhook', access: 'public' },
    bindings: pushBindings,
    // An order is placed and the platform called before the push is answered.
    timeoutSeconds: 15,
  }) as const;

export const channelFunctions = {
  receiveChannelPush: webhook('POST'),
  receiveChannelPushByGet: webhook('GET'),
  setChannelCredentials: {
    entry: 'functions/http/channels/set-credentials.ts',
    description: "Connect the chain's platform app: app id, secret (stored encrypted, never returned) and the push URL as registered; audited",
    trigger: { type: 'http', method: 'PUT', path: '/v1/channels/{channel}/credentials', access: ['hq_admin'] },
    bindings: { tables: { main: 'readWrite' }, keys: { accountData: 'encrypt' } },
  },
  setChannelListings: {
    entry: 'functions/http/channels/set-listings.ts',
    description: 'List stores and SKUs on a platform (or take them off): what its stock is pushed for; audited',
    trigger: { type: 'http', method: 'PUT', path: '/v1/channels/{channel}/listings', access: ['hq_admin'] },
    bindings: { tables: { main: 'readWrite' } },
  },
  pushChannelStock: {
    entry: 'functions/stream/push-channel-stock.ts',
    description: "Push listed SKUs' sellable stock to the platforms after each stock, policy or listing change, within their rate limits",
    trigger: {
      type: 'stream',
      table: 'main',
      batchSize: 100,
      startingPosition: 'TRIM_HORIZON',
      filter: { eventNames: ['INSERT', 'MODIFY'], entities: ['stockLevel', 'stockShard', 'stockPolicy', 'channelSku', 'channelStore'] },
    },
    bindings: pushBindings,
    // Waiting out the platform's limits is part of the work: 5 calls a second per app.
    timeoutSeconds: 120,
  },
} as const satisfies ManifestInput['functions'];

/** The functions that call a platform's open API (the local cloud points them at its sandbox). */
export const PLATFORM_CALLERS: readonly (keyof typeof channelFunctions)[] = ['receiveChannelPush', 'receiveChannelPushByGet', 'pushChannelStock'];
