import { describe, expect, it } from 'vitest';
import { call } from '../support/api.ts';

describe('GET /health', () => {
  it('reports every local component up', async () => {
    const res = await call('GET', '/health');
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('ok');
    for (const name of ['dynamodb', 'sqs', 'mqtt', 'gateway', 'stream:publishOutbox', 'sqs:recordDomainEvent'])
      expect(res.body.components[name]).toMatchObject({ status: 'up' });
  });

  it('serves the local identity provider JWKS', async () => {
    const res = await call('GET', '/.well-known/jwks.json');
    expect(res.body.keys).toEqual([expect.objectContaining({ kty: 'RSA', alg: 'RS256', use: 'sig', kid: expect.any(String) })]);
    expect(res.body.keys[0]).not.toHaveProperty('d');
  });
});
