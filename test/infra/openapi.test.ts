// The API reference (docs/openapi.json) is generated from the code and must stay current: every
// manifest route is in it, with the path parameters its URL names, its success status and body
// schema, and public routes ask for no token.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { manifest } from '../../infra/manifest.ts';
import { loadRouteContracts } from '../../tools/openapi/route-contracts.ts';
import { openApiDocument } from '../../tools/openapi/openapi-document.ts';

type JsonSchema = Record<string, unknown>;
type Operation = {
  operationId: string;
  security?: unknown[];
  parameters: { name: string; in: string }[];
  requestBody?: unknown;
  responses: Record<string, { content?: Record<string, { schema: JsonSchema }>; $ref?: string }>;
};
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

  it.each(httpRoutes)('answers $method $path with one success status and its body schema', ({ method, path }) => {
    const success = Object.entries(operation(path, method)!.responses).filter(([status]) => status.startsWith('2'));
    expect(success.map(([status]) => status)).toHaveLength(1);
    const [status, response] = success[0]!;
    expect(['200', '201', '202']).toContain(status);
    const schema = response.content?.['application/json']?.schema;
    expect(schema && Object.keys(schema).length, `${method} ${path}: no success body schema`).toBeTruthy();
  });

  it('resolves every schema it refers to, and names the shared ones', () => {
    const text = JSON.stringify(document);
    const refs = new Set([...text.matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]!));
    expect([...refs].filter((id) => !(id in document.components.schemas))).toEqual([]);
    expect(operation('/v1/stores/{id}', 'GET')!.responses['200']!.content!['application/json']!.schema).toEqual({ $ref: '#/components/schemas/Store' });
    expect(document.components.schemas).toMatchObject({ Store: { required: expect.arrayContaining(['id', 'code', 'name', 'regionId', 'ownership', 'address']) } });
  });

  it('answers lists with API.md’s page: data and nextCursor', () => {
    const list = operation('/v1/stores', 'GET')!.responses['200']!.content!['application/json']!.schema;
    expect(list).toMatchObject({ properties: { data: { type: 'array', items: { $ref: '#/components/schemas/Store' } }, nextCursor: { type: ['string', 'null'] } }, required: ['data', 'nextCursor'] });
    expect(Object.keys(operation('/v1/stores', 'POST')!.responses)).toContain('201');
    expect(Object.keys(operation('/v1/stores:import', 'POST')!.responses)).toContain('202');
  });

  it('takes JSON bodies as their schemas say, and files as their content types', () => {
    expect(operation('/v1/stock/movements', 'POST')!.requestBody).toMatchObject({ content: { 'application/json': { schema: { required: ['locationId', 'type', 'lines'] } } } });
    expect(operation('/v1/stores:import', 'POST')!.requestBody).toEqual({ required: true, content: { 'text/csv': { schema: { type: 'string' } } } });
  });
});
