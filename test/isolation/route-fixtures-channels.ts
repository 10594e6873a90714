// How the delivery-platform routes are aimed at tenant A (see route-fixtures.ts). HQ connects an
// app and lists stores and SKUs, so only another tenant's hq_admin reaches the handlers: its own
// app is connected (never A's), and A's stores and SKUs are not found. The webhook has no caller
// to isolate: a push's tenant is the one whose app signed it.
import { randomBytes, randomInt } from 'node:crypto';
import type { RouteFixture, RouteFixtures } from './fixture-types.ts';

const channel = { channel: 'meituan' };
const ownApp = () => ({ appId: String(randomInt(1e8, 1e9)), appSecret: `probe-${randomBytes(6).toString('hex')}`, pushUrl: 'https://probe.example/v1/channels/meituan/webhook' });

const webhook: RouteFixture = {
  exempt:
    "a platform's push names no caller: its tenant is the one whose connected app signed it; unsigned, forged or stale pushes are 401 with nothing written, and another chain's signed push for A's store code reaches none of A's stores (test/integration/delivery-webhook.test.ts)",
};

export const channelRouteFixtures: RouteFixtures = {
  'POST /v1/channels/{channel}/webhook': webhook,
  'GET /v1/channels/{channel}/webhook': webhook,
  'PUT /v1/channels/{channel}/credentials': {
    probes: [
      { label: 'its own app', otherTenant: 'allowed', request: () => ({ params: channel, body: ownApp() }) },
      // Tenant context comes from the token only: a tenantId in the body is ignored or refused.
      { label: 'naming tenant A in the body', otherTenant: 'either', request: (w) => ({ params: channel, body: { ...ownApp(), tenantId: w.a.tenantId } }) },
    ],
  },
  'PUT /v1/channels/{channel}/listings': {
    probes: [
      { label: "tenant A's store", otherTenant: 'not_found', request: (w) => ({ params: channel, body: { stores: [{ storeId: w.a.s1.id, listed: true }] } }) },
      { label: "tenant A's SKU", otherTenant: 'not_found', request: (w) => ({ params: channel, body: { skus: [{ skuId: w.a.catalog.skuIds[0]!, listed: true }] } }) },
      { label: 'its own SKU', otherTenant: 'allowed', request: (w) => ({ params: channel, body: { skus: [{ skuId: w.b.ownSkuId, listed: true }] } }) },
    ],
  },
};
