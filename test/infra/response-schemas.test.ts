// Every HTTP function declares its success body as a zod schema (httpHandler's `response`), which
// the local cloud checks every answer against and docs/openapi.json carries. A response schema
// describes JSON as it is sent: nothing it accepts is transformed or defaulted on the way.
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { manifest } from '../../infra/manifest.ts';
import { loadRouteContracts, type HttpRoute } from '../../tools/openapi/route-contracts.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const httpFunctions = Object.entries(manifest.functions).flatMap(([name, f]) => (f.trigger.type === 'http' ? [{ name, entry: f.entry }] : []));
let routes: Map<string, HttpRoute>;

/** The JSON schema of both sides, minus what only output mode adds (closed objects). */
const sides = (schema: z.ZodType) =>
  (['input', 'output'] as const).map((io) => JSON.stringify(z.toJSONSchema(schema, { io, unrepresentable: 'throw' }), (key, value) => (key === 'additionalProperties' && value === false ? undefined : value)));

beforeAll(async () => {
  routes = new Map((await loadRouteContracts(manifest, root)).map((r) => [r.name, r]));
});

describe('response schemas', () => {
  it.each(httpFunctions)('$name ($entry) declares its success body and status', ({ name }) => {
    const { contract } = routes.get(name)!;
    expect(contract.response, `${name}: give httpHandler a \`response\` schema`).toBeInstanceOf(z.ZodType);
    expect([undefined, 200, 201, 202]).toContain(contract.status);
  });

  it.each(httpFunctions)('$name describes JSON as sent: no transform, default or unrepresentable type', ({ name }) => {
    const [input, output] = sides(routes.get(name)!.contract.response!);
    expect(output).toBe(input);
  });
});
