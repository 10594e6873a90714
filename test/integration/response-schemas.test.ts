// Every route's success body is checked against its declared schema in the test stage
// (httpHandler's `response`), so an answer that drifts from it fails the test that made the call.
// Proved on a fixture route that adds a field to the store view it declares
// (test/fixtures/functions/drifting-store.ts), beside the real route that answers the same store.
import { beforeAll, describe, expect, it } from 'vitest';
import { StoreView } from '../../domain/stores/schemas.ts';
import { DRIFTING_PATH } from '../fixtures/test-cloud-manifest.ts';
import { call, expectEnvelope, newTenant, seedStores, type TestTenant } from '../support/api.ts';

let chain: TestTenant;
let storeId: string;

beforeAll(async () => {
  chain = await newTenant('drift');
  storeId = (await seedStores(chain, 1)).stores[0]!.id;
});

describe('response schemas in the test stage', () => {
  it('pass an answer that is what the route declares', async () => {
    const res = await call('GET', `/v1/stores/${storeId}`, { token: chain.token });
    expect(res.status).toBe(200);
    expect(StoreView.strict().parse(res.body)).toEqual(res.body);
  });

  it('turn an answer with a field the schema does not declare into a generic 500', async () => {
    const res = await call('GET', DRIFTING_PATH(storeId), { token: chain.token });
    expectEnvelope(res, 500, 'internal');
    expect(JSON.stringify(res.body)).not.toContain('internalNote');
  });

  it('leave refusals alone: an unknown store is still 404', async () => {
    expectEnvelope(await call('GET', DRIFTING_PATH('sto_01JC0000000000000000000000'), { token: chain.token }), 404, 'not_found');
  });
});
