// The API reference (docs/openapi.json) is generated from the code and must stay current: every
// manifest route is in it, with the path parameters its URL names, and public routes ask for no token.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { manifest } from '../../infra/manifest.ts';
import { loadRouteContracts } from '../../tools/openapi/route-contracts.ts';
import { openApiDocument } from '../../tools/openapi/openapi-document.ts';

type Operation = { operationId: string; security?: unknown[]; parameters: { name: string; in: string }[]; requestBody?: unknown };
let document: ReturnType<typeof openApiDocument>;
const root = fileURLToPath(new URL('../../', import.meta.url));
const httpRoutes = Object.entries(manifest.functions).flatMap(([name, f]) => (f.trigger.type === 'http' ? [{ name, ...f.trigger }] : []));
const operation = (path: string, method: string) => (document.paths[path] as Record<string, Operation> | undefined)?.[method.toLowerCase()];

beforeAll(async () => {
  document = openApiDocument(await loadRouteContracts(manifest, root));
});

describe('docs/openapi.json', () => {
  it('is what `npm run openapi` writes from the code today', () => {
    expect(readFileSync(`${root}docs/openapi.json`, 'utf8')).toBe(`${JSON.stringify(document, null, 2)}\n`);
  });

  it.each(httpRoutes)('has $method $path with its path parameters', ({ name, method, path, access }) => {
    const op = operation(path, method);
    expect(op?.operationId).toBe(name);
    const named = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
    expect(op!.parameters.filter((p) => p.in === 'path').map((p) => p.name).sort()).toEqual(named.sort());
    if (access === 'public') expect(op!.security).toEqual([]);
    else expect(op!.security).toBeUndefined();
  });

  it('takes JSON bodies as their schemas say, and files as their content types', () => {
    expect(operation('/v1/stock/movements', 'POST')!.requestBody).toMatchObject({ content: { 'application/json': { schema: { required: ['locationId', 'type', 'lines'] } } } });
    expect(operation('/v1/stores:import', 'POST')!.requestBody).toEqual({ required: true, content: { 'text/csv': { schema: { type: 'string' } } } });
  });
});
