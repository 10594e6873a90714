import { describe, expect, it } from 'vitest';
import { Manifest } from '../../infra/manifest-schema.ts';
import { matchRoute, routesOf } from '../../local/routes.ts';

const fn = (method: string, path: string) => ({
  entry: 'functions/http/x.ts',
  description: path,
  trigger: { type: 'http', method, path, access: 'public' },
});

const manifest = Manifest.parse({
  service: 't',
  tables: {},
  queues: {},
  functions: {
    getStore: fn('GET', '/v1/stores/{id}'),
    importStores: fn('POST', '/v1/stores:import'),
    storeAction: fn('POST', '/v1/stores/{id}/{action}'),
    listStores: fn('GET', '/v1/stores'),
    proxy: fn('GET', '/v1/files/{path+}'),
  },
});
const routes = routesOf(manifest);

describe('routes', () => {
  it('matches literal paths, parameters and greedy parameters', () => {
    expect(matchRoute(routes, 'GET', '/v1/stores')?.route.functionName).toBe('listStores');
    expect(matchRoute(routes, 'GET', '/v1/stores/sto_1')).toMatchObject({ route: { functionName: 'getStore' }, pathParameters: { id: 'sto_1' } });
    expect(matchRoute(routes, 'POST', '/v1/stores/sto_1/close')?.pathParameters).toEqual({ id: 'sto_1', action: 'close' });
    expect(matchRoute(routes, 'GET', '/v1/files/a/b/c.csv')?.pathParameters).toEqual({ path: 'a/b/c.csv' });
  });

  it('prefers the more literal route and never matches across segments', () => {
    expect(matchRoute(routes, 'POST', '/v1/stores:import')?.route.functionName).toBe('importStores');
    expect(matchRoute(routes, 'GET', '/v1/stores/a/b')).toBeUndefined();
  });

  it('does not match another method or an unknown path', () => {
    expect(matchRoute(routes, 'DELETE', '/v1/stores/sto_1')).toBeUndefined();
    expect(matchRoute(routes, 'GET', '/v2/stores')).toBeUndefined();
  });

  it('decodes path parameters', () => {
    expect(matchRoute(routes, 'GET', '/v1/stores/a%20b')?.pathParameters).toEqual({ id: 'a b' });
  });
});
