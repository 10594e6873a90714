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
    expect(res.body.keys.length).toBeGreaterThan(0);
    for (const key of res.body.keys) {
      expect(key).toEqual(expect.objectContaining({ kty: 'RSA', alg: 'RS256', use: 'sig', kid: expect.any(String) }));
      // Public halves only: no private exponent or CRT parameters.
      for (const secret of ['d', 'p', 'q', 'dp', 'dq', 'qi']) expect(key).not.toHaveProperty(secret);
    }
  });
});
